"""T-C.31 (Review terhadap Rancangan Awal RKPD): recognition, one small fixture per quirk, reference rows exactly."""
from __future__ import annotations

import pandas as pd
import pytest

from schemas import tabel41, tc32, tc33
from schemas.keluaran import NOMOR as KIND_NOMOR
from schemas.keluaran import RUPIAH, TARGET
from schemas.tc31 import AMBANG_NAMA_SAMA, ATURAN, KELUARAN, LAYOUT, TIDY_COLUMNS
from schemas.aturan import ATURAN_BACA
from tests.conftest import cells_dari_baris, cells_referensi, merges_kosong
from transforms.sel import lipat
from transforms.tabel import cari_tabel
from transforms.tc31 import kemiripan_nama, tentukan_level, tidy_tc31

H1 = ["No", "Rancangan Awal RKPD", None, None, None, None, "Hasil Analisa Kebutuhan", None, None, None, None, None]
H2 = [None, "Program Kegiatan", "Lokasi", "Indikator Kinerja", "Targed Capaian", "Pagu Indikatif (Rp...)",
      "Program/ Kegiatan", "Lokasi", "Indikator Kinerja", "Targed Capaian", "Kebutuhan Dana (Rp...)", "Catatan Penting"]
# The header repeated at a page break in the reference: the second group header one column to the right.
H1_GESER = ["No", "Rancangan Awal RKPD", None, None, None, None, None, "Hasil Analisa Kebutuhan", *[None] * 4]
NOMOR = list(range(1, 13))
PETA = {"no": 1, "nama_rkpd": 2, "lokasi_rkpd": 3, "indikator_rkpd": 4, "target_rkpd": 5, "pagu_rkpd": 6,
        "nama_hasil": 7, "lokasi_hasil": 8, "indikator_hasil": 9, "target_hasil": 10, "kebutuhan_dana": 11,
        "catatan": 12}
KEC = "Kec. Senduro"


def _r(no=None, rkpd=(None,) * 5, hasil=(None,) * 5, catatan=None):
    """A T-C.31 row: No, the five Rancangan Awal RKPD cells, the five Hasil Analisis Kebutuhan cells, Catatan."""
    return [no, *rkpd, *hasil, catatan]


def _sama(nama, lokasi, indikator, target, pagu, dana):
    """A row whose two halves say the same but for the amounts."""
    return _r(rkpd=(nama, lokasi, indikator, target, pagu), hasil=(nama, lokasi, indikator, target, dana))


PROGRAM = _r(1, ("Program Penunjang Urusan", KEC, "Persentase pemenuhan", "100%", "7.000.000"),
             ("Program Penunjang Urusan", KEC, "Persentase pemenuhan", "100%", "9.000.000"))
KEGIATAN = _sama("Administrasi Umum Perangkat Daerah", KEC, "Persentase fasilitas", "84%", "99.973.170", "91.527.593")
SUB = _sama("Penyediaan Bahan Logistik Kantor", KEC, "Jumlah Paket Bahan Logistik", "1 paket", "29.441.610",
            "36.608.193")


def _tabel(*baris, layouts=(LAYOUT,)):
    tabel = cari_tabel(cells_dari_baris(list(baris)), merges_kosong(), list(layouts))
    assert len(tabel) == 1
    return tabel[0]


def _tidy(*baris):
    t = _tabel(H1, H2, NOMOR, *baris)
    return tidy_tc31(t.baris)


def _aturan(h):
    return list(h.temuan["aturan"])


def _na(s: pd.Series) -> list:
    return list(s.astype(object).where(s.notna(), None))


# ------------------------------------------------------------------------------------------- recognition


def test_header_dua_bagian_dibedakan_oleh_grup():
    t = _tabel(H1, H2, NOMOR, PROGRAM)
    assert t.peta_kolom == PETA
    assert t.jumlah_baris_header == 2
    assert list(t.baris["jenis"]) == ["nomor-kolom", "data"]


