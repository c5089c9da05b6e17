"""Read the nomenclature list the operator configures (flat CSV or lampiran workbook) into one frame."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from flows.baca import BerkasTidakTerbaca, baca_workbook
from schemas.nomenklatur import (
    DIGIT_SUB_BAKU,
    EKSTENSI_NOMENKLATUR,
    OPSI_NOMENKLATUR,
    PESAN_BACA,
    SETELAN_DIGIT_SUB,
    SETELAN_NOMENKLATUR,
)
from transforms.nomenklatur import NomenklaturTidakValid, nomenklatur_dari_sel, periksa_digit_sub

__all__ = ["NomenklaturTidakValid", "baca_nomenklatur", "digit_sub_terpasang", "path_nomenklatur"]


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


def path_nomenklatur(opsi: Path | str | None = None, lingkungan: Mapping[str, str] | None = None) -> Path | None:
    """The configured list: the ``--nomenklatur`` option, else the ``RENJA_NOMENKLATUR`` setting, else None."""
    if opsi:
        return Path(opsi)
    nilai = (os.environ if lingkungan is None else lingkungan).get(SETELAN_NOMENKLATUR, "").strip()
    return Path(nilai) if nilai else None


def digit_sub_terpasang(opsi: int | str | None = None, lingkungan: Mapping[str, str] | None = None) -> int:
    """The sub-kegiatan digit convention: the option, else ``RENJA_DIGIT_SUB_KEGIATAN``, else 4; ValueError
    (Indonesian) for anything but 4 or 2."""
    if opsi is not None and str(opsi).strip():
        return periksa_digit_sub(opsi)
    nilai = (os.environ if lingkungan is None else lingkungan).get(SETELAN_DIGIT_SUB, "").strip()
    return periksa_digit_sub(nilai) if nilai else DIGIT_SUB_BAKU
