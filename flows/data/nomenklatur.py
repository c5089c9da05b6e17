"""The nomenclature a run uses: the built-in kecamatan list (package data), with the list the operator configures
(flat CSV or lampiran workbook) merged in, as one frame that names its sources."""
from __future__ import annotations

import functools
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pandas as pd

from flows.langkah.pembaca import BerkasTidakTerbaca, baca_workbook
from flows.setelan import Setelan
from schemas.nomenklatur import (
    ATRIBUT_KETERANGAN,
    BERKAS_BAWAAN,
    DAFTAR_BAWAAN,
    DIGIT_SUB_BAKU,
    EKSTENSI_NOMENKLATUR,
    FOLDER_DATA,
    JUDUL_OPERATOR,
    OPSI_NOMENKLATUR,
    PERAN_PENGGANTI,
    PERAN_TAMBAHAN,
    PESAN_BACA,
    REGULASI_OPERATOR,
    SETELAN_NOMENKLATUR,
    KeteranganDaftar,
)
from transforms.nomenklatur import (
    NomenklaturTidakValid,
    bidang_kode,
    gabung_nomenklatur,
    nomenklatur_dari_sel,
    periksa_digit_sub,
    siapkan_nomenklatur,
)

__all__ = ["NomenklaturTidakValid", "baca_nomenklatur", "digit_sub_terpasang", "keterangan_daftar",
           "nomenklatur_bawaan", "nomenklatur_terpasang", "path_nomenklatur"]


def nomenklatur_terpasang(path: Path | str | None = None) -> pd.DataFrame:
    """The list a run uses, prepared for matching (``siapkan_nomenklatur``): the built-in list (``nomenklatur_bawaan``)
    with the operator's list ``path`` (``--nomenklatur`` / ``RENJA_NOMENKLATUR``; None: none) merged in bidang by
    bidang (transforms.nomenklatur.gabung_nomenklatur: a bidang it covers is replaced, another one added).
    ``attrs[ATRIBUT_KETERANGAN]``: what each list is and gives (``KeteranganDaftar.as_dict()``), for the reports.
    Raises ``NomenklaturTidakValid`` for an operator's list that cannot be used."""
    bawaan = nomenklatur_bawaan()
    keterangan = [replace(DAFTAR_BAWAAN, bidang=_bidang(bawaan["kode"]), entri=len(bawaan))]
    daftar = bawaan
    if path is not None:
        path = Path(path)
        operator = baca_nomenklatur(path)
        gabung = gabung_nomenklatur(bawaan, operator)
        daftar = gabung.daftar
        sisa = tuple(b for b in keterangan[0].bidang if b not in gabung.diganti)
        keterangan = [replace(keterangan[0], bidang=sisa, entri=gabung.bawaan_tetap)] if gabung.bawaan_tetap else []
        dasar = KeteranganDaftar(berkas=path.name, judul=JUDUL_OPERATOR, regulasi=REGULASI_OPERATOR,
                                 sumber=str(path), peran=PERAN_TAMBAHAN, entri=len(operator))
        if gabung.diganti:
            keterangan.append(replace(dasar, peran=PERAN_PENGGANTI, bidang=gabung.diganti))
        if gabung.ditambah:
            keterangan.append(replace(dasar, peran=PERAN_TAMBAHAN, bidang=gabung.ditambah))
    siap = siapkan_nomenklatur(daftar.reset_index(drop=True))
    siap.attrs[ATRIBUT_KETERANGAN] = tuple(k.as_dict() for k in keterangan)
    return siap


def _bidang(kode: pd.Series) -> tuple[str, ...]:
    return tuple(dict.fromkeys(b for b in map(bidang_kode, kode) if b))


def keterangan_daftar(nomenklatur: pd.DataFrame | None) -> list[dict]:
    """What a list given to the pipeline says of its sources (``nomenklatur_terpasang``); a frame made otherwise (a
    test's, a tool's) names none: an empty list."""
    if nomenklatur is None:
        return []
    return [dict(k) for k in nomenklatur.attrs.get(ATRIBUT_KETERANGAN, ())]


def nomenklatur_bawaan() -> pd.DataFrame:
    """The built-in list (schemas/data/, KOLOM_NOMENKLATUR columns), read on first use and kept for the process;
    a copy each time (callers may not change the one kept)."""
    return _baca_bawaan().copy()


@functools.lru_cache(maxsize=1)
def _baca_bawaan() -> pd.DataFrame:
    berkas = resources.files("schemas").joinpath(FOLDER_DATA, BERKAS_BAWAAN)
    with resources.as_file(berkas) as path:
        return baca_nomenklatur(path)


def baca_nomenklatur(path: Path, digit_sub: int = DIGIT_SUB_BAKU) -> pd.DataFrame:
    """The list in ``path`` (.csv flat form, or .xlsx/.xlsm/.xls flat or lampiran form) as a frame with the columns
    of ``schemas.nomenklatur.KOLOM_NOMENKLATUR`` (see transforms.nomenklatur.nomenklatur_dari_sel).

    Raises ``NomenklaturTidakValid`` (a ValueError) with an Indonesian message naming the file: missing file, other
    extension, unreadable file, no list in it, bad rows."""
    path = Path(path)
    if not path.is_file():
        raise NomenklaturTidakValid(PESAN_BACA["tidak-ada"].format(berkas=path, opsi=OPSI_NOMENKLATUR,
                                                                   setelan=SETELAN_NOMENKLATUR))
    if path.suffix.lower() not in EKSTENSI_NOMENKLATUR:
        raise NomenklaturTidakValid(PESAN_BACA["ekstensi"].format(berkas=path.name,
                                                                  ekstensi=", ".join(EKSTENSI_NOMENKLATUR)))
    try:
        isi = baca_workbook(path)
    except BerkasTidakTerbaca as e:
        raise NomenklaturTidakValid(PESAN_BACA["tidak-terbaca"].format(berkas=path.name, keterangan=e)) from e
    return nomenklatur_dari_sel(isi.cells, isi.merges, path.name, digit_sub)


def path_nomenklatur(opsi: Path | str | None = None, setelan: Setelan | None = None) -> Path | None:
    """The configured list: the ``--nomenklatur`` option, else the ``RENJA_NOMENKLATUR`` setting of ``setelan``
    (None: the environment's), else None."""
    if opsi:
        return Path(opsi)
    return (Setelan.dari_lingkungan() if setelan is None else setelan).nomenklatur


def digit_sub_terpasang(opsi: int | str | None = None, setelan: Setelan | None = None) -> int:
    """The sub-kegiatan digit convention: the option, else ``RENJA_DIGIT_SUB_KEGIATAN`` of ``setelan`` (None: the
    environment's), else 4; ValueError (Indonesian) for anything but 4 or 2."""
    if opsi is not None and str(opsi).strip():
        return periksa_digit_sub(opsi)
    nilai = (Setelan.dari_lingkungan() if setelan is None else setelan).digit_sub
    return periksa_digit_sub(nilai) if nilai else DIGIT_SUB_BAKU
