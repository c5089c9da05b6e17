"""Safe writing (flows.mesin.berkas): a file is synced and renamed into place whole; within ``tulis_bertahap`` those
two steps run in one background thread, in the order written, and the block ends only when every file is in place."""
from __future__ import annotations

import os
import threading

import pytest

from flows.mesin import berkas
from flows.mesin.berkas import selaraskan, tulis_bertahap, tulis_teks


def _catat_fsync(monkeypatch) -> list[str]:
    """The names of the threads that call fsync, in order."""
    utas: list[str] = []
    asli = os.fsync

    def fsync(fd):
        utas.append(threading.current_thread().name)
        return asli(fd)

    monkeypatch.setattr(berkas.os, "fsync", fsync)
    return utas


def test_tanpa_blok_langsung_di_tempat(tmp_path, monkeypatch):
    utas = _catat_fsync(monkeypatch)
    tulis_teks("a", tmp_path / "a.txt")
    assert (tmp_path / "a.txt").read_text() == "a" and utas == [threading.current_thread().name]


def test_bertahap_di_latar_berurutan_lalu_lengkap(tmp_path, monkeypatch):
    utas = _catat_fsync(monkeypatch)
    urutan: list[str] = []
    asli = os.replace
    lepas = threading.Event()

    def ganti(a, b):
        lepas.wait(30)  # held until this thread has written all three: the writing did not wait for it
        urutan.append(os.path.basename(b))
        return asli(a, b)

    monkeypatch.setattr(berkas.os, "replace", ganti)
    with tulis_bertahap():
        for nama in ("1.txt", "2.txt", "3.txt"):
            tulis_teks(nama, tmp_path / nama)
        assert not (tmp_path / "3.txt").exists()
        lepas.set()
    assert urutan == ["1.txt", "2.txt", "3.txt"]
    assert [(tmp_path / n).read_text() for n in urutan] == urutan
    assert sorted(p.name for p in tmp_path.iterdir()) == urutan  # no temporary file left
    assert len(utas) == 3 and threading.current_thread().name not in utas


def test_selaraskan_menunggu_di_dalam_blok(tmp_path):
    with tulis_bertahap():
        tulis_teks("x", tmp_path / "x.txt")
        selaraskan()
        assert (tmp_path / "x.txt").read_text() == "x"


def test_galat_latar_muncul_di_akhir_blok_dan_yang_lain_tetap(tmp_path, monkeypatch):
    asli = os.replace

    def ganti(a, b):
        if str(b).endswith("rusak.txt"):
            raise OSError(28, "No space left on device")
        return asli(a, b)

    monkeypatch.setattr(berkas.os, "replace", ganti)
    with pytest.raises(OSError, match="No space"):
        with tulis_bertahap():
            tulis_teks("r", tmp_path / "rusak.txt")
            tulis_teks("b", tmp_path / "baik.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baik.txt"]  # the failed one's temporary file removed


def test_galat_di_blok_menunggu_yang_sudah_diserahkan(tmp_path):
    with pytest.raises(ValueError):
        with tulis_bertahap():
            tulis_teks("a", tmp_path / "a.txt")
            raise ValueError("penulis berikutnya gagal")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
