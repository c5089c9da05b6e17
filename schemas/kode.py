"""Rules of the kode (Permendagri 90/2019 nomenclature): parts per level, level digits, repair rule codes."""
from __future__ import annotations

import re

# Parts of a normalised kode per level: urusan 7 · bidang 7.01 · program 7.01.03 · kegiatan 7.01.03.2.01 ·
# sub-kegiatan 7.01.03.2.01.0003.
LEVEL_DARI_JUMLAH_BAGIAN = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
PERINGKAT = {"urusan": 0, "bidang": 1, "program": 2, "kegiatan": 3, "sub_kegiatan": 4, "aktivitas": 5}

# Level digit of a kegiatan: 2 = kabupaten/kota, 1 = provinsi, 7 = Aceh.  A kecamatan's Renja is kabupaten/kota.
DIGIT_LEVEL_SAH = ("1", "2", "7")
DIGIT_LEVEL_BAKU = "2"
# Sub-kegiatan numbers are written with 4 digits (SIPD practice, the current nomenclature); older lists use 2.
DIGIT_SUB_KEGIATAN = 4

POLA_KODE = {
    "urusan": re.compile(r"^\d$"),
    "bidang": re.compile(r"^\d\.\d{2}$"),
    "program": re.compile(r"^\d\.\d{2}\.\d{2}$"),
    "kegiatan": re.compile(r"^\d\.\d{2}\.\d{2}\.[127]\.\d{2}$"),
    "sub_kegiatan": re.compile(r"^\d\.\d{2}\.\d{2}\.[127]\.\d{2}\.\d{4}$"),
}
# One pattern for all levels (for the expectation suite).
POLA_KODE_SAH = r"^\d(\.\d{2}(\.\d{2}(\.[127]\.\d{2}(\.\d{4})?)?)?)?$"

# Repair rules: stable codes (shown in kode_aturan and the report) and what each means, in Indonesian.
ATURAN_KODE = {
    "kode-angka": "kode tersimpan sebagai angka; dibaca sebagai teks",
    "pemisah-spasi": "bagian kode dipisah spasi, bukan titik",
    "spasi-berlebih": "spasi berlebih di dalam kode dihapus",
    "titik-berlebih": "titik ganda atau titik di ujung kode dihapus",
    "nol-dilengkapi": "bagian '0' dibaca sebagai bagian induknya (mis. 7.0.01 → 7.01.01)",
    "nol-depan": "angka nol di depan ditambahkan (mis. 7.1 → 7.01)",
    "level-menyatu": "digit level menyatu dengan nomor kegiatan (mis. 202 → 2.02)",
    "level-dua-digit": "digit level ditulis dua digit (mis. 02.01 → 2.01)",
    "level-hilang": "digit level kegiatan tidak ditulis; ditambahkan digit level baku",
    "level-tanpa-kegiatan": "kode program diakhiri digit level tanpa nomor kegiatan (mis. 7.01.06.2 → 7.01.06)",
    "sub-dua-digit": "nomor sub-kegiatan dua digit ditulis empat digit (mis. .03 → .0003)",
}
