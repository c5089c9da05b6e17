"""The officer's view: a table written by flows.langkah.tulis.tabel, recalculated and printed by LibreOffice (soffice).

Skipped when ``soffice`` (or poppler's ``pdftotext``/``pdfinfo``) is not on PATH, unless the environment variable CI
is set: CI must have them (Debian/Ubuntu: ``apt-get install --no-install-recommends libreoffice-calc-nogui
poppler-utils``).  Each run uses its own LibreOffice profile in a temporary folder, never the user's, set to
recalculate every formula when a workbook is loaded (LibreOffice's default for .xlsx is *never*: it would show the
stored values and prove nothing).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from flows.langkah.tulis.tabel import format_target, posisi, tulis_tabel
from schemas.keluaran import KODE, PERSEN, RUPIAH, TARGET, TEKS, Keluaran, OutputColumn

pytestmark = pytest.mark.libreoffice

TIMEOUT = 180  # seconds for one conversion (a new profile is made on the first)
PROGRAM = ("soffice", "pdftotext", "pdfinfo")
# Recalculate formulas on load, always (0), for .xlsx (OOXML) and .ods files.
PROFIL = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

# A wide table like T-C.29: two computed columns guarded so that a blank or text operand gives "" (as NA does in the
# pipeline), not 0; a RUPIAH column with a total.  Width ~240 characters: it fits A4 landscape only when scaled.
BAGI = '=IF(COUNT({kolom:7},{kolom:6})=2,IFERROR({kolom:7}/{kolom:6}*100,""),"")'
JUMLAH = '=IF(COUNT({kolom:5},{kolom:7},{kolom:9})=3,{kolom:5}+{kolom:7}+{kolom:9},"")'
GRUP_LALU = "Target dan Realisasi Tahun {n2}"
LEBAR = Keluaran(
    file="LEBAR.xlsx",
    sheet="Lebar",
    judul=("Tabel Uji Lebar", "Evaluasi Renja Tahun {n_1} Kecamatan {kecamatan}", "Kabupaten {kabupaten}"),
    kolom=(
        OutputColumn("1", "Kode", None, "kode", 16, KODE),
        OutputColumn("2", "Program dan Kegiatan", None, "nama", 40, TEKS),
        OutputColumn("3", "Indikator Kinerja", None, "indikator", 34, TEKS),
        OutputColumn("4", "Target Renstra", None, "renstra", 16, TARGET),
        OutputColumn("5", "Realisasi s/d {n3}", None, "realisasi_lalu", 16, TARGET),
        OutputColumn("6", "Target", GRUP_LALU, "target", 16, TARGET),
        OutputColumn("7", "Realisasi", GRUP_LALU, "realisasi", 16, TARGET),
        OutputColumn("8=(7/6)", "Tingkat Realisasi (%)", GRUP_LALU, "tingkat", 12, PERSEN, rumus=BAGI),
        OutputColumn("9", "Target Renja {n_1}", None, "target_renja", 16, TARGET),
        OutputColumn("10=(5+7+9)", "Realisasi Capaian", "Perkiraan s/d {n_1}", "capaian", 14, TARGET, rumus=JUMLAH),
        OutputColumn("11", "Pagu (Rp)", "Perkiraan s/d {n_1}", "pagu", 18, RUPIAH),
        OutputColumn("12", "Penanggung Jawab", None, "catatan", 16, TEKS),
    ),
    total_label="JUMLAH PAGU",
    total_fields=("pagu",),
)
META = {"tahun": 2024, "kabupaten": "Lumajang", "kecamatan": "Senduro",
        "tanda_tangan": {"tempat_tanggal": "Senduro, 2 Januari 2024", "jabatan": "CAMAT SENDURO",
                         "nama": "Budi Santoso, S.Sos", "nip": "19700101 199003 1 001"}}
# Targets (text, nilai, satuan) as the pipeline gives them: percentages, counts, an index, a compound unit, a target
# that is not a number, a zero (division by zero), a blank.
TARGET_CONTOH = [
    ("100%", 100.0, "Persen"), ("12 Laporan", 12.0, "Laporan"), ("60.5 (B-)", 60.5, "Indeks"),
    ("66,67%", 66.67, "Persen"), ("12 Orang/12 Bulan", 12.0, "Orang/Bulan"), ("N/A", None, None),
    ("0 Dokumen", 0.0, "Dokumen"), (None, None, None), ("1,25 Km", 1.25, "Km"), ('3 "Unit"', 3.0, '"Unit"'),
]
BARIS = 150  # rows: with the wrapped names, 3+ pages


@pytest.fixture(scope="session")
def program() -> dict[str, str]:
    """Paths of soffice, pdftotext and pdfinfo; skip (fail under CI) when one is missing."""
    paths = {name: shutil.which(name) for name in PROGRAM}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        reason = f"{', '.join(missing)} not on PATH (apt-get install libreoffice-calc-nogui poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the LibreOffice tests: {reason}")
        pytest.skip(reason)
    return paths


@pytest.fixture(scope="session")
def soffice(program, tmp_path_factory):
    """Convert a file with LibreOffice in its own profile: ``soffice(path, "xlsx" | "pdf") -> converted path``."""
    profil = tmp_path_factory.mktemp("lo-profil")
    (profil / "user").mkdir()
    (profil / "user" / "registrymodifications.xcu").write_text(PROFIL, encoding="utf-8")
    keluar = tmp_path_factory.mktemp("lo-keluar")

    def convert(path: Path, fmt: str) -> Path:
        folder = keluar / fmt
        command = [program["soffice"], f"-env:UserInstallation={profil.as_uri()}", "--headless", "--norestore",
                   "--convert-to", fmt, "--outdir", str(folder), str(path)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        target = folder / f"{path.stem}.{fmt}"
        assert done.returncode == 0 and target.is_file(), f"soffice failed: {done.stdout}\n{done.stderr}"
        return target

    return convert


def _angka(target: tuple) -> float | None:
    """The number the sheet shows for a target (None when it is written as text or blank)."""
    teks, nilai, satuan = target
    return nilai if format_target(nilai, satuan, teks) is not None else None


def _tidy() -> pd.DataFrame:
    """BARIS rows; the computed columns as the pipeline computes them (NA unless every operand is a number)."""
    rows = []
    for i in range(BARIS):
        target, realisasi = TARGET_CONTOH[i % 10], TARGET_CONTOH[(i * 3 + 1) % 10]
        lalu, renja = TARGET_CONTOH[(i + 1) % 10], TARGET_CONTOH[(i * 7 + 3) % 10]
        t, r, a, j = (_angka(x) for x in (target, realisasi, lalu, renja))
        rows.append({
            "kode": f"7.01.{i // 10 + 1:02d}.2.{i % 10 + 1:02d}",
            "nama": f"Kegiatan uji nomor {i + 1}" + (" dengan nama yang panjang sekali" * (i % 3)),
            "indikator": "=Jumlah dokumen" if i == 5 else f"Persentase capaian indikator {i + 1}",
            **_target("renstra", ("100%", 100.0, "Persen")), **_target("realisasi_lalu", lalu),
            **_target("target", target), **_target("realisasi", realisasi), **_target("target_renja", renja),
            "tingkat": r / t * 100 if None not in (t, r) and t != 0 else None,
            "capaian": a + r + j if None not in (a, r, j) else None,
            "pagu": None if i % 7 == 0 else 1_000_000 * (i + 1),
            "catatan": "Sekretaris" if i % 2 else "Kasi Pemerintahan",
        })
    frame = pd.DataFrame(rows)
    floats = ["tingkat", "capaian", *(c for c in frame if c.endswith("_nilai"))]
    return frame.astype({**dict.fromkeys(floats, "Float64"), "pagu": "Int64"})


def _target(field: str, target: tuple) -> dict:
    teks, nilai, satuan = target
    return {field: teks, f"{field}_nilai": nilai, f"{field}_satuan": satuan}


@pytest.fixture(scope="module")
def lebar(tmp_path_factory) -> Path:
    return tulis_tabel(_tidy(), LEBAR, META, tmp_path_factory.mktemp("lebar"))


def _sama(stored, recalculated) -> bool:
    """Equal results: numbers to 12 significant digits (LibreOffice writes 15), an empty text and no value alike."""
    stored, recalculated = (None if v == "" else v for v in (stored, recalculated))
    if isinstance(stored, (int, float)) and isinstance(recalculated, (int, float)):
        return stored == pytest.approx(recalculated, rel=1e-12)
    return stored == recalculated


def test_libreoffice_recalculates_with_this_profile(soffice, tmp_path):
    """The check below means something only if LibreOffice recalculates: a wrong stored value must be replaced."""
    import xlsxwriter

    path = tmp_path / "salah.xlsx"
    with xlsxwriter.Workbook(str(path)) as workbook:
        workbook.add_worksheet().write_formula("A1", "=1+1", None, 0)
    assert load_workbook(path, data_only=True).active["A1"].value == 0
    assert load_workbook(soffice(path, "xlsx"), data_only=True).active["A1"].value == 2


def test_every_formula_recalculates_to_the_stored_value(soffice, lebar):
    formulas = load_workbook(lebar)["Lebar"]
    stored = load_workbook(lebar, data_only=True)["Lebar"]
    recalculated = load_workbook(soffice(lebar, "xlsx"), data_only=True)["Lebar"]
    cells = [c.coordinate for row in formulas.iter_rows() for c in row if c.data_type == "f"]
    assert len(cells) == 2 * BARIS + 1  # columns 8 and 10 of each row, the total
    pairs = {ref: (stored[ref].value, recalculated[ref].value) for ref in cells}
    assert {ref: pair for ref, pair in pairs.items() if not _sama(*pair)} == {}
    assert sum(isinstance(value, float) for value, _ in pairs.values()) > BARIS // 2  # not only empty results
    tidy = _tidy()
    assert stored.cell(posisi(LEBAR).data + BARIS + 1, 11).value == int(tidy["pagu"].sum())


def _pdf_pages(program: dict, pdf: Path) -> tuple[list[str], str]:
    info = subprocess.run([program["pdfinfo"], str(pdf)], capture_output=True, text=True, timeout=60, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    texts = [subprocess.run([program["pdftotext"], "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                            capture_output=True, text=True, timeout=60, check=True).stdout for p in range(1, pages + 1)]
    return texts, info.stdout


@pytest.fixture(scope="module")
def pdf(program, soffice, lebar) -> tuple[list[str], str]:
    """The printed table: the text of each page (pdftotext -layout) and pdfinfo's report."""
    return _pdf_pages(program, soffice(lebar, "pdf"))


