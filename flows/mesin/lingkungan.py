"""Process settings that must be in place before Prefect or GX are imported: state inside the project, no telemetry;
and the end of a process without the interpreter's teardown (``keluar``)."""
from __future__ import annotations

import atexit
import os
import sys
import threading
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
