"""What every table transform returns, built alike: ``HasilTabel``, finding rows from rule templates, text columns."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from schemas.kode import ATURAN_KODE
from schemas.temuan import KOLOM_TEMUAN_MENTAH
from transforms.angka import format_rupiah
from transforms.kode import KONVENSI, HasilKode
from transforms.sel import teks

# status of transforms.angka.rupiah_series → rule of its finding (an amount that reads cleanly has none)
STATUS_RUPIAH = {"pemisah-campuran": "angka-campuran", "tidak-terbaca": "angka-tidak-terbaca",
                 "bukan-bilangan-bulat": "angka-tidak-terbaca", "ambigu": "angka-ambigu",
                 "terlalu-besar": "angka-terlalu-besar"}
# status of transforms.angka.target_series → rule of its finding; T-C.29 and T-C.30 flag more statuses
STATUS_TARGET = {"tidak-terbaca": "target-tidak-terbaca", "satuan-tidak-dikenal": "satuan-tidak-dikenal"}


@dataclass(frozen=True)
class HasilTabel:
    """Tidy rows and findings (``KOLOM_TEMUAN_MENTAH``) of one table; ``nihil``: the table says NIHIL (no rows,
    by the author's word)."""

    tidy: pd.DataFrame
    temuan: pd.DataFrame
    nihil: bool = False


def buat_temuan(aturan: Mapping[str, tuple[str, str]], kode_aturan: str, r, field: str | None, nilai, kode=None,
                **extra) -> tuple:
    """A raw finding (``KOLOM_TEMUAN_MENTAH``) of rule ``kode_aturan`` of ``aturan`` (rule → (tingkat, template)).

    ``r`` is the row the finding is about (dict or Series: ``sheet``, ``baris``; ``baris`` becomes an int, or None
    when missing).  The template may name ``{nilai}``, ``{kode}``, the row's ``{nama}`` and ``{indikator}`` (as text)
    and any key of ``extra`` (which wins over them); a key it names that is not there renders as ''.
    """
    tingkat, templat = aturan[kode_aturan]
    konteks = {"nilai": nilai or "", "kode": kode or "", "nama": teks(r.get("nama")),
               "indikator": teks(r.get("indikator")), **extra}
    baris = r.get("baris")
    baris = None if baris is None or pd.isna(baris) else int(baris)
    return (r.get("sheet"), baris, field, kode, kode_aturan, tingkat, nilai, templat.format_map(_Aman(konteks)))


class _Aman(dict):
    def __missing__(self, key):
        return ""


def frame_temuan(temuan: list[tuple], urut_baris: bool = False) -> pd.DataFrame:
    """Finding rows as a frame (``KOLOM_TEMUAN_MENTAH``); ``urut_baris``: sorted by row (stable), index 0..n-1."""
    df = pd.DataFrame(temuan, columns=list(KOLOM_TEMUAN_MENTAH))
    return df.sort_values("baris", kind="stable").reset_index(drop=True) if urut_baris else df


def temuan_kode(aturan: Mapping, r, hasil: HasilKode, kode_asli: str | None) -> list[tuple]:
    """Findings of the kode cell of row ``r`` as ``normalize_kode`` read it (``hasil``; ``kode_asli``: as written):
    ``kode-diperbaiki`` (``keterangan``: the repairs, not mere changes of convention), ``kode-tidak-terbaca``."""
    temuan = []
    if hasil.diperbaiki:
        ket = "; ".join(ATURAN_KODE[a] for a in hasil.aturan if a not in KONVENSI)
        temuan.append(buat_temuan(aturan, "kode-diperbaiki", r, "kode", kode_asli, kode=hasil.kode, keterangan=ket))
    if hasil.status == "tidak-terbaca":
        temuan.append(buat_temuan(aturan, "kode-tidak-terbaca", r, "kode", kode_asli))
    return temuan


def temuan_rupiah_sel(aturan: Mapping, r, field: str, hasil, kode=None) -> tuple | None:
    """The finding of one amount cell, or None when it reads cleanly (``STATUS_RUPIAH``).

    ``r``: the row (its text as written in ``<field>_mentah``); ``hasil``: the cell's row of ``rupiah_series``
    (``status``, ``nilai``, ``pesan``).  Mixed separators are read (``keterangan``: the amount read); an
    unreadable, ambiguous or fractional amount is not guessed (``keterangan``: the parser's message).
    """
    status = hasil["status"]
    if status not in STATUS_RUPIAH:
        return None
    if status == "pemisah-campuran":
        ket = format_rupiah(int(hasil["nilai"]))
    else:
        ket = hasil["pesan"] if isinstance(hasil["pesan"], str) else ""
    return buat_temuan(aturan, STATUS_RUPIAH[status], r, field, teks(r[f"{field}_mentah"]), kode=kode, keterangan=ket)


def temuan_target_sel(aturan: Mapping, r, field: str, status: str, nilai, kode=None,
                      status_aturan: Mapping[str, str] = STATUS_TARGET, **extra) -> tuple | None:
    """The finding of one target cell of parse status ``status`` (``target_series``), or None when the status has
    no rule in ``status_aturan``; ``nilai``: the text as written; ``extra``: more template fields."""
    if status not in status_aturan:
        return None
    return buat_temuan(aturan, status_aturan[status], r, field, nilai, kode=kode, **extra)


def temuan_rupiah(df: pd.DataFrame, h: pd.DataFrame, field: str, aturan: Mapping,
                  kolom_kode: str | None = None) -> list[tuple]:
    """Findings of the amount column ``field`` of ``df`` (raw values in ``<field>_mentah``; ``h`` = their
    ``rupiah_series``), in row order; ``kolom_kode``: the column whose value each finding carries as its kode."""
    out = []
    for i in h.index[h["status"].isin(list(STATUS_RUPIAH))]:
        r = df.loc[i]
        out.append(temuan_rupiah_sel(aturan, r, field, h.loc[i], kode=r[kolom_kode] if kolom_kode else None))
    return out


def temuan_target(df: pd.DataFrame, h: pd.DataFrame, field: str, aturan: Mapping,
                  kolom_kode: str | None = None) -> list[tuple]:
    """Findings of the target column ``field`` of ``df`` (``h`` = its ``target_series``), in row order: no number
    and unit, or a unit outside the vocabulary; ``kolom_kode`` as in ``temuan_rupiah``."""
    out = []
    for i in h.index[h["status"].isin(list(STATUS_TARGET))]:
        r = df.loc[i]
        out.append(temuan_target_sel(aturan, r, field, h.at[i, "status"], teks(r[field]),
                                     kode=r[kolom_kode] if kolom_kode else None))
    return out


def teks_atau_none(s: pd.Series) -> pd.Series:
    """A text column with None (not NaN) for missing values, so tidy frames compare and print the same."""
    return s.astype(object).where(s.notna(), None)


def teks_kosong_none(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text column holding None for missing values (``teks_atau_none``)."""
    teks_kolom = [k for k in df.columns if pd.api.types.is_string_dtype(df[k]) or df[k].dtype == object]
    return df.assign(**{k: teks_atau_none(df[k]) for k in teks_kolom})
