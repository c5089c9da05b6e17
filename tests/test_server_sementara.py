"""Prefect's temporary server started by ``renja run`` itself (flows.mesin.server_sementara): the same server as
Prefect's own, started before the command imports pandas or Prefect, and dying with the command."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil

from flows.mesin import server_sementara as ss


def test_perintah_dan_lingkungan_sama_dengan_milik_prefect(monkeypatch):
    """The program, arguments and server-only environment are SubprocessASGIServer's (Prefect 3.9.1): the same
    server, database and services as when Prefect starts it."""
    from prefect.server.api import server as ps

    tangkap = {}

    def popen(args, env=None, **_):
        tangkap.update(args=args, env=env)
        return None

    monkeypatch.setattr(ps.subprocess, "Popen", popen)
    s = ps.SubprocessASGIServer(port=8123)
    try:
        s._run_uvicorn_command()
    finally:
        ps.SubprocessASGIServer._instances.pop(8123, None)
    assert tangkap["args"] == ss.perintah(8123)
    for kunci in ("PREFECT__SERVER_EPHEMERAL", "PREFECT__SERVER_FINAL"):
        assert tangkap["env"][kunci] == ss.LINGKUNGAN_SERVER[kunci]
    assert ss.LINGKUNGAN_SERVER.keys() == {"PREFECT_UI_ENABLED", "PREFECT__SERVER_EPHEMERAL", "PREFECT__SERVER_FINAL"}


def _anak(kode: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(kode)], stdout=subprocess.PIPE, text=True, env=env)


def test_renja_run_menyalakan_server_sebelum_mengimpor_pandas_dan_prefect(tmp_path):
    """Without PREFECT_API_URL the command starts the server first and points Prefect at it before importing
    Prefect (or pandas); it stops it whatever happens next."""
    masuk = tmp_path / "input"
    masuk.mkdir()
    kode = f"""
        import sys
        import flows.mesin.server_sementara as ss

        class Palsu:
            diumumkan = False
            def pakai(self):
                print(json.dumps(["pakai", "prefect" in sys.modules, "pandas" in sys.modules]), flush=True)
                raise SystemExit(7)
            def hentikan(self):
                print(json.dumps(["hentikan"]), flush=True)

        import json
        ss.mulai = Palsu
        from flows.cli import app
        app(["run", "--input", {str(masuk)!r}, "--output", {str(tmp_path / "out")!r}])
    """
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    p = _anak(kode, env)
    keluar, _ = p.communicate(timeout=120)
    assert p.returncode == 7
    assert [json.loads(b) for b in keluar.splitlines()] == [["pakai", False, False], ["hentikan"]]


def test_tanpa_server_bila_prefect_api_url_diatur(tmp_path, monkeypatch):
    from flows import cli

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:1/api")
    assert cli._server_sementara() is None
    monkeypatch.delenv("PREFECT_API_URL")
    import prefect  # noqa: F401 - imported: the command leaves the start to Prefect (its settings are read)

    assert cli._server_sementara() is None


def test_server_mati_bersama_perintah(tmp_path):
    """The command killed (SIGKILL) takes its temporary server with it: no server is left running."""
    kode = """
        import flows.mesin.server_sementara as ss
        s = ss.mulai()
        print(s.proses.pid, flush=True)
        import time
        time.sleep(600)
    """
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    p = _anak(kode, env)
    try:
        pid = int(p.stdout.readline())
        server = psutil.Process(pid)
        assert "uvicorn" in server.cmdline()
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait()
    batas = time.monotonic() + 60
    while server.is_running() and server.status() != psutil.STATUS_ZOMBIE and time.monotonic() < batas:
        time.sleep(0.1)
    assert not server.is_running() or server.status() == psutil.STATUS_ZOMBIE
