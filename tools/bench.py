"""Bench Renja ETL (`make bench`): satu tabel, semua angka diukur dalam satu jalan di mesin ini.

Baris tabel (BARIS):
- cold start: satu kecamatan (workbook .xlsx dari `tools/generator.py`), proses baru `renja run --input D
  --output O`; waktu dinding dan memori puncak seluruh pohon proses (CLI, server Prefect sementara dan proses pembaca
  yang ia mulai): PSS (psutil: `/proc/<pid>/smaps_rollup`) semua proses turunan dijumlah, sampel tiap 0,1 s (tiap 1 s
  sesudah 30 s: membaca PSS proses besar makan CPU yang sedang diukur). Waktunya median COLD_ULANG jalan lagi tanpa
  sampel memori: di 2 inti pembacaan /proc itu sendiri memperlambat jalan sependek ini (diukur: 6,3–6,6 s tanpa
  sampel, 8,8 s dengan sampel tiap 0,1 s), dan operator tidak menjalankan pengambil sampel. Database Prefect bench
  sudah ada (satu jalan pemanasan, tidak diukur), seperti di komputer operator sesudah jalan pertama;
- batch kecil (21) dan besar (1.000) kecamatan campuran generator, masing-masing satu `renja run`: waktu total,
  per kecamatan (total/N dan marjinal (total − cold start)/(N − 1)), memori puncak;
- lantai: sel yang sama dibaca pembaca tercepat (python-calamine untuk xlsx/xls, modul csv untuk CSV) dan ditulis
  penulis tercepat (xlsxwriter constant_memory), tanpa apa pun lagi, per kecamatan; rasio biaya pipeline terhadapnya;
- ke mana waktunya: cProfile jalan batch kecil di dalam satu proses (`flows.cli` seperti `renja run`), waktu sendiri
  (tottime) setiap fungsi dibagi ke kategori menurut modulnya — flows/langkah/baca.py, flows/langkah/penjaga.py, python_calamine,
  openpyxl → membaca; transforms/ → menormalkan; flows/langkah/periksa.py, great_expectations → memvalidasi; flows/langkah/tulis/,
  flows/mesin/berkas.py, transforms/csv_rapi.py, xlsxwriter → menulis; prefect → orkestrasi; kode proyek lain → lain; fungsi
  pustaka lain (pandas, numpy, pustaka standar …) ikut kategori pemanggilnya, sebanding waktu kumulatif tiap
  pemanggil (graf pemanggil cProfile);
- identifikasi wilayah: kecamatan nyata buatan generator (`calon_rencana`: judul, tanda tangan, nama sheet dan nama
  berkas setiap berkas, tanpa menulisnya) dikenali dengan `transforms.wilayah.kenali_kiriman` seperti `renja run`:
  biaya per berkas (daftar wilayah dimuat sekali, di luar angka itu) dan ketepatan; batch besar juga diperiksa dari
  keluarannya (validasi.json setiap kecamatan buatan memuat kode wilayahnya);
- sasaran (isu 13): per kecamatan ≤ 5× lantai; 1.000 kecamatan < 5 menit dan < 1 GiB; cold start ≤ 8 s; identifikasi
  < 2 ms per berkas dan tepat untuk setiap kecamatan.

Data dibuat di folder sementara (dihapus sesudahnya, kecuali --simpan), tidak pernah di input/ atau output/.
`.venv/bin/python tools/bench.py [--jumlah 1000] [--jumlah-kecil 21] [--profil-jumlah N] [--seed 7]`;
`--hanya-identifikasi` mengukur identifikasi wilayah saja (`--jumlah` kecamatan, beberapa detik).
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping, Sequence

import psutil

if __package__ in (None, ""):  # dijalankan sebagai skrip: tools/bench.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
KATEGORI = ("membaca", "menormalkan", "memvalidasi", "menulis", "orkestrasi", "lain")
SASARAN_RASIO, SASARAN_DETIK_1000, SASARAN_MEMORI_1000, SASARAN_COLD = 5.0, 300.0, 1024**3, 8.0  # isu 13
SASARAN_IDENTIFIKASI = 0.002  # detik per berkas
COLD_ULANG = 3  # jalan cold start tanpa sampel memori; waktunya median jalan-jalan itu
SELANG_SAMPEL = 0.1  # detik antara sampel memori; sesudah SAMPEL_RAPAT_DETIK: SELANG_SAMPEL_JARANG
SAMPEL_RAPAT_DETIK, SELANG_SAMPEL_JARANG = 30.0, 1.0  # PSS proses 1 GiB ~16 ms dibaca: jangan makan CPU yang diukur
# Diimpor sebelum profil dimulai: yang dimuat `renja run` untuk setiap batch (Prefect, penulis); GX lewat
# flows.langkah.periksa._gx, seperti di pekerja (scipy.stats dan altair malas).
MODUL_PANAS = ("flows.cli", "flows.pipeline", "flows.langkah.bagian", "flows.langkah.periksa", "flows.langkah.tulis.tabel", "flows.langkah.tulis.tc33",
               "flows.langkah.tulis.laporan", "flows.data.nomenklatur")
CARA_MEMORI = "PSS seluruh pohon proses (CLI + server Prefect + pembaca), sampel /proc tiap 0,1 s (1 s sesudah 30 s)"
BARIS = (
    "cold start",
    "batch kecil",
    "batch besar",
    "lantai kecil",
    "lantai besar",
    "rasio kecil",
    "rasio besar",
    *(f"profil {k}" for k in KATEGORI),
    "profil impor",
    "sasaran rasio",
    "sasaran waktu 1000",
    "sasaran memori 1000",
    "sasaran cold start",
    "identifikasi",
    "sasaran identifikasi",
)

PUSTAKA_KATEGORI = {"python_calamine": "membaca", "openpyxl": "membaca", "great_expectations": "memvalidasi",
                    "xlsxwriter": "menulis", "prefect": "orkestrasi"}
PROYEK_KATEGORI = (("flows/langkah/pembaca.py", "membaca"), ("flows/langkah/baca.py", "membaca"),
                   ("flows/langkah/penjaga.py", "membaca"), ("flows/mesin/pekerja.py", "membaca"),
                   ("transforms/csv_rapi.py", "menulis"), ("transforms/", "menormalkan"),
                   ("flows/langkah/periksa.py", "memvalidasi"),
                   ("flows/langkah/tulis/tabel.py", "menulis"), ("flows/langkah/tulis/tc33.py", "menulis"),
                   ("flows/mesin/berkas.py", "menulis"), ("flows/langkah/tulis/laporan.py", "menulis"))


# --- mengukur sebuah proses ------------------------------------------------------------------------------------


@dataclass
class Ukuran:
    detik: float
    puncak: int  # byte, jumlah PSS pohon proses pada sampel tertinggi
    status: int
    proses_maks: int  # banyak proses dalam pohon pada satu sampel, paling banyak


def pohon_proses(pid: int) -> list[int]:
    """`pid` dan semua turunannya yang masih hidup (psutil); [] bila `pid` sudah pergi."""
    try:
        induk = psutil.Process(pid)
        return [pid, *(p.pid for p in induk.children(recursive=True))]
    except psutil.Error:
        return []


def memori_proses(pid: int) -> int:
    """PSS proses (byte, psutil: /proc/<pid>/smaps_rollup); RSS bila PSS tidak terbaca; 0 bila proses sudah pergi."""
    try:
        p = psutil.Process(pid)
    except psutil.Error:
        return 0
    try:
        return p.memory_full_info().pss
    except psutil.Error:
        pass
    try:
        return p.memory_info().rss
    except psutil.Error:
        return 0


def ukur_proses(argv: Sequence[str], *, env: Mapping[str, str] | None = None, log: Path | None = None,
                selang: float | None = SELANG_SAMPEL) -> Ukuran:
    """Jalankan `argv`, ukur waktu dindingnya dan puncak memori pohon prosesnya: sampel tiap `selang` detik, tiap
    SELANG_SAMPEL_JARANG detik sesudah SAMPEL_RAPAT_DETIK; `selang` None: waktu saja, tanpa sampel (puncak 0). Bila
    bench dihentikan, pohon proses itu ikut dihentikan."""
    keluaran = open(log, "ab") if log else subprocess.DEVNULL
    p = None
    try:
        mulai = time.perf_counter()
        p = subprocess.Popen(list(argv), env=dict(env) if env is not None else None, stdout=keluaran,
                             stderr=subprocess.STDOUT)
        puncak = banyak = 0
        if selang is None:
            p.wait()
        while p.poll() is None:
            pohon = pohon_proses(p.pid)
            puncak = max(puncak, sum(memori_proses(x) for x in pohon))
            banyak = max(banyak, len(pohon))
            lewat = time.perf_counter() - mulai
            time.sleep(selang if lewat < SAMPEL_RAPAT_DETIK else max(selang, SELANG_SAMPEL_JARANG))
        detik = time.perf_counter() - mulai
    except BaseException:
        if p is not None and p.poll() is None:
            _hentikan(pohon_proses(p.pid))
        raise
    finally:
        if log:
            keluaran.close()
    return Ukuran(detik, puncak, p.returncode, banyak)


def _hentikan(pohon: Sequence[int]) -> None:
    """SIGTERM ke setiap proses pohon (anak dulu), lalu SIGKILL yang masih ada sesudah 5 s."""
    import signal

    for sinyal in (signal.SIGTERM, signal.SIGKILL):
        for pid in reversed(pohon):
            try:
                os.kill(pid, sinyal)
            except ProcessLookupError:
                pass
        batas = time.monotonic() + 5
        while time.monotonic() < batas and any(psutil.pid_exists(pid) for pid in pohon):
            time.sleep(0.1)


# --- lantai ----------------------------------------------------------------------------------------------------


@dataclass
class Lantai:
    detik: float
    sel: int  # sel berisi yang dibaca dan ditulis
    berkas: int
    kecamatan: int

    @property
    def per_kecamatan(self) -> float:
        return self.detik / self.kecamatan


def _baca_cepat(path: Path) -> list[tuple[str, list[list]]]:
    """Semua sheet berkas: (nama, baris nilai). xlsx/xls: python-calamine; CSV: modul csv (pemisah dari baris 1)."""
    if path.suffix.lower() == ".csv":
        teks = path.read_bytes().decode("utf-8-sig")
        pertama = teks.split("\n", 1)[0]
        pemisah = max(";,\t", key=pertama.count)
        return [(path.stem[:31], list(csv.reader(teks.splitlines(), delimiter=pemisah)))]
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    hasil = []
    for nama in wb.sheet_names:
        sheet = wb.get_sheet_by_name(nama)
        sheet.merged_cell_ranges  # noqa: B018 — pipeline juga membaca gabungan
        hasil.append((nama, sheet.to_python(skip_empty_area=False)))
    return hasil


def lantai(kelompok: Mapping[str, Sequence[Path]], folder: Path) -> Lantai:
    """Baca setiap berkas tiap kecamatan dengan pembaca tercepat, tulis semua selnya ke satu .xlsx per kecamatan
    (xlsxwriter constant_memory); waktu total tanpa impor."""
    import python_calamine  # noqa: F401 — impor di luar waktu yang diukur
    import xlsxwriter

    folder.mkdir(parents=True, exist_ok=True)
    sel = berkas = 0
    mulai = time.perf_counter()
    for i, (nama, daftar) in enumerate(kelompok.items()):
        wb = xlsxwriter.Workbook(str(folder / f"{i:05d}.xlsx"), {"constant_memory": True})
        dipakai: set[str] = set()
        for path in daftar:
            berkas += 1
            for sheet, baris in _baca_cepat(path):
                nama_sheet = sheet if sheet not in dipakai else f"{len(dipakai)}{sheet}"[:31]
                dipakai.add(nama_sheet)
                ws = wb.add_worksheet(nama_sheet)
                for r, isi in enumerate(baris):
                    for k, v in enumerate(isi):
                        if v != "" and v is not None:
                            ws.write(r, k, v)
                            sel += 1
        wb.close()
    return Lantai(time.perf_counter() - mulai, sel, berkas, len(kelompok))


# --- profil ----------------------------------------------------------------------------------------------------


def kategori(path: str, fungsi: str = "") -> str | None:
    """Kategori waktu sebuah fungsi menurut modulnya; None = ikut pemanggilnya (pustaka lain, pustaka standar)."""
    if path == "~":  # fungsi bawaan/ekstensi C: hanya calamine yang dikenali dari namanya
        return "membaca" if "calamine" in fungsi.lower() else None
    if not os.path.isabs(path):  # <frozen importlib…>, <string>: pustaka standar, kode yang dibuat saat jalan
        return None
    bagian = Path(path).parts
    if "site-packages" in bagian:
        i = bagian.index("site-packages")
        paket = bagian[i + 1] if i + 1 < len(bagian) else ""
        return PUSTAKA_KATEGORI.get(paket.removesuffix(".py"))
    try:
        relatif = Path(path).resolve().relative_to(REPO).as_posix()
    except ValueError:
        return None
    return next((k for awalan, k in PROYEK_KATEGORI if relatif.startswith(awalan)), "lain")


def waktu_per_kategori(stats: Mapping) -> dict[str, float]:
    """Detik per kategori dari `pstats.Stats.stats`: waktu sendiri setiap fungsi ke kategorinya; fungsi tanpa kategori
    membagi waktunya ke pemanggilnya sebanding waktu kumulatif tiap sisi pemanggil (panggilan ke diri sendiri tidak
    dihitung), terus ke atas sampai fungsi berkategori. Rantai pemanggil bisa melingkar (rekursi antar-fungsi), jadi
    sebaran setiap fungsi adalah penyelesaian sistem linear D = P·D + B (scipy.sparse); yang sampai ke akar tanpa
    kategori → lain."""
    import numpy as np
    from scipy.sparse import csc_matrix, identity
    from scipy.sparse.linalg import spsolve

    fungsi = list(stats)
    indeks = {f: i for i, f in enumerate(fungsi)}
    kat = [kategori(f[0], f[2]) for f in fungsi]
    bebas = [i for i, k in enumerate(kat) if k is None]
    posisi = {i: j for j, i in enumerate(bebas)}
    baris, kolom, nilai = [], [], []
    b = np.zeros((len(bebas), len(KATEGORI)))
    for j, i in enumerate(bebas):
        f = fungsi[i]
        pemanggil = [(indeks[g], v) for g, v in stats[f][4].items() if g in indeks and g != f]
        bobot = [v[3] for _, v in pemanggil]
        if sum(bobot) <= 0:
            bobot = [v[1] for _, v in pemanggil]
        total = sum(bobot)
        for (g, _), w in zip(pemanggil, bobot):
            if w <= 0:
                continue
            if kat[g] is None:
                baris.append(j)
                kolom.append(posisi[g])
                nilai.append(w / total)
            else:
                b[j, KATEGORI.index(kat[g])] += w / total
    sebaran = np.zeros((0, len(KATEGORI)))
    if bebas:
        p = csc_matrix((nilai, (baris, kolom)), shape=(len(bebas), len(bebas)))
        sebaran = np.asarray(spsolve((identity(len(bebas), format="csc") - p).tocsc(), b)).reshape(b.shape)
    waktu = dict.fromkeys(KATEGORI, 0.0)
    for i, k in enumerate(kat):
        if k is not None:
            waktu[k] += stats[fungsi[i]][2]
    for j, i in enumerate(bebas):
        tt, d = stats[fungsi[i]][2], sebaran[j]
        for k, nama in enumerate(KATEGORI):
            waktu[nama] += float(tt * d[k])
        waktu["lain"] += float(tt * max(0.0, 1.0 - d.sum()))  # sampai ke akar tanpa kategori
    return waktu


def _jalankan_profil(masuk: str, keluar: str, berkas: str) -> None:
    """Di proses anak: `renja run` di dalam proses ini (flows.cli), di bawah cProfile; statistik ke `berkas`.

    Modul MODUL_PANAS dan GX (flows.langkah.periksa._gx) diimpor dulu, di luar profil (biaya sekali per proses,
    bagian cold start); detiknya ke `<berkas>.impor`."""
    import importlib

    from flows.mesin.lingkungan import siapkan

    siapkan()
    mulai = time.perf_counter()
    for modul in MODUL_PANAS:
        try:
            importlib.import_module(modul)
        except ImportError:
            pass
    from flows.langkah.periksa import _gx

    _gx()
    Path(berkas + ".impor").write_text(f"{time.perf_counter() - mulai:.3f}\n", encoding="utf-8")
    profil = cProfile.Profile()
    profil.enable()
    try:
        from flows.cli import app

        app(["run", "--input", masuk, "--output", keluar], standalone_mode=False)
    finally:
        profil.disable()
        profil.dump_stats(berkas)


def profil_batch(masuk: Path, keluar: Path, berkas: Path, env: Mapping[str, str], log: Path | None = None) -> Ukuran:
    return ukur_proses([sys.executable, str(Path(__file__).resolve()), "--_profil", str(masuk), str(keluar),
                        str(berkas)], env=env, log=log)


def ringkas_profil(berkas: Path, atas: int = 25) -> str:
    """Fungsi teratas menurut waktu sendiri dan waktu kumulatif, dengan kategorinya."""
    st = pstats.Stats(str(berkas))
    baris = [f"{'tottime':>9} {'cumtime':>9} {'panggilan':>10}  kategori     fungsi"]
    for kunci, judul in ((2, "waktu sendiri"), (3, "waktu kumulatif")):
        baris.append(f"-- {atas} teratas menurut {judul} --")
        for f, v in sorted(st.stats.items(), key=lambda x: -x[1][kunci])[:atas]:
            nama = f"{Path(f[0]).name}:{f[1]}({f[2]})" if f[0] != "~" else f[2]
            baris.append(f"{v[2]:9.2f} {v[3]:9.2f} {v[1]:10d}  {kategori(f[0], f[2]) or '(pemanggil)':<12} {nama}")
    return "\n".join(baris)


# --- satu jalan bench ------------------------------------------------------------------------------------------


@dataclass
class Batch:
    n: int
    berkas: int
    ukuran: Ukuran
    lantai: Lantai


@dataclass
class Identifikasi:
    """Identification of generated kecamatan: ``berkas`` files of ``kecamatan`` kecamatan, ``detik`` the time of
    `kenali_kiriman` over all, ``tepat`` files identified as their own kecamatan, ``muat`` the list's loading."""

    kecamatan: int
    berkas: int
    detik: float
    tepat: int
    kabupaten: int
    muat: float
    keluaran_tepat: int | None = None  # batch besar: kecamatan whose outputs carry their own kode wilayah

    @property
    def per_berkas(self) -> float:
        return self.detik / self.berkas if self.berkas else 0.0


