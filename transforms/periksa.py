"""Frames the T-C.33 expectation suite checks: the items with derived columns, and the roll-up of amounts.

``frame_item(tidy)`` adds ``kode_induk_menurut_kode`` (the parent the kode itself names) and display texts.
``frame_rollup(tidy, total)`` has one row per parent and year column: the parent's own amount and the sum of its
children's, where the parent is the item above in the layout (``urut_induk``) and the TOTAL row is the parent
of the programs.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from schemas.tc33 import FIELD_LABEL
from transforms.angka import format_rupiah
from transforms.angka import parse_rupiah
from transforms.bingkai import susun_bingkai
from transforms.kode import induk_kode
from transforms.rekaman import baris_dict
from transforms.tabel import TOTAL

FIELDS_PAGU = ("pagu", "pagu_maju")
ROLLUP_COLUMNS = ("sheet", "baris", "kode", "level", "nama", "field", "field_label", "pagu", "jumlah_anak", "jumlah_anak_n",
                  "pagu_teks", "jumlah_anak_teks")


LEVEL_ATAS = ("urusan", "bidang")
ANAK_LEVEL = {"urusan": "bidang", "bidang": "program"}


def frame_item(tidy: pd.DataFrame) -> pd.DataFrame:
    """The tidy items plus ``kode_induk_menurut_kode`` and ``pagu_teks``/``pagu_maju_teks``.

    ``kode_induk_menurut_kode`` is the parent the kode names (transforms.kode.induk_kode), except on the rows whose
    parent level the table has no row of at all (``level_atas_hilang``: a T-C.33 starting at its programs): those
    get none, so that their parents are not looked for (one ``urusan-bidang-tidak-ada`` warning says so instead of
    an ``induk-tidak-ada`` error per program)."""
    induk = tidy["kode"].map(induk_kode)
    anak = [ANAK_LEVEL[lv] for lv in level_atas_hilang(tidy)]
    if anak:
        induk = induk.where(~tidy["level"].isin(anak))  # missing values, the column's dtype kept
    return tidy.assign(
        kode_induk_menurut_kode=induk,
        pagu_teks=tidy["pagu"].map(_rp),
        pagu_maju_teks=tidy["pagu_maju"].map(_rp),
    )


def level_atas_hilang(tidy: pd.DataFrame) -> tuple[str, ...]:
    """The levels above the programs (urusan, bidang) of which a table with programs has no row at all."""
    ada = set(tidy["level"].dropna()) if "level" in tidy.columns else set()
    if "program" not in ada:
        return ()
    return tuple(lv for lv in LEVEL_ATAS if lv not in ada)


def frame_rollup(tidy: pd.DataFrame, total: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (parent, year field) whose children state an amount for that field.

    ``total``: the table's total rows (columns ``sheet``, ``baris``, ``pagu``, ``pagu_maju``), parents of the
    programs.  A parent's empty amount counts as 0 against children that state amounts.
    """
    utama = tidy[tidy["indikator_ke"].fillna(1) == 1]
    catatan = baris_dict(utama)  # plain rows: filtering the frame per parent was the cost
    pertama: dict = {}  # urut -> its first row
    anak: dict = {}  # urut_induk -> its rows, in order
    for r in catatan:
        pertama.setdefault(r["urut"], r)
        if not _kosong(r["urut_induk"]):
            anak.setdefault(r["urut_induk"], []).append(r)
    rows = []
    for urut_induk in sorted(anak):  # groupby's order
        induk = pertama.get(urut_induk)
        if induk is not None:
            rows.extend(_baris_rollup(induk, anak[urut_induk], utama))
    if total is not None and not total.empty:
        program = [r for r in catatan if r["level"] == "program"]
        for t in baris_dict(total):
            induk = {"sheet": t["sheet"], "baris": t["baris"], "kode": None, "level": "total", "nama": "TOTAL PAGU",
                     **{f: t.get(f) for f in FIELDS_PAGU}}
            rows.extend(_baris_rollup(induk, program, utama))
    out = pd.DataFrame(rows, columns=list(ROLLUP_COLUMNS))
    return out.astype({"pagu": "Int64", "jumlah_anak": "Int64", "jumlah_anak_n": "Int64", "baris": "Int64"})


