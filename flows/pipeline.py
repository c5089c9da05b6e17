"""The Prefect flow of ``renja run``: every workbook in the input folder becomes its standard outputs.

One task per file read, one per kecamatan checked and written (coarse on purpose: ~10 ms engine cost per task,
see stack notes); a bad file gives a failed summary line and its report, never a failed run of the others.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from flows.baca import EKSTENSI_DIDUKUNG
from flows.olah import BacaanBerkas, HasilBerkas, Opsi, baca_berkas, kelompokkan, olah_kecamatan, tulis_gagal


def daftar_workbook(folder: Path) -> list[Path]:
    """Workbooks and CSV files directly in ``folder``, sorted by name; temporary/lock files skipped."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in EKSTENSI_DIDUKUNG and not p.name.startswith(("~$", ".", "~"))
    )


@task(name="baca-berkas", task_run_name="baca-{path.name}", cache_policy=NONE)  # inputs are files: no hashing
def baca_berkas_task(path: Path, opsi: Opsi) -> BacaanBerkas:
    return baca_berkas(path, opsi)


@task(name="olah-kecamatan", task_run_name="olah-{nama}", cache_policy=NONE)
def olah_kecamatan_task(bacaan: list[BacaanBerkas], output: Path, waktu: datetime, nama: str,
                        nomenklatur: pd.DataFrame | None, digit_sub: int) -> HasilBerkas:
    return olah_kecamatan(bacaan, output, waktu, nomenklatur, digit_sub)


@flow(name="renja-run", flow_run_name="renja-run-{input_dir}")
def renja_run(input_dir: Path = Path("input"), output_dir: Path = Path("output"), tahun: int | None = None,
              kabupaten: str | None = None, kecamatan: str | None = None,
              nomenklatur: Path | None = None, digit_sub: int = 4) -> list[HasilBerkas]:
    """Process every workbook in ``input_dir`` into ``output_dir``; return one summary per kecamatan or bad file.

    Files are read one by one; their tables are then grouped by kecamatan (year, kabupaten, kecamatan), so one
    kecamatan may send one workbook or one file per table.
    """
    log = get_run_logger()
    daftar_nomenklatur = None
    if nomenklatur is not None:
        from flows.nomenklatur import baca_nomenklatur

        daftar_nomenklatur = baca_nomenklatur(Path(nomenklatur))
        log.info("Nomenklatur: %s (%d entri)", nomenklatur, len(daftar_nomenklatur))
    else:
        log.info("Tanpa nomenklatur: kode tidak dicocokkan dengan daftar nasional (laporan menyebutnya).")
    berkas = daftar_workbook(Path(input_dir))
    if not berkas:
        log.warning("Tidak ada berkas (.xlsx/.xlsm/.xls/.csv) di folder %s.", input_dir)
    opsi, waktu, output = Opsi(tahun, kabupaten, kecamatan), datetime.now(), Path(output_dir)
    bacaan, hasil = [], []
    for i, path in enumerate(berkas, start=1):
        log.info("[%d/%d] Membaca %s …", i, len(berkas), path.name)
        try:
            b = baca_berkas_task(path, opsi)
        except Exception as e:  # a bug must not stop the other files; it is reported with the file name
            log.exception("Gagal membaca %s", path.name)
            hasil.append(HasilBerkas(path.name, "gagal", None, 1, pesan=f"Kesalahan tak terduga: {type(e).__name__}: {e}"))
            continue
        if b.gagal is not None:
            hasil.append(tulis_gagal(b, output, waktu))
            log.warning("[%d/%d] %s: %s", i, len(berkas), path.name, hasil[-1].pesan)
        else:
            bacaan.append(b)
            log.info("[%d/%d] %s: %s", i, len(berkas), path.name, ", ".join(t.layout for t in b.tabel))
    kelompok = kelompokkan(bacaan)
    for j, (kunci, grup) in enumerate(kelompok.items(), start=1):
        nama = "/".join(kunci)
        log.info("(%d/%d) Memeriksa dan menulis %s …", j, len(kelompok), nama)
        try:
            h = olah_kecamatan_task(grup, output, waktu, nama, daftar_nomenklatur, digit_sub)
        except Exception as e:
            log.exception("Gagal memproses %s", nama)
            h = HasilBerkas(", ".join(b.path.name for b in grup), "gagal", None, 1,
                            pesan=f"Kesalahan tak terduga: {type(e).__name__}: {e}")
        log.info("(%d/%d) %s: %s — %d galat, %d peringatan → %s", j, len(kelompok), nama, h.status, h.galat,
                 h.peringatan, h.folder)
        hasil.append(h)
    return hasil
