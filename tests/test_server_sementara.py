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
    assert ss.LINGKUNGAN_SERVER.keys() == {"PREFECT_UI_ENABLED", "PREFECT__SERVER_EPHEMERAL", "PREFECT__SERVER_FINAL",
                                           *ss.TANPA_REGISTRASI_BLOK}


def test_server_sementara_tidak_mendaftarkan_jenis_blok(monkeypatch):
    """The temporary server's environment, as Prefect reads it: no block registration at its start, and no memo of
    a registration it skipped (a later `prefect server start` on the same PREFECT_HOME registers them)."""
    from prefect.settings import Settings

    for kunci, nilai in ss.LINGKUNGAN_SERVER.items():
        monkeypatch.setenv(kunci, nilai)
    server = Settings().server
    assert server.register_blocks_on_start is False and server.memoize_block_auto_registration is False


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


def _urutan_pemanasan(tmp_path, env: dict) -> list:
    """Run `renja run` in a child process with stand-ins for the worker's warm-up, the temporary server and the flow:
    where the command stopped (the server's wait, else the flow's call), whether the warm-up was released when it was
    asked for and then, and whether what the flow's first call imports was imported."""
    masuk = tmp_path / "input"
    masuk.mkdir()
    kode = f"""
        import json, sys
        import flows.cli as cli
        import flows.mesin.pekerja as pk
        import flows.mesin.server_sementara as ss

        catat = {{}}

        def panaskan(fungsi, setelan=None, nanti=None):
            catat.update(nanti=nanti, lepas_awal=nanti.is_set())

        def lapor(di):
            print(json.dumps([di, catat["lepas_awal"], catat["nanti"].is_set(),
                              "prefect.flow_engine" in sys.modules, "fastapi.encoders" in sys.modules]), flush=True)
            raise SystemExit(7)

        class Palsu:
            diumumkan = False
            def pakai(self):
                pass
            def tunggu(self):
                lapor("tunggu")
            def hentikan(self):
                pass

        pk.panaskan = panaskan
        ss.mulai = Palsu
        cli._alur = lambda: lapor("alur")
        cli.app(["run", "--input", {str(masuk)!r}, "--output", {str(tmp_path / "out")!r}])
    """
    env = {**env, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("RENJA_ISOLASI", None)
    p = _anak(kode, env)
    keluar, _ = p.communicate(timeout=300)
    assert p.returncode == 7
    return json.loads(keluar.splitlines()[-1])


def test_pemanasan_pekerja_dilepas_saat_perintah_menunggu_server(tmp_path):
    """The worker's warm-up (Great Expectations) is held back while the command imports and starts the flow, so that
    the temporary server does not share the 2 cores three ways, and released when the command waits for the server;
    by then the command has imported what the flow's first call imports (flows.cli._muat_mesin_alur)."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    assert _urutan_pemanasan(tmp_path, env) == ["tunggu", False, True, True, True]


def test_pemanasan_pekerja_tanpa_server_sementara_tidak_ditahan(tmp_path):
    """With a server already there (PREFECT_API_URL; `renja serve`'s) there is nothing to wait for: the warm-up is
    released by the time the flow starts, not held back for a wait that never comes."""
    env = {**os.environ, "PREFECT_API_URL": "http://127.0.0.1:9/api"}
    assert _urutan_pemanasan(tmp_path, env)[:3] == ["alur", False, True]


def test_tanpa_detak_hanya_dengan_server_sementara():
    """renja run with its temporary server sends no flow-run heartbeats (flows.mesin.server_sementara.tanpa_detak);
    with a lasting server Prefect's setting stays."""
    from prefect.settings import get_current_settings

    from flows.mesin.server_sementara import tanpa_detak

    bawaan = get_current_settings().flows.heartbeat_frequency
    assert bawaan is not None
    with tanpa_detak(True):
        assert get_current_settings().flows.heartbeat_frequency is None
    with tanpa_detak(False):
        assert get_current_settings().flows.heartbeat_frequency == bawaan
