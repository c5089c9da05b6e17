"""Read the national nomenclature from a file's cells and normalise T-C.33 codes against it, deciding by names.

Three parts, all pure:

- the list: ``nomenklatur_dari_sel(cells, merges, sumber)`` finds it in the cells of a flat CSV (``kode, level, nama,
  satuan, indikator, kinerja, catatan``) or of the lampiran workbook (URUSAN | BIDANG | PROGRAM | KEGIATAN | SUB
  KEGIATAN | NOMENKLATUR | KINERJA | INDIKATOR | SATUAN | KETERANGAN, one code part per column) and gives one frame
  with the columns of ``schemas.nomenklatur.KOLOM_NOMENKLATUR``; a bad list raises ``NomenklaturTidakValid``;
  ``gabung_nomenklatur(bawaan, operator)`` merges an operator's list into the built-in one, bidang by bidang;
- names: ``lipat_nama`` (folding), ``skor_nama`` (similarity 0-1), ``cari_kode`` (best candidates under a kode),
  ``siapkan_daftar`` (the list prepared once for many names: ``DaftarSiap``), ``calon_pasti`` (the item a name
  decides by itself, used for rows without kode: transforms.menurut_nama);
- T-C.33: ``normalkan_tc33(tidy, nomenklatur)`` checks every item's kode against its name and sets, by the name,
  the kode of an item whose kode is missing, unknown, shared with another name or not its own.
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from schemas.aturan import Temuan
from schemas.kode import DIGIT_LEVEL_BAKU, PERINGKAT
from schemas.nomenklatur import (
    ALASAN,
    AMBANG_KODE_DARI_NAMA,
    AMBANG_NAMA_SESUAI,
    AMBANG_SELISIH,
    ATURAN_KODE_DARI_NAMA,
    ATURAN_NOMENKLATUR,
    AWALAN_LEVEL,
    DIGIT_SUB_BAKU,
    JUMLAH_CALON,
    KATA_BAGIAN,
    KATA_KOLOM,
    KATA_NAMA,
    KOLOM_DATAR_WAJIB,
    KOLOM_KEYAKINAN,
    KOLOM_NOMENKLATUR,
    LABEL_LEVEL,
    LEVEL_KODE_TETAP,
    MAKS_BARIS_CARI_HEADER,
    MAKS_GALAT_DISEBUT,
    MAKS_PUTARAN,
    MIN_KATA_HEADER,
    PESAN_BACA,
    PILIHAN_DIGIT_SUB,
    SINGKATAN,
    TANPA_CALON,
    TANPA_KODE,
)
from transforms.kode import kunci_kode, level_kode, normalize_kode
from transforms.satuan import lipat as lipat_satuan
from transforms.satuan import normalize_satuan
from transforms.sel import grid, isi_merge, kosong, lipat, teks
from transforms.tabel import baris_nomor_kolom
from transforms.temuan import frame_temuan


class NomenklaturTidakValid(ValueError):
    """A nomenclature list that cannot be used; the message is Indonesian and names the file."""


# ================================================================================================== names


def bersihkan_teks(nilai) -> str | None:
    """Display text of a name: whitespace folded, a hyphen split by a line break joined ('Perundang- Undangan' →
    'Perundang-Undangan', 'DPA- SKPD' → 'DPA-SKPD'); None for an empty cell."""
    t = teks(nilai)
    if not t:
        return None
    return re.sub(r"(?<=\w)- (?=\w)", "-", t)


def lipat_nama(nama) -> str:
    """A name folded for matching (both sides the same way): lower-case ASCII, punctuation as spaces ('&' = 'dan'),
    a lone letter joined to the word before it (PDF line breaks: 'Pemeliharaa n', 'dokume n'), the abbreviations of
    ``schemas.nomenklatur.SINGKATAN`` written out, leading level words ('Program X', 'Kegiatan X', 'Sub Kegiatan X'
    are 'x') dropped.  Idempotent; never raises: any value gives a string ('' for nothing)."""
    try:
        mentah = teks(nama)
    except Exception:  # a value whose str() fails
        return ""
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


def skor_lipat(a: str, b: str) -> float:
    """Similarity 0-1 of two folded names (``lipat_nama``): rapidfuzz's normalised Indel similarity of their keys
    (spaces removed, so a split word or a slip of one letter costs little), 1.0 when the keys are equal, 0.0 when one
    is empty."""
    if not a or not b:
        return 0.0
    ka, kb = a.replace(" ", ""), b.replace(" ", "")
    if ka == kb:
        return 1.0
    return round(fuzz.ratio(ka, kb) / 100, 4)


def skor_nama(a, b) -> float:
    """Similarity 0-1 of two names after folding (``skor_lipat``): 1.0 for names equal after folding."""
    return skor_lipat(lipat_nama(a), lipat_nama(b))


# ============================================================================================== candidates


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
    return df.assign(_kunci_kode=[kunci_kode(_str(k)) for k in df["kode"]], _lipat=lipatan,
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
        return {k: r for k, r in zip(self.frame["_kunci_kode"], self.frame.to_dict("records")) if k}

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
    for i in calon:
        k, _, _, lp, kn = daftar.baris[i]
        s = _skor_kunci(dilipat, ka, lp)
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


def _skor_kunci(a: str, ka: str, b) -> float:
    """``skor_lipat(a, b)`` with ``ka`` = a's key (spaces removed) computed once by the caller."""
    if not a or not b:
        return 0.0
    kb = b.replace(" ", "")
    if ka == kb:
        return 1.0
    return round(fuzz.ratio(ka, kb) / 100, 4)


