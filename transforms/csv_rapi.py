"""A tidy frame's CSV text — exactly ``DataFrame.to_csv(index=False)``'s — built from the columns' stored values.

pandas prepares each column for the csv module through a handful of array operations (``get_values_for_csv``: a
missing-value mask, a conversion to objects or text, the mask filled) whose fixed cost, on the frames of one
kecamatan (a few dozen to a few hundred rows, up to 40 columns, most of them extension arrays), was most of writing
its CSV files (issue 13).  Here each column becomes, in one pass over its values, the very texts the csv module would
write for the values pandas hands it, and the rows go through a ``csv.writer`` with pandas' own dialect (QUOTE_MINIMAL,
'"', doubled quotes, the caller's line end).  Only the column kinds a tidy frame has are read so: ``str`` (python storage),
``Int*``/``UInt*``, ``Float*``, ``boolean``, numpy integers and booleans, and object columns holding ``str``, ``int``,
``bool``, ``float`` and missing values; for any other (a numpy float column, dates, categories, numpy scalars in an
object column, a column name that is not text) ``teks_csv`` returns None and the caller asks pandas.
tests/test_csv_rapi.py compares the two on frames of every such kind."""
from __future__ import annotations

import csv
from collections.abc import Mapping
from types import SimpleNamespace

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray


class _BukanBiasa(Exception):
    """A value or a column this module does not write itself."""


def teks_csv(df: pd.DataFrame, tambahan: Mapping[str, str] | None = None, akhir_baris: str = "\n") -> str | None:
    """``df.assign(**tambahan).to_csv(index=False, lineterminator=akhir_baris)`` (``tambahan``: columns of one text
    each, added at the end; pandas' default line end is ``os.linesep``, which the writer passes), or None when ``df``
    has a column kind or value this module leaves to pandas, or a column of ``tambahan`` already."""
    tambahan = dict(tambahan or {})
    nama = [*df.columns.tolist(), *tambahan]
    if not nama or not all(type(k) is str for k in nama) or len(set(nama)) != len(nama):
        return None
    try:
        kolom = [_teks_kolom(a) for a in df._iter_column_arrays()]
    except _BukanBiasa:
        return None
    kolom += [[nilai] * len(df) for nilai in tambahan.values()]
    bagian: list[str] = []
    penulis = csv.writer(SimpleNamespace(write=bagian.append), lineterminator=akhir_baris, delimiter=",",
                         quoting=csv.QUOTE_MINIMAL, doublequote=True, escapechar=None, quotechar='"')
    penulis.writerow(nama)
    penulis.writerows(zip(*kolom))
    return "".join(bagian)


def _teks_kolom(a) -> list[str]:
    """The texts the csv module writes for one column as pandas hands it (missing values: '')."""
    d = a.dtype
    if isinstance(a, np.ndarray):
        if d.kind in "iub":
            return [str(v) for v in a.tolist()]
        if d == object:
            return [_teks_objek(v) for v in a.tolist()]
        raise _BukanBiasa
    if not isinstance(a, ExtensionArray):
        raise _BukanBiasa
    if isinstance(d, pd.StringDtype) and d.storage == "python":
        return [v if type(v) is str else "" for v in a.to_numpy(dtype=object).tolist()]
    if isinstance(d, (pd.Int8Dtype, pd.Int16Dtype, pd.Int32Dtype, pd.Int64Dtype, pd.UInt8Dtype, pd.UInt16Dtype,
                      pd.UInt32Dtype, pd.UInt64Dtype, pd.BooleanDtype)):
        return ["" if v is pd.NA else str(v) for v in a.tolist()]
    if isinstance(d, pd.Float64Dtype):
        return ["" if v is pd.NA else repr(v) for v in a.tolist()]
    raise _BukanBiasa


def _teks_objek(v) -> str:
    t = type(v)
    if t is str:
        return v
    if v is None or v is pd.NA:
        return ""
    if t is float:
        return "" if v != v else repr(v)
    if t is int or t is bool:
        return str(v)
    raise _BukanBiasa
