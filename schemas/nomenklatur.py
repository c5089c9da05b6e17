"""The national nomenclature list: where it comes from, how names are matched against it, and the rules it raises."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from schemas.kode import DIGIT_SUB_KEGIATAN
from schemas import setelan
from schemas.aturan import GALAT, PERINGATAN, Aturan, daftar

# --- where the list comes from -------------------------------------------------------------------------------------
# The project ships the kecamatan's list (urusan 7 / bidang 7.01) as package data, schemas/data/ (its README names
# the source); flows.data.nomenklatur reads it lazily, once per run.  The operator may name another list — the option of
# `renja run` or, without it, the setting (environment variable) — which REPLACES the built-in items of every bidang
# it covers and EXTENDS the built-in list with the others (transforms.nomenklatur.gabung_nomenklatur): a newer
# Kepmendagri for 7.01 replaces the built-in 7.01, a list of other urusan (other perangkat daerah) is added to it.
FOLDER_DATA = "data"  # schemas/data/
BERKAS_BAWAAN = "nomenklatur-7.01.csv"


@dataclass(frozen=True)
class KeteranganDaftar:
    """Where a nomenclature list in use comes from, as every report names it.

    ``peran``: PERAN_BAWAAN (the built-in list), PERAN_PENGGANTI (the operator's list replacing the built-in bidang
    ``bidang``) or PERAN_TAMBAHAN (the operator's list adding bidang ``bidang``); ``bidang``: the bidang kode the
    list gives entries for (e.g. ('7.01',)); ``entri``: the number of entries it gives."""

    berkas: str
    judul: str
    regulasi: str
    sumber: str
    peran: str
    bidang: tuple[str, ...] = ()
    entri: int = 0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["bidang"] = list(self.bidang)
        return d


PERAN_BAWAAN, PERAN_PENGGANTI, PERAN_TAMBAHAN = "bawaan", "pengganti", "tambahan"
DAFTAR_BAWAAN = KeteranganDaftar(
    berkas=BERKAS_BAWAAN,
    judul="Nomenklatur Urusan 7 Unsur Kewilayahan, Bidang 7.01 Kecamatan (bawaan Renja ETL)",
    regulasi=("Keputusan Menteri Dalam Negeri Nomor 900.1.15.5-1317 Tahun 2023 tentang Perubahan atas Keputusan "
              "Menteri Dalam Negeri Nomor 050-5889 Tahun 2021 tentang Hasil Verifikasi, Validasi dan Inventarisasi "
              "Pemutakhiran Klasifikasi, Kodefikasi dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah"),
    sumber=("lampiran Kepmendagri tersebut untuk urusan 7 / bidang 7.01, ditranskripsi dari berkas "
            "'public/template/11. Sub keg 900.xlsx' repositori publik allweDepth/sesendok"),
    peran=PERAN_BAWAAN,
)
# What the report says of an operator's list (the file says nothing of its regulation).
JUDUL_OPERATOR = "Daftar nomenklatur yang dipasang operator"
REGULASI_OPERATOR = "tidak disebut (daftar dari operator)"
# The report's line per list: {judul}, {berkas}, {regulasi}, {sumber}, {bidang}, {entri}.
PESAN_DAFTAR = {
    PERAN_BAWAAN: "{judul}: berkas {berkas}, {entri} entri (bidang {bidang}). Regulasi: {regulasi}. Sumber: {sumber}.",
    PERAN_PENGGANTI: "{judul}: berkas {berkas}, {entri} entri; menggantikan daftar bawaan untuk bidang {bidang}. "
                     "Regulasi: {regulasi}. Sumber: {sumber}.",
    PERAN_TAMBAHAN: "{judul}: berkas {berkas}, {entri} entri; menambah bidang {bidang} pada daftar bawaan. "
                    "Regulasi: {regulasi}. Sumber: {sumber}.",
}
ATRIBUT_KETERANGAN = "keterangan_daftar"  # DataFrame.attrs key: tuple of KeteranganDaftar.as_dict() of the list

OPSI_NOMENKLATUR = "--nomenklatur"
SETELAN_NOMENKLATUR = setelan.NOMENKLATUR.nama
EKSTENSI_NOMENKLATUR = (".csv", ".xlsx", ".xlsm", ".xls")

# Writing convention of a sub-kegiatan number: 4 digits (SIPD practice, the current lampiran: .0003) or 2 (older
# lists: .03).  Both read as one key (transforms.kode.kunci_kode); every kode set from the list is written in the
# chosen one.
OPSI_DIGIT_SUB = "--digit-sub-kegiatan"
SETELAN_DIGIT_SUB = setelan.DIGIT_SUB_KEGIATAN.nama
PILIHAN_DIGIT_SUB = (4, 2)
DIGIT_SUB_BAKU = DIGIT_SUB_KEGIATAN

# --- the list as one frame -----------------------------------------------------------------------------------------
KOLOM_NOMENKLATUR = (
    "kode",  # normalised kode (transforms.kode), sub-kegiatan in the chosen convention
    "level",  # urusan, bidang, program, kegiatan, sub_kegiatan: from the kode's number of parts
    "nama",  # the official name, whitespace folded and 'Perundang- Undangan' joined ('Perundang-Undangan')
    "satuan",  # the expected satuan of a sub-kegiatan: canonical (schemas.satuan) where known, else as written
    "indikator",
    "kinerja",
    "catatan",  # KETERANGAN of the lampiran
)

# Form (a): the flat list, one header row naming these columns (any order, any case; extra columns ignored).
KOLOM_DATAR_WAJIB = ("kode", "nama")

# Form (b): the lampiran workbook.  A header row is the first row with a NOMENKLATUR cell and at least
# MIN_KATA_HEADER other cells saying one of the words below; the row under it belongs to the header when it names
# code parts (the two-row form: KODE merged over URUSAN | BIDANG | PROGRAM | KEGIATAN | SUB KEGIATAN).  Words are
# matched on folded text (transforms.sel.lipat), as whole words.
KATA_NAMA = ("nomenklatur",)
# Code columns (left of NOMENKLATUR), one part each; a part header merged over two columns (KEGIATAN over '2' | '01')
# gives two columns of one part.  Checked in this order: 'SUB KEGIATAN' is a sub part, not a kegiatan part.
KATA_BAGIAN = (
    ("sub_kegiatan", ("sub",)),
    ("kegiatan", ("kegiatan",)),
    ("program", ("program",)),
    ("bidang", ("bidang",)),
    ("urusan", ("urusan", "unsur")),
    ("kode", ("kode",)),  # one KODE column holding the whole kode ('7.01.03.2.01.0003')
)
# Other columns (right of NOMENKLATUR).
KATA_KOLOM = (
    ("kinerja", ("kinerja",)),
    ("indikator", ("indikator",)),
    ("satuan", ("satuan",)),
    ("catatan", ("keterangan", "catatan", "ket")),
)
MIN_KATA_HEADER = 3
MAKS_BARIS_CARI_HEADER = 60  # the header stands near the top of a sheet; title rows above it are skipped

# --- matching names -----------------------------------------------------------------------------------------------
# Abbreviations written out before matching, on both sides (a table's name and the official one are folded by the
# same function, transforms.nama.lipat_nama).  Keys are whole folded words; values are the official wording
# (as the nomenclature writes it out elsewhere).  Decisions:
# - both directions would make equal texts equal; expanding keeps the folded text readable and makes 'pada SKPD'
#   and 'pada Satuan Kerja Perangkat Daerah' the same, which contracting would only if every long form were known;
# - SKPD and PD are NOT made one: the nomenclature itself names some items '… Perangkat Daerah' and others '… SKPD',
#   so a table writing one for the other is reported as a name that differs (it is a different official name);
# - 'pd' is expanded only as a word of its own ('skpd' is its own key, 'pdam' is untouched);
# - RKA/DPA are written out with their full names, so 'RKA-SKPD' = 'RKA SKPD' = 'Rencana Kerja dan Anggaran SKPD'.
SINGKATAN = {
    "bmd": "barang milik daerah",
    "skpd": "satuan kerja perangkat daerah",
    "opd": "organisasi perangkat daerah",
    "pd": "perangkat daerah",
    "asn": "aparatur sipil negara",
    "pns": "pegawai negeri sipil",
    "rka": "rencana kerja dan anggaran",
    "dpa": "dokumen pelaksanaan anggaran",
    "renja": "rencana kerja",
    "renstra": "rencana strategis",
    "rkpd": "rencana kerja pemerintah daerah",
    "lkpd": "laporan keuangan pemerintah daerah",
    "pemda": "pemerintah daerah",
    "polri": "kepolisian negara republik indonesia",
    "tni": "tentara nasional indonesia",
    "forkopimcam": "forum koordinasi pimpinan di kecamatan",
    "ppkm": "pemberlakuan pembatasan kegiatan masyarakat",
    "spm": "standar pelayanan minimal",
    "ttg": "teknologi tepat guna",
    "sdm": "sumber daya manusia",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "yg": "yang",
    "dgn": "dengan",
    "dlm": "dalam",
    "utk": "untuk",
    "thd": "terhadap",
}
# Words that open a name and say only its level: 'Program X' and 'X' name the same program (both sides folded).
AWALAN_LEVEL = ("sub kegiatan", "kegiatan", "program")

# Similarity (transforms.nama.skor_nama): rapidfuzz's normalised Indel similarity (fuzz.ratio / 100) of the
# two folded names with their spaces removed, so that a space typed inside a word ('Pemeliharaa n') or a hyphen split
# ('Perundang- Undangan') costs nothing; 1.0 exactly when the folded names are equal.  (Measured and rejected: the
# mean with rapidfuzz's token-set similarity decides more names cut short, but scores an item 'X' and its sibling
# 'X with one word more' — a common pattern of the list — too close: the Senduro T-C.33 row written 7.01.01.2.09.09
# could no longer be told between .0010 and .0011.)
#
# How the thresholds were chosen, on the kecamatan list (now the built-in one, schemas/data/nomenklatur-7.01.csv) and
# the Senduro Renja (items are named here by kode; their names are in the data file):
# - OUT OF THE LIST: a name whose item is not under the program searched scores at most 0.84 (each kegiatan and
#   sub-kegiatan searched in the other programs: 7.01.02.2.02.0003 under 7.01.03 meets 7.01.03.2.01.0003 at 0.836);
#   the Senduro aktivitas names under their program at most 0.78 (a Renja document against 7.01.01.2.01.0001).
# - NEAR TWINS: two items of one level in one program score up to 0.95 (7.01.01.2.06.0002 / 7.01.01.2.08.0003
#   0.952: one word more; 7.01.01.2.01.0002 / .0003 0.946; 7.01.03.2.01.0001 / 7.01.03.2.02.0001 0.946: 'Desa' /
#   'Kelurahan').  Items with one name (the Aceh kegiatan 7.01.04.7.xx repeat 7.01.04.2.01) count as one name, told
#   apart by the kegiatan the row sits in, then by the kabupaten/kota level digit.
# - RIGHT BUT WRITTEN DIFFERENTLY (reference): 0.84 (T-C.29's program 7.01.01 cut short), 0.88 (7.01.01.2.06.0004
#   without its last word), 0.94 (7.01.01.2.06.0007, one word changed), 0.96 (7.01.01.2.01.0003 without one word),
#   0.97-0.99 (one-letter and spacing slips).  Wrong kodes written in the reference score 0.26-0.78 against their
#   name, and 0.85-0.86 where another item has the name (T-C.29: 7.01.01.2.01.0005's name under .0003; T-C.33:
#   7.01.01.2.09.0010's name, 'dan' for 'atau', under .0009).
# - SIMULATION: each of the 178 kegiatan and sub-kegiatan names with one slip of seven kinds (case, a word dropped or
#   two, a word added, a space or a letter inside a word, '&', an abbreviation: 1228 names, leaving out 20 that the
#   slip made closer to another item) and with two slips (2333), decided under its program: at 0.90 / 0.04, 1089 and
#   1643 right, none wrong, the rest left undecided; a threshold of 0.85 decides 5 % (one slip) to 17 % (two) more,
#   still none wrong, but touches the out-of-list 0.84; a margin from 0 to 0.05 changes less than 1 %, 0.06 loses 5 %.
# So: a name alone (no kode, or a kode that does not fit) sets a kode when it scores at least AMBANG_KODE_DARI_NAMA
# (above everything out of the list, with room) and AMBANG_SELISIH above the best candidate of another name (near
# twins and names between two items stay undecided: reported with the candidates), or when it IS the official name
# after folding.  A kode in the list keeps its place when its name scores at least AMBANG_NAMA_SESUAI against its
# official name (the written kode is evidence of its own: every right kode of the reference scores 0.84 or more,
# every wrong one 0.78 or less but for the two that another item fits better) — unless another item of the program
# has the name, or fits it better by AMBANG_SELISIH while reaching AMBANG_KODE_DARI_NAMA.
AMBANG_KODE_DARI_NAMA = 0.90
AMBANG_SELISIH = 0.04
AMBANG_NAMA_SESUAI = 0.80
JUMLAH_CALON = 3  # candidates shown when no kode can be set
MAKS_PUTARAN = 5  # rounds of decisions at most (a second one only when a kode was set; a third is rare)
# Levels whose kode, once in the list at that level, stands whatever the name says: a table names its urusan and
# bidang freely ('Kecamatan', 'Kecamatan Senduro'), and each has a single candidate under its parent anyway.
LEVEL_KODE_TETAP = ("urusan", "bidang")

# --- findings ------------------------------------------------------------------------------------------------------
KOLOM_KEYAKINAN = "keyakinan"  # added to the T-C.33 tidy rows, after kode_aturan: see transforms.nomenklatur
ATURAN_KODE_DARI_NAMA = "kode-dari-nama"  # also appended to kode_aturan of a row whose kode was set by its name

# The rules the nomenclature raises (schemas.aturan), with the tables each is raised for.
ATURAN_NOMENKLATUR = daftar(
    Aturan("kode-dari-nama", PERINGATAN,
           "Kode {tertulis} diganti menjadi {kode} berdasarkan nama '{nama}' ({alasan}); keyakinan {keyakinan}. "
           "Nama resmi: '{nama_resmi}'.", "nomenklatur", ("TC-33", "TC-29"),
           keterangan="a kode set by the item's name (T-C.33; T-C.29 rows written without kode), with its "
                      "confidence and the official name"),
    Aturan("kode-tidak-pasti", PERINGATAN,
           "Kode {tertulis} baris '{nama}' tidak dapat dipastikan ({alasan}) dan tidak ada calon dari namanya yang "
           "cukup yakin (ambang {ambang}); kode tidak diubah. Calon terbaik: {calon}.", "nomenklatur",
           ("TC-33", "TabelIV-1", "TC-31"),
           keterangan="no confident decision (the best 3 candidates listed; also Tabel 4.1 and T-C.31 rows sent "
                      "without a T-C.33 to match them)"),
    Aturan("kode-tidak-di-nomenklatur", GALAT, "Kode {kode} ('{nama}') tidak ada dalam nomenklatur sebagai {level}.",
           "nomenklatur", ("TC-33",), keterangan="a T-C.33 kode that stays and is not in the list"),
    Aturan("nama-tidak-sesuai-nomenklatur", PERINGATAN,
           "Nama '{nilai}' berbeda dengan nama resmi kode {kode} dalam nomenklatur: '{nama_resmi}' (kemiripan "
           "{keyakinan}).", "nomenklatur", ("TC-33",),
           keterangan="a T-C.33 name that differs from the official name of its kode"),
    Aturan("satuan-tidak-sesuai-nomenklatur", PERINGATAN,
           "Target '{nilai}' bersatuan {satuan}, sedangkan nomenklatur menetapkan satuan {satuan_resmi} untuk "
           "sub-kegiatan {kode}.", "nomenklatur", ("TC-33", "TabelIV-1"),
           keterangan="a sub-kegiatan target in another unit than the list's (`1157 Lembaga` where the list says "
                      "`Lembaga Kemasyarakatan`)"),
)
# How the kode as written is shown ({tertulis} above): quoted, or this when the row has none.
TANPA_KODE = "(tidak ditulis)"
# Why a row's kode was decided by its name ({alasan} above).
ALASAN = {
    "kosong": "tidak berkode",
    "tidak-ada": "kode tidak ada dalam nomenklatur",
    "level-lain": "kode berbentuk {level_kode}, baris ini {level}",
    "ganda": "kode yang sama dipakai juga untuk '{nama_lain}'",
    "nama-lain": "nama tidak sesuai dengan nama resmi kode itu, '{nama_resmi}'",
    "lebih-cocok": "nama lebih cocok dengan {kode_lain} daripada dengan nama resmi kode itu, '{nama_resmi}'",
    "sudah-dipakai": "calon terbaik {kode_lain} sudah dipakai baris '{nama_lain}'",
    "di-luar": "nama lebih cocok dengan {kode_lain} '{nama_lain}' di luar {dalam}, tempat baris ini berada",
    "tanpa-kolom": "tabel tanpa kolom kode; tingkatnya dibaca dari tata letak",
}
TANPA_CALON = "tidak ada"
LABEL_LEVEL = {"urusan": "urusan", "bidang": "bidang", "program": "program", "kegiatan": "kegiatan",
               "sub_kegiatan": "sub-kegiatan", None: "baris tanpa tingkat"}

# --- reading errors (transforms.nomenklatur.NomenklaturTidakValid) ------------------------------------------------
PESAN_BACA = {
    "tidak-ada": "Berkas nomenklatur '{berkas}' tidak ditemukan ({opsi} atau {setelan}).",
    "ekstensi": "Berkas nomenklatur '{berkas}' harus CSV atau workbook Excel ({ekstensi}).",
    "tidak-terbaca": "Berkas nomenklatur '{berkas}' tidak dapat dibaca: {keterangan}",
    "tanpa-header": (
        "Berkas nomenklatur '{berkas}' tidak memuat daftar nomenklatur: tidak ada baris judul kolom berisi "
        "kode, level, nama (bentuk CSV) atau URUSAN, BIDANG, PROGRAM, KEGIATAN, SUB KEGIATAN, NOMENKLATUR (bentuk "
        "lampiran)."
    ),
    "kosong": "Berkas nomenklatur '{berkas}' tidak memuat satu pun baris berkode.",
    "kode": "Berkas nomenklatur '{berkas}', sheet '{sheet}' baris {baris}: kode '{nilai}' tidak dapat dibaca.",
    "level": (
        "Berkas nomenklatur '{berkas}', sheet '{sheet}' baris {baris}: level '{nilai}' tidak sesuai dengan kode "
        "{kode} ({level})."
    ),
    "nama": "Berkas nomenklatur '{berkas}', sheet '{sheet}' baris {baris}: kode {kode} tidak bernama.",
    "ganda": (
        "Berkas nomenklatur '{berkas}': kode {kode} tertulis dua kali dengan nama berbeda (sheet '{sheet}' baris "
        "{baris}: '{nama}'; sebelumnya: '{nama_lain}')."
    ),
    "digit": "Konvensi digit sub-kegiatan harus salah satu dari {pilihan}, bukan '{nilai}'.",
}
MAKS_GALAT_DISEBUT = 5  # reading errors listed in one exception message
