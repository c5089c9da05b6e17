"""The one name matcher (transforms.nama): its rapidfuzz search gives exactly the scores it replaces — the bound of
difflib's ratio never below it, cdist's scores those of one call at a time, the foldings of the former copies."""
from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from transforms.nama import (
    batas_rasio,
    kunci_nama,
    lipat_nama,
    lipat_tanpa_level,
    mirip_teratas,
    rasio_teks,
    skor_banyak,
    skor_kunci,
    skor_nama,
)
from transforms.sel import lipat

PROPERTI = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HURUF = st.text(alphabet="abcdeklmnoprs ", max_size=60)
NAMA = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def _tanpa_level_lama(nama) -> str:
    """transforms.tabel41.kunci_nama and transforms.tc31.nama_lipat as they were (one function, two copies)."""
    t = lipat(nama)
    for awalan in ("sub kegiatan ", "kegiatan ", "program "):
        if t.startswith(awalan):
            return t[len(awalan):]
    return t


@PROPERTI
@given(HURUF, st.lists(HURUF, max_size=8))
def test_batas_rasio_tidak_pernah_di_bawah_rasio_difflib(a, pilihan):
    batas = batas_rasio(a, pilihan)
    assert len(batas) == len(pilihan)
    for b, atas in zip(pilihan, batas):
        r = SequenceMatcher(None, a, b).ratio()
        assert rasio_teks(a, b) == r
        assert atas >= r and round(atas, 4) >= round(r, 4)
        assert 0.0 <= atas <= 1.0


def test_batas_rasio_tepat_bila_blok_difflib_terpanjang_dan_bisa_lebih_tinggi():
    assert batas_rasio("penyediaan barang cetakan", ["penyediaan barang cetak"]) == [
        SequenceMatcher(None, "penyediaan barang cetakan", "penyediaan barang cetak").ratio()]
    # difflib keeps one matching block of 'bcb' / 'cab' (one letter), a longest common subsequence two ('cb'): the
    # bound is then strictly above the ratio (only ever a bound, never the score written)
    assert rasio_teks("bcb", "cab") == 2 / 6 < batas_rasio("bcb", ["cab"])[0] == 4 / 6
    assert batas_rasio("", [""]) == [1.0] == [rasio_teks("", "")]
    assert batas_rasio("abc", []) == []


@PROPERTI
@given(HURUF, st.lists(HURUF, max_size=8))
def test_skor_banyak_sama_dengan_skor_satu_per_satu(kunci, pilihan):
    kunci, pilihan = kunci.replace(" ", ""), [p.replace(" ", "") for p in pilihan]
    assert skor_banyak(kunci, pilihan) == [skor_kunci(kunci, p) for p in pilihan]


def test_skor_kunci_tepi():
    assert skor_kunci("abc", "abc") == 1.0
    assert skor_kunci("", "") == skor_kunci("", "abc") == skor_kunci("abc", "") == 0.0
    assert skor_kunci("perawatanbangkutaman", "perawatanbangkutamann") == round(fuzz.ratio(
        "perawatanbangkutaman", "perawatanbangkutamann") / 100, 4) < 1.0
    assert skor_nama("Program Penyusunan Dokumen", "PENYUSUNAN  dokume n") == 1.0


@PROPERTI
@given(NAMA)
def test_lipat_tanpa_level_sama_dengan_kedua_salinan_lama(nama):
    assert lipat_tanpa_level(nama) == _tanpa_level_lama(nama)
    for awalan in ("Program ", "Kegiatan ", "Sub Kegiatan ", "sub  kegiatan\t"):
        assert lipat_tanpa_level(awalan + nama) == _tanpa_level_lama(awalan + nama)


def test_dua_pelipatan_berbeda_dengan_sengaja():
    # the tables keep their light folding: these pairs are equal for the nomenclature, not for the T-C.33 matching
    assert kunci_nama("di wilayah") == kunci_nama("diwilayah")
    assert lipat_tanpa_level("di wilayah") != lipat_tanpa_level("diwilayah")
    assert lipat_nama("Program Kegiatan Xyz") == "xyz" and lipat_tanpa_level("Program Kegiatan Xyz") == "kegiatan xyz"


@PROPERTI
@given(HURUF, st.lists(HURUF, min_size=1, max_size=10, unique=True), st.integers(1, 4),
       st.sampled_from([None, 0.5, 0.8]))
def test_mirip_teratas_adalah_process_extract(teks, pilihan, jumlah, ambang):
    harap = process.extract(teks, pilihan, scorer=fuzz.ratio, limit=jumlah,
                            score_cutoff=None if ambang is None else ambang * 100)
    hasil = mirip_teratas(teks, pilihan, jumlah, ambang)
    assert hasil == [(t, s) for t, s, _ in harap]
    assert all(ambang is None or s >= ambang * 100 for _, s in hasil)
    assert [s for _, s in hasil] == sorted((s for _, s in hasil), reverse=True)
