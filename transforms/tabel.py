"""Find declared tables in a workbook's cells by their header content and classify the rows below each.

One way of reading tables for every layout (schemas.tabel.Layout).  In each sheet every header row of any
layout is found by what it says, wherever it starts; the layout that names the most fields (and whose title
stands above it) wins.  Below a header every row is classified (``data``, ``kosong``, ``nomor-kolom``,
``header-ulang``, ``total``) until the table ends: at a total row, a signature block, the title block of the
next table, or the end of the sheet.
"""
from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from schemas.tabel import Layout, SourceField
from transforms.bingkai import susun_bingkai
from transforms.rekaman import baris_dict
from transforms.sel import MERGE_COLUMNS, isi_grid, kosong, lipat, lipat_teks, teks

# Row kinds (stable codes).
DATA, KOSONG, NOMOR, HEADER_ULANG, TOTAL = "data", "kosong", "nomor-kolom", "header-ulang", "total"
PENUTUP = "penutup"
MAKS_BARIS_JUDUL = 8
MAKS_BARIS_PENUTUP = 8

_BULAN = "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember"
_PENUTUP = re.compile(rf"^(nip\b|nip\.|[a-z ]+ \d{{0,2}} ?({_BULAN})\b|[a-z ]+,? \d{{1,2}} ({_BULAN}))")
_JABATAN = re.compile(r"^(camat|kepala|sekretaris|plt|plh|pj)\b")
_TAHUN = re.compile(r"\b((?:19|20)\d{2})\b")
_HURUF = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")  # compiled once: re.search looked its pattern up for every cell of every row
_NOMOR_KOLOM = re.compile(r"^\s*(\d+)(?:\.0)?\s*(?:=.*)?$")


@dataclass(frozen=True)
class Tabel:
    """A table found in a sheet.

    ``baris`` holds every row from the first row under the header to the table's end: columns ``sheet``,
    ``baris``, ``jenis`` and one column per mapped field with the raw cell value.
    """

    layout: str
    sheet: str
    baris_header: int
    jumlah_baris_header: int
    peta_kolom: dict[str, int]
    header_teks: dict[str, str]
    judul: tuple[str, ...]
    baris: pd.DataFrame
    penutup: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Header:
    layout: Layout
    baris: int
    n: int
    peta: dict[str, int]
    grup: dict[int, str]
    sendiri: dict[int, str]


def petakan_header(teks_grup: dict[int, str], teks_sendiri: dict[int, str],
                   fields: tuple[SourceField, ...]) -> dict[str, int]:
    """Map fields to columns from folded header texts (see SourceField)."""
    peta: dict[str, int] = {}
    diklaim: set[int] = set()
    for kolom in sorted(teks_sendiri):
        grup, sendiri = teks_grup.get(kolom, ""), teks_sendiri[kolom]
        gabung = f"{grup} {sendiri}".strip()
        for f in fields:
            if (f.name in peta and not f.per_tahun) or not _cocok(f, gabung):
                continue
            if f.per_tahun:
                tahun = _TAHUN.search(sendiri)
                nama = f"{f.name}@{tahun.group(1) if tahun else len([k for k in peta if k.startswith(f.name)]) + 1}"
                if nama in peta:
                    continue
                peta[nama] = kolom
            else:
                peta[f.name] = kolom
            diklaim.add(kolom)
            break
    return peta


def _cocok(f: SourceField, gabung: str, kata: set[str] | None = None) -> bool:
    """``kata``: the words of ``gabung`` when the caller has them already."""
    if not gabung:
        return False
    if f.group and f.group not in gabung:
        return False
    if f.not_group and f.not_group in gabung:
        return False
    if kata is None:
        kata = set(gabung.split())
    return _alias_cocok(f, gabung, kata)


def _alias_cocok(f: SourceField, gabung: str, kata: set[str]) -> bool:
    """Some alias of ``f`` all of whose words occur in ``gabung`` (``kata``: its words; a word longer than 3 letters
    may also occur inside a longer word)."""
    for alias in f.aliases:  # loops: this runs for every row of every sheet
        for w in alias:
            if w not in kata and (len(w) <= 3 or w not in gabung):
                break
        else:
            return True
    return False


def _nama_dasar(nama: str) -> str:
    return nama.split("@", 1)[0]


def cari_tabel(cells: pd.DataFrame, merges: pd.DataFrame, layouts: Sequence[Layout]) -> list[Tabel]:
    """Every table of the given layouts in every sheet, in sheet order then row order."""
    hasil = []
    merge_sheet = _merge_per_sheet(merges)
    for sheet, g in _lembar_per_sheet(cells):
        hasil.extend(_cari_di_sheet(g, merge_sheet.get(sheet, ()), sheet, tuple(layouts)))
    return hasil


