"""Findings as frames: raw findings (schemas.aturan.Temuan, built by their rule) in a frame, then completed — the
file named, the cell addressed, sorted by severity then position."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from schemas.aturan import KOLOM_TEMUAN_LENGKAP, KOLOM_TEMUAN_MENTAH, TINGKAT_URUT, Temuan
from transforms.sel import alamat


def frame_temuan(temuan: Iterable[Temuan], urut_baris: bool = False) -> pd.DataFrame:
    """Raw findings as a frame (``KOLOM_TEMUAN_MENTAH``), in the order given; ``urut_baris``: sorted by row
    (stable), index 0..n-1."""
    baris = [t.mentah() for t in temuan]
    if not baris:  # most calls: a copy of the same empty frame costs a tenth of building it
        return _KOSONG_MENTAH.copy()
    df = pd.DataFrame(baris, columns=_KOLOM_MENTAH.view())
    return df.sort_values("baris", kind="stable").reset_index(drop=True) if urut_baris else df


def lengkapi_temuan(mentah: list[pd.DataFrame], berkas: str, peta_kolom: dict[str, int]) -> pd.DataFrame:
    """Concatenate frames of raw findings (``KOLOM_TEMUAN_MENTAH``), add ``berkas`` and ``sel`` (e.g. 'I12'): the
    completed findings (``KOLOM_TEMUAN_LENGKAP``).

    ``sel`` is the cell of the finding's field in its row; a finding with no field points at the row's first
    table column; one with no row has no cell.
    """
    bagian = [m if m.columns.tolist() == _MENTAH else m.reindex(columns=_MENTAH)
              for m in mentah if m is not None and not m.empty]
    if not bagian:
        return _KOSONG_LENGKAP.copy()
    df = bagian[0] if len(bagian) == 1 else pd.concat(bagian, ignore_index=True)
    isi = df.to_numpy(dtype=object)  # the columns read once, by position (each df[k] made a Series)
    kolom = {k: isi[:, i] for i, k in enumerate(_MENTAH)}
    kolom_awal = min(peta_kolom.values()) if peta_kolom else None
    sel = [alamat(b, peta_kolom.get(f, kolom_awal) if isinstance(f, str) else kolom_awal)
           for b, f in zip(kolom["baris"].tolist(), kolom["field"].tolist())]
    baris = pd.to_numeric(df["baris"], errors="coerce")
    urut = [TINGKAT_URUT.get(t, 9) if isinstance(t, str) else 9 for t in kolom["tingkat"].tolist()]
    try:
        urutan = _urutan(urut, kolom["sheet"].tolist(), baris.tolist(), kolom["aturan"].tolist())
    except TypeError:  # a key column mixing kinds of values Python cannot compare: pandas' own sort
        return _lengkapi_pandas(df, berkas, sel, df["tingkat"].map(TINGKAT_URUT).fillna(9), baris)
    kolom["berkas"] = np.full(len(df), berkas, dtype=object)
    kolom["sel"] = np.array(sel, dtype=object)
    out = np.column_stack([kolom[k] for k in KOLOM_TEMUAN_LENGKAP])[urutan]
    return pd.DataFrame(_tanpa_kosong(out), columns=_KOLOM_LENGKAP.view(), dtype=object)


_MENTAH = list(KOLOM_TEMUAN_MENTAH)
# The frames without findings, built once (object columns, RangeIndex(0)): pandas takes ~0.4 ms to build an empty
# frame from a list, a copy of this one ~0.04 ms; a kecamatan asks for a few dozen.
_KOSONG_MENTAH = pd.DataFrame([], columns=_MENTAH)
# The column labels as an Index built once (a view of it per frame): pandas infers the labels' dtype from a list
# every time, a third to two thirds of building a findings frame of a few rows.
_KOLOM_MENTAH, _KOLOM_LENGKAP = pd.Index(_MENTAH), pd.Index(list(KOLOM_TEMUAN_LENGKAP))
_KOSONG_LENGKAP = pd.DataFrame(columns=list(KOLOM_TEMUAN_LENGKAP))


def _urutan(*kunci: list) -> list[int]:
    """Positions in the order of ``sort_values(kunci, kind="stable", na_position="first")``: a missing value (None,
    NaN, NA) before every other, ties kept in their order.  Raises TypeError for values Python cannot compare."""
    dengan_na = [[(0, 0) if pd.isna(v) else (1, v) for v in k] for k in kunci]
    return sorted(range(len(kunci[0])), key=lambda i: tuple(k[i] for k in dengan_na))


def _tanpa_kosong(isi: np.ndarray) -> np.ndarray:
    """``isi`` (object) with None for every missing value and empty text, as ``where(notna() & (!= ""), None)``."""
    kosong = pd.isna(isi)
    for i, j in zip(*np.nonzero(~kosong)):
        v = isi[i, j]
        if isinstance(v, str) and v == "":
            kosong[i, j] = True
    isi[kosong] = None
    return isi


def _lengkapi_pandas(df: pd.DataFrame, berkas: str, sel: list, urut: pd.Series, baris: pd.Series) -> pd.DataFrame:
    df = df.assign(berkas=berkas, sel=sel, _urut=urut, baris=baris)
    df = df.sort_values(["_urut", "sheet", "baris", "aturan"], kind="stable", na_position="first")
    out = df[list(KOLOM_TEMUAN_LENGKAP)].reset_index(drop=True).astype(object)
    return out.where(out.notna() & (out != ""), None)


def ringkas(temuan: pd.DataFrame) -> dict[str, int]:
    """Number of findings per severity."""
    hitung = temuan["tingkat"].value_counts() if not temuan.empty else {}
    return {t: int(hitung.get(t, 0)) for t in TINGKAT_URUT}


def gabung_temuan(bagian: list[pd.DataFrame]) -> pd.DataFrame:
    """Completed findings of several sources in one frame, most severe first (stable within a severity)."""
    isi = [b for b in bagian if b is not None and not b.empty]
    if not isi:
        return pd.DataFrame(columns=list(KOLOM_TEMUAN_LENGKAP))
    df = pd.concat(isi, ignore_index=True)
    kunci = df["tingkat"].map(TINGKAT_URUT).fillna(9)
    return df.assign(_k=kunci).sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)