def _digit_baku(kode: str) -> bool:
    bagian = kode.split(".")
    return len(bagian) < 4 or bagian[3] == DIGIT_LEVEL_BAKU


# ============================================================================================ T-C.33


@dataclass(frozen=True)
class HasilNormal:
    tidy: pd.DataFrame
    temuan: pd.DataFrame


@dataclass
class _Item:
    """Working state of one item row (not aktivitas, first indicator)."""

    i: int
    urut: int
    induk: int | None
    kode: str | None
    level: str | None
    nama: str | None
    lipat: str  # the folded name (lipat_nama)
    kunci: str  # its equality key (kunci_nama)
    sendiri: float | None = None  # score of the name against the official name of its own kode (None: not in list)
    ganda_dengan: str | None = None  # another name written with the same kode (this row does not hold it)
    keyakinan: float | None = None
    diubah: bool = False


def normalkan_tc33(tidy: pd.DataFrame, nomenklatur: pd.DataFrame | DaftarSiap,
                   digit_sub: int = DIGIT_SUB_BAKU) -> HasilNormal:
    """T-C.33 tidy rows (``schemas.tc33.TIDY_COLUMNS``) checked against the nomenclature, codes decided by names.

    Items (rows not aktivitas, ``indikator_ke`` 1), in order: an item keeps its kode when the kode is in the list at
    the item's level and either is an urusan/bidang (``LEVEL_KODE_TETAP``) or its name is the official name after
    folding, or scores at least ``AMBANG_NAMA_SESUAI`` against it while no other item of its program is that name or
    fits it better by ``AMBANG_SELISIH`` (reaching ``AMBANG_KODE_DARI_NAMA``); when the table writes one kode for
    several names, only the name fitting it best may keep it.  Otherwise the name decides, among the items of its
    level (any level below its parent when it has none) under its program: the program above it in the layout
    (``urut_induk`` chain, final kodes; the program of the kegiatan above when that program is not in the list; a
    program searches its bidang).  The best candidate is set when it is the name itself after folding, or scores at
    least ``AMBANG_KODE_DARI_NAMA`` and ``AMBANG_SELISIH`` above the next name — unless another name holds it, or an
    item outside the program fits the name clearly better (the row sits under the wrong item): ``kode_aturan`` gets
    ``kode-dari-nama``, finding ``kode-dari-nama``.  Else nothing changes: finding ``kode-tidak-pasti`` with the
    reason and the best ``JUMLAH_CALON`` candidates.  Rounds repeat until none changes a kode (the kode one row
    leaves may be the one another row's name asks for; at most ``MAKS_PUTARAN``), so that normalising the result
    again changes nothing.  A kode is only ever set from the list; a kode outside it is never produced (one that
    stays as read is reported ``kode-tidak-di-nomenklatur``).

    Extra indicator rows take their item's kode, level, rule and confidence; aktivitas rows their sub-kegiatan's
    kode; ``kode_induk`` is the final kode of the ``urut_induk`` row.  Every kode is written with ``digit_sub``
    sub-kegiatan digits.  Added column ``keyakinan`` (after ``kode_aturan``; Float64): the score of the item's name
    against the official name of its final kode (empty when that kode is not in the list, and on aktivitas rows).
    Findings (columns ``KOLOM_TEMUAN_MENTAH``): ``kode-dari-nama``, ``kode-tidak-pasti``, ``kode-tidak-di-nomenklatur``,
    ``nama-tidak-sesuai-nomenklatur`` (name differs after folding from the official name of the final kode) and
    ``satuan-tidak-sesuai-nomenklatur`` (a sub-kegiatan's target satuan is not the list's).
    """
    periksa_digit_sub(digit_sub)
    df = tidy.reset_index(drop=True).copy()
    if df.empty:
        return HasilNormal(_dengan_keyakinan(df, []), frame_temuan([]))
    daftar = siapkan_daftar(nomenklatur)
    resmi = daftar.resmi
    diganti: list[Temuan] = []
    for _ in range(MAKS_PUTARAN):
        items = _items(df, resmi)
        temuan = _putaran(df, items, daftar, resmi)
        df = _terapkan(df, items, digit_sub)
        diganti.extend(t for t in temuan if t.aturan == ATURAN_KODE_DARI_NAMA)
        if not any(it.diubah for it in items.values()):
            break
    ragu = [t for t in temuan if t.aturan != ATURAN_KODE_DARI_NAMA]  # of the last round: the rows still undecided
    akhir = _periksa_akhir(df, items, resmi)
    return HasilNormal(df, frame_temuan([*diganti, *ragu, *akhir]))


def _putaran(df: pd.DataFrame, items: dict[int, _Item], daftar: DaftarSiap, resmi) -> list[Temuan]:
    """One round of decisions over the items in order (a kode released by a later row is taken in the next one)."""
    pemegang = _pemegang(items)
    per_urut = {it.urut: it for it in items.values()}
    level_urut = dict(zip(_ints(df["urut"]), (_str(v) for v in df["level"])))
    induk_urut = dict(zip(_ints(df["urut"]), _ints(df["urut_induk"])))
    temuan: list[Temuan] = []
    for it in items.values():
        temuan.extend(_putuskan(it, df, daftar, resmi, pemegang, per_urut, level_urut, induk_urut))
    return temuan


