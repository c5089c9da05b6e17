"""Write one kecamatan's outputs — each table's tidy CSV and standard workbook, validasi.json, laporan.html, and
the previous version kept (flows.mesin.versi) — or the report of a file that gave no table."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from flows.langkah.bacaan import NAMA_TABEL, BacaanBerkas, HasilBerkas, TabelTerbaca, temuan_tabel_gagal
from flows.langkah.rapikan import _Siap, kunci_kecamatan
from flows.langkah.tulis import tabel as penulis_tabel  # writers called through their modules: tests replace them
from flows.langkah.tulis import tc33 as penulis_tc33
from flows.langkah.tulis.laporan import render_laporan
from flows.mesin.berkas import selaraskan, tulis_bertahap, tulis_csv, tulis_dengan, tulis_json, tulis_teks
from flows.mesin.versi import siapkan_folder, sidik_sumber
from flows.registri import PER_LAYOUT
from schemas.aturan import ATURAN_BERKAS
from schemas.suites import PEMERIKSAAN_LINTAS, PESAN_TIDAK_DIPERIKSA
from schemas.wilayah import DATA_WILAYAH, KOLOM_WILAYAH
from transforms.meta import baca_tanda_tangan, slug
from transforms.nomenklatur import tulis_konvensi
from transforms.periksa import angka_pokok, angka_pokok_tabel41
from transforms.tabel41 import total_pagu
from transforms.tc30 import lebar_tc30
from transforms.temuan import frame_temuan, gabung_temuan, lengkapi_temuan, ringkas


FOLDER_GAGAL = "_gagal"


BELUM_DIPERIKSA_TANPA_NOMENKLATUR = (
    "Kecocokan kode dan nama dengan nomenklatur nasional (belum ada daftar nomenklatur yang dipasang).",
    "Satuan yang diharapkan tiap sub-kegiatan menurut nomenklatur.",
)


def _selesaikan(s: _Siap, temuan_gx: list[pd.DataFrame], output: Path, waktu: datetime,
                keterangan: list[dict] | None, digit_sub: int) -> HasilBerkas:
    """Write one prepared and validated kecamatan; ``keterangan``: the lists of the nomenclature used (None: none)."""
    bacaan, tabel, meta = s.bacaan, s.tabel, s.meta
    folder = output.joinpath(*kunci_kecamatan(bacaan[0]))
    belum = belum_diperiksa(tabel, keterangan is not None)
    siapkan_folder(folder, sidik_sumber([b.path for b in bacaan]), waktu, _wilayah_sumber(meta))  # previous kept
    with tulis_bertahap():  # each file synced and renamed in the background while the next one is computed
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


def _wilayah_sumber(meta: dict) -> dict:
    """The unit recorded in sumber.json."""
    return {"kode_wilayah": meta.get("kode_wilayah"), "kecamatan": meta.get("kecamatan"),
            "kode_kabupaten": meta.get("kode_kabupaten"), "kabupaten": meta.get("kabupaten_resmi"),
            "data_wilayah": DATA_WILAYAH}


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
            selaraskan()  # what was handed over is in place (or raises): then the table's files go
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
    meta_tulis = {**meta, "tahun": meta.get("tahun") or waktu.year, "kabupaten": meta.get("kabupaten") or "-",
                  "kecamatan": meta.get("kecamatan") or "-"}
    p = PER_LAYOUT[kunci]
    keluaran = [tulis_csv(t.tidy, folder / "data" / p.data, {KOLOM_WILAYAH[0]: meta.get("kode_wilayah") or ""})]
    meta_tabel = {**meta_tulis, "tanda_tangan": _tanda_tangan(t) or meta_tulis.get("tanda_tangan")}
    if kunci == "TC-33":
        keluaran.append(tulis_dengan(folder / "TC-33.xlsx", lambda x: penulis_tc33.tulis_tc33(t.tidy, meta_tabel, x)))
    elif p.keluaran is not None:
        data = lebar_tc30(t.tidy, meta_tulis["tahun"]).tidy if kunci == "TC-30" else t.tidy
        keluaran.append(tulis_dengan(folder / p.keluaran.file, lambda x: penulis_tabel.tulis_tabel(data, p.keluaran, meta_tabel, x)))
    return keluaran


def _tulis_laporan(folder: Path, info: dict, temuan: pd.DataFrame, belum: list[str]) -> list[Path]:
    return [tulis_json({**info, "pemeriksaan_tidak_dilakukan": belum, "temuan": temuan.to_dict("records")},
                       folder / "validasi.json"),
            tulis_teks(render_laporan(info, temuan, belum), folder / "laporan.html")]


def _tanda_tangan(t: TabelTerbaca) -> dict | None:
    return baca_tanda_tangan(list(t.tabel.penutup))


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
