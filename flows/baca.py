"""Read the cells of a workbook or CSV file (values, positions, merged ranges) into transforms.sel frames."""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from transforms.sel import CELL_COLUMNS, MERGE_COLUMNS

EKSTENSI_DIDUKUNG = (".xlsx", ".xlsm", ".xls", ".csv")
PEMISAH_CSV = ";,\t"  # urutan = pilihan bila Sniffer ragu (seri): titik koma dulu, seperti Excel Indonesia
CONTOH_CSV = 64 * 1024  # karakter yang diperiksa Sniffer


class BerkasTidakTerbaca(Exception):
    """A workbook that cannot be read; the message is Indonesian and names the file."""


@dataclass(frozen=True)
class IsiBerkas:
    cells: pd.DataFrame
    merges: pd.DataFrame
    sheets: tuple[str, ...]
    pengodean: str | None = None  # CSV only: "utf-8-sig" (BOM), "utf-8" or "cp1252" (fallback: not valid UTF-8)
    pemisah: str | None = None  # CSV only: the detected delimiter ";", "," or "\t"


def baca_workbook(path: Path) -> IsiBerkas:
    """All non-empty cells of every sheet, with their 1-based positions, and the merged ranges.

    xlsx/xlsm/xls through calamine; ``.csv`` through ``baca_csv`` (one sheet named after the file stem)."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if path.suffix.lower() == ".csv":
        return baca_csv(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises its own error types per format
        raise BerkasTidakTerbaca(f"Berkas '{path.name}' tidak dapat dibaca sebagai workbook Excel: {e}") from e
    cells, merges = [], []
    for nama in wb.sheet_names:
        try:
            sheet = wb.get_sheet_by_name(nama)
            rows = sheet.to_python(skip_empty_area=False)
            ranges = sheet.merged_cell_ranges or []
        except Exception as e:
            raise BerkasTidakTerbaca(f"Sheet '{nama}' pada berkas '{path.name}' tidak dapat dibaca: {e}") from e
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row, start=1):
                v = _nilai(v)
                if v is not None:
                    cells.append((nama, i, j, v))
        merges.extend((nama, a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in ranges)
    return IsiBerkas(
        pd.DataFrame(cells, columns=list(CELL_COLUMNS)).astype({"nilai": object}),
        pd.DataFrame(merges, columns=list(MERGE_COLUMNS)),
        tuple(wb.sheet_names),
    )


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
    ``csv.Sniffer`` (``;`` on ties). CRLF or LF; quoted fields may hold the delimiter and newlines (a CRLF inside
    a field becomes LF, as in a workbook cell). Raises BerkasTidakTerbaca for a file that is not text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BerkasTidakTerbaca(f"Berkas '{path.name}' tidak dapat dibuka: {e}") from e
    teks, pengodean = _dekode_csv(data, path)
    pemisah = _pemisah_csv(teks)
    try:
        rows = list(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))
    except csv.Error as e:
        raise BerkasTidakTerbaca(f"Berkas CSV '{path.name}' tidak dapat diurai: {e}") from e
    nama = path.stem
    cells = [(nama, i, j, v.replace("\r\n", "\n")) for i, row in enumerate(rows, start=1)
             for j, v in enumerate(row, start=1) if v.strip()]
    return IsiBerkas(
        pd.DataFrame(cells, columns=list(CELL_COLUMNS)).astype({"nilai": object}),
        pd.DataFrame([], columns=list(MERGE_COLUMNS)),
        (nama,),
        pengodean,
        pemisah,
    )


def _dekode_csv(data: bytes, path: Path) -> tuple[str, str]:
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


def _pemisah_csv(teks: str) -> str:
    """Delimiter by csv.Sniffer on the first complete lines; ``;`` on ties or when Sniffer cannot tell."""
    contoh = teks[:CONTOH_CSV]
    if len(teks) > CONTOH_CSV and "\n" in contoh:
        contoh = contoh[: contoh.rindex("\n")]
    sniffer = csv.Sniffer()
    sniffer.preferred = list(PEMISAH_CSV)
    try:
        return sniffer.sniff(contoh, delimiters=PEMISAH_CSV).delimiter
    except csv.Error:  # one column, or no delimiter consistent over the lines: the most frequent, ";" on ties
        return max(PEMISAH_CSV, key=lambda d: (contoh.count(d), -PEMISAH_CSV.index(d)))
