"""`renja run` uses the Prefect server of a `renja serve` running on this machine (flows.mesin.layanan.server_layanan):
the service records its local server's address and its process id in PREFECT_HOME; a run reads the record, and
uses the server only when that process still runs and the server answers on 127.0.0.1."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows import cli
from flows.mesin import layanan


class _Sehat(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200 if self.path == "/api/health" else 404)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *_):
        pass


@pytest.fixture
def server_sehat():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Sehat)
    utas = threading.Thread(target=server.serve_forever, daemon=True)
    utas.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


@pytest.fixture
def rumah(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    return tmp_path


def _pid_mati() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_tanpa_catatan_tidak_ada_server(rumah):
    assert layanan.server_layanan() is None


def test_catatan_layanan_yang_hidup_dipakai(rumah, server_sehat):
    path = layanan.tandai_server(server_sehat)
    assert path == rumah / layanan.PENANDA
    assert json.loads(path.read_text())["pid"] == os.getpid()
    assert layanan.server_layanan() == server_sehat


def test_catatan_proses_yang_sudah_mati_diabaikan(rumah, server_sehat):
    (rumah / layanan.PENANDA).write_text(json.dumps({"url": server_sehat, "pid": _pid_mati()}))
    assert layanan.server_layanan() is None


def test_server_yang_tidak_menjawab_diabaikan(rumah, server_sehat):
    layanan.tandai_server(server_sehat.replace("/api", "/tidak-ada"))
    assert layanan.server_layanan() is None


@pytest.mark.parametrize("isi", ['{"url": "http://10.0.0.1:4200/api", "pid": 1}', "bukan json", '{"pid": "x"}', "[]"])
def test_catatan_asing_atau_rusak_diabaikan(rumah, isi):
    (rumah / layanan.PENANDA).write_text(isi)
    assert layanan.server_layanan() is None  # and no address beyond 127.0.0.1 is ever asked


def test_hapus_tanda_hanya_catatan_sendiri(rumah, server_sehat):
    (rumah / layanan.PENANDA).write_text(json.dumps({"url": server_sehat, "pid": os.getpid() + 1}))
    layanan.hapus_tanda()
    assert (rumah / layanan.PENANDA).exists()  # a newer service's record stays
    layanan.tandai_server(server_sehat)
    layanan.hapus_tanda()
    assert not (rumah / layanan.PENANDA).exists()


def test_run_memakai_server_layanan(rumah, server_sehat, monkeypatch, capsys):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    layanan.tandai_server(server_sehat)
    cli._pakai_server_layanan()
    assert os.environ["PREFECT_API_URL"] == server_sehat
    assert f"Server Prefect milik renja serve di {server_sehat} dipakai." in capsys.readouterr().err
    monkeypatch.delenv("PREFECT_API_URL")


def test_run_dengan_prefect_api_url_tidak_mencari(rumah, server_sehat, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:1/api")
    layanan.tandai_server(server_sehat)
    cli._pakai_server_layanan()
    assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:1/api"
