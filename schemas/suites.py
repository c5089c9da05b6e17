"""Expectation suites (declared as data; flows.langkah.periksa runs them with Great Expectations) and the rules they raise.

T-C.33 frames (built by transforms.periksa): ``item`` (tidy items + ``kode_induk_menurut_kode``) and ``rollup``
(one row per parent and year: own amount vs the sum of its children).
"""
from __future__ import annotations

from schemas.aturan import REGISTRI, Aturan
from schemas.harapan import GALAT, PERINGATAN, Harapan, Kolom
from schemas.kode import POLA_KODE
from schemas.tc31 import AMBANG_NAMA_SAMA

_ITEM_UTAMA = 'level != "aktivitas" and indikator_ke == 1'


def _aturan(kode: str, tingkat: str, templat: str, tabel: tuple[str, ...], keterangan: str,
            asal: str = "suite") -> Aturan:
    """A suite's rule, registered (schemas.aturan)."""
    return REGISTRI.daftarkan(Aturan(kode, tingkat, templat, asal, tabel, keterangan))


def _pola(level: str) -> Harapan:
    aturan = _aturan("kode-tidak-sah", GALAT,
                     f"Kode {{kode}} pada '{{nama}}' tidak berbentuk kode {level.replace('_', '-')}.", ("TC-33",),
                     "a kode without the shape of its level")
    return Harapan.dari(aturan, "item", "ExpectColumnValuesToMatchRegex",
                        {"column": "kode", "regex": POLA_KODE[level].pattern}, "kode", kondisi=f'level == "{level}"')


def _jumlah(frame: str, tabel: str) -> Harapan:
    """A parent's amount equals the sum of its children's (a roll-up frame: transforms.periksa.frame_rollup)."""
    aturan = _aturan("jumlah-tidak-sesuai", GALAT,
                     "{field_label} '{nama}' {kode} = {pagu_teks}, tetapi jumlah {jumlah_anak_n} rinciannya = "
                     "{jumlah_anak_teks}.", (tabel,),
                     "a parent's pagu (n or n+1) differs from the sum of its children — aktivitas into sub-kegiatan, "
                     "sub-kegiatan into kegiatan, kegiatan into program, programs into bidang/urusan and into the "
                     "TOTAL PAGU row; Tabel 4.1 sent without T-C.33: the same for its anggaran (levels from the "
                     "nomenclature)")
    return Harapan.dari(aturan, frame, "ExpectColumnPairValuesToBeEqual",
                        {"column_A": "pagu", "column_B": "jumlah_anak"}, None, field_kolom="field")


_PAGU_NEGATIF = "a negative amount (n or n+1)"
SUITE_TC33: tuple[Harapan, ...] = (
    *(_pola(level) for level in POLA_KODE),
    Harapan.dari(_aturan("kode-ganda", GALAT, "Kode {kode} dipakai lebih dari satu kali; baris ini: '{nama}'.",
                         ("TC-33",), "one kode for several items"),
                 "item", "ExpectColumnValuesToBeUnique", {"column": "kode"}, "kode",
                 kondisi=f"{_ITEM_UTAMA} and kode.notna()"),
    Harapan.dari(_aturan("induk-tidak-ada", GALAT, "Induk kode {kode} ({kode_induk_menurut_kode}) tidak ada di tabel.",
                         ("TC-33",), "a parent named by a kode missing from the table"),
                 "item", "ExpectColumnValuesToBeInSet",
                 {"column": "kode_induk_menurut_kode", "value_set": Kolom("item", "kode")}, "kode",
                 kondisi='level != "aktivitas" and level != "urusan" and kode_induk_menurut_kode.notna()'),
    Harapan.dari(_aturan("letak-tidak-sesuai-kode", GALAT,
                         "'{nama}' ({kode}) terletak di bawah {kode_induk}, padahal kodenya menunjuk induk "
                         "{kode_induk_menurut_kode}.", ("TC-33",),
                         "an item placed under another parent than its kode names"),
                 "item", "ExpectColumnPairValuesToBeEqual",
                 {"column_A": "kode_induk", "column_B": "kode_induk_menurut_kode"}, "kode",
                 kondisi=f'{_ITEM_UTAMA} and level != "urusan" and kode.notna() and kode_induk.notna()'),
    _jumlah("rollup", "TC-33"),
    Harapan.dari(_aturan("pagu-negatif", GALAT, "Pagu '{nama}' bernilai negatif ({pagu_teks}).", ("TC-33",),
                         _PAGU_NEGATIF),
                 "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": 0}, "pagu"),
    Harapan.dari(_aturan("pagu-negatif", GALAT, "Pagu prakiraan maju '{nama}' bernilai negatif ({pagu_maju_teks}).",
                         ("TC-33",), _PAGU_NEGATIF),
                 "item", "ExpectColumnValuesToBeBetween", {"column": "pagu_maju", "min_value": 0}, "pagu_maju"),
    Harapan.dari(_aturan("sumber-dana-kosong", PERINGATAN,
                         "'{nama}' ({kode}) memiliki pagu {pagu_teks} tetapi sumber dananya kosong.", ("TC-33",),
                         "a program, kegiatan or sub-kegiatan with a pagu but no sumber dana"),
                 "item", "ExpectColumnValuesToNotBeNull", {"column": "sumber_dana"}, "sumber_dana",
                 kondisi=f'{_ITEM_UTAMA} and level in ["program", "kegiatan", "sub_kegiatan"] and pagu > 0'),
    Harapan.dari(_aturan("program-tidak-ada", GALAT, "Tabel tidak memuat satu pun program.", ("TC-33",),
                         "no program at all"),
                 "item", "ExpectTableRowCountToBeBetween", {"min_value": 1}, None, kondisi='level == "program"'),
)