def ukur_identifikasi(jumlah: int = 1000, seed: int = 7) -> Identifikasi:
    """Identify the files of `jumlah` generated kecamatan (without writing them) as `renja run` does."""
    from tools.generator import calon_rencana, rencana_lengkap
    from flows.data.wilayah import indeks_wilayah
    from transforms.wilayah import kenali_kiriman

    t = time.perf_counter()
    indeks = indeks_wilayah()
    muat = time.perf_counter() - t
    rencana = rencana_lengkap(jumlah, seed)
    calon = [(r, c) for r in rencana for c in calon_rencana(r)]
    t = time.perf_counter()
    hasil = kenali_kiriman([c for _, c in calon], indeks)
    detik = time.perf_counter() - t
    tepat = sum(h.kode == r.unit.kode for (r, _), h in zip(calon, hasil))
    return Identifikasi(jumlah, len(calon), detik, tepat, len({r.unit.kode_kabupaten for r in rencana}), muat)


def keluaran_tepat(keluar: Path, kode: Sequence[str]) -> int:
    """How many of the kecamatan ``kode`` have an output folder whose validasi.json carries that kode wilayah."""
    ada = set()
    for f in Path(keluar).glob("*/*/*/validasi.json"):
        try:
            ada.add(json.loads(f.read_text(encoding="utf-8")).get("kode_wilayah"))
        except (OSError, ValueError):
            continue
    return len(set(kode) & ada)


