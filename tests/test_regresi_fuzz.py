"""Each internal error the fuzz campaign (tools/fuzz.py, tests/test_fuzz.py) found, as its minimal mutant built here
in a few cells: the file now gives its outputs and a finding naming the cell, and no exception reaches the operator."""
from __future__ import annotations

import json
import struct
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from flows.langkah.pembaca import BerkasTidakTerbaca
from flows.langkah.bagian import olah_workbook
from flows.langkah.penjaga import periksa_berkas
from flows.langkah.tulis.tc33 import tulis_tc33
from transforms.angka import parse_rupiah, rupiah_series

WAKTU = datetime(2026, 12, 1, 1, 0)
JUDUL = ["T-C.33", "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2024", "Kabupaten Lumajang",
         "Kecamatan Senduro"]
HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Lokasi", "Target", "Kebutuhan Dana", "Sumber Dana",
          "Prakiraan Maju Target", "Prakiraan Maju Kebutuhan Dana"]
PROGRAM = ["7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "Persentase layanan",
           "Kec. Senduro", "100%", 15000000, "DAU", "100%", 16000000]
KEGIATAN = ["7.01.02.2.01", "Perencanaan dan Evaluasi Kinerja", "Jumlah Dokumen", "Kec. Senduro", "2 Dokumen",
            15000000, "DAU", "2 Dokumen", 16000000]
T_C32 = [["T-C.32", ], ["Usulan Program dan Kegiatan dari Para Pemangku Kepentingan Tahun 2023"],
         ["No", "Program/Kegiatan", "Lokasi", "Indikator Kinerja", "Besaran/Volume", "Catatan"], ["NIHIL"]]


