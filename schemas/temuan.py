"""Findings (temuan): their columns, severities and the rule codes raised while reading and normalising.

Rules checked by the Great Expectations suites are declared in schemas/suites.py; the rules here are the
ones found while reading a sheet (a repaired kode, an unreadable amount …).  Messages are Indonesian
templates rendered with ``str.format_map`` over the finding's row.
"""
from __future__ import annotations

GALAT, PERINGATAN, INFO = "galat", "peringatan", "info"
TINGKAT_URUT = {GALAT: 0, PERINGATAN: 1, INFO: 2}

# Columns of validasi.json / the report, in order.
KOLOM_TEMUAN = ("berkas", "sheet", "sel", "kode", "aturan", "tingkat", "nilai", "pesan")
# Columns a transform or a suite produces; the flow adds ``berkas`` and turns (baris, field) into ``sel``.
KOLOM_TEMUAN_MENTAH = ("sheet", "baris", "field", "kode", "aturan", "tingkat", "nilai", "pesan")

# rule code → (severity, message template)
ATURAN_BACA = {
    "kode-diperbaiki": (PERINGATAN, "Kode '{nilai}' diperbaiki menjadi {kode} ({keterangan})."),
    "kode-tidak-terbaca": (GALAT, "Kode '{nilai}' tidak dapat dibaca sebagai kode nomenklatur."),
    "level-dari-tata-letak": (
        PERINGATAN,
        "Baris '{nama}' berkode {kode} (bentuk kegiatan) tetapi memuat aktivitas: dibaca sebagai sub-kegiatan; "
        "kodenya perlu dilengkapi.",
    ),
    "level-tidak-diketahui": (GALAT, "Baris '{nama}' tidak berkode; tingkatnya tidak dapat ditentukan."),
    "angka-campuran": (PERINGATAN, "Nilai '{nilai}' memakai pemisah campuran; dibaca sebagai {keterangan}."),
    "angka-tidak-terbaca": (GALAT, "Nilai '{nilai}' tidak dapat dibaca sebagai angka Rupiah; tidak ditebak."),
    "angka-ambigu": (GALAT, "Nilai '{nilai}' dapat dibaca dua cara; tidak ditebak. {keterangan}"),
    "angka-terlalu-besar": (GALAT, "Nilai '{nilai}' terlalu besar untuk jumlah Rupiah: {keterangan} Tidak dibaca; "
                                   "periksa isi sel ini."),
    "target-tidak-terbaca": (PERINGATAN, "Target '{nilai}' tidak berbentuk angka dan satuan atau persen."),
    "satuan-tidak-dikenal": (PERINGATAN, "Satuan pada target '{nilai}' tidak dikenal dalam kosakata satuan."),
    "baris-tidak-dikenal": (PERINGATAN, "Baris tanpa kode, nama, aktivitas maupun indikator dilewati: '{nilai}'."),
    "metadata-tidak-ada": (
        GALAT,
        "{keterangan} tidak tertulis di dokumen; berikan dengan opsi {opsi} pada perintah renja run.",
    ),
    "tabel-tidak-ditemukan": (
        GALAT,
        "Tidak ada tabel Renja yang dikenali (T-C.29, T-C.30, T-C.31, T-C.32, T-C.33, Tabel 4.1): tidak ada baris "
        "judul kolom yang cocok dengan salah satu tata letak standar.",
    ),
    "tahun-dari-kiriman": (
        INFO,
        "Berkas {berkas} tidak menyebut tahunnya; diambil dari berkas lain Kecamatan {kecamatan}: {tahun}.",
    ),
    "tabel-ganda": (
        PERINGATAN,
        "Tabel {tabel} dikirim lebih dari sekali untuk kecamatan ini; yang dipakai dari {berkas}, sheet '{sheet}' "
        "({alasan}). Tabel ini tidak diproses.",
    ),
    "berkas-tidak-terbaca": (GALAT, "{keterangan}"),
    "tabel-gagal-diolah": (
        GALAT,
        "Tabel {tabel} (sheet '{sheet}') tidak dapat {langkah} karena kesalahan program Renja ETL; {akibat} "
        "Kirimkan berkas ini beserta laporan ini kepada pengelola Renja ETL agar kesalahannya diperbaiki; sementara "
        "itu periksa tabel ini (kolom yang bergeser atau terhapus, sel gabungan, teks di kolom kode atau angka) lalu "
        "kirim ulang. Rincian teknis: {rincian}",
    ),
    "berkas-bermakro": (
        INFO,
        "Berkas {berkas} berisi makro (VBA atau lembar makro Excel 4); makro tidak dijalankan dan tidak disalin ke "
        "keluaran mana pun.",
    ),
}

# The reading rules every table with amounts and targets shares, with the same meaning and message.
ATURAN_ANGKA = {k: ATURAN_BACA[k] for k in ("angka-campuran", "angka-tidak-terbaca", "angka-ambigu",
                                            "angka-terlalu-besar", "target-tidak-terbaca", "satuan-tidak-dikenal",
                                            "baris-tidak-dikenal")}

# Checks of a table's items in plain code (transforms.periksa_isi), after the nomenclature decided codes and levels:
# the top of T-C.33's hierarchy missing, and what real documents get wrong with amounts and targets.  Severities:
# the missing urusan/bidang rows are one warning for the table (its programs' parents are then not checked, instead
# of an error per program); a target without money or money without a target is doubtful (warning); an amount
# repeated in the n+1 column may be right (salaries) but is also what a copied row looks like (info).
ATURAN_ISI = {
    "urusan-bidang-tidak-ada": (
        PERINGATAN,
        "T-C.33 tidak memuat baris {tingkat} ({kode_hilang}): tabel dimulai dari baris program, sehingga induk kode "
        "program tidak diperiksa. Tambahkan baris {tingkat} bila format tabel mewajibkannya.",
    ),
    "pagu-nol-bertarget": (
        PERINGATAN,
        "Sub-kegiatan '{nama}' ({kode}) bertarget {target} untuk {kolom}, tetapi pagunya {pagu_teks}.",
    ),
    "target-kosong-berpagu": (
        PERINGATAN,
        "'{nama}' ({kode}) berpagu {pagu_teks} untuk {kolom}, tetapi targetnya kosong.",
    ),
    "pagu-sama-tiap-tahun": (
        INFO,
        "Sub-kegiatan '{nama}' ({kode}) berpagu sama persis pada tahun n dan prakiraan maju n+1 ({pagu_teks}); "
        "periksa apakah angka n+1 hanya disalin dari tahun n.",
    ),
}
