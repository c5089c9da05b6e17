"""``renja rekap``'s reading: the operator's list of expected kecamatan, and every kecamatan output of a kabupaten
folder (``data/TC-33.csv`` and ``validasi.json``; folders whose name starts with ``_`` or ``.`` are skipped, and only
those two files of a kecamatan folder are read, so its ``riwayat/`` never counts) shaped by transforms.rekap into
one ``DataRekap``.

The expected kecamatan are the kabupaten's in the official region list (flows/data/wilayah.py, in kode wilayah order)
unless the operator gives a list (read with the reader's decoding and the one CSV delimiter guess,
transforms.sel.pemisah_csv).
"""


from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from flows.langkah.pembaca import dekode_csv
from flows.langkah.penjaga import BerkasTidakTerbaca
from flows.registri import PENANGANAN
from flows.setelan import Setelan
from schemas.setelan import DAFTAR_KECAMATAN
from schemas.wilayah import REGULASI_WILAYAH
from transforms.meta import slug
from transforms.wilayah import daftar_kecamatan, kabupaten_dari_nama
from transforms.rekap import (
    KOLOM_CATATAN,
    KOLOM_DAFTAR,
    Rekap,
    TabelPagu,
    baca_daftar_kecamatan,
    daftar_untuk,
    gabung_item,
    item_tc33,
    status_kecamatan,
    tabel_pagu,
)


SETELAN_DAFTAR = DAFTAR_KECAMATAN.nama
DATA_TABEL = {p.data: p.layout.nama for p in PENANGANAN}  # data/TC-33.csv → 'T-C.33' (when validasi.json is lost)


class DaftarTidakValid(Exception):
    """The operator's list of kecamatan cannot be read; the message names the file."""


# ------------------------------------------------------------------------------------------------ the list


def path_daftar(opsi: Path | None, setelan: Setelan | None = None) -> Path | None:
    """The list of expected kecamatan: the option, else the setting RENJA_DAFTAR_KECAMATAN of ``setelan`` (None: the
    environment's), else none."""
    if opsi is not None:
        return Path(opsi)
    return (Setelan.dari_lingkungan() if setelan is None else setelan).daftar_kecamatan


def baca_daftar(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the list (decoded as flows.langkah.pembaca decodes a CSV, shaped by transforms.rekap.baca_daftar_kecamatan);
    DaftarTidakValid when it is missing, not text (flows.langkah.pembaca.dekode_csv refuses it), or names no kecamatan."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        sebab = ("berkasnya tidak ada" if isinstance(e, FileNotFoundError) else "itu folder, bukan berkas"
                 if isinstance(e, IsADirectoryError) else "tidak ada izin membacanya"
                 if isinstance(e, PermissionError) else e.strerror or str(e))
        raise DaftarTidakValid(f"Daftar kecamatan '{path}' tidak dapat dibaca: {sebab}.") from None
    try:
        teks, _ = dekode_csv(data, Path(path))  # the reader's decoding (delimiter: transforms.sel.pemisah_csv)
    except BerkasTidakTerbaca:
        raise DaftarTidakValid(f"Daftar kecamatan '{path}' bukan berkas teks (satu nama kecamatan per baris, "
                               "atau CSV dengan kolom 'kecamatan').") from None
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
    waktu = [w for w in (waktu_laporan(k.dibuat) for k in keluaran) if w is not None]
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


def waktu_laporan(teks: str) -> datetime | None:
    """A report's ISO 'dibuat' as a datetime; None when empty or unreadable."""
    try:
        return datetime.fromisoformat(teks) if teks else None
    except ValueError:
        return None
