"""One kecamatan's tables in one file per table (xlsx, Indonesian CSV, plain CSV): grouped, checked, written."""
from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import pytest

from flows.langkah.baca import baca_berkas
from flows.langkah.bagian import olah_kecamatan, olah_workbook
from flows.langkah.rapikan import kelompokkan

WAKTU = datetime(2026, 11, 28, 1, 0)


@pytest.fixture(scope="module")
def per_tabel(tmp_path_factory):
    from tools.buat_sampel import tulis_semua, tulis_tabel

    folder = tmp_path_factory.mktemp("masuk")
    tulis_tabel(folder / "Senduro TC33.xlsx", "TC.33")
    tulis_tabel(folder / "Senduro-Tabel-4.1.csv", "Tabel 4.1", dialek="excel-id")
    tulis_tabel(folder / "senduro_tc31.csv", "TC 3.1", dialek="polos")
    tulis_tabel(folder / "TC 29 Senduro.xlsx", "TC 29", sheet="Sheet1", baris_awal=3, kolom_awal=2)
    semua = tmp_path_factory.mktemp("semua") / "Renja-Senduro-2024.xlsx"
    tulis_semua(semua)
    return folder, semua


def test_berkas_per_tabel_menjadi_satu_kecamatan(per_tabel, tmp_path):
    folder, _ = per_tabel
    bacaan = [baca_berkas(p) for p in sorted(folder.iterdir())]
    assert [b.gagal for b in bacaan] == [None] * 4
    # Tabel 4.1 alone names neither kabupaten nor kecamatan: it joins Senduro by its file name
    tabel41 = next(b for b in bacaan if b.path.name == "Senduro-Tabel-4.1.csv")
    assert (tabel41.meta["kabupaten"], tabel41.meta["kecamatan"]) == (None, None)
    kelompok = kelompokkan(bacaan)
    assert list(kelompok) == [("2024", "lumajang", "senduro")]
    h = olah_kecamatan(kelompok[("2024", "lumajang", "senduro")], tmp_path, WAKTU)
    out = tmp_path / "2024" / "lumajang" / "senduro"
    assert h.status == "ok" and h.folder == str(out)
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "TC-29.xlsx", "TC-31.xlsx", "TC-33.xlsx", "laporan.html", "sumber.json", "validasi.json"]
    assert sorted(p.name for p in (out / "data").iterdir()) == ["TC-29.csv", "TC-31.csv", "TC-33.csv",
                                                               "TabelIV-1.csv"]
    v = json.loads((out / "validasi.json").read_text(encoding="utf-8"))
    aturan = [t["aturan"] for t in v["temuan"]]
    assert "metadata-tidak-ada" not in aturan
    # T-C.29's title names no kabupaten ('PROPINSI / KABUPATEN/KOTA'; its year n-1 gives n); Tabel 4.1 names neither:
    # Senduro from its file name, Lumajang from the official list (one Senduro in Indonesia)
    assert sorted((t["berkas"], t["aturan"], t["pesan"]) for t in v["temuan"] if t["aturan"].startswith("wilayah-")) \
        == [("Senduro-Tabel-4.1.csv", "wilayah-dari-daftar", "Kabupaten tidak tertulis; Kecamatan Senduro hanya ada di "
             "Kabupaten Lumajang (35.08) menurut daftar wilayah resmi."),
            ("Senduro-Tabel-4.1.csv", "wilayah-dari-nama", "Kecamatan Senduro (35.08.12) dibaca dari nama berkas "
             "'Senduro'; judul tabel tidak menyebutnya."),
            ("TC 29 Senduro.xlsx", "wilayah-dari-daftar", "Kabupaten tidak tertulis; Kecamatan Senduro hanya ada di "
             "Kabupaten Lumajang (35.08) menurut daftar wilayah resmi.")]
    beda = [t for t in v["temuan"] if t["aturan"] == "pagu-antar-tabel-berbeda"]
    assert sorted(t["kode"] for t in beda) == ["7.01.01.2.06", "7.01.01.2.09.0009"]


def test_bentuk_berkas_tidak_mengubah_data(per_tabel, tmp_path):
    folder, semua = per_tabel
    olah_workbook(semua, tmp_path / "a", waktu=WAKTU)
    bacaan = [baca_berkas(p) for p in sorted(folder.iterdir())]
    olah_kecamatan(kelompokkan(bacaan)[("2024", "lumajang", "senduro")], tmp_path / "b", WAKTU)
    posisi = ["sheet", "baris", "baris_lanjutan"]
    for nama in ("TC-33.csv", "TC-31.csv", "TC-29.csv", "TabelIV-1.csv"):
        a = pd.read_csv(tmp_path / "a/2024/lumajang/senduro/data" / nama, dtype=str, keep_default_na=False)
        b = pd.read_csv(tmp_path / "b/2024/lumajang/senduro/data" / nama, dtype=str, keep_default_na=False)
        buang = [c for c in posisi if c in a]
        pd.testing.assert_frame_equal(a.drop(columns=buang), b.drop(columns=buang), obj=nama)


