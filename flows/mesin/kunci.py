"""One run at a time per output folder: an OS file lock, released by the OS when the process dies (even kill -9)."""
from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

NAMA_KUNCI = ".renja.lock"


class SedangDipakai(Exception):
    """Another run holds the lock; the message says which process and since when."""


@contextmanager
def kunci_keluaran(output: Path, tunggu: float = 0.0, kabar: Callable[[str], None] | None = None,
                   selang: float = 2.0) -> Iterator[Path]:
    """Hold the lock of ``output`` for the duration of the block.

    When another run holds it, wait up to ``tunggu`` seconds (telling ``kabar`` why, once), then raise
    ``SedangDipakai``.  The lock file stays (it names the last holder); the lock itself is the flock on it.
    """
    output.mkdir(parents=True, exist_ok=True)
    path = output / NAMA_KUNCI
    with open(path, "a+", encoding="utf-8") as f:
        batas, sudah_kabar = time.monotonic() + tunggu, False
        while True:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pemegang = _pemegang(path)
                if time.monotonic() >= batas:
                    raise SedangDipakai(f"Folder keluaran '{output}' sedang dipakai proses lain ({pemegang}); "
                                        "coba lagi setelah proses itu selesai.") from None
                if kabar and not sudah_kabar:
                    kabar(f"Menunggu proses lain yang sedang memakai '{output}' ({pemegang}) …")
                    sudah_kabar = True
                time.sleep(selang)
        f.seek(0)
        f.truncate()
        f.write(json.dumps({"pid": os.getpid(), "sejak": datetime.now().isoformat(timespec="seconds")}))
        f.flush()
        try:
            yield path
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _pemegang(path: Path) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
        return f"PID {data.get('pid', '?')}, sejak {data.get('sejak', '?')}"
    except (OSError, ValueError):
        return "pemegang tidak diketahui"
