"""The finding model and the rule registry (schemas/aturan.py): one meaning per code, one builder of findings, and
every finding the pipeline writes — on the sample and on crafted failures — of a registered rule, with its severity
and one of its messages."""
from __future__ import annotations

import ast
import json
import re
import string
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from schemas.aturan import (
    ASAL, GALAT, INFO, KOLOM_TEMUAN, KOLOM_TEMUAN_LENGKAP, KOLOM_TEMUAN_MENTAH, PERINGATAN, REGISTRI, Aturan, Registri,
    Temuan, _teks, daftar, semua_aturan,
)
from tests.conftest import REPO, SAMPEL, SAMPEL_SEMUA

WAKTU = datetime(2026, 12, 1, 1, 0)


# ------------------------------------------------------------------------------------------------ the registry


def test_satu_kode_satu_makna():
    r = Registri()
    r.daftarkan(Aturan("akhir-tabel", INFO, "Tabel A berakhir: '{nilai}'.", keterangan="the end"))
    r.daftarkan(Aturan("akhir-tabel", INFO, "Tabel B berakhir: '{nilai}'.", tabel=("TC-30",)))  # worded per table
    r.daftarkan(Aturan("akhir-tabel", INFO, "Tabel A berakhir: '{nilai}'.", keterangan="the end"))  # again: once
    assert len(r.deklarasi("akhir-tabel")) == 2 and r["akhir-tabel"].keterangan == "the end"
    for lain in (Aturan("akhir-tabel", GALAT, "x"), Aturan("akhir-tabel", INFO, "x", "berkas"),
                 Aturan("akhir-tabel", INFO, "x", keterangan="another meaning")):
        with pytest.raises(ValueError, match="makna berbeda"):
            r.daftarkan(lain)
    assert len(r.deklarasi("akhir-tabel")) == 2  # a refused declaration leaves the registry as it was


@pytest.mark.parametrize("buruk", [
    Aturan("Bukan_Kebab", INFO, "x"), Aturan("ok-kode", "fatal", "x"), Aturan("ok-kode", INFO, "x", "entah"),
    Aturan("ok-kode", INFO, "kurung {tidak tutup"),
])
def test_deklarasi_cacat_ditolak(buruk):
    with pytest.raises(ValueError):
        Registri().daftarkan(buruk)


def test_kode_ganda_dengan_makna_lain_gagal_saat_impor():
    """A module declaring a registered code with another severity does not import."""
    kode = ("import schemas.tc29\nfrom schemas.aturan import Aturan, daftar\n"
            "daftar(Aturan('akhir-tabel', 'galat', 'Tabel berakhir.'), tabel='TC-29')")
    r = subprocess.run([sys.executable, "-c", kode], cwd=REPO, capture_output=True, text=True)
    assert r.returncode != 0 and "aturan 'akhir-tabel' dideklarasikan dua kali dengan makna berbeda" in r.stderr
    with pytest.raises(ValueError, match="ganda dalam satu daftar"):
        daftar(Aturan("uji-ganda", INFO, "a"), Aturan("uji-ganda", INFO, "b"))


def test_registri_lengkap_dan_tertata():
    registri = semua_aturan()
    from flows.registri import LAYOUTS

    layout = {lay.id for lay in LAYOUTS}
    assert len(registri) >= 69
    for kode in registri:
        a = registri[kode]
        assert a.keterangan, kode  # the README says when each is raised
        assert set(registri.tabel(kode)) <= layout, kode
        assert a.asal in ASAL and (a.asal != "tabel" or registri.tabel(kode)), kode
    assert registri["tabel-ganda"].tingkat == PERINGATAN and registri["berkas-tidak-terbaca"].asal == "berkas"
    assert registri.tabel("angka-ambigu") and "TC-33" in registri.tabel("kode-diperbaiki")


def test_semua_aturan_memuat_setiap_modul_yang_mendaftar():
    """Every module of schemas/ that registers a rule is one of MODUL_ATURAN; flows/ and transforms/ register none."""
    kode = ("import importlib, pkgutil, schemas\n"
            "from schemas.aturan import REGISTRI, semua_aturan\n"
            "n = sum(len(REGISTRI.deklarasi(k)) for k in semua_aturan())\n"
            "for m in pkgutil.iter_modules(schemas.__path__): importlib.import_module('schemas.' + m.name)\n"
            "import flows.langkah.bagian, flows.langkah.periksa, flows.rekap, transforms.nomenklatur, transforms.menurut_nama\n"
            "print(n, sum(len(REGISTRI.deklarasi(k)) for k in REGISTRI))")
    r = subprocess.run([sys.executable, "-c", kode], cwd=REPO, capture_output=True, text=True, check=True)
    awal, akhir = r.stdout.split()
    assert awal == akhir


