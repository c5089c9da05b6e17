"""Layout of Tabel T-C.33 (Permendagri 86/2017): how to recognise it, its tidy columns, its output form."""
from __future__ import annotations

from schemas.aturan import ATURAN_BACA, daftar
from schemas.keluaran import KODE, RUPIAH, Keluaran, OutputColumn, Tampilan
from schemas.tabel import Layout, SourceField, pola_nomor_tabel

LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "aktivitas")

# Tidy columns of data/TC-33.csv, in order.  Every column name is written here once.
TIDY_COLUMNS = (
    "urut",  # order of the item in the source table (1..n)
    "kode",  # normalised kode (sub-kegiatan written with 4 digits); aktivitas rows carry their sub-kegiatan's kode
    "kode_asli",  # the kode exactly as typed (empty for rows without one)
    "kode_aturan",  # the repair rule(s) applied to kode_asli, ';'-separated, empty when none
    "keyakinan",  # with a nomenclature: score 0-1 of the item's name against the official name of its kode
    "level",  # urusan, bidang, program, kegiatan, sub_kegiatan or aktivitas (from the kode; see level-dari-tata-letak);
    #           empty when neither kode nor layout tells (reported: kode-tidak-terbaca, level-tidak-diketahui)
    "kode_induk",  # kode of the parent item in the layout (the item this one rolls up into)
    "urut_induk",  # urut of that parent (kode can repeat in a messy sheet; urut cannot)
    "nama",  # Urusan/Bidang/Program/Kegiatan/Sub Kegiatan, or the aktivitas name (a name split over rows joined)
    "indikator",  # Indikator Kinerja
    "indikator_ke",  # 1 for an item's first indicator; 2, 3 … for the extra indicator rows below it
    "formulasi",  # how the indicator is computed (a column the reference adds to the standard form)
    "aktivitas",  # an aktivitas written on the sub-kegiatan's own row (its one aktivitas)
    "skala_prioritas",  # Skala Prioritas as written
    "lokasi",  # Lokasi (year n)
    "target",  # Target Capaian Kinerja of year n, as written
    "target_nilai",  # its number (Float64): 12.0 for '12 dokume n', 66.67 for '66,67%'
    "target_satuan",  # its canonical satuan: 'Dokumen', 'Persen', 'Orang/Bulan' …
    "pagu",  # integer Rupiah, year n; empty when the cell is empty or unreadable ('-' is 0)
    "sumber_dana",  # Sumber Dana as written (DAU …)
    "sumber_dana_kode",  # its official code (schemas.sumber_dana); empty when unknown, too coarse ('APBD') or not listed
    "sumber_dana_nama",  # its official name
    "catatan",  # Catatan Penting
    "target_maju",  # Target Capaian Kinerja of year n+1 (Prakiraan Maju), as written
    "target_maju_nilai",  # its number
    "target_maju_satuan",  # its canonical satuan
    "pagu_maju",  # integer Rupiah, year n+1
    "sheet",  # source sheet
    "baris",  # 1-based row of the source sheet
)

# Source fields of T-C.33 (see schemas.tabel.SourceField for how a header is matched).
SOURCE_FIELDS = (
    SourceField("kode", (("kode",),)),
    SourceField("nama", (("urusan",), ("program", "kegiatan"), ("uraian",))),
    SourceField("formulasi", (("formulasi",), ("rumus",))),
    SourceField("aktivitas", (("aktivitas",),)),
    SourceField("skala_prioritas", (("prioritas",),)),
    SourceField("indikator", (("indikator",),)),
    SourceField("lokasi", (("lokasi",),)),
    SourceField("catatan", (("catatan",),)),
    SourceField("sumber_dana", (("sumber",),)),
    SourceField("target_maju", (("target",),), group="prakiraan"),
    SourceField("pagu_maju", (("dana",), ("pagu",), ("anggaran",)), group="prakiraan"),
    SourceField("target", (("target",),), not_group="prakiraan"),
    SourceField("pagu", (("dana",), ("pagu",), ("anggaran",)), not_group="prakiraan"),
)
# A header row is recognised when it names at least these fields.
REQUIRED_FIELDS = ("kode", "nama", "indikator", "pagu")

LAYOUT = Layout(
    id="TC-33",
    nama="T-C.33",
    judul=(*pola_nomor_tabel("33"), r"rumusan rencana program dan kegiatan"),
    fields=SOURCE_FIELDS,
    wajib=REQUIRED_FIELDS,
    teks_lanjutan=("nama", "indikator", "formulasi", "aktivitas"),
)

