"""The Prefect flow of ``renja run`` and ``renja serve``: every workbook in the input folder becomes its standard
outputs, in four steps — each a Prefect task, a thin edge around flows.langkah and transforms/:

1. **baca** (read), one task per file: its cells read under the guard and the worker's limits, its Renja tables
   found and each tidied per layout (flows.langkah.baca).  The files' tables are then identified and grouped by
   kecamatan (flows.langkah.rapikan.kelompokkan) and the kecamatan cut into parts of up to 25
   (flows.mesin.jalan.ukuran_potongan), each part one ``bagian`` task that runs the three steps after reading:
2. **rapikan** (tidy): each kecamatan's tables one per layout, normalised against the nomenclature, matched with
   T-C.33, given the plain item checks (flows.langkah.rapikan);
3. **periksa** (check): the part validated together with Great Expectations (flows.langkah.periksa);
4. **tulis** (write): each kecamatan's workbooks, tidy CSV files, validasi.json and laporan.html
   (flows.langkah.tulis).

Coarse on purpose (~10 ms engine cost per task, see stack notes); a bad file gives a failed summary line and its
report, never a failed run of the others.  The run around the steps — the lock, the drop folder, the summary — is
flows.mesin.jalan.jalankan; this module gives it Prefect's tasks and logger.

The flow's task runner is Prefect's thread pool with one thread per worker process (``RENJA_PEKERJA``, default the
machine's cores): every read, then every part, is submitted at once (``_sebar``); each step hands its work to a
worker process of flows.mesin.pekerja, so the cores work at once while the read tables wait on disk
(flows.mesin.jalan ``lokal``).  With one worker the tasks are called one by one, in this process.  On another
runner — ``renja_run.with_options(task_runner=flows.mesin.sebar.pelari_dask(...))`` for ``renja run --dask`` —
every read, then every part, is submitted at once too, and each task logs which Dask worker ran it.
"""
from __future__ import annotations

import os
import socket
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext, TaskRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from flows.data.nomenklatur import keterangan_daftar
from flows.langkah.baca import baca_berkas
from flows.langkah.bacaan import BacaanBerkas, HasilBerkas, Opsi
from flows.langkah.bagian import periksa_bagian, rapikan_bagian, terisolasi, tulis_bagian
from flows.langkah.rapikan import _Siap
from flows.mesin.jalan import daftar_workbook, jalankan
from flows.mesin.pekerja import jumlah_pekerja

__all__ = ["renja_run", "daftar_workbook"]


@task(name="baca", task_run_name="baca-{path.name}", cache_policy=NONE)  # inputs are files: no hashing
def baca_task(path: Path, opsi: Opsi, gudang=None) -> BacaanBerkas:
    """Read one file (in a worker process of flows.mesin.pekerja); with ``gudang`` its tables are kept there."""
    _catat_pekerja()
    b = baca_berkas(path, opsi)
    return gudang.simpan(b) if gudang is not None else b


@task(name="bagian", task_run_name="bagian-{nama}", cache_policy=NONE)
def bagian_task(bacaan: list[list[BacaanBerkas]], output: Path, waktu: datetime, nama: str,
                nomenklatur: pd.DataFrame | None, digit_sub: int,
                gudang=None) -> list[HasilBerkas | BaseException]:
    """A part of the kecamatan (flows.mesin.jalan.ukuran_potongan): tidied, checked together and written — the
    three steps' tasks one after the other; each kecamatan's result or exception.  With ``gudang`` (threads on this
    machine) the tables are loaded from it and each step runs in a worker process of flows.mesin.pekerja, so that
    parts run on several cores at once."""
    _catat_pekerja()
    di_pekerja = gudang is not None
    if di_pekerja:
        bacaan = [[gudang.muat(b) for b in g] for g in bacaan]
    siap = _langkah(rapikan_task)(bacaan, nama, nomenklatur, di_pekerja)
    diperiksa = _langkah(periksa_task)(siap, nama, di_pekerja)
    keterangan = keterangan_daftar(nomenklatur) if nomenklatur is not None else None
    return _langkah(tulis_task)(siap, diperiksa, nama, output, waktu, keterangan, digit_sub, di_pekerja)


@task(name="rapikan", task_run_name="rapikan-{nama}", cache_policy=NONE)
def rapikan_task(bacaan: list[list[BacaanBerkas]], nama: str, nomenklatur: pd.DataFrame | None,
                 di_pekerja: bool) -> list[_Siap | BaseException]:
    """Tidy a part (flows.langkah.bagian.rapikan_bagian)."""
    return _kerjakan(di_pekerja, len(bacaan), rapikan_bagian, bacaan, nomenklatur)


