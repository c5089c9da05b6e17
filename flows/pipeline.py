"""The Prefect flow of ``renja run`` and ``renja serve``: every workbook in the input folder becomes its standard
outputs, in four steps — each a Prefect task, a thin edge around flows.langkah and transforms/:

1. **baca** (read), one task per few files (flows.mesin.jalan.ukuran_bacaan), each file's cells read under the guard
   and the worker's limits, its Renja tables found and each tidied per layout (flows.langkah.baca).  The files'
   tables are then identified and grouped by kecamatan (flows.langkah.rapikan.kelompokkan) and the kecamatan cut
   into parts of up to 25 (flows.mesin.jalan.ukuran_potongan), each part one ``bagian`` task that runs the three
   steps after reading:
2. **rapikan** (tidy): each kecamatan's tables one per layout, normalised against the nomenclature, matched with
   T-C.33, given the plain item checks (flows.langkah.rapikan);
3. **periksa** (check): the part validated together with Great Expectations (flows.langkah.periksa);
4. **tulis** (write): each kecamatan's workbooks, tidy CSV files, validasi.json and laporan.html
   (flows.langkah.tulis).

Coarse on purpose (~10 ms engine cost per task, see stack notes); a bad file gives a failed summary line and its
report, never a failed run of the others.  The run around the steps — the lock, the drop folder, the summary — is
flows.mesin.jalan.jalankan; this module gives it Prefect's tasks and logger.  The run's settings travel whole: the
flow's one parameter is the ``flows.setelan.Jalan`` the command built, and every task gets it (a part's tasks hand
its ``setelan`` to the worker processes).

The flow's task runner is Prefect's thread pool with one thread per worker process (``RENJA_PEKERJA``, default the
machine's cores; ``renja run`` sets it from its ``Jalan``, a deployment's run from its process's environment at
import): every read, then every part, is submitted at once (``_sebar``); each step hands its work to a
worker process of flows.mesin.pekerja, so the cores work at once while the read tables wait on disk
(flows.mesin.jalan ``lokal``).  With one worker the tasks are called one by one, in this process.  On another
runner — ``renja_run.with_options(task_runner=flows.mesin.sebar.pelari_dask(...))`` for ``renja run --dask`` —
every read, then every part, is submitted at once too, and each task logs which Dask worker ran it.
"""
# No `from __future__ import annotations` here: the flow's parameter annotation must be the Jalan class itself,
# not a name, because a deployment's run unpickles the flow function (cloudpickle) with only the globals its body
# uses, and Prefect's parameter validation would then not find `Jalan` (tested by test_layanan).

import os
import socket
import sys
import uuid
from datetime import datetime
from functools import partial
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext, TaskRunContext
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.data.nomenklatur import keterangan_daftar
from flows.langkah.baca import baca_berkas
from flows.langkah.bacaan import BacaanBerkas, HasilBerkas
from flows.langkah.bagian import (lupakan_bagian, periksa_bagian, periksa_simpan, rapikan_bagian,
                                  rapikan_simpan, terisolasi, tulis_bagian, tulis_simpan)
from flows.mesin.jalan import Cara, baca_beberapa, daftar_workbook, jalankan, nama_potongan
from flows.mesin.pekerja import BATAS_WAKTU_OLAH, jalankan_terisolasi, pekerja_tetap
from flows.setelan import Jalan, Setelan

__all__ = ["renja_run", "daftar_workbook"]


def _nama_baca(parameters: dict) -> str:
    """A read task's name (Prefect passes the task's ``parameters``): its files, or the first and last and how
    many."""
    paths = parameters["paths"]
    paths = paths.unquote() if isinstance(paths, quote) else paths  # as submitted on this machine (_sebar)
    return "baca-" + nama_potongan([p.name for p in paths], "berkas")


@task(name="baca", task_run_name=_nama_baca, cache_policy=NONE)  # inputs are files: no hashing
def baca_task(paths: list[Path], jalan: Jalan, gudang=None) -> list[BacaanBerkas | BaseException]:
    """Read a few files (flows.mesin.jalan.ukuran_bacaan), one by one, each in a worker process of flows.mesin.pekerja
    with the run's settings; each file's record (with ``gudang`` its tables kept there by the worker) or the
    exception its read ended with."""
    _catat_pekerja()

    def baca(path: Path) -> BacaanBerkas:  # with the gudang the worker keeps the tables there itself
        return baca_berkas(path, jalan.opsi, jalan.setelan, gudang.tempat() if gudang is not None else None)

    return baca_beberapa(paths, baca)


