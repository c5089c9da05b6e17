"""One run over the input folder — read every file, group by kecamatan, check and write — optionally with the drop
folder's lifecycle (flows.mesin.masukan): take only complete files, skip the bytes already processed, and move every file
taken to the archive, rejection or duplicate folder with a ledger record.

A run is given its settings whole — one ``flows.setelan.Jalan`` (folders, options, nomenclature list, digits,
drop-folder mode, lock wait, the environment's ``Setelan``), built once by the command — and hands them down: to
each read and each part, and through them to the worker processes.  How the steps are called is a ``Cara``: the
Prefect flow (flows.pipeline) passes its tasks as ``baca`` and ``olah``; tests and tools may pass plain functions or
nothing (``baca_berkas`` and ``olah_banyak``, here, one by one).  ``baca(paths, jalan)`` reads a few files (up to
``BERKAS_PER_BACA``, see ``ukuran_bacaan``: a task run costs the flow and Prefect's server tens of milliseconds, a
file's read far less) and returns each one's record or the exception its read ended with;
``olah(grups, jalan, waktu, nama, nomenklatur)`` checks and writes a part of the kecamatan (``ukuran_potongan``: up to
25, validated together) and returns each one's result or exception.  Without ``sebar`` they are called one by one;
with it every read, then every part, is handed to ``sebar(fungsi, daftar_argumen)`` at once, which returns, in the
same order, each result or the exception it ended with: on Dask (``renja run --dask``), or with ``lokal`` in
threads of this process (``renja run`` on a machine with several cores: each thread hands the work to a worker
process of flows.mesin.pekerja).  With ``lokal`` the calls get one more argument, the ``_Gudang`` where a read keeps
its tables and a part loads them, so that memory does not grow with the number of files.  One file's failure never
stops the others: every file ends up in one line of the returned summary, in the same order either way, and the drop
folder's ledger and moves happen here, in the calling process, as each result is taken.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from flows.data.nomenklatur import keterangan_daftar, nomenklatur_terpasang
from flows.langkah.baca import baca_berkas
from flows.langkah.bacaan import NAMA_TABEL, BacaanBerkas, HasilBerkas, muat_bacaan, simpan_bacaan
from flows.langkah.bagian import olah_banyak
from flows.langkah.pembaca import EKSTENSI_DIDUKUNG
from flows.langkah.rapikan import kelompokkan
from flows.langkah.tulis.kecamatan import tulis_gagal
from flows.mesin.berkas import bersihkan_sisa
from flows.mesin.kunci import kunci_keluaran
from flows.mesin.masukan import (FOLDER_ARSIP, Buku, alasan_tautan, alasan_tidak_didukung, keterangan_duplikat,
                                 lanjutkan_yang_terputus, pindai, selesaikan, sha256_berkas)
from flows.mesin.versi import baca_sumber
from flows.setelan import Jalan, Setelan
from schemas.setelan import POTONGAN


def daftar_workbook(folder: Path) -> list[Path]:
    """Workbooks and CSV files directly in ``folder``, sorted by name; temporary/lock files and symbolic links
    skipped (a link is never followed)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if not p.is_symlink() and p.is_file() and p.suffix.lower() in EKSTENSI_DIDUKUNG
        and not p.name.startswith(("~$", ".", "~"))
    )


def _baca(paths: list[Path], jalan: Jalan) -> list[BacaanBerkas | BaseException]:
    """The default read: ``baca_berkas`` of each file with the run's options and settings (``baca_beberapa``)."""
    return baca_beberapa(paths, lambda p: baca_berkas(p, jalan.opsi, jalan.setelan))


def baca_beberapa(paths: list[Path], baca: Callable[[Path], BacaanBerkas]) -> list[BacaanBerkas | BaseException]:
    """``baca`` of each file, in order; a file whose read raised gets its exception, and the others are still read."""
    hasil: list[BacaanBerkas | BaseException] = []
    for p in paths:
        try:
            hasil.append(baca(p))
        except Exception as e:  # noqa: BLE001 - one file's failure is its own summary line
            hasil.append(e)
    return hasil


def _olah(grups: list[list[BacaanBerkas]], jalan: Jalan, waktu: datetime, nama: str,
          nomenklatur: pd.DataFrame | None) -> list[HasilBerkas | BaseException]:
    """The default part: ``olah_banyak`` here, into the run's output folder with its sub-kegiatan digits."""
    return olah_banyak(grups, jalan.output, waktu, nomenklatur, jalan.digit_sub)