def periksa_digit_sub(digit_sub) -> int:
    """The sub-kegiatan digit convention as an int; ValueError (Indonesian) when it is not one of the choices."""
    try:
        n = int(str(digit_sub).strip())
    except (TypeError, ValueError):
        n = None
    if n not in PILIHAN_DIGIT_SUB:
        raise ValueError(PESAN_BACA["digit"].format(pilihan=", ".join(map(str, PILIHAN_DIGIT_SUB)), nilai=digit_sub))
    return n


def tulis_kode(kode, digit_sub: int = DIGIT_SUB_BAKU) -> str | None:
    """A normalised kode written in the convention: a sub-kegiatan number with ``digit_sub`` digits (a number above
    99 keeps 4 digits); any other kode as it is."""
    k = _str(kode)
    if k is None:
        return None
    bagian = k.split(".")
    if len(bagian) == 6 and bagian[5].isdigit():
        nomor = int(bagian[5])
        bagian[5] = str(nomor).zfill(4 if nomor > 99 else digit_sub)
    return ".".join(bagian)


def tulis_konvensi(df: pd.DataFrame, digit_sub: int, kolom: tuple[str, ...] = ("kode", "kode_induk")) -> pd.DataFrame:
    """``df`` with its kode columns written in the sub-kegiatan convention (see tulis_kode); unchanged for 4."""
    ada = [c for c in kolom if c in df]
    if digit_sub == DIGIT_SUB_BAKU or df.empty or not ada:
        return df
    return df.assign(**{c: df[c].map(lambda v: tulis_kode(v, digit_sub), na_action="ignore") for c in ada})


def _items(df: pd.DataFrame, resmi: dict) -> dict[int, _Item]:
    items = {}
    indikator_ke = df["indikator_ke"] if "indikator_ke" in df else [None] * len(df)
    for i, level, ke, kode, nama, urut, urut_induk in zip(df.index, df["level"], indikator_ke, df["kode"], df["nama"],
                                                          df["urut"], df["urut_induk"]):
        level = _str(level)
        if level == "aktivitas" or _int(ke) not in (None, 1):
            continue
        kode = _str(kode)
        dilipat = lipat_nama(nama)
        it = _Item(i, _int(urut), _int(urut_induk), kode, level, _str(nama), dilipat, dilipat.replace(" ", ""))
        entri = resmi.get(kunci_kode(kode)) if kode else None
        if entri is not None and (level is None or entri["level"] == level):
            it.sendiri = skor_lipat(it.lipat, entri["_lipat"])
        items[i] = it
    _tandai_ganda(items)
    return items


def _tandai_ganda(items: dict[int, _Item]) -> None:
    """A kode written for several names: the name fitting its official name best holds it, the others do not."""
    per_kode: dict[str, list[_Item]] = {}
    for it in items.values():
        if it.kode and it.kunci:
            per_kode.setdefault(kunci_kode(it.kode), []).append(it)
    for grup in per_kode.values():
        if len({it.kunci for it in grup}) < 2:
            continue
        terbaik = max(grup, key=lambda it: (it.sendiri or 0.0, -it.i))
        pegang = terbaik.kunci if (terbaik.sendiri or 0.0) >= AMBANG_NAMA_SESUAI else None
        for it in grup:
            if it.kunci != pegang:
                lain = terbaik if terbaik.kunci != it.kunci else next(x for x in grup if x.kunci != it.kunci)
                it.ganda_dengan = lain.nama


def _pemegang(items: dict[int, _Item]) -> dict[str, tuple[str, str | None]]:
    """kode key → (name key, name) of the rows that keep their kode by their name."""
    return {kunci_kode(it.kode): (it.kunci, it.nama) for it in items.values()
            if it.kode and it.ganda_dengan is None and (it.sendiri or 0.0) >= AMBANG_NAMA_SESUAI}


def _putuskan(it: _Item, df: pd.DataFrame, daftar: DaftarSiap, resmi, pemegang, per_urut, level_urut,
              induk_urut) -> list[Temuan]:
    """Keep the item's kode or decide it by the name (module docstring); the findings of the decision (the row
    ``df.loc[it.i]`` is read only for a finding)."""
    dalam = _dalam(it, per_urut, level_urut, induk_urut, resmi)
    induk = per_urut.get(it.induk)
    utamakan = induk.kode if induk else None
    level_boleh = None
    if it.level is None:
        rank_induk = PERINGKAT.get(level_urut.get(it.induk), -1)
        level_boleh = [lv for lv, p in PERINGKAT.items() if p > rank_induk and lv != "aktivitas"]
    calon = _cari(it.nama, it.level, daftar, dalam, utamakan=utamakan, level_boleh=level_boleh,
                  jumlah=max(JUMLAH_CALON, 2))
    entri = resmi.get(kunci_kode(it.kode)) if it.kode else None
    alasan = _alasan(it, entri, calon)
    if alasan is None:
        it.keyakinan = it.sendiri
        return []
    terbaik = calon[0] if calon else None
    yakin = terbaik is not None and _yakin(it, calon)
    if yakin and it.kode and kunci_kode(terbaik.kode) == kunci_kode(it.kode):
        it.keyakinan = it.sendiri
        return []
    pegang = pemegang.get(kunci_kode(terbaik.kode)) if terbaik else None
    if yakin and pegang is not None and pegang[0] != it.kunci:
        yakin = False
        alasan = alasan + "; " + ALASAN["sudah-dipakai"].format(kode_lain=terbaik.kode, nama_lain=pegang[1] or "")
    luar = _lebih_cocok_di_luar(it, terbaik, daftar, dalam, level_boleh) if yakin and dalam else None
    if luar is not None:
        yakin = False
        alasan = alasan + "; " + ALASAN["di-luar"].format(kode_lain=luar.kode, nama_lain=luar.nama, dalam=dalam)
    if not yakin:
        it.keyakinan = it.sendiri
        r = df.loc[it.i]
        nilai = teks(r.get("kode_asli")) or (it.kode or "")
        return [ATURAN_NOMENKLATUR["kode-tidak-pasti"].temuan(
            r, "kode", nilai or None, kode=_str(it.kode), nama=it.nama or "", alasan=alasan,
            tertulis=f"'{nilai}'" if nilai else TANPA_KODE, ambang=teks_skor(AMBANG_KODE_DARI_NAMA),
            calon=daftar_calon(calon[:JUMLAH_CALON]))]
    it.kode, it.level, it.keyakinan, it.diubah = terbaik.kode, terbaik.level, terbaik.skor, True
    pemegang[kunci_kode(terbaik.kode)] = (it.kunci, it.nama)
    r = df.loc[it.i]
    nilai = teks(r.get("kode_asli")) or ""
    return [ATURAN_NOMENKLATUR["kode-dari-nama"].temuan(
        r, "kode", nilai or None, kode=_str(terbaik.kode), nama=it.nama or "", alasan=alasan,
        tertulis=f"'{nilai}'" if nilai else TANPA_KODE, keyakinan=teks_skor(terbaik.skor), nama_resmi=terbaik.nama)]


