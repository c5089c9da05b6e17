"""T-C.29: recognition (reference and standard headers), tidy rows, recomputed columns 8, 10, 11 and their findings."""
from __future__ import annotations

import pandas as pd
import pytest

from schemas.keluaran import PERSEN, TARGET
from schemas.tc29 import ATURAN, KELUARAN, LAYOUT, TIDY_COLUMNS, TOLERANSI_PERSEN
from schemas.tc33 import LAYOUT as LAYOUT_TC33
from tests.conftest import cells_dari_baris, cells_referensi, merges_kosong
from transforms.sel import lipat
from transforms.tabel import cari_tabel
from transforms.tc29 import format_angka, tahun_di_header, tidy_tabel_tc29, tidy_tc29

# The standard form, typed cleanly: two header rows and the number row.
HEADER_1 = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
            "Indikator Kinerja Program (outcome)/Kegiatan (output)",
            "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Akhir Periode Renstra",
            "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun 2021 (n-3)",
            "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2)", None, None,
            "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun 2023 (n-1))",
            "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d Tahun Berjalan", None]
HEADER_2 = [None, None, None, None, None, "Target Renja Perangkat Daerah Tahun 2022 (n-2)",
            "Realisasi Renja Perangkat Daerah Tahun 2022 (n-2)", "Tingkat Realisasi (%)", None,
            "Realisasi Capaian Program dan Kegiatan s/d Tahun Berjalan (Tahun 2023)",
            "Tingkat Capaian Realisasi Target Renstra (%)"]
NOMOR = ["1", "2", "3", "4", "5", "6", "7", "8=(7/6)", "9", "10=(5+7+9)", "11=(10/4)"]
PETA_BAKU = {"kode": 1, "nama": 2, "indikator": 3, "target_renstra": 4, "realisasi_n3": 5, "target_n2": 6,
             "realisasi_n2": 7, "tingkat_realisasi": 8, "target_n1": 9, "realisasi_capaian": 10, "tingkat_capaian": 11}


def _r(kode=None, nama=None, indikator=None, t4=None, r5=None, t6=None, r7=None, p8=None, t9=None, r10=None,
       p11=None):
    return [kode, nama, indikator, t4, r5, t6, r7, p8, t9, r10, p11]


def _tabel(*baris, header=(HEADER_1, HEADER_2, NOMOR)):
    tabel = cari_tabel(cells_dari_baris([*header, *baris]), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    return tabel[0]


def _tidy(*baris, tahun=2024):
    return tidy_tabel_tc29(_tabel(*baris), tahun)


def _isi(s: pd.Series) -> list:
    return [None if pd.isna(x) else x for x in s]


def _temuan(h) -> list[tuple]:
    return list(zip(h.temuan["baris"], h.temuan["field"], h.temuan["aturan"], h.temuan["nilai"]))


PROGRAM = _r("7.01.02", "Program Penyelenggaraan Pemerintahan", "Persentase fasilitasi", "100%", "N/A", "86%", "99%",
             "115%", "86%", "95%", "95%")


# ---------------------------------------------------------------------------------------------- recognition


@pytest.fixture(scope="module")
def referensi():
    tabel = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    return tabel[0]


@pytest.fixture(scope="module")
def hasil_referensi(referensi):
    return tidy_tabel_tc29(referensi, None)


def test_referensi_tabel_ditemukan_dengan_header_dua_baris(referensi):
    assert (referensi.layout, referensi.baris_header, referensi.jumlah_baris_header) == ("TC-29", 199, 2)
    assert referensi.peta_kolom == PETA_BAKU
    assert referensi.judul[0] == "Tabel 2.1 T-C 29"


def test_referensi_header_berulang_tanpa_baris_nomor(referensi):
    b = referensi.baris
    assert list(b.loc[b["jenis"] == "header-ulang", "baris"]) == [212, 213, 227, 228, 241, 242, 253, 254, 265, 266]
    assert list(b.loc[b["jenis"] == "nomor-kolom", "baris"])[:1] == [201]
    tabel_saja = b[b["baris"] <= 267]
    assert (tabel_saja["jenis"] == "data").sum() == 51
    assert list(tabel_saja.loc[tabel_saja["jenis"] == "nomor-kolom", "baris"]) == [201]


def test_referensi_bersama_tc33_tidak_tertukar():
    tabel = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT, LAYOUT_TC33])
    assert [(t.layout, t.baris_header) for t in tabel] == [("TC-29", 199), ("TC-33", 639)]


