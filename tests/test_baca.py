"""flows/langkah/baca.py: cells and merges from xlsx, xls (LibreOffice conversion) and CSV in both dialects; number
formats that show a unit read as their display text."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
import xlsxwriter

from flows.langkah.pembaca import BerkasTidakTerbaca, EKSTENSI_DIDUKUNG, baca_workbook
from tools.buat_sampel import konversi_xls, soffice
from transforms.tampilan import teks_tampilan


def _cells(isi) -> list[tuple]:
    return [tuple(r) for r in isi.cells.itertuples(index=False)]


def _merges(isi) -> list[tuple]:
    return sorted(tuple(r) for r in isi.merges.itertuples(index=False))


def _perlu_soffice() -> None:
    if soffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) tidak terpasang")


# --- xlsx / xls ---------------------------------------------------------------------------------------------------

SEL_WORKBOOK = [
    ("Sampul", 1, 1, "RENJA 2024"),
    ("Data", 1, 1, "Kode"),
    ("Data", 1, 2, "Rencana"),
    ("Data", 2, 2, "Lokasi"),
    ("Data", 2, 3, "Kebutuhan Dana"),
    ("Data", 3, 1, "7.01"),
    ("Data", 3, 2, "Kec. Senduro\nbaris dua"),
    ("Data", 3, 3, 2080252824),
    ("Data", 4, 1, " CAMAT"),
    ("Data", 4, 2, 1.5),
    ("Data", 4, 3, 3),
    ("Data", 6, 4, "akhir"),
]
GABUNGAN_WORKBOOK = [("Data", 1, 1, 2, 1), ("Data", 1, 2, 1, 3)]


def _tulis_xlsx(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Sampul").write_string(0, 0, "RENJA 2024")
    ws = wb.add_worksheet("Data")
    ws.merge_range(0, 0, 1, 0, "Kode")
    ws.merge_range(0, 1, 0, 2, "Rencana")
    ws.write_string(1, 1, "Lokasi")
    ws.write_string(1, 2, "Kebutuhan Dana")
    ws.write_string(2, 0, "7.01", wb.add_format({"num_format": "@"}))
    ws.write_string(2, 1, "Kec. Senduro\nbaris dua")
    ws.write_number(2, 2, 2080252824, wb.add_format({"num_format": "#,##0"}))
    ws.write_string(3, 0, " CAMAT")  # spasi di depan tetap
    ws.write_number(3, 1, 1.5)
    ws.write_number(3, 2, 3.0)  # angka bulat → int
    ws.write_string(3, 3, "   ")  # hanya spasi → tidak ada
    ws.write_blank(4, 0, None, wb.add_format({"border": 1}))  # kosong berbingkai → tidak ada
    ws.write_string(5, 3, "akhir")
    wb.close()
    return path


def test_xlsx_sel_dan_gabungan(tmp_path):
    isi = baca_workbook(_tulis_xlsx(tmp_path / "renja.xlsx"))
    assert isi.sheets == ("Sampul", "Data")
    assert _cells(isi) == SEL_WORKBOOK
    assert _merges(isi) == GABUNGAN_WORKBOOK
    assert (isi.pengodean, isi.pemisah) == (None, None)


def test_xls_dari_libreoffice_sel_dan_gabungan(tmp_path):
    _perlu_soffice()
    xls = konversi_xls(_tulis_xlsx(tmp_path / "renja.xlsx"), tmp_path / "renja.xls")
    isi = baca_workbook(xls)
    assert isi.sheets == ("Sampul", "Data")
    assert _cells(isi) == SEL_WORKBOOK
    assert _merges(isi) == GABUNGAN_WORKBOOK  # calamine membaca gabungan .xls (rekaman MERGEDCELLS)


# --- csv ----------------------------------------------------------------------------------------------------------


def _csv(tmp_path: Path, nama: str, data: bytes):
    path = tmp_path / nama
    path.write_bytes(data)
    return baca_workbook(path)


def test_csv_excel_indonesia_titik_koma_bom_crlf(tmp_path):
    teks = ("Kode;Uraian;Kebutuhan Dana\r\n"
            "7.01;Perencanaan, Penganggaran, dan Evaluasi;2.080.252.824\r\n"
            ';"Baris satu\r\nbaris dua";"1;5"\r\n'
            ";;\r\n"
            ";   ; CAMAT\r\n")
    isi = _csv(tmp_path, "TC33 Senduro.csv", teks.encode("utf-8-sig"))
    assert (isi.pengodean, isi.pemisah, isi.sheets) == ("utf-8-sig", ";", ("TC33 Senduro",))
    assert _cells(isi) == [
        ("TC33 Senduro", 1, 1, "Kode"),
        ("TC33 Senduro", 1, 2, "Uraian"),
        ("TC33 Senduro", 1, 3, "Kebutuhan Dana"),
        ("TC33 Senduro", 2, 1, "7.01"),
        ("TC33 Senduro", 2, 2, "Perencanaan, Penganggaran, dan Evaluasi"),
        ("TC33 Senduro", 2, 3, "2.080.252.824"),
        ("TC33 Senduro", 3, 2, "Baris satu\nbaris dua"),
        ("TC33 Senduro", 3, 3, "1;5"),
        ("TC33 Senduro", 5, 3, " CAMAT"),
    ]
    assert _merges(isi) == []


def test_csv_polos_koma_lf_baris_baru_dalam_sel(tmp_path):
    teks = 'Kode,Uraian,Dana\n7.01,"Program, kegiatan\nlanjut",2080252824\n,,\n7.01.01,"kata ""kutip""",-\n'
    isi = _csv(tmp_path, "polos.CSV", teks.encode("utf-8"))
    assert (isi.pengodean, isi.pemisah, isi.sheets) == ("utf-8", ",", ("polos",))
    assert _cells(isi) == [
        ("polos", 1, 1, "Kode"),
        ("polos", 1, 2, "Uraian"),
        ("polos", 1, 3, "Dana"),
        ("polos", 2, 1, "7.01"),
        ("polos", 2, 2, "Program, kegiatan\nlanjut"),
        ("polos", 2, 3, "2080252824"),
        ("polos", 4, 1, "7.01.01"),
        ("polos", 4, 2, 'kata "kutip"'),
        ("polos", 4, 3, "-"),
    ]