def test_header_ulang_bergeser_satu_kolom_bukan_tabel_baru():
    t = _tabel(H1, H2, NOMOR, PROGRAM, [], H1_GESER, H2, NOMOR, KEGIATAN)
    assert list(zip(t.baris["baris"], t.baris["jenis"])) == [
        (3, "nomor-kolom"), (4, "data"), (5, "kosong"), (6, "header-ulang"), (7, "header-ulang"), (8, "nomor-kolom"),
        (9, "data")]


def test_header_bentuk_baku_keluaran_terbaca_kembali():
    # The standard form written by KELUARAN: group row (Catatan Penting alone, spanning both rows), own row.
    grup = [k.group or k.header for k in KELUARAN.kolom]
    sendiri = [k.header if k.group else None for k in KELUARAN.kolom]
    grup = [g if i == 0 or g != grup[i - 1] else None for i, g in enumerate(grup)]  # a merge shows its text once
    t = _tabel(grup, sendiri, [k.nomor for k in KELUARAN.kolom], PROGRAM)
    assert t.peta_kolom == PETA


def test_tidak_tertukar_dengan_tc33_tabel41_tc32():
    tc33_header = [["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
                    "Indikator Kinerja", "Rencana Tahun 2024", None, None, None, "Catatan Penting",
                    "Prakiraan Maju Rencana Tahun 2025", None],
                   [None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif",
                    "Sumber Dana", None, "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif"]]
    assert cari_tabel(cells_dari_baris(tc33_header), merges_kosong(), [LAYOUT]) == []
    tabel_41 = [["No", "Program", "Kegiatan/ Sub Kegiatan", "Indikator", "Target", "Anggaran", "Sumber Dana"]]
    assert cari_tabel(cells_dari_baris(tabel_41), merges_kosong(), [LAYOUT]) == []
    sendiri = cells_dari_baris([H1, H2, NOMOR, PROGRAM])
    assert cari_tabel(sendiri, merges_kosong(), [tc33.LAYOUT, tc32.LAYOUT, tabel41.LAYOUT]) == []


def test_satu_tabel_di_referensi_dengan_header_ulang():
    tabel = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    t = tabel[0]
    assert (t.baris_header, t.jumlah_baris_header, t.peta_kolom) == (366, 2, PETA)
    assert "Tabel 2.5 TC 3.1" in t.judul
    assert LAYOUT.judul_cocok(lipat(" ".join(t.judul)))
    ulang = list(t.baris.loc[t.baris["jenis"] == "header-ulang", "baris"])
    assert ulang == [376, 377, 389, 390, 404, 405, 418, 419, 430, 431, 442, 443, 454, 455, 467, 468]
    # Every repeated header but the first page's is drifted: 'Hasil Analisa Kebutuhan' in column 8, not 7.
    assert t.baris.loc[t.baris["baris"] == 376, "lokasi_hasil"].item() == "Hasil Analisa Kebutuhan"


def test_referensi_setiap_tata_letak_menemukan_tabelnya_sendiri():
    tabel = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT, tc32.LAYOUT, tc33.LAYOUT])
    assert [(t.layout, t.baris_header) for t in tabel] == [("TC-31", 366), ("TC-32", 486), ("TC-33", 639)]


# ------------------------------------------------------------------------------------- quirks, one by one


def test_potongan_teks_setelah_header_ulang_digabung_ke_baris_atas():
    sebelum = _r(rkpd=("Penyediaan Jasa Pemeliharaan,", KEC, "Jumlah Kendaraan Dinas", "12 unit", "32.388.600"),
                 hasil=("Penyediaan Jasa Pemeliharaan, Biaya", KEC, "Jumlah Kendaraan Dinas", "12 unit", "33.594.700"))
    potongan = _r(rkpd=("Biaya Pemeliharaan Kendaraan", None, "yang Dipelihara", None, None),
                  hasil=("Pemeliharaan Kendaraan", None, "yang Dipelihara", None, None))
    h = _tidy(sebelum, [], H1_GESER, H2, NOMOR, potongan, SUB)
    t = h.tidy
    assert len(t) == 2
    assert t.at[0, "nama_rkpd"] == "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan Kendaraan"
    assert t.at[0, "nama_hasil"] == "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan Kendaraan"
    assert t.at[0, "indikator_rkpd"] == "Jumlah Kendaraan Dinas yang Dipelihara"
    assert (t.at[0, "baris"], t.at[0, "baris_lanjutan"]) == (4, "9")
    assert list(t["baris"]) == [4, 10]
    assert h.temuan.empty


