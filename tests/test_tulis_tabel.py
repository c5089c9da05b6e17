"""A hand-made Keluaran written by flows.langkah.tulis.tabel, read back with openpyxl and python-calamine."""
from __future__ import annotations

import re
import zipfile
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from flows.langkah.tulis.tabel import Posisi, format_target, posisi, tinggi_baris, tulis_tabel
from schemas.keluaran import KODE, NOMOR, PERSEN, RUPIAH, TARGET, TEKS, Keluaran, OutputColumn

NA = pd.NA
UJI = Keluaran(
    file="UJI.xlsx",
    sheet="Uji",
    judul=("Tabel Uji", "Capaian Tahun {n_1} Kecamatan {kecamatan}", "Kabupaten {kabupaten} {n3}-{n_plus_2}"),
    kolom=(
        OutputColumn("1", "No", None, "no", 5, NOMOR),
        OutputColumn("2", "Target", "Target dan Realisasi Tahun {n2}", "target", 14, TARGET),
        OutputColumn("3", "Realisasi", "Target dan Realisasi Tahun {n2}", "realisasi", 14, TARGET),
        OutputColumn("4=(3/2)", "Tingkat Realisasi (%)", "Target dan Realisasi Tahun {n2}", "tingkat", 12, PERSEN,
                     rumus='=IFERROR({kolom:3}/{kolom:2}*100,"")'),
        OutputColumn("5", "Uraian Kegiatan", None, "uraian", 30, TEKS),
        OutputColumn("6", "Pagu {n}", "Anggaran (Rp)", "pagu", 16, RUPIAH),
        OutputColumn("7", "Pagu {n1}", "Anggaran (Rp)", "pagu_maju", 16, RUPIAH),
        OutputColumn("8", "Kode Rekening", None, "kode", 14, KODE),
    ),
    total_label="JUMLAH",
    total_fields=("pagu", "pagu_maju"),
    kosong_teks="NIHIL",
)
META = {
    "tahun": 2024,
    "kabupaten": "Lumajang",
    "kecamatan": "Senduro",
    "tanda_tangan": {"tempat_tanggal": "Senduro, 2 Januari 2024", "jabatan": "CAMAT SENDURO",
                     "nama": "Budi Santoso, S.Sos", "nip": "19700101 199003 1 001"},
}
PANJANG = "Fasilitasi, rekomendasi dan koordinasi pembinaan dan pengawasan pemerintahan desa se-kecamatan"
# no, target (text, nilai, satuan), realisasi (text, nilai, satuan), uraian, pagu, pagu_maju, kode
ROWS = [
    (1, "12 Laporan", 12.0, "Laporan", "8 laporan", 8.0, "Laporan", "Penyusunan laporan", 1_000_000, 1_100_000,
     "7.01.01"),
    (2, "100%", 100.0, "Persen", "66,67%", 66.67, "Persen", "=SUM(A1:A3)", 2_500_000, NA, "7.01.02"),
    (3, "60.5 (B-)", 60.5, "Indeks", "N/A", NA, NA, "@catatan", NA, 900_000, "-7"),
    (4, '2 "Unit"', 2.0, '"Unit"', "1,25 Km", 1.25, "Km", PANJANG, 500_000, 0, "+62"),
]
# Excel rows (1-based): 3 titles, blank, headers 5-6, numbers 7, data 8..11, total 12, blank, signature from 14.
HEADER, SUB, NUMBERS, DATA, TOTAL = 5, 6, 7, 8, 12


def _tidy(rows=ROWS) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=[
        "no", "target", "target_nilai", "target_satuan", "realisasi", "realisasi_nilai", "realisasi_satuan", "uraian",
        "pagu", "pagu_maju", "kode"])
    for column in ("target_nilai", "realisasi_nilai"):
        frame[column] = frame[column].astype("Float64")
    for column in ("pagu", "pagu_maju", "no"):
        frame[column] = frame[column].astype("Int64")
    # the pipeline's own computation of column 4 = (3/2) * 100
    return frame.assign(tingkat=frame["realisasi_nilai"] / frame["target_nilai"] * 100)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tulis_tabel(_tidy(), UJI, META, tmp_path_factory.mktemp("uji"))
    return path, load_workbook(path)["Uji"], load_workbook(path, data_only=True)["Uji"]


def _row(ws, row: int) -> list:
    return [ws.cell(row, col).value for col in range(1, 9)]