def test_header_tc33_bukan_tc29_dan_sebaliknya():
    tc33 = [["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
             "Rencana Tahun 2024 (Tahun Rencana)", None, None, None, "Catatan Penting",
             "Prakiraan Maju Rencana Tahun 2025", None],
            [None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana", "Sumber Dana", None,
             "Target Capaian Kinerja", "Kebutuhan Dana"],
            ["7.01.02", "Program", "Persentase", "Kec. X", "100%", 13600000, "DAU", None, "100%", 15488000]]
    assert cari_tabel(cells_dari_baris(tc33), merges_kosong(), [LAYOUT]) == []
    tc29 = [HEADER_1, HEADER_2, NOMOR, PROGRAM]
    assert cari_tabel(cells_dari_baris(tc29), merges_kosong(), [LAYOUT_TC33]) == []


def test_header_baku_dua_baris():
    t = _tabel(PROGRAM)
    assert t.peta_kolom == PETA_BAKU
    assert t.jumlah_baris_header == 2
    assert list(zip(t.baris["baris"], t.baris["jenis"])) == [(3, "nomor-kolom"), (4, "data")]


def test_header_baku_satu_baris():
    satu = ["Kode", "Urusan/Bidang/Program/Kegiatan", "Indikator Kinerja", "Target Renstra", "Realisasi s/d n-3",
            "Target Renja n-2", "Realisasi Renja n-2", "Tingkat Realisasi (%)", "Target Renja n-1",
            "Realisasi Capaian s/d Tahun Berjalan", "Tingkat Capaian (%)"]
    t = _tabel(PROGRAM, header=(satu,))
    assert t.peta_kolom == PETA_BAKU
    assert t.jumlah_baris_header == 1


def test_header_keluaran_sendiri_dibaca_kembali():
    tahun = {"n": 2024, "n_1": 2023, "n2": 2022, "n3": 2021}
    kolom = KELUARAN.kolom
    atas = [(k.group or k.header).format(**tahun) for k in kolom]
    bawah = [k.header.format(**tahun) if k.group else None for k in kolom]
    t = _tabel(PROGRAM, header=(atas, bawah, [k.nomor for k in kolom]))
    assert t.peta_kolom == PETA_BAKU
    assert _isi(tidy_tabel_tc29(t, None).tidy["tahun_n"]) == [2024]


# ---------------------------------------------------------------------------------------------- layout quirks


def test_header_berulang_tanpa_baris_nomor_dilewati():
    kegiatan = _r("7.01.02.2.01", "Koordinasi", "Persentase", "100%", "N/A", "86%", "100%", "116%", "86%", "100%",
                  "100%")
    t = _tabel(PROGRAM, [], HEADER_1, HEADER_2, kegiatan)
    assert list(zip(t.baris["baris"], t.baris["jenis"])) == [
        (3, "nomor-kolom"), (4, "data"), (5, "kosong"), (6, "header-ulang"), (7, "header-ulang"), (8, "data")]
    h = tidy_tabel_tc29(t, 2024)
    assert list(h.tidy["kode"]) == ["7.01.02", "7.01.02.2.01"]
    assert list(h.tidy["baris"]) == [4, 8]
    assert h.temuan.empty