def test_potongan_lokasi_ikut_digabung():
    # 'Peningkatan | Kec. | Jumlahkelompok' cut at the page break, continued 'perhutanan sosial | Senduro | …'.
    sebelum = _r(rkpd=("Peningkatan", "Kec.", "Jumlahkelompok", "12 Desa", "20.000.000"))
    potongan = _r(rkpd=("perhutanan sosial", "Senduro", "masyarakat yang terfasilitasi", None, None))
    t = _tidy(KEGIATAN, sebelum, [], H1_GESER, H2, NOMOR, potongan).tidy
    assert list(t["nama_rkpd"]) == ["Administrasi Umum Perangkat Daerah", "Peningkatan perhutanan sosial"]
    assert t.at[1, "lokasi_rkpd"] == "Kec. Senduro"
    assert t.at[1, "indikator_rkpd"] == "Jumlahkelompok masyarakat yang terfasilitasi"
    assert t.at[1, "level"] == "sub_kegiatan"


def test_baris_tanpa_nilai_di_tengah_halaman_bukan_potongan():
    # Reference row 381: names, locations and indicators, but no target and no amount: an item of its own.
    sisa = _r(rkpd=("Administrasi Keuangan Perangkat Daerah", KEC, "Persentase fasilitas", None, None),
              hasil=("Ke3giatan Administrasi Keuangan Perangkat Daerah", KEC, "Nilai IKM Kecamatan", None, None))
    h = _tidy(SUB, sisa, KEGIATAN)
    assert list(h.tidy["baris"]) == [4, 5, 6]
    assert _aturan(h) == ["baris-tanpa-nilai"]  # the name mismatch is the suite's (tests/test_validasi.py)
    assert h.temuan.at[0, "tingkat"] == "peringatan"


def test_baris_satu_bagian_info_tanpa_nama_berbeda():
    hanya_rkpd = _r(rkpd=("Penyusunan Pelaporan dan Analisis Prognosis", KEC, "Jumlah Dokumen", "1 dokumen", "-"))
    hanya_hasil = _r(hasil=("Koordinasi dan Perubahan Dokumen DPA-SKPD", KEC, "Jumlah Dokumen", "1 Dokume n",
                            "1.000.000"))
    h = _tidy(hanya_rkpd, hanya_hasil)
    t = h.tidy
    assert list(t["bagian"]) == ["rkpd", "hasil"]
    assert list(t["nama"]) == ["Penyusunan Pelaporan dan Analisis Prognosis",
                               "Koordinasi dan Perubahan Dokumen DPA-SKPD"]
    assert _na(t["pagu_rkpd"]) == [0, None]
    assert _na(t["kebutuhan_dana"]) == [None, 1000000]
    assert _na(t["kemiripan_nama"]) == [None, None]
    assert _aturan(h) == ["baris-satu-bagian", "baris-satu-bagian"]
    assert list(h.temuan["tingkat"]) == ["info", "info"]
    assert list(h.temuan["field"]) == ["nama_rkpd", "nama_hasil"]
    assert h.temuan.at[1, "pesan"] == ("Baris 'Koordinasi dan Perubahan Dokumen DPA-SKPD' hanya terisi pada bagian "
                                       "Hasil Analisis Kebutuhan; bagian Rancangan Awal RKPD kosong.")