@dataclass
class HasilBench:
    seed: int
    cold: Ukuran
    kecil: Batch
    besar: Batch
    profil: dict[str, float]
    profil_n: int
    profil_impor: float
    profil_berkas: Path | None
    waktu: datetime = field(default_factory=datetime.now)
    identifikasi: Identifikasi | None = None

    def per_kecamatan(self, b: Batch) -> float:
        return b.ukuran.detik / b.n

    def marjinal(self, b: Batch) -> float | None:
        return (b.ukuran.detik - self.cold.detik) / (b.n - 1) if b.n > 1 else None


def ukur_cold(argv: Sequence[str], env: Mapping[str, str], log: Path | None, ulang: int = COLD_ULANG) -> Ukuran:
    """The cold start's row: ``argv`` once with memory samples (its peak and process count), then ``ulang`` times
    without (its time: the median of those; 0: the sampled run's own time); the status the worst (furthest from 0)
    of all the runs."""
    cold = ukur_proses(argv, env=env, log=log)
    tanpa_sampel = [ukur_proses(argv, env=env, log=log, selang=None) for _ in range(ulang)]
    if not tanpa_sampel:
        return cold
    return replace(cold, detik=statistics.median(u.detik for u in tanpa_sampel),
                   status=max([cold.status, *(u.status for u in tanpa_sampel)], key=abs))


