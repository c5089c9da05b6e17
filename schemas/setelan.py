"""The settings a run reads from the environment (``RENJA_*``): each name, its default and what it sets, in one place
(flows/setelan.py reads them)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variabel:
    """One environment setting: its name, its default (None: none, or computed — said in ``keterangan``) and what it
    sets."""

    nama: str
    bawaan: object
    keterangan: str


PEKERJA = Variabel("RENJA_PEKERJA", None, "worker processes, 1 or more (default: the machine's cores)")
BATAS_MEMORI_MB = Variabel("RENJA_BATAS_MEMORI_MB", 2048,
                           "MiB a worker may take beyond its loaded modules while reading one file (0: no cap)")
BATAS_WAKTU_BACA = Variabel("RENJA_BATAS_WAKTU_BACA", 120, "seconds to read one file in a worker (0: none)")
ISOLASI = Variabel("RENJA_ISOLASI", "1", "0/false/no/off/tidak: read and check in the calling process (debugging)")
PEKERJA_DARI = Variabel("RENJA_PEKERJA_DARI", None, "set in a worker: the process id of the run it works for")
MATI_DI = Variabel("RENJA_MATI_DI", None, "crash-test hook: <point>[:k] kills the process the k-th time it passes")
POTONGAN = Variabel("RENJA_POTONGAN", 25, "kecamatan validated together and written by one task, at most")
TENANG_DETIK = Variabel("RENJA_TENANG_DETIK", 20.0,
                        "seconds a file in the drop folder stays untouched (size and time) before it is taken")
NOMENKLATUR = Variabel("RENJA_NOMENKLATUR", None, "the operator's nomenclature list (as --nomenklatur)")
DIGIT_SUB_KEGIATAN = Variabel("RENJA_DIGIT_SUB_KEGIATAN", 4,
                              "digits of sub-kegiatan numbers in outputs, 4 or 2 (as --digit-sub-kegiatan)")
DAFTAR_KECAMATAN = Variabel("RENJA_DAFTAR_KECAMATAN", None, "the expected kecamatan for renja rekap (as --daftar)")
DASK = Variabel("RENJA_DASK", False, "renja run --dask")
DASK_PEKERJA = Variabel("RENJA_DASK_PEKERJA", 2, "renja run --dask-pekerja")
DASK_ALAMAT = Variabel("RENJA_DASK_ALAMAT", None, "renja run --dask-alamat")

SEMUA = (PEKERJA, BATAS_MEMORI_MB, BATAS_WAKTU_BACA, ISOLASI, PEKERJA_DARI, MATI_DI, POTONGAN, TENANG_DETIK,
         NOMENKLATUR, DIGIT_SUB_KEGIATAN, DAFTAR_KECAMATAN, DASK, DASK_PEKERJA, DASK_ALAMAT)
MATI = ("0", "false", "no", "off", "tidak")  # values of RENJA_ISOLASI that switch the worker off