def _merges(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_file_and_positions(written):
    path, ws, _ = written
    assert (path.name, ws.title) == ("UJI.xlsx", "Uji")
    assert posisi(UJI) == Posisi(header=HEADER - 1, nomor=NUMBERS - 1, data=DATA - 1)  # 0-based


def test_titles_with_placeholders(written):
    _, ws, _ = written
    assert [ws.cell(row, 1).value for row in range(1, 5)] == [
        "Tabel Uji", "Capaian Tahun 2023 Kecamatan Senduro", "Kabupaten Lumajang 2021-2026", None]
    assert {"A1:H1", "A2:H2", "A3:H3"} <= _merges(ws)
    assert all(ws.cell(row, 1).font.b and ws.cell(row, 1).alignment.horizontal == "center" for row in (1, 2, 3))


def test_two_header_rows_and_merges(written):
    _, ws, _ = written
    assert _row(ws, HEADER) == ["No", "Target dan Realisasi Tahun 2022", None, None, "Uraian Kegiatan",
                                "Anggaran (Rp)", None, "Kode Rekening"]
    assert _row(ws, SUB) == [None, "Target", "Realisasi", "Tingkat Realisasi (%)", None, "Pagu 2024", "Pagu 2025", None]
    assert {m for m in _merges(ws) if m[1] in "56"} == {"A5:A6", "B5:D5", "E5:E6", "F5:G5", "H5:H6"}
    assert ws.cell(HEADER, 2).fill.fgColor.rgb == "FFDDEBF7" and ws.cell(SUB, 3).font.b
    widths = {col: d.width for d in ws.column_dimensions.values() for col in range(d.min, d.max + 1)}
    assert [widths[col] for col in range(1, 9)] == pytest.approx([c.width + 0.7109375 for c in UJI.kolom], abs=0.01)


def test_number_row_numbers_and_texts(written):
    _, ws, _ = written
    assert _row(ws, NUMBERS) == [1, 2, 3, "4=(3/2)", 5, 6, 7, 8]
    assert ws.cell(NUMBERS, 1).data_type == "n" and ws.cell(NUMBERS, 4).data_type == "s"


def test_target_numbers_with_their_unit_format(written):
    _, ws, _ = written
    cells = {ref: (ws[ref].value, ws[ref].number_format) for ref in ("B8", "C8", "B9", "C9", "B11", "C11")}
    assert cells == {
        "B8": (12, '0" Laporan"'),
        "C8": (8, '0" Laporan"'),  # the canonical satuan, not the 'laporan' as typed
        "B9": (100, '0"%"'),
        "C9": (66.67, '0.##"%"'),  # the number is 66.67, not 0.6667
        "B11": (2, '0" "\\""Unit"\\"""'),  # a quote in the satuan: close, \", reopen
        "C11": (1.25, '0.##" Km"'),
    }
    assert all(ws[ref].data_type == "n" for ref in cells)
    assert ws["B8"].alignment.horizontal == "center"


def test_target_index_shows_its_grade_and_unreadable_target_stays_text(written):
    _, ws, _ = written
    assert (ws["B10"].value, ws["B10"].data_type, ws["B10"].number_format) == (60.5, "n", '0.#" (B-)"')
    assert (ws["C10"].value, ws["C10"].data_type, ws["C10"].border.left.style) == ("N/A", "s", "thin")


@pytest.mark.parametrize(("nilai", "satuan", "teks", "pola"), [
    (12.0, "Laporan", "12 Laporan", '0" Laporan"'),
    (1.0, "Dokumen", "1 dokume n", '0" Dokumen"'),  # the canonical satuan
    (66.67, "Persen", "66,67%", '0.##"%"'),
    (100.0, "Persen", "100 persen", '0"%"'),
    (0.5, "Km", "0,5 Km", '0.#" Km"'),
    (0.125, "Ha", "0,125 Ha", '0.###" Ha"'),
    (12.00001, "Unit", "12,00001 Unit", '0" Unit"'),  # at most 4 decimals: whole after rounding, no trailing '.'
    (1.0, 'Paket "A"', '1 Paket "A"', '0" Paket "\\""A"\\"""'),
    (60.5, "Indeks", "60.5 (B-)", '0.#" (B-)"'),  # index and compound: the rest of the text as typed
    (12.0, "Orang/Bulan", "12 Orang/12 Bulan", '0" Orang/12 Bulan"'),
    (12.0, "Laporan/Tahun", " 12 Laporan per tahun ", '0" Laporan per tahun"'),
    (60.5, None, "60,5", "0.#"),
    (60.5, "Indeks", "B (60.5)", None),  # the text does not start with the number
    (5000.0, None, "Rp 5.000", None),
    (NA, "Laporan", "- Laporan", None),
])
def test_format_target(nilai, satuan, teks, pola):
    assert format_target(nilai, satuan, teks) == pola


def test_computed_column_formula_and_stored_value(written):
    path, ws, ws_values = written
    assert [ws.cell(row, 4).value for row in range(DATA, DATA + 4)] == [
        '=IFERROR(C8/B8*100,"")', '=IFERROR(C9/B9*100,"")', '=IFERROR(C10/B10*100,"")', '=IFERROR(C11/B11*100,"")']
    assert ws["D8"].number_format == "0.00"
    assert [ws_values.cell(row, 4).value for row in range(DATA, DATA + 4)] == pytest.approx(
        [8 / 12 * 100, 66.67, None, 62.5])
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Uji").to_python()
    assert [rows[row - 1][3] for row in range(DATA, DATA + 4)] == pytest.approx([8 / 12 * 100, 66.67, "", 62.5])


def test_text_kinds_and_formula_injection_stays_text(written):
    _, ws, ws_values = written
    for ref, text in (("E9", "=SUM(A1:A3)"), ("E10", "@catatan"), ("H10", "-7"), ("H11", "+62")):
        assert (ws[ref].value, ws[ref].data_type, ws[ref].quotePrefix) == (text, "s", True)
        assert ws_values[ref].value == text
    assert (ws["H8"].value, ws["H8"].number_format, ws["E8"].quotePrefix) == ("7.01.01", "@", False)
    assert (ws["A8"].value, ws["A8"].data_type, ws["A8"].alignment.horizontal) == (1, "n", "center")


def test_rupiah_and_total(written):
    path, ws, ws_values = written
    assert _row(ws, DATA)[5:7] == [1_000_000, 1_100_000] and ws["F8"].number_format == "#,##0"
    assert (ws["F10"].value, ws["G9"].value, ws["G11"].value) == (None, None, 0)
    assert _row(ws, TOTAL) == ["JUMLAH", None, None, None, None, "=SUM(F8:F11)", "=SUM(G8:G11)", None]
    assert "A12:E12" in _merges(ws)
    assert (ws["A12"].font.b, ws["A12"].alignment.horizontal) == (True, "center")
    assert ws["H12"].fill.fgColor.rgb == "FFDDEBF7"
    assert (ws_values["F12"].value, ws_values["G12"].value) == (4_000_000, 2_000_000)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Uji").to_python()
    assert rows[TOTAL - 1][5:7] == [4_000_000, 2_000_000]


def test_row_heights_fit_wrapped_text(written):
    _, ws, _ = written
    assert tinggi_baris([(PANJANG, 30)]) == 54.0  # 4 lines of 10 pt
    assert ws.row_dimensions[DATA + 3].height == 54.0
    assert ws.row_dimensions[DATA].height is None  # one line: 15 pt, the default, is left out
    # 'Tingkat Realisasi (%)' bold in width 12: 3 lines, 41 pt (stored as whole pixels: 55 px = 41.25 pt)
    assert tinggi_baris([("Tingkat Realisasi (%)", 12)], bold=True) == 41.0
    assert ws.row_dimensions[SUB].height == 41.25


def test_signature_in_last_third(written):
    _, ws, _ = written
    assert [ws.cell(row, 7).value for row in range(TOTAL + 1, TOTAL + 9)] == [
        None, "Senduro, 2 Januari 2024", "CAMAT SENDURO", None, None, None, "Budi Santoso, S.Sos",
        "NIP. 19700101 199003 1 001"]
    assert {"G14:H14", "G19:H19"} <= _merges(ws)
    assert ws["G19"].font.u == "single"


def test_page_setup(written):
    path, ws, _ = written
    assert ws.print_title_rows == "$5:$7"
    assert ws.freeze_panes == "A8"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToHeight) == ("landscape", 9, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth is None  # 1, the OOXML default, is left out
    assert ws.oddFooter.center.text == "&P / &N"


def test_target_formats_are_shared(tmp_path):
    rows = [(i, f"{i} Laporan", float(i), "Laporan", f"{i / 2:g} Laporan", i / 2, "Laporan", "x", 1, 1, "7")
            for i in range(1, 41)]
    path = tulis_tabel(_tidy(rows), UJI, {**META, "tanda_tangan": None}, tmp_path)
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert sorted(re.findall(r'formatCode="([^"]*(?:&quot;[^"]*)*)"', styles)) == [
        "#,##0", "0&quot; Laporan&quot;", "0.#&quot; Laporan&quot;", "0.00", "@"]


def test_nihil_when_no_rows(tmp_path):
    path = tulis_tabel(_tidy().iloc[0:0], UJI, {**META, "tanda_tangan": None}, tmp_path)
    ws = load_workbook(path)["Uji"]
    assert _row(ws, DATA) == ["NIHIL"] + [None] * 7
    assert "A8:H8" in _merges(ws)
    assert ws["A8"].alignment.horizontal == "center" and ws["A8"].border.left.style == "thin"
    assert _row(ws, DATA + 1)[5:7] == ["=0", "=0"]
    assert ws.max_row == DATA + 1


def test_nihil_in_a_one_column_table(tmp_path):
    satu = Keluaran("SATU.xlsx", "Satu", ("Judul",), (OutputColumn("1", "Usulan", None, "usulan", 40),),
                    kosong_teks="NIHIL")
    path = tulis_tabel(pd.DataFrame({"usulan": pd.Series([], dtype="string")}), satu, {**META, "tanda_tangan": None},
                       tmp_path)
    ws = load_workbook(path)["Satu"]
    assert [ws.cell(row, 1).value for row in range(1, 7)] == ["Judul", None, "Usulan", None, 1, "NIHIL"]


def test_deterministic_and_dated(tmp_path):
    meta = {**META, "tanda_tangan": None}
    first = tulis_tabel(_tidy(), UJI, meta, tmp_path / "a.xlsx")
    second = tulis_tabel(_tidy(), UJI, meta, tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    assert load_workbook(first).properties.created == datetime(2000, 1, 1)
    later = tulis_tabel(_tidy(), UJI, {**meta, "created": datetime(2024, 1, 2)}, tmp_path / "c.xlsx")
    assert load_workbook(later).properties.created == datetime(2024, 1, 2)


def test_rejects_bad_declaration_before_writing(tmp_path):
    kolom = (*UJI.kolom[:3], OutputColumn("4", "Rasio", None, "tingkat", 10, PERSEN, rumus="={kolom:3}/{kolom:9}"))
    with pytest.raises(ValueError, match="refers to column 9"):
        tulis_tabel(_tidy(), Keluaran("X.xlsx", "X", (), kolom), META, tmp_path)
    with pytest.raises(ValueError, match="placeholder \\{n_plus_3\\} in 'Tahun \\{n_plus_3\\}'"):
        tulis_tabel(_tidy(), Keluaran("X.xlsx", "X", ("Tahun {n_plus_3}",), UJI.kolom), META, tmp_path)
    with pytest.raises(ValueError, match="lack columns: \\['realisasi_satuan'\\]"):
        tulis_tabel(_tidy().drop(columns="realisasi_satuan"), UJI, META, tmp_path)
    assert not list(tmp_path.iterdir())


def test_computed_target_stores_its_number_with_its_unit(tmp_path):
    rumus = '=IF(COUNT({kolom:1},{kolom:2})=2,{kolom:1}+{kolom:2},"")'
    jumlah = Keluaran("J.xlsx", "J", ("Jumlah",), (
        OutputColumn("1", "Lalu", None, "lalu", 12, TARGET), OutputColumn("2", "Kini", None, "kini", 12, TARGET),
        OutputColumn("3=(1+2)", "Jumlah", None, "jumlah", 12, TARGET, rumus=rumus)))
    tidy = pd.DataFrame({"lalu": ["2 Laporan", "-"], "lalu_nilai": [2.0, None], "lalu_satuan": ["Laporan", None],
                         "kini": ["3 laporan", "1 Laporan"], "kini_nilai": [3.0, 1.0], "kini_satuan": ["Laporan"] * 2,
                         "jumlah": ["5 Laporan", None], "jumlah_nilai": [5.0, None],
                         "jumlah_satuan": ["Laporan", None]})
    path = tulis_tabel(tidy, jumlah, {**META, "tanda_tangan": None}, tmp_path)
    ws = load_workbook(path)["J"]
    assert [(ws[ref].value, ws[ref].number_format) for ref in ("C6", "C7")] == [
        ('=IF(COUNT(A6,B6)=2,A6+B6,"")', '0" Laporan"'), ('=IF(COUNT(A7,B7)=2,A7+B7,"")', "General")]
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("J").to_python()
    assert [rows[5][2], rows[6][2], rows[6][0]] == [5.0, "", "-"]


def test_workbook_options_keep_text_as_text(tmp_path, monkeypatch):
    import flows.langkah.tulis.tabel as module

    seen = {}
    real = module.xlsxwriter.Workbook

    def recording(filename, options):
        seen.update(options)
        return real(filename, options)

    monkeypatch.setattr(module.xlsxwriter, "Workbook", recording)
    tulis_tabel(_tidy(), UJI, META, tmp_path)
    assert {k: seen[k] for k in ("strings_to_formulas", "strings_to_urls", "strings_to_numbers")} == {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
