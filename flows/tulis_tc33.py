"""Write the tidy T-C.33 rows as the formatted, print-ready standard table TC-33.xlsx (xlsxwriter).

Sheet layout (Excel rows, 1-based):
    1 .. len(TITLE_LINES)         title lines, each merged across the 10 columns
    one blank row
    HEADER_ROW + 1, HEADER_ROW + 2 the two header rows (group headers merged across, the others merged down)
    NUMBER_ROW + 1                 the column numbers 1..10
    FIRST_DATA_ROW + 1 ..          one row per tidy row, then the TOTAL PAGU row, then the signature block
With the four title lines of TITLE_LINES: headers in rows 6-7, numbers in row 8, data from row 9.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from schemas.tc33 import (
    FILL_COLOR,
    LEVEL_LOOK,
    LEVELS,
    OUTPUT_COLUMNS,
    OUTPUT_FILE,
    OUTPUT_SHEET,
    PAGE_FOOTER,
    RUPIAH_FORMAT,
    SIGNATURE_BLANK_ROWS,
    SIGNATURE_COLUMNS,
    SIGNATURE_NIP,
    TITLE_LINES,
    TOTAL_LABEL,
)

# 0-based row numbers of the blocks (xlsxwriter counts from 0).
HEADER_ROW = len(TITLE_LINES) + 1  # after the titles and one blank row
NUMBER_ROW = HEADER_ROW + 2
FIRST_DATA_ROW = NUMBER_ROW + 1
LAST_COL = len(OUTPUT_COLUMNS) - 1

# Fields shown on an extra indicator row (indikator_ke > 1) of the item above.
EXTRA_INDICATOR_FIELDS = frozenset({"indikator", "target", "target_maju"})
FORMULA_PREFIXES = ("=", "+", "-", "@")  # text starting so gets Excel's quote prefix as well
DEFAULT_CREATED = datetime(2000, 1, 1)

# The styles: named property sets, combined per cell and each combination built once.
STYLES = {
    "title": {"bold": True, "align": "center", "valign": "vcenter", "font_size": 12},
    "header": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1, "bg_color": FILL_COLOR},
    "number": {"italic": True, "align": "center", "valign": "vcenter", "font_size": 8, "border": 1},
    "cell": {"valign": "top", "text_wrap": True, "border": 1, "font_size": 10},
    "kode": {"num_format": "@"},
    "text": {},
    "rupiah": {"num_format": RUPIAH_FORMAT},
    "total": {"bold": True, "bg_color": FILL_COLOR},
    "sign": {"align": "center"},
    "sign_name": {"align": "center", "bold": True, "underline": 1},
    "quote": {"quote_prefix": True},
}


class _Styles:
    """Formats of the workbook by the names of STYLES (plus extra properties); one Format per combination."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self._workbook = workbook
        self._built: dict[tuple, object] = {}

    def __call__(self, *names: str, **extra):
        props: dict = {}
        for name in names:
            props.update(STYLES[name])
        props.update(extra)
        key = tuple(sorted(props.items()))
        if key not in self._built:
            self._built[key] = self._workbook.add_format(props)
        return self._built[key]


def _is_blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def tulis_tc33(tidy: pd.DataFrame, meta: Mapping, path: Path) -> Path:
    """Write `tidy` (TIDY_COLUMNS rows in document order) as TC-33.xlsx; return the file written.

    `path` is the folder to write TC-33.xlsx into, or the .xlsx file itself.
    `meta`: tahun (int, year n), kabupaten, kecamatan, tanda_tangan (None or a mapping with optional
    tempat_tanggal, jabatan, nama, nip), and optionally created (datetime stored as the document's date).
    """
    _check(tidy)
    path = Path(path)
    target = path if path.suffix.lower() == ".xlsx" else path / OUTPUT_FILE
    workbook = xlsxwriter.Workbook(
        str(target),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "in_memory": True},
    )
    workbook.set_properties({"created": meta.get("created") or DEFAULT_CREATED})
    sheet = workbook.add_worksheet(OUTPUT_SHEET)
    styles = _Styles(workbook)
    n = int(meta["tahun"])

    _write_titles(sheet, styles, n, meta)
    _write_header(sheet, styles, n)
    total_row = _write_rows(sheet, styles, tidy)
    _write_total(sheet, styles, tidy, total_row)
    if meta.get("tanda_tangan"):
        _write_signature(sheet, styles, meta["tanda_tangan"], total_row + 2)
    _set_page(sheet)
    workbook.close()
    return target