# T-C.33's reading rules: those every table shares (schemas.aturan.ATURAN_BACA; its table ends at TOTAL PAGU, not
# before a row of prose).  Its sumber dana's are declared in schemas.sumber_dana.
ATURAN = daftar(*(a for k, a in ATURAN_BACA.items() if k != "akhir-tabel"), tabel="TC-33")

# Words that mark a total row (lower case).
TOTAL_WORDS = ("total pagu", "jumlah total", "total", "jumlah")

# Output workbook TC-33.xlsx (flows.tulis_tabel writes it, as any declared output): the standard 10 columns, the four
# title lines, the TOTAL PAGU row adding up each program's first line (column MASUK_TOTAL, set by
# transforms.tc33.seperti_tampil), the look of each level (bold / italic / light fill, the indent of the name) and
# the signature block over columns 8-10.  An extra indicator line (indikator_ke > 1) shows only
# EXTRA_INDICATOR_FIELDS; an aktivitas row shows no kode.
OUTPUT_FILE = "TC-33.xlsx"
OUTPUT_SHEET = "T-C.33"
MASUK_TOTAL = "_masuk_total"  # column added for the writer: the rows TOTAL PAGU adds up (each program's first line)
EXTRA_INDICATOR_FIELDS = frozenset({"indikator", "target", "target_maju"})
_RENCANA, _MAJU = "Rencana Tahun {n} (Tahun Rencana)", "Prakiraan Maju Rencana Tahun {n1}"
OUTPUT_COLUMNS = (
    OutputColumn("1", "Kode", None, "kode", 18, KODE),
    OutputColumn("2", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", None, "nama", 48),
    OutputColumn("3", "Indikator Kinerja Program/Kegiatan/Sub Kegiatan", None, "indikator", 40),
    OutputColumn("4", "Lokasi", _RENCANA, "lokasi", 18),
    OutputColumn("5", "Target Capaian Kinerja", _RENCANA, "target", 16),
    OutputColumn("6", "Kebutuhan Dana/Pagu Indikatif (Rp)", _RENCANA, "pagu", 18, RUPIAH),
    OutputColumn("7", "Sumber Dana", _RENCANA, "sumber_dana", 12),
    OutputColumn("8", "Catatan Penting", None, "catatan", 18),
    OutputColumn("9", "Target Capaian Kinerja", _MAJU, "target_maju", 16),
    OutputColumn("10", "Kebutuhan Dana/Pagu Indikatif (Rp)", _MAJU, "pagu_maju", 18, RUPIAH),
)
TITLE_LINES = (
    "Tabel T-C.33",
    "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {n} dan Prakiraan Maju Tahun {n1}",
    "Kabupaten {kabupaten}",
    "Kecamatan {kecamatan}",
)
TOTAL_LABEL = "TOTAL PAGU"
LEVEL_LOOK = {
    "urusan": Tampilan(bold=True, fill=True),
    "bidang": Tampilan(bold=True, fill=True),
    "program": Tampilan(bold=True, fill=True),
    "kegiatan": Tampilan(bold=True, indent=1),
    "sub_kegiatan": Tampilan(indent=2),
    "aktivitas": Tampilan(italic=True, indent=3),
}
SIGNATURE_COLUMNS = (8, 10)  # nomor of the first and last output column the signature block is merged across
KELUARAN = Keluaran(
    file=OUTPUT_FILE,
    sheet=OUTPUT_SHEET,
    judul=TITLE_LINES,
    kolom=OUTPUT_COLUMNS,
    total_label=TOTAL_LABEL,
    total_fields=tuple(c.field for c in OUTPUT_COLUMNS if c.kind == RUPIAH),
    total_penanda=MASUK_TOTAL,
    tampilan_field="level",
    tampilan=tuple(LEVEL_LOOK.items()),
    indent_field="nama",
    tanda_tangan_kolom=SIGNATURE_COLUMNS,
)

# How a tidy field is named in messages.
# Each year's target and amount (tidy columns), with how a message names the year: an amount without a target, a
# target without an amount (transforms.periksa_isi).
PASANGAN_TARGET_PAGU = (("target", "pagu", "tahun n"), ("target_maju", "pagu_maju", "prakiraan maju n+1"))

FIELD_LABEL = {"pagu": "Pagu", "pagu_maju": "Pagu prakiraan maju", "kode": "Kode", "target": "Target",
               "target_maju": "Target prakiraan maju", "sumber_dana": "Sumber dana", "nama": "Nama"}
