"""Reading of Indonesian numbers, Rupiah amounts and Renja targets (number + satuan) from cells, never guessing."""
from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np
import pandas as pd

from transforms.satuan import STATUS_DIPERBAIKI, normalize_satuan

# Status codes (stable).  parse_angka uses the first six (plus 'ambigu'), parse_rupiah adds 'bukan-bilangan-bulat',
# parse_target adds the satuan and 'tanpa-satuan' codes.
STATUS_OK = "ok"
STATUS_KOSONG = "kosong"  # None, NaN, pd.NA, empty or whitespace: nilai None
STATUS_STRIP = "strip"  # '-', '–', '—': nothing; nilai 0 (parse_target: nilai None, jenis 'kosong')
STATUS_PEMISAH_CAMPURAN = "pemisah-campuran"  # '.' and ',' both used as thousands: nilai set, pesan explains
STATUS_TIDAK_TERBACA = "tidak-terbaca"  # no safe reading: nilai None
STATUS_NA = "na"  # 'N/A', 'n/a', 'NA', '#N/A': nilai None
STATUS_AMBIGU = "ambigu"  # two readings are equally plausible ('1,234'): nilai None, pesan names both
STATUS_BUKAN_BILANGAN_BULAT = "bukan-bilangan-bulat"  # parse_rupiah: amount with a fraction: nilai None
STATUS_TERLALU_BESAR = "terlalu-besar"  # parse_rupiah: beyond RUPIAH_MAKS (what an amount column holds): nilai None
STATUS_SATUAN_DIPERBAIKI = "satuan-diperbaiki"  # parse_target: unit read through a synonym or slip
STATUS_SATUAN_TIDAK_DIKENAL = "satuan-tidak-dikenal"  # parse_target: unit kept as typed (whitespace folded)
STATUS_TANPA_SATUAN = "tanpa-satuan"  # parse_target: a bare number ('94,12', '5')

STATUS_ANGKA = (STATUS_OK, STATUS_KOSONG, STATUS_STRIP, STATUS_PEMISAH_CAMPURAN, STATUS_TIDAK_TERBACA, STATUS_NA,
                STATUS_AMBIGU)
STATUS_RUPIAH = STATUS_ANGKA + (STATUS_BUKAN_BILANGAN_BULAT, STATUS_TERLALU_BESAR)
STATUS_TARGET = STATUS_ANGKA + (STATUS_SATUAN_DIPERBAIKI, STATUS_SATUAN_TIDAK_DIKENAL, STATUS_TANPA_SATUAN)

JENIS_PERSEN = "persen"  # '100%', '66,67%', '100 persen': satuan 'Persen'
JENIS_JUMLAH = "jumlah"  # '12 Laporan'; also a bare number (satuan None)
JENIS_GABUNGAN = "gabungan"  # compound unit: '12 Orang/12 Bulan' (nilai2 12), '1 unit/th'
JENIS_INDEKS = "indeks"  # '60.5 (B-)': satuan 'Indeks', keterangan 'B-'
JENIS_KOSONG = "kosong"  # empty, '-', '- Dokumen', 'N/A': nilai None
JENIS_TEKS = "teks"  # anything else: nilai None, status 'tidak-terbaca'
JENIS_TARGET = (JENIS_PERSEN, JENIS_JUMLAH, JENIS_GABUNGAN, JENIS_INDEKS, JENIS_KOSONG, JENIS_TEKS)

# Worst first: a target's status is the worst of its number's and its unit's.
_URUTAN_STATUS = (STATUS_TIDAK_TERBACA, STATUS_AMBIGU, STATUS_SATUAN_TIDAK_DIKENAL, STATUS_PEMISAH_CAMPURAN,
                  STATUS_SATUAN_DIPERBAIKI, STATUS_TANPA_SATUAN, STATUS_OK)

