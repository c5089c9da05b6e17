"""How a standard output workbook is declared: title lines, columns (with groups and numbers), computed columns.

A layout's output is a ``Keluaran``; ``flows.langkah.tulis.tabel`` writes any of them.  Texts may hold the placeholders
``{n}``, ``{n1}``, ``{n2}``, ``{n3}`` (year n, n+1, n-2, n-3 as numbers; ``{n_1}`` is n-1, ``{n_plus_2}`` n+2),
``{kabupaten}``, ``{kecamatan}`` (PLACEHOLDERS; any other is refused before writing).

Computed columns: the formula must give the pipeline's value whenever it can be computed, and "" when the
pipeline has none.  Excel reads a blank cell as 0 and ``IFERROR`` does not catch that, so guard the operands:
``=IF(COUNT({kolom:7},{kolom:6})=2,IFERROR({kolom:7}/{kolom:6}*100,""),"")``, and round as the pipeline
rounds (``ROUND(…,2)``).
"""
from __future__ import annotations

from dataclasses import dataclass

PLACEHOLDERS = ("n", "n1", "n_1", "n2", "n3", "n_plus_2", "kabupaten", "kecamatan")

# Column kinds and how the writer shows them.
TEKS = "text"  # text, wrapped
KODE = "kode"  # text, never a number
RUPIAH = "rupiah"  # whole Rupiah, number format #,##0
NOMOR = "nomor"  # a row number (1, 2, 3 …), centred
TARGET = "target"  # a target: written as a NUMBER with a format that shows its unit ('12 Laporan', '66,67%'),
#                    so formulas can compute with it; the tidy frame gives <field>_nilai and <field>_satuan
#                    (for a computed TARGET column they are optional: its stored value is <field>_nilai when given)
PERSEN = "persen"  # a percentage computed by a formula (see OutputColumn.rumus); its value is stored too
KINDS = (TEKS, KODE, RUPIAH, NOMOR, TARGET, PERSEN)

# How the writer shows numbers.  Shown with ',' as decimal and '.' as thousands separator under an Indonesian locale.
RUPIAH_FORMAT = "#,##0"
PERSEN_FORMAT = "0.00"  # a computed percentage: 66.67 (the number is 66.67, not 0.6667)
# A TARGET number is written with a format that shows its satuan: '0" Laporan"', '0.##" Laporan"', '0.##"%"'.
SATUAN_PERSEN = "Persen"  # canonical satuan of a percentage target; shown as '%' right after the number
TARGET_DESIMAL_MAKS = 4  # a target shows at most this many decimals ('0.####'); none when it is whole ('0')
# A target whose satuan is one of these, or holds a '/' (a compound unit such as '12 Orang/12 Bulan'), shows the rest
# of its text as typed after the number ('0.#" (B-)"', '0" Orang/12 Bulan"'): the satuan alone would drop the grade
# or the second number.  Other targets show their canonical satuan ('1 dokume n' → '0" Dokumen"').
SATUAN_AKHIRAN_ASLI = ("Indeks",)
PEMISAH_SATUAN_GABUNGAN = "/"

# The look of the sheet.
FILL_COLOR = "#DDEBF7"  # light fill of the header, of highlighted rows (Tampilan.fill) and of the total row
PAGE_FOOTER = "&C&P / &N"  # centred "page / pages"
SIGNATURE_BLANK_ROWS = 3  # room for the signature between the jabatan and the name
SIGNATURE_NIP = "NIP. {nip}"


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
    # For a computed column: the tidy field written instead of the formula where the pipeline could not compute
    # (``field`` is empty: operands missing, in different units, or text) — the author's own value, so that it is
    # not lost; it is written like a TARGET when ``<cadangan>_nilai`` exists, else as text.
    cadangan: str | None = None


@dataclass(frozen=True)
class Tampilan:
    """The look of a data row (e.g. per level): bold, italic, light fill, indent of the ``indent_field`` column."""

    bold: bool = False
    italic: bool = False
    fill: bool = False
    indent: int = 0


@dataclass(frozen=True)
class Keluaran:
    """A standard workbook: file name, sheet name, title lines, columns, optional total row label and fields.

    ``total_fields``: the tidy fields the total row adds up, as live formulas; the total label is merged across
    the columns left of the first of them.  ``total_penanda``: a tidy boolean column marking the rows the total
    adds up (e.g. the programs of a hierarchy); None: every row.  ``tampilan_field``: a tidy column whose value
    picks the row's look from the ``tampilan`` pairs (values not listed: plain).  ``indent_field``: the field
    whose cells get the look's indent.  ``tanda_tangan_kolom``: first and last column (1-based positions) the
    signature block is merged across; None: the last third of the columns.
    """

    file: str
    sheet: str
    judul: tuple[str, ...]
    kolom: tuple[OutputColumn, ...]
    total_label: str | None = None
    total_fields: tuple[str, ...] = ()
    kosong_teks: str | None = None  # text written across the table when it has no rows (e.g. "NIHIL")
    field_item: tuple[str, ...] = ("kode", "nama")  # left blank on an item's extra indicator rows
    total_penanda: str | None = None
    tampilan_field: str | None = None
    tampilan: tuple[tuple[str, Tampilan], ...] = ()  # (value of tampilan_field, look) pairs; hashable
    indent_field: str | None = None
    tanda_tangan_kolom: tuple[int, int] | None = None