def _workbook(path: Path, baris_tc33: list[list], dengan_tc32: bool = True) -> Path:
    """A workbook of T-C.33 (titles, one header row, ``baris_tc33`` from row 6) and, on a second sheet, a T-C.32
    that says NIHIL: the other table of the kecamatan, which must keep its outputs."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("TC.33")
    for r, baris in enumerate([*([j] for j in JUDUL), HEADER, *baris_tc33]):
        for k, v in enumerate(baris):
            if isinstance(v, tuple):  # (number, its number format)
                ws.write_number(r, k, v[0], wb.add_format({"num_format": v[1]}))
            elif v is not None:
                ws.write(r, k, v)
    if dengan_tc32:
        ws = wb.add_worksheet("T-C.32")
        for r, baris in enumerate(T_C32):
            for k, v in enumerate(baris):
                ws.write(r, k, v)
    wb.close()
    return path


def _olah(tmp_path: Path, baris_tc33: list[list]):
    h = olah_workbook(_workbook(tmp_path / "mutan.xlsx", baris_tc33), tmp_path / "out", waktu=WAKTU)
    folder = Path(h.folder)
    temuan = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))["temuan"]
    return h, folder, temuan


# --- 7× "ValueError: unknown level(s) in tidy T-C.33 rows: ['<empty>']" (flows/langkah/tulis/tc33.py _check) ------------
# After a deleted column or swapped cells a T-C.33 item had no readable kode: the transform reported it
# (kode-tidak-terbaca / level-tidak-diketahui, naming the cell) and kept it with an empty level, which the T-C.33
# writer refused with an exception — and the whole kecamatan, its five other tables too, got no output at all.


def test_item_tanpa_kode_ditulis_dan_dilaporkan(tmp_path):
    h, folder, temuan = _olah(tmp_path, [PROGRAM, [None, *KEGIATAN[1:]]])  # the kode cell blanked
    assert (h.status, h.pesan) == ("ok", "T-C.33, T-C.32")
    assert {"TC-33.xlsx", "TC-32.xlsx", "data/TC-33.csv", "data/TC-32.csv"} <= {
        p.relative_to(folder).as_posix() for p in folder.rglob("*")}
    assert [(t["sheet"], t["sel"], t["aturan"]) for t in temuan if t["aturan"] == "level-tidak-diketahui"] == [
        ("TC.33", "B7", "level-tidak-diketahui")]
    tidy = pd.read_csv(folder / "data" / "TC-33.csv", dtype={"kode": str})
    assert tidy["level"].isna().tolist() == [False, True]
    assert tidy["nama"].tolist() == [PROGRAM[1], KEGIATAN[1]]


def test_item_berkode_teks_ditulis_dan_dilaporkan(tmp_path):
    h, folder, temuan = _olah(tmp_path, [PROGRAM, [KEGIATAN[1], KEGIATAN[0], *KEGIATAN[2:]]])  # kode, nama swapped
    assert (h.status, h.pesan) == ("ok", "T-C.33, T-C.32")
    assert (folder / "TC-33.xlsx").is_file() and (folder / "TC-32.xlsx").is_file()
    assert [(t["sel"], t["nilai"]) for t in temuan if t["aturan"] == "kode-tidak-terbaca"] == [("A7", KEGIATAN[1])]


def test_penulis_tc33_menerima_level_kosong(tmp_path):
    from tests.test_tulis_tc33 import META, _tidy

    tidy = _tidy()
    tidy.loc[0, "level"] = None
    path = tulis_tc33(tidy, META, tmp_path)
    assert path.is_file()


# --- 1× "OverflowError: Python int too large to convert to C long" (pandas' Int64 cast of an amount of 10**20) ----


def test_pagu_terlalu_besar_menjadi_temuan(tmp_path):
    h, folder, temuan = _olah(tmp_path, [PROGRAM, [*KEGIATAN[:5], 10**20, *KEGIATAN[6:]]])
    assert (h.status, h.pesan) == ("ok", "T-C.33, T-C.32")
    besar = [t for t in temuan if t["aturan"] == "angka-terlalu-besar"]
    assert [(t["sheet"], t["sel"], t["tingkat"]) for t in besar] == [("TC.33", "F7", "galat")]
    assert "1.000.000.000.000.000" in besar[0]["pesan"]
    tidy = pd.read_csv(folder / "data" / "TC-33.csv")
    assert tidy["pagu"].isna().tolist() == [False, True]


def test_batas_rupiah():
    from transforms.angka import RUPIAH_MAKS, STATUS_TERLALU_BESAR

    assert parse_rupiah(RUPIAH_MAKS).nilai == RUPIAH_MAKS
    assert parse_rupiah(-RUPIAH_MAKS).nilai == -RUPIAH_MAKS
    for nilai in (RUPIAH_MAKS + 1, -RUPIAH_MAKS - 1, 10**20, 1e20, 1e300, "100000000000000000000",
                  "100.000.000.000.000.000.000"):
        assert (parse_rupiah(nilai).nilai, parse_rupiah(nilai).status) == (None, STATUS_TERLALU_BESAR), nilai
    h = rupiah_series(pd.Series([10**20, 5, None], dtype=object))
    assert h["nilai"].tolist() == [pd.NA, 5, pd.NA]
    assert h["status"].tolist() == [STATUS_TERLALU_BESAR, "ok", "kosong"]


# --- "error: Error -3 while decompressing data: invalid distance too far back" (zlib, through flows/langkah/penjaga.py) -----
# A flipped byte inside a zip member's compressed data: the guard, which reads every XML member's first bytes, met
# zlib's own error type, which it did not catch, and the file ended as an internal error instead of being refused.


def _rusak_deflate(path: Path, bagian: str) -> Path:
    """``path`` with the first byte of ``bagian``'s deflate data set to a block of the reserved type 3: zlib raises
    'invalid block type' (the central directory and the CRC stay as they were)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(bagian)
    nama, ekstra = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    data[info.header_offset + 30 + nama + ekstra] = 0xFF  # BFINAL=1, BTYPE=11
    path.write_bytes(bytes(data))
    return path