def _lembar_per_sheet(cells: pd.DataFrame):
    """Each sheet of ``cells`` that has a cell, in the order sheets first occur, with its grid (transforms.sel.grid)
    as a `_Lembar`: the cells' columns read once for all sheets, not a filtered frame and a grid frame per sheet."""
    if cells.empty:
        return
    kode, sheets = pd.factorize(cells["sheet"], sort=False)  # missing sheet names: -1, no sheet (as grid gives)
    baris, kolom = cells["baris"].to_numpy(), cells["kolom"].to_numpy()
    nilai = cells["nilai"].to_numpy(dtype=object)
    for i, sheet in enumerate(sheets):
        di = np.flatnonzero(kode == i)
        b0, k0, isi = isi_grid(baris[di], kolom[di], nilai[di])
        yield sheet, _Lembar(list(range(k0, k0 + isi.shape[1])), range(b0, b0 + isi.shape[0]), isi.tolist())


def _merge_per_sheet(merges: pd.DataFrame) -> dict:
    """The merged ranges (rows of ``merges`` as `itertuples` gives them, in order) of each sheet."""
    per: dict = {}
    if merges.empty:
        return per
    for m in map(_Merge._make, zip(*(merges[k].tolist() for k in MERGE_COLUMNS))):  # itertuples' values
        per.setdefault(m.sheet, []).append(m)
    return per


_Merge = namedtuple("_Merge", MERGE_COLUMNS)  # one merged range, as merges.itertuples gives it


class _Lembar:
    """A sheet's grid (transforms.sel.grid) as plain rows (``isi``: one list per row of ``baris``, in column order;
    made from the cells' arrays, `_lembar_per_sheet`): reading a frame's row in a loop over every row was most of the
    cost of finding tables.  Rows ``awal``..``akhir``, columns ``kolom``."""

    def __init__(self, kolom: list, baris: range, isi: list[list]):
        self.kolom = kolom
        self.posisi = {k: i for i, k in enumerate(self.kolom)}
        self.isi = dict(zip(baris, isi))
        self.awal, self.akhir = baris[0], baris[-1]
        self._dilipat: dict[int, list[str]] = {}
        self._isi_dilipat: dict[int, list[str]] = {}
        self._terisi: dict[int, list] = {}

    def dilipat(self, b: int) -> list[str]:
        """Row ``b``'s values folded (transforms.sel.lipat), in column order; folded once per row."""
        ada = self._dilipat.get(b)
        if ada is None:  # an empty cell (None) folds to "", a text straight through lipat's cache
            ada = self._dilipat[b] = ["" if v is None else lipat_teks(v) if type(v) is str else lipat(v)
                                      for v in self.isi[b]]
        return ada

    def terisi(self, b: int) -> list:
        """The values of row ``b``'s cells that are not empty (transforms.sel.kosong), in column order."""
        ada = self._terisi.get(b)
        if ada is None:
            ada = self._terisi[b] = [v for v in self.isi[b] if not kosong(v)]
        return ada

    def isi_dilipat(self, b: int) -> list[str]:
        """The folded values of row ``b``'s cells that are not empty (transforms.sel.kosong), in column order."""
        ada = self._isi_dilipat.get(b)
        if ada is None:
            ada = self._isi_dilipat[b] = [t for v, t in zip(self.isi[b], self.dilipat(b)) if not kosong(v)]
        return ada

    def __contains__(self, b) -> bool:
        return b in self.isi

    def baris(self, b: int) -> list:
        """Row ``b``'s values, in column order."""
        return self.isi[b]

    def per_kolom(self, b: int) -> dict:
        """Row ``b`` as {column: value}."""
        return dict(zip(self.kolom, self.isi[b]))


def _cari_di_sheet(g: _Lembar, merges, sheet: str, layouts: tuple[Layout, ...]) -> list[Tabel]:
    """``merges``: the sheet's merged ranges (`_merge_per_sheet`)."""
    headers, r = [], g.awal
    per_baris = _merge_per_baris(merges)
    wajib = tuple((layout, _wajib_longgar(layout)) for layout in layouts)
    while r <= g.akhir:
        h = _header_di(g, per_baris, r, wajib)
        if h is None:
            r += 1
            continue
        if not (headers and headers[-1].layout.id == h.layout.id and not _ada_judul(g, h.baris)):
            headers.append(h)  # else: the header repeated at a page break, classified with the rows below
        r += h.n
    hasil, awal = [], g.awal
    for i, h in enumerate(headers):
        batas = _awal_judul(g, headers[i + 1].baris) - 1 if i + 1 < len(headers) else g.akhir
        awal_judul = max(awal, _awal_judul(g, h.baris))
        tabel, akhir = _ambil_tabel(g, sheet, h, awal_judul, batas, [x.baris for x in headers])
        hasil.append(tabel)
        awal = akhir + 1
    return hasil