def test_bagian_berisi_nilai_tanpa_nama():
    # Reference row 394: the name only in the first half, the Kebutuhan Dana only in the second.
    h = _tidy(KEGIATAN, _r(rkpd=("Penyusunan perencanaan kebutuhan BMD", None, None, None, None),
                           hasil=(None, None, None, None, "1.800.000")))
    t = h.tidy
    assert (t.at[1, "bagian"], t.at[1, "nama"], t.at[1, "kebutuhan_dana"]) == (
        "keduanya", "Penyusunan perencanaan kebutuhan BMD", 1800000)
    assert _aturan(h) == ["bagian-tanpa-nama", "level-ragu"]
    assert h.temuan.at[0, "field"] == "nama_hasil"
    assert h.temuan.at[0, "pesan"] == (
        "Bagian Hasil Analisis Kebutuhan baris ini berisi kebutuhan dana tetapi tanpa nama program/kegiatan; nama "
        "pada bagian Rancangan Awal RKPD: 'Penyusunan perencanaan kebutuhan BMD'.")


def test_nama_na_dibaca_kosong():
    h = _tidy(SUB, _r(rkpd=("Fasilitasi Pengelolaan Keuangan Desa", KEC, "Jumlah dokumen", "N/A", "N/A"),
                      hasil=("N/A", None, "Jumlah dokumen yang difasilitasi", "12 Dok", "1.800.000")))
    t = h.tidy
    assert pd.isna(t.at[1, "nama_hasil"])
    assert pd.isna(t.at[1, "pagu_rkpd"]) and pd.isna(t.at[1, "target_rkpd_nilai"])
    assert (t.at[1, "target_hasil_nilai"], t.at[1, "target_hasil_satuan"]) == (12.0, "Dokumen")
    assert _aturan(h) == ["bagian-tanpa-nama"]


def test_angka_tidak_terbaca_dilaporkan_tidak_ditebak():
    program = _r(1, ("Program Penunjang", KEC, "Persentase", "100%", "2.517.22.415"),
                 ("Program Penunjang", KEC, "Persentase", "100%", "1.860.252.824"))
    h = _tidy(program)
    assert pd.isna(h.tidy.at[0, "pagu_rkpd"])
    assert h.tidy.at[0, "kebutuhan_dana"] == 1860252824
    assert _aturan(h) == ["angka-tidak-terbaca"]
    assert tuple(h.temuan.loc[0, ["baris", "field", "tingkat", "nilai"]]) == (4, "pagu_rkpd", "galat", "2.517.22.415")


def test_pemisah_campuran_dibaca_dan_dilaporkan():
    h = _tidy(_sama("Pelatihan Keluarga Tanggap Bencana", KEC, "Jumlah Keluarga", "120 KK", "10.000,000", "3,375.000"))
    assert (h.tidy.at[0, "pagu_rkpd"], h.tidy.at[0, "kebutuhan_dana"]) == (10000000, 3375000)
    assert _aturan(h) == ["angka-campuran", "angka-campuran"]
    assert list(h.temuan["field"]) == ["pagu_rkpd", "kebutuhan_dana"]
    assert h.temuan.at[1, "pesan"] == "Nilai '3,375.000' memakai pemisah campuran; dibaca sebagai 3.375.000."


def test_kemiripan_nama_kedua_bagian():
    # the names differ: kemiripan_nama is low; the Great Expectations suite reports it (tests/test_validasi.py)
    beda = _r(rkpd=("Administrasi Keuangan Perangkat Daerah", KEC, "Persentase", "100%", "1.000"),
              hasil=("Penyediaan Gaji dan Tunjangan ASN", KEC, "Persentase", "84%", "2.000"))
    h = _tidy(beda)
    assert _aturan(h) == []
    assert h.tidy.at[0, "kemiripan_nama"] < AMBANG_NAMA_SAMA


