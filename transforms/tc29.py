"""Turn the classified rows of a T-C.29 table into tidy items with parsed values, recomputed columns and findings.

Input: ``Tabel.baris`` (rows of every kind; only ``data`` rows before the table's end are read) and year n.
Output: ``HasilTabel(tidy, temuan)``: ``tidy`` has the columns of ``schemas.tc29.TIDY_COLUMNS``; ``temuan`` the
findings (``schemas.tc29.ATURAN``; columns ``schemas.aturan.KOLOM_TEMUAN_MENTAH``), in row order.  Columns 8 (= 7/6),
10 (= 5+7+9) and 11 (= 10/4) are recomputed (rules in ``schemas.tc29``) and compared with what the author wrote;
nothing is guessed.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from pandas.api.types import pandas_dtype
from pandas.core.dtypes.astype import astype_array_safe

from schemas.aturan import Temuan
from schemas.tc29 import (
    ATURAN, DESIMAL_HITUNG, KOLOM_NILAI, KOLOM_PERSEN, LAYOUT, OFFSET_TAHUN, TAHUN_FIELDS, TIDY_COLUMNS,
    TOLERANSI_JUMLAH, TOLERANSI_PERSEN,
)
from transforms.angka import DTYPE_TEKS, JENIS_PERSEN, HasilTarget, parse_target
from transforms.bingkai import susun_bingkai
from transforms.hasil import STATUS_TARGET, HasilTabel, temuan_kode, temuan_target_sel
from transforms.kode import normalize_kode
from transforms.rekaman import baris_dict
from transforms.sel import kosong, lipat, teks
from transforms.tabel import DATA, HEADER_ULANG, Tabel, gabung_lanjutan
from transforms.temuan import frame_temuan

TEKS_FIELDS = ("nama", "indikator")
NILAI_FIELDS = tuple(KOLOM_NILAI)
ITEM, INDIKATOR, LANJUTAN, LAIN = "item", "indikator", "lanjutan", "lain"

_BUKAN_KODE = re.compile(r"[^\W\d_]{2}")  # two letters in a row: a kode never has them ('2.2. Analisis', 'NO')
_N_TAHUN = re.compile(r"\bn(?: (\d))? (?:= )?((?:19|20)\d{2})\b")  # folded 'n-3=2020', 'n 2024', 'n-2) 2022'
_TAHUN_N = re.compile(r"\b((?:19|20)\d{2}) n(?: (\d))?\b")  # folded '2022 (n-2)'
_TAHUN = re.compile(r"\b((?:19|20)\d{2})\b")
# status of a value cell (target_series) → rule of its finding; T-C.29 also flags an ambiguous number
_STATUS_NILAI = {**STATUS_TARGET, "ambigu": "angka-ambigu"}


def tidy_tabel_tc29(tabel: Tabel, tahun: int | None) -> HasilTabel:
    """tidy_tc29 of a found table, with its header texts and header row (for the years)."""
    return tidy_tc29(tabel.baris, tahun, header_teks=tabel.header_teks, baris_header=tabel.baris_header)


def tidy_tc29(baris: pd.DataFrame, tahun: int | None, header_teks: Mapping[str, str] | None = None,
              baris_header: int | None = None) -> HasilTabel:
    """Tidy rows of one T-C.29 table (see module docstring).

    ``tahun``: year n of the plan; when None it is read from the header texts (``header_teks``: folded text per
    field as in ``Tabel.header_teks``; without them, the first header repeated at a page break in ``baris``).
    """
    baris, temuan = _potong_akhir(baris)
    data = _sediakan_kolom(baris[baris["jenis"] == DATA])
    data = data.assign(peran=[peran_baris(r) for r in baris_dict(data)])
    data = gabung_lanjutan(data, data["peran"] == LANJUTAN, LAYOUT.teks_lanjutan)
    items, temuan_kode = _susun_item(data)
    tahun_tidy, temuan_tahun = _tahun(baris, tahun, header_teks, baris_header)
    tidy, temuan_nilai = _urai_nilai(items, tahun_tidy)
    semua = temuan_tahun + _urut_baris(temuan + temuan_kode + temuan_nilai)
    return HasilTabel(tidy, frame_temuan(semua))


# ---------------------------------------------------------------------------------------------- rows


def _potong_akhir(baris: pd.DataFrame) -> tuple[pd.DataFrame, list[Temuan]]:
    """Drop the rows from the first one that is no table row: prose or another table's header under the table.

    Such a row writes words (two letters in a row) in the Kode column: '2.2. Analisis …', 'Tabel 2.2', 'NO'.
    """
    if "kode" not in baris:
        return baris, []
    for i, r in enumerate(baris_dict(baris)):
        if r["jenis"] != DATA or kosong(r.get("kode")) or not isinstance(r.get("kode"), str):
            continue
        if _BUKAN_KODE.search(r["kode"]) and normalize_kode(r["kode"]).kode is None:
            return baris.iloc[:i], [ATURAN["akhir-tabel"].temuan(r, "kode", teks(r["kode"]))]
    return baris, []


def _sediakan_kolom(df: pd.DataFrame) -> pd.DataFrame:
    """Make sure every source field exists (a sheet may lack a column)."""
    hilang = {f: None for f in ("kode", *TEKS_FIELDS, *NILAI_FIELDS) if f not in df}
    return df.assign(**hilang).reset_index(drop=True)


def peran_baris(r: Mapping) -> str:
    """What a data row is: an item (a kode, or a name with values), an extra indicator, a continuation, other."""
    ada_nilai = any(not kosong(r.get(f)) for f in NILAI_FIELDS)
    ada_nama, ada_indikator = not kosong(r.get("nama")), not kosong(r.get("indikator"))
    if not kosong(r.get("kode")):
        return ITEM
    if (ada_nama or ada_indikator) and not ada_nilai:
        return LANJUTAN
    if ada_nama:
        return ITEM
    if ada_indikator:
        return INDIKATOR
    return LAIN


def _susun_item(data: pd.DataFrame) -> tuple[list[dict], list[Temuan]]:
    """Walk the rows in order: kode normalised with the last kode above as context; extra indicators numbered."""
    items, temuan, konteks, sekarang = [], [], None, None
    for r in baris_dict(data):
        peran = r["peran"]
        if peran == ITEM:
            item, t = _item(r, konteks)
            temuan.extend(t)
            konteks = item["kode"] or konteks
            sekarang = item
            items.append(item)
        elif peran == INDIKATOR and sekarang is not None:
            sekarang["_indikator_terakhir"] += 1
            tetap = {f: sekarang[f] for f in ("kode", "kode_asli", "kode_aturan", "level", "nama")}
            items.append({**_dasar(r), **tetap, "indikator_ke": sekarang["_indikator_terakhir"]})
        else:
            isi = " | ".join(teks(r.get(f)) for f in ("nama", "indikator", *NILAI_FIELDS) if not kosong(r.get(f)))
            temuan.append(ATURAN["baris-tidak-dikenal"].temuan(r, "nama", isi))
    for urut, item in enumerate(items, start=1):
        item["urut"] = urut
        item.pop("_indikator_terakhir", None)
    return items, temuan


def _item(r: dict, konteks: str | None) -> tuple[dict, list[Temuan]]:
    hasil = normalize_kode(r.get("kode"), konteks)
    item = {**_dasar(r), "kode": hasil.kode, "kode_asli": teks(r.get("kode")) or None,
            "kode_aturan": ";".join(hasil.aturan) or None, "level": hasil.level, "indikator_ke": 1,
            "_indikator_terakhir": 1}
    temuan = temuan_kode(ATURAN, r, hasil, item["kode_asli"])
    if kosong(r.get("kode")):
        temuan.append(ATURAN["level-tidak-diketahui"].temuan(r, "kode", item["nama"], nama=item["nama"]))
    return item, temuan


def _dasar(r: dict) -> dict:
    d = {f: (teks(r.get(f)) or None) for f in TEKS_FIELDS}
    mentah = {f"_{f}_mentah": r.get(f) for f in NILAI_FIELDS}
    return {**d, **{f: (teks(r.get(f)) or None) for f in NILAI_FIELDS}, **mentah, "sheet": r["sheet"],
            "baris": r["baris"]}


# ---------------------------------------------------------------------------------------------- years


def _tahun(baris: pd.DataFrame, tahun: int | None, header_teks: Mapping[str, str] | None,
           baris_header: int | None) -> tuple[dict, list[Temuan]]:
    """Year columns (n, n-1, n-2, n-3) and findings for header years that disagree with year n."""
    sheet = baris["sheet"].iloc[0] if len(baris) else None
    if header_teks is None:
        header_teks, baris_header = _header_dari_ulangan(baris)
    disebut = tahun_di_header(header_teks or {})
    n = tahun if tahun is not None else _n_terbanyak(disebut)
    if n is None:
        r = {"sheet": sheet, "baris": baris_header}
        return {k: None for k in TAHUN_FIELDS.values()}, [ATURAN["tahun-tidak-diketahui"].temuan(r, None, None)]
    temuan = []
    for field, offset, th in disebut:
        if th != n - offset:
            r = {"sheet": sheet, "baris": baris_header}
            temuan.append(ATURAN["tahun-judul-berbeda"].temuan(
                r, field, str(th), kolom=KOLOM_NILAI[field][1], tahun_ke=f"tahun n-{offset}" if offset else "tahun n",
                tahun_n=n, harapan=n - offset))
    return {kolom: n - offset for offset, kolom in TAHUN_FIELDS.items()}, temuan


def tahun_di_header(header_teks: Mapping[str, str]) -> list[tuple[str, int, int]]:
    """(field, k, year) for every year column whose folded header names a year: 'n-k YEAR' or 'YEAR (n-k)'.

    A bare year counts for the columns whose offset the standard form fixes (not for the Renstra target, whose
    bare year is the end of the Renstra period).  Only the column's own header (after ' / ') is read for a bare
    year, the whole text for an 'n-k' year.
    """
    hasil = []
    for field, offset_baku in OFFSET_TAHUN.items():
        t = header_teks.get(field)
        if not t:
            continue
        if m := _N_TAHUN.search(t):
            hasil.append((field, int(m.group(1) or 0), int(m.group(2))))
        elif m := _TAHUN_N.search(t):
            hasil.append((field, int(m.group(2) or 0), int(m.group(1))))
        elif offset_baku and (m := _TAHUN.search(t.split(" / ")[-1])):
            hasil.append((field, offset_baku, int(m.group(1))))
    return hasil


def _n_terbanyak(disebut: list[tuple[str, int, int]]) -> int | None:
    """Year n most header columns agree on (year + k); a tie goes to the leftmost column's reading."""
    if not disebut:
        return None
    calon = [th + offset for _, offset, th in disebut]
    hitung = Counter(calon)
    return max(calon, key=lambda n: (hitung[n], -calon.index(n)))


