"""Small-frame building blocks: the same frames as pandas' ``astype(dict)``, ``assign`` and ``where``, without the
cost those calls have on the frames of a kecamatan (a few hundred rows, tens of columns), where pandas' fixed cost
per call and per column — a copy and a concat of every column for ``astype(dict)``, a frame copy per ``assign`` —
was most of the time (issue 13).  Each function gives a frame equal to its pandas counterpart, dtypes, index and
column order included (``tests/test_bingkai.py``)."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


def dengan_kolom(df: pd.DataFrame, baru: Mapping[str, pd.Series]) -> pd.DataFrame:
    """``df.assign(**baru)`` for Series on ``df``'s index: the columns of ``baru`` replace their namesakes in place or
    are added at the end, in ``baru``'s order; the frame is built once.  ``df``'s column names must be unique."""
    kolom = {k: baru[k] if k in baru else s for k, s in df.items()}
    for k, s in baru.items():
        kolom.setdefault(k, s)
    return pd.DataFrame(kolom, index=df.index, copy=False) if kolom else df.assign(**baru)


def pasang_tipe(df: pd.DataFrame, tipe: Mapping[str, object]) -> pd.DataFrame:
    """``df.astype(tipe)`` (a dict of column → dtype) converting only the named columns."""
    return dengan_kolom(df, {k: df[k].astype(t) for k, t in tipe.items()})


def objek_none(s: pd.Series) -> pd.Series:
    """``s.astype(object).where(s.notna(), None)``: an object column with None for every missing value."""
    nilai = s.to_numpy(dtype=object, copy=True)
    nilai[pd.isna(nilai)] = None
    return pd.Series(nilai, index=s.index, name=s.name, dtype=object, copy=False)