@dataclass(frozen=True)
class Cara:
    """How a run calls its steps (module docstring): ``baca(paths, jalan)`` and ``olah(grups, jalan, waktu, nama,
    nomenklatur)`` (by default ``baca_berkas`` and ``olah_banyak``, in this process), ``sebar`` to hand every read,
    then every part, at once (None: one by one), ``lokal`` (with ``sebar``: threads of this process, tables kept on
    disk), ``log`` (None: the logger 'renja'), ``serentak`` (with ``sebar``: how many calls run at once — a Dask
    cluster's threads; None: the run's worker processes — which sets how many files one read takes)."""

    baca: Callable = _baca
    olah: Callable = _olah
    sebar: Callable | None = None
    lokal: bool = False
    log: logging.Logger | logging.LoggerAdapter | None = None
    serentak: int | None = None  # with ``sebar``: how many calls run at once (None: the run's worker processes)


def jalankan(jalan: Jalan, cara: Cara | None = None) -> list[HasilBerkas]:
    """A whole run with the settings ``jalan``: hold the output folder's lock (and in drop-folder mode the input
    folder's) from start to end, remove the temporary files a killed run left, load the nomenclature (the built-in
    list, with the operator's ``jalan.nomenklatur`` merged in: flows.data.nomenklatur.nomenklatur_terpasang), then
    ``proses``; in drop-folder mode then refresh the rekap and page of each kabupaten whose outputs are newer than its
    page (flows.rekap.segarkan).  Raises flows.mesin.kunci.SedangDipakai when another run holds the folders longer
    than ``jalan.tunggu_kunci`` seconds."""
    cara = cara or Cara()
    log = cara.log or logging.getLogger("renja")
    with ExitStack() as kunci:
        kunci.enter_context(kunci_keluaran(jalan.output, jalan.tunggu_kunci, kabar=log.warning))
        if jalan.arsipkan:
            kunci.enter_context(kunci_keluaran(jalan.input_dir / FOLDER_ARSIP, jalan.tunggu_kunci, kabar=log.warning))
        for sisa in bersihkan_sisa(jalan.output):
            log.warning("Sisa tulisan run yang terputus dihapus: %s", sisa)
        daftar_nomenklatur = nomenklatur_terpasang(jalan.nomenklatur)
        for k in keterangan_daftar(daftar_nomenklatur):
            log.info("Nomenklatur %s: %s (%d entri, bidang %s)", k["peran"], k["berkas"], k["entri"],
                     ", ".join(k["bidang"]))
        hasil = proses(jalan, daftar_nomenklatur, cara, waktu=datetime.now())
        if jalan.arsipkan:  # the service: the rekap and page of every kabupaten this run (or a killed one) changed
            from flows.rekap.segarkan import segarkan  # lazily: it imports the rekap's flow, so Prefect (seconds)

            segarkan(jalan.output, log, jalan.setelan)
        return hasil


def _tautan(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_symlink() and p.suffix.lower() in EKSTENSI_DIDUKUNG) \
        if folder.is_dir() else []


def proses(jalan: Jalan, nomenklatur: pd.DataFrame | None, cara: Cara | None = None,
           waktu: datetime | None = None) -> list[HasilBerkas]:
    """Process ``jalan.input_dir`` into ``jalan.output`` with the loaded ``nomenklatur``; with ``jalan.arsipkan``
    every file taken leaves the drop folder.  With ``cara.sebar`` (module docstring) the reads, then the kecamatan,
    run all at once."""
    cara = cara or Cara()
    log = cara.log or logging.getLogger("renja")
    waktu = waktu or datetime.now()
    input_dir = jalan.input_dir
    buku = Buku(input_dir) if jalan.arsipkan else None
    if buku is not None:
        berkas, hasil = _ambil(input_dir, buku, waktu, log, jalan.setelan.tenang_detik)
    else:
        berkas, hasil = daftar_workbook(input_dir), []
        for p in _tautan(input_dir):
            log.warning("%s", alasan_tautan(p))
            hasil.append(HasilBerkas(p.name, "gagal", None, 1, pesan=alasan_tautan(p)))
        if not berkas:
            log.warning("Tidak ada berkas (.xlsx/.xlsm/.xls/.csv) di folder %s.", input_dir)
    sidik = {p: s for p, s in berkas} if buku is not None else {}
    paths = [p for p, _ in berkas] if buku is not None else berkas
    with _Gudang() as gudang:
        return hasil + _baca_dan_olah(paths, jalan, nomenklatur, cara, log, waktu, buku, sidik, gudang,
                                      cara.lokal and cara.sebar is not None)


