"""A frame's rows as plain dicts, the way ``DataFrame.to_dict("records")`` gives them, without its cost.

``to_dict("records")`` walks ``itertuples``, which takes every column through ``iloc[:, k]``: on the few-hundred-row
frames of a kecamatan that indexing, not the rows, was most of the time of every transform that walks its rows.
``baris_dict`` reads each column once through ``DataFrame.items`` and boxes the values exactly as ``to_dict`` does
(pandas' own ``maybe_box_native`` on object and extension columns: ``Int64`` values become ``int``, ``pd.NA``
becomes ``None``; numpy columns already iterate as Python scalars), so the dicts are equal, value types included
(``tests/test_rekaman.py``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype
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
    isi = []
    for _, s in df.items():
        d = s.dtype
        if isinstance(d, pd.StringDtype) and d.na_value is np.nan:
            isi.append(list(s))  # str or the float NaN: what boxing would leave as it is
        elif isinstance(d, BaseMaskedDtype):  # Int64, Float64, boolean: Python scalars, pd.NA boxed to None
            isi.append([None if v is pd.NA else v for v in s.tolist()])
        elif d == _OBJEK or isinstance(d, ExtensionDtype):
            isi.append([v if type(v) in _ASLI else maybe_box_native(v) for v in s])
        else:
            isi.append(list(s))
    return [dict(zip(kolom, nilai)) for nilai in zip(*isi)]