def test_suite_memakai_aturan_terdaftar():
    from schemas import suites

    for h in (*suites.SUITE_TC33, *suites.SUITE_LINTAS, *suites.SUITE_TABEL41,
              *suites.suite_program(tuple(suites.LABEL_TABEL))):
        assert h.tingkat == REGISTRI[h.aturan].tingkat
        assert h.pesan in {a.templat for a in REGISTRI.deklarasi(h.aturan)}, h.aturan


# ------------------------------------------------------------------------------------------------ the builder


def test_pembangun_temuan():
    a = Aturan("uji-pesan", PERINGATAN, "'{nama}' ({kode}): {nilai} · {kolom} · {tidak_ada}|", tabel=("TC-33",))
    t = a.temuan(pd.Series({"sheet": "TC.33", "baris": np.float64(12.0), "nama": "  Rapat   Koordinasi "}),
                 "pagu", "1.000", kode="7.01.01", kolom="Pagu")
    assert t == Temuan(sheet="TC.33", baris=12, field="pagu", kode="7.01.01", aturan="uji-pesan", tingkat=PERINGATAN,
                       nilai="1.000", pesan="'Rapat Koordinasi' (7.01.01): 1.000 · Pagu · |")
    assert type(t.baris) is int and t.mentah() == tuple(getattr(t, k) for k in KOLOM_TEMUAN_MENTAH)
    assert a.temuan().mentah() == (None, None, None, None, "uji-pesan", PERINGATAN, None, "'' ():  ·  · |")
    # isian names a value for the message alone: the finding's own kode stays None
    assert a.temuan({"sheet": "S", "baris": pd.NA}, isian={"kode": "35.08"}).mentah()[:4] == ("S", None, None, None)
    assert a.temuan(isian={"kode": "35.08"}).pesan == "'' (35.08):  ·  · |"
    with pytest.raises(AttributeError):
        t.pesan = "lain"  # frozen
    assert set(KOLOM_TEMUAN_MENTAH) | set(KOLOM_TEMUAN_LENGKAP) == set(KOLOM_TEMUAN)


def test_pesan_tidak_pernah_hilang():
    """A format spec a value does not take renders the values as text, then the template as written."""
    assert Aturan("uji", INFO, "{n:,}").pesan({"n": 1234567}) == "1,234,567"
    assert Aturan("uji", INFO, "{n:,} dari {m}").pesan({"n": "teks", "m": None}) == "{n:,} dari {m}"
    assert Aturan("uji", INFO, "{n:>5}|").pesan({"n": None}) == "     |"
    assert Aturan("uji", INFO, "{x[0]}").pesan({}) == "{x[0]}"


@pytest.mark.parametrize("nilai", [None, float("nan"), pd.NA, np.nan, np.float64("nan"), "", "  ", " a \n b ", 12.0,
                                   12.5, 3, np.int64(5), np.float64(4.0), True, pd.Timestamp("2024-01-02"), "12"])
def test_teks_sama_dengan_transforms_sel(nilai):
    from transforms.sel import teks

    assert _teks(nilai) == teks(nilai)


def test_temuan_hanya_lewat_pembangun():
    """Outside schemas/aturan.py nothing constructs a Temuan or renders a template with format_map: every finding
    is built by its rule, with the one formatter."""
    pelanggar = []
    for folder in ("flows", "transforms", "schemas", "tools"):
        for path in sorted((REPO / folder).rglob("*.py")):
            if path == REPO / "schemas" / "aturan.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    nama = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                    if nama in ("Temuan", "format_map"):
                        pelanggar.append(f"{path.relative_to(REPO)}:{node.lineno} {nama}")
    assert pelanggar == []


# ------------------------------------------------- every finding written comes from a registered rule


def _pola(templat: str) -> re.Pattern:
    """A message of ``templat`` whatever its values."""
    bagian = []
    for teks, nama, _, _ in string.Formatter().parse(templat):
        bagian.append(re.escape(teks))
        if nama is not None:
            bagian.append(".*")
    return re.compile("".join(bagian), re.S)


def _validasi(keluar: Path) -> list[dict]:
    return [t for p in sorted(keluar.rglob("validasi.json"))
            for t in json.loads(p.read_text(encoding="utf-8"))["temuan"]]


