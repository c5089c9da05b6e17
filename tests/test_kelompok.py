"""transforms.kelompok, transforms.meta.meta_berkas and transforms.lintas.frames_lintas: the pure shaping behind
flows.langkah.rapikan.kelompokkan, flows.langkah.baca._meta and flows.langkah.periksa._frames_lintas."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pytest

from transforms.kelompok import dengan_kode_kabupaten, kelompokkan, kunci_kecamatan, tahun_kecamatan
from transforms.lintas import frames_lintas
from transforms.meta import meta_berkas
from transforms.wilayah import HasilWilayah, siapkan_indeks

SENDURO = HasilWilayah(kode="35.08.12", kecamatan="Senduro", kode_kabupaten="35.08", kabupaten="Lumajang",
                       kabupaten_resmi="Kabupaten Lumajang", provinsi="Jawa Timur")
PASIRIAN = HasilWilayah(kode="35.08.04", kecamatan="Pasirian", kode_kabupaten="35.08", kabupaten="Lumajang",
                        kabupaten_resmi="Kabupaten Lumajang", provinsi="Jawa Timur")
INDEKS = siapkan_indeks(pd.DataFrame([
    {"kode": "35", "nama": "Jawa Timur", "tingkat": "provinsi", "kode_induk": None},
    {"kode": "35.08", "nama": "Kabupaten Lumajang", "tingkat": "kabupaten", "kode_induk": "35"},
    {"kode": "35.08.12", "nama": "Senduro", "tingkat": "kecamatan", "kode_induk": "35.08"},
]))


# ------------------------------------------------------------------------------------------------ groups


def test_kunci_kecamatan_tahun_kabupaten_kecamatan():
    assert kunci_kecamatan(2024, SENDURO, "a.xlsx") == ("2024", "lumajang", "senduro")
    assert kunci_kecamatan(None, SENDURO, "a.xlsx") == ("tanpa-tahun", "lumajang", "senduro")
    assert kunci_kecamatan(2024, None, "TC33 Bromo.xlsx") == ("2024", "tanpa-kabupaten",
                                                              "tanpa-kecamatan-tc33-bromo-xlsx")


def test_kelompokkan_urutan_pertama_muncul():
    assert kelompokkan(["b", "a", "b", "c", "a"]) == {"b": [0, 2], "a": [1, 4], "c": [3]}
    assert list(kelompokkan(["b", "a", "b"])) == ["b", "a"]
    assert kelompokkan([]) == {}


def test_berkas_tanpa_kecamatan_tidak_pernah_digabung():
    kunci = [kunci_kecamatan(2024, None, n) for n in ("x.xlsx", "y.xlsx")]
    assert list(kelompokkan(kunci).values()) == [[0], [1]]


# ------------------------------------------------------------------------------------------------ years


def test_tahun_dari_berkas_lain_kecamatan_yang_sama():
    kiriman = [(None, SENDURO), (2024, SENDURO), (2025, PASIRIAN), (2023, None)]
    assert tahun_kecamatan(SENDURO, kiriman) == 2024
    assert tahun_kecamatan(SENDURO, [("2024", SENDURO)]) == 2024  # as read: made a number
    assert tahun_kecamatan(SENDURO, [(2024, SENDURO), (2025, SENDURO)]) is None  # two years: none decided
    assert tahun_kecamatan(SENDURO, [(None, SENDURO)]) is None


def test_tahun_dari_keluaran_hanya_bila_kiriman_tidak_punya():
    dipanggil = []

    def keluaran():
        dipanggil.append(1)
        return [{"tahun": 2023, "kode_wilayah": "35.08.12"}, {"tahun": 2025, "kode_wilayah": "35.08.04"}]

    assert tahun_kecamatan(SENDURO, [(2024, SENDURO)], keluaran) == 2024 and dipanggil == []
    assert tahun_kecamatan(SENDURO, [(None, SENDURO)], keluaran) == 2023 and dipanggil == [1]
    lama = [{"tahun": 2022, "kode_kabupaten": "35.08", "kecamatan": "SENDURO"}]  # an older report: names only
    assert tahun_kecamatan(SENDURO, [], lambda: lama) == 2022
    assert tahun_kecamatan(SENDURO, [], lambda: [{"tahun": 2022, "kode_kabupaten": "35.09", "kecamatan": "Senduro"}]) \
        is None


def test_dengan_kode_kabupaten_dari_nama():
    dikenal = [{"kabupaten": "Lumajang", "kecamatan": "Senduro", "tahun": 2024},
               {"kabupaten": "Lumajang", "kode_kabupaten": "35.99"}, {"kecamatan": "X"}]
    assert [m["kode_kabupaten"] for m in dengan_kode_kabupaten(dikenal, INDEKS)] == ["35.08", "35.99", None]
    assert dikenal[0].get("kode_kabupaten") is None  # the input is left as it was


# ------------------------------------------------------------------------------------------------ metadata


@dataclass
class _Tabel:
    layout: str
    judul: list[str]
    header_teks: dict = field(default_factory=dict)
    penutup: list[str] = field(default_factory=list)


def test_meta_berkas_tabel_pertama_menang_dan_tahun_judul_digeser():
    tabel = [_Tabel("TC-29", ["EVALUASI … S/D TAHUN 2023", "Kecamatan Senduro"]),
             _Tabel("TC-33", ["RENCANA … TAHUN 2024"], penutup=["CAMAT PASIRIAN"])]
    meta = meta_berkas(tabel, {"TC-29": 1})
    assert (meta["tahun"], meta["kecamatan"], meta["kabupaten"]) == (2024, "Senduro", None)
    assert meta_berkas(tabel[::-1], {"TC-29": 1})["kecamatan"] == "Pasirian"  # the order is the priority


def test_meta_berkas_opsi_menang():
    tabel = [_Tabel("TC-33", ["RENCANA … TAHUN 2024 KABUPATEN LUMAJANG", "Kecamatan Senduro"])]
    assert meta_berkas(tabel, {}, 2025, None, "Pasirian") == {"tahun": 2025, "kabupaten": "Lumajang",
                                                               "kecamatan": "Pasirian", "tanda_tangan": None}
    assert meta_berkas([], {}) == {"tahun": None, "kabupaten": None, "kecamatan": None, "tanda_tangan": None}


# ------------------------------------------------------------------------------------------------ cross-table


def _tc33() -> pd.DataFrame:
    return pd.DataFrame({"urut": [1, 2], "kode": ["7.01.01", "7.01.01.2.01"], "level": ["program", "kegiatan"],
                         "nama": ["P", "K"], "sheet": ["TC.33"] * 2, "baris": [10, 11], "indikator_ke": [1, 1],
                         "pagu": [100, 40]})


def test_frames_lintas_tanpa_tc33_tidak_ada():
    assert frames_lintas({"TC-31": pd.DataFrame()}, {"TC-31": {}}) == ({}, ())


def test_frames_lintas_pagu_dan_program():
    tabel41 = pd.DataFrame({"kode": ["7.01.01"], "level": ["program"], "nama": ["P"], "sheet": ["4.1"], "baris": [7],
                            "urut_tc33": [1], "anggaran": [90]})
    tc29 = pd.DataFrame({"kode": ["7.01.02"], "level": ["program"], "nama": ["Q"], "sheet": ["TC.29"], "baris": [9]})
    frames, program = frames_lintas({"TC-33": _tc33(), "TabelIV-1": tabel41, "TC-29": tc29},
                                    {"TC-33": {"pagu": 12}, "TabelIV-1": {"anggaran": 5}, "TC-29": {}})
    assert set(frames) == {"pagu_tabel41", "program"} and program == ("tc33", "tc29")
    pagu = frames["pagu_tabel41"]
    assert pagu[["kode", "sel", "pagu", "sel_lain", "pagu_lain"]].values.tolist() == [["7.01.01", "L10", 100, "E7", 90]]
    assert frames["program"].set_index("kode")["tabel_tanpa"].to_dict() == {"7.01.01": "TC29", "7.01.02": "TC33"}


def test_frames_lintas_tabel_tanpa_kode_dilewati():
    frames, program = frames_lintas({"TC-33": _tc33(), "TabelIV-1": pd.DataFrame({"nama": ["P"]})},
                                    {"TC-33": {"pagu": 12}, "TabelIV-1": {}})
    assert set(frames) == {"program"} and program == ("tc33",)


@pytest.mark.parametrize("modul", ["transforms.kelompok", "transforms.lintas", "transforms.meta"])
def test_modul_murni_tanpa_tepi(modul):
    import subprocess
    import sys

    kode = (f"import sys, {modul}; print(sorted(m for m in ('prefect', 'great_expectations', 'openpyxl', 'flows')"
            " if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout.strip() \
        == "[]"
