"""Tests of transforms/angka.py: numbers, Rupiah amounts and targets as written in real Renja documents."""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.angka import (
    JENIS_GABUNGAN,
    JENIS_INDEKS,
    JENIS_JUMLAH,
    JENIS_KOSONG,
    JENIS_PERSEN,
    JENIS_TARGET,
    JENIS_TEKS,
    STATUS_AMBIGU,
    STATUS_ANGKA,
    STATUS_BUKAN_BILANGAN_BULAT,
    STATUS_KOSONG,
    STATUS_NA,
    STATUS_OK,
    STATUS_PEMISAH_CAMPURAN,
    STATUS_RUPIAH,
    STATUS_SATUAN_DIPERBAIKI,
    STATUS_SATUAN_TIDAK_DIKENAL,
    STATUS_STRIP,
    STATUS_TANPA_SATUAN,
    STATUS_TARGET,
    STATUS_TIDAK_TERBACA,
    HasilAngka,
    HasilRupiah,
    HasilTarget,
    angka_series,
    format_rupiah,
    parse_angka,
    parse_rupiah,
    parse_target,
    rupiah_series,
    target_series,
)

# ------------------------------------------------------------------------------------------ parse_angka


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("2.080.252.824", 2080252824.0),  # Indonesian thousands (TOTAL PAGU)
        ("2.621.874.277", 2621874277.0),
        ("91.572.593", 91572593.0),
        ("66,67", 66.67),  # decimal comma
        ("94,12", 94.12),
        ("1.234,5", 1234.5),
        ("1.000.000,00", 1000000.0),
        ("96,00", 96.0),
        ("95.33", 95.33),  # international decimal point (not 3 digits after it)
        ("60.5", 60.5),
        ("1,234.5", 1234.5),  # international thousands + decimal point
        ("1,234,567", 1234567.0),
        ("371.700", 371700.0),  # one '.' + 3 digits: thousands
        ("1.000", 1000.0),
        ("1.500", 1500.0),  # the documented ambiguity: read as thousands
        ("1234.567", 1234.567),  # first group longer than 3: cannot be thousands
        ("0.500", 0.5),
        ("0,500", 0.5),
        ("1,2345", 1.2345),
        ("12", 12.0),
        ("0", 0.0),
        ("Rp. 1.860.252.824 ,-", 1860252824.0),  # BAB IV of the reference
        ("Rp. 220.000.000,-", 220000000.0),
        ("Rp 2.080.252.824", 2080252824.0),
        ("Rp2.080.252.824", 2080252824.0),
        ("rp. 5.000.-", 5000.0),
        ("  12\u00a0", 12.0),
        ("\u00a01.000\u00a0", 1000.0),
        ("1 000 000", 1000000.0),
        ("-1.000", -1000.0),
        ("−1.000", -1000.0),  # unicode minus
        ("-66,67", -66.67),
        ("+5", 5.0),
        ("2080252824.0", 2080252824.0),
    ],
)
def test_angka_ok(teks, nilai):
    assert parse_angka(teks) == HasilAngka(nilai, STATUS_OK, None)


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("10.000,000", 10000000.0), ("3,375.000", 3375000.0), ("1.234,567", 1234567.0), ("1,000.000.000", 1e9)],
)
def test_angka_pemisah_campuran(teks, nilai):
    hasil = parse_angka(teks)
    assert (hasil.nilai, hasil.status) == (nilai, STATUS_PEMISAH_CAMPURAN)
    assert "pemisah ribuan" in hasil.pesan
    assert teks in hasil.pesan


def test_pesan_pemisah_campuran_menyebut_bacaan():
    assert parse_angka("3,375.000").pesan.endswith("3.375.000.")


@pytest.mark.parametrize(
    "teks",
    ["2.517.22.415", "7.01.01", "7.01.01.2.01", "1.2.3", "1,23,456", "1.2,3", "1,2.3.4", "abc", "12 13", "1e5",
     "12%", "5 Dokumen", "1..000", ".5", "5.", "- 5", "(1.000)", "1" * 40, "–5"],
)
def test_angka_tidak_terbaca(teks):
    hasil = parse_angka(teks)
    assert (hasil.nilai, hasil.status) == (None, STATUS_TIDAK_TERBACA)
    assert hasil.pesan


