"""Tes generator kecamatan (tools/generator.py): deterministik, kecamatan nyata berbeda, jumlah yang menjumlah, campuran
kekhasan, dan pengenalan wilayah setiap kecamatan buatan yang tepat. Generator dan tes memakai contoh yang dikirim
proyek (input/Renja-Senduro-2024.xlsx), bukan teks referensinya."""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from flows.langkah.pembaca import baca_workbook
from flows.langkah.baca import baca_berkas
from flows.langkah.bagian import olah_banyak, olah_kecamatan
from flows.langkah.rapikan import kelompokkan
from flows.data.wilayah import indeks_wilayah
from tests.conftest import SAMPEL_SEMUA
from tools import generator as g
from tools.buat_sampel import TABEL, baca_tabel_sampel, soffice, susun_lembar, tulis_xlsx
from transforms.meta import slug
from transforms.wilayah import kenali_kiriman

WAKTU = datetime(2026, 11, 28, 1, 0)
N_CAMPURAN, BENIH = 12, 7
ATURAN_JUMLAH = ("jumlah-tidak-sesuai", "pagu-antar-tabel-berbeda")  # roll-up T-C.33 dan lintas tabel


# Rules that depend on the amounts themselves, which the generator varies leaf by leaf and year by year: Senduro's
# three sub-kegiatan with one amount in both years (pagu-sama-tiap-tahun) are not theirs.
ATURAN_ANGKA_KEBETULAN = ("pagu-sama-tiap-tahun",)


def _temuan(hasil) -> Counter:
    v = json.loads((Path(hasil.folder) / "validasi.json").read_text(encoding="utf-8"))
    return Counter(t["aturan"] for t in v["temuan"] if t["aturan"] not in ATURAN_ANGKA_KEBETULAN)


@pytest.fixture(scope="module")
def temuan_senduro(tmp_path_factory) -> Counter:
    """Temuan contoh Senduro yang dikirim, dihitung sekarang (bukan disalin): pembanding setiap kecamatan buatan."""
    return _temuan(olah_kecamatan([baca_berkas(SAMPEL_SEMUA)], tmp_path_factory.mktemp("senduro"), WAKTU))


@pytest.fixture(scope="module")
def campuran(tmp_path_factory):
    folder = tmp_path_factory.mktemp("campuran")
    return folder, g.buat_per_kecamatan(N_CAMPURAN, folder, seed=BENIH)


# --- determinisme dan nama -------------------------------------------------------------------------------------


def test_benih_sama_berkas_sama_benih_lain_berbeda(tmp_path):
    a = g.buat(6, tmp_path / "a", seed=3)
    b = g.buat(6, tmp_path / "b", seed=3)
    c = g.buat(6, tmp_path / "c", seed=4)
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert {p.name for p in a} != {p.name for p in c}
    if soffice():
        assert any(p.suffix == ".xls" for p in a)  # .xls dari LibreOffice juga sama byte demi byte
    assert not (tmp_path / "a" / ".xls-sementara").exists()


def _folder(u: g.Unit) -> tuple[str, str]:
    """The output folder parts of a real kecamatan: its kabupaten's slug ('kota-<name>' for a kota), its own."""
    return (slug(u.kabupaten_resmi) if u.kabupaten_resmi.startswith("Kota ") else slug(u.kabupaten), slug(u.nama))


def test_kecamatan_nyata_berbeda_dari_banyak_kabupaten():
    unit = g.unit_kecamatan(1000, seed=BENIH)
    resmi = indeks_wilayah().unit
    assert len({u.kode for u in unit}) == len({_folder(u) for u in unit}) == 1000
    assert all(resmi[u.kode].nama == u.nama and resmi[u.kode].kode_induk == u.kode_kabupaten for u in unit)
    assert len({u.kode_kabupaten for u in unit}) > 300  # many kabupaten and kota
    assert any(u.kabupaten_resmi.startswith("Kota ") for u in unit)
    assert g.KODE_REFERENSI not in {u.kode for u in g.daftar_unit()}  # Senduro is the sample's own
    assert g.unit_kecamatan(5, seed=BENIH) == unit[:5] and g.unit_kecamatan(5, seed=BENIH + 1) != unit[:5]
    lumajang = g.unit_kecamatan(20, seed=BENIH, kabupaten="Lumajang")
    assert {u.kode_kabupaten for u in lumajang} == {"35.08"} and len(lumajang) == 20
    with pytest.raises(ValueError, match="Paling banyak 20 kecamatan berbeda di Lumajang"):
        g.unit_kecamatan(21, kabupaten="Lumajang")


