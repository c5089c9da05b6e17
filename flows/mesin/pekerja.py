"""The capped worker pool: a function runs in a worker process with a memory cap and a time limit, so that what the
guard (flows.langkah.penjaga) cannot foresee — a parser that aborts the whole process, grows without bound or never
ends — costs one file only.

``jalankan_terisolasi(fungsi, *args)`` runs a module-level function in a persistent worker process: a new Python
interpreter (``python -c``, never a fork of a process that runs Prefect's threads) that loads the reading modules
(``MODUL_MUAT``) once, is reused for every call and is started anew after it died or was stopped.  flows.langkah.baca
reads and tidies each file this way (``baca_terisolasi``, ``baca_berkas``: the cell limits are the reader's), and
flows.langkah.bagian checks and writes a part of kecamatan.  The workers form a pool of ``RENJA_PEKERJA`` (default:
the machine's cores): calls from several threads at once each get their own worker, started when first needed; the
first one is ``pekerja_bawaan()``.  When the worker dies (a signal: SIGABRT, SIGKILL …), raises MemoryError or runs
past the time limit, the call raises ``BatasTerlampaui`` (its message an Indonesian clause naming the limit: the
reader refuses the file with it) and the next call gets a new worker.  Other exceptions come back as they were
raised (a bug stays a bug).

Limits:

- **memory**: the worker's ``RLIMIT_DATA`` (heap and private anonymous memory: what a reader grows by) is what it
  holds after loading its modules (~120 MiB measured) plus ``RENJA_BATAS_MEMORI_MB`` (default ``BATAS_MEMORI_MB``
  = 2,048 MiB; 0 = no cap).  Not ``RLIMIT_AS``: address space also counts what is reserved and never used
  (shared libraries, malloc arenas, OpenBLAS's buffers of ~40 MiB per core), so one number would mean less room on
  a machine with more cores; both stop Python, numpy, pandas and calamine allocations alike (measured).  Measured
  in the worker (reading and sending the cells back): 2.75 million mixed cells (a 27 MiB file) and the largest
  sheet the guard lets through as numbers (5,000,000 cells, 44 MiB) both read under a 1,536 MiB cap; 5,000,000
  cells of distinct texts (17 MiB) need ~2,200 MiB and are refused under the default — raise the setting for them.
- **time**: ``RENJA_BATAS_WAKTU_BACA`` seconds per file (default ``BATAS_WAKTU_BACA`` = 120; 0 = none); the
  worker is then killed (SIGKILL).  The 5,000,000-cell sheets above read in 10-20 s.
- **cells** (flows.langkah.baca ``baca_terbatas``): a sheet whose used range from A1 (the rows and columns the reader fills, whatever ``<dimension>``
  says or omits) reaches beyond ``penjaga.BARIS_MAKS`` rows or ``penjaga.SEL_MAKS`` cells is refused before its
  cells are converted (xlsx/xlsm/xls, from calamine's range), and so is a sheet read with more rows or cells than
  that (CSV) — no unbounded frame comes back.

``RENJA_ISOLASI=0`` reads in the calling process (debugging, profiling): the cell limits apply, memory and time
do not.

Why a fresh interpreter and not multiprocessing's ``forkserver``: a forkserver child re-imports the caller's main
module (``__mp_main__``) — under ``renja serve`` that is ``prefect.engine`` (seconds, and Prefect inside the
reader), and a script without an ``if __name__ == "__main__"`` guard would run again.  Measured on the 2-core
machine: starting the worker takes ~0.4 s (once per process and again after each file that killed it); reading
the shipped sample takes ~14 ms in the worker against ~8 ms for baca_workbook in-process — ~3 ms of the difference
are the cell checks, ~2 ms sending the cells back (tests/test_isolasi.py measures it).  The worker
ignores SIGINT and SIGTERM (a service being stopped finishes the file it reads; Ctrl-C is the caller's) and has a
CPU-time limit per call (twice the time limit plus 5 s).

**A worker dies with the process it works for**, however that ends — SIGKILL too, and even in the middle of a call
(a run, the fuzz campaign or pytest killed must leave no orphan reading on): at its start it asks the kernel for
SIGKILL when its parent ends (Linux's ``prctl(PR_SET_PDEATHSIG)``, through ctypes), then checks that its parent is
still the process that started it (one that died before the request leaves it to another parent: it ends at once);
where there is no such request a thread of the worker looks at its parent's id every 0.5 s.  The kernel counts the
*thread* that started a process as its parent, and the threads that call the pool come and go (the command's head
start, Prefect's task threads), so every worker is started by one thread that lives as long as the process
(``_luncurkan``).  An idle worker also ends when its pipe closes.

**Why the pool is hand-made, not a library's** (issue 12; measured on the 2-core machine, the calls in a loop of
2,000 after a warm-up, the worker initialised as here):

- concurrent.futures' ``ProcessPoolExecutor`` — what Prefect 3.9.1's ``ProcessPoolTaskRunner`` runs on — and loky
  3.7.0: one worker killed by a hostile file (calamine's SIGABRT) breaks the executor: every later call fails
  (``BrokenProcessPool``), and with loky the call running beside it in the other worker fails too
  (``TerminatedWorkerError``) — one bad file would cost others.  Neither stops a call at a time limit
  (``result(timeout)`` leaves the worker running).  A small call costs 275 µs (spawn) and 640 µs (loky).
- pebble 5.2.3 (``ProcessPool`` with an initializer for the cap and ``schedule(timeout=)``) keeps a crash to its own
  call and stops a call at its limit, but: a small call costs 290-415 µs (forkserver, spawn) against 140 µs here,
  and 3× the caller's CPU (its scheduler and message threads); it stops a worker with SIGTERM and waits 3 s before
  SIGKILL, while a worker must ignore SIGTERM (``renja serve`` being stopped): a 1-second limit took 4.1 s, its
  manager thread handling no other worker meanwhile; a call goes to whichever worker takes the one shared pipe first,
  so ``panaskan`` cannot warm the worker the next call gets; its workers are multiprocessing children, which a Dask
  worker (a daemonic process: ``renja run --dask``) may not start ("daemonic processes are not allowed to have
  children"); spawn and forkserver import the caller's main module again in every worker.  And what this module
  keeps beyond the pool itself — the Indonesian findings, the worker's last words, the CPU limit, a fresh worker
  after MemoryError, the binding to the parent — would stay: the pool proper is about 150 of these lines.
"""
from __future__ import annotations