@pytest.mark.parametrize("teks", ["1,234", "3,375", "12,500", "-1,000"])
def test_angka_ambigu(teks):
    hasil = parse_angka(teks)
    assert (hasil.nilai, hasil.status) == (None, STATUS_AMBIGU)
    assert "tidak ditebak" in hasil.pesan


@pytest.mark.parametrize("teks", ["-", "–", "—", " - ", "Rp. -", "Rp -", "-,-", ",-", "--"])
def test_angka_strip(teks):
    hasil = parse_angka(teks)
    assert (hasil.nilai, hasil.status) == (0.0, STATUS_STRIP)


@pytest.mark.parametrize("teks", ["N/A", "n/a", "NA", "na", " N/A ", "#N/A"])
def test_angka_na(teks):
    assert parse_angka(teks).nilai is None
    assert parse_angka(teks).status == STATUS_NA


@pytest.mark.parametrize("nilai", [None, "", "   ", "\u00a0", math.nan, np.nan, pd.NA, pd.NaT, "Rp"])
def test_angka_kosong(nilai):
    hasil = parse_angka(nilai)
    assert (hasil.nilai, hasil.status) == (None, STATUS_KOSONG)


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [(2080252824.0, 2080252824.0), (5, 5.0), (np.int64(7), 7.0), (np.float64(0.5), 0.5), (-3, -3.0),
     (Decimal("1.25"), 1.25)],
)
def test_angka_sel_bilangan(nilai, hasil):
    assert parse_angka(nilai) == HasilAngka(hasil, STATUS_OK, None)


@pytest.mark.parametrize("nilai", [True, False, np.bool_(True), math.inf, -math.inf, object(), [1, 2], 1 + 2j])
def test_angka_sel_aneh(nilai):
    assert parse_angka(nilai).status == STATUS_TIDAK_TERBACA
    assert parse_angka(nilai).nilai is None


# ------------------------------------------------------------------------------------------ parse_rupiah


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("2.080.252.824", 2080252824),
        (2080252824.0, 2080252824),
        (2080252824, 2080252824),
        (np.int64(91572593), 91572593),
        ("Rp. 1.860.252.824 ,-", 1860252824),
        ("Rp. 220.000.000,-", 220000000),
        ("1.000.000,00", 1000000),
        ("-1.000", -1000),
        ("371.650", 371650),
        (0.30000000000000004 * 10, 3),  # Excel binary noise on a whole amount
    ],
)
def test_rupiah_ok(nilai, hasil):
    r = parse_rupiah(nilai)
    assert (r.nilai, r.status) == (hasil, STATUS_OK)
    assert type(r.nilai) is int


@pytest.mark.parametrize(("teks", "nilai"), [("10.000,000", 10000000), ("3,375.000", 3375000)])
def test_rupiah_pemisah_campuran(teks, nilai):
    r = parse_rupiah(teks)
    assert (r.nilai, r.status) == (nilai, STATUS_PEMISAH_CAMPURAN)
    assert type(r.nilai) is int


@pytest.mark.parametrize("nilai", ["1.234,5", "66,67", "95.33", 12.5, 0.1])
def test_rupiah_bukan_bilangan_bulat(nilai):
    r = parse_rupiah(nilai)
    assert (r.nilai, r.status) == (None, STATUS_BUKAN_BILANGAN_BULAT)
    assert "bilangan bulat" in r.pesan


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("-", HasilRupiah(0, STATUS_STRIP, "'-': tanda strip, dibaca nol (tidak ada).")),
        ("2.517.22.415", None),
        ("N/A", HasilRupiah(None, STATUS_NA, "'N/A': tidak ada data (N/A).")),
        (None, HasilRupiah(None, STATUS_KOSONG, None)),
        (math.nan, HasilRupiah(None, STATUS_KOSONG, None)),
    ],
)
def test_rupiah_lain(nilai, hasil):
    r = parse_rupiah(nilai)
    if hasil is None:
        assert (r.nilai, r.status) == (None, STATUS_TIDAK_TERBACA)
    else:
        assert r == hasil


def test_rupiah_strip_int():
    assert type(parse_rupiah("-").nilai) is int


# ------------------------------------------------------------------------------------------ format_rupiah


