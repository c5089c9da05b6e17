"""Layout of Tabel T-C.29 (Evaluasi Renja tahun lalu dan capaian Renstra): recognition, tidy columns, rules, output."""
from __future__ import annotations

from schemas.keluaran import KODE, PERSEN, TARGET, TEKS, Keluaran, OutputColumn
from schemas.tabel import Layout, SourceField, pola_nomor_tabel
from schemas.aturan import ATURAN_BACA, GALAT, PERINGATAN, Aturan, daftar

LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")

# The value columns of the standard form, left to right: tidy field → (column number, label used in messages).
# Every one of them is kept as written (``<field>``) and parsed (``<field>_nilai``, ``<field>_satuan``).
KOLOM_NILAI = {
    "target_renstra": (4, "Target Renstra (kolom 4)"),
    "realisasi_n3": (5, "Realisasi s/d tahun n-3 (kolom 5)"),
    "target_n2": (6, "Target Renja tahun n-2 (kolom 6)"),
    "realisasi_n2": (7, "Realisasi Renja tahun n-2 (kolom 7)"),
    "tingkat_realisasi": (8, "Tingkat Realisasi % (kolom 8)"),
    "target_n1": (9, "Target Renja tahun n-1 (kolom 9)"),
    "realisasi_capaian": (10, "Realisasi capaian s/d tahun berjalan (kolom 10)"),
    "tingkat_capaian": (11, "Tingkat capaian Renstra % (kolom 11)"),
}
# The columns that must hold a percentage (the header says '(%)').
KOLOM_PERSEN = ("tingkat_realisasi", "tingkat_capaian")

# Tidy columns of data/TC-29.csv, in order: one row per item (and per extra indicator row) in document order.
TIDY_COLUMNS = (
    "urut",  # order of the row in the source table (1..n)
    "kode",  # normalised kode (sub-kegiatan with 4 digits); empty for a row written without kode
    "kode_asli",  # the kode exactly as typed (empty for rows without one)
    "kode_aturan",  # the repair rule(s) applied to kode_asli (schemas.kode.ATURAN_KODE), ';'-separated
    "level",  # one of LEVELS, from the normalised kode; empty when the row has no kode (a finding says so)
    "nama",  # Urusan/Bidang/Program/Kegiatan (continuation rows at a page break joined in)
    "indikator",  # Indikator kinerja
    "indikator_ke",  # 1 for an item's own row; 2, 3 … for extra indicator rows (no kode, no name) below it
    "target_renstra",  # col 4 as written (whitespace folded): Target Renstra at the end of the period
    "target_renstra_nilai",  # its number (Float64): 100.0 for '100%', 12.0 for '12 Laporan'; empty for N/A, '-'
    "target_renstra_satuan",  # its canonical satuan ('Persen', 'Laporan' …; '- Dokumen' keeps 'Dokumen')
    "realisasi_n3",  # col 5: realisation through year n-3
    "realisasi_n3_nilai",
    "realisasi_n3_satuan",
    "target_n2",  # col 6: Renja target of year n-2
    "target_n2_nilai",
    "target_n2_satuan",
    "realisasi_n2",  # col 7: realisation of year n-2
    "realisasi_n2_nilai",
    "realisasi_n2_satuan",
    "tingkat_realisasi",  # col 8 as written (stated by the author; may hold text such as '2 jenis')
    "tingkat_realisasi_nilai",  # its number; a bare number is read in percent (the header says %)
    "tingkat_realisasi_satuan",  # 'Persen', empty for a bare number, or the unit of a misplaced target
    "tingkat_realisasi_hitung",  # col 7 / col 6 × 100 (Float64, 2 decimals) when both are numbers in one unit
    "target_n1",  # col 9: Renja target of year n-1
    "target_n1_nilai",
    "target_n1_satuan",
    "realisasi_capaian",  # col 10 as written: realisation through the current year (n-1)
    "realisasi_capaian_nilai",
    "realisasi_capaian_satuan",
    "realisasi_capaian_hitung",  # col 5 + col 7 + col 9 written as a target ('14 Laporan'); rules below
    "realisasi_capaian_hitung_nilai",  # that sum (Float64)
    "realisasi_capaian_hitung_satuan",  # its satuan (the one unit of the three operands)
    "tingkat_capaian",  # col 11 as written (stated by the author)
    "tingkat_capaian_nilai",
    "tingkat_capaian_satuan",
    "tingkat_capaian_hitung",  # col 10 (as written) / col 4 × 100 (Float64, 2 decimals), same conditions as col 8
    "tahun_n",  # year n of the plan (Int64); from the ``tahun`` given, else from the header texts
    "tahun_n1",  # n-1, the current year (the year of col 9 and of 'tahun berjalan')
    "tahun_n2",  # n-2, last year (cols 6-8)
    "tahun_n3",  # n-3 (col 5)
    "sheet",
    "baris",  # 1-based row of the source sheet (the first row when continuation rows were joined)
)

