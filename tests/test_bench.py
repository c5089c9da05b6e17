"""Tes bench (tools/bench.py): kategori profil, pengukuran pohon proses, lantai, tabel; satu jalan kecil sungguhan.

Tidak ada tes yang menilai waktu: angka waktu hanya dicetak; yang diuji adalah isi dan bentuknya. Jalan kecil itu
menjalankan mesin bench dengan jumlah terkecil di server Prefect sesi tes (tanpa mengukur apa pun yang berarti)."""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from flows.langkah.pembaca import baca_workbook
from tools import bench

REPO = Path(__file__).resolve().parents[1]
PAKET = REPO / ".venv" / "lib" / "python3.11" / "site-packages"


def test_kategori_menurut_modul():
    assert bench.kategori(str(REPO / "flows" / "langkah" / "pembaca.py"), "baca_workbook") == "membaca"
    assert bench.kategori(str(REPO / "flows" / "langkah" / "penjaga.py"), "periksa_berkas") == "membaca"
    assert bench.kategori(str(REPO / "transforms" / "tc33.py"), "tidy_tc33") == "menormalkan"
    assert bench.kategori(str(REPO / "flows" / "langkah" / "periksa.py"), "jalankan_harapan") == "memvalidasi"
    assert bench.kategori(str(REPO / "flows" / "langkah" / "tulis" / "tc33.py"), "tulis_tc33") == "menulis"
    assert bench.kategori(str(REPO / "flows" / "langkah" / "tulis" / "laporan.py"), "render_laporan") == "menulis"
    assert bench.kategori(str(REPO / "flows" / "langkah" / "bagian.py"), "olah_kecamatan") == "lain"
    assert bench.kategori(str(PAKET / "prefect" / "flow_engine.py"), "run_flow") == "orkestrasi"
    assert bench.kategori(str(PAKET / "great_expectations" / "core" / "x.py"), "f") == "memvalidasi"
    assert bench.kategori(str(PAKET / "xlsxwriter" / "worksheet.py"), "write") == "menulis"
    assert bench.kategori(str(PAKET / "openpyxl" / "reader" / "excel.py"), "load") == "membaca"
    assert bench.kategori("~", "<method 'to_python' of 'builtins.CalamineSheet' objects>") == "membaca"
    # ikut pemanggil: pustaka lain, pustaka standar, fungsi bawaan lain, kode buatan saat jalan
    assert bench.kategori(str(PAKET / "pandas" / "core" / "frame.py"), "__getitem__") is None
    assert bench.kategori("/usr/lib/python3.11/json/encoder.py", "encode") is None
    assert bench.kategori("~", "<built-in method time.sleep>") is None
    assert bench.kategori("<frozen importlib._bootstrap>", "_find_and_load") is None


def test_waktu_fungsi_pustaka_ikut_pemanggilnya():
    olah = (str(REPO / "flows" / "langkah" / "bagian.py"), 1, "olah")
    tc33 = (str(REPO / "transforms" / "tc33.py"), 1, "tidy")
    gx = (str(REPO / "flows" / "langkah" / "periksa.py"), 1, "harapan")
    pandas = (str(PAKET / "pandas" / "core" / "frame.py"), 1, "merge")
    engine = (str(PAKET / "prefect" / "flow_engine.py"), 1, "run")
    tidur = ("~", 0, "<built-in method time.sleep>")
    baca = ("~", 0, "<method 'to_python' of 'builtins.CalamineSheet' objects>")
    stats = {  # fungsi: (cc, nc, tottime, cumtime, {pemanggil: (cc, nc, tottime, cumtime)})
        engine: (1, 1, 0.5, 10.0, {}),
        tidur: (1, 1, 2.0, 2.0, {engine: (1, 1, 2.0, 2.0)}),
        olah: (1, 1, 0.2, 7.5, {engine: (1, 1, 0.2, 7.5)}),
        tc33: (1, 1, 1.0, 4.0, {olah: (1, 1, 1.0, 4.0)}),
        gx: (1, 1, 0.5, 1.5, {olah: (1, 1, 0.5, 1.5)}),
        # pandas dipanggil tidy (3 s) dan harapan (1 s), juga dirinya sendiri (rekursi: diabaikan)
        pandas: (2, 3, 4.0, 4.0, {tc33: (1, 1, 3.0, 3.0), gx: (1, 1, 1.0, 1.0), pandas: (1, 1, 0.0, 1.0)}),
        baca: (1, 1, 0.25, 0.25, {olah: (1, 1, 0.25, 0.25)}),
    }
    assert bench.waktu_per_kategori(stats) == pytest.approx({
        "membaca": 0.25, "menormalkan": 1.0 + 3.0, "memvalidasi": 0.5 + 1.0, "menulis": 0.0,
        "orkestrasi": 0.5 + 2.0, "lain": 0.2})


