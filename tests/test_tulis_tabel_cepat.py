"""The table writer's fast paths give the bytes of the long ways they replace: ``Lembar`` (a worksheet writing plain
cells' XML in one step) those of xlsxwriter's own ``Worksheet``, and ``_write_rows`` (plain columns written with
each look's formats looked up once) those of the per-cell loop it replaced (frozen below as it was at cba46af),
for cells and rows of every kind."""
from __future__ import annotations

import io
import math
from datetime import datetime

import numpy as np
import pandas as pd
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.langkah.tulis import tabel
from flows.langkah.tulis.tabel import Lembar, _look, _props, _write_cell, baris_dict, nomor_kolom, tinggi_baris
from schemas.keluaran import KODE, NOMOR, PERSEN, RUPIAH, TARGET, TEKS, Keluaran, OutputColumn, Tampilan

_TEKS = st.text(alphabet="aZé 1-=+@&<>\"'\n\t\x01_x0041_", max_size=12)


def _buku(worksheet_class, sel) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False, "nan_inf_to_errors": True})
    wb.set_properties({"created": datetime(2000, 1, 1)})
    ws = wb.add_worksheet("S", worksheet_class=worksheet_class)
    formats = [None, wb.add_format({"bold": True}), wb.add_format({"num_format": "@", "border": 1})]
    for (baris, kolom), (jenis, nilai, f) in sel.items():
        f = formats[f]
        if jenis == "teks":
            ws.write_string(baris, kolom, nilai, f)
        elif jenis == "angka":
            ws.write_number(baris, kolom, nilai, f)
        elif jenis == "kosong":
            ws.write_blank(baris, kolom, None, f)
        else:
            ws.write_formula(baris, kolom, "=A1+1", f, nilai)
    wb.close()
    return out.getvalue()


_SEL = st.one_of(
    st.tuples(st.just("teks"), _TEKS, st.integers(0, 2)),
    st.tuples(st.just("angka"), st.one_of(st.integers(-2**60, 2**60), st.floats(allow_nan=True, allow_infinity=True)),
              st.integers(0, 2)),
    st.tuples(st.just("kosong"), st.none(), st.integers(0, 2)),
    st.tuples(st.just("rumus"), st.one_of(st.integers(0, 9), _TEKS), st.integers(0, 2)),
)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 40), st.integers(0, 30)), _SEL, max_size=25))
def test_lembar_menulis_byte_yang_sama_dengan_worksheet(sel):
    assert _buku(Lembar, sel) == _buku(xlsxwriter.worksheet.Worksheet, sel)


# --- _write_rows against the per-cell loop it replaced

def _write_rows_lama(sheet, styles, keluaran, tidy, pos):
    """flows.langkah.tulis.tabel._write_rows at cba46af: every cell through _write_cell."""
    kolom_nomor = {nomor_kolom(c): col for col, c in enumerate(keluaran.kolom)}
    kolom = list(enumerate(keluaran.kolom))
    props_per_look: dict = {}
    row = pos.data
    for item in baris_dict(tidy):
        look = _look(keluaran, item)
        if look not in props_per_look:
            props_per_look[look] = [_props(look, column, keluaran) for column in keluaran.kolom]
        props = props_per_look[look]
        teks = []
        for col, column in kolom:
            shown = _write_cell(sheet, styles, row, col, column, item, props[col], kolom_nomor)
            if shown is not None:
                indent = look.indent * 1.5 if look and column.field == keluaran.indent_field else 0
                teks.append((shown, column.width - indent))
        sheet.set_row(row, tinggi_baris(teks, bold=bool(look and look.bold)))
        row += 1
    return row


KELUARAN = Keluaran(
    file="UJI.xlsx", sheet="Uji", judul=("Uji {kecamatan}",),
    kolom=(
        OutputColumn("1", "No", None, "no", 5, NOMOR),
        OutputColumn("2", "Uraian", None, "uraian", 30, TEKS),
        OutputColumn("3", "Kode", None, "kode", 12, KODE),
        OutputColumn("4", "Pagu", "Anggaran", "pagu", 16, RUPIAH),
        OutputColumn("5", "Persen", "Anggaran", "persen", 10, PERSEN),
        OutputColumn("6", "Target", None, "target", 12, TARGET),
        OutputColumn("7=(5*2)", "Hitung", None, "hitung", 10, PERSEN, rumus="=IFERROR({kolom:5}*2,\"\")"),
    ),
    total_label="JUMLAH", total_fields=("pagu",), tampilan_field="level",
    tampilan=(("program", Tampilan(bold=True, fill=True)), ("kegiatan", Tampilan(italic=True, indent=1))),
    indent_field="uraian",
)
_NILAI = st.one_of(st.none(), st.just(math.nan), st.just(pd.NA), st.just(""), _TEKS, st.integers(-10**9, 10**9),
                   st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(),
                   st.integers(-10**6, 10**6).map(np.int64), st.floats(-1e6, 1e6).map(np.float64))
_BARIS = st.fixed_dictionaries({
    "no": _NILAI, "uraian": _NILAI, "kode": _NILAI, "persen": _NILAI, "hitung": _NILAI, "target": _NILAI,
    "pagu": st.one_of(st.none(), st.integers(0, 10**12)),
    "target_nilai": st.one_of(st.none(), st.floats(0, 1000)), "target_satuan": st.sampled_from([None, "%", "Unit"]),
    "level": st.sampled_from([None, "program", "kegiatan", "lain"]),
})


_KOLOM = ["no", "uraian", "kode", "persen", "hitung", "target", "pagu", "target_nilai", "target_satuan", "level"]


def _tulis(tidy: pd.DataFrame, tmp) -> bytes:
    path = tabel.tulis_tabel(tidy, KELUARAN, {"tahun": 2024, "kabupaten": "K", "kecamatan": "C"}, tmp)
    return path.read_bytes()


@settings(max_examples=25, deadline=None)
@given(st.lists(_BARIS, max_size=8))
def test_write_rows_menulis_byte_yang_sama_dengan_loop_per_sel(tmp_path_factory, rows):
    tidy = pd.DataFrame(rows, columns=_KOLOM).astype({"pagu": "Int64"})
    tmp = tmp_path_factory.mktemp("t")
    baru = _tulis(tidy, tmp / "baru.xlsx")
    asli = tabel._write_rows
    tabel._write_rows = _write_rows_lama
    try:
        lama = _tulis(tidy, tmp / "lama.xlsx")
    finally:
        tabel._write_rows = asli
    assert baru == lama


_RUMUS = st.lists(st.sampled_from(["=", "{", "}", "IFERROR(", "ROUND(", "SUM(", "XSUM(", "SUMX(", "ROUNDUP(", "FILTER(",
                                   "XLOOKUP(", "SINGLE(", "xSINGLE(", " SINGLE(", "ACOT(", "_xlfn.", "A1", "$B$7", "/",
                                   "*100", ",2)", ")", '""', "-", " ", ".", "CEILING.MATH("]), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(_RUMUS, st.booleans())
def test_lembar_menyiapkan_rumus_seperti_worksheet(rumus, masa_depan):
    lembar, asli = Lembar(), xlsxwriter.worksheet.Worksheet()
    lembar.use_future_functions = asli.use_future_functions = masa_depan
    assert lembar._prepare_formula(rumus) == asli._prepare_formula(rumus)
