"""How a standard output workbook is declared: title lines, columns (with groups and numbers), computed columns.

A layout's output is a ``Keluaran``; ``flows.tulis_tabel`` writes any of them.  Texts may hold the placeholders
``{n}``, ``{n1}``, ``{n2}``, ``{n3}`` (year n, n+1, n-2, n-3 as numbers; ``{n_1}`` is n-1), ``{kabupaten}``,
``{kecamatan}``.
"""
from __future__ import annotations

from dataclasses import dataclass

# Column kinds and how the writer shows them.
TEKS = "text"  # text, wrapped
KODE = "kode"  # text, never a number
RUPIAH = "rupiah"  # whole Rupiah, number format #,##0
NOMOR = "nomor"  # a row number (1, 2, 3 …), centred
TARGET = "target"  # a target: written as a NUMBER with a format that shows its unit ('12 Laporan', '66,67%'),
#                    so formulas can compute with it; the tidy frame gives <field>_nilai and <field>_satuan
PERSEN = "persen"  # a percentage computed by a formula (see OutputColumn.rumus); its value is stored too


@dataclass(frozen=True)
class OutputColumn:
    """One column of the standard layout.

    ``nomor``: the text of the column-number row (e.g. ``"8=(7/6)"``); ``header``: own header text; ``group``: text
    of the group header merged over consecutive columns with the same group (None: the header spans both rows);
    ``field``: the tidy column shown; ``rumus``: for computed columns, an Excel formula template over other columns
    of the same row, written ``{kolom:N}`` for the cell of output column number N (e.g.
    ``"=IFERROR({kolom:7}/{kolom:6}*100,\\"\\")"``); the writer also stores the value computed by the pipeline
    (tidy column ``field``) so that readers that do not recalculate see it.
    """

    nomor: str
    header: str
    group: str | None
    field: str
    width: float
    kind: str = TEKS
    rumus: str | None = None


@dataclass(frozen=True)
class Keluaran:
    """A standard workbook: file name, sheet name, title lines, columns, optional total row label and fields."""

    file: str
    sheet: str
    judul: tuple[str, ...]
    kolom: tuple[OutputColumn, ...]
    total_label: str | None = None
    total_fields: tuple[str, ...] = ()
    kosong_teks: str | None = None  # text written across the table when it has no rows (e.g. "NIHIL")
