"""flows/langkah/penjaga.py: hostile or broken files refused before any parser opens them; the hostile files are built
here (zipfile, xlsxwriter), never opened with calamine unless the guard must have refused them first."""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from flows.langkah import penjaga
from flows.langkah.pembaca import BerkasTidakTerbaca, baca_workbook
from flows.langkah.penjaga import periksa_berkas, punya_makro
from tests.conftest import SAMPEL, SAMPEL_SEMUA

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DEKLARASI = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
BAGIAN_DASAR = {
    "[Content_Types].xml": DEKLARASI + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": DEKLARASI + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": DEKLARASI + (
        f'<workbook {NS} {NS_R}><sheets><sheet name="Renja" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": DEKLARASI + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def _sheet(ref: str | None = "A1:B2", sel: str = '<c r="A1" t="inlineStr"><is><t>T-C.33</t></is></c>') -> str:
    dimensi = f'<dimension ref="{ref}"/>' if ref else ""
    return DEKLARASI + f'<worksheet {NS}>{dimensi}<sheetData><row r="1">{sel}</row></sheetData></worksheet>'


def _xlsx(path: Path, **ganti: str | bytes | None) -> Path:
    """A minimal workbook written part by part; ``ganti`` replaces/adds parts (key: path with '/' → '__',
    '.' → '_'), None drops one."""
    bagian = {**BAGIAN_DASAR, "xl/worksheets/sheet1.xml": _sheet()}
    for kunci, isi in ganti.items():
        bagian[kunci.replace("__", "/").replace("_xml", ".xml").replace("_bin", ".bin")] = isi
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, isi in bagian.items():
            if isi is not None:
                z.writestr(nama, isi)
    return path


def _ditolak(path: Path, kata: str) -> str:
    """The guard's message for ``path``; asserts it holds the reason keyword and the file name."""
    with pytest.raises(BerkasTidakTerbaca) as e:
        periksa_berkas(path)
    pesan = str(e.value)
    assert kata in pesan
    assert pesan.startswith(f"Berkas '{path.name}' ")
    return pesan


# --- good files pass ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SAMPEL_SEMUA, SAMPEL], ids=["sampel-semua", "sampel-tc33"])
def test_sampel_lolos_dan_cepat(path):
    periksa_berkas(path)
    mulai = time.process_time()  # CPU time: other processes on a loaded machine do not inflate it
    for _ in range(20):
        periksa_berkas(path)
    rata = (time.process_time() - mulai) / 20
    assert rata < 0.05, f"{rata * 1000:.1f} ms"  # measured ~0.6 ms for the shipped sample
    assert punya_makro(path) is False


def test_workbook_buatan_tangan_lolos_dan_terbaca(tmp_path):
    path = _xlsx(tmp_path / "tangan.xlsx")
    periksa_berkas(path)
    assert baca_workbook(path).cells.values.tolist() == [["Renja", 1, 1, "T-C.33"]]


@pytest.mark.parametrize("isi", [b"", b"Kode;Program\n1.01;Senduro\n", "Kode;Uraian\n7.01;Kecamatan \u00e9\n"
                                 .encode("cp1252")])
def test_csv_biasa_lolos(tmp_path, isi):
    path = tmp_path / "Renja Senduro.csv"
    path.write_bytes(isi)
    periksa_berkas(path)


# --- not a spreadsheet ------------------------------------------------------------------------------------------


def test_teks_berakhiran_xlsx_ditolak(tmp_path):
    path = tmp_path / "laporan.xlsx"
    path.write_text("ini bukan workbook\n")
    assert _ditolak(path, "bukan lembar kerja") == "Berkas 'laporan.xlsx' bukan lembar kerja Excel (.xlsx): isinya teks biasa."
    with pytest.raises(BerkasTidakTerbaca, match=r"^Berkas 'laporan\.xlsx' bukan lembar kerja Excel"):
        baca_workbook(path)  # the guard speaks, not calamine


def test_png_berakhiran_xls_ditolak(tmp_path):
    path = tmp_path / "foto kegiatan.xls"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert _ditolak(path, "bukan lembar kerja").endswith("isinya gambar PNG.")


def test_xlsx_berakhiran_xls_ditolak(tmp_path):
    path = _xlsx(tmp_path / "renja.xlsx").rename(tmp_path / "renja.xls")
    assert "arsip zip (mungkin workbook .xlsx)" in _ditolak(path, "bukan lembar kerja Excel 97-2003 (.xls)")


def test_akhiran_lain_ditolak(tmp_path):
    path = tmp_path / "renja.ods"
    path.write_bytes(b"PK\x03\x04")
    assert "'.ods'" in _ditolak(path, "bukan lembar kerja yang didukung")


def test_zip_tanpa_workbook_ditolak(tmp_path):
    path = _xlsx(tmp_path / "surat.xlsx", xl__workbook_xml=None)
    assert "xl/workbook.xml" in _ditolak(path, "bukan lembar kerja Excel")


def test_folder_ditolak(tmp_path):
    path = tmp_path / "folder.xlsx"
    path.mkdir()
    _ditolak(path, "bukan berkas biasa")


def test_berkas_tidak_ada(tmp_path):
    _ditolak(tmp_path / "hilang.xlsx", "tidak dapat dibuka")


def test_terlalu_besar(tmp_path, monkeypatch):
    monkeypatch.setattr(penjaga, "UKURAN_MAKS", 1000)
    path = tmp_path / "besar.csv"
    path.write_bytes(b"a;b\n" * 300)
    assert _ditolak(path, "terlalu besar").endswith("(batas 0.0 MB).")


def test_batas_bawaan():
    assert (penjaga.UKURAN_MAKS, penjaga.TERURAI_MAKS, penjaga.ANGGOTA_MAKS) == (50 * 2**20, 200 * 2**20, 1000)
    assert (penjaga.RASIO_MAKS, penjaga.RASIO_DARI, penjaga.INTIP_XML) == (100, 2**20, 16 * 1024)
    assert (penjaga.BARIS_MAKS, penjaga.SEL_MAKS, penjaga.CONTOH_CSV) == (200_000, 5_000_000, 64 * 1024)


# --- broken ---------------------------------------------------------------------------------------------------------


def test_xlsx_terpotong_ditolak(tmp_path):
    data = SAMPEL_SEMUA.read_bytes()
    path = tmp_path / "Renja terpotong.xlsx"
    path.write_bytes(data[: len(data) // 2])
    _ditolak(path, "rusak atau terpotong")
    hasil = baca_berkas_gagal(path)
    assert hasil[0] == "berkas-tidak-terbaca" and "rusak atau terpotong" in hasil[1]


def baca_berkas_gagal(path: Path):
    from flows.langkah.baca import baca_berkas

    return baca_berkas(path).gagal


def test_csv_dengan_nul_ditolak(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"Kode;Program\n1.01;Sen\x00duro\n")
    assert _ditolak(path, "bukan teks CSV").endswith("ada bita NUL pada 64 KB pertama.")


def test_xlsx_berakhiran_csv_ditolak(tmp_path):
    path = _xlsx(tmp_path / "renja.xlsx").rename(tmp_path / "renja.csv")
    assert _ditolak(path, "bukan teks CSV").endswith("mungkin workbook Excel yang diberi akhiran .csv.")


# --- encrypted ----------------------------------------------------------------------------------------------------


def _ole(*nama_aliran: str) -> bytes:
    """An OLE header, padding and directory entry names (UTF-16LE, 128 bytes each) — enough for the guard."""
    entri = b"".join(n.encode("utf-16-le").ljust(128, b"\x00") for n in ("Root Entry", *nama_aliran))
    return penjaga.MAGIC_OLE + b"\x00" * 504 + entri + b"\x00" * 4096


def test_xlsx_terenkripsi_ditolak(tmp_path):
    path = tmp_path / "Renja rahasia.xlsx"
    path.write_bytes(_ole("EncryptionInfo", "EncryptedPackage"))
    assert "(workbook terenkripsi): tidak dibuka" in _ditolak(path, "dilindungi kata sandi")
    with pytest.raises(BerkasTidakTerbaca, match="dilindungi kata sandi"):
        baca_workbook(path)


def test_ole_berakhiran_xlsm_ditolak(tmp_path):
    path = tmp_path / "lama.xlsm"
    path.write_bytes(_ole("Workbook"))
    assert "Excel 97-2003 (.xls) dengan akhiran '.xlsm'" in _ditolak(path, "dilindungi kata sandi")


def test_zip_berkata_sandi_ditolak(tmp_path):
    path = _xlsx(tmp_path / "sandi.xlsx")
    data = bytearray(path.read_bytes())
    for m in re.finditer(b"PK\x01\x02|PK\x03\x04", bytes(data)):  # set the 'encrypted' flag everywhere
        o = m.start() + (8 if data[m.start() + 2] == 1 else 6)
        data[o] |= 1
    path.write_bytes(bytes(data))
    assert "(arsip zip terenkripsi)" in _ditolak(path, "dilindungi kata sandi")


# --- zip bombs ----------------------------------------------------------------------------------------------------


def test_bom_zip_300_mb_ditolak(tmp_path):
    path = _xlsx(tmp_path / "bom.xlsx")
    nol = bytes(2**20)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("xl/media/nol.bin", "w", force_zip64=True) as f:
            for _ in range(300):  # streamed: 300 MB of zeros, ~1 MB on disk
                f.write(nol)
    assert path.stat().st_size < 2 * 2**20
    pesan = _ditolak(path, "bom zip")
    assert "isi terurai 300.0 MB (batas 200.0 MB)" in pesan
    with pytest.raises(BerkasTidakTerbaca, match="bom zip"):
        baca_workbook(path)


def test_rasio_kompresi_ditolak(tmp_path):
    nol = bytes(20 * 2**20)  # 20 MB of zeros: under the total, far over the ratio
    path = _xlsx(tmp_path / "rasio.xlsx", xl__worksheets__sheet1_xml=_sheet().encode() + nol)
    assert "bagian 'xl/worksheets/sheet1.xml' terurai" in _ditolak(path, "bom zip")


def test_rasio_di_bawah_1_mb_lolos(tmp_path):
    path = _xlsx(tmp_path / "kecil.xlsx", xl__media__nol_bin=bytes(2**20))  # 1 MB exactly: ratio not checked
    periksa_berkas(path)


def test_terlalu_banyak_bagian_ditolak(tmp_path):
    path = _xlsx(tmp_path / "banyak.xlsx")
    with zipfile.ZipFile(path, "a") as z:
        for i in range(penjaga.ANGGOTA_MAKS):
            z.writestr(f"xl/media/{i}.bin", b"")
    assert "1,005 bagian dalam arsip (batas 1,000)" in _ditolak(path, "bom zip")


def test_nama_bagian_ganda_ditolak(tmp_path):
    path = _xlsx(tmp_path / "ganda.xlsx")
    with zipfile.ZipFile(path, "a") as z:  # same part, other case: one part for OPC, two for zipfile
        z.writestr("XL/workbook.xml", BAGIAN_DASAR["xl/workbook.xml"])
    _ditolak(path, "nama bagian ganda")


# --- XML entities -------------------------------------------------------------------------------------------------

BILLION_LAUGHS = DEKLARASI + (
    '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f'<sst {NS} count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>')
XXE = DEKLARASI + ('<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                   f'<sst {NS} count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>')


@pytest.mark.parametrize("isi", [BILLION_LAUGHS, XXE, BILLION_LAUGHS.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
                                 .encode("utf-16")], ids=["billion-laughs", "xxe", "utf-16"])
def test_entitas_xml_ditolak(tmp_path, isi):
    path = _xlsx(tmp_path / "entitas.xlsx", xl__sharedStrings_xml=isi)
    assert "di bagian 'xl/sharedStrings.xml'" in _ditolak(path, "entitas XML")
    with pytest.raises(BerkasTidakTerbaca, match="entitas XML"):
        baca_workbook(path)


def test_entitas_xml_di_sheet_dan_bagian_lain_ditolak(tmp_path):
    sheet = _sheet().replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet', 1)
    _ditolak(_xlsx(tmp_path / "sheet.xlsx", xl__worksheets__sheet1_xml=sheet), "entitas XML")
    gaya = DEKLARASI + f'<!DOCTYPE x SYSTEM "http://contoh.invalid/x.dtd"><styleSheet {NS}/>'
    assert "'xl/styles.xml'" in _ditolak(_xlsx(tmp_path / "gaya.xlsx", xl__styles_xml=gaya), "entitas XML")


def test_doctype_di_balik_komentar_panjang_ditolak(tmp_path):
    isi = DEKLARASI + "<!--" + " " * (penjaga.INTIP_XML) + "-->" + BILLION_LAUGHS[len(DEKLARASI):]
    path = _xlsx(tmp_path / "komentar.xlsx", xl__sharedStrings_xml=isi)
    assert "pembuka XML terlalu panjang" in _ditolak(path, "tidak dapat diperiksa")


def test_komentar_dan_instruksi_di_prolog_lolos(tmp_path):
    isi = DEKLARASI + f'<!-- dibuat tangan --><?mso-application progid="Excel.Sheet"?>\n<sst {NS} count="0"/>'
    periksa_berkas(_xlsx(tmp_path / "prolog.xlsx", xl__sharedStrings_xml=isi))


# --- absurd sheet size ----------------------------------------------------------------------------------------------


def test_sheet_a1_sampai_xfd1048576_ditolak(tmp_path):
    """The 2 KB workbook that aborts python-calamine: refused by the guard (never opened here)."""
    sel = '<c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c>'
    path = _xlsx(tmp_path / "raksasa.xlsx", xl__worksheets__sheet1_xml=_sheet("A1:XFD1048576", sel))
    assert path.stat().st_size < 2048
    pesan = _ditolak(path, "ukuran tidak wajar")
    assert "'xl/worksheets/sheet1.xml' menyatakan rentang A1:XFD1048576 (1,048,576 baris × 16,384 kolom" in pesan


@pytest.mark.parametrize("ref, lolos", [("A1:A200001", False), ("Z200000", False), ("A1:Z200000", False),
                                        ("A1:Y200000", True), ("B2:XFD300", True), ("a1:k77", True)])
def test_batas_dimensi(tmp_path, ref, lolos):
    path = _xlsx(tmp_path / "dimensi.xlsx", xl__worksheets__sheet1_xml=_sheet(ref))
    if lolos:
        periksa_berkas(path)
    else:
        _ditolak(path, "ukuran tidak wajar")


def test_sheet_di_lokasi_lain_tetap_diperiksa(tmp_path):
    """A sheet is known by its root element, not by its part name."""
    path = _xlsx(tmp_path / "pindah.xlsx", xl__lain__data_xml=_sheet("A1:XFD1048576").replace("UTF-8", "utf-8"))
    assert "'xl/lain/data.xml'" in _ditolak(path, "ukuran tidak wajar")


def test_sheet_tanpa_dimensi_tidak_ditebak(tmp_path):
    periksa_berkas(_xlsx(tmp_path / "tanpa.xlsx", xl__worksheets__sheet1_xml=_sheet(None)))


# --- macros ---------------------------------------------------------------------------------------------------------


def test_workbook_makro_diterima(tmp_path):
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(_ole("_VBA_PROJECT_CUR", "VBA"))
    path = tmp_path / "Renja makro.xlsm"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet("Renja").write_string(0, 0, "T-C.33")
    wb.add_vba_project(str(vba))
    wb.close()
    assert "xl/vbaProject.bin" in zipfile.ZipFile(path).namelist()
    periksa_berkas(path)
    assert punya_makro(path) is True
    assert baca_workbook(path).cells.values.tolist() == [["Renja", 1, 1, "T-C.33"]]


def test_punya_makro_xls_dan_berkas_rusak(tmp_path):
    xls = tmp_path / "makro.xls"
    xls.write_bytes(_ole("Workbook", "_VBA_PROJECT_CUR"))
    polos = tmp_path / "polos.xls"
    polos.write_bytes(_ole("Workbook"))
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 terpotong")
    assert [punya_makro(p) for p in (xls, polos, rusak, tmp_path / "tidak-ada.xlsx")] == [True, False, False, False]