def test_kata_program_di_depan_nama_tidak_membuat_berbeda():
    program = _r(3, ("Program Pemberdayaan Masyarakat Desa Dan Kelurahan", KEC, "Persentase Desa", "100%", "1"),
                 ("Pemberdayaan Masyarakat Desa Dan Kelurahan", KEC, "rata-rata persentase", "100%", "2"))
    h = _tidy(program)
    assert h.tidy.at[0, "kemiripan_nama"] == 1.0
    assert h.temuan.empty
    assert kemiripan_nama("Kegiatan Koordinasi Upaya", "koordinasi upaya") == 1.0
    assert kemiripan_nama("Ke3giatan Administrasi Keuangan Perangkat Daerah",
                          "Administrasi Keuangan Perangkat Daerah") == 0.884


def test_level_dari_nomor_dan_indikator():
    konflik = _r(rkpd=("Koordinasi Upaya Ketentraman", KEC, "Persentase hasil fasilitasi", "100%", "-"),
                 hasil=("Koordinasi Upaya Ketentraman", KEC, "Jumlah Fasilitasi", "2 fasilitasi", "25.845.000"))
    ragu = _sama("Administrasi Umum", KEC, "Nilai IKM Kecamatan", "84%", "1", "2")
    program2 = _r(2, ("Program Penyelenggaraan", KEC, "Persentase", "85%", "1"),
                  ("Program Penyelenggaraan", KEC, "Persentase", "85%", "1"))
    h = _tidy(PROGRAM, KEGIATAN, SUB, konflik, SUB, ragu, program2, SUB)
    t = h.tidy
    assert list(t["level"]) == ["program", "kegiatan", "sub_kegiatan", "kegiatan", "sub_kegiatan", "sub_kegiatan",
                                "program", "sub_kegiatan"]
    assert list(t["level_dari"]) == ["nomor", "indikator", "indikator", "indikator-berbeda", "indikator",
                                     "baris-atas", "nomor", "indikator"]
    assert _na(t["program_no"]) == [1, 1, 1, 1, 1, 1, 2, 2]
    assert _na(t["no"]) == ["1", None, None, None, None, None, "2", None]
    assert _aturan(h) == ["level-ragu", "level-ragu"]
    assert list(h.temuan["baris"]) == [7, 9]
    assert h.temuan.at[1, "pesan"] == (
        "Tingkat baris 'Administrasi Umum' tidak pasti: indikator 'Nilai IKM Kecamatan' tidak diawali Persentase "
        "atau Jumlah; mengikuti baris di atasnya (sub-kegiatan); dibaca sebagai sub-kegiatan.")


def test_level_baris_pertama_tanpa_indikator_pemberi_tanda():
    assert tentukan_level(None, "Nilai IKM", None, None)[:2] == ("kegiatan", "baris-atas")
    assert tentukan_level(None, None, None, "program")[:2] == ("kegiatan", "baris-atas")
    assert tentukan_level("4", "Jumlah", None, None) == ("program", "nomor", None)
    assert tentukan_level(None, "Prosentase fasilitas", "Presentase", "program") == ("kegiatan", "indikator", None)


def test_teks_di_bawah_tabel_mengakhiri_tabel():
    paragraf = ["Pada tabel tersebut dapat dilihat bahwa semua program dan kegiatan sesuai dengan rancangan awal RKPD."]
    h = _tidy(PROGRAM, [], paragraf, [], ["2.5 Penelaahan Usulan"], SUB)
    # the table finder ends the table at the paragraph: nothing below it is read as data
    assert list(h.tidy["baris"]) == [4]
    assert _aturan(h) == []


def test_sel_bertipe_angka_dibaca_seperti_teks():
    # A cleanly typed workbook: No and amounts are numbers; an amount with a fraction is not guessed.
    program = _r(1, ("Program A", KEC, "Persentase", "100%", 1860252824),
                 ("Program A", KEC, "Persentase", "100%", 1860252824.0))
    sub = _sama("Penyediaan Gaji", KEC, "Jumlah Orang", "13 orang/ 12 bulan", 1800000.5, "-")
    h = _tidy(program, sub)
    t = h.tidy
    assert (t.at[0, "no"], t.at[0, "program_no"], t.at[1, "program_no"]) == ("1", 1, 1)
    assert _na(t["pagu_rkpd"]) == [1860252824, None]
    assert _na(t["kebutuhan_dana"]) == [1860252824, 0]
    assert (t.at[1, "target_hasil_nilai"], t.at[1, "target_hasil_satuan"]) == (13.0, "Orang/Bulan")
    assert h.temuan[["baris", "field", "aturan"]].values.tolist() == [[5, "pagu_rkpd", "angka-tidak-terbaca"]]