def test_bentuk_kode_dinormalkan_dengan_konteks():
    h = _tidy(_r("7.0.01", "Program Penunjang", t6="100%", r7="100%", p8="100%"),
              _r("7.0.0.02.01", "Perencanaan", t6="100%", r7="100%", p8="100%"),
              _r("7.01.01.2.01.01", "Penyusunan Dokumen", t6="2 Dokumen", r7="2 Dokumen", p8="100%"),
              _r("7 0 0 2 0 7", "Pengadaan BMD", t6="-", r7="-", p8="-"),
              _r("7.01.03", "Program Pemberdayaan", t6="86%", r7="86%", p8="100%"),
              _r("7 01 03 2 01 04", "Musrenbang Desa", t6="12 Desa", r7="12 Desa", p8="100%"),
              _r(None, "Kegiatan tanpa kode", t6="-", r7="-", p8="-"))
    t = h.tidy
    assert _isi(t["kode"]) == ["7.01.01", "7.01.01.2.01", "7.01.01.2.01.0001", "7.01.01.2.07", "7.01.03",
                               "7.01.03.2.01.0004", None]
    assert _isi(t["kode_asli"]) == ["7.0.01", "7.0.0.02.01", "7.01.01.2.01.01", "7 0 0 2 0 7", "7.01.03",
                                    "7 01 03 2 01 04", None]
    assert _isi(t["kode_aturan"]) == ["nol-dilengkapi", "nol-dilengkapi;level-dua-digit", "sub-dua-digit",
                                      "pemisah-spasi;nol-dilengkapi", None, "pemisah-spasi;sub-dua-digit", None]
    assert _isi(t["level"]) == ["program", "kegiatan", "sub_kegiatan", "kegiatan", "program", "sub_kegiatan", None]
    assert _temuan(h) == [(4, "kode", "kode-diperbaiki", "7.0.01"), (5, "kode", "kode-diperbaiki", "7.0.0.02.01"),
                          (7, "kode", "kode-diperbaiki", "7 0 0 2 0 7"),
                          (9, "kode", "kode-diperbaiki", "7 01 03 2 01 04"),
                          (10, "kode", "level-tidak-diketahui", "Kegiatan tanpa kode")]
    assert h.temuan.at[4, "tingkat"] == "galat"


def test_baris_lanjutan_digabung_ke_baris_di_atasnya():
    h = _tidy(_r("7.01.01.2.09.02", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak,", "Jumlah Kendaraan",
                 "11 kendaraan", "N/A", "11 kendaraan", "11 Kendaraan", "100%"),
              _r(None, "dan Perizinan Kendaraan Dinas", "yang Dipelihara"))
    t = h.tidy
    assert len(t) == 1
    assert t.at[0, "nama"] == "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas"
    assert t.at[0, "indikator"] == "Jumlah Kendaraan yang Dipelihara"
    assert t.at[0, "tingkat_realisasi_hitung"] == 100.0
    assert h.temuan.empty


def test_baris_indikator_tambahan_mewarisi_kode():
    h = _tidy(_r("7.01.01.2.02.01", "Penyediaan Gaji", "Jumlah Orang", "11 Pegawai", "N/A", "13 Pegawai",
                 "13 Pegawai", "100%", "13 Pegawai", "13 Pegawai", "100%"),
              _r(None, None, "Jumlah fasilitasi administrasi kepegawaian", "13 Pegawai", "N/A", "13 Pegawai",
                 "13 Pegawai", "100%", "13 Pegawai", "13 Pegawai", "100%"))
    t = h.tidy
    assert list(t["kode"]) == ["7.01.01.2.02.0001"] * 2
    assert list(t["indikator_ke"]) == [1, 2]
    assert list(t["urut"]) == [1, 2]
    assert list(t["tingkat_capaian_hitung"]) == [118.18, 100.0]
    assert _temuan(h) == [(4, "tingkat_capaian", "tingkat-capaian-berbeda", "100%")]


def test_prosa_di_bawah_tabel_mengakhiri_tabel():
    h = _tidy(PROGRAM, [], ["2.2. Analisis Kinerja Pelayanan Perangkat Daerah"], [],
              ["Tabel 2.2 TC.30"], ["NO", "INDIKATOR", "SPM", "IKK", "Target"])
    assert list(h.tidy["kode"]) == ["7.01.02"]
    assert _temuan(h) == [(6, "kode", "akhir-tabel", "2.2. Analisis Kinerja Pelayanan Perangkat Daerah")]
    assert h.temuan.at[0, "tingkat"] == "info"