def test_data_zip_rusak_ditolak_bukan_galat_internal(tmp_path):
    path = _rusak_deflate(_workbook(tmp_path / "mutan.xlsx", [PROGRAM, KEGIATAN]), "xl/worksheets/sheet1.xml")
    with pytest.raises(BerkasTidakTerbaca, match="rusak atau terpotong: arsip zip tidak dapat dibaca .*invalid block"):
        periksa_berkas(path)
    h = olah_workbook(path, tmp_path / "out", waktu=WAKTU)
    assert (h.status, h.galat) == ("gagal", 1)
    assert h.pesan.startswith("Berkas 'mutan.xlsx' rusak atau terpotong: arsip zip tidak dapat dibaca (Error -3 ")
    temuan = json.loads((Path(h.folder) / "validasi.json").read_text(encoding="utf-8"))["temuan"]
    assert [t["aturan"] for t in temuan] == ["berkas-tidak-terbaca"]


def test_format_angka_dari_styles_rusak_tidak_dibaca(tmp_path, monkeypatch):
    """The styles part is read whole after the guard (which reads each member's first 16 KiB): a damaged deflate
    stream beyond that leaves the numbers as numbers, as any unreadable styles part does."""
    from flows.langkah.pembaca import _styles_bermakna

    path = _workbook(tmp_path / "mutan.xlsx", [PROGRAM, KEGIATAN])

    def baca_rusak(self, nama, pwd=None):
        raise zlib.error("Error -3 while decompressing data: invalid distance too far back")

    monkeypatch.setattr(zipfile.ZipFile, "read", baca_rusak)
    assert _styles_bermakna(path) is False


# --- "RuntimeError: Jawaban proses pembaca tidak dapat dikirim: PicklingError: Can't pickle <class
# 'pyo3_runtime.PanicException'>" (calamine, through flows/langkah/baca.py) ------------------------------------------------
# A number cell with a date format and a serial far out of range (-1e300): calamine converts it to a date and
# panics (a Rust panic: pyo3's PanicException, a BaseException, which the reader did not catch and the worker could
# not send back).  The same cell with a duration format (1e20 as [h]:mm) made calamine raise OverflowError, and the
# whole workbook was refused for one cell.  Now such a sheet is read by openpyxl, the cell reads '#VALUE!' and the
# amount's finding names it.


def test_tanggal_di_luar_jangkauan_menjadi_temuan(tmp_path):
    kegiatan = [*KEGIATAN[:5], (-1e300, "yyyy-mm-dd"), KEGIATAN[6], KEGIATAN[7], (1e20, "[h]:mm")]
    h, folder, temuan = _olah(tmp_path, [PROGRAM, kegiatan])
    assert (h.status, h.pesan) == ("ok", "T-C.33, T-C.32")
    assert (folder / "TC-33.xlsx").is_file() and (folder / "TC-32.xlsx").is_file()
    assert [(t["sel"], t["aturan"], t["nilai"]) for t in temuan if t["sel"] in ("F7", "I7")] == [
        ("F7", "angka-tidak-terbaca", "#VALUE!"), ("I7", "angka-tidak-terbaca", "#VALUE!")]


def test_panik_calamine_bukan_galat_internal():
    from flows.langkah.pembaca import galat_pembaca

    class PanicException(BaseException):  # pyo3's, as calamine raises it
        pass

    assert galat_pembaca(PanicException("TimeDelta::milliseconds out of bounds"))
    assert galat_pembaca(OverflowError("days=2147483647"))
    assert not galat_pembaca(KeyboardInterrupt())


# --- "OverflowError: Python int too large to convert to C long" (transforms/tc31.py, the Int64 program_no) ---------
# T-C.31's No cell of a program row holding 1e308 (a number cell; written out as 309 digits): it was taken for a
# program number and the Int64 cast of program_no overflowed — the safety net left T-C.31 out of the outputs.


@pytest.mark.parametrize("no", [1e308, 10**20, "100000000000000000000"])
def test_nomor_program_raksasa_bukan_nomor_program(no):
    from tests.test_tc31 import KEGIATAN, PROGRAM, SUB, _tidy

    h = _tidy([no, *PROGRAM[1:]], KEGIATAN, SUB)
    assert h.tidy["program_no"].isna().all()
    assert len(h.tidy) == 3 and h.tidy["nama"].tolist()[0] == PROGRAM[1]
