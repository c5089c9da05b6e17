"""Layout of Tabel T-C.32 (Usulan program/kegiatan dari pemangku kepentingan): recognition, tidy columns, output."""
from __future__ import annotations

from schemas.keluaran import NOMOR, TARGET, TEKS, Keluaran, OutputColumn
from schemas.tabel import Layout, SourceField, pola_nomor_tabel
from schemas.aturan import ATURAN_BACA, INFO, PERINGATAN, Aturan, daftar

# Tidy columns of data/TC-32.csv, in order: one row per proposal.  A table that says NIHIL has none.
TIDY_COLUMNS = (
    "urut",  # order of the proposal in the source table (1..n)
    "no",  # the No column as written (text, e.g. '1')
    "program",  # Program as written (the standard form's one Program/Kegiatan column lands here)
    "kegiatan",  # Kegiatan as written (empty when the sheet has one Program/Kegiatan column)
    "program_kegiatan",  # the standard form's column 2: 'program / kegiatan', or the one that is given
    "lokasi",
    "indikator",  # Indikator Kinerja
    "volume",  # Volume (Besaran/Volume) as written
    "volume_nilai",  # its number (Float64): 12.0 for '12 Desa'
    "volume_satuan",  # its canonical satuan ('Desa' …)
    "catatan",
    "sheet",
    "baris",  # 1-based source row (the first row when continuation rows were joined)
    "baris_lanjutan",  # source rows joined into this one, ';'-separated; empty when none
)

# Folded texts (transforms.sel.lipat) meaning "no proposals": a table whose only data they are is empty.
KATA_NIHIL = ("nihil", "tidak ada", "tidak ada usulan")
PEMISAH_PROGRAM_KEGIATAN = " / "

# Source fields (see schemas.tabel.SourceField).  'program' comes before 'kegiatan': a single 'Program/Kegiatan'
# column (standard form) is the program column, a separate 'Kegiatan' column (the reference) the kegiatan one.
SOURCE_FIELDS = (
    SourceField("no", (("no",), ("nomor",))),
    SourceField("program", (("program",),)),
    SourceField("kegiatan", (("kegiatan",),)),
    SourceField("lokasi", (("lokasi",),)),
    SourceField("indikator", (("indikator",),)),
    SourceField("volume", (("volume",), ("besaran",))),
    SourceField("catatan", (("catatan",), ("keterangan",))),
)
# 'volume' makes the table: no T-C.31, T-C.33 or Tabel 4.1 header names one, and T-C.32 names no amount and no kode.
REQUIRED_FIELDS = ("program", "indikator", "volume")

LAYOUT = Layout(
    id="TC-32",
    nama="T-C.32",
    judul=(*pola_nomor_tabel("32"), r"usulan program (dan )?kegiatan dari (para )?pemangku kepentingan"),
    fields=SOURCE_FIELDS,
    wajib=REQUIRED_FIELDS,
    teks_lanjutan=("program", "kegiatan", "lokasi", "indikator", "catatan"),
)

# T-C.32's rules (schemas.aturan; codes shared with T-C.33 keep their meaning).
ATURAN = daftar(
    ATURAN_BACA["target-tidak-terbaca"].varian("Volume '{nilai}' tidak berbentuk angka dan satuan."),
    ATURAN_BACA["satuan-tidak-dikenal"],
    Aturan("tabel-nihil", INFO, "Tabel T-C.32 bertanda '{nilai}': tidak ada usulan dari pemangku kepentingan.",
           keterangan="the table says NIHIL: an empty table, not an error"),
    Aturan("tabel-kosong", PERINGATAN,
           "Tabel T-C.32 tidak berisi usulan dan tidak bertanda NIHIL; tulis NIHIL bila memang tidak ada usulan.",
           keterangan="an empty table that does not say NIHIL"),
    Aturan("nihil-bersama-usulan", PERINGATAN,
           "Baris bertanda '{nilai}' padahal tabel T-C.32 memuat usulan; baris ini dilewati.",
           keterangan="a NIHIL row among proposals (skipped)"),
    ATURAN_BACA["akhir-tabel"].varian("Tabel T-C.32 dianggap berakhir sebelum baris ini: kolom No berisi teks "
                                      "'{nilai}', bukan nomor; baris sesudahnya tidak dibaca."),
    tabel="TC-32",
)

# Output workbook TC-32.xlsx: the standard 6 columns; an empty table is written with NIHIL across it.
KELUARAN = Keluaran(
    file="TC-32.xlsx",
    sheet="T-C.32",
    judul=(
        "Tabel T-C.32",
        "Usulan Program dan Kegiatan dari Para Pemangku Kepentingan Tahun {n_1}",  # proposals of year n-1
        "Kabupaten {kabupaten}",
        "Kecamatan {kecamatan}",
    ),
    kolom=(
        OutputColumn("1", "No", None, "no", 5, NOMOR),
        OutputColumn("2", "Program/Kegiatan", None, "program_kegiatan", 40, TEKS),
        OutputColumn("3", "Lokasi", None, "lokasi", 16, TEKS),
        OutputColumn("4", "Indikator", None, "indikator", 36, TEKS),
        OutputColumn("5", "Besaran/Volume", None, "volume", 14, TARGET),
        OutputColumn("6", "Catatan", None, "catatan", 24, TEKS),
    ),
    kosong_teks="NIHIL",
)
