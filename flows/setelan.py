"""The run's settings: the environment's (``RENJA_*``, names and defaults in schemas/setelan.py) read into one frozen,
picklable ``Setelan`` — the only module that reads them — and, with the command's options, one ``Jalan`` that a run
is given whole and hands down (flow → flows.mesin.jalan → tasks → worker processes)."""
# No `from __future__ import annotations`: Jalan's fields keep their real types for Prefect's parameter validation
# (pydantic rebuilds a Jalan from the JSON of a deployment).

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from schemas import setelan as s


@dataclass(frozen=True)
class Setelan:
    """The ``RENJA_*`` values as the environment gave them (``teks``: name → text, unset ones absent), read once by
    ``dari_lingkungan``; each property parses its own on use, so that a wrong value is reported (ValueError,
    Indonesian, naming the setting) by the part of the run that needs it and by no other."""

    teks: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def dari_lingkungan(cls, lingkungan: Mapping[str, str] | None = None) -> "Setelan":
        """The settings of ``lingkungan`` (default: this process's environment)."""
        env = os.environ if lingkungan is None else lingkungan
        return cls({v.nama: env[v.nama] for v in s.SEMUA if v.nama in env})

    def _teks(self, v: s.Variabel) -> str:
        return str(self.teks.get(v.nama, "")).strip()

    @property
    def pekerja(self) -> int:
        """Worker processes: RENJA_PEKERJA (1 or more), else the machine's cores."""
        n = int(self._angka(s.PEKERJA, os.cpu_count() or 1, bulat=True))
        if n < 1:
            raise ValueError(f"Setelan {s.PEKERJA.nama}='{n}' tidak sah: harus bilangan bulat 1 atau lebih.")
        return n

    @property
    def batas_memori_mb(self) -> int:
        return int(self._angka(s.BATAS_MEMORI_MB, s.BATAS_MEMORI_MB.bawaan, bulat=True))

    @property
    def batas_waktu_baca(self) -> float:
        return self._angka(s.BATAS_WAKTU_BACA, s.BATAS_WAKTU_BACA.bawaan, bulat=False)

    @property
    def isolasi(self) -> bool:
        """False when RENJA_ISOLASI is 0/false/no/off/tidak."""
        return self._teks(s.ISOLASI).lower() not in s.MATI

    @property
    def pekerja_dari(self) -> int | None:
        """In a worker: the process id of the run it works for."""
        try:
            return int(self._teks(s.PEKERJA_DARI)) if self._teks(s.PEKERJA_DARI) else None
        except ValueError:
            return None

    @property
    def mati_di(self) -> str:
        return self._teks(s.MATI_DI)

    @property
    def potongan(self) -> int:
        """RENJA_POTONGAN, at least 1; its default when it is not a whole number."""
        try:
            return max(1, int(self.teks.get(s.POTONGAN.nama, s.POTONGAN.bawaan)))
        except ValueError:
            return s.POTONGAN.bawaan

    @property
    def tenang_detik(self) -> float:
        return float(self.teks.get(s.TENANG_DETIK.nama, s.TENANG_DETIK.bawaan))

    @property
    def nomenklatur(self) -> Path | None:
        return Path(self._teks(s.NOMENKLATUR)) if self._teks(s.NOMENKLATUR) else None

    @property
    def digit_sub(self) -> str:
        """RENJA_DIGIT_SUB_KEGIATAN as written ('' when unset): flows.data.nomenklatur checks it."""
        return self._teks(s.DIGIT_SUB_KEGIATAN)

    @property
    def daftar_kecamatan(self) -> Path | None:
        return Path(self._teks(s.DAFTAR_KECAMATAN)) if self._teks(s.DAFTAR_KECAMATAN) else None

    def _angka(self, v: s.Variabel, baku: float, bulat: bool) -> float:
        teks = self._teks(v)
        if not teks:
            return baku
        try:
            nilai = int(teks) if bulat else float(teks)
        except ValueError:
            nilai = -1
        if not nilai >= 0:
            jenis = "bilangan bulat" if bulat else "bilangan"
            raise ValueError(f"Setelan {v.nama}='{teks}' tidak sah: harus {jenis} 0 atau lebih.")
        return nilai


def setelan(lingkungan: Mapping[str, str] | None = None) -> Setelan:
    """``Setelan.dari_lingkungan(lingkungan)``."""
    return Setelan.dari_lingkungan(lingkungan)


@dataclass(frozen=True)
class Opsi:
    """What the operator may state when the document does not: year n, kabupaten, kecamatan."""

    tahun: int | None = None
    kabupaten: str | None = None
    kecamatan: str | None = None


@dataclass(frozen=True)
class Jalan:
    """One run's settings, built once by the command (flows.cli: its options, then the environment) and passed down
    whole: the input and output folders, the operator's ``opsi``, the operator's nomenclature list (``nomenklatur``,
    already resolved: ``--nomenklatur``, else ``RENJA_NOMENKLATUR``, else None), the sub-kegiatan digits (4 or 2,
    checked), the drop-folder mode (``arsipkan``), the seconds to wait for another run's lock (``tunggu_kunci``) and
    the environment's ``setelan``.

    Frozen, picklable, and made of paths, texts and numbers only, so that it is also the Prefect flow's one
    parameter: Prefect validates it (pydantic rebuilds it from the JSON a deployment stores) and shows it in the UI.
    ``setelan`` defaults to this process's environment, read when the object is made (tests and tools)."""

    input_dir: Path = Path("input")
    output: Path = Path("output")
    opsi: Opsi = field(default_factory=Opsi)
    nomenklatur: Path | None = None
    digit_sub: int = 4
    arsipkan: bool = False
    tunggu_kunci: float = 600.0
    setelan: Setelan = field(default_factory=Setelan.dari_lingkungan)