def test_rekursi_antar_fungsi_pustaka_tetap_sampai_ke_kategori():
    """a ⇄ b saling memanggil; hanya b yang dipanggil dari transforms: waktu keduanya ke menormalkan, dari urutan
    mana pun sebarannya dihitung."""
    tc33 = (str(REPO / "transforms" / "tc33.py"), 1, "tidy")
    a = (str(PAKET / "pandas" / "core" / "a.py"), 1, "a")
    b = (str(PAKET / "numpy" / "core" / "b.py"), 1, "b")
    for urutan in ((tc33, a, b), (b, a, tc33)):
        nilai = {tc33: (1, 1, 0.5, 4.5, {}),
                 a: (1, 2, 1.0, 2.0, {b: (1, 2, 1.0, 2.0)}),
                 b: (1, 2, 3.0, 4.0, {tc33: (1, 1, 3.0, 4.0), a: (1, 1, 0.5, 1.5)})}
        stats = {f: nilai[f] for f in urutan}
        assert bench.waktu_per_kategori(stats) == pytest.approx(
            {"membaca": 0.0, "menormalkan": 4.5, "memvalidasi": 0.0, "menulis": 0.0, "orkestrasi": 0.0, "lain": 0.0})


def test_ukur_proses_menjumlah_pohon_prosesnya():
    cucu = "import time; b = b'x' * (160 * 2**20); time.sleep(1.5)"
    anak = f"import subprocess, sys; sys.exit(subprocess.run([sys.executable, '-c', {cucu!r}]).returncode)"
    u = bench.ukur_proses([sys.executable, "-c", anak], selang=0.05)
    assert u.status == 0
    assert u.proses_maks == 2
    assert u.puncak >= 160 * 2**20  # memori cucu terhitung: seluruh pohon, bukan proses yang dijalankan saja


def test_ukur_proses_tanpa_sampel_waktu_dan_status_saja():
    """The cold start's timed runs: no memory sample (peak 0), the wall time and the status still measured."""
    u = bench.ukur_proses([sys.executable, "-c", "import sys, time; time.sleep(0.3); sys.exit(3)"], selang=None)
    assert (u.status, u.puncak, u.proses_maks) == (3, 0, 0)
    assert u.detik >= 0.3


def test_cold_start_memori_dari_jalan_bersampel_waktu_median_tanpa_sampel(monkeypatch):
    """The cold start's row (bench.ukur_cold): the first run sampled (its peak and process count), the next ones
    without samples (their median time), the worst status of all; without repeats the sampled run's own numbers."""
    jalan = iter([bench.Ukuran(9.0, 500, 0, 3), bench.Ukuran(6.0, 0, 0, 0), bench.Ukuran(8.0, 0, 2, 0),
                  bench.Ukuran(7.0, 0, 0, 0)])
    panggilan = []

    def ukur(argv, *, env=None, log=None, selang=bench.SELANG_SAMPEL):
        panggilan.append((tuple(argv), selang))
        return next(jalan)

    monkeypatch.setattr(bench, "ukur_proses", ukur)
    assert bench.ukur_cold(["renja", "run"], {}, None, 3) == bench.Ukuran(7.0, 500, 2, 3)
    assert panggilan == [(("renja", "run"), bench.SELANG_SAMPEL)] + [(("renja", "run"), None)] * 3
    jalan = iter([bench.Ukuran(9.0, 500, 1, 3)])
    assert bench.ukur_cold(["renja", "run"], {}, None, 0) == bench.Ukuran(9.0, 500, 1, 3)


def test_lantai_membaca_dan_menulis_semua_sel(tmp_path):
    from tools.generator import Campuran, buat_per_kecamatan

    kelompok = buat_per_kecamatan(2, tmp_path / "masuk", seed=2,
                                  campuran=Campuran(bentuk={"xlsx": 1.0, "csv-excel-id": 1.0}))
    lt = bench.lantai(kelompok, tmp_path / "lantai")
    berkas = [p for d in kelompok.values() for p in d]
    assert (lt.kecamatan, lt.berkas) == (2, 7)
    assert lt.sel == sum(len(baca_workbook(p).cells) for p in berkas)
    assert sorted(p.name for p in (tmp_path / "lantai").iterdir()) == ["00000.xlsx", "00001.xlsx"]


