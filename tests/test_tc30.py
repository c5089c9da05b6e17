"""T-C.30: recognised in the reference, long tidy values, one small fixture per quirk, the output declaration."""
from __future__ import annotations

import pandas as pd

from schemas.keluaran import Keluaran
from schemas.tc30 import ATURAN, KELUARAN, LAYOUT, TIDY_COLUMNS
from tests.conftest import cells_dari_baris, cells_referensi, merges_kosong
from transforms.tabel import cari_tabel
from transforms.tc30 import lebar_tc30, nomor_baris, tidy_tc30

HEADER_1 = ["NO", "INDIKATOR", "SPM Standar Nasional", "IKK", "TARGET RENSTRA PERANGKAT DAERAH", None, None,
            "Realisasi Capaian", None, None, "Proyeksi", None, None, "Catatan Analisis"]
HEADER_2 = [None, None, None, None, *["Tahun 2024", "Tahun 2025", "Tahun 2026"] * 3, None]
NOMOR = list(range(1, 15))
NA3 = ("N/A", "N/A", "N/A")


def _r(no, indikator, target=NA3, realisasi=NA3, proyeksi=NA3, spm="N/A", ikk="N/A", catatan=None):
    return [no, indikator, spm, ikk, *target, *realisasi, *proyeksi, catatan]


