"""``renja run --dask``: the per-file reads and the per-kecamatan work spread over Dask worker processes through
prefect-dask, with the real Prefect API server that needs.

- **Task runner.** ``pelari_dask(alamat, pekerja)``: a ``prefect_dask.DaskTaskRunner`` on a new local cluster of
  ``pekerja`` worker processes with one thread each (``alamat`` None), or on the existing cluster whose scheduler
  answers at ``alamat`` (``tcp://host:8786``).  The flow (flows.pipeline) then submits every read and every
  kecamatan at once instead of calling them one by one.
- **API server.** Prefect's embedded (ephemeral) mode would start one temporary server per Dask worker on the same
  SQLite file (stack notes: 20 trivial tasks ~35 s instead of ~1 s).  ``pelari_tugas`` therefore uses the server of
  ``PREFECT_API_URL`` when it is set (it must answer), and otherwise starts ``prefect server start`` on a free
  127.0.0.1 port (flows.mesin.layanan.mulai_server, database ``<PREFECT_HOME>/prefect.db`` like the embedded mode, no UI),
  sets ``PREFECT_API_URL`` before Prefect is imported — the local workers inherit it, and prefect-dask sends the
  flow's settings with every task — and stops it when the run ends, after Prefect's queued logs and events were sent.
  An existing cluster whose scheduler is not on this machine needs ``PREFECT_API_URL`` set to a server its workers
  can reach.
- **Workers.** Dask's worker processes are daemonic by default (``distributed.worker.daemon``), and a daemonic
  process may not start multiprocessing children.  The reader's isolation (flows.mesin.pekerja) starts its worker with
  ``subprocess`` (a new interpreter, not multiprocessing), which a daemonic process may do, so the default stays:
  a worker that dies takes its reader with it (a reader dies with the process it works for, even mid-call).
  Workers of an existing cluster need the same code and dependencies installed, and the input and output folders
  at the same paths (shared storage): they read the inputs and write the outputs themselves.
"""
from __future__ import annotations

import ipaddress
import logging
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from flows.mesin.layanan import api_sehat, hentikan_server, mulai_server

PEKERJA_BAWAAN = 2  # worker processes of the local cluster
BASIS_DATA = "prefect.db"  # the server's SQLite file in PREFECT_HOME: the embedded mode's own, so one history


class SebarTidakSiap(RuntimeError):
    """Dask cannot be used as asked (Indonesian message): ``status`` is the exit status the command should give."""

    def __init__(self, pesan: str, status: int = 3):
        super().__init__(pesan)
        self.status = status


def port_bebas() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alamat_lokal(alamat: str) -> bool:
    """True when the scheduler address names this machine (localhost or a loopback address)."""
    host = urlsplit(alamat if "://" in alamat else f"tcp://{alamat}").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def periksa_alamat(alamat: str, batas: float = 5.0) -> None:
    """Raise SebarTidakSiap unless a TCP connection to the scheduler at ``alamat`` (``tcp://host:port``) opens within
    ``batas`` seconds; other protocols (tls://, ws://, inproc://) are left to Dask."""
    bagian = urlsplit(alamat if "://" in alamat else f"tcp://{alamat}")
    if bagian.scheme != "tcp":
        return
    try:
        host, port = bagian.hostname, bagian.port or 8786
    except ValueError:
        host = port = None
    if not host:
        raise SebarTidakSiap(f"Alamat klaster Dask '{alamat}' tidak sah (contoh: tcp://192.168.1.10:8786).", 2)
    try:
        socket.create_connection((host, port), timeout=batas).close()
    except OSError as e:
        raise SebarTidakSiap(f"Scheduler Dask di {alamat} tidak dapat dihubungi ({e.strerror or e}).") from None