def _renja() -> str:
    program = Path(sys.executable).parent / "renja"
    if not program.exists():
        raise SystemExit(f"Program renja tidak ada di {program}; jalankan `make install` dulu")
    return str(program)


def jalankan(jumlah: int = 1000, jumlah_kecil: int = 21, profil_jumlah: int | None = None, seed: int = 7,
             folder: Path | None = None, kabar: Callable[[str], None] = lambda t: None,
             profil_keluar: Path | None = None, api: str | None = None,
             identifikasi_jumlah: int | None = None, ulang_cold: int = COLD_ULANG) -> HasilBench:
    """Seluruh bench dalam satu jalan; data di `folder` (bawaan: folder sementara yang dihapus sesudahnya).

    api: alamat API server Prefect yang sudah berjalan untuk setiap `renja run` (tes: server sesi tes; tanpa
    pemanasan, databasenya sudah ada) — angkanya lalu bukan angka operator; None (bench sungguhan): setiap run
    menyalakan server sementaranya sendiri, seperti di komputer operator. identifikasi_jumlah: kecamatan buatan
    untuk baris identifikasi (bawaan: `jumlah`, paling sedikit 1.000). ulang_cold: jalan cold start tanpa sampel
    memori yang waktunya dimedian (0: waktu jalan bersampel itu sendiri). Bila `jumlah` = `jumlah_kecil` kedua batch
    sama (jumlah, benih dan campuran yang sama): dijalankan sekali, angkanya untuk kedua baris."""
    from tools.generator import CAMPURAN_BAWAAN, POLOS, buat_per_kecamatan

    sementara = folder is None
    folder = Path(tempfile.mkdtemp(prefix="renja-bench-")) if folder is None else Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_HOME": str(folder / "prefect")}
    env.pop("PREFECT_API_URL", None)  # Prefect bawaan: server sementara di dalam proses, seperti operator
    if api:
        env["PREFECT_API_URL"] = api
    log = folder / "renja.log"
    renja = _renja()
    profil_jumlah = profil_jumlah or jumlah_kecil
    try:
        kabar("membuat 1 kecamatan untuk cold start …")
        buat_per_kecamatan(1, folder / "satu", seed, campuran=POLOS)
        if api is None:
            kabar("pemanasan (database Prefect bench dibuat; tidak diukur) …")
            ukur_proses([renja, "run", "--input", str(folder / "satu"), "--output", str(folder / "keluar-panas")],
                        env=env, log=log)
        kabar("cold start …")
        cold = ukur_cold([renja, "run", "--input", str(folder / "satu"), "--output", str(folder / "keluar-satu")],
                         env, log, ulang_cold)
        batch, tepat_besar = {}, 0
        for nama, n in (("kecil", jumlah_kecil), ("besar", jumlah)):
            if nama == "besar" and n == jumlah_kecil:  # the same batch (count, seed, mix): one run, both rows
                batch[nama] = batch["kecil"]
                break
            kabar(f"membuat {n} kecamatan …")
            kelompok = buat_per_kecamatan(n, folder / nama, seed, campuran=CAMPURAN_BAWAAN)
            kabar(f"lantai {n} kecamatan …")
            lt = lantai(kelompok, folder / f"lantai-{nama}")
            kabar(f"renja run {n} kecamatan …")
            uk = ukur_proses([renja, "run", "--input", str(folder / nama), "--output", str(folder / f"keluar-{nama}")],
                             env=env, log=log)
            batch[nama] = Batch(n, sum(len(v) for v in kelompok.values()), uk, lt)
            if n == jumlah:
                tepat_besar = keluaran_tepat(folder / f"keluar-{nama}", list(kelompok))
        masuk_profil = folder / "kecil"
        if profil_jumlah != jumlah_kecil:
            masuk_profil = folder / "profil"
            buat_per_kecamatan(profil_jumlah, masuk_profil, seed, campuran=CAMPURAN_BAWAAN)
        kabar(f"profil {profil_jumlah} kecamatan (cProfile, dalam proses) …")
        berkas_prof = folder / "profil.prof"
        # one process, one by one: the work the run hands to its worker processes is then in the profile
        profil_batch(masuk_profil, folder / "keluar-profil", berkas_prof,
                     {**env, "RENJA_PEKERJA": "1", "RENJA_ISOLASI": "0"}, log)
        waktu = waktu_per_kategori(pstats.Stats(str(berkas_prof)).stats)
        impor = float(Path(f"{berkas_prof}.impor").read_text(encoding="utf-8"))
        simpan = None
        if profil_keluar is not None:
            profil_keluar.mkdir(parents=True, exist_ok=True)
            simpan = profil_keluar / "profil.txt"
            shutil.copy(berkas_prof, profil_keluar / "profil.prof")
            simpan.write_text(ringkas_profil(berkas_prof) + "\n", encoding="utf-8")
        n_identifikasi = identifikasi_jumlah or max(jumlah, 1000)
        kabar(f"identifikasi wilayah {n_identifikasi} kecamatan buatan …")
        ident = ukur_identifikasi(n_identifikasi, seed)
        ident.keluaran_tepat = tepat_besar
        hasil = HasilBench(seed, cold, batch["kecil"], batch["besar"], waktu, profil_jumlah, impor, simpan,
                           identifikasi=ident)
        if profil_keluar is not None:  # angka mentah jalan ini, untuk catatan
            (profil_keluar / "hasil.json").write_text(json.dumps(asdict(hasil), default=str, indent=1) + "\n",
                                                      encoding="utf-8")
        return hasil
    finally:
        if sementara:
            shutil.rmtree(folder, ignore_errors=True)


