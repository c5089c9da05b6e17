"""Findings and the rules that raise them: the finding record `Temuan`, the rule `Aturan` — the one builder of
findings and their messages — and the one registry of every rule of the project (`REGISTRI`, whole: `semua_aturan`).

A rule is a stable kebab-case code with one meaning: a severity (``tingkat``), where in the pipeline it is raised
(``asal``, a key of `ASAL`) and a description for the README (``keterangan``).  Its Indonesian message is a template
rendered with ``str.format_map`` over the finding's values; a rule may word it per table or per case (several
declarations of one code, each for its table(s)), never change its meaning: declaring a code again with another
severity, origin or description raises at import.  The rules of the reading of any file, of a kecamatan's files
together and the plain item checks are declared here; each table's own beside its layout (``schemas/<table>.py``
``ATURAN``), the nomenclature's, the identification's and the suites' in their modules — all registered here.
"""
from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

GALAT, PERINGATAN, INFO = "galat", "peringatan", "info"
TINGKAT_URUT = {GALAT: 0, PERINGATAN: 1, INFO: 2}

# Where a rule is raised → the heading of its part of the README's rule table, in pipeline order.
ASAL = {
    "berkas": "Reading a file",
    "tabel": "Tidying a table",
    "wilayah": "Identifying the kecamatan",
    "kiriman": "A kecamatan's files together",
    "nomenklatur": "Against the nomenclature",
    "isi": "Item checks",
    "suite": "Expectation suites of one table (Great Expectations)",
    "lintas": "Between tables",
    "pemeriksaan": "The checks themselves",
}
_POLA_KODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Temuan:
    """One finding.  Raw (as a transform, the identification or a suite gives it): ``sheet``, ``baris`` (1-based row;
    None for a finding about the table, file or kecamatan), ``field`` (the tidy field whose cell it is about, or
    None), ``kode`` (the item's kode, or None), ``aturan``, ``tingkat``, ``nilai`` (the value as written), ``pesan``
    (the Indonesian message).  Completed (transforms.temuan.lengkapi_temuan): also ``berkas`` (the file name) and
    ``sel`` (the cell address, e.g. 'I12').  Built by `Aturan.temuan` only."""

    berkas: str | None = None
    sheet: str | None = None
    baris: int | None = None
    sel: str | None = None
    field: str | None = None
    kode: Any = None
    aturan: str
    tingkat: str
    nilai: Any = None
    pesan: str

    def mentah(self) -> tuple:
        """The raw finding's values, in the order of `KOLOM_TEMUAN_MENTAH`."""
        return (self.sheet, self.baris, self.field, self.kode, self.aturan, self.tingkat, self.nilai, self.pesan)


# The fields of a finding (`Temuan`); a frame of raw findings has the columns KOLOM_TEMUAN_MENTAH, of completed ones
# (validasi.json, the report) KOLOM_TEMUAN_LENGKAP.
KOLOM_TEMUAN = tuple(f.name for f in fields(Temuan))
KOLOM_TEMUAN_MENTAH = ("sheet", "baris", "field", "kode", "aturan", "tingkat", "nilai", "pesan")
KOLOM_TEMUAN_LENGKAP = ("berkas", "sheet", "sel", "kode", "aturan", "tingkat", "nilai", "pesan")


