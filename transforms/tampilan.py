"""A number as its Excel number format shows it, when the format adds a unit or is a percent (``teks_tampilan``):
the text the transforms parse as a target.  Pure: the format code and the value in, a text (or None) out."""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

DESIMAL_PERSEN = 4  # a real percent format shows value × 100 with up to this many decimals (more if it says so)
_MATA_UANG = re.compile(r"(rp\.?|idr|usd|\$|€)", re.IGNORECASE)  # a literal that is a currency, not a unit
_LITERAL_POLOS = set(" $-+():^'{}<>=!&~")  # characters Excel shows as they are without quotes
_KURUNG_BIASA = re.compile(r"\$-[0-9A-Fa-f]+|black|blue|cyan|green|magenta|red|white|yellow|color\d+",
                           re.IGNORECASE)  # brackets that change nothing in the text: a locale, a colour


def teks_tampilan(nilai: int | float, format_angka: str) -> str | None:
    """The display text of a number under a format with a unit literal or a real percent (the rules: flows.langkah.pembaca's docstring);
    None when the number should stay a number.

    ``teks_tampilan(12, '0" Laporan"')`` → '12 Laporan'; ``(66.67, '0.##"%"')`` → '66.67%'; ``(0.6667, '0%')`` →
    '66.67%'; ``(2080252824, '#,##0')`` → None."""
    if isinstance(nilai, bool) or not isinstance(nilai, (int, float)) or not math.isfinite(nilai):
        return None
    pola = _pola_format(format_angka)
    if pola is None:
        return None
    if len(pola) == 1 or (nilai > 0 or (nilai == 0 and len(pola) == 2)):
        bagian = pola[0]  # Excel: positive;negative;zero — one section for all, zero in the first of two
    else:
        bagian = pola[1] if nilai < 0 else pola[2]
    if bagian is None:
        return None
    tanda = "-" if nilai < 0 and len(pola) == 1 else ""  # a negative section shows its own sign
    token, persen, min_bulat, min_desimal, maks_desimal = bagian
    x = abs(Decimal(repr(nilai)) if isinstance(nilai, float) else Decimal(nilai))
    if persen:
        x *= 100 ** persen
        maks_desimal = max(maks_desimal, DESIMAL_PERSEN)
    try:
        angka = _tulis_angka(x, min_bulat, min_desimal, maks_desimal)
    except InvalidOperation:
        return None
    if tanda and angka.strip("0.") == "":
        tanda = ""  # no '-0'
    teks = "".join(angka if t is None else t for t in token).strip()
    return tanda + teks


def _tulis_angka(x: Decimal, min_bulat: int, min_desimal: int, maks_desimal: int) -> str:
    """``x`` (not negative) rounded half up to ``maks_desimal`` decimals, trailing zeros dropped down to
    ``min_desimal``, at least ``min_bulat`` (≥ 1) integer digits; three decimals after 1-3 digits get a fourth 0."""
    x = x.quantize(Decimal(1).scaleb(-maks_desimal), rounding=ROUND_HALF_UP)
    bulat, _, pecahan = f"{x:f}".partition(".")
    pecahan = pecahan.rstrip("0").ljust(min_desimal, "0")
    bulat = bulat.zfill(max(min_bulat, 1))
    if len(pecahan) == 3 and len(bulat) <= 3 and bulat[0] != "0":
        pecahan += "0"
    return bulat + ("." + pecahan if pecahan else "")


def format_bermakna(format_angka: str) -> bool:
    """Whether a number format may turn a number into text (teks_tampilan)."""
    pola = _pola_format(format_angka)
    return pola is not None and any(b is not None for b in pola)


@lru_cache(maxsize=1024)
def _pola_format(format_angka: str):
    """The number sections of a format (at most 3), each None (keep the number) or a tuple (token, persen, min_bulat,
    min_desimal, maks_desimal) where token lists the literal texts and None for the number; None when no section
    may give a text."""
    if not format_angka or format_angka.lower() == "general":
        return None
    bagian = tuple(_pola_bagian(b) for b in _pisah_bagian(format_angka)[:3])
    return bagian if any(b is not None for b in bagian) else None


def _pisah_bagian(format_angka: str) -> list[str]:
    """The ';'-separated sections of a format (a ';' quoted or escaped does not separate)."""
    bagian, awal, i, kutip = [], 0, 0, False
    while i < len(format_angka):
        c = format_angka[i]
        if c == '"':
            kutip = not kutip
        elif not kutip and c == "\\":
            i += 1
        elif not kutip and c == ";":
            bagian.append(format_angka[awal:i])
            awal = i + 1
        i += 1
    return [*bagian, format_angka[awal:]]


def _pola_bagian(teks: str):
    """One section as (token, persen, min_bulat, min_desimal, maks_desimal), or None when the number stays a
    number: no digits; neither a percent nor a literal with a letter, digit or '%' (``0"."`` stays 1); only a
    currency; anything not understood."""
    token: list[str | None] = []
    literal, angka, persen, i = [], None, 0, 0
    while i < len(teks):
        c = teks[i]
        if c == '"':
            j = teks.find('"', i + 1)
            j = len(teks) if j < 0 else j
            token.append(teks[i + 1:j])
            literal.append(teks[i + 1:j])
            i = j + 1
        elif c == "\\":
            token.append(teks[i + 1:i + 2])
            literal.append(teks[i + 1:i + 2])
            i += 2
        elif c == "[":
            j = teks.find("]", i)
            if j < 0 or not _KURUNG_BIASA.fullmatch(teks[i + 1:j]):
                return None  # a currency ('[$Rp-421]'), a condition, an elapsed time, a calendar
            i = j + 1
        elif c == "_":
            token.append(" ")
            i += 2
        elif c == "*":
            i += 2
        elif c in "0#?.,":
            j = i
            while j < len(teks) and teks[j] in "0#?.,":
                j += 1
            if angka is not None:
                return None  # digits split by a literal ('000-000'): not a unit
            angka = teks[i:j]
            token.append(None)
            i = j
        elif c == "%":
            token.append("%")
            persen += 1
            i += 1
        elif c in _LITERAL_POLOS:
            token.append(c)
            i += 1
        else:
            return None  # dates, times, fractions ('/'), scientific, '@', General inside a section
    lit = "".join(literal).strip()
    satuan = re.search(r"[^\W_]|%", lit) is not None and not _MATA_UANG.fullmatch(lit)
    if angka is None or not (satuan or persen):
        return None
    bulat, _, pecahan = angka.partition(".")
    if "." in pecahan or "," in pecahan or bulat.endswith(",") or not re.search("[0#?]", angka):
        return None  # two points, scaling by thousands ('#,##0,'), no digit: not understood
    return (tuple(token), persen, bulat.count("0"), pecahan.count("0"), len(pecahan))