def _header_dari_ulangan(baris: pd.DataFrame) -> tuple[dict[str, str], int | None]:
    """Folded header text per field from the first header repeated at a page break (one or two rows)."""
    ulang = baris[baris["jenis"] == HEADER_ULANG]
    if ulang.empty:
        return {}, None
    pertama = int(ulang["baris"].iloc[0])
    dua = ulang[ulang["baris"].isin([pertama, pertama + 1])]
    fields = [f for f in (*NILAI_FIELDS, "kode", *TEKS_FIELDS) if f in baris]
    teks_field = {f: " / ".join(lipat(v) for v in dua[f] if not kosong(v)) for f in fields}
    return {f: t for f, t in teks_field.items() if t}, pertama


# ---------------------------------------------------------------------------------------------- values


def _urai_nilai(items: list[dict], tahun: dict) -> tuple[pd.DataFrame, list[Temuan]]:
    """Parse every value column, recompute cols 8, 10, 11 and compare; findings per row in column order."""
    if not items:
        return pd.DataFrame(columns=list(TIDY_COLUMNS)), []
    df = pd.DataFrame(items)
    # each cell read (transforms.angka.parse_target) into plain results: no frame per column (target_series)
    urai = {f: [parse_target(v) for v in df[f"_{f}_mentah"].astype(object).tolist()] for f in NILAI_FIELDS}
    keluar: dict[str, list] = {k: [] for k in ("tingkat_realisasi_hitung", "realisasi_capaian_hitung",
                                               "realisasi_capaian_hitung_nilai", "realisasi_capaian_hitung_satuan",
                                               "tingkat_capaian_hitung")}
    temuan = []
    for i, r in enumerate(baris_dict(df)):  # rows as dicts: .loc per row is slow
        v = {f: _Nilai.dari(r[f], r[f"_{f}_mentah"], urai[f][i]) for f in NILAI_FIELDS}
        temuan.extend(_temuan_urai(r, v))
        c8, t8 = _persen(r, v, "tingkat_realisasi", "realisasi_n2", "target_n2", "tingkat-realisasi-berbeda")
        c10, t10 = _jumlah_capaian(r, v)
        c11, t11 = _persen(r, v, "tingkat_capaian", "realisasi_capaian", "target_renstra", "tingkat-capaian-berbeda")
        temuan.extend([*t8, *t10, *t11])
        keluar["tingkat_realisasi_hitung"].append(_bulat(c8))
        keluar["tingkat_capaian_hitung"].append(_bulat(c11))
        jumlah, satuan = c10 if c10 else (None, None)
        keluar["realisasi_capaian_hitung_nilai"].append(_bulat(jumlah))
        keluar["realisasi_capaian_hitung_satuan"].append(satuan)
        keluar["realisasi_capaian_hitung"].append(f"{format_angka(jumlah)} {satuan}" if c10 else None)
    kolom = {}
    for f in NILAI_FIELDS:  # the columns target_series gives: nilai Float64, satuan str
        kolom[f"{f}_nilai"] = pd.array([h.nilai for h in urai[f]], dtype="Float64")
        kolom[f"{f}_satuan"] = pd.array([h.satuan for h in urai[f]], dtype=DTYPE_TEKS)
    for k, nilai in (*keluar.items(), *tahun.items()):  # a list or a year as assign makes it a column
        kolom[k] = pd.Series(nilai, index=df.index)._values
    # df.assign(**kolom)[TIDY_COLUMNS].astype(_TIPE), built once from its columns (no assign, drop, astype, reset)
    isi = [kolom[k] if k in kolom else df[k]._values.copy() for k in TIDY_COLUMNS]
    isi = [astype_array_safe(a, _TIPE[k], copy=True) if k in _TIPE else a for k, a in zip(TIDY_COLUMNS, isi)]
    return susun_bingkai(list(TIDY_COLUMNS), isi), temuan


