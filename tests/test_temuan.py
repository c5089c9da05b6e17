"""transforms.temuan.lengkapi_temuan (its sort without pandas) gives what pandas' stable sort_values gives: the same
completed findings, in the same order, with None for every missing value and empty text."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.aturan import KOLOM_TEMUAN_LENGKAP, KOLOM_TEMUAN_MENTAH, TINGKAT_URUT
from transforms.sel import alamat
from transforms.temuan import _lengkapi_pandas, frame_temuan, lengkapi_temuan


def _dengan_pandas(mentah: list[pd.DataFrame], berkas: str, peta_kolom: dict[str, int]) -> pd.DataFrame:
    """The completed findings as pandas makes them: reindex, concat, map, sort_values (transforms.temuan's
    fallback)."""
    bagian = [m.reindex(columns=list(KOLOM_TEMUAN_MENTAH)) for m in mentah if m is not None and not m.empty]
    if not bagian:
        return pd.DataFrame(columns=list(KOLOM_TEMUAN_LENGKAP))
    df = pd.concat(bagian, ignore_index=True)
    kolom_awal = min(peta_kolom.values()) if peta_kolom else None
    sel = [alamat(b, peta_kolom.get(f, kolom_awal) if isinstance(f, str) else kolom_awal)
           for b, f in zip(df["baris"], df["field"])]
    urut = df["tingkat"].map(TINGKAT_URUT).fillna(9)
    return _lengkapi_pandas(df, berkas, sel, urut, pd.to_numeric(df["baris"], errors="coerce"))


_BARIS = st.fixed_dictionaries({
    "sheet": st.sampled_from(["A", "B", None]),
    "baris": st.one_of(st.none(), st.integers(1, 6), st.just(np.nan)),
    "field": st.sampled_from([None, "kode", "nama", "lain"]),
    "kode": st.sampled_from([None, "1.02", ""]),
    "aturan": st.sampled_from(["a", "b", "c"]),
    "tingkat": st.sampled_from([*TINGKAT_URUT, None]),
    "nilai": st.one_of(st.none(), st.text(max_size=2), st.integers(0, 3)),
    "pesan": st.text(max_size=3),
})


def _bagian(rows: list[dict], urutan_kolom: bool) -> pd.DataFrame:
    kolom = list(KOLOM_TEMUAN_MENTAH) if urutan_kolom else list(reversed(KOLOM_TEMUAN_MENTAH))
    return pd.DataFrame(rows, columns=kolom)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.lists(_BARIS, max_size=6), st.booleans()), max_size=4),
       st.sampled_from([{}, {"kode": 2, "nama": 3}, {"nama": 5}]))
def test_sama_dengan_sort_pandas(bagian, peta_kolom):
    mentah = [_bagian(rows, urut) for rows, urut in bagian]
    hasil, harapan = lengkapi_temuan(mentah, "b.xlsx", peta_kolom), _dengan_pandas(mentah, "b.xlsx", peta_kolom)
    assert list(hasil.columns) == list(harapan.columns)
    assert hasil.to_numpy(dtype=object).tolist() == harapan.to_numpy(dtype=object).tolist()
    assert hasil.index.tolist() == list(range(len(hasil)))


def test_tanpa_temuan_frame_kosong_seperti_pandas_dan_masing_masing_baru():
    """No findings: the frames pandas builds (object columns, RangeIndex(0), the same columns), each call a frame
    of its own (the empty frames are copies of one built once: changing one leaves the next as it was)."""
    harapan = {"mentah": pd.DataFrame([], columns=list(KOLOM_TEMUAN_MENTAH)),
               "lengkap": pd.DataFrame(columns=list(KOLOM_TEMUAN_LENGKAP))}
    for jenis, buat in (("mentah", lambda: frame_temuan([])), ("mentah", lambda: frame_temuan(iter(()), True)),
                        ("lengkap", lambda: lengkapi_temuan([], "a.xlsx", {})),
                        ("lengkap", lambda: lengkapi_temuan([frame_temuan([])], "a.xlsx", {"nama": 2}))):
        a = buat()
        pd.testing.assert_frame_equal(a, harapan[jenis], check_exact=True)
        assert a.columns.dtype == harapan[jenis].columns.dtype and isinstance(a.index, pd.RangeIndex)
        a["sheet"] = pd.Series([], dtype=object)
        a.loc[0] = ["y"] * len(a.columns)
        a.columns = [f"k{i}" for i in range(len(a.columns))]
        pd.testing.assert_frame_equal(buat(), harapan[jenis], check_exact=True)