# Tabel 4.1 sent without T-C.33 (frame built by transforms.tabel41.frame_rollup_tabel41): its own roll-up; beside a
# T-C.33 each of its items is compared with T-C.33's instead (SUITE_LINTAS).
SUITE_TABEL41: tuple[Harapan, ...] = (_jumlah("rollup_tabel41", "TabelIV-1"),)


# Cross-table (frames built by transforms.lintas): the same item's amount in T-C.33 and in Tabel 4.1 / T-C.31
# (``pagu_tabel41``, ``pagu_tc31``), and the programs each table covers (``program``).
def _pagu_sama(frame: str, tabel: str) -> Harapan:
    aturan = _aturan("pagu-antar-tabel-berbeda", GALAT,
                     "'{nama}' ({kode}): T-C.33 sel {sel} = {pagu_teks}, tetapi {tabel_lain} sheet '{sheet_lain}' sel "
                     "{sel_lain} = {pagu_lain_teks}.", ("TC-33", tabel),
                     "the same item's amount differs between T-C.33 and Tabel 4.1 or T-C.31's Kebutuhan Dana; the "
                     "message names both cells", asal="lintas")
    return Harapan.dari(aturan, frame, "ExpectColumnPairValuesToBeEqual",
                        {"column_A": "pagu", "column_B": "pagu_lain", "ignore_row_if": "either_value_is_missing"},
                        "pagu")


SUITE_LINTAS: tuple[Harapan, ...] = (
    _pagu_sama("pagu_tabel41", "TabelIV-1"),
    _pagu_sama("pagu_tc31", "TC-31"),
    # T-C.31's two halves name the same program/kegiatan (frame 'tc31': its tidy rows with the two name cells)
    Harapan.dari(_aturan("nama-berbeda-antar-bagian", PERINGATAN,
                         "Nama program/kegiatan berbeda antar bagian T-C.31: Rancangan Awal RKPD '{nama_rkpd}' "
                         "({sel_rkpd}) dan Hasil Analisis Kebutuhan '{nama_hasil}' ({sel_hasil}); kemiripan "
                         "{kemiripan_persen}.", ("TC-31",), "the two halves of a T-C.31 row name different items"),
                 "tc31", "ExpectColumnValuesToBeBetween", {"column": "kemiripan_nama", "min_value": AMBANG_NAMA_SAMA},
                 "nama_hasil"),
)

LABEL_TABEL = {"tc33": "T-C.33", "tc29": "T-C.29", "tc31": "T-C.31"}
# One rule per table a program may be missing from (their frame's ``ada_<tabel>`` columns).
_PROGRAM_TIDAK_LENGKAP = {
    t: _aturan("program-tidak-lengkap", PERINGATAN, f"Program {{kode}} ('{{nama}}') tidak ada di {label}.",
               (f"TC-{t[2:]}",), "a program of T-C.33, T-C.29 or T-C.31 missing from another of them", asal="lintas")
    for t, label in LABEL_TABEL.items()
}


def suite_program(tabel_ada: tuple[str, ...]) -> tuple[Harapan, ...]:
    """Every program found in any of the tables present is in each of them (``ada_<tabel>`` is True)."""
    return tuple(Harapan.dari(_PROGRAM_TIDAK_LENGKAP[t], "program", "ExpectColumnValuesToBeInSet",
                              {"column": f"ada_{t}", "value_set": [True]}, None)
                 for t in tabel_ada)


# Checks between two tables (layout ids), for the report's "checks not done": when a kecamatan sends one table of
# a pair and not the other, each check of that pair is listed with the table that is missing.
PEMERIKSAAN_LINTAS: tuple[tuple[tuple[str, str], str], ...] = (
    (("TC-33", "TabelIV-1"), "Kecocokan pagu tiap program, kegiatan dan sub-kegiatan T-C.33 dengan anggaran Tabel 4.1"),
    (("TC-33", "TC-31"), "Kecocokan pagu tiap program, kegiatan dan sub-kegiatan T-C.33 dengan kebutuhan dana T-C.31"),
    (("TC-33", "TC-29"), "Kelengkapan program antara T-C.33 dan T-C.29"),
    (("TC-33", "TC-31"), "Kelengkapan program antara T-C.33 dan T-C.31"),
)
PESAN_TIDAK_DIPERIKSA = "{pemeriksaan}: {tabel} tidak ada."
