"""Tes contoh semua tabel (input/Renja-Senduro-2024.xlsx), penulis tabel generik dan varian CSV/XLS-nya."""
from __future__ import annotations

import os
import re

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from flows.langkah.pembaca import baca_workbook
from tools.buat_sampel import SAMPEL_SEMUA, TabelSampel, potong_tabel, soffice, tulis_semua, tulis_tabel

NAMA_SHEET = ["TC 29", "TC.30", "TC 3.1", "T-C.32", "TC.33", "Tabel 4.1"]


def _grid(sheet: str, path=SAMPEL_SEMUA) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _gabungan(sheet: str, path=SAMPEL_SEMUA) -> list:
    return sorted(CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).merged_cell_ranges)


# --- contoh semua tabel ------------------------------------------------------------------------------------------


def test_semua_dibaca_balik_lalu_ditulis_sama_persis(tmp_path):
    """Every sheet read back (baca_tabel_sampel) and written again: the shipped sample byte for byte. That the sample
    is what the reference text gives is `make sample-check`'s (it needs the text beside the project)."""
    baru = tulis_semua(tmp_path / "semua.xlsx", sumber=SAMPEL_SEMUA)
    assert baru.read_bytes() == SAMPEL_SEMUA.read_bytes()


def test_nama_sheet_seperti_kecamatan():
    assert CalamineWorkbook.from_path(str(SAMPEL_SEMUA)).sheet_names == NAMA_SHEET


# (sheet, baris header pertama, isi baris itu, baris data terakhir, isinya) — baris 1-based seperti Excel
HEADER_DAN_AKHIR = [
    ("TC 29", 9,
     ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/ Kegiatan", "Indikator Kinerja Program/ Kegiatan",
      "Target Kinerja Capaian Program (Restra) Perangkat Daerah Tahun n 2024",
      "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d tahun (n-3=2020)",
      "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2)", "", "",
      "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun n-1) 2023",
      "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d tahun berjalan", ""],
     77, ["7.01.06.2.01.02", "Fasilitasi Administrasi Tata Pemerintahan Desa",
          "jumlah desa terbina penyelenggaraan pemerintahan desa", "12 Desa", "N/A", "12 Desa", "12 Desa", "100%",
          "12 Desa", "12 desa", "100%"]),
    ("TC.30", 5,
     ["NO", "INDIKATOR", "SPM Standar Nasional", "IKK", "TARGET RENSTRA PERANGKAT DAERAH", "", "",
      "Realisasi Capaian", "", "", "Proyeksi", "", "", "Catatan Analisis"],
     10, ["3", "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa tepat waktu", "N/A",
          "N/A", "72,22", "72,22", "72,22", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", ""]),
    ("TC 3.1", 7,
     ["No", "Rancangan Awal RKPD", "", "", "", "", "Hasil Analisa Kebutuhan", "", "", "", "", ""],
     111, ["", "keuanganesa", "", "dalam rangka pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa", "", "",
           "", "", "rangka pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa", "", "", ""]),
    ("T-C.32", 7, ["No", "Program", "Kegiatan", "Lokasi", "Indikator Kinerja", "Volume"],
     9, ["NIHIL", "", "", "", "", ""]),
    ("TC.33", 8,
     ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
      "Indikator Kinerja Program/Kegiatan /Sub Kegiatan", "Formulasi", "Aktivitas", "Skala Prioritas",
      "Rencana Tahun 2024 (Tahun Rencana)", "", "", "", "Catatan Penting", "Prakiraan Maju Rencana Tahun 2025", ""],
     140, ["", "", "", "", "", "", "", "TOTAL PAGU", 2080252824, "", "", "", 2621874277]),
    ("Tabel 4.1", 5, ["No", "Program", "Kegiatan/ Sub Kegiatan", "Indikator", "Target", "Anggaran", "Sumber Dana"],
     81, ["", "", "", "", "TOTAL PAGU", 2080252824, ""]),
]


@pytest.mark.parametrize("sheet, baris_header, header, baris_akhir, akhir", HEADER_DAN_AKHIR,
                         ids=[h[0] for h in HEADER_DAN_AKHIR])
def test_header_pertama_dan_baris_data_terakhir(sheet, baris_header, header, baris_akhir, akhir):
    grid = _grid(sheet)
    assert grid[baris_header - 1] == header
    assert grid[baris_akhir - 1] == akhir
    assert all(v == "" for row in grid[baris_akhir:] for v in row[: len(row) - 3])  # sesudahnya: tanda tangan saja