import atexit
import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, Pipe, wait

from flows.mesin.lingkungan import UtasAntrean, keluar
from flows.setelan import Setelan, setelan
from schemas import setelan as st

BATAS_MEMORI_MB = st.BATAS_MEMORI_MB.bawaan  # MiB the reading of one file may take beyond the loaded modules
BATAS_WAKTU_BACA = st.BATAS_WAKTU_BACA.bawaan  # seconds per file
SETELAN_MEMORI = st.BATAS_MEMORI_MB.nama
SETELAN_WAKTU = st.BATAS_WAKTU_BACA.nama
SETELAN_ISOLASI = st.ISOLASI.nama
SETELAN_PEKERJA = st.PEKERJA.nama  # worker processes (default: the machine's cores)
SETELAN_INDUK = st.PEKERJA_DARI.nama  # set in a worker: the process id of the process it works for
BATAS_WAKTU_OLAH = 1800  # seconds for checking and writing one part of kecamatan in a worker
MATI = st.MATI  # values of RENJA_ISOLASI that switch the worker off
MODUL_MUAT = ("flows.langkah.pembaca", "flows.langkah.penjaga", "transforms.sel", "python_calamine", "openpyxl")
# Not importable in a worker (``sys.modules[nama] = None``: an import raises ModuleNotFoundError, as if it were not
# installed).  sqlalchemy: Great Expectations imports it at module level, always under ``try/except ImportError`` (it
# is one of GX's extras, not a requirement), for its SQL data sources and the SQL paths of expectations; a worker
# checks pandas frames only, and nothing else it runs (readers, transforms, writers) imports it — Prefect, which
# needs it, never runs in a worker.  ~0.4 CPU-s less per worker warm-up (GX's import: 2.2 -> 1.7 CPU-s, measured).
MODUL_TANPA = ("sqlalchemy",)
SEBAB_WAKTU, SEBAB_MEMORI, SEBAB_SINYAL, SEBAB_KELUAR = "waktu", "memori", "sinyal", "keluar"
_OK, _GALAT, _MEMORI = "ok", "galat", "memori"
_ALOKASI = re.compile(r"memory allocation of (\d+) bytes failed")
_STDERR_MAKS = 64 * 1024  # bytes of the worker's error output read for the refusal message
_PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal this process gets when its parent ends
_JAGA_DETIK = 0.5  # where there is no PR_SET_PDEATHSIG: how often a worker looks whether its parent still runs
_MULAI = "import json, sys; sys.path[:] = json.loads(sys.argv[2]); from flows.mesin.pekerja import _utama; _utama()"


