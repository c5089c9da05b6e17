"""What an input file carries is never executed nor spread: texts that begin with '=', '+', '-' or '@' are written
as text in every .xlsx output (all five workbooks; Tabel 4.1 has none) and kept verbatim in the tidy CSV (README
policy); a macro-enabled workbook is read, reported, and its macro is in no output.  The input workbooks are
the shipped sample changed here (openpyxl for the cells, zipfile for the macro part)."""
from __future__ import annotations

import csv
import json
import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from flows.langkah.pembaca import baca_workbook
from flows.langkah.baca import baca_berkas
from flows.langkah.bagian import olah_workbook
from flows.langkah.penjaga import punya_makro
from flows.registri import LAYOUTS
from tests.conftest import SAMPEL, SAMPEL_SEMUA
from transforms.tabel import cari_tabel

WAKTU = datetime(2026, 11, 28, 1, 0)
# Classic payloads: a link formula, a phone number Excel would compute, two DDE command lines.
MUATAN = ('=HYPERLINK("http://contoh.invalid/x","klik")', "+62 812 0000 0001", "-2+3+cmd|' /C calc'!A0",
          "@SUM(1+1)*cmd|' /C notepad'!A0")
BAHAYA = re.compile(r"HYPERLINK|cmd\||SUM\(1\+1\)")  # no formula of an output may contain these
# layout → (output workbook, source field that receives the payloads, tidy CSV and its column)
SUNTIK = {
    "TC-29": ("TC-29.xlsx", "indikator", "TC-29.csv", "indikator"),
    "TC-30": ("TC-30.xlsx", "indikator", "TC-30.csv", "indikator"),
    "TC-31": ("TC-31.xlsx", "indikator_rkpd", "TC-31.csv", "indikator_rkpd"),
    "TC-33": ("TC-33.xlsx", "indikator", "TC-33.csv", "indikator"),
    "TabelIV-1": (None, "indikator", "TabelIV-1.csv", "indikator"),
}
TC32_BARIS = [(1, MUATAN[i], "Kegiatan uji", "Senduro", MUATAN[-1 - i], "12 Desa") for i in range(4)]
STRING_KELUARAN = ("TC-29.xlsx", "TC-30.xlsx", "TC-31.xlsx", "TC-32.xlsx", "TC-33.xlsx")


def _suntik(tujuan: Path) -> dict[str, list[str]]:
    """The sample with the payloads typed into text cells of every table (T-C.32, NIHIL in the sample, gets four
    proposals); returns layout → the payloads given to it."""
    isi = baca_workbook(SAMPEL_SEMUA)
    wb = load_workbook(SAMPEL_SEMUA)
    diberi: dict[str, list[str]] = {}
    for t in cari_tabel(isi.cells, isi.merges, LAYOUTS):
        if t.layout not in SUNTIK:
            continue
        field = SUNTIK[t.layout][1]
        data = t.baris[(t.baris["jenis"] == "data") & t.baris[field].map(lambda v: isinstance(v, str) and v.strip())]
        ws = wb[t.sheet]
        for muatan, baris in zip(MUATAN, data["baris"]):
            ws.cell(int(baris), t.peta_kolom[field]).value = muatan
            ws.cell(int(baris), t.peta_kolom[field]).data_type = "s"  # typed text, as a person would (no formula)
        diberi[t.layout] = list(MUATAN[:len(data)])
    ws = wb["T-C.32"]
    for i, nilai in enumerate(TC32_BARIS):
        for j, v in enumerate(nilai, start=1):
            ws.cell(9 + i, j).value = v
            ws.cell(9 + i, j).data_type = "n" if isinstance(v, int) else "s"
    diberi["TC-32"] = list(MUATAN)
    wb.save(tujuan)
    return diberi


