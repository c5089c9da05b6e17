"""Write tidy rows as the formatted, print-ready table a ``schemas.keluaran.Keluaran`` declares (xlsxwriter).

Sheet layout (Excel rows, 1-based, for a table with t title lines):
    1 .. t          the title lines, each merged across all columns
    t + 1           blank
    t + 2, t + 3    the two header rows (group headers merged across their columns, the others down both rows)
    t + 4           the column numbers ('1', '2', … or texts such as '8=(7/6)')
    t + 5 ..        one row per tidy row (or one merged row with ``kosong_teks``), the total row, the signature block
"""
from __future__ import annotations

import itertools
import math
import numbers
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_range, xl_rowcol_to_cell, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, Worksheet

from schemas.keluaran import (
    FILL_COLOR,
    KINDS,
    KODE,
    NOMOR,
    PAGE_FOOTER,
    PEMISAH_SATUAN_GABUNGAN,
    PERSEN,
    PERSEN_FORMAT,
    PLACEHOLDERS,
    RUPIAH,
    RUPIAH_FORMAT,
    SATUAN_PERSEN,
    SATUAN_AKHIRAN_ASLI,
    SIGNATURE_BLANK_ROWS,
    SIGNATURE_NIP,
    TARGET,
    TARGET_DESIMAL_MAKS,
    TEKS,
    Keluaran,
    OutputColumn,
    Tampilan,
)
from transforms.angka import parse_angka
from transforms.rekaman import baris_dict

DEFAULT_CREATED = datetime(2000, 1, 1)  # the document date when meta has none: same rows, same bytes
FORMULA_PREFIXES = ("=", "+", "-", "@")  # text starting so gets Excel's quote prefix as well
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                    "in_memory": True}
A4 = 9  # xlsxwriter's paper code

_KOLOM_RUMUS = re.compile(r"\{kolom:(\d+)\}")  # a formula template's reference to output column number N
_NOMOR_DEPAN = re.compile(r"\d+")  # the number a column's nomor text starts with: 8 of '8=(7/6)'
_ANGKA_DEPAN = re.compile(r"[+-]?\d+(?:[.,]\d+)*")  # the number a target's text starts with: '60,5' of '60,5 (B-)'

# The styles: named property sets, combined per cell and each combination built once.
STYLES = {
    "title": {"bold": True, "align": "center", "valign": "vcenter", "font_size": 12, "text_wrap": True},
    "header": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
               "bg_color": FILL_COLOR},
    "number": {"italic": True, "align": "center", "valign": "vcenter", "font_size": 8, "border": 1},
    "cell": {"valign": "top", "text_wrap": True, "border": 1, "font_size": 10},
    TEKS: {},
    KODE: {"num_format": "@"},
    RUPIAH: {"num_format": RUPIAH_FORMAT},
    NOMOR: {"align": "center"},
    TARGET: {"align": "center"},
    PERSEN: {"num_format": PERSEN_FORMAT, "align": "center"},
    "empty": {"align": "center", "valign": "vcenter"},
    "total": {"bold": True, "bg_color": FILL_COLOR},
    "sign": {"align": "center"},
    "sign_name": {"align": "center", "bold": True, "underline": 1},
    "quote": {"quote_prefix": True},
}


@dataclass(frozen=True)
class Posisi:
    """0-based sheet rows of a table's blocks."""

    header: int  # first of the two header rows
    nomor: int  # the column-number row
    data: int  # the first data row


def posisi(keluaran: Keluaran) -> Posisi:
    """Where the blocks of ``keluaran`` go: titles, one blank row, two header rows, the numbers, the data."""
    header = len(keluaran.judul) + 1
    return Posisi(header=header, nomor=header + 2, data=header + 3)


