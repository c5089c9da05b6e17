"""Prefect's temporary API server for one ``renja run``, started at the very start of the command.

Without ``PREFECT_API_URL`` Prefect 3.9.1 starts a temporary server itself (``prefect.server.api.server
.SubprocessASGIServer``) at the first API call of the flow: the command then first imports the whole server package
into its own process only to reach that class (~2 s of CPU and ~60 MiB on the 2-core machine, measured), and the
server's own start (~5 s of CPU: its imports, migrations check, services) begins only after all the command's
imports.  ``mulai`` starts the very same server — the same program, arguments and environment as
``SubprocessASGIServer._run_uvicorn_command`` (tests/test_server_sementara.py compares them), so the same database
in PREFECT_HOME and the same services, only without registering block types (``TANPA_REGISTRASI_BLOK``) — before
the command imports pandas or Prefect, so that its start overlaps
them and the first worker's warm-up.  The command then sets ``PREFECT_API_URL`` to it before Prefect is imported
(``ServerSementara.pakai``) and waits for its health only when the flow is about to start (``tunggu``).

What the operator sees stays Prefect's: the same "Starting temporary server on …" and "Stopping temporary server on
…" lines on Prefect's logger, and no "View at" line (``PREFECT_UI_URL`` empty: the temporary server has no UI,
as before).  Unlike Prefect's, the server dies with the command however the command ends (``PR_SET_PDEATHSIG``,
SIGTERM), and it is started from the main thread, which lives as long as the command (the kernel counts the thread).
"""
from __future__ import annotations

import contextlib
import logging
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

from flows.mesin.lingkungan import mati_bersama_induk

RENTANG_PORT = range(8000, 9000)  # SubprocessASGIServer._port_range
SELANG_CEK = 0.02  # seconds between two health checks while waiting (Prefect's: 0.1)
BATAS_BAWAAN = 20.0  # PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS's default
# The temporary server registers no block types at its start.  Prefect's would first import every installed Prefect
# collection (prefect_dask, and with it distributed) to hash the block registry, then write the block types into the
# database: a catalogue that this server (no UI) never shows, for blocks that no run of the project stores or reads.
# ~0.9 of the server's ~6 CPU-s before it answers (tools/README: "Cold start").  Both settings are needed: without
# the memo switched off, Prefect would store the hash of a registration it skipped, and a `prefect server start` on
# the same PREFECT_HOME would then skip its own; as it is, that server registers them at its start.
TANPA_REGISTRASI_BLOK = {"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
                         "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
LINGKUNGAN_SERVER = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
                     **TANPA_REGISTRASI_BLOK}


def _port_bebas() -> int:
    """A port of Prefect's range that nothing listens on now (as SubprocessASGIServer.find_available_port)."""
    for _ in range(10):
        port = random.choice(RENTANG_PORT)  # noqa: S311 - a port, not a secret
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                pass
        time.sleep(random.uniform(0.1, 0.5))  # noqa: S311
    raise RuntimeError("Unable to find an available port after multiple attempts")


def perintah(port: int) -> list[str]:
    """The server's command line: SubprocessASGIServer._run_uvicorn_command's."""
    folder_prefect = Path(find_spec("prefect").origin).parent  # prefect.__module_path__, without importing Prefect
    return [sys.executable, "-m", "uvicorn", "--app-dir", str(folder_prefect.parent), "--factory",
            "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level",
            "error", "--lifespan", "on"]


class ServerSementara:
    """One temporary server: started by ``mulai``, waited for by ``tunggu``, stopped by ``hentikan``."""

    def __init__(self) -> None:
        self.port = _port_bebas()
        self.proses: subprocess.Popen | None = None
        self.diumumkan = False
        self._jalankan()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _jalankan(self) -> None:
        self.proses = subprocess.Popen(
            perintah(self.port), env={**os.environ, **LINGKUNGAN_SERVER},
            preexec_fn=mati_bersama_induk if sys.platform.startswith("linux") else None)  # noqa: PLW1509

    def pakai(self) -> None:
        """This process's Prefect (imported after this) uses the server; no UI link (it has none)."""
        os.environ["PREFECT_API_URL"] = self.url
        os.environ.setdefault("PREFECT_UI_URL", "")

    def tunggu(self, batas: float | None = None) -> str:
        """Wait until the server answers its health check (at most ``batas`` seconds, None:
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS); its API URL.  A server that could not take its port
        (exit 3, as Prefect's) starts again on another one.  RuntimeError (Prefect's message) when it does not
        answer in time."""
        if not self.diumumkan:  # Prefect's own line, on its logger (configured once Prefect is imported)
            logging.getLogger("prefect").info(
                f"Starting temporary server on http://127.0.0.1:{self.port}\nSee "
                "https://www.prefect.io/docs/v3/concepts/server#how-to-guides for more information on running a "
                "dedicated Prefect server.")
            self.diumumkan = True
        if batas is None:
            try:
                batas = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or BATAS_BAWAAN)
            except ValueError:
                batas = BATAS_BAWAAN
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir:
            if self.proses.poll() == 3:  # its port was taken meanwhile
                self.port = _port_bebas()
                self._jalankan()
                os.environ["PREFECT_API_URL"] = self.url
                continue
            if self.proses.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as r:  # noqa: S310 - 127.0.0.1
                    if r.status == 200:
                        return self.url
            except OSError:
                pass
            time.sleep(SELANG_CEK)
        pesan = "Timed out while attempting to connect to ephemeral Prefect API server."
        if self.proses.poll() is not None:
            pesan += f" Ephemeral server process exited with code {self.proses.returncode}."
        raise RuntimeError(pesan)

    def hentikan(self) -> None:
        """Stop the server (SIGTERM, SIGKILL after 5 s), with Prefect's line when it was announced."""
        proses, self.proses = self.proses, None
        if proses is None:
            return
        if self.diumumkan:
            logging.getLogger("prefect").info(f"Stopping temporary server on http://127.0.0.1:{self.port}")
        proses.terminate()
        try:
            proses.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proses.kill()
            proses.wait()


def mulai() -> ServerSementara:
    """Start Prefect's temporary server now (call from the main thread, before Prefect is imported)."""
    return ServerSementara()


@contextlib.contextmanager
def tanpa_detak(aktif: bool) -> Iterator[None]:
    """With ``aktif`` (the run's own temporary server), the flow run sends no heartbeats.  They let a lasting server
    mark a run whose process died as crashed; a temporary server dies with the run's process, so nobody would read
    them.  And the flow's end waits for Prefect's heartbeat thread, which sleeps in whole seconds: 0.5 s on average
    at the end of every run (0.69 s in a py-spy recording of a one-workbook run).  On a lasting server (renja
    serve's, PREFECT_API_URL) they stay."""
    if not aktif:
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
