"""Layout of Tabel 4.1 (Program, Kegiatan dan Sub Kegiatan, BAB IV of the Renja): recognition, tidy columns, rules.

Tabel 4.1 summarises T-C.33 without a kode column: it gets no output workbook, only tidy data whose rows are
matched to T-C.33 items (transforms.tabel41.cocokkan_dengan_tc33).
"""
from __future__ import annotations

from schemas.tabel import Layout, SourceField
from schemas.aturan import ATURAN_ANGKA, ATURAN_BACA, INFO, PERINGATAN, Aturan, daftar

LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")

# Tidy columns of data/TabelIV-1.csv, in order.
TIDY_COLUMNS = (
    "urut",  # order of the item in the source table (1..n); an item's extra indicator rows share it
    "no",  # the number written in the No column (text, e.g. '1' for the first program); empty for most rows
    "level",  # one of LEVELS (empty when it cannot be told): the level of the row's official name in the
    #           nomenclature (transforms.menurut_nama), else read from the layout and the indicator (transforms.tabel41)
    "nama",  # the program (Program column) or kegiatan/sub-kegiatan (Kegiatan/Sub Kegiatan column) name
    "indikator",
    "indikator_ke",  # 1 for an item's first indicator; 2, 3 … for the extra indicator rows below it
    "target",  # as written
    "target_nilai",  # number of the target (Float64): 66.67 for '66,67%'
    "target_satuan",  # canonical satuan ('Persen', 'Dokumen' …)
    "anggaran",  # integer Rupiah (Int64); '-' is 0; empty on extra indicator rows and unreadable cells
    "sumber_dana",
    "sheet",
    "baris",  # 1-based row of the source sheet
)
# Columns the nomenclature adds (transforms.menurut_nama.tabel41_menurut_nama), after TIDY_COLUMNS: ``kode`` (the
# kode of the row's official name) and ``keyakinan`` (the name's score against it, 0-1); then, beside a T-C.33,
# the columns cocokkan_dengan_tc33 adds (its ``kode`` taking the place of the nomenclature's).
KOLOM_COCOK = (
    "kode",  # kode of the matched T-C.33 item (else the one its official name gives, else empty); extra indicator
    #          rows carry their item's
    "cocok_dengan",  # how: COCOK_NAMA (same folded name), COCOK_MIRIP (similar name) or empty (no match)
    "skor",  # name similarity 0-1 (1.0 for an exact folded match; the best candidate's score when unmatched)
    "urut_tc33",  # urut of the matched T-C.33 row (a kode may repeat in a messy T-C.33; urut cannot)
    "nama_tc33",  # the matched T-C.33 name; when unmatched, the most similar one of the same level (see skor)
    "level_tc33",  # the matched T-C.33 item's level (differs from level only when matched across levels)
)
COCOK_NAMA, COCOK_MIRIP = "nama", "nama-mirip"
# Smallest difflib.SequenceMatcher ratio (transforms.nama.rasio_teks, on names folded by
# transforms.nama.lipat_tanpa_level) accepted as the same item.  In the reference, slips of
# one item score 0.975 ('Penyediaan Barang Cetakan dan Penggandaan' / T-C.33's '… Barang Cetak …') and 0.996
# ('diwilayah' / 'di wilayah'), while DIFFERENT items of one level score up to 0.917 ('Pengadaan Barang Milik
# Daerah Penunjang …' / 'Pemeliharaan Barang Milik Daerah Penunjang …'), 0.886 ('Administrasi Keuangan …' /
# 'Administrasi Kepegawaian …'), 0.883 ('Pengadaan Peralatan dan Mesin Lainnya' / 'Pemeliharaan …').
AMBANG_MIRIP = 0.93