def _lebih_cocok_di_luar(it: _Item, terbaik: Calon, daftar: DaftarSiap, dalam: str, level_boleh) -> Calon | None:
    """An item outside ``dalam`` that fits the name clearly better than the best one inside (the name itself, or
    AMBANG_SELISIH more): the row then sits under the wrong item, and no kode inside is set by its name."""
    luar = _cari(it.nama, it.level, daftar, None, level_boleh=level_boleh, jumlah=1)
    if not luar or (kunci_kode(luar[0].kode) + ".").startswith(kunci_kode(dalam) + "."):
        return None
    if _persis(it, luar[0]) and not _persis(it, terbaik):
        return luar[0]
    return luar[0] if round(luar[0].skor - terbaik.skor, 4) >= AMBANG_SELISIH else None


def _alasan(it: _Item, entri: dict | None, calon: list[Calon]) -> str | None:
    """Why the item's kode cannot stand (schemas.nomenklatur.ALASAN), or None when it stands."""
    if not it.kode:
        return ALASAN["kosong"]
    if entri is None:
        return ALASAN["tidak-ada"]
    if it.level is not None and entri["level"] != it.level:
        return ALASAN["level-lain"].format(level_kode=LABEL_LEVEL.get(entri["level"], entri["level"]),
                                           level=LABEL_LEVEL.get(it.level, it.level))
    if it.ganda_dengan is not None:
        return ALASAN["ganda"].format(nama_lain=it.ganda_dengan)
    if entri["level"] in LEVEL_KODE_TETAP or it.kunci == entri["_kunci_nama"]:
        return None  # the official name itself (an item of another kode with the same name changes nothing)
    sendiri = it.sendiri or 0.0
    if sendiri < AMBANG_NAMA_SESUAI:
        return ALASAN["nama-lain"].format(nama_resmi=entri["nama"])
    if calon and kunci_kode(calon[0].kode) != kunci_kode(it.kode) and (
            _persis(it, calon[0]) or (calon[0].skor >= AMBANG_KODE_DARI_NAMA
                                      and round(calon[0].skor - sendiri, 4) >= AMBANG_SELISIH)):
        return ALASAN["lebih-cocok"].format(kode_lain=calon[0].kode, nama_resmi=entri["nama"])
    return None


def _persis(it: _Item, c: Calon) -> bool:
    """The item's name is the candidate's official name after folding."""
    return bool(it.kunci) and it.kunci == kunci_nama(c.nama)


def _yakin(it: _Item, calon: list[Calon]) -> bool:
    """The best candidate is sure: the official name itself, or a score of at least AMBANG_KODE_DARI_NAMA and
    AMBANG_SELISIH above the next name."""
    terbaik, kedua = calon[0], (calon[1] if len(calon) > 1 else None)
    if _persis(it, terbaik):
        return True
    return terbaik.skor >= AMBANG_KODE_DARI_NAMA and (
        kedua is None or round(terbaik.skor - kedua.skor, 4) >= AMBANG_SELISIH)


def _dalam(it: _Item, per_urut, level_urut, induk_urut, resmi) -> str | None:
    """The kode the item's candidates are searched under: the final kode of the nearest item above it in the layout
    that is a program (or, above a program, a bidang or urusan) and is in the list; when the program above is not
    in the list, the program of the nearest kegiatan above that is; None (the whole list) when there is none."""
    u, dilihat, cadangan = it.induk, set(), None
    while u is not None and u not in dilihat:
        dilihat.add(u)
        atas = per_urut.get(u)
        level = atas.level if atas else level_urut.get(u)
        entri = resmi.get(kunci_kode(atas.kode)) if atas and atas.kode else None
        if entri is not None and entri["level"] == level:
            if level == "kegiatan" and cadangan is None:
                program = ".".join(atas.kode.split(".")[:3])
                cadangan = program if kunci_kode(program) in resmi else None
            elif PERINGKAT.get(level, 99) <= PERINGKAT["program"]:
                return atas.kode if level == "program" or cadangan is None else cadangan
        u = induk_urut.get(u)
    return cadangan


