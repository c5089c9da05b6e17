"""One run at a time per output folder: the second waits, says why, and gives up with status 4."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.mesin.kunci import SedangDipakai, kunci_keluaran


def test_kunci_kedua_menunggu_lalu_menyerah(tmp_path):
    kabar = []
    with kunci_keluaran(tmp_path, 0):
        mulai = time.monotonic()
        with pytest.raises(SedangDipakai, match="sedang dipakai proses lain") as e:
            with kunci_keluaran(tmp_path, 0.3, kabar=kabar.append, selang=0.1):
                pass
        assert time.monotonic() - mulai >= 0.3
    assert "PID" in str(e.value)
    assert len(kabar) == 1 and kabar[0].startswith("Menunggu proses lain")
    with kunci_keluaran(tmp_path, 0):  # released: a new run gets it at once
        pass


def test_perintah_kedua_keluar_dengan_status_4(tmp_path, renja_di_sini):
    """The command (in this process: the OS lock is per open file, so the lock held here stops it too)."""
    masuk = tmp_path / "input"
    masuk.mkdir()
    with kunci_keluaran(tmp_path / "output", 0):
        out = renja_di_sini("run", "--input", masuk, "--output", tmp_path / "output", "--tunggu-kunci", "0")
    assert out.exit_code == 4, (out.stderr, out.exception)
    assert "sedang dipakai proses lain" in out.stderr


def test_kunci_lepas_saat_proses_mati(tmp_path):
    """The lock is the OS's: a holder killed with SIGKILL leaves no stale lock behind."""
    kode = ("import sys, time; from pathlib import Path; from flows.mesin.kunci import kunci_keluaran\n"
            f"with kunci_keluaran(Path({str(tmp_path)!r}), 0):\n    print('ok', flush=True); time.sleep(60)\n")
    p = subprocess.Popen([sys.executable, "-c", kode], stdout=subprocess.PIPE, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert p.stdout.readline().strip() == "ok"
    p.kill()
    p.wait(timeout=120)
    with kunci_keluaran(tmp_path, 1, selang=0.1):
        pass
