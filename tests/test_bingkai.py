"""transforms.bingkai gives the frames of its pandas counterparts (astype(dict), astype(object).where): values,
dtypes, index and column order."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.bingkai import objek_none, pasang_tipe


def _sama(a: pd.DataFrame | pd.Series, b: pd.DataFrame | pd.Series) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True, check_column_type=True)
        assert a.dtypes.tolist() == b.dtypes.tolist()
    else:
        pd.testing.assert_series_equal(a, b, check_exact=True, check_index_type=True)
    for x, y in zip(np.ravel(a.to_numpy(dtype=object)), np.ravel(b.to_numpy(dtype=object))):
        assert type(x) is type(y), (x, y)  # None stays None, not NaN


_ANGKA = st.one_of(st.none(), st.integers(-10**6, 10**6))
_TEKS = st.one_of(st.none(), st.text(max_size=4))


def _frame(baris: list[tuple], indeks: list[int] | None) -> pd.DataFrame:
    return pd.DataFrame({
        "objek_angka": pd.Series([b[0] for b in baris], dtype=object),
        "teks": pd.array([b[1] for b in baris], dtype="str"),
        "objek_teks": pd.Series([b[1] for b in baris], dtype=object),
        "int": pd.Series([b[2] for b in baris], dtype="int64"),
        "float": pd.Series([np.nan if b[0] is None else b[0] / 3 for b in baris], dtype="float64"),
    }).set_axis(indeks if indeks is not None else range(len(baris)))


_BARIS = st.lists(st.tuples(_ANGKA, _TEKS, st.integers(-5, 5)), max_size=8)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(_BARIS, st.booleans(), st.sampled_from([
    {"objek_angka": "Int64"}, {"int": "Int64", "float": "Float64"}, {"objek_angka": "Float64", "int": "float64"},
    {"int": int, "objek_angka": object}, {}]))
def test_pasang_tipe_sama_dengan_astype(baris, indeks_lain, tipe):
    df = _frame(baris, list(range(10, 10 + 2 * len(baris), 2)) if indeks_lain else None)
    _sama(pasang_tipe(df, tipe), df.astype(tipe))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.one_of(_TEKS, st.just(np.nan), st.just(pd.NA), st.floats(allow_nan=False)), max_size=8),
       st.sampled_from([object, "str", "float64"]))
def test_objek_none_sama_dengan_where(nilai, dtype):
    if dtype == "str":
        nilai = [v if v is None or isinstance(v, str) else None for v in nilai]
    if dtype == "float64":
        nilai = [v if isinstance(v, float) else np.nan for v in nilai]
    s = pd.Series(nilai, dtype=dtype, name="x", index=range(5, 5 + len(nilai)))
    _sama(objek_none(s), s.astype(object).where(s.notna(), None))


@pytest.mark.parametrize("tipe", [{"a": "Int64"}, {"a": "Float64"}])
def test_pasang_tipe_nol_baris(tipe):
    df = pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype="str")})
    _sama(pasang_tipe(df, tipe), df.astype(tipe))


def test_susun_bingkai_menyimpan_larik_apa_adanya():
    """An object array of texts stays object (pd.DataFrame of a dict would infer the str dtype); the index is a
    RangeIndex unless given; extension arrays keep their dtype."""
    from transforms.bingkai import susun_bingkai

    teks = np.array(["a", None], dtype=object)
    assert pd.DataFrame({"t": teks})["t"].dtype != object  # what susun_bingkai must not do
    df = susun_bingkai(["t", "n"], [teks, pd.array([1, None], dtype="Int64")])
    assert df["t"].dtype == object and df["t"].tolist() == ["a", None]
    assert str(df["n"].dtype) == "Int64" and df.index.equals(pd.RangeIndex(2))
    assert susun_bingkai(["t"], [teks], pd.Index([5, 7])).index.tolist() == [5, 7]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(_BARIS, st.booleans(), st.sampled_from([{}, {"float": "Float64"}, {"baru": "Int64", "objek_angka": "Float64"}]),
       st.sampled_from(["daftar", "seri", "skalar", "rentang"]))
def test_susun_dari_sama_dengan_assign_astype(baris, indeks_lain, tipe, bentuk):
    from transforms.bingkai import susun_dari

    df = _frame(baris, list(range(10, 10 + 2 * len(baris), 2)) if indeks_lain else None)
    nilai = [b[2] for b in baris]
    baru = {"daftar": {"baru": nilai, "teks": [b[1] for b in baris]},
            "seri": {"baru": pd.Series(nilai, index=df.index, dtype="int64")},
            "skalar": {"baru": 2024}, "rentang": {"baru": range(1, len(df) + 1)}}[bentuk]
    kolom = ["baru", "float", "teks", "objek_angka"]
    _sama(susun_dari(df, kolom, baru, tipe), df.assign(**baru)[kolom].astype(tipe))
