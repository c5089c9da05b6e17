"""Safe writing: every output goes to a temporary file in the same folder, is made durable (fsync) and is renamed
into place.  Within ``tulis_bertahap`` the last two steps run in a background thread, in order, while the caller
computes its next file."""
from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

from flows.setelan import setelan


@contextmanager
def tulis_aman(tujuan: Path):
    """Yield a temporary path beside ``tujuan``; on success it atomically replaces ``tujuan`` once its bytes are on
    disk (fsync) — at once, or within ``tulis_bertahap`` by the background thread, in the order handed over.

    A crash or an exception leaves ``tujuan`` as it was (old content or absent), never half-written.
    """
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{tujuan.stem}.", suffix=f".tmp{tujuan.suffix}", dir=tujuan.parent)
    os.close(fd)
    sementara = Path(tmp)
    diserahkan = False
    try:
        yield sementara
        bertahap = getattr(_LOKAL, "bertahap", None)
        if bertahap is not None:
            bertahap.append(_serahkan(_tetapkan, sementara, tujuan))
            diserahkan = True
        else:
            _tetapkan(sementara, tujuan)
    finally:
        if not diserahkan:
            sementara.unlink(missing_ok=True)


def _tetapkan(sementara: Path, tujuan: Path) -> None:
    """A written temporary file made durable and put in place of ``tujuan`` (removed when that fails)."""
    try:
        with open(sementara, "rb") as f:
            os.fsync(f.fileno())
        titik_uji("sebelum-ganti")
        os.replace(sementara, tujuan)
    finally:
        sementara.unlink(missing_ok=True)


_LOKAL = threading.local()  # ``bertahap``: the calling thread's files handed over and not yet awaited (a list)
_ANTREAN: list[queue.SimpleQueue] = []  # jobs of the process's one background thread (started when first needed)
_KUNCI_PENETAP = threading.Lock()


def _serahkan(fungsi, *args) -> Future:
    """``fungsi(*args)`` in the process's background thread, after what was handed over before; its Future.  The
    thread is a daemon: a block of ``tulis_bertahap`` never ends with work still queued, and a command's exit
    (flows.mesin.lingkungan.keluar) does not wait for an idle thread."""
    with _KUNCI_PENETAP:
        if not _ANTREAN:
            _ANTREAN.append(queue.SimpleQueue())
            threading.Thread(target=_penetap, args=(_ANTREAN[0],), daemon=True, name="renja-fsync").start()
        antrean = _ANTREAN[0]
    f: Future = Future()
    antrean.put((f, fungsi, args))
    return f


def _penetap(antrean: "queue.SimpleQueue") -> None:
    while True:
        f, fungsi, args = antrean.get()
        try:
            f.set_result(fungsi(*args))
        except BaseException as e:  # noqa: BLE001 - the caller raises it; this thread must live on
            f.set_exception(e)


def _lupakan_penetap() -> None:
    """In the child of a fork: the background thread was not copied; a new one starts when needed."""
    global _KUNCI_PENETAP
    _ANTREAN.clear()
    _KUNCI_PENETAP = threading.Lock()


os.register_at_fork(after_in_child=_lupakan_penetap)


@contextmanager
def tulis_bertahap() -> Iterator[None]:
    """Within the block, each file ``tulis_aman`` writes in this thread is made durable and renamed into place by
    one background thread, in the order written, so that this thread goes on computing the next file while the disk
    syncs (fsync waits ~2-4 ms per file on the 2-core machine's disk: ~28 ms of the ~14 files of a kecamatan).  The
    block ends when every file is in place; it raises the first error of those steps.  ``selaraskan()`` waits for
    them inside the block.  Nested blocks are one."""
    if getattr(_LOKAL, "bertahap", None) is not None:
        yield
        return
    _LOKAL.bertahap = []
    try:
        yield
        selaraskan()
    finally:
        tertunda, _LOKAL.bertahap = _LOKAL.bertahap, None
        for f in tertunda:  # after an error: still every file in place or removed before the block ends
            f.exception()


def selaraskan() -> None:
    """Inside ``tulis_bertahap``: wait until the files written so far are in place (raises the first error of their
    fsync or rename); outside it, nothing (they are in place already)."""
    tertunda: list[Future] | None = getattr(_LOKAL, "bertahap", None)
    while tertunda:
        tertunda.pop(0).result()


# The temporary names tulis_aman gives: '.TC-33.k2j3h4.tmp.xlsx'.  A run killed with SIGKILL leaves them behind.
POLA_SEMENTARA = re.compile(r"^\..+\.tmp(\.[A-Za-z0-9]+)?$")


def bersihkan_sisa(folder: Path) -> list[Path]:
    """Remove the temporary files a killed run left under ``folder``; call it only while holding the folder's lock
    (no other run is writing).  Returns what was removed."""
    dihapus = []
    if folder.is_dir():
        for p in folder.rglob(".*.tmp*"):
            if p.is_file() and POLA_SEMENTARA.match(p.name):
                p.unlink(missing_ok=True)
                dihapus.append(p)
    return dihapus


_HITUNG_UJI: dict[str, int] = {}


def titik_uji(nama: str) -> None:
    """Crash-test hook: with ``RENJA_MATI_DI=<nama>[:k]`` the process kills itself with SIGKILL the k-th time
    (default first) it passes point ``nama``.  Unset in real runs; tests use it to cut a run at exact places."""
    st = setelan()
    target = st.mati_di
    if not target:
        return
    titik, _, ke = target.partition(":")
    if titik != nama:
        return
    _HITUNG_UJI[nama] = _HITUNG_UJI.get(nama, 0) + 1
    if _HITUNG_UJI[nama] >= int(ke or 1):
        induk = st.pekerja_dari  # in a worker (flows.mesin.pekerja): the run it works for dies too
        if induk:
            try:
                os.kill(induk, signal.SIGKILL)
            except OSError:
                pass
        os.kill(os.getpid(), signal.SIGKILL)


def sha256_isi(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def tulis_dengan(tujuan: Path, penulis: Callable[[Path], object]) -> Path:
    """Run ``penulis(path)`` on a temporary path and move the result to ``tujuan``."""
    with tulis_aman(tujuan) as tmp:
        penulis(tmp)
    return tujuan


def tulis_csv(df: "pd.DataFrame", tujuan: Path) -> Path:  # noqa: F821 - pandas is the caller's
    """UTF-8 CSV with a header row; empty cells for missing values."""
    return tulis_dengan(tujuan, lambda p: df.to_csv(p, index=False, encoding="utf-8", errors="replace"))


def tulis_json(data, tujuan: Path) -> Path:
    def _tulis(p: Path):
        p.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default), encoding="utf-8",
                     errors="replace")  # a file name that is not UTF-8 shows "?" where its odd bytes were

    return tulis_dengan(tujuan, _tulis)


def tulis_teks(teks: str, tujuan: Path) -> Path:
    return tulis_dengan(tujuan, lambda p: p.write_text(teks, encoding="utf-8", errors="replace"))


def _json_default(v):
    pandas = sys.modules.get("pandas")  # not imported here: the service's record needs no pandas (pd.NA needs it)
    if (pandas is not None and v is pandas.NA) or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return str(v)
