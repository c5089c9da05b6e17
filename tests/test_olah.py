"""One workbook end to end (without the Prefect engine): outputs, report, read-back of the written workbook."""
from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from flows.langkah.bacaan import Opsi
from flows.langkah.bagian import olah_workbook

WAKTU = datetime(2026, 11, 28, 1, 0)


@pytest.fixture(scope="module")
def hasil_sampel(sampel, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return olah_workbook(sampel, out, waktu=WAKTU), out


def test_keluaran_ditulis_di_folder_dari_dokumen(hasil_sampel):
    h, out = hasil_sampel
    folder = out / "2024" / "lumajang" / "senduro"
    assert (h.status, h.folder) == ("ok", str(folder))
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "TC-33.xlsx", "data/TC-33.csv", "laporan.html", "sumber.json", "validasi.json"]
    assert not list(folder.rglob("*.tmp*"))


def test_validasi_json_dan_laporan(hasil_sampel):
    h, out = hasil_sampel
    folder = out / "2024" / "lumajang" / "senduro"
    v = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
    assert (v["tahun"], v["kabupaten"], v["kecamatan"], v["sheet"]) == (2024, "Lumajang", "Senduro", "TC.33")
    assert v["angka"]["TOTAL PAGU tertulis (tahun n)"] == "2.080.252.824"
    assert v["angka"]["Jumlah pagu program (n+1)"] == "2.621.874.277"
    assert (v["angka"]["Jumlah program"], v["angka"]["Jumlah sub-kegiatan"]) == ("6", "36")
    diperbaiki = {t["nilai"]: (t["kode"], t["sel"]) for t in v["temuan"] if t["aturan"] == "kode-diperbaiki"}
    assert diperbaiki == {
        "7.01.01.202.01": ("7.01.01.2.02.0001", "A29"), "7.01.01.202.02": ("7.01.01.2.02.0002", "A30"),
        "7.01.01.202.05": ("7.01.01.2.02.0005", "A32"), "7.01.01.2.09. 06": ("7.01.01.2.09.0006", "A81"),
        "7.01.01.2.09. 09": ("7.01.01.2.09.0009", "A85"), "7.01.02.01": ("7.01.02.2.01", "A88"),
        "7.01.02.01.02": ("7.01.02.2.01.0002", "A89"), "7.01.02.04": ("7.01.02.2.04", "A93"),
        "7.01.05.01": ("7.01.05.2.01", "A126"), "7.01.06.2": ("7.01.06", "A130")}
    assert all(set(t) == {"berkas", "sheet", "sel", "kode", "aturan", "tingkat", "nilai", "pesan"} for t in v["temuan"])
    assert {t["berkas"] for t in v["temuan"]} == {"Renja-Senduro-2024-TC33.xlsx"}
    assert not [t for t in v["temuan"] if t["aturan"] == "jumlah-tidak-sesuai"]
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    assert "Kode yang diperbaiki" in html and "7.01.01.202.01" in html and "A29" in html
    assert html.count("<tr") == 1 + len(diperbaiki) + 1 + len(v["temuan"]) + len(v["angka"]) + 1 + len(
        v["daftar_tabel"])
    assert [d["tabel"] for d in v["daftar_tabel"]] == ["T-C.33"]


def test_csv_rapi(hasil_sampel):
    _, out = hasil_sampel
    df = pd.read_csv(out / "2024" / "lumajang" / "senduro" / "data" / "TC-33.csv", dtype={"kode": str})
    wajib = ["kode", "kode_asli", "level", "nama", "indikator", "lokasi", "target", "target_nilai", "target_satuan",
             "pagu", "sumber_dana", "catatan", "target_maju", "target_maju_nilai", "target_maju_satuan", "pagu_maju",
             "sheet", "baris"]
    assert set(wajib) <= set(df.columns)
    akt = df[df["level"] == "aktivitas"]
    assert akt["kode"].notna().all()


