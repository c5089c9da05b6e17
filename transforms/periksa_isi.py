"""Plain checks of a table's items that the expectation suites do not express (rules of schemas.aturan.ATURAN_ISI):
T-C.33 starting at its programs (its urusan/bidang rows missing: one warning for the table), a sub-kegiatan with
a target but no money, an item with money but no target, the same amount in both years of a sub-kegiatan.

Each function takes tidy rows (T-C.33's, or Tabel 4.1's for the target/amount pairs) after the nomenclature set
their codes and levels, and returns raw findings (``schemas.aturan.Temuan``) in row order.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from schemas.aturan import ATURAN_ISI, Temuan
from transforms.angka import format_rupiah
from transforms.periksa import level_atas_hilang
from transforms.rekaman import baris_dict
from transforms.sel import kosong, lipat

LEVEL_ITEM = ("program", "kegiatan", "sub_kegiatan")
LABEL_LEVEL = {"urusan": "urusan", "bidang": "bidang"}
TARGET_KOSONG = ("", "n a", "na")  # folded target texts that state no target ('-', 'N/A')


def temuan_urusan_bidang(tidy: pd.DataFrame) -> list[Temuan]:
    """``urusan-bidang-tidak-ada`` at the first program when T-C.33 has programs but no urusan or bidang row
    (``transforms.periksa.level_atas_hilang``; frame_item then leaves the programs' parents unchecked)."""
    hilang = level_atas_hilang(tidy)
    if not hilang:
        return []
    program = next(r for r in _item(tidy) if r["level"] == "program")
    bagian = str(program["kode"]).split(".") if not kosong(program["kode"]) else []
    contoh = {"urusan": ".".join(bagian[:1]), "bidang": ".".join(bagian[:2]) if len(bagian) >= 2 else ""}
    kode_hilang = ", ".join(f"{lv} {contoh[lv]}".strip() for lv in hilang)
    return [ATURAN_ISI["urusan-bidang-tidak-ada"].temuan(
        program, "kode", program.get("kode"), kode=program.get("kode"),
        tingkat=" dan ".join(LABEL_LEVEL[lv] for lv in hilang), kode_hilang=kode_hilang)]


def temuan_pagu_target(tidy: pd.DataFrame, pasangan: Sequence[tuple[str, str, str]]) -> list[Temuan]:
    """Per item (program, kegiatan, sub-kegiatan; its first indicator row) and per (target column, amount column,
    label) of ``pasangan``: ``pagu-nol-bertarget`` (a sub-kegiatan with a target above 0 and an amount of 0; at the
    amount's cell) and ``target-kosong-berpagu`` (an amount above 0 and no target: empty, '-' or 'N/A'; at the
    target's cell).  Pairs whose columns the frame lacks are skipped."""
    ada = [(t, p, label) for t, p, label in pasangan if {t, f"{t}_nilai", p} <= set(tidy.columns)]
    temuan = []
    for r in _item(tidy):
        if r["level"] not in LEVEL_ITEM:
            continue
        for target, pagu, label in ada:
            dana, nilai = _angka(r[pagu]), _angka(r[f"{target}_nilai"])
            if r["level"] == "sub_kegiatan" and dana == 0 and nilai is not None and nilai > 0:
                temuan.append(ATURAN_ISI["pagu-nol-bertarget"].temuan(
                    r, pagu, _rp(dana), kode=r.get("kode"), target=r[target], kolom=label, pagu_teks=_rp(dana)))
            elif dana is not None and dana > 0 and nilai is None and lipat(r[target]) in TARGET_KOSONG:
                temuan.append(ATURAN_ISI["target-kosong-berpagu"].temuan(
                    r, target, None if kosong(r[target]) else r[target], kode=r.get("kode"), kolom=label,
                    pagu_teks=_rp(dana)))
    return temuan


def temuan_pagu_sama(tidy: pd.DataFrame, kolom: Sequence[str]) -> list[Temuan]:
    """``pagu-sama-tiap-tahun`` for each sub-kegiatan (first indicator row) whose amounts in every column of
    ``kolom`` (year n, n+1) are one and the same amount above 0; at the last column's cell."""
    if len(kolom) < 2 or not set(kolom) <= set(tidy.columns):
        return []
    temuan = []
    for r in _item(tidy):
        dana = [_angka(r[k]) for k in kolom]
        if r["level"] == "sub_kegiatan" and dana[0] is not None and dana[0] > 0 and len(set(dana)) == 1:
            temuan.append(ATURAN_ISI["pagu-sama-tiap-tahun"].temuan(r, kolom[-1], _rp(dana[-1]),
                                                                    kode=r.get("kode"), pagu_teks=_rp(dana[-1])))
    return temuan


def _item(tidy: pd.DataFrame) -> list[dict]:
    """The items' own rows (first indicator row, not aktivitas) as plain dicts, in order."""
    if tidy.empty:
        return []
    ke = tidy["indikator_ke"] if "indikator_ke" in tidy.columns else pd.Series(1, index=tidy.index)
    return [r for r, k in zip(baris_dict(tidy), ke) if _angka(k) in (None, 1)]


def _angka(v) -> float | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return float(v)


def _rp(v: float | None) -> str:
    return "" if v is None else format_rupiah(int(v))