def _hasil(cold: float, besar_n: int, besar_detik: float, puncak: int) -> bench.HasilBench:
    def batch(n, detik):
        return bench.Batch(n, n * 2, bench.Ukuran(detik, puncak, 0, 3), bench.Lantai(0.03 * n, 2700 * n, n * 2, n))

    return bench.HasilBench(7, bench.Ukuran(cold, puncak // 2, 0, 2), batch(21, cold + 20 * 1.0),
                            batch(besar_n, besar_detik), dict.fromkeys(bench.KATEGORI, 1.0), 21, 4.2, None,
                            datetime(2026, 11, 28, 13, 0), bench.Identifikasi(1000, 2950, 0.59, 2950, 398, 0.5,
                                                                              besar_n))


def test_tabel_punya_setiap_baris_dan_menilai_sasaran():
    rows = bench.baris_tabel(_hasil(cold=8.0, besar_n=1000, besar_detik=310.0, puncak=2**30))
    assert [r[0] for r in rows] == list(bench.BARIS)
    catatan = {r[0]: r[-1] for r in rows}
    assert catatan["sasaran cold start"] == "tercapai"
    assert catatan["sasaran waktu 1000"] == "TIDAK tercapai"
    assert catatan["sasaran memori 1000"] == "TIDAK tercapai"
    assert catatan["sasaran rasio"] == "TIDAK tercapai"  # 0,31 s / 0,03 s per kecamatan
    assert catatan["sasaran identifikasi"] == "tercapai"  # 0,2 ms per file, all exact
    assert catatan["identifikasi"].startswith("tepat 2950/2950 berkas")
    per = {r[0]: r[4] for r in rows}
    assert per["rasio besar"] == "10×" and per["batch besar"] == "0,31 s"
    teks = bench.tabel(_hasil(cold=20.0, besar_n=1000, besar_detik=100.0, puncak=2**30))
    assert len(teks.splitlines()) == 3 + len(bench.BARIS)
    assert "| sasaran: cold start ≤ 8 s" in teks and "TIDAK tercapai" in teks


def test_identifikasi_terukur_dan_tepat():
    i = bench.ukur_identifikasi(60, seed=3)
    assert (i.kecamatan, i.tepat) == (60, i.berkas) and i.berkas >= 60 and i.detik > 0
    assert [r[0] for r in bench.baris_identifikasi(i)] == ["identifikasi", "sasaran identifikasi"]


@pytest.mark.prefect
def test_bench_kecil_sungguhan(tmp_path, prefect_api, monkeypatch):
    """Satu jalan mesin bench dengan jumlah terkecil (batch kecil = batch besar = 2 kecamatan: satu `renja run` untuk
    keduanya; profil 1 kecamatan di foldernya sendiri; identifikasi 20; satu proses pekerja per run): setiap baris
    ada, setiap `renja run` (dan jalan profilnya) berhasil. Cold start sekali, dengan sampel memori: ulangannya
    tanpa sampel (satu `renja run` lagi, ~7 CPU-s) diuji tersendiri (ukur_cold, ukur_proses tanpa sampel)."""
    monkeypatch.setenv("RENJA_PEKERJA", "1")  # angka tidak dinilai: satu pekerja cukup untuk mesinnya
    h = bench.jalankan(jumlah=2, jumlah_kecil=2, profil_jumlah=1, seed=1, folder=tmp_path / "bench",
                       api=prefect_api, identifikasi_jumlah=20, ulang_cold=0)
    assert (h.cold.status, h.kecil.ukuran.status, h.besar.ukuran.status) == (0, 0, 0)
    assert h.cold.puncak > 0 and h.cold.proses_maks >= 1  # the cold start's memory sampled
    assert (h.kecil.n, h.besar.n, h.profil_n) == (2, 2, 1)
    assert h.besar is h.kecil  # the same batch: run once
    assert sorted(p.name for p in (tmp_path / "bench").iterdir() if p.name.startswith("keluar-")) == [
        "keluar-kecil", "keluar-profil", "keluar-satu"]
    assert h.kecil.lantai.sel > 0 and h.besar.lantai.kecamatan == 2
    assert set(h.profil) == set(bench.KATEGORI) and sum(h.profil.values()) > 0
    assert [r[0] for r in bench.baris_tabel(h)] == list(bench.BARIS)
    assert len(bench.tabel(h).splitlines()) == 3 + len(bench.BARIS)
    assert h.identifikasi.tepat == h.identifikasi.berkas and h.identifikasi.keluaran_tepat == 2
