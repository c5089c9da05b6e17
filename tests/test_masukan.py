"""The drop folder's lifecycle (flows.mesin.masukan, flows.mesin.jalan with arsipkan) and output versions (flows.mesin.versi),
without the Prefect engine: complete files only, archive / rejection / duplicate folders, the ledger, resuming a
decision a crash cut short, and new sources never destroying the previous outputs."""
from __future__ import annotations

import json
import os
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest

from flows.mesin.berkas import bersihkan_sisa
from flows.mesin.masukan import Buku, Catatan, jejak, nama_sementara, pindai, sha256_berkas
from flows.setelan import Jalan, Opsi
from flows.mesin.jalan import Cara, jalankan
from flows.mesin.versi import FOLDER_RIWAYAT, NAMA_SUMBER, siapkan_folder

from tests.conftest import SAMPEL, SAMPEL_SEMUA

LAMA = time.time() - 120  # "copied two minutes ago": past the settle time


def _taruh(folder: Path, asal: Path | bytes, nama: str, mtime: float | None = LAMA) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / nama
    if isinstance(asal, bytes):
        p.write_bytes(asal)
    else:
        shutil.copyfile(asal, p)
    if mtime is not None:
        os.utime(p, (mtime, mtime))
    return p


def _buku(masuk: Path) -> list[dict]:
    return [json.loads(b) for b in (masuk / "arsip" / "buku.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("nama, sementara", [
    ("Renja.xlsx", False), ("Renja Sénduro 2024.xlsx", False), ("~$Renja.xlsx", True), (".~lock.Renja.xlsx#", True),
    (".Renja.xlsx.Ab12Cd", True), ("Renja.xlsx.part", True), ("Renja.xlsx.crdownload", True),
    ("Renja.xlsx.filepart", True), ("Renja.xlsx.tmp", True), ("Renja.xlsx~", True),
])
def test_nama_sementara_alat_salin_diabaikan(nama, sementara):
    assert nama_sementara(nama) is sementara


def test_pindai_memilah_isi_folder(tmp_path):
    masuk = tmp_path / "input"
    _taruh(masuk, SAMPEL, "siap.xlsx")
    _taruh(masuk, SAMPEL, "baru.xlsx", mtime=None)  # just written: still settling
    _taruh(masuk, b"%PDF-1.4", "surat.pdf")
    _taruh(masuk, SAMPEL, "Renja.xlsx.part")
    _taruh(masuk / "arsip", SAMPEL, "lama.xlsx")
    (masuk / "tautan.xlsx").symlink_to(SAMPEL)
    p = pindai(masuk, tenang=20)
    assert [x.name for x in p.siap] == ["siap.xlsx"]
    assert [x.name for x in p.menunggu] == ["baru.xlsx"]
    assert [x.name for x in p.tidak_didukung] == ["surat.pdf"]
    assert [x.name for x in p.tautan] == ["tautan.xlsx"]


def test_sha256_dan_jejak(tmp_path):
    import hashlib

    p = _taruh(tmp_path, SAMPEL, "a.xlsx")
    sha, j = sha256_berkas(p)
    assert sha == hashlib.sha256(SAMPEL.read_bytes()).hexdigest()
    assert j == jejak(p) == (SAMPEL.stat().st_size, p.stat().st_mtime_ns)


def test_buku_mengabaikan_baris_terpotong(tmp_path):
    b = Buku(tmp_path)
    b.catat(Catatan("abc", "a.xlsx", 1, "diproses", "arsip/2026-01-01/a.xlsx", "2026-01-01T01:00:00"))
    with open(b.path, "a", encoding="utf-8") as f:
        f.write('{"sha256": "def", "nama": "b.x')  # killed while appending
    baru = Buku(tmp_path)
    assert [c.sha256 for c in baru.catatan] == ["abc"]
    assert baru.diproses("abc").nama == "a.xlsx" and baru.diproses("def") is None


