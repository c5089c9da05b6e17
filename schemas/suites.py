"""Expectation suites (declared as data; flows.gx runs them with Great Expectations).

T-C.33 frames (built by transforms.periksa): ``item`` (tidy items + ``kode_induk_menurut_kode``) and ``rollup``
(one row per parent and year: own amount vs the sum of its children).
"""
from __future__ import annotations

from schemas.harapan import GALAT, PERINGATAN, Harapan, Kolom
from schemas.kode import POLA_KODE
from schemas.tc31 import AMBANG_NAMA_SAMA

_ITEM_UTAMA = 'level != "aktivitas" and indikator_ke == 1'


def _pola(level: str) -> Harapan:
    return Harapan(
        aturan="kode-tidak-sah",
        frame="item",
        expectation="ExpectColumnValuesToMatchRegex",
        kwargs={"column": "kode", "regex": POLA_KODE[level].pattern},
        tingkat=GALAT,
        pesan=f"Kode {{kode}} pada '{{nama}}' tidak berbentuk kode {level.replace('_', '-')}.",
        field="kode",
        kondisi=f'level == "{level}"',
    )


def _jumlah(frame: str) -> Harapan:
    """A parent's amount equals the sum of its children's (a roll-up frame: transforms.periksa.frame_rollup)."""
    return Harapan(
        aturan="jumlah-tidak-sesuai",
        frame=frame,
        expectation="ExpectColumnPairValuesToBeEqual",
        kwargs={"column_A": "pagu", "column_B": "jumlah_anak"},
        tingkat=GALAT,
        pesan="{field_label} '{nama}' {kode} = {pagu_teks}, tetapi jumlah {jumlah_anak_n} rinciannya = "
              "{jumlah_anak_teks}.",
        field=None,
        field_kolom="field",
    )


SUITE_TC33: tuple[Harapan, ...] = (
    *(_pola(level) for level in POLA_KODE),
    Harapan(
        aturan="kode-ganda",
        frame="item",
        expectation="ExpectColumnValuesToBeUnique",
        kwargs={"column": "kode"},
        tingkat=GALAT,
        pesan="Kode {kode} dipakai lebih dari satu kali; baris ini: '{nama}'.",
        field="kode",
        kondisi=f"{_ITEM_UTAMA} and kode.notna()",
    ),
    Harapan(
        aturan="induk-tidak-ada",
        frame="item",
        expectation="ExpectColumnValuesToBeInSet",
        kwargs={"column": "kode_induk_menurut_kode", "value_set": Kolom("item", "kode")},
        tingkat=GALAT,
        pesan="Induk kode {kode} ({kode_induk_menurut_kode}) tidak ada di tabel.",
        field="kode",
        kondisi='level != "aktivitas" and level != "urusan" and kode_induk_menurut_kode.notna()',
    ),
    Harapan(
        aturan="letak-tidak-sesuai-kode",
        frame="item",
        expectation="ExpectColumnPairValuesToBeEqual",
        kwargs={"column_A": "kode_induk", "column_B": "kode_induk_menurut_kode"},
        tingkat=GALAT,
        pesan="'{nama}' ({kode}) terletak di bawah {kode_induk}, padahal kodenya menunjuk induk "
              "{kode_induk_menurut_kode}.",
        field="kode",
        kondisi=f'{_ITEM_UTAMA} and level != "urusan" and kode.notna() and kode_induk.notna()',
    ),
    _jumlah("rollup"),
    Harapan(
        aturan="pagu-negatif",
        frame="item",
        expectation="ExpectColumnValuesToBeBetween",
        kwargs={"column": "pagu", "min_value": 0},
        tingkat=GALAT,
        pesan="Pagu '{nama}' bernilai negatif ({pagu_teks}).",
        field="pagu",
    ),
    Harapan(
        aturan="pagu-negatif",
        frame="item",
        expectation="ExpectColumnValuesToBeBetween",
        kwargs={"column": "pagu_maju", "min_value": 0},
        tingkat=GALAT,
        pesan="Pagu prakiraan maju '{nama}' bernilai negatif ({pagu_maju_teks}).",
        field="pagu_maju",
    ),
    Harapan(
        aturan="sumber-dana-kosong",
        frame="item",
        expectation="ExpectColumnValuesToNotBeNull",
        kwargs={"column": "sumber_dana"},
        tingkat=PERINGATAN,
        pesan="'{nama}' ({kode}) memiliki pagu {pagu_teks} tetapi sumber dananya kosong.",
        field="sumber_dana",
        kondisi=f'{_ITEM_UTAMA} and level in ["program", "kegiatan", "sub_kegiatan"] and pagu > 0',
    ),
    Harapan(
        aturan="program-tidak-ada",
        frame="item",
        expectation="ExpectTableRowCountToBeBetween",
        kwargs={"min_value": 1},
        tingkat=GALAT,
        pesan="Tabel tidak memuat satu pun program.",
        field=None,
        kondisi='level == "program"',
    ),
)