# How the computed columns are computed (transforms.tc29):
# - col 8 = col 7 / col 6 × 100 and col 11 = col 10 / col 4 × 100 when both operands are numbers in the same unit
#   (canonical satuan compared case-insensitively: '12 Laaporan' and '12 Laporan' are both Laporan; a bare number
#   only goes with a bare number) and the divisor is not 0.  Col 11 uses col 10 AS WRITTEN, so that it checks the
#   author's own arithmetic.
# - col 10 = col 5 + col 7 + col 9 only for count indicators: all three are numbers with one and the same unit
#   that is not Persen (a rate is not cumulative).  An 'N/A', '-' or empty operand means no computation.
# - 'N/A', '-', '- Dokumen' and empty cells are never an error by themselves: no computation, no finding.
DESIMAL_HITUNG = 2  # computed percentages are stored rounded to 2 decimals (compared before rounding)
TOLERANSI_PERSEN = 0.5  # percentage points: a stated 115% for a computed 115.12% agrees (authors round to units)
TOLERANSI_JUMLAH = 0.01  # units of a count: col 10 must equal 5 + 7 + 9 up to rounding to 2 decimals

# Years named in the header texts: the field of the column and the offset k of 'n-k' the standard form gives it
# (col 10 is 'Realisasi capaian s/d tahun berjalan (tahun n-1)').
# The header of col 4 names year n only when it writes 'n' ("Tahun n 2024"); a bare year there is the end of the
# Renstra period, not year n.
OFFSET_TAHUN = {"target_renstra": 0, "realisasi_n3": 3, "target_n2": 2, "realisasi_n2": 2, "target_n1": 1,
                "realisasi_capaian": 1}
TAHUN_FIELDS = {0: "tahun_n", 1: "tahun_n1", 2: "tahun_n2", 3: "tahun_n3"}

# Source fields (see schemas.tabel.SourceField for how a header is matched).  Order matters: each column goes to
# the first field that matches it.  The two '(%)' columns come first (their texts also say realisasi/capaian/
# target); indikator before nama (an 'Indikator Kinerja Program/Kegiatan' header says program and kegiatan too);
# target_n2 before realisasi_n2 (both sit under the group 'Target dan Realisasi … Tahun Lalu (n-2)').
SOURCE_FIELDS = (
    SourceField("kode", (("kode",),)),
    SourceField("tingkat_realisasi", (("tingkat", "realisasi"),), not_group="capaian"),
    SourceField("tingkat_capaian", (("tingkat", "capaian"),)),
    SourceField("indikator", (("indikator",),)),
    SourceField("nama", (("urusan",), ("program", "kegiatan"), ("uraian",))),
    SourceField("target_renstra", (("renstra",), ("restra",), ("target", "capaian", "kinerja")),
                not_group="perkiraan"),
    SourceField("realisasi_n3", (("realisasi", "hasil"), ("realisasi", "keluaran"), ("realisasi", "n", "3")),
                not_group="lalu"),
    SourceField("target_n2", (("target", "lalu"), ("target", "n", "2"))),
    SourceField("realisasi_n2", (("realisasi", "lalu"), ("realisasi", "n", "2")), not_group="capaian"),
    SourceField("target_n1", (("target", "n", "1"), ("target", "renja"))),
    SourceField("realisasi_capaian", (("realisasi", "capaian"), ("perkiraan", "realisasi"))),
)
# A header row is recognised when it names at least these fields.  T-C.33 names no realisation and no 'tingkat
# realisasi'; T-C.29 names no Kebutuhan Dana/pagu, which T-C.33 requires.
REQUIRED_FIELDS = ("kode", "nama", "indikator", "target_n2", "realisasi_n2", "tingkat_realisasi")

