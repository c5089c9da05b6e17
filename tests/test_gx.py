"""flows.langkah.periksa.jalankan_harapan: declared expectations run with Great Expectations, failures as findings on rows."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from schemas.harapan import GALAT, PERINGATAN, Harapan, Kolom

KOLOM = ["aturan", "tingkat", "frame", "sheet", "baris", "field", "kode", "nilai", "pesan"]


@pytest.fixture(scope="module")
def gx():
    """flows.langkah.periksa with great_expectations already imported (about 2 CPU-s, once per module)."""
    from flows.langkah import periksa as modul

    modul._gx()
    return modul


@pytest.fixture
def item() -> pd.DataFrame:
    # A non-default index: findings must point at rows by position, not by this index.
    return pd.DataFrame(
        {
            "kode": ["1", "x.01", "1.01.01", "1.01.01.2.01", "1.01.01.2.01.0001", "1.01.01.2.01.01", "1.01.01.2.01.0003"],
            "level": ["urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "sub_kegiatan", "sub_kegiatan"],
            "kode_induk": [None, "1", "1.01", "1.01.01", "1.01.01.2.01", "1.01.01.2.09", "1.01.01.2.01"],
            "nama": ["Urusan", "Bidang", "Program", "Kegiatan", "Sub A", "Sub B", None],
            "pagu": pd.array([300, 300, 300, 300, 100, -50, None], dtype="Int64"),
            "sheet": "T-C.33",
            "baris": [7, 8, 9, 10, 11, 12, 13],
        },
        index=[40, 41, 42, 43, 44, 45, 46],
    )


@pytest.fixture
def rollup() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kode": ["1", "1.01", "1.01.01"],
            "nama": ["Urusan", "Bidang", "Program"],
            "pagu": [300, 300, 300],
            "jumlah_anak": [300, 250, 300],
            "pagu_teks": ["300", "300", "300"],
            "jumlah_anak_teks": ["300", "250", "300"],
            "sheet": "T-C.33",
            "baris": [7, 8, 9],
        },
        index=[5, 3, 1],
    )


def _records(temuan: pd.DataFrame) -> list[dict]:
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in temuan.to_dict("records")]


JUMLAH = Harapan(
    aturan="jumlah-tidak-sesuai",
    frame="rollup",
    expectation="ExpectColumnPairValuesToBeEqual",
    kwargs={"column_A": "pagu", "column_B": "jumlah_anak"},
    tingkat=GALAT,
    pesan="Pagu {nama} ({pagu_teks}) tidak sama dengan jumlah rinciannya ({jumlah_anak_teks}){tidak_ada}",
    field="pagu",
)


def test_rollup_pagu_differs_from_its_children(gx, rollup):
    temuan = gx.jalankan_harapan({"rollup": rollup}, [JUMLAH])
    assert list(temuan.columns) == KOLOM
    assert _records(temuan) == [
        {
            "aturan": "jumlah-tidak-sesuai",
            "tingkat": "galat",
            "frame": "rollup",
            "sheet": "T-C.33",
            "baris": 8,
            "field": "pagu",
            "kode": "1.01",
            "nilai": "300",
            "pesan": "Pagu Bidang (300) tidak sama dengan jumlah rinciannya (250)",
        }
    ]


def test_regex_with_kondisi_only_checks_that_level(gx, item):
    harapan = Harapan(
        aturan="kode-sub-kegiatan-tidak-baku",
        frame="item",
        expectation="ExpectColumnValuesToMatchRegex",
        kwargs={"column": "kode", "regex": r"^\d+\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$"},
        tingkat=PERINGATAN,
        pesan="Kode sub kegiatan {kode} tidak baku (baris {baris})",
        field="kode",
        kondisi='level == "sub_kegiatan"',
    )
    temuan = gx.jalankan_harapan({"item": item}, [harapan])
    # "1", "x.01", ... of other levels do not match either, but are not checked.
    assert _records(temuan) == [
        {
            "aturan": "kode-sub-kegiatan-tidak-baku",
            "tingkat": "peringatan",
            "frame": "item",
            "sheet": "T-C.33",
            "baris": 12,
            "field": "kode",
            "kode": "1.01.01.2.01.01",
            "nilai": "1.01.01.2.01.01",
            "pesan": "Kode sub kegiatan 1.01.01.2.01.01 tidak baku (baris 12)",
        }
    ]


def test_kolom_marker_value_set(gx, item):
    harapan = Harapan(
        "induk-tidak-ada", "item", "ExpectColumnValuesToBeInSet",
        {"column": "kode_induk", "value_set": Kolom("item", "kode")},
        GALAT, "Induk {kode_induk} dari {kode} tidak ada", "kode_induk",
    )
    temuan = gx.jalankan_harapan({"item": item}, [harapan])
    # "1.01" (parent of 1.01.01) is missing too: the bidang row's kode is "x.01".
    assert temuan[["baris", "kode", "nilai", "pesan"]].to_dict("records") == [
        {"baris": 9, "kode": "1.01.01", "nilai": "1.01", "pesan": "Induk 1.01 dari 1.01.01 tidak ada"},
        {"baris": 12, "kode": "1.01.01.2.01.01", "nilai": "1.01.01.2.09",
         "pesan": "Induk 1.01.01.2.09 dari 1.01.01.2.01.01 tidak ada"},
    ]
    assert set(temuan["aturan"]) == {"induk-tidak-ada"}


def test_kolom_marker_resolves_to_sorted_distinct_values(gx, item):
    frames = {"item": item}
    assert gx._uraikan(Kolom("item", "level"), frames) == ["bidang", "kegiatan", "program", "sub_kegiatan", "urusan"]
    assert gx._uraikan(Kolom("item", "pagu"), frames) == [-50, 100, 300]


def test_negative_amount(gx, item):
    harapan = Harapan(
        "pagu-negatif", "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": 0},
        GALAT, "Pagu {nama} negatif: {pagu:,}", "pagu",
    )
    temuan = gx.jalankan_harapan({"item": item}, [harapan])
    assert _records(temuan) == [
        {"aturan": "pagu-negatif", "tingkat": "galat", "frame": "item", "sheet": "T-C.33", "baris": 12,
         "field": "pagu", "kode": "1.01.01.2.01.01", "nilai": "-50", "pesan": "Pagu Sub B negatif: -50"}
    ]


def test_not_null_with_kondisi(gx, item):
    item.loc[40, "nama"] = None  # an urusan row: outside the condition
    harapan = Harapan(
        "nama-kosong", "item", "ExpectColumnValuesToNotBeNull", {"column": "nama"},
        PERINGATAN, "Nama sub kegiatan {kode} kosong", "nama", kondisi="level == 'sub_kegiatan'",
    )
    temuan = gx.jalankan_harapan({"item": item}, [harapan])
    assert _records(temuan) == [
        {"aturan": "nama-kosong", "tingkat": "peringatan", "frame": "item", "sheet": "T-C.33", "baris": 13,
         "field": "nama", "kode": "1.01.01.2.01.0003", "nilai": "", "pesan": "Nama sub kegiatan 1.01.01.2.01.0003 kosong"}
    ]


def test_broken_expectations_become_findings_and_the_rest_still_runs(gx, item):
    harapan = [
        Harapan("kolom-salah", "item", "ExpectColumnValuesToNotBeNull", {"column": "tidak_ada"}, PERINGATAN, "x", "nama"),
        Harapan("kwargs-salah", "item", "ExpectColumnValuesToBeBetween", {"colum": "pagu"}, GALAT, "x", "pagu"),
        Harapan("kelas-salah", "item", "ExpectNothingLikeThis", {}, GALAT, "x", None),
        Harapan("kondisi-salah", "item", "ExpectColumnValuesToNotBeNull", {"column": "nama"}, GALAT, "x", "nama",
                kondisi="level === 1"),
        Harapan("pagu-negatif", "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": 0},
                GALAT, "negatif", "pagu"),
    ]
    temuan = gx.jalankan_harapan({"item": item}, harapan)
    assert temuan["aturan"].tolist() == ["pemeriksaan-gagal"] * 4 + ["pagu-negatif"]
    assert temuan["tingkat"].tolist() == ["galat"] * 5
    assert temuan["baris"].isna().tolist() == [True] * 4 + [False]
    pesan = temuan["pesan"].tolist()
    assert pesan[0] == (
        "Pemeriksaan 'kolom-salah' (ExpectColumnValuesToNotBeNull) pada tabel 'item' gagal dijalankan: "
        'Error: The column "tidak_ada" in BatchData does not exist.'
    )
    assert pesan[1].startswith("Pemeriksaan 'kwargs-salah' (ExpectColumnValuesToBeBetween) pada tabel 'item' gagal")
    assert "colum" in pesan[1]
    assert pesan[2] == (
        "Pemeriksaan 'kelas-salah' (ExpectNothingLikeThis) pada tabel 'item' gagal dijalankan: "
        "ValueError: expectation 'ExpectNothingLikeThis' tidak dikenal"
    )
    assert pesan[3].startswith("Pemeriksaan 'kondisi-salah' (ExpectColumnValuesToNotBeNull)")
    assert temuan["baris"].tolist()[4] == 12


def test_all_passing_gives_empty_findings(gx, item, rollup):
    harapan = [
        Harapan("pagu-negatif", "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": -100},
                GALAT, "", "pagu"),
        Harapan("ada-baris", "rollup", "ExpectTableRowCountToBeBetween", {"min_value": 1}, GALAT, "", None),
        Harapan("kode-unik", "rollup", "ExpectColumnValuesToBeUnique", {"column": "kode"}, GALAT, "", "kode"),
    ]
    temuan = gx.jalankan_harapan({"item": item, "rollup": rollup}, harapan)
    assert temuan.empty
    assert list(temuan.columns) == KOLOM
    assert str(temuan["baris"].dtype) == "Int64"
    assert gx.jalankan_harapan({}, []).columns.tolist() == KOLOM


def test_table_level_failure_is_one_finding_without_row(gx, rollup):
    harapan = Harapan("terlalu-sedikit", "rollup", "ExpectTableRowCountToBeBetween", {"min_value": 5},
                      PERINGATAN, "Tabel hanya berisi {nilai} baris", None)
    assert _records(gx.jalankan_harapan({"rollup": rollup}, [harapan])) == [
        {"aturan": "terlalu-sedikit", "tingkat": "peringatan", "frame": "rollup", "sheet": "", "baris": None,
         "field": "", "kode": "", "nilai": "3", "pesan": "Tabel hanya berisi 3 baris"}
    ]


def test_missing_and_empty_frames(gx):
    harapan = [
        Harapan("pagu-kosong", "anggaran", "ExpectColumnValuesToNotBeNull", {"column": "pagu"}, GALAT, "", "pagu"),
        Harapan("pagu-kosong", "kosong", "ExpectColumnValuesToNotBeNull", {"column": "pagu"}, GALAT, "", "pagu"),
        Harapan("ada-baris", "kosong", "ExpectTableRowCountToBeBetween", {"min_value": 1}, GALAT, "Tabel kosong", None),
        Harapan("induk-ada", "kosong", "ExpectColumnValuesToBeInSet",
                {"column": "kode_induk", "value_set": Kolom("hilang", "kode")}, GALAT, "", "kode_induk"),
    ]
    temuan = gx.jalankan_harapan({"kosong": pd.DataFrame()}, harapan)
    assert _records(temuan) == [
        {"aturan": "pemeriksaan-dilewati", "tingkat": "peringatan", "frame": "anggaran", "sheet": "", "baris": None,
         "field": "pagu", "kode": "", "nilai": "",
         "pesan": "Pemeriksaan 'pagu-kosong' (ExpectColumnValuesToNotBeNull) dilewati: tabel 'anggaran' tidak tersedia"},
        # the row-level check on the empty frame is skipped without a finding; the table-level one runs
        {"aturan": "ada-baris", "tingkat": "galat", "frame": "kosong", "sheet": "", "baris": None,
         "field": "", "kode": "", "nilai": "0", "pesan": "Tabel kosong"},
        # a row-level check on an empty frame is skipped before its Kolom marker is looked at
    ]


def test_kolom_marker_on_missing_frame_is_skipped(gx, item):
    harapan = Harapan("induk-ada", "item", "ExpectColumnValuesToBeInSet",
                      {"column": "kode_induk", "value_set": Kolom("hilang", "kode")}, GALAT, "", "kode_induk")
    temuan = gx.jalankan_harapan({"item": item}, [harapan])
    assert temuan[["aturan", "tingkat", "pesan"]].to_dict("records") == [
        {"aturan": "pemeriksaan-dilewati", "tingkat": "peringatan",
         "pesan": "Pemeriksaan 'induk-ada' (ExpectColumnValuesToBeInSet) dilewati: "
                  "tabel 'hilang' (acuan hilang.kode) tidak tersedia"}
    ]


def test_pair_expectation_on_nullable_ints_with_missing_values(gx):
    # GX 1.24.1 raises "boolean value of NA is ambiguous" on Int64 columns holding <NA>; flows.langkah.periksa converts them.
    rollup = pd.DataFrame({
        "kode": ["1", "1.01", "1.02", "1.03"],
        "pagu": pd.array([10, None, 7, None], dtype="Int64"),
        "jumlah_anak": pd.array([10, 5, None, None], dtype="Int64"),
        "baris": [1, 2, 3, 4],
    })
    temuan = gx.jalankan_harapan({"rollup": rollup}, [JUMLAH])
    assert temuan[["aturan", "kode", "baris", "nilai"]].to_dict("records") == [
        {"aturan": "jumlah-tidak-sesuai", "kode": "1.01", "baris": 2, "nilai": ""},
        {"aturan": "jumlah-tidak-sesuai", "kode": "1.02", "baris": 3, "nilai": "7"},
    ]


def test_identical_expectations_under_two_rules_both_report(gx, item):
    # An ExpectationSuite silently drops an expectation equal to one it holds; both rules must still report.
    a = Harapan("a", "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": 0}, GALAT, "A", "pagu")
    b = Harapan("b", "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": 0}, PERINGATAN, "B",
                "pagu")
    temuan = gx.jalankan_harapan({"item": item}, [a, b])
    assert temuan[["aturan", "tingkat", "baris", "pesan"]].to_dict("records") == [
        {"aturan": "a", "tingkat": "galat", "baris": 12, "pesan": "A"},
        {"aturan": "b", "tingkat": "peringatan", "baris": 12, "pesan": "B"},
    ]


def test_field_kolom_and_template_that_cannot_render(gx):
    periksa = pd.DataFrame({
        "kode": ["1", "2"], "kolom_field": ["pagu", "pagu_maju"], "angka": [-1, -2], "sheet": "S", "baris": [3, 4],
    })
    harapan = Harapan("negatif", "periksa", "ExpectColumnValuesToBeBetween", {"column": "angka", "min_value": 0},
                      GALAT, "{kolom_field} = {angka:%} {x[0]}", None, field_kolom="kolom_field")
    temuan = gx.jalankan_harapan({"periksa": periksa}, [harapan])
    assert temuan["field"].tolist() == ["pagu", "pagu_maju"]
    assert temuan["pesan"].tolist() == ["{kolom_field} = {angka:%} {x[0]}"] * 2


def test_schemas_do_not_import_great_expectations():
    kode = "import sys, schemas.harapan, flows.langkah.periksa; assert 'great_expectations' not in sys.modules, 'GX diimpor'"
    subprocess.run([sys.executable, "-c", kode], check=True)


def test_only_expectations_that_do_not_pass_are_run_complete(gx):
    """A frame's suite runs BOOLEAN_ONLY first; only what fails (or errs) runs again COMPLETE, for its rows.  The
    engine (one per thread) is reused from call to call."""
    df = pd.DataFrame({"a": [1, -1, 2], "b": ["x", "y", None]})

    def buat(i, kelas, kwargs):
        return gx._buat_expectation(gx._kelas(kelas), Harapan("r", "f", kelas, kwargs, GALAT, "p", None), i, {})

    lulus = buat(0, "ExpectColumnValuesToBeBetween", {"column": "a", "min_value": -5})
    gagal = buat(1, "ExpectColumnValuesToBeBetween", {"column": "a", "min_value": 0})
    salah = buat(2, "ExpectColumnValuesToNotBeNull", {"column": "tidak_ada"})
    mesin = gx._mesin()
    hasil = {gx._posisi_meta(r): r for r in mesin.validasi(df, [lulus, gagal, salah])}
    assert gx._mesin() is mesin
    assert hasil[0].success and "unexpected_index_list" not in (hasil[0].result or {})
    assert not hasil[1].success and hasil[1].result["unexpected_index_list"] == [1]
    assert hasil[1].result["unexpected_list"] == [-1]
    assert not hasil[2].success and hasil[2].exception_info


_MALAS = """
import sys, tempfile
from pathlib import Path
from flows.data.nomenklatur import nomenklatur_terpasang
from flows.langkah.bagian import olah_workbook
from flows.langkah.periksa import MODUL_MALAS, _gx
_gx()
h = olah_workbook(Path(sys.argv[1]), Path(tempfile.mkdtemp()), nomenklatur=nomenklatur_terpasang())
assert h.status != "gagal", h
dijalankan = sorted(m for m in ("scipy.stats._stats_py", "scipy.spatial", "altair.vegalite") if m in sys.modules)
from scipy import stats
import altair
print(sorted(MODUL_MALAS), dijalankan, round(float(stats.entropy([1, 1], [1, 3])), 4), altair.Chart.__name__)
"""


def test_gx_modul_yang_tidak_dipakai_tidak_dijalankan(tmp_path):
    """scipy.stats and altair, which GX imports at module level for expectations this project never runs, are not
    executed by importing GX and checking a whole workbook (every suite, failures re-run COMPLETE) — and work as
    before when something uses them later."""
    from tests.conftest import SAMPEL_SEMUA

    env = {**os.environ, "RENJA_ISOLASI": "0"}
    keluar = subprocess.run([sys.executable, "-c", _MALAS, str(SAMPEL_SEMUA)], capture_output=True, text=True, env=env,
                            cwd=tmp_path, check=True).stdout.strip().splitlines()[-1]
    assert keluar == "['altair', 'scipy.stats'] [] 0.1438 Chart"


def test_gx_di_pekerja_tanpa_sqlalchemy_temuannya_sama(gx, item, rollup):
    """A pool worker runs without sqlalchemy (flows.mesin.pekerja.MODUL_TANPA: one of GX's extras, GX then takes
    it as not installed) and finds exactly what Great Expectations finds here, where sqlalchemy is loaded."""
    from flows.mesin.pekerja import jalankan_terisolasi, panggil
    from flows.setelan import Setelan

    st = Setelan.dari_lingkungan({**os.environ, "RENJA_ISOLASI": "1", "RENJA_PEKERJA": "1"})
    assert jalankan_terisolasi(panggil, "importlib.util", "find_spec", "sqlalchemy", setelan=st) is None
    harapan = [
        JUMLAH,
        Harapan("induk", "item", "ExpectColumnValuesToBeInSet", {"column": "kode_induk", "value_set": Kolom("item", "kode")},
                GALAT, "induk {kode_induk} tidak ada", None),
        Harapan("nama", "item", "ExpectColumnValuesToNotBeNull", {"column": "nama"}, PERINGATAN, "tanpa nama", None),
        Harapan("pagu", "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": 0}, GALAT, "{pagu}", None),
    ]
    frames = {"item": item, "rollup": rollup}
    di_sini = gx.jalankan_harapan(frames, harapan)
    assert len(di_sini) >= 4
    pd.testing.assert_frame_equal(jalankan_terisolasi(gx.jalankan_harapan, frames, harapan, setelan=st, batas_waktu=0),
                                  di_sini)
