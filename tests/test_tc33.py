"""T-C.33 rows to tidy items: one small fixture per quirk, and the whole sample against a golden file."""
from __future__ import annotations

import pandas as pd
import pytest

from flows.langkah.pembaca import baca_workbook
from schemas.tc33 import LAYOUT, TIDY_COLUMNS
from tests.conftest import GOLDEN, cells_dari_baris, merges_kosong
from transforms.tabel import cari_tabel
from transforms.tc33 import tidy_tc33

HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Aktivitas", "Skala Prioritas", "Target",
          "Kebutuhan Dana", "Sumber Dana", "Prakiraan Maju Target", "Prakiraan Maju Kebutuhan Dana"]


def _tidy(*baris):
    tabel = cari_tabel(cells_dari_baris([HEADER, *baris]), merges_kosong(), [LAYOUT])
    return tidy_tc33(tabel[0].baris)


def _r(kode=None, nama=None, indikator=None, aktivitas=None, prioritas=None, target=None, pagu=None, sumber=None,
       target_maju=None, pagu_maju=None):
    return [kode, nama, indikator, aktivitas, prioritas, target, pagu, sumber, target_maju, pagu_maju]


def test_aktivitas_membawa_kode_sub_kegiatannya():
    h = _tidy(_r("7.01.01.2.01.07", "Evaluasi kinerja", "Jumlah Laporan", target="12 laporan", pagu=1115000),
              _r(aktivitas="Penyusunan Laporan IKM", prioritas=1, pagu="371.700"),
              _r(aktivitas="Penyusunan Laporan Interim", prioritas=3, pagu=743300))
    t = h.tidy
    assert list(t["level"]) == ["sub_kegiatan", "aktivitas", "aktivitas"]
    assert list(t["kode"]) == ["7.01.01.2.01.0007"] * 3
    assert list(t["nama"]) == ["Evaluasi kinerja", "Penyusunan Laporan IKM", "Penyusunan Laporan Interim"]
    assert list(t["pagu"]) == [1115000, 371700, 743300]
    assert list(t["urut_induk"].astype(object).where(t["urut_induk"].notna(), None)) == [None, 1, 1]
    assert list(t["baris"]) == [2, 3, 4]


def test_indikator_tambahan_menjadi_baris_indikator_ke():
    h = _tidy(_r("7.01.06.2", "Program Pembinaan", "Persentase RKPDes", target="66,67%", pagu=11000000, sumber="DAU"),
              _r(indikator="Persentase APBDes", target="83,33%", target_maju="83,33%"))
    t = h.tidy
    assert list(t["kode"]) == ["7.01.06", "7.01.06"]
    assert list(t["indikator_ke"]) == [1, 2]
    assert list(t["nama"]) == ["Program Pembinaan", "Program Pembinaan"]
    assert list(t["target_nilai"]) == [66.67, 83.33]
    assert list(t["target_satuan"]) == ["Persen", "Persen"]
    assert t["pagu"].isna().tolist() == [False, True]


def test_nama_panjang_terpotong_digabung():
    h = _tidy(_r("7.01.03.2.01.02", "Sinkronisasi Program Kerja dan Kegiatan", "Jumlah Dokumen", target="1 Dokumen",
                 pagu=10000000, sumber="DAU"),
              _r(nama="Pemberdayaan Masyarakat di Wilayah Kecamatan"))
    t = h.tidy
    assert len(t) == 1
    assert t.at[0, "nama"] == "Sinkronisasi Program Kerja dan Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan"


def test_strip_berarti_nol_dan_angka_teks_dibaca():
    h = _tidy(_r("7.01.01.2.05.02", "Pengadaan Pakaian Dinas", target="1 Paket", pagu="-", sumber="DAU",
                 pagu_maju="7.500.000"))
    assert (h.tidy.at[0, "pagu"], h.tidy.at[0, "pagu_maju"]) == (0, 7500000)
    assert h.temuan.empty


def test_angka_tidak_terbaca_dilaporkan_tidak_ditebak():
    h = _tidy(_r("7.01.01.2.01", "Perencanaan", target="100%", pagu="2.517.22.415", sumber="DAU"))
    assert pd.isna(h.tidy.at[0, "pagu"])
    assert list(h.temuan["aturan"]) == ["angka-tidak-terbaca"]
    assert (h.temuan.at[0, "baris"], h.temuan.at[0, "field"], h.temuan.at[0, "nilai"]) == (2, "pagu", "2.517.22.415")


def test_pemisah_campuran_dibaca_dan_dilaporkan():
    h = _tidy(_r("7.01.01.2.01", "Perencanaan", target="100%", pagu="10.000,000", sumber="DAU",
                 pagu_maju="3,375.000"))
    assert (h.tidy.at[0, "pagu"], h.tidy.at[0, "pagu_maju"]) == (10000000, 3375000)
    assert list(h.temuan["aturan"]) == ["angka-campuran", "angka-campuran"]


def test_kode_diperbaiki_disimpan_dengan_aslinya():
    h = _tidy(_r("7.01.02", "Program", target="100%", pagu=8100000, sumber="DAU"),
              _r("7.01.02.01", "Koordinasi", target="100%", pagu=8100000, sumber="DAU"),
              _r("7.01.02.01.02", "Peningkatan Efektifitas", target="12 dokumen", pagu=8100000, sumber="DAU"))
    t = h.tidy
    assert list(t["kode"]) == ["7.01.02", "7.01.02.2.01", "7.01.02.2.01.0002"]
    assert list(t["kode_asli"]) == ["7.01.02", "7.01.02.01", "7.01.02.01.02"]
    assert list(t["kode_aturan"].fillna("")) == ["", "level-hilang", "level-hilang;sub-dua-digit"]
    assert list(t["kode_induk"].fillna("")) == ["", "7.01.02", "7.01.02.2.01"]
    assert list(h.temuan["aturan"]) == ["kode-diperbaiki", "kode-diperbaiki"]


