"""Finding a T-C.33 table by its content and classifying its rows: one small fixture per layout quirk."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.tc33 import LAYOUT
from tests.conftest import cells_dari_baris, merges_kosong
from transforms.tabel import cari_tabel

HEADER_1 = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
            "Rencana Tahun 2024 (Tahun Rencana)", None, None, None, "Catatan Penting",
            "Prakiraan Maju Rencana Tahun 2025", None]
HEADER_2 = [None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana", "Sumber Dana", None,
            "Target Capaian Kinerja", "Kebutuhan Dana"]
NOMOR = list(range(1, 11))
PROGRAM = ["7.01.02", "Program Penyelenggaraan Pemerintahan", "Persentase", "Kec. X", "100%", 13600000, "DAU", None,
           "100%", 15488000]
KEGIATAN = ["7.01.02.2.01", "Koordinasi", "Persentase", "Kec. X", "100%", 13600000, "DAU", None, "100%", 15488000]


def _satu(baris, **kw):
    tabel = cari_tabel(cells_dari_baris(baris, **kw), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    return tabel[0]


def _jenis(t):
    return list(zip(t.baris["baris"], t.baris["jenis"]))


def test_header_dua_baris_tanpa_merge_grup_diisi_ke_kanan():
    t = _satu([HEADER_1, HEADER_2, NOMOR, PROGRAM])
    assert t.peta_kolom == {"kode": 1, "nama": 2, "indikator": 3, "lokasi": 4, "target": 5, "pagu": 6,
                            "sumber_dana": 7, "catatan": 8, "target_maju": 9, "pagu_maju": 10}
    assert t.jumlah_baris_header == 2
    assert _jenis(t) == [(3, "nomor-kolom"), (4, "data")]


def test_tabel_di_mana_saja_dalam_sheet():
    t = _satu([["Tabel T-C.33"], ["Kabupaten Lumajang"], [], HEADER_1, HEADER_2, NOMOR, PROGRAM],
              sheet="Lembar 3", baris_awal=20, kolom_awal=5)
    assert (t.sheet, t.baris_header, t.peta_kolom["kode"], t.peta_kolom["pagu_maju"]) == ("Lembar 3", 23, 5, 14)
    assert t.judul == ("Tabel T-C.33", "Kabupaten Lumajang")
    assert _jenis(t) == [(25, "nomor-kolom"), (26, "data")]


def test_header_berulang_di_tengah_tabel_dibuang():
    t = _satu([HEADER_1, HEADER_2, NOMOR, PROGRAM, [], HEADER_1, HEADER_2, NOMOR, KEGIATAN])
    assert _jenis(t) == [(3, "nomor-kolom"), (4, "data"), (5, "kosong"), (6, "header-ulang"), (7, "header-ulang"),
                         (8, "nomor-kolom"), (9, "data")]


def test_header_berulang_bergeser_satu_kolom_dibuang():
    geser = [None, *HEADER_1[:-1]]
    t = _satu([HEADER_1, HEADER_2, PROGRAM, geser, KEGIATAN])
    assert _jenis(t) == [(3, "data"), (4, "header-ulang"), (5, "data")]


def test_baris_total_menutup_tabel_dan_tanda_tangan_dibaca():
    total = [None, None, None, None, "TOTAL PAGU", 13600000, None, None, None, 15488000]
    t = _satu([HEADER_1, HEADER_2, PROGRAM, total, [],
               [None, None, None, None, None, None, None, "Senduro, juni 2023"],
               [None, None, None, None, None, None, None, "CAMAT SENDURO"], [],
               [None, None, None, None, None, None, None, "Drs. PUJANTO"],
               [None, None, None, None, None, None, None, "NIP. 19681114 199003 1 004"]])
    assert _jenis(t) == [(3, "data"), (4, "total")]
    assert t.penutup == ("Senduro, juni 2023", "CAMAT SENDURO", "Drs. PUJANTO", "NIP. 19681114 199003 1 004")


def test_tanda_tangan_tanpa_total_mengakhiri_tabel():
    t = _satu([HEADER_1, HEADER_2, PROGRAM, [None, None, "Lumajang, 10 Mei 2023"], [None, None, "CAMAT SENDURO"]])
    assert _jenis(t) == [(3, "data")]
    assert t.penutup == ("Lumajang, 10 Mei 2023", "CAMAT SENDURO")


def test_tabel_tanpa_kolom_kode_bukan_tc33():
    tabel_41 = [["No", "Program", "Kegiatan/ Sub Kegiatan", "Indikator", "Target", "Anggaran", "Sumber Dana"],
                [1, "Program Penunjang", None, "Persentase", "100%", "1.860.252.824", "DAU"]]
    assert cari_tabel(cells_dari_baris(tabel_41), merges_kosong(), [LAYOUT]) == []


def test_sheet_lain_tanpa_tabel_dilewati():
    cells = pd.concat([cells_dari_baris([["Sampul"], ["RENJA 2024"]], sheet="Sampul"),
                       cells_dari_baris([HEADER_1, HEADER_2, PROGRAM], sheet="TC 33")], ignore_index=True)
    tabel = cari_tabel(cells, merges_kosong(), [LAYOUT])
    assert [t.sheet for t in tabel] == ["TC 33"]


def test_header_satu_baris():
    satu = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Pagu Indikatif", "Sumber Dana"]
    t = _satu([satu, ["7.01.02", "Program", "Persentase", "100%", "13.600.000", "DAU"]])
    assert t.jumlah_baris_header == 1
    assert t.peta_kolom == {"kode": 1, "nama": 2, "indikator": 3, "sumber_dana": 6, "target": 4, "pagu": 5}
    assert _jenis(t) == [(2, "data")]


def _total_dengan_series(baris: pd.DataFrame) -> pd.DataFrame:
    """baris_total as pandas frames make it: the TOTAL rows, rupiah_series of each amount column."""
    from transforms.angka import rupiah_series
    from transforms.periksa import FIELDS_PAGU

    tot = baris[baris["jenis"] == "total"]
    hasil = {f: rupiah_series(tot[f])["nilai"] if f in tot else pd.Series(pd.NA, index=tot.index, dtype="Int64")
             for f in FIELDS_PAGU}
    return tot[["sheet", "baris"]].assign(**hasil)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["data", "total", "kosong"]),
                          st.one_of(st.none(), st.integers(-10**6, 10**6), st.text(max_size=6), st.floats()),
                          st.one_of(st.none(), st.sampled_from(["1.000", "-", "x"]))), max_size=6),
       st.booleans(), st.booleans())
def test_baris_total_sama_dengan_rupiah_series(rows, ada_maju, indeks_lain):
    from transforms.periksa import baris_total

    kolom = {"sheet": pd.Series(["S"] * len(rows), dtype=object),
             "baris": pd.Series(range(5, 5 + len(rows)), dtype="int64"),
             "jenis": pd.Series([r[0] for r in rows], dtype=object), "pagu": pd.Series([r[1] for r in rows], dtype=object)}
    if ada_maju:
        kolom["pagu_maju"] = pd.Series([r[2] for r in rows], dtype=object)
    df = pd.DataFrame(kolom)
    if indeks_lain:
        df.index = range(3, 3 + 2 * len(rows), 2)
    hasil, harapan = baris_total(df), _total_dengan_series(df)
    pd.testing.assert_frame_equal(hasil, harapan, check_exact=True, check_index_type=True)
    assert hasil.dtypes.tolist() == harapan.dtypes.tolist()
