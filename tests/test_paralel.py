"""A run on several cores: the pool of worker processes (flows.mesin.pekerja, ``RENJA_PEKERJA``) serves calls at once,
a crash-test point in a worker takes the whole run down as a crash would, and ``renja run`` with two workers
writes the same data as with one."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from flows.mesin.pekerja import jalankan_terisolasi, jumlah_pekerja
from tests.conftest import REPO



def tidur_lalu_pid(detik: float) -> int:  # runs in a worker: importable by name
    time.sleep(detik)
    return os.getpid()


def bertemu_lalu_pid(folder: str, n: int) -> int:  # runs in a worker
    """Leave this worker's mark in ``folder``, wait until ``n`` calls have left theirs (at most 120 s), then return
    the worker's process id: the calls were running at the same moment, however slow the machine."""
    Path(folder, str(os.getpid())).touch()
    batas = time.monotonic() + 120
    while len(list(Path(folder).iterdir())) < n and time.monotonic() < batas:
        time.sleep(0.02)
    return os.getpid()


def _serentak(n: int, fungsi, *args) -> list[int]:
    hasil: list[int] = []
    utas = [threading.Thread(target=lambda: hasil.append(jalankan_terisolasi(fungsi, *args))) for _ in range(n)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(300)
    return hasil


def test_dua_pekerja_melayani_bersamaan(monkeypatch, tmp_path):
    monkeypatch.setenv("RENJA_PEKERJA", "2")
    pid = _serentak(2, bertemu_lalu_pid, str(tmp_path), 2)
    assert len(pid) == 2 and len(set(pid)) == 2 and os.getpid() not in pid
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(map(str, pid))


def test_satu_pekerja_bergiliran(monkeypatch):
    monkeypatch.setenv("RENJA_PEKERJA", "1")
    pid = _serentak(2, tidur_lalu_pid, 1.0)
    assert len(pid) == 2 and len(set(pid)) == 1


def test_setelan_pekerja(monkeypatch):
    monkeypatch.delenv("RENJA_PEKERJA", raising=False)
    assert jumlah_pekerja() == (os.cpu_count() or 1)
    assert jumlah_pekerja({"RENJA_PEKERJA": "3"}) == 3
    for salah in ("0", "dua", "-1"):
        with pytest.raises(ValueError, match="RENJA_PEKERJA"):
            jumlah_pekerja({"RENJA_PEKERJA": salah})


_DITANDAI = False


def tandai() -> None:  # runs in a worker
    global _DITANDAI
    _DITANDAI = True


def ditandai() -> bool:  # runs in a worker
    return _DITANDAI


def test_panaskan_menyiapkan_pekerja_pertama(monkeypatch):
    """The command's head start (flows.mesin.pekerja.panaskan) runs in the worker the first call then gets."""
    from flows.mesin.pekerja import panaskan, pekerja_bawaan

    monkeypatch.setenv("RENJA_PEKERJA", "2")
    pekerja_bawaan().tutup()
    utas = panaskan(tandai)
    utas.join(60)
    assert jalankan_terisolasi(ditandai) is True


def tandai_mulai_lalu_tunggu(folder: str) -> None:  # runs in a worker (with ``nanti``: in a thread of its own)
    """Leave the mark ``mulai`` in ``folder``, wait until ``lanjut`` is there (at most 120 s), then mark the worker."""
    Path(folder, "mulai").touch()
    batas = time.monotonic() + 120
    while not Path(folder, "lanjut").exists() and time.monotonic() < batas:
        time.sleep(0.02)
    tandai()


def tanda_dan_pid() -> tuple[bool, int]:  # runs in a worker
    return _DITANDAI, os.getpid()


def _dalam_batas(fungsi, detik: float = 120):
    """``fungsi()`` in a thread; its result, or a failure when it has not returned within ``detik`` seconds."""
    hasil: list = []
    utas = threading.Thread(target=lambda: hasil.append(fungsi()), daemon=True)
    utas.start()
    utas.join(detik)
    assert hasil, f"no answer within {detik} s"
    return hasil[0]


def _sampai(syarat, detik: float = 120) -> None:
    batas = time.monotonic() + detik
    while not syarat():
        assert time.monotonic() < batas, "condition not reached"
        time.sleep(0.02)


def test_panaskan_nanti_menunggu_lalu_di_latar(monkeypatch, tmp_path):
    """With ``nanti`` (renja run: set once it waits for Prefect's server) the worker starts at once but warms up only
    once ``nanti`` is set, and in a thread of its own: with one worker allowed, a call made during the warm-up is
    answered by that same worker at once (the warm-up in the worker's loop would hold it until the warm-up ends)."""
    from functools import partial

    from flows.mesin.pekerja import panaskan, pekerja_bawaan

    monkeypatch.setenv("RENJA_PEKERJA", "1")
    pekerja_bawaan().tutup()
    mulai_sebelum = pekerja_bawaan().jumlah_mulai
    nanti = threading.Event()
    utas = panaskan(partial(tandai_mulai_lalu_tunggu, str(tmp_path)), nanti=nanti)
    ditandai_awal, pid = _dalam_batas(lambda: jalankan_terisolasi(tanda_dan_pid))
    assert not ditandai_awal and not (tmp_path / "mulai").exists()  # the worker answers; no warm-up before `nanti`
    nanti.set()
    _sampai((tmp_path / "mulai").exists)
    assert _dalam_batas(lambda: jalankan_terisolasi(tanda_dan_pid)) == (False, pid)  # mid-warm-up, same worker
    (tmp_path / "lanjut").touch()
    _sampai(lambda: jalankan_terisolasi(ditandai))
    utas.join(60)
    assert not utas.is_alive() and pekerja_bawaan().jumlah_mulai == mulai_sebelum + 1
    pekerja_bawaan().tutup()


def test_pekerja_tidak_sah_ditolak_sebelum_mulai(tmp_path):
    from typer.testing import CliRunner

    from flows.cli import app

    out = CliRunner().invoke(app, ["run", "--input", str(tmp_path), "--output", str(tmp_path / "o")],
                             env={"RENJA_PEKERJA": "nol"})
    assert out.exit_code == 2 and "RENJA_PEKERJA='nol' tidak sah" in out.stderr


def test_titik_uji_di_pekerja_mematikan_run():
    """RENJA_MATI_DI reached in a worker kills the process it works for too, as a crash of the machine would."""
    skrip = ("from flows.mesin.pekerja import jalankan_terisolasi\nfrom flows.mesin.berkas import titik_uji\n"
             "jalankan_terisolasi(titik_uji, 'uji')\nprint('masih hidup')\n")
    env = {**os.environ, "RENJA_MATI_DI": "uji"}
    env.pop("RENJA_ISOLASI", None)
    out = subprocess.run([sys.executable, "-c", skrip], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == -signal.SIGKILL and "masih hidup" not in out.stdout


@pytest.mark.prefect
def test_renja_run_dua_pekerja_sama_dengan_satu(tmp_path, env_prefect):
    """Eight generated kecamatan (one workbook or one CSV per table each), through the command with two workers and
    with one (each a new process — the flow's threads follow RENJA_PEKERJA when it is imported —, on the session's
    Prefect server): the same tidy data and the same findings, file by file."""
    from tools.generator import buat

    masuk = tmp_path / "input"
    buat(8, masuk, seed=3, xls=False)
    keluar = {}
    for n in ("1", "2"):
        keluar[n] = tmp_path / f"output-{n}"
        out = subprocess.run([str(Path(sys.executable).with_name("renja")), "run", "--input", str(masuk), "--output",
                              str(keluar[n])], cwd=REPO, env={**env_prefect, "RENJA_PEKERJA": n},
                             capture_output=True, text=True, timeout=600)
        assert out.returncode in (0, 1), out.stderr[-3000:]
        if n == "2":
            assert "Memeriksa dan menulis 8 kecamatan serentak (4 bagian)" in out.stderr + out.stdout
        else:  # one by one, the same four parts of two kecamatan: "(1/8) Memeriksa dan menulis …", "(3/8) …", …
            assert len(re.findall(r"\(\d/8\) Memeriksa dan menulis ", out.stderr)) == 4, out.stderr[-3000:]
            assert "serentak" not in out.stderr + out.stdout

    def isi(akar: Path) -> dict[str, object]:
        hasil = {}
        for p in sorted(akar.rglob("*")):
            if p.suffix == ".csv":
                hasil[str(p.relative_to(akar))] = p.read_bytes()
            elif p.name == "validasi.json":
                data = json.loads(p.read_text(encoding="utf-8"))
                hasil[str(p.relative_to(akar))] = (data["ringkasan"], data["temuan"])
        return hasil

    satu, dua = isi(keluar["1"]), isi(keluar["2"])
    assert len([k for k in satu if k.endswith("validasi.json")]) == 8
    assert satu == dua
