"""The district's pages: ``<output>/<tahun>/<kabupaten>/index.html`` (who sent what, what is wrong, the pagu per
program) and ``<output>/<tahun>/index.html`` (every kabupaten/kota of the year by province), rendered with Jinja2.

They are written by ``renja rekap`` (flows.rekap.flow) next to the rekap they show, and refreshed after each drop-folder
run (``renja serve``, ``renja run --arsipkan``: flows.rekap.segarkan).  One HTML file each, with its style inline and the
chart as inline SVG: it opens from the shared folder (``file://``) as well as over HTTP, loads nothing from the
network and runs no script (its Content-Security-Policy allows none).  Links are relative.  Every text taken from
a workbook or a file name is escaped (the environment autoescapes everything; links are quoted segment by segment).
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from flows.mesin.berkas import tulis_teks
from flows.registri import PENANGANAN
from flows.rekap.baca import DataRekap, folder_kabupaten
from flows.rekap.tulis import CATATAN_CSV, FOLDER_PROVINSI, FOLDER_REKAP, REKAP_CSV, STATUS_CSV, nama_berkas_rekap
from flows.mesin.versi import FOLDER_RIWAYAT, baca_sumber
from schemas.wilayah import DATA_WILAYAH, FOLDER_TANPA_KABUPATEN
from transforms.angka import format_rupiah
from transforms.halaman import (
    HalamanKabupaten,
    TABEL_PENDEK,
    HalamanTahun,
    Tautan,
    halaman_kabupaten,
    halaman_tahun,
    ringkas_kabupaten,
)
from transforms.meta import slug
from transforms.rekap import ARTI_LENGKAP, KOLOM_REKAP, KOLOM_STATUS

NAMA_HALAMAN = "index.html"
TEMPLAT_KABUPATEN, TEMPLAT_TAHUN = "kabupaten.html", "tahun.html"
TABEL_TC33 = "TC-33.xlsx"  # T-C.33's own writer (flows.langkah.tulis.kecamatan) names its workbook so


# ------------------------------------------------------------------------------------------------ rendering


@cache
def lingkungan() -> Environment:
    """The Jinja2 environment of the project's HTML (templates in flows/templat/): every expression escaped,
    an undefined name an error, ``rupiah`` and ``href`` filters."""
    env = Environment(loader=PackageLoader("flows", "templat"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["rupiah"] = lambda n: "–" if n is None else format_rupiah(int(n))
    env.filters["href"] = href
    return env


def href(tautan: Tautan | tuple[str, ...]) -> str:
    """A relative URL from path segments, each quoted whole ('a b/#1' → 'a%20b%2F%231'): a folder's name can never
    become a scheme, a query, a fragment or another folder."""
    segmen = tautan.path if isinstance(tautan, Tautan) else tautan
    return "/".join(quote(s, safe="") for s in segmen)


def render_kabupaten(h: HalamanKabupaten) -> str:
    return lingkungan().get_template(TEMPLAT_KABUPATEN).render(h=h, arti_lengkap=ARTI_LENGKAP,
                                                                 data_wilayah=DATA_WILAYAH, tabel_pendek=TABEL_PENDEK)


def render_tahun(h: HalamanTahun) -> str:
    return lingkungan().get_template(TEMPLAT_TAHUN).render(h=h, data_wilayah=DATA_WILAYAH)


# ------------------------------------------------------------------------------------------------ the kabupaten


@cache
def tabel_berkas() -> dict[str, str]:
    """Output file (relative to a kecamatan folder) → its table's name: 'TC-31.xlsx', 'data/TC-31.csv' → 'T-C.31'."""
    hasil = {}
    for p in PENANGANAN:
        if p.keluaran is not None:
            hasil[p.keluaran.file] = p.layout.nama
        hasil[f"data/{p.data}"] = p.layout.nama
    hasil[TABEL_TC33] = next(p.layout.nama for p in PENANGANAN if p.data == "TC-33.csv")
    return hasil


def isi_folder(folder: Path) -> dict:
    """What a kecamatan folder holds, for its links and details (transforms.halaman.baris_kecamatan's ``isi``)."""
    if not folder.is_dir():
        return {}
    berkas = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    data = folder / "data"
    if data.is_dir():
        berkas += sorted(f"data/{p.name}" for p in data.iterdir() if p.is_file() and not p.name.startswith("."))
    daftar_tabel = []
    try:
        info = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
        daftar_tabel = (info.get("daftar_tabel") or []) if isinstance(info, dict) else []
    except (OSError, ValueError):
        pass
    riwayat = folder / FOLDER_RIWAYAT
    return {"berkas": berkas, "sumber": baca_sumber(folder), "daftar_tabel": daftar_tabel,
            "riwayat": sum(1 for p in riwayat.iterdir() if p.is_dir()) if riwayat.is_dir() else 0,
            "tabel_berkas": tabel_berkas()}


def _unit(kode: str | None) -> tuple[str | None, str]:
    """The official name of a kabupaten/kota and its province's ('Kabupaten Lumajang', 'Jawa Timur')."""
    if not kode:
        return None, ""
    from flows.data.wilayah import indeks_wilayah

    unit = indeks_wilayah().unit
    kab, prov = unit.get(kode), unit.get(kode.split(".")[0])
    return (kab.nama if kab else None), (prov.nama if prov else "")


