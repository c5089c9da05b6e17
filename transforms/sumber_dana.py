"""Map a sumber dana label ('DAU', 'BK Provinsi', 'DBH CHT' …) to its official code and name (schemas.sumber_dana)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from schemas.aturan import Temuan
from schemas.sumber_dana import ATURAN, SUMBER_DANA, TERLALU_UMUM
from transforms.rekaman import baris_dict
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


def tambah_sumber_dana(tidy: pd.DataFrame) -> tuple[pd.DataFrame, list[Temuan]]:
    """``tidy`` with ``sumber_dana_kode`` and ``sumber_dana_nama`` right after ``sumber_dana``, and the findings.

    Findings (``schemas.sumber_dana.ATURAN``): ``sumber-dana-terlalu-umum`` ('APBD'), ``sumber-dana-tidak-dikenal``,
    ``sumber-dana-tanpa-kode`` (known source, official code not in the list): one per distinct label and row.
    """
    if "sumber_dana" not in tidy or tidy.empty:
        return tidy.assign(sumber_dana_kode=None, sumber_dana_nama=None) if "sumber_dana" in tidy else tidy, []
    hasil = sumber_dana_series(tidy["sumber_dana"])
    posisi = list(tidy.columns).index("sumber_dana") + 1
    out = tidy.copy()
    out.insert(posisi, "sumber_dana_kode", hasil["kode"])
    out.insert(posisi + 1, "sumber_dana_nama", hasil["nama"])
    aturan = {TERLALU_UMUM_STATUS: "sumber-dana-terlalu-umum", TIDAK_DIKENAL: "sumber-dana-tidak-dikenal",
              TANPA_KODE: "sumber-dana-tanpa-kode"}
    temuan = [ATURAN[aturan[s]].temuan(r, "sumber_dana", r["sumber_dana"], nama=n or "")
              for s, n, r in zip(hasil["status"], hasil["nama"], baris_dict(tidy)) if s in aturan]
    return out, temuan