def _baca_dan_olah(paths, jalan: Jalan, nomenklatur, cara: Cara, log, waktu, buku, sidik, gudang: "_Gudang",
                   lokal: bool) -> list[HasilBerkas]:
    hasil: list[HasilBerkas] = []
    bacaan: list[BacaanBerkas] = []
    baca, olah, sebar, output = cara.baca, cara.olah, cara.sebar, jalan.output
    tambahan = (gudang,) if lokal else ()  # on this machine the tasks keep their tables in the gudang themselves
    di_gudang = sebar is None or lokal  # tables wait on disk (not with Dask: its workers may be elsewhere)
    if sebar is not None and paths:
        ukuran = ukuran_bacaan(len(paths), cara.serentak or jalan.setelan.pekerja)
        lot = [paths[i:i + ukuran] for i in range(0, len(paths), ukuran)]
        log.info("Membaca %d berkas serentak (%d tugas baca) …", len(paths), len(lot))
        dibaca = [b for ps, hs in zip(lot, sebar(baca, [(ps, jalan, *tambahan) for ps in lot]))
                  for b in (hs if not isinstance(hs, BaseException) else [hs] * len(ps))]  # a lost task: each file
    for i, path in enumerate(paths, start=1):
        if sebar is None:
            log.info("[%d/%d] Membaca %s …", i, len(paths), path.name)
            try:
                b = baca([path], jalan)[0]
            except Exception as e:  # a bug must not stop the other files; it is reported with the file name
                b = e
        else:
            b = dibaca[i - 1]
        if isinstance(b, BaseException):
            log.error("Gagal membaca %s", path.name, exc_info=b)
            h = HasilBerkas(path.name, "gagal", None, 1, pesan=f"Kesalahan tak terduga: {type(b).__name__}: {b}")
            hasil.append(_akhiri(buku, [path], sidik, h, waktu))
            continue
        if b.gagal is not None:
            h = tulis_gagal(b, output, waktu)
            log.warning("[%d/%d] %s: %s", i, len(paths), path.name, h.pesan)
            hasil.append(_akhiri(buku, [path], sidik, h, waktu))
        else:
            log.info("[%d/%d] %s: %s", i, len(paths), path.name, ", ".join(gudang.layout(b)))
            bacaan.append(gudang.simpan(b) if di_gudang else b)  # (a task's own: already kept, unchanged)
    kelompok = list(kelompokkan(bacaan, (lambda: _kecamatan_dikenal(output)) if buku is not None else None).items())
    if buku is not None:  # drop-folder mode: tables a kecamatan sent in an earlier delivery stay in its outputs
        kelompok = [(k, g + _dari_kiriman_sebelumnya(buku, output.joinpath(*k), g, sidik, jalan, gudang, di_gudang,
                                                      log))
                    for k, g in kelompok]
    ukuran = ukuran_potongan(len(kelompok), jalan.setelan)
    potongan = [kelompok[i:i + ukuran] for i in range(0, len(kelompok), ukuran)]
    argumen = [([g for _, g in p], jalan, waktu, nama_potongan(["/".join(k) for k, _ in p]), nomenklatur, *tambahan)
               for p in potongan]
    if sebar is not None and argumen:
        log.info("Memeriksa dan menulis %d kecamatan serentak (%d bagian) …", len(kelompok), len(argumen))
        diolah = sebar(olah, argumen)
    j = 0
    for n, p in enumerate(potongan):
        if sebar is None:
            log.info("(%d/%d) Memeriksa dan menulis %s …", j + 1, len(kelompok), argumen[n][3])
            try:
                hs = olah([[gudang.muat(b) for b in g] for _, g in p], *argumen[n][1:])
            except Exception as e:
                hs = e
            gudang.lepas([g for _, g in p])
        else:
            hs = diolah[n]
        if isinstance(hs, BaseException):  # the whole part failed (e.g. its worker was lost): each of its kecamatan
            hs = [hs] * len(p)
        for (kunci, grup), h in zip(p, hs):
            j += 1
            nama = "/".join(kunci)
            if isinstance(h, BaseException):
                log.error("Gagal memproses %s", nama, exc_info=h)
                h = HasilBerkas(", ".join(b.path.name for b in grup), "gagal", None, 1,
                                pesan=f"Kesalahan tak terduga: {type(h).__name__}: {h}")
            log.info("(%d/%d) %s: %s — %d galat, %d peringatan → %s", j, len(kelompok), nama, h.status, h.galat,
                     h.peringatan, h.folder)
            hasil.append(_akhiri(buku, [b.path for b in grup if b.path in sidik], sidik, h, waktu))
    return hasil