def _rusak(path: Path) -> Path:
    """The sample's T-C.33 alone with what clerks get wrong: no urusan and bidang rows, amounts with no or two
    readings or mixed separators, a negative amount, a target with an unknown unit."""
    from tests.varian import Lembar, tulis_xlsx

    lb = Lembar("TC.33")
    ganti = {(40, 9): "2.517.22.415", (42, 9): "3,375", (42, 13): "10.000,000", (47, 9): -5000,
             (46, 8): "12 Kotak Ajaib"}
    for (b, k), v in ganti.items():
        lb.ubah(k, lambda nilai, baris, b=b, v=v: v if baris == b else nilai, dari_baris=b)
    return tulis_xlsx(path, {"TC.33": lb.buang_baris({11, 12})})


@pytest.fixture(scope="module")
def temuan_tertulis(tmp_path_factory) -> list[dict]:
    """Findings of the sample (with the built-in nomenclature), the T-C.33 fixture alone (no options), a damaged
    T-C.33, a table sent twice, a file that is no workbook and a workbook without Renja tables."""
    from flows.data.nomenklatur import nomenklatur_terpasang
    from flows.langkah.baca import baca_berkas
    from flows.langkah.bacaan import Opsi
    from flows.langkah.bagian import olah_kecamatan, olah_workbook

    tmp = tmp_path_factory.mktemp("aturan")
    keluar = tmp / "keluar"
    daftar = nomenklatur_terpasang()
    olah_workbook(SAMPEL_SEMUA, keluar, waktu=WAKTU, nomenklatur=daftar)
    olah_workbook(SAMPEL, keluar, waktu=WAKTU, nomenklatur=daftar)
    olah_workbook(_rusak(tmp / "Renja-Senduro-rusak.xlsx"), keluar, Opsi(2024, "Lumajang", "Senduro"), waktu=WAKTU,
                  nomenklatur=daftar)
    olah_kecamatan([baca_berkas(SAMPEL), baca_berkas(SAMPEL_SEMUA)], tmp / "ganda", WAKTU, daftar)
    (tmp / "bukan.xlsx").write_bytes(b"bukan berkas excel")
    pd.DataFrame({"a": ["tidak", "ada"], "b": ["tabel", "renja"]}).to_excel(tmp / "lain.xlsx", index=False)
    for p in (tmp / "bukan.xlsx", tmp / "lain.xlsx"):
        olah_workbook(p, keluar, waktu=WAKTU)
    return _validasi(keluar) + _validasi(tmp / "ganda")


def test_setiap_temuan_beraturan_terdaftar(temuan_tertulis):
    registri = semua_aturan()
    pola = {k: [_pola(a.templat) for a in registri.deklarasi(k)] for k in registri}
    salah = [(t["aturan"], t["tingkat"], t["pesan"]) for t in temuan_tertulis
             if t["aturan"] not in registri or t["tingkat"] != registri[t["aturan"]].tingkat
             or not any(p.fullmatch(t["pesan"]) for p in pola[t["aturan"]])]
    assert salah == []
    kode = {t["aturan"] for t in temuan_tertulis}
    assert {"kode-diperbaiki", "angka-tidak-terbaca", "angka-ambigu", "angka-campuran", "satuan-tidak-dikenal",
            "pagu-negatif", "pagu-antar-tabel-berbeda", "tingkat-realisasi-berbeda", "kode-dari-nama",
            "tabel-ganda", "berkas-tidak-terbaca", "tabel-tidak-ditemukan",
            "urusan-bidang-tidak-ada", "pagu-nol-bertarget"} <= kode, sorted(kode)
    assert len(kode) >= 25


def test_temuan_pemeriksaan_beraturan_terdaftar():
    """The checks' own findings: a frame missing, a declaration that cannot run."""
    from flows.langkah.periksa import jalankan_harapan
    from schemas.harapan import Harapan
    from schemas.suites import SUITE_TC33

    rusak = Harapan("kode-ganda", "item", "ExpectTidakAda", {}, GALAT, "x", "kode")
    temuan = jalankan_harapan({"item": pd.DataFrame({"kode": ["1"]})}, [SUITE_TC33[-1], rusak, *SUITE_TC33[:1]])
    temuan = jalankan_harapan({}, list(SUITE_TC33[:2])).to_dict("records") + temuan.to_dict("records")
    registri = semua_aturan()
    assert {t["aturan"] for t in temuan} >= {"pemeriksaan-dilewati", "pemeriksaan-gagal"}
    assert all(t["tingkat"] == registri[t["aturan"]].tingkat for t in temuan)
    assert all(any(_pola(a.templat).fullmatch(t["pesan"]) for a in registri.deklarasi(t["aturan"])) for t in temuan
               if t["aturan"].startswith("pemeriksaan-"))