def _terapkan(df: pd.DataFrame, items: dict[int, _Item], digit_sub: int) -> pd.DataFrame:
    """Write the decisions into the rows: items, their extra indicator rows, aktivitas rows, kode_induk."""
    kode, level = [_str(v) for v in df["kode"]], [_str(v) for v in df["level"]]
    aturan = [_str(v) for v in df["kode_aturan"]] if "kode_aturan" in df else [None] * len(df)
    keyakinan: list[float | None] = [None] * len(df)
    sekarang: _Item | None = None
    for i in range(len(df)):
        it = items.get(i)
        if it is not None:
            sekarang = it
            kode[i], level[i], keyakinan[i] = it.kode, it.level, it.keyakinan
            if it.diubah and ATURAN_KODE_DARI_NAMA not in (aturan[i] or "").split(";"):
                aturan[i] = ";".join(filter(None, (aturan[i], ATURAN_KODE_DARI_NAMA)))
        elif level[i] != "aktivitas" and sekarang is not None:  # an extra indicator row of the item above
            kode[i], level[i], keyakinan[i], aturan[i] = sekarang.kode, sekarang.level, sekarang.keyakinan, \
                aturan[sekarang.i]
    per_urut = dict(zip(_ints(df["urut"]), range(len(df))))
    for i, u in enumerate(_ints(df["urut_induk"])):
        if level[i] == "aktivitas" and u in per_urut:
            kode[i] = kode[per_urut[u]]
    induk = [kode[per_urut[u]] if u in per_urut else _str(v) for u, v in zip(_ints(df["urut_induk"]),
                                                                          df["kode_induk"])]
    out = df.assign(kode=[tulis_kode(k, digit_sub) for k in kode], level=level, kode_aturan=aturan,
                    kode_induk=[tulis_kode(k, digit_sub) for k in induk])
    for k in ("kode", "level", "kode_aturan", "kode_induk"):
        out[k] = pd.Series([_str(v) for v in out[k]], index=out.index, dtype=object)
    return _dengan_keyakinan(out, keyakinan)


def _dengan_keyakinan(df: pd.DataFrame, keyakinan: list) -> pd.DataFrame:
    nilai = pd.array(keyakinan if keyakinan else [None] * len(df), dtype="Float64")
    out = df.drop(columns=[KOLOM_KEYAKINAN], errors="ignore")
    posisi = list(out.columns).index("kode_aturan") + 1 if "kode_aturan" in out.columns else len(out.columns)
    out.insert(posisi, KOLOM_KEYAKINAN, nilai)
    return out


def _periksa_akhir(df: pd.DataFrame, items: dict[int, _Item], resmi: dict) -> list[Temuan]:
    """Findings on the final codes: not in the list, a name that is not the official one, another satuan (a row
    ``df.loc[i]`` is read only for a finding)."""
    temuan = []
    for i, it in items.items():
        if not it.kode:
            continue
        entri = resmi.get(kunci_kode(it.kode))
        if entri is None or (it.level is not None and entri["level"] != it.level):
            r = df.loc[i]
            temuan.append(ATURAN_NOMENKLATUR["kode-tidak-di-nomenklatur"].temuan(
                r, "kode", teks(r.get("kode_asli")) or None, kode=_str(r["kode"]), nama=it.nama or "",
                level=LABEL_LEVEL.get(it.level, it.level)))
            continue
        if it.kunci != entri["_kunci_nama"]:
            r = df.loc[i]
            temuan.append(ATURAN_NOMENKLATUR["nama-tidak-sesuai-nomenklatur"].temuan(
                r, "nama", it.nama or None, kode=_str(r["kode"]), nama_resmi=entri["nama"],
                keyakinan=teks_skor(skor_lipat(it.lipat, entri["_lipat"]))))
        if entri["level"] == "sub_kegiatan":
            temuan.extend(_periksa_satuan(df, i, entri))
    return temuan


def _periksa_satuan(df: pd.DataFrame, i: int, entri: dict) -> list[Temuan]:
    satuan = _str(df.at[i, "target_satuan"]) if "target_satuan" in df.columns else None
    resmi = satuan_lain(satuan, entri.get("satuan"))
    if resmi is None:
        return []
    r = df.loc[i]
    return [temuan_satuan(r, r["kode"], satuan, resmi)]


def satuan_lain(satuan, satuan_resmi) -> str | None:
    """The list's satuan (canonical where schemas.satuan knows it) when a target's canonical ``satuan`` is another
    one; None when they agree or either is missing."""
    satuan, satuan_resmi = _str(satuan), _str(satuan_resmi)
    if not satuan_resmi or not satuan:
        return None
    kanonik = normalize_satuan(satuan_resmi)[0] or satuan_resmi
    return None if lipat_satuan(kanonik) == lipat_satuan(satuan) else kanonik


def temuan_satuan(r, kode, satuan: str, satuan_resmi: str) -> Temuan:
    """Finding ``satuan-tidak-sesuai-nomenklatur`` of row ``r`` (``sheet``, ``baris``, ``nama``, ``target``)."""
    return ATURAN_NOMENKLATUR["satuan-tidak-sesuai-nomenklatur"].temuan(
        r, "target", teks(r.get("target")) or None, kode=_str(kode), satuan=satuan, satuan_resmi=satuan_resmi)


def daftar_calon(calon: list[Calon]) -> str:
    if not calon:
        return TANPA_CALON
    return "; ".join(f"{c.kode} '{c.nama}' ({teks_skor(c.skor)})" for c in calon)