def _kecamatan_dikenal(output: Path) -> list[dict]:
    """Year, kabupaten, kecamatan and their codes (when the report has them) of every kecamatan with outputs in
    ``output`` (their ``validasi.json``)."""
    hasil = []
    for f in sorted(output.glob("*/*/*/validasi.json")):
        if any(bagian.startswith("_") for bagian in f.relative_to(output).parts[:-1]):
            continue
        try:
            info = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(info, dict) and info.get("kabupaten") and info.get("kecamatan"):
            wilayah = info.get("wilayah") if isinstance(info.get("wilayah"), dict) else {}
            hasil.append({**{k: info.get(k) for k in ("tahun", "kabupaten", "kecamatan", "kode_wilayah")},
                          "kode_kabupaten": wilayah.get("kode_kabupaten")})
    return hasil


def _dari_kiriman_sebelumnya(buku: Buku, folder: Path, grup: list[BacaanBerkas], sidik: dict, jalan: Jalan,
                             gudang: "_Gudang", simpan: bool, log) -> list[BacaanBerkas]:
    """The tables a kecamatan's current outputs have from files of an earlier delivery that this run's files do not
    bring again: a kecamatan may send its tables as separate files, at different times.

    From each source of the current version (its ``sumber.json``) whose name and bytes are not among this run's
    files of the kecamatan, and which is still in the archive (the ledger says where), the tables of the layouts
    this run's files lack are read again and join the group.  A file under the same name as one of this run's is
    replaced, whole: a corrected workbook may drop a table on purpose.  The archived files are not moved again."""
    lama = baca_sumber(folder)
    if lama is None:
        return []
    nama = {b.path.name for b in grup}
    sha = {sidik[b.path][0] for b in grup if b.path in sidik}
    ada = {layout for b in grup for layout in gudang.layout(b)}
    tambahan = []
    for s in lama["berkas"]:
        if s.get("nama") in nama or s.get("sha256") in sha:
            continue
        catatan = buku.diproses(str(s.get("sha256")))
        path = buku.folder_masukan / catatan.tujuan if catatan is not None else None
        if path is None or not path.is_file():
            continue
        b = baca_berkas(path, jalan.opsi, jalan.setelan)
        tabel = [t for t in b.tabel if t.layout not in ada]
        if b.gagal is not None or not tabel:
            continue
        ada.update(t.layout for t in tabel)
        log.info("%s: %s dari kiriman sebelumnya (%s) tetap dipakai.", folder.name,
                 ", ".join(NAMA_TABEL[t.layout] for t in tabel), catatan.tujuan)
        b = replace(b, tabel=tabel)
        tambahan.append(gudang.simpan(b) if simpan else b)
        nama.add(path.name)
    return tambahan


UKURAN_POTONGAN = POTONGAN.bawaan  # kecamatan validated together (one GX run per frame for the lot) and written by one task


def ukuran_potongan(n: int, setelan: Setelan | None = None) -> int:
    """How many kecamatan one ``olah`` call takes: up to ``UKURAN_POTONGAN`` (``setelan.potongan``:
    ``RENJA_POTONGAN``; None: the environment's), and small enough that a batch makes at least four parts to share
    among workers."""
    st = Setelan.dari_lingkungan() if setelan is None else setelan
    return _ukuran(n, st.potongan, 4)


BERKAS_PER_BACA = 25  # files one read task takes, at most


def ukuran_bacaan(n: int, serentak: int) -> int:
    """How many of ``n`` files one ``baca`` call takes when ``serentak`` calls run at once (the worker processes on
    this machine, the Dask cluster's threads): up to ``BERKAS_PER_BACA``, and few enough that each of them gets at
    least four calls (the last ones then end close together)."""
    return _ukuran(n, BERKAS_PER_BACA, 4 * max(1, serentak))