LAYOUT = Layout(
    id="TC-29",
    nama="T-C.29",
    judul=(*pola_nomor_tabel("29"), r"evaluasi hasil pelaksanaan renja"),
    fields=SOURCE_FIELDS,
    wajib=REQUIRED_FIELDS,
    teks_lanjutan=("nama", "indikator"),
    total_menutup=True,
)

# T-C.29's rules (schemas.aturan: each a code, severity and Indonesian template; codes shared with T-C.33 keep their
# meaning).  Severities of the recomputed columns: col 8 prints its formula '8=(7/6)' in every T-C.29, so a stated
# value off by more than the tolerance is an error (galat); cols 10 and 11 follow the standard form's formulas, which
# sheets often do not print or follow (col 10 only suits cumulative indicators), so a disagreement there is a warning.
# Template keys: nilai (the cell(s) as written), kode, nama, kolom (the column's label), hitung, keterangan …
ATURAN = daftar(
    ATURAN_BACA["kode-diperbaiki"],
    ATURAN_BACA["kode-tidak-terbaca"],
    ATURAN_BACA["level-tidak-diketahui"],
    ATURAN_BACA["target-tidak-terbaca"].varian("Nilai '{nilai}' pada {kolom} tidak berbentuk angka dan satuan atau "
                                               "persen."),
    ATURAN_BACA["satuan-tidak-dikenal"].varian("Satuan pada nilai '{nilai}' ({kolom}) tidak dikenal dalam kosakata "
                                               "satuan."),
    ATURAN_BACA["angka-ambigu"].varian("Nilai '{nilai}' ({kolom}) dapat dibaca dua cara; tidak ditebak. {keterangan}"),
    ATURAN_BACA["baris-tidak-dikenal"],
    Aturan("persen-berisi-teks", GALAT, "{kolom} berisi '{nilai}', bukan persentase.{keterangan}",
           keterangan="a percentage column holds text (`2 jenis`, `12 bulan`)"),
    Aturan("tingkat-realisasi-berbeda", GALAT,
           "Tingkat realisasi tertulis {nilai}, padahal realisasi/target = {operan} = {hitung} "
           "(selisih lebih dari {toleransi} poin persen).",
           keterangan="the author's column 8 disagrees with 7/6 (tolerance 0.5 percentage points)"),
    Aturan("tingkat-capaian-berbeda", PERINGATAN,
           "Tingkat capaian tertulis {nilai}, padahal realisasi capaian/target Renstra = {operan} = {hitung} "
           "(selisih lebih dari {toleransi} poin persen).",
           keterangan="the author's column 11 disagrees with 10/4 (tolerance 0.5 percentage points)"),
    Aturan("realisasi-capaian-berbeda", PERINGATAN,
           "Realisasi capaian s/d tahun berjalan tertulis {nilai}, padahal kolom 5 + 7 + 9 = {operan} = {hitung}.",
           keterangan="the author's column 10 disagrees with 5+7+9 (count indicators only)"),
    Aturan("satuan-berbeda", PERINGATAN, "{kolom} tidak dapat diperiksa: satuan operandnya berbeda ({operan}).",
           keterangan="a computed column's operands are in different units, so nothing is computed"),
    Aturan("tahun-judul-berbeda", PERINGATAN,
           "Judul {kolom} menyebut tahun {nilai} untuk {tahun_ke}, padahal tahun n = {tahun_n} memberi "
           "{harapan}.",
           keterangan="a column header names another year than year n gives it"),
    Aturan("tahun-tidak-diketahui", PERINGATAN,
           "Tahun rencana (n) tidak diberikan dan tidak tertulis pada judul kolom; kolom tahun dibiarkan kosong.",
           keterangan="year n given nowhere (the year columns stay empty)"),
    ATURAN_BACA["akhir-tabel"].varian("Tabel T-C.29 dianggap berakhir sebelum baris ini: '{nilai}' bukan baris "
                                      "tabel; baris sesudahnya tidak dibaca."),
    tabel="TC-29",
)