# ---------------------------------------------------------------------------------------------- computed columns


def test_persen_tertulis_dalam_toleransi_tidak_dilaporkan():
    h = _tidy(PROGRAM)
    t = h.tidy
    assert (t.at[0, "tingkat_realisasi_nilai"], t.at[0, "tingkat_realisasi_hitung"]) == (115.0, 115.12)
    assert t.at[0, "tingkat_capaian_hitung"] == 95.0
    assert h.temuan.empty


@pytest.mark.parametrize(("tertulis", "dilaporkan"), [("115,6%", False), ("114,6%", True), ("116%", True),
                                                        ("115", False), (1.15, False), (115.116, False), (1.2, True)])
def test_batas_toleransi_dan_bentuk_persen(tertulis, dilaporkan):
    # 99 / 86 × 100 = 115.116…; a number cell may be a percent-formatted fraction (1.15 = 115%).
    h = _tidy(_r("7.01.02", "Program", "Persentase", t6="86%", r7="99%", p8=tertulis))
    assert list(h.temuan["aturan"]) == (["tingkat-realisasi-berbeda"] if dilaporkan else [])


def test_persen_tertulis_berbeda_dilaporkan_di_selnya():
    h = _tidy(_r("7.01.02.2.01.01", "Pelaksanaan Urusan", "Prosentase", "2 laporan", "N/A", "5 Dok.", "5 Dok.", "98%",
                 "5 Dok.", "5", "99%"))
    t = h.tidy
    assert (t.at[0, "target_n2_nilai"], t.at[0, "target_n2_satuan"]) == (5.0, "Dokumen")
    assert t.at[0, "tingkat_realisasi_hitung"] == 100.0
    assert pd.isna(t.at[0, "tingkat_capaian_hitung"])
    assert _temuan(h) == [(4, "tingkat_realisasi", "tingkat-realisasi-berbeda", "98%"),
                          (4, "tingkat_capaian", "satuan-berbeda", "5 / 2 laporan")]
    assert list(h.temuan["tingkat"]) == ["galat", "peringatan"]
    assert h.temuan.at[0, "pesan"] == ("Tingkat realisasi tertulis 98%, padahal realisasi/target = 5 Dok. / 5 Dok. = "
                                       "100% (selisih lebih dari 0,5 poin persen).")


def test_teks_di_kolom_persen_dilaporkan():
    h = _tidy(_r("7.01.01.2.06.07", "Penyediaan barang material", "Jumlah Paket", "15 jenis", "N/A", "2 jenis",
                 "2 jenis", "2 jenis", "2 jenis", "2 jenis", "12 bulan"))
    t = h.tidy
    assert (t.at[0, "tingkat_realisasi_nilai"], t.at[0, "tingkat_realisasi_satuan"]) == (2.0, "Jenis")
    assert t.at[0, "tingkat_realisasi_hitung"] == 100.0
    assert t.at[0, "tingkat_capaian_hitung"] == 13.33
    assert _temuan(h) == [(4, "tingkat_realisasi", "persen-berisi-teks", "2 jenis"),
                          (4, "tingkat_capaian", "persen-berisi-teks", "12 bulan")]
    assert h.temuan.at[0, "pesan"] == ("Tingkat Realisasi % (kolom 8) berisi '2 jenis', bukan persentase. "
                                       "Hasil hitung: 100%.")


def test_satuan_operand_berbeda_tidak_dihitung():
    h = _tidy(_r("7.01.01.2.02.03", "Koordinasi", "Jumlah fasilitasi", "12 bulan", "N/A", "12 Laporan",
                 "12 Laaporan", "100%", "12 Laporan", "12 Laporan", "100%"))
    t = h.tidy
    assert t.at[0, "realisasi_n2_satuan"] == "Laporan"  # 'Laaporan' is the same unit: col 8 is computed
    assert t.at[0, "tingkat_realisasi_hitung"] == 100.0
    assert pd.isna(t.at[0, "tingkat_capaian_hitung"])
    assert _temuan(h) == [(4, "tingkat_capaian", "satuan-berbeda", "12 Laporan / 12 bulan")]