_TIPE = {k: pandas_dtype(t) for k, t in {
    "urut": "Int64", "indikator_ke": "Int64", "baris": "Int64", **{k: "Int64" for k in TAHUN_FIELDS.values()},
    **{k: "Float64" for k in ("tingkat_realisasi_hitung", "realisasi_capaian_hitung_nilai", "tingkat_capaian_hitung")},
}.items()}


@dataclass(frozen=True)
class _Nilai:
    """One parsed cell: text as written, number, satuan, jenis, parse status, whether the cell was a number."""

    teks: str | None
    nilai: float | None
    satuan: str | None
    jenis: str
    status: str
    pesan: str | None
    nilai2: float | None
    sel_angka: bool

    @classmethod
    def dari(cls, tampil, mentah, h: HasilTarget) -> _Nilai:
        """``h``: the cell read (transforms.angka.parse_target); a number as a float (what a Float64 column keeps),
        NaN as None."""
        def isi(x):
            return None if x is None or (isinstance(x, float) and math.isnan(x)) else x
        nilai, nilai2 = isi(h.nilai), isi(h.nilai2)
        return cls(tampil, None if nilai is None else float(nilai), isi(h.satuan), h.jenis, h.status,
                   isi(h.pesan), None if nilai2 is None else float(nilai2),
                   isinstance(mentah, (int, float)) and not isinstance(mentah, bool))

    @property
    def ada(self) -> bool:
        return self.nilai is not None

    @property
    def kunci_satuan(self) -> tuple:
        """Two values share a unit when their satuan (case-folded) and second number agree."""
        return (self.satuan.casefold() if self.satuan else None, self.nilai2)

    def sebut(self) -> str:
        return f"'{self.teks}' ({self.satuan or 'tanpa satuan'})"