def teks_skor(x: float) -> str:
    """A score as Indonesian text with two decimals: 0.9523 → '0,95'."""
    return f"{x:.2f}".replace(".", ",")


# ====================================================================================== the list itself


def nomenklatur_dari_sel(cells: pd.DataFrame, merges: pd.DataFrame, sumber: str,
                         digit_sub: int = DIGIT_SUB_BAKU) -> pd.DataFrame:
    """The nomenclature list in a file's cells (transforms.sel frames), flat or lampiran form, every sheet that has
    one, in file order: columns ``KOLOM_NOMENKLATUR``.  ``sumber``: the file name used in error messages.

    Flat form: a header row whose cells are the column names (``kode`` and ``nama`` at least); ``level``, when
    given, must agree with the kode.  Lampiran form: the header found by its content (``schemas.nomenklatur``:
    a NOMENKLATUR cell and code-part columns to its left, on one row or two); each data row's code parts are put
    together (``7 | 01 | 03 | 2.01 | 0003``, ``7 | 1 | 3 | 2 | 1 | 3``, numbers as the workbook stores them) and
    normalised; a row without code parts right under a coded row continues its texts (a name carried to the next
    row); rows of column numbers and repeated headers are skipped.  Kode: ``transforms.kode`` form with
    ``digit_sub`` sub-kegiatan digits; level from the kode; satuan canonical where schemas.satuan knows it.
    Raises ``NomenklaturTidakValid`` (no list found, unreadable kode, kode without name, one kode with two names).
    """
    periksa_digit_sub(digit_sub)
    entri: list[dict] = []
    galat: list[str] = []
    ada_header = False
    for sheet in pd.unique(cells["sheet"]) if not cells.empty else []:
        g = grid(cells, sheet)
        if g.empty:
            continue
        datar = _header_datar(g)
        if datar is not None:
            ada_header = True
            _baca_datar(g, sheet, datar, sumber, digit_sub, entri, galat)
            continue
        lampiran = _header_lampiran(g, merges, sheet)
        if lampiran is not None:
            ada_header = True
            _baca_lampiran(g, sheet, lampiran, sumber, digit_sub, entri, galat)
    if not ada_header:
        raise NomenklaturTidakValid(PESAN_BACA["tanpa-header"].format(berkas=sumber))
    hasil = _satukan(entri, sumber, galat)
    if galat:
        lebih = len(galat) - MAKS_GALAT_DISEBUT
        raise NomenklaturTidakValid(" ".join(galat[:MAKS_GALAT_DISEBUT])
                                    + (f" (dan {lebih} galat lain)" if lebih > 0 else ""))
    if hasil.empty:
        raise NomenklaturTidakValid(PESAN_BACA["kosong"].format(berkas=sumber))
    return hasil


def bidang_kode(kode) -> str | None:
    """The bidang a kode belongs to (its first two parts: '7.01' of '7.01.03.2.01.0003'); None for an urusan."""
    k = _str(kode)
    bagian = k.split(".") if k else []
    return ".".join(bagian[:2]) if len(bagian) >= 2 else None


@dataclass(frozen=True)
class HasilGabung:
    """The merged list; the bidang the operator's list replaced in the built-in one or added to it; the number of
    built-in entries kept."""

    daftar: pd.DataFrame
    diganti: tuple[str, ...]
    ditambah: tuple[str, ...]
    bawaan_tetap: int


def gabung_nomenklatur(bawaan: pd.DataFrame, operator: pd.DataFrame) -> HasilGabung:
    """The built-in list with the operator's merged in, bidang by bidang (columns ``KOLOM_NOMENKLATUR``).

    Every bidang the operator's list has an entry for (a bidang row or anything below it) is taken whole from it:
    the built-in entries of that bidang are dropped (``diganti`` when the built-in list had it, else ``ditambah``).
    An urusan row of the operator's list replaces the built-in one of the same kode.  Order: the built-in entries
    kept, then the operator's, each in its own order."""
    op_bidang = list(dict.fromkeys(b for b in map(bidang_kode, operator["kode"]) if b))
    ada = set(op_bidang)
    op_kunci = {kunci_kode(k) for k in operator["kode"] if _str(k)}
    bawaan_bidang = set(filter(None, map(bidang_kode, bawaan["kode"])))
    tetap = [bidang_kode(k) not in ada and kunci_kode(k) not in op_kunci for k in bawaan["kode"]]
    daftar = pd.concat([bawaan[tetap], operator], ignore_index=True)[list(KOLOM_NOMENKLATUR)]
    return HasilGabung(daftar, tuple(b for b in op_bidang if b in bawaan_bidang),
                       tuple(b for b in op_bidang if b not in bawaan_bidang), sum(tetap))


def rapikan_entri(kode: str, nama, satuan=None, indikator=None, kinerja=None, catatan=None) -> dict:
    """One list entry from its cell values: level from the kode, texts cleaned, satuan canonical where known."""
    satuan_teks = bersihkan_teks(satuan)
    kanonik = normalize_satuan(satuan_teks)[0] if satuan_teks else None
    return {"kode": kode, "level": level_kode(kode), "nama": bersihkan_teks(nama), "satuan": kanonik or satuan_teks,
            "indikator": bersihkan_teks(indikator), "kinerja": bersihkan_teks(kinerja),
            "catatan": bersihkan_teks(catatan)}