class Styles:
    """Formats of the workbook by the names of ``gaya`` (STYLES by default; flows.rekap passes its own) plus extra
    properties; one Format per combination."""

    def __init__(self, workbook: xlsxwriter.Workbook, gaya: Mapping[str, dict] = STYLES):
        self._workbook, self._gaya = workbook, gaya
        self._built: dict[tuple, object] = {}
        self._dipanggil: dict[tuple, object] = {}  # (names, extra) as called -> its Format

    def __call__(self, *names: str, **extra):
        panggilan = (names, tuple(extra.items()))
        try:
            return self._dipanggil[panggilan]
        except KeyError:
            pass
        except TypeError:  # an unhashable extra value: the long way
            return self._buat(names, extra)
        format_ = self._dipanggil[panggilan] = self._buat(names, extra)
        return format_

    def _buat(self, names: tuple[str, ...], extra: dict):
        props: dict = {}
        for name in names:
            props.update(self._gaya[name])
        props.update(extra)
        key = tuple(sorted(props.items()))
        if key not in self._built:
            self._built[key] = self._workbook.add_format(props)
        return self._built[key]


class Lembar(Worksheet):
    """xlsxwriter's worksheet, writing the XML of its plain cells — a shared string, a number or a blank, each with
    a format — in one step: the very bytes of ``Worksheet._write_cell`` (``<c r="B7" s="3" t="s"><v>12</v></c>``;
    a row and column reference and a format index need no escaping) without its list of attributes and the calls
    of xmlwriter per cell, which were half of closing a table's workbook (issue 13).  Every other cell (formulas,
    cells without a format, constant_memory) is Worksheet's own; tests/test_tulis_tabel_cepat.py compares the two."""

    def _write_cell(self, row: int, col: int, cell) -> None:
        jenis = type(cell)
        if cell.format and not self.constant_memory:
            if jenis is CellStringTuple:
                self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}" t="s">'
                              f'<v>{cell.string}</v></c>')
                return
            if jenis is CellNumberTuple:
                self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}">'
                              f'<v>{cell.number:.16G}</v></c>')
                return
            if jenis is CellBlankTuple:
                self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"/>')
                return
        super()._write_cell(row, col, cell)

    def _prepare_formula(self, formula, expand_future_functions=False):
        """``Worksheet._prepare_formula``: without its thirty-odd ``re.sub`` when the formula calls only functions
        none of them renames (``_FUNGSI_LAMA``: the tables' IFERROR, ROUND, SUM) and has no braces: then it only
        loses its leading '='."""
        if "{" not in formula and "}" not in formula and "_xlfn." not in formula and \
                all(nama in _FUNGSI_LAMA for nama in _PANGGILAN_FUNGSI.findall(formula)):
            return formula[1:] if formula.startswith("=") else formula
        return super()._prepare_formula(formula, expand_future_functions)


# A formula's function names: each maximal run of word characters right before "(" (every pattern
# Worksheet._prepare_formula replaces ends in "(" after a name).  Functions of Excel 2007 it never renames:
_PANGGILAN_FUNGSI = re.compile(r"(\w+)\(")
_FUNGSI_LAMA = frozenset({"IFERROR", "ROUND", "SUM"})