def test_csv_cp1252_dicatat(tmp_path):
    isi = _csv(tmp_path, "lama.csv", "Kode;Uraian\r\n7.01;Kegiatan café\r\n".encode("cp1252"))
    assert (isi.pengodean, isi.pemisah) == ("cp1252", ";")
    assert _cells(isi) == [("lama", 1, 1, "Kode"), ("lama", 1, 2, "Uraian"), ("lama", 2, 1, "7.01"),
                           ("lama", 2, 2, "Kegiatan café")]


def test_csv_utf8_tanpa_bom_bukan_cp1252(tmp_path):
    isi = _csv(tmp_path, "baru.csv", "Kode;Uraian\n7.01;Kegiatan café\n".encode("utf-8"))
    assert isi.pengodean == "utf-8"
    assert _cells(isi)[-1] == ("baru", 2, 2, "Kegiatan café")


def test_csv_tab(tmp_path):
    isi = _csv(tmp_path, "tab.csv", b"Kode\tUraian, singkat\n7.01\tKegiatan; satu\n")
    assert isi.pemisah == "\t"
    assert _cells(isi) == [("tab", 1, 1, "Kode"), ("tab", 1, 2, "Uraian, singkat"), ("tab", 2, 1, "7.01"),
                           ("tab", 2, 2, "Kegiatan; satu")]


def test_csv_seri_memilih_titik_koma(tmp_path):
    isi = _csv(tmp_path, "seri.csv", b"a;b,c\n1;2,3\n")
    assert isi.pemisah == ";"
    assert _cells(isi) == [("seri", 1, 1, "a"), ("seri", 1, 2, "b,c"), ("seri", 2, 1, "1"), ("seri", 2, 2, "2,3")]