def _ukuran(n: int, maks: int, bagian: int) -> int:
    """Items per call when ``n`` are cut into at least ``bagian`` calls of at most ``maks`` (at least 1)."""
    return max(1, min(maks, -(-n // bagian)))


def nama_potongan(nama: list[str], satuan: str = "kecamatan") -> str:
    """A part's (or a read's: ``satuan`` 'berkas') name in logs and task names: its one item, or the first and last
    and how many."""
    return nama[0] if len(nama) == 1 else f"{nama[0]} … {nama[-1]} ({len(nama)} {satuan})"


AWALAN_GUDANG = "renja-bacaan-"  # the gudang's folder in the temporary directory: renja-bacaan-<pid>-<random>
_GUDANG_PID = re.compile(rf"^{AWALAN_GUDANG}(\d+)-")


def sapu_gudang_yatim(folder: Path | None = None) -> list[Path]:
    """Remove the gudang folders (in ``folder``, default the temporary directory) of runs whose process no longer
    runs: a run killed (SIGKILL, power loss) cannot remove its own, and a nightly service killed now and then would
    leave one per kill (up to ~50 MiB per 1,000 files).  A run starts this in the background when it makes its own
    folder; what it removed is returned (a folder it could not remove stays for the next run)."""
    folder = Path(tempfile.gettempdir()) if folder is None else folder
    dihapus = []
    try:
        calon = [p for p in folder.iterdir() if p.name.startswith(AWALAN_GUDANG)]
    except OSError:
        return dihapus
    for p in calon:
        m = _GUDANG_PID.match(p.name)
        if m is None or _hidup(int(m.group(1))) or not p.is_dir() or p.is_symlink():
            continue
        shutil.rmtree(p, ignore_errors=True)
        if not p.exists():
            dihapus.append(p)
    return dihapus


def _hidup(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


class _Gudang:
    """The tables of the files read, kept on disk (a private temporary folder) from reading until their kecamatan
    is processed, so that a run's memory does not grow with its number of files: only their metadata stays.  A
    worker keeps a file's tables there itself (``tempat`` → flows.langkah.baca.baca_berkas ``simpan_di``); the
    record then says where (``BacaanBerkas.disimpan``) and a part's worker loads them (``muat_bacaan``)."""

    def __init__(self):
        self._folder: tempfile.TemporaryDirectory | None = None
        self._n = 0
        self._kunci = threading.Lock()  # tasks in threads ask for places at the same time

    def __enter__(self) -> "_Gudang":
        return self

    def __exit__(self, *_) -> None:
        if self._folder is not None:
            self._folder.cleanup()

    def tempat(self) -> str:
        """A new file in the private folder, for one file's tables."""
        with self._kunci:
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix=f"{AWALAN_GUDANG}{os.getpid()}-")
                threading.Thread(target=sapu_gudang_yatim, daemon=True, name="renja-sapu-gudang").start()
            self._n += 1
            return str(Path(self._folder.name) / f"{self._n}.pickle")

    @staticmethod
    def layout(b: BacaanBerkas) -> tuple[str, ...]:
        """The layouts of a file's tables, kept here or not."""
        return tuple(t.layout for t in b.tabel) if b.tabel else (b.disimpan[1] if b.disimpan is not None else ())

    def simpan(self, b: BacaanBerkas) -> BacaanBerkas:
        """The record with its tables kept here (a record kept already: unchanged)."""
        return simpan_bacaan(b, self.tempat()) if b.tabel else b

    @staticmethod
    def lepas(bacaan: list[list[BacaanBerkas]]) -> None:
        """The tables of a part's files no longer kept (its part is done, whatever its outcome: a part is never run
        again).  Each part lets go of its own as it ends, so that the folder empties during the run instead of at
        its end: removing a 1,000-kecamatan run's 2,950 files at once took 8 s on the 2-core machine (ext4 with
        ``discard``: ~3 ms per file), with the cores idle."""
        for g in bacaan:
            for b in g:
                if b.disimpan is not None:
                    Path(b.disimpan[0]).unlink(missing_ok=True)

    @staticmethod
    def pegangan(b: BacaanBerkas) -> tuple[BacaanBerkas, str | None]:
        """A file's record and where its tables wait (None: the record has them), for a worker process to load them
        itself (flows.langkah.bacaan.muat_bacaan)."""
        return b, (b.disimpan[0] if b.disimpan is not None else None)

    @staticmethod
    def muat(b: BacaanBerkas) -> BacaanBerkas:
        """A file's record with its tables (the same loader a worker uses: flows.langkah.bacaan.muat_bacaan)."""
        return muat_bacaan(b)


def _ambil(input_dir: Path, buku: Buku, waktu: datetime, log,
           tenang: float) -> tuple[list[tuple[Path, tuple]], list[HasilBerkas]]:
    """The drop folder's complete (untouched for ``tenang`` seconds), new files (with their hash and size);
    everything else settled at once."""
    pindaian = pindai(input_dir, tenang)
    hasil: list[HasilBerkas] = []
    for p in pindaian.menunggu:
        log.info("%s masih berubah (sedang disalin?); diambil pada putaran berikutnya.", p.name)
        hasil.append(HasilBerkas(p.name, "menunggu", None, pesan="Berkas masih berubah; diambil pada putaran berikutnya."))
    for p, alasan in [*((p, alasan_tidak_didukung(p)) for p in pindaian.tidak_didukung),
                      *((p, alasan_tautan(p)) for p in pindaian.tautan)]:
        sha = (hashlib.sha256(os.readlink(p).encode()).hexdigest() if p.is_symlink()
               else (sha256_berkas(p) or ("", None))[0])
        tujuan = selesaikan(buku, p, sha, p.lstat().st_size, "ditolak", waktu, keterangan=alasan)
        log.warning("%s", alasan)
        hasil.append(HasilBerkas(p.name, "gagal", None, 1, pesan=alasan, tujuan=[_rel(buku, tujuan)]))
    ambil, dilihat = [], {}
    for p in pindaian.siap:
        sidik = sha256_berkas(p)
        if sidik is None:
            hasil.append(HasilBerkas(p.name, "menunggu", None, pesan="Berkas berubah saat dibaca; diambil nanti."))
            continue
        sha, (ukuran, _) = sidik
        selesai = lanjutkan_yang_terputus(buku, p, sha)
        if selesai is not None:
            log.warning("%s: keputusan run sebelumnya (terputus) diselesaikan → %s", p.name, _rel(buku, selesai))
            hasil.append(HasilBerkas(p.name, "dilanjutkan", None,
                                     pesan="Run sebelumnya terputus sesudah memutuskan berkas ini; pemindahannya "
                                           "diselesaikan.", tujuan=[_rel(buku, selesai)]))
            continue
        lama = buku.diproses(sha)
        if lama is not None or sha in dilihat:
            ket = (keterangan_duplikat(p, sha, lama) if lama is not None else
                   f"Berkas '{p.name}' sama persis dengan '{dilihat[sha].name}' dalam kiriman yang sama; "
                   "hanya satu yang diproses.")
            tujuan = selesaikan(buku, p, sha, ukuran, "duplikat", waktu, keterangan=ket)
            log.warning("%s", ket)
            hasil.append(HasilBerkas(p.name, "duplikat", lama.folder_keluaran if lama else None, pesan=ket,
                                     tujuan=[_rel(buku, tujuan)]))
            continue
        dilihat[sha] = p
        ambil.append((p, (sha, ukuran)))
    if not ambil and not hasil:
        log.info("Tidak ada berkas baru di folder %s.", input_dir)
    return ambil, hasil


def _akhiri(buku: Buku | None, paths: list[Path], sidik: dict, h: HasilBerkas, waktu: datetime) -> HasilBerkas:
    """In drop-folder mode, record and move the files behind one summary line: archived when processed; a file
    none of whose tables was used (the same table in a newer file of the delivery) as a duplicate, with the reason;
    refused (with the reason and the report's place) otherwise — also a file whose kecamatan is not known: its
    outputs are written on their own, and the corrected file, sent again, is processed."""
    if buku is None:
        return h
    for p in paths:
        sha, ukuran = sidik[p]
        status = ("duplikat" if p.name in h.tidak_dipakai else "diproses") if h.status == "ok" else "ditolak"
        if status == "duplikat":
            keterangan = h.tidak_dipakai[p.name]
        elif status == "diproses":
            keterangan = h.pesan
        else:
            keterangan = "\n".join([f"Berkas '{p.name}' ditolak.", f"Alasan: {h.pesan}",
                                    *([f"Laporan lengkap: {h.folder}/laporan.html"] if h.folder else [])])
        tujuan = selesaikan(buku, p, sha, ukuran, status, waktu, folder_keluaran=h.folder, keterangan=keterangan)
        h.tujuan.append(_rel(buku, tujuan))
    return h


def _rel(buku: Buku, p: Path) -> str:
    return str(Path(buku.folder_masukan.name) / p.relative_to(buku.folder_masukan))