def test_na_strip_dan_kosong_bukan_galat():
    h = _tidy(_r("7.01.01.2.01.03", "Koordinasi DPA", "Jumlah dokumen", "N/A", "N/A", "- Dokumen", "- Dokumen",
                 "100%", "1 Dokumen", "1 Dokumen", "0%"),
              _r("7.01.01.2.03", "Administrasi BMD", "Persentase", None, "100%"),
              _r("7.01.04", "Program Ketentraman", "Persentase", "100%", "N/A", "86%", "100%", "-", "66.67%",
                 "66.67%", "-"))
    t = h.tidy
    assert _isi(t["tingkat_realisasi_hitung"]) == [None, None, 116.28]
    assert _isi(t["tingkat_capaian_hitung"]) == [None, None, 66.67]
    assert (t.at[0, "target_n2_nilai"] is pd.NA, t.at[0, "target_n2_satuan"]) == (True, "Dokumen")
    assert h.temuan.empty


def test_realisasi_capaian_dihitung_untuk_indikator_jumlah():
    h = _tidy(_r("7.01.01.2.01.01", "Penyusunan Dokumen", "Jumlah dokumen", "10 Dokumen", "2 Dokumen", "3 Dokumen",
                 "3 Dokumen", "100%", "4 Dokumen", "9 Dokumen", "90%"),
              _r("7.01.01.2.01.02", "RKA", "Jumlah dokumen", "10 Dokumen", "2 Dokumen", "3 Dokumen", "3 Dok.", "100%",
                 "4 Dokumen", "8 Dokumen", "80%"),
              _r("7.01.01.2.01.03", "DPA", "Jumlah dokumen", "10 Dokumen", "2 Laporan", "3 Dokumen", "3 Dokumen",
                 "100%", "4 Dokumen", "9 Dokumen", "90%"),
              _r("7.01.02", "Program", "Persentase", "100%", "90%", "86%", "99%", "115%", "86%", "95%", "95%"))
    t = h.tidy
    assert _isi(t["realisasi_capaian_hitung"]) == ["9 Dokumen", "9 Dokumen", None, None]
    assert _isi(t["realisasi_capaian_hitung_nilai"]) == [9.0, 9.0, None, None]
    assert _isi(t["realisasi_capaian_hitung_satuan"]) == ["Dokumen", "Dokumen", None, None]
    assert _temuan(h) == [(5, "realisasi_capaian", "realisasi-capaian-berbeda", "8 Dokumen"),
                          (6, "realisasi_capaian", "satuan-berbeda", "2 Laporan + 3 Dokumen + 4 Dokumen")]
    assert h.temuan.at[0, "pesan"] == ("Realisasi capaian s/d tahun berjalan tertulis 8 Dokumen, padahal kolom "
                                       "5 + 7 + 9 = 2 Dokumen + 3 Dok. + 4 Dokumen = 9 Dokumen.")


# ---------------------------------------------------------------------------------------------- years


def test_tahun_dari_parameter():
    t = _tidy(PROGRAM, tahun=2025).tidy
    assert [t.at[0, k] for k in ("tahun_n", "tahun_n1", "tahun_n2", "tahun_n3")] == [2025, 2024, 2023, 2022]


def test_tahun_dari_header_dan_selisihnya_dilaporkan():
    h = tidy_tabel_tc29(_tabel(PROGRAM), None)
    assert [h.tidy.at[0, k] for k in ("tahun_n", "tahun_n1", "tahun_n2", "tahun_n3")] == [2024, 2023, 2022, 2021]
    assert h.temuan.empty
    h = tidy_tabel_tc29(_tabel(PROGRAM), 2025)
    assert list(zip(h.temuan["baris"], h.temuan["field"], h.temuan["aturan"], h.temuan["nilai"])) == [
        (1, "realisasi_n3", "tahun-judul-berbeda", "2021"), (1, "target_n2", "tahun-judul-berbeda", "2022"),
        (1, "realisasi_n2", "tahun-judul-berbeda", "2022"), (1, "target_n1", "tahun-judul-berbeda", "2023"),
        (1, "realisasi_capaian", "tahun-judul-berbeda", "2023")]


