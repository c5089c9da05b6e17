"""Frames for the cross-table expectations: one item's amount across T-C.33, Tabel 4.1 and T-C.31; program coverage.

Inputs are tidy frames of each table whose rows already carry the T-C.33 ``kode`` they stand for (Tabel 4.1 and
T-C.31 rows are matched to T-C.33 items by name and level before this step) and a cell-address function result:
each input has a column ``sel`` (the address of its amount cell, e.g. 'I45') so that a finding names both cells.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from schemas import tabel41 as s41
from schemas import tc29 as s29
from schemas import tc31 as s31
from schemas import tc33 as s33
from transforms.angka import format_rupiah
from transforms.sel import alamat

LEVEL_ITEM = ("program", "kegiatan", "sub_kegiatan")
KOLOM_PAGU = ("kode", "level", "nama", "sheet", "baris", "sel", "pagu", "pagu_teks", "sheet_lain", "baris_lain",
              "sel_lain", "pagu_lain", "pagu_lain_teks", "tabel_lain", "field")


def frame_pagu_lintas(tc33: pd.DataFrame, lain: pd.DataFrame, tabel_lain: str, kolom_nilai: str,
                      field: str = "pagu") -> pd.DataFrame:
    """One row per T-C.33 item (program, kegiatan, sub-kegiatan; its own row) that ``lain`` also has.

    ``tc33``: tidy T-C.33 with ``sel`` (address of its pagu cell); ``lain``: rows matched to T-C.33 items
    (``urut_tc33``, the ``urut`` of the T-C.33 row — kode can repeat in a messy sheet, urut cannot) with ``sheet``,
    ``baris``, ``sel`` and the amount column ``kolom_nilai``.  Columns ``KOLOM_PAGU``: ``pagu`` is T-C.33's amount,
    ``pagu_lain`` the other table's (both Int64; the expectation compares them).
    """
    pilih = ((tc33["indikator_ke"] == 1) & tc33["level"].isin(LEVEL_ITEM)).to_numpy(dtype=bool, na_value=False)
    utama = np.flatnonzero(pilih)  # positions in tc33 of its items' own rows
    urut_lain = lain["urut_tc33"]
    ada = np.flatnonzero(urut_lain.notna().to_numpy(dtype=bool))
    calon = urut_lain.iloc[ada]
    kanan = ada[~calon.duplicated(keep="first").to_numpy(dtype=bool)]  # first row per urut_tc33
    # an inner join on urut (as Int64), in the order of T-C.33's rows, each with its matches in ``lain``'s order
    # (what DataFrame.merge gives); each column taken by position once, without the per-frame cost of loc, merge,
    # rename and concat on frames of a few hundred rows (issue 13; tests/test_lintas_cepat.py)
    posisi: dict = {}
    for j, u in zip(kanan.tolist(), urut_lain.iloc[kanan].astype("Int64").tolist()):
        posisi.setdefault(u, []).append(j)
    kiri, kanan_i = [], []
    for i, u in zip(utama.tolist(), tc33["urut"].iloc[utama].astype("Int64").tolist()):
        if u is not pd.NA:
            for j in posisi.get(u, ()):
                kiri.append(i)
                kanan_i.append(j)
    indeks = pd.RangeIndex(len(kiri))  # one index object for every column: the frame need not align them
    a = {k: _ambil(tc33[k], kiri, indeks) for k in ("kode", "level", "nama", "sheet", "baris", "sel")}
    b = {k: _ambil(lain[k], kanan_i, indeks) for k in ("sheet", "baris", "sel")}
    pagu = _ambil(tc33[field], kiri, indeks).astype("Int64")
    pagu_lain = _ambil(lain[kolom_nilai], kanan_i, indeks).astype("Int64")
    return pd.DataFrame({**a, "pagu": pagu, "pagu_teks": _teks_rp(pagu), "sheet_lain": b["sheet"],
                         "baris_lain": b["baris"], "sel_lain": b["sel"], "pagu_lain": pagu_lain,
                         "pagu_lain_teks": _teks_rp(pagu_lain), "tabel_lain": tabel_lain, "field": field},
                        index=indeks, columns=list(KOLOM_PAGU))


def _ambil(s: pd.Series, posisi: list[int], indeks: pd.RangeIndex) -> pd.Series:
    """The values of ``s`` at ``posisi``, with its dtype (an object column is not inferred as text again), on
    ``indeks``."""
    return pd.Series(s.array.take(np.asarray(posisi, dtype=np.intp)), index=indeks, dtype=s.dtype, name=s.name,
                     copy=False)


def frame_program_lintas(program_per_tabel: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per program kode found in any table, with a boolean ``ada_<tabel>`` per table.

    ``program_per_tabel``: table name (e.g. 'tc33', 'tc29', 'tc31') → frame of its program rows with ``kode``,
    ``nama``, ``sheet``, ``baris``.  The row points at the first table that has the program.
    """
    bagian, kode_tabel = [], {}
    for nama_tabel, df in program_per_tabel.items():
        # each kode's first row (drop_duplicates of the rows with a kode), found in one pass over the column
        pertama: dict = {}
        for i, (k, ada) in enumerate(zip(df["kode"].tolist(), df["kode"].notna().to_numpy(dtype=bool).tolist())):
            if ada and k not in pertama:
                pertama[k] = i
        kode_tabel[nama_tabel] = pertama
        bagian.append(df.iloc[list(pertama.values())][list(_KOLOM_PROGRAM)].assign(tabel=nama_tabel))
    if not bagian:
        return pd.DataFrame(columns=["kode", "nama", "sheet", "baris", "tabel"])
    semua = pd.concat(bagian, ignore_index=True)
    pertama = {}
    for i, k in enumerate(semua["kode"].tolist()):
        pertama.setdefault(k, i)
    # through an index of kode as before: that round trip may change kode's dtype (object to str)
    hasil = semua.iloc[list(pertama.values())].set_index("kode")
    ada = {t: [k in kode_tabel[t] for k in pertama] for t in program_per_tabel}  # isin, by dict membership
    for nama_tabel in program_per_tabel:
        hasil[f"ada_{nama_tabel}"] = np.array(ada[nama_tabel], dtype=bool)
    hasil["tabel_tanpa"] = [", ".join(t.upper() for t in program_per_tabel if not ada[t][i])
                            for i in range(len(hasil))]
    return hasil.reset_index()