def _judul_kabupaten(nama: str, folder: str) -> str:
    """The title of a kabupaten not in the official list: 'Kabupaten X', 'Kota X', or for files whose kabupaten is
    not known 'Kabupaten/kota tidak diketahui'."""
    if folder == FOLDER_TANPA_KABUPATEN:
        return "Kabupaten/kota tidak diketahui"
    return nama if nama.lower().startswith(("kota ", "kabupaten ")) else f"Kabupaten {nama}"


def model_kabupaten(d: DataRekap, folder: Path) -> HalamanKabupaten:
    """The page of the rekap ``d`` of the kabupaten folder ``folder`` (its files read here)."""
    resmi, provinsi = _unit(d.kode_kabupaten)
    judul = resmi or _judul_kabupaten(d.kabupaten, Path(folder).name)
    isi = {f: isi_folder(folder / f) for f in d.status["folder"] if (folder / f).is_dir()}
    rekap = (FOLDER_REKAP, nama_berkas_rekap(d.kabupaten, d.tahun))
    tautan_rekap = [Tautan("Workbook rekap (xlsx)", rekap, rekap[-1])] + [
        Tautan(nama, (FOLDER_REKAP, nama), nama) for nama in (STATUS_CSV, REKAP_CSV, CATATAN_CSV)]
    return halaman_kabupaten(
        d.status[list(KOLOM_STATUS)], d.rekap.panjang[list(KOLOM_REKAP)], d.catatan, isi, tahun=d.tahun,
        kabupaten=judul, kode_kabupaten=d.kode_kabupaten, provinsi=provinsi, daftar=d.daftar,
        daftar_resmi=d.daftar_resmi, keadaan=d.keadaan, tautan_rekap=tautan_rekap,
        tautan_atas=Tautan(f"Semua kabupaten/kota tahun {d.tahun}", ("..", NAMA_HALAMAN)))


def tulis_halaman_kabupaten(d: DataRekap, folder: Path) -> Path:
    """Write ``<folder>/index.html`` (atomically) for the rekap ``d``; return its path."""
    return tulis_teks(render_kabupaten(model_kabupaten(d, Path(folder))), Path(folder) / NAMA_HALAMAN)


# ------------------------------------------------------------------------------------------------ the year


def _baca_rekap(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """A kabupaten's status.csv and rekap.csv as written by its rekap; None when either is missing or unreadable."""
    try:
        status = pd.read_csv(folder / FOLDER_REKAP / STATUS_CSV, dtype=str, keep_default_na=False)
        rekap = pd.read_csv(folder / FOLDER_REKAP / REKAP_CSV, dtype={"kode": str, "kode_wilayah": str,
                                                                     "pagu": "Int64", "pagu_maju": "Int64"},
                            keep_default_na=False, na_values={"pagu": [""], "pagu_maju": [""]})
    except (OSError, ValueError):
        return None
    if not set(KOLOM_STATUS) <= set(status.columns) or not set(KOLOM_REKAP) <= set(rekap.columns):
        return None
    return status, rekap


def model_tahun(output: Path, tahun: int) -> HalamanTahun | None:
    """The year's page from every kabupaten folder of ``output/<tahun>/`` that has a rekap; None when none has."""
    from flows.data.wilayah import indeks_wilayah

    ringkas = []
    for folder in folder_kabupaten(Path(output), tahun):
        data = _baca_rekap(folder)
        if data is None or not (folder / NAMA_HALAMAN).is_file():
            continue
        status, rekap = data
        kode = next((k[:5] for k in status["kode_wilayah"] if len(k) >= 5), None)
        nama = _unit(kode)[0] or (_judul_kabupaten(str(status["kabupaten"].iloc[0]), folder.name) if len(status)
                                  else None)
        ringkas.append(ringkas_kabupaten(folder.name, status, rekap, nama))
    if not ringkas:
        return None
    indeks = indeks_wilayah()
    provinsi = {}
    for k in {r.kode_kabupaten[:2] for r in ringkas if r.kode_kabupaten}:
        if k in indeks.unit:
            jumlah = sum(1 for u in indeks.unit.values() if u.kode_induk == k and u.tingkat in ("kabupaten", "kota"))
            provinsi[k] = (indeks.unit[k].nama, jumlah)
    status_provinsi = {}
    for k, (nama, _) in provinsi.items():
        path = (FOLDER_PROVINSI, f"status-{slug(nama)}.csv")
        if (Path(output) / str(tahun)).joinpath(*path).is_file():
            status_provinsi[k] = path
    return halaman_tahun(ringkas, tahun, provinsi, status_provinsi)


def tulis_halaman_tahun(output: Path, tahun: int) -> Path | None:
    """Write ``<output>/<tahun>/index.html`` (atomically) linking every kabupaten page of the year, grouped by
    province; None (nothing written) when no kabupaten of that year has a page."""
    h = model_tahun(output, tahun)
    if h is None:
        return None
    return tulis_teks(render_tahun(h), Path(output) / str(tahun) / NAMA_HALAMAN)