@pytest.mark.parametrize(
    ("n", "teks"),
    [(2080252824, "2.080.252.824"), (0, "0"), (999, "999"), (1000, "1.000"), (-1000, "-1.000"),
     (91572593, "91.572.593"), (np.int64(1500), "1.500")],
)
def test_format_rupiah(n, teks):
    assert format_rupiah(n) == teks


@pytest.mark.parametrize("n", [1.0, True, None, "1000"])
def test_format_rupiah_menolak_bukan_int(n):
    with pytest.raises(TypeError):
        format_rupiah(n)


# ------------------------------------------------------------------------------------------ parse_target


def _t(nilai, satuan, jenis, status=STATUS_OK, **lain):
    return {"nilai": nilai, "satuan": satuan, "jenis": jenis, "status": status, **lain}


def _ringkas(h: HasilTarget, *lain: str) -> dict:
    hasil = {"nilai": h.nilai, "satuan": h.satuan, "jenis": h.jenis, "status": h.status}
    hasil.update({k: getattr(h, k) for k in lain})
    return hasil


@pytest.mark.parametrize(
    ("teks", "harapan"),
    [
        ("100%", _t(100.0, "Persen", JENIS_PERSEN)),
        ("66,67%", _t(66.67, "Persen", JENIS_PERSEN)),
        ("95.33%", _t(95.33, "Persen", JENIS_PERSEN)),
        ("66.67%", _t(66.67, "Persen", JENIS_PERSEN)),
        ("100 %", _t(100.0, "Persen", JENIS_PERSEN)),
        ("84 %", _t(84.0, "Persen", JENIS_PERSEN)),
        ("96,00%", _t(96.0, "Persen", JENIS_PERSEN)),
        ("0%", _t(0.0, "Persen", JENIS_PERSEN)),
        ("100 persen", _t(100.0, "Persen", JENIS_PERSEN)),
        ("12 Laporan", _t(12.0, "Laporan", JENIS_JUMLAH)),
        ("12 laporan", _t(12.0, "Laporan", JENIS_JUMLAH)),
        ("120 Keluarga", _t(120.0, "Keluarga", JENIS_JUMLAH)),
        ("3 paket", _t(3.0, "Paket", JENIS_JUMLAH)),
        ("6 unit", _t(6.0, "Unit", JENIS_JUMLAH)),
        ("13 Pegawai", _t(13.0, "Pegawai", JENIS_JUMLAH)),
        ("12 Desa", _t(12.0, "Desa", JENIS_JUMLAH)),
        ("10 Lembaga Kemasyarakatan", _t(10.0, "Lembaga Kemasyarakatan", JENIS_JUMLAH)),
        ("12 lembaga kemasyarakatan", _t(12.0, "Lembaga Kemasyarakatan", JENIS_JUMLAH)),
        ("12 Fasilitasi", _t(12.0, "Fasilitasi", JENIS_JUMLAH)),
        ("1 Fasilitas", _t(1.0, "Fasilitas", JENIS_JUMLAH)),
        ("4 Rekening", _t(4.0, "Rekening", JENIS_JUMLAH)),
        ("3 Jenis", _t(3.0, "Jenis", JENIS_JUMLAH)),
        ("12 bulan", _t(12.0, "Bulan", JENIS_JUMLAH)),
        ("13 kali", _t(13.0, "Kali", JENIS_JUMLAH)),
        ("11 kendaraan", _t(11.0, "Kendaraan", JENIS_JUMLAH)),
        ("1 Bangunan", _t(1.0, "Bangunan", JENIS_JUMLAH)),
        ("3 regulasi", _t(3.0, "Regulasi", JENIS_JUMLAH)),
        ("1 ASN", _t(1.0, "ASN", JENIS_JUMLAH)),
        ("60 pokmas", _t(60.0, "Pokmas", JENIS_JUMLAH)),
        ("60 orang", _t(60.0, "Orang", JENIS_JUMLAH)),
        ("1.000 Orang", _t(1000.0, "Orang", JENIS_JUMLAH)),
    ],
)
def test_target_ok(teks, harapan):
    h = parse_target(teks)
    assert _ringkas(h) == harapan
    assert h.pesan is None


