"""A frame's rows as plain dicts, the way ``DataFrame.to_dict("records")`` gives them, without its cost.

``to_dict("records")`` walks ``itertuples``, which takes every column through ``iloc[:, k]``: on the few-hundred-row
frames of a kecamatan that indexing, not the rows, was most of the time of every transform that walks its rows.
``baris_dict`` reads each column's stored array once (no Series made per column; numeric and ``str`` columns through
``tolist``, not element by element) and boxes the values exactly as ``to_dict`` does (pandas' own
``maybe_box_native`` on object and extension columns: ``Int64`` values become ``int``, ``pd.NA`` becomes ``None``;
numpy columns give Python scalars), so the dicts are equal, value types included (``tests/test_rekaman.py``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.core.arrays.masked import BaseMaskedDtype
from pandas.core.dtypes.cast import maybe_box_native

_OBJEK = np.dtype(object)
_ASLI = frozenset({str, int, float, bool, type(None)})  # boxing returns these values as they are


def baris_dict(df: pd.DataFrame) -> list[dict]:
    """``df.to_dict("records")``: one dict per row, column → value (a repeated column name keeps its last
    column's value, as there)."""
    kolom = df.columns.tolist()
    if not kolom:
        return [{} for _ in range(len(df))]
    isi = [_nilai_kolom(a) for a in df._iter_column_arrays()]  # the stored arrays: no Series made per column
    return [dict(zip(kolom, nilai)) for nilai in zip(*isi)]


def _nilai_kolom(a) -> list:
    """One column's values as ``to_dict("records")`` boxes them (the module docstring), from its stored array."""
    d = a.dtype
    if isinstance(a, np.ndarray):
        if d == _OBJEK:
            return [v if type(v) in _ASLI else maybe_box_native(v) for v in a.tolist()]
        if d.kind in "biuf":
            return a.tolist()  # Python bool/int/float, what iterating the column gives
        return list(pd.Series(a, copy=False))  # datetime64/timedelta64 and the like: as the Series iterates them
    if isinstance(d, pd.StringDtype) and d.na_value is np.nan:
        return a.to_numpy().tolist()  # str or the float NaN: what boxing would leave as it is
    if isinstance(d, BaseMaskedDtype):  # Int64, Float64, boolean: Python scalars, pd.NA boxed to None
        return [None if v is pd.NA else v for v in a.tolist()]
    return [v if type(v) in _ASLI else maybe_box_native(v) for v in a]