_MAKS_DIGIT = 30  # longer digit strings are not amounts or targets
# The largest whole-Rupiah amount (either sign) an amount column holds: one thousand trillion.  Every output keeps it
# exactly (an .xlsx number is a double, exact up to 2**53 ≈ 9.007 × 10**15; Excel shows 15 significant digits) and
# the sums the checks make of thousands of such amounts stay within Int64 (≈ 9.22 × 10**18).  A kecamatan's whole
# budget is of the order of 10**9 to 10**10.
RUPIAH_MAKS = 10**15
_NA = frozenset({"n/a", "na", "n.a", "n.a.", "#n/a"})
_SPASI_KHUSUS = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " "})
_STRIP = re.compile(r"[-–—]+(?:\s*[.,]\s*[-–—]*)?")  # '-', '—', '-,-'
_RP = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_EKOR = re.compile(r"\s*[.,]\s*[-–—]+$")  # ',-' '.-' ' ,-'
_BENTUK = re.compile(r"\d+(?:[.,]\d+)*")
_RIBUAN_SPASI = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?")
_KELOMPOK_AWAL = re.compile(r"[1-9]\d{0,2}")  # a first thousands group that makes '1.500' / '1,234' ambiguous


@dataclass(frozen=True)
class HasilAngka:
    """A number read from a cell: nilai (None unless the status gives one), a status code, a message in Indonesian."""

    nilai: float | None
    status: str
    pesan: str | None = None


@dataclass(frozen=True)
class HasilRupiah:
    """A whole-Rupiah amount read from a cell: nilai is an int or None, with a status code and a message."""

    nilai: int | None
    status: str
    pesan: str | None = None


@dataclass(frozen=True)
class HasilTarget:
    """A target read from a cell: number, canonical satuan, jenis, status, message, second number, grade."""

    nilai: float | None
    satuan: str | None
    jenis: str
    status: str
    pesan: str | None = None
    nilai2: float | None = None  # the second number of a compound target: the 12 of '12 Orang/12 Bulan'
    keterangan: str | None = None  # the grade of an index target: the 'B-' of '60.5 (B-)'


@dataclass(frozen=True)
class _Bacaan:
    """Internal exact reading: a Decimal (or None), a status, a message."""

    nilai: Decimal | None
    status: str
    pesan: str | None = None


# ---------------------------------------------------------------------------------------------- numbers


def _ribuan(kelompok: list[str]) -> bool:
    """True when kelompok reads as thousands groups: first 1-3 digits, the others exactly 3."""
    return 1 <= len(kelompok[0]) <= 3 and all(len(k) == 3 for k in kelompok[1:])


def _desimal(bulat: list[str], pecahan: str) -> Decimal:
    return Decimal("".join(bulat) + "." + pecahan)


def _baca_bentuk(badan: str, asli: str) -> _Bacaan:
    """Read digits separated by '.'/',' (no sign, no spaces) by the module's separator rules."""
    if not _BENTUK.fullmatch(badan):
        return _Bacaan(None, STATUS_TIDAK_TERBACA, f"'{asli}' bukan angka yang terbaca.")
    kelompok = re.split(r"[.,]", badan)
    pemisah = re.findall(r"[.,]", badan)
    if sum(len(k) for k in kelompok) > _MAKS_DIGIT:
        return _Bacaan(None, STATUS_TIDAK_TERBACA, f"'{asli}' terlalu panjang untuk sebuah angka.")
    if not pemisah:
        return _Bacaan(Decimal(badan), STATUS_OK)
    if "." in pemisah and "," in pemisah:
        return _baca_campuran(kelompok, pemisah, asli)
    if len(pemisah) > 1:
        if _ribuan(kelompok):
            return _Bacaan(Decimal("".join(kelompok)), STATUS_OK)
        return _Bacaan(None, STATUS_TIDAK_TERBACA,
                       f"'{asli}': pemisah ribuan tidak beraturan (kelompok angka tidak 3 digit); tidak ditebak.")
    return _baca_satu_pemisah(kelompok[0], kelompok[1], pemisah[0], asli)


