"""Wiring: for each table layout, the transform that tidies it, its data file and its standard workbook."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from schemas import tabel41 as s41
from schemas import tc29 as s29
from schemas import tc30 as s30
from schemas import tc31 as s31
from schemas import tc32 as s32
from schemas import tc33 as s33
from schemas.keluaran import Keluaran
from schemas.tabel import Layout
from transforms import tabel41 as t41
from transforms import tc29 as t29
from transforms import tc30 as t30
from transforms import tc31 as t31
from transforms import tc32 as t32
from transforms import tc33 as t33
from transforms.tabel import Tabel


@dataclass(frozen=True)
class Penanganan:
    """How the pipeline treats one layout.

    ``tidy(tabel, tahun)`` returns an object with ``tidy`` and ``temuan`` frames; ``keluaran`` is the standard
    workbook (None: T-C.33 has its own writer, Tabel 4.1 none); ``data`` the CSV name under data/;
    ``selisih_tahun_judul``: year n minus the year this table's title names (T-C.29 and T-C.32 titles name the
    current year n-1: 'S/D TAHUN 2023', 'USULAN … TAHUN 2023' in a Renja 2024).
    """

    layout: Layout
    tidy: Callable[[Tabel, int | None], Any]
    keluaran: Keluaran | None
    data: str
    selisih_tahun_judul: int


PENANGANAN: tuple[Penanganan, ...] = (
    Penanganan(s33.LAYOUT, lambda t, n: t33.tidy_tc33(t.baris), None, "TC-33.csv", 0),
    Penanganan(s41.LAYOUT, lambda t, n: t41.tidy_tabel41(t.baris), None, "TabelIV-1.csv", 0),
    Penanganan(s31.LAYOUT, lambda t, n: t31.tidy_tc31(t.baris), s31.KELUARAN, "TC-31.csv", 0),
    Penanganan(s30.LAYOUT, lambda t, n: t30.tidy_tc30(t.baris, t.peta_kolom), s30.KELUARAN, "TC-30.csv", 0),
    Penanganan(s29.LAYOUT, lambda t, n: t29.tidy_tabel_tc29(t, n), s29.KELUARAN, "TC-29.csv", 1),
    Penanganan(s32.LAYOUT, lambda t, n: t32.tidy_tc32(t.baris), s32.KELUARAN, "TC-32.csv", 1),
)
PER_LAYOUT = {p.layout.id: p for p in PENANGANAN}
LAYOUTS = tuple(p.layout for p in PENANGANAN)
# Processing order: T-C.33 first (Tabel 4.1 and T-C.31 are matched to it), then the others.
URUTAN = ("TC-33", "TabelIV-1", "TC-31", "TC-29", "TC-30", "TC-32")