@pytest.mark.parametrize(
    ("teks", "nilai", "satuan", "asli"),
    [
        ("12 dokume n", 12.0, "Dokumen", "dokume n"),
        ("3 Dokume n", 3.0, "Dokumen", "Dokume n"),
        ("1 Dolumen", 1.0, "Dokumen", "Dolumen"),
        ("5 Dok.", 5.0, "Dokumen", "Dok."),
        ("12 Dok", 12.0, "Dokumen", "Dok"),
        ("12 Laaporan", 12.0, "Laporan", "Laaporan"),
        ("120 KK", 120.0, "Keluarga", "KK"),
        ("15 KK", 15.0, "Keluarga", "KK"),
    ],
)
def test_target_satuan_diperbaiki(teks, nilai, satuan, asli):
    h = parse_target(teks)
    assert _ringkas(h) == _t(nilai, satuan, JENIS_JUMLAH, STATUS_SATUAN_DIPERBAIKI)
    assert h.pesan == f"Satuan '{asli}' dibaca sebagai '{satuan}'."


@pytest.mark.parametrize(
    ("teks", "nilai", "nilai2"),
    [("12 Orang/12 Bulan", 12.0, 12.0), ("12 Orang/ 12 Bulan", 12.0, 12.0), ("13 orang/ 12 bulan", 13.0, 12.0),
     ("12 Orang / 12 Bulan", 12.0, 12.0)],
)
def test_target_gabungan(teks, nilai, nilai2):
    h = parse_target(teks)
    assert _ringkas(h, "nilai2", "pesan") == _t(nilai, "Orang/Bulan", JENIS_GABUNGAN, nilai2=nilai2, pesan=None)


def test_target_gabungan_tanpa_angka_kedua():
    h = parse_target("1 unit/th")
    assert _ringkas(h, "nilai2") == _t(1.0, "Unit/Tahun", JENIS_GABUNGAN, STATUS_SATUAN_DIPERBAIKI, nilai2=None)
    h = parse_target("12 OB")
    assert _ringkas(h) == _t(12.0, "Orang/Bulan", JENIS_GABUNGAN, STATUS_SATUAN_DIPERBAIKI)


def test_target_gabungan_satuan_asing():
    h = parse_target("12 Orang/12 Minggu")
    assert _ringkas(h, "nilai2") == _t(12.0, "Orang/Minggu", JENIS_GABUNGAN, STATUS_SATUAN_TIDAK_DIKENAL, nilai2=12.0)


@pytest.mark.parametrize(
    ("teks", "nilai", "nilai_huruf"),
    [("60.5 (B-)", 60.5, "B-"), ("65.5 (B-)", 65.5, "B-"), ("70.5 (B)", 70.5, "B"), ("60,5 ( b+ )", 60.5, "B+")],
)
def test_target_indeks(teks, nilai, nilai_huruf):
    h = parse_target(teks)
    assert _ringkas(h, "keterangan", "pesan") == _t(nilai, "Indeks", JENIS_INDEKS, keterangan=nilai_huruf, pesan=None)


@pytest.mark.parametrize(
    ("nilai", "status", "satuan"),
    [(None, STATUS_KOSONG, None), ("", STATUS_KOSONG, None), ("  ", STATUS_KOSONG, None),
     (math.nan, STATUS_KOSONG, None), ("-", STATUS_STRIP, None), ("—", STATUS_STRIP, None),
     ("N/A", STATUS_NA, None), ("n/a", STATUS_NA, None), ("- Dokumen", STATUS_STRIP, "Dokumen")],
)
def test_target_kosong(nilai, status, satuan):
    h = parse_target(nilai)
    assert _ringkas(h) == _t(None, satuan, JENIS_KOSONG, status)


def test_target_strip_pesan():
    assert parse_target("-").pesan == "'-': tanda strip, tidak ada target."


@pytest.mark.parametrize(
    "teks",
    ["(hitungan di tabel dukung yang lama salah)", "Dokumen", "12 Desa, 10 Desa", "NIHIL", "-tidak ada-", "%"],
)
def test_target_teks(teks):
    h = parse_target(teks)
    assert _ringkas(h) == _t(None, None, JENIS_TEKS, STATUS_TIDAK_TERBACA)
    assert teks in h.pesan