@pytest.fixture(scope="module")
def kiriman(tmp_path_factory):
    """One drop-folder run over a mix of files, then the same bytes dropped again under the same name."""
    root = tmp_path_factory.mktemp("kiriman")
    masuk, keluar = root / "input", root / "output"
    _taruh(masuk, SAMPEL_SEMUA, "Renja-Senduro-2024.xlsx")
    _taruh(masuk, SAMPEL_SEMUA, "salinan Sénduro.xlsx")  # the same bytes in the same delivery
    # still being copied through both runs: its modification time stays ahead of every scan of this fixture, however
    # long the first run takes on a loaded machine (written "now", it was taken by the second run under load)
    _taruh(masuk, SAMPEL_SEMUA, "masih-disalin.xlsx", mtime=time.time() + 3600)
    _taruh(masuk, b"bukan workbook", "palsu.xlsx")
    _taruh(masuk, b"%PDF-1.4 ...", "surat.pdf")
    _taruh(masuk, b"", "~$Renja-Senduro-2024.xlsx")
    (masuk / "passwd.xlsx").symlink_to("/etc/passwd")
    pertama = jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    _taruh(masuk, SAMPEL_SEMUA, "Renja-Senduro-2024.xlsx")  # dropped again next day
    kedua = jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    return masuk, keluar, pertama, kedua


def test_kiriman_yang_baik_diproses_dan_diarsipkan(kiriman):
    masuk, keluar, pertama, _ = kiriman
    hari = datetime.now().strftime("%Y-%m-%d")
    ok = [h for h in pertama if h.status == "ok"]
    assert [h.berkas for h in ok] == ["Renja-Senduro-2024.xlsx"]
    assert ok[0].tujuan == [f"input/arsip/{hari}/Renja-Senduro-2024.xlsx"]
    assert (masuk / "arsip" / hari / "Renja-Senduro-2024.xlsx").read_bytes() == SAMPEL_SEMUA.read_bytes()
    assert (keluar / "2024" / "lumajang" / "senduro" / "TC-33.xlsx").is_file()


def test_yang_ditolak_pindah_dengan_alasan(kiriman):
    masuk, _, pertama, _ = kiriman
    ditolak = masuk / "ditolak"
    assert sorted(p.name for p in ditolak.iterdir()) == [
        "palsu.xlsx", "palsu.xlsx.alasan.txt", "passwd.xlsx", "passwd.xlsx.alasan.txt", "surat.pdf",
        "surat.pdf.alasan.txt"]
    alasan = (ditolak / "palsu.xlsx.alasan.txt").read_text(encoding="utf-8")
    assert alasan.startswith("Berkas 'palsu.xlsx' ditolak.\nAlasan: Berkas 'palsu.xlsx' bukan lembar kerja Excel")
    assert "Laporan lengkap:" in alasan and "_gagal/palsu/laporan.html" in alasan
    assert "jenis berkas .pdf tidak didukung" in (ditolak / "surat.pdf.alasan.txt").read_text(encoding="utf-8")
    assert (ditolak / "passwd.xlsx").is_symlink()  # the link moved as a link, never followed
    assert os.readlink(ditolak / "passwd.xlsx") == "/etc/passwd"
    assert {h.berkas for h in pertama if h.status == "gagal"} == {"palsu.xlsx", "surat.pdf", "passwd.xlsx"}


def test_yang_belum_selesai_dan_nama_sementara_tetap_di_tempat(kiriman):
    masuk, _, pertama, _ = kiriman
    tersisa = sorted(p.name for p in masuk.iterdir() if p.is_file())
    assert tersisa == ["masih-disalin.xlsx", "~$Renja-Senduro-2024.xlsx"]
    assert [h.status for h in pertama if h.berkas == "masih-disalin.xlsx"] == ["menunggu"]


