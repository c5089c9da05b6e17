"""The steps after reading, composed without the Prefect engine: a part of kecamatan tidied (flows.langkah.rapikan),
checked together (flows.langkah.periksa) and written (flows.langkah.tulis); one kecamatan; one file from reading to
writing.  The Prefect tasks of flows.pipeline run these in the worker processes of flows.mesin.pekerja.
"""
from __future__ import annotations

import gc
import os
from datetime import datetime
from pathlib import Path

import pandas as pd

from flows.data.nomenklatur import keterangan_daftar
from flows.langkah.baca import baca_berkas
from flows.langkah.bacaan import BacaanBerkas, HasilBerkas, Opsi, muat_bacaan
from flows.langkah.periksa import _gx, _periksa_banyak, _temuan_periksa_gagal
from flows.langkah.rapikan import _siapkan, _Siap
from flows.langkah.tulis.kecamatan import _selesaikan, tulis_gagal
from flows.mesin.pekerja import BATAS_WAKTU_OLAH, BatasTerlampaui, Pekerja, jalankan_terisolasi
from flows.setelan import Setelan
from transforms.nomenklatur import siapkan_daftar


def olah_workbook(path: Path, output: Path, opsi: Opsi | None = None, waktu: datetime | None = None,
                  nomenklatur: pd.DataFrame | None = None, digit_sub: int = 4) -> HasilBerkas:
    """Read ``path`` and write the outputs of its tables (one kecamatan); never raises for a bad workbook."""
    waktu = waktu or datetime.now()
    bacaan = baca_berkas(path, opsi)
    if bacaan.gagal is not None:
        return tulis_gagal(bacaan, output, waktu)
    return olah_kecamatan([bacaan], output, waktu, nomenklatur, digit_sub)


def olah_kecamatan(bacaan: list[BacaanBerkas], output: Path, waktu: datetime | None = None,
                   nomenklatur: pd.DataFrame | None = None, digit_sub: int = 4) -> HasilBerkas:
    """Check and write the tables of one kecamatan (the files of one group of ``kelompokkan``).

    ``nomenklatur``: the national list (flows.data.nomenklatur.nomenklatur_terpasang: what every run passes); with it
    T-C.33's codes are checked and decided by name, Tabel 4.1 and T-C.31 rows get the kode and level of their official
    names and T-C.29 rows without kode the kode of theirs (transforms.menurut_nama), and the report names the lists;
    without it (None) the report says which checks were not done.  ``digit_sub``: sub-kegiatan numbers are written
    with 4 digits (``.0003``, the current nomenclature) or 2 (``.03``) in every output; checks run on the 4-digit
    form.
    """
    h = olah_banyak([bacaan], output, waktu, nomenklatur, digit_sub)[0]
    if isinstance(h, BaseException):
        raise h
    return h


def olah_banyak(daftar: list[list[BacaanBerkas]], output: Path, waktu: datetime | None = None,
                nomenklatur: pd.DataFrame | None = None, digit_sub: int = 4) -> list[HasilBerkas | BaseException]:
    """``olah_kecamatan`` for many kecamatan at once, with the same outputs: the three steps of a part —
    ``rapikan_bagian``, ``periksa_bagian`` (one Great Expectations run per frame for the lot), ``tulis_bagian``.
    Returns, in the same order, each kecamatan's result or the exception it ended with: one kecamatan's failure is
    its own."""
    siap = rapikan_bagian(daftar, nomenklatur)
    keterangan = keterangan_daftar(nomenklatur) if nomenklatur is not None else None
    return tulis_bagian(siap, periksa_bagian(siap), output, waktu or datetime.now(), keterangan, digit_sub)