_KOLOM_PROGRAM = ("kode", "nama", "sheet", "baris")  # what frame_program_lintas reads of a table's program rows


def _program(df: pd.DataFrame) -> pd.DataFrame:
    """The program rows of a table, with the columns ``frame_program_lintas`` reads (the rows of a wide table are
    not copied whole)."""
    return df.loc[(df["level"] == "program").to_numpy(dtype=bool, na_value=False), list(_KOLOM_PROGRAM)]



def _teks_rp(s: pd.Series) -> pd.Series:
    """``s.map(_rp)`` (an empty Series keeps its dtype, as map leaves it)."""
    return pd.Series([_rp(n) for n in s.tolist()], index=s.index, name=s.name) if len(s) else s.map(_rp)


def _rp(n) -> str:
    return "" if n is None or pd.isna(n) else format_rupiah(int(n))


def dengan_sel(tidy: pd.DataFrame, kolom: int | None) -> pd.DataFrame:
    """``tidy`` with ``sel``: the address of each row's cell in source column ``kolom`` (e.g. its amount)."""
    return tidy.assign(sel=[alamat(b, kolom) for b in tidy["baris"]])


def frame_tc31(tidy: pd.DataFrame, peta_kolom: dict[str, int]) -> pd.DataFrame:
    """T-C.31's rows with the addresses of both name cells and the similarity as a percentage, for the check that
    its two halves name the same item."""
    sel = {b: [alamat(x, peta_kolom.get(f"nama_{b}")) for x in tidy["baris"]] for b in ("rkpd", "hasil")}
    persen = tidy["kemiripan_nama"].map(lambda k: "" if pd.isna(k) else f"{k:.0%}")
    return tidy.assign(sel_rkpd=sel["rkpd"], sel_hasil=sel["hasil"], kemiripan_persen=persen)


def frames_lintas(tidy: Mapping[str, pd.DataFrame],
                  peta_kolom: Mapping[str, Mapping[str, int]]) -> tuple[dict[str, pd.DataFrame], tuple[str, ...]]:
    """The frames of one kecamatan's cross-table expectations, and the tables its program coverage compares.

    ``tidy``: each table's tidy frame by layout id (T-C.33, Tabel 4.1 and T-C.31 rows matched to T-C.33 items
    already); ``peta_kolom``: each table's field → source column.  Without T-C.33 there is nothing to compare (no
    frames).  Else ``pagu_tabel41`` and ``pagu_tc31`` (one item's amount in T-C.33 and in Tabel 4.1 / T-C.31, when
    that table has kode), ``tc31`` (T-C.31's two halves), and ``program`` (every program kode in T-C.33, T-C.29 and
    T-C.31, those with kode); the second value names the tables of ``program`` ('tc33', 'tc29', 'tc31')."""
    if s33.LAYOUT.id not in tidy:
        return {}, ()

    def sel(layout: str, field: str) -> pd.DataFrame:
        return dengan_sel(tidy[layout], peta_kolom[layout].get(field))

    tc33 = sel(s33.LAYOUT.id, "pagu")
    frames = {}
    if s41.LAYOUT.id in tidy and "kode" in tidy[s41.LAYOUT.id]:
        frames["pagu_tabel41"] = frame_pagu_lintas(tc33, sel(s41.LAYOUT.id, "anggaran"), "Tabel 4.1", "anggaran")
    if s31.LAYOUT.id in tidy and "kode" in tidy[s31.LAYOUT.id]:
        frames["pagu_tc31"] = frame_pagu_lintas(tc33, sel(s31.LAYOUT.id, "kebutuhan_dana"), "T-C.31",
                                                "kebutuhan_dana")
    if s31.LAYOUT.id in tidy and not tidy[s31.LAYOUT.id].empty:
        frames["tc31"] = frame_tc31(tidy[s31.LAYOUT.id], peta_kolom[s31.LAYOUT.id])
    program = {"tc33": _program(tc33)}
    for kunci, layout in (("tc29", s29.LAYOUT.id), ("tc31", s31.LAYOUT.id)):
        if layout in tidy and "kode" in tidy[layout]:
            program[kunci] = _program(tidy[layout])
    frames["program"] = frame_program_lintas(program)
    return frames, tuple(program)