def test_tc29_header_ulang_tanpa_nomor_kolom():
    grid = _grid("TC 29")
    assert grid[19][0] == "7.01.01.2.02.01" and grid[20] == [""] * 11  # baris kosong pindah halaman
    assert grid[21] == grid[8] and grid[22] == grid[9]  # dua baris header diulang, tanpa baris 1 2 3 …
    assert grid[23][:3] == ["", "", "Jumlah fasilitasi administrasi kepegawaian"]  # baris lanjutan
    assert grid[10] == [1, 2, 3, 4, 5, 6, 7, "8=(7/6)", 9, 10, 11]
    assert [(a, b) for a, b in _gabungan("TC 29") if a[0] == 21] == [
        ((21, 0), (22, 0)), ((21, 1), (22, 1)), ((21, 2), (22, 2)), ((21, 3), (22, 3)), ((21, 4), (22, 4)),
        ((21, 5), (21, 7)), ((21, 8), (22, 8)), ((21, 9), (21, 10))]


def test_tc31_gabungan_header_dan_header_ulang_bergeser():
    gabungan = _gabungan("TC 3.1")
    header = [g for g in gabungan if g[0][0] in (6, 16)]
    assert header == [((6, 0), (7, 0)), ((6, 1), (6, 5)), ((6, 6), (6, 11)),  # grup 2-6 dan 7-12
                      ((16, 0), (17, 0)), ((16, 1), (16, 6)), ((16, 7), (16, 11))]  # bergeser satu kolom
    assert len(gabungan) == 4 + 9 * 3  # judul + 9 blok header


def test_tipe_sel():
    wb = openpyxl.load_workbook(SAMPEL_SEMUA)
    tc31, tabel41, tc29 = wb["TC 3.1"], wb["Tabel 4.1"], wb["TC 29"]
    assert (tc31["F10"].value, tc31["F10"].data_type) == ("2.517.22.415", "s")  # ribuan tidak bersih: teks
    assert (tc31["K10"].value, tc31["K10"].number_format) == (1860252824, "#,##0")
    assert (tc31["A10"].value, tc31["A10"].data_type) == ("1", "s")  # nomor urut seperti diketik
    assert (tabel41["F7"].value, tabel41["F7"].number_format) == (2080252824, "#,##0")
    assert tabel41["F81"].font.b and tabel41["E81"].value == "TOTAL PAGU"
    assert (tc29["A12"].value, tc29["A12"].number_format) == ("7.0.01", "@")
    assert tc29["A3"].value.startswith("REKAPITULASI EVALUASI") and tc29["A3"].font.b  # tanpa penanda '**'
    assert tc29.print_title_rows == "$9:$11"


# --- penulis generik pada tabel kecil ----------------------------------------------------------------------------

TEKS_KECIL = [
    "Paragraf sebelum tabel.",
    "Tabel X",
    "**REKAP**",
    "",
    "No\tGrup\t\tCatatan",
    "\tA\tPagu\t",
    "1\t2\t3\t4",
    "1\tx\t1.500\t-",
    "",
    "No\t\tGrup\tCatatan",  # header diulang, bergeser satu kolom
    "\tA\tPagu\t",
    "1\t2\t3\t4",
    "2\ty\t2.000.000\t1.500",
    "",
    "Kota, Juni 2023",
    " KEPALA",
    "",
    "Nama",
    "NIP. 123",
    "",
    "Paragraf sesudah tabel.",
]


def test_potong_tabel_sampai_nip():
    assert potong_tabel(TEKS_KECIL, "Tabel X") == TEKS_KECIL[1:19]
    # seperti Tabel 4.1: paragraf sesudah tabel, NIP penutup dokumen lebih dari 6 baris di bawahnya
    tanpa_ttd = TEKS_KECIL[:14] + ["Jumlah anggaran:", "- Belanja A", "- Belanja B", "", "BAB V", "", "Camat",
                                   "NIP. 1"]
    assert potong_tabel(tanpa_ttd, "Tabel X") == TEKS_KECIL[1:13]