def test_duplikat_tidak_diproses_dua_kali_dan_operator_diberi_tahu(kiriman):
    masuk, keluar, pertama, kedua = kiriman
    dup = masuk / "duplikat"
    assert sorted(p.name for p in dup.iterdir()) == [
        "Renja-Senduro-2024.xlsx", "Renja-Senduro-2024.xlsx.keterangan.txt", "salinan Sénduro.xlsx",
        "salinan Sénduro.xlsx.keterangan.txt"]
    sama = [h for h in kedua if h.berkas == "Renja-Senduro-2024.xlsx"]
    assert [h.status for h in sama] == ["duplikat"]
    assert "sudah diproses pada" in sama[0].pesan and sama[0].folder == str(keluar / "2024" / "lumajang" / "senduro")
    assert "dalam kiriman yang sama" in (dup / "salinan Sénduro.xlsx.keterangan.txt").read_text(encoding="utf-8")
    assert not any(h.status == "ok" for h in kedua)


def test_buku_mencatat_setiap_keputusan(kiriman):
    masuk, *_ = kiriman
    catatan = _buku(masuk)
    assert sorted((c["nama"], c["status"]) for c in catatan) == [
        ("Renja-Senduro-2024.xlsx", "diproses"), ("Renja-Senduro-2024.xlsx", "duplikat"),
        ("palsu.xlsx", "ditolak"), ("passwd.xlsx", "ditolak"), ("salinan Sénduro.xlsx", "duplikat"),
        ("surat.pdf", "ditolak")]
    for c in catatan:  # every record says where the file is, and it is there
        assert (masuk / c["tujuan"]).exists() or (masuk / c["tujuan"]).is_symlink()


def test_keputusan_yang_terputus_diselesaikan(tmp_path):
    """Killed after the ledger line, before the move: the next run moves the file where the ledger says."""
    masuk = tmp_path / "input"
    p = _taruh(masuk, b"bukan workbook", "palsu.xlsx")
    sha, (ukuran, _) = sha256_berkas(p)
    Buku(masuk).catat(Catatan(sha, "palsu.xlsx", ukuran, "ditolak", "ditolak/palsu.xlsx", "2026-11-27T01:00:00",
                              None, "Berkas 'palsu.xlsx' ditolak.\nAlasan: uji"))
    hasil = jalankan(Jalan(masuk, tmp_path / "output", Opsi(), arsipkan=True, tunggu_kunci=0))
    assert [(h.berkas, h.status, h.tujuan) for h in hasil] == [
        ("palsu.xlsx", "dilanjutkan", ["input/ditolak/palsu.xlsx"])]
    assert (masuk / "ditolak" / "palsu.xlsx.alasan.txt").read_text(encoding="utf-8").endswith("Alasan: uji\n")
    assert len(_buku(masuk)) == 1  # not decided twice
    assert not (tmp_path / "output" / "_gagal").exists()  # not processed again


def test_berkas_berubah_nama_sama_jadi_versi_baru_tanpa_menghapus_yang_lama(tmp_path):
    masuk, keluar = tmp_path / "input", tmp_path / "output"
    _taruh(masuk, SAMPEL_SEMUA, "Senduro.xlsx")
    jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    folder = keluar / "2024" / "lumajang" / "senduro"
    tc29_lama = (folder / "TC-29.xlsx").read_bytes()
    sumber_lama = json.loads((folder / NAMA_SUMBER).read_text(encoding="utf-8"))
    _taruh(masuk, SAMPEL, "Senduro.xlsx")  # corrected file, same name: T-C.33 only this time
    hasil = jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    assert [h.status for h in hasil] == ["ok"]
    riwayat = folder / FOLDER_RIWAYAT / sumber_lama["dibuat"].replace(":", "-")
    assert (riwayat / "TC-29.xlsx").read_bytes() == tc29_lama  # the previous version kept whole
    assert json.loads((riwayat / NAMA_SUMBER).read_text(encoding="utf-8")) == sumber_lama
    assert (riwayat / "data" / "TC-29.csv").is_file()
    assert not (folder / "TC-29.xlsx").exists()  # the new version has T-C.33 only
    assert (folder / "TC-33.xlsx").is_file()
    sumber = json.loads((folder / NAMA_SUMBER).read_text(encoding="utf-8"))
    assert [b["nama"] for b in sumber["berkas"]] == ["Senduro.xlsx"]
    assert sumber["berkas"][0]["sha256"] != sumber_lama["berkas"][0]["sha256"]
    hari = datetime.now().strftime("%Y-%m-%d")
    assert sorted(p.name for p in (masuk / "arsip" / hari).iterdir()) == ["Senduro (2).xlsx", "Senduro.xlsx"]