# Output workbook TC-29.xlsx: the 11 columns of the standard form.  Targets are TARGET columns (written as numbers
# with a format showing their unit; the tidy frame gives <field>_nilai/<field>_satuan); cols 8, 10 and 11 are
# computed by a formula over the row (the pipeline's value, tidy column ``field``, is stored with it).
_LALU = "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2)"
_PERKIRAAN = "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d Tahun Berjalan"
KELUARAN = Keluaran(
    file="TC-29.xlsx",
    sheet="T-C.29",
    judul=(  # the standard title names the current year n-1, as kecamatan sheets do (flows.registri reads n from it)
        "Tabel T-C.29",
        "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra Perangkat Daerah "
        "s/d Tahun {n_1} (Tahun Berjalan)",
        "Kabupaten {kabupaten}",
        "Kecamatan {kecamatan}",
    ),
    kolom=(
        OutputColumn("1", "Kode", None, "kode", 16, KODE),
        OutputColumn("2", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", None, "nama", 40, TEKS),
        OutputColumn("3", "Indikator Kinerja Program (outcome)/Kegiatan (output)", None, "indikator", 36, TEKS),
        OutputColumn("4", "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Akhir Periode Renstra", None,
                     "target_renstra", 14, TARGET),
        OutputColumn("5", "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun {n3} (n-3)", None,
                     "realisasi_n3", 14, TARGET),
        OutputColumn("6", "Target Renja Perangkat Daerah Tahun {n2} (n-2)", _LALU, "target_n2", 13, TARGET),
        OutputColumn("7", "Realisasi Renja Perangkat Daerah Tahun {n2} (n-2)", _LALU, "realisasi_n2", 13, TARGET),
        OutputColumn("8=(7/6)", "Tingkat Realisasi (%)", _LALU, "tingkat_realisasi_hitung", 11, PERSEN,
                     rumus='=IFERROR(ROUND({kolom:7}/{kolom:6}*100,2),"")', cadangan="tingkat_realisasi"),
        OutputColumn("9", "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun {n_1} (n-1))", None, "target_n1",
                     14, TARGET),
        OutputColumn("10=(5+7+9)", "Realisasi Capaian Program dan Kegiatan s/d Tahun Berjalan (Tahun {n_1})",
                     _PERKIRAAN, "realisasi_capaian_hitung", 14, TARGET,
                     rumus='=IFERROR(ROUND({kolom:5}+{kolom:7}+{kolom:9},2),"")', cadangan="realisasi_capaian"),
        OutputColumn("11=(10/4)", "Tingkat Capaian Realisasi Target Renstra (%)", _PERKIRAAN,
                     "tingkat_capaian_hitung", 11, PERSEN, rumus='=IFERROR(ROUND({kolom:10}/{kolom:4}*100,2),"")',
                     cadangan="tingkat_capaian"),
    ),
)
