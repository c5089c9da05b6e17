"""TC-33.xlsx as written by flows.langkah.tulis.tc33, read back with openpyxl and python-calamine."""
from __future__ import annotations

import zipfile
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from flows.langkah.tulis.tc33 import FIRST_DATA_ROW, tulis_tc33
from schemas.keluaran import RUPIAH_FORMAT
from schemas.tc33 import (
    LEVEL_LOOK,
    OUTPUT_COLUMNS,
    OUTPUT_FILE,
    OUTPUT_SHEET,
    TIDY_COLUMNS,
    TITLE_LINES,
    TOTAL_LABEL,
)

NA = pd.NA
# level, kode, nama, indikator, indikator_ke, lokasi, target, pagu, sumber_dana, catatan, target_maju, pagu_maju
ROWS = [
    ("urusan", "7", "UNSUR KEWILAYAHAN", NA, 1, NA, NA, 300_000_000, NA, NA, NA, 330_000_000),
    ("bidang", "7.01", "KECAMATAN", NA, 1, NA, NA, 300_000_000, NA, NA, NA, 330_000_000),
    ("program", "7.01.01", "PROGRAM PENUNJANG", "Nilai SAKIP", 1, "Senduro", "60.5 (B-)", 200_000_000, "DAU", NA, "61 (B)", 230_000_000),
    ("program", "7.01.01", NA, "Indeks kepuasan", 2, NA, "80%", NA, NA, NA, "82%", NA),
    ("kegiatan", "7.01.01.2.01", "Perencanaan Perangkat Daerah", "Dokumen", 1, "Senduro", "3 Dokumen", 200_000_000, "DAU", NA, "3 Dokumen", 230_000_000),
    ("sub_kegiatan", "7.01.01.2.01.0001", "Penyusunan Renja", "Renja", 1, "Senduro", "=1+1", 200_000_000, "DAU", "@catatan", "-", 230_000_000),
    ("aktivitas", "7.01.01.2.01.0001", "Rapat koordinasi", NA, 1, NA, NA, 120_000_000, NA, NA, NA, 130_000_000),
    ("aktivitas", "7.01.01.2.01.0001", "Belanja ATK", NA, 1, NA, NA, 80_000_000, NA, NA, NA, NA),
    ("program", "7.01.02", "PROGRAM PENYELENGGARAAN PEMERINTAHAN", "Cakupan", 1, "Senduro", "100%", 100_000_000, "DAU", NA, "100%", NA),
]
FIELDS = ("level", "kode", "nama", "indikator", "indikator_ke", "lokasi", "target", "pagu", "sumber_dana", "catatan", "target_maju", "pagu_maju")
META = {
    "tahun": 2024,
    "kabupaten": "Lumajang",
    "kecamatan": "Senduro",
    "tanda_tangan": {
        "tempat_tanggal": "Senduro, 2 Januari 2024",
        "jabatan": "CAMAT SENDURO",
        "nama": "Budi Santoso, S.Sos",
        "nip": "19700101 199003 1 001",
    },
}
# Excel rows (1-based): 4 titles, blank, headers 6-7, numbers 8, data 9..17, total 18.
HEADER, SUB, NUMBERS, DATA, TOTAL = 6, 7, 8, 9, 18


def _tidy() -> pd.DataFrame:
    frame = pd.DataFrame.from_records(ROWS, columns=FIELDS)
    for column in TIDY_COLUMNS:
        if column not in frame:
            frame[column] = NA
    frame = frame[list(TIDY_COLUMNS)]
    for column in ("pagu", "pagu_maju", "indikator_ke", "urut", "baris"):
        frame[column] = frame[column].astype("Int64")
    for column in ("kode", "nama", "indikator", "lokasi", "target", "sumber_dana", "catatan", "target_maju"):
        frame[column] = frame[column].astype("string")
    return frame


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tc33")
    path = tulis_tc33(_tidy(), META, folder)
    return path, load_workbook(path)[OUTPUT_SHEET], load_workbook(path, data_only=True)[OUTPUT_SHEET]


def _sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def _row(ws, row: int) -> list:
    return [ws.cell(row, col).value for col in range(1, 11)]


def test_file_and_sheet(written):
    path, ws, _ = written
    assert path.name == OUTPUT_FILE == "TC-33.xlsx"
    assert ws.title == "T-C.33"
    assert FIRST_DATA_ROW + 1 == DATA


def test_titles_merged_bold_centred(written):
    _, ws, _ = written
    assert [ws.cell(row, 1).value for row in range(1, 6)] == [
        "Tabel T-C.33",
        "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2024 dan Prakiraan Maju Tahun 2025",
        "Kabupaten Lumajang",
        "Kecamatan Senduro",
        None,
    ]
    assert len(TITLE_LINES) == 4
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:J1", "A2:J2", "A3:J3", "A4:J4"} <= merged
    assert all(ws.cell(row, 1).font.b and ws.cell(row, 1).alignment.horizontal == "center" for row in range(1, 5))