class BatasTerlampaui(Exception):
    """The worker gave no answer: ``sebab`` is SEBAB_WAKTU, SEBAB_MEMORI, SEBAB_SINYAL or SEBAB_KELUAR; the message
    is an Indonesian clause that follows "Berkas '<name>' ".  ``rincian`` holds the worker's own last words."""

    def __init__(self, sebab: str, pesan: str, rincian: str = ""):
        super().__init__(pesan)
        self.sebab, self.rincian = sebab, rincian


# --------------------------------------------------------------------------------------------- settings


def isolasi_aktif(lingkungan=None) -> bool:
    """False when ``RENJA_ISOLASI`` is 0/false/no/off/tidak: files are then read in the calling process."""
    return setelan(lingkungan).isolasi


def batas_memori_mb(lingkungan=None) -> int:
    """``RENJA_BATAS_MEMORI_MB`` (whole MiB, 0 = no cap), else BATAS_MEMORI_MB; ValueError (Indonesian) otherwise."""
    return setelan(lingkungan).batas_memori_mb


def batas_waktu_baca(lingkungan=None) -> float:
    """``RENJA_BATAS_WAKTU_BACA`` (seconds, 0 = none), else BATAS_WAKTU_BACA; ValueError (Indonesian) otherwise."""
    return setelan(lingkungan).batas_waktu_baca


# ------------------------------------------------------------------------------------------ the pool


def jalankan_terisolasi(fungsi, *args, batas_waktu: float | None = None, setelan: Setelan | None = None,
                        pekerja: Pekerja | None = None):
    """``fungsi(*args)`` in a free worker of the pool (``setelan.pekerja`` of them, started as calls come in
    at the same time: a caller waits for a free one), or here when ``setelan.isolasi`` is off (``RENJA_ISOLASI=0``).
    ``batas_waktu``: seconds, None for the reading limit.  ``setelan``: the run's settings (flows.setelan.Jalan),
    which give the pool's size and the workers' limits; None: this process's environment now (tests, tools).
    ``pekerja``: the worker this caller holds (``pekerja_tetap``) instead of a free one.  Raises BatasTerlampaui
    when the worker ran out of time or memory or died."""
    if pekerja is not None:
        return pekerja.jalankan(fungsi, *args, batas_waktu=batas_waktu)
    st = Setelan.dari_lingkungan() if setelan is None else setelan
    if not st.isolasi:
        return fungsi(*args)
    with _pinjam(st) as pekerja:
        return pekerja.jalankan(fungsi, *args, batas_waktu=batas_waktu)


@contextmanager
def pekerja_tetap(setelan: Setelan | None = None) -> Iterator[Pekerja | None]:
    """One worker of the pool held for several calls in a row (``jalankan_terisolasi(..., pekerja=)``), so that
    what one call leaves in the worker's memory is there for the next (a part's tidied tables between its steps);
    None when ``setelan.isolasi`` is off (the calls then run here).  Other callers meanwhile get other workers."""
    st = Setelan.dari_lingkungan() if setelan is None else setelan
    if not st.isolasi:
        yield None
        return
    with _pinjam(st) as pekerja:
        yield pekerja