def tulis_tabel(tidy: pd.DataFrame, keluaran: Keluaran, meta: Mapping, path: Path) -> Path:
    """Write ``tidy`` (one row per table row, in order) as the table ``keluaran``; return the file written.

    ``path``: the folder to write ``keluaran.file`` into, or the .xlsx file itself.  ``meta``: tahun (int, year n),
    kabupaten, kecamatan (for the placeholders of titles and headers), tanda_tangan (None or a mapping with
    optional tempat_tanggal, jabatan, nama, nip), optionally created (the document's date; default 2000-01-01 so
    that the same rows give the same bytes).  ``tidy`` needs each column's ``field``, plus ``<field>_nilai`` and
    ``<field>_satuan`` for TARGET columns and the ``total_penanda``/``tampilan_field`` columns when declared.
    Raises ValueError (before writing anything) when the declaration or the frame does not fit.
    """
    _check(tidy, keluaran)
    tidy = _baris_indikator_tambahan(tidy, keluaran)
    path = Path(path)
    target = path if path.suffix.lower() == ".xlsx" else path / keluaran.file
    workbook = xlsxwriter.Workbook(str(target), WORKBOOK_OPTIONS)
    workbook.set_properties({"created": meta.get("created") or DEFAULT_CREATED})
    sheet = workbook.add_worksheet(keluaran.sheet, worksheet_class=Lembar)
    styles = Styles(workbook)
    teks = _pengisi(meta)
    pos = posisi(keluaran)

    _write_titles(sheet, styles, keluaran, teks)
    _write_header(sheet, styles, keluaran, teks, pos)
    _write_number_row(sheet, styles, keluaran, pos)
    if tidy.empty and keluaran.kosong_teks is not None:
        row = _write_kosong(sheet, styles, keluaran, pos)
    else:
        row = _write_rows(sheet, styles, keluaran, tidy, pos)
    if keluaran.total_label is not None or keluaran.total_fields:
        row = _write_total(sheet, styles, keluaran, tidy, pos, row)
    if meta.get("tanda_tangan"):
        _write_signature(sheet, styles, keluaran, meta["tanda_tangan"], row + 1)
    _set_page(sheet, pos)
    workbook.close()
    return target


# ------------------------------------------------------------------------------------------------ checks


def _check(tidy: pd.DataFrame, keluaran: Keluaran) -> None:
    """The declaration is consistent and the frame has every column it needs."""
    salah = [f"kind '{c.kind}' of column {c.nomor}" for c in keluaran.kolom if c.kind not in KINDS]
    nomor = [nomor_kolom(c) for c in keluaran.kolom]
    salah += [f"column number {n} twice" for n in sorted({n for n in nomor if n is not None and nomor.count(n) > 1})]
    for column in keluaran.kolom:
        salah += [f"formula of column {column.nomor} refers to column {n}" for n in _rujukan(column.rumus)
                  if n not in nomor]
    fields = {c.field for c in keluaran.kolom}
    salah += [f"total field '{f}' is not a column" for f in keluaran.total_fields if f not in fields]
    salah += [f"placeholder {{{nama}}} in '{teks}'" for teks in _teks_berpengisi(keluaran)
              for _, nama, _, _ in string.Formatter().parse(teks) if nama is not None and nama not in PLACEHOLDERS]
    if salah:
        raise ValueError(f"declaration {keluaran.file} is inconsistent: {'; '.join(salah)}")
    missing = sorted(_kolom_perlu(keluaran) - set(tidy.columns))
    if missing:
        raise ValueError(f"tidy rows for {keluaran.file} lack columns: {missing}")


def _baris_indikator_tambahan(tidy: pd.DataFrame, keluaran: Keluaran) -> pd.DataFrame:
    """An item's extra indicator rows (``indikator_ke`` > 1) do not repeat its kode and name (``field_item``): a
    reader takes a row with a kode for a new item."""
    if "indikator_ke" not in tidy or tidy.empty:
        return tidy
    tambahan = (tidy["indikator_ke"].fillna(1).astype(int) > 1).to_numpy()
    ganti = {}
    for f in dict.fromkeys(f for f in keluaran.field_item if f in tidy):
        isi = tidy[f].astype(object).to_numpy(copy=True)
        isi[tambahan] = None
        ganti[f] = isi
    return tidy.assign(**ganti)  # those columns as object, None on the extra rows (one copy of the frame)


def _teks_berpengisi(keluaran: Keluaran) -> list[str]:
    """The texts whose placeholders are filled: titles, own headers, group headers."""
    return [*keluaran.judul, *(c.header for c in keluaran.kolom), *(c.group for c in keluaran.kolom if c.group)]


def _kolom_perlu(keluaran: Keluaran) -> set[str]:
    perlu = {c.field for c in keluaran.kolom}
    perlu |= {f"{c.field}_{akhiran}" for c in keluaran.kolom if c.kind == TARGET and not c.rumus
              for akhiran in ("nilai", "satuan")}
    perlu |= {c.cadangan for c in keluaran.kolom if c.cadangan}
    return perlu | {f for f in (keluaran.total_penanda, keluaran.tampilan_field) if f}