def test_csv_satu_kolom(tmp_path):
    isi = _csv(tmp_path, "satu.csv", b"NIHIL\n\nSenduro\n")
    assert isi.pemisah == ";"
    assert _cells(isi) == [("satu", 1, 1, "NIHIL"), ("satu", 3, 1, "Senduro")]


def test_csv_kosong(tmp_path):
    isi = _csv(tmp_path, "kosong.csv", b"")
    assert isi.sheets == ("kosong",) and isi.cells.empty and list(isi.cells.columns) == ["sheet", "baris", "kolom",
                                                                                         "nilai"]


def test_csv_bukan_teks_ditolak(tmp_path):
    path = _tulis_xlsx(tmp_path / "renja.xlsx").rename(tmp_path / "Renja Senduro.csv")
    with pytest.raises(BerkasTidakTerbaca, match=r"Berkas 'Renja Senduro\.csv' bukan teks CSV"):
        baca_workbook(path)


def test_csv_biner_tanpa_nul_ditolak(tmp_path):
    path = tmp_path / "acak.csv"
    path.write_bytes(bytes(range(1, 32)) * 10)
    with pytest.raises(BerkasTidakTerbaca, match="acak.csv"):
        baca_workbook(path)


def test_csv_termasuk_ekstensi_didukung():
    assert EKSTENSI_DIDUKUNG == (".xlsx", ".xlsm", ".xls", ".csv")


# --- number formats (xlsx) ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("nilai", "format_angka", "teks"), [
    # the writer's TARGET formats (flows.langkah.tulis.tabel.format_target)
    (12, '0" Laporan"', "12 Laporan"),
    (66.67, '0.##"%"', "66.67%"),
    (5, '0.##"%"', "5%"),  # 0.## without trailing zeros, no '5.'
    (60.5, '0.#" (B-)"', "60.5 (B-)"),
    (12, '0" Orang/12 Bulan"', "12 Orang/12 Bulan"),
    (3, '0" "\\""A"\\"""', '3 "A"'),  # a '"' inside the literal, written '"\\""' by the writer
    (0, '0" Laporan"', "0 Laporan"),
    (12.5, '0" Laporan"', "13 Laporan"),  # shown as the format rounds (half up)
    (1.25, '0.0" Laporan"', "1.3 Laporan"),
    (2.5, '0.00" Laporan"', "2.50 Laporan"),  # '0' decimals are kept
    (1.234, '0.###" Laporan"', "1.2340 Laporan"),  # not '1.234': transforms.angka would read 1234
    (0.125, '0.###" Laporan"', "0.125 Laporan"),
    (1234, '#,##0" Orang"', "1234 Orang"),  # no thousands separator
    (-5, '0" Orang"', "-5 Orang"),
    (-0.2, '0" Orang"', "0 Orang"),  # no '-0'
    (-5, '0" Orang";(0" Orang")', "(5 Orang)"),  # the negative section shows its own sign
    (0, '0" Orang";-0" Orang";"nihil"', None),  # a zero section without digits: the number stays
    (12, '0\\ \\O\\r\\a\\n\\g', "12 Orang"),  # Excel's escaped form
    (12, '0 "Orang"', "12 Orang"),
    (66.67, '0.00\\%', "66.67%"),  # an escaped '%' is a literal: no × 100
    (5, '[Red]0" Orang"', "5 Orang"),
    (5, '[$-421]0" Orang"', "5 Orang"),
    # real percent formats: value × 100 with the decimals it needs
    (0.6667, "0%", "66.67%"),
    (0.6667, "0.00%", "66.67%"),
    (1, "0%", "100%"),
    (0.07, "0%", "7%"),  # 7, not 7.000000000000001
    (0.5, "0.00%", "50.00%"),
    (2 / 3, "0%", "66.6667%"),
    # numbers that stay numbers
    (2080252824, "#,##0", None),
    (3, "0.00", None),
    (5, "General", None),
    (5, '"Rp"#,##0', None),
    (5, '_("Rp"* #,##0_);_("Rp"* \\(#,##0\\);_("Rp"* "-"_);_(@_)', None),
    (5, "[$Rp-421]#,##0", None),
    (1, '0"."', None),
    (0, '#,##0;-#,##0;"-"', None),
    (45000, 'dd" de "mmmm', None),
    (0.5, "# ?/?", None),
    (12345, "0.00E+00", None),
    (5, '[>100]0" Orang"', None),
    (5, '000"-"000', None),
    (5, "@", None),
    (True, "0%", None),
    (float("nan"), "0%", None),
    (1e300, "0%", None),
])
def test_teks_tampilan(nilai, format_angka, teks):
    assert teks_tampilan(nilai, format_angka) == teks