def _temuan_urai(r: dict, v: dict[str, _Nilai]) -> list[Temuan]:
    """Cells that do not read as a value: unreadable targets, unknown units, ambiguous numbers."""
    out = []
    for f in NILAI_FIELDS:
        if f in KOLOM_PERSEN:
            continue  # a percentage column's content is judged in _persen
        x = v[f]
        t = temuan_target_sel(ATURAN, r, f, x.status, x.teks, kode=r["kode"], status_aturan=_STATUS_NILAI,
                              kolom=KOLOM_NILAI[f][1], keterangan=x.pesan or "")
        if t:
            out.append(t)
    return out


def _persen(r: dict, v: dict[str, _Nilai], field: str, atas: str, bawah: str, aturan: str):
    """Computed percentage atas / bawah × 100 (unrounded, or None) and the findings of column ``field``."""
    pembilang, penyebut, tertulis = v[atas], v[bawah], v[field]
    label = KOLOM_NILAI[field][1]
    temuan, hitung = [], None
    if pembilang.ada and penyebut.ada:
        if pembilang.kunci_satuan != penyebut.kunci_satuan:
            operan = (f"kolom {KOLOM_NILAI[atas][0]} {pembilang.sebut()}, "
                      f"kolom {KOLOM_NILAI[bawah][0]} {penyebut.sebut()}")
            temuan.append(ATURAN["satuan-berbeda"].temuan(r, field, f"{pembilang.teks} / {penyebut.teks}",
                                                          kode=r["kode"], kolom=label, operan=operan))
        elif penyebut.nilai != 0:
            hitung = pembilang.nilai / penyebut.nilai * 100
    if tertulis.jenis == "kosong" or tertulis.teks is None:
        return hitung, temuan
    bukan_persen = tertulis.jenis != JENIS_PERSEN and not (tertulis.ada and tertulis.satuan is None)
    if bukan_persen:
        ket = f" Hasil hitung: {format_angka(hitung)}%." if hitung is not None else ""
        temuan.append(ATURAN["persen-berisi-teks"].temuan(r, field, tertulis.teks, kode=r["kode"], kolom=label,
                                                          keterangan=ket))
    elif hitung is not None and not _persen_sama(tertulis, hitung):
        operan = f"{pembilang.teks} / {penyebut.teks}"
        temuan.append(ATURAN[aturan].temuan(r, field, tertulis.teks, kode=r["kode"], operan=operan,
                                            hitung=f"{format_angka(hitung)}%",
                                            toleransi=format_angka(TOLERANSI_PERSEN)))
    return hitung, temuan


