"""Round trips: the standard workbooks the pipeline writes, fed back as input, give the same tidy data.

Pass 1: ``olah_workbook`` on the sample workbook (every table).  Pass 2: each written standard workbook (TC-29 …
TC-33.xlsx) through ``baca_berkas``, plus the cross-table step ``olah_kecamatan`` takes before writing data/*.csv
(T-C.31 rows get the kode of their T-C.33 item).  Both passes are compared as the CSV files the pipeline writes
(``flows.mesin.berkas.tulis_csv``, read back as text), column by column, except the columns listed in ``BERUBAH``.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from flows.mesin.berkas import tulis_csv
from flows.langkah.baca import baca_berkas
from flows.langkah.bagian import olah_kecamatan, olah_workbook
from flows.langkah.rapikan import _cocokkan, identifikasi, kelompokkan

REPO = Path(__file__).resolve().parents[1]
SAMPEL = REPO / "input" / "Renja-Senduro-2024.xlsx"
FOLDER = ("2024", "lumajang", "senduro")
WAKTU = datetime(2024, 6, 1)
TABEL = ("TC-29", "TC-30", "TC-31", "TC-32", "TC-33")  # the tables with a standard workbook (Tabel 4.1 has none)

_POSISI = "the position in the written workbook, not in the source"
_KODE_ASLI = "the output writes the repaired kode, so the kode as typed is the repaired one"
_KODE_ATURAN = "the repairs of the source kode; the repaired kode needs none"
_SATUAN_KANONIK = ("a TARGET column's text as typed; the output shows the number with the canonical satuan "
                   "('12 bulan' → '12 Bulan'); its _nilai and _satuan are compared")

# Columns that change by design, per table, each with the reason.  Every other column must be equal.
BERUBAH: dict[str, dict[str, str]] = {
    "TC-29": {
        "sheet": _POSISI,
        "baris": _POSISI,
        "kode_asli": _KODE_ASLI,
        "kode_aturan": _KODE_ATURAN,
        **{f: _SATUAN_KANONIK for f in ("target_renstra", "realisasi_n3", "target_n2", "realisasi_n2", "target_n1")},
        **{f"tingkat_realisasi{a}": "column 8 shows the computed 7/6 (tingkat_realisasi_hitung, compared), not the "
           "author's value" for a in ("", "_nilai", "_satuan")},
        **{f"realisasi_capaian{a}": "column 10 shows the computed 5+7+9 (realisasi_capaian_hitung, compared), not "
           "the author's value" for a in ("", "_nilai", "_satuan")},
        **{f"tingkat_capaian{a}": "column 11 shows the computed 10/4 (tingkat_capaian_hitung, compared), not the "
           "author's value" for a in ("", "_nilai", "_satuan")},
    },
    "TC-30": {
        "sheet": _POSISI,
        "baris": _POSISI,
    },
    "TC-31": {
        "sheet": _POSISI,
        "baris": _POSISI,
        "baris_lanjutan": "source rows joined as continuations; the output writes each item on one row",
        "target_rkpd": _SATUAN_KANONIK,
        "target_hasil": _SATUAN_KANONIK,
    },
    "TC-32": {
        "sheet": _POSISI,
        "baris": _POSISI,
        "baris_lanjutan": "source rows joined as continuations; the output writes each item on one row",
        "volume": _SATUAN_KANONIK,
    },
    "TC-33": {
        "sheet": _POSISI,
        "baris": _POSISI,
        "kode_asli": _KODE_ASLI,
        "kode_aturan": _KODE_ATURAN,
        "formulasi": "not a column of the standard T-C.33",
        "aktivitas": "the source's Aktivitas column beside a sub-kegiatan; the standard T-C.33 has none",
        "skala_prioritas": "not a column of the standard T-C.33",
    },
}

# Rows that change by design: table → (urut of pass 1, the columns that change, the reason).
BARIS_BERUBAH = {
    "TC-33": (23, ("level", "kode_induk", "urut_induk"),
              "Pengadaan Pakaian Dinas (kode 7.01.01.2.03) is a sub-kegiatan only because the source row carries an "
              "aktivitas, which the standard layout does not show: read back it is the kegiatan its kode says"),
}

def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def pulang_pergi(tmp_path_factory) -> dict:
    """Pass 1 and pass 2 per table, as CSV text frames; also the written folder and pass 2's readings."""
    out1, out2 = tmp_path_factory.mktemp("pergi"), tmp_path_factory.mktemp("pulang")
    hasil = olah_workbook(SAMPEL, out1, waktu=WAKTU)
    assert hasil.status == "ok", hasil.pesan
    folder = out1.joinpath(*FOLDER)
    bacaan = {k: baca_berkas(folder / f"{k}.xlsx") for k in TABEL}
    for k, b in bacaan.items():
        assert b.gagal is None and [t.layout for t in b.tabel] == [k], (k, b.gagal)
    tabel, _ = _cocokkan({k: b.tabel[0] for k, b in bacaan.items()})  # as olah_kecamatan does before writing
    kode_wilayah = identifikasi(list(bacaan.values()))[0].meta["kode_wilayah"]  # every CSV ends with it
    return {
        "folder": folder,
        "bacaan": bacaan,
        "pertama": {k: _csv(folder / "data" / f"{k}.csv") for k in TABEL},
        "kedua": {k: _csv(tulis_csv(t.tidy.assign(kode_wilayah=kode_wilayah), out2 / f"{k}.csv"))
                  for k, t in tabel.items()},
    }


