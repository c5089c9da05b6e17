"""The prepared search of the nomenclature: the candidates whose names are most like a name, and the one it decides.

``cari_kode`` (best candidates under a kode), ``siapkan_daftar`` (the list prepared once for many names:
``DaftarSiap``, its answers remembered), ``calon_pasti`` (the item a name decides by itself, used for rows without
kode: transforms.menurut_nama); names are folded and scored by transforms.nama.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from schemas.kode import DIGIT_LEVEL_BAKU
from schemas.nomenklatur import AMBANG_KODE_DARI_NAMA, AMBANG_SELISIH, JUMLAH_CALON, TANPA_CALON
from transforms.kode import kunci_kode
from transforms.nama import kunci_nama, lipat_nama, skor_banyak
from transforms.nomenklatur.daftar import nilai_teks
from transforms.rekaman import baris_dict


@dataclass(frozen=True)
class Calon:
    """A nomenclature item proposed for a name: its kode, official name, level and similarity score 0-1."""

    kode: str
    nama: str
    level: str
    skor: float


def siapkan_nomenklatur(nomenklatur: pd.DataFrame) -> pd.DataFrame:
    """The list with its matching keys (columns ``_kunci_kode``, ``_lipat``, ``_kunci_nama``); a prepared list is
    returned as it is, so that callers matching many names fold the list once."""
    if "_kunci_nama" in nomenklatur.columns:
        return nomenklatur
    df = nomenklatur.reset_index(drop=True)
    lipatan = [lipat_nama(n) for n in df["nama"]]
    return df.assign(_kunci_kode=[kunci_kode(nilai_teks(k)) for k in df["kode"]], _lipat=lipatan,
                     _kunci_nama=[t.replace(" ", "") for t in lipatan])


def cari_kode(nama, level: str | None, nomenklatur: pd.DataFrame, dalam: str | None = None, *,
              utamakan: str | None = None, jumlah: int = JUMLAH_CALON,
              level_boleh: Sequence[str] | None = None) -> list[Calon]:
    """The ``jumlah`` nomenclature items whose names are most like ``nama``, best first.

    Only items of ``level`` (any level when None, or those of ``level_boleh``) strictly under the kode ``dalam``
    (e.g. the program the row sits in; the whole list when None).  Order: score, then (on equal scores) items under
    ``utamakan`` (e.g. the kegiatan the row sits in), then the kabupaten/kota level digit, then the kode.  Items
    whose names fold the same appear once (the first in that order), so the second candidate is always another
    name.  Items scoring 0 are left out."""
    df = siapkan_nomenklatur(nomenklatur)
    if not lipat_nama(nama) or df.empty:
        return []
    return _cari(nama, level, DaftarSiap(df), dalam, utamakan=utamakan, jumlah=jumlah, level_boleh=level_boleh)


class DaftarSiap:
    """A list prepared for matching many names against it (``siapkan_daftar``): the rows in list order as plain
    records, indexed by level and by every kode above them, so that ``_cari`` filters without pandas; ``resmi``: kode
    key → the entry (a dict of the prepared row).  Built once per run (or per part of kecamatan) from one frame and
    used while that frame does not change; the answers of ``_cari`` are remembered in it (the same names come back
    in every table and every kecamatan)."""

    def __init__(self, df: pd.DataFrame):
        df = siapkan_nomenklatur(df)
        self.frame = df
        self.kosong = df.empty
        self.baris = list(zip(df["kode"], df["nama"], df["level"], df["_lipat"], df["_kunci_nama"]))
        self.per_level: dict = {}  # _kunci_isin(level) -> row numbers in list order
        for i, lv in enumerate(df["level"]):
            self.per_level.setdefault(_kunci_isin(lv), []).append(i)
        self.per_awal: dict[str, list[int]] = {}  # k -> rows whose _kunci_kode starts with k + '.'
        for i, kk in enumerate(df["_kunci_kode"]):
            if isinstance(kk, str):
                for j, huruf in enumerate(kk):
                    if huruf == ".":
                        self.per_awal.setdefault(kk[:j], []).append(i)
        self.kunci = [_kunci_baris(k) for k in df["kode"]]
        self._pilihan: dict[tuple, list[int]] = {}
        self.hasil: dict[tuple, list[Calon]] = {}  # _cari's answers: the same question is asked in every round

    def cari(self, nama, level: str | None, dalam: str | None = None, *, utamakan: str | None = None,
             jumlah: int = JUMLAH_CALON, level_boleh: Sequence[str] | None = None) -> list[Calon]:
        """``cari_kode`` on this list (answers remembered)."""
        return _cari(nama, level, self, dalam, utamakan=utamakan, jumlah=jumlah, level_boleh=level_boleh)

    @functools.cached_property
    def resmi(self) -> dict[str, dict]:
        return {k: r for k, r in zip(self.frame["_kunci_kode"], baris_dict(self.frame)) if k}

    def pilih(self, level, level_boleh: Sequence[str] | None, awal: str | None) -> list[int]:
        """Row numbers (list order) of ``df['level'] == level`` (or ``.isin(level_boleh)``, or every level) and
        ``df['_kunci_kode'].str.startswith(awal + '.', na=False)`` when ``awal``."""
        if level is not None:
            izin = None if _hilang(level) else [_kunci_isin(level)]  # '==': a missing value equals nothing
        elif level_boleh is not None:
            izin = list(dict.fromkeys(_kunci_isin(v) for v in level_boleh))
        else:
            izin = ...
        kunci = (tuple(izin) if isinstance(izin, list) else izin, awal)
        try:
            return self._pilihan[kunci]
        except KeyError:
            pass
        except TypeError:  # an unhashable level: no cache
            kunci = None
        if izin is None:
            hasil = []
        elif izin is ...:
            hasil = self.per_awal.get(awal, []) if awal else list(range(len(self.baris)))
        else:
            baris_level = sorted(i for k in izin for i in self.per_level.get(k, ()))
            if awal:
                bawah = set(self.per_awal.get(awal, ()))
                baris_level = [i for i in baris_level if i in bawah]
            hasil = baris_level
        if kunci is not None:
            self._pilihan[kunci] = hasil
        return hasil


def siapkan_daftar(nomenklatur: pd.DataFrame | DaftarSiap) -> DaftarSiap:
    """The list prepared for matching (``DaftarSiap``); a prepared one is returned as it is."""
    return nomenklatur if isinstance(nomenklatur, DaftarSiap) else DaftarSiap(nomenklatur)


def _kunci_baris(kode) -> tuple | None:
    """(kunci_kode(kode), kunci_kode(kode) + '.', the kode has no kabupaten/kota level digit) of a list row; None
    when the kode cannot give them (``_cari`` then computes them where it needs them, failing as it always did)."""
    try:
        kk = kunci_kode(kode)
        return kk, kk + ".", not _digit_baku(kode)
    except Exception:
        return None


_NAN = object()


def _kunci_isin(v):
    """A level as ``Series.isin`` tells values apart: every NaN is one value."""
    return _NAN if isinstance(v, float) and math.isnan(v) else v


def _hilang(v) -> bool:
    """None, NaN or NA."""
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _cari(nama, level: str | None, daftar: DaftarSiap, dalam: str | None = None, *, utamakan: str | None = None,
          jumlah: int = JUMLAH_CALON, level_boleh: Sequence[str] | None = None) -> list[Calon]:
    """``cari_kode`` on a ``DaftarSiap`` (the same answer; repeated questions answered from ``daftar.hasil``)."""
    dilipat = lipat_nama(nama)
    if not dilipat or daftar.kosong:
        return []
    try:
        tanya = (dilipat, level, dalam, utamakan, jumlah, None if level_boleh is None else tuple(level_boleh))
        return list(daftar.hasil[tanya])
    except KeyError:
        pass
    except TypeError:  # an unhashable argument: not remembered
        tanya = None
    awal = kunci_kode(dalam) if isinstance(dalam, str) and dalam else None
    calon = daftar.pilih(level, level_boleh, awal or None)
    if not calon:
        return []
    utama = kunci_kode(utamakan) + "." if isinstance(utamakan, str) and utamakan else None
    ka = dilipat.replace(" ", "")
    baris = []
    for i, s in zip(calon, skor_banyak(ka, [daftar.baris[i][4] for i in calon])):
        k, _, _, _, kn = daftar.baris[i]
        if s <= 0:
            continue
        kunci = daftar.kunci[i]
        if kunci is None:  # computed as they always were (failing where they failed)
            di_utama = bool(utama) and (kunci_kode(k) + ".").startswith(utama)
            kunci = (kunci_kode(k), None, not _digit_baku(k))
        else:
            di_utama = bool(utama) and kunci[1].startswith(utama)
        baris.append((-s, not di_utama, kunci[2], kunci[0], kn, i))
    hasil, dilihat = [], set()
    for s, *_, kn, i in sorted(baris, key=lambda b: b[:4]):
        if kn in dilihat:
            continue
        dilihat.add(kn)
        k, n, lv, _, _ = daftar.baris[i]
        hasil.append(Calon(k, n, lv, -s))
        if len(hasil) >= jumlah:
            break
    if tanya is not None:
        daftar.hasil[tanya] = list(hasil)
    return hasil


def calon_pasti(nama, level: str | None, daftar: DaftarSiap, dalam: str | None = None, *,
                utamakan: str | None = None, level_boleh: Sequence[str] | None = None) -> Calon | None:
    """The item a name decides by itself (a row with no kode of its own), or None.

    The best candidate under ``dalam`` (``_cari``: of ``level``, or of ``level_boleh``) is sure when it is the name
    itself after folding, or scores at least ``AMBANG_KODE_DARI_NAMA`` and ``AMBANG_SELISIH`` above the next name —
    and no item outside ``dalam`` fits the name clearly better (the name itself, or ``AMBANG_SELISIH`` more): the
    same rule as ``normalkan_tc33`` for a row without kode."""
    calon = _cari(nama, level, daftar, dalam, utamakan=utamakan, level_boleh=level_boleh, jumlah=2)
    if not calon:
        return None
    kunci = kunci_nama(nama)
    terbaik, kedua = calon[0], (calon[1] if len(calon) > 1 else None)
    persis = kunci == kunci_nama(terbaik.nama)
    if not persis and (terbaik.skor < AMBANG_KODE_DARI_NAMA
                       or (kedua is not None and round(terbaik.skor - kedua.skor, 4) < AMBANG_SELISIH)):
        return None
    if dalam:
        luar = _cari(nama, level, daftar, None, level_boleh=level_boleh, jumlah=1)
        if luar and not (kunci_kode(luar[0].kode) + ".").startswith(kunci_kode(dalam) + "."):
            luar_persis = kunci == kunci_nama(luar[0].nama)
            if (luar_persis and not persis) or round(luar[0].skor - terbaik.skor, 4) >= AMBANG_SELISIH:
                return None
    return terbaik


def _digit_baku(kode: str) -> bool:
    bagian = kode.split(".")
    return len(bagian) < 4 or bagian[3] == DIGIT_LEVEL_BAKU


def daftar_calon(calon: list[Calon]) -> str:
    if not calon:
        return TANPA_CALON
    return "; ".join(f"{c.kode} '{c.nama}' ({teks_skor(c.skor)})" for c in calon)


def teks_skor(x: float) -> str:
    """A score as Indonesian text with two decimals: 0.9523 → '0,95'."""
    return f"{x:.2f}".replace(".", ",")

