"""transforms.tc30.lebar_tc30 gives the wide frame its pandas version gave (pivot_table "first", join on each
indicator's first row, astype(object).where — kept here as the reference): values and their types, dtypes, index,
column order, findings; for indicators repeated, missing values, years outside n..n+2, missing urut."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.tc30 import JUMLAH_TAHUN_KELUARAN, KELOMPOK, TIDY_COLUMNS
from transforms.tc30 import ATURAN, _label_kolom, lebar_tc30
from transforms.temuan import frame_temuan


def _rujukan(tidy: pd.DataFrame, tahun_n: int):
    """lebar_tc30 as it was (851ccd2)."""
    kolom_lebar = [f"{k}_{i}" for k in KELOMPOK for i in range(1, JUMLAH_TAHUN_KELUARAN + 1)]
    kolom = ["urut", "no", "indikator", "spm", "ikk", *kolom_lebar, "catatan", "sheet", "baris"]
    ke = tidy["tahun_ke"].where(tidy["tahun"].isna(), tidy["tahun"] - tahun_n + 1).astype("Int64")
    cocok = ke.between(1, JUMLAH_TAHUN_KELUARAN).fillna(False).astype(bool)
    temuan = []
    for _, r in tidy[~cocok].drop_duplicates("field").iterrows():
        tahun = "" if pd.isna(r["tahun"]) else str(int(r["tahun"]))
        temuan.append(ATURAN["tahun-tidak-sesuai"].temuan(
            {"sheet": r["sheet"], "baris": None}, r["field"], tahun, tahun_awal=tahun_n,
            tahun_akhir=tahun_n + JUMLAH_TAHUN_KELUARAN - 1,
            kolom=_label_kolom(r["kelompok"], r["tahun"], r["tahun_ke"])))
    pakai = tidy[cocok].assign(_kolom=tidy["kelompok"] + "_" + ke.astype(str))
    nilai = pakai.pivot_table(index="urut", columns="_kolom", values="nilai_teks", aggfunc="first")
    dasar = tidy.drop_duplicates("urut").set_index("urut")[["no", "indikator", "spm", "ikk", "catatan", "sheet",
                                                          "baris"]]
    lebar = dasar.join(nilai.reindex(columns=kolom_lebar)).reset_index()
    lebar = lebar.astype(object).where(lebar.notna(), None).astype({"urut": "Int64", "baris": "Int64"})
    return lebar[kolom], frame_temuan(temuan)


def _sama(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True, check_column_type=True)
    assert a.dtypes.tolist() == b.dtypes.tolist()
    for x, y in zip(np.ravel(a.to_numpy(dtype=object)), np.ravel(b.to_numpy(dtype=object))):
        assert type(x) is type(y), (x, y)


_TEKS = st.one_of(st.none(), st.just(np.nan), st.sampled_from(["10", "N/A", "Rp 5", "", "75 %"]))


@st.composite
def _tidy(draw):
    n = draw(st.integers(1, 12))
    kolom = {
        "urut": pd.array(draw(st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=n, max_size=n)),
                         dtype="Int64"),
        "no": pd.Series(draw(st.lists(_TEKS, min_size=n, max_size=n)), dtype=object),
        "indikator": pd.Series(draw(st.lists(_TEKS, min_size=n, max_size=n)), dtype=object),
        "spm": pd.Series(draw(st.lists(_TEKS, min_size=n, max_size=n)), dtype=object),
        "ikk": pd.Series(draw(st.lists(_TEKS, min_size=n, max_size=n)), dtype=object),
        "kelompok": pd.Series(draw(st.lists(st.sampled_from(KELOMPOK), min_size=n, max_size=n)), dtype=object),
        "tahun": pd.array(draw(st.lists(st.one_of(st.none(), st.integers(2022, 2028)), min_size=n, max_size=n)),
                          dtype="Int64"),
        "tahun_ke": pd.array(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)), dtype="Int64"),
        "nilai_teks": pd.Series(draw(st.lists(_TEKS, min_size=n, max_size=n)), dtype=object),
        "catatan": pd.Series(draw(st.lists(_TEKS, min_size=n, max_size=n)), dtype=object),
        "sheet": pd.Series(draw(st.lists(st.sampled_from(["TC.30", "Lembar 2"]), min_size=n, max_size=n)),
                           dtype=object),
        "baris": pd.array(draw(st.lists(st.one_of(st.none(), st.integers(5, 60)), min_size=n, max_size=n)),
                          dtype="Int64"),
    }
    kolom["field"] = pd.Series([f"{k}@{t}" for k, t in zip(kolom["kelompok"], kolom["tahun"])], dtype=object)
    df = pd.DataFrame(kolom)
    return df.reindex(columns=[c for c in TIDY_COLUMNS if c in df.columns] + [c for c in df if c not in TIDY_COLUMNS])


@settings(max_examples=120, deadline=None)
@given(_tidy(), st.integers(2023, 2026))
def test_sama_dengan_rujukan(tidy, tahun_n):
    try:
        lebar, temuan = _rujukan(tidy, tahun_n)
    except Exception as e:  # noqa: BLE001 - then the new code fails the same way
        try:
            lebar_tc30(tidy, tahun_n)
        except type(e):
            return
        raise AssertionError(f"rujukan gagal ({e!r}), versi baru tidak")
    hasil = lebar_tc30(tidy, tahun_n)
    _sama(hasil.tidy, lebar)
    pd.testing.assert_frame_equal(hasil.temuan, temuan)