def test_tabel_tanpa_baris_data():
    h = tidy_tc31(_tabel(H1, H2, NOMOR).baris)
    assert h.tidy.empty and tuple(h.tidy.columns) == TIDY_COLUMNS
    assert h.temuan.empty and h.nihil is False


def test_kolom_tidy_lengkap_dan_berurutan():
    h = _tidy(PROGRAM)
    assert tuple(h.tidy.columns) == TIDY_COLUMNS
    assert str(h.tidy["pagu_rkpd"].dtype) == "Int64" and str(h.tidy["kebutuhan_dana"].dtype) == "Int64"
    assert tuple(tidy_tc31(_tabel(H1, H2, NOMOR, PROGRAM).baris.iloc[:1]).tidy.columns) == TIDY_COLUMNS


# ------------------------------------------------------------------------------------- the reference


@pytest.fixture(scope="module")
def referensi():
    t = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT])[0]
    return tidy_tc31(t.baris)


def _baris(h, b) -> pd.Series:
    return h.tidy[h.tidy["baris"] == b].iloc[0]


def test_referensi_jumlah_baris_level_dan_temuan(referensi):
    t = referensi.tidy
    assert len(t) == 64
    assert t["level"].value_counts().to_dict() == {"sub_kegiatan": 43, "kegiatan": 15, "program": 6}
    program = t[t["level"] == "program"]
    assert list(program["baris"]) == [369, 424, 435, 450, 459, 462]
    assert _na(program["program_no"]) == [1, 2, 3, 4, 5, 6]
    assert referensi.temuan["aturan"].value_counts().to_dict() == {
        "level-ragu": 7, "baris-satu-bagian": 6, "bagian-tanpa-nama": 4, "angka-campuran": 2,
        "angka-tidak-terbaca": 1, "baris-tanpa-nilai": 1, "akhir-tabel": 1}
    # The document's next table ends this one (in the reference text a paragraph at line 472 did, without a finding:
    # test_teks_di_bawah_tabel_mengakhiri_tabel keeps that case).
    akhir = referensi.temuan[referensi.temuan["aturan"] == "akhir-tabel"]
    assert akhir[["baris", "nilai"]].values.tolist() == [[480, "Tabel 2.6 T-C.32"]]
    assert list(t.loc[t["baris_lanjutan"].notna(), "baris_lanjutan"]) == ["392", "421", "433", "445", "457", "470"]
    # The six programs' Kebutuhan Dana add up to T-C.33's total pagu for year n.
    assert program["kebutuhan_dana"].sum() == 2_080_252_824


def test_referensi_administrasi_umum_kebutuhan_dana_91527593(referensi):
    # The reference's one real cross-table mismatch: T-C.33 and Tabel 4.1 say 91.572.593.
    r = _baris(referensi, 398)
    assert (r["nama_rkpd"], r["nama_hasil"], r["nama"]) == ("Administrasi Umum Perangkat Daerah",) * 3
    assert (r["pagu_rkpd"], r["kebutuhan_dana"]) == (99973170, 91527593)
    assert r["indikator_rkpd"] == "Nilai IKM Kecamatan" and pd.isna(r["indikator_hasil"])
    assert (r["target_rkpd_nilai"], r["target_hasil_nilai"], r["target_hasil_satuan"]) == (84.0, 84.0, "Persen")
    assert (r["level"], r["level_dari"], r["program_no"]) == ("sub_kegiatan", "baris-atas", 1)
    temuan = referensi.temuan[referensi.temuan["baris"] == 398]
    assert list(temuan["aturan"]) == ["level-ragu"]