def test_pengenalan_seribu_kecamatan_buatan_tepat():
    """What the reader finds in each file of 1,000 generated kecamatan (titles in every clerk's style, file names
    with and without the kabupaten): every file identified as its own kecamatan."""
    rencana = g.rencana_lengkap(1000, seed=BENIH)
    assert set(Counter(r.judul for r in rencana)) == set(g.GAYA_JUDUL)
    calon = [(r, c) for r in rencana for c in g.calon_rencana(r)]
    hasil = kenali_kiriman([c for _, c in calon], indeks_wilayah())
    assert [(c.berkas, h.kode) for (r, c), h in zip(calon, hasil) if h.kode != r.unit.kode] == []
    assert len(calon) > 2500
    judul = {r.judul: h for (r, _), h in zip(calon, hasil)}
    assert "wilayah-ejaan-mirip" in {t.aturan for t in judul["salah-ketik"].temuan}


def test_tanpa_perubahan_sama_persis_dengan_contoh(tmp_path):
    """Nama Senduro, tanpa pengacak: mesin generator menulis contoh yang dikirim byte demi byte."""
    isi = g.isi_kecamatan("Senduro")
    path = tulis_xlsx(tmp_path / "senduro.xlsx", [(t.sheet, susun_lembar(isi[t.sheet], lebar=t.lebar)) for t in TABEL],
                      judul="Renja Kecamatan Senduro 2024")
    assert path.read_bytes() == SAMPEL_SEMUA.read_bytes()


def test_nama_kabupaten_tahun_camat_diganti():
    isi = g.isi_kecamatan("Kalimanis", kabupaten="Jember", tahun=2026, rng=random.Random(1))
    semua = "\n".join("\t".join(b) for t in isi.values() for b in (t.judul, *t.header, *t.baris, t.tanda_tangan))
    assert not re.search("senduro|lumajang|pujanto|19681114", semua, re.I)
    assert "KECAMATAN KALIMANIS" in isi["TC.33"].judul and "Kabupaten Jember" in isi["TC.33"].judul
    kota = g.isi_kecamatan("Beji", kabupaten="Depok", kabupaten_resmi="Kota Depok")
    assert "Kota Depok" in kota["TC.33"].judul and "KABUPATEN" not in " ".join(kota["T-C.32"].judul)
    assert "USULAN PROGRAM/KEGIATAN DARI PEMANGKU KEPENTINGAN TAHUN 2023 KOTA DEPOK" in kota["T-C.32"].judul
    assert "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2026" in isi["TC.33"].judul
    assert isi["TC.33"].tanda_tangan[:2] == ["Kalimanis, juni 2025", " CAMAT KALIMANIS"]
    assert re.fullmatch(r"\s*NIP\. \d{8} \d{6} [12] \d{3}", isi["TC.33"].tanda_tangan[-1])


# --- jumlah uang ---------------------------------------------------------------------------------------------------


def test_format_seperti_contoh():
    assert g.format_seperti(12_345_678, "10.000,000") == "12.345,678"
    assert g.format_seperti(1_234_567, "3,375.000") == "1,234.567"
    assert g.format_seperti(987, "1.000") == "987"
    assert g.format_seperti(0, "-") == "-"
    assert g.format_seperti(0, "0") == "0"


def test_struktur_yang_tidak_menjumlah_ditolak(tmp_path):
    isi = {t.sheet: baca_tabel_sampel(t) for t in TABEL}
    sel = [(i, k) for i, b in enumerate(isi["TC.33"].baris) for k, v in enumerate(b) if v == "5.136.500"]
    assert len(sel) == 1  # aktivitas 'Penyusunan Dokumen Renja' di T-C.33
    (i, k), baris = sel[0], [list(b) for b in isi["TC.33"].baris]
    baris[i][k] = "5.136.501"
    isi["TC.33"] = isi["TC.33"]._replace(baris=baris)
    rusak = tulis_xlsx(tmp_path / "rusak.xlsx", [(t.sheet, susun_lembar(isi[t.sheet], lebar=t.lebar)) for t in TABEL])
    with pytest.raises(ValueError, match="Penyusunan Dokumen Perencanaan Perangkat Daerah"):
        g.struktur(rusak)


