"""The Prefect flow of ``renja run`` and ``renja serve``: every workbook in the input folder becomes its standard
outputs.

One task per file read, one per part of up to 25 kecamatan checked (validated together) and written (coarse on
purpose: ~10 ms engine cost per task, see stack notes); a bad file gives a failed summary line and its report,
never a failed run of the others.  The work itself is flows.proses.jalankan; this module gives it Prefect's tasks
and logger.

The flow's task runner is Prefect's thread pool with one thread per worker process (``RENJA_PEKERJA``, default the
machine's cores): every read, then every part, is submitted at once (``_sebar``); each task hands its work to a
worker process of flows.isolasi (reading and tidying a file; checking and writing a part), so the cores work at
once while the tasks' tables wait on disk (flows.proses ``lokal``).  With one worker the tasks are called one by
one.  On another runner — ``renja_run.with_options(task_runner=flows.sebar.pelari_dask(...))`` for ``renja run
--dask`` — every read, then every part, is submitted at once too, and each task logs which Dask worker ran it.
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
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from flows.isolasi import jumlah_pekerja
from flows.olah import BacaanBerkas, HasilBerkas, Opsi, baca_berkas, olah_banyak, olah_banyak_terisolasi
from flows.proses import daftar_workbook, jalankan

__all__ = ["renja_run", "daftar_workbook"]


@task(name="baca-berkas", task_run_name="baca-{path.name}", cache_policy=NONE)  # inputs are files: no hashing
def baca_berkas_task(path: Path, opsi: Opsi, gudang=None) -> BacaanBerkas:
    """One file read (in a worker process of flows.isolasi); with ``gudang`` its tables are kept there."""
    _catat_pekerja()
    b = baca_berkas(path, opsi)
    return gudang.simpan(b) if gudang is not None else b


@task(name="olah-kecamatan", task_run_name="olah-{nama}", cache_policy=NONE)
def olah_kecamatan_task(bacaan: list[list[BacaanBerkas]], output: Path, waktu: datetime, nama: str,
                        nomenklatur: pd.DataFrame | None, digit_sub: int,
                        gudang=None) -> list[HasilBerkas | BaseException]:
    """A part of the kecamatan (flows.proses.ukuran_potongan), validated together; each one's result or exception.
    With ``gudang`` (threads on this machine) the tables are loaded from it and the work runs in a worker process
    of flows.isolasi, so that parts run on several cores at once."""
    _catat_pekerja()
    if gudang is None:
        return olah_banyak(bacaan, output, waktu, nomenklatur, digit_sub)
    return olah_banyak_terisolasi([[gudang.muat(b) for b in g] for g in bacaan], output, waktu, nomenklatur,
                                  digit_sub)


def _catat_pekerja() -> None:
    """Inside a Dask worker, log which one runs this task (its address, host and process id); nothing elsewhere."""
    if "distributed" not in sys.modules:
        return
    from distributed import get_worker

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
    complete files are taken and each one leaves ``input_dir`` afterwards (flows.masukan).  Raises
    flows.kunci.SedangDipakai when another run holds the folders longer than ``tunggu_kunci`` seconds.  On a task
    runner other than Prefect's thread pool (Dask), reads and kecamatan are submitted all at once.
    """
    konteks = FlowRunContext.get()
    dask = konteks is not None and not isinstance(konteks.task_runner, ThreadPoolTaskRunner)
    lokal = not dask and PEKERJA > 1  # the thread pool of this flow: one thread per worker process
    return jalankan(Path(input_dir), Path(output_dir), Opsi(tahun, kabupaten, kecamatan),
                    Path(nomenklatur) if nomenklatur is not None else None, digit_sub, arsipkan=arsipkan,
                    tunggu_kunci=tunggu_kunci, baca=baca_berkas_task, olah=olah_kecamatan_task, log=get_run_logger(),
                    sebar=_sebar if (dask or lokal) else None, lokal=lokal)