def test_pdf_landscape_one_page_wide_headers_on_every_page(pdf):
    texts, info = pdf
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    assert len(texts) >= 3
    for page, text in enumerate(texts, start=1):
        # header (first and last column) and number row repeated on every page: the table is one page wide
        assert "Kode" in text and "Penanggung" in text, f"header missing on page {page}"
        assert "8=(7/6)" in text and "10=(5+7+9)" in text, f"column numbers missing on page {page}"
        assert re.search(rf"\b{page} ?/ ?{len(texts)}\b", text), f"page number missing on page {page}"
    assert "Tabel Uji Lebar" in texts[0] and "Evaluasi Renja Tahun 2023 Kecamatan Senduro" in texts[0]
    assert "Tabel Uji Lebar" not in texts[1]  # titles once, only the header block repeats
    assert "Kasi Pemerintahan" in texts[0]  # a last-column value beside the first rows: nothing cut off to the right


def test_pdf_shows_targets_with_their_units(pdf):
    text = "\n".join(pdf[0])
    for shown in ("12 Laporan", "12 Orang/12 Bulan", '3 "Unit"', "=Jumlah dokumen", "JUMLAH PAGU",
                  "NIP. 19700101 199003 1 001"):
        assert shown in text, shown
    assert re.search(r"66[.,]67%", text) and re.search(r"1[.,]25 Km", text) and re.search(r"60[.,]5 \(B-\)", text)