def nomor_kolom(column: OutputColumn) -> int | None:
    """The number a column's ``nomor`` text starts with (8 for '8=(7/6)'); None when it starts otherwise."""
    match = _NOMOR_DEPAN.match(column.nomor.strip())
    return int(match.group()) if match else None


def _rujukan(rumus: str | None) -> list[int]:
    return [int(n) for n in _KOLOM_RUMUS.findall(rumus or "")]


# ------------------------------------------------------------------------------------------------ values


def _is_blank(value) -> bool:
    t = type(value)  # the plain types first, without pd.isna (the same answers)
    if t is str:
        return value == ""
    if value is None:
        return True
    if t is int or t is bool:
        return False
    if t is float:
        return value != value
    return (not isinstance(value, str) and pd.isna(value)) or value == ""


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not pd.isna(value)


def _pengisi(meta: Mapping) -> Callable[[str], str]:
    """Fill the placeholders (schemas.keluaran.PLACEHOLDERS) of a title or header text."""
    n = int(meta["tahun"])
    values = {"n": n, "n1": n + 1, "n_1": n - 1, "n2": n - 2, "n3": n - 3, "n_plus_2": n + 2,
              "kabupaten": meta["kabupaten"], "kecamatan": meta["kecamatan"]}
    return lambda teks: teks.format(**values)


def format_target(nilai, satuan, teks=None) -> str | None:
    """Number format showing a target's number and its satuan, e.g. '0" Laporan"', '0.##"%"'; None: write the text.

    Whole numbers get '0', others as many '#' decimals as they need (at most TARGET_DESIMAL_MAKS).  A canonical
    satuan is shown after the number ('%' for SATUAN_PERSEN); an index or compound satuan (SATUAN_AKHIRAN_ASLI, '/'),
    or none, shows the rest of ``teks`` as typed after its leading number ('60.5 (B-)' → '0.#" (B-)"').  None when
    the number is unknown or ``teks`` does not start with it ('Rp 5.000'): then the text is written as it is.
    """
    if _is_blank(nilai):
        return None
    pola = _pola_angka(float(nilai))
    if not _is_blank(satuan) and str(satuan) not in SATUAN_AKHIRAN_ASLI and PEMISAH_SATUAN_GABUNGAN not in str(satuan):
        return pola + _literal("%" if satuan == SATUAN_PERSEN else " " + str(satuan))
    akhiran = _akhiran(teks, float(nilai))
    if akhiran is None:
        return None
    return pola + _literal(akhiran) if akhiran else pola


def _akhiran(teks, nilai: float) -> str | None:
    """The text after the number ``teks`` starts with ('' when none); None when it does not start with ``nilai``."""
    if _is_blank(teks):
        return ""
    teks = str(teks).strip()
    depan = _ANGKA_DEPAN.match(teks)
    angka = parse_angka(depan.group()).nilai if depan else None
    if angka is None or not math.isclose(angka, nilai, rel_tol=1e-9, abs_tol=1e-9):
        return None
    return teks[depan.end():]


@lru_cache(maxsize=4096)
def _pola_angka(nilai: float) -> str:
    """'0' for a whole number, '0.#', '0.##' … with just the decimals needed (never a trailing '.')."""
    bulat = round(nilai, TARGET_DESIMAL_MAKS)
    desimal = next(k for k in range(TARGET_DESIMAL_MAKS + 1) if math.isclose(round(bulat, k), bulat, abs_tol=1e-9))
    return "0" if desimal == 0 else "0." + "#" * desimal


def _literal(teks: str) -> str:
    """A number-format literal: the text in double quotes, each '"' in it written as '"\\""' (close, \\", reopen)."""
    return '"' + teks.replace('"', '"\\""') + '"'


