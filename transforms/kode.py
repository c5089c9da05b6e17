"""Normalise hand-typed kode (``7.01.01.202.01``, ``7 0 0 2 0 7``, ``7.01.06.2`` …) to the nomenclature form.

Every repair is named (rule codes of schemas.kode.ATURAN_KODE) so that the user sees what changed.  Where a
text can be read in more than one way, the reading that fits under the item above it in the table (the
``konteks``: kode of the enclosing program or kegiatan) wins; with no context, the reading with the
kabupaten/kota level digit wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from schemas.kode import DIGIT_LEVEL_BAKU, DIGIT_LEVEL_SAH, DIGIT_SUB_KEGIATAN, LEVEL_DARI_JUMLAH_BAGIAN

KOSONG, OK, DIPERBAIKI, TIDAK_TERBACA = "kosong", "ok", "diperbaiki", "tidak-terbaca"
KONVENSI = frozenset({"sub-dua-digit"})  # changes of writing convention, not repairs


@dataclass(frozen=True)
class HasilKode:
    kode: str | None
    level: str | None
    aturan: tuple[str, ...]
    status: str

    @property
    def diperbaiki(self) -> bool:
        return any(a not in KONVENSI for a in self.aturan)


def normalize_kode(nilai, konteks: str | None = None, digit_sub: int = DIGIT_SUB_KEGIATAN) -> HasilKode:
    """Read a kode cell value; ``konteks`` is the normalised kode of the nearest enclosing item, if known."""
    teks, aturan = _sebagai_teks(nilai)
    if not teks:
        return HasilKode(None, None, (), KOSONG)
    token, aturan_token = _token(teks)
    if token is None:
        return HasilKode(None, None, (), TIDAK_TERBACA)
    bacaan = [b for b in _bacaan(token, konteks, digit_sub) if b is not None]
    if not bacaan:
        return HasilKode(None, None, (), TIDAK_TERBACA)
    bagian, aturan_baca = max(bacaan, key=lambda b: _skor(b[0], b[1], konteks))
    kode = ".".join(bagian)
    semua = tuple(dict.fromkeys((*aturan, *aturan_token, *aturan_baca)))
    status = DIPERBAIKI if any(a not in KONVENSI for a in semua) else OK
    return HasilKode(kode, LEVEL_DARI_JUMLAH_BAGIAN[len(bagian)], semua, status)


def level_kode(kode: str | None) -> str | None:
    """Level of a normalised kode from its number of parts (None for no kode, NaN included)."""
    return LEVEL_DARI_JUMLAH_BAGIAN.get(len(kode.split("."))) if isinstance(kode, str) and kode else None


def induk_kode(kode: str | None) -> str | None:
    """Kode of the parent level (``7.01.03.2.01`` → ``7.01.03``); None for an urusan or no kode (NaN included)."""
    if not isinstance(kode, str) or not kode:
        return None
    bagian = kode.split(".")
    if len(bagian) == 6:
        return ".".join(bagian[:5])
    if len(bagian) == 5:
        return ".".join(bagian[:3])
    return ".".join(bagian[:-1]) or None


def kunci_kode(kode: str | None) -> str | None:
    """Comparison key: a sub-kegiatan number written with 2 or 4 digits gives the same key."""
    if not isinstance(kode, str) or not kode:
        return None
    return _kunci_kode(kode)


@lru_cache(maxsize=1 << 16)  # a text alone decides it; a kecamatan's and the nomenclature's kodes recur many times
def _kunci_kode(kode: str) -> str:
    bagian = kode.split(".")
    if len(bagian) == 6:
        bagian[5] = str(int(bagian[5])).zfill(4)
    return ".".join(bagian)


def _sebagai_teks(nilai) -> tuple[str, tuple[str, ...]]:
    if nilai is None or (isinstance(nilai, float) and nilai != nilai):
        return "", ()
    if isinstance(nilai, bool):
        return "", ()
    if isinstance(nilai, int):
        return str(nilai), ("kode-angka",)
    if isinstance(nilai, float):
        return repr(nilai), ("kode-angka",)
    return str(nilai).strip(), ()


def _token(teks: str) -> tuple[list[str] | None, tuple[str, ...]]:
    aturan = []
    if not re.fullmatch(r"[\d.\s,]+", teks):
        return None, ()
    if re.search(r"\d\s+\d", teks):
        aturan.append("pemisah-spasi")
    if re.search(r"\.\s|\s\.", teks):
        aturan.append("spasi-berlebih")
    if re.search(r"\.\.|^\.|\.$|,", teks.replace(" ", "")):
        aturan.append("titik-berlebih")
    token = [t for t in re.split(r"[.\s,]+", teks) if t]
    return (token or None), tuple(aturan)


def _bacaan(token: list[str], konteks: str | None, digit_sub: int):
    """All plausible readings of the tokens as (parts, rules)."""
    if len(token[0]) != 1:
        return []
    awal, aturan = [token[0]], []
    konteks_bagian = konteks.split(".") if konteks else []
    sisa = token[1:]
    for posisi in (1, 2):  # bidang, program: two digits each
        if not sisa:
            return [(awal, aturan)]
        t, sisa = sisa[0], sisa[1:]
        if t.strip("0") == "" and len(t) < 2:
            dari = konteks_bagian[posisi] if len(konteks_bagian) > posisi else "01"
            awal.append(dari)
            aturan.append("nol-dilengkapi")
        elif len(t) == 1:
            awal.append(t.zfill(2))
            aturan.append("nol-depan")
        elif len(t) == 2:
            awal.append(t)
        else:
            return []
    return [_baca_sisa(awal, aturan, sisa, cara, digit_sub) for cara in ("biasa", "dua-digit", "hilang")]


def _baca_sisa(awal, aturan, sisa, cara, digit_sub):
    """Read level digit, kegiatan and sub-kegiatan numbers after the program."""
    aturan = list(aturan)
    if not sisa:
        return (awal, aturan) if cara == "biasa" else None
    t0, rest = sisa[0], sisa[1:]
    if cara == "biasa":
        if len(t0) == 1:
            level = t0
        elif len(t0) == 3 and t0[0] in DIGIT_LEVEL_SAH:
            level, rest = t0[0], [t0[1:], *rest]
            aturan.append("level-menyatu")
        else:
            return None
    elif cara == "dua-digit":
        if not (len(t0) == 2 and t0[0] == "0" and t0[1] in DIGIT_LEVEL_SAH and rest):
            return None
        level = t0[1]
        aturan.append("level-dua-digit")
    else:
        if len(t0) != 2:
            return None
        level, rest = DIGIT_LEVEL_BAKU, sisa
        aturan.append("level-hilang")
    if level not in DIGIT_LEVEL_SAH:
        return None
    if not rest:
        aturan.append("level-tanpa-kegiatan")
        return awal, aturan
    kegiatan, rest = _gabung_satu_digit(rest, aturan)
    if kegiatan is None:
        return None
    bagian = [*awal, level, kegiatan]
    if not rest:
        return bagian, aturan
    if len(rest) > 1 and all(len(t) == 1 for t in rest):
        rest = ["".join(rest)]
        aturan.append("pemisah-spasi")
    if len(rest) != 1 or len(rest[0]) > 4 or int(rest[0]) == 0:
        return None
    sub = rest[0]
    if len(sub) != digit_sub:
        if len(sub) == 2 and digit_sub == 4:
            aturan.append("sub-dua-digit")
        elif not (len(sub) == 4 and digit_sub == 2 and sub.startswith("00")):
            aturan.append("nol-depan")
        sub = str(int(sub)).zfill(digit_sub)
    return [*bagian, sub], aturan


def _gabung_satu_digit(rest, aturan):
    """Kegiatan number: two digits, or two single digits separated by a space (``0 7``)."""
    t = rest[0]
    if len(t) == 2:
        return t, rest[1:]
    if len(t) == 1 and len(rest) >= 2 and len(rest[1]) == 1:
        if "pemisah-spasi" not in aturan:
            aturan.append("pemisah-spasi")
        return t + rest[1], rest[2:]
    if len(t) == 1:
        aturan.append("nol-depan")
        return t.zfill(2), rest[1:]
    return None, rest


def _skor(bagian: list[str], aturan: list[str], konteks: str | None) -> tuple:
    """Prefer a reading that fits where it stands in the table, then the baku level digit, then fewer repairs.

    Fit: a direct child of the context item (3), a sibling of it or of one of its ancestors (2), anywhere
    below it (1), elsewhere (0).
    """
    kode = ".".join(bagian)
    cocok = 0
    if konteks:
        leluhur, k = set(), konteks
        while k:
            leluhur.add(k)
            k = induk_kode(k)
        induk = induk_kode(kode)
        if induk == konteks:
            cocok = 3
        elif induk in leluhur or (induk is None and len(bagian) == 1):
            cocok = 2
        elif kode.startswith(konteks + "."):
            cocok = 1
    baku = len(bagian) < 4 or bagian[3] == DIGIT_LEVEL_BAKU
    return (cocok, baku, -len(set(aturan)))
