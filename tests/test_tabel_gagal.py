"""One table's failure is its own: when reading, matching, checking or writing a table ends in an error of this
program, the other tables of the kecamatan keep their outputs and the report names the failed table (finding
``tabel-gagal-diolah``, in Indonesian, with what to do).  The errors are injected here (in-process reading)."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

import flows.langkah.bagian as bagian
import flows.langkah.rapikan as olah
import flows.langkah.tulis.tc33
from flows.langkah.bagian import olah_workbook
from flows.registri import PER_LAYOUT
from tests.conftest import SAMPEL_SEMUA

WAKTU = datetime(2026, 12, 1, 1, 0)
SEMUA = ["T-C.33", "Tabel 4.1", "T-C.31", "T-C.29", "T-C.30", "T-C.32"]
BERKAS = {"T-C.33": ["TC-33.xlsx", "data/TC-33.csv"], "Tabel 4.1": ["data/TabelIV-1.csv"],
          "T-C.31": ["TC-31.xlsx", "data/TC-31.csv"], "T-C.29": ["TC-29.xlsx", "data/TC-29.csv"],
          "T-C.30": ["TC-30.xlsx", "data/TC-30.csv"], "T-C.32": ["TC-32.xlsx", "data/TC-32.csv"]}


@pytest.fixture(autouse=True)
def di_proses_ini(monkeypatch):
    monkeypatch.setenv("RENJA_ISOLASI", "0")  # the injected error must reach the code that reads


def _bom(*_, **__):
    raise ZeroDivisionError("galat sisipan")


def _olah(tmp_path: Path):
    h = olah_workbook(SAMPEL_SEMUA, tmp_path / "out", waktu=WAKTU)
    folder = Path(h.folder)
    v = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
    gagal = [t for t in v["temuan"] if t["aturan"] == "tabel-gagal-diolah"]
    ada = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return h, v, gagal, ada


def _tertulis(ada: set[str], tabel: list[str]) -> bool:
    return all(f in ada for t in tabel for f in BERKAS[t])


def test_tabel_yang_gagal_dirapikan_dilewati(tmp_path, monkeypatch):
    monkeypatch.setitem(PER_LAYOUT, "TC-32", replace(PER_LAYOUT["TC-32"], tidy=_bom))
    h, v, gagal, ada = _olah(tmp_path)
    lain = [t for t in SEMUA if t != "T-C.32"]
    assert (h.status, h.pesan) == ("ok", ", ".join(lain))
    assert _tertulis(ada, lain) and not ada & set(BERKAS["T-C.32"])
    assert [(t["sheet"], t["sel"], t["tingkat"], t["nilai"]) for t in gagal] == [
        ("T-C.32", "A7", "galat", "ZeroDivisionError: galat sisipan")]
    assert gagal[0]["pesan"].startswith("Tabel T-C.32 (sheet 'T-C.32') tidak dapat dibaca dan dirapikan karena "
                                        "kesalahan program Renja ETL; tabel ini tidak ditulis; tabel lain tetap ditulis.")
    assert "Kirimkan berkas ini" in gagal[0]["pesan"]
    assert [d["tabel"] for d in v["daftar_tabel"]] == lain


def test_tabel_yang_gagal_ditulis_tidak_meninggalkan_berkas(tmp_path, monkeypatch):
    h, _, gagal, ada = _olah(tmp_path)
    assert _tertulis(ada, SEMUA) and not gagal
    monkeypatch.setattr(flows.langkah.tulis.tc33, "tulis_tc33", _bom)  # the same sources again: outputs rewritten in place
    h, v, gagal, ada = _olah(tmp_path)
    lain = [t for t in SEMUA if t != "T-C.33"]
    assert (h.status, h.pesan) == ("ok", ", ".join(lain))
    assert _tertulis(ada, lain) and not ada & set(BERKAS["T-C.33"])  # the earlier TC-33.xlsx is gone too
    assert [(t["sheet"], t["sel"]) for t in gagal] == [("TC.33", "A8")]
    assert "tidak dapat ditulis" in gagal[0]["pesan"]
    assert v["ringkasan"]["galat"] == h.galat and h.galat == sum(t["tingkat"] == "galat" for t in v["temuan"])
    assert "T-C.33" not in [d["tabel"] for d in v["daftar_tabel"]]


def test_pemeriksaan_yang_gagal_tidak_menghilangkan_tabel(tmp_path, monkeypatch):
    monkeypatch.setattr(bagian, "_periksa_banyak", _bom)
    h, v, gagal, ada = _olah(tmp_path)
    assert (h.status, h.pesan) == ("ok", ", ".join(SEMUA))
    assert _tertulis(ada, SEMUA)
    assert [(t["sheet"], t["sel"]) for t in gagal] == [("TC.33", "A8")]
    assert "tidak dapat diperiksa (Great Expectations" in gagal[0]["pesan"]
    assert "semua tabel tetap ditulis tanpa pemeriksaan itu." in gagal[0]["pesan"]


def test_pencocokan_yang_gagal_hanya_melewatkan_tabelnya(tmp_path, monkeypatch):
    asli = olah.cocokkan_dengan_tc33

    def cocokkan(df, tc33):
        if "anggaran" in df:  # Tabel 4.1's rows
            raise KeyError("galat sisipan")
        return asli(df, tc33)

    monkeypatch.setattr(olah, "cocokkan_dengan_tc33", cocokkan)
    h, v, gagal, ada = _olah(tmp_path)
    lain = [t for t in SEMUA if t != "Tabel 4.1"]
    assert (h.status, h.pesan) == ("ok", ", ".join(lain))
    assert _tertulis(ada, lain) and "data/TabelIV-1.csv" not in ada
    assert [(t["sheet"], "dicocokkan dengan butir T-C.33" in t["pesan"]) for t in gagal] == [("Tabel 4.1", True)]
    assert any(t["aturan"] == "pagu-antar-tabel-berbeda" for t in v["temuan"])  # T-C.31 still matched and checked


def test_pencocokan_nomenklatur_yang_gagal_hanya_melewatkan_tabelnya(tmp_path, monkeypatch):
    """With the built-in nomenclature (as every renja run): T-C.29's rows matched by name end in an error, T-C.29 is
    left out and reported; T-C.33's own normalisation and the other tables go on."""
    from flows.data.nomenklatur import nomenklatur_terpasang

    monkeypatch.setattr(olah, "MENURUT_NAMA", tuple((k, _bom if k == "TC-29" else f) for k, f in olah.MENURUT_NAMA))
    h = olah_workbook(SAMPEL_SEMUA, tmp_path / "out", waktu=WAKTU, nomenklatur=nomenklatur_terpasang())
    folder = Path(h.folder)
    v = json.loads((folder / "validasi.json").read_text(encoding="utf-8"))
    ada = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    lain = [t for t in SEMUA if t != "T-C.29"]
    assert (h.pesan, _tertulis(ada, lain), bool(ada & set(BERKAS["T-C.29"]))) == (", ".join(lain), True, False)
    gagal = [t for t in v["temuan"] if t["aturan"] == "tabel-gagal-diolah"]
    assert [(t["sheet"], "dicocokkan dengan nomenklatur" in t["pesan"]) for t in gagal] == [("TC 29", True)]
    assert any(t["aturan"] == "kode-diperbaiki" and t["sheet"] == "TC 29" for t in v["temuan"])  # read findings kept


def test_pemeriksaan_isi_yang_gagal_tidak_menghilangkan_tabel(tmp_path, monkeypatch):
    monkeypatch.setattr(olah, "temuan_pagu_sama", _bom)
    h, v, gagal, ada = _olah(tmp_path)
    assert (h.pesan, _tertulis(ada, SEMUA)) == (", ".join(SEMUA), True)
    assert [(t["sheet"], "tidak dapat diperiksa" in t["pesan"]) for t in gagal] == [("TC.33", True)]