def kode_dari_bagian(bagian: Sequence[tuple[str, object]], digit_sub: int = DIGIT_SUB_BAKU) -> str | None:
    """A normalised kode from the lampiran's code cells, as (part, value) in column order; None when unreadable.

    Parts: ``urusan``, ``bidang``, ``program`` (1, 2, 2 digits: a number 1 is '01'), ``kegiatan`` (one cell '2.01' or
    2.01, a float 2.1 being 2.10; or two cells level digit | number), ``sub_kegiatan`` (a number, padded), ``kode``
    (a cell with the whole kode).  Empty cells are skipped."""
    teks_bagian: list[str] = []
    kegiatan: list[str] = []
    for peran, nilai in bagian:
        if kosong(nilai):
            continue
        t = _teks_bagian(peran, nilai)
        if t is None:
            return None
        if peran == "kegiatan":
            kegiatan.append(t)
            continue
        if kegiatan:
            teks_bagian.append(_kegiatan(kegiatan))
            kegiatan = []
        teks_bagian.append(t)
    if kegiatan:
        teks_bagian.append(_kegiatan(kegiatan))
    if not teks_bagian or any(t is None for t in teks_bagian):
        return None
    hasil = normalize_kode(".".join(teks_bagian), digit_sub=digit_sub)
    return hasil.kode if hasil.status != "tidak-terbaca" else None


def _teks_bagian(peran: str, nilai) -> str | None:
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, float):
        if not math.isfinite(nilai):
            return None
        if nilai.is_integer():
            nilai = int(nilai)
        elif peran == "kegiatan":
            return f"{nilai:.2f}"
        else:
            return repr(nilai)
    t = teks(nilai).strip()
    if peran in ("bidang", "program") and t.isdigit():
        return t.zfill(2)
    return t or None


def _kegiatan(bagian: list[str]) -> str | None:
    """The kegiatan part from one cell ('2.01') or two (level digit, number)."""
    if len(bagian) == 1:
        return bagian[0]
    if len(bagian) == 2 and bagian[0].isdigit() and bagian[1].isdigit():
        return f"{bagian[0]}.{bagian[1].zfill(2)}"
    return None


# --- flat form ---------------------------------------------------------------------------------------------------


def _header_datar(g: pd.DataFrame) -> tuple[int, dict[str, int]] | None:
    """(row, column of each named field) of a flat list's header: cells that are exactly the column names."""
    nama_kolom = {lipat(k): k for k in (*KOLOM_NOMENKLATUR, "level")}
    for b in list(g.index)[:MAKS_BARIS_CARI_HEADER]:
        peta = {}
        for k, v in g.loc[b].items():
            f = nama_kolom.get(lipat(v)) if not kosong(v) else None
            if f and f not in peta:
                peta[f] = k
        if all(f in peta for f in KOLOM_DATAR_WAJIB):
            return b, peta
    return None


def _baca_datar(g, sheet, header, sumber, digit_sub, entri, galat) -> None:
    b0, peta = header
    for b in g.index[g.index > b0]:
        nilai = {f: g.at[b, k] for f, k in peta.items()}
        if all(kosong(v) for v in nilai.values()):
            continue
        mentah = nilai.get("kode")
        hasil = normalize_kode(mentah, digit_sub=digit_sub)
        posisi = {"berkas": sumber, "sheet": sheet, "baris": b, "nilai": teks(mentah)}
        if hasil.kode is None:
            galat.append(PESAN_BACA["kode"].format(**posisi))
            continue
        level = nilai.get("level")
        if not kosong(level) and lipat(level) != lipat(hasil.level):
            galat.append(PESAN_BACA["level"].format(**{**posisi, "nilai": teks(level)}, kode=hasil.kode,
                                                    level=hasil.level))
            continue
        e = rapikan_entri(hasil.kode, nilai.get("nama"), nilai.get("satuan"), nilai.get("indikator"),
                          nilai.get("kinerja"), nilai.get("catatan"))
        entri.append({**e, "_sheet": sheet, "_baris": b})


# --- lampiran form ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _HeaderLampiran:
    baris: int  # first header row
    n: int  # header rows (1 or 2)
    kolom_nama: int
    bagian: tuple[tuple[int, str], ...]  # (column, part) of the code columns, in column order
    lain: dict[str, int]  # kinerja, indikator, satuan, catatan → column


def _ada_kata(teks_dilipat: str, kata: Sequence[str]) -> bool:
    kata_teks = set(teks_dilipat.split())
    return any(k in kata_teks for k in kata)


def _header_lampiran(g: pd.DataFrame, merges: pd.DataFrame, sheet: str) -> _HeaderLampiran | None:
    for b in list(g.index)[:MAKS_BARIS_CARI_HEADER]:
        atas = {k: lipat(v) for k, v in g.loc[b].items() if not kosong(v)}
        kolom_nama = next((k for k, t in atas.items() if _ada_kata(t, KATA_NAMA)), None)
        if kolom_nama is None:
            continue
        gf = isi_merge(g, merges, sheet, range(b, b + 2))
        dua = _baris_bagian(g, b + 1, kolom_nama)
        teks_kolom = {}
        for k in g.columns:
            t = " ".join(x for x in (lipat(gf.at[b, k]), lipat(gf.at[b + 1, k]) if dua else "") if x)
            if t:
                teks_kolom[k] = t
        bagian = tuple((k, _peran(teks_kolom[k], KATA_BAGIAN)) for k in sorted(teks_kolom)
                       if k < kolom_nama and _peran(teks_kolom[k], KATA_BAGIAN))
        lain: dict[str, int] = {}
        for k in sorted(teks_kolom):
            p = _peran(teks_kolom[k], KATA_KOLOM) if k > kolom_nama else None
            if p and p not in lain:
                lain[p] = k
        if bagian and len(bagian) + len(lain) >= MIN_KATA_HEADER:
            return _HeaderLampiran(b, 2 if dua else 1, kolom_nama, bagian, lain)
    return None