def _cara(cara: str) -> Cara:
    """How `jalankan` is called: one by one with the plain functions, or as the flow does on several cores (the
    tasks' functions, with the gudang, through a ``sebar`` that calls them here)."""
    if cara == "urut":
        return Cara()
    from flows.pipeline import baca_task as baca_berkas_task, bagian_task as olah_kecamatan_task

    return Cara(baca=baca_berkas_task.fn, olah=olah_kecamatan_task.fn, lokal=True,
                sebar=lambda fungsi, daftar: [fungsi(*a) for a in daftar])


@pytest.mark.parametrize("cara", ["urut", "lokal"])
def test_tabel_kiriman_sebelumnya_tetap_dipakai_bila_berkas_lain(tmp_path, cara):
    """A kecamatan sends all its tables, then a corrected T-C.33 alone under another name: the new version takes
    T-C.33 from the new file and keeps the other tables from the archived first file (not moved again)."""
    masuk, keluar = tmp_path / "input", tmp_path / "output"
    _taruh(masuk, SAMPEL_SEMUA, "Senduro-lengkap.xlsx")
    jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0), _cara(cara))
    folder = keluar / "2024" / "lumajang" / "senduro"
    tc29_lama = (folder / "data" / "TC-29.csv").read_bytes()
    _taruh(masuk, SAMPEL, "Senduro-TC33-perbaikan.xlsx")
    hasil = jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0), _cara(cara))
    assert [(h.berkas, h.status) for h in hasil] == [("Senduro-TC33-perbaikan.xlsx, Senduro-lengkap.xlsx", "ok")]
    hari = datetime.now().strftime("%Y-%m-%d")
    assert hasil[0].tujuan == [f"input/arsip/{hari}/Senduro-TC33-perbaikan.xlsx"]
    assert sorted(p.name for p in (folder / "data").glob("*.csv")) == ["TC-29.csv", "TC-30.csv", "TC-31.csv",
                                                                       "TC-32.csv", "TC-33.csv", "TabelIV-1.csv"]
    assert (folder / "data" / "TC-29.csv").read_bytes() == tc29_lama
    info = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
    asal = {t["tabel"]: t["berkas"] for t in info["daftar_tabel"]}
    assert asal["T-C.33"] == "Senduro-TC33-perbaikan.xlsx" and asal["T-C.29"] == "Senduro-lengkap.xlsx"
    assert [t for t in info["temuan"] if t["aturan"] == "tabel-ganda"] == []  # T-C.33 of the old file left out
    sumber = json.loads((folder / NAMA_SUMBER).read_text(encoding="utf-8"))
    assert [b["nama"] for b in sumber["berkas"]] == ["Senduro-TC33-perbaikan.xlsx", "Senduro-lengkap.xlsx"]
    assert len(list((folder / FOLDER_RIWAYAT).iterdir())) == 1  # the first version kept whole
    assert sorted(p.name for p in (masuk / "arsip" / hari).iterdir()) == ["Senduro-TC33-perbaikan.xlsx",
                                                                          "Senduro-lengkap.xlsx"]
    assert [(c["nama"], c["status"]) for c in _buku(masuk)] == [("Senduro-lengkap.xlsx", "diproses"),
                                                                ("Senduro-TC33-perbaikan.xlsx", "diproses")]
    # the same delivery again: nothing new, the same outputs
    _taruh(masuk, SAMPEL, "Senduro-TC33-perbaikan.xlsx")
    jalan = Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0)
    assert [h.status for h in jalankan(jalan, _cara(cara))] == ["duplikat"]


