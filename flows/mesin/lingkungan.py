"""Process settings that must be in place before Prefect or GX are imported: state inside the project, no telemetry;
modules imported lazily (``impor_malas``); a child process that dies with its parent (``mati_bersama_induk``); one
thread of the process that runs the jobs handed to it, in order (``UtasAntrean``); and the end of a process without
the interpreter's teardown (``keluar``)."""
from __future__ import annotations

import atexit
import ctypes
import importlib.abc
import importlib.util
import os
import queue
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parents[2]  # the project (flows/mesin/lingkungan.py)

DEFAULTS = {
    # Prefect's state (SQLite database, results, logs) lives inside the project, not in the home folder.
    "PREFECT_HOME": str(ROOT / ".prefect"),
    # No analytics or telemetry from the embedded server, nor from anything that honours DO_NOT_TRACK.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    # The first start of the embedded server migrates a new database (~17 s measured); allow for slow machines.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # No "update available" checks or UI build at start.
    "PREFECT_UI_ENABLED": "false",
}


def siapkan() -> None:
    """Set the defaults above unless the operator already set them."""
    for kunci, nilai in DEFAULTS.items():
        os.environ.setdefault(kunci, nilai)


def keluar(kode: object = 0) -> NoReturn:
    """End this process as ``sys.exit(kode)`` would — other threads that are not daemons awaited, the atexit
    functions run (the workers closed, weakref finalizers, logging flushed), stdout and stderr flushed, the same
    status — but without the interpreter's teardown: freeing every module and object of pandas, Prefect and Great
    Expectations one by one took 0.6 s at the end of each ``renja run`` and 0.8 s in each worker (measured on the
    2-core machine, an empty run), time the operator waits for nothing.  ``kode``: None or an int as sys.exit; other
    values are printed to stderr, status 1."""
    for t in threading.enumerate():
        if t is not threading.current_thread() and not t.daemon:
            t.join()
    atexit._run_exitfuncs()  # noqa: SLF001 - what the interpreter runs at exit, before its teardown
    if kode is not None and not isinstance(kode, int):
        print(kode, file=sys.stderr)
        kode = 1
    for arus in (sys.stdout, sys.stderr):
        try:
            if arus is not None:
                arus.flush()
        except (OSError, ValueError):  # closed or gone: nothing left to write
            pass
    os._exit(kode or 0)


class _PencariMalas(importlib.abc.MetaPathFinder):
    """A finder for the modules named ``nama`` only: the spec the other finders give, its loader wrapped in
    importlib.util.LazyLoader (the module object is made now, executed on its first attribute use)."""

    def __init__(self, nama: Sequence[str]):
        self.nama = frozenset(nama)

    def find_spec(self, fullname, path, target=None):
        if fullname not in self.nama:
            return None
        for pencari in sys.meta_path:
            if pencari is self or not hasattr(pencari, "find_spec"):
                continue
            spec = pencari.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None  # not installed: the import raises ImportError as it would without this finder
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


@contextmanager
def impor_malas(nama: Sequence[str]) -> Iterator[None]:
    """Within the block, the first import of a module named in ``nama`` (not imported yet) makes it lazy: its code
    runs on the first use of one of its attributes, which works as before, only later.

    Why a finder and not the importlib docs' recipe (a lazy module put in sys.modules beforehand): on Python 3.11 an
    ``import`` statement of a module already in sys.modules reads its ``__spec__``, which loads a lazy module at
    once (CPython issue #127036).  With the finder the first ``import`` makes the lazy module; a later
    ``from pkg import sub`` finds it as the package's attribute and leaves it alone.  A lazy module is executed
    without a lock on 3.11: two threads using it for the first time at once may both run it (nothing here does)."""
    pencari = _PencariMalas(nama)
    sys.meta_path.insert(0, pencari)
    try:
        yield
    finally:
        sys.meta_path.remove(pencari)


def mati_bersama_induk() -> None:
    """In a child process between fork and exec (``subprocess.Popen(preexec_fn=...)``): the kernel sends it SIGTERM
    when the thread that started it ends (PR_SET_PDEATHSIG); nothing where prctl is missing."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class UtasAntrean:
    """One thread of this process that runs the jobs handed to it (``serahkan``), one after the other in the order
    handed over, each job's result or exception in its Future.  It starts with the first job and lives as long as
    the process: a daemon (``keluar`` and the interpreter wait for no idle thread; its users never leave a job
    queued at exit), started again at its next job in the child of a fork (only the forking thread is copied).
    flows.mesin.pekerja starts every worker process from one (a worker dies with the thread that started it);
    flows.mesin.berkas syncs and renames written files in another."""

    def __init__(self, nama: str):
        self.nama = nama
        self._antrean: queue.SimpleQueue | None = None
        self._kunci = threading.Lock()
        os.register_at_fork(after_in_child=self._lupakan)

    def serahkan(self, fungsi, *args) -> Future:
        """``fungsi(*args)`` in the thread, after every job handed over before; its Future."""
        with self._kunci:
            if self._antrean is None:
                self._antrean = queue.SimpleQueue()
                threading.Thread(target=_kerjakan_antrean, args=(self._antrean,), daemon=True, name=self.nama).start()
            antrean = self._antrean
        f: Future = Future()
        antrean.put((f, fungsi, args))
        return f

    def _lupakan(self) -> None:
        self._antrean, self._kunci = None, threading.Lock()


def _kerjakan_antrean(antrean: "queue.SimpleQueue") -> None:
    while True:
        f, fungsi, args = antrean.get()
        try:
            f.set_result(fungsi(*args))
        except BaseException as e:  # noqa: BLE001 - the job's caller raises it; this thread must live on
            f.set_exception(e)