def _check(tidy: pd.DataFrame) -> None:
    needed = {column.field for column in OUTPUT_COLUMNS} | {"level", "indikator_ke"}
    missing = sorted(needed - set(tidy.columns))
    if missing:
        raise ValueError(f"tidy T-C.33 rows lack columns: {missing}")
    unknown = sorted(set(tidy["level"].dropna()) - set(LEVELS)) + (["<empty>"] if tidy["level"].isna().any() else [])
    if unknown:
        raise ValueError(f"unknown level(s) in tidy T-C.33 rows: {unknown}")


def _write_text(sheet, styles: _Styles, row: int, col: int, text: str, *names: str, **extra) -> None:
    """Always a string cell: text that Excel would read as a formula also gets a quote prefix."""
    if text.startswith(FORMULA_PREFIXES):
        names = (*names, "quote")
    sheet.write_string(row, col, text, styles(*names, **extra))


def _write_titles(sheet, styles: _Styles, n: int, meta: Mapping) -> None:
    values = {"n": n, "n1": n + 1, "kabupaten": meta["kabupaten"], "kecamatan": meta["kecamatan"]}
    for row, line in enumerate(TITLE_LINES):
        sheet.merge_range(row, 0, row, LAST_COL, "", styles("title"))
        _write_text(sheet, styles, row, 0, line.format(**values), "title")


def _write_header(sheet, styles: _Styles, n: int) -> None:
    """Two header rows (group headers merged across their columns, the others down both rows), then the numbers."""
    top, sub = HEADER_ROW, HEADER_ROW + 1
    col = 0
    for group, members in itertools.groupby(OUTPUT_COLUMNS, key=lambda c: c.group):
        members = list(members)
        if group is None:
            for column in members:
                sheet.merge_range(top, col, sub, col, "", styles("header"))
                _write_text(sheet, styles, top, col, column.header, "header")
                col += 1
            continue
        sheet.merge_range(top, col, top, col + len(members) - 1, "", styles("header"))
        _write_text(sheet, styles, top, col, group.format(n=n, n1=n + 1), "header")
        for column in members:
            _write_text(sheet, styles, sub, col, column.header, "header")
            col += 1
    for col, column in enumerate(OUTPUT_COLUMNS):
        sheet.set_column(col, col, column.width)
        sheet.write_number(NUMBER_ROW, col, column.nomor, styles("number"))
    sheet.set_row(top, tinggi_baris([(g.format(n=n, n1=n + 1) if g else "", _lebar_grup(g)) for g in
                                     dict.fromkeys(c.group for c in OUTPUT_COLUMNS if c.group)], bold=True))
    sheet.set_row(sub, tinggi_baris([(c.header, c.width) for c in OUTPUT_COLUMNS], bold=True))


def _lebar_grup(group: str | None) -> float:
    return sum(c.width for c in OUTPUT_COLUMNS if c.group == group)


def tinggi_baris(teks_lebar: list[tuple[str, float]], font_size: float = 10, bold: bool = False) -> float:
    """Row height (points) that shows wrapped texts whole: Excel and LibreOffice do not grow rows written by
    xlsxwriter.  A column width of w holds about w characters of a 11 pt font per line."""
    faktor = font_size / 11 * (1.3 if bold else 1.05)
    baris = 1
    for teks, lebar in teks_lebar:
        muat = max(1.0, (lebar - 1) / faktor)
        baris = max(baris, sum(max(1, math.ceil(len(p) / muat)) for p in str(teks).split("\n")))
    return round(baris * font_size * 1.3 + 2, 1)


