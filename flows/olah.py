"""Process one workbook end to end: read, find T-C.33, tidy, validate, write — without the Prefect engine.

The Prefect task in flows.pipeline wraps ``olah_workbook``; tests call it directly.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from flows.baca import BerkasTidakTerbaca, baca_workbook
from flows.berkas import tulis_csv, tulis_dengan, tulis_json, tulis_teks
from flows.laporan import render_laporan
from schemas.suites import SUITE_TC33
from schemas.tc33 import LAYOUT, OUTPUT_FILE
from schemas.temuan import ATURAN_BACA, KOLOM_TEMUAN_MENTAH
from transforms.angka import format_rupiah, rupiah_series
from transforms.meta import baca_meta, slug
from transforms.periksa import frame_item, frame_rollup
from transforms.tabel import TOTAL, Tabel, cari_tabel
from transforms.tc33 import tidy_tc33
from transforms.temuan import lengkapi_temuan, ringkas

NAMA_TABEL = "T-C.33"
FOLDER_GAGAL = "_gagal"
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
class HasilBerkas:
    """Summary of one workbook's processing (printed by the CLI, returned by the flow)."""

    berkas: str
    status: str  # "ok" or "gagal"
    folder: str | None
    galat: int = 0
    peringatan: int = 0
    info: int = 0
    pesan: str = ""
    keluaran: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def olah_workbook(path: Path, output: Path, opsi: Opsi | None = None, sudah_dipakai: set[Path] | None = None,
                  waktu: datetime | None = None) -> HasilBerkas:
    """Read ``path``, write its T-C.33 outputs under ``output``; never raises for a bad workbook."""
    opsi, waktu = opsi or Opsi(), waktu or datetime.now()
    try:
        isi = baca_workbook(path)
    except BerkasTidakTerbaca as e:
        return _gagal(path, output, "berkas-tidak-terbaca", str(e), waktu)
    tabel = cari_tabel(isi.cells, isi.merges, [LAYOUT])
    if not tabel:
        return _gagal(path, output, "tabel-tidak-ditemukan", "", waktu)
    return _olah_tabel(path, output, tabel[0], opsi, sudah_dipakai if sudah_dipakai is not None else set(), waktu)


def _olah_tabel(path: Path, output: Path, t: Tabel, opsi: Opsi, sudah_dipakai: set[Path],
                waktu: datetime) -> HasilBerkas:
    hasil = tidy_tc33(t.baris)
    meta, temuan_meta = _meta(t, opsi)
    total = _total(t)
    frames = {"item": frame_item(hasil.tidy), "rollup": frame_rollup(hasil.tidy, total)}
    temuan_gx = _jalankan_suite(frames)
    temuan = lengkapi_temuan([hasil.temuan, temuan_meta, temuan_gx], path.name, t.peta_kolom)
    folder = _folder(output, meta, path, sudah_dipakai)
    info = {"berkas": path.name, "tabel": NAMA_TABEL, "sheet": t.sheet, **{k: meta[k] for k in
            ("tahun", "kabupaten", "kecamatan")}, "dibuat": waktu.isoformat(timespec="seconds"),
            "ringkasan": ringkas(temuan), "angka": _angka(hasil.tidy, total)}
    keluaran = _tulis(folder, hasil.tidy, meta, temuan, info, waktu)
    r = info["ringkasan"]
    return HasilBerkas(path.name, "ok", str(folder), r["galat"], r["peringatan"], r["info"],
                       f"{NAMA_TABEL} dari sheet '{t.sheet}'", [str(p) for p in keluaran])