def test_target_satuan_tidak_dikenal_disimpan():
    h = parse_target("12   Ekor  Sapi")
    assert _ringkas(h) == _t(12.0, "Ekor Sapi", JENIS_JUMLAH, STATUS_SATUAN_TIDAK_DIKENAL)
    assert "Ekor Sapi" in h.pesan


@pytest.mark.parametrize(("teks", "nilai"), [("94,12", 94.12), ("72,22", 72.22), ("5", 5.0), (100.0, 100.0),
                                              (12, 12.0), ("2.080.252.824", 2080252824.0)])
def test_target_tanpa_satuan(teks, nilai):
    h = parse_target(teks)
    assert _ringkas(h) == _t(nilai, None, JENIS_JUMLAH, STATUS_TANPA_SATUAN)


@pytest.mark.parametrize(
    ("teks", "status", "satuan"),
    [("2.517.22 Dokumen", STATUS_TIDAK_TERBACA, "Dokumen"), ("1,234 Orang", STATUS_AMBIGU, "Orang"),
     ("2.517.22.415", STATUS_TIDAK_TERBACA, None)],
)
def test_target_angka_tak_terbaca(teks, status, satuan):
    h = parse_target(teks)
    assert (h.nilai, h.satuan, h.status) == (None, satuan, status)


def test_target_pemisah_campuran():
    h = parse_target("10.000,000 Orang")
    assert _ringkas(h) == _t(10000000.0, "Orang", JENIS_JUMLAH, STATUS_PEMISAH_CAMPURAN)


def test_target_status_terburuk():
    h = parse_target("10.000,000 Dok.")
    assert h.status == STATUS_PEMISAH_CAMPURAN
    assert "pemisah ribuan" in h.pesan and "Dokumen" in h.pesan


# ------------------------------------------------------------------------------------------ frames


def test_rupiah_series():
    s = pd.Series(["2.080.252.824", 2080252824.0, "-", None, "2.517.22.415", "3,375.000", "1.234,5"],
                  index=[10, 11, 12, 13, 14, 15, 16])
    df = rupiah_series(s)
    assert list(df.columns) == ["nilai", "status", "pesan"]
    assert df.index.equals(s.index)
    assert str(df["nilai"].dtype) == "Int64"
    assert df["nilai"].tolist() == [2080252824, 2080252824, 0, pd.NA, pd.NA, 3375000, pd.NA]
    assert df["status"].tolist() == [STATUS_OK, STATUS_OK, STATUS_STRIP, STATUS_KOSONG, STATUS_TIDAK_TERBACA,
                                     STATUS_PEMISAH_CAMPURAN, STATUS_BUKAN_BILANGAN_BULAT]
    assert df["pesan"].isna().tolist() == [True, True, False, True, False, False, False]


def test_target_series():
    s = pd.Series(["12 Orang/ 12 Bulan", "66,67%", "60.5 (B-)", "N/A", "12 dokume n"], index=list("abcde"))
    df = target_series(s)
    assert list(df.columns) == ["nilai", "satuan", "jenis", "status", "pesan", "nilai2", "keterangan"]
    assert df.index.equals(s.index)
    assert str(df["nilai"].dtype) == "Float64"
    assert str(df["nilai2"].dtype) == "Float64"
    assert df["nilai"].tolist() == [12.0, 66.67, 60.5, pd.NA, 12.0]
    assert df["satuan"].tolist()[:3] == ["Orang/Bulan", "Persen", "Indeks"]
    assert df["jenis"].tolist() == [JENIS_GABUNGAN, JENIS_PERSEN, JENIS_INDEKS, JENIS_KOSONG, JENIS_JUMLAH]
    assert df["status"].tolist() == [STATUS_OK, STATUS_OK, STATUS_OK, STATUS_NA, STATUS_SATUAN_DIPERBAIKI]
    assert df.loc["a", "nilai2"] == 12.0
    assert df.loc["c", "keterangan"] == "B-"


def test_angka_series():
    df = angka_series(pd.Series(["66,67", None, "x"]))
    assert str(df["nilai"].dtype) == "Float64"
    assert df["status"].tolist() == [STATUS_OK, STATUS_KOSONG, STATUS_TIDAK_TERBACA]


