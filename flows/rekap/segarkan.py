"""After a drop-folder run (``renja serve``, ``renja run --arsipkan``): the rekap and district page of every kabupaten
whose kecamatan outputs are newer than its page, and the year pages concerned."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from flows.rekap.baca import DaftarTidakValid, baca_daftar, folder_kabupaten, folder_kecamatan, path_daftar
from flows.rekap.flow import rekap_kabupaten
from flows.rekap.halaman import NAMA_HALAMAN, tulis_halaman_tahun
from flows.setelan import Setelan


def kabupaten_basi(output: Path) -> list[tuple[int, Path]]:
    """(tahun, kabupaten folder) of every kabupaten whose page is missing or older than one of its kecamatan's
    ``validasi.json`` (written with a kecamatan's outputs, after its data): written since by a run, or by a run
    killed before it refreshed the page."""
    hasil = []
    for folder_tahun in sorted(Path(output).iterdir()) if Path(output).is_dir() else []:
        if not (folder_tahun.is_dir() and folder_tahun.name.isdigit()):
            continue
        for kab in folder_kabupaten(Path(output), int(folder_tahun.name)):
            waktu = [p.stat().st_mtime_ns for p in (kec / "validasi.json" for kec in folder_kecamatan(kab))
                     if p.is_file()]
            if not waktu:
                continue
            halaman = kab / NAMA_HALAMAN
            if not halaman.is_file() or halaman.stat().st_mtime_ns < max(waktu):
                hasil.append((int(folder_tahun.name), kab))
    return hasil


def segarkan(output: Path, log: logging.Logger | logging.LoggerAdapter | None = None,
             setelan: Setelan | None = None) -> list[Path]:
    """After a drop-folder run, under the output folder's lock: the rekap and page of every kabupaten whose
    outputs are newer than its page (``kabupaten_basi``), then the year pages concerned.  The expected kecamatan
    are the list of the setting RENJA_DAFTAR_KECAMATAN (of the run's ``setelan``; None: the environment's), else
    the official list (as ``renja rekap`` without options).
    A failure is logged, never raised: the run's own outputs are already written.  Returns the pages written."""
    log = log or logging.getLogger("renja")
    try:
        basi = kabupaten_basi(output)
    except OSError as e:
        log.error("Rekap dan halaman kabupaten tidak diperbarui: %s", e)
        return []
    if not basi:
        return []
    daftar = catatan = nama = None
    path = path_daftar(None, setelan)
    if path is not None:
        try:
            daftar, catatan = baca_daftar(path)
            nama = path.name
        except DaftarTidakValid as e:
            log.error("Rekap dan halaman kabupaten tidak diperbarui: %s", e)
            return []
    ditulis = []
    for tahun, kab in basi:
        try:
            h = rekap_kabupaten(kab, tahun, daftar, catatan, nama)
        except Exception:  # noqa: BLE001 (one kabupaten's rekap must not fail the run or the others)
            log.exception("Rekap %s gagal; halamannya tidak diperbarui.", kab)
            continue
        halaman = [p for p in h.keluaran if p.endswith(os.sep + NAMA_HALAMAN)]
        ditulis += [Path(p) for p in halaman]
        log.info("Rekap dan halaman %s diperbarui: %s", kab.name, ", ".join(halaman) or h.folder)
    for tahun in sorted({t for t, _ in basi}):
        try:
            p = tulis_halaman_tahun(output, tahun)
        except Exception:  # noqa: BLE001
            log.exception("Halaman tahun %s gagal ditulis.", tahun)
            continue
        if p is not None:
            ditulis.append(p)
    return ditulis