def _banding(kunci: str, a: pd.DataFrame, b: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both passes without the columns that change by design; the row that changes by design checked, left out."""
    assert list(a.columns) == list(b.columns)
    berubah = BERUBAH[kunci]
    assert set(berubah) <= set(a.columns), sorted(set(berubah) - set(a.columns))
    a, b = a.drop(columns=list(berubah)), b.drop(columns=list(berubah))
    if kunci in BARIS_BERUBAH:
        urut, kolom, _ = BARIS_BERUBAH[kunci]
        ra, rb = a[a["urut"] == str(urut)], b[b["urut"] == str(urut)]
        assert len(ra) == len(rb) == 1
        assert [c for c in a.columns if ra[c].iloc[0] != rb[c].iloc[0]] == list(kolom)
        a, b = a[a["urut"] != str(urut)], b[b["urut"] != str(urut)]
    return a.reset_index(drop=True), b.reset_index(drop=True)


@pytest.mark.parametrize("kunci", TABEL)
def test_pulang_pergi(pulang_pergi, kunci):
    a, b = _banding(kunci, pulang_pergi["pertama"][kunci], pulang_pergi["kedua"][kunci])
    pd.testing.assert_frame_equal(a, b)


def test_tc32_nihil_tetap_nihil(pulang_pergi):
    """T-C.32 of the sample says NIHIL: written as NIHIL, read back as NIHIL (no rows)."""
    assert pulang_pergi["pertama"]["TC-32"].empty and pulang_pergi["kedua"]["TC-32"].empty
    assert pulang_pergi["bacaan"]["TC-32"].tabel[0].nihil


def test_target_bersatuan_dibaca_dari_format(pulang_pergi):
    """The targets the writer stores as numbers with a unit format come back as their texts, not bare numbers."""
    tc29, tc31 = pulang_pergi["kedua"]["TC-29"], pulang_pergi["kedua"]["TC-31"]
    assert tc29.loc[tc29["urut"] == "3", ["target_n2", "target_n2_nilai", "target_n2_satuan"]].values.tolist() == [
        ["2 Dokumen", "2.0", "Dokumen"]]  # 2 with '0" Dokumen"'
    assert tc31.loc[tc31["urut"] == "1", ["target_rkpd", "target_rkpd_nilai", "target_rkpd_satuan"]].values.tolist() \
        == [["100%", "100.0", "Persen"]]  # 100 with '0"%"'


def test_lima_berkas_satu_kecamatan(pulang_pergi):
    """The five written workbooks, fed back one file each, are one kecamatan of one year again."""
    assert list(kelompokkan(list(pulang_pergi["bacaan"].values()))) == [FOLDER]


def test_olah_kecamatan_dari_keluaran(pulang_pergi, tmp_path):
    """The written workbooks, processed again, give a kecamatan whose sums still add up."""
    hasil = olah_kecamatan(list(pulang_pergi["bacaan"].values()), tmp_path, WAKTU)
    assert hasil.status == "ok"