def _persen_sama(tertulis: _Nilai, hitung: float) -> bool:
    """A stated percentage agrees within TOLERANSI_PERSEN; a number cell may also be a fraction (1.15 = 115%)."""
    bacaan = [tertulis.nilai]
    if tertulis.sel_angka and tertulis.satuan is None:
        bacaan.append(tertulis.nilai * 100)
    return any(abs(b - hitung) <= TOLERANSI_PERSEN for b in bacaan)


def _jumlah_capaian(r: dict, v: dict[str, _Nilai]):
    """Col 10 = 5 + 7 + 9 for a count indicator ((sum, satuan) or None) and the findings of column 10."""
    operan_f = ("realisasi_n3", "realisasi_n2", "target_n1")
    operan = [v[f] for f in operan_f]
    if not all(x.ada for x in operan) or all(x.jenis == JENIS_PERSEN for x in operan):
        return None, []
    label = KOLOM_NILAI["realisasi_capaian"][1]
    if len({x.kunci_satuan for x in operan}) > 1:
        sebut = ", ".join(f"kolom {KOLOM_NILAI[f][0]} {x.sebut()}" for f, x in zip(operan_f, operan))
        return None, [ATURAN["satuan-berbeda"].temuan(r, "realisasi_capaian", " + ".join(x.teks for x in operan),
                                                      kode=r["kode"], kolom=label, operan=sebut)]
    if operan[0].satuan is None:
        return None, []  # bare numbers: whether they count something cumulative is not known
    jumlah, satuan = sum(x.nilai for x in operan), operan[0].satuan
    tertulis = v["realisasi_capaian"]
    if not tertulis.ada:
        return (jumlah, satuan), []
    teks_operan = " + ".join(x.teks for x in operan)
    if tertulis.kunci_satuan != operan[0].kunci_satuan:
        sebut = f"tertulis {tertulis.sebut()}, kolom 5 + 7 + 9 dalam {satuan}"
        return (jumlah, satuan), [ATURAN["satuan-berbeda"].temuan(r, "realisasi_capaian", tertulis.teks,
                                                                  kode=r["kode"], kolom=label, operan=sebut)]
    if abs(tertulis.nilai - jumlah) > TOLERANSI_JUMLAH:
        hitung = f"{format_angka(jumlah)} {satuan}"
        return (jumlah, satuan), [ATURAN["realisasi-capaian-berbeda"].temuan(
            r, "realisasi_capaian", tertulis.teks, kode=r["kode"], operan=teks_operan, hitung=hitung)]
    return (jumlah, satuan), []


def _bulat(x: float | None) -> float | None:
    return None if x is None else round(x, DESIMAL_HITUNG) + 0.0


def format_angka(x: float | None) -> str:
    """A number in Indonesian style with at most 2 decimals: 115.116 → '115,12', 1500 → '1.500', 100.0 → '100'."""
    if x is None:
        return ""
    t = f"{x:,.{DESIMAL_HITUNG}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return t.rstrip("0").rstrip(",") if "," in t else t


# ---------------------------------------------------------------------------------------------- findings


def _urut_baris(temuan: list[Temuan]) -> list[Temuan]:
    """Findings in row order (stable: within a row, in the order raised)."""
    return sorted(temuan, key=lambda t: (t.baris is None, t.baris if t.baris is not None else 0))