def test_semua_tabel_dari_satu_workbook_dan_temuan_lintas_tabel(per_tabel, tmp_path):
    _, semua = per_tabel
    h = olah_workbook(semua, tmp_path, waktu=WAKTU)
    out = tmp_path / "2024" / "lumajang" / "senduro"
    v = json.loads((out / "validasi.json").read_text(encoding="utf-8"))
    assert [(d["tabel"], d["sheet"]) for d in v["daftar_tabel"]] == [
        ("T-C.33", "TC.33"), ("Tabel 4.1", "Tabel 4.1"), ("T-C.31", "TC 3.1"), ("T-C.29", "TC 29"),
        ("T-C.30", "TC.30"), ("T-C.32", "T-C.32")]
    assert [d["nihil"] for d in v["daftar_tabel"]] == [False, False, False, False, False, True]
    beda = {t["kode"]: t["pesan"] for t in v["temuan"] if t["aturan"] == "pagu-antar-tabel-berbeda"}
    # the real mismatch of the reference, both cells named; and T-C.31 giving year n+1's amount for a sub-kegiatan
    assert beda["7.01.01.2.06"] == ("'Administrasi Umum Perangkat Daerah' (7.01.01.2.06): T-C.33 sel I39 = "
                                    "91.572.593, tetapi T-C.31 sheet 'TC 3.1' sel K39 = 91.527.593.")
    assert "T-C.31 sheet 'TC 3.1' sel K64 = 100.000.000" in beda["7.01.01.2.09.0009"]
    assert len(beda) == 2  # and no alarm where Tabel 4.1 and T-C.31 agree with T-C.33
    assert not [t for t in v["temuan"] if t["aturan"] in ("program-tidak-lengkap", "pemeriksaan-gagal",
                                                          "pemeriksaan-dilewati", "jumlah-tidak-sesuai")]
    assert sorted(p.name for p in out.glob("*.xlsx")) == ["TC-29.xlsx", "TC-30.xlsx", "TC-31.xlsx", "TC-32.xlsx",
                                                         "TC-33.xlsx"]
    assert h.status == "ok"


def test_dengan_nomenklatur_kode_resmi_juga_di_tabel41(tmp_path):
    """With the national list, T-C.33's duplicated kode is decided by name, and Tabel 4.1 rows carry the result."""
    from flows.data.nomenklatur import nomenklatur_terpasang
    from tests.conftest import SAMPEL_SEMUA

    nomen = nomenklatur_terpasang()
    olah_workbook(SAMPEL_SEMUA, tmp_path, waktu=WAKTU, nomenklatur=nomen)
    out = tmp_path / "2024" / "lumajang" / "senduro"
    v = json.loads((out / "validasi.json").read_text(encoding="utf-8"))
    assert v["pemeriksaan_tidak_dilakukan"] == []
    aturan = [t["aturan"] for t in v["temuan"]]
    assert "kode-ganda" not in aturan and "kode-tidak-sah" not in aturan
    assert sorted((t["sheet"], t["sel"], t["kode"]) for t in v["temuan"] if t["aturan"] == "kode-dari-nama") == [
        ("TC 29", "A34", "7.01.01.2.06.0002"), ("TC 29", "A35", "7.01.01.2.06.0003"),
        ("TC 29", "A45", "7.01.01.2.07.0010"), ("TC 29", "A68", "7.01.04.2.01"),  # written without kode
        ("TC.33", "A37", "7.01.01.2.05"), ("TC.33", "A38", "7.01.01.2.05.0002"), ("TC.33", "A85", "7.01.01.2.09.0010")]
    tc33 = pd.read_csv(out / "data" / "TC-33.csv", dtype=str, keep_default_na=False)
    resmi = set(nomen["kode"])
    assert set(tc33.loc[tc33["kode"] != "", "kode"]) <= resmi  # no code outside the list
    t41 = pd.read_csv(out / "data" / "TabelIV-1.csv", dtype=str, keep_default_na=False)
    pakaian = t41[t41["nama"] == "Pengadaan Pakaian Dinas beserta Atribut kelengkapannya"]
    assert list(pakaian["kode"]) == ["7.01.01.2.05.0002"]
    assert set(t41.loc[t41["kode"] != "", "kode"]) <= resmi


def test_tanpa_nomenklatur_laporan_menyebut_yang_tidak_diperiksa(tmp_path):
    from tests.conftest import SAMPEL_SEMUA

    olah_workbook(SAMPEL_SEMUA, tmp_path, waktu=WAKTU)
    v = json.loads((tmp_path / "2024/lumajang/senduro/validasi.json").read_text(encoding="utf-8"))
    assert len(v["pemeriksaan_tidak_dilakukan"]) == 2
    assert "nomenklatur" in v["pemeriksaan_tidak_dilakukan"][0]


def test_konvensi_dua_digit_sub_kegiatan(tmp_path):
    """The sub-kegiatan convention is chosen once and applies to every output (checks run on the 4-digit form)."""
    from tests.conftest import SAMPEL_SEMUA

    olah_workbook(SAMPEL_SEMUA, tmp_path, waktu=WAKTU, digit_sub=2)
    out = tmp_path / "2024" / "lumajang" / "senduro"
    tc33 = pd.read_csv(out / "data" / "TC-33.csv", dtype=str, keep_default_na=False)
    assert tc33.loc[tc33["kode_asli"] == "7.01.01.202.01", "kode"].tolist() == ["7.01.01.2.02.01"]
    assert not tc33["kode"].str.fullmatch(r"\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}").any()
    v = json.loads((out / "validasi.json").read_text(encoding="utf-8"))
    assert "7.01.01.2.02.01" in {t["kode"] for t in v["temuan"]}
    assert "jumlah-tidak-sesuai" not in {t["aturan"] for t in v["temuan"]}