def panaskan(fungsi, setelan: Setelan | None = None, nanti: threading.Event | None = None) -> threading.Thread | None:
    """Start the pool's first worker now and run ``fungsi`` in it (e.g. importing what a run needs), in a background
    thread: a command calls this before its own slow start (Prefect's server), so that the worker is ready by then.
    Nothing when ``RENJA_ISOLASI=0``.  A failure here is not reported: the worker starts again on its first call.
    ``setelan`` as for ``jalankan_terisolasi``.

    With ``nanti``: the worker starts now (its modules, MODUL_MUAT, loaded), ``fungsi`` runs only once ``nanti`` is
    set, and in a thread of the worker (``_di_latar``), so that the worker answers calls meanwhile — a call that
    comes during the warm-up neither waits for it nor starts a second worker.  ``renja run`` sets ``nanti`` when it has
    done its own work and waits for Prefect's server: importing Great Expectations (~1.7 s of CPU) then takes the
    core the command leaves, instead of a share of the server's."""
    st = Setelan.dari_lingkungan() if setelan is None else setelan
    if not st.isolasi:
        return None

    def panas() -> None:
        try:
            if nanti is None:
                jalankan_terisolasi(fungsi, batas_waktu=0, setelan=st)
                return
            jalankan_terisolasi(_siap, batas_waktu=0, setelan=st)  # the worker started, its modules loaded
            nanti.wait()
            pekerja_bawaan(st).jalankan(_di_latar, fungsi, batas_waktu=0)  # the same worker, even if lent out now
        except Exception:  # noqa: BLE001, S110 - only a head start; the real call reports its own trouble
            pass

    utas = threading.Thread(target=panas, daemon=True, name="renja-panaskan")
    utas.start()
    return utas


def _siap() -> int:
    """In a worker: nothing (the first call of ``panaskan`` with ``nanti``: starting the worker is the point)."""
    return os.getpid()


def _di_latar(fungsi) -> None:
    """In a worker: ``fungsi()`` in a thread of its own, returning at once; a failure is not reported (a head start:
    the call that needs what it imports imports it again, waiting for a half-done import of the same module)."""

    def jalan() -> None:
        try:
            fungsi()
        except Exception:  # noqa: BLE001, S110
            pass

    threading.Thread(target=jalan, daemon=True, name="renja-panaskan-latar").start()


def panggil(modul: str, nama: str, *args):
    """``modul.nama(*args)``, the module imported where this runs: a caller hands a worker a function of a module it
    does not import itself (``panaskan(partial(panggil, "flows.langkah.bagian", "panaskan_pekerja"))``)."""
    import importlib

    return getattr(importlib.import_module(modul), nama)(*args)


def jumlah_pekerja(lingkungan=None) -> int:
    """``RENJA_PEKERJA`` (1 or more), else the machine's cores; ValueError (Indonesian) otherwise."""
    return setelan(lingkungan).pekerja


# ------------------------------------------------------------------------------------------- the worker