# Source fields (see schemas.tabel.SourceField).  'kegiatan' comes first and 'program' refuses a header that also
# says 'kegiatan': a 'Program/Kegiatan' column (T-C.31, T-C.33) is never the Program column, so neither T-C.33
# (whose one name column says both) nor T-C.31 is taken for Tabel 4.1.  'sumber_dana' before 'anggaran' because
# 'Sumber Dana' also says 'dana'.
SOURCE_FIELDS = (
    SourceField("no", (("no",), ("nomor",))),
    SourceField("kegiatan", (("kegiatan",),)),
    SourceField("program", (("program",),), not_group="kegiatan"),
    SourceField("indikator", (("indikator",),)),
    SourceField("target", (("target",),)),
    SourceField("sumber_dana", (("sumber",),)),
    SourceField("anggaran", (("anggaran",), ("pagu",), ("dana",))),
)
# A header row names at least these fields.  Tabel 4.1 has no Kode column, so T-C.33 (which requires one) never
# takes it; T-C.32 (Program · Kegiatan · Indikator, no amount) lacks 'anggaran'.
REQUIRED_FIELDS = ("program", "kegiatan", "indikator", "anggaran")

LAYOUT = Layout(
    id="TabelIV-1",
    nama="Tabel 4.1",
    judul=(r"\btabel (4|iv) 1\b", r"\bprogram kegiatan dan sub kegiatan\b"),
    fields=SOURCE_FIELDS,
    wajib=REQUIRED_FIELDS,
    teks_lanjutan=("program", "kegiatan", "indikator"),
)

# The roll-up check of Tabel 4.1 alone (schemas.suites.SUITE_TABEL41; with a T-C.33 each item is compared with
# T-C.33's instead): the amount's field and how a message names it.
FIELD_ANGGARAN, LABEL_ANGGARAN = "anggaran", "Anggaran"

# The target and the amount of one year (tidy columns), with how a message names them (transforms.periksa_isi).
PASANGAN_TARGET_PAGU = (("target", "anggaran", "tahun n"),)

# Indicator openings that mark a kegiatan (an outcome share); any other indicator ('Jumlah …') marks a sub-kegiatan
# (an output count).  Folded text (transforms.sel.lipat).
AWAL_INDIKATOR_KEGIATAN = ("persentase", "presentase", "prosentase", "rata rata persentase")
# Names of the urusan line ('Unsur Kewilayahan' for a kecamatan): folded text of a row above the first program.
NAMA_URUSAN = ("unsur kewilayahan",)

# Tabel 4.1's rules (schemas.aturan; codes shared with T-C.33 keep their meaning).  The two of its matching with
# T-C.33's items (transforms.tabel41.temuan_cocok) are checks between tables.
ATURAN = daftar(
    *ATURAN_ANGKA.values(),
    ATURAN_BACA["akhir-tabel"].varian("Tabel 4.1 dianggap berakhir sebelum baris ini: '{nilai}' bukan baris tabel; "
                                      "baris sesudahnya tidak dibaca."),
    ATURAN_BACA["level-tidak-diketahui"].varian("Baris '{nama}' tidak berkode dan tanpa indikator; tingkatnya "
                                                "(kegiatan atau sub-kegiatan) tidak dapat ditentukan."),
    Aturan("level-tidak-sesuai-tc33", INFO,
           "'{nama}' dibaca dari tata letak Tabel 4.1 sebagai {level_label}, tetapi di T-C.33 ({kode}) berupa "
           "{level_tc33_label}; dicocokkan menurut nama.", "lintas",
           keterangan="a Tabel 4.1 row matched by name to a T-C.33 item of another level"),
    Aturan("tidak-ada-di-tc33", PERINGATAN,
           "Baris {level_label} '{nama}' pada Tabel 4.1 tidak ditemukan di T-C.33 (nama {level_label} paling mirip: "
           "'{nama_tc33}', skor {skor}).", "lintas",
           keterangan="a Tabel 4.1 row with no T-C.33 item of its name and level (the closest name and its score "
                      "given)"),
    tabel="TabelIV-1",
)
LABEL_LEVEL = {"urusan": "urusan", "bidang": "bidang", "program": "program", "kegiatan": "kegiatan",
               "sub_kegiatan": "sub-kegiatan"}
