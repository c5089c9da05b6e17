"""Small-frame building blocks: the same frames as pandas' ``astype(dict)`` and ``astype(object).where``, without the
cost those calls have on the frames of a kecamatan (a few hundred rows, tens of columns), where pandas' fixed cost
per call and per column — a copy and a concat of every column for ``astype(dict)``, three Series for
``astype(object).where`` — was most of the time (issue 13).  Each function gives what its pandas counterpart gives,
dtypes, index and column order included (``tests/test_bingkai.py``)."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


def pasang_tipe(df: pd.DataFrame, tipe: Mapping[str, object]) -> pd.DataFrame:
    """``df.astype(tipe)`` (a dict of column → dtype) converting only the named columns (``assign``: the other
    columns are not copied, and not concatenated again)."""
    return df.assign(**{k: df[k].astype(t) for k, t in tipe.items()})


def objek_none(s: pd.Series) -> pd.Series:
    """``s.astype(object).where(s.notna(), None)``: an object column with None for every missing value."""
    nilai = s.to_numpy(dtype=object, copy=True)
    nilai[pd.isna(nilai)] = None
    return pd.Series(nilai, index=s.index, name=s.name, dtype=object, copy=False)
