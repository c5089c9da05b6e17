"""Kode and level decided by names for rows without a kode (transforms.menurut_nama), on the invented list NOMEN_MINI:
Tabel 4.1's levels whatever its indicators say, a program found from its items, nothing taken from another program,
T-C.29's rows written without kode, T-C.31's doubtful levels."""
from __future__ import annotations

import pandas as pd

from schemas import tabel41 as s41
from schemas import tc29 as s29
from schemas import tc31 as s31
from schemas.aturan import KOLOM_TEMUAN_MENTAH
from tests.test_nomenklatur import NOMEN_MINI
from transforms.temuan import frame_temuan
from transforms.menurut_nama import putuskan, tabel41_menurut_nama, tc29_menurut_nama, tc31_menurut_nama
from transforms.nomenklatur import siapkan_daftar

DAFTAR = siapkan_daftar(NOMEN_MINI)


def _tidy(kolom: tuple[str, ...], baris: list[dict]) -> pd.DataFrame:
    rows = [{**{k: None for k in kolom}, "sheet": "S", "baris": 10 + i, "indikator_ke": 1, **b}
            for i, b in enumerate(baris)]
    df = pd.DataFrame(rows, columns=list(kolom))
    return df.astype({k: "Int64" for k in ("urut", "indikator_ke", "baris") if k in kolom})


def _temuan(aturan, kode: str, tidy: pd.DataFrame, baris: list[int], **extra) -> pd.DataFrame:
    rows = tidy.set_index("baris")
    return frame_temuan([aturan[kode].temuan({"sheet": "S", "baris": b, "nama": rows.at[b, "nama"]}, "nama",
                                             rows.at[b, "nama"], nama=rows.at[b, "nama"], **extra) for b in baris])


def test_tabel41_tingkat_dari_nama_bukan_dari_indikator():
    """Every kegiatan of a program is a kegiatan — not only the first one — whatever its indicator says."""
    tidy = _tidy(s41.TIDY_COLUMNS, [
        {"level": "program", "nama": "Program Penataan Lingkungan", "indikator": "Persentase lingkungan tertata"},
        {"level": "kegiatan", "nama": "Penataan Taman dan Ruang Terbuka", "indikator": "Jumlah taman"},
        {"level": "sub_kegiatan", "nama": "Perawatan Bangku Taman", "indikator": "Jumlah bangku",
         "target": "5 Paket", "target_satuan": "Paket"},
        {"level": "sub_kegiatan", "nama": "Pengelolaan Sampah Lingkungan", "indikator": "Jumlah sampah"},
        {"level": None, "nama": "pengangkutan sampah  pasar"},
        {"level": "sub_kegiatan", "nama": "Penyapuan Jalan Kota", "indikator": "Jumlah jalan"},
    ])
    temuan = _temuan(s41.ATURAN, "level-tidak-diketahui", tidy, [14])
    h = tabel41_menurut_nama(tidy, temuan, DAFTAR)
    assert list(h.tidy["level"]) == ["program", "kegiatan", "sub_kegiatan", "kegiatan", "sub_kegiatan",
                                     "sub_kegiatan"]
    assert list(h.tidy["kode"]) == ["9.01.01", "9.01.01.2.01", "9.01.01.2.01.0003", "9.01.01.2.02",
                                    "9.01.01.2.02.0001", None]
    assert list(h.tidy["keyakinan"].astype(object).fillna("-")) == [1.0, 1.0, 1.0, 1.0, 1.0, "-"]
    assert list(h.tidy.columns) == [*s41.TIDY_COLUMNS, "kode", "keyakinan"]
    # the row without indicator is a sub-kegiatan by its name: no level-tidak-diketahui left; the unit is not the
    # list's (Unit)
    assert [(t.baris, t.aturan) for t in h.temuan.itertuples()] == [(12, "satuan-tidak-sesuai-nomenklatur")]
    ragu = tabel41_menurut_nama(tidy, temuan, DAFTAR, laporkan_ragu=True).temuan
    (t,) = ragu[ragu["aturan"] == "kode-tidak-pasti"].itertuples()
    assert (t.baris, t.field, t.tingkat) == (15, "kegiatan", "peringatan")
    assert t.pesan.startswith("Kode (tidak ditulis) baris 'Penyapuan Jalan Kota' tidak dapat dipastikan (tabel tanpa "
                              "kolom kode; tingkatnya dibaca dari tata letak)")


