"""Plain item checks (transforms.periksa_isi): T-C.33 starting at its programs, targets without money, money without
targets, one amount in both years; and the parents frame_item then leaves unchecked."""
from __future__ import annotations

import pandas as pd

from schemas.tc33 import PASANGAN_TARGET_PAGU, TIDY_COLUMNS
from transforms.periksa import FIELDS_PAGU, frame_item, level_atas_hilang
from transforms.periksa_isi import temuan_pagu_sama, temuan_pagu_target, temuan_urusan_bidang


def _tidy(baris: list[tuple]) -> pd.DataFrame:
    """T-C.33 tidy rows from (kode, level, target, target_nilai, pagu, target_maju, target_maju_nilai, pagu_maju)."""
    rows = []
    for i, (kode, level, target, nilai, pagu, target_maju, nilai_maju, pagu_maju, *ke) in enumerate(baris):
        r = {c: None for c in TIDY_COLUMNS}
        r.update(urut=i + 1, kode=kode, level=level, nama=f"Butir {kode}", target=target, target_nilai=nilai,
                 pagu=pagu, target_maju=target_maju, target_maju_nilai=nilai_maju, pagu_maju=pagu_maju,
                 indikator_ke=ke[0] if ke else 1, sheet="TC.33", baris=20 + i)
        rows.append(r)
    return pd.DataFrame(rows, columns=list(TIDY_COLUMNS)).astype(
        {"pagu": "Int64", "pagu_maju": "Int64", "target_nilai": "Float64", "target_maju_nilai": "Float64",
         "indikator_ke": "Int64", "baris": "Int64", "urut": "Int64"})


TABEL = _tidy([
    ("7.01.01", "program", "100%", 100.0, 300, "100%", 100.0, 400),
    ("7.01.01.2.01", "kegiatan", None, None, 300, "-", None, 400),  # amounts, no targets (both years)
    ("7.01.01.2.01.0001", "sub_kegiatan", "1 Paket", 1.0, 0, "1 Paket", 1.0, 150),  # a target, no money (year n)
    ("7.01.01.2.01.0001", "aktivitas", "1 Paket", 1.0, 0, None, None, None),  # aktivitas: not checked
    ("7.01.01.2.01.0002", "sub_kegiatan", "2 Dokumen", 2.0, 250, "2 Dokumen", 2.0, 250),  # one amount twice
    ("7.01.01.2.01.0002", "sub_kegiatan", None, None, 250, None, None, 250, 2),  # extra indicator: not again
    ("7.01.01.2.01.0003", "sub_kegiatan", "0%", 0.0, 0, "N/A", None, 0),  # no target, no money: nothing
])


def test_pagu_dan_target():
    temuan = [t.mentah() for t in temuan_pagu_target(TABEL, PASANGAN_TARGET_PAGU)]  # KOLOM_TEMUAN_MENTAH order
    assert [(t[1], t[2], t[4], t[5], t[6]) for t in temuan] == [
        (21, "target", "target-kosong-berpagu", "peringatan", None),
        (21, "target_maju", "target-kosong-berpagu", "peringatan", "-"),
        (22, "pagu", "pagu-nol-bertarget", "peringatan", "0")]
    assert temuan[0][7] == "'Butir 7.01.01.2.01' (7.01.01.2.01) berpagu 300 untuk tahun n, tetapi targetnya kosong."
    assert temuan[2][7] == ("Sub-kegiatan 'Butir 7.01.01.2.01.0001' (7.01.01.2.01.0001) bertarget 1 Paket untuk "
                            "tahun n, tetapi pagunya 0.")


def test_pagu_sama_tiap_tahun():
    (t,) = [t.mentah() for t in temuan_pagu_sama(TABEL, FIELDS_PAGU)]
    assert (t[1], t[2], t[3], t[4], t[5]) == (24, "pagu_maju", "7.01.01.2.01.0002", "pagu-sama-tiap-tahun", "info")
    assert temuan_pagu_sama(TABEL, ("pagu",)) == []


def test_urusan_bidang_tidak_ada_satu_temuan_dan_induk_program_tidak_dicari():
    assert level_atas_hilang(TABEL) == ("urusan", "bidang")
    (t,) = [t.mentah() for t in temuan_urusan_bidang(TABEL)]
    assert (t[1], t[2], t[3], t[4], t[5]) == (20, "kode", "7.01.01", "urusan-bidang-tidak-ada", "peringatan")
    assert "(urusan 7, bidang 7.01)" in t[7]
    item = frame_item(TABEL)
    assert item["kode_induk_menurut_kode"].isna().tolist()[:2] == [True, False]  # the program's: not looked for
    lengkap = pd.concat([_tidy([("7", "urusan", None, None, 300, None, None, 400),
                                ("7.01", "bidang", None, None, 300, None, None, 400)]), TABEL], ignore_index=True)
    assert level_atas_hilang(lengkap) == () and temuan_urusan_bidang(lengkap) == []
    assert frame_item(lengkap)["kode_induk_menurut_kode"].iloc[2] == "7.01"
    assert level_atas_hilang(TABEL[TABEL["level"] != "program"]) == ()  # no programs at all: another rule's case