def _baca_satu_pemisah(depan: str, belakang: str, pemisah: str, asli: str) -> _Bacaan:
    """One separator: '.'+3 digits is thousands, ','+3 digits is ambiguous, anything else a decimal separator."""
    bisa_ribuan = len(belakang) == 3 and _KELOMPOK_AWAL.fullmatch(depan) is not None
    if bisa_ribuan and pemisah == ".":
        return _Bacaan(Decimal(depan + belakang), STATUS_OK)
    if bisa_ribuan:
        pesan = (f"'{asli}' bisa dibaca {depan},{belakang} (koma desimal) atau {depan}{belakang} "
                 f"(koma pemisah ribuan); tidak ditebak.")
        return _Bacaan(None, STATUS_AMBIGU, pesan)
    return _Bacaan(_desimal([depan], belakang), STATUS_OK)


def _baca_campuran(kelompok: list[str], pemisah: list[str], asli: str) -> _Bacaan:
    """Both '.' and ',': all thousands (pemisah-campuran), or thousands + one decimal separator of the other kind."""
    if _ribuan(kelompok):
        nilai = Decimal("".join(kelompok))
        pesan = (f"'{asli}' memakai titik dan koma sekaligus; keduanya dibaca sebagai pemisah ribuan: "
                 f"{_format_ribuan(int(nilai))}.")
        return _Bacaan(nilai, STATUS_PEMISAH_CAMPURAN, pesan)
    terakhir = pemisah[-1]
    if all(p != terakhir for p in pemisah[:-1]) and _ribuan(kelompok[:-1]):
        return _Bacaan(_desimal(kelompok[:-1], kelompok[-1]), STATUS_OK)
    return _Bacaan(None, STATUS_TIDAK_TERBACA, f"'{asli}': titik dan koma bercampur tanpa bacaan yang pasti.")


def _tanpa_spasi(badan: str) -> str | None:
    """Drop spaces around separators and between 3-digit groups; None when other spaces remain."""
    badan = re.sub(r"\s*([.,])\s*", r"\1", badan)
    if not re.search(r"\s", badan):
        return badan
    if _RIBUAN_SPASI.fullmatch(badan):
        return badan.replace(" ", "")
    return None


def _baca_teks(teks: str) -> _Bacaan:
    """Read a text cell: blanks, N/A, dashes, 'Rp' and ',-' decorations, sign, then the separator rules."""
    asli = " ".join(teks.translate(_SPASI_KHUSUS).split())
    if not asli:
        return _Bacaan(None, STATUS_KOSONG)
    if asli.casefold() in _NA:
        return _Bacaan(None, STATUS_NA, f"'{asli}': tidak ada data (N/A).")
    badan = _RP.sub("", asli)
    if not badan:
        return _Bacaan(None, STATUS_KOSONG, f"'{asli}': tidak ada angka.")
    if _STRIP.fullmatch(badan):
        return _Bacaan(Decimal(0), STATUS_STRIP, f"'{asli}': tanda strip, dibaca nol (tidak ada).")
    badan = _EKOR.sub("", badan)
    if not badan:
        return _Bacaan(Decimal(0), STATUS_STRIP, f"'{asli}': tanda strip, dibaca nol (tidak ada).")
    tanda = ""
    if badan[:1] in ("-", "−", "+") and badan[1:2].isdigit():
        tanda, badan = ("-" if badan[0] != "+" else ""), badan[1:]
    bersih = _tanpa_spasi(badan)
    if bersih is None:
        return _Bacaan(None, STATUS_TIDAK_TERBACA, f"'{asli}' bukan angka yang terbaca.")
    hasil = _baca_bentuk(bersih, asli)
    if tanda and hasil.nilai is not None and hasil.nilai != 0:
        return _Bacaan(hasil.nilai.copy_negate(), hasil.status, hasil.pesan)
    return hasil


def _baca(nilai: object) -> _Bacaan:
    """Read any cell value (str, int, float, Decimal, numpy scalar, None, NaN, pd.NA) exactly; never raises."""
    if isinstance(nilai, str):
        return _baca_teks(nilai)
    if nilai is None:
        return _Bacaan(None, STATUS_KOSONG)
    if isinstance(nilai, (bool, np.bool_)):
        return _Bacaan(None, STATUS_TIDAK_TERBACA, f"Nilai logika {nilai} bukan angka.")
    if isinstance(nilai, numbers.Integral):
        return _Bacaan(Decimal(int(nilai)), STATUS_OK)
    if isinstance(nilai, (numbers.Real, Decimal)):
        return _baca_bilangan(nilai)
    if pd.api.types.is_scalar(nilai) and pd.isna(nilai):
        return _Bacaan(None, STATUS_KOSONG)
    return _Bacaan(None, STATUS_TIDAK_TERBACA, f"Nilai berjenis {type(nilai).__name__} bukan angka.")


