"""Tests of the satuan vocabulary (schemas/satuan.py) and normalize_satuan (transforms/satuan.py)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.satuan import SATUAN
from transforms.satuan import (
    STATUS_DIPERBAIKI,
    STATUS_KOSONG,
    STATUS_OK,
    STATUS_TIDAK_DIKENAL,
    lipat,
    normalize_satuan,
)

KANONIK = sorted(SATUAN)
SEMUA_EJAAN = sorted({s for daftar in SATUAN.values() for s in daftar} | set(SATUAN))


# ------------------------------------------------------------------------------------------ vocabulary


def test_nama_kanonik_lengkap():
    wajib = {"Dokumen", "Laporan", "Paket", "Unit", "Orang", "Orang/Bulan", "Pegawai", "Keluarga", "Desa",
             "Lembaga Kemasyarakatan", "Fasilitasi", "Fasilitas", "Rekening", "Jenis", "Bulan", "Kali", "Kendaraan",
             "Bangunan", "Regulasi", "ASN", "Pokmas", "Persen", "Kegiatan", "Lembaga", "Sertifikat", "Kelompok",
             "Hari", "Tahun", "Indeks"}
    assert wajib <= set(SATUAN)


def test_sinonim_tidak_bentrok():
    """No synonym folds to two canonical names or to another canonical name."""
    pemilik: dict[str, str] = {lipat(k): k for k in SATUAN}
    for nama, daftar in SATUAN.items():
        for sinonim in daftar:
            kunci = lipat(sinonim)
            assert pemilik.setdefault(kunci, nama) == nama, (sinonim, nama, pemilik[kunci])


# ------------------------------------------------------------------------------------------ examples


@pytest.mark.parametrize(
    ("teks", "nama", "status"),
    [
        ("Dokumen", "Dokumen", STATUS_OK),
        ("dokumen", "Dokumen", STATUS_OK),
        ("  DOKUMEN ", "Dokumen", STATUS_OK),
        ("dokume n", "Dokumen", STATUS_DIPERBAIKI),
        ("Dokume n", "Dokumen", STATUS_DIPERBAIKI),
        ("Dolumen", "Dokumen", STATUS_DIPERBAIKI),
        ("Dok.", "Dokumen", STATUS_DIPERBAIKI),
        ("Dok", "Dokumen", STATUS_DIPERBAIKI),
        ("dokumen2", "Dokumen", STATUS_DIPERBAIKI),
        ("Laporan", "Laporan", STATUS_OK),
        ("laporan", "Laporan", STATUS_OK),
        ("Laaporan", "Laporan", STATUS_DIPERBAIKI),
        ("lap.", "Laporan", STATUS_DIPERBAIKI),
        ("laporan-laporan", "Laporan", STATUS_DIPERBAIKI),
        ("paket", "Paket", STATUS_OK),
        ("Pkt", "Paket", STATUS_DIPERBAIKI),
        ("unit", "Unit", STATUS_OK),
        ("bh", "Unit", STATUS_DIPERBAIKI),
        ("buah", "Unit", STATUS_DIPERBAIKI),
        ("Orang", "Orang", STATUS_OK),
        ("Org", "Orang", STATUS_DIPERBAIKI),
        ("Pegawai", "Pegawai", STATUS_OK),
        ("KK", "Keluarga", STATUS_DIPERBAIKI),
        ("Keluarga", "Keluarga", STATUS_OK),
        ("desa", "Desa", STATUS_OK),
        ("lembaga kemasyarakatan", "Lembaga Kemasyarakatan", STATUS_OK),
        ("Lembaga   Kemasyarakatan", "Lembaga Kemasyarakatan", STATUS_OK),
        ("Fasilitasi", "Fasilitasi", STATUS_OK),
        ("fasilitas", "Fasilitas", STATUS_OK),
        ("Rekening", "Rekening", STATUS_OK),
        ("jenis", "Jenis", STATUS_OK),
        ("bulan", "Bulan", STATUS_OK),
        ("kali", "Kali", STATUS_OK),
        ("kendaraan", "Kendaraan", STATUS_OK),
        ("Bangunan", "Bangunan", STATUS_OK),
        ("regulasi", "Regulasi", STATUS_OK),
        ("ASN", "ASN", STATUS_OK),
        ("pokmas", "Pokmas", STATUS_OK),
        ("%", "Persen", STATUS_DIPERBAIKI),
        ("persen", "Persen", STATUS_OK),
        ("th", "Tahun", STATUS_DIPERBAIKI),
        ("sertipikat", "Sertifikat", STATUS_DIPERBAIKI),
    ],
)
def test_satuan_tunggal(teks, nama, status):
    assert normalize_satuan(teks) == (nama, status)


@pytest.mark.parametrize(
    ("teks", "nama", "status"),
    [
        ("Orang/Bulan", "Orang/Bulan", STATUS_OK),
        ("orang / bulan", "Orang/Bulan", STATUS_OK),
        ("OB", "Orang/Bulan", STATUS_DIPERBAIKI),
        ("orang bulan", "Orang/Bulan", STATUS_DIPERBAIKI),
        ("Orang/ 12 Bulan", "Orang/Bulan", STATUS_DIPERBAIKI),
        ("org/bln", "Orang/Bulan", STATUS_DIPERBAIKI),
        ("unit/th", "Unit/Tahun", STATUS_DIPERBAIKI),
        ("Unit/Tahun", "Unit/Tahun", STATUS_OK),
        ("unit per tahun", "Unit/Tahun", STATUS_DIPERBAIKI),
    ],
)
def test_satuan_gabungan(teks, nama, status):
    assert normalize_satuan(teks) == (nama, status)


@pytest.mark.parametrize("teks", ["Widget", "Orang/Widget", "a/b/c", "/", ".", "12", "Desa, 10 Desa"])
def test_tidak_dikenal(teks):
    assert normalize_satuan(teks) == (None, STATUS_TIDAK_DIKENAL)


@pytest.mark.parametrize("teks", [None, "", "   ", "\u00a0", math.nan, float("nan")])
def test_kosong(teks):
    assert normalize_satuan(teks) == (None, STATUS_KOSONG)


@pytest.mark.parametrize("teks", [5, 3.5, object(), ["Dokumen"]])
def test_bukan_teks(teks):
    assert normalize_satuan(teks) == (None, STATUS_TIDAK_DIKENAL)


@pytest.mark.parametrize("nama", KANONIK)
def test_kanonik_tetap(nama):
    assert normalize_satuan(nama) == (nama, STATUS_OK)


@pytest.mark.parametrize("ejaan", SEMUA_EJAAN)
def test_setiap_ejaan_dikenal(ejaan):
    nama, status = normalize_satuan(ejaan)
    assert nama in SATUAN
    assert status in (STATUS_OK, STATUS_DIPERBAIKI)


# ------------------------------------------------------------------------------------------ properties


def _acak_huruf(draw_text: str, pola: list[bool]) -> str:
    return "".join(c.upper() if up else c.lower() for c, up in zip(draw_text, pola + [False] * len(draw_text)))


@st.composite
def ejaan_berubah(draw) -> str:
    """A known spelling with random case and extra whitespace around it, or a compound of two."""
    dasar = draw(st.sampled_from(SEMUA_EJAAN))
    teks = _acak_huruf(dasar, draw(st.lists(st.booleans(), max_size=len(dasar))))
    tunggal = "/" not in (normalize_satuan(dasar)[0] or "/")  # 'OB' means Orang/Bulan: no compound of it
    if tunggal and draw(st.booleans()):
        kedua = draw(st.sampled_from([k for k in KANONIK if "/" not in k]))
        teks = f"{teks}{draw(st.sampled_from(['/', ' / ', '/ 12 ']))}{kedua}"
    return draw(st.sampled_from(["", " ", "  "])) + teks + draw(st.sampled_from(["", " ", "\t"]))


@settings(deadline=None)
@given(st.one_of(st.text(), ejaan_berubah()))
def test_idempoten(teks):
    nama, status = normalize_satuan(teks)
    assert status in (STATUS_OK, STATUS_DIPERBAIKI, STATUS_TIDAK_DIKENAL, STATUS_KOSONG)
    assert (nama is None) == (status in (STATUS_TIDAK_DIKENAL, STATUS_KOSONG))
    if nama is not None:
        assert normalize_satuan(nama) == (nama, STATUS_OK)


@settings(deadline=None)
@given(ejaan_berubah())
def test_ejaan_dikenal_selalu_dikenal(teks):
    nama, status = normalize_satuan(teks)
    assert nama is not None, teks
    assert status in (STATUS_OK, STATUS_DIPERBAIKI)


def test_gabungan_dalam_gabungan_tidak_dikenal():
    # found by hypothesis: 'OB/ASN' once gave 'Orang/Bulan/ASN', which does not normalise to itself
    assert normalize_satuan("OB/ASN") == (None, STATUS_TIDAK_DIKENAL)


# ------------------------------------------------------------------------------ the nomenclature's units


def test_setiap_satuan_nomenklatur_bawaan_dikenal():
    """Every unit of the built-in list's satuan column is known exactly (a target written in the list's own unit is
    never 'satuan-tidak-dikenal')."""
    import csv

    from tests.conftest import NOMENKLATUR_BAWAAN

    satuan = {r["satuan"] for r in csv.DictReader(NOMENKLATUR_BAWAAN.open(encoding="utf-8")) if r["satuan"]}
    assert {"Lembaga Kemasyarakatan", "Ha", "Pokmas / Ormas", "Lembaga Masyarakat", "Orang/bulan"} <= satuan
    assert {s: normalize_satuan(s)[1] for s in satuan} == {s: STATUS_OK for s in satuan}


@pytest.mark.parametrize(("teks", "satuan"), [("84 Nilai", "Nilai"), ("76,5 Indeks", "Indeks"), ("2 Ha", "Ha"),
                                              ("1 Pokmas / Ormas", "Pokmas/Ormas"),
                                              ("3 Lembaga Masyarakat", "Lembaga Masyarakat")])
def test_target_bersatuan_nomenklatur_terbaca(teks, satuan):
    from transforms.angka import parse_target

    h = parse_target(teks)
    assert (h.satuan, h.status) == (satuan, "ok")