# Tabel 4.1 sent without T-C.33 (frame built by transforms.tabel41.frame_rollup_tabel41): its own roll-up; beside a
# T-C.33 each of its items is compared with T-C.33's instead (SUITE_LINTAS).
SUITE_TABEL41: tuple[Harapan, ...] = (_jumlah("rollup_tabel41"),)


# Cross-table (frames built by transforms.lintas): the same item's amount in T-C.33 and in Tabel 4.1 / T-C.31
# (``pagu_tabel41``, ``pagu_tc31``), and the programs each table covers (``program``).
def _pagu_sama(frame: str) -> Harapan:
    return Harapan(
        aturan="pagu-antar-tabel-berbeda",
        frame=frame,
        expectation="ExpectColumnPairValuesToBeEqual",
        kwargs={"column_A": "pagu", "column_B": "pagu_lain", "ignore_row_if": "either_value_is_missing"},
        tingkat=GALAT,
        pesan="'{nama}' ({kode}): T-C.33 sel {sel} = {pagu_teks}, tetapi {tabel_lain} sheet '{sheet_lain}' sel "
              "{sel_lain} = {pagu_lain_teks}.",
        field="pagu",
    )


SUITE_LINTAS: tuple[Harapan, ...] = (
    _pagu_sama("pagu_tabel41"),
    _pagu_sama("pagu_tc31"),
    # T-C.31's two halves name the same program/kegiatan (frame 'tc31': its tidy rows with the two name cells)
    Harapan(
        aturan="nama-berbeda-antar-bagian",
        frame="tc31",
        expectation="ExpectColumnValuesToBeBetween",
        kwargs={"column": "kemiripan_nama", "min_value": AMBANG_NAMA_SAMA},
        tingkat=PERINGATAN,
        pesan="Nama program/kegiatan berbeda antar bagian T-C.31: Rancangan Awal RKPD '{nama_rkpd}' ({sel_rkpd}) dan "
              "Hasil Analisis Kebutuhan '{nama_hasil}' ({sel_hasil}); kemiripan {kemiripan_persen}.",
        field="nama_hasil",
    ),
)

LABEL_TABEL = {"tc33": "T-C.33", "tc29": "T-C.29", "tc31": "T-C.31"}


def suite_program(tabel_ada: tuple[str, ...]) -> tuple[Harapan, ...]:
    """Every program found in any of the tables present is in each of them (``ada_<tabel>`` is True)."""
    return tuple(
        Harapan(
            aturan="program-tidak-lengkap",
            frame="program",
            expectation="ExpectColumnValuesToBeInSet",
            kwargs={"column": f"ada_{t}", "value_set": [True]},
            tingkat=PERINGATAN,
            pesan=f"Program {{kode}} ('{{nama}}') tidak ada di {LABEL_TABEL[t]}.",
            field=None,
        )
        for t in tabel_ada
    )


# Checks between two tables (layout ids), for the report's "checks not done": when a kecamatan sends one table of
# a pair and not the other, each check of that pair is listed with the table that is missing.
PEMERIKSAAN_LINTAS: tuple[tuple[tuple[str, str], str], ...] = (
    (("TC-33", "TabelIV-1"), "Kecocokan pagu tiap program, kegiatan dan sub-kegiatan T-C.33 dengan anggaran Tabel 4.1"),
    (("TC-33", "TC-31"), "Kecocokan pagu tiap program, kegiatan dan sub-kegiatan T-C.33 dengan kebutuhan dana T-C.31"),
    (("TC-33", "TC-29"), "Kelengkapan program antara T-C.33 dan T-C.29"),
    (("TC-33", "TC-31"), "Kelengkapan program antara T-C.33 dan T-C.31"),
)
PESAN_TIDAK_DIPERIKSA = "{pemeriksaan}: {tabel} tidak ada."
