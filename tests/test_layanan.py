"""``renja serve`` end to end, as an operator uses it: started with its own Prefect server, drop a mix of good,
half-copied and hostile files, find each where it belongs; the schedule fires once and its run is visible in
Prefect; SIGTERM stops it cleanly with its server.  Started again on an existing server (PREFECT_API_URL: the test
session's), it starts none and stops none, and goes on: a corrected file makes a new version, a file sent again is
a duplicate."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPEL, SAMPEL_SEMUA

pytestmark = pytest.mark.prefect


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(port: int, jalur: str, data: dict | None = None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api{jalur}", method="POST" if data is not None else "GET",
                                 data=json.dumps(data).encode() if data is not None else None,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def _tunggu(syarat, batas: float, pesan: str, proses: subprocess.Popen | None = None, log: Path | None = None):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if syarat():
            return
        if proses is not None and proses.poll() is not None:
            break
        time.sleep(0.5)
    raise AssertionError(f"{pesan}\n--- log ---\n{log.read_text(errors='replace')[-4000:] if log else ''}")


class Layanan:
    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.masuk, self.keluar = root / "input", root / "output"
        # one worker process per run (each run is a process of its own): a second one would only add its start
        # (~5 CPU-s: the checking modules loaded) to every run; the service's behaviour does not depend on it
        self.env = {**os.environ, "PREFECT_HOME": str(root / "prefect"), "RENJA_TENANG_DETIK": "5",
                    "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5", "RENJA_PEKERJA": "1"}
        self.env.pop("PREFECT_API_URL", None)
        self.proses: subprocess.Popen | None = None
        self.n = 0

    def mulai(self, jadwal: str, api: str | None = None) -> None:
        """Start ``renja serve``: with its own Prefect server, or on the one at ``api``."""
        if api:
            self.env["PREFECT_API_URL"] = api
        self.n += 1
        self.log = self.root / f"serve-{self.n}.log"
        renja = Path(sys.executable).with_name("renja")
        self.proses = subprocess.Popen(
            [str(renja), "serve", "--input", str(self.masuk), "--output", str(self.keluar), "--jadwal", jadwal,
             "--zona", "Asia/Jakarta", "--selang", "1", "--port", str(self.port), "--no-ui"],
            cwd=REPO, env=self.env, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT)
        _tunggu(lambda: "Jadwal run malam" in self.log.read_text(errors="replace"), 300, "serve tidak menyala",
                self.proses, self.log)

    def hentikan(self, sinyal: int) -> int:
        self.proses.send_signal(sinyal)
        kode = self.proses.wait(timeout=60)
        return kode

    def sisa(self) -> list[str]:
        return sorted(p.name for p in self.masuk.iterdir() if p.is_file())

    def buku(self) -> list[dict]:
        p = self.masuk / "arsip" / "buku.jsonl"
        return [json.loads(b) for b in p.read_text(encoding="utf-8").splitlines()] if p.exists() else []


def _salin_pelan(asal: Path, tujuan: Path, potong: int = 8, jeda: float = 0.6) -> None:
    """A slow copy: the file grows in pieces for a while (like a copy over a network share)."""
    data = asal.read_bytes()
    ukuran = len(data) // potong + 1
    with open(tujuan, "wb") as f:
        for i in range(0, len(data), ukuran):
            f.write(data[i:i + ukuran])
            f.flush()
            time.sleep(jeda)


def _bom_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 << 20))  # 60 MiB of zeros, ~60 KiB compressed
    return path


def _cron_sekali(menit: int = 10) -> str:
    """A cron for each of the next ``menit`` whole minutes (hourly at those minutes, Asia/Jakarta), the first at least
    20 s away: the schedule fires while the test runs, at the first of them after ``renja serve`` has registered its
    deployment — however long its start took on a loaded machine (a minute fixed before the start may be past by
    then, and never fire) — and the test stops the service after the first scheduled run (not every minute of the
    test: each run is a process of its own).  A minute that comes before the deployment is registered (the server's
    recent-deployments scheduler then creates its runs within 5 s, the runner asks every 5 s) is simply not taken:
    the next one fires, so the test waits at most a minute for the schedule beyond the service's start, not a
    fixed 80 s before the first candidate minute (about 55 s of idle waiting fewer on average)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    awal = datetime.now(ZoneInfo("Asia/Jakarta")) + timedelta(seconds=20)
    return ",".join(str((awal.minute + i) % 60) for i in range(menit)) + " * * * *"


