"""Canonical satuan (unit) vocabulary of Renja targets: canonical name -> synonyms and real slips."""
from __future__ import annotations

# Canonical names are written as the nomenclature writes them.  Matching (transforms/satuan.py) folds case and
# whitespace, drops trailing dots and whitespace inside a word, so "Dokume n", "dokume n" and "DOKUMEN" need no
# entry of their own; the entries below are the spellings that folding alone does not reach.
# A synonym must never fold to another canonical name or to a synonym of another one (tests check this).
# Compound units "A/B" of two known units (e.g. "Unit/Tahun") are recognised by parsing; only the compounds the
# nomenclature names are declared here.
SATUAN: dict[str, tuple[str, ...]] = {
    "Dokumen": (
        "dokume n",  # space typed inside the word (reference T-C.31); also caught by whitespace folding
        "Dolumen",  # k/l neighbouring keys (reference T-C.31)
        "Dok.",  # abbreviation (reference T-C.29)
        "dok",
        "dokumem",
        "dokomen",
        "dukumen",
        "documen",
        "dokumens",  # English-style plural
        "dokumen-dokumen",  # Indonesian reduplication (plural); the generic rule also catches it
    ),
    "Laporan": (
        "Laaporan",  # doubled letter (reference T-C.29)
        "lap.",  # abbreviation
        "lap",
        "laporn",
        "lapoan",
        "laporans",  # English-style plural
    ),
    "Paket": ("Pkt", "pkt.", "pakets"),
    "Unit": (
        "bh",  # "buah" (piece): counted items, the nomenclature's Unit
        "bh.",
        "buah",
        "unt",
        "units",
    ),
    "Orang": ("Org", "org.", "orang-orang"),
    "Orang/Bulan": (
        "OB",  # usual abbreviation of orang-bulan (person-months)
        "orang bulan",
        "orang-bulan",
        "org/bln",
    ),
    "Pegawai": ("peg.", "pgw"),
    "Keluarga": (
        "KK",  # kepala keluarga / kartu keluarga: a household (reference T-C.31 "120 KK")
        "kepala keluarga",
    ),
    "Desa": ("ds", "ds."),
    "Lembaga Kemasyarakatan": (
        "LKD",  # Lembaga Kemasyarakatan Desa
        "lembaga kemasyarakatan desa",
    ),
    "Fasilitasi": ("faslitasi", "fasiltasi"),  # never mapped to Fasilitas: the nomenclature uses both
    "Fasilitas": ("faslitas",),
    "Rekening": ("rek", "rek."),
    "Jenis": ("jns", "jns."),
    "Bulan": ("bln", "bln."),
    "Kali": ("x",),  # "4 x" = four times
    "Kendaraan": ("kend", "kend.", "kendaran"),
    "Bangunan": ("bangunan gedung",),
    "Regulasi": (),
    "ASN": (),
    "Pokmas": (
        "kelompok masyarakat",  # Pokmas is the acronym of kelompok masyarakat
    ),
    "Persen": ("%", "prosen", "pct", "percent"),
    "Kegiatan": ("keg", "keg."),
    "Lembaga": ("lbg",),
    "Sertifikat": (
        "sertipikat",  # the land agency's (BPN) official spelling
    ),
    "Kelompok": ("klp", "kelp"),
    "Hari": ("hr", "hr."),
    "Tahun": ("th", "th.", "thn", "thn."),  # as in "1 unit/th"
    "Indeks": ("index", "indek"),
    # The rest of the nomenclature's own satuan column (schemas/data/nomenklatur-7.01.csv; a test keeps every unit of
    # the built-in list known) and the value units of service indicators.
    "Nilai": (),  # a score: '84 Nilai' (the IKM of a kecamatan, T-C.30)
    "Ha": ("hektar", "hektare"),  # land area (7.01.01.2.09.0012)
    "Lembaga Masyarakat": (),  # 7.01.05.2.01.0006; not Lembaga Kemasyarakatan, which the list names elsewhere
    "Ormas": ("organisasi kemasyarakatan",),
    "Pokmas/Ormas": (),  # the list's 'Pokmas / Ormas' (7.01.03.2.02.0003): either kind of group
}
