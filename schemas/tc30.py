"""Layout of Tabel T-C.30 (Pencapaian Kinerja Pelayanan Perangkat Daerah): recognition, tidy columns, output form."""
from __future__ import annotations

from schemas.keluaran import NOMOR, TEKS, Keluaran, OutputColumn
from schemas.tabel import Layout, SourceField, pola_nomor_tabel
from schemas.aturan import ATURAN_BACA, PERINGATAN, Aturan, daftar

# The three year groups of the table, in the order of the standard form: tidy ``kelompok`` values and the source
# field each comes from (a per-year field: ``target_renstra@2024`` …).
KELOMPOK = ("target_renstra", "realisasi", "proyeksi")

# Tidy columns of data/TC-30.csv, in order: LONG data, one row per indicator × kelompok × tahun.
TIDY_COLUMNS = (
    "urut",  # order of the indicator in the source table (1..n); rows of one indicator share it
    "no",  # the row number as written in the No column (text, e.g. '1'); empty when the sheet leaves it blank
    "indikator",  # the indicator (continuation rows at a page break joined in)
    "spm",  # SPM/Standar Nasional as written ('N/A' kept: it is a statement, not a value)
    "ikk",  # IKK (indikator kinerja kunci) as written
    "kelompok",  # one of KELOMPOK
    "tahun",  # the year of the column (Int64, e.g. 2024); empty when the header names no year (see tahun_ke)
    "tahun_ke",  # position of the column within its kelompok (1, 2, 3 …), left to right
    "field",  # the source field of the value, e.g. 'target_renstra@2024' (a finding points at its cell)
    "nilai_teks",  # the cell as written (whitespace folded); empty for an empty cell
    "nilai",  # the number read (Float64): 60.5 for '60.5 (B-)', 94.12 for '94,12'; empty for 'N/A', '-', empty
    "satuan",  # canonical satuan ('Persen', 'Indeks', 'Laporan' …); empty for a bare number
    "jenis",  # how the value reads (transforms.angka JENIS_*: persen, jumlah, gabungan, indeks, kosong, teks)
    "keterangan",  # the grade of an index value: 'B-' of '60.5 (B-)'
    "catatan",  # Catatan Analisis of the indicator's row
    "sheet",
    "baris",  # 1-based source row of the indicator (its first row when continuation rows were joined)
)

# Source fields (see schemas.tabel.SourceField).  The three per-year groups come before any plain field that could
# claim their columns; 'realisasi' before 'target_renstra' because a realisation header may say "target" too.
SOURCE_FIELDS = (
    SourceField("no", (("no",), ("nomor",))),
    SourceField("indikator", (("indikator",),)),
    SourceField("spm", (("spm",), ("standar", "nasional"), ("standar", "pelayanan"))),
    SourceField("ikk", (("ikk",), ("kinerja", "kunci"))),
    SourceField("realisasi", (("realisasi",),), per_tahun=True),
    SourceField("proyeksi", (("proyeksi",),), per_tahun=True),
    SourceField("target_renstra", (("target",), ("renstra",)), per_tahun=True),
    SourceField("catatan", (("catatan",), ("analisis",))),
)
# All three groups are required: a T-C.29 header also names an indicator, Renstra targets and realisations, but
# never a projection.
REQUIRED_FIELDS = ("indikator", "target_renstra", "realisasi", "proyeksi")

LAYOUT = Layout(
    id="TC-30",
    nama="T-C.30",
    judul=(*pola_nomor_tabel("30"), r"pencapaian kinerja pelayanan"),
    fields=SOURCE_FIELDS,
    wajib=REQUIRED_FIELDS,
    teks_lanjutan=("indikator", "spm", "ikk", "catatan"),
    total_menutup=True,
)