class Pekerja:
    """One worker process with a memory cap (``batas_memori_mb`` MiB beyond its loaded modules, 0 = none) and a time
    limit per call (``batas_waktu`` seconds, 0 = none).  Started on first use, reused, started anew after it died or
    was stopped; ``tutup()`` ends it (also at interpreter exit).  Thread-safe: concurrent callers take turns."""

    def __init__(self, batas_memori_mb: int = BATAS_MEMORI_MB, batas_waktu: float = BATAS_WAKTU_BACA,
                 muat: tuple[str, ...] = MODUL_MUAT):
        self.batas_memori_mb, self.batas_waktu, self.muat = batas_memori_mb, batas_waktu, tuple(muat)
        self.jumlah_mulai = 0  # worker processes started so far
        self._kunci = threading.Lock()
        self._proses = self._conn = None
        self._stderr: int | None = None  # our read end of the worker's error output (an unlinked file)
        self._induk = os.getpid()  # the process whose worker this is (a fork of it starts its own)
        _SEMUA.add(self)

    @property
    def pid(self) -> int | None:
        """The running worker's process id (None before the first call or after it ended)."""
        return self._proses.pid if self._proses is not None else None

    def jalankan(self, fungsi, *args, batas_waktu: float | None = None):
        """``fungsi(*args)`` in the worker (a module-level function; arguments and result are pickled), within
        ``batas_waktu`` seconds (None: the worker's own limit; 0: none).

        Returns its result or raises its exception; raises BatasTerlampaui when the worker ran out of time or
        memory or died, and then stops it (the next call starts a new one)."""
        with self._kunci:
            try:
                jenis, isi = self._tukar(fungsi, args, self.batas_waktu if batas_waktu is None else batas_waktu)
            except BatasTerlampaui:
                raise
            except BaseException:  # interrupted mid-call (Ctrl-C …): a worker still busy must not answer later
                self._hentikan()
                raise
        if jenis == _OK:
            return isi
        if not isinstance(isi, Exception):  # SystemExit, KeyboardInterrupt of the worker: never the caller's
            isi = RuntimeError(f"{type(isi).__name__}: {isi}")
        raise isi

    def tutup(self, tunggu: float = 2.0) -> None:
        """End the worker (asked politely, killed after ``tunggu`` seconds); a later call starts a new one."""
        dapat = self._kunci.acquire(timeout=tunggu)  # at exit a daemon thread may still hold it mid-call
        try:
            self._lupakan_warisan()
            if self._conn is not None:
                try:
                    self._conn.send(None)
                except (OSError, EOFError, ValueError):
                    pass
            self._hentikan(tunggu)
        finally:
            if dapat:
                self._kunci.release()

    # -- inside the lock

    def _tukar(self, fungsi, args, detik: float) -> tuple[str, object]:
        """Send one call, wait for its answer: (_OK, result) or (_GALAT, exception); raises BatasTerlampaui."""
        self._detik = detik
        self._lupakan_warisan()
        if self._proses is not None and (self._proses.poll() is not None or self._conn.poll()):
            self._hentikan()  # died while idle (killed from outside): an idle worker writes nothing, EOF says it
        if self._proses is None:
            self._mulai()
        try:
            self._conn.send((fungsi, args, detik))
        except (OSError, EOFError):  # it died just now: one new worker, once
            self._hentikan()
            self._mulai()
            self._conn.send((fungsi, args, detik))
        if not wait([self._conn], detik or None):  # an answer, or end of file when the worker died
            self._hentikan()
            raise BatasTerlampaui(SEBAB_WAKTU, self._pesan_waktu(detik))
        try:
            jenis, isi = self._conn.recv()
        except (EOFError, OSError):  # died before or while answering
            raise self._mati() from None
        if jenis == _MEMORI:
            self._hentikan(5.0)  # it ends by itself
            awal = f"melebihi batas {self._batas_memori()}" if self.batas_memori_mb else "melebihi memori komputer"
            raise BatasTerlampaui(SEBAB_MEMORI, f"membutuhkan memori {awal} saat dibaca: pembacaan dihentikan dan "
                                                "berkas ditolak.")
        return jenis, isi

    def _lupakan_warisan(self) -> None:
        """In a fork of the process that started the worker: forget that worker (it answers its own process)."""
        if self._induk != os.getpid():
            self._proses = self._conn = self._stderr = None
            self._induk = os.getpid()

    def _mulai(self) -> None:
        fd, nama = tempfile.mkstemp(prefix="renja-pembaca-", suffix=".log")
        os.close(fd)
        try:
            fd = os.open(nama, os.O_WRONLY | os.O_APPEND)  # the worker's: appending, truncated before each call
            self._stderr = os.open(nama, os.O_RDONLY)
        finally:
            os.unlink(nama)  # nothing is left behind, even when this process is killed
        ujung_induk, ujung_anak = Pipe(duplex=True)
        jalur = json.dumps([os.path.abspath(p) if p else os.getcwd() for p in sys.path])
        try:
            proses = _luncurkan(lambda: subprocess.Popen(
                [sys.executable, "-c", _MULAI, str(ujung_anak.fileno()), jalur, str(self.batas_memori_mb),
                 str(self.batas_waktu or 0), ",".join(self.muat), str(os.getpid())],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=fd, pass_fds=(ujung_anak.fileno(),),
                env={**os.environ, SETELAN_INDUK: str(os.getpid())}))
        except BaseException:
            ujung_induk.close()
            os.close(self._stderr)
            self._stderr = None
            raise
        finally:
            ujung_anak.close()
            os.close(fd)
        self._proses, self._conn = proses, ujung_induk
        self.jumlah_mulai += 1

    def _mati(self) -> BatasTerlampaui:
        """The worker ended without an answer: the error naming its signal or exit code and its last words."""
        try:
            kode = self._proses.wait(5)
        except subprocess.TimeoutExpired:  # closed its pipe yet still running: stopped
            kode = None
        rincian = self._kata_terakhir()
        self._hentikan()
        tambahan = f" Pesan pembaca: {rincian}" if rincian else ""
        if kode is None or kode >= 0:
            return BatasTerlampaui(SEBAB_KELUAR, f"membuat proses pembaca berhenti (kode keluar {kode}): berkas "
                                                 f"ditolak.{tambahan}", rincian)
        try:
            nama = signal.Signals(-kode).name
        except ValueError:
            nama = f"sinyal {-kode}"
        if -kode == signal.SIGXCPU:
            return BatasTerlampaui(SEBAB_WAKTU, self._pesan_waktu(getattr(self, "_detik", self.batas_waktu)), rincian)
        batas = self._batas_memori()
        alokasi = _ALOKASI.search(rincian)
        minta = int(alokasi.group(1)) if alokasi else 0
        if self.batas_memori_mb and minta > self.batas_memori_mb * 2**20:
            pesan = (f"membuat pembaca meminta {_ukuran(minta)} memori sekaligus, melebihi batas memori {batas} — "
                     f"biasanya sheet yang terisi sampai sel yang sangat jauh tanpa ukuran yang benar: proses pembaca "
                     f"berhenti ({nama}) dan berkas ditolak.")
        elif alokasi:
            pesan = (f"membuat pembaca kehabisan memori (permintaan {_ukuran(minta)} lagi ditolak; batas memori "
                     f"{batas}): proses pembaca berhenti ({nama}) dan berkas ditolak.")
        elif -kode == signal.SIGKILL:
            pesan = (f"membuat proses pembaca dihentikan paksa ({nama}), mungkin karena kehabisan memori: berkas "
                     f"ditolak. Batas memori: {batas}.")
        else:
            pesan = f"membuat proses pembaca berhenti mendadak ({nama}): berkas ditolak. Batas memori: {batas}."
        return BatasTerlampaui(SEBAB_SINYAL, pesan + tambahan, rincian)

    def _pesan_waktu(self, detik: float) -> str:
        return (f"tidak selesai dibaca dalam batas waktu {angka_id(detik)} detik ({SETELAN_WAKTU}): "
                "pembacaan dihentikan dan berkas ditolak.")

    def _batas_memori(self) -> str:
        if not self.batas_memori_mb:
            return f"tidak ada ({SETELAN_MEMORI}=0)"
        return f"{angka_id(self.batas_memori_mb)} MB ({SETELAN_MEMORI})"

    def _kata_terakhir(self) -> str:
        """What the worker wrote to its error output during the last call, in one line of at most 200 characters:
        a failed allocation (Rust's 'memory allocation of N bytes failed'), else the last line that is not part of
        a backtrace (a Python exception, 'Fatal Python error: …')."""
        if self._stderr is None:
            return ""
        try:
            ukuran = os.fstat(self._stderr).st_size
            teks = os.pread(self._stderr, _STDERR_MAKS, max(0, ukuran - _STDERR_MAKS)).decode("utf-8", "replace")
        except OSError:
            return ""
        alokasi = _ALOKASI.search(teks)
        if alokasi:
            return alokasi.group(0)
        baris = [b.strip() for b in teks.splitlines() if b.strip() and not b[:1].isspace()
                 and not b.startswith(("note:", "stack backtrace:"))]
        return baris[-1][:200] if baris else ""

    def _hentikan(self, tunggu: float = 0.0) -> None:
        """Stop the worker (killed unless it ends within ``tunggu`` seconds), reap it, forget it."""
        proses, conn, stderr = self._proses, self._conn, self._stderr
        self._proses = self._conn = self._stderr = None
        if conn is not None:
            conn.close()  # an idle worker ends at end of file
        if proses is not None:
            try:
                proses.wait(tunggu)
            except subprocess.TimeoutExpired:
                proses.kill()
                proses.wait()
        if stderr is not None:
            os.close(stderr)


