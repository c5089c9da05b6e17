"""Write the tidy T-C.33 rows as the formatted, print-ready standard table TC-33.xlsx (T-C.33's Keluaran, tulis_tabel).

Sheet layout (Excel rows, 1-based): the four title lines of TITLE_LINES, a blank row, the headers in rows 6-7, the
column numbers 1..10 in row 8, one row per tidy row from row 9, then the TOTAL PAGU row and the signature block
(see flows.langkah.tulis.tabel).  What is T-C.33's own: the look of each level, the extra indicator lines that show only
their indicator and targets, aktivitas rows without kode, and a total that adds up the programs.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter  # noqa: F401  (the writer's workbook class; tests patch xlsxwriter.Workbook through this module)

from flows.langkah.tulis.tabel import posisi, tulis_tabel
from schemas.keluaran import KODE, RUPIAH, Keluaran, OutputColumn, Tampilan
from schemas.tc33 import (
    LEVEL_LOOK,
    LEVELS,
    OUTPUT_COLUMNS,
    OUTPUT_FILE,
    OUTPUT_SHEET,
    SIGNATURE_COLUMNS,
    TITLE_LINES,
    TOTAL_LABEL,
)

# Fields shown on an extra indicator row (indikator_ke > 1) of the item above.
EXTRA_INDICATOR_FIELDS = frozenset({"indikator", "target", "target_maju"})
MASUK_TOTAL = "_masuk_total"  # column added for the writer: the rows TOTAL PAGU adds up (each program's first line)

KELUARAN = Keluaran(
    file=OUTPUT_FILE,
    sheet=OUTPUT_SHEET,
    judul=TITLE_LINES,
    kolom=tuple(OutputColumn(str(c.nomor), c.header, c.group, c.field, c.width, c.kind) for c in OUTPUT_COLUMNS),
    total_label=TOTAL_LABEL,
    total_fields=tuple(c.field for c in OUTPUT_COLUMNS if c.kind == RUPIAH),
    total_penanda=MASUK_TOTAL,
    tampilan_field="level",
    tampilan=tuple((level, Tampilan(look.bold, look.italic, look.fill, look.indent))
                   for level, look in LEVEL_LOOK.items()),
    indent_field="nama",
    tanda_tangan_kolom=SIGNATURE_COLUMNS,
)
FIRST_DATA_ROW = posisi(KELUARAN).data  # 0-based (xlsxwriter counts from 0)


def tulis_tc33(tidy: pd.DataFrame, meta: Mapping, path: Path) -> Path:
    """Write `tidy` (TIDY_COLUMNS rows in document order) as TC-33.xlsx; return the file written.

    `path` is the folder to write TC-33.xlsx into, or the .xlsx file itself.
    `meta`: tahun (int, year n), kabupaten, kecamatan, tanda_tangan (None or a mapping with optional
    tempat_tanggal, jabatan, nama, nip), and optionally created (datetime stored as the document's date).
    """
    _check(tidy)
    return tulis_tabel(_as_shown(tidy), KELUARAN, meta, path)


def _check(tidy: pd.DataFrame) -> None:
    """Every column is there and every level is one of LEVELS or empty: an item whose level neither its kode nor the
    layout tells (transforms.tc33 reports it, kode-tidak-terbaca or level-tidak-diketahui, naming its cell) is written
    where it stands, without a level's look."""
    needed = {column.field for column in OUTPUT_COLUMNS} | {"level", "indikator_ke"}
    missing = sorted(needed - set(tidy.columns))
    if missing:
        raise ValueError(f"tidy T-C.33 rows lack columns: {missing}")
    unknown = sorted(set(tidy["level"].dropna()) - set(LEVELS))
    if unknown:
        raise ValueError(f"unknown level(s) in tidy T-C.33 rows: {unknown}")


def _as_shown(tidy: pd.DataFrame) -> pd.DataFrame:
    """A new frame as the sheet shows it: an extra indicator line keeps only EXTRA_INDICATOR_FIELDS, an aktivitas
    row has no kode; column MASUK_TOTAL marks each program's first line."""
    extra = tidy["indikator_ke"].fillna(1).astype(int) > 1
    aktivitas = tidy["level"] == "aktivitas"
    hidden = {c.field: extra for c in OUTPUT_COLUMNS if c.field not in EXTRA_INDICATOR_FIELDS}
    for c in OUTPUT_COLUMNS:
        if c.kind == KODE:
            hidden[c.field] = hidden.get(c.field, extra) | aktivitas
    return tidy.assign(
        **{field: tidy[field].mask(mask) for field, mask in hidden.items()},
        **{MASUK_TOTAL: (tidy["level"] == "program") & ~extra},
    )
