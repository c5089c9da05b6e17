"""Small-frame building blocks: the same frames as pandas' ``astype(dict)`` and ``astype(object).where``, without the
cost those calls have on the frames of a kecamatan (a few hundred rows, tens of columns), where pandas' fixed cost
per call and per column — a copy and a concat of every column for ``astype(dict)``, three Series for
``astype(object).where`` — was most of the time (issue 13).  Each function gives what its pandas counterpart gives,
dtypes, index and column order included (``tests/test_bingkai.py``).  ``susun_bingkai`` builds a frame once from
column arrays kept as they are (no dtype inferred again, nothing aligned)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype
from pandas.core.dtypes.astype import astype_array_safe


def susun_bingkai(kolom: Sequence, isi: Sequence, index: pd.Index | None = None) -> pd.DataFrame:
    """The frame whose columns ``kolom`` hold the arrays ``isi`` (numpy arrays or pandas extension arrays, each as
    long as ``index``; default a RangeIndex) exactly as they are: what ``pd.DataFrame(dict(zip(kolom, isi)),
    index=index)`` gives for arrays whose dtype pandas keeps, without its checks, alignment and inference (an object
    array of texts stays object, not ``str``).  The arrays become the frame's own: pass arrays nothing else holds
    (copy a column taken from another frame)."""
    if index is None:
        index = pd.RangeIndex(len(isi[0]) if len(isi) else 0)
    return pd.DataFrame._from_arrays(list(isi), columns=kolom, index=index, verify_integrity=False)


def pasang_tipe(df: pd.DataFrame, tipe: Mapping[str, object]) -> pd.DataFrame:
    """``df.astype(tipe)`` (a dict of column → dtype) built once from the column arrays (``susun_bingkai``): each
    named column converted as ``Series.astype`` converts it, the others copied (``assign`` cost a shallow copy of
    every block and a block split per column)."""
    kolom = df.columns
    if not kolom.is_unique or any(k not in kolom for k in tipe):
        return df.assign(**{k: df[k].astype(t) for k, t in tipe.items()})  # pandas says what is wrong
    tujuan = {k: pandas_dtype(t) for k, t in tipe.items()}
    isi = [astype_array_safe(a, tujuan[k], copy=True) if k in tujuan else a.copy()
           for k, a in zip(kolom, df._iter_column_arrays())]
    return susun_bingkai(kolom, isi, df.index)


def susun_dari(df: pd.DataFrame, kolom: Sequence, baru: Mapping | None = None,
               tipe: Mapping[str, object] | None = None) -> pd.DataFrame:
    """``df.assign(**baru)[list(kolom)].astype(tipe)`` built once (``susun_bingkai``): each new column as assign
    makes it (a list, range or scalar through pandas' own inference; a Series on ``df``'s index as it is), each
    other column copied from ``df``, the ``tipe`` columns converted as ``Series.astype`` converts them."""
    baru, tipe = baru or {}, tipe or {}
    if df.empty or not df.columns.is_unique or any(isinstance(v, pd.Series) and not v.index.equals(df.index)
                                                   for v in baru.values()):
        # pandas' own way: alignment, its errors, and an empty list (assign makes it float64, a Series object)
        return df.assign(**baru)[list(kolom)].astype(dict(tipe))
    tujuan = {k: pandas_dtype(t) for k, t in tipe.items()}
    isi = []
    for k in kolom:
        if k in baru:
            v = baru[k]
            a = v._values.copy() if isinstance(v, pd.Series) else pd.Series(v, index=df.index, copy=True)._values
        else:
            a = df[k]._values.copy()
        isi.append(astype_array_safe(a, tujuan[k], copy=True) if k in tujuan else a)
    return susun_bingkai(list(kolom), isi, df.index)


def objek_none(s: pd.Series) -> pd.Series:
    """``s.astype(object).where(s.notna(), None)``: an object column with None for every missing value."""
    nilai = s.to_numpy(dtype=object, copy=True)
    nilai[pd.isna(nilai)] = None
    return pd.Series(nilai, index=s.index, name=s.name, dtype=object, copy=False)