@dataclass(frozen=True)
class Aturan:
    """A rule: ``kode`` (stable, kebab-case), ``tingkat`` (GALAT must be fixed, PERINGATAN repaired or doubtful,
    INFO), ``templat`` (the Indonesian message), ``asal`` (a key of ASAL), ``tabel`` (the layout ids it is raised
    for, e.g. ('TC-29',); () when not one table's) and ``keterangan`` (when it is raised, for the README)."""

    kode: str
    tingkat: str
    templat: str
    asal: str = "tabel"
    tabel: tuple[str, ...] = ()
    keterangan: str = ""

    def pesan(self, isian: Mapping) -> str:
        """The template rendered over ``isian``; a name it lacks renders as ''.  A format spec a value does not
        take (a declaration's fault) renders the values as text, then gives the template as it is: a finding is
        never lost to its message."""
        try:
            return self.templat.format_map(_Kosong(isian))
        except Exception:  # noqa: BLE001
            try:
                return self.templat.format_map(_Kosong({k: "" if v is None else str(v) for k, v in isian.items()}))
            except Exception:  # noqa: BLE001
                return self.templat

    def temuan(self, r: Mapping | None = None, field: str | None = None, nilai: Any = None, kode: Any = None,
               isian: Mapping | None = None, **lain) -> Temuan:
        """The raw finding of this rule about row ``r`` (dict or Series: its ``sheet`` and ``baris``, which becomes an
        int or None; None: a finding about no row), at the cell of ``field``, of value ``nilai``, about the item
        ``kode``.  The message's values: ``nilai`` and ``kode`` ('' when empty), the row's ``nama`` and
        ``indikator`` (as text), then ``isian`` and ``lain`` (each wins over what comes before; ``isian`` may name
        ``nilai``, ``kode`` or ``field`` for the message alone)."""
        r = r if r is not None else {}
        nilai_pesan = {"nilai": nilai or "", "kode": kode or "", "nama": _teks(r.get("nama")),
                       "indikator": _teks(r.get("indikator")), **(isian or {}), **lain}
        return Temuan(sheet=r.get("sheet"), baris=_bulat(r.get("baris")), field=field, kode=kode, aturan=self.kode,
                      tingkat=self.tingkat, nilai=nilai, pesan=self.pesan(nilai_pesan))

    def varian(self, templat: str | None = None, tabel: tuple[str, ...] | None = None) -> Aturan:
        """The same rule worded for another table or case: another template and/or tables, the same meaning."""
        return replace(self, templat=self.templat if templat is None else templat,
                       tabel=self.tabel if tabel is None else tabel)


class _Kosong(dict):
    def __missing__(self, key):
        return ""


def _kosong(v) -> bool:
    """None, NaN, pandas' NA (whose truth is ambiguous) and blank text: what transforms.sel.kosong calls empty."""
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    if isinstance(v, str):
        return not v.strip()
    try:
        bool(v == v)
    except TypeError:
        return True
    return False


