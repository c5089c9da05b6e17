"""Every kecamatan's tables, not only Senduro's (issue 11): built from the shipped sample in the shapes other clerks
keep them — a T-C.33 starting at its programs, placed at B3 with its amounts as text; a Tabel 4.1 sent alone whose
kegiatan indicators do not open with 'Persentase'; a T-C.30 reporting '84 Nilai' — and processed with the built-in
nomenclature, as every run does.  Expected values come from the sample itself, processed whole."""
from __future__ import annotations

import functools
import json
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from flows.data.nomenklatur import nomenklatur_terpasang
from flows.langkah.bacaan import Opsi
from flows.langkah.bagian import olah_workbook
from tests.conftest import SAMPEL_SEMUA
from tests.varian import Lembar, tulis_xlsx
from transforms.angka import format_rupiah

WAKTU = datetime(2026, 12, 1, 1, 0)
SENDURO = Opsi(tahun=2024, kabupaten="Lumajang", kecamatan="Senduro")
TOTAL_2024, TOTAL_2025 = 2_080_252_824, 2_621_874_277


@functools.lru_cache(maxsize=1)
def _nomenklatur() -> pd.DataFrame:
    return nomenklatur_terpasang()


@pytest.fixture(scope="module")
def utuh(tmp_path_factory) -> Path:
    """The shipped sample, every table, processed with the built-in list: what the variants must agree with."""
    out = tmp_path_factory.mktemp("utuh")
    assert olah_workbook(SAMPEL_SEMUA, out, waktu=WAKTU, nomenklatur=_nomenklatur()).status == "ok"
    return out / "2024" / "lumajang" / "senduro"


def _olah(path: Path, out: Path, opsi: Opsi | None = None) -> tuple[dict, Path]:
    h = olah_workbook(path, out, opsi, waktu=WAKTU, nomenklatur=_nomenklatur())
    assert h.status == "ok", h.pesan
    folder = Path(h.folder)
    return json.loads((folder / "validasi.json").read_text(encoding="utf-8")), folder


def _aturan(v: dict, tingkat: str | None = None) -> dict[str, int]:
    hitung: dict[str, int] = {}
    for t in v["temuan"]:
        if tingkat is None or t["tingkat"] == tingkat:
            hitung[t["aturan"]] = hitung.get(t["aturan"], 0) + 1
    return hitung


def _csv(folder: Path, nama: str) -> pd.DataFrame:
    return pd.read_csv(folder / "data" / nama, dtype={"kode": str, "no": str})


# ---------------------------------------------------------------- T-C.33 from its programs, at B3, amounts as text


def _tc33_dari_program(path: Path) -> Path:
    """T-C.33 alone: the 'Unsur Kewilayahan' and 'Kecamatan' rows (11, 12) gone, the title at B3, every amount of
    the Kebutuhan Dana columns (9 and 13) typed as text with thousands dots."""
    lb = Lembar("TC.33")
    assert lb.nilai(11, 2) == "Unsur Kewilayahan" and lb.nilai(12, 2) == "Kecamatan"
    teks = lambda v, b: format_rupiah(int(v)) if isinstance(v, (int, float)) else v  # noqa: E731
    lb.buang_baris({11, 12}).ubah(9, teks, dari_baris=11).ubah(13, teks, dari_baris=11).geser(2, 1)
    return tulis_xlsx(path, {"Renja 2024": lb})


