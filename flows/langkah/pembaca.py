"""The one reader: the cells of a workbook or CSV file (values, positions, merged ranges) into transforms.sel frames,
within the cell limits (``baca_terbatas``; light, so that the worker process of flows.mesin.pekerja loads it first).

Number formats (``.xlsx``/``.xlsm`` only): calamine gives values without their formats, so a number whose format
shows a unit is read back as its display text (transforms.tampilan ``teks_tampilan``), the text the transforms
parse as a target:

- a format with a quoted or ``\\``-escaped literal before or after its digits (``0" Laporan"``, ``0.##"%"``,
  ``0.#" (B-)"``, ``0" Orang/12 Bulan"``, ``0\\%``) → the number as the format shows it plus the literal:
  ``0`` no decimals, ``0.##`` up to 2 without trailing zeros, ``0.00`` exactly 2 (12 → '12 Laporan',
  66.67 → '66.67%', 60.5 → '60.5 (B-)');
- a real percent format (``%`` outside quotes: ``0%``, ``0.00%``) → the value × 100 with the decimals it needs (at
  least the format's, up to DESIMAL_PERSEN) and ``%`` (0.6667 → '66.67%', not the '67%' Excel shows).

Numbers are written with '.' as decimal point, at least one integer digit and no thousands separators; a number
shown with exactly three decimals after 1-3 integer digits gets a fourth '0' ('1.2340'), since transforms.angka
reads '1.234' as one thousand two hundred thirty-four.  The section a number uses follows Excel (positive;negative;
zero; one section: '-' before a negative).  Every other number stays a number: formats without a literal or
percent (``#,##0`` amounts, ``0.00``), literals without a letter, digit or '%' (``0"."``), currency literals only
(``"Rp"#,##0``, ``[$Rp-421]``), a section without digits (the ``"-"`` of a zero), dates and times, fractions,
scientific notation, conditions, ``General``.
The formats come from openpyxl in read-only mode, read only when ``xl/styles.xml`` uses a format that may give a
text (most workbooks: ``#,##0`` only, no second pass); a workbook openpyxl cannot read keeps its numbers.
"""
from __future__ import annotations

import csv
import io
import math
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from flows.langkah.penjaga import BARIS_MAKS, GALAT_ZIP, SEL_MAKS, BerkasTidakTerbaca, periksa_berkas
from flows.mesin.pekerja import angka_id
from transforms.bingkai import susun_bingkai
from transforms.sel import CELL_COLUMNS, MERGE_COLUMNS, alamat, pemisah_csv
from transforms.tampilan import format_bermakna, teks_tampilan

__all__ = ["BerkasTidakTerbaca", "IsiBerkas", "baca_workbook", "baca_terbatas"]

EKSTENSI_DIDUKUNG = (".xlsx", ".xlsm", ".xls", ".csv")
EKSTENSI_FORMAT = (".xlsx", ".xlsm")  # workbooks whose number formats are read (openpyxl)
FORMAT_BAWAAN = {9: "0%", 10: "0.00%"}  # the built-in formats (not in styles.xml) that may give a text
DTYPE_TEKS = pd.api.types.pandas_dtype("str")  # what pandas infers for a column of texts (the sheet names)


@dataclass(frozen=True)
class IsiBerkas:
    cells: pd.DataFrame
    merges: pd.DataFrame
    sheets: tuple[str, ...]
    pengodean: str | None = None  # CSV only: "utf-8-sig" (BOM), "utf-8" or "cp1252" (fallback: not valid UTF-8)
    pemisah: str | None = None  # CSV only: the detected delimiter ";", "," or "\t"


def buka_calamine(path: Path):
    """Open a workbook with python-calamine.  A file name that is not valid UTF-8 (bytes of a Windows code page, kept
    by Python as surrogate escapes) cannot be passed by name, so such a file is handed over opened."""
    try:
        nama = str(path)
        nama.encode("utf-8")
    except UnicodeEncodeError:
        with open(path, "rb") as f:
            return CalamineWorkbook.from_filelike(f)
    return CalamineWorkbook.from_path(nama)


