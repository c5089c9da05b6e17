"""Safe writing: every output goes to a temporary file in the same folder and is renamed into place."""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


@contextmanager
def tulis_aman(tujuan: Path):
    """Yield a temporary path beside ``tujuan``; on success it atomically replaces ``tujuan``.

    A crash or an exception leaves ``tujuan`` as it was (old content or absent), never half-written.
    """
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{tujuan.stem}.", suffix=f".tmp{tujuan.suffix}", dir=tujuan.parent)
    os.close(fd)
    sementara = Path(tmp)
    try:
        yield sementara
        with open(sementara, "rb") as f:
            os.fsync(f.fileno())
        os.replace(sementara, tujuan)
    finally:
        sementara.unlink(missing_ok=True)


def tulis_dengan(tujuan: Path, penulis: Callable[[Path], object]) -> Path:
    """Run ``penulis(path)`` on a temporary path and move the result to ``tujuan``."""
    with tulis_aman(tujuan) as tmp:
        penulis(tmp)
    return tujuan


def tulis_csv(df: pd.DataFrame, tujuan: Path) -> Path:
    """UTF-8 CSV with a header row; empty cells for missing values."""
    return tulis_dengan(tujuan, lambda p: df.to_csv(p, index=False, encoding="utf-8"))


def tulis_json(data, tujuan: Path) -> Path:
    def _tulis(p: Path):
        p.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default), encoding="utf-8")

    return tulis_dengan(tujuan, _tulis)


def tulis_teks(teks: str, tujuan: Path) -> Path:
    return tulis_dengan(tujuan, lambda p: p.write_text(teks, encoding="utf-8"))


def _json_default(v):
    if v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return str(v)