def _kosong(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _jumlah(nilai: list, dtype):
    """The sum of the values as pandas sums a column of ``dtype`` (whole numbers exactly)."""
    if all(isinstance(v, int) for v in nilai):
        return sum(nilai)
    return pd.Series(nilai, dtype=dtype).sum()


def _baris_rollup(induk: dict, anak: list[dict], utama: pd.DataFrame) -> list[dict]:
    rows = []
    for f in FIELDS_PAGU:
        nilai_anak = [r[f] for r in anak if not _kosong(r[f])]
        if not nilai_anak:
            continue
        sendiri = induk.get(f)
        sendiri = 0 if sendiri is None or pd.isna(sendiri) else int(sendiri)
        jumlah = int(_jumlah(nilai_anak, utama[f].dtype))
        rows.append({"sheet": induk["sheet"], "baris": induk["baris"], "kode": induk["kode"], "level": induk["level"],
                     "nama": induk["nama"], "field": f, "field_label": FIELD_LABEL[f], "pagu": sendiri, "jumlah_anak": jumlah,
                     "jumlah_anak_n": len(nilai_anak), "pagu_teks": _rp(sendiri),
                     "jumlah_anak_teks": _rp(jumlah)})
    return rows


def _rp(n) -> str:
    return "" if n is None or pd.isna(n) else format_rupiah(int(n))


def baris_total(baris: pd.DataFrame) -> pd.DataFrame:
    """A table's TOTAL rows (``Tabel.baris`` of kind ``total``) with ``pagu`` and ``pagu_maju`` parsed (Int64)."""
    posisi = np.array([i for i, j in enumerate(baris["jenis"].tolist()) if j == TOTAL],  # one at most, or none
                      dtype=np.intp)
    # the columns of baris.iloc[posisi] taken one by one (not a take of every column of the table)
    isi = [baris[k]._values.take(posisi) for k in ("sheet", "baris")]
    for f in FIELDS_PAGU:  # parse_rupiah's nilai as rupiah_series gives it (Int64)
        nilai = [parse_rupiah(v).nilai for v in baris[f]._values.take(posisi).tolist()] if f in baris \
            else [None] * len(posisi)
        isi.append(pd.array(nilai, dtype="Int64"))
    return susun_bingkai(["sheet", "baris", *FIELDS_PAGU], isi, baris.index.take(posisi))


def angka_pokok(tidy: pd.DataFrame, total: pd.DataFrame) -> dict[str, str]:
    """The key figures of a T-C.33 for the report: counts per level, the programs' sums, the TOTAL row as written."""
    utama = tidy[tidy["indikator_ke"] == 1]
    program = utama[utama["level"] == "program"]
    angka = {f"Jumlah {lv.replace('_', '-')}": str(int((utama["level"] == lv).sum()))
             for lv in ("program", "kegiatan", "sub_kegiatan", "aktivitas")}
    for f, label in (("pagu", "Jumlah pagu program (tahun n)"), ("pagu_maju", "Jumlah pagu program (n+1)")):
        angka[label] = format_rupiah(int(program[f].fillna(0).sum()))
    for f, label in (("pagu", "TOTAL PAGU tertulis (tahun n)"), ("pagu_maju", "TOTAL PAGU tertulis (n+1)")):
        if not total.empty and total[f].notna().any():
            angka[label] = format_rupiah(int(total[f].dropna().iloc[0]))
    return angka


def angka_pokok_tabel41(tidy: pd.DataFrame, total: int | None) -> dict[str, str]:
    """The key figures of a Tabel 4.1 (the report's, when no T-C.33 came): counts per level, the sums of the
    programs' and of the sub-kegiatan's anggaran (each adds up to the total when the levels and amounts are right),
    the TOTAL PAGU row as written."""
    utama = tidy[tidy["indikator_ke"] == 1]
    angka = {f"Jumlah {lv.replace('_', '-')}": str(int((utama["level"] == lv).sum()))
             for lv in ("program", "kegiatan", "sub_kegiatan")}
    for lv, label in (("program", "Jumlah anggaran program (Tabel 4.1)"),
                      ("sub_kegiatan", "Jumlah anggaran sub-kegiatan (Tabel 4.1)")):
        angka[label] = format_rupiah(int(utama.loc[utama["level"] == lv, "anggaran"].fillna(0).sum()))
    if total is not None:
        angka["TOTAL PAGU tertulis (Tabel 4.1)"] = format_rupiah(int(total))
    return angka