def _cek_tidy_menjumlah(folder: Path) -> dict:
    """Jumlah di data rapi T-C.33 yang ditulis pipeline: setiap induk = jumlah anaknya; TOTAL = jumlah program;
    Tabel 4.1 = pagu butir T-C.33 pasangannya. Mengembalikan angka pokok validasi.json."""
    tc33 = pd.read_csv(folder / "data" / "TC-33.csv", dtype={"kode": str})
    utama = tc33[tc33["indikator_ke"] == 1]
    for kolom in ("pagu", "pagu_maju"):
        anak = utama.dropna(subset=[kolom]).groupby("urut_induk")[kolom].sum()
        induk = utama.set_index("urut").loc[anak.index.astype(int), kolom].fillna(0)
        assert (induk.to_numpy() == anak.to_numpy()).all(), kolom
    t41 = pd.read_csv(folder / "data" / "TabelIV-1.csv").dropna(subset=["urut_tc33", "anggaran"])
    pagu = tc33.set_index("urut")["pagu"].fillna(0)
    assert (t41["anggaran"].to_numpy() == pagu.loc[t41["urut_tc33"].astype(int)].to_numpy()).all()
    angka = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))["angka"]
    assert angka["TOTAL PAGU tertulis (tahun n)"] == angka["Jumlah pagu program (tahun n)"]
    assert angka["TOTAL PAGU tertulis (n+1)"] == angka["Jumlah pagu program (n+1)"]
    return angka


def test_jumlah_menjumlah_dan_temuan_setenang_contoh(tmp_path, temuan_senduro):
    kelompok = g.buat_per_kecamatan(3, tmp_path / "masuk", seed=BENIH, kabupaten="Lumajang", campuran=g.POLOS)
    unit = {u.kode: u for u in g.daftar_unit()}
    total = set()
    for kode, berkas in kelompok.items():
        h = olah_kecamatan([baca_berkas(p) for p in berkas], tmp_path / "keluar", WAKTU)
        assert h.folder == str(tmp_path / "keluar" / "2024" / "lumajang" / slug(unit[kode].nama))
        assert _temuan(h) == temuan_senduro  # setiap aturan, setiap jumlah: sama persis dengan contoh
        total.add(_cek_tidy_menjumlah(Path(h.folder))["TOTAL PAGU tertulis (tahun n)"])
    senduro = _cek_tidy_menjumlah_senduro(tmp_path)
    assert len(total) == 3 and senduro not in total  # jumlahnya memang lain


def _cek_tidy_menjumlah_senduro(tmp_path) -> str:
    h = olah_kecamatan([baca_berkas(SAMPEL_SEMUA)], tmp_path / "senduro", WAKTU)
    return _cek_tidy_menjumlah(Path(h.folder))["TOTAL PAGU tertulis (tahun n)"]


# --- campuran kekhasan -----------------------------------------------------------------------------------------


def test_jatah_tepat():
    rng = random.Random(0)
    assert sum(g._jatah(20, 0.25, rng)) == 5
    assert sum(g._jatah(3, 0.06, rng)) == 1  # bagian kecil tetap muncul
    assert sum(g._jatah(3, 1.0, rng)) == 3 and sum(g._jatah(3, 0.0, rng)) == 0
    assert Counter(g._jatah_bentuk(24, g.CAMPURAN_BAWAAN.bentuk, rng)) == {
        "xlsx": 13, "xlsx-per-tabel": 4, "csv-excel-id": 3, "csv-polos": 3, "xls": 1}  # sisa terbesar
    assert Counter(g._jatah_bentuk(3, {"xlsx": 0.9, "xls": 0.1}, rng)) == {"xlsx": 2, "xls": 1}
    with pytest.raises(ValueError, match="tidak dikenal"):
        g._jatah_bentuk(3, {"ods": 1.0}, rng)


def _sheet_berjudul(path: Path, judul: str) -> pd.DataFrame | None:
    """Sel sheet yang memuat sel `judul` di workbook `path` (None bila tidak ada)."""
    cells = baca_workbook(path).cells
    sheet = cells.loc[cells["nilai"] == judul, "sheet"]
    return cells[cells["sheet"] == sheet.iloc[0]] if len(sheet) else None