def _teks(v) -> str:
    """A value as message text, as transforms.sel.teks gives it: whitespace folded, whole floats without '.0'."""
    if _kosong(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def _bulat(v) -> int | None:
    return None if _kosong(v) else int(v)


class Registri:
    """Every rule declared, by code.  A code may be declared several times (its message worded per table or case);
    all its declarations have one meaning: the same ``tingkat`` and ``asal``, and one ``keterangan``."""

    def __init__(self) -> None:
        self._deklarasi: dict[str, list[Aturan]] = {}

    def daftarkan(self, aturan: Aturan) -> Aturan:
        """Register ``aturan`` and return it; ValueError when it is malformed or gives its code another meaning."""
        _periksa_bentuk(aturan)
        ada = self._deklarasi.setdefault(aturan.kode, [])
        for lain in ada:
            if (lain.tingkat, lain.asal) != (aturan.tingkat, aturan.asal) or (
                    lain.keterangan and aturan.keterangan and lain.keterangan != aturan.keterangan):
                raise ValueError(f"aturan '{aturan.kode}' dideklarasikan dua kali dengan makna berbeda: "
                                 f"{_makna(lain)} dan {_makna(aturan)}")
        if aturan not in ada:
            ada.append(aturan)
        return aturan

    def __getitem__(self, kode: str) -> Aturan:
        """The rule ``kode`` (its first declaration, with the description of any)."""
        a = self._deklarasi[kode][0]
        return a if a.keterangan else replace(a, keterangan=self.keterangan(kode))

    def __contains__(self, kode: object) -> bool:
        return kode in self._deklarasi

    def __iter__(self) -> Iterator[str]:
        return iter(self._deklarasi)

    def __len__(self) -> int:
        return len(self._deklarasi)

    def deklarasi(self, kode: str) -> tuple[Aturan, ...]:
        """Every declaration of ``kode``, in the order registered."""
        return tuple(self._deklarasi[kode])

    def tabel(self, kode: str) -> tuple[str, ...]:
        """The tables ``kode`` is raised for, over all its declarations."""
        return tuple(dict.fromkeys(t for a in self._deklarasi[kode] for t in a.tabel))

    def keterangan(self, kode: str) -> str:
        return next((a.keterangan for a in self._deklarasi[kode] if a.keterangan), "")


def _periksa_bentuk(a: Aturan) -> None:
    if not _POLA_KODE.match(a.kode):
        raise ValueError(f"kode aturan harus kebab-case: {a.kode!r}")
    if a.tingkat not in TINGKAT_URUT:
        raise ValueError(f"aturan '{a.kode}': tingkat harus salah satu dari {tuple(TINGKAT_URUT)}, bukan {a.tingkat!r}")
    if a.asal not in ASAL:
        raise ValueError(f"aturan '{a.kode}': asal harus salah satu dari {tuple(ASAL)}, bukan {a.asal!r}")
    try:
        list(string.Formatter().parse(a.templat))
    except ValueError as e:
        raise ValueError(f"aturan '{a.kode}': templat tidak sah ({e})") from None


def _makna(a: Aturan) -> str:
    return f"({a.tingkat}, {a.asal}, {a.keterangan!r})"


REGISTRI = Registri()

# The modules that declare rules (each registers its own when imported); `semua_aturan` imports them all.
MODUL_ATURAN = ("schemas.tc33", "schemas.sumber_dana", "schemas.tc29", "schemas.tc30",
                "schemas.tc31", "schemas.tc32", "schemas.tabel41", "schemas.wilayah", "schemas.nomenklatur",
                "schemas.harapan", "schemas.suites")


def semua_aturan() -> Registri:
    """The registry with every rule of the project (the declaring modules imported: they import this one)."""
    for modul in MODUL_ATURAN:
        importlib.import_module(modul)
    return REGISTRI


def daftar(*aturan: Aturan, tabel: str | None = None) -> dict[str, Aturan]:
    """Register rules and return them by code; ``tabel``: a table's own rules, each declared for that table (a rule
    shared with other tables keeps its meaning and message, and names this table too)."""
    if tabel is not None:
        aturan = tuple(a.varian(tabel=(tabel,)) for a in aturan)
    kode = [a.kode for a in aturan]
    if len(set(kode)) != len(kode):
        raise ValueError(f"kode aturan ganda dalam satu daftar: {sorted(k for k in set(kode) if kode.count(k) > 1)}")
    return {a.kode: REGISTRI.daftarkan(a) for a in aturan}


# --- reading a file (flows: the guard, the reader, the table finder) --------------------------------------------------
ATURAN_BERKAS = daftar(
    Aturan("berkas-tidak-terbaca", GALAT, "{keterangan}", "berkas",
           keterangan="a file that cannot be read (refused by the guard, broken, or beyond the reader's limits); "
                      "its report goes to `_gagal/`"),
    Aturan("tabel-tidak-ditemukan", GALAT,
           "Tidak ada tabel Renja yang dikenali (T-C.29, T-C.30, T-C.31, T-C.32, T-C.33, Tabel 4.1): tidak ada baris "
           "judul kolom yang cocok dengan salah satu tata letak standar.", "berkas",
           keterangan="no Renja table in a file: no header row matches a standard layout"),
    Aturan("tabel-gagal-diolah", GALAT,
           "Tabel {tabel} (sheet '{sheet}') tidak dapat {langkah} karena kesalahan program Renja ETL; {akibat} "
           "Kirimkan berkas ini beserta laporan ini kepada pengelola Renja ETL agar kesalahannya diperbaiki; sementara "
           "itu periksa tabel ini (kolom yang bergeser atau terhapus, sel gabungan, teks di kolom kode atau angka) lalu "
           "kirim ulang. Rincian teknis: {rincian}", "berkas",
           keterangan="a table that reading, matching, checking or writing could not finish because of an error "
                      "in this program: that table is left out (or, when checking failed, written unchecked), the "
                      "other tables of the kecamatan keep their outputs; the message names the table and its sheet "
                      "and says to send the file to the maintainers (with the technical detail)"),
    Aturan("berkas-bermakro", INFO,
           "Berkas {berkas} berisi makro (VBA atau lembar makro Excel 4); makro tidak dijalankan dan tidak disalin ke "
           "keluaran mana pun.", "berkas",
           keterangan="the file carries macros (VBA or Excel 4); they were not run and are in no output"),
)

# --- tidying a table: the rules every table shares, with one meaning (each table's ATURAN names those it raises) ----
ATURAN_BACA = daftar(
    Aturan("kode-diperbaiki", PERINGATAN, "Kode '{nilai}' diperbaiki menjadi {kode} ({keterangan}).",
           keterangan="a malformed kode was repaired: `7.01.01.202.01` (`level-menyatu`), `7.01.02.01` "
                      "(`level-hilang`), `7.01.06.2` (`level-tanpa-kegiatan`), `7.0.01` / `7.0.0.02.01` "
                      "(`nol-dilengkapi`, `level-dua-digit`), `7 0 0 2 0 7` (`pemisah-spasi`), `7.01.01.2.09. 06` "
                      "(`spasi-berlebih`); where a text reads two ways, the reading that fits under the item above it "
                      "wins"),
    Aturan("kode-tidak-terbaca", GALAT, "Kode '{nilai}' tidak dapat dibaca sebagai kode nomenklatur.",
           keterangan="a kode that cannot be read"),
    Aturan("level-dari-tata-letak", PERINGATAN,
           "Baris '{nama}' berkode {kode} (bentuk kegiatan) tetapi memuat aktivitas: dibaca sebagai sub-kegiatan; "
           "kodenya perlu dilengkapi.",
           keterangan="a kegiatan-shaped kode on a row that carries an aktivitas, read as a sub-kegiatan whose kode "
                      "needs completing"),
    Aturan("level-tidak-diketahui", GALAT, "Baris '{nama}' tidak berkode; tingkatnya tidak dapat ditentukan.",
           keterangan="a row without kode whose level neither its name (an official one decides) nor its layout "
                      "tells"),
    Aturan("angka-campuran", PERINGATAN, "Nilai '{nilai}' memakai pemisah campuran; dibaca sebagai {keterangan}.",
           keterangan="an amount with mixed separators (`10.000,000`, `3,375.000`), read and reported"),
    Aturan("angka-tidak-terbaca", GALAT, "Nilai '{nilai}' tidak dapat dibaca sebagai angka Rupiah; tidak ditebak.",
           keterangan="an amount with no safe reading (`2.517.22.415`): left empty, never guessed"),
    Aturan("angka-ambigu", GALAT, "Nilai '{nilai}' dapat dibaca dua cara; tidak ditebak. {keterangan}",
           keterangan="an amount that reads two ways (`3,375`): left empty, never guessed"),
    Aturan("angka-terlalu-besar", GALAT, "Nilai '{nilai}' terlalu besar untuk jumlah Rupiah: {keterangan} Tidak "
           "dibaca; periksa isi sel ini.",
           keterangan="an amount beyond 1.000.000.000.000.000 either way (`10^20`, a number cell of `1e300`): more "
                      "than an amount column holds exactly (an `.xlsx` number is exact to 2^53, Excel shows 15 "
                      "digits) — left empty, never an overflow"),
    Aturan("target-tidak-terbaca", PERINGATAN, "Target '{nilai}' tidak berbentuk angka dan satuan atau persen.",
           keterangan="a target that is not a number with a unit, a percentage or an index"),
    Aturan("satuan-tidak-dikenal", PERINGATAN, "Satuan pada target '{nilai}' tidak dikenal dalam kosakata satuan.",
           keterangan="an unknown unit (every unit of the nomenclature's satuan column is known, and `Nilai`, "
                      "`Indeks`)"),
    Aturan("baris-tidak-dikenal", PERINGATAN,
           "Baris tanpa kode, nama, aktivitas maupun indikator dilewati: '{nilai}'.",
           keterangan="a row with none of a table's item texts, skipped"),
    Aturan("akhir-tabel", INFO,
           "Tabel dianggap berakhir sebelum baris ini: '{nilai}' bukan baris tabel; baris sesudahnya tidak dibaca.",
           keterangan="the table ends before a row of prose or another table's header (the rows after it are not "
                      "read)"),
)

# The reading rules every table with amounts and targets shares, with the same meaning and message.
ATURAN_ANGKA = {k: ATURAN_BACA[k] for k in ("angka-campuran", "angka-tidak-terbaca", "angka-ambigu",
                                            "angka-terlalu-besar", "target-tidak-terbaca", "satuan-tidak-dikenal",
                                            "baris-tidak-dikenal")}

# --- a kecamatan's files together (flows: grouping, one table per layout) -------------------------------------------
ATURAN_KIRIMAN = daftar(
    Aturan("metadata-tidak-ada", GALAT,
           "{keterangan} tidak tertulis di dokumen; berikan dengan opsi {opsi} pada perintah renja run.", "kiriman",
           keterangan="the year is in none of the documents (give it as `--tahun`)"),
    Aturan("tahun-dari-kiriman", INFO,
           "Berkas {berkas} tidak menyebut tahunnya; diambil dari berkas lain Kecamatan {kecamatan}: {tahun}.",
           "kiriman", keterangan="a file's year taken from the kecamatan's other files"),
    Aturan("tabel-ganda", PERINGATAN,
           "Tabel {tabel} dikirim lebih dari sekali untuk kecamatan ini; yang dipakai dari {berkas}, sheet '{sheet}' "
           "({alasan}). Tabel ini tidak diproses.", "kiriman",
           keterangan="a second table of the same kind for one kecamatan (the file modified last is used)"),
)

# --- checks of a table's items in plain code (transforms.periksa_isi), after the nomenclature decided codes and
# levels: the top of T-C.33's hierarchy missing, and what real documents get wrong with amounts and targets.
# Severities: the missing urusan/bidang rows are one warning for the table (its programs' parents are then not
# checked, instead of an error per program); a target without money or money without a target is doubtful
# (warning); an amount repeated in the n+1 column may be right (salaries) but is also what a copied row looks like.
ATURAN_ISI = daftar(
    Aturan("urusan-bidang-tidak-ada", PERINGATAN,
           "T-C.33 tidak memuat baris {tingkat} ({kode_hilang}): tabel dimulai dari baris program, sehingga induk kode "
           "program tidak diperiksa. Tambahkan baris {tingkat} bila format tabel mewajibkannya.", "isi", ("TC-33",),
           keterangan="T-C.33 starts at its programs (no `7 Unsur Kewilayahan` / `7.01 Kecamatan` rows, as many "
                      "kecamatan keep it): one finding for the table, and the programs' parents are not looked for "
                      "(no `induk-tidak-ada` per program)"),
    Aturan("pagu-nol-bertarget", PERINGATAN,
           "Sub-kegiatan '{nama}' ({kode}) bertarget {target} untuk {kolom}, tetapi pagunya {pagu_teks}.", "isi",
           ("TC-33", "TabelIV-1"), keterangan="a sub-kegiatan with a target but a pagu of 0, each year on its own"),
    Aturan("target-kosong-berpagu", PERINGATAN,
           "'{nama}' ({kode}) berpagu {pagu_teks} untuk {kolom}, tetapi targetnya kosong.", "isi",
           ("TC-33", "TabelIV-1"),
           keterangan="a program, kegiatan or sub-kegiatan with a pagu but no target (empty, `-`, `N/A`), each year "
                      "on its own"),
    Aturan("pagu-sama-tiap-tahun", INFO,
           "Sub-kegiatan '{nama}' ({kode}) berpagu sama persis pada tahun n dan prakiraan maju n+1 ({pagu_teks}); "
           "periksa apakah angka n+1 hanya disalin dari tahun n.", "isi", ("TC-33",),
           keterangan="a sub-kegiatan with the same pagu in n and n+1, the sign of a copied row (salaries "
                      "legitimately repeat)"),
)