@task(name="bagian", task_run_name="bagian-{nama}", cache_policy=NONE)
def bagian_task(bacaan: list[list[BacaanBerkas]], jalan: Jalan, waktu: datetime, nama: str,
                nomenklatur: pd.DataFrame | None, gudang=None) -> list[HasilBerkas | BaseException]:
    """A part of the kecamatan (flows.mesin.jalan.ukuran_potongan): tidied, checked together and written — the
    three steps' tasks one after the other; each kecamatan's result or exception.  With ``gudang`` (threads on this
    machine) the part is held by one worker process of flows.mesin.pekerja for its three steps (parts run on
    several cores at once): the worker loads the tables from the gudang itself and keeps the tidied and checked
    part in its memory between the steps, so that the tasks' parameters and results are small handles (a key, each
    kecamatan's error), not tables that go through this process and Prefect's parameter handling.  The part's
    tables then leave the gudang (``lepas``), so that its folder empties while the run goes on."""
    _catat_pekerja()
    keterangan = keterangan_daftar(nomenklatur) if nomenklatur is not None else None
    if gudang is None:
        siap = _langkah(rapikan_task)(bacaan, nama, nomenklatur, jalan)
        diperiksa = _langkah(periksa_task)(siap, nama, jalan)
        return _langkah(tulis_task)(siap, diperiksa, nama, jalan, waktu, keterangan)
    pegangan = [[gudang.pegangan(b) for b in g] for g in bacaan]
    try:
        with pekerja_tetap(jalan.setelan) as pekerja:
            kunci, ditulis = uuid.uuid4().hex, False
            _DIPEGANG[kunci] = pekerja
            try:
                siap = _langkah(rapikan_task)(pegangan, nama, nomenklatur, jalan, kunci)
                diperiksa = _langkah(periksa_task)(siap, nama, jalan, kunci)
                hasil = _langkah(tulis_task)(siap, diperiksa, nama, jalan, waktu, keterangan, kunci)
                ditulis = True
                return hasil
            finally:
                if not ditulis:
                    _lupakan(pekerja, kunci, jalan)
                del _DIPEGANG[kunci]
    finally:  # the worker is free for the next part meanwhile; this thread only waits for the disk
        gudang.lepas(bacaan)


_DIPEGANG: dict = {}  # key of a part in progress → the worker that holds it (None: this process, RENJA_ISOLASI=0)


def _lupakan(pekerja, kunci: str, jalan: Jalan) -> None:
    """The part's tables no longer kept by its worker: a step failed before ``tulis`` (which forgets them)."""
    try:
        jalankan_terisolasi(lupakan_bagian, kunci, batas_waktu=BATAS_WAKTU_OLAH, setelan=jalan.setelan,
                            pekerja=pekerja)
    except Exception:  # noqa: BLE001, S110 - a worker that died has forgotten it already
        pass


@task(name="rapikan", task_run_name="rapikan-{nama}", cache_policy=NONE)
def rapikan_task(bacaan: list, nama: str, nomenklatur: pd.DataFrame | None, jalan: Jalan,
                 bagian: str | None = None) -> list:
    """Tidy a part (flows.langkah.bagian.rapikan_bagian): here, or with ``bagian`` (the part's key) in the worker
    that holds the part, which keeps the tidied kecamatan (``bacaan``: each file's record and where its tables wait)
    and hands back each one's error or None."""
    if bagian is None:
        return rapikan_bagian(bacaan, nomenklatur)
    return terisolasi(len(bacaan), rapikan_simpan, bagian, bacaan, nomenklatur, setelan=jalan.setelan,
                      pekerja=_DIPEGANG[bagian])


@task(name="periksa", task_run_name="periksa-{nama}", cache_policy=NONE)
def periksa_task(siap: list, nama: str, jalan: Jalan, bagian: str | None = None) -> list:
    """Check a tidied part, its kecamatan validated together (flows.langkah.bagian.periksa_bagian); with ``bagian``
    in the worker that holds the part."""
    if bagian is None:
        return periksa_bagian(siap)
    return _gabung(siap, terisolasi(len(siap), periksa_simpan, bagian, setelan=jalan.setelan,
                                    pekerja=_DIPEGANG[bagian]))


@task(name="tulis", task_run_name="tulis-{nama}", cache_policy=NONE)
def tulis_task(siap: list, diperiksa: list, nama: str, jalan: Jalan, waktu: datetime, keterangan: list[dict] | None,
               bagian: str | None = None) -> list[HasilBerkas | BaseException]:
    """Write a checked part (flows.langkah.bagian.tulis_bagian) into the run's output folder; with ``bagian`` in the
    worker that holds the part."""
    if bagian is None:
        return tulis_bagian(siap, diperiksa, jalan.output, waktu, keterangan, jalan.digit_sub)
    return _gabung(diperiksa, terisolasi(len(siap), tulis_simpan, bagian, jalan.output, waktu, keterangan,
                                         jalan.digit_sub, setelan=jalan.setelan, pekerja=_DIPEGANG[bagian]))


