"""The nomenclature list itself: read from a file's cells (flat CSV or lampiran workbook) and merged bidang by bidang.

``nomenklatur_dari_sel(cells, merges, sumber)`` finds the list in the cells of a flat CSV (``kode, level, nama,
satuan, indikator, kinerja, catatan``) or of the lampiran workbook (URUSAN | BIDANG | PROGRAM | KEGIATAN | SUB
KEGIATAN | NOMENKLATUR | KINERJA | INDIKATOR | SATUAN | KETERANGAN, one code part per column) and gives one frame
with the columns of ``schemas.nomenklatur.KOLOM_NOMENKLATUR``; a bad list raises ``NomenklaturTidakValid``;
``gabung_nomenklatur(bawaan, operator)`` merges an operator's list into the built-in one, bidang by bidang.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from schemas.nomenklatur import (
    DIGIT_SUB_BAKU,
    KATA_BAGIAN,
    KATA_KOLOM,
    KATA_NAMA,
    KOLOM_DATAR_WAJIB,
    KOLOM_NOMENKLATUR,
    MAKS_BARIS_CARI_HEADER,
    MAKS_GALAT_DISEBUT,
    MIN_KATA_HEADER,
    PESAN_BACA,
    PILIHAN_DIGIT_SUB,
)
from transforms.kode import kunci_kode, level_kode, normalize_kode
from transforms.nama import kunci_nama
from transforms.satuan import normalize_satuan
from transforms.sel import grid, isi_merge, kosong, lipat, teks
from transforms.tabel import baris_nomor_kolom


class NomenklaturTidakValid(ValueError):
    """A nomenclature list that cannot be used; the message is Indonesian and names the file."""


def bersihkan_teks(nilai) -> str | None:
    """Display text of a name: whitespace folded, a hyphen split by a line break joined ('Perundang- Undangan' →
    'Perundang-Undangan', 'DPA- SKPD' → 'DPA-SKPD'); None for an empty cell."""
    t = teks(nilai)
    if not t:
        return None
    return re.sub(r"(?<=\w)- (?=\w)", "-", t)


def periksa_digit_sub(digit_sub) -> int:
    """The sub-kegiatan digit convention as an int; ValueError (Indonesian) when it is not one of the choices."""
    try:
        n = int(str(digit_sub).strip())
    except (TypeError, ValueError):
        n = None
    if n not in PILIHAN_DIGIT_SUB:
        raise ValueError(PESAN_BACA["digit"].format(pilihan=", ".join(map(str, PILIHAN_DIGIT_SUB)), nilai=digit_sub))
    return n


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
    k = nilai_teks(kode)
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
    op_kunci = {kunci_kode(k) for k in operator["kode"] if nilai_teks(k)}
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
        df[k] = pd.Series([nilai_teks(v) for v in df[k]], index=df.index, dtype=object)
    return df


def nilai_teks(v) -> str | None:
    """A cell as text, None for None/NaN/NA/blank."""
    if type(v) is str:  # most calls: str(v) is v
        return v if v.strip() else None
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    t = str(v)
    return t if t.strip() else None

