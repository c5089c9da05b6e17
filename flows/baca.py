"""Read a workbook's cells (values, positions, merged ranges) into the cells frames of transforms.sel."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from transforms.sel import CELL_COLUMNS, MERGE_COLUMNS

EKSTENSI_DIDUKUNG = (".xlsx", ".xlsm", ".xls")


class BerkasTidakTerbaca(Exception):
    """A workbook that cannot be read; the message is Indonesian and names the file."""


@dataclass(frozen=True)
class IsiBerkas:
    cells: pd.DataFrame
    merges: pd.DataFrame
    sheets: tuple[str, ...]


def baca_workbook(path: Path) -> IsiBerkas:
    """All non-empty cells of every sheet, with their 1-based positions, and the merged ranges."""
    from python_calamine import CalamineWorkbook

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
