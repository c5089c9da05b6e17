"""Tes contoh workbook T-C.33 (tests/fixtures/Renja-Senduro-2024-TC33.xlsx) dan generatornya tools/buat_sampel.py.

Semuanya dari yang dikirim proyek: T-C.33 dibaca balik dari contoh semua tabel (input/Renja-Senduro-2024.xlsx).
Bahwa kedua contoh sama dengan teks referensi asalnya diperiksa `make sample-check` (perlu teks referensi di samping proyek)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import SAMPEL, SAMPEL_SEMUA
from tools.buat_sampel import SAMPUL, SHEET2, baca_tabel_sampel, tulis_tc33

HEADER_ATAS = [
    "Kode",
    "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja Program/Kegiatan /Sub Kegiatan",
    "Formulasi",
    "Aktivitas",
    "Skala Prioritas",
    "Rencana Tahun 2024 (Tahun Rencana)",
    "",
    "",
    "",
    "Catatan Penting",
    "Prakiraan Maju Rencana Tahun 2025",
    "",
]
HEADER_BAWAH = ["", "", "", "", "", "", "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana", "Sumber Dana", "",
                "Target Capaian Kinerja", "Kebutuhan Dana"]
NOMOR_KOLOM = [1, 2, 3, "", 4, 5, 6, 7, 8, 9, 10, 11, 12]
TOTAL = ["", "", "", "", "", "", "", "TOTAL PAGU", 2080252824, "", "", "", 2621874277]
TANDA_TANGAN = ["Senduro, juni 2023", " CAMAT SENDURO", "", "Drs. PUJANTO", " NIP. 19681114 199003 1 004"]
# Gabungan (0-based, inklusif): judul, header (vertikal dan grup), tanda tangan.
GABUNGAN_JUDUL = [((r, 0), (r, 12)) for r in (0, 1, 2, 3, 5)]
GABUNGAN_HEADER = [((7, k), (8, k)) for k in (0, 1, 2, 3, 4, 5, 10)] + [((7, 6), (7, 9)), ((7, 11), (7, 12))]
GABUNGAN_TTD = [((r, 10), (r, 12)) for r in (141, 142, 144, 145)]


def _sheet(path: Path, nama: str = "TC.33"):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(nama)


@pytest.fixture(scope="module")
def grid() -> list[list]:
    return _sheet(SAMPEL).to_python()


# (a) contoh T-C.33 = hasil generator dari sheet TC.33 contoh semua tabel


def test_sampel_sama_dengan_hasil_generator(tmp_path):
    baru = tulis_tc33(tmp_path / "tc33.xlsx", sumber=SAMPEL_SEMUA)
    assert CalamineWorkbook.from_path(str(baru)).sheet_names == ["TC.33"]
    assert _sheet(baru).to_python() == _sheet(SAMPEL).to_python()
    assert sorted(_sheet(baru).merged_cell_ranges) == sorted(_sheet(SAMPEL).merged_cell_ranges)


def test_baca_tc33_dari_sampel():
    judul, header, baris, tanda_tangan = baca_tabel_sampel("TC.33", SAMPEL_SEMUA)
    assert judul == ["T-C.33", "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2024",
                     "dan Prakiraan Maju Tahun 2025", "Kabupaten Lumajang", "", "KECAMATAN SENDURO", ""]
    assert header[:2] == [HEADER_ATAS, HEADER_BAWAH]
    assert len(baris) == 130 and sum(1 for b in baris if b == []) == 21
    assert baris[0][:2] == ["7", "Unsur Kewilayahan"] and baris[-1][7] == "TOTAL PAGU"
    assert tanda_tangan == TANDA_TANGAN


def test_varian_posisi_sheet_lain_dan_angka_teks(tmp_path, grid):
    path = tulis_tc33(tmp_path / "varian.xlsx", sumber=SAMPEL_SEMUA, sheet="Renja", baris_awal=4, kolom_awal=3,
                      sheet_lain=(SAMPUL, SHEET2), angka_sebagai_teks=True, sheet_pertama="Sampul")
    assert CalamineWorkbook.from_path(str(path)).sheet_names == ["Sampul", "Sheet2", "Renja"]
    varian = _sheet(path, "Renja").to_python(skip_empty_area=False)  # grid dari A1, bukan dari sel terisi pertama
    assert varian[3 + 10][2:] == ["7", "Unsur Kewilayahan", "", "", "", "", "", "", "2.080.252.824", "", "", "",
                                  "2.621.874.277"]
    assert varian[3 + 139][2:] == TOTAL[:8] + ["2.080.252.824", "", "", "", "2.621.874.277"]
    assert [row[2:] for row in varian[3:3 + 10]] == grid[:10]
    assert openpyxl.load_workbook(path, read_only=True).active.title == "Sampul"


# (b) fakta kunci contoh yang dikirim


def test_sampel_header_dan_nomor_kolom(grid):
    assert grid[0][0] == "T-C.33" and grid[5][0] == "KECAMATAN SENDURO"
    assert grid[7] == HEADER_ATAS
    assert grid[8] == HEADER_BAWAH
    assert grid[9] == NOMOR_KOLOM


def test_sampel_gabungan():
    gabungan = sorted(_sheet(SAMPEL).merged_cell_ranges)
    assert gabungan == sorted(GABUNGAN_JUDUL + GABUNGAN_HEADER + GABUNGAN_TTD)


def test_sampel_total_dan_tanda_tangan(grid):
    assert len(grid) == 146
    assert grid[139] == TOTAL
    assert grid[140] == [""] * 13
    assert [row[10] for row in grid[141:146]] == TANDA_TANGAN


def test_sampel_pagu_program(grid):
    program = [row for row in grid[10:139] if row[1].startswith("Program ")]
    assert [row[0] for row in program] == ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.05", "7.01.06.2"]
    assert sum(row[8] for row in program) == 2080252824
    assert sum(row[12] for row in program) == 2621874277


def test_sampel_tipe_sel_openpyxl():
    ws = openpyxl.load_workbook(SAMPEL)["TC.33"]
    assert (ws["I11"].value, ws["I11"].number_format) == (2080252824, "#,##0")
    assert (ws["I37"].value, ws["I37"].data_type) == ("-", "s")  # Administrasi Kepegawaian: '-' tetap teks
    assert (ws["A11"].value, ws["A11"].data_type) == ("7", "s")
    kode = {ws.cell(r, 1).value: ws.cell(r, 1).data_type for r in range(11, 141)}
    assert kode["7.01.01.202.01"] == "s"
    assert "7.01.01.2.09. 06" in kode and "7.01.06.2" in kode
    assert ws.page_setup.orientation == "landscape"