def test_tabel41_sendiri_kemudian_bergabung_dengan_kecamatan_yang_sudah_ada(tmp_path):
    """Tabel 4.1 alone names no kecamatan; sent in a later delivery it still joins Senduro by its file name (the
    kecamatan known from the outputs), and Senduro's other tables stay."""
    from tools.buat_sampel import tulis_tabel

    masuk, keluar = tmp_path / "input", tmp_path / "output"
    _taruh(masuk, SAMPEL, "Senduro-TC33.xlsx")
    jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    masuk.joinpath("Senduro-Tabel-4.1.csv").parent.mkdir(parents=True, exist_ok=True)
    tulis_tabel(masuk / "Senduro-Tabel-4.1.csv", "Tabel 4.1", dialek="excel-id")
    os.utime(masuk / "Senduro-Tabel-4.1.csv", (LAMA, LAMA))
    hasil = jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    folder = keluar / "2024" / "lumajang" / "senduro"
    assert [(h.berkas, h.status, h.folder) for h in hasil] == [
        ("Senduro-Tabel-4.1.csv, Senduro-TC33.xlsx", "ok", str(folder))]
    assert sorted(p.name for p in (folder / "data").glob("*.csv")) == ["TC-33.csv", "TabelIV-1.csv"]
    assert not (keluar / "tanpa-tahun").exists()
    info = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
    assert "wilayah-dari-nama" in {t["aturan"] for t in info["temuan"]}


def test_sumber_sama_ditulis_ulang_di_tempat(tmp_path):
    folder = tmp_path / "senduro"
    sumber = [{"nama": "a.xlsx", "ukuran": 3, "sha256": "abc"}]
    assert siapkan_folder(folder, sumber, datetime(2026, 11, 1, 1, 0, 0)) is None
    (folder / "TC-33.xlsx").write_bytes(b"v1")
    assert siapkan_folder(folder, sumber, datetime(2026, 11, 2, 1, 0, 0)) is None
    assert (folder / "TC-33.xlsx").read_bytes() == b"v1" and not (folder / FOLDER_RIWAYAT).exists()
    baru = [{"nama": "a.xlsx", "ukuran": 3, "sha256": "def"}]
    tujuan = siapkan_folder(folder, baru, datetime(2026, 11, 3, 1, 0, 0))
    assert tujuan == folder / FOLDER_RIWAYAT / "2026-11-01T01-00-00"
    assert (tujuan / "TC-33.xlsx").read_bytes() == b"v1"


def test_keluaran_tanpa_sumber_json_juga_disimpan(tmp_path):
    folder = tmp_path / "senduro"
    folder.mkdir()
    (folder / "TC-33.xlsx").write_bytes(b"versi lama")
    os.utime(folder / "TC-33.xlsx", (1700000000, 1700000000))
    tujuan = siapkan_folder(folder, [{"nama": "a.xlsx", "ukuran": 1, "sha256": "x"}], datetime(2026, 1, 1))
    assert tujuan.name.endswith("-tanpa-sumber")
    assert (tujuan / "TC-33.xlsx").read_bytes() == b"versi lama"


def test_sisa_tulisan_run_terputus_dibersihkan(tmp_path):
    (tmp_path / "a" / "data").mkdir(parents=True)
    sisa = [tmp_path / "a" / ".TC-33.k2j3h4.tmp.xlsx", tmp_path / "a" / "data" / ".TC-33.x1.tmp.csv"]
    tetap = [tmp_path / "a" / "TC-33.xlsx", tmp_path / "a" / ".renja.lock", tmp_path / "a" / "catatan.tmp.txt"]
    for p in (*sisa, *tetap):
        p.write_bytes(b"x")
    assert sorted(bersihkan_sisa(tmp_path)) == sorted(sisa)
    assert all(p.exists() for p in tetap) and not any(p.exists() for p in sisa)


