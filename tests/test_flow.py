"""The Prefect flow and the `renja run` command: the flow in this process (the session's Prefect server), the
command the README's way (a new process with its embedded temporary server), and its usage errors (typer's
CliRunner, in this process: they stop before any engine starts)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

pytestmark = pytest.mark.prefect


def _input(tmp_path: Path, sampel: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copy(sampel, folder / sampel.name)
    (folder / "catatan.txt").write_text("bukan workbook, dilewati")
    (folder / "~$Renja-Senduro-2024-TC33.xlsx").write_bytes(b"berkas kunci Excel, dilewati")
    (folder / "zz-rusak.xlsx").write_bytes(b"PK\x03\x04 terpotong")
    return folder


def test_flow_memproses_semua_dan_tidak_berhenti_karena_satu_berkas(prefect_sesi, tmp_path, sampel):
    from flows.pipeline import renja_run
    from flows.setelan import Jalan

    hasil = renja_run(jalan=Jalan(_input(tmp_path, sampel), tmp_path / "output"))
    assert sorted((h.berkas, h.status) for h in hasil) == [("Renja-Senduro-2024-TC33.xlsx", "ok"),
                                                           ("zz-rusak.xlsx", "gagal")]
    assert (tmp_path / "output" / "2024" / "lumajang" / "senduro" / "TC-33.xlsx").is_file()
    assert (tmp_path / "output" / "_gagal" / "zz-rusak" / "laporan.html").is_file()


def test_perintah_renja_run(tmp_path, sampel, renja_di_sini):
    """The README's command, in a new process with the embedded server, its state in the given PREFECT_HOME; then
    a broken file added, the command again (in this process, on the session's server): status 3."""
    masuk = tmp_path / "input"
    masuk.mkdir()
    shutil.copy(sampel, masuk / sampel.name)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    renja = Path(sys.executable).with_name("renja")
    out = subprocess.run([str(renja), "run", "--input", str(masuk), "--output", str(tmp_path / "output")],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    # with the built-in nomenclature: the three rows written 7.01.01.2.03 decided by their names (no kode-ganda,
    # kode-tidak-sah, letak-tidak-sesuai-kode left), their names and the zero pagu of a planned item reported
    assert "OK    Renja-Senduro-2024-TC33.xlsx: 0 galat, 22 peringatan" in out.stdout
    assert (tmp_path / "output" / "2024" / "lumajang" / "senduro" / "validasi.json").is_file()
    assert (tmp_path / "prefect").is_dir()  # Prefect's state went where it was told, not to the home folder

    (masuk / "rusak.xlsx").write_bytes(b"bukan workbook")
    out = renja_di_sini("run", "--input", masuk, "--output", tmp_path / "output")
    assert out.exit_code == 3, (out.stderr[-3000:], out.exception)
    assert "GAGAL rusak.xlsx" in out.stdout


def test_folder_input_tidak_ada(tmp_path):
    out = CliRunner().invoke(app, ["run", "--input", str(tmp_path / "tidak-ada")])
    assert out.exit_code == 3
    assert "tidak ada" in out.stderr


def test_nomenklatur_tidak_terbaca_ditolak_sebelum_mulai(tmp_path):
    masuk = tmp_path / "input"
    masuk.mkdir()
    out = CliRunner().invoke(app, ["run", "--input", str(masuk), "--nomenklatur", str(tmp_path / "tidak-ada.csv")])
    assert out.exit_code == 3
    assert "tidak-ada.csv" in out.stderr


def test_opsi_salah_status_2(tmp_path):
    out = CliRunner().invoke(app, ["run", "--input", str(tmp_path), "--tidak-ada"])
    assert out.exit_code == 2
    assert "No such option: --tidak-ada" in out.stderr