def test_tahun_tidak_diketahui():
    satu = ["Kode", "Program/Kegiatan", "Indikator", "Target Renstra", "Realisasi s/d n-3", "Target Renja n-2",
            "Realisasi Renja n-2", "Tingkat Realisasi (%)", "Target Renja n-1", "Realisasi Capaian",
            "Tingkat Capaian (%)"]
    h = tidy_tabel_tc29(_tabel(PROGRAM, header=(satu,)), None)
    assert _isi(h.tidy["tahun_n"]) == [None]
    assert list(h.temuan["aturan"]) == ["tahun-tidak-diketahui"]


def test_tahun_di_header_referensi_dibaca_per_kolom(referensi):
    assert tahun_di_header(referensi.header_teks) == [
        ("target_renstra", 0, 2024), ("realisasi_n3", 3, 2020), ("target_n2", 2, 2022), ("realisasi_n2", 2, 2022),
        ("target_n1", 1, 2023), ("realisasi_capaian", 1, 2022)]


# ---------------------------------------------------------------------------------------------- the reference


def _baris_ref(hasil, kode):
    t = hasil.tidy
    return t[t["kode"] == kode].iloc[0]


def test_referensi_jumlah_baris_dan_level(hasil_referensi):
    t = hasil_referensi.tidy
    assert len(t) == 51
    assert t["level"].value_counts().to_dict() == {"sub_kegiatan": 30, "kegiatan": 11, "program": 6}
    assert list(t.loc[t["level"].isna(), "baris"]) == [224, 225, 235, 258]  # written without kode
    assert list(t.loc[t["level"] == "program", "kode"]) == ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.05",
                                                            "7.01.06"]
    assert [t.at[0, k] for k in ("tahun_n", "tahun_n1", "tahun_n2", "tahun_n3")] == [2024, 2023, 2022, 2021]


def test_referensi_temuan_per_aturan(hasil_referensi):
    assert hasil_referensi.temuan["aturan"].value_counts().to_dict() == {
        "tingkat-capaian-berbeda": 11, "satuan-berbeda": 7, "kode-diperbaiki": 6, "tingkat-realisasi-berbeda": 5,
        "level-tidak-diketahui": 4, "persen-berisi-teks": 3, "tahun-judul-berbeda": 2, "akhir-tabel": 1}


def test_referensi_program_7_01_02(hasil_referensi):
    r = _baris_ref(hasil_referensi, "7.01.02")
    assert (r["baris"], r["target_n2"], r["realisasi_n2"], r["tingkat_realisasi"]) == (247, "86%", "99%", "115%")
    assert (r["target_n2_nilai"], r["realisasi_n2_nilai"], r["tingkat_realisasi_nilai"]) == (86.0, 99.0, 115.0)
    assert r["tingkat_realisasi_hitung"] == 115.12  # |115 - 115.12| <= TOLERANSI_PERSEN: no finding
    assert r["tingkat_capaian_hitung"] == 95.0
    t = hasil_referensi.temuan
    assert list(zip(t.loc[t["baris"] == 247, "field"], t.loc[t["baris"] == 247, "aturan"])) == [
        ("tingkat_capaian", "tingkat-capaian-berbeda")]


def test_referensi_2_jenis_di_kolom_tingkat_realisasi(hasil_referensi):
    r = _baris_ref(hasil_referensi, "7.01.01.2.06.0007")
    assert (r["kode_asli"], r["baris"], r["tingkat_realisasi"], r["tingkat_realisasi_hitung"]) == (
        "7.01.01.2.06.07", 230, "2 jenis", 100.0)
    t = hasil_referensi.temuan
    assert list(zip(t.loc[t["baris"] == 230, "field"], t.loc[t["baris"] == 230, "aturan"],
                    t.loc[t["baris"] == 230, "nilai"])) == [
        ("tingkat_realisasi", "persen-berisi-teks", "2 jenis"), ("tingkat_capaian", "tingkat-capaian-berbeda", "0%")]