def rumus_sel(template: str, row: int, kolom_nomor: Mapping[int, int]) -> str:
    """The formula of one cell: each ``{kolom:N}`` becomes the cell of column number N in sheet row ``row``."""
    return _KOLOM_RUMUS.sub(lambda m: xl_rowcol_to_cell(row, kolom_nomor[int(m.group(1))]), template)


def _nilai_rumus(value, kind: str):
    """The value stored with a formula: the pipeline's own result; NA → '' (an empty result), text stays text."""
    if _is_blank(value):
        return ""
    if not _is_number(value):
        return str(value)
    return int(value) if kind == RUPIAH else float(value)


# ------------------------------------------------------------------------------------------------ row heights


def jumlah_baris(teks_lebar: list[tuple[str, float]], font_size: float = 10, bold: bool = False) -> int:
    """Lines the longest of the wrapped texts takes: a column width of w holds about w characters of 11 pt."""
    faktor = font_size / 11 * (1.3 if bold else 1.05)
    baris = 1
    for teks, lebar in teks_lebar:
        muat = max(1.0, (lebar - 1) / faktor)
        baris = max(baris, sum(max(1, math.ceil(len(p) / muat)) for p in str(teks).split("\n")))
    return baris


def tinggi_garis(baris: int, font_size: float = 10) -> float:
    """Row height (points) of ``baris`` lines of text."""
    return round(baris * font_size * 1.3 + 2, 1)


def tinggi_baris(teks_lebar: list[tuple[str, float]], font_size: float = 10, bold: bool = False) -> float:
    """Row height (points) that shows wrapped texts whole: Excel and LibreOffice do not grow rows written by
    xlsxwriter.  A column width of w holds about w characters of a 11 pt font per line."""
    return tinggi_garis(jumlah_baris(teks_lebar, font_size, bold), font_size)


# ------------------------------------------------------------------------------------------------ blocks


def write_text(sheet, styles: Styles, row: int, col: int, text: str, *names: str, **extra) -> None:
    """Always a string cell: text that Excel would read as a formula also gets a quote prefix."""
    if text.startswith(FORMULA_PREFIXES):
        names = (*names, "quote")
    sheet.write_string(row, col, text, styles(*names, **extra))


def _merge_text(sheet, styles: Styles, row: int, first: int, last: int, text: str, *names: str, **extra) -> None:
    """A text across columns first..last of one row (merged when they are more than one)."""
    if last > first:
        sheet.merge_range(row, first, row, last, "", styles(*names, **extra))
    write_text(sheet, styles, row, first, text, *names, **extra)


def _write_titles(sheet, styles: Styles, keluaran: Keluaran, teks: Callable[[str], str]) -> None:
    lebar = sum(c.width for c in keluaran.kolom)
    for row, line in enumerate(keluaran.judul):
        _merge_text(sheet, styles, row, 0, len(keluaran.kolom) - 1, teks(line), "title")
        sheet.set_row(row, tinggi_baris([(teks(line), lebar)], font_size=12, bold=True))


def _grup(keluaran: Keluaran) -> list[tuple[str | None, list[tuple[int, OutputColumn]]]]:
    """Runs of consecutive columns with the same group, each with its columns' positions."""
    runs = itertools.groupby(enumerate(keluaran.kolom), key=lambda pair: pair[1].group)
    return [(group, list(members)) for group, members in runs]


def _write_header(sheet, styles: Styles, keluaran: Keluaran, teks: Callable[[str], str], pos: Posisi) -> None:
    """Two header rows: a group header merged across its run of columns, a column without group down both rows."""
    top, sub = pos.header, pos.header + 1
    for group, members in _grup(keluaran):
        if group is None:
            for col, column in members:
                sheet.merge_range(top, col, sub, col, "", styles("header"))
                write_text(sheet, styles, top, col, teks(column.header), "header")
            continue
        _merge_text(sheet, styles, top, members[0][0], members[-1][0], teks(group), "header")
        for col, column in members:
            write_text(sheet, styles, sub, col, teks(column.header), "header")
    for col, column in enumerate(keluaran.kolom):
        sheet.set_column(col, col, column.width)
    _set_header_heights(sheet, keluaran, teks, pos)


