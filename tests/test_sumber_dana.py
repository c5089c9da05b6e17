"""Sumber dana labels to official codes and names; APBD alone too coarse; nothing guessed."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.sumber_dana import normalize_sumber_dana, sumber_dana_series


@pytest.mark.parametrize(("label", "kode", "nama", "status"), [
    ("DAU", "1.2.1.01.02", "Dana Alokasi Umum", "ok"),
    (" dau ", "1.2.1.01.02", "Dana Alokasi Umum", "ok"),
    ("PAD", "1.1", "Pendapatan Asli Daerah", "ok"),
    ("DBHCHT", "2.2.1.01.01.01", "DBH Cukai Hasil Tembakau", "ok"),
    ("DBH-CHT", "2.2.1.01.01.01", "DBH Cukai Hasil Tembakau", "ok"),
    ("BK Provinsi", "2.2.2.02.01.01", "Bantuan Keuangan Provinsi", "ok"),
    ("DAU Kelurahan", "2.2.1.01.02.01", "DAU Kelurahan", "ok"),
    ("DAK Fisik", None, "DAK Fisik", "tanpa-kode"),
    ("DAK Non-Fisik", None, "DAK Non Fisik", "tanpa-kode"),
    ("APBD", None, None, "terlalu-umum"),
    ("APBD Kab.", None, None, "terlalu-umum"),
    ("Dana Hibah Luar Negeri", None, None, "tidak-dikenal"),
    ("", None, None, "kosong"),
    (None, None, None, "kosong"),
])
def test_label(label, kode, nama, status):
    h = normalize_sumber_dana(label)
    assert (h.kode, h.nama, h.status) == (kode, nama, status)


def test_series():
    df = sumber_dana_series(pd.Series(["DAU", "APBD", None], index=[5, 6, 7]))
    assert df.to_dict("list") == {"kode": ["1.2.1.01.02", None, None], "nama": ["Dana Alokasi Umum", None, None],
                                  "status": ["ok", "terlalu-umum", "kosong"]}
    assert list(df.index) == [5, 6, 7]


@given(st.text(max_size=40))
def test_teks_apa_pun_tidak_crash(teks):
    assert normalize_sumber_dana(teks).status in ("ok", "tanpa-kode", "terlalu-umum", "tidak-dikenal", "kosong")
