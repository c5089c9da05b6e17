"""The T-C.33 expectation suite on real frames: no false alarm on the sample, a broken sum is caught."""
from __future__ import annotations

import pytest

from flows.langkah.pembaca import baca_workbook
from flows.langkah.periksa import jalankan_harapan
from schemas.suites import SUITE_TC33
from schemas.tc33 import LAYOUT
from transforms.angka import rupiah_series
from transforms.periksa import frame_item, frame_rollup
from transforms.tabel import cari_tabel
from transforms.tc33 import tidy_tc33


@pytest.fixture(scope="module")
def sampel_tabel(sampel):
    isi = baca_workbook(sampel)
    t = cari_tabel(isi.cells, isi.merges, [LAYOUT])[0]
    tot = t.baris[t.baris["jenis"] == "total"]
    total = tot[["sheet", "baris"]].assign(pagu=rupiah_series(tot["pagu"])["nilai"],
                                           pagu_maju=rupiah_series(tot["pagu_maju"])["nilai"])
    return tidy_tc33(t.baris).tidy, total


def _temuan(tidy, total):
    return jalankan_harapan({"item": frame_item(tidy), "rollup": frame_rollup(tidy, total)}, SUITE_TC33)


def test_sampel_tanpa_alarm_palsu_jumlah(sampel_tabel):
    tidy, total = sampel_tabel
    rollup = frame_rollup(tidy, total)
    assert len(rollup) == 62  # every parent with children, both years, and the TOTAL row
    temuan = _temuan(tidy, total)
    assert "jumlah-tidak-sesuai" not in set(temuan["aturan"])
    assert "pemeriksaan-gagal" not in set(temuan["aturan"])
    # The real problems of the sample: one kode written for three different items.
    ganda = temuan[temuan["aturan"] == "kode-ganda"]
    assert list(ganda["baris"]) == [33, 37, 38]
    assert set(temuan["aturan"]) == {"kode-ganda", "kode-tidak-sah", "letak-tidak-sesuai-kode"}


def test_jumlah_rusak_tertangkap_di_setiap_tingkat(sampel_tabel):
    tidy, total = sampel_tabel
    rusak = tidy.copy()
    # an aktivitas of 7.01.01.2.06.0004 changed: its sub-kegiatan no longer adds up (2024 only)
    i = rusak.index[(rusak["level"] == "aktivitas") & (rusak["nama"] == "Benda Pos")][0]
    rusak.loc[i, "pagu"] = 1_000_001
    # a kegiatan's 2025 amount changed: it no longer equals its sub-kegiatan, nor its program the kegiatan
    j = rusak.index[(rusak["kode"] == "7.01.03.2.06") & (rusak["level"] == "kegiatan")][0]
    rusak.loc[j, "pagu_maju"] = 62_520_001
    temuan = _temuan(rusak, total)
    salah = temuan[temuan["aturan"] == "jumlah-tidak-sesuai"]
    assert sorted(zip(salah["kode"], salah["field"])) == [
        ("7.01.01.2.06.0004", "pagu"), ("7.01.03", "pagu_maju"), ("7.01.03.2.06", "pagu_maju")]
    pesan = salah[salah["kode"] == "7.01.01.2.06.0004"]["pesan"].iloc[0]
    assert "36.608.193" in pesan and "36.608.194" in pesan


def test_total_pagu_tertulis_diperiksa(sampel_tabel):
    tidy, total = sampel_tabel
    salah_total = total.assign(pagu=total["pagu"] + 1)
    temuan = _temuan(tidy, salah_total)
    salah = temuan[temuan["aturan"] == "jumlah-tidak-sesuai"]
    assert list(zip(salah["baris"], salah["field"])) == [(140, "pagu")]


def test_sumber_dana_kosong_dan_pagu_negatif(sampel_tabel):
    tidy, total = sampel_tabel
    rusak = tidy.copy()
    k = rusak.index[rusak["kode"] == "7.01.04.2.01.0002"][0]
    rusak.loc[k, "sumber_dana"] = None
    rusak.loc[k, "pagu_maju"] = -5
    temuan = _temuan(rusak, total)
    assert list(temuan[temuan["aturan"] == "sumber-dana-kosong"]["kode"]) == ["7.01.04.2.01.0002"]
    assert list(temuan[temuan["aturan"] == "pagu-negatif"]["field"]) == ["pagu_maju"]


def test_dua_bagian_tc31_menyebut_kedua_sel(tmp_path):
    """T-C.31's two halves naming different items: a suite finding that names both cells (reference row 381)."""
    import json

    from flows.langkah.bagian import olah_workbook
    from tests.conftest import SAMPEL_SEMUA

    olah_workbook(SAMPEL_SEMUA, tmp_path)
    v = json.loads((tmp_path / "2024" / "lumajang" / "senduro" / "validasi.json").read_text(encoding="utf-8"))
    beda = [t for t in v["temuan"] if t["aturan"] == "nama-berbeda-antar-bagian"]
    assert [(t["sheet"], t["sel"], t["tingkat"]) for t in beda] == [("TC 3.1", "G22", "peringatan")]
    assert beda[0]["pesan"] == (
        "Nama program/kegiatan berbeda antar bagian T-C.31: Rancangan Awal RKPD 'Administrasi Keuangan Perangkat "
        "Daerah' (B22) dan Hasil Analisis Kebutuhan 'Ke3giatan Administrasi Keuangan Perangkat Daerah' (G22); "
        "kemiripan 88%.")
