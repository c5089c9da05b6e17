"""transforms.csv_rapi.teks_csv gives ``DataFrame.assign(...).to_csv(index=False)``'s text for frames of
every column kind it reads itself, and None (pandas writes) for the others."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.csv_rapi import teks_csv

_TEKS = st.text(alphabet='ab ,;"\'\n\r\t\\éZ0-=', max_size=6)
_FLOAT = st.floats(allow_nan=False, allow_infinity=True) | st.sampled_from([0.1, 1e16, 1e-7, -0.0, 2.0**53 + 1])


def _kolom(jenis: str, n: int):
    if jenis == "str":
        return st.lists(st.one_of(st.none(), _TEKS), min_size=n, max_size=n).map(lambda v: pd.array(v, dtype="str"))
    if jenis == "Int64":
        return st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)), min_size=n, max_size=n).map(
            lambda v: pd.array(v, dtype="Int64"))
    if jenis == "Float64":
        return st.lists(st.one_of(st.none(), _FLOAT), min_size=n, max_size=n).map(
            lambda v: pd.array(v, dtype="Float64"))
    if jenis == "boolean":
        return st.lists(st.one_of(st.none(), st.booleans()), min_size=n, max_size=n).map(
            lambda v: pd.array(v, dtype="boolean"))
    if jenis == "int64":
        return st.lists(st.integers(-2**63, 2**63 - 1), min_size=n, max_size=n).map(lambda v: np.array(v, "int64"))
    if jenis == "bool":
        return st.lists(st.booleans(), min_size=n, max_size=n).map(lambda v: np.array(v, dtype=bool))
    return st.lists(st.one_of(st.none(), st.just(math.nan), st.just(pd.NA), _TEKS, st.integers(-10**20, 10**20),
                              _FLOAT, st.booleans()), min_size=n, max_size=n).map(
        lambda v: np.array(v + [object()], dtype=object)[:-1])  # object, never inferred


_JENIS = st.sampled_from(["str", "Int64", "Float64", "boolean", "int64", "bool", "object"])


@st.composite
def _frame(draw):
    n = draw(st.integers(0, 5))
    jenis = draw(st.lists(_JENIS, min_size=1, max_size=5))
    return pd.DataFrame({f"k{i}": draw(_kolom(j, n)) for i, j in enumerate(jenis)})


@settings(max_examples=200, deadline=None)
@given(_frame(), st.dictionaries(st.sampled_from(["kode_wilayah", "x y"]), _TEKS, max_size=2))
def test_teks_csv_sama_dengan_to_csv(df, tambahan):
    assert teks_csv(df, tambahan) == df.assign(**tambahan).to_csv(index=False)


def test_yang_tidak_dibaca_sendiri_diserahkan_ke_pandas():
    assert teks_csv(pd.DataFrame({"a": [1.5, 2.0]})) is None  # a numpy float column
    assert teks_csv(pd.DataFrame({"a": pd.to_datetime(["2024-01-01"])})) is None
    assert teks_csv(pd.DataFrame({"a": np.array([np.float64(1.5)], dtype=object)})) is None  # a numpy scalar
    assert teks_csv(pd.DataFrame({"a": pd.Categorical(["x"])})) is None
    assert teks_csv(pd.DataFrame({1: ["x"]})) is None  # a column name that is not text
    assert teks_csv(pd.DataFrame({"a": ["x"]}), {"a": "y"}) is None  # assign would replace the column
    assert teks_csv(pd.DataFrame({"a": ["x"]}), {"b": "y"}) == "a,b\nx,y\n"
