"""The kode normaliser: every malformed form of the primer, context choice, and properties."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.kode import induk_kode, kunci_kode, level_kode, normalize_kode


@pytest.mark.parametrize(
    ("asli", "konteks", "kode", "aturan"),
    [
        ("7.0.01", None, "7.01.01", ("nol-dilengkapi",)),
        ("7.0.0.02.01", "7.01.01", "7.01.01.2.01", ("nol-dilengkapi", "level-dua-digit")),
        ("7.0.0.2.02", "7.01.01.2.01", "7.01.01.2.02", ("nol-dilengkapi",)),
        ("7 0 0 2 0 7", "7.01.01.2.06", "7.01.01.2.07", ("pemisah-spasi", "nol-dilengkapi")),
        ("7.01.01.202.01", "7.01.01.2.02", "7.01.01.2.02.0001", ("level-menyatu", "sub-dua-digit")),
        ("7.01.01.2.09. 06", "7.01.01.2.09.0002", "7.01.01.2.09.0006", ("spasi-berlebih", "sub-dua-digit")),
        ("7.01.02.01", "7.01.02", "7.01.02.2.01", ("level-hilang",)),
        ("7.01.02.01.02", "7.01.02.2.01", "7.01.02.2.01.0002", ("level-hilang", "sub-dua-digit")),
        ("7.01.06.2", "7.01.05.2.01.0008", "7.01.06", ("level-tanpa-kegiatan",)),
        ("7.01.03.2.01.0003", None, "7.01.03.2.01.0003", ()),
        ("7.01.03.2.01.03", None, "7.01.03.2.01.0003", ("sub-dua-digit",)),
        ("7.01.", None, "7.01", ("titik-berlebih",)),
        (7, None, "7", ("kode-angka",)),
    ],
)
def test_bentuk_salah_diperbaiki(asli, konteks, kode, aturan):
    h = normalize_kode(asli, konteks)
    assert (h.kode, h.aturan) == (kode, aturan)
    assert h.level == level_kode(kode)


def test_konteks_memilih_bacaan():
    # '7.01.02.01.02' reads as kegiatan 7.01.02.1.02 (province digit) or sub-kegiatan 7.01.02.2.01.0002 (level
    # digit missing): under kegiatan 7.01.02.2.01 it is the latter; under a program, a kegiatan is the direct child.
    assert normalize_kode("7.01.02.01.02", "7.01.02.2.01").kode == "7.01.02.2.01.0002"
    assert normalize_kode("7.0.0.02.01", "7.01.01").kode == "7.01.01.2.01"


def test_kode_sah_tidak_diubah():
    for kode in ("7", "7.01", "7.01.03", "7.01.03.2.01", "7.01.03.2.01.0003"):
        h = normalize_kode(kode)
        assert (h.kode, h.aturan, h.status, h.diperbaiki) == (kode, (), "ok", False)


def test_konvensi_dua_digit_bukan_perbaikan():
    h = normalize_kode("7.01.03.2.01.03")
    assert h.status == "ok" and not h.diperbaiki


@pytest.mark.parametrize("asli", ["", None, "   ", float("nan")])
def test_kosong(asli):
    assert normalize_kode(asli).status == "kosong"


@pytest.mark.parametrize("asli", ["abc", "7.01.x", "77.01", "7.01.01.9.01", "7.01.01.2.01.00001", "7.01.01.2.01.00"])
def test_tidak_terbaca(asli):
    h = normalize_kode(asli)
    assert (h.kode, h.status) == (None, "tidak-terbaca")


def test_induk_dan_kunci():
    assert induk_kode("7.01.03.2.01.0003") == "7.01.03.2.01"
    assert induk_kode("7.01.03.2.01") == "7.01.03"
    assert induk_kode("7.01") == "7"
    assert induk_kode("7") is None
    assert kunci_kode("7.01.03.2.01.03") == kunci_kode("7.01.03.2.01.0003") == "7.01.03.2.01.0003"


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet="0123456789. ,", max_size=20), st.one_of(st.none(), st.sampled_from(["7.01.01", "7.01.02.2.01"])))
def test_tidak_pernah_crash_dan_idempoten(teks, konteks):
    h = normalize_kode(teks, konteks)
    if h.kode is not None:
        lagi = normalize_kode(h.kode, konteks)
        assert lagi.kode == h.kode
        assert not lagi.diperbaiki
        assert h.level == level_kode(h.kode)


@settings(deadline=None)
@given(st.text(max_size=30))
def test_teks_apa_pun_tidak_crash(teks):
    normalize_kode(teks)