def _baca_bilangan(nilai: numbers.Real | Decimal) -> _Bacaan:
    """Read a float-like cell value: NaN is empty, infinities are unreadable."""
    angka = nilai if isinstance(nilai, Decimal) else Decimal(float(nilai))
    if angka.is_nan():
        return _Bacaan(None, STATUS_KOSONG)
    if angka.is_infinite():
        return _Bacaan(None, STATUS_TIDAK_TERBACA, f"Nilai {nilai} tak hingga.")
    return _Bacaan(angka, STATUS_OK)


def parse_angka(nilai: object) -> HasilAngka:
    """Read a number from a cell value; never raises.

    Separator rules (Indonesian style is '.' for thousands and ',' for decimals, but international style occurs):

    - ``2.080.252.824``: several '.' with 3-digit groups -> thousands.  ``2.517.22.415`` (a group not of 3 digits)
      -> 'tidak-terbaca', never guessed.
    - ``1.500``, ``371.700``: one '.' followed by exactly 3 digits, first group 1-3 digits not starting with 0 ->
      thousands (1500).  This is ambiguous in general (international 1.5); in these documents it always is thousands.
    - ``95.33``, ``60.5``, ``1234.567``, ``0.500``: any other single '.' -> decimal point.
    - ``66,67``, ``1,5``, ``1234,567``: one ',' -> decimal comma.  ``1,234`` (one ',', exactly 3 digits, first group
      1-3 digits not starting with 0) could be 1.234 or 1234 -> 'ambigu', nilai None.
    - ``1,234,567``: several ',' with 3-digit groups -> thousands (international).
    - ``1.234,5`` (Indonesian) and ``1,234.5`` (international): thousands groups then one decimal separator.
    - ``10.000,000``, ``3,375.000``: both separators and every group after the first of 3 digits -> all separators
      read as thousands (10000000, 3375000), status 'pemisah-campuran' with an explanation.
    - ``Rp``/``Rp.`` prefix, trailing ``,-``/``.-``, (non-breaking) spaces around the text or a separator are
      dropped; ``1 000 000`` (spaces between 3-digit groups) is thousands.  A leading '-' or '−' directly before a
      digit makes the number negative.  ``-``, ``–``, ``—`` (also ``Rp -``) mean nothing: 'strip', nilai 0.

    nilai is a float (0.0 for 'strip'; None for 'kosong', 'na', 'tidak-terbaca', 'ambigu'); status is one of
    STATUS_ANGKA; pesan (Indonesian) is set for every other status than 'ok'/'kosong'.  '%' and unit words are
    not accepted here: use parse_target.
    """
    hasil = _baca(nilai)
    if hasil.nilai is None:
        return HasilAngka(None, hasil.status, hasil.pesan)
    angka = float(hasil.nilai)
    if not math.isfinite(angka):
        return HasilAngka(None, STATUS_TIDAK_TERBACA, "Angka terlalu besar.")
    return HasilAngka(angka + 0.0, hasil.status, hasil.pesan)


# ---------------------------------------------------------------------------------------------- Rupiah


def parse_rupiah(nilai: object) -> HasilRupiah:
    """Read a whole-Rupiah amount; never raises.

    Like parse_angka, but nilai is an int: '-' gives 0 ('strip'), a float cell within 1e-6 of a whole number is
    rounded ('2080252824.0' -> 2080252824; Excel's binary noise), and an amount with a fraction ('1.234,5', 12.5)
    gives nilai None with status 'bukan-bilangan-bulat'.  A trailing ',00' is a zero fraction and reads fine.  An
    amount beyond ``RUPIAH_MAKS`` either way (10**20, a number cell of 1e300) gives nilai None with status
    'terlalu-besar': no amount column holds it.
    """
    jenis = type(nilai)
    if jenis is str or jenis is float or jenis is int:  # the cells of an amount column: read once per value
        return _parse_rupiah_tersimpan(jenis, nilai)
    return _parse_rupiah(nilai)