def _tulis_xlsx_format(path: Path) -> Path:
    """Numbers with formats as the pipeline's writer and real sheets give them, from C3 on (rows 1-2 empty)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Target")
    f = lambda num_format: wb.add_format({"num_format": num_format})  # noqa: E731
    ws.write_string(2, 2, "Target")
    ws.write_number(2, 3, 12, f('0" Laporan"'))
    ws.write_number(2, 4, 66.67, f('0.##"%"'))
    ws.write_number(2, 5, 60.5, f('0.#" (B-)"'))
    ws.write_number(2, 6, 0.6667, f("0%"))
    ws.write_formula(3, 3, "=D3*2", f('0" Laporan"'), 24)  # a computed target: the stored value is read
    ws.write_number(3, 4, 2080252824, f("#,##0"))
    ws.write_number(3, 5, 1.5)
    ws.write_datetime(3, 6, datetime(2024, 6, 1), f("dd/mm/yyyy"))
    ws.write_number(3, 7, 5, f('"Rp"#,##0'))
    wb.add_worksheet("Lain").write_number(0, 0, 1, f("0.00%"))
    wb.close()
    return path


def test_xlsx_angka_berformat_satuan_dibaca_sebagai_teks_tampilan(tmp_path):
    isi = baca_workbook(_tulis_xlsx_format(tmp_path / "target.xlsx"))
    assert _cells(isi) == [
        ("Target", 3, 3, "Target"),
        ("Target", 3, 4, "12 Laporan"),
        ("Target", 3, 5, "66.67%"),
        ("Target", 3, 6, "60.5 (B-)"),
        ("Target", 3, 7, "66.67%"),
        ("Target", 4, 4, "24 Laporan"),
        ("Target", 4, 5, 2080252824),
        ("Target", 4, 6, 1.5),
        ("Target", 4, 7, "2024-06-01"),
        ("Target", 4, 8, 5),
        ("Lain", 1, 1, "100.00%"),
    ]


def test_xlsx_persen_bawaan_tanpa_format_kustom(tmp_path):
    path = tmp_path / "persen.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Data").write_number(1, 1, 0.5, wb.add_format({"num_format": 9}))  # built-in '0%'
    wb.close()
    assert _cells(baca_workbook(path)) == [("Data", 2, 2, "50%")]


def test_xlsx_tanpa_format_satuan_tidak_membuka_openpyxl(tmp_path, monkeypatch):
    import openpyxl

    def dilarang(*args, **kwargs):
        raise AssertionError("openpyxl dibuka padahal styles.xml tidak memakai format bersatuan")

    monkeypatch.setattr(openpyxl, "load_workbook", dilarang)
    isi = baca_workbook(_tulis_xlsx(tmp_path / "renja.xlsx"))  # '@' and '#,##0' only
    assert _cells(isi) == SEL_WORKBOOK


def test_xlsx_openpyxl_gagal_angka_tetap(tmp_path, monkeypatch):
    import openpyxl

    def gagal(*args, **kwargs):
        raise ValueError("rusak")

    monkeypatch.setattr(openpyxl, "load_workbook", gagal)
    isi = baca_workbook(_tulis_xlsx_format(tmp_path / "target.xlsx"))
    assert _cells(isi)[1:3] == [("Target", 3, 4, 12), ("Target", 3, 5, 66.67)]
