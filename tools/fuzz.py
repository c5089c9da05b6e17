"""Kampanye fuzzing Renja ETL (`make fuzz N=10000 SEED=7`): mutan contoh yang dikirim (`tools/mutasi.py`) melewati
pipeline seperti `renja run` melewatinya, dan tidak satu pun galat internal boleh sampai ke operator.

Setiap mutan (resep dari hypothesis, deterministik menurut benih) ditulis lalu dijalankan:

- kebanyakan lewat jalan tercepat yang jujur, seperti `renja run` di mesin ini: `flows.langkah.baca.baca_berkas` (membaca dan
  merapikan di proses pekerja flows.mesin.pekerja, dengan batas memori, waktu dan sel), lalu berkelompok ``BAGIAN`` mutan
  per panggilan `flows.langkah.bagian.olah_banyak` di proses pekerja (divalidasi bersama, ditulis satu per satu); setiap mutan
  diberi nama kecamatan sendiri (``<kecamatan> m<nomor>``) supaya keluarannya tidak saling menimpa;
- satu dari ``TIAP_WORKBOOK`` lewat pintu satu berkas `flows.langkah.bagian.olah_workbook` (berkas yang tidak terbaca ditulis
  ke `_gagal/`, dengan laporan.html-nya), yang berjanji tidak pernah melempar galat untuk workbook yang buruk.

Sebuah mutan **ditolak** bila berkasnya tidak memberi tabel (aturan ``berkas-tidak-terbaca`` atau
``tabel-tidak-ditemukan``; alasannya dikelompokkan), **melewati batas waktu** bila pekerjanya dihentikan karena
waktu (``RENJA_BATAS_WAKTU_BACA`` per berkas, ``BATAS_WAKTU_OLAH`` per kelompok), dan berakhir dengan **galat
internal** bila: sebuah exception keluar dari `baca_berkas`, `olah_banyak` atau `olah_workbook`; laporannya memuat
``tabel-gagal-diolah`` (jaring pengaman flows.langkah menangkap galat program); atau sifat keluarannya dilanggar
(``periksa_folder``: laporan ditulis, setiap tabel yang terbaca punya berkasnya, setiap butir T-C.33 tanpa tingkat
punya temuan yang menunjuk barisnya).  Setiap jenis galat internal diperkecil (operasi resep dibuang satu per satu
selama galat yang sama tetap muncul) dan reproduksi minimalnya disimpan di ``<keluar>/galat/``: ``mutan.*``,
``resep.py`` (dapat ditempel di tes) dan ``galat.txt`` (jejak galatnya).

Dua pekerja (``--pekerja``, bawaan jumlah inti) bekerja serentak; waktu baca tiap mutan diukur sendiri, waktu olah
sebuah kelompok dibagi rata ke mutannya.  Keluar dengan status 1 bila ada galat internal atau mutan yang melewati
batas waktu, 2 bila mesin mutasinya sendiri gagal membuat mutan (dilaporkan terpisah, kampanye berjalan terus).
Pipeline memakai nomenklatur seperti `renja run`: daftar bawaan, dengan daftar ``--nomenklatur PATH`` digabungkan.
`.venv/bin/python tools/fuzz.py --jumlah 1000 --seed 7 [--pekerja 2] [--keluar DIR] [--simpan] [--nomenklatur F]`
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

if __package__ in (None, ""):  # dijalankan sebagai skrip: tools/fuzz.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.mutasi import Resep, buat_mutan, tanpa_op, tarik_resep  # noqa: E402

BAGIAN = 25  # mutan per panggilan olah_banyak, seperti bagian renja run (RENJA_POTONGAN bawaan; validasi bersama:
# ~0,4 s per mutan, 1 s sendirian; 25 per bagian: 8 % CPU lebih sedikit daripada 8 per bagian, diukur)
TIAP_WORKBOOK = 8  # satu dari sekian mutan lewat olah_workbook
POTONGAN = 64  # mutan yang dibaca sebelum kelompoknya diolah (memori tetap terbatas)
ATURAN_INTERNAL = "tabel-gagal-diolah"
BATAS_MEMORI_MB = 4096  # proses kampanye sendiri (pembuat mutan, olah_workbook): MemoryError, bukan OOM di mesin bersama
PERCOBAAN_PERKECIL = 60  # mutan yang dijalankan paling banyak untuk memperkecil satu jenis galat
KELAS = ("diproses", "ditolak", "galat", "batas-waktu", "tidak-dibuat")  # tidak-dibuat: galat tools/mutasi.py
_BUKAN_GALAT = (KeyboardInterrupt, SystemExit, GeneratorExit)  # yang lain, juga PanicException pyo3, ditangkap
_BINGKAI = re.compile(r'File "[^"]*?/((?:flows|transforms|schemas|tools)/(?:\w+/)*\w+\.py)", line \d+, in (\w+)')


@dataclass
class HasilMutan:
    """Nasib satu mutan."""

    nomor: int
    resep: Resep
    path: Path
    jalur: str = "banyak"  # "banyak" (baca_berkas + olah_banyak) atau "workbook" (olah_workbook)
    kelas: str = "diproses"  # salah satu KELAS
    aturan: str | None = None  # aturan penolakan
    alasan: str | None = None  # alasan penolakan, dikelompokkan (kunci_alasan)
    galat: str | None = None  # tanda galat internal (tanda_galat)
    rincian: str = ""  # pesan atau jejak galatnya
    detik_baca: float = 0.0
    detik_olah: float = 0.0

    @property
    def detik(self) -> float:
        return self.detik_baca + self.detik_olah


# ------------------------------------------------------------------------------------------- penilai (oracle)


def kunci_alasan(teks: str) -> str:
    """Alasan penolakan tanpa nama berkas dan rinciannya: "Berkas 'm1.xlsx' rusak atau terpotong: arsip …" →
    'rusak atau terpotong'."""
    from flows.mesin.pekerja import SETELAN_MEMORI, SETELAN_WAKTU

    if SETELAN_WAKTU in teks:
        return "melewati batas waktu"
    if SETELAN_MEMORI in teks:
        return "melewati batas memori"
    teks = re.sub(r"^Berkas '.*?' ", "", teks.strip(), flags=re.DOTALL)
    teks = re.sub(r"'[^']*'", "'…'", teks)
    teks = re.split(r"[:(.;]", teks, maxsplit=1)[0]
    return re.sub(r"\d+", "#", teks).strip()[:80] or "-"


def tanda_galat(e: BaseException) -> tuple[str, str]:
    """(tanda, jejak) sebuah exception: jenis, pesan (angka diganti #) dan fungsi proyek terdalam tempat ia
    dilempar — juga dari jejak proses pekerja yang dibawa catatannya."""
    jejak = "".join(traceback.format_exception(e)) + "\n".join(getattr(e, "__notes__", []))
    bingkai = _BINGKAI.findall(jejak)
    tempat = f" [{bingkai[-1][0]}:{bingkai[-1][1]}]" if bingkai else ""
    pesan = re.sub(r"\d+", "#", " ".join(str(e).split()))[:120]
    return f"{type(e).__name__}: {pesan}{tempat}", jejak


def periksa_folder(folder: Path, dibaca: Sequence[str] | None = None) -> list[str]:
    """Pelanggaran sifat di folder keluaran sebuah kecamatan (kosong: baik): galat yang ditangkap jaring pengaman
    (``tabel-gagal-diolah``), laporan yang tidak ada, tabel (``dibaca``: nama tabel yang terbaca) tanpa berkasnya,
    butir T-C.33 tanpa tingkat yang tidak ditunjuk sebuah temuan di barisnya."""
    from flows.langkah.bacaan import NAMA_TABEL

    try:
        v = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"validasi.json tidak ada atau rusak ({type(e).__name__})"]
    if not (folder / "laporan.html").is_file():
        return ["laporan.html tidak ada"]
    salah = [f"{ATURAN_INTERNAL}: {re.sub(r'[0-9]+', '#', str(t.get('nilai')))[:120]}"
             for t in v["temuan"] if t["aturan"] == ATURAN_INTERNAL]
    kunci = {nama: k for k, nama in NAMA_TABEL.items()}
    ditulis = [d["tabel"] for d in v.get("daftar_tabel", [])]
    for nama in ditulis:
        salah += [f"{nama}: berkas {p.name} tidak ditulis" for p in berkas_tabel(folder, kunci[nama])
                  if not p.is_file()]
    if dibaca is not None and sorted(set(dibaca)) != sorted(ditulis):
        salah.append(f"tabel terbaca {sorted(set(dibaca))} tetapi ditulis {sorted(ditulis)}")
    salah += _tanpa_tingkat(folder, v["temuan"])
    return salah


def berkas_tabel(folder: Path, layout: str) -> list[Path]:
    """Berkas sebuah tabel di folder kecamatan menurut README (oracle sendiri, bukan kode yang diperiksa): CSV rapinya
    dan workbook standarnya (Tabel 4.1 tidak punya)."""
    from flows.registri import PER_LAYOUT

    p = PER_LAYOUT[layout]
    buku = "TC-33.xlsx" if layout == "TC-33" else p.keluaran.file if p.keluaran is not None else None
    return [folder / "data" / p.data, *([folder / buku] if buku else [])]


def _tanpa_tingkat(folder: Path, temuan: list[dict]) -> list[str]:
    """Butir T-C.33 yang tingkatnya kosong harus ditunjuk temuan di baris dan sheet-nya (baris indikator
    tambahannya, ``indikator_ke`` > 1, ikut butirnya)."""
    path = folder / "data" / "TC-33.csv"
    if not path.is_file():
        return []
    ditunjuk = {(t["sheet"], int(m.group())) for t in temuan if t.get("sel")
                for m in [re.search(r"\d+", t["sel"])] if m}
    with path.open(encoding="utf-8", newline="") as f:
        baris = [(r["sheet"], int(float(r["baris"]))) for r in csv.DictReader(f)
                 if not r["level"] and r["baris"] and r["indikator_ke"] in ("", "1")]
    return [f"butir T-C.33 tanpa tingkat di baris {b} tanpa temuan" for s, b in baris if (s, b) not in ditunjuk]


# ----------------------------------------------------------------------------------------- menjalankan mutan


def _tolak(h: HasilMutan, aturan: str, keterangan: str) -> None:
    h.aturan, h.alasan = aturan, (kunci_alasan(keterangan) if aturan == "berkas-tidak-terbaca" else "-")
    h.kelas = "batas-waktu" if h.alasan == "melewati batas waktu" else "ditolak"
    h.rincian = keterangan


def _galat(h: HasilMutan, tanda: str, rincian: str) -> None:
    h.kelas, h.galat, h.rincian = "galat", tanda, rincian


def _buat(h: HasilMutan) -> bool:
    """Tulis mutan ``h``; False (kelas tidak-dibuat) bila mesin mutasinya sendiri gagal: kampanye berjalan terus."""
    try:
        buat_mutan(h.resep, h.path)
    except Exception as e:  # noqa: BLE001 - dilaporkan tersendiri, bukan galat pipeline
        h.kelas, h.galat, h.rincian = "tidak-dibuat", tanda_galat(e)[0], tanda_galat(e)[1]
        return False
    return True


def _baca(h: HasilMutan, simpan: bool):
    """Tulis mutan ``h`` lalu baca dengan baca_berkas; BacaanBerkas bila ada tabelnya, None bila selesai di sini."""
    from flows.langkah.baca import baca_berkas

    if not _buat(h):
        return None
    mulai = time.perf_counter()
    try:
        b = baca_berkas(h.path)
    except BaseException as e:  # noqa: BLE001 - yang dicari kampanye
        if isinstance(e, _BUKAN_GALAT):
            raise
        h.detik_baca = time.perf_counter() - mulai
        _galat(h, *tanda_galat(e))
        return None
    h.detik_baca = time.perf_counter() - mulai
    if b.gagal is not None:
        _tolak(h, *b.gagal)
        _akhiri(h, simpan)
        return None
    return b


@dataclass(frozen=True)
class _Jalan:
    """Yang sama untuk setiap mutan sebuah kampanye."""

    keluar: Path  # folder keluaran
    simpan: bool = False  # simpan juga mutan dan keluaran yang baik
    nomenklatur: object = None  # daftar nomenklatur (flows.data.nomenklatur.nomenklatur_terpasang) atau None


def _olah_bagian(bagian: list[tuple[HasilMutan, object]], j: _Jalan) -> None:
    """Sekelompok mutan yang terbaca diolah oleh satu panggilan olah_banyak di proses pekerja."""
    from flows.mesin.pekerja import BATAS_WAKTU_OLAH, BatasTerlampaui, jalankan_terisolasi

    mulai = time.perf_counter()
    try:
        hasil = jalankan_terisolasi(olah_di_pekerja, [b for _, b in bagian], [h.nomor for h, _ in bagian], j.keluar,
                                    j.nomenklatur, batas_waktu=BATAS_WAKTU_OLAH)
    except (BatasTerlampaui, Exception) as e:  # noqa: BLE001 - pekerjanya habis waktu, mati, atau galat
        hasil = [e] * len(bagian)
    bagi = (time.perf_counter() - mulai) / len(bagian)
    for (h, b), r in zip(bagian, hasil):
        h.detik_olah = bagi
        _nilai_olah(h, r, _nama_terbaca(b), j.simpan)


def olah_di_pekerja(daftar: list, nomor: list[int], keluar: Path, nomenklatur) -> list:
    """olah_banyak untuk sekelompok mutan (di proses pekerja): setiap mutan dikenali wilayahnya sendiri
    (flows.langkah.rapikan.identifikasi, seperti olah_workbook) dan diberi folder keluaran sendiri — kecamatan yang dikenali
    bernama ``<kecamatan> m<nomor>``; yang tidak dikenali sudah ``tanpa-kecamatan-<nama berkas>``."""
    from flows.langkah.bagian import olah_banyak
    from flows.langkah.rapikan import identifikasi

    unik = []
    for b, n in zip(daftar, nomor):
        b = identifikasi([b])[0]
        if b.wilayah is not None and b.wilayah.kode:
            b = replace(b, wilayah=replace(b.wilayah, kecamatan=f"{b.wilayah.kecamatan} m{n}"))
        unik.append([b])
    return olah_banyak(unik, keluar, datetime(2026, 12, 1), nomenklatur, 4)


def _nama_terbaca(b) -> list[str]:
    """Tabel sebuah bacaan, yang pertama tiap tata letak (yang kedua dilaporkan tabel-ganda, tidak ditulis)."""
    from flows.langkah.bacaan import NAMA_TABEL

    return [NAMA_TABEL[k] for k in dict.fromkeys(t.layout for t in b.tabel)]


def _akhiri(h: HasilMutan, simpan: bool) -> None:
    """Mutan yang baik (diproses atau ditolak) tidak disimpan kecuali ``simpan``."""
    if h.kelas in ("diproses", "ditolak") and not simpan:
        h.path.unlink(missing_ok=True)


def _nilai_olah(h: HasilMutan, r, dibaca: list[str] | None, simpan: bool) -> None:
    """Nilai hasil olah ``r`` (HasilBerkas atau exception) mutan ``h``; ``dibaca``: tabel yang terbaca."""
    from flows.mesin.pekerja import SEBAB_WAKTU, BatasTerlampaui

    if isinstance(r, BatasTerlampaui) and r.sebab == SEBAB_WAKTU:
        h.kelas, h.rincian = "batas-waktu", str(r)
    elif isinstance(r, BaseException):
        _galat(h, *tanda_galat(r))
    else:
        salah = periksa_folder(Path(r.folder), dibaca)
        if salah:
            _galat(h, salah[0], "\n".join(salah))
        elif not simpan:
            shutil.rmtree(r.folder, ignore_errors=True)
    _akhiri(h, simpan)


_KUNCI_WORKBOOK = threading.Lock()  # olah_workbook memvalidasi di proses ini: satu per satu (GX tidak dibagi)


def _lewat_workbook(h: HasilMutan, j: _Jalan) -> None:
    """Mutan ``h`` lewat olah_workbook (pintu satu berkas), ke folder keluarannya sendiri."""
    from flows.langkah.bagian import olah_workbook

    if not _buat(h):
        return
    with _KUNCI_WORKBOOK:
        mulai = time.perf_counter()
        try:
            r = olah_workbook(h.path, j.keluar / f"w{h.nomor:05d}", waktu=datetime(2026, 12, 1),
                              nomenklatur=j.nomenklatur)
        except BaseException as e:  # noqa: BLE001
            if isinstance(e, _BUKAN_GALAT):
                raise
            r = e
    h.detik_baca = time.perf_counter() - mulai
    if not isinstance(r, BaseException) and r.status == "gagal":
        if not (Path(r.folder) / "laporan.html").is_file():  # a refused file has its report too
            _galat(h, "laporan.html tidak ada (berkas gagal)", f"{r.folder}: {r.pesan}")
            return
        _tolak(h, _aturan_gagal(Path(r.folder)), r.pesan)
        if not j.simpan:
            shutil.rmtree(j.keluar / f"w{h.nomor:05d}", ignore_errors=True)
        _akhiri(h, j.simpan)
        return
    _nilai_olah(h, r, None, j.simpan)


def _aturan_gagal(folder: Path) -> str:
    try:
        return json.loads((folder / "validasi.json").read_text(encoding="utf-8"))["temuan"][0]["aturan"]
    except (OSError, ValueError, KeyError, IndexError):
        return "-"


def jalankan_kampanye(daftar_resep: Sequence[Resep], folder: Path, pekerja: int = 2, bagian: int = BAGIAN,
                      tiap_workbook: int = TIAP_WORKBOOK, simpan: bool = False,
                      kabar: Callable[[str], None] | None = None, nomenklatur=None) -> list[HasilMutan]:
    """Jalankan setiap resep (mutan ke ``folder/mutan``, keluaran ke ``folder/keluaran``) dengan ``pekerja`` proses
    pekerja; ``tiap_workbook``: satu dari sekian lewat olah_workbook (0: tidak ada); ``nomenklatur``: daftar yang
    dipakai pipeline (None: tanpa).  Mutan yang baik dan keluarannya dihapus kecuali ``simpan``; yang bergalat tetap
    ada."""
    from flows.mesin.pekerja import SETELAN_PEKERJA

    folder = Path(folder)
    (folder / "mutan").mkdir(parents=True, exist_ok=True)
    hasil = [HasilMutan(i, r, folder / "mutan" / f"m{i:05d}{r.akhiran}") for i, r in enumerate(daftar_resep)]
    for h in hasil:
        if tiap_workbook and h.nomor % tiap_workbook == 0:
            h.jalur = "workbook"
    lama = os.environ.get(SETELAN_PEKERJA)
    os.environ[SETELAN_PEKERJA] = str(pekerja)  # kolam flows.mesin.pekerja: satu pekerja per utas di bawah
    try:
        _jalankan(hasil, _Jalan(folder / "keluaran", simpan, nomenklatur), pekerja, bagian, kabar)
    finally:
        if lama is None:
            os.environ.pop(SETELAN_PEKERJA, None)
        else:
            os.environ[SETELAN_PEKERJA] = lama
    return hasil


def _jalankan(hasil: list[HasilMutan], j: _Jalan, pekerja: int, bagian: int,
              kabar: Callable[[str], None] | None) -> None:
    mulai = time.perf_counter()
    # Utas sebanyak proses pekerja: tidak ada panggilan yang menunggu pekerja, jadi setiap pembacaan diukur sendiri;
    # sebuah kelompok diserahkan begitu mutannya terbaca, pembacaan berikutnya berjalan bersamanya.
    with ThreadPoolExecutor(pekerja, thread_name_prefix="fuzz") as ex:
        bagian_jalan = []
        for awal in range(0, len(hasil), POTONGAN):
            potongan = hasil[awal:awal + POTONGAN]
            tugas = {(ex.submit(_lewat_workbook, h, j) if h.jalur == "workbook" else ex.submit(_baca, h, j.simpan)): h
                     for h in potongan}
            siap = []
            for f in as_completed(tugas):
                b = f.result()
                if b is not None:
                    siap.append((tugas[f], b))
                if len(siap) == bagian:
                    bagian_jalan.append(ex.submit(_olah_bagian, siap, j))
                    siap = []
            if siap:
                bagian_jalan.append(ex.submit(_olah_bagian, siap, j))
            while len(bagian_jalan) > 2 * pekerja:  # tabel terbaca menunggu di memori: tidak lebih dari ini
                bagian_jalan.pop(0).result()
            if kabar:
                selesai = awal + len(potongan)
                galat = sum(h.kelas == "galat" for h in hasil[:selesai])
                kabar(f"{selesai}/{len(hasil)} mutan dibaca, {galat} galat internal, "
                      f"{selesai / (time.perf_counter() - mulai):.2f} mutan/detik")
        for f in bagian_jalan:
            f.result()


# -------------------------------------------------------------------------------------------- memperkecil


def tanda_satu(resep: Resep, folder: Path, nomenklatur=None) -> tuple[str | None, str]:
    """(tanda galat internal atau None, rincian) dari satu mutan lewat olah_workbook di ``folder`` (dikosongkan)."""
    from flows.langkah.bagian import olah_workbook

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = buat_mutan(resep, folder / "mutan")
    try:
        r = olah_workbook(path, folder / "keluaran", waktu=datetime(2026, 12, 1), nomenklatur=nomenklatur)
    except BaseException as e:  # noqa: BLE001
        if isinstance(e, _BUKAN_GALAT):
            raise
        return tanda_galat(e)
    if r.status != "ok":
        return None, r.pesan
    salah = periksa_folder(Path(r.folder))
    return (salah[0], "\n".join(salah)) if salah else (None, "")


def perkecil(resep: Resep, tanda: str, folder: Path, percobaan: int = PERCOBAAN_PERKECIL,
             nomenklatur=None) -> tuple[Resep, bool]:
    """Resep terkecil yang masih memberi galat ``tanda`` (operasi dibuang satu per satu, lalu basis tc33 dicoba),
    dan apakah galatnya muncul kembali lewat olah_workbook."""
    if tanda_satu(resep, folder, nomenklatur)[0] != tanda:
        return resep, False
    n = 1
    berubah = True
    while berubah and n < percobaan:
        berubah = False
        for daftar in ("ops_zip", "ops_csv", "ops"):
            i = len(getattr(resep, daftar)) - 1
            while i >= 0 and n < percobaan:
                calon = tanpa_op(resep, daftar, i)
                n += 1
                if tanda_satu(calon, folder, nomenklatur)[0] == tanda:
                    resep, berubah = calon, True
                i -= 1
    if resep.basis != "tc33" and n < percobaan:
        calon = replace(resep, basis="tc33")
        if tanda_satu(calon, folder, nomenklatur)[0] == tanda:
            resep = calon
    return resep, True


def simpan_reproduksi(contoh: list[HasilMutan], folder: Path, ke: int, perkecil_dulu: bool = True,
                      nomenklatur=None) -> Path:
    """Perkecil galat ``contoh[0]`` dan simpan reproduksinya di ``folder/galat/<ke>-…/``."""
    h = contoh[0]
    slug = re.sub(r"[^a-z0-9]+", "-", h.galat.lower())[:50].strip("-")
    tujuan = folder / "galat" / f"{ke:02d}-{slug}"
    kerja = folder / "perkecil"
    minimal, muncul = perkecil(h.resep, h.galat, kerja, nomenklatur=nomenklatur) if perkecil_dulu else (h.resep,
                                                                                                          False)
    tujuan.mkdir(parents=True, exist_ok=True)
    path = buat_mutan(minimal, tujuan / "mutan")
    jejak = _jejak_di_proses_ini(minimal, kerja, nomenklatur) if muncul else h.rincian
    (tujuan / "resep.py").write_text(
        "# Reproduksi minimal (tools/fuzz.py): buat_mutan(RESEP, path) lalu olah_workbook(path, keluar).\n"
        "from datetime import date, datetime, time  # noqa: F401\n"
        "from tools.mutasi import Resep, Rumus  # noqa: F401\n"
        "inf, nan = float('inf'), float('nan')\n\n"
        f"RESEP = {minimal!r}\n\n# Resep asli (mutan m{h.nomor:05d}):\nASLI = {h.resep!r}\n", encoding="utf-8")
    (tujuan / "galat.txt").write_text(
        f"{h.galat}\n\n{len(contoh)} mutan: {', '.join(f'm{c.nomor:05d}' for c in contoh[:50])}\n"
        f"{'muncul kembali lewat olah_workbook' if muncul else 'TIDAK muncul kembali lewat olah_workbook (resep asli)'}"
        f"\n\n{jejak}\n", encoding="utf-8")
    shutil.rmtree(kerja, ignore_errors=True)
    return path


def _jejak_di_proses_ini(resep: Resep, folder: Path, nomenklatur=None) -> str:
    """Jalankan ``resep`` sekali lagi tanpa proses pekerja dan tangkap juga jejak galat yang dicatat jaring pengaman."""
    catatan: list[str] = []

    class _Tangkap(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            catatan.append(record.getMessage() + "\n" + "".join(traceback.format_exception(*record.exc_info))
                           if record.exc_info else record.getMessage())

    log = logging.getLogger("renja")
    tangkap, lama, tingkat = _Tangkap(level=logging.ERROR), os.environ.get("RENJA_ISOLASI"), log.level
    log.addHandler(tangkap)
    log.setLevel(logging.ERROR)  # main() quiets it
    os.environ["RENJA_ISOLASI"] = "0"
    try:
        tanda, rincian = tanda_satu(resep, folder, nomenklatur)
    finally:
        log.removeHandler(tangkap)
        log.setLevel(tingkat)
        if lama is None:
            os.environ.pop("RENJA_ISOLASI", None)
        else:
            os.environ["RENJA_ISOLASI"] = lama
    return "\n".join([rincian, *catatan])


# ------------------------------------------------------------------------------------------------- laporan


def ringkasan(hasil: Sequence[HasilMutan], detik: float, pekerja: int, seed: int | None = None,
              atas: int = 10) -> str:
    """Teks laporan kampanye (Bahasa Indonesia)."""
    n = len(hasil)
    kelas = Counter(h.kelas for h in hasil)
    jalur = Counter(h.jalur for h in hasil)
    baris = [f"Fuzzing Renja ETL: {_id(n)} mutan" + (f" (benih {seed})" if seed is not None else "")
             + f", {pekerja} pekerja, {_id(detik)} detik — {_id(n / max(detik, 1e-9), 2)} mutan/detik",
             f"  jalur: {jalur['banyak']} lewat baca_berkas + olah_banyak, {jalur['workbook']} lewat olah_workbook;"
             f" bentuk: {sum(h.resep.bentuk == 'xlsx' and not h.resep.ops_zip for h in hasil)} xlsx, "
             f"{sum(bool(h.resep.ops_zip) for h in hasil)} xlsx dengan zip/XML rusak, "
             f"{sum(h.resep.bentuk == 'csv' for h in hasil)} csv",
             f"  diproses (keluaran ditulis, sifat terpenuhi): {kelas['diproses']}",
             f"  ditolak: {kelas['ditolak']}"]
    alasan = Counter((h.aturan, h.alasan) for h in hasil if h.kelas == "ditolak")
    baris += [f"      {k:5d}  {a}" + (f": {s}" if s and s != "-" else "") for (a, s), k in alasan.most_common()]
    baris.append(f"  galat internal: {kelas['galat']}")
    jenis = Counter(h.galat for h in hasil if h.kelas == "galat")
    baris += [f"      {k:5d}  {g}" for g, k in jenis.most_common()]
    baris.append(f"  melewati batas waktu: {kelas['batas-waktu']}")
    baris += [f"      m{h.nomor:05d}{h.resep.akhiran}" for h in hasil if h.kelas == "batas-waktu"]
    if kelas["tidak-dibuat"]:
        baris.append(f"  tidak dibuat (galat tools/mutasi.py, bukan pipeline): {kelas['tidak-dibuat']}")
        baris += [f"      {k:5d}  {g}" for g, k in Counter(h.galat for h in hasil
                                                          if h.kelas == "tidak-dibuat").most_common()]
    memori = sum(h.alasan == "melewati batas memori" for h in hasil)
    baris.append(f"  ditolak karena batas memori (terkendali): {memori}")
    baris.append(f"  paling lambat (baca = baca_berkas atau olah_workbook sendiri; olah = bagian kelompoknya):")
    for h in sorted(hasil, key=lambda h: -h.detik)[:atas]:
        ops = ", ".join(op[0] for op in (*h.resep.ops, *h.resep.ops_zip, *h.resep.ops_csv)) or "-"
        baris.append(f"      m{h.nomor:05d}{h.resep.akhiran}  {_id(h.detik, 1):>6} s (baca {_id(h.detik_baca, 1)}, "
                     f"olah {_id(h.detik_olah, 1)})  {h.kelas}  {h.resep.basis}/{h.resep.bentuk}: {ops}")
    return "\n".join(baris)


def _id(x: float, desimal: int = 0) -> str:
    """Angka gaya Indonesia: 1.923; 1,56."""
    return f"{x:,.{desimal}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def batasi_memori(mb: int) -> None:
    """RLIMIT_DATA proses ini = yang dipakainya sekarang + ``mb`` MiB (0: tanpa batas): bila mesin mutasi atau pipeline
    di proses ini tumbuh tanpa batas, yang berhenti kampanye ini dengan MemoryError, bukan proses lain di mesin."""
    import resource

    if not mb:
        return
    with open("/proc/self/status", encoding="ascii") as f:
        dipakai = next((int(b.split()[1]) * 1024 for b in f if b.startswith("VmData:")), 0)
    keras = resource.getrlimit(resource.RLIMIT_DATA)[1]
    batas = dipakai + mb * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (batas if keras == resource.RLIM_INFINITY else min(batas, keras), keras))


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Kampanye fuzzing Renja ETL atas mutan contoh yang dikirim.")
    p.add_argument("--jumlah", type=int, default=1000, help="mutan (bawaan 1000)")
    p.add_argument("--seed", type=int, default=7, help="benih hypothesis (bawaan 7)")
    p.add_argument("--pekerja", type=int, default=os.cpu_count() or 1, help="proses pekerja (bawaan: jumlah inti)")
    p.add_argument("--keluar", type=Path, default=None, help="folder kerja (bawaan: folder sementara baru)")
    p.add_argument("--simpan", action="store_true", help="simpan semua mutan dan keluarannya")
    p.add_argument("--tanpa-perkecil", action="store_true", help="jangan perkecil reproduksi galat")
    p.add_argument("--batas-memori-mb", type=int, default=BATAS_MEMORI_MB,
                   help=f"memori proses ini sendiri di atas yang sudah dipakainya (bawaan {BATAS_MEMORI_MB}; 0 = tanpa)")
    p.add_argument("--nomenklatur", type=Path, default=None,
                   help="daftar nomenklatur operator yang digabung ke daftar bawaan (seperti renja run --nomenklatur)")
    a = p.parse_args(argv)
    if a.jumlah < 1 or a.pekerja < 1:
        raise SystemExit("--jumlah dan --pekerja harus ≥ 1")
    keluar = a.keluar or Path(tempfile.mkdtemp(prefix=f"renja-fuzz-{a.seed}-"))
    keluar.mkdir(parents=True, exist_ok=True)
    batasi_memori(a.batas_memori_mb)
    warnings.simplefilter("ignore")
    logging.getLogger("renja").setLevel(logging.CRITICAL)  # temuan sudah mengatakannya; reproduksi menyimpan jejaknya

    def kabar(t: str) -> None:
        print(f"[fuzz {datetime.now():%H:%M:%S}] {t}", file=sys.stderr, flush=True)

    kabar(f"Menarik {a.jumlah} resep (benih {a.seed}); folder kerja {keluar}")
    from flows.data.nomenklatur import nomenklatur_terpasang

    nomenklatur = nomenklatur_terpasang(a.nomenklatur)  # seperti renja run: daftar bawaan (+ daftar operator)
    kabar(f"Nomenklatur: bawaan{f' + {a.nomenklatur}' if a.nomenklatur else ''} ({len(nomenklatur)} entri)")
    resep = tarik_resep(a.jumlah, a.seed)
    mulai = time.perf_counter()
    hasil = jalankan_kampanye(resep, keluar, a.pekerja, simpan=a.simpan, kabar=kabar, nomenklatur=nomenklatur)
    detik = time.perf_counter() - mulai
    galat: dict[str, list[HasilMutan]] = {}
    for h in hasil:
        if h.kelas == "galat":
            galat.setdefault(h.galat, []).append(h)
    for ke, contoh in enumerate(galat.values(), start=1):
        kabar(f"Memperkecil galat {ke}/{len(galat)}: {contoh[0].galat}")
        simpan_reproduksi(contoh, keluar, ke, perkecil_dulu=not a.tanpa_perkecil, nomenklatur=nomenklatur)
    print(ringkasan(hasil, detik, a.pekerja, a.seed))
    print(f"Perkiraan untuk 10.000 mutan dengan kecepatan ini: {_id(10000 * detik / len(hasil) / 60)} menit.")
    if galat:
        print(f"Reproduksi minimal: {keluar / 'galat'}")
    print(f"Folder kerja: {keluar}")
    if galat or any(h.kelas == "batas-waktu" for h in hasil):
        return 1
    return 2 if any(h.kelas == "tidak-dibuat" for h in hasil) else 0


if __name__ == "__main__":
    from tools.fuzz import main as utama  # as the module tools.fuzz: a worker unpickles its functions by that name

    sys.exit(utama())