@pytest.fixture(scope="module")
def tc33_dari_program(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tc33")
    return _olah(_tc33_dari_program(tmp / "Renja-Kecamatan.xlsx"), tmp / "out")


def test_tc33_dari_program_setiap_butir_tepat(tc33_dari_program, utuh):
    v, folder = tc33_dari_program
    assert [(d["tabel"], d["sheet"], d["baris_header"]) for d in v["daftar_tabel"]] == [("T-C.33", "Renja 2024", 10)]
    kolom = ["kode", "level", "nama", "indikator_ke", "pagu", "pagu_maju"]
    harapan = _csv(utuh, "TC-33.csv")
    harapan = harapan[~harapan["level"].isin(["urusan", "bidang"])][kolom].reset_index(drop=True)
    pd.testing.assert_frame_equal(_csv(folder, "TC-33.csv")[kolom], harapan)
    tidy = _csv(folder, "TC-33.csv")
    program = tidy[(tidy["level"] == "program") & (tidy["indikator_ke"] == 1)]
    assert list(program["kode"]) == [f"7.01.0{i}" for i in range(1, 7)]
    assert (program["pagu"].sum(), program["pagu_maju"].sum()) == (TOTAL_2024, TOTAL_2025)
    assert v["angka"]["TOTAL PAGU tertulis (tahun n)"] == format_rupiah(TOTAL_2024)


def test_tc33_dari_program_tanpa_galat_satu_peringatan_untuk_tabel(tc33_dari_program):
    v, _ = tc33_dari_program
    assert _aturan(v, "galat") == {}
    (urusan,) = [t for t in v["temuan"] if t["aturan"] == "urusan-bidang-tidak-ada"]
    assert (urusan["tingkat"], urusan["sheet"], urusan["sel"], urusan["kode"]) == (
        "peringatan", "Renja 2024", "B13", "7.01.01")
    assert urusan["pesan"].startswith("T-C.33 tidak memuat baris urusan dan bidang (urusan 7, bidang 7.01)")
    assert "induk-tidak-ada" not in _aturan(v)
    # the checks of the other tables are named as not done, the national list's are done
    assert v["pemeriksaan_tidak_dilakukan"] == [
        "Kecocokan pagu tiap program, kegiatan dan sub-kegiatan T-C.33 dengan anggaran Tabel 4.1: Tabel 4.1 tidak ada.",
        "Kecocokan pagu tiap program, kegiatan dan sub-kegiatan T-C.33 dengan kebutuhan dana T-C.31: T-C.31 tidak ada.",
        "Kelengkapan program antara T-C.33 dan T-C.29: T-C.29 tidak ada.",
        "Kelengkapan program antara T-C.33 dan T-C.31: T-C.31 tidak ada."]


def test_tc33_dengan_bidang_tanpa_urusan_hanya_bidang_yang_diperiksa(tmp_path):
    """Only the urusan row missing: the bidang's parent is not looked for, the programs' still is (and is there)."""
    lb = Lembar("TC.33").buang_baris({11})
    v, _ = _olah(tulis_xlsx(tmp_path / "x.xlsx", {"TC.33": lb}), tmp_path / "out")
    assert _aturan(v, "galat") == {}
    (urusan,) = [t for t in v["temuan"] if t["aturan"] == "urusan-bidang-tidak-ada"]
    assert (urusan["sel"], urusan["kode"]) == ("A12", "7.01.01")
    assert "(urusan 7)" in urusan["pesan"]


# ---------------------------------------------------------------- Tabel 4.1 alone, kegiatan without 'Persentase'


def _tabel41_sendiri(path: Path) -> Path:
    """Tabel 4.1 alone, its kegiatan indicators opening with 'Jumlah' as other kecamatan write them (no
    'Persentase'), and one sub-kegiatan's target in 'Lembaga' where the list says 'Lembaga Kemasyarakatan'."""
    lb = Lembar("Tabel 4.1")
    lb.ubah(4, lambda v, b: re.sub(r"^(?i:persentase)", "Jumlah", v) if isinstance(v, str) else v, dari_baris=9)
    lb.ubah(5, lambda v, b: "10 Lembaga" if v == "10 Lembaga Kemasyarakatan" else v)
    return tulis_xlsx(path, {"Tabel 4.1": lb})


@pytest.fixture(scope="module")
def tabel41_sendiri(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("t41")
    return _olah(_tabel41_sendiri(tmp / "Tabel-4.1.xlsx"), tmp / "out", SENDURO)


def test_tabel41_sendiri_tingkat_dan_kode_dari_nama(tabel41_sendiri, utuh):
    v, folder = tabel41_sendiri
    tidy = _csv(folder, "TabelIV-1.csv")
    harapan = _csv(utuh, "TabelIV-1.csv")  # beside T-C.33: levels and kodes of the matched T-C.33 items
    assert (tidy["indikator"].str.startswith("Jumlah") | (tidy["level"].isin(["urusan", "program"]))).all()
    assert list(tidy["level"]) == list(harapan["level"])
    # rows, not items: 7.01.06 and its kegiatan have three indicators each
    assert tidy["level"].value_counts().to_dict() == {"sub_kegiatan": 36, "kegiatan": 17, "program": 8, "urusan": 1}
    # every kode the name decides is the one T-C.33 gives; one name lies between two items and decides nothing
    beda = tidy[tidy["kode"].fillna("") != harapan["kode"].fillna("")]
    assert list(zip(beda["nama"], beda["kode"].isna())) == [("Koordinasi dan penyusunan perubahan RKA-SKPD", True)]
    assert list(tidy["anggaran"].fillna(-1)) == list(harapan["anggaran"].fillna(-1))


def test_tabel41_sendiri_sub_kegiatan_menjumlah_ke_total_dan_angka_pokok(tabel41_sendiri):
    v, folder = tabel41_sendiri
    tidy = _csv(folder, "TabelIV-1.csv")
    utama = tidy[tidy["indikator_ke"] == 1]
    assert utama.loc[utama["level"] == "sub_kegiatan", "anggaran"].sum() == TOTAL_2024
    assert utama.loc[utama["level"] == "kegiatan", "anggaran"].sum() == TOTAL_2024
    assert v["angka"] == {
        "Jumlah program": "6", "Jumlah kegiatan": "15", "Jumlah sub-kegiatan": "36",
        "Jumlah anggaran program (Tabel 4.1)": format_rupiah(TOTAL_2024),
        "Jumlah anggaran sub-kegiatan (Tabel 4.1)": format_rupiah(TOTAL_2024),
        "TOTAL PAGU tertulis (Tabel 4.1)": format_rupiah(TOTAL_2024)}


def test_tabel41_sendiri_temuan(tabel41_sendiri):
    v, _ = tabel41_sendiri
    assert _aturan(v, "galat") == {}
    assert v["pemeriksaan_tidak_dilakukan"] == [
        "Kecocokan pagu tiap program, kegiatan dan sub-kegiatan T-C.33 dengan anggaran Tabel 4.1: T-C.33 tidak ada."]
    (satuan,) = [t for t in v["temuan"] if t["aturan"] == "satuan-tidak-sesuai-nomenklatur"]
    assert (satuan["sel"], satuan["kode"], satuan["nilai"]) == ("E56", "7.01.03.2.01.0001", "10 Lembaga")
    assert "satuan Lembaga Kemasyarakatan" in satuan["pesan"]
    (ragu,) = [t for t in v["temuan"] if t["aturan"] == "kode-tidak-pasti"]
    assert (ragu["sel"], ragu["nilai"]) == ("C12", "Koordinasi dan penyusunan perubahan RKA-SKPD")
    assert "7.01.01.2.01.0003 'Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD' (0,96)" in ragu["pesan"]
    (nol,) = [t for t in v["temuan"] if t["aturan"] == "pagu-nol-bertarget"]
    assert (nol["sel"], nol["kode"]) == ("F26", "7.01.01.2.05.0002")
    assert "level-tidak-diketahui" not in _aturan(v)


def test_tabel41_sendiri_jumlah_diperiksa(tmp_path):
    """Alone, Tabel 4.1's own sums are checked: a sub-kegiatan's amount changed makes its kegiatan disagree."""
    lb = Lembar("Tabel 4.1")
    assert lb.nilai(10, 6) == 9_841_000
    lb.ubah(6, lambda v, b: 9_841_001 if b == 10 else v)
    v, _ = _olah(tulis_xlsx(tmp_path / "t41.xlsx", {"Tabel 4.1": lb}), tmp_path / "out", SENDURO)
    jumlah = [(t["sel"], t["pesan"]) for t in v["temuan"] if t["aturan"] == "jumlah-tidak-sesuai"]
    assert jumlah == [("F9", "Anggaran 'Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah' "
                             "7.01.01.2.01 = 22.170.700, tetapi jumlah 5 rinciannya = 22.170.701.")]


# ------------------------------------------------------------------------------------------- T-C.30 in Nilai


def test_tc30_nilai_dikenal_dan_dihitung_per_indikator(tmp_path):
    lb = Lembar("TC.30")
    assert lb.nilai(8, 8) == "N/A"
    lb.ubah(8, lambda v, b: "84 Nilai" if b == 8 else v)
    v, folder = _olah(tulis_xlsx(tmp_path / "tc30.xlsx", {"TC.30": lb}), tmp_path / "out", SENDURO)
    assert "satuan-tidak-dikenal" not in _aturan(v)
    tidy = _csv(folder, "TC-30.csv")
    (nilai,) = tidy[tidy["nilai_teks"] == "84 Nilai"][["nilai", "satuan"]].itertuples(index=False)
    assert tuple(nilai) == (84.0, "Nilai")
    assert [(d["tabel"], d["jumlah_baris"]) for d in v["daftar_tabel"]] == [("T-C.30", 3)]
    assert len(tidy) == 27  # the tidy data stays long: 3 indicators × 9 values


# ------------------------------------------------------------------------- the run: the built-in list by default


def test_run_tanpa_opsi_memakai_nomenklatur_bawaan(tmp_path):
    """What `make run` does on the sample (flows.mesin.jalan.jalankan, no --nomenklatur): the national-list checks are
    done, the report names the list, its regulation and source, and every error left is a real disagreement of the
    document itself."""
    import shutil

    from flows.mesin.jalan import jalankan
    from flows.setelan import Jalan

    masuk = tmp_path / "input"
    masuk.mkdir()
    shutil.copy(SAMPEL_SEMUA, masuk)
    (h,) = jalankan(Jalan(masuk, tmp_path / "output", Opsi()))  # baca_berkas and olah_banyak, one by one
    folder = Path(h.folder)
    v = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
    assert v["pemeriksaan_tidak_dilakukan"] == []
    (daftar,) = v["nomenklatur"]
    assert (daftar["peran"], daftar["berkas"], daftar["entri"]) == ("bawaan", "nomenklatur-7.01.csv", 186)
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    assert "Nomenklatur yang dipakai" in html and "900.1.15.5-1317 Tahun 2023" in html and "allweDepth/sesendok" in html
    assert "level-tidak-diketahui" not in _aturan(v) and "level-ragu" not in _aturan(v)
    galat = sorted((t["aturan"], t["sheet"], t["sel"]) for t in v["temuan"] if t["tingkat"] == "galat")
    assert galat == [
        ("angka-tidak-terbaca", "TC 3.1", "F10"),  # '2.517.22.415': no reading is right
        ("pagu-antar-tabel-berbeda", "TC.33", "I39"),  # Administrasi Umum: 91.572.593 vs T-C.31's 91.527.593
        ("pagu-antar-tabel-berbeda", "TC.33", "I85"),  # 21.090.000 vs T-C.31's 100.000.000 (its n+1 amount)
        ("persen-berisi-teks", "TC 29", "H40"), ("persen-berisi-teks", "TC 29", "H41"),  # '2 jenis', '12 bulan'
        ("persen-berisi-teks", "TC 29", "H47"),  # '12 bulan' where column 8 wants 7/6 in %
        ("tingkat-realisasi-berbeda", "TC 29", "H59"), ("tingkat-realisasi-berbeda", "TC 29", "H60"),
        ("tingkat-realisasi-berbeda", "TC 29", "H61"), ("tingkat-realisasi-berbeda", "TC 29", "H67"),
        ("tingkat-realisasi-berbeda", "TC 29", "H73")]  # the author's 98% / 100% against 7/6 = 100% / 116,28%
    # the name-decided code of '7.01.01.2.09. 09': the official name beats the typed code, and the report says so
    (a85,) = [t for t in v["temuan"] if t["aturan"] == "kode-dari-nama" and t["sel"] == "A85"]
    assert a85["kode"] == "7.01.01.2.09.0010" and "nama lebih cocok dengan 7.01.01.2.09.0010" in a85["pesan"]