@lru_cache(maxsize=1 << 14)
def _parse_rupiah_tersimpan(jenis: type, nilai: str | float | int) -> HasilRupiah:
    """``_parse_rupiah`` remembered per (type, value): results are immutable, amounts repeat across tables."""
    return _parse_rupiah(nilai)


def _parse_rupiah(nilai: object) -> HasilRupiah:
    hasil = _baca(nilai)
    if hasil.nilai is None:
        return HasilRupiah(None, hasil.status, hasil.pesan)
    bulat = hasil.nilai.to_integral_value()
    if bulat == hasil.nilai or (isinstance(nilai, float) and abs(hasil.nilai - bulat) < Decimal("1e-6")):
        if abs(bulat) > RUPIAH_MAKS:
            pesan = (f"lebih dari {_format_ribuan(RUPIAH_MAKS)} (seribu triliun), jumlah Rupiah terbesar yang dapat "
                     "disimpan dan dijumlahkan dengan tepat.")
            return HasilRupiah(None, STATUS_TERLALU_BESAR, pesan)
        if bulat == hasil.nilai:
            return HasilRupiah(int(bulat), hasil.status, hasil.pesan)
        return HasilRupiah(int(bulat), hasil.status, f"Nilai {nilai!r} dibulatkan ke {int(bulat)}.")
    tampil = repr(nilai) if isinstance(nilai, numbers.Real) else f"'{nilai}' dibaca {_format_desimal(hasil.nilai)}"
    pesan = f"{tampil}: jumlah Rupiah harus bilangan bulat."
    return HasilRupiah(None, STATUS_BUKAN_BILANGAN_BULAT, pesan)


def _format_ribuan(n: int) -> str:
    tanda = "-" if n < 0 else ""
    return tanda + f"{abs(n):,}".replace(",", ".")


def _format_desimal(angka: Decimal) -> str:
    bulat, _, pecahan = f"{abs(angka):f}".partition(".")
    teks = _format_ribuan(int(bulat)) + ("," + pecahan if pecahan else "")
    return ("-" if angka < 0 else "") + teks