def _set_header_heights(sheet, keluaran: Keluaran, teks: Callable[[str], str], pos: Posisi) -> None:
    """The top row holds the group texts, the sub row the own headers; a header merged down shares both rows."""
    grup = [(teks(g), sum(c.width for _, c in m)) for g, m in _grup(keluaran) if g is not None]
    sendiri = [(teks(c.header), c.width) for c in keluaran.kolom if c.group is not None]
    turun = [(teks(c.header), c.width) for c in keluaran.kolom if c.group is None]
    atas = jumlah_baris(grup, bold=True)
    bawah = max(jumlah_baris(sendiri, bold=True), jumlah_baris(turun, bold=True) - atas, 1)
    sheet.set_row(pos.header, tinggi_garis(atas))
    sheet.set_row(pos.header + 1, tinggi_garis(bawah))


def _write_number_row(sheet, styles: Styles, keluaran: Keluaran, pos: Posisi) -> None:
    """The column numbers: a number when the nomor text is a plain integer, else the text ('8=(7/6)')."""
    for col, column in enumerate(keluaran.kolom):
        nomor = column.nomor.strip()
        if nomor.isdigit():
            sheet.write_number(pos.nomor, col, int(nomor), styles("number"))
        else:
            write_text(sheet, styles, pos.nomor, col, nomor, "number")


def _write_kosong(sheet, styles: Styles, keluaran: Keluaran, pos: Posisi) -> int:
    """A table without rows: kosong_teks in one row merged across the table; returns the next free row."""
    _merge_text(sheet, styles, pos.data, 0, len(keluaran.kolom) - 1, keluaran.kosong_teks, "cell", "empty")
    return pos.data + 1


def _look(keluaran: Keluaran, item: Mapping) -> Tampilan | None:
    if keluaran.tampilan_field is None:
        return None
    value = item[keluaran.tampilan_field]
    return None if _is_blank(value) else dict(keluaran.tampilan).get(value)


def _props(look: Tampilan | None, column: OutputColumn, keluaran: Keluaran) -> dict:
    """Extra cell properties of a row's look: bold, italic, fill; the indent of the indent_field column."""
    if look is None:
        return {}
    props = {"bold": look.bold, "italic": look.italic}
    if look.fill:
        props["bg_color"] = FILL_COLOR
    if column.field == keluaran.indent_field:
        props.update(align="left", indent=look.indent)
    return props