@pytest.fixture(scope="module")
def keluaran_suntik(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injeksi")
    path = folder / "Renja-Senduro-2024.xlsx"
    diberi = _suntik(path)
    h = olah_workbook(path, folder / "output", waktu=WAKTU)
    assert h.status == "ok", h.pesan
    return Path(h.folder), diberi


def test_semua_tabel_menerima_muatan(keluaran_suntik):
    _, diberi = keluaran_suntik
    assert {k: len(v) for k, v in diberi.items()} == {"TC-29": 4, "TC-30": 3, "TC-31": 4, "TC-32": 4, "TC-33": 4,
                                                      "TabelIV-1": 4}


def test_muatan_tertulis_sebagai_teks_di_setiap_xlsx(keluaran_suntik):
    folder, diberi = keluaran_suntik
    assert sorted(p.name for p in folder.rglob("*.xlsx")) == sorted(STRING_KELUARAN)
    for nama in STRING_KELUARAN:
        path = folder / nama
        ws = load_workbook(path).active
        teks, rumus = {}, []
        for row in ws.iter_rows():
            for sel in row:
                if sel.data_type == "f":
                    rumus.append(str(sel.value))
                elif isinstance(sel.value, str) and sel.value in MUATAN:
                    teks[sel.value] = (sel.data_type, sel.quotePrefix)
        layout = "TC-32" if nama == "TC-32.xlsx" else next(k for k, v in SUNTIK.items() if v[0] == nama)
        assert teks == {m: ("s", True) for m in diberi[layout]}, nama  # every payload there, as quoted text
        assert not [r for r in rumus if BAHAYA.search(r)], nama
        with zipfile.ZipFile(path) as z:  # the XML itself: no formula element carries a payload
            for part in z.namelist():
                if part.startswith("xl/worksheets/"):
                    assert not [f for f in re.findall(r"<f[^>]*>(.*?)</f>", z.read(part).decode()) if BAHAYA.search(f)]


def test_csv_menyimpan_muatan_apa_adanya(keluaran_suntik):
    """README: the tidy CSV keep every value verbatim (no apostrophe or tab added), so they round-trip."""
    folder, diberi = keluaran_suntik
    kolom = {k: (v[2], v[3]) for k, v in SUNTIK.items()} | {"TC-32": ("TC-32.csv", "indikator")}
    for layout, (nama, field) in kolom.items():
        with open(folder / "data" / nama, encoding="utf-8", newline="") as f:
            nilai = {r[field] for r in csv.DictReader(f)}
        harap = set(diberi[layout]) if layout != "TC-32" else {b[4] for b in TC32_BARIS}
        assert nilai >= harap, nama
    with open(folder / "data" / "TC-32.csv", encoding="utf-8", newline="") as f:
        assert [r["program"] for r in csv.DictReader(f)] == [b[1] for b in TC32_BARIS]


# --- macro-enabled workbooks --------------------------------------------------------------------------------------

MAKRO = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Module1\"\r\nSub AutoOpen()\r\n"
         b"Shell \"cmd /c calc\"\r\nEnd Sub\r\n" + os.urandom(4096))
TIPE_MAKRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def _xlsm(tujuan: Path, sumber: Path = SAMPEL_SEMUA) -> Path:
    """``sumber`` as a macro-enabled workbook: an xl/vbaProject.bin part, its relationship and content types."""
    with zipfile.ZipFile(sumber) as z_in, zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED) as z:
        for info in z_in.infolist():
            data = z_in.read(info)
            if info.filename == "[Content_Types].xml":
                teks = data.decode()
                teks = teks.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    TIPE_MAKRO)
                data = teks.replace("<Default ", '<Default Extension="bin" '
                                    'ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1).encode()
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.decode().replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.'
                                             'microsoft.com/office/2006/relationships/vbaProject" '
                                             'Target="vbaProject.bin"/></Relationships>').encode()
            z.writestr(info.filename, data)
        z.writestr("xl/vbaProject.bin", MAKRO)
    return tujuan


@pytest.fixture(scope="module")
def keluaran_makro(tmp_path_factory):
    folder = tmp_path_factory.mktemp("makro")
    path = _xlsm(folder / "Renja-Senduro-2024.xlsm")
    h = olah_workbook(path, folder / "output", waktu=WAKTU)
    return path, h, folder / "output"


def test_xlsm_buatan_benar_bermakro(keluaran_makro):
    path, _, _ = keluaran_makro
    with zipfile.ZipFile(path) as z:
        assert z.read("xl/vbaProject.bin") == MAKRO and TIPE_MAKRO in z.read("[Content_Types].xml").decode()
    assert punya_makro(path) is True and punya_makro(SAMPEL_SEMUA) is False


def test_xlsm_diproses_dan_makro_dilaporkan(keluaran_makro):
    _, h, output = keluaran_makro
    assert (h.status, h.berkas) == ("ok", "Renja-Senduro-2024.xlsm")
    v = json.loads((Path(h.folder) / "validasi.json").read_text(encoding="utf-8"))
    pesan = ("Berkas Renja-Senduro-2024.xlsm berisi makro (VBA atau lembar makro Excel 4); makro tidak dijalankan dan "
             "tidak disalin ke keluaran mana pun.")
    assert [t for t in v["temuan"] if t["aturan"] == "berkas-bermakro"] == [
        {"berkas": "Renja-Senduro-2024.xlsm", "sheet": None, "sel": None, "kode": None, "aturan": "berkas-bermakro",
         "tingkat": "info", "nilai": None, "pesan": pesan}]
    assert pesan in (Path(h.folder) / "laporan.html").read_text(encoding="utf-8")
    assert baca_berkas(SAMPEL).temuan is None  # a workbook without macros gets no such finding


def test_makro_tidak_ada_di_keluaran_mana_pun(keluaran_makro):
    _, h, output = keluaran_makro
    berkas = [p for p in output.rglob("*") if p.is_file()]
    assert len(berkas) >= 10
    assert {p.suffix for p in berkas} <= {".xlsx", ".csv", ".json", ".html"}
    assert not [p for p in berkas if p.suffix.lower() in (".xlsm", ".xltm", ".xlam", ".bin")]
    for p in berkas:
        data = p.read_bytes()
        assert MAKRO[-4096:] not in data and b"AutoOpen" not in data, p
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                assert not [n for n in z.namelist() if "vbaproject" in n.lower() or n.lower().endswith(".bin")], p
                assert "macroEnabled" not in z.read("[Content_Types].xml").decode(), p
                for n in z.namelist():
                    isi = z.read(n)
                    assert MAKRO[-4096:] not in isi and b"AutoOpen" not in isi and b"vbaProject" not in isi, (p, n)