# --- tabel -----------------------------------------------------------------------------------------------------


def _angka(x: float, desimal: int = 1) -> str:
    return f"{x:,.{desimal}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _detik(x: float) -> str:
    if x >= 120:
        return f"{_angka(x, 0)} s ({_angka(x / 60, 1)} mnt)"
    return f"{_angka(x, 2 if x < 10 else 1)} s"


def _mib(b: int) -> str:
    return f"{_angka(b / 1024**3, 2)} GiB" if b >= 1024**3 else f"{_angka(b / 1024**2, 0)} MiB"


def _ya(ok: bool) -> str:
    return "tercapai" if ok else "TIDAK tercapai"


def baris_tabel(h: HasilBench) -> list[tuple[str, str, str, str, str, str]]:
    """Baris tabel: (kunci dari BARIS, pengukuran, berkas, waktu, per kecamatan, memori, catatan)."""
    rows = []

    def tambah(kunci, label, berkas="", waktu="", per="", memori="", catatan=""):
        rows.append((kunci, label, berkas, waktu, per, memori, catatan))

    tambah("cold start", "cold start: 1 kecamatan (.xlsx), proses `renja run` baru", "1", _detik(h.cold.detik),
           _detik(h.cold.detik), _mib(h.cold.puncak), f"status {h.cold.status}; {h.cold.proses_maks} proses")
    for nama, b in (("kecil", h.kecil), ("besar", h.besar)):
        marj = h.marjinal(b)
        tambah(f"batch {nama}", f"batch {b.n} kecamatan campuran, satu `renja run`", str(b.berkas),
               _detik(b.ukuran.detik), _detik(h.per_kecamatan(b)), _mib(b.ukuran.puncak),
               f"status {b.ukuran.status}; marjinal {_detik(marj) if marj is not None else '-'}/kec")
    for nama, b in (("kecil", h.kecil), ("besar", h.besar)):
        tambah(f"lantai {nama}", f"lantai {b.n} kec.: calamine/csv baca + xlsxwriter constant_memory tulis",
               str(b.lantai.berkas), _detik(b.lantai.detik), _detik(b.lantai.per_kecamatan), "",
               f"{_angka(b.lantai.sel / b.n, 0)} sel/kec")
    for nama, b in (("kecil", h.kecil), ("besar", h.besar)):
        marj = h.marjinal(b)
        teks_marj = f"marjinal {_angka(marj / b.lantai.per_kecamatan, 0)}×" if marj is not None else ""
        tambah(f"rasio {nama}", f"rasio pipeline / lantai, batch {b.n}", "", "",
               f"{_angka(h.per_kecamatan(b) / b.lantai.per_kecamatan, 0)}×", "", teks_marj)
    total = sum(h.profil.values()) or 1.0
    for k in KATEGORI:
        tambah(f"profil {k}", f"profil batch {h.profil_n} (cProfile, satu proses, satu per satu): {k}", "", _detik(h.profil[k]),
               "", "", f"{_angka(100 * h.profil[k] / total, 1)} % (dari {_detik(total)} terprofil)")
    tambah("profil impor", "… impor modul Prefect, GX, penulis (sekali per proses, di luar profil)", "",
           _detik(h.profil_impor), "", "", "bagian dari cold start")
    rasio = h.per_kecamatan(h.besar) / h.besar.lantai.per_kecamatan
    tambah("sasaran rasio", f"sasaran: per kecamatan (batch {h.besar.n}) ≤ 5× lantai", "", "",
           f"{_angka(rasio, 0)}×", "", _ya(rasio <= SASARAN_RASIO))
    terukur = h.besar.n == 1000
    perkiraan = h.besar.ukuran.detik if terukur else h.cold.detik + 999 * (h.marjinal(h.besar) or h.cold.detik)
    tambah("sasaran waktu 1000", f"sasaran: 1.000 kecamatan < {SASARAN_DETIK_1000 / 60:.0f} menit", "", _detik(perkiraan), "", "",
           _ya(perkiraan < SASARAN_DETIK_1000) + ("" if terukur else f" (perkiraan dari batch {h.besar.n})"))
    tambah("sasaran memori 1000", f"sasaran: 1.000 kecamatan < {SASARAN_MEMORI_1000 / 1024**3:.0f} GiB", "", "", "", _mib(h.besar.ukuran.puncak),
           _ya(h.besar.ukuran.puncak < SASARAN_MEMORI_1000) + ("" if terukur else f" (terukur pada {h.besar.n})"))
    tambah("sasaran cold start", f"sasaran: cold start ≤ {SASARAN_COLD:.0f} s", "", _detik(h.cold.detik), "", "",
           _ya(h.cold.detik <= SASARAN_COLD))
    rows += baris_identifikasi(h.identifikasi, h.besar.n)
    return rows


