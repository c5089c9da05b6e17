"""``renja rekap``'s flow: one task per kabupaten (read with flows.rekap.baca, written with flows.rekap.tulis, and the
district's page ``<output>/<tahun>/<kabupaten>/index.html`` by flows.rekap.halaman), the year's page, and with
``status_provinsi`` per province ``<output>/<tahun>/_provinsi/status-<provinsi>.csv`` (transforms.rekap.KOLOM_PROVINSI:
every kabupaten/kota of the province and how many of its kecamatan are complete).

The Prefect flow ``renja_rekap`` runs one task per kabupaten; ``rekap_kabupaten`` does the work without the engine.
"""


from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from flows.mesin.berkas import tulis_csv
from flows.mesin.kunci import kunci_keluaran
from flows.rekap.baca import baca_daftar, folder_kabupaten, siapkan_rekap
from flows.rekap.halaman import tulis_halaman_kabupaten, tulis_halaman_tahun
from flows.rekap.tulis import FOLDER_PROVINSI, FOLDER_REKAP, STATUS_CSV, tulis_rekap
from transforms.angka import format_rupiah
from transforms.meta import slug
from transforms.rekap import (
    BELUM_LENGKAP,
    BELUM_MENGIRIM,
    KOLOM_PROVINSI,
    LENGKAP,
    ringkas_status,
    status_provinsi,
)


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


def rekap_kabupaten(folder: Path, tahun: int, daftar: pd.DataFrame | None = None,
                    catatan_daftar: pd.DataFrame | None = None, nama_daftar: str | None = None) -> HasilRekap:
    """The rekap of one kabupaten folder, written to its ``_rekap/``; nothing is written when no kecamatan output
    is found (status "kosong")."""
    tujuan = Path(folder) / FOLDER_REKAP
    d = siapkan_rekap(Path(folder), tahun, daftar, catatan_daftar, nama_daftar)
    if d is None:
        return HasilRekap(Path(folder).name, int(tahun), "kosong", str(tujuan),
                          pesan=f"Tidak ada keluaran kecamatan di {folder}.")
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