def test_kode_kegiatan_dengan_aktivitas_dibaca_sub_kegiatan():
    # The reference writes 7.01.01.2.03 for a sub-kegiatan that carries an aktivitas on its own row.
    h = _tidy(_r("7.01.01.2.03", "Administrasi Kepegawaian", target="100%", pagu="-", sumber="DAU", pagu_maju=7500000),
              _r("7.01.01.2.03", "Pengadaan Pakaian Dinas", aktivitas="Pengadaan Pakaian dinas", prioritas=1,
                 target="1 Paket", pagu="-", sumber="DAU", pagu_maju=7500000))
    t = h.tidy
    assert list(t["level"]) == ["kegiatan", "sub_kegiatan"]
    assert t.at[1, "kode_aturan"] == "level-dari-tata-letak"
    assert t.at[1, "aktivitas"] == "Pengadaan Pakaian dinas"
    assert t.at[1, "urut_induk"] == 1
    assert "level-dari-tata-letak" in set(h.temuan["aturan"])


def test_kolom_tidy_lengkap_dan_berurutan():
    h = _tidy(_r("7", "Unsur Kewilayahan", pagu=1))
    assert tuple(h.tidy.columns) == TIDY_COLUMNS


def _tidy_sampel(path):
    isi = baca_workbook(path)
    t = cari_tabel(isi.cells, isi.merges, [LAYOUT])[0]
    return tidy_tc33(t.baris)


def _sebagai_csv(df: pd.DataFrame) -> pd.DataFrame:
    return pd.read_csv(pd.io.common.StringIO(df.to_csv(index=False)), dtype=str, keep_default_na=False)


def test_sampel_sama_dengan_golden(sampel):
    tidy = _tidy_sampel(sampel).tidy
    golden = pd.read_csv(GOLDEN / "TC-33-senduro.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(_sebagai_csv(tidy), golden)


def test_sampel_angka_pokok(sampel):
    t = _tidy_sampel(sampel).tidy
    utama = t[t["indikator_ke"] == 1]
    program = utama[utama["level"] == "program"]
    assert list(program["kode"]) == ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.05", "7.01.06"]
    assert (utama["level"] == "sub_kegiatan").sum() == 36
    assert program["pagu"].sum() == 2_080_252_824
    assert program["pagu_maju"].sum() == 2_621_874_277


@pytest.mark.parametrize("varian", ["elsewhere", "teks"])
def test_varian_tata_letak_memberi_data_sama(sampel, tmp_path, varian):
    from tools.buat_sampel import SAMPUL, SHEET2, tulis_tc33

    path = tmp_path / "varian.xlsx"
    if varian == "elsewhere":
        tulis_tc33(path, sheet="Renja", baris_awal=6, kolom_awal=3, sheet_lain=(SAMPUL, SHEET2))
    else:
        tulis_tc33(path, angka_sebagai_teks=True)
    asli, lain = _tidy_sampel(sampel).tidy, _tidy_sampel(path).tidy
    tanpa_posisi = [c for c in TIDY_COLUMNS if c not in ("sheet", "baris")]
    pd.testing.assert_frame_equal(_sebagai_csv(asli[tanpa_posisi]), _sebagai_csv(lain[tanpa_posisi]))
    assert (lain["sheet"] == ("Renja" if varian == "elsewhere" else "TC.33")).all()


def test_tata_letak_baku_tanpa_kolom_aktivitas():
    # The standard 10-column T-C.33 (e.g. our own output) has no Aktivitas column: an aktivitas is a row with a
    # name and an amount under its sub-kegiatan, without kode or indicator.
    header = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Target", "Kebutuhan Dana", "Sumber Dana"]
    cells = cells_dari_baris([header,
                              ["7.01.01.2.01.0007", "Evaluasi kinerja", "Jumlah Laporan", "12 Laporan", 743350, "DAU"],
                              [None, "Penyusunan Laporan IKM", None, None, 371700, None],
                              [None, "Penyusunan Laporan Interim", None, None, 371650, None]])
    t = cari_tabel(cells, merges_kosong(), [LAYOUT])[0]
    tidy = tidy_tc33(t.baris).tidy
    assert list(tidy["level"]) == ["sub_kegiatan", "aktivitas", "aktivitas"]
    assert list(tidy["nama"]) == ["Evaluasi kinerja", "Penyusunan Laporan IKM", "Penyusunan Laporan Interim"]
    assert list(tidy["kode"]) == ["7.01.01.2.01.0007"] * 3


def test_sumber_dana_ke_kode_resmi_dan_apbd_terlalu_umum():
    h = _tidy(_r("7.01.02", "Program", target="100%", pagu=2, sumber="DAU"),
              _r("7.01.02.2.01", "Koordinasi", target="100%", pagu=1, sumber="APBD"),
              _r("7.01.02.2.04", "Pelaksanaan", target="100%", pagu=1, sumber="Dana Hibah Luar Negeri"))
    t = h.tidy
    assert list(t["sumber_dana_kode"].fillna("")) == ["1.2.1.01.02", "", ""]
    assert list(t["sumber_dana_nama"].fillna("")) == ["Dana Alokasi Umum", "", ""]
    dana = h.temuan[h.temuan["aturan"].str.startswith("sumber-dana")]
    assert dana[["baris", "aturan", "tingkat"]].values.tolist() == [
        [3, "sumber-dana-terlalu-umum", "peringatan"], [4, "sumber-dana-tidak-dikenal", "peringatan"]]