@pytest.mark.parametrize("fungsi", [rupiah_series, target_series, angka_series])
def test_series_kosong(fungsi):
    df = fungsi(pd.Series([], dtype=object))
    assert len(df) == 0
    assert "nilai" in df.columns


# ------------------------------------------------------------------------------------------ properties

ISIAN = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,- Rp%/()NA\u00a0", max_size=20),
    st.none(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)


@settings(deadline=None)
@given(ISIAN)
def test_tak_pernah_gagal(nilai):
    a, r, t = parse_angka(nilai), parse_rupiah(nilai), parse_target(nilai)
    assert a.status in STATUS_ANGKA
    assert r.status in STATUS_RUPIAH
    assert t.status in STATUS_TARGET
    assert t.jenis in JENIS_TARGET
    assert a.nilai is None or math.isfinite(a.nilai)
    assert r.nilai is None or type(r.nilai) is int
    assert (a.nilai is None) == (a.status in (STATUS_KOSONG, STATUS_NA, STATUS_TIDAK_TERBACA, STATUS_AMBIGU))


@settings(deadline=None)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_rupiah_bolak_balik(n):
    hasil = parse_rupiah(format_rupiah(n))
    assert (hasil.nilai, hasil.status) == (n, STATUS_OK)


@settings(deadline=None)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_ribuan_titik(n):
    teks = f"{n:,}".replace(",", ".")
    assert parse_angka(teks) == HasilAngka(float(n), STATUS_OK, None)
    assert parse_rupiah(teks).nilai == n


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=99))
def test_desimal_koma(bulat, sen):
    teks = f"{bulat:,}".replace(",", ".") + f",{sen:02d}"
    assert parse_angka(teks).nilai == float(Decimal(f"{bulat}.{sen:02d}"))
    assert parse_angka(teks).status == STATUS_OK


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["Laporan", "Dokumen", "Orang", "%"]))
def test_target_angka_satuan(n, satuan):
    teks = f"{n:,}".replace(",", ".") + ("" if satuan == "%" else " ") + satuan
    h = parse_target(teks)
    assert (h.nilai, h.status) == (float(n), STATUS_OK)
    assert h.satuan == ("Persen" if satuan == "%" else satuan)


def _seperti_dulu(hasil: list, index: pd.Index, kolom: dict[str, str]) -> pd.DataFrame:
    """The frame as the *_series built it before issue 13: a Series per column on the index."""
    return pd.DataFrame({k: pd.Series([getattr(h, k) for h in hasil], index=index, dtype=d) for k, d in kolom.items()},
                        index=index)


@settings(deadline=None, max_examples=60, derandomize=True)
@given(st.lists(ISIAN, max_size=8), st.booleans())
def test_series_sama_dengan_series_per_kolom(nilai, indeks_lain):
    s = pd.Series(nilai, dtype=object, index=[3 * i + 1 for i in range(len(nilai))] if indeks_lain else None)
    for fungsi, parse, kolom in (
            (angka_series, parse_angka, {"nilai": "Float64", "status": "str", "pesan": "str"}),
            (rupiah_series, parse_rupiah, {"nilai": "Int64", "status": "str", "pesan": "str"}),
            (target_series, parse_target, {"nilai": "Float64", "satuan": "str", "jenis": "str", "status": "str",
                                           "pesan": "str", "nilai2": "Float64", "keterangan": "str"})):
        harapan = _seperti_dulu([parse(v) for v in nilai], s.index, kolom)
        df = fungsi(s)
        pd.testing.assert_frame_equal(df, harapan, check_exact=True, check_index_type=True)
        assert df.dtypes.tolist() == harapan.dtypes.tolist()


@settings(deadline=None, max_examples=80, derandomize=True)
@given(st.lists(st.one_of(ISIAN, st.just(-0.0), st.just(0.0), st.just(0), st.just(1), st.just(1.0)), max_size=6))
def test_rupiah_tersimpan_sama_dengan_bacaan_baru(nilai):
    """parse_rupiah remembers texts and numbers per (type, value): each answer is the one read afresh, also when
    equal values of another type (1 and 1.0, 0.0 and -0.0) came first."""
    from transforms.angka import _parse_rupiah

    for v in nilai + nilai[::-1]:
        assert parse_rupiah(v) == _parse_rupiah(v)