def rapikan_bagian(daftar: list[list[BacaanBerkas]],
                   nomenklatur: pd.DataFrame | None) -> list[_Siap | BaseException]:
    """Tidy: each kecamatan's tables one per layout, normalised against ``nomenklatur`` (prepared once for the part)
    and matched (flows.langkah.rapikan); each one's result or the exception it ended with."""
    daftar_siap = siapkan_daftar(nomenklatur) if nomenklatur is not None else None
    siap: list[_Siap | BaseException] = []
    for bacaan in daftar:
        try:
            siap.append(_siapkan(bacaan, daftar_siap))
        except Exception as e:  # noqa: BLE001 - this kecamatan's failure, reported by the caller
            siap.append(e)
    return siap


def periksa_bagian(siap: list[_Siap | BaseException]) -> list[list[pd.DataFrame] | BaseException]:
    """Check: the tidied kecamatan validated together (flows.langkah.periksa); in the same order, each one's
    findings, or its exception (of this step or the one before).  When one kecamatan's tables break the batch, each
    is checked on its own: a failure there leaves its tables unchecked (reported), a MemoryError is its result."""
    baik = [s for s in siap if isinstance(s, _Siap)]
    try:
        diperiksa = _periksa_banyak([s.tabel for s in baik])
    except Exception:  # noqa: BLE001 - one kecamatan's tables broke the batch: each on its own, failing alone
        diperiksa = []
        for s in baik:
            try:
                diperiksa.append(_periksa_banyak([s.tabel])[0])
            except MemoryError as e:
                diperiksa.append(e)
            except Exception as e:  # noqa: BLE001 - the tables are still written, the report says they are unchecked
                diperiksa.append([_temuan_periksa_gagal(s.tabel, e)])
    urut = iter(diperiksa)  # in the order of `baik`
    return [s if isinstance(s, BaseException) else next(urut) for s in siap]


def tulis_bagian(siap: list[_Siap | BaseException], diperiksa: list[list[pd.DataFrame] | BaseException],
                 output: Path, waktu: datetime, keterangan: list[dict] | None,
                 digit_sub: int) -> list[HasilBerkas | BaseException]:
    """Write: each checked kecamatan's outputs (flows.langkah.tulis.kecamatan); ``keterangan`` names the lists of
    the nomenclature used (None: none).  Each one's result, or the exception it ended with here or before."""
    hasil: list[HasilBerkas | BaseException] = []
    for s, gx in zip(siap, diperiksa):
        if isinstance(s, BaseException) or isinstance(gx, BaseException):
            hasil.append(s if isinstance(s, BaseException) else gx)
            continue
        try:
            hasil.append(_selesaikan(s, gx, output, waktu, keterangan, digit_sub))
        except Exception as e:  # noqa: BLE001
            hasil.append(e)
    return hasil


def olah_banyak_terisolasi(daftar: list[list[BacaanBerkas]], output: Path, waktu: datetime | None = None,
                           nomenklatur: pd.DataFrame | None = None,
                           digit_sub: int = 4) -> list[HasilBerkas | BaseException]:
    """`olah_banyak` in a worker process (``terisolasi``)."""
    return terisolasi(len(daftar), olah_banyak, daftar, output, waktu or datetime.now(), nomenklatur, digit_sub)


def terisolasi(n: int, fungsi, *args, setelan: Setelan | None = None, pekerja: Pekerja | None = None) -> list:
    """``fungsi(*args)`` — a step of a part of ``n`` kecamatan — in a worker process of flows.mesin.pekerja (several
    run at once on a machine's cores; in-process with ``RENJA_ISOLASI=0``), within ``BATAS_WAKTU_OLAH`` seconds.
    ``setelan``: the run's settings (the pool's size and limits; None: the environment's); ``pekerja``: the worker
    the caller holds for the part (flows.mesin.pekerja.pekerja_tetap).  When the worker dies or runs out of time or
    memory — or a new worker no longer has the part a step left (``BagianHilang``) — each kecamatan of the part gets
    that error."""
    try:
        return jalankan_terisolasi(_di_folder, os.getcwd(), fungsi, *args, batas_waktu=BATAS_WAKTU_OLAH,
                                   setelan=setelan, pekerja=pekerja)
    except (BatasTerlampaui, BagianHilang) as e:
        sebab = {"waktu": f"melewati batas waktu {BATAS_WAKTU_OLAH} detik", "memori": "kehabisan memori"}.get(
            getattr(e, "sebab", ""), "berhenti mendadak")
        rincian = f" ({e.rincian})" if getattr(e, "rincian", "") else ""
        galat = RuntimeError(f"Proses pekerja yang memeriksa dan menulis {n} kecamatan ini {sebab}"
                             f"{rincian}; jalankan lagi, atau periksa berkasnya satu per satu.")
        return [galat] * n


