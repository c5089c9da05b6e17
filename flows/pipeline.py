"""The Prefect flow of ``renja run``: every workbook in the input folder becomes its standard outputs.

One task per workbook (coarse on purpose: ~10 ms engine cost per task, see stack notes); a bad workbook gives a
failed summary line and its report, never a failed run of the others.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task

from flows.baca import EKSTENSI_DIDUKUNG
from flows.olah import HasilBerkas, Opsi, olah_workbook


def daftar_workbook(folder: Path) -> list[Path]:
    """Workbooks directly in ``folder`` (xlsx, xlsm, xls), sorted by name; temporary/lock files skipped."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in EKSTENSI_DIDUKUNG and not p.name.startswith(("~$", ".", "~"))
    )


@task(name="olah-workbook", task_run_name="olah-{path.name}")
def olah_workbook_task(path: Path, output: Path, opsi: Opsi, sudah_dipakai: set[Path], waktu: datetime) -> HasilBerkas:
    return olah_workbook(path, output, opsi, sudah_dipakai, waktu)


@flow(name="renja-run", flow_run_name="renja-run-{input_dir}")
def renja_run(input_dir: Path = Path("input"), output_dir: Path = Path("output"), tahun: int | None = None,
              kabupaten: str | None = None, kecamatan: str | None = None) -> list[HasilBerkas]:
    """Process every workbook in ``input_dir`` into ``output_dir``; return one summary per workbook."""
    log = get_run_logger()
    berkas = daftar_workbook(Path(input_dir))
    if not berkas:
        log.warning("Tidak ada workbook (.xlsx/.xlsm/.xls) di folder %s.", input_dir)
    opsi, waktu, sudah_dipakai = Opsi(tahun, kabupaten, kecamatan), datetime.now(), set()
    hasil = []
    for i, path in enumerate(berkas, start=1):
        log.info("[%d/%d] Memproses %s …", i, len(berkas), path.name)
        try:
            h = olah_workbook_task(path, Path(output_dir), opsi, sudah_dipakai, waktu)
        except Exception as e:  # a bug must not stop the other workbooks; it is reported with the file name
            log.exception("Gagal memproses %s", path.name)
            h = HasilBerkas(path.name, "gagal", None, 1, pesan=f"Kesalahan tak terduga: {type(e).__name__}: {e}")
        log.info("[%d/%d] %s: %s — %d galat, %d peringatan → %s", i, len(berkas), path.name, h.status, h.galat,
                 h.peringatan, h.folder)
        hasil.append(h)
    return hasil
