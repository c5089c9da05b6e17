"""What every table transform returns, built alike: ``HasilTabel``, the findings of kode, amount and target cells
(each built by its rule: schemas.aturan.Aturan.temuan), text columns."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from schemas.aturan import Aturan, Temuan
from schemas.kode import ATURAN_KODE
from transforms.angka import format_rupiah
from transforms.bingkai import objek_none, susun_bingkai
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
    """Tidy rows and findings (a frame of raw findings, ``KOLOM_TEMUAN_MENTAH``: transforms.temuan.frame_temuan) of
    one table; ``nihil``: the table says NIHIL (no rows, by the author's word)."""

    tidy: pd.DataFrame
    temuan: pd.DataFrame
    nihil: bool = False


def temuan_kode(aturan: Mapping[str, Aturan], r, hasil: HasilKode, kode_asli: str | None) -> list[Temuan]:
    """Findings of the kode cell of row ``r`` as ``normalize_kode`` read it (``hasil``; ``kode_asli``: as written),
    rules of the table's ``aturan`` (code → rule): ``kode-diperbaiki`` (``keterangan``: the repairs, not mere changes
    of convention), ``kode-tidak-terbaca``."""
    temuan = []
    if hasil.diperbaiki:
        ket = "; ".join(ATURAN_KODE[a] for a in hasil.aturan if a not in KONVENSI)
        temuan.append(aturan["kode-diperbaiki"].temuan(r, "kode", kode_asli, kode=hasil.kode, keterangan=ket))
    if hasil.status == "tidak-terbaca":
        temuan.append(aturan["kode-tidak-terbaca"].temuan(r, "kode", kode_asli))
    return temuan


def temuan_rupiah_sel(aturan: Mapping[str, Aturan], r, field: str, hasil, kode=None) -> Temuan | None:
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
    return aturan[STATUS_RUPIAH[status]].temuan(r, field, teks(r[f"{field}_mentah"]), kode=kode, keterangan=ket)


def temuan_target_sel(aturan: Mapping[str, Aturan], r, field: str, status: str, nilai, kode=None,
                      status_aturan: Mapping[str, str] = STATUS_TARGET, **extra) -> Temuan | None:
    """The finding of one target cell of parse status ``status`` (``target_series``), or None when the status has
    no rule in ``status_aturan``; ``nilai``: the text as written; ``extra``: more template fields."""
    if status not in status_aturan:
        return None
    return aturan[status_aturan[status]].temuan(r, field, nilai, kode=kode, **extra)


def temuan_rupiah(df: pd.DataFrame, h: pd.DataFrame, field: str, aturan: Mapping[str, Aturan],
                  kolom_kode: str | None = None) -> list[Temuan]:
    """Findings of the amount column ``field`` of ``df`` (raw values in ``<field>_mentah``; ``h`` = their
    ``rupiah_series``), in row order; ``kolom_kode``: the column whose value each finding carries as its kode."""
    out = []
    for i in [i for i, s in zip(h.index, h["status"].tolist()) if s in STATUS_RUPIAH]:  # few: no mask, no isin
        r = df.loc[i]
        out.append(temuan_rupiah_sel(aturan, r, field, h.loc[i], kode=r[kolom_kode] if kolom_kode else None))
    return out


def temuan_target(df: pd.DataFrame, h: pd.DataFrame, field: str, aturan: Mapping[str, Aturan],
                  kolom_kode: str | None = None) -> list[Temuan]:
    """Findings of the target column ``field`` of ``df`` (``h`` = its ``target_series``), in row order: no number
    and unit, or a unit outside the vocabulary; ``kolom_kode`` as in ``temuan_rupiah``."""
    out = []
    for i in [i for i, s in zip(h.index, h["status"].tolist()) if s in STATUS_TARGET]:  # as in temuan_rupiah
        r = df.loc[i]
        out.append(temuan_target_sel(aturan, r, field, h.at[i, "status"], teks(r[field]),
                                     kode=r[kolom_kode] if kolom_kode else None))
    return out


def teks_atau_none(s: pd.Series) -> pd.Series:
    """A text column with None (not NaN) for missing values, so tidy frames compare and print the same."""
    return objek_none(s)


def teks_kosong_none(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text column holding None for missing values (``teks_atau_none``)."""
    teks_kolom = [k for k, d in df.dtypes.items() if isinstance(d, pd.StringDtype) or d == object]
    if not df.columns.is_unique:
        return df.assign(**{k: objek_none(df[k]) for k in teks_kolom})
    teks_kolom = set(teks_kolom)  # the frame built once (susun_bingkai), not assign's copy and a split per column
    isi = [objek_none(df[k])._values if k in teks_kolom else a.copy() for k, a in zip(df.columns,
                                                                                     df._iter_column_arrays())]
    return susun_bingkai(df.columns, isi, df.index)