# T-C.30's rules (schemas.aturan; codes shared with T-C.33 keep their meaning).
ATURAN = daftar(
    ATURAN_BACA["target-tidak-terbaca"].varian("Nilai '{nilai}' ({kolom}) pada indikator '{indikator}' tidak "
                                               "berbentuk angka, persen atau indeks."),
    ATURAN_BACA["satuan-tidak-dikenal"].varian("Satuan pada nilai '{nilai}' ({kolom}) tidak dikenal dalam kosakata "
                                               "satuan."),
    ATURAN_BACA["angka-campuran"],
    ATURAN_BACA["angka-ambigu"].varian("Nilai '{nilai}' ({kolom}) dapat dibaca dua cara; tidak ditebak. {keterangan}"),
    ATURAN_BACA["baris-tidak-dikenal"],
    Aturan("tahun-tidak-tertulis", PERINGATAN,
           "Judul kolom kelompok {kolom} tidak menyebut tahun; nilainya disimpan menurut urutan kolom (tahun ke-1, "
           "ke-2, …) tanpa tahun.",
           keterangan="a year group's headers name no year (values kept by position)"),
    ATURAN_BACA["akhir-tabel"].varian("Tabel T-C.30 dianggap berakhir sebelum baris ini: '{nilai}' bukan baris "
                                      "indikator; baris sesudahnya tidak dibaca."),
    Aturan("tahun-tidak-sesuai", PERINGATAN,
           "Nilai kolom {kolom} tidak ditampilkan di TC-30.xlsx: bentuk bakunya memuat tahun {tahun_awal}-"
           "{tahun_akhir}.",
           keterangan="a year outside n … n+2, not shown in `TC-30.xlsx`"),
    tabel="TC-30",
)

# How a kelompok is named in messages and headers.
LABEL_KELOMPOK = {
    "target_renstra": "Target Renstra Perangkat Daerah",
    "realisasi": "Realisasi Capaian",
    "proyeksi": "Proyeksi",
}

# Output workbook TC-30.xlsx.  Years are placeholders: {n} the plan year, {n1} = n+1, {n_plus_2} = n+2 (the
# reference covers 2024-2026 in every group; NOTE: schemas.keluaran has no n+2 placeholder yet, see its docstring).
# The year columns show the WIDE frame of transforms.tc30.lebar_tc30: '<kelompok>_<k>' is the value as written of
# the k-th year of the group (k = 1, 2, 3 ↔ n, n+1, n+2).
JUMLAH_TAHUN_KELUARAN = 3  # year columns per kelompok in the output
_TR, _RC, _PR = (LABEL_KELOMPOK[k] for k in KELOMPOK)
KELUARAN = Keluaran(
    file="TC-30.xlsx",
    sheet="T-C.30",
    judul=(
        "Tabel T-C.30",
        "Pencapaian Kinerja Pelayanan Perangkat Daerah Kecamatan {kecamatan}",
        "Kabupaten {kabupaten}",
    ),
    kolom=(
        OutputColumn("1", "No", None, "no", 5, NOMOR),
        OutputColumn("2", "Indikator", None, "indikator", 40, TEKS),
        OutputColumn("3", "SPM/Standar Nasional", None, "spm", 12, TEKS),
        OutputColumn("4", "IKK", None, "ikk", 12, TEKS),
        OutputColumn("5", "Tahun {n}", _TR, "target_renstra_1", 11, TEKS),
        OutputColumn("6", "Tahun {n1}", _TR, "target_renstra_2", 11, TEKS),
        OutputColumn("7", "Tahun {n_plus_2}", _TR, "target_renstra_3", 11, TEKS),
        OutputColumn("8", "Tahun {n}", _RC, "realisasi_1", 11, TEKS),
        OutputColumn("9", "Tahun {n1}", _RC, "realisasi_2", 11, TEKS),
        OutputColumn("10", "Tahun {n_plus_2}", _RC, "realisasi_3", 11, TEKS),
        OutputColumn("11", "Tahun {n}", _PR, "proyeksi_1", 11, TEKS),
        OutputColumn("12", "Tahun {n1}", _PR, "proyeksi_2", 11, TEKS),
        OutputColumn("13", "Tahun {n_plus_2}", _PR, "proyeksi_3", 11, TEKS),
        OutputColumn("14", "Catatan Analisis", None, "catatan", 24, TEKS),
    ),
)
