"""A part held by one worker process for its three steps (flows.pipeline.bagian_task on this machine): the worker
keeps the tidied and checked kecamatan between the steps (flows.langkah.bagian ``*_simpan``), the steps' tasks
hand only a key; a worker that died in between costs the part, reported for each of its kecamatan."""
from __future__ import annotations

import os
import signal

from flows.langkah import bagian
from flows.mesin.pekerja import jalankan_terisolasi, pekerja_tetap
from flows.setelan import Setelan


def _setelan(**teks) -> Setelan:
    return Setelan.dari_lingkungan({**os.environ, **teks})


def test_bagian_tetap_di_pekerja_di_antara_langkah_lalu_dilupakan():
    st = _setelan(RENJA_PEKERJA="2")
    with pekerja_tetap(st) as pk:
        assert bagian.terisolasi(0, bagian.rapikan_simpan, "k1", [], None, pekerja=pk) == []
        pid = pk.pid
        assert jalankan_terisolasi(bagian._bagian, "k1", pekerja=pk) == {"siap": []}  # kept in that process
        assert "k1" not in bagian._SIMPANAN  # not in this one
        jalankan_terisolasi(bagian.lupakan_bagian, "k1", pekerja=pk)
        galat = bagian.terisolasi(2, bagian.periksa_simpan, "k1", pekerja=pk)
        assert pk.pid == pid  # the same worker all along
    assert len(galat) == 2 and "berhenti mendadak" in str(galat[0])


def test_pekerja_yang_mati_di_antara_langkah_menggagalkan_bagiannya_saja():
    st = _setelan(RENJA_PEKERJA="2")
    with pekerja_tetap(st) as pk:
        bagian.terisolasi(0, bagian.rapikan_simpan, "k2", [], None, pekerja=pk)
        os.kill(pk.pid, signal.SIGKILL)
        galat = bagian.terisolasi(3, bagian.periksa_simpan, "k2", pekerja=pk)  # a new worker: the part is gone
    assert len(galat) == 3 and all(isinstance(g, RuntimeError) for g in galat)
    assert "Proses pekerja yang memeriksa dan menulis 3 kecamatan ini berhenti mendadak" in str(galat[0])


def test_tanpa_isolasi_bagian_disimpan_di_proses_ini():
    st = _setelan(RENJA_ISOLASI="0")
    with pekerja_tetap(st) as pk:
        assert pk is None
        bagian.terisolasi(0, bagian.rapikan_simpan, "k3", [], None, setelan=st, pekerja=pk)
        assert bagian._SIMPANAN["k3"] == {"siap": []}
        galat = bagian.terisolasi(1, bagian.tulis_simpan, "k3", None, None, None, 4, setelan=st)  # not checked yet
        assert "berhenti mendadak" in str(galat[0])
        bagian.lupakan_bagian("k3")
        assert "k3" not in bagian._SIMPANAN


def test_pekerja_menyimpan_tabel_sendiri_dan_bagian_memuatnya(tmp_path):
    """With ``simpan_di`` the reading worker keeps the file's tables on disk itself and hands back only the record
    (where, and the layouts); loading gives the same tables as a plain read, and a file without a table is not
    kept."""
    from flows.langkah.baca import baca_berkas
    from flows.langkah.bacaan import muat_bacaan
    from tests.conftest import SAMPEL_SEMUA

    st = _setelan(RENJA_PEKERJA="1")
    letak = str(tmp_path / "1.pickle")
    b = baca_berkas(SAMPEL_SEMUA, setelan=st, simpan_di=letak)
    biasa = baca_berkas(SAMPEL_SEMUA, setelan=st)
    assert b.tabel == [] and b.disimpan == (letak, tuple(t.layout for t in biasa.tabel))
    dimuat = muat_bacaan(b)
    assert dimuat.disimpan is None and [t.layout for t in dimuat.tabel] == [t.layout for t in biasa.tabel]
    for a, c in zip(dimuat.tabel, biasa.tabel):
        assert a.tidy.equals(c.tidy) and a.temuan.equals(c.temuan) and a.total.equals(c.total)
    kosong = tmp_path / "kosong.csv"
    kosong.write_text("bukan tabel\n", encoding="utf-8")
    tanpa = baca_berkas(kosong, setelan=st, simpan_di=str(tmp_path / "2.pickle"))
    assert tanpa.gagal is not None and tanpa.disimpan is None and not (tmp_path / "2.pickle").exists()


def test_panaskan_pekerja_membekukan_yang_dimuat():
    """A worker's warm-up leaves what it loaded out of the collector's full collections (gc.freeze)."""
    import subprocess
    import sys

    kode = ("import gc; from flows.langkah.bagian import panaskan_pekerja; n = gc.get_freeze_count(); "
            "panaskan_pekerja(); print(n, gc.get_freeze_count())")
    sebelum, sesudah = map(int, subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True,
                                              check=True).stdout.split())
    assert sebelum == 0 and sesudah > 100_000
