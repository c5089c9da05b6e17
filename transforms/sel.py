"""Cells of a worksheet as a frame: addresses, text folding and the grid view the table finder works on.

The cells frame is the contract between the reader (flows/) and every table transform: one row per non-empty
cell with columns ``sheet`` (str), ``baris`` (1-based row), ``kolom`` (1-based column) and ``nilai`` (str, int
or float as the workbook stores it).  Merged ranges come as a second frame with columns ``sheet``,
``baris_awal``, ``kolom_awal``, ``baris_akhir``, ``kolom_akhir`` (1-based, inclusive).
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

CELL_COLUMNS = ("sheet", "baris", "kolom", "nilai")
MERGE_COLUMNS = ("sheet", "baris_awal", "kolom_awal", "baris_akhir", "kolom_akhir")
PEMISAH_CSV = ";,\t"  # urutan = pilihan bila Sniffer ragu (seri): titik koma dulu, seperti Excel Indonesia
CONTOH_CSV = 64 * 1024  # karakter yang diperiksa Sniffer


def pemisah_csv(teks: str) -> str:
    """The delimiter of a CSV text — the one guess of the project (flows.baca.baca_csv for every table, the rekap's
    list of kecamatan): csv.Sniffer on the first complete lines (``CONTOH_CSV`` characters) among ``PEMISAH_CSV``;
    when Sniffer cannot tell (one column, or no delimiter consistent over the lines) the most frequent, ``;`` on
    ties."""
    contoh = teks[:CONTOH_CSV]
    if len(teks) > CONTOH_CSV and "\n" in contoh:
        contoh = contoh[: contoh.rindex("\n")]
    sniffer = csv.Sniffer()
    sniffer.preferred = list(PEMISAH_CSV)
    try:
        return sniffer.sniff(contoh, delimiters=PEMISAH_CSV).delimiter
    except csv.Error:
        return max(PEMISAH_CSV, key=lambda d: (contoh.count(d), -PEMISAH_CSV.index(d)))


def huruf_kolom(kolom: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    huruf = ""
    while kolom > 0:
        kolom, sisa = divmod(kolom - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


def alamat(baris: int | None, kolom: int | None) -> str:
    """Excel address of a cell ('I12'); empty when the position is unknown."""
    if baris is None or kolom is None or pd.isna(baris) or pd.isna(kolom):
        return ""
    return f"{huruf_kolom(int(kolom))}{int(baris)}"


def kosong(nilai) -> bool:
    """True for None, NaN and blank text."""
    if nilai is None:
        return True
    jenis = type(nilai)  # the common cases first, by exact type (this runs for every cell, many times)
    if jenis is str:
        return not nilai.strip()
    if jenis is float:
        return nilai != nilai
    if jenis is int:
        return False
    if isinstance(nilai, float) and math.isnan(nilai):
        return True
    if nilai is pd.NA:
        return True
    return isinstance(nilai, str) and not nilai.strip()


def teks(nilai) -> str:
    """A cell value as display text: whitespace folded, whole floats without '.0'."""
    if kosong(nilai):
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return " ".join(str(nilai).split())


def lipat(nilai) -> str:
    """Text folded for matching: lower case, accents removed, punctuation to spaces, whitespace folded."""
    return lipat_teks(nilai if isinstance(nilai, str) else teks(nilai))


@lru_cache(maxsize=1 << 16)
def lipat_teks(nilai: str) -> str:
    """`lipat` of a text (a str already): cached, header and label texts repeat across rows, tables and workbooks."""
    t = unicodedata.normalize("NFKD", " ".join(nilai.split())).encode("ascii", "ignore").decode().lower()
    return " ".join(_BUKAN_KATA.sub(" ", t).split())


_BUKAN_KATA = re.compile(r"[^a-z0-9%]+")


def grid(cells: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """The sheet as a 2-D frame indexed by row and column numbers (1-based), empty cells as None.

    Rows and columns without any cell are kept so that positions stay the sheet's own.  A position given twice
    keeps its first value that is not missing (NaN, None, NA: those are empty cells).  Built from the cells' arrays
    in one go (a pivot per sheet cost more than the whole table search after it).
    """
    c = cells[cells["sheet"] == sheet]
    if c.empty:
        return pd.DataFrame()
    b0, k0, isi = isi_grid(c["baris"].to_numpy(), c["kolom"].to_numpy(), c["nilai"].to_numpy(dtype=object))
    return pd.DataFrame(isi, index=pd.RangeIndex(b0, b0 + isi.shape[0], name="baris"),
                        columns=pd.RangeIndex(k0, k0 + isi.shape[1], name="kolom"), dtype=object)


def isi_grid(baris: np.ndarray, kolom: np.ndarray, nilai: np.ndarray) -> tuple[int, int, np.ndarray]:
    """The values of `grid` from one sheet's cells (at least one; ``nilai`` an object array): its first row and
    column numbers and the 2-D object array, None for empty cells."""
    baris, kolom = baris.astype(np.int64), kolom.astype(np.int64)
    b0, k0 = int(baris.min()), int(kolom.min())
    b1, k1 = int(baris.max()), int(kolom.max())
    ada = ~pd.isna(nilai)
    i, j, nilai = baris[ada] - b0, kolom[ada] - k0, nilai[ada]
    isi = np.full((b1 - b0 + 1, k1 - k0 + 1), None, dtype=object)
    datar = i * (k1 - k0 + 1) + j
    # cells in reading order (as the reader gives them) have distinct positions: no sort to see it
    if len(datar) < 2 or bool(np.all(datar[1:] > datar[:-1])) or len(np.unique(datar)) == len(datar):
        isi[i, j] = nilai
    else:  # the same position twice: the first value stays
        for a, b, v in zip(i.tolist(), j.tolist(), nilai.tolist()):
            if isi[a, b] is None:
                isi[a, b] = v
    return b0, k0, isi


def isi_merge(g: pd.DataFrame, merges: pd.DataFrame, sheet: str, baris: range) -> pd.DataFrame:
    """The given rows of ``g`` (those it has), copied, where each merged range's value fills its part of them."""
    out = g.loc[[b for b in baris if b in g.index]].copy()
    if merges.empty:
        return out
    m = merges[(merges["sheet"] == sheet) & (merges["baris_akhir"] >= baris.start) & (merges["baris_awal"] < baris.stop)]
    for r in m.itertuples(index=False):
        if r.baris_awal not in g.index or r.kolom_awal not in g.columns:
            continue
        v = g.at[r.baris_awal, r.kolom_awal]
        rows = [b for b in range(r.baris_awal, r.baris_akhir + 1) if b in baris and b in out.index]
        cols = [k for k in range(r.kolom_awal, r.kolom_akhir + 1) if k in out.columns]
        for b in rows:
            for k in cols:
                out.at[b, k] = v
    return out