def format_rupiah(n: int) -> str:
    """Write a whole amount in Indonesian style: 2080252824 -> '2.080.252.824', -1000 -> '-1.000'.

    Accepts int and numpy integers; raises TypeError for anything else (bool, float, None).
    Round trip: parse_rupiah(format_rupiah(n)).nilai == n.
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"format_rupiah: bilangan bulat diharapkan, bukan {type(n).__name__}")
    return _format_ribuan(int(n))


# ---------------------------------------------------------------------------------------------- targets

_ANGKA = r"[-−]?\d(?:[\d.,]*\d)?"
_RE_INDEKS = re.compile(rf"({_ANGKA})\s*\(\s*([A-Ea-e]{{1,2}}[+-]?)\s*\)")
_RE_PERSEN = re.compile(rf"({_ANGKA})\s*%")
_RE_GABUNGAN = re.compile(rf"({_ANGKA})\s*([^\d/]+?)\s*/\s*({_ANGKA})\s*([^\d/]+)")
_RE_JUMLAH = re.compile(rf"({_ANGKA})\s*([^\d]*[^\W\d_][^\d]*)")
_RE_STRIP_SATUAN = re.compile(r"[-–—]\s*([^\W\d_][^\d]*)")


def _gabung(*bagian: tuple[str, str | None]) -> tuple[str, str | None]:
    """Combine (status, pesan) pairs: the worst status, the messages joined."""
    status = min((s for s, _ in bagian), key=_URUTAN_STATUS.index)
    pesan = " ".join(p for _, p in bagian if p)
    return status, pesan or None


def _status_angka(bacaan: HasilAngka) -> tuple[str, str | None]:
    """A number inside a target: 'kosong'/'na'/'strip' inside a target are unreadable."""
    if bacaan.status in (STATUS_OK, STATUS_PEMISAH_CAMPURAN, STATUS_AMBIGU, STATUS_TIDAK_TERBACA):
        return bacaan.status, bacaan.pesan
    return STATUS_TIDAK_TERBACA, bacaan.pesan


def _satuan(teks: str) -> tuple[str, tuple[str, str | None]]:
    """Normalise a unit inside a target: (name to keep, (status, pesan))."""
    nama, status = normalize_satuan(teks)
    terlipat = " ".join(teks.split())
    if nama is None:
        return terlipat, (STATUS_SATUAN_TIDAK_DIKENAL, f"Satuan '{terlipat}' tidak dikenal; disimpan apa adanya.")
    if status == STATUS_DIPERBAIKI:
        return nama, (STATUS_SATUAN_DIPERBAIKI, f"Satuan '{terlipat}' dibaca sebagai '{nama}'.")
    return nama, (STATUS_OK, None)


def _target_kosong(status: str, pesan: str | None, satuan: str | None = None) -> HasilTarget:
    return HasilTarget(None, satuan, JENIS_KOSONG, status, pesan)


def _target_persen(m: re.Match[str]) -> HasilTarget:
    angka = parse_angka(m.group(1))
    status, pesan = _status_angka(angka)
    return HasilTarget(angka.nilai, "Persen", JENIS_PERSEN, status, pesan)


def _target_indeks(m: re.Match[str]) -> HasilTarget:
    angka = parse_angka(m.group(1))
    status, pesan = _status_angka(angka)
    return HasilTarget(angka.nilai, "Indeks", JENIS_INDEKS, status, pesan, keterangan=m.group(2).upper())


def _target_gabungan(m: re.Match[str]) -> HasilTarget:
    angka1, angka2 = parse_angka(m.group(1)), parse_angka(m.group(3))
    satuan1, catatan1 = _satuan(m.group(2))
    satuan2, catatan2 = _satuan(m.group(4))
    status, pesan = _gabung(_status_angka(angka1), _status_angka(angka2), catatan1, catatan2)
    satuan = f"{satuan1}/{satuan2}"
    return HasilTarget(angka1.nilai, satuan, JENIS_GABUNGAN, status, pesan, nilai2=angka2.nilai)


def _target_jumlah(m: re.Match[str]) -> HasilTarget:
    angka = parse_angka(m.group(1))
    satuan, catatan = _satuan(m.group(2))
    status, pesan = _gabung(_status_angka(angka), catatan)
    jenis = JENIS_PERSEN if satuan == "Persen" else JENIS_GABUNGAN if "/" in satuan else JENIS_JUMLAH
    return HasilTarget(angka.nilai, satuan, jenis, status, pesan)


def _target_angka(angka: HasilAngka, teks: object) -> HasilTarget:
    """A bare number (text or numeric cell) or an empty, '-' or 'N/A' cell."""
    if angka.status == STATUS_STRIP:
        return _target_kosong(STATUS_STRIP, f"'{teks}': tanda strip, tidak ada target.")
    if angka.status in (STATUS_KOSONG, STATUS_NA):
        return _target_kosong(angka.status, angka.pesan)
    if angka.nilai is None:
        return HasilTarget(None, None, JENIS_JUMLAH, *_status_angka(angka))
    status, pesan = _gabung(_status_angka(angka), (STATUS_TANPA_SATUAN, "Target tanpa satuan."))
    return HasilTarget(angka.nilai, None, JENIS_JUMLAH, status, pesan)


@lru_cache(maxsize=8192)
def _parse_target_teks(teks: str) -> HasilTarget:
    """parse_target for a text cell (cached: results are immutable)."""
    t = " ".join(teks.translate(_SPASI_KHUSUS).split())
    angka = parse_angka(t)
    if angka.status in (STATUS_KOSONG, STATUS_NA, STATUS_STRIP) or angka.nilai is not None:
        return _target_angka(angka, t)
    strip_satuan = _RE_STRIP_SATUAN.fullmatch(t)
    satuan_strip = normalize_satuan(strip_satuan.group(1))[0] if strip_satuan else None
    if satuan_strip:
        return _target_kosong(STATUS_STRIP, f"'{t}': tanda strip, tidak ada target.", satuan_strip)
    for pola, baca in ((_RE_INDEKS, _target_indeks), (_RE_PERSEN, _target_persen),
                       (_RE_GABUNGAN, _target_gabungan), (_RE_JUMLAH, _target_jumlah)):
        m = pola.fullmatch(t)
        if m:
            return baca(m)
    if _BENTUK.fullmatch(t.lstrip("-−")):
        return _target_angka(angka, t)
    pesan = f"Target '{t}' tidak berisi angka dan satuan yang terbaca."
    return HasilTarget(None, None, JENIS_TEKS, STATUS_TIDAK_TERBACA, pesan)


def parse_target(teks: object) -> HasilTarget:
    """Read a Renja target ('12 Laporan', '66,67%', '12 Orang/ 12 Bulan', '60.5 (B-)', 'N/A'); never raises.

    jenis is one of JENIS_TARGET, status one of STATUS_TARGET (the worst of the number's and the unit's).
    Numbers are read by parse_angka; units by normalize_satuan (unknown units kept as typed, whitespace folded,
    status 'satuan-tidak-dikenal').  Empty, '-', '- Dokumen' and 'N/A' give jenis 'kosong' and nilai None (status
    'kosong', 'strip' or 'na'; '- Dokumen' keeps satuan 'Dokumen').  A bare number has satuan None and status
    'tanpa-satuan'.  A numeric cell is a bare number: a percent-formatted Excel cell arrives as a fraction (1.0 for
    100%), so convert such cells before calling.
    """
    if isinstance(teks, str):
        return _parse_target_teks(teks)
    return _target_angka(parse_angka(teks), teks)


# ---------------------------------------------------------------------------------------------- frames


DTYPE_TEKS = pd.api.types.pandas_dtype("str")  # what dtype="str" gives: the text columns of these frames


def _teks(nilai: list[str | None]):
    """A text column's array (missing as NaN), made without a Series: the frame is built once from its arrays."""
    return pd.array(nilai, dtype=DTYPE_TEKS)