# ------------------------------------------------------------- a part kept in its worker between the steps

_SIMPANAN: dict[str, dict] = {}  # in the worker that holds a part: its tidied and checked kecamatan, by key


class BagianHilang(RuntimeError):
    """The worker has no part under this key: the worker that tidied it died and a new one took its place."""


def _ringkas(hasil: list) -> list[BaseException | None]:
    """What a step hands back when the part stays in the worker: each kecamatan's exception, else None."""
    return [h if isinstance(h, BaseException) else None for h in hasil]


def rapikan_simpan(kunci: str, daftar: list[list[tuple[BacaanBerkas, str | None]]],
                   nomenklatur: pd.DataFrame | None) -> list[BaseException | None]:
    """In the worker: ``rapikan_bagian`` of the part's files (each a record and where its tables wait:
    ``muat_bacaan``), kept here under ``kunci`` for ``periksa_simpan``."""
    siap = rapikan_bagian([[muat_bacaan(b, letak) for b, letak in g] for g in daftar], nomenklatur)
    _SIMPANAN[kunci] = {"siap": siap}
    return _ringkas(siap)


def periksa_simpan(kunci: str) -> list[BaseException | None]:
    """In the worker: ``periksa_bagian`` of the part kept under ``kunci``; the findings stay here for ``tulis_simpan``."""
    bagian = _bagian(kunci)
    bagian["diperiksa"] = periksa_bagian(bagian["siap"])
    return _ringkas(bagian["diperiksa"])


def tulis_simpan(kunci: str, output: Path, waktu: datetime, keterangan: list[dict] | None,
                 digit_sub: int) -> list[HasilBerkas | BaseException]:
    """In the worker: ``tulis_bagian`` of the part kept under ``kunci``, which is then forgotten."""
    bagian = _bagian(kunci, "diperiksa")
    try:
        return tulis_bagian(bagian["siap"], bagian["diperiksa"], output, waktu, keterangan, digit_sub)
    finally:
        _SIMPANAN.pop(kunci, None)


def lupakan_bagian(kunci: str) -> None:
    """In the worker: forget the part kept under ``kunci`` (its steps stopped before writing)."""
    _SIMPANAN.pop(kunci, None)


def _bagian(kunci: str, langkah: str = "siap") -> dict:
    """The part kept under ``kunci``, with what step ``langkah`` left; BagianHilang when it is not here."""
    bagian = _SIMPANAN.get(kunci)
    if bagian is None or langkah not in bagian:
        raise BagianHilang(kunci)
    return bagian


def panaskan_pekerja() -> None:
    """In a worker: import what checking a kecamatan needs (Great Expectations: ~1.7 CPU-s), ahead of the first part;
    then freeze the garbage collector's view of what is loaded (``gc.freeze``): the modules of pandas, GX and the
    project live as long as the worker, and each full collection walked them again — ~1.0 of ~1.5 CPU-s of
    collector time over 120 kecamatan steps (rapikan + periksa, measured with gc callbacks)."""
    _gx()
    gc.freeze()


def _di_folder(folder: str, fungsi, *args):
    """``fungsi(*args)`` with ``folder`` as the working folder (a worker runs for callers in any folder)."""
    os.chdir(folder)
    return fungsi(*args)