def _utama() -> None:
    """The worker's entry point (``_MULAI``): argv = fd of its pipe end, sys.path, memory cap (MiB), time limit (s;
    shown in `ps`, each call carries its own), modules to load, the process id of the process it works for."""
    fd, _, mb, _, muat, induk = sys.argv[1:7]
    _ikat_ke_induk(int(induk))
    for sinyal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sinyal, signal.SIG_IGN)  # Ctrl-C and a service's stop are the caller's to handle
    for modul in MODUL_TANPA:
        sys.modules.setdefault(modul, None)
    for modul in filter(None, muat.split(",")):
        __import__(modul)
    _layani(Connection(int(fd)), int(mb))
    keluar(0)  # without the interpreter's teardown (~0.8-1 CPU-s with the modules loaded): the run waits for it


def _ikat_ke_induk(induk: int) -> None:
    """End this worker (SIGKILL) when process ``induk`` — the one it works for — dies, however it dies (SIGKILL
    too), even mid-call: on Linux by ``prctl(PR_SET_PDEATHSIG, SIGKILL)``; where that is missing, by a thread that
    looks at the parent process id every ``_JAGA_DETIK`` seconds.  Already gone (it died before this): ends now."""
    if not _pdeathsig():
        threading.Thread(target=_jaga_induk, args=(induk,), daemon=True, name="renja-jaga-induk").start()
    if os.getppid() != induk:  # died before the signal was asked for: this process was handed to another parent
        os._exit(1)


