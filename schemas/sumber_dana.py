"""Funding sources (sumber dana): the short labels sheets write, mapped to the official classification.

Codes as given in the project's domain primer (docs of the official classification, Kepmendagri 050-5889/2021
lineage); a source whose official code this list does not hold keeps ``kode=None`` and is still named, so the report
can say so instead of inventing a code.  Labels are matched folded (lower case, punctuation as spaces).
"""
from __future__ import annotations

from dataclasses import dataclass

from schemas.aturan import INFO, PERINGATAN, Aturan, daftar


@dataclass(frozen=True)
class SumberDana:
    kode: str | None
    nama: str
    label: tuple[str, ...]  # folded labels and spellings seen in sheets


SUMBER_DANA: tuple[SumberDana, ...] = (
    SumberDana("1.2.1.01.02", "Dana Alokasi Umum", ("dau", "dana alokasi umum")),
    SumberDana("1.1", "Pendapatan Asli Daerah", ("pad", "pendapatan asli daerah")),
    SumberDana("2.2.1.01.01.01", "DBH Cukai Hasil Tembakau",
               ("dbhcht", "dbh cht", "dbh cukai hasil tembakau", "dana bagi hasil cukai hasil tembakau")),
    SumberDana("2.2.2.02.01.01", "Bantuan Keuangan Provinsi",
               ("bk provinsi", "bk prov", "bkk provinsi", "bantuan keuangan provinsi")),
    SumberDana("2.2.1.01.02.01", "DAU Kelurahan", ("dau kelurahan", "dana kelurahan")),
    SumberDana(None, "DAK Fisik", ("dak fisik", "dana alokasi khusus fisik")),
    SumberDana(None, "DAK Non Fisik", ("dak non fisik", "dak nonfisik", "dak nf", "dana alokasi khusus non fisik")),
)

# Labels that name a budget, not a source: too coarse to place.
TERLALU_UMUM = ("apbd", "apbd kabupaten", "apbd kab", "apbd kota", "apbd i", "apbd ii")

# The rules of a T-C.33 row's sumber dana (transforms.sumber_dana), read while tidying T-C.33.
ATURAN = daftar(
    Aturan("sumber-dana-terlalu-umum", PERINGATAN,
           "Sumber dana '{nilai}' terlalu umum (nama anggaran, bukan sumbernya); tulis sumbernya, mis. DAU atau PAD.",
           keterangan="a sumber dana that names a budget, not a source (`APBD`)"),
    Aturan("sumber-dana-tidak-dikenal", PERINGATAN, "Sumber dana '{nilai}' tidak dikenal dalam daftar sumber dana.",
           keterangan="a sumber dana label not in the list"),
    Aturan("sumber-dana-tanpa-kode", INFO,
           "Sumber dana '{nilai}' dikenali sebagai {nama}, tetapi kode resminya belum ada di daftar ini.",
           keterangan="a known source whose official code the built-in list does not hold (DAK Fisik/Non Fisik)"),
    tabel="TC-33",
)
