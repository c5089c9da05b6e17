"""The baca step's faster frame building gives what pandas' own construction gave: the cells frame
(flows.langkah.pembaca.bingkai_sel against ``pd.DataFrame(cells).astype({"nilai": object})``), and one guard per
read (baca_terbatas ran periksa_berkas twice)."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import flows.langkah.pembaca as pembaca
from flows.langkah.pembaca import bingkai_sel
from transforms.sel import CELL_COLUMNS

FIXTURE = Path(__file__).parent / "fixtures" / "Renja-Senduro-2024-TC33.xlsx"

_NILAI = st.one_of(st.text(min_size=1, max_size=4), st.integers(-10**12, 10**12),
                   st.floats(allow_nan=False, allow_infinity=False), st.just(timedelta(hours=5)))
_SEL = st.tuples(st.sampled_from(["Sheet1", "TC 33", "Ü"]), st.integers(1, 10**6), st.integers(1, 16384), _NILAI)


def _sama(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True, check_column_type=True)
    assert [repr(d) for d in a.dtypes] == [repr(d) for d in b.dtypes]
    assert repr(a.columns) == repr(b.columns)
    for k in a.columns:
        assert [type(v) for v in a[k].tolist()] == [type(v) for v in b[k].tolist()], k


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(_SEL, max_size=12))
def test_bingkai_sel_sama_dengan_pandas(cells):
    """Texts among the values (the fast path), numbers only, a duration, or no cell: pandas' frame."""
    _sama(bingkai_sel(cells), pd.DataFrame(cells, columns=list(CELL_COLUMNS)).astype({"nilai": object}))


def test_bingkai_sel_angka_saja_tetap_jalan_pandas():
    """Without a text pandas infers the values (int and float together become floats): that path stays."""
    cells = [("S", 1, 1, 1), ("S", 1, 2, 2.5)]
    df = bingkai_sel(cells)
    assert df["nilai"].tolist() == [1.0, 2.5] and type(df["nilai"].iloc[0]) is float
    teks = bingkai_sel([*cells, ("S", 2, 1, "a")])
    assert teks["nilai"].tolist() == [1, 2.5, "a"] and type(teks["nilai"].iloc[0]) is int
    assert teks["sheet"].dtype == pd.api.types.pandas_dtype("str") and teks["baris"].dtype == np.int64


def test_baca_terbatas_menjaga_sekali(monkeypatch):
    """The guard (periksa_berkas) reads every part of a workbook: baca_terbatas runs it once, not again inside
    baca_workbook."""
    dipanggil = []
    asli = pembaca.periksa_berkas
    monkeypatch.setattr(pembaca, "periksa_berkas", lambda path: (dipanggil.append(path), asli(path))[1])
    isi = pembaca.baca_terbatas(FIXTURE)
    assert len(dipanggil) == 1 and not isi.cells.empty
    pembaca.baca_workbook(FIXTURE)
    assert len(dipanggil) == 2  # baca_workbook on its own still guards