def baca_workbook(path: Path) -> IsiBerkas:
    """All non-empty cells of every sheet, with their 1-based positions, and the merged ranges.

    xlsx/xlsm/xls through calamine; in xlsx/xlsm a number whose format shows a unit or is a percent becomes its
    display text (teks_tampilan, module docstring); ``.csv`` through ``baca_csv`` (one sheet named after the file
    stem)."""
    path = Path(path)
    periksa_berkas(path)  # hostile or broken files are refused before any parser opens them
    return _baca_workbook(path)


def _baca_workbook(path: Path) -> IsiBerkas:
    """`baca_workbook` of a file the guard has passed (``periksa_berkas``)."""
    if path.suffix.lower() == ".csv":
        return baca_csv(path)
    try:
        wb = buka_calamine(path)
    except BaseException as e:  # calamine raises its own error types per format, or panics
        if not galat_pembaca(e):
            raise
        raise BerkasTidakTerbaca(f"Berkas '{path.name}' tidak dapat dibaca sebagai workbook Excel: {e}") from e
    formats = format_sel(path) if path.suffix.lower() in EKSTENSI_FORMAT else {}
    cells, merges = [], []
    for nama in wb.sheet_names:
        rows, ranges = _baca_sheet(wb, path, nama)
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row, start=1):
                v = _nilai(v)
                if formats and isinstance(v, (int, float)) and (nama, i, j) in formats:
                    v = teks_tampilan(v, formats[nama, i, j]) or v
                if v is not None:
                    cells.append((nama, i, j, v))
        merges.extend((nama, a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in ranges)
    return IsiBerkas(
        bingkai_sel(cells),
        pd.DataFrame(merges, columns=list(MERGE_COLUMNS)),
        tuple(wb.sheet_names),
    )


def bingkai_sel(cells: list[tuple]) -> pd.DataFrame:
    """The cells frame of (sheet, baris, kolom, nilai) tuples: ``pd.DataFrame(cells, columns=CELL_COLUMNS)
    .astype({"nilai": object})``, built from its columns when some value is a text (then pandas infers the sheet
    names as text, the numbers as int64, and keeps the values as they are: what ``astype(object)`` gives back)."""
    if not any(type(c[3]) is str for c in cells):  # no text: pandas' own inference (numbers only, or no cell)
        return pd.DataFrame(cells, columns=list(CELL_COLUMNS)).astype({"nilai": object})
    sheet, baris, kolom, nilai = zip(*cells)
    isi = np.empty(len(nilai), dtype=object)
    isi[:] = nilai
    return susun_bingkai(list(CELL_COLUMNS), [pd.array(sheet, dtype=DTYPE_TEKS), np.array(baris, dtype=np.int64),
                                              np.array(kolom, dtype=np.int64), isi])


def galat_pembaca(e: BaseException) -> bool:
    """Whether ``e`` is a reader's failure on a bad file: any Exception, or a Rust panic inside calamine (pyo3's
    ``PanicException`` derives from BaseException, not Exception, and cannot be pickled back from a worker)."""
    return isinstance(e, Exception) or type(e).__name__ == "PanicException"


def _baca_sheet(wb, path: Path, nama: str) -> tuple[list[list], list]:
    """Rows (from A1) and merged ranges (0-based, calamine's form) of one sheet.

    calamine converts a number whose format is a date or a duration, and a serial out of range (-1e300 as a date,
    1e20 as ``[h]:mm``) makes it raise or panic for the whole sheet: such a sheet of an .xlsx/.xlsm is read again by
    openpyxl, which reads that cell as the error ``#VALUE!`` (the table's transform then reports the cell).
    BerkasTidakTerbaca when neither can read it."""
    try:
        sheet = wb.get_sheet_by_name(nama)
        return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or []
    except BaseException as e:
        if not galat_pembaca(e):
            raise
        galat = e
    if path.suffix.lower() in EKSTENSI_FORMAT:
        try:
            return _baca_sheet_openpyxl(path, nama)
        except Exception:  # noqa: BLE001, S110 - calamine's reason is the one reported
            pass
    raise BerkasTidakTerbaca(f"Sheet '{nama}' pada berkas '{path.name}' tidak dapat dibaca: {galat}")


def _baca_sheet_openpyxl(path: Path, nama: str) -> tuple[list[list], list]:
    from openpyxl import load_workbook  # lazily: ~0.4 s to import (measured; 0.05 s the interpreter), rarely needed

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Cell … is marked as a date but the serial value … is outside the limits"
        wb = load_workbook(path, data_only=True)  # not read-only: its merged ranges
        try:
            ws = wb[nama]
            rows = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
            ranges = [((r.min_row - 1, r.min_col - 1), (r.max_row - 1, r.max_col - 1)) for r in ws.merged_cells.ranges]
        finally:
            wb.close()
    return rows, ranges


# --- number formats (xlsx/xlsm) -----------------------------------------------------------------------------------


def format_sel(path: Path) -> dict[tuple[str, int, int], str]:
    """(sheet, baris, kolom) → number format of each numeric cell whose format may give a text (teks_tampilan).

    Empty without opening the sheets when the styles part uses no such format; empty when openpyxl cannot read
    the workbook (its numbers are then kept)."""
    if not _styles_bermakna(path):
        return {}
    from openpyxl import load_workbook  # lazily: ~0.4 s to import (measured), only for styles that may give a text

    hasil = {}
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # calamine read it; the formats are only a refinement
        return {}
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some writers state a wrong used range; read every row
            for row in ws.iter_rows():
                for cell in row:
                    v = cell.value
                    if isinstance(v, (int, float)) and not isinstance(v, bool) and format_bermakna(cell.number_format):
                        hasil[ws.title, cell.row, cell.column] = cell.number_format
    except Exception:
        return {}
    finally:
        wb.close()
    return hasil


def _styles_bermakna(path: Path) -> bool:
    """Whether the workbook's cell styles use a number format that may give a text (custom or built-in percent)."""
    try:
        with zipfile.ZipFile(path) as z:
            nama = next((n for n in z.namelist() if n.lower() == "xl/styles.xml"), None)
            if nama is None:
                return False
            akar = ElementTree.fromstring(z.read(nama))
        kustom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in akar.iterfind("{*}numFmts/{*}numFmt")}
        dipakai = {int(xf.get("numFmtId", 0)) for xf in akar.iterfind("{*}cellXfs/{*}xf")}
    except (*GALAT_ZIP, ElementTree.ParseError, TypeError):
        return False
    return any(format_bermakna(kustom.get(i, FORMAT_BAWAAN.get(i, ""))) for i in dipakai)