def _tabel(*baris, header=(HEADER_1, HEADER_2)):
    tabel = cari_tabel(cells_dari_baris([*header, *baris]), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    return tabel[0]


def _tidy(*baris, header=(HEADER_1, HEADER_2)):
    t = _tabel(*baris, header=header)
    return tidy_tc30(t.baris, t.peta_kolom)


def _nilai(tidy, urut, field):
    baris = tidy[(tidy["urut"] == urut) & (tidy["field"] == field)]
    assert len(baris) == 1
    return baris.iloc[0]


# ---------------------------------------------------------------------------------------------- the reference


def _referensi():
    tabel = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    return tabel[0]


def test_dikenali_sekali_di_referensi():
    t = _referensi()
    assert (t.layout, t.baris_header, t.jumlah_baris_header) == ("TC-30", 279, 2)
    assert t.peta_kolom == {
        "no": 1, "indikator": 2, "spm": 3, "ikk": 4,
        "target_renstra@2024": 5, "target_renstra@2025": 6, "target_renstra@2026": 7,
        "realisasi@2024": 8, "realisasi@2025": 9, "realisasi@2026": 10,
        "proyeksi@2024": 11, "proyeksi@2025": 12, "proyeksi@2026": 13, "catatan": 14,
    }
    assert t.judul[-3:] == ("Tabel 2.2 TC.30", "Pencapaian Kinerja Pelayanan Perangkat Daerah Kecamatan Senduro",
                            "Kabupaten Lumajang")
    assert list(t.baris["jenis"].head(5)) == ["nomor-kolom", "data", "data", "data", "kosong"]


def test_referensi_tidy_panjang_nilai_persis():
    t = _referensi()
    h = tidy_tc30(t.baris, t.peta_kolom)
    tidy = h.tidy
    assert len(tidy) == 3 * 9
    assert list(tidy.drop_duplicates("urut")["indikator"]) == [
        "Indeks Pelayanan Publik",
        "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti",
        "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa tepat waktu",
    ]
    ipp = _nilai(tidy, 1, "target_renstra@2024")
    assert (ipp["nilai_teks"], ipp["nilai"], ipp["satuan"], ipp["keterangan"], ipp["jenis"]) == (
        "60.5 (B-)", 60.5, "Indeks", "B-", "indeks")
    assert (ipp["kelompok"], ipp["tahun"], ipp["tahun_ke"], ipp["baris"], ipp["no"]) == (
        "target_renstra", 2024, 1, 282, "1")
    assert _nilai(tidy, 1, "target_renstra@2026")["keterangan"] == "B"
    hasil = _nilai(tidy, 2, "target_renstra@2024")
    assert (hasil["nilai_teks"], hasil["nilai"], hasil["satuan"], hasil["baris"]) == ("94,12", 94.12, None, 283)
    assert _nilai(tidy, 2, "target_renstra@2026")["nilai"] == 94.23
    assert list(tidy[tidy["urut"] == 3]["nilai"].head(3)) == [72.22, 72.22, 72.22]
    # N/A is an empty value, not an error
    na = tidy[tidy["kelompok"] != "target_renstra"]
    assert len(na) == 18 and na["nilai"].isna().all() and (na["nilai_teks"] == "N/A").all()
    assert (na["jenis"] == "kosong").all()
    # The document's next table ends this one (in the reference text a paragraph at line 286 did, without a finding:
    # test_tabel_berakhir_di_prosa_di_bawahnya keeps that case).
    assert h.temuan[["baris", "aturan", "tingkat", "nilai"]].values.tolist() == [
        [360, "akhir-tabel", "info", "Tabel 2.5 TC 3.1"]]
    assert h.tidy["baris"].max() == 284


def test_referensi_bentuk_lebar_untuk_keluaran():
    t = _referensi()
    lebar = lebar_tc30(tidy_tc30(t.baris, t.peta_kolom).tidy, 2024)
    assert lebar.temuan.empty
    baris = lebar.tidy.iloc[0]
    assert [baris[f"target_renstra_{k}"] for k in (1, 2, 3)] == ["60.5 (B-)", "65.5 (B-)", "70.5 (B)"]
    assert [baris[f"proyeksi_{k}"] for k in (1, 2, 3)] == ["N/A", "N/A", "N/A"]
    assert list(lebar.tidy["no"]) == ["1", "2", "3"]
    assert {k.field for k in KELUARAN.kolom} <= set(lebar.tidy.columns)


def test_lebar_tahun_di_luar_n_sampai_n2_dilaporkan():
    t = _referensi()
    lebar = lebar_tc30(tidy_tc30(t.baris, t.peta_kolom).tidy, 2025)
    assert [lebar.tidy.iloc[0][f"target_renstra_{k}"] for k in (1, 2, 3)] == ["65.5 (B-)", "70.5 (B)", None]
    assert list(lebar.temuan["field"]) == ["target_renstra@2024", "realisasi@2024", "proyeksi@2024"]
    assert set(lebar.temuan["aturan"]) == {"tahun-tidak-sesuai"}
    assert lebar.temuan.at[0, "pesan"] == ("Nilai kolom Target Renstra Perangkat Daerah tahun 2024 tidak ditampilkan "
                                           "di TC-30.xlsx: bentuk bakunya memuat tahun 2025-2027.")


# ---------------------------------------------------------------------------------------------- quirks


def test_header_berulang_di_tengah_tabel_dibuang():
    t = _tabel(NOMOR, _r(1, "Indeks Pelayanan Publik", ("60.5 (B-)", "65.5 (B-)", "70.5 (B)")), [],
               HEADER_1, HEADER_2, NOMOR, _r(2, "Persentase hasil fasilitasi", ("94,12", "94,12", "94,23")))
    assert list(zip(t.baris["baris"], t.baris["jenis"])) == [
        (3, "nomor-kolom"), (4, "data"), (5, "kosong"), (6, "header-ulang"), (7, "header-ulang"),
        (8, "nomor-kolom"), (9, "data")]
    tidy = tidy_tc30(t.baris, t.peta_kolom).tidy
    assert list(tidy.drop_duplicates("urut")["baris"]) == [4, 9]


def test_indikator_terpotong_halaman_digabung():
    h = _tidy(_r(1, "Rata-rata persentase desa yang menyusun dokumen", ("72,22", "72,22", "72,22")),
              [None, "administrasi pemerintahan desa tepat waktu"])
    assert h.tidy["urut"].max() == 1
    assert h.tidy.at[0, "indikator"] == ("Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan "
                                         "desa tepat waktu")
    assert h.temuan.empty


def test_na_strip_dan_kosong_bukan_temuan():
    h = _tidy(_r(1, "Indeks Pelayanan Publik", ("N/A", "-", None), ("n/a", "—", ""), ("#N/A", None, None)))
    assert h.tidy["nilai"].isna().all()
    assert list(h.tidy["nilai_teks"].head(3)) == ["N/A", "-", None]
    assert h.temuan.empty


def test_nilai_tidak_terbaca_dan_ambigu_dilaporkan_tidak_ditebak():
    h = _tidy(_r(1, "Indeks Pelayanan Publik", ("60.5 (B-)", "baik sekali", "1,234")))
    assert _nilai(h.tidy, 1, "target_renstra@2025")["nilai"] is pd.NA
    assert _nilai(h.tidy, 1, "target_renstra@2026")["nilai"] is pd.NA
    assert list(h.temuan["aturan"]) == ["target-tidak-terbaca", "angka-ambigu"]
    assert list(h.temuan["tingkat"]) == ["peringatan", "galat"]
    assert list(h.temuan["field"]) == ["target_renstra@2025", "target_renstra@2026"]
    assert list(h.temuan["baris"]) == [3, 3]
    assert h.temuan.at[0, "pesan"] == ("Nilai 'baik sekali' (Target Renstra Perangkat Daerah tahun 2025) pada "
                                       "indikator 'Indeks Pelayanan Publik' tidak berbentuk angka, persen atau indeks.")


def test_sel_angka_dan_persen_dibaca():
    h = _tidy(_r(1, "Persentase", (94.12, 100, "95.33%"), ("66,67%", "12 Laporan", "3 Dokume n")))
    t = h.tidy.set_index("field")
    assert list(t["nilai"].iloc[:6]) == [94.12, 100.0, 95.33, 66.67, 12.0, 3.0]
    assert list(t["satuan"].iloc[:6]) == [None, None, "Persen", "Persen", "Laporan", "Dokumen"]
    assert list(t["nilai_teks"].iloc[:2]) == ["94.12", "100"]
    assert h.temuan.empty


def test_header_tanpa_tahun_memakai_urutan_kolom():
    tanpa_tahun = [None, None, None, None, *["Tahun 1", "Tahun 2", "Tahun 3"] * 3, None]
    h = _tidy(_r(1, "Indeks Pelayanan Publik", ("60.5 (B-)", "65.5 (B-)", "70.5 (B)")),
              header=(HEADER_1, tanpa_tahun))
    assert list(h.tidy["field"].head(3)) == ["target_renstra@1", "target_renstra@2", "target_renstra@3"]
    assert h.tidy["tahun"].isna().all()
    assert list(h.tidy["tahun_ke"].head(3)) == [1, 2, 3]
    assert list(h.temuan["aturan"]) == ["tahun-tidak-tertulis"] * 3
    assert list(h.temuan["field"]) == ["target_renstra@1", "realisasi@1", "proyeksi@1"]
    assert h.temuan["baris"].isna().all()


def test_header_satu_baris_dengan_tahun():
    header = ["No", "Indikator", "Target Renstra 2024", "Target Renstra 2025", "Realisasi Capaian 2023",
              "Proyeksi 2024", "Catatan Analisis"]
    h = _tidy([1, "Indeks Pelayanan Publik", "60.5 (B-)", "65.5 (B-)", "58 (C)", "60.5 (B-)", "naik"],
              header=(header,))
    assert list(h.tidy["field"]) == ["target_renstra@2024", "target_renstra@2025", "realisasi@2023",
                                     "proyeksi@2024"]
    assert list(h.tidy["tahun"]) == [2024, 2025, 2023, 2024]
    assert list(h.tidy["kelompok"]) == ["target_renstra", "target_renstra", "realisasi", "proyeksi"]
    assert (h.tidy["catatan"] == "naik").all()
    assert h.tidy["spm"].isna().all()


def test_tabel_berakhir_di_prosa_di_bawahnya():
    h = _tidy(_r(1, "Indeks Pelayanan Publik", ("60.5 (B-)", "65.5 (B-)", "70.5 (B)")), [],
              ["Dalam pengukuran nilai indikator kinerja maka diperlukan data-data."], [],
              ["No", "Indikator Kinerja", "Jenis Data", "Formulasi/Rumus Perhitungan"],
              [1, "Persentase hasil fasilitasi", "Kuantitatif", "x 100%"])
    assert h.tidy["urut"].max() == 1
    assert list(h.temuan["aturan"]) == []  # the table finder ends the table at the paragraph (row 5)


def test_baris_tanpa_indikator_dilaporkan():
    h = _tidy(_r(1, "Indeks Pelayanan Publik"), _r(2, None, ("1", "2", "3")))
    assert h.tidy["urut"].max() == 1
    assert list(h.temuan["aturan"]) == ["baris-tidak-dikenal"]
    assert h.temuan.at[0, "baris"] == 4


def test_nomor_baris():
    assert [nomor_baris(v) for v in (None, 1, 2.0, "3", "4.", "1.2", "a.", "IV")] == [True] * 8
    assert [nomor_baris(v) for v in (2.5, "7.01.01.2.01", "Tabel 2.3", "Dalam mewujudkan visi")] == [False] * 4


def test_tc29_dan_tabel_lain_bukan_tc30():
    tc29 = [["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/ Kegiatan",
             "Indikator Kinerja Program/ Kegiatan", "Target Kinerja Capaian Program (Restra) Perangkat Daerah "
             "Tahun n 2024", "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d tahun (n-3=2020)",
             "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2)", None, None],
            [None, None, None, None, None, "Target Renja Perangkat Daerah Tahun(n-2) 2022",
             "Realisasi Renja Perangkat Daerah tahun (n-2) 2022", "Tingkat Realisasi (%)"]]
    tabel_23 = [["No", "Indikator Kinerja", "Jenis Data", "Formulasi/Rumus Perhitungan", "Teknik Pengumpulan Data",
                 "Teknik Monitoring dan Evaluasi"]]
    for baris in (tc29, tabel_23):
        assert cari_tabel(cells_dari_baris(baris), merges_kosong(), [LAYOUT]) == []


def test_kolom_tidy_lengkap_dan_berurutan():
    assert tuple(_tidy(_r(1, "Indeks Pelayanan Publik")).tidy.columns) == TIDY_COLUMNS


# ---------------------------------------------------------------------------------------------- declarations


def test_keluaran_bentuk_baku():
    assert isinstance(KELUARAN, Keluaran)
    assert KELUARAN.file == "TC-30.xlsx"
    assert [k.nomor for k in KELUARAN.kolom] == [str(i) for i in range(1, 15)]
    assert [k.header for k in KELUARAN.kolom] == [
        "No", "Indikator", "SPM/Standar Nasional", "IKK", *["Tahun {n}", "Tahun {n1}", "Tahun {n_plus_2}"] * 3,
        "Catatan Analisis"]
    assert [k.group for k in KELUARAN.kolom] == [
        None, None, None, None, *["Target Renstra Perangkat Daerah"] * 3, *["Realisasi Capaian"] * 3,
        *["Proyeksi"] * 3, None]
    assert KELUARAN.judul[0] == "Tabel T-C.30"


def test_aturan_berbentuk_tingkat_dan_templat():
    assert all(a.tingkat in ("galat", "peringatan", "info") and isinstance(a.templat, str) for a in ATURAN.values())
    assert LAYOUT.id == "TC-30" and LAYOUT.judul_cocok("tabel 2 2 tc 30")
    assert LAYOUT.judul_cocok("pencapaian kinerja pelayanan perangkat daerah")