def test_referensi_kode_rusak(hasil_referensi):
    t = hasil_referensi.tidy
    asli = dict(zip(t["kode_asli"].dropna(), t.loc[t["kode_asli"].notna(), "kode"]))
    assert asli["7.0.01"] == "7.01.01"
    assert asli["7.0.0.02.01"] == "7.01.01.2.01"
    assert asli["7 0 0 2 0 7"] == "7.01.01.2.07"
    assert asli["7 01 03 2 01 04"] == "7.01.03.2.01.0004"


def test_referensi_tahun_judul_yang_berbeda(hasil_referensi):
    t = hasil_referensi.temuan
    beda = t[t["aturan"] == "tahun-judul-berbeda"]
    assert list(zip(beda["baris"], beda["field"], beda["nilai"])) == [(199, "realisasi_n3", "2020"),
                                                                      (199, "realisasi_capaian", "2022")]
    assert beda["pesan"].iloc[0] == ("Judul Realisasi s/d tahun n-3 (kolom 5) menyebut tahun 2020 untuk tahun n-3, "
                                     "padahal tahun n = 2024 memberi 2021.")


def test_tanpa_header_teks_tahun_dibaca_dari_header_ulang(referensi):
    h = tidy_tc29(referensi.baris, None)
    assert h.tidy.at[0, "tahun_n"] == 2024
    assert list(h.temuan.loc[h.temuan["aturan"] == "tahun-judul-berbeda", "baris"]) == [212, 212]


# ---------------------------------------------------------------------------------------------- declarations


def test_kolom_tidy_lengkap_dan_berurutan():
    assert tuple(_tidy(PROGRAM).tidy.columns) == TIDY_COLUMNS
    assert tuple(tidy_tc29(_tabel(PROGRAM).baris.iloc[:0], 2024).tidy.columns) == TIDY_COLUMNS


def test_semua_temuan_punya_aturan(hasil_referensi):
    assert set(hasil_referensi.temuan["aturan"]) <= set(ATURAN)
    assert all(a.tingkat in ("galat", "peringatan", "info") for a in ATURAN.values())


def test_keluaran_baku():
    kolom = KELUARAN.kolom
    assert KELUARAN.file == "TC-29.xlsx"
    judul = [j.format(n=2024, n_1=2023, kabupaten="Lumajang", kecamatan="Senduro") for j in KELUARAN.judul]
    assert judul[0] == "Tabel T-C.29"
    assert judul[1].endswith("s/d Tahun 2023 (Tahun Berjalan)")  # the current year n-1, as the standard title says
    assert judul[2:] == ["Kabupaten Lumajang", "Kecamatan Senduro"]
    assert LAYOUT.judul_cocok(" ".join(lipat(j) for j in judul))
    assert [k.nomor for k in kolom] == NOMOR
    assert [k.kind for k in kolom if k.rumus] == [PERSEN, TARGET, PERSEN]
    assert [k.rumus for k in kolom if k.rumus] == ['=IFERROR(ROUND({kolom:7}/{kolom:6}*100,2),"")',
                                                  '=IFERROR(ROUND({kolom:5}+{kolom:7}+{kolom:9},2),"")',
                                                  '=IFERROR(ROUND({kolom:10}/{kolom:4}*100,2),"")']
    assert [k.cadangan for k in kolom if k.rumus] == ["tingkat_realisasi", "realisasi_capaian", "tingkat_capaian"]
    assert {k.field for k in kolom} <= set(TIDY_COLUMNS)
    assert [k.group is not None for k in kolom] == [False] * 5 + [True] * 3 + [False] + [True] * 2


def test_format_angka():
    assert [format_angka(x) for x in (115.116, 1500.0, 100.0, 0.5, TOLERANSI_PERSEN)] == [
        "115,12", "1.500", "100", "0,5", "0,5"]