@task(name="periksa", task_run_name="periksa-{nama}", cache_policy=NONE)
def periksa_task(siap: list, nama: str, di_pekerja: bool) -> list:
    """Check a tidied part, its kecamatan validated together (flows.langkah.bagian.periksa_bagian)."""
    return _kerjakan(di_pekerja, len(siap), periksa_bagian, siap)


@task(name="tulis", task_run_name="tulis-{nama}", cache_policy=NONE)
def tulis_task(siap: list, diperiksa: list, nama: str, output: Path, waktu: datetime, keterangan: list[dict] | None,
               digit_sub: int, di_pekerja: bool) -> list[HasilBerkas | BaseException]:
    """Write a checked part (flows.langkah.bagian.tulis_bagian)."""
    return _kerjakan(di_pekerja, len(siap), tulis_bagian, siap, diperiksa, output, waktu, keterangan, digit_sub)


def _kerjakan(di_pekerja: bool, n: int, fungsi, *args) -> list:
    """``fungsi(*args)`` for a part of ``n`` kecamatan, in a worker process or here."""
    return terisolasi(n, fungsi, *args) if di_pekerja else fungsi(*args)


def _langkah(tugas):
    """A step as its task inside a task run (the flow's), as its plain function elsewhere (tests and tools call
    ``bagian_task.fn``)."""
    return tugas if TaskRunContext.get() is not None else tugas.fn


def _catat_pekerja() -> None:
    """Inside a Dask worker, log which one runs this task (its address, host and process id); nothing elsewhere."""
    if "distributed" not in sys.modules:
        return
    from distributed import get_worker  # imported already (sys.modules above): Dask is never loaded for this

    try:
        alamat = get_worker().address
    except ValueError:  # not in a Dask worker
        return
    get_run_logger().info("Dikerjakan pekerja Dask %s (host %s, pid %d)", alamat, socket.gethostname(), os.getpid())


def _sebar(tugas, daftar_argumen: list[tuple]) -> list:
    """Submit ``tugas`` once per argument tuple, all at once, to the flow's task runner; then, in the same order, each
    result or the exception its task ended with (failed, crashed, or its worker lost), never raised."""
    futures = [tugas.submit(*argumen) for argumen in daftar_argumen]
    hasil = []
    for f in futures:
        try:
            hasil.append(f.result())
        except Exception as e:  # one file's or kecamatan's failure is its own summary line
            hasil.append(e)
    return hasil


def _pekerja() -> int:
    try:
        return jumlah_pekerja()
    except ValueError:  # the command says why before it starts a flow
        return 1


PEKERJA = _pekerja()  # threads of the flow = worker processes (RENJA_PEKERJA, default the machine's cores)


@flow(name="renja-run", flow_run_name="renja-run-{input_dir}", task_runner=ThreadPoolTaskRunner(max_workers=PEKERJA))
def renja_run(input_dir: Path = Path("input"), output_dir: Path = Path("output"), tahun: int | None = None,
              kabupaten: str | None = None, kecamatan: str | None = None,
              nomenklatur: Path | None = None, digit_sub: int = 4, arsipkan: bool = False,
              tunggu_kunci: float = 600.0) -> list[HasilBerkas]:
    """Process every workbook in ``input_dir`` into ``output_dir``; return one summary per kecamatan or bad file.

    Files are read one by one; their tables are then grouped by kecamatan (year, kabupaten, kecamatan), so one
    kecamatan may send one workbook or one file per table.  With ``arsipkan`` (what ``renja serve`` runs) only
    complete files are taken and each one leaves ``input_dir`` afterwards (flows.mesin.masukan).  Raises
    flows.mesin.kunci.SedangDipakai when another run holds the folders longer than ``tunggu_kunci`` seconds.  On a task
    runner other than Prefect's thread pool (Dask), reads and kecamatan are submitted all at once.
    """
    konteks = FlowRunContext.get()
    dask = konteks is not None and not isinstance(konteks.task_runner, ThreadPoolTaskRunner)
    lokal = not dask and PEKERJA > 1  # the thread pool of this flow: one thread per worker process
    return jalankan(Path(input_dir), Path(output_dir), Opsi(tahun, kabupaten, kecamatan),
                    Path(nomenklatur) if nomenklatur is not None else None, digit_sub, arsipkan=arsipkan,
                    tunggu_kunci=tunggu_kunci, baca=baca_task, olah=bagian_task, log=get_run_logger(),
                    sebar=_sebar if (dask or lokal) else None, lokal=lokal)