def angka_series(s: pd.Series) -> pd.DataFrame:
    """parse_angka over a Series: columns nilai (Float64), status, pesan (str; missing as NaN); same index."""
    hasil = [parse_angka(v) for v in s.tolist()]
    return pd.DataFrame({
        "nilai": pd.array([h.nilai for h in hasil], dtype="Float64"),
        "status": _teks([h.status for h in hasil]),
        "pesan": _teks([h.pesan for h in hasil]),
    }, index=s.index, copy=False)


def rupiah_series(s: pd.Series) -> pd.DataFrame:
    """parse_rupiah over a Series: columns nilai (Int64), status, pesan (str; missing as NaN); same index."""
    hasil = [parse_rupiah(v) for v in s.tolist()]
    return pd.DataFrame({
        "nilai": pd.array([h.nilai for h in hasil], dtype="Int64"),
        "status": _teks([h.status for h in hasil]),
        "pesan": _teks([h.pesan for h in hasil]),
    }, index=s.index, copy=False)


def target_series(s: pd.Series) -> pd.DataFrame:
    """parse_target over a Series; same index.

    Columns: nilai (Float64), satuan, jenis, status, pesan (str; missing as NaN), nilai2 (Float64), keterangan (str).
    """
    hasil = [parse_target(v) for v in s.tolist()]
    teks = {kolom: _teks([getattr(h, kolom) for h in hasil])
            for kolom in ("satuan", "jenis", "status", "pesan", "keterangan")}
    return pd.DataFrame({
        "nilai": pd.array([h.nilai for h in hasil], dtype="Float64"),
        "satuan": teks["satuan"],
        "jenis": teks["jenis"],
        "status": teks["status"],
        "pesan": teks["pesan"],
        "nilai2": pd.array([h.nilai2 for h in hasil], dtype="Float64"),
        "keterangan": teks["keterangan"],
    }, index=s.index, copy=False)