def _gabung(sebelum: list, sesudah: list) -> list:
    """A step's results after the one before: a kecamatan that failed before keeps that error."""
    return [s if isinstance(s, BaseException) else h for s, h in zip(sebelum, sesudah)]


def _langkah(tugas):
    """A step as its task inside a task run (the flow's), its lists passed as they are (``_tanpa_telusur``); as its
    plain function elsewhere (tests and tools call ``bagian_task.fn``)."""
    if TaskRunContext.get() is None:
        return tugas.fn
    return lambda *argumen: tugas(*_tanpa_telusur(argumen))


def _tanpa_telusur(argumen: tuple) -> tuple:
    """A task's arguments with each list (kecamatan records, handles, tables, findings) wrapped in Prefect's
    ``quote``: Prefect then hands it to the task as it is, instead of visiting every element for futures to wait for
    — there are none, and the visits cost the command ~7 ms of CPU per kecamatan (py-spy, 200 kecamatan: 1.5 s in
    ``visit_collection``, while the workers need the cores)."""
    return tuple(quote(a) if isinstance(a, list) else a for a in argumen)


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


def _sebar(tugas, daftar_argumen: list[tuple], kutip: bool = False) -> list:
    """Submit ``tugas`` once per argument tuple, all at once, to the flow's task runner (with ``kutip``, the thread
    pool of this machine, its lists quoted: ``_tanpa_telusur``; not on Dask, where the arguments travel to other
    processes and a quote arrives as a plain tuple); then, in the same order, each result or the exception its task
    ended with (failed, crashed, or its worker lost), never raised."""
    futures = [tugas.submit(*(_tanpa_telusur(argumen) if kutip else argumen)) for argumen in daftar_argumen]
    hasil = []
    for f in futures:
        try:
            hasil.append(f.result())
        except Exception as e:  # one file's or kecamatan's failure is its own summary line
            hasil.append(e)
    return hasil


def pelari_lokal(setelan: Setelan) -> ThreadPoolTaskRunner:
    """The flow's task runner on this machine: one thread per worker process of the run's settings."""
    return ThreadPoolTaskRunner(max_workers=setelan.pekerja)


def _pekerja() -> int:
    try:
        return Setelan.dari_lingkungan().pekerja
    except ValueError:  # the command says why before it starts a flow
        return 1


# The decorator needs its runner now: the environment at import gives it to a deployment's run (renja serve, whose
# run processes inherit the command's environment); renja run replaces it by its Jalan's (pelari_lokal).
PEKERJA = _pekerja()


@flow(name="renja-run", flow_run_name="renja-run-{jalan.input_dir}",
      task_runner=ThreadPoolTaskRunner(max_workers=PEKERJA))
def renja_run(jalan: Jalan) -> list[HasilBerkas]:
    """Process every workbook in ``jalan.input_dir`` into ``jalan.output``; return one summary per kecamatan or bad
    file.

    One parameter, the run's settings whole (flows.setelan.Jalan), rather than the command's options one by one:
    the command builds it once — options, then the environment — and the same object reaches the tasks and their
    worker processes, so nothing below reads the environment again.  It is a frozen dataclass of paths, texts and
    numbers: Prefect validates it, stores it as JSON for a deployment (``renja serve`` gives its deployment the
    Jalan of the drop folder) and rebuilds it for each run.

    Files are read one by one; their tables are then grouped by kecamatan (year, kabupaten, kecamatan), so one
    kecamatan may send one workbook or one file per table.  With ``jalan.arsipkan`` (what ``renja serve`` runs) only
    complete files are taken and each one leaves the input folder afterwards (flows.mesin.masukan).  Raises
    flows.mesin.kunci.SedangDipakai when another run holds the folders longer than ``jalan.tunggu_kunci`` seconds.
    On a task runner other than Prefect's thread pool (Dask), reads and kecamatan are submitted all at once.
    """
    konteks = FlowRunContext.get()
    dask = konteks is not None and not isinstance(konteks.task_runner, ThreadPoolTaskRunner)
    lokal = not dask and jalan.setelan.pekerja > 1  # the thread pool of this flow: one thread per worker process
    return jalankan(jalan, Cara(baca=baca_task, olah=bagian_task,
                                sebar=partial(_sebar, kutip=lokal) if (dask or lokal) else None,
                                lokal=lokal, log=get_run_logger(),
                                serentak=_utas_dask(konteks.task_runner) if dask else None))


def _utas_dask(pelari) -> int | None:
    """How many tasks a Dask task runner's cluster runs at once (its workers' threads); None when it cannot say."""
    try:
        return sum(pelari.client.nthreads().values()) or None
    except Exception:  # noqa: BLE001 - another runner, or a cluster that does not answer: the default then
        return None