def _write_rows(sheet, styles: Styles, keluaran: Keluaran, tidy: pd.DataFrame, pos: Posisi) -> int:
    """One sheet row per tidy row, its height fitted to its wrapped texts; returns the next free row.

    A column without a formula (most cells) is written here, as `_write_cell` writes it, through
    xlsxwriter's undecorated writers (``_write_string`` …: what ``write_string`` calls after reading A1 notation,
    which a row and column number never are) with each (look, column)'s formats looked up once: the per-cell calls
    were most of writing a table (issue 13).  The other columns go through `_write_cell`.  A format is still made
    by ``styles`` on its first use, so the workbook's formats come in the same order (the same bytes)."""
    kolom_nomor = {nomor_kolom(c): col for col, c in enumerate(keluaran.kolom)}
    kolom = list(enumerate(keluaran.kolom))
    polos = [not c.rumus for c in keluaran.kolom]
    target = [(f"{c.field}_nilai", f"{c.field}_satuan") if c.kind == TARGET else None for c in keluaran.kolom]
    angka = [c.kind in (NOMOR, PERSEN) for c in keluaran.kolom]
    rupiah = [c.kind == RUPIAH for c in keluaran.kolom]
    per_look: dict = {}  # look -> (its extra properties per column, the formats made: (column, quoted) -> Format)
    tulis_teks, tulis_angka, tulis_kosong = sheet._write_string, sheet._write_number, sheet._write_blank
    row = pos.data
    for item in baris_dict(tidy):
        look = _look(keluaran, item)
        try:
            props, format_ = per_look[look]
        except KeyError:
            props, format_ = per_look[look] = ([_props(look, column, keluaran) for column in keluaran.kolom], {})
        teks = []
        for col, column in kolom:
            if not polos[col]:
                shown = _write_cell(sheet, styles, row, col, column, item, props[col], kolom_nomor)
            else:
                value = item[column.field]
                if target[col] is not None:  # as _write_target: a number in the format of its satuan, else text
                    nilai = item[target[col][0]]
                    pola = format_target(nilai, item[target[col][1]], value)
                    if pola is not None:
                        f = format_.get((col, pola))
                        if f is None:
                            f = format_[col, pola] = styles("cell", TARGET, **props[col], num_format=pola)
                        tulis_angka(row, col, float(nilai), f)
                        continue
                kosong = _is_blank(value)
                if kosong or rupiah[col] or (angka[col] and _is_number(value)):
                    f = format_.get((col, False))
                    if f is None:
                        f = format_[col, False] = styles("cell", column.kind, **props[col])
                    if kosong:
                        tulis_kosong(row, col, None, f)
                    else:
                        tulis_angka(row, col, int(value) if rupiah[col] else value, f)
                    shown = None
                else:
                    shown = str(value)
                    kutip = shown.startswith(FORMULA_PREFIXES)
                    f = format_.get((col, kutip))
                    if f is None:
                        names = ("cell", column.kind, "quote") if kutip else ("cell", column.kind)
                        f = format_[col, kutip] = styles(*names, **props[col])
                    tulis_teks(row, col, shown, f)
            if shown is not None:
                indent = look.indent * 1.5 if look and column.field == keluaran.indent_field else 0
                teks.append((shown, column.width - indent))
        sheet.set_row(row, tinggi_baris(teks, bold=bool(look and look.bold)))
        row += 1
    return row


def _write_cell(sheet, styles: Styles, row: int, col: int, column: OutputColumn, item: Mapping, props: dict,
                kolom_nomor: Mapping[int, int]) -> str | None:
    """One data cell by its column's kind; returns the text written (for the row height), else None."""
    value = item[column.field]
    if column.rumus and column.cadangan and _is_blank(value):
        return _write_cadangan(sheet, styles, row, col, column, item, props)
    if column.rumus:
        _write_formula(sheet, styles, row, col, column, item, props, rumus_sel(column.rumus, row, kolom_nomor))
    elif column.kind == TARGET:
        return _write_target(sheet, styles, row, col, column, item, props)
    elif _is_blank(value):
        sheet.write_blank(row, col, None, styles("cell", column.kind, **props))
    elif column.kind == RUPIAH:
        sheet.write_number(row, col, int(value), styles("cell", RUPIAH, **props))
    elif column.kind in (NOMOR, PERSEN) and _is_number(value):
        sheet.write_number(row, col, value, styles("cell", column.kind, **props))
    else:
        write_text(sheet, styles, row, col, str(value), "cell", column.kind, **props)
        return str(value)
    return None


def _write_cadangan(sheet, styles: Styles, row: int, col: int, column: OutputColumn, item: Mapping,
                    props: dict) -> str | None:
    """Where the pipeline computed nothing, the author's own value (``column.cadangan``) instead of the formula."""
    if f"{column.cadangan}_nilai" in item:
        return _write_target(sheet, styles, row, col, replace(column, field=column.cadangan, kind=TARGET, rumus=None),
                             item, props)
    value = item[column.cadangan]
    if _is_blank(value):
        sheet.write_blank(row, col, None, styles("cell", column.kind, **props))
        return None
    write_text(sheet, styles, row, col, str(value), "cell", column.kind, **props)
    return str(value)


