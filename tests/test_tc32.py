"""T-C.32 (Usulan program/kegiatan dari pemangku kepentingan): recognition, NIHIL as an empty table, proposals."""
from __future__ import annotations

import pandas as pd

from schemas import tabel41, tc31, tc33
from schemas.keluaran import NOMOR as KIND_NOMOR
from schemas.keluaran import TARGET
from schemas.tc32 import KELUARAN, LAYOUT, TIDY_COLUMNS
from tests.conftest import cells_dari_baris, cells_referensi, merges_kosong
from transforms.sel import lipat
from transforms.tabel import cari_tabel
from transforms.tc32 import tidy_tc32

HEADER = ["No", "Program", "Kegiatan", "Lokasi", "Indikator Kinerja", "Volume"]
HEADER_BAKU = ["No", "Program/Kegiatan", "Lokasi", "Indikator", "Besaran/Volume", "Catatan"]
NOMOR = [1, 2, 3, 4, 5, 6]
USULAN = [1, "Program Pemberdayaan Masyarakat", "Pelatihan Kader", "Desa Burno", "Jumlah kader terlatih",
          "20 Orang"]


def _tabel(*baris, layouts=(LAYOUT,)):
    tabel = cari_tabel(cells_dari_baris(list(baris)), merges_kosong(), list(layouts))
    assert len(tabel) == 1
    return tabel[0]


def _tidy(*baris, header=HEADER):
    return tidy_tc32(_tabel(header, NOMOR, *baris).baris)


def _aturan(h):
    return list(h.temuan["aturan"])


def test_referensi_satu_tabel_nihil():
    tabel = cari_tabel(cells_referensi(), merges_kosong(), [LAYOUT])
    assert len(tabel) == 1
    t = tabel[0]
    assert (t.baris_header, t.jumlah_baris_header) == (486, 1)
    assert t.peta_kolom == {"no": 1, "program": 2, "kegiatan": 3, "lokasi": 4, "indikator": 5, "volume": 6}
    assert "Tabel 2.6 T-C.32" in t.judul
    assert LAYOUT.judul_cocok(lipat(" ".join(t.judul)))
    h = tidy_tc32(t.baris)
    assert h.nihil is True
    assert h.tidy.empty and tuple(h.tidy.columns) == TIDY_COLUMNS
    assert h.temuan[["baris", "aturan", "tingkat", "nilai"]].values.tolist() == [
        [488, "tabel-nihil", "info", "NIHIL"],
        [632, "akhir-tabel", "info", "T-C.33"]]  # the next table (in the reference text: the heading at line 490)
    assert h.temuan.at[0, "pesan"] == "Tabel T-C.32 bertanda 'NIHIL': tidak ada usulan dari pemangku kepentingan."


def test_nihil_di_kolom_mana_saja_berarti_tabel_kosong():
    h = _tidy([None, None, "- NIHIL -"])
    assert (h.nihil, len(h.tidy)) == (True, 0)
    assert _aturan(h) == ["tabel-nihil"]
    h = _tidy(["Nihil", "NIHIL", "Nihil", "Nihil", "Nihil", "Nihil"])
    assert (h.nihil, len(h.tidy)) == (True, 0)


def test_tabel_tanpa_usulan_dan_tanpa_nihil_diperingatkan():
    h = _tidy([], [])
    assert (h.nihil, len(h.tidy)) == (False, 0)
    assert _aturan(h) == ["tabel-kosong"]
    assert h.temuan.at[0, "tingkat"] == "peringatan"