def test_referensi_pagu_program_1_tidak_terbaca(referensi):
    r = _baris(referensi, 369)
    assert pd.isna(r["pagu_rkpd"])
    assert (r["kebutuhan_dana"], r["no"], r["level"]) == (1860252824, "1", "program")
    t = referensi.temuan
    assert t[t["aturan"] == "angka-tidak-terbaca"][["baris", "field", "nilai", "tingkat"]].values.tolist() == [
        [369, "pagu_rkpd", "2.517.22.415", "galat"]]


def test_referensi_pemisah_campuran(referensi):
    assert _baris(referensi, 438)["kebutuhan_dana"] == 10000000
    assert _baris(referensi, 449)["kebutuhan_dana"] == 3375000
    t = referensi.temuan
    assert t[t["aturan"] == "angka-campuran"][["baris", "field", "nilai"]].values.tolist() == [
        [438, "kebutuhan_dana", "10.000,000"], [449, "kebutuhan_dana", "3,375.000"]]


def test_referensi_potongan_halaman_digabung(referensi):
    r = _baris(referensi, 416)
    assert r["nama_rkpd"] == ("Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas "
                              "Operasional atau Lapangan")
    assert r["nama_hasil"] == r["nama_rkpd"]
    assert r["indikator_rkpd"] == ("Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan dibayarkan "
                                   "Pajak dan Perizinannya")
    r = _baris(referensi, 387)
    assert (r["nama_rkpd"], r["indikator_rkpd"], r["bagian"]) == (
        "Penyusunan Pelaporan dan Analisis Prognosis Realisasi Anggaran",
        "Jumlah Dokumen Pelaporan dan Analisis Prognosis Realisasi Anggaran", "rkpd")
    r = _baris(referensi, 452)
    assert r["nama_hasil"] == ("Sinergitas dengan Kepolisian Negara Republik, Tentara nasional Indonesia dan Instansi "
                               "Vertikal di Wilayah Kecamatan")
    assert r["kemiripan_nama"] == 1.0


def test_referensi_baris_ganjil_381(referensi):
    r = _baris(referensi, 381)
    assert (r["nama_rkpd"], r["nama_hasil"], r["kemiripan_nama"]) == (
        "Administrasi Keuangan Perangkat Daerah", "Ke3giatan Administrasi Keuangan Perangkat Daerah", 0.884)
    t = referensi.temuan
    assert list(t.loc[t["baris"] == 381, "aturan"]) == ["baris-tanpa-nilai"]


# ------------------------------------------------------------------------------------- declarations


def test_keluaran_bentuk_baku():
    assert (KELUARAN.file, KELUARAN.sheet) == ("TC-31.xlsx", "T-C.31")
    assert [k.nomor for k in KELUARAN.kolom] == [str(i) for i in range(1, 13)]
    assert [k.field for k in KELUARAN.kolom] == list(PETA)
    assert [k.group for k in KELUARAN.kolom] == [None, *["Rancangan Awal RKPD"] * 5,
                                                 *["Hasil Analisis Kebutuhan"] * 5, None]
    assert {k.field: k.kind for k in KELUARAN.kolom if k.kind != "text"} == {
        "no": KIND_NOMOR, "target_rkpd": TARGET, "pagu_rkpd": RUPIAH, "target_hasil": TARGET, "kebutuhan_dana": RUPIAH}
    assert all(k.field in TIDY_COLUMNS for k in KELUARAN.kolom)
    judul = " ".join(KELUARAN.judul)
    assert all(p in judul for p in ("{n}", "{kabupaten}", "{kecamatan}"))


def test_aturan_memakai_kode_bersama_dengan_makna_sama():
    for kode in ("angka-campuran", "angka-tidak-terbaca", "angka-ambigu", "target-tidak-terbaca"):
        assert (ATURAN[kode].tingkat, ATURAN[kode].templat) == (ATURAN_BACA[kode].tingkat, ATURAN_BACA[kode].templat)
    assert ATURAN["baris-satu-bagian"].tingkat == "info"
