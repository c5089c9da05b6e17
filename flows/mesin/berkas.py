"""Safe writing: every output goes to a temporary file in the same folder, is made durable (fsync) and is renamed
into place.  Within ``tulis_bertahap`` the last two steps run in a background thread, in order, while the caller
computes its next file."""
from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

from flows.mesin.lingkungan import UtasAntrean
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
    try:
        yield sementara
    except BaseException:
        sementara.unlink(missing_ok=True)
        raise
    bertahap = getattr(_LOKAL, "bertahap", None)
    if bertahap is None:
        _tetapkan(sementara, tujuan)
    else:
        bertahap.append(_PENETAP.serahkan(_tetapkan, sementara, tujuan))


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
_PENETAP = UtasAntrean("renja-fsync")  # the process's one thread that syncs and renames, in order


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


def tulis_csv(df: "pd.DataFrame", tujuan: Path, tambahan: dict[str, str] | None = None) -> Path:  # noqa: F821
    """UTF-8 CSV with a header row; empty cells for missing values: ``df.assign(**tambahan).to_csv(index=False)``
    (``tambahan``: columns of one text each, added at the end).  The text is built by transforms.csv_rapi.teks_csv
    (the same bytes, without pandas' fixed cost per column) when it reads every column itself, else by pandas."""
    from transforms.csv_rapi import teks_csv  # with pandas: not at this module's import (the service's ledger)

    teks = teks_csv(df, tambahan, os.linesep)
    if teks is None:
        lengkap = df.assign(**tambahan) if tambahan else df
        return tulis_dengan(tujuan, lambda p: lengkap.to_csv(p, index=False, encoding="utf-8", errors="replace"))

    def tulis(p: Path) -> None:
        with open(p, "w", encoding="utf-8", errors="replace", newline="") as f:  # as pandas opens it
            f.write(teks)

    return tulis_dengan(tujuan, tulis)


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
