"""``renja rekap``: the district's view — every kecamatan output of a kabupaten for a year in one workbook and CSV.

Reads ``<output>/<tahun>/<kabupaten>/<kecamatan>/`` (``data/TC-33.csv`` and ``validasi.json``; folders whose name
starts with ``_`` or ``.`` are skipped, and only those two files of a kecamatan folder are read, so its ``riwayat/``
never counts), shapes with transforms.rekap and writes, each file atomically, to
``<output>/<tahun>/<kabupaten>/_rekap/``:

    Rekap-<Kabupaten>-<tahun>.xlsx   sheets Status, Grafik, Pagu <n>, Pagu <n+1>, Catatan
    rekap.csv                        transforms.rekap.KOLOM_REKAP, one row per kecamatan and program/kegiatan
    status.csv                       transforms.rekap.KOLOM_STATUS, one row per kecamatan (expected or found)
    catatan.csv                      transforms.rekap.KOLOM_CATATAN: differing names, kode listed twice …

and the district's page ``<output>/<tahun>/<kabupaten>/index.html`` (flows.halaman), and per run the year's page
``<output>/<tahun>/index.html``.

The expected kecamatan are the kabupaten's in the official region list (flows/data/wilayah.py, in kode wilayah order)
unless the operator gives a list.  With ``status_provinsi`` the flow also writes, per province of the kabupaten it
consolidated, ``<output>/<tahun>/_provinsi/status-<provinsi>.csv`` (transforms.rekap.KOLOM_PROVINSI: every
kabupaten/kota of the province and how many of its kecamatan are complete).

The Prefect flow ``renja_rekap`` runs one task per kabupaten; ``rekap_kabupaten`` does the work without the engine.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from xlsxwriter.utility import xl_rowcol_to_cell

from flows.mesin.berkas import tulis_csv, tulis_dengan
from flows.mesin.kunci import kunci_keluaran
from flows.registri import PENANGANAN
from flows.setelan import setelan
from flows.langkah.tulis.tabel import (
    A4,
    DEFAULT_CREATED,
    STYLES,
    WORKBOOK_OPTIONS,
    Styles,
    write_text,
    tinggi_baris,
)
from schemas.setelan import DAFTAR_KECAMATAN
from schemas.keluaran import FILL_COLOR, PAGE_FOOTER, RUPIAH, RUPIAH_FORMAT
from schemas.wilayah import DATA_WILAYAH, REGULASI_WILAYAH
from transforms.angka import format_rupiah
from transforms.meta import slug
from transforms.wilayah import daftar_kecamatan, kabupaten_dari_nama
from transforms.rekap import (
    ARTI_LENGKAP,
    BELUM_LENGKAP,
    BELUM_MENGIRIM,
    KOLOM_ADA,
    KOLOM_CATATAN,
    KOLOM_DAFTAR,
    KOLOM_PROVINSI,
    KOLOM_REKAP,
    KOLOM_STATUS,
    LABEL_STATUS,
    LENGKAP,
    TABEL_RENJA,
    Rekap,
    TabelPagu,
    baca_daftar_kecamatan,
    daftar_untuk,
    gabung_item,
    item_tc33,
    ringkas_status,
    status_kecamatan,
    status_provinsi,
    tabel_pagu,
)

FOLDER_REKAP = "_rekap"
FOLDER_PROVINSI = "_provinsi"
SETELAN_DAFTAR = DAFTAR_KECAMATAN.nama
REKAP_CSV, STATUS_CSV, CATATAN_CSV = "rekap.csv", "status.csv", "catatan.csv"
A3 = 8  # xlsxwriter's paper code: the pagu sheets of more than KOLOM_A4 kecamatan are printed on A3
KOLOM_A4 = 8
DATA_TABEL = {p.data: p.layout.nama for p in PENANGANAN}  # data/TC-33.csv → 'T-C.33' (when validasi.json is lost)
FORMAT_WAKTU = "dd-mm-yyyy hh:mm"
WARNA_STATUS = {LENGKAP: "#C6EFCE", BELUM_LENGKAP: "#FFEB9C", BELUM_MENGIRIM: "#FFC7CE"}
LEBAR_NAMA, LEBAR_KODE, LEBAR_KECAMATAN, LEBAR_JUMLAH = 50, 15, 16, 18
MAKS_NAMA_SERI = 60  # a program's legend entry: kode and name, shortened to this many characters


class DaftarTidakValid(Exception):
    """The operator's list of kecamatan cannot be read; the message names the file."""


# ------------------------------------------------------------------------------------------------ the list


def path_daftar(opsi: Path | None) -> Path | None:
    """The list of expected kecamatan: the option, else the setting RENJA_DAFTAR_KECAMATAN, else none."""
    if opsi is not None:
        return Path(opsi)
    return setelan().daftar_kecamatan


def baca_daftar(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the list (transforms.rekap.baca_daftar_kecamatan); DaftarTidakValid when it is missing, not text, or
    names no kecamatan."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        sebab = ("berkasnya tidak ada" if isinstance(e, FileNotFoundError) else "itu folder, bukan berkas"
                 if isinstance(e, IsADirectoryError) else "tidak ada izin membacanya"
                 if isinstance(e, PermissionError) else e.strerror or str(e))
        raise DaftarTidakValid(f"Daftar kecamatan '{path}' tidak dapat dibaca: {sebab}.") from None
    if b"\x00" in data[:4096]:
        raise DaftarTidakValid(f"Daftar kecamatan '{path}' bukan berkas teks (satu nama kecamatan per baris, "
                               "atau CSV dengan kolom 'kecamatan').")
    try:
        teks = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        teks = data.decode("cp1252", errors="replace")
    daftar, catatan = baca_daftar_kecamatan(teks)
    if daftar.empty:
        raise DaftarTidakValid(f"Daftar kecamatan '{path}' tidak berisi satu nama kecamatan pun.")
    return daftar, catatan


