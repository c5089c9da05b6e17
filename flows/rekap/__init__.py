"""``renja rekap``: the district's view — every kecamatan output of a kabupaten for a year in one workbook and CSV;
read (baca.py), written (tulis.py), run as a Prefect flow (flow.py); the district's pages (halaman.py) and their refresh after a drop-folder run (segarkan.py)."""
from flows.rekap.baca import (
    DATA_TABEL,
    SETELAN_DAFTAR,
    DaftarTidakValid,
    DataRekap,
    KeluaranKecamatan,
    baca_daftar,
    baca_keluaran_kecamatan,
    folder_kabupaten,
    folder_kecamatan,
    path_daftar,
    siapkan_rekap,
)
from flows.rekap.flow import (
    HasilRekap,
    rekap_kabupaten,
    rekap_kabupaten_task,
    renja_rekap,
    ringkasan_rekap,
    tulis_status_provinsi,
)
from flows.rekap.tulis import (
    CATATAN_CSV,
    FOLDER_PROVINSI,
    FOLDER_REKAP,
    REKAP_CSV,
    STATUS_CSV,
    nama_berkas_rekap,
    tulis_rekap,
    tulis_workbook_rekap,
)

__all__ = [
    "CATATAN_CSV", "DATA_TABEL", "FOLDER_PROVINSI", "FOLDER_REKAP", "REKAP_CSV", "SETELAN_DAFTAR", "STATUS_CSV",
    "DaftarTidakValid", "DataRekap", "HasilRekap", "KeluaranKecamatan", "baca_daftar", "baca_keluaran_kecamatan",
    "folder_kabupaten", "folder_kecamatan", "nama_berkas_rekap", "path_daftar", "rekap_kabupaten",
    "rekap_kabupaten_task", "renja_rekap", "ringkasan_rekap", "siapkan_rekap", "tulis_rekap", "tulis_status_provinsi",
    "tulis_workbook_rekap",
]