def test_workbook_keluaran_dibaca_ulang(hasil_sampel):
    _, out = hasil_sampel
    wb = load_workbook(out / "2024" / "lumajang" / "senduro" / "TC-33.xlsx")
    ws = wb.active
    assert ws["A1"].value == "Tabel T-C.33"
    assert ws["A3"].value == "Kabupaten Lumajang" and ws["A4"].value == "Kecamatan Senduro"
    assert ws["D6"].value == "Rencana Tahun 2024 (Tahun Rencana)"
    assert ws["I6"].value == "Prakiraan Maju Rencana Tahun 2025"
    assert {"A1:J1", "D6:G6", "I6:J6", "A6:A7"} <= {str(r) for r in ws.merged_cells.ranges}
    assert [ws.cell(8, k).value for k in range(1, 11)] == list(range(1, 11))
    assert (ws["A9"].value, ws["F9"].value, ws["F9"].number_format) == ("7", 2080252824, "#,##0")
    assert ws.print_title_rows == "$6:$8"
    assert ws.freeze_panes == "A9"
    assert ws.page_setup.orientation == "landscape"
    total = [r for r in ws.iter_rows(min_row=9) if r[0].value == "TOTAL PAGU"]
    assert len(total) == 1 and str(total[0][5].value).startswith("=")
    nilai = load_workbook(out / "2024" / "lumajang" / "senduro" / "TC-33.xlsx", data_only=True).active
    assert nilai.cell(total[0][5].row, 6).value == 2080252824
    assert nilai.cell(total[0][9].row, 10).value == 2621874277


def test_tabel_di_tempat_lain_dan_banyak_sheet(tmp_path):
    from tools.buat_sampel import SAMPUL, SHEET2, tulis_tc33

    path = tmp_path / "in" / "Renja Senduro (salinan).xlsx"
    path.parent.mkdir()
    tulis_tc33(path, sheet="Sheet3", baris_awal=4, kolom_awal=2, sheet_lain=(SAMPUL, SHEET2))
    h = olah_workbook(path, tmp_path / "out", waktu=WAKTU)
    v = json.loads((tmp_path / "out" / "2024" / "lumajang" / "senduro" / "validasi.json").read_text())
    assert (h.status, v["sheet"], v["angka"]["Jumlah sub-kegiatan"]) == ("ok", "Sheet3", "36")
    assert {t["sel"] for t in v["temuan"] if t["nilai"] == "7.01.01.202.01"} == {"B32"}


def test_metadata_tidak_ada_dilaporkan_dan_opsi_dipakai(tmp_path):
    import xlsxwriter

    path = tmp_path / "tanpa-judul.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    for i, row in enumerate([["Kode", "Program/Kegiatan", "Indikator", "Kebutuhan Dana", "Sumber Dana"],
                             ["7.01.02", "Program Penyelenggaraan", "Persentase", 100, "DAU"]]):
        ws.write_row(i, 0, row)
    wb.close()
    h = olah_workbook(path, tmp_path / "out", waktu=WAKTU)
    folder = tmp_path / "out" / "tanpa-tahun" / "tanpa-kabupaten" / "tanpa-kecamatan-tanpa-judul-xlsx"
    v = json.loads((folder / "validasi.json").read_text())
    assert [t["pesan"] for t in v["temuan"] if t["aturan"] == "metadata-tidak-ada"] == [
        "Tahun rencana tidak tertulis di dokumen; berikan dengan opsi --tahun pada perintah renja run."]
    assert [t["pesan"].split(":")[0] for t in v["temuan"] if t["aturan"] == "wilayah-tidak-diketahui"] == [
        "Kabupaten berkas tanpa-judul.xlsx tidak diketahui", "Kecamatan berkas tanpa-judul.xlsx tidak diketahui"]
    h2 = olah_workbook(path, tmp_path / "out2", Opsi(2025, "Lumajang", "Pasirian"), waktu=WAKTU)
    assert h2.folder == str(tmp_path / "out2" / "2025" / "lumajang" / "pasirian")
    assert (h.status, h2.status) == ("tanpa-wilayah", "ok")


def test_berkas_bukan_workbook_dan_tanpa_tabel(tmp_path):
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"ini bukan workbook")
    h = olah_workbook(rusak, tmp_path / "out", waktu=WAKTU)
    assert (h.status, h.folder) == ("gagal", str(tmp_path / "out" / "_gagal" / "rusak"))
    v = json.loads((tmp_path / "out" / "_gagal" / "rusak" / "validasi.json").read_text())
    assert [t["aturan"] for t in v["temuan"]] == ["berkas-tidak-terbaca"]
    assert "rusak.xlsx" in v["temuan"][0]["pesan"]

    import xlsxwriter
    kosong = tmp_path / "lain.xlsx"
    wb = xlsxwriter.Workbook(kosong)
    wb.add_worksheet().write_row(0, 0, ["No", "Nama", "Alamat"])
    wb.close()
    h = olah_workbook(kosong, tmp_path / "out", waktu=WAKTU)
    assert h.status == "gagal" and "Tidak ada tabel Renja yang dikenali" in h.pesan