def test_setiap_kekhasan_muncul(campuran):
    folder, kelompok = campuran
    berkas = [p for daftar in kelompok.values() for p in daftar]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in berkas)
    assert {p.suffix for p in berkas} == ({".xlsx", ".csv", ".xls"} if soffice() else {".xlsx", ".csv"})
    assert {len(d) for d in kelompok.values()} == {1, 6}  # satu workbook, atau satu berkas per tabel
    csv = [p.read_bytes() for p in berkas if p.suffix == ".csv"]
    assert any(b.startswith(b"\xef\xbb\xbf") and b";" in b.split(b"\n")[1] for b in csv)  # excel-id
    assert any(not b.startswith(b"\xef\xbb\xbf") and b"\r\n" not in b for b in csv)  # polos
    buku = [p for p in berkas if p.suffix in (".xlsx", ".xls")]
    nama_sheet = {n for p in buku for n in CalamineWorkbook.from_path(str(p)).sheet_names}
    assert nama_sheet - {t.sheet for t in TABEL} - {"Sampul", "Sheet2", "Sheet1"}  # nama sheet lain
    assert any(CalamineWorkbook.from_path(str(p)).sheet_names[0] == "Sampul" for p in buku)  # sheet sebelum tabel
    tc33 = [c for p in buku if (c := _sheet_berjudul(p, "T-C.33")) is not None]
    awal = {(int(c["baris"].min()), int(c["kolom"].min())) for c in tc33}
    assert (1, 1) in awal and len(awal) > 1  # tabel di A1 dan bergeser
    total = [c.loc[c["baris"] == c.loc[c["nilai"] == "TOTAL PAGU", "baris"].iloc[0], "nilai"] for c in tc33]
    jenis = {type(v).__name__ for t in total for v in t if v != "TOTAL PAGU"}
    assert "str" in jenis and jenis & {"int", "float"}  # angka sebagai teks dan sebagai angka
    tc31 = [c for p in buku if (c := _sheet_berjudul(p, "Tabel 2.5 TC 3.1")) is not None]
    header = {int((c["nilai"] == "Rancangan Awal RKPD").sum()) for c in tc31}
    assert 1 in header and max(header) > 1  # header diulang di pindah halaman, dan tidak


def test_kecamatan_jadi_folder_sendiri_dan_jumlahnya_menjumlah(campuran, temuan_senduro, tmp_path):
    folder, kelompok = campuran
    bacaan = [baca_berkas(p) for p in sorted(folder.iterdir())]
    assert [b.path.name for b in bacaan if b.gagal] == []
    grup = kelompokkan(bacaan)
    unit = {u.kode: u for u in g.daftar_unit()}
    assert sorted(grup) == sorted(("2024", *_folder(unit[k])) for k in kelompok)
    assert {b.meta["kode_wilayah"] for g_ in grup.values() for b in g_} == set(kelompok)
    keluar = set()
    # all at once, as a run's part is (olah_banyak: the same outputs as one by one, tests/test_gx_banyak.py)
    for kunci, h in zip(grup, olah_banyak(list(grup.values()), tmp_path, WAKTU)):
        assert not isinstance(h, BaseException), (kunci, h)
        keluar.add(h.folder)
        temuan = _temuan(h)
        assert {a: temuan[a] for a in ATURAN_JUMLAH} == {a: temuan_senduro[a] for a in ATURAN_JUMLAH}, kunci
        _cek_tidy_menjumlah(Path(h.folder))
    assert len(keluar) == N_CAMPURAN
    assert sorted(keluar) == sorted(str(tmp_path / "2024" / Path(*_folder(unit[k]))) for k in kelompok)


def test_xls_dilewati_tanpa_libreoffice(monkeypatch, tmp_path):
    monkeypatch.setattr(g, "soffice", lambda: None)
    hanya_xls = g.Campuran(bentuk={"xls": 1.0})
    berkas = g.buat(2, tmp_path, seed=1, campuran=hanya_xls)
    assert [p.suffix for p in berkas] == [".xlsx", ".xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in berkas)
    assert {r.bentuk for r in g.rencanakan(4, 1, hanya_xls, xls=False)} == {"xlsx"}


def test_cli_sama_dengan_pustaka(tmp_path, capsys):
    g.main(["--jumlah", "3", "--keluar", str(tmp_path / "cli"), "--seed", "5", "--tanpa-xls"])
    assert capsys.readouterr().out.startswith("Ditulis 3 kecamatan, ")
    pustaka = g.buat(3, tmp_path / "pustaka", seed=5, xls=False)
    assert sorted(p.name for p in (tmp_path / "cli").iterdir()) == sorted(p.name for p in pustaka)
    assert all((tmp_path / "cli" / p.name).read_bytes() == p.read_bytes() for p in pustaka)