def test_program_dari_butir_di_bawahnya():
    """A program whose name is near (≥ AMBANG_NAMA_SESUAI) but not sure takes the program of its first decided
    item; one whose name is far does not, though its items still decide."""
    baris = [{"nama": "Program Penataan Lingkungan Hidup", "petunjuk": "program"},
             {"nama": "Penataan Taman dan Ruang Terbuka"},
             {"nama": "Program Kesejahteraan", "petunjuk": "program"},
             {"nama": "Pelayanan Administrasi Warga"}]
    p = putuskan(baris, DAFTAR)
    assert [x.kode if x else None for x in p] == ["9.01.01", "9.01.01.2.01", None, "9.01.02.2.01"]
    assert 0.8 <= p[0].skor < 0.9


def test_nama_milik_program_lain_tidak_diambil():
    """Under program 9.01.02 a name of 9.01.01 decides nothing (the row sits under the wrong program)."""
    baris = [{"nama": "Program Pelayanan Warga", "petunjuk": "program"},
             {"nama": "Perawatan Bangku Taman"},
             {"nama": "Penerbitan Surat Keterangan Warga"}]
    assert [x.kode if x else None for x in putuskan(baris, DAFTAR)] == ["9.01.02", None, "9.01.02.2.01.0002"]


def test_tc29_baris_tanpa_kode_diputuskan_namanya():
    tidy = _tidy(s29.TIDY_COLUMNS, [
        {"urut": 1, "kode": "9.01.01", "kode_asli": "9.01.01", "level": "program", "nama": "Program Penataan"},
        {"urut": 2, "kode": "9.01.01.2.01", "kode_asli": "9.01.01.2.01", "level": "kegiatan", "nama": "Taman"},
        {"urut": 3, "nama": "Perawatan Bangku Taman"},
        {"urut": 4, "nama": "Perawatan Bangku Taman", "indikator_ke": 2},
        {"urut": 5, "nama": "Sesuatu yang lain sama sekali"},
    ])
    temuan = _temuan(s29.ATURAN, "level-tidak-diketahui", tidy, [12, 14])
    h = tc29_menurut_nama(tidy, temuan, DAFTAR)
    assert list(h.tidy["kode"]) == ["9.01.01", "9.01.01.2.01", "9.01.01.2.01.0003", "9.01.01.2.01.0003", None]
    assert list(h.tidy["level"]) == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan", None]
    assert list(h.tidy["kode_aturan"]) == [None, None, "kode-dari-nama", "kode-dari-nama", None]
    assert list(h.tidy.columns) == list(s29.TIDY_COLUMNS)
    assert [(t.baris, t.aturan, t.tingkat) for t in h.temuan.itertuples()] == [
        (12, "kode-dari-nama", "peringatan"), (14, "level-tidak-diketahui", "galat")]
    assert h.temuan["pesan"].iloc[0] == (
        "Kode (tidak ditulis) diganti menjadi 9.01.01.2.01.0003 berdasarkan nama 'Perawatan Bangku Taman' (tidak "
        "berkode); keyakinan 1,00. Nama resmi: 'Perawatan Bangku Taman'.")
    assert list(h.temuan.columns) == list(KOLOM_TEMUAN_MENTAH)


def test_tc31_tingkat_dari_nama_ragu_hilang():
    tidy = _tidy(s31.TIDY_COLUMNS, [
        {"level": "program", "level_dari": "nomor", "no": "1", "nama": "Penataan Lingkungan",
         "nama_hasil": "Penataan Lingkungan"},
        {"level": "sub_kegiatan", "level_dari": "baris-atas", "nama": "Pengelolaan Sampah Lingkungan",
         "nama_hasil": "Pengelolaan Sampah Lingkungan"},
        {"level": "sub_kegiatan", "level_dari": "indikator", "nama": "Lain-lain", "nama_rkpd": "Lain-lain"},
    ])
    temuan = _temuan(s31.ATURAN, "level-ragu", tidy, [11, 12], keterangan="x", level="sub-kegiatan")
    h = tc31_menurut_nama(tidy, temuan, DAFTAR, laporkan_ragu=True)
    assert list(h.tidy["level"]) == ["program", "kegiatan", "sub_kegiatan"]
    assert list(h.tidy["level_dari"]) == ["nomenklatur", "nomenklatur", "indikator"]
    assert list(h.tidy["kode"]) == ["9.01.01", "9.01.01.2.02", None]
    assert [(t.baris, t.aturan, t.field) for t in h.temuan.itertuples()] == [
        (12, "level-ragu", "nama"), (12, "kode-tidak-pasti", "nama_rkpd")]