def _pdeathsig() -> bool:
    """Ask the kernel for SIGKILL when the parent ends (Linux's PR_SET_PDEATHSIG); False where it cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _jaga_induk(induk: int) -> None:
    """Kill this process once its parent is no longer ``induk`` (the parent ended and it was handed to another)."""
    while os.getppid() == induk:
        time.sleep(_JAGA_DETIK)
    os.kill(os.getpid(), signal.SIGKILL)


def _layani(conn: Connection, batas_memori_mb: int) -> None:
    """Receive (function, args, time limit in s), answer (_OK, result), (_GALAT, exception) or (_MEMORI, None);
    ``None`` or a closed pipe ends the loop, and so does a MemoryError (a new worker reads the next file).  The CPU
    time of each call is capped at twice its time limit plus 5 s (none for 0)."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an aborted reader leaves no core file behind
    _pasang_batas_memori(batas_memori_mb)
    while True:
        try:
            tugas = conn.recv()
        except (EOFError, OSError):
            return
        if tugas is None:
            return
        os.ftruncate(2, 0)  # the error output keeps this call's last words only (opened for appending)
        fungsi, args, detik = tugas
        if detik:
            pakai = resource.getrusage(resource.RUSAGE_SELF)
            cpu, keras = int(pakai.ru_utime + pakai.ru_stime + 2 * detik + 5), resource.getrlimit(
                resource.RLIMIT_CPU)[1]
            resource.setrlimit(resource.RLIMIT_CPU, (cpu if keras == resource.RLIM_INFINITY else min(cpu, keras),
                                                     keras))
        else:
            keras = resource.getrlimit(resource.RLIMIT_CPU)[1]
            resource.setrlimit(resource.RLIMIT_CPU, (keras, keras))
        try:
            jawaban = (_OK, fungsi(*args))
        except MemoryError:
            jawaban = (_MEMORI, None)
        except BaseException as e:  # noqa: BLE001 - every exception goes back to the caller
            e.add_note("Di proses pembaca:\n" + "".join(traceback.format_exception(e)))
            jawaban = (_GALAT, e)
        try:
            conn.send(jawaban)
        except MemoryError:
            jawaban = None
            conn.send((_MEMORI, None))
        except Exception as e:  # an answer that cannot be pickled
            conn.send((_GALAT, RuntimeError(f"Jawaban proses pembaca tidak dapat dikirim: {type(e).__name__}: {e}")))
        if jawaban is None or jawaban[0] == _MEMORI:
            return


def _pasang_batas_memori(mb: int) -> None:
    """RLIMIT_DATA = what the process holds now + ``mb`` MiB (never above the hard limit); nothing for 0."""
    if not mb:
        return
    import resource

    lunak, keras = resource.getrlimit(resource.RLIMIT_DATA)
    batas = _vm_data() + mb * 2**20
    if keras != resource.RLIM_INFINITY:
        batas = min(batas, keras)
    resource.setrlimit(resource.RLIMIT_DATA, (batas, keras))


