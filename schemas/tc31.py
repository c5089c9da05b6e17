"""Layout of Tabel T-C.31 (Review terhadap Rancangan Awal RKPD): recognition, tidy columns, rules, output form."""
from __future__ import annotations

from schemas.keluaran import NOMOR, RUPIAH, TARGET, TEKS, Keluaran, OutputColumn
from schemas.tabel import Layout, SourceField, pola_nomor_tabel
from schemas.aturan import ATURAN_ANGKA, ATURAN_BACA, INFO, PERINGATAN, Aturan, daftar

LEVELS = ("program", "kegiatan", "sub_kegiatan")
# The two halves of the table, as named in tidy columns (suffix) and messages.
BAGIAN = ("rkpd", "hasil")
LABEL_BAGIAN = {"rkpd": "Rancangan Awal RKPD", "hasil": "Hasil Analisis Kebutuhan"}

# Tidy columns of data/TC-31.csv, in order: one row per source row (continuation rows joined in).
TIDY_COLUMNS = (
    "urut",  # order of the row in the source table (1..n)
    "no",  # the No column as written (text, e.g. '1'): the program number; empty for the rows under a program
    "program_no",  # number of the program the row sits under (Int64; the row's own number on a program row)
    "level",  # one of LEVELS: the level of the row's official name in the nomenclature (transforms.menurut_nama),
    #           else read from the layout and the indicators (transforms.tc31.tentukan_level)
    "level_dari",  # how the level was read: one of the LEVEL_DARI_* values below
    "nama",  # the item's name for matching other tables: nama_hasil, else nama_rkpd
    "bagian",  # which halves the row fills: 'keduanya', 'rkpd' or 'hasil'
    "nama_rkpd",  # Rancangan Awal RKPD: Program/Kegiatan ('N/A' and '-' read as empty)
    "lokasi_rkpd",
    "indikator_rkpd",
    "target_rkpd",  # as written
    "target_rkpd_nilai",  # number of the target (Float64): 85.0 for '85%'
    "target_rkpd_satuan",  # canonical satuan ('Persen', 'Dokumen' …)
    "pagu_rkpd",  # Pagu Indikatif, integer Rupiah (Int64); '-' is 0; empty when empty, 'N/A' or unreadable
    "nama_hasil",  # Hasil Analisis Kebutuhan: Program/Kegiatan ('N/A' and '-' read as empty)
    "lokasi_hasil",
    "indikator_hasil",
    "target_hasil",
    "target_hasil_nilai",
    "target_hasil_satuan",
    "kebutuhan_dana",  # Kebutuhan Dana, integer Rupiah (Int64); same reading as pagu_rkpd
    "kemiripan_nama",  # difflib ratio of the two folded names (Float64, 0-1); empty when a half has no name
    "catatan",  # Catatan Penting
    "sheet",
    "baris",  # 1-based source row (the first row when continuation rows were joined)
    "baris_lanjutan",  # source rows joined into this one at page breaks, ';'-separated (e.g. '421'); empty if none
)

# How a row's level was read (tidy column level_dari).
LEVEL_DARI_NOMOR = "nomor"  # a number in the No column: a program
LEVEL_DARI_INDIKATOR = "indikator"  # the indicator(s) opening: 'Persentase …' kegiatan, 'Jumlah …' sub-kegiatan
LEVEL_DARI_INDIKATOR_BERBEDA = "indikator-berbeda"  # the halves disagree: the kegiatan reading wins (flagged)
LEVEL_DARI_NOMENKLATUR = "nomenklatur"  # the name is an item of the nomenclature: its kode's level
#                                         (transforms.menurut_nama; the layout and indicators only where it is not)
LEVEL_DARI_BARIS_ATAS = "baris-atas"  # no telling indicator: under a kegiatan/sub-kegiatan a sub-kegiatan, else a
#                                       kegiatan (flagged)

# Indicator openings (folded text, transforms.sel.lipat) that mark a level.  A kegiatan measures a share, a
# sub-kegiatan counts outputs.  'Jumlahkelompok' (a missing space) still opens with 'jumlah'.
AWAL_INDIKATOR_KEGIATAN = ("persentase", "presentase", "prosentase", "rata rata persentase")
AWAL_INDIKATOR_SUB_KEGIATAN = ("jumlah",)

# Smallest difflib.SequenceMatcher ratio of the two folded names (transforms.nama.lipat_tanpa_level: a level word
# one half opens with, 'Program Pemberdayaan …' vs 'Pemberdayaan …', dropped) taken as the same item.
# In the reference every matching pair scores 1.0 once level words are dropped; the stray 'Ke3giatan
# Administrasi Keuangan Perangkat Daerah' against 'Administrasi Keuangan Perangkat Daerah' scores 0.88.
AMBANG_NAMA_SAMA = 0.9
# Texts that mean "no value" in a text cell (folded).
TEKS_KOSONG = ("n a", "na", "")

