"""Process workbooks end to end — read, find every Renja table, tidy, validate, write — without the Prefect engine.

Two steps, so that one kecamatan's tables may come in one workbook or in one file per table:
``baca_berkas(path, opsi)`` reads one file and tidies every table in it; ``olah_kecamatan(bacaan, output)`` takes
the tables of one kecamatan (grouped by ``kelompokkan``), checks them within and across tables and writes the
outputs; ``olah_banyak`` does the same for many kecamatan at once, validating them together (Great Expectations'
cost is per validation run, not per row).  ``olah_workbook`` does both for a single file.  The Prefect tasks in flows.pipeline wrap these.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from flows.baca import BerkasTidakTerbaca
from flows.berkas import tulis_csv, tulis_dengan, tulis_json, tulis_teks
from flows.isolasi import BATAS_WAKTU_OLAH, BatasTerlampaui, baca_terbatas, jalankan_terisolasi
from flows.laporan import render_laporan
from flows.nomenklatur import keterangan_daftar
from flows.penjaga import punya_makro
from flows.registri import LAYOUTS, PER_LAYOUT, URUTAN
from flows.versi import siapkan_folder, sidik_sumber
from schemas import tabel41 as s41
from schemas import tc33 as s33
from schemas.aturan import ATURAN_BERKAS, ATURAN_KIRIMAN, KOLOM_TEMUAN_MENTAH
from schemas.suites import (PEMERIKSAAN_LINTAS, PESAN_TIDAK_DIPERIKSA, SUITE_LINTAS, SUITE_TABEL41, SUITE_TC33,
                            suite_program)
from schemas.wilayah import DATA_WILAYAH, KOLOM_WILAYAH
from transforms.lintas import dengan_sel, frame_pagu_lintas, frame_program_lintas, frame_tc31
from transforms.menurut_nama import tabel41_menurut_nama, tc29_menurut_nama, tc31_menurut_nama
from transforms.meta import baca_meta, slug
from transforms.nomenklatur import DaftarSiap, normalkan_tc33, siapkan_daftar, tulis_konvensi
from transforms.periksa import FIELDS_PAGU, angka_pokok, angka_pokok_tabel41, baris_total, frame_item, frame_rollup
from transforms.periksa_isi import temuan_pagu_sama, temuan_pagu_target, temuan_urusan_bidang
from transforms.tabel import Tabel, cari_tabel
from transforms.tabel41 import cocokkan_dengan_tc33, frame_rollup_tabel41, temuan_cocok, total_pagu
from transforms.temuan import frame_temuan, gabung_temuan, lengkapi_temuan, ringkas
from transforms.wilayah import (CalonWilayah, HasilWilayah, IndeksWilayah, folder_wilayah, kabupaten_dari_nama,
                                kenali_kiriman)

FOLDER_GAGAL = "_gagal"
LOG = logging.getLogger("renja")
NAMA_TABEL = {"TC-29": "T-C.29", "TC-30": "T-C.30", "TC-31": "T-C.31", "TC-32": "T-C.32", "TC-33": "T-C.33",
              "TabelIV-1": "Tabel 4.1"}
BELUM_DIPERIKSA_TANPA_NOMENKLATUR = (
    "Kecocokan kode dan nama dengan nomenklatur nasional (belum ada daftar nomenklatur yang dipasang).",
    "Satuan yang diharapkan tiap sub-kegiatan menurut nomenklatur.",
)


@dataclass
class Opsi:
    """What the operator may state when the document does not: year n, kabupaten, kecamatan."""

    tahun: int | None = None
    kabupaten: str | None = None
    kecamatan: str | None = None


@dataclass
class TabelTerbaca:
    """One table of one file, tidied."""

    layout: str
    berkas: str
    tabel: Tabel
    tidy: pd.DataFrame
    temuan: pd.DataFrame
    total: pd.DataFrame
    nihil: bool = False


@dataclass
class BacaanBerkas:
    """What one file gave: its tables, its metadata, or why it gave none."""

    path: Path
    tabel: list[TabelTerbaca]
    meta: dict
    gagal: tuple[str, str] | None = None  # (rule, detail) when the file gave no table
    meta_dari_nama: tuple[str, ...] = ()  # what kelompokkan took from another file of the same kecamatan (the year)
    temuan: pd.DataFrame | None = None  # findings about the file itself (berkas-bermakro), merged into the report
    calon: CalonWilayah | None = None  # what the file says about its unit (titles, signature, sheet and file names)
    wilayah: HasilWilayah | None = None  # its unit in the official list (identifikasi)
    diubah: int | None = None  # the file's modification time (ns): of one table sent twice, the newest is used


@dataclass
class HasilBerkas:
    """Summary of one kecamatan's (or one failed file's) processing, printed by the CLI and returned by the flow."""

    berkas: str
    status: str  # "ok", "tanpa-wilayah" (processed on its own: its kecamatan is not known), "gagal"; in
    # drop-folder mode also "duplikat", "menunggu", "dilanjutkan"
    folder: str | None
    galat: int = 0
    peringatan: int = 0
    info: int = 0
    pesan: str = ""
    keluaran: list[str] = field(default_factory=list)
    tujuan: list[str] = field(default_factory=list)  # drop-folder mode: where the input file(s) went
    catatan: list[str] = field(default_factory=list)  # lines the summary shows under this one (a table sent twice)
    tidak_dipakai: dict[str, str] = field(default_factory=dict)  # file name → why none of its tables was used

    def as_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------------------------------------ reading


def baca_berkas(path: Path, opsi: Opsi | None = None) -> BacaanBerkas:
    """Read ``path`` and tidy every table in it, all in a worker process of flows.isolasi (with its memory, time
    and cell limits; in-process with ``RENJA_ISOLASI=0``); never raises for a bad file."""
    path = Path(path)
    try:
        b = jalankan_terisolasi(_baca_di_sini, Path(os.path.abspath(path)), opsi or Opsi())  # its cwd may differ
    except BatasTerlampaui as e:
        return BacaanBerkas(path, [], {}, ("berkas-tidak-terbaca", f"Berkas '{path.name}' {e}"))
    try:
        diubah = path.stat().st_mtime_ns
    except OSError:
        diubah = None
    return replace(b, path=path, diubah=diubah)


def _baca_di_sini(path: Path, opsi: Opsi) -> BacaanBerkas:
    """`baca_berkas` in the process it runs in (a worker's)."""
    try:
        isi = baca_terbatas(path)
    except BerkasTidakTerbaca as e:
        return BacaanBerkas(path, [], {}, ("berkas-tidak-terbaca", str(e)))
    ditemukan = cari_tabel(isi.cells, isi.merges, LAYOUTS)
    if not ditemukan:
        return BacaanBerkas(path, [], {}, ("tabel-tidak-ditemukan", ""))
    meta = _meta(ditemukan, opsi)
    tabel, gagal = [], []
    for t in ditemukan:
        try:
            tabel.append(_tidy(t, path, meta["tahun"]))
        except MemoryError:
            raise  # the worker's memory limit: the file is refused
        except Exception as e:  # noqa: BLE001 - a bug in one table's transform costs that table only
            gagal.append(temuan_tabel_gagal(t, path.name, "dibaca dan dirapikan", e))
    temuan = [_temuan_makro(path) if punya_makro(path) else None, *gagal]
    return BacaanBerkas(path, tabel, meta, temuan=gabung_temuan(temuan) if any(x is not None for x in temuan) else None,
                        calon=_calon(ditemukan, isi.sheets, path, opsi))


def _calon(tabel: list[Tabel], sheets: tuple[str, ...], path: Path, opsi: Opsi) -> CalonWilayah:
    """What the file says about its unit: titles and signature lines (T-C.33's first), the workbook's sheet names
    (not a CSV's: its one sheet is named after the file), the file name, the options."""
    urut = sorted(tabel, key=lambda t: URUTAN.index(t.layout))
    return CalonWilayah(
        berkas=path.name,
        judul=tuple((t.sheet, j) for t in urut for j in t.judul if j),
        tanda_tangan=tuple((t.sheet, p) for t in urut for p in t.penutup if p),
        sheet=() if path.suffix.lower() == ".csv" else tuple(sheets),
        opsi_kabupaten=opsi.kabupaten, opsi_kecamatan=opsi.kecamatan)


def _temuan_makro(path: Path) -> pd.DataFrame:
    temuan = ATURAN_BERKAS["berkas-bermakro"].temuan(berkas=path.name)
    return lengkapi_temuan([frame_temuan([temuan])], path.name, {})


def temuan_tabel_gagal(t: Tabel, berkas: str, langkah: str, galat: BaseException,
                       akibat: str = "tabel ini tidak ditulis; tabel lain tetap ditulis.") -> pd.DataFrame:
    """The finding ``tabel-gagal-diolah`` (galat, at the table's header row) for table ``t`` of file ``berkas``,
    which a step (``langkah``: 'dibaca dan dirapikan', 'ditulis' …) could not finish because of an error in this
    program (``galat``, logged with its traceback): the report names the table and its sheet, says what became of
    it (``akibat``) and what to do."""
    nama = NAMA_TABEL.get(t.layout, t.layout)
    LOG.error("%s: tabel %s (sheet '%s') tidak dapat %s", berkas, nama, t.sheet, langkah, exc_info=galat)
    rincian = " ".join(f"{type(galat).__name__}: {galat}".split())[:200]
    temuan = ATURAN_BERKAS["tabel-gagal-diolah"].temuan({"sheet": t.sheet, "baris": t.baris_header}, nilai=rincian,
                                                        tabel=nama, sheet=t.sheet, langkah=langkah, rincian=rincian,
                                                        akibat=akibat)
    return lengkapi_temuan([frame_temuan([temuan])], berkas, t.peta_kolom)


def _tidy(t: Tabel, path: Path, tahun: int | None) -> TabelTerbaca:
    hasil = PER_LAYOUT[t.layout].tidy(t, tahun)
    return TabelTerbaca(t.layout, path.name, t, hasil.tidy, hasil.temuan.reindex(columns=list(KOLOM_TEMUAN_MENTAH)),
                        baris_total(t.baris), bool(getattr(hasil, "nihil", False)))


def _meta(tabel: list[Tabel], opsi: Opsi) -> dict:
    """Year n, kabupaten, kecamatan and signature from the tables' own texts (T-C.33's first), then the options.
    Kabupaten and kecamatan here are as written; ``identifikasi`` replaces them by the official unit."""
    meta = {"tahun": None, "kabupaten": None, "kecamatan": None, "tanda_tangan": None}
    for t in sorted(tabel, key=lambda t: URUTAN.index(t.layout)):
        calon = baca_meta(t.judul, t.header_teks.values(), t.penutup)
        if calon["tahun"]:
            calon["tahun"] += PER_LAYOUT[t.layout].selisih_tahun_judul  # T-C.29 and T-C.32 titles name n-1
        for kunci, nilai in calon.items():
            if meta[kunci] is None and nilai:
                meta[kunci] = nilai
    for kunci in ("tahun", "kabupaten", "kecamatan"):
        if getattr(opsi, kunci):
            meta[kunci] = getattr(opsi, kunci)
    return meta


def _temuan_meta(meta: dict, sheet: str | None) -> pd.DataFrame:
    """A finding when neither the documents nor the options give the year (a unit not known is reported by the
    identification: wilayah-tidak-diketahui)."""
    return frame_temuan(ATURAN_KIRIMAN["metadata-tidak-ada"].temuan({"sheet": sheet}, keterangan=label,
                                                                    opsi=f"--{kunci}")
                        for kunci, label in (("tahun", "Tahun rencana"),) if not meta.get(kunci))


def kunci_kecamatan(bacaan: BacaanBerkas) -> tuple[str, str, str]:
    """The output folder parts of a file's tables: year, kabupaten, kecamatan (transforms.wilayah.folder_wilayah:
    the official names' slugs, or ``tanpa-kecamatan-<file name>`` for a file whose kecamatan is not known)."""
    m = bacaan.meta
    return (str(m["tahun"]) if m.get("tahun") else "tanpa-tahun", *folder_wilayah(bacaan.wilayah, bacaan.path.name))


def kelompokkan(bacaan: list[BacaanBerkas], dikenal: Callable[[], list[dict]] | None = None,
                indeks: IndeksWilayah | None = None) -> dict[tuple[str, str, str], list[BacaanBerkas]]:
    """Files that gave tables, identified (``identifikasi``) and grouped by kecamatan (year, kabupaten, kecamatan),
    in file order.  Files whose kecamatan is not known are never grouped with one another: each is a group of its
    own (``tanpa-kecamatan-<file name>``)."""
    kelompok: dict[tuple[str, str, str], list[BacaanBerkas]] = {}
    for b in identifikasi(bacaan, dikenal, indeks):
        if b.gagal is None:
            kelompok.setdefault(kunci_kecamatan(b), []).append(b)
    return kelompok


def identifikasi(bacaan: list[BacaanBerkas], dikenal: Callable[[], list[dict]] | None = None,
                 indeks: IndeksWilayah | None = None) -> list[BacaanBerkas]:
    """Each file's unit in the official list, with the official names and kode wilayah in its metadata
    (transforms.wilayah.kenali_kiriman: each file on its own, then one whose kecamatan is still not known with the
    kecamatan and kabupaten of this run's other files as context, then — drop-folder mode — also of the kecamatan
    with outputs already, ``dikenal()``: a kecamatan's files may come in separate deliveries).  A file without a
    year takes the year of its kecamatan's other files of this run (else of its outputs), when they have one year;
    the report says so (``tahun-dari-kiriman``)."""
    if not any(b.gagal is None and b.wilayah is None for b in bacaan):
        return list(bacaan)
    if indeks is None:
        from flows.wilayah import indeks_wilayah

        indeks = indeks_wilayah()
    urut = [i for i, b in enumerate(bacaan) if b.gagal is None]
    calon = [bacaan[i].calon or CalonWilayah(bacaan[i].path.name) for i in urut]
    wilayah = kenali_kiriman(calon, indeks)
    lain: list[dict] | None = None
    if dikenal is not None and not all(w.lengkap for w in wilayah):
        lain = _dengan_kode(dikenal(), indeks)
        wilayah = kenali_kiriman(calon, indeks, [k for m in lain for k in (m.get("kode_wilayah"),
                                                                         m.get("kode_kabupaten")) if k])
    hasil = list(bacaan)
    for i, w in zip(urut, wilayah):
        hasil[i] = _dengan_wilayah(bacaan[i], w)
    return [_tahun_dari_kecamatan(b, hasil, dikenal, lain, indeks) for b in hasil]


def _dengan_wilayah(b: BacaanBerkas, w: HasilWilayah) -> BacaanBerkas:
    meta = {**b.meta, "kabupaten": w.kabupaten, "kecamatan": w.kecamatan, "kode_wilayah": w.kode,
            "kode_kabupaten": w.kode_kabupaten, "kabupaten_resmi": w.kabupaten_resmi, "provinsi": w.provinsi}
    return replace(b, wilayah=w, meta=meta)


def _dengan_kode(dikenal: list[dict], indeks: IndeksWilayah) -> list[dict]:
    """The kecamatan with outputs, each with its kabupaten's code (older reports have names only)."""
    hasil = []
    for m in dikenal:
        kode = m.get("kode_kabupaten")
        if not kode and m.get("kabupaten"):
            kode = next(iter(kabupaten_dari_nama(indeks, str(m["kabupaten"]))), None)
        hasil.append({**m, "kode_kabupaten": kode})
    return hasil


def _tahun_dari_kecamatan(b: BacaanBerkas, semua: list[BacaanBerkas], dikenal, lain: list[dict] | None,
                          indeks: IndeksWilayah) -> BacaanBerkas:
    """``b`` with the year of its kecamatan's other files (this run's, else its outputs') when it has none."""
    if b.gagal is not None or b.meta.get("tahun") or not b.wilayah.lengkap:
        return b
    tahun = {x.meta["tahun"] for x in semua if x.gagal is None and x.meta.get("tahun")
             and x.wilayah.kode == b.wilayah.kode}
    if not tahun and dikenal is not None:
        lain = _dengan_kode(dikenal(), indeks) if lain is None else lain
        tahun = {m["tahun"] for m in lain if m.get("tahun") and (m.get("kode_wilayah") == b.wilayah.kode or (
            m.get("kode_kabupaten") == b.wilayah.kode_kabupaten and m.get("kecamatan")
            and slug(str(m["kecamatan"])) == slug(b.wilayah.kecamatan)))}
    if len(tahun) != 1:
        return b
    return replace(b, meta={**b.meta, "tahun": int(next(iter(tahun)))}, meta_dari_nama=("tahun",))


# --------------------------------------------------------------------------------------- one kecamatan


def olah_kecamatan(bacaan: list[BacaanBerkas], output: Path, waktu: datetime | None = None,
                   nomenklatur: pd.DataFrame | None = None, digit_sub: int = 4) -> HasilBerkas:
    """Check and write the tables of one kecamatan (the files of one group of ``kelompokkan``).

    ``nomenklatur``: the national list (flows.nomenklatur.nomenklatur_terpasang: what every run passes); with it
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
    """``olah_kecamatan`` for many kecamatan at once, with the same outputs: each is normalised and matched, then
    all are validated together (one Great Expectations run per frame for the lot: flows.gx.jalankan_harapan_banyak),
    then each is written.  Returns, in the same order, each kecamatan's result or the exception it ended with:
    one kecamatan's failure is its own."""
    waktu = waktu or datetime.now()
    daftar_siap = siapkan_daftar(nomenklatur) if nomenklatur is not None else None  # once for the part
    keterangan = keterangan_daftar(nomenklatur) if nomenklatur is not None else None
    siap: list[_Siap | BaseException] = []
    for bacaan in daftar:
        try:
            siap.append(_siapkan(bacaan, daftar_siap))
        except Exception as e:  # noqa: BLE001 - this kecamatan's failure, reported by the caller
            siap.append(e)
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
    urut_gx = iter(diperiksa)  # in the order of `baik`
    hasil: list[HasilBerkas | BaseException] = []
    for s in siap:
        if isinstance(s, BaseException):
            hasil.append(s)
            continue
        gx = next(urut_gx)
        if isinstance(gx, BaseException):
            hasil.append(gx)
            continue
        try:
            hasil.append(_selesaikan(s, gx, output, waktu, keterangan, digit_sub))
        except Exception as e:  # noqa: BLE001
            hasil.append(e)
    return hasil


def olah_banyak_terisolasi(daftar: list[list[BacaanBerkas]], output: Path, waktu: datetime | None = None,
                           nomenklatur: pd.DataFrame | None = None,
                           digit_sub: int = 4) -> list[HasilBerkas | BaseException]:
    """`olah_banyak` in a worker process of flows.isolasi (several run at once on a machine's cores; in-process
    with ``RENJA_ISOLASI=0``), within ``BATAS_WAKTU_OLAH`` seconds.  When the worker dies or runs out of time or
    memory, each kecamatan of the part gets that error."""
    try:
        return jalankan_terisolasi(_di_folder, os.getcwd(), olah_banyak, daftar, output, waktu or datetime.now(),
                                   nomenklatur, digit_sub, batas_waktu=BATAS_WAKTU_OLAH)
    except BatasTerlampaui as e:
        sebab = {"waktu": f"melewati batas waktu {BATAS_WAKTU_OLAH} detik", "memori": "kehabisan memori"}.get(
            e.sebab, "berhenti mendadak")
        rincian = f" ({e.rincian})" if e.rincian else ""
        galat = RuntimeError(f"Proses pekerja yang memeriksa dan menulis {len(daftar)} kecamatan ini {sebab}"
                             f"{rincian}; jalankan lagi, atau periksa berkasnya satu per satu.")
        return [galat] * len(daftar)


def panaskan_pekerja() -> None:
    """In a worker: import what checking a kecamatan needs (Great Expectations: ~4 s), ahead of the first part."""
    from flows.gx import _gx

    _gx()


def _di_folder(folder: str, fungsi, *args):
    """``fungsi(*args)`` with ``folder`` as the working folder (a worker runs for callers in any folder)."""
    os.chdir(folder)
    return fungsi(*args)


@dataclass
class _Siap:
    """One kecamatan normalised and matched, waiting for validation."""

    bacaan: list[BacaanBerkas]
    meta: dict
    tabel: dict[str, TabelTerbaca]
    temuan: list[pd.DataFrame]
    ganda: "_Ganda"


def _siapkan(bacaan: list[BacaanBerkas], nomenklatur: pd.DataFrame | DaftarSiap | None) -> _Siap:
    bacaan = identifikasi(bacaan) if any(b.wilayah is None for b in bacaan) else bacaan  # olah_kecamatan alone
    meta = _gabung_meta(bacaan)
    tabel, temuan_ganda, ganda = _satu_per_layout(bacaan)
    temuan = [temuan_ganda, lengkapi_temuan([_temuan_meta(meta, None)], bacaan[0].path.name, {}),
              *(_temuan_tahun(b) for b in bacaan if b.meta_dari_nama),
              *(_temuan_wilayah(b) for b in bacaan if b.wilayah is not None and b.wilayah.temuan),
              *(b.temuan for b in bacaan if b.temuan is not None)]
    temuan_normal: list[pd.DataFrame] = []
    asli = tabel
    if nomenklatur is not None:
        tabel, temuan_normal = _normalkan(tabel, siapkan_daftar(nomenklatur))
    for t in (tabel.get(k, asli[k]) for k in asli):  # a table left out keeps the findings it was read with
        temuan.append(lengkapi_temuan([t.temuan], t.berkas, t.tabel.peta_kolom))
    temuan.extend(temuan_normal)
    tabel = _cocokkan(tabel, temuan)
    temuan.extend(_periksa_isi(tabel))
    return _Siap(bacaan, meta, tabel, temuan, ganda)


def _selesaikan(s: _Siap, temuan_gx: list[pd.DataFrame], output: Path, waktu: datetime,
                keterangan: list[dict] | None, digit_sub: int) -> HasilBerkas:
    """Write one prepared and validated kecamatan; ``keterangan``: the lists of the nomenclature used (None: none)."""
    bacaan, tabel, meta = s.bacaan, s.tabel, s.meta
    folder = output.joinpath(*kunci_kecamatan(bacaan[0]))
    belum = belum_diperiksa(tabel, keterangan is not None)
    siapkan_folder(folder, sidik_sumber([b.path for b in bacaan]), waktu, _wilayah_sumber(meta))  # previous kept
    keluaran, gagal = _tulis_tabel(folder, tabel, meta, waktu, digit_sub)
    tabel = {k: t for k, t in tabel.items() if k not in gagal}
    semua = gabung_temuan([*s.temuan, *temuan_gx, *gagal.values()])
    info = {**_info(bacaan, tabel, meta, semua, waktu), "nomenklatur": keterangan or []}
    keluaran += _tulis_laporan(folder, info, tulis_konvensi(semua, digit_sub, ("kode",)), belum)
    r = info["ringkasan"]
    nama = ", ".join(dict.fromkeys(b.path.name for b in bacaan))
    daftar = ", ".join(NAMA_TABEL[k] for k in tabel)
    status, pesan = ("ok", daftar) if not info.get("masalah_utama") else ("tanpa-wilayah", info["masalah_utama"])
    return HasilBerkas(nama, status, str(folder), r["galat"], r["peringatan"], r["info"], pesan,
                       [str(p) for p in keluaran], catatan=s.ganda.catatan, tidak_dipakai=s.ganda.tidak_dipakai)


def _wilayah_sumber(meta: dict) -> dict:
    """The unit recorded in sumber.json."""
    return {"kode_wilayah": meta.get("kode_wilayah"), "kecamatan": meta.get("kecamatan"),
            "kode_kabupaten": meta.get("kode_kabupaten"), "kabupaten": meta.get("kabupaten_resmi"),
            "data_wilayah": DATA_WILAYAH}


def _temuan_tahun(b: BacaanBerkas) -> pd.DataFrame:
    temuan = ATURAN_KIRIMAN["tahun-dari-kiriman"].temuan(berkas=b.path.name, tahun=b.meta["tahun"],
                                                         kecamatan=b.meta.get("kecamatan"))
    return lengkapi_temuan([frame_temuan([temuan])], b.path.name, {})


def _temuan_wilayah(b: BacaanBerkas) -> pd.DataFrame:
    """The identification's findings of one file (transforms.wilayah: each about a sheet at most) as report rows."""
    return lengkapi_temuan([frame_temuan(b.wilayah.temuan)], b.path.name, {})


def _gabung_meta(bacaan: list[BacaanBerkas]) -> dict:
    meta = dict(bacaan[0].meta)
    for b in bacaan[1:]:
        for k, v in b.meta.items():
            if meta.get(k) is None and v:
                meta[k] = v
    return meta


@dataclass
class _Ganda:
    """What the choice among tables sent twice left: summary lines and the files none of whose tables was used."""

    catatan: list[str] = field(default_factory=list)
    tidak_dipakai: dict[str, str] = field(default_factory=dict)


def _satu_per_layout(bacaan: list[BacaanBerkas]) -> tuple[dict[str, TabelTerbaca], pd.DataFrame, _Ganda]:
    """One table per layout.  The rule when a kecamatan sends one twice: the table of the file modified last
    (the newest version); of files modified at the same time, the first by name; within one file, the first.  Each
    table left out is a finding ``tabel-ganda``; the summary gets a line per layout, and a file none of whose tables
    was used is named with the reason."""
    calon: dict[str, list[tuple[int, BacaanBerkas, TabelTerbaca]]] = {}
    for i, b in enumerate(bacaan):
        for t in b.tabel:
            calon.setdefault(t.layout, []).append((i, b, t))
    tabel: dict[str, TabelTerbaca] = {}
    temuan, ganda = [], _Ganda()
    for layout, daftar in calon.items():
        i, b, menang = min(daftar, key=lambda x: (-(x[1].diubah or 0), x[0]))
        tabel[layout] = menang
        kalah = [x for x in daftar if x[2] is not menang]
        if not kalah:
            continue
        for j, c, t in kalah:
            alasan = _alasan_ganda(b, c)
            ganda_ini = ATURAN_KIRIMAN["tabel-ganda"].temuan(
                {"sheet": t.tabel.sheet, "baris": t.tabel.baris_header}, tabel=NAMA_TABEL[layout],
                berkas=menang.berkas, sheet=menang.tabel.sheet, alasan=alasan)
            temuan.append(lengkapi_temuan([frame_temuan([ganda_ini])], t.berkas, {}))
        lain = ", ".join(dict.fromkeys(f"{t.berkas} (sheet '{t.tabel.sheet}')" for _, _, t in kalah))
        ganda.catatan.append(f"{NAMA_TABEL[layout]} dikirim {len(daftar)} kali: dipakai {menang.berkas} (sheet "
                             f"'{menang.tabel.sheet}', {_alasan_ganda(b, kalah[0][1])}); tidak dipakai: {lain}.")
    dipakai = {id(t) for t in tabel.values()}
    for b in bacaan:
        if b.tabel and not any(id(t) in dipakai for t in b.tabel) and b.path.name not in ganda.tidak_dipakai:
            ganti = ", ".join(f"{NAMA_TABEL[t.layout]} dari {tabel[t.layout].berkas}" for t in b.tabel)
            ganda.tidak_dipakai[b.path.name] = (
                f"Tidak satu pun tabel berkas '{b.path.name}' dipakai: kecamatan yang sama mengirim tabel yang sama "
                f"dalam berkas lain kiriman ini, dan aturannya memakai tabel dari berkas yang paling akhir diubah "
                f"(lalu nama berkas pertama menurut abjad). Yang dipakai: {ganti}.")
    urut = {k: tabel[k] for k in URUTAN if k in tabel}
    return urut, (pd.concat(temuan, ignore_index=True) if temuan else lengkapi_temuan([], "", {})), ganda


def _alasan_ganda(menang: BacaanBerkas, kalah: BacaanBerkas) -> str:
    if menang is kalah:
        return "yang pertama dalam berkas itu"
    if menang.diubah is not None and kalah.diubah is not None and menang.diubah != kalah.diubah:
        return "berkas yang paling akhir diubah"
    return "waktu ubah sama: berkas pertama menurut nama"


def belum_diperiksa(tabel: dict[str, TabelTerbaca], dengan_nomenklatur: bool) -> list[str]:
    """The checks that could not run for the tables present: against the nomenclature when there is none, and each
    check between two tables (schemas.suites.PEMERIKSAAN_LINTAS) one of which is missing."""
    belum = [] if dengan_nomenklatur else list(BELUM_DIPERIKSA_TANPA_NOMENKLATUR)
    for pasangan, pemeriksaan in PEMERIKSAAN_LINTAS:
        ada = [k for k in pasangan if k in tabel]
        if len(ada) == 1:
            hilang = next(k for k in pasangan if k not in tabel)
            belum.append(PESAN_TIDAK_DIPERIKSA.format(pemeriksaan=pemeriksaan, tabel=NAMA_TABEL[hilang]))
    return belum


# Tables without a kode column, or rows without one: kode and level decided by name (transforms.menurut_nama).
MENURUT_NAMA = (("TabelIV-1", tabel41_menurut_nama), ("TC-31", tc31_menurut_nama), ("TC-29", tc29_menurut_nama))


def _normalkan(tabel: dict[str, TabelTerbaca], daftar: DaftarSiap) -> tuple[dict[str, TabelTerbaca],
                                                                             list[pd.DataFrame]]:
    """Every table against the nomenclature: T-C.33's codes checked and decided by name (transforms.nomenklatur;
    its findings returned, completed), Tabel 4.1, T-C.31 and T-C.29 rows given the kode and level of their names
    (transforms.menurut_nama; their findings adjusted in the table's own; without a T-C.33 to match them, the rows
    whose names decide nothing are reported)."""
    hasil, temuan = dict(tabel), []

    def tc33(t: TabelTerbaca) -> TabelTerbaca:
        h = normalkan_tc33(t.tidy, daftar)
        temuan.append(lengkapi_temuan([h.temuan], t.berkas, t.tabel.peta_kolom))
        return replace(t, tidy=h.tidy)

    def menurut(t: TabelTerbaca, menurut_nama) -> TabelTerbaca:
        h = menurut_nama(t.tidy, t.temuan, daftar, laporkan_ragu="TC-33" not in tabel)
        return replace(t, tidy=h.tidy, temuan=h.temuan.reindex(columns=list(KOLOM_TEMUAN_MENTAH)))

    if "TC-33" in tabel:
        _terlindung(hasil, "TC-33", temuan, "dicocokkan dengan nomenklatur", tc33)
    for layout, menurut_nama in MENURUT_NAMA:
        if layout in tabel and not tabel[layout].tidy.empty:
            _terlindung(hasil, layout, temuan, "dicocokkan dengan nomenklatur", lambda t, f=menurut_nama: menurut(t, f))
    return hasil, temuan


def _terlindung(tabel: dict[str, TabelTerbaca], kunci: str, temuan: list[pd.DataFrame], langkah: str,
                fungsi: Callable[[TabelTerbaca], TabelTerbaca]) -> None:
    """``tabel[kunci] = fungsi(tabel[kunci])``; when it ends in an error of this program, the table is left out of
    ``tabel`` and reported (``tabel-gagal-diolah`` in ``temuan``): the other tables keep their outputs."""
    try:
        tabel[kunci] = fungsi(tabel[kunci])
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - one table's failure is its own
        t = tabel.pop(kunci)
        temuan.append(temuan_tabel_gagal(t.tabel, t.berkas, langkah, e))


def _periksa_isi(tabel: dict[str, TabelTerbaca]) -> list[pd.DataFrame]:
    """The plain item checks (transforms.periksa_isi), completed: T-C.33's urusan/bidang rows, targets and amounts
    of T-C.33 and Tabel 4.1, T-C.33's amounts repeated in both years."""
    hasil = []
    periksa = {"TC-33": lambda d: [*temuan_urusan_bidang(d), *temuan_pagu_target(d, s33.PASANGAN_TARGET_PAGU),
                                   *temuan_pagu_sama(d, FIELDS_PAGU)],
               "TabelIV-1": lambda d: temuan_pagu_target(d, s41.PASANGAN_TARGET_PAGU)}
    for kunci, fungsi in periksa.items():
        if kunci in tabel:
            t = tabel[kunci]
            try:
                hasil.append(lengkapi_temuan([frame_temuan(fungsi(t.tidy))], t.berkas, t.tabel.peta_kolom))
            except MemoryError:
                raise
            except Exception as e:  # noqa: BLE001 - the table is written, the report says it is unchecked
                hasil.append(temuan_tabel_gagal(t.tabel, t.berkas, "diperiksa", e,
                                                akibat="tabel tetap ditulis tanpa pemeriksaan isinya."))
    return hasil


def _cocokkan(tabel: dict[str, TabelTerbaca], temuan: list[pd.DataFrame]) -> dict[str, TabelTerbaca]:
    """Give Tabel 4.1 and T-C.31 rows the kode of the T-C.33 item they stand for (by name and level)."""
    if "TC-33" not in tabel:
        return tabel
    tc33 = tabel["TC-33"].tidy

    def tabel41(t: TabelTerbaca) -> TabelTerbaca:
        cocok = cocokkan_dengan_tc33(t.tidy, tc33)
        temuan.append(lengkapi_temuan([temuan_cocok(cocok)], t.berkas, t.tabel.peta_kolom))
        return replace(t, tidy=cocok)

    def tc31(t: TabelTerbaca) -> TabelTerbaca:
        dasar = t.tidy.assign(indikator_ke=1)
        cocok = cocokkan_dengan_tc33(dasar[["nama", "level", "indikator_ke"]], tc33)
        kode = cocok["kode"] if "kode" not in t.tidy else cocok["kode"].where(cocok["kode"].notna(), t.tidy["kode"])
        return replace(t, tidy=t.tidy.assign(kode=kode, urut_tc33=cocok["urut_tc33"],
                                             cocok_dengan=cocok["cocok_dengan"], skor_cocok=cocok["skor"]))

    for kunci, fungsi in (("TabelIV-1", tabel41), ("TC-31", tc31)):
        if kunci in tabel and not tabel[kunci].tidy.empty:
            _terlindung(tabel, kunci, temuan, "dicocokkan dengan butir T-C.33", fungsi)
    return tabel


def _temuan_periksa_gagal(tabel: dict[str, TabelTerbaca], galat: BaseException) -> pd.DataFrame:
    """``tabel-gagal-diolah`` for a kecamatan whose validation ended in an error of this program (at T-C.33, whose
    suite and the cross-table one were not completed)."""
    t = tabel.get("TC-33") or next(iter(tabel.values()))
    return temuan_tabel_gagal(t.tabel, t.berkas, "diperiksa (Great Expectations: kode, jumlah dan antar-tabel)",
                              galat, akibat="semua tabel tetap ditulis tanpa pemeriksaan itu.")


def _periksa(tabel: dict[str, TabelTerbaca]) -> list[pd.DataFrame]:
    """Great Expectations on one kecamatan: T-C.33's own suite, then the cross-table suite."""
    return _periksa_banyak([tabel])[0]


def _periksa_banyak(daftar: list[dict[str, TabelTerbaca]]) -> list[list[pd.DataFrame]]:
    """`_periksa` for many kecamatan, validated together (flows.gx.jalankan_harapan_banyak); a Tabel 4.1 without a
    T-C.33 gets its own roll-up check (SUITE_TABEL41)."""
    from flows.gx import jalankan_harapan_banyak  # GX import (~3 s) only when there is something to validate

    hasil: list[list[pd.DataFrame]] = [[] for _ in daftar]
    ada = [k for k, tabel in enumerate(daftar) if "TC-33" in tabel]
    pasangan = [({"item": frame_item(t.tidy), "rollup": frame_rollup(t.tidy, t.total)}, SUITE_TC33)
                for t in (daftar[k]["TC-33"] for k in ada)]
    for k, gx in zip(ada, jalankan_harapan_banyak(pasangan)):
        t = daftar[k]["TC-33"]
        hasil[k].append(lengkapi_temuan([gx.reindex(columns=list(KOLOM_TEMUAN_MENTAH))], t.berkas,
                                        t.tabel.peta_kolom))
    ada = [k for k, tabel in enumerate(daftar) if "TC-33" not in tabel and "TabelIV-1" in tabel
           and not tabel["TabelIV-1"].tidy.empty]
    pasangan = [({"rollup_tabel41": frame_rollup_tabel41(t.tidy, t.tabel.baris)}, SUITE_TABEL41)
                for t in (daftar[k]["TabelIV-1"] for k in ada)]
    for k, gx in zip(ada, jalankan_harapan_banyak(pasangan)):
        t = daftar[k]["TabelIV-1"]
        hasil[k].append(lengkapi_temuan([gx.reindex(columns=list(KOLOM_TEMUAN_MENTAH))], t.berkas,
                                        t.tabel.peta_kolom))
    ada, pasangan = [], []
    for k, tabel in enumerate(daftar):
        frames, program = _frames_lintas(tabel)
        if frames:
            ada.append(k)
            pasangan.append((frames, [h for h in (*SUITE_LINTAS, *suite_program(program)) if h.frame in frames]))
    for k, gx in zip(ada, jalankan_harapan_banyak(pasangan)):
        hasil[k].append(_temuan_lintas(gx, daftar[k]))
    return hasil


def _sel(t: TabelTerbaca, field: str) -> pd.DataFrame:
    return dengan_sel(t.tidy, t.tabel.peta_kolom.get(field))


def _frames_lintas(tabel: dict[str, TabelTerbaca]) -> tuple[dict[str, pd.DataFrame], tuple[str, ...]]:
    if "TC-33" not in tabel:
        return {}, ()
    tc33 = _sel(tabel["TC-33"], "pagu")
    frames = {}
    if "TabelIV-1" in tabel and "kode" in tabel["TabelIV-1"].tidy:
        frames["pagu_tabel41"] = frame_pagu_lintas(tc33, _sel(tabel["TabelIV-1"], "anggaran"), "Tabel 4.1",
                                                   "anggaran")
    if "TC-31" in tabel and "kode" in tabel["TC-31"].tidy:
        frames["pagu_tc31"] = frame_pagu_lintas(tc33, _sel(tabel["TC-31"], "kebutuhan_dana"), "T-C.31",
                                                "kebutuhan_dana")
    if "TC-31" in tabel and not tabel["TC-31"].tidy.empty:
        frames["tc31"] = frame_tc31(tabel["TC-31"].tidy, tabel["TC-31"].tabel.peta_kolom)
    program = {"tc33": tc33[tc33["level"] == "program"]}
    for kunci, layout in (("tc29", "TC-29"), ("tc31", "TC-31")):
        if layout in tabel and "kode" in tabel[layout].tidy:
            tidy = tabel[layout].tidy
            program[kunci] = tidy[tidy["level"] == "program"]
    frames["program"] = frame_program_lintas(program)
    return frames, tuple(program)


def _temuan_lintas(gx: pd.DataFrame, tabel: dict[str, TabelTerbaca]) -> pd.DataFrame:
    """Cross-table findings point at T-C.33's cell (their message names the other table's cell too); the
    two-halves check of T-C.31 at T-C.31's own."""
    gx = gx.reindex(columns=[*KOLOM_TEMUAN_MENTAH, "frame"])
    bagian = []
    for frame, layout in (("tc31", "TC-31"),):
        if layout in tabel:
            t = tabel[layout]
            bagian.append(lengkapi_temuan([gx[gx["frame"] == frame]], t.berkas, t.tabel.peta_kolom))
    t = tabel["TC-33"]
    bagian.append(lengkapi_temuan([gx[gx["frame"] != "tc31"]], t.berkas, t.tabel.peta_kolom))
    return gabung_temuan(bagian)


def _info(bacaan, tabel: dict[str, TabelTerbaca], meta: dict, temuan: pd.DataFrame, waktu: datetime) -> dict:
    daftar = [{"tabel": NAMA_TABEL[k], "berkas": t.berkas, "sheet": t.tabel.sheet,
               "baris_header": t.tabel.baris_header, "jumlah_baris": _jumlah_baris(k, t.tidy), "nihil": t.nihil}
              for k, t in tabel.items()]
    wilayah = next((b.wilayah for b in bacaan if b.wilayah is not None and b.wilayah.lengkap),
                   bacaan[0].wilayah)
    return {"berkas": ", ".join(dict.fromkeys(b.path.name for b in bacaan)),
            "tabel": ", ".join(NAMA_TABEL[k] for k in tabel), "sheet": ", ".join(dict.fromkeys(
                t.tabel.sheet for t in tabel.values())),
            **{k: meta.get(k) for k in ("tahun", "kabupaten", "kecamatan", "kode_wilayah")},
            "masalah_utama": _masalah_wilayah(bacaan),
            "wilayah": wilayah.as_dict() if wilayah is not None else None, "data_wilayah": DATA_WILAYAH,
            "dibuat": waktu.isoformat(timespec="seconds"), "ringkasan": ringkas(temuan),
            "daftar_tabel": daftar,
            "angka": _angka(tabel)}


def _jumlah_baris(layout: str, tidy: pd.DataFrame) -> int:
    """Rows of a table as the report counts them: T-C.30's tidy data is long (one row per indicator and year), its
    rows are its indicators."""
    if layout == "TC-30" and "urut" in tidy.columns:
        return int(tidy["urut"].nunique())
    return int(len(tidy))


def _angka(tabel: dict[str, TabelTerbaca]) -> dict[str, str]:
    """Key figures: T-C.33's; without it, Tabel 4.1's."""
    if "TC-33" in tabel:
        return angka_pokok(tabel["TC-33"].tidy, tabel["TC-33"].total)
    if "TabelIV-1" in tabel and not tabel["TabelIV-1"].tidy.empty:
        t = tabel["TabelIV-1"]
        return angka_pokok_tabel41(t.tidy, total_pagu(t.tabel.baris))
    return {}


def _masalah_wilayah(bacaan: list[BacaanBerkas]) -> str | None:
    """For a file whose kecamatan is not known, the report's first line: what is missing and how to fix it."""
    w = bacaan[0].wilayah
    if w is None or w.lengkap:
        return None
    urutan = ("wilayah-tidak-dikenal", "wilayah-ambigu", "wilayah-tidak-diketahui")
    pilihan = sorted((t for t in w.temuan if t.aturan in urutan and (t.aturan != "wilayah-tidak-dikenal"
                                                                     or t.pesan.startswith("Kecamatan"))),
                     key=lambda t: (urutan.index(t.aturan), not t.pesan.startswith("Kecamatan")))
    pesan = pilihan[0].pesan if pilihan else "Kecamatan berkas ini tidak diketahui."
    if pilihan and pilihan[0].aturan == "wilayah-tidak-dikenal":
        pesan += " Tabelnya diolah sendiri, tidak digabung dengan berkas lain."
    return f"Kecamatan tidak diketahui. {pesan}"


# ------------------------------------------------------------------------------------------------ writing


def _tulis_tabel(folder: Path, tabel: dict[str, TabelTerbaca], meta: dict, waktu: datetime,
                 digit_sub: int) -> tuple[list[Path], dict[str, pd.DataFrame]]:
    """Each table's tidy CSV and standard workbook; a table whose writing ends in an error of this program leaves
    no file of its own and gets the finding ``tabel-gagal-diolah`` (returned by layout), the others are written."""
    keluaran: list[Path] = []
    gagal: dict[str, pd.DataFrame] = {}
    for kunci, t in tabel.items():
        try:
            keluaran.extend(_tulis_satu(folder, kunci, replace(t, tidy=tulis_konvensi(t.tidy, digit_sub)), meta, waktu))
        except MemoryError:
            raise
        except Exception as e:  # noqa: BLE001 - one table's failure is its own
            for f in _berkas_tabel(folder, kunci):
                f.unlink(missing_ok=True)  # written just now, or an earlier run's of the same sources
            gagal[kunci] = temuan_tabel_gagal(t.tabel, t.berkas, "ditulis", e)
    return keluaran, gagal


def _berkas_tabel(folder: Path, kunci: str) -> list[Path]:
    """The files of one table in a kecamatan's folder: its tidy CSV and its standard workbook (Tabel 4.1: none)."""
    p = PER_LAYOUT[kunci]
    buku = "TC-33.xlsx" if kunci == "TC-33" else p.keluaran.file if p.keluaran is not None else None
    return [folder / "data" / p.data, *([folder / buku] if buku else [])]


def _tulis_satu(folder: Path, kunci: str, t: TabelTerbaca, meta: dict, waktu: datetime) -> list[Path]:
    from flows.tulis_tabel import tulis_tabel
    from flows.tulis_tc33 import tulis_tc33
    from transforms.tc30 import lebar_tc30

    meta_tulis = {**meta, "tahun": meta.get("tahun") or waktu.year, "kabupaten": meta.get("kabupaten") or "-",
                  "kecamatan": meta.get("kecamatan") or "-"}
    p = PER_LAYOUT[kunci]
    keluaran = [tulis_csv(t.tidy.assign(**{KOLOM_WILAYAH[0]: meta.get("kode_wilayah") or ""}),
                          folder / "data" / p.data)]
    meta_tabel = {**meta_tulis, "tanda_tangan": _tanda_tangan(t) or meta_tulis.get("tanda_tangan")}
    if kunci == "TC-33":
        keluaran.append(tulis_dengan(folder / "TC-33.xlsx", lambda x: tulis_tc33(t.tidy, meta_tabel, x)))
    elif p.keluaran is not None:
        data = lebar_tc30(t.tidy, meta_tulis["tahun"]).tidy if kunci == "TC-30" else t.tidy
        keluaran.append(tulis_dengan(folder / p.keluaran.file, lambda x: tulis_tabel(data, p.keluaran, meta_tabel, x)))
    return keluaran


def _tulis_laporan(folder: Path, info: dict, temuan: pd.DataFrame, belum: list[str]) -> list[Path]:
    return [tulis_json({**info, "pemeriksaan_tidak_dilakukan": belum, "temuan": temuan.to_dict("records")},
                       folder / "validasi.json"),
            tulis_teks(render_laporan(info, temuan, belum), folder / "laporan.html")]


def _tanda_tangan(t: TabelTerbaca) -> dict | None:
    from transforms.meta import baca_tanda_tangan

    return baca_tanda_tangan(list(t.tabel.penutup))


# ------------------------------------------------------------------------------------------ single file


def olah_workbook(path: Path, output: Path, opsi: Opsi | None = None, waktu: datetime | None = None,
                  nomenklatur: pd.DataFrame | None = None, digit_sub: int = 4) -> HasilBerkas:
    """Read ``path`` and write the outputs of its tables (one kecamatan); never raises for a bad workbook."""
    waktu = waktu or datetime.now()
    bacaan = baca_berkas(path, opsi)
    if bacaan.gagal is not None:
        return tulis_gagal(bacaan, output, waktu)
    return olah_kecamatan([bacaan], output, waktu, nomenklatur, digit_sub)


def _folder_gagal(output: Path, nama: str) -> Path:
    """``output/_gagal/<slug of the name>/``; when that folder holds the report of another file ('Renja.xlsx' and
    'Renja.csv', 'Renja Senduro' and 'Renja-Senduro'), ``…-2``, ``…-3``: a report never overwrites another file's."""
    dasar, n = output / FOLDER_GAGAL / slug(Path(nama).stem), 1
    folder = dasar
    while (folder / "validasi.json").exists():
        try:
            if json.loads((folder / "validasi.json").read_text(encoding="utf-8")).get("berkas") == nama:
                break
        except (OSError, ValueError):
            pass
        n += 1
        folder = dasar.with_name(f"{dasar.name}-{n}")
    return folder


def tulis_gagal(bacaan: BacaanBerkas, output: Path, waktu: datetime) -> HasilBerkas:
    """A file that yields no table: its report goes to output/_gagal/<name>/, nothing else is written."""
    aturan, keterangan = bacaan.gagal
    path = bacaan.path
    gagal = ATURAN_BERKAS[aturan].temuan(keterangan=keterangan)
    pesan = gagal.pesan
    temuan = lengkapi_temuan([frame_temuan([gagal])], path.name, {})
    folder = _folder_gagal(output, path.name)
    info = {"berkas": path.name, "tabel": "-", "sheet": None, "tahun": None, "kabupaten": None,
            "kecamatan": None, "kode_wilayah": None, "data_wilayah": DATA_WILAYAH,
            "dibuat": waktu.isoformat(timespec="seconds"), "ringkasan": ringkas(temuan),
            "daftar_tabel": [], "angka": {}}
    keluaran = [tulis_json({**info, "temuan": temuan.to_dict("records")}, folder / "validasi.json"),
                tulis_teks(render_laporan(info, temuan, []), folder / "laporan.html")]
    return HasilBerkas(path.name, "gagal", str(folder), 1, 0, 0, pesan, [str(p) for p in keluaran])

