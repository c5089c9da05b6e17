"""Pulling the plug: a run killed with SIGKILL at any moment leaves no partial or corrupt output and no lost input,
and the next run completes the work — with the same outputs as a run that was never interrupted.

The cuts are made at exact places with the crash hook ``RENJA_MATI_DI`` (flows.mesin.berkas.titik_uji), one after the
other on the same folders — while an output is written (early and later in the run), after a ledger line and before
its move — each killed run starting from what the one before left, then a run that completes; half-way through keeping the previous version, from a finished run's folders; and once at a random
moment of a whole ``renja run --arsipkan`` with the Prefect engine (the session's server), its process group killed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPO, SAMPEL, SAMPEL_SEMUA

LAMA = time.time() - 120
SKRIP = ("import sys; from pathlib import Path; from flows.setelan import Jalan; from flows.mesin.jalan import jalankan\n"
         "jalankan(Jalan(Path(sys.argv[1]), Path(sys.argv[2]), arsipkan=True, tunggu_kunci=60))\n")


def _varian(tujuan: Path, kecamatan: str) -> Path:
    """The shipped sample as another kecamatan sent it: its name replaced in the shared strings."""
    with zipfile.ZipFile(SAMPEL_SEMUA) as z, zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/sharedStrings.xml":
                teks = data.decode("utf-8").replace("SENDURO", kecamatan.upper()).replace("Senduro", kecamatan)
                data = teks.encode("utf-8")
            baru.writestr(info, data)
    return tujuan


def _isi_masukan(masuk: Path, varian: dict[str, Path]) -> None:
    masuk.mkdir(parents=True)
    for nama, asal in varian.items():
        shutil.copyfile(asal, masuk / nama)
        os.utime(masuk / nama, (LAMA, LAMA))


@pytest.fixture(scope="module")
def varian(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("varian")
    return {"Senduro.xlsx": SAMPEL_SEMUA, "Pasrujambe.xlsx": _varian(d / "p.xlsx", "Pasrujambe"),
            "rusak.xlsx": _tulis(d / "rusak.xlsx", SAMPEL_SEMUA.read_bytes()[:5000])}


def _tulis(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def _jalan(masuk: Path, keluar: Path, mati_di: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RENJA_MATI_DI"}
    if mati_di:
        env["RENJA_MATI_DI"] = mati_di
    return subprocess.run([sys.executable, "-c", SKRIP, str(masuk), str(keluar)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def _jalan_di_sini(masuk: Path, keluar: Path) -> None:
    """A run nothing cuts, in this process (its warm worker pool): what SKRIP runs, raising if it fails."""
    from flows.mesin.jalan import jalankan
    from flows.setelan import Jalan

    jalankan(Jalan(masuk, keluar, arsipkan=True, tunggu_kunci=60))


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _masukan_utuh(masuk: Path, varian: dict[str, Path]) -> None:
    """Every input's bytes are still somewhere under input/ (drop folder, archive, rejected, duplicate)."""
    ada = {_sha(p) for p in masuk.rglob("*") if p.is_file() and not p.name.endswith((".txt", ".jsonl", ".lock"))}
    assert {_sha(p) for p in varian.values()} <= ada


def _keluaran_utuh(keluar: Path) -> None:
    """Every visible output file is whole: workbooks are valid zips, CSV and JSON parse, reports are complete."""
    for p in keluar.rglob("*"):
        if not p.is_file() or p.name.startswith("."):
            continue
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                assert z.testzip() is None, p
        elif p.suffix == ".csv":
            pd.read_csv(p)
        elif p.suffix == ".json":
            json.loads(p.read_text(encoding="utf-8"))
        elif p.suffix == ".html":
            assert p.read_text(encoding="utf-8").rstrip().endswith("</html>"), p


def _data(keluar: Path) -> dict[str, bytes]:
    """The outputs that do not carry the run's time: tidy data, and the kabupaten's rekap (refreshed after a
    drop-folder run, also after a killed one) without its column of processing times."""
    from flows.rekap.segarkan import kabupaten_basi

    assert kabupaten_basi(keluar) == []  # every kabupaten's rekap and page are as new as its kecamatan outputs
    data = {}
    for p in sorted(keluar.rglob("*.csv")):
        if "riwayat" in p.parts:
            continue
        data[str(p.relative_to(keluar))] = p.read_bytes()
        if p.name == "status.csv" and p.parent.name == "_rekap":
            tanpa_waktu = pd.read_csv(p, dtype=str, keep_default_na=False).drop(columns=["dibuat"])
            data[str(p.relative_to(keluar))] = tanpa_waktu.to_csv(index=False).encode()
    return data