def test_header_rows_and_merges(written):
    _, ws, _ = written
    assert _row(ws, HEADER) == [
        OUTPUT_COLUMNS[0].header,
        OUTPUT_COLUMNS[1].header,
        OUTPUT_COLUMNS[2].header,
        "Rencana Tahun 2024 (Tahun Rencana)",
        None,
        None,
        None,
        OUTPUT_COLUMNS[7].header,
        "Prakiraan Maju Rencana Tahun 2025",
        None,
    ]
    assert _row(ws, SUB) == [None, None, None] + [c.header for c in OUTPUT_COLUMNS[3:7]] + [None] + [
        c.header for c in OUTPUT_COLUMNS[8:10]
    ]
    assert _row(ws, SUB)[3:7] == ["Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif (Rp)", "Sumber Dana"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A6:A7", "B6:B7", "C6:C7", "D6:G6", "H6:H7", "I6:J6"} <= merged
    header_merges = {str(r) for r in ws.merged_cells.ranges if HEADER <= r.min_row <= SUB}
    assert header_merges == {"A6:A7", "B6:B7", "C6:C7", "D6:G6", "H6:H7", "I6:J6"}
    assert [ws.column_dimensions[c].width for c in "ABCDEFGHIJ"] == pytest.approx(
        [c.width + 0.7109375 for c in OUTPUT_COLUMNS], abs=0.01
    )


def test_number_row(written):
    _, ws, _ = written
    assert _row(ws, NUMBERS) == list(range(1, 11))
    assert ws.cell(NUMBERS, 5).alignment.horizontal == "center"


def test_data_rows_content(written):
    _, ws, _ = written
    assert _row(ws, DATA + 2) == [
        "7.01.01", "PROGRAM PENUNJANG", "Nilai SAKIP", "Senduro", "60.5 (B-)", 200_000_000, "DAU", None, "61 (B)", 230_000_000,
    ]
    # extra indicator line: only indikator / target / target_maju
    assert _row(ws, DATA + 3) == [None, None, "Indeks kepuasan", None, "80%", None, None, None, "82%", None]
    # aktivitas: name and amounts, no kode; NA amount is an empty cell
    assert _row(ws, DATA + 6) == [None, "Rapat koordinasi", None, None, None, 120_000_000, None, None, None, 130_000_000]
    assert _row(ws, DATA + 7) == [None, "Belanja ATK", None, None, None, 80_000_000, None, None, None, None]
    assert ws.cell(DATA + 7, 10).data_type == "n" and ws.cell(DATA + 7, 10).border.left.style == "thin"
    assert [ws.cell(row, 1).value for row in range(DATA, DATA + 9)] == [
        "7", "7.01", "7.01.01", None, "7.01.01.2.01", "7.01.01.2.01.0001", None, None, "7.01.02",
    ]
    assert all(ws.cell(row, 1).data_type == "s" for row in (DATA, DATA + 1, DATA + 2))
    assert ws.cell(TOTAL, 1).value == TOTAL_LABEL


def test_amount_format(written):
    _, ws, _ = written
    cell = ws.cell(DATA + 2, 6)
    assert cell.value == 200_000_000 and type(cell.value) is int
    assert cell.number_format == RUPIAH_FORMAT == "#,##0"
    assert ws.cell(DATA + 2, 1).number_format == "@"


def test_levels_look(written):
    _, ws, _ = written
    names = {level: DATA + i for i, level in enumerate(["urusan", "bidang", "program"])}
    names.update(kegiatan=DATA + 4, sub_kegiatan=DATA + 5, aktivitas=DATA + 6)
    assert {level: ws.cell(row, 2).alignment.indent for level, row in names.items()} == {
        "urusan": 0, "bidang": 0, "program": 0, "kegiatan": 1, "sub_kegiatan": 2, "aktivitas": 3,
    }
    assert {level: look.indent for level, look in LEVEL_LOOK.items()} == {
        "urusan": 0, "bidang": 0, "program": 0, "kegiatan": 1, "sub_kegiatan": 2, "aktivitas": 3,
    }
    assert {level: bool(ws.cell(row, 2).font.b) for level, row in names.items()} == {
        "urusan": True, "bidang": True, "program": True, "kegiatan": True, "sub_kegiatan": False, "aktivitas": False,
    }
    assert {level: bool(ws.cell(row, 2).font.i) for level, row in names.items()} == {
        "urusan": False, "bidang": False, "program": False, "kegiatan": False, "sub_kegiatan": False, "aktivitas": True,
    }
    assert {level: ws.cell(row, 2).fill.fgColor.rgb for level, row in names.items() if LEVEL_LOOK[level].fill} == {
        "urusan": "FFDDEBF7", "bidang": "FFDDEBF7", "program": "FFDDEBF7",
    }
    assert ws.cell(names["kegiatan"], 2).fill.fill_type is None
    assert all(ws.cell(DATA + 5, col).alignment.wrap_text for col in range(1, 11))


def test_total_formulas_and_stored_values(written):
    path, ws, ws_values = written
    assert ws.cell(TOTAL, 1).value == "TOTAL PAGU"
    assert "A18:E18" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(TOTAL, 6).value == "=F11+F17"
    assert ws.cell(TOTAL, 10).value == "=J11+J17"
    assert ws.cell(TOTAL, 6).number_format == "#,##0"
    assert ws_values.cell(TOTAL, 6).value == 300_000_000
    assert ws_values.cell(TOTAL, 10).value == 230_000_000
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(OUTPUT_SHEET).to_python()
    assert rows[TOTAL - 1][5] == 300_000_000
    assert rows[TOTAL - 1][9] == 230_000_000


def test_formula_like_text_stays_text(written):
    _, ws, ws_values = written
    cell = ws.cell(DATA + 5, 5)
    assert cell.value == "=1+1" and cell.data_type == "s"
    assert ws_values.cell(DATA + 5, 5).value == "=1+1"
    assert ws.cell(DATA + 5, 8).value == "@catatan" and ws.cell(DATA + 5, 8).data_type == "s"
    assert ws.cell(DATA + 5, 9).value == "-" and ws.cell(DATA + 5, 9).data_type == "s"
    assert cell.quotePrefix is True


def test_page_setup(written):
    path, ws, _ = written
    assert ws.print_title_rows == "$6:$8"
    assert ws.freeze_panes == "A9"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth is None  # xlsxwriter omits the attribute when it is 1, its OOXML default
    assert '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' in _sheet_xml(path)
    assert ws.page_setup.fitToHeight == 0
    assert ws.oddFooter.center.text == "&P / &N"


def test_signature_block(written):
    _, ws, _ = written
    texts = [ws.cell(row, 8).value for row in range(TOTAL + 1, TOTAL + 10)]
    assert texts == [
        None, "Senduro, 2 Januari 2024", "CAMAT SENDURO", None, None, None,
        "Budi Santoso, S.Sos", "NIP. 19700101 199003 1 001", None,
    ]
    assert "H25:J25" in {str(r) for r in ws.merged_cells.ranges}
    name = ws.cell(TOTAL + 7, 8)
    assert name.font.b and name.font.u == "single"


def test_without_signature_and_deterministic(tmp_path):
    meta = {**META, "tanda_tangan": None}
    first = tulis_tc33(_tidy(), meta, tmp_path / "a.xlsx")
    second = tulis_tc33(_tidy(), meta, tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    wb = load_workbook(first)
    ws = wb[OUTPUT_SHEET]
    assert ws.max_row == TOTAL
    assert wb.properties.created == datetime(2000, 1, 1)


def test_rejects_unknown_level(tmp_path):
    tidy = _tidy()
    tidy.loc[0, "level"] = "seksi"
    with pytest.raises(ValueError, match="seksi"):
        tulis_tc33(tidy, META, tmp_path)


def test_workbook_options_keep_text_as_text(tmp_path, monkeypatch):
    import flows.langkah.tulis.tc33 as module

    seen = {}
    real = module.xlsxwriter.Workbook

    def recording(filename, options):
        seen.update(options)
        return real(filename, options)

    monkeypatch.setattr(module.xlsxwriter, "Workbook", recording)
    tulis_tc33(_tidy(), META, tmp_path)
    assert {k: seen[k] for k in ("strings_to_formulas", "strings_to_urls", "strings_to_numbers")} == {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    }


def test_satu_model_keluaran():
    """T-C.33's output is declared like every other table's: one schemas.keluaran.Keluaran in schemas.tc33, no model
    of its own (the writer is flows.langkah.tulis.tabel's, on the rows transforms.tc33.seperti_tampil shapes)."""
    from schemas import tc33
    from schemas.keluaran import Keluaran, OutputColumn, Tampilan
    from transforms.tc33 import seperti_tampil

    assert isinstance(tc33.KELUARAN, Keluaran) and tc33.KELUARAN.kolom == tc33.OUTPUT_COLUMNS
    assert all(type(c) is OutputColumn for c in tc33.KELUARAN.kolom)
    assert dict(tc33.KELUARAN.tampilan) == tc33.LEVEL_LOOK and all(type(t) is Tampilan for t in tc33.LEVEL_LOOK.values())
    assert not hasattr(tc33, "LevelLook") and not hasattr(tc33, "dataclass")
    tampil = seperti_tampil(_tidy())
    assert list(tampil[tc33.MASUK_TOTAL]) == [False, False, True, False, False, False, False, False, True]
    assert tampil["kode"].isna().tolist() == [False, False, False, True, False, False, True, True, False]