def baris_identifikasi(i: Identifikasi | None, n_besar: int | None = None) -> list[tuple]:
    """The identification rows (BARIS 'identifikasi', 'sasaran identifikasi'); '-' when not measured."""
    if i is None:
        return [("identifikasi", "identifikasi wilayah: tidak diukur", "", "", "", "", ""),
                ("sasaran identifikasi", "sasaran: identifikasi < 2 ms/berkas, tepat", "", "", "", "", "-")]
    keluaran = (f"; batch {n_besar}: {i.keluaran_tepat}/{n_besar} kecamatan dengan kode wilayahnya di keluaran"
                if i.keluaran_tepat is not None else "")
    ok = i.per_berkas < SASARAN_IDENTIFIKASI and i.tepat == i.berkas and (
        i.keluaran_tepat is None or i.keluaran_tepat == n_besar)
    return [("identifikasi", f"identifikasi wilayah: {i.kecamatan} kecamatan buatan dari {i.kabupaten} "
                             "kabupaten/kota (judul, nama sheet, nama berkas)", str(i.berkas), _detik(i.detik),
             f"{_angka(1000 * i.per_berkas, 3)} ms/berkas", "",
             f"tepat {i.tepat}/{i.berkas} berkas; daftar wilayah dimuat {_detik(i.muat)} (sekali){keluaran}"),
            ("sasaran identifikasi", "sasaran: identifikasi < 2 ms/berkas, setiap kecamatan tepat", "", "",
             f"{_angka(1000 * i.per_berkas, 3)} ms", "", _ya(ok))]