# ------------------------------------------------------------------------------------------------ reading


@dataclass
class KeluaranKecamatan:
    """What one kecamatan output folder holds, for the rekap."""

    folder: str
    kecamatan: str | None
    kabupaten: str | None
    tabel: list[str]
    dibuat: str
    berkas: str
    galat: int | None
    peringatan: int | None
    keterangan: str
    tc33: pd.DataFrame | None
    kode_wilayah: str | None = None
    kode_kabupaten: str | None = None


def folder_kabupaten(output: Path, tahun: int, kabupaten: str | None = None) -> list[Path]:
    """The kabupaten folders of ``output/<tahun>/`` (only the one of ``kabupaten`` when given), sorted."""
    akar = Path(output) / str(tahun)
    if kabupaten is not None:
        calon = [akar / slug(kabupaten)]
    else:
        calon = sorted(akar.iterdir()) if akar.is_dir() else []
    return [p for p in calon if p.is_dir() and not p.name.startswith(("_", "."))]


def folder_kecamatan(kabupaten: Path) -> list[Path]:
    """The kecamatan folders of a kabupaten folder (not ``_rekap``, ``_gagal`` or hidden ones), sorted."""
    return sorted(p for p in kabupaten.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def baca_keluaran_kecamatan(folder: Path) -> KeluaranKecamatan | None:
    """``validasi.json`` and ``data/TC-33.csv`` of one kecamatan folder; None when it holds neither a report nor data.

    Without a readable report, the tables are the ones whose data file is there, and ``keterangan`` says so.
    """
    data = folder / "data"
    berkas_data = sorted(p.name for p in data.glob("*.csv") if p.name in DATA_TABEL) if data.is_dir() else []
    validasi = folder / "validasi.json"
    if not validasi.is_file() and not berkas_data:
        return None
    keterangan, info = [], {}
    if validasi.is_file():
        try:
            info = json.loads(validasi.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            keterangan.append(f"validasi.json tidak terbaca ({type(e).__name__}).")
    else:
        keterangan.append("validasi.json tidak ada.")
    tabel = [d.get("tabel") for d in info.get("daftar_tabel") or [] if d.get("tabel")]
    if not info:
        tabel = [DATA_TABEL[b] for b in berkas_data]
    tc33 = None
    if (data / "TC-33.csv").is_file():
        try:
            tc33 = pd.read_csv(data / "TC-33.csv", dtype=str, keep_default_na=False, encoding="utf-8")
        except (OSError, ValueError) as e:
            keterangan.append(f"data/TC-33.csv tidak terbaca ({type(e).__name__}); pagunya tidak masuk rekap.")
    elif "T-C.33" in tabel:
        keterangan.append("data/TC-33.csv tidak ada; pagunya tidak masuk rekap.")
    ringkasan = info.get("ringkasan") or {}
    wilayah = info.get("wilayah") if isinstance(info.get("wilayah"), dict) else {}
    return KeluaranKecamatan(folder.name, info.get("kecamatan"), info.get("kabupaten"), tabel,
                             str(info.get("dibuat") or ""), str(info.get("berkas") or ""),
                             _bulat(ringkasan.get("galat")), _bulat(ringkasan.get("peringatan")), " ".join(keterangan),
                             tc33, _teks_atau_none(info.get("kode_wilayah")),
                             _teks_atau_none(wilayah.get("kode_kabupaten")))


def _teks_atau_none(v) -> str | None:
    return str(v) if isinstance(v, str) and v else None


def _bulat(v) -> int | None:
    return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


# ------------------------------------------------------------------------------------------------ one kabupaten


@dataclass
class DataRekap:
    """Everything the rekap of one kabupaten writes."""

    tahun: int
    kabupaten: str
    kecamatan: list[str]  # the columns of the pagu sheets: kecamatan with T-C.33 data, in status order
    rekap: Rekap
    pagu: TabelPagu
    pagu_maju: TabelPagu
    status: pd.DataFrame
    catatan: pd.DataFrame
    daftar: str | None  # the list of expected kecamatan (file name, or the official list), None without one
    keadaan: datetime | None  # the newest 'dibuat' of the kecamatan reports
    tanpa_tc33: list[str] = field(default_factory=list)
    kode_kabupaten: str | None = None  # the kabupaten's kode wilayah (None: not in the official list)
    daftar_resmi: bool = False  # the expected kecamatan are the official list's


@dataclass
class HasilRekap:
    """Summary of one kabupaten's rekap, printed by the CLI and returned by the flow."""

    kabupaten: str
    tahun: int
    status: str  # "ok" or "kosong" (no kecamatan output found: nothing written); "provinsi" a province status file,
    # "halaman" the year's page
    folder: str
    ringkasan: dict = field(default_factory=dict)  # transforms.rekap.ringkas_status
    dengan_daftar: bool = False
    daftar_resmi: bool = False
    kode_kabupaten: str | None = None
    jumlah_diharapkan: int = 0
    total_pagu: int = 0
    total_pagu_maju: int = 0
    keluaran: list[str] = field(default_factory=list)
    pesan: str = ""


def siapkan_rekap(folder: Path, tahun: int, daftar: pd.DataFrame | None = None,
                  catatan_daftar: pd.DataFrame | None = None, nama_daftar: str | None = None) -> DataRekap | None:
    """Read every kecamatan output of the kabupaten folder ``folder`` and shape the rekap; None when there is none.

    ``daftar``: the expected kecamatan (baca_daftar; rows of other kabupaten are left out here); without it, the
    kabupaten's kecamatan in the official region list, in kode wilayah order (when the kabupaten is in the list:
    the reports' kode, else the folder's name); failing that, the kecamatan found.
    """
    keluaran = [k for k in (baca_keluaran_kecamatan(p) for p in folder_kecamatan(folder)) if k is not None]
    if not keluaran:
        return None
    kode_kab = _kode_kabupaten(folder, keluaran)
    kabupaten = _nama_kabupaten(folder, keluaran, kode_kab)
    resmi = None
    if kode_kab is not None:
        from flows.data.wilayah import indeks_wilayah

        resmi = daftar_kecamatan(indeks_wilayah(), kode_kab)
    if daftar is not None:
        daftar = daftar_untuk(daftar, folder.name)
        if resmi is not None:  # the operator's names that are official get their code
            daftar = daftar.assign(kode_wilayah=daftar["slug"].map(dict(zip(resmi["slug"], resmi["kode_wilayah"])))
                                   .fillna(""))
    elif resmi is not None and not resmi.empty:
        daftar = resmi.assign(kabupaten=kabupaten, baris=range(1, len(resmi) + 1))[list(KOLOM_DAFTAR)]
        nama_daftar = f"daftar wilayah resmi {REGULASI_WILAYAH}"
    nama_daftar_per_slug = dict(zip(daftar["slug"], daftar["kecamatan"])) if daftar is not None else {}
    nama = _nama_kecamatan(keluaran, nama_daftar_per_slug)
    kode_resmi = dict(zip(resmi["slug"], resmi["kode_wilayah"])) if resmi is not None else {}
    ditemukan = pd.DataFrame([{"folder": k.folder, "kecamatan": nama[k.folder], "tabel": k.tabel, "dibuat": k.dibuat,
                               "berkas": k.berkas, "galat": k.galat, "peringatan": k.peringatan,
                               "keterangan": k.keterangan, "kode_wilayah": k.kode_wilayah or kode_resmi.get(k.folder)}
                              for k in keluaran])
    status = status_kecamatan(ditemukan, daftar, tahun, kabupaten)
    per_folder = {k.folder: k for k in keluaran}
    urutan = [f for f in status["folder"] if f in per_folder]
    dengan_data = [f for f in urutan if per_folder[f].tc33 is not None]
    kolom = [nama[f] for f in dengan_data]
    item = [item_tc33(per_folder[f].tc33).assign(kecamatan=nama[f]) for f in dengan_data]
    item = pd.concat(item, ignore_index=True) if item else pd.DataFrame(
        columns=["urut", "level", "kode", "nama", "pagu", "pagu_maju", "kecamatan"])
    kode_per_nama = {nama[f]: k for f, k in zip(status["folder"], status["kode_wilayah"]) if f in nama}
    rekap = gabung_item(item, kolom, tahun, kabupaten, kode_per_nama)
    tanpa = [nama[f] for f in urutan if per_folder[f].tc33 is None]
    catatan = [rekap.catatan, *([catatan_daftar] if catatan_daftar is not None else [])]
    catatan += [pd.DataFrame([("tanpa-tc33", k, "", f"Kecamatan {k} tidak mempunyai data T-C.33; pagunya tidak "
                                                    "masuk rekap.")], columns=list(KOLOM_CATATAN)) for k in tanpa]
    catatan = pd.concat([c for c in catatan if not c.empty], ignore_index=True) if any(
        not c.empty for c in catatan) else pd.DataFrame(columns=list(KOLOM_CATATAN))
    waktu = [w for w in (_waktu(k.dibuat) for k in keluaran) if w is not None]
    return DataRekap(int(tahun), kabupaten, kolom, rekap, tabel_pagu(rekap, kolom, "pagu"),
                     tabel_pagu(rekap, kolom, "pagu_maju"), status, catatan, nama_daftar, max(waktu, default=None),
                     tanpa, kode_kab, daftar is not None and nama_daftar == f"daftar wilayah resmi {REGULASI_WILAYAH}")


def _kode_kabupaten(folder: Path, keluaran: list[KeluaranKecamatan]) -> str | None:
    """The kabupaten's kode wilayah: the one its kecamatan's reports name most, else the one its folder names."""
    kode = Counter(k.kode_kabupaten for k in keluaran if k.kode_kabupaten)
    if kode:
        return kode.most_common(1)[0][0]
    from flows.data.wilayah import indeks_wilayah

    calon = kabupaten_dari_nama(indeks_wilayah(), folder.name)
    return calon[0] if len(calon) == 1 else None


def _nama_kabupaten(folder: Path, keluaran: list[KeluaranKecamatan], kode: str | None = None) -> str:
    nama = Counter(k.kabupaten for k in keluaran if k.kabupaten and slug(k.kabupaten) == folder.name)
    if nama:
        return nama.most_common(1)[0][0]
    if kode is not None:
        from flows.data.wilayah import indeks_wilayah

        u = indeks_wilayah().unit[kode]
        return u.pendek if slug(u.pendek) == folder.name else u.nama
    return folder.name.replace("-", " ").title()


def _nama_kecamatan(keluaran: list[KeluaranKecamatan], dari_daftar: dict[str, str]) -> dict[str, str]:
    """Display name per folder: the report's, else the list's, else the folder's; a clash gets the folder added."""
    nama = {k.folder: (k.kecamatan if k.kecamatan and slug(k.kecamatan) == k.folder else None)
            or dari_daftar.get(k.folder) or k.folder.replace("-", " ").title() for k in keluaran}
    hitung = Counter(nama.values())
    return {f: n if hitung[n] == 1 else f"{n} ({f})" for f, n in nama.items()}


def _waktu(teks: str) -> datetime | None:
    try:
        return datetime.fromisoformat(teks) if teks else None
    except ValueError:
        return None


def nama_berkas_rekap(kabupaten: str, tahun: int) -> str:
    """'Rekap-Lumajang-2024.xlsx', 'Rekap-Tanah-Datar-2024.xlsx'."""
    return f"Rekap-{'-'.join(w.capitalize() for w in slug(kabupaten).split('-'))}-{int(tahun)}.xlsx"


def tulis_rekap(d: DataRekap, folder: Path) -> list[Path]:
    """Write the workbook and the three CSV files of ``d`` into ``folder`` (each atomically); return them."""
    return [
        tulis_dengan(folder / nama_berkas_rekap(d.kabupaten, d.tahun), lambda p: tulis_workbook_rekap(d, p)),
        tulis_csv(d.rekap.panjang[list(KOLOM_REKAP)], folder / REKAP_CSV),
        tulis_csv(d.status[list(KOLOM_STATUS)], folder / STATUS_CSV),
        tulis_csv(d.catatan[list(KOLOM_CATATAN)], folder / CATATAN_CSV),
    ]


def rekap_kabupaten(folder: Path, tahun: int, daftar: pd.DataFrame | None = None,
                    catatan_daftar: pd.DataFrame | None = None, nama_daftar: str | None = None) -> HasilRekap:
    """The rekap of one kabupaten folder, written to its ``_rekap/``; nothing is written when no kecamatan output
    is found (status "kosong")."""
    tujuan = Path(folder) / FOLDER_REKAP
    d = siapkan_rekap(Path(folder), tahun, daftar, catatan_daftar, nama_daftar)
    if d is None:
        return HasilRekap(Path(folder).name, int(tahun), "kosong", str(tujuan),
                          pesan=f"Tidak ada keluaran kecamatan di {folder}.")
    from flows.halaman import tulis_halaman_kabupaten  # (flows.halaman imports this module)

    keluaran = tulis_rekap(d, tujuan)
    keluaran.append(tulis_halaman_kabupaten(d, Path(folder)))
    return HasilRekap(d.kabupaten, d.tahun, "ok", str(tujuan), ringkas_status(d.status), d.daftar is not None,
                      d.daftar_resmi, d.kode_kabupaten, int(d.status["dalam_daftar"].eq(True).sum()),
                      d.pagu.total_kabupaten, d.pagu_maju.total_kabupaten, [str(p) for p in keluaran])


# ------------------------------------------------------------------------------------------------ the flow


@task(name="rekap-kabupaten", task_run_name="rekap-{folder.name}", cache_policy=NONE)  # inputs are folders
def rekap_kabupaten_task(folder: Path, tahun: int, daftar: pd.DataFrame | None, catatan_daftar: pd.DataFrame | None,
                         nama_daftar: str | None) -> HasilRekap:
    return rekap_kabupaten(folder, tahun, daftar, catatan_daftar, nama_daftar)


@flow(name="renja-rekap", flow_run_name="renja-rekap-{tahun}")
def renja_rekap(tahun: int, output_dir: Path = Path("output"), kabupaten: str | None = None,
                daftar_kecamatan: Path | None = None, tunggu_kunci: float = 600.0,
                status_provinsi: bool = False) -> list[HasilRekap]:
    """The rekap of every kabupaten of ``output_dir/<tahun>/`` (only ``kabupaten`` when given), one task each.

    ``daftar_kecamatan``: the operator's list of expected kecamatan (None: each kabupaten's in the official region
    list); an unreadable list raises DaftarTidakValid before anything is written.  ``status_provinsi``: also the
    province status of each province concerned (status "provinsi" results).  The output folder's lock is held throughout, as
    ``renja run`` holds it, so that a rekap never reads a kecamatan half-way through being replaced: raises
    flows.mesin.kunci.SedangDipakai when a run holds it longer than ``tunggu_kunci`` seconds.
    """
    log = get_run_logger()
    if not Path(output_dir).is_dir():
        return _rekap(tahun, Path(output_dir), kabupaten, daftar_kecamatan, log, status_provinsi)
    with kunci_keluaran(Path(output_dir), tunggu_kunci, kabar=log.warning):
        return _rekap(tahun, Path(output_dir), kabupaten, daftar_kecamatan, log, status_provinsi)


def _rekap(tahun: int, output_dir: Path, kabupaten: str | None, daftar_kecamatan: Path | None,
           log, status_provinsi: bool = False) -> list[HasilRekap]:
    daftar = catatan_daftar = None
    if daftar_kecamatan is not None:
        daftar, catatan_daftar = baca_daftar(Path(daftar_kecamatan))
        log.info("Daftar kecamatan: %s (%d nama)", daftar_kecamatan, len(daftar))
    folder = folder_kabupaten(Path(output_dir), tahun, kabupaten)
    if not folder:
        log.warning("Tidak ada keluaran tahun %s di %s.", tahun, Path(output_dir) / str(tahun))
    hasil = []
    for f in folder:
        h = rekap_kabupaten_task(f, tahun, daftar, catatan_daftar,
                                 Path(daftar_kecamatan).name if daftar_kecamatan is not None else None)
        log.info("Rekap %s: %s → %s", f.name, h.status, h.folder)
        hasil.append(h)
    if status_provinsi:
        hasil += tulis_status_provinsi(output_dir, tahun, hasil)
    if any(h.status == "ok" for h in hasil):
        from flows.halaman import tulis_halaman_tahun

        halaman = tulis_halaman_tahun(output_dir, tahun)
        if halaman is not None:
            hasil.append(HasilRekap(f"Tahun {tahun}", int(tahun), "halaman", str(halaman.parent),
                                    keluaran=[str(halaman)]))
    return hasil


def tulis_status_provinsi(output_dir: Path, tahun: int, hasil: list[HasilRekap]) -> list[HasilRekap]:
    """Per province of the kabupaten consolidated (``hasil``), ``<output>/<tahun>/_provinsi/status-<provinsi>.csv``:
    every kabupaten/kota of the province in kode order with its kecamatan complete, incomplete and missing (from
    its rekap's status.csv; a kabupaten without outputs: all missing).  One "provinsi" result per file."""
    from flows.data.wilayah import indeks_wilayah

    indeks = indeks_wilayah()
    status = {h.kode_kabupaten: pd.read_csv(Path(h.folder) / STATUS_CSV, dtype={"kode_wilayah": str},
                                            keep_default_na=False).assign(
        dalam_daftar=lambda d: d["dalam_daftar"].map({"True": True, "False": False, True: True, False: False}))
              for h in hasil if h.status == "ok" and h.kode_kabupaten and (Path(h.folder) / STATUS_CSV).is_file()}
    keluar = []
    for kode_prov in dict.fromkeys(k.split(".")[0] for k in status):
        prov = indeks.unit[kode_prov]
        kab = sorted(k for k, u in indeks.unit.items() if u.kode_induk == kode_prov and u.tingkat in ("kabupaten",
                                                                                                        "kota"))
        daftar = pd.DataFrame({"kode_provinsi": kode_prov, "provinsi": prov.nama, "kode_kabupaten": kab,
                               "kabupaten": [indeks.unit[k].nama for k in kab],
                               "jumlah_kecamatan": [len(indeks.anak.get(k, ())) for k in kab]})
        tabel = status_provinsi(daftar, status, tahun)
        path = tulis_csv(tabel[list(KOLOM_PROVINSI)], output_dir / str(tahun) / FOLDER_PROVINSI /
                         f"status-{slug(prov.nama)}.csv")
        ringkas = {"kabupaten": len(tabel), "dengan_keluaran": len([k for k in kab if k in status]),
                   "lengkap": int(tabel["lengkap"].sum()), "kecamatan": int(tabel["jumlah_kecamatan"].sum())}
        keluar.append(HasilRekap(f"Provinsi {prov.nama}", int(tahun), "provinsi", str(path.parent), ringkas,
                                 kode_kabupaten=kode_prov, keluaran=[str(path)]))
    return keluar


def ringkasan_rekap(hasil: list[HasilRekap]) -> str:
    """The CLI's short Indonesian summary: per kabupaten who is complete, incomplete, missing, and the workbook."""
    if not hasil:
        return "Tidak ada keluaran kecamatan untuk direkap."
    baris = [""]
    for h in hasil:
        if h.status == "provinsi":
            r = h.ringkasan
            baris.append(f"Status {h.kabupaten} tahun {h.tahun}: {r['dengan_keluaran']} dari {r['kabupaten']} "
                         f"kabupaten/kota punya keluaran; {r['lengkap']} dari {r['kecamatan']} kecamatan lengkap.")
            baris.append(f"  → {h.keluaran[0]}")
            continue
        if h.status == "halaman":
            baris.append(f"Halaman semua kabupaten/kota tahun {h.tahun}: {h.keluaran[0]}")
            continue
        if h.status != "ok":
            baris.append(f"Rekap {h.kabupaten} {h.tahun}: {h.pesan}")
            continue
        r = h.ringkasan
        dasar = (f"{h.jumlah_diharapkan} kecamatan dalam daftar wilayah resmi, {h.kode_kabupaten}" if h.daftar_resmi
                 else f"{h.jumlah_diharapkan} kecamatan dalam daftar" if h.dengan_daftar
                 else f"{len(r[LENGKAP]) + len(r[BELUM_LENGKAP])} kecamatan ditemukan, tanpa daftar")
        baris.append(f"Rekap Kabupaten {h.kabupaten} tahun {h.tahun} ({dasar}):")
        for kunci, label in ((LENGKAP, "Lengkap"), (BELUM_LENGKAP, "Belum lengkap"),
                             (BELUM_MENGIRIM, "Belum mengirim"), ("di-luar-daftar", "Di luar daftar")):
            if r[kunci] or kunci in (LENGKAP, BELUM_LENGKAP) or (kunci == BELUM_MENGIRIM and h.dengan_daftar):
                baris.append(f"  {label} ({len(r[kunci])}): {', '.join(r[kunci]) or '-'}")
        baris.append(f"  Pagu kabupaten {h.tahun}: Rp {format_rupiah(h.total_pagu)}; "
                     f"{h.tahun + 1}: Rp {format_rupiah(h.total_pagu_maju)}")
        baris.append(f"  → {h.keluaran[0] if h.keluaran else h.folder}")
        baris += [f"  Halaman: {p}" for p in h.keluaran if Path(p).name == "index.html"]
    return "\n".join(baris)


# ------------------------------------------------------------------------------------------------ the workbook

GAYA = {
    **STYLES,
    "judul": {"bold": True, "align": "center", "valign": "vcenter", "font_size": 12, "text_wrap": True},
    "keterangan": {"italic": True, "font_size": 9, "text_wrap": True, "valign": "top"},
    "waktu": {"num_format": FORMAT_WAKTU, "align": "center"},
    "tengah": {"align": "center"},
    "program": {"bold": True, "bg_color": FILL_COLOR},
    "kegiatan": {"indent": 1},
}


def _teks(sheet, gaya: Styles, row: int, col: int, teks: str, *nama: str, **tambahan) -> None:
    """Always a string cell (an empty text: a blank cell); text Excel would read as a formula gets a quote prefix."""
    teks = "" if teks is None else str(teks)
    if not teks:
        sheet.write_blank(row, col, None, gaya(*nama, **tambahan))
        return
    write_text(sheet, gaya, row, col, teks, *nama, **tambahan)


def _gabung(sheet, gaya: Styles, row: int, first: int, last: int, teks: str, *nama: str, **tambahan) -> None:
    if last > first:
        sheet.merge_range(row, first, row, last, "", gaya(*nama, **tambahan))
    _teks(sheet, gaya, row, first, teks, *nama, **tambahan)


def _judul(sheet, gaya: Styles, baris: list[str], lebar: list[float]) -> int:
    """Title lines merged across the columns; returns the next free row (one blank row after them)."""
    for row, teks in enumerate(baris):
        _gabung(sheet, gaya, row, 0, len(lebar) - 1, teks, "judul")
        sheet.set_row(row, tinggi_baris([(teks, sum(lebar))], font_size=12, bold=True))
    return len(baris) + 1


def _catatan_bawah(sheet, gaya: Styles, row: int, teks: list[str], lebar: list[float]) -> int:
    for t in teks:
        _gabung(sheet, gaya, row, 0, len(lebar) - 1, t, "keterangan")
        sheet.set_row(row, tinggi_baris([(t, sum(lebar))], font_size=9))
        row += 1
    return row


def _halaman(sheet, header_awal: int, header_akhir: int, data: int, kolom_beku: int, kertas: int = A4) -> None:
    """Landscape, one page wide, header rows on every page, panes frozen below them, page numbers."""
    sheet.set_landscape()
    sheet.set_paper(kertas)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_awal, header_akhir)
    sheet.freeze_panes(data, kolom_beku)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(PAGE_FOOTER)


def tulis_workbook_rekap(d: DataRekap, path: Path) -> Path:
    """Write the rekap workbook of ``d`` to ``path``: Status, Grafik, Pagu <n>, Pagu <n+1>, Catatan."""
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({"created": d.keadaan or DEFAULT_CREATED,
                             "title": f"Rekap Renja Kecamatan Kabupaten {d.kabupaten} Tahun {d.tahun}"})
    gaya = Styles(workbook, GAYA)
    status = workbook.add_worksheet("Status")
    grafik = workbook.add_worksheet("Grafik")
    lembar = []
    for tabel, judul, tahun in ((d.pagu, f"Rencana Tahun {d.tahun}", d.tahun),
                                (d.pagu_maju, f"Prakiraan Maju Tahun {d.tahun + 1} (Renja Tahun {d.tahun})",
                                 d.tahun + 1)):
        sheet = workbook.add_worksheet(f"Pagu {tahun}")
        lembar.append((sheet.name, _tulis_pagu(sheet, gaya, d, tabel, judul)))
    _tulis_status(status, gaya, d)
    _tulis_grafik(workbook, grafik, gaya, d, lembar)
    _tulis_catatan(workbook.add_worksheet("Catatan"), gaya, d)
    status.activate()
    workbook.close()
    return path


@dataclass(frozen=True)
class _LetakPagu:
    """0-based positions in a pagu sheet, for the charts."""

    header: int  # the row of the kecamatan names
    program: list[int]  # rows of the program items
    total: int  # the district total row
    kolom_awal: int  # first kecamatan column
    kolom_akhir: int  # last kecamatan column (kolom_awal - 1 when none)


def _tulis_pagu(sheet, gaya: Styles, d: DataRekap, tabel: TabelPagu, judul: str) -> _LetakPagu:
    """Items × kecamatan: kode, name, one amount column per kecamatan, the row total; the district total row."""
    k = len(d.kecamatan)
    lebar = [LEBAR_KODE, LEBAR_NAMA, *[LEBAR_KECAMATAN] * k, LEBAR_JUMLAH]
    for col, w in enumerate(lebar):
        sheet.set_column(col, col, w)
    row = _judul(sheet, gaya, ["Rekapitulasi Kebutuhan Dana/Pagu Indikatif Program dan Kegiatan per Kecamatan",
                               judul, f"Kabupaten {d.kabupaten}"], lebar)
    h1, h2, nomor = row, row + 1, row + 2
    akhir = len(lebar) - 1
    for col, teks in ((0, "Kode"), (1, "Program/Kegiatan"), (akhir, "Jumlah Kabupaten (Rp)")):
        sheet.merge_range(h1, col, h2, col, "", gaya("header"))
        _teks(sheet, gaya, h1, col, teks, "header")
    if k:
        _gabung(sheet, gaya, h1, 2, k + 1, "Kebutuhan Dana/Pagu Indikatif per Kecamatan (Rp)", "header")
        for j, nama in enumerate(d.kecamatan):
            _teks(sheet, gaya, h2, 2 + j, nama, "header")
    sheet.set_row(h2, tinggi_baris([(n, LEBAR_KECAMATAN) for n in d.kecamatan], bold=True))
    for col in range(len(lebar)):
        _teks(sheet, gaya, nomor, col, str(col + 1), "number")
    awal = nomor + 1
    program = []
    for i, item in enumerate(tabel.item.itertuples(index=False)):
        r = awal + i
        tampil = ("program",) if item.level == "program" else ()
        if item.level == "program":
            program.append(r)
        _teks(sheet, gaya, r, 0, item.kode, "cell", "kode", *tampil)
        _teks(sheet, gaya, r, 1, item.nama, "cell", *tampil, *(() if tampil else ("kegiatan",)))
        for j in range(k):
            nilai = tabel.nilai.iat[i, j]
            if pd.isna(nilai):
                sheet.write_blank(r, 2 + j, None, gaya("cell", RUPIAH, *tampil))
            else:
                sheet.write_number(r, 2 + j, int(nilai), gaya("cell", RUPIAH, *tampil))
        rumus = f"=SUM({xl_rowcol_to_cell(r, 2)}:{xl_rowcol_to_cell(r, k + 1)})" if k else "=0"
        sheet.write_formula(r, akhir, rumus, gaya("cell", RUPIAH, "total"), int(tabel.jumlah.iat[i]))
        sheet.set_row(r, tinggi_baris([(item.nama, LEBAR_NAMA)], bold=bool(tampil)))
    total = awal + len(tabel.item)
    _gabung(sheet, gaya, total, 0, 1, "JUMLAH KABUPATEN", "cell", "total", align="center")
    for j, nama in enumerate(d.kecamatan):
        sel = [xl_rowcol_to_cell(r, 2 + j) for r in program]
        rumus = "=" + "+".join(sel) if sel else "=0"
        sheet.write_formula(total, 2 + j, rumus, gaya("cell", RUPIAH, "total"), int(tabel.total[nama]))
    rumus = f"=SUM({xl_rowcol_to_cell(total, 2)}:{xl_rowcol_to_cell(total, k + 1)})" if k else "=0"
    sheet.write_formula(total, akhir, rumus, gaya("cell", RUPIAH, "total"), tabel.total_kabupaten)
    catatan = ["Jumlah kabupaten dan jumlah tiap kecamatan = jumlah baris program (kegiatan sudah termasuk dalam "
               "programnya). Sel kosong: kecamatan itu tidak mencantumkan program/kegiatan tersebut. Program dan "
               "kegiatan dicocokkan antar-kecamatan menurut kodenya; nama yang berbeda: lihat sheet Catatan.",
               "Angka dari data/TC-33.csv keluaran tiap kecamatan; status pengiriman: sheet Status."]
    if d.tanpa_tc33:
        catatan.append(f"Tidak masuk rekap (tanpa data T-C.33): {', '.join(d.tanpa_tc33)}.")
    if not k:
        catatan.insert(0, "Belum ada kecamatan dengan data T-C.33.")
    _catatan_bawah(sheet, gaya, total + 2, catatan, lebar)
    _halaman(sheet, h1, nomor, awal, 2, A3 if k > KOLOM_A4 else A4)
    return _LetakPagu(h2, program, total, 2, k + 1)


KOLOM_LEMBAR_STATUS = (  # header, width, group
    ("No", 5, None), ("Kecamatan", 22, None), ("Kode wilayah", 12, None), ("Status", 15, None),
    *((t, 9, "Tabel yang diterima") for t in TABEL_RENJA),
    ("Tabel belum ada", 26, None), ("Diproses pada", 16, None), ("Berkas", 30, None), ("Galat", 8, None),
    ("Peringatan", 11, None), ("Keterangan", 34, None),
)


def _tulis_status(sheet, gaya: Styles, d: DataRekap) -> None:
    """One row per kecamatan: status (coloured), each table 'ada'/'belum', when, from which files, findings."""
    lebar = [w for _, w, _ in KOLOM_LEMBAR_STATUS]
    for col, w in enumerate(lebar):
        sheet.set_column(col, col, w)
    s = d.status
    hitung = {k: int((s["status"] == k).sum()) for k in LABEL_STATUS}
    luar = int(s["dalam_daftar"].eq(False).sum())
    if d.daftar_resmi:
        sumber = (f"Kecamatan yang diharapkan: {d.daftar} ({int(s['dalam_daftar'].eq(True).sum())} kecamatan "
                  f"Kabupaten/Kota {d.kabupaten}, {d.kode_kabupaten}), urut kode wilayah; yang ditemukan tetapi tidak "
                  "ada dalam daftar ditandai. Daftar lain: --daftar-kecamatan atau setelan RENJA_DAFTAR_KECAMATAN.")
    elif d.daftar:
        sumber = (f"Kecamatan yang diharapkan: daftar '{d.daftar}' ({int(s['dalam_daftar'].eq(True).sum())} "
                  "kecamatan); yang ditemukan tetapi tidak ada dalam daftar ditandai.")
    else:
        sumber = ("Tanpa daftar kecamatan: yang tercantum adalah kecamatan yang keluarannya ditemukan (daftar "
                  "kecamatan yang diharapkan: --daftar-kecamatan atau setelan RENJA_DAFTAR_KECAMATAN).")
    ringkas = " · ".join(f"{LABEL_STATUS[k]}: {hitung[k]}" for k in LABEL_STATUS)
    ringkas += f" · Di luar daftar: {luar}" if d.daftar else ""
    keadaan = f"Keadaan data: {d.keadaan:%d-%m-%Y %H:%M}" if d.keadaan else "Keadaan data: -"
    row = _judul(sheet, gaya, ["Status Pengiriman Renja Kecamatan", f"Kabupaten {d.kabupaten} Tahun {d.tahun}"],
                 lebar) - 1
    row = _catatan_bawah(sheet, gaya, row, [ringkas, ARTI_LENGKAP, sumber, keadaan,
                                            f"Kode wilayah: {DATA_WILAYAH}."], lebar) + 1
    h1, h2 = row, row + 1
    grup_awal = next(c for c, (_, _, g) in enumerate(KOLOM_LEMBAR_STATUS) if g)
    _gabung(sheet, gaya, h1, grup_awal, grup_awal + len(TABEL_RENJA) - 1, "Tabel yang diterima", "header")
    for col, (teks, _, grup) in enumerate(KOLOM_LEMBAR_STATUS):
        if grup:
            _teks(sheet, gaya, h2, col, teks, "header")
        else:
            sheet.merge_range(h1, col, h2, col, "", gaya("header"))
            _teks(sheet, gaya, h1, col, teks, "header")
    awal = h2 + 1
    for i, r in enumerate(s.to_dict("records")):
        _tulis_baris_status(sheet, gaya, awal + i, i + 1, r, grup_awal)
    _halaman(sheet, h1, h2, awal, 2)


def _tulis_baris_status(sheet, gaya: Styles, row: int, no: int, r: dict, grup_awal: int) -> None:
    sheet.write_number(row, 0, no, gaya("cell", "tengah"))
    _teks(sheet, gaya, row, 1, r["kecamatan"], "cell")
    _teks(sheet, gaya, row, 2, r["kode_wilayah"], "cell", "tengah")
    _teks(sheet, gaya, row, 3, LABEL_STATUS[r["status"]], "cell", "tengah", bold=True,
          bg_color=WARNA_STATUS[r["status"]])
    for j, kolom in enumerate(KOLOM_ADA):
        ada = r[kolom]
        if pd.isna(ada):
            sheet.write_blank(row, grup_awal + j, None, gaya("cell"))
        else:
            _teks(sheet, gaya, row, grup_awal + j, "ada" if ada else "belum", "cell", "tengah",
                  **({} if ada else {"bold": True, "font_color": "#9C0006"}))
    col = grup_awal + len(KOLOM_ADA)
    _teks(sheet, gaya, row, col, r["tabel_belum_ada"], "cell")
    waktu = _waktu(r["dibuat"])
    if waktu is not None:
        sheet.write_datetime(row, col + 1, waktu, gaya("cell", "waktu"))
    else:
        _teks(sheet, gaya, row, col + 1, r["dibuat"], "cell")
    _teks(sheet, gaya, row, col + 2, r["berkas"], "cell")
    for j, kunci in enumerate(("galat", "peringatan")):
        if pd.isna(r[kunci]):
            sheet.write_blank(row, col + 3 + j, None, gaya("cell"))
        else:
            sheet.write_number(row, col + 3 + j, int(r[kunci]), gaya("cell", "tengah"))
    _teks(sheet, gaya, row, col + 5, r["keterangan"], "cell")
    sheet.set_row(row, tinggi_baris([(r["kecamatan"], 22), (r["tabel_belum_ada"], 26), (r["berkas"], 30),
                                     (r["keterangan"], 34)]))


def _tulis_grafik(workbook, sheet, gaya: Styles, d: DataRekap, lembar: list[tuple[str, _LetakPagu]]) -> None:
    """Stacked columns: pagu per program per kecamatan (year n); beside it the kecamatan totals of n and n+1."""
    sheet.set_column(0, 0, 2)
    _gabung(sheet, gaya, 0, 1, 14, f"Grafik Pagu Indikatif per Kecamatan, Kabupaten {d.kabupaten} Tahun {d.tahun}",
            "judul")
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 1)
    (nama_n, letak_n), (nama_n1, letak_n1) = lembar
    if not d.kecamatan or not letak_n.program:
        _teks(sheet, gaya, 2, 1, "Belum ada data T-C.33 untuk digambar.", "keterangan")
        return
    kategori = [nama_n, letak_n.header, letak_n.kolom_awal, letak_n.header, letak_n.kolom_akhir]
    bertumpuk = workbook.add_chart({"type": "column", "subtype": "stacked"})
    for r, item in zip(letak_n.program, d.pagu.item[d.pagu.item["level"] == "program"].itertuples(index=False)):
        bertumpuk.add_series({
            "name": _nama_seri(item.kode, item.nama),
            "categories": kategori,
            "values": [nama_n, r, letak_n.kolom_awal, r, letak_n.kolom_akhir],
            "gap": 60,
        })
    bertumpuk.set_title({"name": f"Pagu per Program per Kecamatan, Tahun {d.tahun} (Rp)",
                         "name_font": {"size": 12}})
    bertumpuk.set_y_axis({"num_format": RUPIAH_FORMAT, "min": 0, "major_gridlines": {"visible": True}})
    bertumpuk.set_legend({"position": "bottom", "font": {"size": 8}})
    bertumpuk.set_size({"width": 960, "height": 560})
    sheet.insert_chart(2, 1, bertumpuk)
    banding = workbook.add_chart({"type": "column"})
    for nama, letak, tahun in ((nama_n, letak_n, d.tahun), (nama_n1, letak_n1, d.tahun + 1)):
        banding.add_series({"name": f"Tahun {tahun}", "categories": kategori,
                            "values": [nama, letak.total, letak.kolom_awal, letak.total, letak.kolom_akhir]})
    banding.set_title({"name": f"Jumlah Pagu per Kecamatan: {d.tahun} dan {d.tahun + 1} (Rp)",
                       "name_font": {"size": 12}})
    banding.set_y_axis({"num_format": RUPIAH_FORMAT, "min": 0})
    banding.set_legend({"position": "bottom"})
    banding.set_size({"width": 960, "height": 360})
    sheet.insert_chart(32, 1, banding)


