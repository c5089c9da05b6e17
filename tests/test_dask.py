"""``renja run --dask``: the same batch gives the same outputs with Prefect's thread runner and on a local Dask cluster
of two worker processes (both through the command: the thread runner in this process on the session's Prefect server,
the Dask run in a new process with the local server it starts itself — one cluster and one such server for the module), the work really spreads
over both workers, and the local Prefect server the command starts is gone afterwards.  Without the engine: the order of
the summary, one failing read or kecamatan as one failed line, and the drop folder's moves with ``sebar``."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import traceback
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from flows.langkah.baca import baca_berkas
from flows.langkah.bacaan import BacaanBerkas
from flows.mesin.jalan import BERKAS_PER_BACA, Cara, baca_beberapa, jalankan, ukuran_bacaan
from flows.mesin.sebar import SebarTidakSiap, alamat_lokal, pelari_tugas, port_bebas
from flows.setelan import Jalan, Setelan
from tests.conftest import REPO, SAMPEL_SEMUA, prefect_di

KECAMATAN = ("Senduro", "Pasrujambe", "Candipuro", "Pronojiwo")
LAMA = time.time() - 120  # past the drop folder's settle time
RENJA = Path(sys.executable).with_name("renja")
PID = re.compile(r"Task run '(baca|bagian)-[^']+' - Dikerjakan pekerja Dask (tcp://\S+) \(host \S+, pid (\d+)\)")


def _varian(tujuan: Path, kecamatan: str) -> Path:
    """The shipped sample as another kecamatan sent it: its name replaced in the shared strings."""
    with zipfile.ZipFile(SAMPEL_SEMUA) as z, zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = data.decode("utf-8").replace("SENDURO", kecamatan.upper()).replace("Senduro", kecamatan).encode()
            baru.writestr(info, data)
    return tujuan


def _masukan(folder: Path, nama: tuple[str, ...] = KECAMATAN) -> Path:
    folder.mkdir(parents=True)
    for k in nama:
        _varian(folder / f"{k}.xlsx", k)
        os.utime(folder / f"{k}.xlsx", (LAMA, LAMA))
    return folder


# ------------------------------------------------------------------------------- without the engine


def _sebar_dengan(gagal: dict[str, Exception], panggilan: list):
    """A ``sebar`` that runs every call here, records each batch, and ends the calls named in ``gagal`` (a file name
    or a kecamatan's name) with that exception, as a failed future would."""
    def sebar(fungsi, daftar):
        kunci = [", ".join(p.name for p in a[0]) if isinstance(a[0][0], Path) else a[3] for a in daftar]  # reads: files
        panggilan.append(kunci)
        return [gagal[k] if k in gagal else fungsi(*a) for k, a in zip(kunci, daftar)]
    return sebar


def _ringkas(hasil) -> list[tuple]:
    return [(h.berkas, h.status, h.galat, h.peringatan, h.pesan, h.tujuan,
             Path(h.folder).name if h.folder else None) for h in hasil]


@pytest.fixture(scope="module")
def dua_cara(tmp_path_factory):
    """The same drop folder processed one by one (baca/olah raising) and through ``sebar`` (their results the
    exceptions): a read of Bromo.xlsx and the kecamatan Pasrujambe fail."""
    hasil, panggilan = {}, []
    for cara in ("urut", "sebar"):
        root = tmp_path_factory.mktemp(cara)
        masuk = _masukan(root / "input", ("Senduro", "Pasrujambe", "Bromo"))
        if cara == "urut":
            def baca(paths, jalan):
                if paths[0].name == "Bromo.xlsx":
                    raise RuntimeError("pekerja hilang")
                return [baca_berkas(p, jalan.opsi) for p in paths]

            def olah(grups, jalan, w, nama, nom):  # two kecamatan: one part each (flows.mesin.jalan.ukuran_potongan)
                if nama.endswith("pasrujambe"):
                    raise OSError("disk penuh")
                from flows.langkah.bagian import olah_banyak
                return olah_banyak(grups, jalan.output, w, nom, jalan.digit_sub)
            h = jalankan(Jalan(masuk, root / "output", arsipkan=True, tunggu_kunci=0), Cara(baca=baca, olah=olah))
        else:
            sebar = _sebar_dengan({"Bromo.xlsx": RuntimeError("pekerja hilang"),
                                   "2024/lumajang/pasrujambe": OSError("disk penuh")}, panggilan)
            h = jalankan(Jalan(masuk, root / "output", arsipkan=True, tunggu_kunci=0), Cara(sebar=sebar))
        hasil[cara] = (masuk, root / "output", h)
    return hasil, panggilan


@pytest.mark.parametrize(("berkas", "serentak", "ukuran"), [
    (1, 2, 1), (3, 2, 1), (9, 1, 3), (9, 2, 2), (2950, 2, BERKAS_PER_BACA), (200, 2, BERKAS_PER_BACA),
    (2950, 64, 12), (100, 64, 1), (5, 0, 2)])
def test_ukuran_bacaan(berkas, serentak, ukuran):
    """Files per read task: each of the calls that run at once (workers, a Dask cluster's threads) gets at least
    four tasks, a task at most BERKAS_PER_BACA files."""
    assert ukuran_bacaan(berkas, serentak) == ukuran


def test_utas_dask_dari_klaster_pelari():
    """The flow sizes its reads on Dask by the cluster's threads (flows.pipeline._utas_dask); a runner that cannot
    say gives None (the run's worker processes then)."""
    from types import SimpleNamespace

    from flows.pipeline import _utas_dask

    klaster = SimpleNamespace(client=SimpleNamespace(nthreads=lambda: {"tcp://a:1": 4, "tcp://b:1": 2}))
    assert _utas_dask(klaster) == 6
    assert _utas_dask(SimpleNamespace()) is None


def test_baca_beberapa_satu_berkas_gagal_yang_lain_tetap_dibaca():
    """A read task's files are read one by one: one that raises gets its exception, the ones after it are read."""
    def baca(p: Path) -> str:
        if p.name == "b.xlsx":
            raise RuntimeError("rusak")
        return p.name

    hasil = baca_beberapa([Path("a.xlsx"), Path("b.xlsx"), Path("c.xlsx")], baca)
    assert hasil[0] == "a.xlsx" and hasil[2] == "c.xlsx"
    assert isinstance(hasil[1], RuntimeError) and str(hasil[1]) == "rusak"


def test_bacaan_beberapa_berkas_per_tugas_dan_tugas_hilang_tiap_berkasnya(tmp_path):
    """Nine files and one worker: three read tasks of three files, in order; a read task that ended with an exception
    (e.g. its worker lost) gives each of its three files that error's line, the other files their own."""
    masuk = tmp_path / "input"
    masuk.mkdir()
    for i in range(9):
        (masuk / f"k{i}.csv").write_text("bukan tabel\n", encoding="utf-8")
    panggilan: list = []

    def baca(paths, jalan):
        return [BacaanBerkas(p, [], {}, ("tabel-tidak-ditemukan", "")) for p in paths]

    def sebar(fungsi, daftar):
        panggilan.append([[p.name for p in a[0]] for a in daftar])
        return [RuntimeError("pekerja hilang") if a[0][0].name == "k3.csv" else fungsi(*a) for a in daftar]

    jalan = Jalan(masuk, tmp_path / "output", tunggu_kunci=0, setelan=Setelan({"RENJA_PEKERJA": "1"}))
    hasil = jalankan(jalan, Cara(baca=baca, sebar=sebar))
    assert panggilan == [[[f"k{i}.csv" for i in range(j, j + 3)] for j in (0, 3, 6)]]
    assert [h.berkas for h in hasil] == [f"k{i}.csv" for i in range(9)]
    hilang = [h.berkas for h in hasil if h.pesan == "Kesalahan tak terduga: RuntimeError: pekerja hilang"]
    assert hilang == ["k3.csv", "k4.csv", "k5.csv"]
    assert all(h.status == "gagal" for h in hasil)


def test_sebar_menyerahkan_semua_sekaligus(dua_cara):
    _, panggilan = dua_cara
    assert panggilan == [["Bromo.xlsx", "Pasrujambe.xlsx", "Senduro.xlsx"],
                         ["2024/lumajang/pasrujambe", "2024/lumajang/senduro"]]


def test_sebar_ringkasan_sama_dengan_urut_dan_galat_satu_baris(dua_cara):
    hasil, _ = dua_cara
    hari = time.strftime("%Y-%m-%d")
    urut, sebar = _ringkas(hasil["urut"][2]), _ringkas(hasil["sebar"][2])
    assert sebar == urut
    assert [(b, s, g, p, pesan) for b, s, g, p, pesan, *_ in sebar] == [
        ("Bromo.xlsx", "gagal", 1, 0, "Kesalahan tak terduga: RuntimeError: pekerja hilang"),
        ("Pasrujambe.xlsx", "gagal", 1, 0, "Kesalahan tak terduga: OSError: disk penuh"),
        ("Senduro.xlsx", "ok", 11, 61, "T-C.33, Tabel 4.1, T-C.31, T-C.29, T-C.30, T-C.32"),
    ]
    assert [t for *_, t, _ in sebar] == [["input/ditolak/Bromo.xlsx"], ["input/ditolak/Pasrujambe.xlsx"],
                                         [f"input/arsip/{hari}/Senduro.xlsx"]]


def test_sebar_memindah_berkas_di_proses_pemanggil(dua_cara):
    hasil, _ = dua_cara
    masuk, keluar, _ = hasil["sebar"]
    assert sorted(p.name for p in (masuk / "ditolak").iterdir()) == [
        "Bromo.xlsx", "Bromo.xlsx.alasan.txt", "Pasrujambe.xlsx", "Pasrujambe.xlsx.alasan.txt"]
    buku = [json.loads(b) for b in (masuk / "arsip" / "buku.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted((c["nama"], c["status"]) for c in buku) == [
        ("Bromo.xlsx", "ditolak"), ("Pasrujambe.xlsx", "ditolak"), ("Senduro.xlsx", "diproses")]
    # the kecamatan that failed have no folder; the kabupaten's rekap and page follow the run (drop-folder mode)
    assert sorted(p.name for p in (keluar / "2024" / "lumajang").iterdir()) == ["_rekap", "index.html", "senduro"]


def test__sebar_menyerahkan_dulu_lalu_mengumpulkan_berurutan():
    from flows.pipeline import _sebar

    kejadian = []

    class Masa:
        def __init__(self, n):
            self.n = n

        def result(self):
            kejadian.append(("hasil", self.n))
            if self.n == 2:
                raise ValueError("tugas gagal")
            return self.n * 10

    class Tugas:
        def submit(self, n):
            kejadian.append(("serah", n))
            return Masa(n)

    hasil = _sebar(Tugas(), [(1,), (2,), (3,)])
    assert hasil[0] == 10 and hasil[2] == 30
    assert isinstance(hasil[1], ValueError) and str(hasil[1]) == "tugas gagal"
    assert kejadian == [("serah", 1), ("serah", 2), ("serah", 3), ("hasil", 1), ("hasil", 2), ("hasil", 3)]


@pytest.mark.parametrize("alamat, lokal", [
    ("tcp://127.0.0.1:8786", True), ("tcp://localhost:8786", True), ("127.0.0.2:8786", True),
    ("tcp://[::1]:8786", True), ("tcp://dask.invalid:8786", False), ("tcp://192.0.2.7:8786", False),
])
def test_alamat_lokal(alamat, lokal):
    assert alamat_lokal(alamat) is lokal


def test_klaster_di_komputer_lain_perlu_prefect_api_url(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with pytest.raises(SebarTidakSiap) as e, pelari_tugas(False, "tcp://dask.invalid:8786"):
        pass
    assert e.value.status == 2 and str(e.value).startswith(
        "Klaster Dask tcp://dask.invalid:8786 ada di komputer lain: atur PREFECT_API_URL")


def test_tanpa_dask_tidak_ada_yang_dinyalakan(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with pelari_tugas(False) as pelari:
        assert pelari is None and "PREFECT_API_URL" not in os.environ


def test_cli_alamat_yang_tidak_menjawab(tmp_path):
    """Refused before the engine starts: in this process (typer's CliRunner)."""
    from typer.testing import CliRunner

    from flows.cli import app

    masuk = _masukan(tmp_path / "input", ("Senduro",))
    alamat = f"tcp://127.0.0.1:{port_bebas()}"
    out = CliRunner().invoke(app, ["run", "--input", str(masuk), "--output", str(tmp_path / "output"),
                                   "--dask-alamat", alamat], env={"PREFECT_API_URL": None})
    assert out.exit_code == 3
    assert f"Scheduler Dask di {alamat} tidak dapat dihubungi" in out.stderr
    assert not (tmp_path / "output").exists()


# ----------------------------------------------------------------------------------- with the engine


def _jalan(masuk: Path, keluar: Path, home: Path, *opsi: str) -> tuple[subprocess.CompletedProcess, int, float]:
    """``renja run`` in a new process, its Prefect state in ``home``, without the RENJA_DASK variables."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL" and not k.startswith("RENJA_DASK")}
    env["PREFECT_HOME"] = str(home)
    awal = time.monotonic()
    proses = subprocess.Popen([str(RENJA), "run", "--input", str(masuk), "--output", str(keluar), *opsi], cwd=REPO,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proses.communicate(timeout=300)
    except subprocess.TimeoutExpired:  # never left running after the test: its server and cluster end with it
        proses.kill()
        proses.communicate()
        raise
    return subprocess.CompletedProcess(proses.args, proses.returncode, stdout, stderr), proses.pid, \
        time.monotonic() - awal


def _jalan_di_sini(masuk: Path, keluar: Path, api: str, **lingkungan: str) -> tuple[subprocess.CompletedProcess,
                                                                                   int, float]:
    """``renja run`` in this process (typer's CliRunner, as tests/conftest.py's ``renja_di_sini``, for a module's
    fixture), on the Prefect server at ``api``, without the RENJA_DASK variables: its result as ``_jalan``'s (the
    log lines in stderr), with this process's id."""
    from typer.testing import CliRunner

    from flows.cli import app

    env = {**{k: None for k in os.environ if k.startswith("RENJA_DASK")}, **lingkungan}
    awal = time.monotonic()
    with prefect_di(api):
        out = CliRunner().invoke(app, ["run", "--input", str(masuk), "--output", str(keluar)], env=env)
    galat = "" if out.exception is None or isinstance(out.exception, SystemExit) else "".join(
        traceback.format_exception(out.exception))
    return subprocess.CompletedProcess(["renja", "run"], out.exit_code, out.stdout, out.stderr + galat), \
        os.getpid(), time.monotonic() - awal


@pytest.fixture(scope="module")
def dua_pelari(tmp_path_factory, prefect_api):
    root = tmp_path_factory.mktemp("dask")
    masuk = _masukan(root / "input")
    # the thread runner in this process (its warm worker pool: not a second command's start, ~8 CPU-s), with one
    # worker process: the outputs are the same with any number (tests/test_paralel.py), and a second worker would
    # cost its start (~5 CPU-s: the reading and checking modules loaded) for nothing here
    utas = _jalan_di_sini(masuk, root / "keluar-utas", prefect_api, RENJA_PEKERJA="1")
    dask = _jalan(masuk, root / "keluar-dask", root / "prefect-dask", "--dask", "--dask-pekerja", "2")
    return root, utas, dask


def _berkas(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _tanpa_waktu(p: Path) -> object:
    """A report's content without the generation time (``dibuat`` in the JSON files, 'Dibuat:' in laporan.html)."""
    if p.suffix == ".json":
        def buang(x):
            if isinstance(x, dict):
                return {k: buang(v) for k, v in x.items() if k != "dibuat"}
            return [buang(v) for v in x] if isinstance(x, list) else x
        return buang(json.loads(p.read_text(encoding="utf-8")))
    return re.sub(r"Dibuat: <b>[^<]*</b>", "Dibuat: -", p.read_text(encoding="utf-8"))


def _sel(p: Path) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_path(str(p))
    return {nama: wb.get_sheet_by_name(nama).to_python() for nama in wb.sheet_names}


@pytest.mark.prefect
def test_dask_dan_utas_selesai_dengan_status_0(dua_pelari):
    root, (utas, _, t_utas), (dask, _, t_dask) = dua_pelari
    assert utas.returncode == 0, utas.stderr[-3000:]
    assert dask.returncode == 0, dask.stderr[-3000:]
    print(f"\nwaktu: utas {t_utas:.1f} s, dask {t_dask:.1f} s")
    for out, keluar in ((utas, "keluar-utas"), (dask, "keluar-dask")):
        baris = [b.replace(str(root / keluar), "<keluar>") for b in out.stdout.splitlines() if b.startswith("  OK")]
        assert baris == [f"  OK    {k}.xlsx: 11 galat, 61 peringatan → <keluar>/2024/lumajang/{k.lower()}"
                         for k in sorted(KECAMATAN)]


@pytest.mark.prefect
def test_dask_keluaran_sama_dengan_utas(dua_pelari):
    root, *_ = dua_pelari
    a, b = root / "keluar-utas", root / "keluar-dask"
    berkas = _berkas(a)
    assert berkas == _berkas(b)
    kecamatan = sorted({Path(p).parts[2] for p in berkas if p.startswith("2024/")})
    assert kecamatan == sorted(k.lower() for k in KECAMATAN)
    per_kecamatan = sorted(str(Path(*Path(p).parts[3:])) for p in berkas if p.startswith("2024/lumajang/senduro/"))
    assert per_kecamatan == sorted(["TC-29.xlsx", "TC-30.xlsx", "TC-31.xlsx", "TC-32.xlsx", "TC-33.xlsx",
                                    "laporan.html", "sumber.json", "validasi.json",
                                    *(f"data/{t}.csv" for t in ("TC-29", "TC-30", "TC-31", "TC-32", "TC-33",
                                                                 "TabelIV-1"))])
    for rel in berkas:
        pa, pb = a / rel, b / rel
        if pa.suffix == ".csv":
            assert pa.read_bytes() == pb.read_bytes(), rel
        elif pa.suffix == ".xlsx":
            assert _sel(pa) == _sel(pb), rel
        elif pa.suffix in (".json", ".html"):
            assert _tanpa_waktu(pa) == _tanpa_waktu(pb), rel


@pytest.mark.prefect
def test_dask_benar_tersebar_ke_dua_proses_pekerja(dua_pelari):
    _, (utas, _, _), (dask, pid_cli, _) = dua_pelari
    catatan = PID.findall(dask.stderr)
    assert sorted(jenis for jenis, *_ in catatan) == ["baca"] * 4 + ["bagian"] * 4
    pids = {int(pid) for *_, pid in catatan}
    assert len(pids) == 2 and pid_cli not in pids
    assert len({alamat for _, alamat, _ in catatan}) == 2
    assert not PID.findall(utas.stderr)  # the thread runner calls the tasks in the command's own process


@pytest.mark.prefect
def test_dask_menyalakan_lalu_menghentikan_server_prefect(dua_pelari):
    from flows.mesin.layanan import api_sehat

    root, (utas, _, _), (dask, _, _) = dua_pelari
    url = re.search(r"Server Prefect lokal untuk Dask menyala di (http://127\.0\.0\.1:\d+/api)", dask.stderr)
    assert url, dask.stderr[-3000:]
    assert not api_sehat(url.group(1), 1.0)  # stopped with the command
    assert (root / "prefect-dask" / "prefect.db").is_file()  # the server's database in the run's own PREFECT_HOME
    assert "Server Prefect lokal" not in utas.stderr  # the thread runner starts no server for Dask
    assert "Starting temporary server" not in dask.stderr  # no embedded server, in the command or a worker