def _nasib(masuk: Path) -> list[tuple[str, str]]:
    """(ledger status, file name) of every decision, without dates."""
    baris = (masuk / "arsip" / "buku.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((c["status"], c["nama"]) for c in map(json.loads, baris))


@pytest.fixture(scope="module")
def rujukan(tmp_path_factory, varian):
    """A run never interrupted: what every recovered run must end with (its data, its ledger, its folder)."""
    d = tmp_path_factory.mktemp("rujukan")
    _isi_masukan(d / "input", varian)
    _jalan_di_sini(d / "input", d / "output")
    return _data(d / "output"), _nasib(d / "input"), d


# Each reached from the state the one before left: outputs half written (the 3rd replacement, then the 9th of a run
# that starts again), then the second ledger line written and its file not moved — the first decision of that run
# settled (moved), the second to be completed by the next run.  (After it only one decision is left to interrupt,
# so the first ledger line is not cut separately: its state — a decision recorded, its file not moved — is part of
# this one's.)
TITIK = ("sebelum-ganti:3", "sebelum-ganti:9", "setelah-buku:2")


def test_mati_di_tengah_lalu_run_berikut_menyelesaikan(tmp_path, varian, rujukan):
    """Killed at each point of TITIK in turn, every run starting from what the killed one before it left: after
    each kill nothing is partial or lost; the run after the last one completes the work."""
    masuk, keluar = tmp_path / "input", tmp_path / "output"
    _isi_masukan(masuk, varian)
    for titik in TITIK:
        mati = _jalan(masuk, keluar, titik)
        assert mati.returncode == -signal.SIGKILL, (titik, mati.stderr)
        _masukan_utuh(masuk, varian)
        _keluaran_utuh(keluar)
    _jalan_di_sini(masuk, keluar)
    assert not [p for p in keluar.rglob(".*.tmp*")]  # the leftovers of the killed run are gone
    _masukan_utuh(masuk, varian)
    _keluaran_utuh(keluar)
    data, nasib, _ = rujukan
    assert _data(keluar) == data
    assert _nasib(masuk) == nasib
    assert sorted(p.name for p in masuk.iterdir() if p.is_file()) == []  # every file settled


def test_mati_saat_menyimpan_versi_lama(tmp_path, rujukan):
    """From a finished run's folders (a copy of the reference run's): a corrected file under the same name, the run
    killed half-way through keeping the previous version, then run again."""
    masuk, keluar = tmp_path / "input", tmp_path / "output"
    shutil.copytree(rujukan[2] / "input", masuk)
    shutil.copytree(rujukan[2] / "output", keluar)
    folder = keluar / "2024" / "lumajang" / "senduro"
    lama = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    _isi_masukan_lagi = masuk / "Senduro.xlsx"
    shutil.copyfile(SAMPEL, _isi_masukan_lagi)  # a corrected file under the same name
    os.utime(_isi_masukan_lagi, (LAMA, LAMA))
    assert _jalan(masuk, keluar, "tengah-riwayat:3").returncode == -signal.SIGKILL
    _jalan_di_sini(masuk, keluar)
    riwayat = list((folder / "riwayat").iterdir())
    assert len(riwayat) == 1  # one previous version, completed in the same folder
    disimpan = {str(p.relative_to(riwayat[0])): p.read_bytes() for p in riwayat[0].rglob("*") if p.is_file()}
    assert disimpan == lama
    assert sorted(p.name for p in folder.glob("*.xlsx")) == ["TC-33.xlsx"]
    _keluaran_utuh(keluar)


@pytest.mark.prefect
def test_perintah_renja_dibunuh_di_waktu_acak_lalu_dijalankan_lagi(tmp_path, varian, rujukan, env_prefect,
                                                                  renja_di_sini):
    """The whole command on the session's Prefect server, killed (process group, SIGKILL) as soon as its first output
    appears plus a random delay, then started again (in this process)."""
    import random

    masuk, keluar = tmp_path / "input", tmp_path / "output"
    _isi_masukan(masuk, varian)
    renja = Path(sys.executable).with_name("renja")
    perintah = [str(renja), "run", "--input", str(masuk), "--output", str(keluar), "--arsipkan"]
    env = {**env_prefect, "RENJA_PEKERJA": "1"}  # one worker process: a second one's start (~5 CPU-s) adds nothing
    p = subprocess.Popen(perintah, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    batas = time.monotonic() + 300  # a bound on a hang only
    while time.monotonic() < batas and p.poll() is None and not any(keluar.rglob("*.xlsx")):
        time.sleep(0.05)
    time.sleep(random.Random(os.getpid()).uniform(0, 1.5))
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    _masukan_utuh(masuk, varian)
    _keluaran_utuh(keluar)
    # On a fast machine the kill may land after the run has taken every file: the rerun then has nothing to do.
    tertinggal = sorted(x.name for x in masuk.iterdir() if x.is_file())
    lagi = renja_di_sini(*perintah[1:])
    assert lagi.exit_code in (0, 3), (lagi.stderr, lagi.exception)  # 3 when the broken file's refusal is this run's
    if tertinggal:
        assert re.search(r"Ringkasan:", lagi.stdout), (tertinggal, lagi.stdout)
    else:
        assert "Tidak ada workbook yang diproses." in lagi.stdout, lagi.stdout
    _masukan_utuh(masuk, varian)
    _keluaran_utuh(keluar)
    data, nasib, _ = rujukan
    assert _data(keluar) == data
    assert _nasib(masuk) == nasib
