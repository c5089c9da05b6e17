"""The national nomenclature, pure: the list read and merged (daftar), searched by name (cari), T-C.33 normalised
against it (normalkan); names are folded and scored by transforms.nama."""
from transforms.nama import kunci_nama, lipat_nama, skor_lipat, skor_nama
from transforms.nomenklatur.cari import (
    Calon,
    DaftarSiap,
    calon_pasti,
    cari_kode,
    daftar_calon,
    siapkan_daftar,
    siapkan_nomenklatur,
    teks_skor,
)
from transforms.nomenklatur.daftar import (
    HasilGabung,
    NomenklaturTidakValid,
    bersihkan_teks,
    bidang_kode,
    gabung_nomenklatur,
    kode_dari_bagian,
    nomenklatur_dari_sel,
    periksa_digit_sub,
    rapikan_entri,
)
from transforms.nomenklatur.normalkan import (
    HasilNormal,
    normalkan_tc33,
    satuan_lain,
    temuan_satuan,
    tulis_kode,
    tulis_konvensi,
)

__all__ = [
    "Calon", "DaftarSiap", "HasilGabung", "HasilNormal", "NomenklaturTidakValid", "bersihkan_teks", "bidang_kode",
    "calon_pasti", "cari_kode", "daftar_calon", "gabung_nomenklatur", "kode_dari_bagian", "kunci_nama", "lipat_nama",
    "nomenklatur_dari_sel", "normalkan_tc33", "periksa_digit_sub", "rapikan_entri", "satuan_lain", "siapkan_daftar",
    "siapkan_nomenklatur", "skor_lipat", "skor_nama", "tulis_kode", "tulis_konvensi", "temuan_satuan", "teks_skor",
]