def test_layanan_folder_kiriman_jadwal_dan_berhenti(tmp_path, prefect_api):
    lay = Layanan(tmp_path, _port_bebas())
    lay.masuk.mkdir()
    cron = _cron_sekali()
    lay.mulai(cron)  # its own server; the schedule fires once, soon, so that the test sees it
    try:
        (lay.masuk / "Senduro.xlsx.part").write_bytes(b"belum selesai")  # a copy tool's temporary name
        _salin_pelan(SAMPEL_SEMUA, lay.masuk / "Senduro.xlsx")  # grows for ~5 s: never taken half
        (lay.masuk / "bukan-excel.xlsx").write_text("ini surat, bukan workbook", encoding="utf-8")
        _bom_zip(lay.masuk / "bom.xlsx")
        _tunggu(lambda: lay.sisa() == ["Senduro.xlsx.part"], 300, "berkas tidak diambil dalam 5 menit",
                lay.proses, lay.log)

        hari = time.strftime("%Y-%m-%d")
        assert (lay.masuk / "arsip" / hari / "Senduro.xlsx").read_bytes() == SAMPEL_SEMUA.read_bytes()
        assert (lay.keluar / "2024" / "lumajang" / "senduro" / "TC-33.xlsx").is_file()
        assert sorted(p.name for p in (lay.masuk / "ditolak").iterdir()) == [
            "bom.xlsx", "bom.xlsx.alasan.txt", "bukan-excel.xlsx", "bukan-excel.xlsx.alasan.txt"]
        assert "diduga bom zip" in (lay.masuk / "ditolak" / "bom.xlsx.alasan.txt").read_text(encoding="utf-8").lower()
        assert sorted((c["nama"], c["status"]) for c in lay.buku()) == [
            ("Senduro.xlsx", "diproses"), ("bom.xlsx", "ditolak"), ("bukan-excel.xlsx", "ditolak")]

        dep = _api(lay.port, "/deployments/name/renja-run/renja-malam")
        jadwal = [s["schedule"] for s in dep["schedules"]]
        assert [(j["cron"], j["timezone"]) for j in jadwal] == [(cron, "Asia/Jakarta")]
        assert dep["parameters"]["jalan"]["arsipkan"] is True

        def _runs(**saring):
            return _api(lay.port, "/flow_runs/filter", {"flow_runs": saring, "limit": 50})

        selesai = {"state": {"type": {"any_": ["COMPLETED"]}}}
        _tunggu(lambda: any("auto-scheduled" in r["tags"] for r in _runs(**selesai)), 300,
                "run terjadwal tidak berjalan", lay.proses, lay.log)
        # A drop-folder run created while the scheduled one held the runner's only slot waits for it, and may
        # still be running now: wait until every drop-folder run has ended, then none may have failed.
        akhir = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
        _tunggu(lambda: all(r["state_type"] in akhir for r in _runs(tags={"all_": ["folder-kiriman"]})), 300,
                "run folder kiriman tidak selesai", lay.proses, lay.log)
        kiriman = _runs(tags={"all_": ["folder-kiriman"]})
        assert kiriman and all(r["state_type"] == "COMPLETED" for r in kiriman), [
            (r["name"], r["state_type"], r["state_name"], r["created"]) for r in kiriman]
        assert all(r["deployment_id"] == dep["id"] for r in _runs(**selesai))
    finally:
        kode = lay.hentikan(signal.SIGTERM)
    assert kode == 0, lay.log.read_text(errors="replace")[-3000:]
    assert "Layanan berhenti." in lay.log.read_text(errors="replace")
    _tunggu(lambda: socket.socket().connect_ex(("127.0.0.1", lay.port)) != 0, 30, "server Prefect masih menyala")

    # Started again on an existing server: the folders' state survived; a corrected workbook under the same name makes
    # a new version, the first one's bytes sent again are a duplicate.
    lay.mulai("0 1 * * *", api=prefect_api)
    try:
        assert "Menyalakan server Prefect" not in lay.log.read_text(errors="replace")
        koreksi = lay.masuk / "Senduro.xlsx"
        shutil.copyfile(SAMPEL, koreksi)
        shutil.copyfile(SAMPEL_SEMUA, lay.masuk / "kirim-ulang.xlsx")  # the same bytes as the first Senduro.xlsx
        _tunggu(lambda: lay.sisa() == ["Senduro.xlsx.part"], 300, "koreksi dan duplikat tidak diambil", lay.proses,
                lay.log)
        folder = lay.keluar / "2024" / "lumajang" / "senduro"
        riwayat = list((folder / "riwayat").iterdir())
        assert len(riwayat) == 1 and (riwayat[0] / "TC-29.xlsx").is_file()
        assert sorted(p.name for p in folder.glob("*.xlsx")) == ["TC-33.xlsx"]
        assert sorted(p.name for p in (lay.masuk / "duplikat").iterdir()) == [
            "kirim-ulang.xlsx", "kirim-ulang.xlsx.keterangan.txt"]
        assert [c["status"] for c in lay.buku()].count("diproses") == 2
        assert ("kirim-ulang.xlsx", "duplikat") in {(c["nama"], c["status"]) for c in lay.buku()}
    finally:
        kode = lay.hentikan(signal.SIGINT)
    assert kode == 0
    with urllib.request.urlopen(prefect_api + "/health", timeout=10) as r:  # not started here: not stopped
        assert r.status == 200


def test_jadwal_tidak_sah_ditolak_sebelum_menyalakan_apa_pun(tmp_path):
    """Usage errors, in this process (typer's CliRunner): nothing is started before the schedule is checked."""
    from typer.testing import CliRunner

    from flows.cli import app

    env = {"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": None}
    for args in (["--jadwal", "0 25 * * *"], ["--zona", "Asia/Atlantis"], ["--jadwal", "setiap malam"]):
        out = CliRunner().invoke(app, ["serve", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"),
                                       "--port", str(_port_bebas()), *args], env=env)
        assert out.exit_code == 2, out.stderr
        assert "tidak sah" in out.stderr
    assert not (tmp_path / "prefect" / "layanan.db").exists()
