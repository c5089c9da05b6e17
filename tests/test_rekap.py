"""The district rekap (`renja rekap`): shaping (transforms.rekap), reading and writing (flows.rekap), the command."""
from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from schemas.tc33 import TIDY_COLUMNS
from tests.conftest import SAMPEL, SAMPEL_SEMUA
from tests.test_libreoffice import program, soffice  # noqa: F401  (fixtures: LibreOffice with recalculation on)
from transforms.rekap import (
    BELUM_LENGKAP,
    BELUM_MENGIRIM,
    LENGKAP,
    baca_daftar_kecamatan,
    daftar_untuk,
    gabung_item,
    item_tc33,
    ringkas_status,
    status_kecamatan,
    tabel_pagu,
)

SEMUA = ("T-C.29", "T-C.30", "T-C.31", "T-C.32", "T-C.33", "Tabel 4.1")
NAMA_PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten / Kota"  # as the sample writes it
# The sample's T-C.33 program sums (README: they add up to 2.080.252.824 for 2024 and 2.621.874.277 for 2025).
SENDURO_N, SENDURO_N1 = 2_080_252_824, 2_621_874_277
SENDURO_PENUNJANG_N = 1_860_252_824

# Hand-written kecamatan: (kode, level, nama, pagu, pagu_maju[, indikator_ke]).
PASIRIAN = [
    ("7", "urusan", "Unsur Kewilayahan", 350, 390),
    ("7.01.01", "program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 300, 330),
    ("7.01.01.2.01", "kegiatan", "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah", 100, 110),
    ("7.01.01.2.01.0001", "sub_kegiatan", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 100, 110),
    ("7.01.01.2.02", "kegiatan", "Administrasi Keuangan Perangkat Daerah", 200, 220),
    ("7.01.03", "program", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", 50, 60),
    ("7.01.03", "program", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", None, None, 2),
    ("7.01.03.2.01", "kegiatan", "Koordinasi Kegiatan Pemberdayaan Desa", 50, 60),
]
TEMPEH = [
    ("7.01.01", "program", "Program Penunjang Urusan Pemerintahan Daerah Kab/Kota", 1000, 1100),
    ("7.01.01.2.01", "kegiatan", "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah", 400, 440),
    ("7.01.01.2.02", "kegiatan", "Administrasi Keuangan Perangkat Daerah", 600, 660),
    ("7.01.02", "program", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", 70, None),
    ("7.01.02.2.05", "kegiatan", "=1+1 Kegiatan uji", 70, None),
]
DAFTAR = "# kecamatan yang wajib mengirim\nSenduro\nKec. Pasirian\n\nKlakah\nYosowilangun\nRanuyoso\n"


def tulis_kecamatan(kabupaten: Path, folder: str, kecamatan: str, item: list[tuple] | None, tabel=SEMUA,
                    dibuat="2024-02-01T09:30:00", galat=0, peringatan=0, nama_kabupaten="Lumajang") -> Path:
    """A kecamatan output folder as renja run writes it: validasi.json and (with T-C.33) data/TC-33.csv."""
    f = kabupaten / folder
    (f / "data").mkdir(parents=True, exist_ok=True)
    berkas = f"Renja-{kecamatan}-2024.xlsx"
    if item is not None:
        rows = [{"urut": i, "kode": t[0], "level": t[1], "nama": t[2], "pagu": t[3], "pagu_maju": t[4],
                 "indikator_ke": t[5] if len(t) > 5 else 1} for i, t in enumerate(item, start=1)]
        frame = pd.DataFrame(rows).astype({"pagu": "Int64", "pagu_maju": "Int64"})
        frame.reindex(columns=list(TIDY_COLUMNS)).to_csv(f / "data" / "TC-33.csv", index=False)
    info = {"berkas": berkas, "tabel": ", ".join(tabel), "tahun": 2024, "kabupaten": nama_kabupaten,
            "kecamatan": kecamatan, "dibuat": dibuat,
            "ringkasan": {"galat": galat, "peringatan": peringatan, "info": 0},
            "daftar_tabel": [{"tabel": t, "berkas": berkas, "sheet": t, "baris_header": 5, "jumlah_baris": 3,
                              "nihil": False} for t in tabel],
            "angka": {}, "temuan": []}
    (f / "validasi.json").write_text(json.dumps(info), encoding="utf-8")
    return f


def _program_sum(folder: Path, kolom: str) -> int:
    """A kecamatan's program total read straight from its data/TC-33.csv (independently of transforms.rekap)."""
    d = pd.read_csv(folder / "data" / "TC-33.csv")
    return int(d.loc[(d["level"] == "program") & (d["indikator_ke"] == 1), kolom].sum())


# ------------------------------------------------------------------------------------------------ pure shaping


def _item(kecamatan: str, rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame([{"urut": i, "kode": t[0], "level": t[1], "nama": t[2], "pagu": t[3], "pagu_maju": t[4],
                           "indikator_ke": t[5] if len(t) > 5 else 1} for i, t in enumerate(rows, start=1)])
    return item_tc33(frame.astype(str).replace({"None": ""})).assign(kecamatan=kecamatan)


def test_item_tc33_hanya_program_dan_kegiatan_baris_indikator_pertama():
    item = _item("Pasirian", PASIRIAN)
    assert list(item["kode"]) == ["7.01.01", "7.01.01.2.01", "7.01.01.2.02", "7.01.03", "7.01.03.2.01"]
    assert list(item["pagu"]) == [300, 100, 200, 50, 50]
    assert str(item["pagu"].dtype) == "Int64" and list(item["urut"]) == [2, 3, 5, 6, 8]
    assert item_tc33(pd.DataFrame({"level": ["program"], "kode": ["7.01.01"], "nama": ["P"], "pagu": ["x"],
                                   "pagu_maju": [""], "urut": ["1"]}))["pagu"].isna().all()


def test_gabung_item_menjumlah_per_kode_dan_memilih_nama_terbanyak():
    a, b = _item("Pasirian", PASIRIAN), _item("Tempeh", TEMPEH)
    c = _item("Senduro", [("7.01.01", "program", NAMA_PENUNJANG, 5, 6),
                          ("7.01.01.2.02", "kegiatan", "Administrasi Keuangan Perangkat Daerah", 2, 3),
                          ("7.01.01.2.02", "kegiatan", "Administrasi Kepegawaian Perangkat Daerah", 3, None)])
    r = gabung_item(pd.concat([a, b, c]), ["Pasirian", "Tempeh", "Senduro"], 2024, "Lumajang")
    assert list(r.item["kode"]) == ["7.01.01", "7.01.01.2.01", "7.01.01.2.02", "7.01.02", "7.01.02.2.05", "7.01.03",
                                    "7.01.03.2.01"]
    # 'Kabupaten/Kota' and 'Kabupaten / Kota' fold alike (2 of 3); 'Kab/Kota' is a variant
    assert r.item["nama"][0] == "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    assert r.item["nama"][2] == "Administrasi Keuangan Perangkat Daerah"
    senduro = r.panjang[r.panjang["kecamatan"] == "Senduro"].set_index("kode")
    assert senduro.loc["7.01.01.2.02", "pagu"] == 5 and senduro.loc["7.01.01.2.02", "pagu_maju"] == 3
    aturan = list(zip(r.catatan["aturan"], r.catatan["kecamatan"], r.catatan["kode"]))
    assert aturan == [("nama-berbeda", "", "7.01.01"), ("nama-berbeda", "", "7.01.01.2.02"),
                      ("kode-ganda", "Senduro", "7.01.01.2.02")]
    assert "Varian: 'Program Penunjang Urusan Pemerintahan Daerah Kab/Kota' (Tempeh)" in r.catatan["pesan"][0]
    assert list(r.panjang.columns[:9]) == ["tahun", "kabupaten", "kode_wilayah", "kecamatan", "level", "kode", "nama",
                                           "pagu", "pagu_maju"]

    pagu = tabel_pagu(r, ["Pasirian", "Tempeh", "Senduro"], "pagu")
    assert pagu.total.to_dict() == {"Pasirian": 350, "Tempeh": 1070, "Senduro": 5}
    assert pagu.total_kabupaten == 350 + 1070 + 5
    assert list(pagu.jumlah) == [1305, 500, 805, 70, 70, 50, 50]
    assert pagu.nilai.loc[3].isna().tolist() == [True, False, True]  # 7.01.02: Tempeh only
    maju = tabel_pagu(r, ["Pasirian", "Tempeh", "Senduro"], "pagu_maju")
    assert maju.total.to_dict() == {"Pasirian": 390, "Tempeh": 1100, "Senduro": 6}


def test_gabung_item_tanpa_kode_dicocokkan_menurut_nama():
    a = _item("A", [("", "program", "Program Khusus Desa", 10, 11)])
    b = _item("B", [("", "program", "PROGRAM KHUSUS  DESA", 20, 21)])
    r = gabung_item(pd.concat([a, b]), ["A", "B"], 2024, "X")
    assert len(r.item) == 1 and tabel_pagu(r, ["A", "B"], "pagu").total_kabupaten == 30
    assert list(r.catatan["aturan"]) == ["tanpa-kode"]


def test_baca_daftar_teks_dan_csv():
    daftar, catatan = baca_daftar_kecamatan("\ufeff" + DAFTAR + "senduro\n")
    assert list(daftar["kecamatan"]) == ["Senduro", "Pasirian", "Klakah", "Yosowilangun", "Ranuyoso"]
    assert list(daftar["baris"]) == [2, 3, 5, 6, 7]
    assert list(catatan["aturan"]) == ["daftar-ganda"] and "baris 8" in catatan["pesan"][0]

    csv = "No;Kabupaten;Nama Kecamatan\n1;Kab. Lumajang;Senduro\n2;Probolinggo;Sukapura\n3;;Kec. Tempeh\n"
    daftar, _ = baca_daftar_kecamatan(csv)
    assert list(zip(daftar["kabupaten"], daftar["kecamatan"], daftar["slug"])) == [
        ("Lumajang", "Senduro", "senduro"), ("Probolinggo", "Sukapura", "sukapura"), ("", "Tempeh", "tempeh")]
    assert list(daftar_untuk(daftar, "lumajang")["kecamatan"]) == ["Senduro", "Tempeh"]
    assert baca_daftar_kecamatan("# kosong\n\n")[0].empty


def test_daftar_dengan_pemisah_pembaca():
    """The list's delimiter is the one the CSV reader picks (transforms.sel.pemisah_csv): a tab header whose names
    hold commas splits on tabs; a header without any delimiter is one name per line, commas and all."""
    from transforms.sel import pemisah_csv

    teks = "kabupaten\tkecamatan\nLumajang\tSenduro, Atas\nLumajang\tPasirian, Bawah\n"
    assert pemisah_csv(teks) == "\t"
    daftar, _ = baca_daftar_kecamatan(teks)
    assert list(daftar["kecamatan"]) == ["Senduro, Atas", "Pasirian, Bawah"]
    daftar, _ = baca_daftar_kecamatan("Senduro\nPasirian, Bawah\n")
    assert list(daftar["kecamatan"]) == ["Senduro", "Pasirian, Bawah"]


def test_status_kecamatan_dengan_dan_tanpa_daftar():
    ditemukan = pd.DataFrame([
        {"folder": "tempeh", "kecamatan": "Tempeh", "tabel": list(SEMUA[:5]), "dibuat": "2024-02-01T09:30:00",
         "berkas": "a.xlsx", "galat": 2, "peringatan": 3, "keterangan": ""},
        {"folder": "senduro", "kecamatan": "Senduro", "tabel": list(SEMUA), "dibuat": "2024-02-02T10:00:00",
         "berkas": "b.xlsx", "galat": 0, "peringatan": 1, "keterangan": ""},
    ])
    daftar, _ = baca_daftar_kecamatan("Senduro\nYosowilangun\n")
    s = status_kecamatan(ditemukan, daftar, 2024, "Lumajang")
    assert list(zip(s["kecamatan"], s["status"], s["dalam_daftar"])) == [
        ("Senduro", LENGKAP, True), ("Yosowilangun", BELUM_MENGIRIM, True), ("Tempeh", BELUM_LENGKAP, False)]
    assert s["tabel_belum_ada"][2] == "Tabel 4.1" and s["jumlah_tabel"][2] == 5 and s["galat"][2] == 2
    assert s["keterangan"][2] == "Tidak ada dalam daftar kecamatan."
    assert s.loc[1, ["ada_tc29", "ada_tabel41", "galat"]].isna().all()
    assert ringkas_status(s) == {LENGKAP: ["Senduro"], BELUM_LENGKAP: ["Tempeh (belum ada Tabel 4.1)"],
                                 BELUM_MENGIRIM: ["Yosowilangun"], "di-luar-daftar": ["Tempeh"]}
    tanpa = status_kecamatan(ditemukan, None, 2024, "Lumajang")
    assert list(tanpa["kecamatan"]) == ["Senduro", "Tempeh"] and tanpa["dalam_daftar"].isna().all()


# ------------------------------------------------------------------------------------------------ files


@pytest.fixture(scope="module")
def keluaran(tmp_path_factory) -> Path:
    """output/2024/lumajang with: Senduro (the shipped sample, every table), Klakah (T-C.33 alone), Pasirian and
    Tempeh (hand-written), Ranuyoso (no T-C.33), plus what must be ignored: riwayat/, _gagal, a folder that holds
    only sumber.json."""
    from dataclasses import replace

    from flows.langkah.baca import baca_berkas
    from flows.langkah.bagian import olah_kecamatan, olah_workbook
    from transforms.wilayah import CalonWilayah

    output = tmp_path_factory.mktemp("rekap") / "output"
    assert olah_workbook(SAMPEL_SEMUA, output).status == "ok"
    klakah = replace(baca_berkas(SAMPEL), calon=CalonWilayah("Renja-Klakah-2024.xlsx"))  # Senduro's T-C.33 as Klakah's
    assert olah_kecamatan([klakah], output).status == "ok"
    kab = output / "2024" / "lumajang"
    tulis_kecamatan(kab, "pasirian", "Pasirian", PASIRIAN, galat=1, peringatan=4)
    tulis_kecamatan(kab, "tempeh", "Tempeh", TEMPEH, tabel=SEMUA[:5], dibuat="2024-02-03T11:15:00")
    tulis_kecamatan(kab, "ranuyoso", "Ranuyoso", None, tabel=("T-C.29", "T-C.30"))
    lama = tulis_kecamatan(kab / "senduro" / "riwayat", "2024-01-01T000000", "Senduro",
                           [("7.01.09", "program", "Program Versi Lama", 999_999, 1)])
    assert (lama / "data" / "TC-33.csv").is_file()
    tulis_kecamatan(kab, "_gagal", "Gagal", [("7.01.09", "program", "Program Gagal", 5, 5)])
    (kab / "kosong").mkdir()
    (kab / "kosong" / "sumber.json").write_text("[]", encoding="utf-8")
    return output


@pytest.fixture(scope="module")
def rekap(keluaran, tmp_path_factory):
    from flows.rekap import baca_daftar, rekap_kabupaten

    path = tmp_path_factory.mktemp("daftar") / "daftar.txt"
    path.write_text(DAFTAR, encoding="utf-8")
    daftar, catatan = baca_daftar(path)
    return rekap_kabupaten(keluaran / "2024" / "lumajang", 2024, daftar, catatan, path.name)


def _baris(ws, kolom: int = 1) -> dict:
    """Row number per text of column ``kolom`` (the first occurrence)."""
    out = {}
    for row in ws.iter_rows(min_col=kolom, max_col=kolom):
        if row[0].value is not None:
            out.setdefault(row[0].value, row[0].row)
    return out


def test_berkas_rekap_ditulis_di_folder_rekap(rekap, keluaran):
    folder = keluaran / "2024" / "lumajang" / "_rekap"
    assert rekap.status == "ok" and rekap.folder == str(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["Rekap-Lumajang-2024.xlsx", "catatan.csv", "rekap.csv",
                                                       "status.csv"]  # no temporary file left


def test_lembar_pagu_angka_dan_rumus(rekap, keluaran):
    kab = keluaran / "2024" / "lumajang"
    senduro_n = _program_sum(kab / "senduro", "pagu")
    assert senduro_n == SENDURO_N and _program_sum(kab / "klakah", "pagu") == SENDURO_N
    path = Path(rekap.keluaran[0])
    wb, nilai = load_workbook(path), load_workbook(path, data_only=True)
    assert wb.sheetnames == ["Status", "Grafik", "Pagu 2024", "Pagu 2025", "Catatan"]
    ws, vs = wb["Pagu 2024"], nilai["Pagu 2024"]
    baris = _baris(ws)
    kepala = baris["Kode"] + 1
    assert [ws.cell(kepala, c).value for c in range(3, 8)] == ["Senduro", "Pasirian", "Klakah", "Tempeh", None]
    assert ws.cell(baris["Kode"], 7).value == "Jumlah Kabupaten (Rp)"

    r = baris["7.01.01"]
    assert ws.cell(r, 2).value == NAMA_PENUNJANG
    assert [ws.cell(r, c).value for c in range(3, 7)] == [SENDURO_PENUNJANG_N, 300, SENDURO_PENUNJANG_N, 1000]
    assert ws.cell(r, 3).data_type == "n" and ws.cell(r, 3).number_format == "#,##0"
    assert ws.cell(r, 7).value == f"=SUM(C{r}:F{r})"
    assert vs.cell(r, 7).value == 2 * SENDURO_PENUNJANG_N + 1300 and ws.cell(r, 7).number_format == "#,##0"

    uji = baris["7.01.02.2.05"]
    assert ws.cell(uji, 2).value == "=1+1 Kegiatan uji" and ws.cell(uji, 2).data_type == "s"
    assert [ws.cell(uji, c).value for c in range(3, 7)] == [None, None, None, 70]

    total = baris["JUMLAH KABUPATEN"]
    assert total == max(r for k, r in baris.items() if str(k).startswith("7.")) + 1
    baris_program = [row for k, row in baris.items() if str(k).startswith("7.") and k.count(".") == 2]
    assert ws.cell(total, 4).value == "=" + "+".join(f"D{row}" for row in sorted(baris_program))
    assert [vs.cell(total, c).value for c in range(3, 8)] == [
        SENDURO_N, 350, SENDURO_N, 1070, 2 * SENDURO_N + 350 + 1070]
    assert vs.cell(total, 7).value == sum(vs.cell(total, c).value for c in range(3, 7))  # district = Σ kecamatan
    assert "7.01.09" not in baris  # riwayat/ and _gagal are not read

    maju = nilai["Pagu 2025"]
    baris_maju = _baris(maju)
    assert [maju.cell(baris_maju["JUMLAH KABUPATEN"], c).value for c in range(3, 8)] == [
        SENDURO_N1, 390, SENDURO_N1, 1100, 2 * SENDURO_N1 + 390 + 1100]
    assert maju.cell(baris_maju["7.01.02"], 6).value is None  # Tempeh left its n+1 amount empty


def test_setiap_rumus_punya_nilai_tersimpan(rekap):
    path = Path(rekap.keluaran[0])
    wb, nilai = load_workbook(path), load_workbook(path, data_only=True)
    rumus = [(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.data_type == "f"]
    assert len(rumus) > 40
    assert [(s, k) for s, k in rumus if not isinstance(nilai[s][k].value, int)] == []


def test_lembar_status(rekap):
    ws = load_workbook(Path(rekap.keluaran[0]))["Status"]
    baris = _baris(ws, kolom=2)
    kepala = baris["Kecamatan"]
    tabel = [ws.cell(kepala + 1, c).value for c in range(5, 11)]
    assert tabel == list(SEMUA)
    assert ws.cell(kepala, 3).value == "Kode wilayah"
    isi = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(4, 17)]
           for r in range(kepala + 2, ws.max_row + 1) if ws.cell(r, 2).value}
    assert list(isi) == ["Senduro", "Pasirian", "Klakah", "Yosowilangun", "Ranuyoso", "Tempeh"]
    assert [ws.cell(baris[k], 3).value for k in isi] == ["35.08.12", "35.08.04", "35.08.19", "35.08.07", "35.08.20",
                                                         "35.08.05"]  # the list's names get their official code
    assert isi["Senduro"][:7] == ["Lengkap", "ada", "ada", "ada", "ada", "ada", "ada"]
    assert isi["Senduro"][9:12] == ["Renja-Senduro-2024.xlsx", 20, 55]
    assert isi["Pasirian"][0] == "Lengkap" and isi["Pasirian"][10:12] == [1, 4]
    assert isi["Klakah"][:8] == ["Belum lengkap", "belum", "belum", "belum", "belum", "ada", "belum",
                                 "T-C.29, T-C.30, T-C.31, T-C.32, Tabel 4.1"]
    assert isi["Yosowilangun"] == ["Belum mengirim", *[None] * 12]
    assert isi["Tempeh"][0] == "Belum lengkap" and isi["Tempeh"][7] == "Tabel 4.1"
    assert isi["Tempeh"][12] == "Tidak ada dalam daftar kecamatan."
    waktu = ws.cell(baris["Tempeh"], 12)
    assert waktu.is_date and waktu.value.isoformat() == "2024-02-03T11:15:00"
    teks = [ws.cell(r, 1).value for r in range(1, kepala)]
    assert "Lengkap: 2 · Belum lengkap: 3 · Belum mengirim: 1 · Di luar daftar: 1" in teks
    assert any(t and t.startswith("Lengkap: keenam tabel Renja (T-C.29, T-C.30, T-C.31, T-C.32, T-C.33, Tabel 4.1)")
               for t in teks)


def test_grafik_bertumpuk_ada(rekap):
    path = Path(rekap.keluaran[0])
    assert len(load_workbook(path)["Grafik"]._charts) == 2
    with zipfile.ZipFile(path) as z:
        grafik = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert grafik == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
        xml = z.read("xl/charts/chart1.xml").decode()
    assert '<c:grouping val="stacked"/>' in xml
    assert xml.count("<c:ser>") == 6  # the programs 7.01.01 … 7.01.06
    assert "'Pagu 2024'!$C$" in xml and "7.01.02 Program Penyelenggaraan Pemerintahan" in xml


def test_csv_rekap_status_catatan(rekap, keluaran):
    folder = keluaran / "2024" / "lumajang" / "_rekap"
    data = pd.read_csv(folder / "rekap.csv", dtype={"kode": str})
    assert list(data.columns) == ["tahun", "kabupaten", "kode_wilayah", "kecamatan", "level", "kode", "nama", "pagu",
                                  "pagu_maju"]
    assert data.groupby("kecamatan")["kode_wilayah"].first().to_dict() == {
        "Klakah": "35.08.19", "Pasirian": "35.08.04", "Senduro": "35.08.12", "Tempeh": "35.08.05"}
    assert data.groupby("kecamatan")["kode"].count().to_dict() == {"Klakah": 20, "Pasirian": 5, "Senduro": 20,
                                                                  "Tempeh": 5}
    per_program = data[data["level"] == "program"]
    assert per_program.groupby("kecamatan", sort=False)["pagu"].sum().to_dict() == {
        "Senduro": SENDURO_N, "Pasirian": 350, "Klakah": SENDURO_N, "Tempeh": 1070}
    assert set(data["tahun"]) == {2024} and set(data["kabupaten"]) == {"Lumajang"}
    status = pd.read_csv(folder / "status.csv", keep_default_na=False)
    assert list(status.columns) == [
        "tahun", "kabupaten", "kode_wilayah", "kecamatan", "folder", "dalam_daftar", "status", "ada_tc29", "ada_tc30",
        "ada_tc31",
        "ada_tc32", "ada_tc33", "ada_tabel41", "jumlah_tabel", "tabel_belum_ada", "dibuat", "berkas", "galat",
        "peringatan", "keterangan"]
    assert list(zip(status["folder"], status["status"])) == [
        ("senduro", "lengkap"), ("pasirian", "lengkap"), ("klakah", "belum-lengkap"),
        ("yosowilangun", "belum-mengirim"), ("ranuyoso", "belum-lengkap"), ("tempeh", "belum-lengkap")]
    catatan = pd.read_csv(folder / "catatan.csv", keep_default_na=False)
    assert list(catatan.columns) == ["aturan", "kecamatan", "kode", "pesan"]
    assert set(zip(catatan["aturan"], catatan["kecamatan"])) == {
        ("nama-berbeda", ""), ("kode-ganda", "Senduro"), ("kode-ganda", "Klakah"), ("tanpa-tc33", "Ranuyoso")}
    assert rekap.ringkasan[BELUM_MENGIRIM] == ["Yosowilangun"]
    assert rekap.total_pagu == 2 * SENDURO_N + 1420


def test_rekap_sama_bila_diulang(rekap, keluaran, tmp_path):
    from flows.rekap import rekap_kabupaten

    kab = Path(shutil.copytree(keluaran / "2024" / "lumajang", tmp_path / "lumajang"))

    def sidik() -> dict:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((kab / "_rekap").iterdir())}

    sebelum = sidik()
    h = rekap_kabupaten(kab, 2024)  # without a list: Lumajang's 21 kecamatan of the official list, in kode order
    assert h.daftar_resmi and h.jumlah_diharapkan == 21 and h.ringkasan["di-luar-daftar"] == []
    assert h.ringkasan[LENGKAP] == ["Pasirian", "Senduro"] and len(h.ringkasan[BELUM_MENGIRIM]) == 21 - 5
    assert sidik()["rekap.csv"] != sebelum["rekap.csv"]
    sebelum = sidik()
    rekap_kabupaten(kab, 2024)
    assert sidik() == sebelum  # same outputs, same bytes (the workbook's date is the newest report's)


def test_daftar_tidak_terbaca(tmp_path, monkeypatch):
    from flows.rekap import SETELAN_DAFTAR, DaftarTidakValid, baca_daftar, folder_kabupaten, path_daftar

    with pytest.raises(DaftarTidakValid, match="tidak-ada.txt' tidak dapat dibaca: berkasnya tidak ada"):
        baca_daftar(tmp_path / "tidak-ada.txt")
    (tmp_path / "biner.txt").write_bytes(b"PK\x03\x04\x00\x00")
    with pytest.raises(DaftarTidakValid, match="bukan berkas teks"):
        baca_daftar(tmp_path / "biner.txt")
    (tmp_path / "kosong.txt").write_text("# belum diisi\n", encoding="utf-8")
    with pytest.raises(DaftarTidakValid, match="tidak berisi satu nama kecamatan pun"):
        baca_daftar(tmp_path / "kosong.txt")
    monkeypatch.setenv(SETELAN_DAFTAR, str(tmp_path / "dari-setelan.txt"))
    assert path_daftar(None) == tmp_path / "dari-setelan.txt"
    assert path_daftar(tmp_path / "opsi.txt") == tmp_path / "opsi.txt"
    for nama in ("lumajang", "_rekap", "probolinggo"):
        (tmp_path / "out" / "2024" / nama).mkdir(parents=True)
    assert [p.name for p in folder_kabupaten(tmp_path / "out", 2024)] == ["lumajang", "probolinggo"]
    assert [p.name for p in folder_kabupaten(tmp_path / "out", 2024, "Probolinggo")] == ["probolinggo"]
    assert folder_kabupaten(tmp_path / "out", 2023) == []


@pytest.mark.libreoffice
def test_libreoffice_menghitung_ulang_sama(rekap, soffice):  # noqa: F811
    path = Path(rekap.keluaran[0])
    rumus = load_workbook(path)
    tersimpan = load_workbook(path, data_only=True)
    ulang = load_workbook(soffice(path, "xlsx"), data_only=True)
    sel = [(ws.title, c.coordinate) for ws in rumus.worksheets for row in ws.iter_rows() for c in row
           if c.data_type == "f"]
    beda = {(s, k): (tersimpan[s][k].value, ulang[s][k].value) for s, k in sel
            if tersimpan[s][k].value != ulang[s][k].value}
    assert sel and beda == {}


# ------------------------------------------------------------------------------------------------ the command


def test_perintah_rekap_gagal_tanpa_keluaran_atau_daftar(tmp_path):
    """Refused before the engine starts: in this process (typer's CliRunner)."""
    from typer.testing import CliRunner

    from flows.cli import app

    (tmp_path / "out" / "2024" / "lumajang" / "senduro").mkdir(parents=True)
    runner = CliRunner(env={"RENJA_DAFTAR_KECAMATAN": None})
    out = runner.invoke(app, ["rekap", "--tahun", "2023", "--output", str(tmp_path / "out")])
    assert out.exit_code == 3 and "tidak berisi satu kabupaten pun" in out.stderr
    out = runner.invoke(app, ["rekap", "--tahun", "2024", "--output", str(tmp_path / "out"), "--kabupaten", "Jember"])
    assert out.exit_code == 3 and "kabupaten 'Jember'" in out.stderr
    out = runner.invoke(app, ["rekap", "--tahun", "2024", "--output", str(tmp_path / "out")],
                        env={"RENJA_DAFTAR_KECAMATAN": str(tmp_path / "hilang.csv")})
    assert out.exit_code == 3 and "hilang.csv' tidak dapat dibaca" in out.stderr
    out = runner.invoke(app, ["rekap", "--output", str(tmp_path / "out")])
    assert out.exit_code == 2 and "Missing option '--tahun'" in out.stderr


@pytest.mark.prefect
def test_perintah_rekap(tmp_path, renja_di_sini):
    """The README's command (in this process, on the session's Prefect server): two kabupaten, the list from the
    setting."""
    out_dir = tmp_path / "output"
    kab = out_dir / "2024" / "lumajang"
    tulis_kecamatan(kab, "pasirian", "Pasirian", PASIRIAN)
    tulis_kecamatan(kab, "tempeh", "Tempeh", TEMPEH, tabel=SEMUA[:5])
    tulis_kecamatan(out_dir / "2024" / "probolinggo", "sukapura", "Sukapura", PASIRIAN[:3],
                    nama_kabupaten="Probolinggo")
    daftar = tmp_path / "daftar.csv"
    daftar.write_text("kabupaten;kecamatan\nLumajang;Pasirian\nLumajang;Yosowilangun\nProbolinggo;Sukapura\n",
                      encoding="utf-8")
    out = renja_di_sini("rekap", "--tahun", "2024", "--output", out_dir, env={"RENJA_DAFTAR_KECAMATAN": str(daftar)})
    assert out.exit_code == 0, (out.stderr[-3000:], out.exception)
    assert ("Rekap Kabupaten Lumajang tahun 2024 (2 kecamatan dalam daftar):\n"
            "  Lengkap (1): Pasirian\n"
            "  Belum lengkap (1): Tempeh (belum ada Tabel 4.1)\n"
            "  Belum mengirim (1): Yosowilangun\n"
            "  Di luar daftar (1): Tempeh\n"
            "  Pagu kabupaten 2024: Rp 1.420; 2025: Rp 1.490\n"
            f"  → {kab / '_rekap' / 'Rekap-Lumajang-2024.xlsx'}\n") in out.stdout
    assert "Rekap Kabupaten Probolinggo tahun 2024 (1 kecamatan dalam daftar):\n  Lengkap (1): Sukapura\n" in out.stdout
    assert (out_dir / "2024" / "probolinggo" / "_rekap" / "Rekap-Probolinggo-2024.xlsx").is_file()
    assert f"  Halaman: {kab / 'index.html'}\n" in out.stdout and (kab / "index.html").is_file()
    assert f"Halaman semua kabupaten/kota tahun 2024: {out_dir / '2024' / 'index.html'}" in out.stdout
    tahun = (out_dir / "2024" / "index.html").read_text(encoding="utf-8")
    assert 'href="lumajang/index.html"' in tahun and 'href="probolinggo/index.html"' in tahun
    status = pd.read_csv(kab / "_rekap" / "status.csv")
    assert list(status["kecamatan"]) == ["Pasirian", "Yosowilangun", "Tempeh"]


@pytest.mark.prefect
def test_perintah_rekap_menunggu_kunci_run(tmp_path, renja_di_sini):
    """A rekap never reads outputs a run is replacing: it waits for the run's lock, then gives up (status 4)."""
    from flows.mesin.kunci import kunci_keluaran

    out_dir = tmp_path / "output"
    tulis_kecamatan(out_dir / "2024" / "lumajang", "pasirian", "Pasirian", PASIRIAN)
    with kunci_keluaran(out_dir):  # held here: the lock is per open file, so it stops the command in this process too
        out = renja_di_sini("rekap", "--tahun", "2024", "--output", out_dir, "--tunggu-kunci", "1")
    assert out.exit_code == 4, (out.stderr[-3000:], out.exception)
    assert "sedang dipakai proses lain" in out.stderr
    assert not (out_dir / "2024" / "lumajang" / "_rekap").exists()