def _write_rows(sheet, styles: _Styles, tidy: pd.DataFrame) -> int:
    """One sheet row per tidy row; returns the next free row (the total row)."""
    row = FIRST_DATA_ROW
    for item in tidy.to_dict("records"):
        look = LEVEL_LOOK[item["level"]]
        extra_indicator = not _is_blank(item["indikator_ke"]) and int(item["indikator_ke"]) > 1
        level_props = {"bold": look.bold, "italic": look.italic}
        if look.fill:
            level_props["bg_color"] = FILL_COLOR
        for col, column in enumerate(OUTPUT_COLUMNS):
            value = item[column.field]
            hidden = (extra_indicator and column.field not in EXTRA_INDICATOR_FIELDS) or (
                item["level"] == "aktivitas" and column.kind == "kode"
            )
            props = dict(level_props)
            if column.field == "nama":
                props.update(align="left", indent=look.indent)
            if hidden or _is_blank(value):
                sheet.write_blank(row, col, None, styles("cell", column.kind, **props))
            elif column.kind == "rupiah":
                sheet.write_number(row, col, int(value), styles("cell", "rupiah", **props))
            else:
                _write_text(sheet, styles, row, col, str(value), "cell", column.kind, **props)
        teks = [(str(item[c.field]), c.width + (-look.indent * 1.5 if c.field == "nama" else 0))
                for c in OUTPUT_COLUMNS if c.kind == "text" and not _is_blank(item[c.field])]
        sheet.set_row(row, tinggi_baris(teks, bold=look.bold))
        row += 1
    return row


def _program_amounts(tidy: pd.DataFrame) -> pd.DataFrame:
    """The program rows (first indicator line of each program) with their sheet row."""
    first_line = tidy["indikator_ke"].fillna(1).astype(int) <= 1
    rows = pd.Series(range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(tidy)), index=tidy.index, name="sheet_row")
    is_program = (tidy["level"] == "program") & first_line
    return tidy.loc[is_program].assign(sheet_row=rows[is_program])


def _write_total(sheet, styles: _Styles, tidy: pd.DataFrame, row: int) -> None:
    """TOTAL PAGU: each rupiah column is a formula adding up the program rows, with its value stored."""
    programs = _program_amounts(tidy)
    first_amount = min(col for col, column in enumerate(OUTPUT_COLUMNS) if column.kind == "rupiah")
    sheet.merge_range(row, 0, row, first_amount - 1, "", styles("cell", "total"))
    _write_text(sheet, styles, row, 0, TOTAL_LABEL, "cell", "total", align="center")
    for col, column in enumerate(OUTPUT_COLUMNS):
        if col < first_amount:
            continue
        if column.kind != "rupiah":
            sheet.write_blank(row, col, None, styles("cell", "total"))
            continue
        cells = [xl_rowcol_to_cell(r, col) for r in programs["sheet_row"]]
        formula = "=" + ("+".join(cells) if cells else "0")
        value = int(programs[column.field].sum(skipna=True))
        sheet.write_formula(row, col, formula, styles("cell", "rupiah", "total"), value)


def _write_signature(sheet, styles: _Styles, sign: Mapping, row: int) -> None:
    """Place and date, jabatan, room to sign, name (bold, underlined), NIP; merged across SIGNATURE_COLUMNS."""
    first, last = (nomor - 1 for nomor in SIGNATURE_COLUMNS)
    nip = sign.get("nip")
    lines = [
        (sign.get("tempat_tanggal"), "sign"),
        (sign.get("jabatan"), "sign"),
        *[(None, "sign")] * SIGNATURE_BLANK_ROWS,
        (sign.get("nama"), "sign_name"),
        (None if _is_blank(nip) else SIGNATURE_NIP.format(nip=nip), "sign"),
    ]
    for text, style in lines:
        if not _is_blank(text):
            sheet.merge_range(row, first, row, last, "", styles(style))
            _write_text(sheet, styles, row, first, str(text), style)
        row += 1


def _set_page(sheet) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    sheet.repeat_rows(HEADER_ROW, NUMBER_ROW)
    sheet.freeze_panes(FIRST_DATA_ROW, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(PAGE_FOOTER)