def _nama_seri(kode: str, nama: str) -> str:
    teks = f"{kode} {nama}".strip()
    return teks if len(teks) <= MAKS_NAMA_SERI else teks[:MAKS_NAMA_SERI - 1].rstrip() + "…"


def _tulis_catatan(sheet, gaya: Styles, d: DataRekap) -> None:
    lebar = [5, 18, 18, 15, 90]
    for col, w in enumerate(lebar):
        sheet.set_column(col, col, w)
    row = _judul(sheet, gaya, [f"Catatan Rekap Kabupaten {d.kabupaten} Tahun {d.tahun}"], lebar)
    for col, teks in enumerate(("No", "Aturan", "Kecamatan", "Kode", "Catatan")):
        _teks(sheet, gaya, row, col, teks, "header")
    if d.catatan.empty:
        _gabung(sheet, gaya, row + 1, 0, len(lebar) - 1, "Tidak ada catatan.", "cell")
    for i, c in enumerate(d.catatan.to_dict("records"), start=1):
        r = row + i
        sheet.write_number(r, 0, i, gaya("cell", "tengah"))
        for col, kunci in enumerate(("aturan", "kecamatan", "kode", "pesan"), start=1):
            _teks(sheet, gaya, r, col, c[kunci], "cell", *(("kode",) if kunci == "kode" else ()))
        sheet.set_row(r, tinggi_baris([(c["pesan"], lebar[4]), (c["kecamatan"], lebar[2])]))
    _halaman(sheet, row, row, row + 1, 0)