def _write_formula(sheet, styles: Styles, row: int, col: int, column: OutputColumn, item: Mapping, props: dict,
                   formula: str) -> None:
    """A computed cell: the formula with the pipeline's value; a computed TARGET stores ``<field>_nilai`` (when
    the frame has it) with the format of its satuan."""
    value = item[column.field]
    nilai = f"{column.field}_nilai"
    if column.kind == TARGET and nilai in item:
        pola = format_target(item[nilai], item.get(f"{column.field}_satuan"), value)
        props = {**props, "num_format": pola} if pola else props
        value = item[nilai]
    sheet.write_formula(row, col, formula, styles("cell", column.kind, **props), _nilai_rumus(value, column.kind))


def _write_target(sheet, styles: Styles, row: int, col: int, column: OutputColumn, item: Mapping,
                  props: dict) -> str | None:
    """A target as a number whose format shows its satuan when that says it all (format_target), else its text."""
    teks, nilai = item[column.field], item[f"{column.field}_nilai"]
    pola = format_target(nilai, item[f"{column.field}_satuan"], teks)
    if pola is not None:
        sheet.write_number(row, col, float(nilai), styles("cell", TARGET, **props, num_format=pola))
        return None
    if _is_blank(teks):
        sheet.write_blank(row, col, None, styles("cell", TARGET, **props))
        return None
    write_text(sheet, styles, row, col, str(teks), "cell", TARGET, **props)
    return str(teks)


def _total_rows(keluaran: Keluaran, tidy: pd.DataFrame) -> tuple[pd.Series, bool]:
    """Mask of the tidy rows the total adds up (by position), and whether that is every row."""
    if keluaran.total_penanda is None:
        return pd.Series(True, index=range(len(tidy))), True
    return tidy[keluaran.total_penanda].fillna(False).astype(bool).reset_index(drop=True), False


def _write_total(sheet, styles: Styles, keluaran: Keluaran, tidy: pd.DataFrame, pos: Posisi, row: int) -> int:
    """The total row: the label merged left of the first total column, each total field a formula (value stored)."""
    cols = [col for col, c in enumerate(keluaran.kolom) if c.field in keluaran.total_fields]
    first = min(cols, default=len(keluaran.kolom))
    if first > 0:
        _merge_text(sheet, styles, row, 0, first - 1, keluaran.total_label or "", "cell", "total", align="center")
    mask, semua = _total_rows(keluaran, tidy)
    rows = [pos.data + i for i in mask.index[mask]]
    for col in range(first, len(keluaran.kolom)):
        column = keluaran.kolom[col]
        if col not in cols:
            sheet.write_blank(row, col, None, styles("cell", "total"))
            continue
        if not rows:
            formula = "=0"
        elif semua:
            formula = f"=SUM({xl_range(rows[0], col, rows[-1], col)})"
        else:
            formula = "=" + "+".join(xl_rowcol_to_cell(r, col) for r in rows)
        total = pd.to_numeric(tidy[column.field].reset_index(drop=True)[mask], errors="coerce").sum(skipna=True)
        value = int(total) if column.kind == RUPIAH else float(total)
        sheet.write_formula(row, col, formula, styles("cell", column.kind, "total"), value)
    return row + 1


def _signature_columns(keluaran: Keluaran) -> tuple[int, int]:
    """0-based first and last column of the signature block (default: the last third of the columns)."""
    k = len(keluaran.kolom)
    first, last = keluaran.tanda_tangan_kolom or (k - max(1, k // 3) + 1, k)
    return first - 1, last - 1


def _write_signature(sheet, styles: Styles, keluaran: Keluaran, sign: Mapping, row: int) -> None:
    """Place and date, jabatan, room to sign, name (bold, underlined), NIP; merged across the signature columns."""
    first, last = _signature_columns(keluaran)
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
            _merge_text(sheet, styles, row, first, last, str(text), style)
        row += 1


def _set_page(sheet, pos: Posisi) -> None:
    """Landscape A4, one page wide, header and number rows on every page, panes frozen below them, page numbers."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    sheet.repeat_rows(pos.header, pos.nomor)
    sheet.freeze_panes(pos.data, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(PAGE_FOOTER)
