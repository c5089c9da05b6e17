"""transforms.tabel's sheets read once for all (``_lembar_per_sheet``, ``_merge_per_sheet``) and rows' values kept
(``_Lembar.dilipat``, ``terisi``) give what the per-sheet versions gave — ``grid(cells, sheet)`` of each sheet of
``pd.unique``, the merges of ``merges[merges["sheet"] == sheet]``, ``lipat`` and ``kosong`` of every cell (kept here
as the reference) — for sheets in any order, missing sheet names, repeated positions and every kind of cell value."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.sel import grid, kosong, lipat
from transforms.tabel import _jenis_baris, _lembar_per_sheet, _merge_per_baris, _merge_per_sheet

_NILAI = st.one_of(st.none(), st.just(math.nan), st.just(pd.NA), st.booleans(), st.integers(-10**6, 10**6),
                   st.floats(allow_nan=False, allow_infinity=False, width=32),
                   st.text(alphabet="aAéÉ 1%-.,/\t\nKodeTOTALnip", max_size=12))
_SHEET = st.one_of(st.sampled_from(["S1", "Sheet 2", "TC.33", ""]), st.just(math.nan))


def _rujukan_lembar(cells: pd.DataFrame) -> list:
    """The grids as cari_tabel read them before (8928cbc): each sheet of pd.unique, empty ones skipped."""
    hasil = []
    for sheet in pd.unique(cells["sheet"]):
        g = grid(cells, sheet)
        if g.empty:
            continue
        hasil.append((sheet, list(g.columns), int(g.index.min()), int(g.index.max()),
                      dict(zip(g.index.tolist(), g.to_numpy(dtype=object).tolist()))))
    return hasil


def _sama_nilai(a, b) -> bool:
    if a is None or b is None or a is pd.NA or b is pd.NA:
        return a is b
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return type(a) is type(b) and a == b


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_SHEET, st.integers(1, 9), st.integers(1, 6), _NILAI), max_size=40))
def test_lembar_per_sheet_sama_dengan_grid_per_sheet(sel):
    cells = pd.DataFrame(sel, columns=["sheet", "baris", "kolom", "nilai"]).astype({"nilai": object})
    baru = list(_lembar_per_sheet(cells))
    lama = _rujukan_lembar(cells)
    assert [s for s, _ in baru] == [x[0] for x in lama]
    for (_, g), (_, kolom, awal, akhir, isi) in zip(baru, lama):
        assert (g.kolom, g.awal, g.akhir, list(g.isi)) == (kolom, awal, akhir, list(isi))
        for b, baris in isi.items():
            assert all(_sama_nilai(x, y) for x, y in zip(g.baris(b), baris, strict=True))
            assert g.dilipat(b) == [lipat(v) for v in baris]
            terisi = [v for v in baris if not kosong(v)]
            assert all(_sama_nilai(x, y) for x, y in zip(g.terisi(b), terisi, strict=True))
            assert g.isi_dilipat(b) == [lipat(v) for v in baris if not kosong(v)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["S1", "S2", "S3"]), st.integers(1, 9), st.integers(1, 6),
                          st.integers(0, 3), st.integers(0, 3)), max_size=12),
       st.sampled_from(["S1", "S2", "S3", "S4"]))
def test_merge_per_sheet_sama_dengan_saringan_per_sheet(rentang, sheet):
    merges = pd.DataFrame([(s, b, k, b + db, k + dk) for s, b, k, db, dk in rentang],
                          columns=["sheet", "baris_awal", "kolom_awal", "baris_akhir", "kolom_akhir"])
    lama: dict[int, list] = {}
    if not merges.empty:
        for m in merges[merges["sheet"] == sheet].itertuples(index=False):
            for b in range(int(m.baris_awal), int(m.baris_akhir) + 1):
                lama.setdefault(b, []).append(m)
    assert _merge_per_baris(_merge_per_sheet(merges).get(sheet, ())) == lama


@settings(max_examples=300, deadline=None)
@given(st.lists(_NILAI, min_size=1, max_size=6), st.sampled_from([None, 1, 2]))
def test_jenis_baris_dengan_isi_sama_tanpa_isi(baris, kunci):
    from schemas.tc33 import LAYOUT

    nilai = dict(enumerate(baris, start=1))
    peta = {"kode": kunci} if kunci is not None else {}
    dilipat = [lipat(v) for v in baris if not kosong(v)]
    terisi = [v for v in baris if not kosong(v)]
    teks_header = {"kode", "total"}
    assert _jenis_baris(nilai, peta, teks_header, LAYOUT, dilipat, terisi) == \
        _jenis_baris(nilai, peta, teks_header, LAYOUT, dilipat)


def test_lembar_tanpa_sel():
    assert list(_lembar_per_sheet(pd.DataFrame(columns=["sheet", "baris", "kolom", "nilai"]))) == []
    assert list(_lembar_per_sheet(pd.DataFrame({"sheet": [np.nan], "baris": [1], "kolom": [1], "nilai": ["a"]}))) \
        == []