def _merge_per_baris(merges) -> dict[int, list]:
    """A sheet's merged ranges (`_merge_per_sheet`) by each row they cover."""
    per: dict[int, list] = {}
    for m in merges:
        for b in range(int(m.baris_awal), int(m.baris_akhir) + 1):
            per.setdefault(b, []).append(m)
    return per


def _dua_baris_terisi(g: _Lembar, per_baris: dict[int, list], r: int) -> tuple[dict[int, list], dict[int, list]]:
    """Rows r and r+1 of ``g`` (those that exist) with each merged range's value filling its part of them
    (transforms.sel.isi_merge for two rows, without a pass over every merge of the sheet), and the same rows folded
    (transforms.sel.lipat; a row no merge touches: the sheet's folded row, `_Lembar.dilipat`)."""
    posisi = g.posisi
    data, dilipat = {}, {}
    for b in (r, r + 1):
        if b not in g:
            continue
        merge = per_baris.get(b, ())
        if not merge:
            data[b], dilipat[b] = g.baris(b), g.dilipat(b)
            continue
        baris = data[b] = list(g.baris(b))
        for m in merge:
            if m.baris_awal not in g or m.kolom_awal not in posisi:
                continue
            v = g.baris(m.baris_awal)[posisi[m.kolom_awal]]
            for k in range(int(m.kolom_awal), int(m.kolom_akhir) + 1):
                if k in posisi:
                    baris[posisi[k]] = v
        dilipat[b] = [lipat(v) for v in baris]
    return data, dilipat


def _header_di(g, per_baris, r, wajib: tuple[tuple[Layout, tuple[SourceField, ...]], ...]) -> _Header | None:
    """The header of a layout at row ``r``, the best if several match; ``wajib``: each layout with its
    `_wajib_longgar`."""
    if not _mungkin_header(g, r):
        return None
    gf, lf = _dua_baris_terisi(g, per_baris, r)
    if not _mungkin_di_dua_baris(lf, wajib):
        return None
    judul = None  # the title text above, read only for a row that is a header of some layout
    calon = []
    for dua in ((True, False) if _baris_kedua_header(gf, lf, r) else (False,)):
        grup, sendiri = _teks_header(lf, g.kolom, r, dua)
        semua = " ".join(f"{grup.get(k, '')} {v}" for k, v in sendiri.items())
        kata = set(semua.split())
        for layout, longgar in wajib:
            if not all(_cocok(f, semua, kata) for f in longgar):
                continue  # a quick necessary condition (a field that matches one column's text matches the whole
                # row's): most data rows are passed over cheaply
            peta = petakan_header(grup, sendiri, layout.fields)
            dasar = {_nama_dasar(k) for k in peta}
            teks_baris = " ".join(sendiri.values())
            if all(w in dasar for w in layout.wajib) and all(p in teks_baris for p in layout.penanda):
                n = 2 if dua and any(k in grup for k in peta.values()) else 1
                judul = _teks_di_atas(g, r) if judul is None else judul
                skor = (layout.judul_cocok(judul), len(peta), dua)
                calon.append((skor, _Header(layout, r, n, peta, grup, sendiri)))
    if not calon:
        return None
    return max(calon, key=lambda c: c[0])[1]


_WAJIB_LONGGAR: dict[int, tuple[Layout, tuple[SourceField, ...]]] = {}


def _wajib_longgar(layout: Layout) -> tuple[SourceField, ...]:
    """The layout's required fields without their ``not_group`` (what `_header_di` checks first), made once per
    layout object (kept by identity: hashing a layout, all its fields, costs more than the check)."""
    ada = _WAJIB_LONGGAR.get(id(layout))
    if ada is None or ada[0] is not layout:
        fields = {f.name: f for f in layout.fields}
        ada = _WAJIB_LONGGAR[id(layout)] = (layout, tuple(replace(fields[w], not_group=None)
                                                          for w in layout.wajib if w in fields))
    return ada[1]


