"""Find a declared table in a sheet's cells by its header content and classify the rows below it.

One way of reading tables for every layout: a layout is a tuple of ``SourceField`` (schemas/) and the
fields it requires.  The header block is found by what it says, wherever it starts; below it every row is
classified (``data``, ``kosong``, ``nomor-kolom``, ``header-ulang``, ``total``) until the table ends at a
total row, a signature block or the end of the sheet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from schemas.tc33 import SourceField
from transforms.sel import grid, isi_merge, kosong, lipat, teks

# Row kinds (stable codes).
DATA, KOSONG, NOMOR, HEADER_ULANG, TOTAL = "data", "kosong", "nomor-kolom", "header-ulang", "total"

_BULAN = "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember"
_PENUTUP = re.compile(rf"^(nip\b|nip\.|[a-z ]+ \d{{0,2}} ?({_BULAN})\b|[a-z ]+,? \d{{1,2}} ({_BULAN}))")
_JABATAN = re.compile(r"^(camat|kepala|sekretaris|plt|plh|pj)\b")


@dataclass(frozen=True)
class Tabel:
    """A table found in a sheet.

    ``baris`` holds every row from the first row under the header to the table's end: columns ``sheet``,
    ``baris``, ``jenis`` and one column per mapped field with the raw cell value.
    """

    sheet: str
    baris_header: int
    jumlah_baris_header: int
    peta_kolom: dict[str, int]
    header_teks: dict[str, str]
    judul: tuple[str, ...]
    baris: pd.DataFrame
    penutup: tuple[str, ...] = field(default=())


def petakan_header(teks_grup: dict[int, str], teks_sendiri: dict[int, str],
                   fields: tuple[SourceField, ...]) -> dict[str, int]:
    """Map fields to columns from folded header texts; each field claims the leftmost column it matches."""
    peta: dict[str, int] = {}
    for kolom in sorted(teks_sendiri):
        grup, sendiri = teks_grup.get(kolom, ""), teks_sendiri[kolom]
        gabung = f"{grup} {sendiri}".strip()
        for f in fields:
            if f.name in peta or not _cocok(f, grup, gabung):
                continue
            peta[f.name] = kolom
            break
    return peta


def _cocok(f: SourceField, grup: str, gabung: str) -> bool:
    if not gabung:
        return False
    if f.group and f.group not in gabung:
        return False
    if f.not_group and f.not_group in gabung:
        return False
    kata = set(gabung.split())
    return any(all(w in kata or (len(w) > 3 and w in gabung) for w in alias) for alias in f.aliases)


def _teks_header(g: pd.DataFrame, r: int, dua_baris: bool) -> tuple[dict[int, str], dict[int, str]]:
    atas = {k: lipat(g.at[r, k]) for k in g.columns}
    if not dua_baris or r + 1 not in g.index:
        return {}, {k: v for k, v in atas.items() if v}
    bawah = {k: lipat(g.at[r + 1, k]) for k in g.columns}
    grup, sendiri, kiri = {}, {}, ""
    for k in g.columns:
        a, b = atas[k], bawah[k]
        if a and a != b:
            kiri = a
        if b and b != a:
            grup[k], sendiri[k] = (a or kiri), b
        elif a:
            sendiri[k], kiri = a, (a if not b else kiri)
    return grup, sendiri


def cari_tabel(cells: pd.DataFrame, merges: pd.DataFrame, fields: tuple[SourceField, ...],
               wajib: tuple[str, ...]) -> list[Tabel]:
    """Every table of this layout in every sheet, in sheet order."""
    hasil = []
    for sheet in pd.unique(cells["sheet"]):
        g = grid(cells, sheet)
        if g.empty:
            continue
        hasil.extend(_cari_di_sheet(g, merges, sheet, fields, wajib))
    return hasil


def _cari_di_sheet(g, merges, sheet, fields, wajib) -> list[Tabel]:
    hasil, r = [], int(g.index.min())
    akhir_sebelumnya = r
    while r <= g.index.max():
        if not _mungkin_header(g, r, fields):
            r += 1
            continue
        gf = isi_merge(g, merges, sheet, range(r, r + 2))
        dipilih = None
        for dua in ((True, False) if _baris_kedua_header(gf, r) else (False,)):
            grup, sendiri = _teks_header(gf, r, dua)
            peta = petakan_header(grup, sendiri, fields)
            if all(w in peta for w in wajib):
                dipilih = (dua, grup, sendiri, peta)
                break
        if dipilih is None:
            r += 1
            continue
        dua, grup, sendiri, peta = dipilih
        n_header = 2 if dua and any(k in grup for k in peta.values()) else 1
        tabel, r_akhir = _ambil_tabel(g, sheet, r, n_header, peta, grup, sendiri, akhir_sebelumnya)
        hasil.append(tabel)
        akhir_sebelumnya = r = r_akhir + 1
    return hasil


def _baris_kedua_header(g: pd.DataFrame, r: int) -> bool:
    """Row r+1 continues the header: under the 'Kode' header it is empty or repeats it, and it is no number row."""
    if r + 1 not in g.index:
        return False
    bawah = g.loc[r + 1]
    if _nomor_kolom([v for v in bawah if not kosong(v)]):
        return False
    for k in g.columns:
        atas = lipat(g.at[r, k])
        if atas == "kode" or atas.startswith("kode "):
            return kosong(bawah[k]) or lipat(bawah[k]) == atas
    return True


def _mungkin_header(g: pd.DataFrame, r: int, fields) -> bool:
    kata = " ".join(lipat(v) for v in g.loc[r] if not kosong(v))
    return "kode" in kata or sum(any(a[0] in kata for a in f.aliases) for f in fields) >= 3


def _ambil_tabel(g, sheet, r, n_header, peta, grup, sendiri, awal_judul):
    header_teks = {f: " / ".join(t for t in (grup.get(k, ""), sendiri.get(k, "")) if t) for f, k in peta.items()}
    semua_header = {v for v in list(grup.values()) + list(sendiri.values()) if v}
    judul = tuple(t for b in range(awal_judul, r) for t in (teks(v) for v in g.loc[b]) if t)
    rows, penutup, b = [], [], r + n_header
    r_akhir = int(g.index.max())
    selesai = False
    while b <= g.index.max():
        nilai = g.loc[b]
        if selesai:
            isi = [teks(v) for v in nilai if not kosong(v)]
            if isi and _mungkin_header(g, b, ()) and "kode" in lipat(" ".join(isi)):
                r_akhir = b - 1
                break
            penutup.extend(isi)
            b += 1
            continue
        jenis = _jenis_baris(nilai, peta, semua_header)
        if jenis == "penutup":
            selesai = True
            continue
        rows.append({"sheet": sheet, "baris": b, "jenis": jenis, **{f: nilai[k] for f, k in peta.items()}})
        if jenis == TOTAL:
            selesai = True
        b += 1
    frame = pd.DataFrame(rows, columns=["sheet", "baris", "jenis", *peta], dtype=object).astype({"baris": int})
    tabel = Tabel(sheet, r, n_header, dict(peta), header_teks, judul, frame, tuple(penutup))
    return tabel, r_akhir


def _jenis_baris(nilai: pd.Series, peta: dict[str, int], semua_header: set[str]) -> str:
    isi = [v for v in nilai if not kosong(v)]
    if not isi:
        return KOSONG
    dilipat = [lipat(v) for v in isi]
    if _nomor_kolom(isi):
        return NOMOR
    if len(isi) >= 2 and sum(t in semua_header for t in dilipat) >= 0.6 * len(isi):
        return HEADER_ULANG
    kode = peta.get("kode")
    tanpa_kode = kode is None or kosong(nilai.get(kode))
    if tanpa_kode and any(t.startswith("total") or t in ("jumlah", "jumlah total") for t in dilipat):
        return TOTAL
    if tanpa_kode and len(isi) <= 2 and not any(isinstance(v, (int, float)) for v in isi):
        if any(_PENUTUP.match(t) or _JABATAN.match(t) for t in dilipat):
            return "penutup"
    return DATA


def _nomor_kolom(isi: list) -> bool:
    """A row of column numbers: 1, 2, 3, … (numbers or digit texts, ascending, starting at 1)."""
    try:
        angka = [int(float(str(v).strip())) for v in isi]
    except ValueError:
        return False
    return len(angka) >= 3 and angka[0] == 1 and all(b > a for a, b in zip(angka, angka[1:]))