def test_usulan_menjadi_baris_tidy():
    kedua = [2, "Program Penyelenggaraan Pemerintahan", None, "Kec. Senduro", "Jumlah dokumen", "12 Dokume n"]
    h = _tidy(USULAN, kedua)
    t = h.tidy
    assert h.nihil is False
    assert tuple(t.columns) == TIDY_COLUMNS
    assert list(t["urut"]) == [1, 2]
    assert list(t["no"]) == ["1", "2"]
    assert list(t["program_kegiatan"]) == ["Program Pemberdayaan Masyarakat / Pelatihan Kader",
                                           "Program Penyelenggaraan Pemerintahan"]
    assert list(t["volume_nilai"]) == [20.0, 12.0]
    assert list(t["volume_satuan"]) == ["Orang", "Dokumen"]
    assert list(t["baris"]) == [3, 4]
    assert h.temuan.empty


def test_nihil_bersama_usulan_dilewati_dan_diperingatkan():
    h = _tidy(USULAN, ["NIHIL"])
    assert (h.nihil, len(h.tidy)) == (False, 1)
    assert _aturan(h) == ["nihil-bersama-usulan"]


def test_teks_terpotong_digabung_ke_usulan_di_atasnya():
    lanjut = [None, None, "Desa Wisata", None, "yang dibina"]
    h = _tidy(USULAN, lanjut, [2, "Program B", "Kegiatan B", "Desa Ranupani", "Jumlah", "1 Paket"])
    t = h.tidy
    assert list(t["kegiatan"]) == ["Pelatihan Kader Desa Wisata", "Kegiatan B"]
    assert t.at[0, "indikator"] == "Jumlah kader terlatih yang dibina"
    assert t.at[0, "baris_lanjutan"] == "4"


def test_volume_tidak_terbaca_dilaporkan():
    h = _tidy([1, "Program A", "Kegiatan A", "Desa X", "Jumlah", "secukupnya"])
    assert pd.isna(h.tidy.at[0, "volume_nilai"])
    assert _aturan(h) == ["target-tidak-terbaca"]
    assert (h.temuan.at[0, "field"], h.temuan.at[0, "nilai"]) == ("volume", "secukupnya")


def test_header_bentuk_baku_dikenali():
    t = _tabel(HEADER_BAKU, NOMOR, [1, "Program A", "Desa X", "Jumlah", "2 Unit", "usulan Musrenbang"])
    assert t.peta_kolom == {"no": 1, "program": 2, "lokasi": 3, "indikator": 4, "volume": 5, "catatan": 6}
    h = tidy_tc32(t.baris)
    assert (h.tidy.at[0, "program_kegiatan"], h.tidy.at[0, "catatan"]) == ("Program A", "usulan Musrenbang")
    assert pd.isna(h.tidy.at[0, "kegiatan"])


def test_tidak_tertukar_dengan_tabel_lain():
    tabel_41 = [["No", "Program", "Kegiatan/ Sub Kegiatan", "Indikator", "Target", "Anggaran", "Sumber Dana"]]
    tc33_satu = [["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Lokasi", "Target", "Pagu Indikatif"]]
    for baris in (tabel_41, tc33_satu):
        assert cari_tabel(cells_dari_baris(baris), merges_kosong(), [LAYOUT]) == []
    sendiri = cells_dari_baris([HEADER, NOMOR, USULAN])
    assert cari_tabel(sendiri, merges_kosong(), [tc31.LAYOUT, tc33.LAYOUT, tabel41.LAYOUT]) == []


def test_keluaran_bentuk_baku():
    assert (KELUARAN.file, KELUARAN.sheet, KELUARAN.kosong_teks) == ("TC-32.xlsx", "T-C.32", "NIHIL")
    assert [k.header for k in KELUARAN.kolom] == HEADER_BAKU
    assert [k.nomor for k in KELUARAN.kolom] == ["1", "2", "3", "4", "5", "6"]
    assert [k.kind for k in KELUARAN.kolom if k.kind != "text"] == [KIND_NOMOR, TARGET]
    assert all(k.field in TIDY_COLUMNS for k in KELUARAN.kolom)
    judul = " ".join(KELUARAN.judul)
    assert all(p in judul for p in ("{n_1}", "{kabupaten}", "{kecamatan}"))  # proposals made in year n-1
