"""transforms.rekaman.baris_dict gives exactly what DataFrame.to_dict("records") gives: the same keys, values and
value types, for every dtype the transforms meet (and a few they do not)."""
from __future__ import annotations

import datetime
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.rekaman import baris_dict


def _sama(a: list[dict], b: list[dict]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert list(x) == list(y)
        for k in x:
            vx, vy = x[k], y[k]
            assert type(vx) is type(vy), (k, vx, vy)
            kosong = isinstance(vx, float) and math.isnan(vx)
            assert vx is vy or kosong and math.isnan(vy) or vx == vy, (k, vx, vy)


FRAMES = {
    "campuran": pd.DataFrame({
        "int": [1, 2], "float": [1.5, np.nan], "Int64": pd.array([1, None], dtype="Int64"),
        "objek": ["x", None], "waktu": pd.to_datetime(["2020-01-01", None]), "bool": [True, False],
        "boolean": pd.array([True, None], dtype="boolean"), "kategori": pd.Categorical(["u", "v"]),
        "objek_numpy": [np.int64(3), pd.NA], "Float64": pd.array([1.5, None], dtype="Float64"),
        "string_NA": pd.array(["s", None], dtype="string"), "Float64_nan": pd.array([np.nan, 2.0], dtype="Float64"),
        "Int64_penuh": pd.array([1, 2], dtype="Int64"), "str": pd.array(["q", None], dtype="str"),
        "UInt8": pd.array([3, None], dtype="UInt8"), "tanggal": [datetime.date(2020, 1, 1), None],
        "durasi": pd.to_timedelta([1, None], unit="s"), "objek_float": [np.float64(2.5), 7],
        "objek_bool": [np.bool_(True), False]}),
    "kosong": pd.DataFrame(),
    "tanpa_kolom": pd.DataFrame(index=[1, 2]),
    "nol_baris": pd.DataFrame({"a": pd.array([], dtype="Int64"), "b": pd.Series([], dtype=object)}),
    "kolom_ganda": pd.DataFrame([[1, "a"], [2, "b"]], columns=["k", "k"]),
    "indeks_lain": pd.DataFrame({"a": [1, 2, 3]}, index=[7, 3, 5]).iloc[[2, 0]],
}


@pytest.mark.parametrize("nama", FRAMES)
def test_sama_dengan_to_dict(nama):
    df = FRAMES[nama]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # to_dict warns about repeated column names
        harapan = df.to_dict("records")
    _sama(baris_dict(df), harapan)


_NILAI = st.one_of(st.none(), st.integers(-10**20, 10**20), st.floats(allow_nan=True), st.text(max_size=5),
                   st.booleans(), st.just(pd.NA), st.just(np.nan))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.tuples(_NILAI, st.one_of(st.none(), st.integers(-5, 5)), st.one_of(st.none(), st.text(max_size=3))),
                max_size=8))
def test_sama_dengan_to_dict_acak(baris):
    df = pd.DataFrame({
        "objek": pd.Series([b[0] for b in baris], dtype=object),
        "Int64": pd.array([b[1] for b in baris], dtype="Int64"),
        "str": pd.array([b[2] for b in baris], dtype="str"),
        "Float64": pd.array([None if b[1] is None else b[1] / 2 for b in baris], dtype="Float64"),
    })
    _sama(baris_dict(df), df.to_dict("records"))
