"""Other kecamatan's workbooks, built from the shipped sample's cells: a sheet's rows dropped, the table moved,
values rewritten — the shapes in which other clerks keep the same tables (tests/test_kecamatan_lain.py)."""
from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from flows.langkah.pembaca import IsiBerkas, baca_workbook
from tests.conftest import SAMPEL_SEMUA


@functools.lru_cache(maxsize=1)
def isi_sampel() -> IsiBerkas:
    """The shipped sample's cells and merged ranges (read once)."""
    return baca_workbook(SAMPEL_SEMUA)


class Lembar:
    """One sheet of the sample as cells (``baris``, ``kolom``, ``nilai``) and merged ranges, changed step by step."""

    def __init__(self, sheet: str):
        isi = isi_sampel()
        self.cells = isi.cells[isi.cells["sheet"] == sheet][["baris", "kolom", "nilai"]].reset_index(drop=True)
        self.merges = isi.merges[isi.merges["sheet"] == sheet].drop(columns="sheet").reset_index(drop=True)

    def nilai(self, baris: int, kolom: int):
        v = self.cells[(self.cells["baris"] == baris) & (self.cells["kolom"] == kolom)]["nilai"]
        return v.iloc[0] if len(v) else None

    def buang_baris(self, buang: set[int]) -> Lembar:
        """The rows ``buang`` removed, the rows below moved up (merged ranges with them)."""
        naik = {b: b - sum(1 for x in buang if x < b) for b in range(1, int(self.cells["baris"].max()) + 2)}
        self.cells = self.cells[~self.cells["baris"].isin(buang)].assign(
            baris=lambda d: d["baris"].map(naik)).reset_index(drop=True)
        m = self.merges[~self.merges["baris_awal"].isin(buang)]
        self.merges = m.assign(baris_awal=m["baris_awal"].map(naik), baris_akhir=m["baris_akhir"].map(naik))
        return self

    def geser(self, baris: int, kolom: int) -> Lembar:
        """Everything moved by ``baris`` rows down and ``kolom`` columns right."""
        self.cells = self.cells.assign(baris=self.cells["baris"] + baris, kolom=self.cells["kolom"] + kolom)
        self.merges = self.merges.assign(baris_awal=self.merges["baris_awal"] + baris,
                                         baris_akhir=self.merges["baris_akhir"] + baris,
                                         kolom_awal=self.merges["kolom_awal"] + kolom,
                                         kolom_akhir=self.merges["kolom_akhir"] + kolom)
        return self

    def ubah(self, kolom: int, fungsi: Callable, dari_baris: int = 1) -> Lembar:
        """Each value of column ``kolom`` from row ``dari_baris`` down replaced by ``fungsi(value, row)``."""
        pilih = (self.cells["kolom"] == kolom) & (self.cells["baris"] >= dari_baris)
        baru = [fungsi(v, b) if p else v for v, b, p in zip(self.cells["nilai"], self.cells["baris"], pilih)]
        self.cells = self.cells.assign(nilai=pd.Series(baru, index=self.cells.index, dtype=object))
        return self


def tulis_xlsx(path: Path, lembar: dict[str, Lembar]) -> Path:
    """A workbook with one sheet per entry, values as they are (numbers stay numbers, texts texts)."""
    wb = Workbook()
    wb.remove(wb.active)
    for nama, lb in lembar.items():
        ws = wb.create_sheet(nama)
        for b, k, v in zip(lb.cells["baris"], lb.cells["kolom"], lb.cells["nilai"]):
            ws.cell(int(b), int(k), v)
        for m in lb.merges.itertuples():
            ws.merge_cells(start_row=int(m.baris_awal), start_column=int(m.kolom_awal), end_row=int(m.baris_akhir),
                           end_column=int(m.kolom_akhir))
    wb.save(path)
    return path