# Source fields (see schemas.tabel.SourceField).  Both halves say Program/Kegiatan, Lokasi, Indikator Kinerja,
# Target Capaian and an amount: the group header tells them apart ('Rancangan Awal RKPD' / 'Hasil Analisa
# Kebutuhan').  'targed' is the reference's typo of 'target'.
_NAMA = (("program",), ("kegiatan",))
_TARGET = (("target",), ("targed",), ("capaian",))
SOURCE_FIELDS = (
    SourceField("no", (("no",), ("nomor",))),
    SourceField("nama_rkpd", _NAMA, group="rancangan"),
    SourceField("lokasi_rkpd", (("lokasi",),), group="rancangan"),
    SourceField("indikator_rkpd", (("indikator",),), group="rancangan"),
    SourceField("target_rkpd", _TARGET, group="rancangan"),
    SourceField("pagu_rkpd", (("pagu",), ("dana",), ("anggaran",)), group="rancangan"),
    SourceField("nama_hasil", _NAMA, group="hasil"),
    SourceField("lokasi_hasil", (("lokasi",),), group="hasil"),
    SourceField("indikator_hasil", (("indikator",),), group="hasil"),
    SourceField("target_hasil", _TARGET, group="hasil"),
    SourceField("kebutuhan_dana", (("dana",), ("pagu",), ("anggaran",)), group="hasil"),
    SourceField("catatan", (("catatan",),)),
)
# A header names both halves (their group words), so neither T-C.33 (no 'Rancangan Awal RKPD' group) nor Tabel 4.1
# is taken for T-C.31.  A header repeated at a page break with the second group drifted one column to the right
# no longer names 'nama_hasil': it is not a header but a 'header-ulang' row of the table above.
REQUIRED_FIELDS = ("nama_rkpd", "indikator_rkpd", "pagu_rkpd", "nama_hasil", "kebutuhan_dana")

LAYOUT = Layout(
    id="TC-31",
    nama="T-C.31",
    # Title text is folded: 'TC 3.1' reads 'tc 3 1', which pola_nomor_tabel("31") already matches.
    judul=(*pola_nomor_tabel("31"), r"revi(ew|u) terhadap rancangan awal rkpd"),
    fields=SOURCE_FIELDS,
    wajib=REQUIRED_FIELDS,
    teks_lanjutan=("nama_rkpd", "lokasi_rkpd", "indikator_rkpd", "nama_hasil", "lokasi_hasil", "indikator_hasil",
                   "catatan"),
)

# T-C.31's rules (schemas.aturan; codes shared with T-C.33 keep their meaning).
ATURAN = daftar(
    *ATURAN_ANGKA.values(),
    Aturan("baris-satu-bagian", INFO, "Baris '{nama}' hanya terisi pada bagian {bagian}; bagian {bagian_lain} kosong.",
           keterangan="a row fills one half only"),
    Aturan("bagian-tanpa-nama", PERINGATAN,
           "Bagian {bagian} baris ini berisi {isi} tetapi tanpa nama program/kegiatan; nama pada bagian {bagian_lain}: "
           "'{nama}'.",
           keterangan="a half with contents but no name"),
    Aturan("baris-tanpa-nilai", PERINGATAN,
           "Baris '{nama}' tidak memuat target maupun pagu/kebutuhan dana pada kedua bagian; periksa apakah baris ini "
           "sisa ketikan.",
           keterangan="a row with neither target nor amount in either half"),
    Aturan("level-ragu", PERINGATAN, "Tingkat baris '{nama}' tidak pasti: {keterangan}; dibaca sebagai {level}.",
           keterangan="a level read from the indicator with doubt (only where no official name decides it)"),
    ATURAN_BACA["akhir-tabel"].varian("Tabel T-C.31 dianggap berakhir sebelum baris ini: kolom No berisi teks "
                                      "'{nilai}', bukan nomor; baris sesudahnya tidak dibaca."),
    tabel="TC-31",
)

# How a level is named in messages.
LABEL_LEVEL = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub-kegiatan"}

# Output workbook TC-31.xlsx: the standard 12 columns (Catatan Penting stands alone).
_RA, _HA = "Rancangan Awal RKPD", "Hasil Analisis Kebutuhan"
KELUARAN = Keluaran(
    file="TC-31.xlsx",
    sheet="T-C.31",
    judul=(
        "Tabel T-C.31",
        "Review terhadap Rancangan Awal RKPD Tahun {n}",
        "Kabupaten {kabupaten}",
        "Kecamatan {kecamatan}",
    ),
    kolom=(
        OutputColumn("1", "No", None, "no", 5, NOMOR),
        OutputColumn("2", "Program/Kegiatan", _RA, "nama_rkpd", 36, TEKS),
        OutputColumn("3", "Lokasi", _RA, "lokasi_rkpd", 14, TEKS),
        OutputColumn("4", "Indikator Kinerja", _RA, "indikator_rkpd", 32, TEKS),
        OutputColumn("5", "Target Capaian", _RA, "target_rkpd", 12, TARGET),
        OutputColumn("6", "Pagu Indikatif (Rp)", _RA, "pagu_rkpd", 16, RUPIAH),
        OutputColumn("7", "Program/Kegiatan", _HA, "nama_hasil", 36, TEKS),
        OutputColumn("8", "Lokasi", _HA, "lokasi_hasil", 14, TEKS),
        OutputColumn("9", "Indikator Kinerja", _HA, "indikator_hasil", 32, TEKS),
        OutputColumn("10", "Target Capaian", _HA, "target_hasil", 12, TARGET),
        OutputColumn("11", "Kebutuhan Dana (Rp)", _HA, "kebutuhan_dana", 16, RUPIAH),
        OutputColumn("12", "Catatan Penting", None, "catatan", 20, TEKS),
    ),
)
