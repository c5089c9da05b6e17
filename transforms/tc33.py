"""Turn the classified rows of a T-C.33 table into tidy items: one row per item with level, parent and parsed values.

Input: ``Tabel.baris`` rows of kind ``data`` (raw cell values per field, ``sheet``, ``baris``).
Output: ``HasilTabel(tidy, temuan)``: ``tidy`` has the columns of ``schemas.tc33.TIDY_COLUMNS``; ``temuan`` the
findings raised while reading (rules of ``schemas.tc33.ATURAN`` and ``schemas.sumber_dana.ATURAN``; a frame with
the columns ``schemas.aturan.KOLOM_TEMUAN_MENTAH``).
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from schemas.kode import PERINGKAT
from schemas.aturan import Temuan
from schemas.keluaran import KODE
from schemas.tc33 import (
    ATURAN,
    EXTRA_INDICATOR_FIELDS,
    LAYOUT,
    LEVELS,
    MASUK_TOTAL,
    OUTPUT_COLUMNS,
    TIDY_COLUMNS,
)
from transforms.angka import rupiah_series, target_series
from transforms.bingkai import susun_dari
from transforms.hasil import HasilTabel, temuan_kode, temuan_rupiah, temuan_target
from transforms.kode import normalize_kode
from transforms.rekaman import baris_dict
from transforms.sel import kosong, teks
from transforms.sumber_dana import tambah_sumber_dana
from transforms.tabel import gabung_lanjutan
from transforms.temuan import frame_temuan

TEKS_FIELDS = ("nama", "indikator", "formulasi", "aktivitas", "lokasi", "target", "sumber_dana", "catatan",
               "target_maju")
ITEM, AKTIVITAS, INDIKATOR, LANJUTAN, LAIN = "item", "aktivitas", "indikator", "lanjutan", "lain"


def tidy_tc33(baris: pd.DataFrame) -> HasilTabel:
    """Tidy items of one T-C.33 table from its ``data`` rows (see module docstring)."""
    kolom_aktivitas = "aktivitas" in baris.columns
    data = _sediakan_kolom(baris[baris["jenis"] == "data"])
    if len(data):  # rows as dicts: a Series per row (DataFrame.apply) cost more than the classification
        data = data.assign(peran=[peran_baris(r, kolom_aktivitas) for r in baris_dict(data)])
    else:
        data = data.assign(peran=data.apply(peran_baris, axis=1, kolom_aktivitas=kolom_aktivitas))
    data = gabung_lanjutan(data, data["peran"] == LANJUTAN, LAYOUT.teks_lanjutan)
    items, temuan = _susun_hirarki(data)
    tidy, temuan_angka = _urai_angka(items)
    tidy = tidy.assign(keyakinan=pd.Series(pd.NA, index=tidy.index, dtype="Float64"))  # set by transforms.nomenklatur
    tidy, temuan_dana = tambah_sumber_dana(tidy)
    return HasilTabel(tidy[list(TIDY_COLUMNS)], frame_temuan([*temuan, *temuan_angka, *temuan_dana]))


def _sediakan_kolom(df: pd.DataFrame) -> pd.DataFrame:
    """Make sure every source field exists (a sheet may lack optional columns such as Formulasi)."""
    hilang = {f: None for f in ("kode", "skala_prioritas", "pagu", "pagu_maju", *TEKS_FIELDS) if f not in df}
    return df.assign(**hilang).reset_index(drop=True)


def peran_baris(r: Mapping, kolom_aktivitas: bool = True) -> str:
    """What a data row is: an item (has a kode or a name), an aktivitas, an extra indicator, a continuation.

    ``kolom_aktivitas``: the sheet has an Aktivitas column; without one (the standard 10-column layout) a row with a
    name and an amount but no kode and no indicator is an aktivitas."""
    ada = {f: not kosong(r.get(f)) for f in ("kode", "nama", "aktivitas", "indikator", "target", "target_maju",
                                              "pagu", "pagu_maju", "lokasi", "sumber_dana", "skala_prioritas")}
    if ada["kode"]:
        return ITEM
    if ada["aktivitas"]:
        return AKTIVITAS
    if ada["nama"] and not ada["indikator"] and (ada["pagu"] or ada["pagu_maju"]) and not kolom_aktivitas:
        return AKTIVITAS  # the standard layout (no Aktivitas column): a name and an amount under a sub-kegiatan
    angka = ada["target"] or ada["target_maju"] or ada["pagu"] or ada["pagu_maju"]
    if ada["nama"] and not angka and not ada["lokasi"] and not ada["sumber_dana"]:
        return LANJUTAN
    if ada["indikator"] and not ada["nama"] and angka:
        return INDIKATOR
    if ada["nama"]:
        return ITEM
    if ada["indikator"]:
        return LANJUTAN
    return LAIN


def _susun_hirarki(data: pd.DataFrame) -> tuple[list[dict], list[Temuan]]:
    """Walk the rows in order keeping the open items; give each row its kode, level, parent and indicator no."""
    items, temuan, terbuka = [], [], []  # terbuka: stack of open items (dicts)
    sekarang = None  # the last item (not aktivitas)
    for r in baris_dict(data):
        peran = r["peran"]
        if peran == ITEM:
            konteks = sekarang["kode"] if sekarang else None
            item, t = _item(r, konteks)
            temuan.extend(t)
            if item["level"] is not None:
                terbuka = [x for x in terbuka if PERINGKAT[x["level"]] < PERINGKAT[item["level"]]]
            item["_induk"] = terbuka[-1] if terbuka else None
            if item["level"] is not None:
                terbuka.append(item)
            sekarang = item
            items.append(item)
        elif peran == AKTIVITAS and sekarang is not None:
            items.append(_aktivitas(r, sekarang))
        elif peran == INDIKATOR and sekarang is not None:
            sekarang["_indikator_terakhir"] = sekarang.get("_indikator_terakhir", 1) + 1
            items.append(_indikator_tambahan(r, sekarang))
        else:
            isi = " | ".join(teks(r.get(f)) for f in TEKS_FIELDS if not kosong(r.get(f)))
            temuan.append(ATURAN["baris-tidak-dikenal"].temuan(r, "nama", isi))
    for urut, item in enumerate(items, start=1):
        item["urut"] = urut
    for item in items:
        induk = item.pop("_induk", None)
        item["kode_induk"] = induk["kode"] if induk else None
        item["urut_induk"] = induk["urut"] if induk else None
    for item in items:
        item.pop("_indikator_terakhir", None)
    return items, temuan


def _item(r: dict, konteks: str | None) -> tuple[dict, list[Temuan]]:
    hasil = normalize_kode(r.get("kode"), konteks)
    item = {**_dasar(r), "kode": hasil.kode, "kode_asli": teks(r.get("kode")) or None,
            "kode_aturan": ";".join(hasil.aturan) or None, "level": hasil.level, "indikator_ke": 1}
    temuan = temuan_kode(ATURAN, r, hasil, item["kode_asli"])
    if hasil.kode is None and kosong(r.get("kode")):
        nama = teks(r.get("nama"))
        temuan.append(ATURAN["level-tidak-diketahui"].temuan(r, "nama", nama, nama=nama))
    if hasil.level == "kegiatan" and not kosong(r.get("aktivitas")):
        item["level"] = "sub_kegiatan"
        item["kode_aturan"] = ";".join(filter(None, (item["kode_aturan"], "level-dari-tata-letak")))
        temuan.append(ATURAN["level-dari-tata-letak"].temuan(r, "kode", item["kode_asli"], kode=hasil.kode,
                                                                  nama=item["nama"]))
    return item, temuan


def _dasar(r: dict) -> dict:
    d = {f: (teks(r.get(f)) or None) for f in TEKS_FIELDS}
    return {**d, "skala_prioritas": teks(r.get("skala_prioritas")) or None, "pagu_mentah": r.get("pagu"),
            "pagu_maju_mentah": r.get("pagu_maju"), "sheet": r["sheet"], "baris": r["baris"]}


def _aktivitas(r: dict, sub: dict) -> dict:
    d = _dasar(r)
    return {**d, "nama": d["aktivitas"] or d["nama"], "aktivitas": None, "kode": sub["kode"], "kode_asli": None,
            "kode_aturan": None, "level": "aktivitas", "_induk": sub, "indikator_ke": 1}


def _indikator_tambahan(r: dict, item: dict) -> dict:
    d = _dasar(r)
    tetap = {f: item[f] for f in ("kode", "kode_asli", "kode_aturan", "level", "_induk", "nama")}
    return {**d, **tetap, "indikator_ke": item["_indikator_terakhir"]}


def _urai_angka(items: list[dict]) -> tuple[pd.DataFrame, list[Temuan]]:
    """Parse pagu, pagu_maju (integer Rupiah) and targets; findings for what needed care or failed."""
    df = pd.DataFrame(items)
    if df.empty:
        return pd.DataFrame(columns=list(TIDY_COLUMNS)), []
    temuan = []
    keluar = {}
    for f in ("pagu", "pagu_maju"):
        h = rupiah_series(df[f"{f}_mentah"])
        keluar[f] = h["nilai"]
        temuan.extend(temuan_rupiah(df, h, f, ATURAN, kolom_kode="kode"))
    for f in ("target", "target_maju"):
        h = target_series(df[f])
        keluar[f"{f}_nilai"], keluar[f"{f}_satuan"] = h["nilai"], h["satuan"]
        temuan.extend(temuan_target(df, h, f, ATURAN, kolom_kode="kode"))
    kolom = [*(k for k in df.columns if k not in ("pagu_mentah", "pagu_maju_mentah")),
             *(k for k in keluar if k not in df.columns)]  # assign's order, without the raw amounts
    tipe = {"urut": "Int64", "urut_induk": "Int64", "indikator_ke": "Int64", "baris": "Int64"}
    return susun_dari(df, kolom, keluar, tipe), temuan  # assign, drop and astype in one build


# ------------------------------------------------------------------------------------------------ as the sheet shows it


def periksa_untuk_tulis(tidy: pd.DataFrame) -> None:
    """ValueError unless every output column is there and every level is one of LEVELS or empty: an item whose level
    neither its kode nor the layout tells (reported kode-tidak-terbaca or level-tidak-diketahui, naming its cell) is
    written where it stands, without a level's look."""
    needed = {column.field for column in OUTPUT_COLUMNS} | {"level", "indikator_ke"}
    missing = sorted(needed - set(tidy.columns))
    if missing:
        raise ValueError(f"tidy T-C.33 rows lack columns: {missing}")
    unknown = sorted(set(tidy["level"].dropna()) - set(LEVELS))
    if unknown:
        raise ValueError(f"unknown level(s) in tidy T-C.33 rows: {unknown}")


def seperti_tampil(tidy: pd.DataFrame) -> pd.DataFrame:
    """A new frame as TC-33.xlsx shows it (schemas.tc33.KELUARAN): an extra indicator line keeps only
    EXTRA_INDICATOR_FIELDS, an aktivitas row has no kode; column MASUK_TOTAL marks each program's first line."""
    extra = tidy["indikator_ke"].fillna(1).astype(int) > 1
    aktivitas = tidy["level"] == "aktivitas"
    hidden = {c.field: extra for c in OUTPUT_COLUMNS if c.field not in EXTRA_INDICATOR_FIELDS}
    for c in OUTPUT_COLUMNS:
        if c.kind == KODE:
            hidden[c.field] = hidden.get(c.field, extra) | aktivitas
    return tidy.assign(
        **{field: tidy[field].mask(mask) for field, mask in hidden.items()},
        **{MASUK_TOTAL: (tidy["level"] == "program") & ~extra},
    )
