"""Tabel 4.1: recognised in the reference (never taken for T-C.33), tidy items, levels without codes, matching."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flows.langkah.pembaca import baca_workbook
from schemas import tc30, tc33
from schemas.tabel41 import AMBANG_MIRIP, ATURAN, KOLOM_COCOK, LAYOUT, TIDY_COLUMNS
from tests.conftest import REPO, cells_dari_baris, cells_referensi, merges_kosong
from transforms.tabel import cari_tabel
from transforms.tabel41 import cocokkan_dengan_tc33, temuan_cocok, tidy_tabel41, total_pagu
from transforms.tc33 import tidy_tc33

HEADER = ["No", "Program", "Kegiatan/ Sub Kegiatan", "Indikator", "Target", "Anggaran", "Sumber Dana"]
NOMOR = list(range(1, 8))
SAMPEL_TC33 = Path(__file__).parent / "fixtures" / "Renja-Senduro-2024-TC33.xlsx"


def _r(no=None, program=None, kegiatan=None, indikator=None, target=None, anggaran=None, sumber="DAU"):
    return [no, program, kegiatan, indikator, target, anggaran, sumber]


def _tabel(*baris):
    tabel = cari_tabel(cells_dari_baris([HEADER, NOMOR, *baris]), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    return tabel[0]


def _tidy(*baris):
    return tidy_tabel41(_tabel(*baris).baris)


# ---------------------------------------------------------------------------------------------- the reference


def _referensi():
    tabel = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    return tabel[0]


@pytest.fixture(scope="module")
def tidy33_sampel() -> pd.DataFrame:
    isi = baca_workbook(REPO / SAMPEL_TC33)
    tabel = cari_tabel(isi.cells, isi.merges, [tc33.LAYOUT])
    assert len(tabel) == 1
    return tidy_tc33(tabel[0].baris).tidy


def test_dikenali_sekali_di_referensi_header_ulang_dibuang():
    t = _referensi()
    assert (t.layout, t.baris_header, t.jumlah_baris_header) == ("TabelIV-1", 789, 1)
    assert t.peta_kolom == {"no": 1, "program": 2, "kegiatan": 3, "indikator": 4, "target": 5, "anggaran": 6,
                            "sumber_dana": 7}
    jenis = t.baris.groupby("jenis")["baris"].apply(list).to_dict()
    assert jenis["header-ulang"] == [802, 822, 838, 852]
    assert jenis["nomor-kolom"] == [790, 803, 823, 839, 853]
    assert jenis["total"] == [865]
    assert len(jenis["data"]) == 62
    assert t.judul[-3:] == ("Tabel 4.1", "Program, Kegiatan dan Sub Kegiatan", "Tahun 2024")
    assert total_pagu(t.baris) == 2_080_252_824


def test_tabel41_dan_tc33_tidak_tertukar_di_referensi():
    semua = cari_tabel(cells_referensi(), merges_kosong(), [tc30.LAYOUT, tc33.LAYOUT, LAYOUT])
    assert [(t.layout, t.baris_header) for t in semua] == [("TC-30", 279), ("TC-33", 639), ("TabelIV-1", 789)]
    hanya_tc33 = cari_tabel(cells_referensi(), merges_kosong(), [tc33.LAYOUT])
    assert [t.baris_header for t in hanya_tc33] == [639]


def test_header_tc33_tc31_tc32_bukan_tabel41():
    tc33_header = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
                   "Indikator Kinerja Program/Kegiatan /Sub Kegiatan", "Lokasi", "Target Capaian Kinerja",
                   "Kebutuhan Dana", "Sumber Dana"]
    tc31_header = [["No", "Rancangan Awal RKPD", None, None, None, None, "Hasil Analisa Kebutuhan", None, None,
                    None, None, None],
                   [None, "Program Kegiatan", "Lokasi", "Indikator Kinerja", "Targed Capaian",
                    "Pagu Indikatif (Rp...)", "Program/ Kegiatan", "Lokasi", "Indikator Kinerja", "Targed Capaian",
                    "Kebutuhan Dana (Rp...)", "Catatan Penting"]]
    tc32_header = ["No", "Program", "Kegiatan", "Lokasi", "Indikator Kinerja", "Volume"]
    for baris in ([tc33_header], tc31_header, [tc32_header]):
        assert cari_tabel(cells_dari_baris(baris), merges_kosong(), [LAYOUT]) == []
    assert cari_tabel(cells_dari_baris([HEADER]), merges_kosong(), [tc33.LAYOUT]) == []


def test_referensi_tidy_nilai_persis():
    h = tidy_tabel41(_referensi().baris)
    t = h.tidy
    assert h.temuan.empty
    assert len(t) == 62
    utama = t[t["indikator_ke"] == 1]
    assert utama["level"].value_counts().to_dict() == {"sub_kegiatan": 36, "kegiatan": 15, "program": 6, "urusan": 1}
    assert list(utama["no"].head(3)) == [None, "1", None]
    assert utama[utama["level"] == "program"]["anggaran"].sum() == 2_080_252_824
    umum = t[t["nama"] == "Administrasi Umum Perangkat Daerah"].iloc[0]
    assert (umum["level"], umum["anggaran"], umum["target"], umum["target_nilai"], umum["target_satuan"],
            umum["baris"], umum["sumber_dana"]) == ("kegiatan", 91_572_593, "100%", 100.0, "Persen", 811, "DAU")
    gaji = t[t["nama"] == "Penyediaan Gaji dan Tunjangan ASN"].iloc[0]
    assert (gaji["level"], gaji["target_nilai"], gaji["target_satuan"], gaji["anggaran"]) == (
        "sub_kegiatan", 12.0, "Orang/Bulan", 1_397_382_131)
    assert t[t["nama"] == "Administrasi Kepegawaian Perangkat Daerah"]["anggaran"].tolist() == [0]
    tambahan = t[t["indikator_ke"] > 1]
    assert list(zip(tambahan["baris"], tambahan["indikator_ke"], tambahan["level"])) == [
        (858, 2, "program"), (859, 3, "program"), (861, 2, "kegiatan"), (862, 3, "kegiatan")]
    assert tambahan["anggaran"].isna().all()
    # the first item under a program is a kegiatan even with a 'Jumlah …' indicator
    pertama = t[t["nama"] == "Koordinasi Upaya Penyelenggaraan Ketentraman dan Ketertiban Umum"]
    assert pertama["level"].tolist() == ["kegiatan"]


def test_referensi_dicocokkan_dengan_tc33_sampel(tidy33_sampel):
    c = cocokkan_dengan_tc33(tidy_tabel41(_referensi().baris).tidy, tidy33_sampel)
    assert tuple(c.columns) == (*TIDY_COLUMNS, *KOLOM_COCOK)
    umum = c[c["nama"] == "Administrasi Umum Perangkat Daerah"].iloc[0]
    assert (umum["kode"], umum["cocok_dengan"], umum["skor"], umum["anggaran"]) == (
        "7.01.01.2.06", "nama", 1.0, 91_572_593)
    cetak = c[c["nama"] == "Penyediaan Barang Cetakan dan Penggandaan"].iloc[0]
    assert (cetak["kode"], cetak["cocok_dengan"], cetak["skor"], cetak["nama_tc33"]) == (
        "7.01.01.2.06.0005", "nama-mirip", 0.975, "Penyediaan Barang Cetak dan Penggandaan")
    utama = c[c["indikator_ke"] == 1]
    assert utama["cocok_dengan"].value_counts().to_dict() == {"nama": 56, "nama-mirip": 2}
    assert utama["kode"].notna().sum() == 58
    assert utama["urut_tc33"].is_unique
    assert (utama["level"] == utama["level_tc33"]).all()
    assert list(c[c["level"] == "program"].drop_duplicates("kode")["kode"]) == [
        "7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.05", "7.01.06"]
    # extra indicator rows carry their item's kode
    assert c[c["baris"].isin([861, 862])]["kode"].tolist() == ["7.01.06.2.01", "7.01.06.2.01"]
    # the same kode written twice in T-C.33 (7.01.01.2.03) still goes to the right rows, by name and level
    pakaian = c[c["nama"] == "Pengadaan Pakaian Dinas beserta Atribut kelengkapannya"].iloc[0]
    assert (pakaian["kode"], pakaian["level"], pakaian["urut_tc33"]) == ("7.01.01.2.03", "sub_kegiatan", 23)
    assert temuan_cocok(c).empty


# ---------------------------------------------------------------------------------------------- quirks


def test_tingkat_tanpa_kode_dari_tata_letak_dan_indikator():
    t = _tidy(_r(kegiatan="Unsur Kewilayahan", anggaran="20.000", sumber=None),
              _r(kegiatan="Kecamatan", anggaran="20.000", sumber=None),
              _r(1, "Program Koordinasi", indikator="Persentase fasilitasi", target="100%", anggaran="20.000"),
              _r(kegiatan="Koordinasi Upaya", indikator="Jumlah Fasilitasi", target="2 Fasilitasi",
                 anggaran="20.000"),
              _r(kegiatan="Sinergitas", indikator="Jumlah Laporan", target="12 Laporan", anggaran="15.000"),
              _r(kegiatan="Pemberdayaan Keluarga", indikator="Presentase pemberdayaan", target="100%",
                 anggaran="5.000"),
              _r(kegiatan="Pelatihan Keluarga", indikator="Jumlah Keluarga", target="120 Keluarga",
                 anggaran="5.000"),
              _r(kegiatan="Koordinasi Kegiatan", indikator="Rata-rata persentase desa", target="72,22%",
                 anggaran="0")).tidy
    assert list(t["level"]) == ["urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "kegiatan",
                                "sub_kegiatan", "kegiatan"]
    assert list(t["nama"].head(3)) == ["Unsur Kewilayahan", "Kecamatan", "Program Koordinasi"]
    assert list(t["anggaran"]) == [20000, 20000, 20000, 20000, 15000, 5000, 5000, 0]


def test_tanpa_indikator_tingkat_tidak_diketahui():
    h = _tidy(_r(1, "Program Koordinasi", indikator="Persentase", target="100%", anggaran=100),
              _r(kegiatan="Koordinasi Upaya", indikator="Persentase", target="100%", anggaran=100),
              _r(kegiatan="Sinergitas", target="12 Laporan", anggaran=100))
    assert h.tidy["level"].isna().tolist() == [False, False, True]
    assert list(h.temuan["aturan"]) == ["level-tidak-diketahui"]
    assert (h.temuan.at[0, "baris"], h.temuan.at[0, "tingkat"], h.temuan.at[0, "field"]) == (5, "galat", "kegiatan")


def test_indikator_tambahan_menjadi_indikator_ke():
    t = _tidy(_r(6, "Program Pembinaan Desa", indikator="Persentase RKPDes", target="66,67%", anggaran="11.000.000"),
              _r(indikator="Persentase APBDes", target="83,33%", sumber=None),
              _r(indikator="Persentase LPPDes", target="66,67%", sumber=None)).tidy
    assert list(t["indikator_ke"]) == [1, 2, 3]
    assert list(t["nama"]) == ["Program Pembinaan Desa"] * 3
    assert list(t["level"]) == ["program"] * 3
    assert list(t["target_nilai"]) == [66.67, 83.33, 66.67]
    assert t["anggaran"].isna().tolist() == [False, True, True]
    assert list(t["urut"]) == [1, 2, 3]


def test_nama_terpotong_halaman_digabung():
    t = _tidy(_r(1, "Program Pemberdayaan", indikator="Persentase", target="100%", anggaran=10),
              _r(kegiatan="Sinkronisasi Program Kerja dan Kegiatan Pemberdayaan", indikator="Jumlah Dokumen",
                 target="1 Dokumen", anggaran=10),
              _r(kegiatan="Masyarakat di Wilayah Kecamatan", sumber=None)).tidy
    assert len(t) == 2
    assert t.at[1, "nama"] == "Sinkronisasi Program Kerja dan Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan"


def test_header_berulang_dan_total_pagu():
    t = _tabel(_r(1, "Program Penunjang", indikator="Persentase", target="100%", anggaran="1.860.252.824"), [],
               HEADER, NOMOR,
               _r(kegiatan="Perencanaan", indikator="Persentase", target="100%", anggaran="22.170.700"),
               _r(target="TOTAL PAGU", anggaran="1.860.252.824", sumber=None))
    assert list(zip(t.baris["baris"], t.baris["jenis"])) == [
        (2, "nomor-kolom"), (3, "data"), (4, "kosong"), (5, "header-ulang"), (6, "nomor-kolom"), (7, "data"),
        (8, "total")]
    tidy = tidy_tabel41(t.baris).tidy
    assert list(tidy["baris"]) == [3, 7]
    assert total_pagu(t.baris) == 1_860_252_824


def test_angka_tidak_terbaca_dan_campuran_dilaporkan():
    h = _tidy(_r(1, "Program", indikator="Persentase", target="100%", anggaran="2.517.22.415"),
              _r(kegiatan="Perencanaan", indikator="Persentase", target="100%", anggaran="10.000,000"),
              _r(kegiatan="Penyusunan", indikator="Jumlah Dokumen", target="2 Dolumen", anggaran="-"))
    assert h.tidy["anggaran"].tolist()[1:] == [10_000_000, 0]
    assert pd.isna(h.tidy.at[0, "anggaran"])
    assert h.tidy.at[2, "target_satuan"] == "Dokumen"
    assert list(h.temuan["aturan"]) == ["angka-tidak-terbaca", "angka-campuran"]
    assert list(h.temuan["field"]) == ["anggaran", "anggaran"]
    assert h.temuan.at[1, "pesan"] == "Nilai '10.000,000' memakai pemisah campuran; dibaca sebagai 10.000.000."


def test_tabel_tanpa_total_berakhir_di_prosa():
    h = _tidy(_r(1, "Program", indikator="Persentase", target="100%", anggaran=10), [],
              ["Jumlah Anggaran yang dialokasikan untuk mendukung pelaksanaan Program dan Kegiatan."],
              ["- Belanja Barang dan Jasa : Rp. 220.000.000,-"])
    assert len(h.tidy) == 1
    assert list(h.temuan["aturan"]) == []  # the table finder ends the table at the paragraph


def test_kolom_tidy_lengkap_dan_berurutan():
    assert tuple(_tidy(_r(1, "Program", indikator="Persentase", target="100%", anggaran=1)).tidy.columns) == \
        TIDY_COLUMNS


# ---------------------------------------------------------------------------------------------- matching

HEADER_33 = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Target", "Kebutuhan Dana", "Sumber Dana"]


def _tc33(*baris):
    tabel = cari_tabel(cells_dari_baris([HEADER_33, *baris]), merges_kosong(), [tc33.LAYOUT])
    return tidy_tc33(tabel[0].baris).tidy


def _s(kode, nama, indikator="Jumlah", target="1 Dokumen", pagu=1):
    return [kode, nama, indikator, target, pagu, "DAU"]


TC33_DUA_PROGRAM = _tc33(
    _s("7.01.02", "Program Penyelenggaraan Pemerintahan", "Persentase", "100%"),
    _s("7.01.02.2.01", "Koordinasi Penyelenggaraan", "Persentase", "100%"),
    _s("7.01.02.2.01.02", "Penyusunan Laporan"),
    _s("7.01.03", "Program Pemberdayaan Masyarakat", "Persentase", "100%"),
    _s("7.01.03.2.01", "Koordinasi Kegiatan Pemberdayaan", "Persentase", "100%"),
    _s("7.01.03.2.01.01", "Penyusunan Laporan"),
)


def test_nama_sama_di_dua_program_memilih_program_baris_sebelumnya():
    t41 = _tidy(_r(1, "Program Pemberdayaan Masyarakat", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Koordinasi Kegiatan Pemberdayaan", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Penyusunan Laporan", indikator="Jumlah Laporan", target="1 Laporan", anggaran=1)).tidy
    c = cocokkan_dengan_tc33(t41, TC33_DUA_PROGRAM)
    assert list(c["kode"]) == ["7.01.03", "7.01.03.2.01", "7.01.03.2.01.0001"]
    assert list(c["cocok_dengan"]) == ["nama"] * 3


def test_item_tc33_dipakai_sekali_sisanya_tidak_ada_di_tc33():
    t41 = _tidy(_r(1, "Program Penyelenggaraan Pemerintahan", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Koordinasi Penyelenggaraan", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Penyusunan Laporan", indikator="Jumlah Laporan", target="1 Laporan", anggaran=1),
                _r(kegiatan="Penyusunan Laporan", indikator="Jumlah Laporan", target="1 Laporan", anggaran=1),
                _r(kegiatan="Pelayanan Administrasi Terpadu", indikator="Jumlah Laporan", target="1 Laporan",
                   anggaran=1)).tidy
    c = cocokkan_dengan_tc33(t41, TC33_DUA_PROGRAM)
    assert list(c["kode"]) == ["7.01.02", "7.01.02.2.01", "7.01.02.2.01.0002", "7.01.03.2.01.0001", None]
    assert (c.at[4, "cocok_dengan"], c.at[4, "nama_tc33"], c.at[4, "skor"]) == (None, None, 0.0)  # none left
    temuan = temuan_cocok(c)
    assert list(temuan["aturan"]) == ["tidak-ada-di-tc33"]
    assert (temuan.at[0, "baris"], temuan.at[0, "tingkat"], temuan.at[0, "field"]) == (7, "peringatan", "kegiatan")
    assert temuan.at[0, "pesan"] == (
        "Baris sub-kegiatan 'Pelayanan Administrasi Terpadu' pada Tabel 4.1 tidak ditemukan di T-C.33 (nama "
        "sub-kegiatan paling mirip: '-', skor 0.00).")


def test_nama_mirip_di_atas_ambang_dan_tingkat_harus_sama():
    tc33_kecil = _tc33(
        _s("7.01.01", "Program Penunjang", "Persentase", "100%"),
        _s("7.01.01.2.06", "Administrasi Umum Perangkat Daerah", "Persentase", "100%"),
        _s("7.01.01.2.06.05", "Penyediaan Barang Cetak dan Penggandaan"),
        _s("7.01.01.2.07", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "Persentase", "100%"),
    )
    t41 = _tidy(_r(1, "Program Penunjang", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Administrasi Umum Perangkat Daerah", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Penyediaan Barang Cetakan dan Penggandaan", indikator="Jumlah Paket", target="2 paket",
                   anggaran=1),
                # 0.917 similar to the kegiatan above, but a different item: below the threshold
                _r(kegiatan="Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
                   indikator="Persentase", target="100%", anggaran=1)).tidy
    c = cocokkan_dengan_tc33(t41, tc33_kecil)
    assert list(c["cocok_dengan"]) == ["nama", "nama", "nama-mirip", None]
    assert list(c["kode"]) == ["7.01.01", "7.01.01.2.06", "7.01.01.2.06.0005", None]
    assert c.at[2, "skor"] == 0.975
    assert c.at[3, "skor"] == 0.9173
    assert c.at[3, "skor"] < AMBANG_MIRIP
    assert c.at[3, "nama_tc33"] == "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah"
    assert temuan_cocok(c).at[0, "pesan"] == (
        "Baris kegiatan 'Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah' pada Tabel 4.1 "
        "tidak ditemukan di T-C.33 (nama kegiatan paling mirip: 'Pengadaan Barang Milik Daerah Penunjang Urusan "
        "Pemerintah Daerah', skor 0.92).")


def test_tingkat_salah_tebak_dicocokkan_lintas_tingkat_dengan_info():
    # 'Jumlah …' indicator on a kegiatan that is not the first under its program: read as sub-kegiatan
    t41 = _tidy(_r(2, "Program Penyelenggaraan Pemerintahan", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Koordinasi Penyelenggaraan", indikator="Persentase", target="100%", anggaran=1),
                _r(kegiatan="Penyusunan Laporan", indikator="Jumlah Laporan", target="1 Laporan", anggaran=1),
                _r(kegiatan="Koordinasi Kegiatan Pemberdayaan", indikator="Jumlah Fasilitasi",
                   target="2 Fasilitasi", anggaran=1)).tidy
    assert t41.at[3, "level"] == "sub_kegiatan"
    c = cocokkan_dengan_tc33(t41, TC33_DUA_PROGRAM)
    assert (c.at[3, "kode"], c.at[3, "cocok_dengan"], c.at[3, "level_tc33"]) == ("7.01.03.2.01", "nama", "kegiatan")
    temuan = temuan_cocok(c)
    assert list(temuan["aturan"]) == ["level-tidak-sesuai-tc33"]
    assert (temuan.at[0, "tingkat"], temuan.at[0, "kode"]) == ("info", "7.01.03.2.01")


def test_aturan_berbentuk_tingkat_dan_templat():
    assert all(a.tingkat in ("galat", "peringatan", "info") and isinstance(a.templat, str) for a in ATURAN.values())
    assert LAYOUT.judul_cocok("tabel 4 1 program kegiatan dan sub kegiatan tahun 2024")
    assert not LAYOUT.judul_cocok("tabel t c 33 rumusan rencana program dan kegiatan")