def pelari_dask(alamat: str | None = None, pekerja: int = PEKERJA_BAWAAN):
    """Prefect's DaskTaskRunner: on the existing cluster at ``alamat``, else on a new local cluster of ``pekerja``
    processes, one thread each, without the dashboard (its port would clash between runs)."""
    from prefect_dask import DaskTaskRunner  # lazily: only for --dask, ~2.9 s to import (measured)

    logging.getLogger("distributed").setLevel(logging.WARNING)  # the cluster's start/stop chatter
    if alamat:
        return DaskTaskRunner(address=alamat)
    return DaskTaskRunner(cluster_kwargs={"n_workers": pekerja, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None})


def kuras_prefect(batas: float = 10.0) -> None:
    """Send what Prefect still queues in this process (run logs, events) while the server is up: at interpreter
    exit it would otherwise retry a stopped server for a minute."""
    from prefect.events.worker import EventsWorker  # Prefect inside: it reads PREFECT_API_URL at import
    from prefect.logging.handlers import APILogWorker

    for layanan in (APILogWorker, EventsWorker):
        layanan.drain_all(timeout=batas)


@contextmanager
def server_prefect(kabar: Callable[[str], None] = print) -> Iterator[str]:
    """The URL of a real Prefect API server for the duration of the block: ``PREFECT_API_URL``'s (SebarTidakSiap
    when it does not answer), or one started here on a free port and stopped at the end."""

    url = os.environ.get("PREFECT_API_URL")
    if url:
        if not api_sehat(url, 10.0):
            raise SebarTidakSiap(f"Server Prefect di PREFECT_API_URL={url} tidak menjawab.")
        yield url
        return
    awal = time.monotonic()
    try:
        url, proses = mulai_server(port_bebas(), ui=False, basis_data=BASIS_DATA)
    except RuntimeError as e:
        raise SebarTidakSiap(f"Server Prefect lokal untuk Dask tidak dapat dinyalakan: {e}") from None
    os.environ["PREFECT_API_URL"] = url  # before Prefect is imported: this process and the local workers use it
    kabar(f"Server Prefect lokal untuk Dask menyala di {url} ({time.monotonic() - awal:.1f} detik); dihentikan "
          "di akhir run.")
    try:
        with _setelan_api(url):
            yield url
    finally:
        try:
            kuras_prefect()
        finally:
            hentikan_server(proses)
            os.environ.pop("PREFECT_API_URL", None)


@contextmanager
def _setelan_api(url: str) -> Iterator[None]:
    """PREFECT_API_URL for this process's Prefect too when Prefect was imported before it was set (its settings are
    read at import)."""
    if "prefect" not in sys.modules:
        yield
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings  # imported already (above)

    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield


@contextmanager
def pelari_tugas(dask: bool, alamat: str | None = None, pekerja: int = PEKERJA_BAWAAN,
                 kabar: Callable[[str], None] = print) -> Iterator[object | None]:
    """The task runner of ``renja run``: None (Prefect's default thread runner, nothing started) unless ``dask`` or
    ``alamat``; then a DaskTaskRunner (``pelari_dask``) with a real API server for the block (``server_prefect``).

    Raises SebarTidakSiap before anything starts when the cluster cannot be used: an address that does not answer,
    or an address on another machine while ``PREFECT_API_URL`` is not set (a server started here on 127.0.0.1
    would be out of its workers' reach)."""
    if not (dask or alamat):
        yield None
        return
    if pekerja < 1:
        raise SebarTidakSiap(f"Jumlah pekerja Dask {pekerja} tidak sah: harus 1 atau lebih.", 2)
    if alamat:
        if not os.environ.get("PREFECT_API_URL") and not alamat_lokal(alamat):
            raise SebarTidakSiap(
                f"Klaster Dask {alamat} ada di komputer lain: atur PREFECT_API_URL ke server Prefect yang dapat "
                "dijangkau pekerjanya (mis. http://host-server:4200/api), dengan kode, dependensi, folder input dan "
                "output yang sama di setiap pekerja.", 2)
        periksa_alamat(alamat)
    with server_prefect(kabar):
        pelari = pelari_dask(alamat, pekerja)
        kabar(f"Dask: klaster {alamat}." if alamat else
              f"Dask: klaster lokal {pekerja} proses pekerja, 1 utas tiap pekerja.")
        yield pelari