def _peran(teks_dilipat: str, daftar) -> str | None:
    for peran, kata in daftar:
        if _ada_kata(teks_dilipat, kata):
            return peran
    return None


def _baris_bagian(g: pd.DataFrame, b: int, kolom_nama: int) -> bool:
    """Row ``b`` is the second header row: left of NOMENKLATUR it names code parts and holds no number."""
    if b not in g.index:
        return False
    kiri = [v for k, v in g.loc[b].items() if k < kolom_nama and not kosong(v)]
    if not kiri or any(isinstance(v, (int, float)) or re.fullmatch(r"[\d.\s]+", str(v)) for v in kiri):
        return False
    return any(_peran(lipat(v), KATA_BAGIAN) for v in kiri)


def _baca_lampiran(g, sheet, h: _HeaderLampiran, sumber, digit_sub, entri, galat) -> None:
    teks_header = _teks_header(g, h)
    lanjut = False  # the row above was an entry or its continuation
    for b in g.index[g.index >= h.baris + h.n]:
        baris = g.loc[b]
        isi = [v for v in baris if not kosong(v)]
        nama = baris.get(h.kolom_nama)
        if not isi or baris_nomor_kolom(isi) or sum(lipat(v) in teks_header for v in isi) >= max(2, 0.6 * len(isi)):
            lanjut = False  # blank, column numbers, or the header repeated at a page break
            continue
        lain = {p: baris.get(k) for p, k in h.lain.items()}
        bagian = [(p, baris.get(k)) for k, p in h.bagian]
        isi_bagian = [v for _, v in bagian if not kosong(v)]
        if not isi_bagian:
            if lanjut and entri:
                _sambung(entri[-1], nama, lain)
            continue
        if not any(_angka_kode(v) for v in isi_bagian):
            lanjut = False  # a heading written across the code columns ('I. URUSAN WAJIB …'): no entry
            continue
        kode = kode_dari_bagian(bagian, digit_sub)
        if kode is None:
            mentah = " | ".join(teks(v) for v in isi_bagian)
            galat.append(PESAN_BACA["kode"].format(berkas=sumber, sheet=sheet, baris=b, nilai=mentah))
            lanjut = False
            continue
        e = rapikan_entri(kode, nama, lain.get("satuan"), lain.get("indikator"), lain.get("kinerja"),
                          lain.get("catatan"))
        entri.append({**e, "_sheet": sheet, "_baris": b, "_mentah": {"nama": nama, **lain}})
        lanjut = True


def _teks_header(g: pd.DataFrame, h: _HeaderLampiran) -> set[str]:
    return {lipat(g.at[b, k]) for b in range(h.baris, h.baris + h.n) for k in g.columns if not kosong(g.at[b, k])}


def _angka_kode(v) -> bool:
    """A code cell value: a number, or a text of digits, dots and spaces."""
    if isinstance(v, bool):
        return False
    return isinstance(v, (int, float)) or re.fullmatch(r"[\d.\s]+", str(v)) is not None


def _sambung(e: dict, nama, lain: dict) -> None:
    """Join a continuation row's texts to the entry above (a long name carried to the next row)."""
    mentah = e.setdefault("_mentah", {})
    for f, v in (("nama", nama), *lain.items()):
        if not kosong(v):
            mentah[f] = f"{teks(mentah.get(f))} {teks(v)}".strip()
    baru = rapikan_entri(e["kode"], mentah.get("nama"), mentah.get("satuan"), mentah.get("indikator"),
                         mentah.get("kinerja"), mentah.get("catatan"))
    e.update(baru)


def _satukan(entri: list[dict], sumber: str, galat: list[str]) -> pd.DataFrame:
    """Entries as one frame; a kode twice with one name is kept once, with two names is an error; no name: error."""
    dilihat: dict[str, dict] = {}
    keluar = []
    for e in entri:
        posisi = {"berkas": sumber, "sheet": e["_sheet"], "baris": e["_baris"], "kode": e["kode"]}
        if not e["nama"]:
            galat.append(PESAN_BACA["nama"].format(**posisi))
            continue
        kunci = kunci_kode(e["kode"])
        if kunci in dilihat:
            lain = dilihat[kunci]
            if kunci_nama(lain["nama"]) != kunci_nama(e["nama"]):
                galat.append(PESAN_BACA["ganda"].format(**posisi, nama=e["nama"], nama_lain=lain["nama"]))
            continue
        dilihat[kunci] = e
        keluar.append({k: e[k] for k in KOLOM_NOMENKLATUR})
    df = pd.DataFrame(keluar, columns=list(KOLOM_NOMENKLATUR))
    for k in KOLOM_NOMENKLATUR:
        df[k] = pd.Series([_str(v) for v in df[k]], index=df.index, dtype=object)
    return df


# ================================================================================================ helpers


def _str(v) -> str | None:
    """A cell as text, None for None/NaN/NA/blank."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    t = str(v)
    return t if t.strip() else None


def _int(v) -> int | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _ints(s: pd.Series) -> list[int | None]:
    return [_int(v) for v in s]
