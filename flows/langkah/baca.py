"""Read: one file's cells read under the guard and the worker's limits (flows.langkah.pembaca, in a worker process
of flows.mesin.pekerja), its Renja tables found (transforms.tabel) and each tidied per layout (flows.registri) —
``baca_berkas``, which never raises for a bad file."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pandas as pd

from flows.langkah.bacaan import BacaanBerkas, Opsi, TabelTerbaca, simpan_bacaan, temuan_tabel_gagal
from flows.langkah.pembaca import EKSTENSI_DIDUKUNG, BerkasTidakTerbaca, IsiBerkas, baca_terbatas
from flows.langkah.penjaga import punya_makro
from flows.mesin.pekerja import BatasTerlampaui, jalankan_terisolasi
from flows.registri import LAYOUTS, PER_LAYOUT, URUTAN
from flows.setelan import Setelan
from schemas.aturan import ATURAN_BERKAS, KOLOM_TEMUAN_MENTAH
from transforms.meta import meta_berkas
from transforms.periksa import baris_total
from transforms.tabel import Tabel, cari_tabel
from transforms.temuan import frame_temuan, gabung_temuan, lengkapi_temuan
from transforms.wilayah import CalonWilayah

__all__ = ["EKSTENSI_DIDUKUNG", "BerkasTidakTerbaca", "IsiBerkas", "baca_berkas", "baca_terisolasi"]


def baca_terisolasi(path) -> IsiBerkas:
    """``baca_terbatas(path)`` in a worker (module docstring), or here when ``RENJA_ISOLASI=0``.

    Raises BerkasTidakTerbaca for a refused file — also when the worker died, ran out of memory or out of time,
    with the limit named."""
    try:
        return jalankan_terisolasi(baca_terbatas, os.path.abspath(path))  # the worker's cwd may differ
    except BatasTerlampaui as e:
        raise BerkasTidakTerbaca(f"Berkas '{Path(path).name}' {e}") from None


def baca_berkas(path: Path, opsi: Opsi | None = None, setelan: Setelan | None = None,
                simpan_di: str | None = None) -> BacaanBerkas:
    """Read ``path`` and tidy every table in it, all in a worker process of flows.mesin.pekerja (with its memory, time
    and cell limits; in-process with ``RENJA_ISOLASI=0``); never raises for a bad file.  ``setelan``: the run's
    settings (the pool's size and limits; None: the environment's).  With ``simpan_di`` the worker keeps the tables
    in that file itself (flows.langkah.bacaan.simpan_bacaan) and hands back only the record: they do not travel
    through the calling process."""
    path = Path(path)
    try:
        b = jalankan_terisolasi(_baca_di_sini, Path(os.path.abspath(path)), opsi or Opsi(),  # its cwd may differ
                                simpan_di, setelan=setelan)
    except BatasTerlampaui as e:
        return BacaanBerkas(path, [], {}, ("berkas-tidak-terbaca", f"Berkas '{path.name}' {e}"))
    try:
        diubah = path.stat().st_mtime_ns
    except OSError:
        diubah = None
    return replace(b, path=path, diubah=diubah)


def _baca_di_sini(path: Path, opsi: Opsi, simpan_di: str | None = None) -> BacaanBerkas:
    """`baca_berkas` in the process it runs in (a worker's)."""
    b = _baca_dan_rapikan(path, opsi)
    return simpan_bacaan(b, simpan_di) if simpan_di is not None else b


def _baca_dan_rapikan(path: Path, opsi: Opsi) -> BacaanBerkas:
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


def _tidy(t: Tabel, path: Path, tahun: int | None) -> TabelTerbaca:
    hasil = PER_LAYOUT[t.layout].tidy(t, tahun)
    temuan = hasil.temuan  # frame_temuan's columns already, as a rule: no reindex (a copy of every column) then
    if temuan.columns.tolist() != _MENTAH:
        temuan = temuan.reindex(columns=_MENTAH)
    return TabelTerbaca(t.layout, path.name, t, hasil.tidy, temuan, baris_total(t.baris),
                        bool(getattr(hasil, "nihil", False)))


_MENTAH = list(KOLOM_TEMUAN_MENTAH)


SELISIH_TAHUN = {k: p.selisih_tahun_judul for k, p in PER_LAYOUT.items()}  # T-C.29 and T-C.32 titles name n-1


def _meta(tabel: list[Tabel], opsi: Opsi) -> dict:
    """Year n, kabupaten, kecamatan and signature of a file (transforms.meta.meta_berkas: the tables' own texts,
    T-C.33's first, then the options)."""
    return meta_berkas(sorted(tabel, key=lambda t: URUTAN.index(t.layout)), SELISIH_TAHUN, opsi.tahun,
                       opsi.kabupaten, opsi.kecamatan)