def _mungkin_di_dua_baris(dilipat: dict[int, list[str]], wajib) -> bool:
    """A necessary condition for a header at a row, checked once for both of its readings (one row, two rows):
    some layout's required fields' aliases (`_alias_cocok`) all occur in the folded texts of the two rows.  Each
    reading's header text is made of these texts, joined by spaces, and an alias word has no space, so a word it
    finds is found here too."""
    semua = " ".join(t for baris in dilipat.values() for t in baris if t)
    kata = set(semua.split())
    return any(all(_alias_cocok(f, semua, kata) for f in longgar) for _, longgar in wajib)


def _teks_di_atas(g: _Lembar, r: int) -> str:
    awal = max(g.awal, r - MAKS_BARIS_JUDUL)
    return " ".join(t for b in range(awal, r) for t in g.isi_dilipat(b))


def _ada_judul(g: _Lembar, r_header: int) -> bool:
    """Whether text rows (a title block) stand right above a header."""
    return _awal_judul(g, r_header) < r_header


def _awal_judul(g: _Lembar, r_header: int) -> int:
    """First row of the title block right above a header: title-like rows (one or two texts), blank rows between."""
    awal, b = r_header, r_header - 1
    while b >= g.awal and r_header - b <= MAKS_BARIS_JUDUL:
        isi = g.terisi(b)
        if len(isi) > 2:
            break
        if isi:
            awal = b
        b -= 1
    return awal


def _baris_kedua_header(dua: dict[int, list], dilipat: dict[int, list[str]], r: int) -> bool:
    """Row r+1 continues the header: under a 'Kode'/'No' header it is empty or repeats it; it is no number row.
    ``dua``, ``dilipat``: rows r and r+1 and the same folded (`_dua_baris_terisi`)."""
    if r + 1 not in dua:
        return False
    bawah = dua[r + 1]
    if baris_nomor_kolom([v for v in bawah if not kosong(v)]):
        return False
    for i, atas in enumerate(dilipat[r]):
        if atas in ("kode", "no", "nomor") or atas.startswith("kode "):
            return kosong(bawah[i]) or dilipat[r + 1][i] == atas
    return True


def _teks_header(dilipat: dict[int, list[str]], kolom: list, r: int,
                 dua_baris: bool) -> tuple[dict[int, str], dict[int, str]]:
    """``dilipat``: rows r and r+1 folded (`_dua_baris_terisi`)."""
    atas = dict(zip(kolom, dilipat[r]))
    if not dua_baris or r + 1 not in dilipat:
        return {}, {k: v for k, v in atas.items() if v}
    bawah = dict(zip(kolom, dilipat[r + 1]))
    grup, sendiri, kiri = {}, {}, ""
    for k in kolom:
        a, b = atas[k], bawah[k]
        if a and a != b:
            kiri = a
        if b and b != a:
            grup[k], sendiri[k] = (a or kiri), b
        elif a:
            sendiri[k], kiri = a, (a if not b else kiri)
    return grup, sendiri


def _mungkin_header(g: _Lembar, r: int) -> bool:
    isi = g.isi_dilipat(r)
    return len(isi) >= 3 and sum(_HURUF.search(t) is not None for t in isi) >= 3  # folded: letters are a-z


def _ambil_tabel(g: _Lembar, sheet, h: _Header, awal_judul: int, batas: int, semua_header: list[int]):
    peta = h.peta
    header_teks = {f: " / ".join(t for t in (h.grup.get(k, ""), h.sendiri.get(k, "")) if t) for f, k in peta.items()}
    teks_header = {v for v in list(h.grup.values()) + list(h.sendiri.values()) if v}
    judul = tuple(t for b in range(awal_judul, h.baris) for t in (teks(v) for v in g.baris(b)) if t)
    posisi = [g.posisi[k] for k in peta.values()]  # each field's place in a row of the grid
    nomor, jenis_baris, nilai_field = [], [], [[] for _ in posisi]  # the frame's columns, filled row by row
    penutup, selesai, akhir, kosong_berturut = [], False, h.baris + h.n - 1, 0
    for b in range(h.baris + h.n, batas + 1):
        if selesai:
            isi = [teks(v) for v in g.terisi(b)]
            kosong_berturut = 0 if isi else kosong_berturut + 1
            if len(penutup) >= MAKS_BARIS_PENUTUP or (penutup and kosong_berturut >= 2):
                break  # the signature block is over: what follows belongs to no table
            penutup.extend(isi)
            akhir = b
            if any(lipat(t).startswith("nip") for t in isi):
                break  # the NIP closes a signature
            continue
        jenis = _jenis_baris(g.per_kolom(b), peta, teks_header, h.layout, g.isi_dilipat(b), g.terisi(b))
        if jenis == PENUTUP:
            selesai = True
            penutup.extend(teks(v) for v in g.terisi(b))
            akhir = b
            continue
        nomor.append(b)
        jenis_baris.append(jenis)
        isi = g.baris(b)
        for kolom, i in zip(nilai_field, posisi):
            kolom.append(isi[i])
        akhir = b
        if jenis == TOTAL and h.layout.total_menutup:
            selesai = True
    # the frame pd.DataFrame(rows, columns=…, dtype=object) with baris as int, built once from its columns
    frame = susun_bingkai(["sheet", "baris", "jenis", *peta],
                          [np.full(len(nomor), sheet, dtype=object), np.array(nomor, dtype=int),
                           *(_objek(x) for x in (jenis_baris, *nilai_field))])
    tabel = Tabel(h.layout.id, sheet, h.baris, h.n, dict(peta), header_teks, judul, frame, tuple(penutup))
    return tabel, akhir


