"""transforms.lintas.frame_pagu_lintas gives the frame its pandas version gave (loc, drop_duplicates, iloc, rename,
concat, assign — kept here as the reference): values, dtypes, index and column order, for tables of every dtype the
tidy steps give (object, str, Int64) with missing, repeated and unmatched ``urut``."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import kolom_berjenis
from transforms.lintas import (KOLOM_PAGU, LEVEL_ITEM, _rp, dengan_sel, frame_pagu_lintas, frame_program_lintas,
                              frames_lintas)


def _rujukan(tc33: pd.DataFrame, lain: pd.DataFrame, tabel_lain: str, kolom_nilai: str,
             field: str = "pagu") -> pd.DataFrame:
    """frame_pagu_lintas as it was (851ccd2)."""
    utama = tc33.loc[(tc33["indikator_ke"] == 1) & tc33["level"].isin(LEVEL_ITEM),
                     ["urut", "kode", "level", "nama", "sheet", "baris", "sel", field]]
    kanan = lain.loc[lain["urut_tc33"].notna(), ["urut_tc33", "sheet", "baris", "sel", kolom_nilai]]
    kanan = kanan.drop_duplicates("urut_tc33", keep="first")
    posisi: dict = {}
    for j, u in enumerate(kanan["urut_tc33"].astype("Int64").tolist()):
        posisi.setdefault(u, []).append(j)
    kiri, kanan_i = [], []
    for i, u in enumerate(utama["urut"].astype("Int64").tolist()):
        if u is not pd.NA:
            for j in posisi.get(u, ()):
                kiri.append(i)
                kanan_i.append(j)
    a = utama.iloc[kiri, 1:].rename(columns={field: "pagu"})
    b = kanan.iloc[kanan_i, 1:].rename(
        columns={"sheet": "sheet_lain", "baris": "baris_lain", "sel": "sel_lain", kolom_nilai: "pagu_lain"})
    df = pd.concat([a.reset_index(drop=True), b.reset_index(drop=True)], axis=1)
    df = df.assign(pagu=df["pagu"].astype("Int64"), pagu_lain=df["pagu_lain"].astype("Int64"))
    return df.assign(
        pagu_teks=df["pagu"].map(_rp), pagu_lain_teks=df["pagu_lain"].map(_rp), tabel_lain=tabel_lain, field=field,
    )[list(KOLOM_PAGU)].reset_index(drop=True)


def _sama(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True, check_column_type=True)
    assert a.dtypes.tolist() == b.dtypes.tolist()
    for x, y in zip(np.ravel(a.to_numpy(dtype=object)), np.ravel(b.to_numpy(dtype=object))):
        assert type(x) is type(y), (x, y)


_URUT = st.one_of(st.none(), st.integers(1, 6))
_LEVEL = st.sampled_from(["program", "kegiatan", "sub_kegiatan", "aktivitas", "urusan", None])
_PAGU = st.one_of(st.none(), st.integers(0, 10**12))
_TEKS = st.one_of(st.none(), st.sampled_from(["a", "b", "7.01", ""]))


@st.composite
def _tabel(draw):
    n = draw(st.integers(0, 8))
    teks = draw(st.sampled_from(["object", "str"]))
    tc33 = pd.DataFrame({
        "urut": kolom_berjenis(draw(st.lists(_URUT, min_size=n, max_size=n)), "Int64"),
        "kode": kolom_berjenis(draw(st.lists(_TEKS, min_size=n, max_size=n)), "object"),
        "level": kolom_berjenis(draw(st.lists(_LEVEL, min_size=n, max_size=n)), "object"),
        "nama": kolom_berjenis(draw(st.lists(_TEKS, min_size=n, max_size=n)), teks),
        "sheet": kolom_berjenis(draw(st.lists(_TEKS, min_size=n, max_size=n)), teks),
        "baris": kolom_berjenis(draw(st.lists(_URUT, min_size=n, max_size=n)), "Int64"),
        "indikator_ke": kolom_berjenis(draw(st.lists(st.one_of(st.none(), st.integers(1, 2)), min_size=n, max_size=n)),
                               "Int64"),
        "pagu": kolom_berjenis(draw(st.lists(_PAGU, min_size=n, max_size=n)), "Int64"),
        "sel": kolom_berjenis(draw(st.lists(_TEKS, min_size=n, max_size=n)), teks),
    })
    m = draw(st.integers(0, 8))
    lain_teks = draw(st.sampled_from(["object", "str"]))
    lain = pd.DataFrame({
        "urut_tc33": kolom_berjenis(draw(st.lists(_URUT, min_size=m, max_size=m)), "Int64"),
        "sheet": kolom_berjenis(draw(st.lists(_TEKS, min_size=m, max_size=m)), lain_teks),
        "baris": kolom_berjenis(draw(st.lists(_URUT, min_size=m, max_size=m)), "Int64"),
        "sel": kolom_berjenis(draw(st.lists(_TEKS, min_size=m, max_size=m)), "str"),
        "anggaran": kolom_berjenis(draw(st.lists(_PAGU, min_size=m, max_size=m)), "Int64"),
        "lain": kolom_berjenis(draw(st.lists(_TEKS, min_size=m, max_size=m)), "object"),
    })
    if draw(st.booleans()):  # a table cut from a bigger one keeps its labels
        lain = lain.set_axis(list(range(10, 10 + m))[::-1])
    return tc33, lain


@settings(max_examples=300, deadline=None)
@given(_tabel())
def test_sama_dengan_rujukan(tabel):
    tc33, lain = tabel
    _sama(frame_pagu_lintas(tc33, lain, "Tabel 4.1", "anggaran"), _rujukan(tc33, lain, "Tabel 4.1", "anggaran"))


def test_sama_dengan_rujukan_field_lain_dan_angka_polos():
    """Another amount field of T-C.33 (renamed ``pagu``), numpy int columns, and a float urut_tc33 (what a left
    join gives)."""
    tc33 = pd.DataFrame({"urut": [1, 2, 3], "kode": ["1", "1.1", "1.1.1"], "level": list(LEVEL_ITEM),
                         "nama": ["P", "K", "S"], "sheet": ["s"] * 3, "baris": [5, 6, 7], "indikator_ke": [1, 1, 1],
                         "pagu": [1, 2, 3], "pagu_maju": [10, 20, 30], "sel": ["I5", "I6", "I7"]})
    lain = pd.DataFrame({"urut_tc33": [3.0, np.nan, 1.0, 3.0], "sheet": ["t"] * 4, "baris": [1, 2, 3, 4],
                         "sel": ["F1", "F2", "F3", "F4"], "kebutuhan_dana": [30, 0, 10, 31]})
    for field in ("pagu", "pagu_maju"):
        baru = frame_pagu_lintas(tc33, lain, "T-C.31", "kebutuhan_dana", field)
        _sama(baru, _rujukan(tc33, lain, "T-C.31", "kebutuhan_dana", field))
    assert baru[["kode", "pagu", "baris_lain", "pagu_lain"]].values.tolist() == [["1", 10, 3, 10], ["1.1.1", 30, 1, 30]]


@settings(max_examples=150, deadline=None)
@given(_tabel(), st.lists(st.tuples(_TEKS, _LEVEL), max_size=6))
def test_program_dari_baris_program_yang_sama(tabel, tc29):
    """frames_lintas hands frame_program_lintas the program rows with the four columns it reads: the same frame as
    from the whole program rows (what it was given before)."""
    tc33, _ = tabel
    tc29 = pd.DataFrame({"kode": [k for k, _ in tc29], "level": pd.Series([lv for _, lv in tc29], dtype=object),
                         "nama": "Q", "sheet": "TC.29", "baris": range(len(tc29)), "lain": 1.5})
    frames, program = frames_lintas({"TC-33": tc33, "TC-29": tc29}, {"TC-33": {"pagu": 8}, "TC-29": {}})
    tc33_sel = dengan_sel(tc33, 8)
    rujukan = frame_program_lintas({"tc33": tc33_sel[tc33_sel["level"] == "program"],
                                    "tc29": tc29[tc29["level"] == "program"]})
    assert program == ("tc33", "tc29")
    _sama(frames["program"], rujukan)


def _rujukan_program(program_per_tabel: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """frame_program_lintas as it was (cba46af)."""
    bagian = []
    for nama_tabel, df in program_per_tabel.items():
        p = df[df["kode"].notna()][["kode", "nama", "sheet", "baris"]].drop_duplicates("kode")
        bagian.append(p.assign(tabel=nama_tabel))
    if not bagian:
        return pd.DataFrame(columns=["kode", "nama", "sheet", "baris", "tabel"])
    semua = pd.concat(bagian, ignore_index=True)
    hasil = semua.drop_duplicates("kode", keep="first").set_index("kode")
    for nama_tabel in program_per_tabel:
        hasil[f"ada_{nama_tabel}"] = hasil.index.isin(semua.loc[semua["tabel"] == nama_tabel, "kode"])
    ada = {t: hasil[f"ada_{t}"].tolist() for t in program_per_tabel}
    hasil["tabel_tanpa"] = [", ".join(t.upper() for t in program_per_tabel if not ada[t][i])
                            for i in range(len(hasil))]
    return hasil.reset_index()


_KODE_PROGRAM = st.one_of(st.none(), st.sampled_from(["1.01", "1.02", "7.01.01", "", "x"]))


@st.composite
def _program_per_tabel(draw):
    hasil = {}
    for nama in draw(st.lists(st.sampled_from(["tc33", "tc29", "tc31"]), unique=True, max_size=3)):
        n = draw(st.integers(0, 6))
        teks = draw(st.sampled_from(["object", "str"]))
        df = pd.DataFrame({
            "kode": kolom_berjenis(draw(st.lists(_KODE_PROGRAM, min_size=n, max_size=n)), teks),
            "nama": kolom_berjenis(draw(st.lists(_TEKS, min_size=n, max_size=n)), draw(st.sampled_from(["object", "str"]))),
            "sheet": kolom_berjenis(draw(st.lists(_TEKS, min_size=n, max_size=n)), teks),
            "baris": kolom_berjenis(draw(st.lists(_URUT, min_size=n, max_size=n)), "Int64"),
            "lain": 1.5,
        })
        if draw(st.booleans()):
            df = df.set_axis(list(range(20, 20 + n))[::-1])
        hasil[nama] = df
    return hasil


@settings(max_examples=300, deadline=None)
@given(_program_per_tabel())
def test_program_sama_dengan_rujukan(program_per_tabel):
    _sama(frame_program_lintas(program_per_tabel), _rujukan_program(program_per_tabel))