def test_tabel_kecil_sel_dan_gabungan(tmp_path):
    sumber = tmp_path / "teks.txt"
    sumber.write_text("\n".join(TEKS_KECIL), encoding="utf-8")
    path = tulis_semua(tmp_path / "kecil.xlsx", sumber=sumber, tabel=[TabelSampel("X", "Tabel X", "X")])
    isi = baca_workbook(path)
    assert [tuple(r)[1:] for r in isi.cells.itertuples(index=False)] == [
        (1, 1, "Tabel X"), (2, 1, "REKAP"),
        (4, 1, "No"), (4, 2, "Grup"), (4, 4, "Catatan"), (5, 2, "A"), (5, 3, "Pagu"),
        (6, 1, 1), (6, 2, 2), (6, 3, 3), (6, 4, 4),
        (7, 1, "1"), (7, 2, "x"), (7, 3, 1500), (7, 4, "-"),
        (9, 1, "No"), (9, 3, "Grup"), (9, 4, "Catatan"), (10, 2, "A"), (10, 3, "Pagu"),
        (11, 1, 1), (11, 2, 2), (11, 3, 3), (11, 4, 4),
        (12, 1, "2"), (12, 2, "y"), (12, 3, 2000000), (12, 4, "1.500"),  # hanya kolom Pagu jadi angka
        (14, 2, "Kota, Juni 2023"), (15, 2, " KEPALA"), (17, 2, "Nama"), (18, 2, "NIP. 123"),
    ]
    assert sorted(tuple(r)[1:] for r in isi.merges.itertuples(index=False)) == [
        (1, 1, 1, 4), (2, 1, 2, 4),
        (4, 1, 5, 1), (4, 2, 4, 3), (4, 4, 5, 4),
        (9, 1, 10, 1), (9, 4, 10, 4),  # bergeser: 'Grup' di atas 'Pagu' saja, tanpa gabungan
        (14, 2, 14, 4), (15, 2, 15, 4), (17, 2, 17, 4), (18, 2, 18, 4),
    ]


def test_tabel_kecil_jumlah_sel_salah(tmp_path):
    sumber = tmp_path / "teks.txt"
    sumber.write_text("\n".join(TEKS_KECIL[:7] + ["1\tx\t1.500"]), encoding="utf-8")
    with pytest.raises(ValueError, match="baris ke-7 tabel: harus 4 sel dipisah tab, ada 3"):
        tulis_semua(tmp_path / "x.xlsx", sumber=sumber, tabel=[TabelSampel("X", "Tabel X", "X")])


# --- varian CSV / XLS T-C.33 -------------------------------------------------------------------------------------

RIBUAN = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _teks(nilai) -> str:
    """Nilai sebagai teks sebanding: tanpa pemisah ribuan ('2.080.252.824' dan 2080252824 → '2080252824')."""
    if isinstance(nilai, (int, float)):
        return str(int(nilai)) if float(nilai).is_integer() else str(nilai)
    return nilai.replace(".", "") if RIBUAN.fullmatch(nilai) else nilai


def _sel_teks(isi) -> list[tuple[int, int, str]]:
    return sorted((r.baris, r.kolom, _teks(r.nilai)) for r in isi.cells.itertuples(index=False))


@pytest.mark.parametrize("nama, dialek", [("TC33-excel.csv", "excel-id"), ("TC33-polos.csv", "polos"),
                                          ("TC33.xls", None)])
def test_varian_tc33_sama_dengan_xlsx(tmp_path, nama, dialek):
    if nama.endswith(".xls") and soffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    xlsx = baca_workbook(tulis_tabel(tmp_path / "TC33.xlsx", "TC.33"))
    varian = baca_workbook(tulis_tabel(tmp_path / nama, "TC.33", dialek=dialek or "excel-id"))
    assert _sel_teks(varian) == _sel_teks(xlsx)
    assert len(xlsx.cells) == 815
    if dialek:
        assert varian.sheets == (nama[:-4],) and varian.merges.empty
        assert (varian.pengodean, varian.pemisah) == {"excel-id": ("utf-8-sig", ";"), "polos": ("utf-8", ",")}[dialek]
    else:
        assert varian.sheets == ("TC.33",)
        assert varian.cells.equals(xlsx.cells)  # xls: tipe nilai pun sama
        assert varian.merges.equals(xlsx.merges)


def test_bentuk_csv_excel_indonesia_dan_polos(tmp_path):
    excel = tulis_tabel(tmp_path / "a.csv", "TC.33", dialek="excel-id").read_bytes()
    polos = tulis_tabel(tmp_path / "b.csv", "TC.33", dialek="polos").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbfT-C.33;;;;;;;;;;;;\r\n")
    assert b";;;;;;;TOTAL PAGU;2.080.252.824;;;;2.621.874.277\r\n" in excel
    assert polos.startswith(b"T-C.33,,,,,,,,,,,,\n") and b"\r" not in polos
    assert b",,,,,,,TOTAL PAGU,2080252824,,,,2621874277\n" in polos


def test_akhiran_tidak_didukung(tmp_path):
    with pytest.raises(ValueError, match="Akhiran berkas tidak didukung: x.ods"):
        tulis_tabel(tmp_path / "x.ods", "TC.33")