def tabel(h: HasilBench) -> str:
    """Tabel bench (teks berkolom, seperti Markdown)."""
    kepala = ("pengukuran", "berkas", "waktu", "per kecamatan", "memori puncak", "catatan")
    isi = [r[1:] for r in baris_tabel(h)]
    lebar = [max(len(str(x)) for x in kol) for kol in zip(kepala, *isi)]
    kanan = (False, True, True, True, True, False)

    def baris(sel):
        return "| " + " | ".join(str(s).rjust(w) if k else str(s).ljust(w)
                                 for s, w, k in zip(sel, lebar, kanan)) + " |"

    garis = "|" + "|".join(("-" * (w + 1) + ":") if k else ("-" * (w + 2)) for w, k in zip(lebar, kanan)) + "|"
    from flows.mesin.pekerja import jumlah_pekerja

    judul = (f"Bench Renja ETL — {os.cpu_count()} inti, {jumlah_pekerja()} proses pekerja (RENJA_PEKERJA), "
             f"benih {h.seed}, {h.waktu:%Y-%m-%d %H:%M}; "
             f"semua angka dari jalan ini; memori puncak = {CARA_MEMORI}")
    return "\n".join([judul, baris(kepala), garis, *(baris(r) for r in isi)])


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--_profil"]:
        _jalankan_profil(*argv[1:4])
        return
    p = argparse.ArgumentParser(description="Bench Renja ETL: cold start, batch, lantai, profil, sasaran.")
    p.add_argument("--jumlah", type=int, default=1000, help="kecamatan batch besar (bawaan 1000)")
    p.add_argument("--jumlah-kecil", type=int, default=21, help="kecamatan batch kecil (bawaan 21)")
    p.add_argument("--profil-jumlah", type=int, default=None, help="kecamatan jalan profil (bawaan: batch kecil)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--simpan", type=Path, default=None, help="simpan data dan keluaran di folder ini")
    p.add_argument("--profil-keluar", type=Path, default=Path(tempfile.gettempdir()) / "renja-bench",
                   help="folder untuk profil.prof, profil.txt (fungsi teratas) dan hasil.json (angka mentah)")
    p.add_argument("--atas", type=int, default=0, help="cetak juga K fungsi teratas profil di bawah tabel")
    p.add_argument("--hanya-identifikasi", action="store_true",
                   help="ukur identifikasi wilayah saja: --jumlah kecamatan buatan, tanpa renja run (beberapa detik)")
    a = p.parse_args(argv)
    if min(a.jumlah, a.jumlah_kecil, a.profil_jumlah or 1) < 1:
        raise SystemExit("Jumlah kecamatan harus ≥ 1")
    if a.hanya_identifikasi:
        for r in baris_identifikasi(ukur_identifikasi(a.jumlah, a.seed)):
            print(" | ".join(x for x in r[1:] if x))
        return
    h = jalankan(a.jumlah, a.jumlah_kecil, a.profil_jumlah, a.seed, a.simpan,
                 kabar=lambda t: print(f"[bench {datetime.now():%H:%M:%S}] {t}", file=sys.stderr, flush=True),
                 profil_keluar=a.profil_keluar)
    print(tabel(h))
    if h.profil_berkas:
        print(f"Profil: {h.profil_berkas}")
        if a.atas:
            print(ringkas_profil(h.profil_berkas.with_suffix(".prof"), a.atas))


if __name__ == "__main__":
    main()
