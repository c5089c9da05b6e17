"""Map a sumber dana label ('DAU', 'BK Provinsi', 'DBH CHT' …) to its official code and name (schemas.sumber_dana)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from schemas.sumber_dana import SUMBER_DANA, TERLALU_UMUM
from transforms.sel import kosong, lipat

OK, TANPA_KODE, TERLALU_UMUM_STATUS, TIDAK_DIKENAL, KOSONG = (
    "ok", "tanpa-kode", "terlalu-umum", "tidak-dikenal", "kosong")

_INDEKS = {label: s for s in SUMBER_DANA for label in s.label}


@dataclass(frozen=True)
class HasilSumberDana:
    kode: str | None
    nama: str | None
    status: str


def normalize_sumber_dana(nilai) -> HasilSumberDana:
    """The official code and name of a label; 'APBD' alone is too coarse; unknown labels are never guessed."""
    if kosong(nilai):
        return HasilSumberDana(None, None, KOSONG)
    kunci = lipat(nilai)
    if kunci in TERLALU_UMUM:
        return HasilSumberDana(None, None, TERLALU_UMUM_STATUS)
    sumber = _INDEKS.get(kunci) or _INDEKS.get(kunci.replace(" ", ""))
    if sumber is None:
        return HasilSumberDana(None, None, TIDAK_DIKENAL)
    return HasilSumberDana(sumber.kode, sumber.nama, OK if sumber.kode else TANPA_KODE)


def sumber_dana_series(s: pd.Series) -> pd.DataFrame:
    """Columns ``kode``, ``nama``, ``status`` for each label of ``s`` (same index)."""
    hasil = [normalize_sumber_dana(v) for v in s]
    return pd.DataFrame({"kode": [h.kode for h in hasil], "nama": [h.nama for h in hasil],
                         "status": [h.status for h in hasil]}, index=s.index, dtype=object)