def _objek(nilai: list) -> np.ndarray:
    """A 1-D object array of the values as they are (np.array would make a sequence value a dimension)."""
    isi = np.empty(len(nilai), dtype=object)
    isi[:] = nilai
    return isi


def _jenis_baris(nilai: dict, peta: dict[str, int], teks_header: set[str], layout: Layout,
                 dilipat: list[str] | None = None, isi: list | None = None) -> str:
    """``dilipat``, ``isi``: the row's non-empty values folded and as they are, when the caller has them
    (`_Lembar.isi_dilipat`, `_Lembar.terisi`)."""
    if isi is None:
        isi = [v for v in nilai.values() if not kosong(v)]
    if not isi:
        return KOSONG
    if dilipat is None:
        dilipat = [lipat(v) for v in isi]
    if baris_nomor_kolom(isi):
        return NOMOR
    if len(isi) >= 2 and sum(t in teks_header for t in dilipat) >= 0.6 * len(isi):
        return HEADER_ULANG
    kunci = peta.get("kode", peta.get("no"))
    tanpa_kunci = kunci is None or kosong(nilai.get(kunci))
    ada_angka = any(isinstance(v, (int, float)) or _DIGIT.search(str(v)) for v in isi)
    kunci_total = not tanpa_kunci and _kata_total(lipat(nilai.get(kunci)))  # 'TOTAL PAGU' written in column 1
    if (tanpa_kunci or kunci_total) and ada_angka and any(_kata_total(t) for t in dilipat):
        return TOTAL
    if len(isi) == 1 and kunci is not None and not kosong(nilai.get(kunci)) and _prosa(isi[0]):
        return PENUTUP  # a paragraph of prose under the table: the table is over
    if tanpa_kunci and len(isi) <= 2 and not any(isinstance(v, (int, float)) for v in isi):
        if any(_PENUTUP.match(t) or _JABATAN.match(t) for t in dilipat):
            return PENUTUP
    return DATA


def _kata_total(t: str) -> bool:
    return t.startswith("total") or t in ("jumlah", "jumlah total")


def _prosa(v) -> bool:
    """A sentence rather than a cell value: long text of many words."""
    return isinstance(v, str) and len(v) > 60 and len(v.split()) >= 8


def baris_nomor_kolom(isi: list) -> bool:
    """A row of column numbers: 1, 2, 3, … (numbers or texts such as '8=(7/6)'), ascending from 1."""
    angka = []
    for v in isi:
        m = _NOMOR_KOLOM.match(str(v))
        if not m:
            return False
        angka.append(int(m.group(1)))
    return len(angka) >= 3 and angka[0] == 1 and all(b > a for a, b in zip(angka, angka[1:]))


def gabung_lanjutan(df: pd.DataFrame, lanjutan: pd.Series, fields_teks: Sequence[str]) -> pd.DataFrame:
    """Join continuation rows (texts carried onto the next row at a page break) into the row above; drop them.

    ``lanjutan``: a boolean Series (same index) marking the continuation rows.
    """
    if df.empty:
        return df
    keluar: list[dict] = []
    for lanjut, r in zip(lanjutan, baris_dict(df)):
        if lanjut and keluar:
            atas = dict(keluar[-1])
            for f in fields_teks:
                if f in r and not kosong(r.get(f)):
                    atas[f] = f"{teks(atas.get(f))} {teks(r[f])}".strip()
            keluar[-1] = atas
        else:
            keluar.append(r)
    return pd.DataFrame(keluar, columns=df.columns)