def _jalankan_suite(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from flows.gx import jalankan_harapan  # GX import (~4 s) only when a table is validated

    return jalankan_harapan(frames, SUITE_TC33).reindex(columns=list(KOLOM_TEMUAN_MENTAH))


def _meta(t: Tabel, opsi: Opsi) -> tuple[dict, pd.DataFrame]:
    meta = baca_meta(t.judul, t.header_teks.values(), t.penutup)
    for kunci in ("tahun", "kabupaten", "kecamatan"):
        if getattr(opsi, kunci):
            meta[kunci] = getattr(opsi, kunci)
    temuan = []
    for kunci, label in (("tahun", "Tahun rencana"), ("kabupaten", "Nama kabupaten"), ("kecamatan", "Nama kecamatan")):
        if not meta[kunci]:
            tingkat, templat = ATURAN_BACA["metadata-tidak-ada"]
            pesan = templat.format(keterangan=label, opsi=f"--{kunci}")
            temuan.append((t.sheet, None, None, None, "metadata-tidak-ada", tingkat, None, pesan))
    return meta, pd.DataFrame(temuan, columns=list(KOLOM_TEMUAN_MENTAH))


def _total(t: Tabel) -> pd.DataFrame:
    """The table's TOTAL rows with their amounts parsed."""
    tot = t.baris[t.baris["jenis"] == TOTAL]
    hasil = {f: rupiah_series(tot[f])["nilai"] if f in tot else pd.Series(pd.NA, index=tot.index, dtype="Int64")
             for f in ("pagu", "pagu_maju")}
    return tot[["sheet", "baris"]].assign(**hasil)


def _folder(output: Path, meta: dict, path: Path, sudah_dipakai: set[Path]) -> Path:
    folder = output / (str(meta["tahun"]) if meta["tahun"] else "tanpa-tahun") / \
        slug(meta["kabupaten"] or "tanpa-kabupaten") / slug(meta["kecamatan"] or "tanpa-kecamatan")
    if folder in sudah_dipakai:  # two workbooks of one kecamatan in one run: keep both
        folder = folder.with_name(f"{folder.name}--{slug(path.stem)}")
    sudah_dipakai.add(folder)
    return folder


def _angka(tidy: pd.DataFrame, total: pd.DataFrame) -> dict[str, str]:
    utama = tidy[(tidy["indikator_ke"] == 1)]
    program = utama[utama["level"] == "program"]
    angka = {f"Jumlah {lv.replace('_', '-')}": str(int((utama["level"] == lv).sum()))
             for lv in ("program", "kegiatan", "sub_kegiatan", "aktivitas")}
    for f, label in (("pagu", "Jumlah pagu program (tahun n)"), ("pagu_maju", "Jumlah pagu program (n+1)")):
        angka[label] = format_rupiah(int(program[f].fillna(0).sum()))
    for f, label in (("pagu", "TOTAL PAGU tertulis (tahun n)"), ("pagu_maju", "TOTAL PAGU tertulis (n+1)")):
        if not total.empty and total[f].notna().any():
            angka[label] = format_rupiah(int(total[f].dropna().iloc[0]))
    return angka


def _tulis(folder: Path, tidy: pd.DataFrame, meta: dict, temuan: pd.DataFrame, info: dict,
           waktu: datetime) -> list[Path]:
    from flows.tulis_tc33 import tulis_tc33

    meta_tulis = {**meta, "tahun": meta["tahun"] or waktu.year, "kabupaten": meta["kabupaten"] or "-",
                  "kecamatan": meta["kecamatan"] or "-"}
    return [
        tulis_dengan(folder / OUTPUT_FILE, lambda p: tulis_tc33(tidy, meta_tulis, p)),
        tulis_csv(tidy, folder / "data" / "TC-33.csv"),
        tulis_json({**info, "pemeriksaan_tidak_dilakukan": list(BELUM_DIPERIKSA_TANPA_NOMENKLATUR),
                    "temuan": temuan.to_dict("records")}, folder / "validasi.json"),
        tulis_teks(render_laporan(info, temuan, list(BELUM_DIPERIKSA_TANPA_NOMENKLATUR)), folder / "laporan.html"),
    ]


def _gagal(path: Path, output: Path, aturan: str, keterangan: str, waktu: datetime) -> HasilBerkas:
    """A workbook that yields no table: its report goes to output/_gagal/<name>/, nothing else is written."""
    tingkat, templat = ATURAN_BACA[aturan]
    pesan = templat.format(keterangan=keterangan)
    temuan = pd.DataFrame([(None, None, None, None, aturan, tingkat, None, pesan)], columns=list(KOLOM_TEMUAN_MENTAH))
    temuan = lengkapi_temuan([temuan], path.name, {})
    folder = output / FOLDER_GAGAL / slug(path.stem)
    info = {"berkas": path.name, "tabel": NAMA_TABEL, "sheet": None, "tahun": None, "kabupaten": None,
            "kecamatan": None, "dibuat": waktu.isoformat(timespec="seconds"), "ringkasan": ringkas(temuan), "angka": {}}
    keluaran = [tulis_json({**info, "temuan": temuan.to_dict("records")}, folder / "validasi.json"),
                tulis_teks(render_laporan(info, temuan, []), folder / "laporan.html")]
    return HasilBerkas(path.name, "gagal", str(folder), 1, 0, 0, pesan, [str(p) for p in keluaran])