@pytest.mark.parametrize("cara", ["urut", "lokal"])
def test_gudang_kosong_bagian_demi_bagian(tmp_path, monkeypatch, cara):
    """The tables kept on disk between reading and their part (flows.mesin.jalan._Gudang) leave it as each part
    ends, not all at the end of the run: when the second part starts, the first part's files are gone already, and
    the folder is empty when the run ends."""
    from flows.mesin import jalan as mesin_jalan
    from tools.generator import POLOS, buat_per_kecamatan

    monkeypatch.setenv("RENJA_POTONGAN", "1")  # one kecamatan per part
    masuk, keluar = tmp_path / "input", tmp_path / "output"
    buat_per_kecamatan(2, masuk, seed=3, campuran=POLOS, xls=False)
    lepas, akhir = [], []
    asli_lepas, asli_keluar = mesin_jalan._Gudang.lepas, mesin_jalan._Gudang.__exit__

    def catat_lepas(bacaan):
        letak = [b.disimpan[0] for g in bacaan for b in g]
        folder = Path(letak[0]).parent
        lepas.append((sorted(p.name for p in folder.iterdir()), [Path(x).name for x in letak]))
        asli_lepas(bacaan)

    def catat_keluar(self, *a):
        akhir.append(sorted(Path(self._folder.name).iterdir()))
        asli_keluar(self, *a)

    monkeypatch.setattr(mesin_jalan._Gudang, "lepas", staticmethod(catat_lepas))
    monkeypatch.setattr(mesin_jalan._Gudang, "__exit__", catat_keluar)
    hasil = jalankan(Jalan(masuk, keluar, Opsi(), tunggu_kunci=0), _cara(cara))
    assert [h.status for h in hasil] == ["ok", "ok"]
    (ada_1, milik_1), (ada_2, milik_2) = lepas
    assert milik_1 and milik_2 and not set(milik_1) & set(milik_2)
    assert sorted(milik_1 + milik_2) == ada_1  # the first part lets go while the second's still wait
    assert ada_2 == sorted(milik_2)  # the second finds the first's gone
    assert akhir == [[]]


def test_gudang_run_yang_mati_disapu(tmp_path, monkeypatch):
    """The gudang folders of killed runs (their process gone) are removed by the next run, in the background when it
    makes its own; those of running processes and other names stay."""
    import subprocess
    import sys
    import threading

    from flows.mesin import jalan as mesin_jalan

    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    hidup = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mati = tmp_path / f"renja-bacaan-{p.pid}-abc"
        (mati / "sub").mkdir(parents=True)
        (mati / "1.pickle").write_bytes(b"x")
        tetap = [tmp_path / f"renja-bacaan-{hidup.pid}-def", tmp_path / f"renja-bacaan-{os.getpid()}-ghi",
                 tmp_path / "renja-bacaan-tanpapid", tmp_path / "lain-123-x"]
        for f in tetap:
            f.mkdir()
        assert mesin_jalan.sapu_gudang_yatim(tmp_path) == [mati]
        assert sorted(tmp_path.iterdir()) == sorted(tetap)
    finally:
        hidup.kill()
        hidup.wait()
    disapu = threading.Event()
    monkeypatch.setattr(mesin_jalan, "sapu_gudang_yatim", lambda: disapu.set())
    monkeypatch.setattr(mesin_jalan.tempfile, "tempdir", str(tmp_path))
    with mesin_jalan._Gudang() as gudang:
        letak = Path(gudang.tempat())
        assert letak.parent.name.startswith(f"renja-bacaan-{os.getpid()}-") and letak.parent.parent == tmp_path
        assert disapu.wait(30)