def _vm_data() -> int:
    """Bytes of the process's data segment (VmData of /proc/self/status); 0 where there is no /proc."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for baris in f:
                if baris.startswith("VmData:"):
                    return int(baris.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


# --------------------------------------------------------------------------------- the shared worker

_SEMUA: "weakref.WeakSet[Pekerja]" = weakref.WeakSet()
_BAWAAN: Pekerja | None = None
_KUNCI_BAWAAN = threading.Lock()


_BEBAS: list[Pekerja] = []  # the pool's idle workers besides the first (pekerja_bawaan)
_DIPINJAM: set[int] = set()  # ids of the pool's workers in use
_ADA = threading.Condition(_KUNCI_BAWAAN)


class _pinjam:
    """Borrow the pool's first worker (pekerja_bawaan) or, when it is busy, another one (up to ``setelan.pekerja``);
    wait when all are busy."""

    def __init__(self, setelan: Setelan):
        self.setelan = setelan

    def __enter__(self) -> Pekerja:
        n = self.setelan.pekerja
        with _ADA:
            while True:
                pertama = _bawaan_terkunci(self.setelan)
                if id(pertama) not in _DIPINJAM:
                    self.pekerja = pertama
                    break
                if len(_DIPINJAM) < n:
                    self.pekerja = _BEBAS.pop() if _BEBAS else Pekerja(pertama.batas_memori_mb, pertama.batas_waktu)
                    if self.pekerja.batas_memori_mb != pertama.batas_memori_mb:  # the cap is set when it starts
                        self.pekerja.tutup()
                        self.pekerja = Pekerja(pertama.batas_memori_mb, pertama.batas_waktu)
                    break
                _ADA.wait()
            self.pekerja.batas_waktu = pertama.batas_waktu
            _DIPINJAM.add(id(self.pekerja))
        return self.pekerja

    def __exit__(self, *_) -> None:
        with _ADA:
            _DIPINJAM.discard(id(self.pekerja))
            if self.pekerja is not _BAWAAN:
                _BEBAS.append(self.pekerja)  # kept for the next run of this process (RENJA_PEKERJA may differ)
            _ADA.notify()


def pekerja_bawaan(setelan: Setelan | None = None) -> Pekerja:
    """The process's reading worker, with the limits ``setelan`` gives (None: the environment's now; a new worker
    when the memory cap changed)."""
    with _KUNCI_BAWAAN:
        return _bawaan_terkunci(Setelan.dari_lingkungan() if setelan is None else setelan)


def _bawaan_terkunci(setelan: Setelan) -> Pekerja:
    global _BAWAAN
    mb, detik = setelan.batas_memori_mb, setelan.batas_waktu_baca
    if _BAWAAN is not None and _BAWAAN.batas_memori_mb != mb and id(_BAWAAN) not in _DIPINJAM:
        _BAWAAN.tutup()
        _BAWAAN = None
        for p in _BEBAS:  # the other idle ones start again with the new cap too
            p.tutup()
        _BEBAS.clear()
    if _BAWAAN is None:
        _BAWAAN = Pekerja(mb, detik)
    _BAWAAN.batas_waktu = detik
    return _BAWAAN


# ------------------------------------------------------------------------------------ the starting thread

# The one thread of this process that starts every worker and lives as long as the process: a worker dies with the
# thread that started it (PR_SET_PDEATHSIG counts the thread, not the process), and the threads that call the pool come
# and go (the command's head start, ``panaskan``; Prefect's task threads).
_PELUNCUR = UtasAntrean("renja-peluncur-pekerja")


def _luncurkan(mulai):
    """``mulai()`` (which starts a worker process) in the starting thread; what it returned, or raises what it
    raised."""
    return _PELUNCUR.serahkan(mulai).result()


@atexit.register
def _tutup_semua() -> None:
    for p in list(_SEMUA):
        p.tutup()


def angka_id(n: float) -> str:
    """Indonesian digit grouping: 5000000 → '5.000.000', 1.5 → '1,5'."""
    if float(n).is_integer():
        return f"{int(n):,}".replace(",", ".")
    return f"{n:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _ukuran(n: int) -> str:
    """A byte count for a message: '512 GB', '3,2 GB', '640 MB'."""
    if n >= 2**30:
        return f"{angka_id(round(n / 2**30, 1))} GB"
    return f"{angka_id(round(n / 2**20))} MB"