def _nilai(v):
    """Cell value as str/int/float, or None for empty; dates become ISO text."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 2**53 else v
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    if isinstance(v, str):
        return v if v.strip() else None
    return v


def baca_csv(path: Path) -> IsiBerkas:
    """A CSV file as one sheet named after the file stem; every value a string (blank → absent), no merges.

    Encoding: UTF-8 with or without BOM, else cp1252 (``pengodean`` says which). Delimiter ``;``, ``,`` or tab by
    ``csv.Sniffer`` (``;`` on ties: transforms.sel.pemisah_csv). CRLF or LF; quoted fields may hold the delimiter and
    newlines (a CRLF inside a field becomes LF, as in a workbook cell). Raises BerkasTidakTerbaca for a file that is not text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BerkasTidakTerbaca(f"Berkas '{path.name}' tidak dapat dibuka: {e}") from e
    teks, pengodean = dekode_csv(data, path)
    pemisah = pemisah_csv(teks)
    try:
        rows = list(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))
    except csv.Error as e:
        raise BerkasTidakTerbaca(f"Berkas CSV '{path.name}' tidak dapat diurai: {e}") from e
    nama = path.stem
    cells = [(nama, i, j, v.replace("\r\n", "\n")) for i, row in enumerate(rows, start=1)
             for j, v in enumerate(row, start=1) if v.strip()]
    return IsiBerkas(
        bingkai_sel(cells),
        pd.DataFrame([], columns=list(MERGE_COLUMNS)),
        (nama,),
        pengodean,
        pemisah,
    )


