"""Names folded and compared for matching — the one module every name matcher of the project uses.

Two foldings, both built on transforms.sel.lipat: ``lipat_nama`` (the nomenclature's: '&', PDF line breaks,
abbreviations, every leading level word; key ``kunci_nama`` without spaces) and ``lipat_tanpa_level`` (Tabel 4.1 and
T-C.31 against T-C.33, and T-C.31's two halves: one leading level word dropped).  Two scores: ``skor_lipat`` /
``skor_nama`` / ``skor_banyak`` (rapidfuzz's normalised Indel similarity of the keys, rounded to 4 decimals: every
nomenclature decision) and ``rasio_teks`` (difflib's ratio: the score Tabel 4.1's ``skor`` and T-C.31's
``kemiripan_nama``/``skor_cocok`` write, found through rapidfuzz: ``batas_rasio`` bounds it for many names in one
``rapidfuzz.process.cdist`` call, so that the exact ratio is computed only for the few names that can be the best).
``mirip_teratas`` is the prepared search of region names (transforms.wilayah: ``rapidfuzz.process.extract``).
"""
from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from schemas.nomenklatur import AWALAN_LEVEL, SINGKATAN
from transforms.sel import lipat, teks


def lipat_nama(nama) -> str:
    """A name folded for matching (both sides the same way): lower-case ASCII, punctuation as spaces ('&' = 'dan'),
    a lone letter joined to the word before it (PDF line breaks: 'Pemeliharaa n', 'dokume n'), the abbreviations of
    ``schemas.nomenklatur.SINGKATAN`` written out, leading level words ('Program X', 'Kegiatan X', 'Sub Kegiatan X'
    are 'x') dropped.  Idempotent; never raises: any value gives a string ('' for nothing)."""
    if type(nama) is str:
        return _lipat_nama_teks(nama)
    try:
        mentah = teks(nama)
    except Exception:  # a value whose str() fails
        return ""
    return _lipat_nama_teks(mentah)


@lru_cache(maxsize=1 << 16)
def _lipat_nama_teks(nama: str) -> str:
    """``lipat_nama`` of a text (cached: names repeat across tables, kecamatan and the nomenclature's lists)."""
    mentah = teks(nama)
    kata: list[str] = []
    for k in lipat(mentah.replace("&", " dan ")).split():
        if len(k) == 1 and k.isalpha() and kata and kata[-1].isalpha():
            kata[-1] += k
        else:
            kata.append(k)
    hasil = " ".join(SINGKATAN.get(k, k) for k in kata)
    while True:
        awalan = next((a for a in AWALAN_LEVEL if hasil.startswith(a + " ")), None)
        if awalan is None:
            return hasil
        hasil = hasil[len(awalan) + 1:]


def kunci_nama(nama) -> str:
    """``lipat_nama`` without spaces: the equality key (a space typed inside a word makes no difference)."""
    return lipat_nama(nama).replace(" ", "")


def skor_kunci(ka: str, kb: str) -> float:
    """Similarity 0-1 of two keys (``kunci_nama``): 1.0 when equal, 0.0 when one is empty, else rapidfuzz's
    normalised Indel similarity (``fuzz.ratio / 100``) rounded to 4 decimals."""
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    return round(fuzz.ratio(ka, kb) / 100, 4)


def skor_lipat(a: str, b: str) -> float:
    """Similarity 0-1 of two folded names (``lipat_nama``): ``skor_kunci`` of their keys (spaces removed, so a split
    word or a slip of one letter costs little)."""
    if not a or not b:
        return 0.0
    return skor_kunci(a.replace(" ", ""), b.replace(" ", ""))


def skor_nama(a, b) -> float:
    """Similarity 0-1 of two names after folding (``skor_lipat``): 1.0 for names equal after folding."""
    return skor_lipat(lipat_nama(a), lipat_nama(b))


def skor_banyak(kunci: str, pilihan: Sequence[str]) -> list[float]:
    """``skor_kunci(kunci, p)`` for every key ``p`` of ``pilihan``, in order, computed in one
    ``rapidfuzz.process.cdist`` call (float64, so the values are those of ``fuzz.ratio``)."""
    if not pilihan:
        return []
    if not kunci:
        return [0.0] * len(pilihan)
    mentah = process.cdist([kunci], list(pilihan), scorer=fuzz.ratio, dtype=np.float64)[0]
    return [0.0 if not p else 1.0 if p == kunci else round(float(s) / 100, 4) for p, s in zip(pilihan, mentah)]


def lipat_tanpa_level(nama) -> str:
    """A name folded by transforms.sel.lipat without one leading level word ('Program X', 'Kegiatan X', 'Sub
    Kegiatan X' are 'x'): T-C.31 and Tabel 4.1 write a name with or without it."""
    t = lipat(nama)
    for awalan in AWALAN_LEVEL:  # 'sub kegiatan' before 'kegiatan'
        if t.startswith(awalan + " "):
            return t[len(awalan) + 1:]
    return t


@lru_cache(maxsize=1 << 14)  # names repeat: a T-C.31's two halves, the same items in many kecamatan
def rasio_teks(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b).ratio()``, unrounded: 2·M / (len a + len b), M the characters of its
    matching blocks (1.0 for two empty texts).  Two equal texts shorter than 200 characters give 1.0 without
    difflib (from 200 on, difflib's automatic junk heuristic can leave equal texts below 1)."""
    if a == b and len(a) < 200:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def batas_rasio(a: str, pilihan: Sequence[str]) -> list[float]:
    """For every text ``b`` of ``pilihan``, in order, an upper bound of ``rasio_teks(a, b)``: 2·L / (len a + len b)
    with L the length of a longest common subsequence (rapidfuzz's Indel similarity, one ``process.cdist`` call).
    difflib's matching blocks are a common subsequence, so M ≤ L and ratio ≤ bound — computed as difflib computes
    its ratio (``2.0 * n / total``), so also as floats and after the same rounding; 1.0 for two empty texts."""
    if not pilihan:
        return []
    lcs2 = process.cdist([a], list(pilihan), scorer=Indel.similarity, dtype=np.int64)[0]
    return [2.0 * (int(s) // 2) / (len(a) + len(b)) if (len(a) + len(b)) else 1.0 for s, b in zip(lcs2, pilihan)]


def mirip_teratas(teks_dicari: str, pilihan: Sequence[str], jumlah: int,
                  ambang: float | None = None) -> list[tuple[str, float]]:
    """The ``jumlah`` texts of ``pilihan`` most like ``teks_dicari`` (rapidfuzz ``process.extract``, ``fuzz.ratio``,
    score 0-100, best first; at least ``ambang`` × 100 when given) as (text, score)."""
    cutoff = None if ambang is None else ambang * 100
    return [(t, s) for t, s, _ in process.extract(teks_dicari, pilihan, scorer=fuzz.ratio, limit=jumlah,
                                                  score_cutoff=cutoff)]
