"""flows.langkah.periksa._rencana_gx (how a frame's nullable columns are converted for GX) decides as its pandas
version did (``abs().max()`` per column — kept here as the reference), for Int, UInt and Float columns with missing
values, NaN, values beyond 2**53, all missing, empty."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.api.extensions import ExtensionDtype

from flows.langkah.periksa import _rencana_gx


def _rujukan(df: pd.DataFrame) -> dict[str, str]:
    rencana = {}
    for kolom, dtype in df.dtypes.items():
        if not isinstance(dtype, ExtensionDtype):
            continue
        if pd.api.types.is_bool_dtype(dtype):
            rencana[kolom] = "object"
        elif pd.api.types.is_numeric_dtype(dtype):
            terbesar = df[kolom].abs().max()
            rencana[kolom] = "float64" if pd.isna(terbesar) or terbesar <= 2**53 else "object"
    return rencana


_BATAS = [0, 1, -1, 2**53 - 1, 2**53, 2**53 + 1, -(2**53) - 1, 2**62]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(_BATAS), st.integers(-10**6, 10**6)), max_size=6),
       st.lists(st.one_of(st.none(), st.sampled_from([b for b in _BATAS if b >= 0]), st.integers(0, 10**6)),
                max_size=6),
       st.lists(st.one_of(st.none(), st.just(float("nan")), st.sampled_from([0.5, -2.0**53, 2.0**53, 2.0**54, 1e300])),
                max_size=6))
def test_sama_dengan_rujukan(bulat, positif, pecahan):
    n = max(len(bulat), len(positif), len(pecahan))
    isi = lambda xs: xs + [None] * (n - len(xs))  # noqa: E731
    df = pd.DataFrame({
        "Int64": pd.array(isi(bulat), dtype="Int64"),
        "UInt64": pd.array(isi(positif), dtype="UInt64"),
        "Float64": pd.array(isi(pecahan), dtype="Float64"),
        "Int8": pd.array([None if v is None else v % 100 for v in isi(bulat)], dtype="Int8"),
        "float": np.array([np.nan if v is None else v for v in isi(pecahan)], dtype="float64"),
        "boolean": pd.array([None if v is None else v > 0 for v in isi(bulat)], dtype="boolean"),
        "str": pd.array([None if v is None else str(v) for v in isi(bulat)], dtype="str"),
    })
    assert _rencana_gx(df) == _rujukan(df)


def test_di_atas_2_53_jadi_objek():
    df = pd.DataFrame({"a": pd.array([1, None, 2**53 + 1], dtype="Int64"), "b": pd.array([None] * 3, dtype="Float64"),
                       "c": pd.array([-(2.0**54), None, 1.0], dtype="Float64")})
    assert _rencana_gx(df) == {"a": "object", "b": "float64", "c": "object"} == _rujukan(df)