def dekode_csv(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, UTF-8, else cp1252; refuse NUL bytes, undecodable or control-laden data."""
    teks = pengodean = None
    if b"\x00" not in data:
        for pengodean in ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", "cp1252"):
            try:
                teks = data.decode(pengodean)
                break
            except UnicodeDecodeError:
                continue
    kendali = sum(1 for c in teks or "" if c < " " and c not in "\t\r\n\f")
    if teks is None or kendali > len(teks) // 100:
        raise BerkasTidakTerbaca(
            f"Berkas '{path.name}' bukan teks CSV (UTF-8 atau Windows-1252); mungkin workbook Excel yang diberi "
            "akhiran .csv: simpan ulang sebagai CSV atau beri akhiran yang benar.")
    return teks, pengodean


# ------------------------------------------------------------------------------------ the cell limits


def baca_terbatas(path) -> IsiBerkas:
    """``baca_workbook(path)`` with the cell limits of the module docstring; raises BerkasTidakTerbaca.

    The guard runs first, so that no parser opens what it refuses; then calamine's used range of every sheet is
    checked before baca_workbook converts its cells; then the cells read (a CSV has no range to check first)."""
    path = Path(path)
    periksa_berkas(path)
    if path.suffix.lower() != ".csv":
        _periksa_rentang(path)
    isi = _baca_workbook(path)  # guarded above: not a second time
    if len(isi.cells) > SEL_MAKS or (not isi.cells.empty and isi.cells["baris"].max() > BARIS_MAKS):
        per_sheet = isi.cells.groupby("sheet", sort=False).agg(n=("baris", "size"), baris=("baris", "max"),
                                                               kolom=("kolom", "max"))
        for nama, r in per_sheet.iterrows():
            _periksa_ukuran(path, str(nama), int(r["baris"]), int(r["kolom"]), int(r["n"]))
    return isi


def _periksa_rentang(path: Path) -> None:
    """Every sheet's used range from A1, as calamine holds it, within the limits (a sheet that cannot be read is
    left to baca_workbook, which says why)."""
    try:
        wb = buka_calamine(path)
    except BaseException as e:  # baca_workbook gives the reason
        if not galat_pembaca(e):
            raise
        return
    try:
        for nama in wb.sheet_names:
            try:
                akhir = wb.get_sheet_by_name(nama).end  # (row, column) of the last cell, 0-based; None: empty
            except BaseException as e:
                if not galat_pembaca(e):
                    raise
                continue
            if akhir is not None:
                baris, kolom = akhir[0] + 1, akhir[1] + 1
                _periksa_ukuran(path, nama, baris, kolom, baris * kolom,
                                " Ukuran sheet yang dinyatakan berkas itu tidak ada atau keliru.")
    finally:
        wb.close()


def _periksa_ukuran(path: Path, sheet: str, baris: int, kolom: int, sel: int, catatan: str = "") -> None:
    """Refuse a sheet reaching beyond row BARIS_MAKS or holding more than SEL_MAKS cells (``sel``)."""
    if baris > BARIS_MAKS or sel > SEL_MAKS:
        raise BerkasTidakTerbaca(
            f"Berkas '{path.name}' memuat sheet '{sheet}' yang terlalu besar: terisi sampai sel {alamat(baris, kolom)} "
            f"({angka_id(baris)} baris × {angka_id(kolom)} kolom, {angka_id(sel)} sel; batas {angka_id(BARIS_MAKS)} baris dan "
            f"{angka_id(SEL_MAKS)} sel).{catatan}")
