"""flows.langkah.periksa.jalankan_harapan_banyak: many kecamatan validated together give exactly the findings each gives alone,
in far fewer Great Expectations runs; and flows.langkah.bagian.olah_banyak writes what olah_kecamatan writes one by one."""
from __future__ import annotations

import copy
import filecmp
import json
from datetime import datetime

import pandas as pd
import pytest

from schemas.harapan import GALAT, PERINGATAN, Harapan, Kolom
from tests.conftest import SAMPEL_SEMUA

WAKTU = datetime(2026, 1, 1, 8, 0)


@pytest.fixture(scope="module")
def gx():
    from flows.langkah import periksa as modul

    modul._gx()
    return modul


def _item(kode, induk, pagu, level=None, sheet="T-C.33") -> pd.DataFrame:
    n = len(kode)
    return pd.DataFrame({
        "kode": kode,
        "kode_induk": induk,
        "level": level or ["program"] * n,
        "nama": [f"Nama {i}" for i in range(n)],
        "pagu": pd.array(pagu, dtype="Int64"),
        "sheet": sheet,
        "baris": list(range(7, 7 + n)),
    }, index=range(100, 100 + n))


HARAPAN = (
    Harapan("kode-ganda", "item", "ExpectColumnValuesToBeUnique", {"column": "kode"}, GALAT,
            "Kode {kode} ganda.", "kode", kondisi="kode.notna()"),
    Harapan("induk-tidak-ada", "item", "ExpectColumnValuesToBeInSet",
            {"column": "kode_induk", "value_set": Kolom("item", "kode")}, GALAT, "Induk {kode_induk} tidak ada.", "kode"),
    Harapan("pagu-negatif", "item", "ExpectColumnValuesToBeBetween", {"column": "pagu", "min_value": 0}, GALAT,
            "Pagu {nama} negatif.", "pagu"),
    Harapan("kode-tidak-sah", "item", "ExpectColumnValuesToMatchRegex", {"column": "kode", "regex": r"^\d(?:\.\d\d)*$"},
            GALAT, "Kode {kode} tidak sah.", "kode", kondisi='level == "program"'),
    Harapan("program-tidak-ada", "item", "ExpectTableRowCountToBeBetween", {"min_value": 1}, GALAT,
            "Tidak ada program.", None, kondisi='level == "program"'),
    Harapan("ringkas", "ringkas", "ExpectColumnValuesToNotBeNull", {"column": "isi"}, PERINGATAN, "Kosong.", None),
)


def _pasangan() -> list[tuple[dict, tuple]]:
    """Kecamatan that share codes (a code unique in each but repeated across them), whose parents exist only in
    another kecamatan, with a missing frame, an empty frame, other dtypes, non-text codes, no program row."""
    a = _item(["1", "1.01", "1.01.01"], [None, "1", "1.01"], [5, 5, 5])
    b = _item(["1", "1.01", "1.01"], [None, "1", "1.01"], [5, -1, 5])  # a duplicate within b only
    c = _item(["1", "1.02", "1.02.01"], [None, "1", "1.01"], [5, 5, 5])  # parent 1.01 only in a and b
    d = _item(["2", "x"], [None, "2"], [1, 2])  # a bad code
    e = _item(["3", "3.01"], [None, "3"], [1, 1], level=["kegiatan", "kegiatan"])  # no program: table level
    f = _item([7, 7], [None, 7], [1, 1])  # non-text codes: this one runs on its own
    g = _item(["1", "1.01"], [None, "1"], [5, 5]).astype({"pagu": "float64"})  # another dtype: its own batch
    h = _item([], [], [])  # empty: only the table-level check runs
    ringkas = pd.DataFrame({"isi": ["x", None]})
    return [({"item": a, "ringkas": ringkas}, HARAPAN), ({"item": b}, HARAPAN),  # b: no 'ringkas' frame
            ({"item": c, "ringkas": ringkas}, HARAPAN), ({"item": d, "ringkas": ringkas}, HARAPAN),
            ({"item": e, "ringkas": ringkas}, HARAPAN), ({"item": f, "ringkas": ringkas}, HARAPAN),
            ({"item": g, "ringkas": ringkas}, HARAPAN), ({"item": h, "ringkas": ringkas}, HARAPAN),
            ({"item": a, "ringkas": ringkas}, HARAPAN[:3])]  # other declarations: another batch


def _hitung_run(gx, monkeypatch) -> list[int]:
    n = [0]
    asli = gx._Mesin.validasi

    def hitung(self, df, expectations):
        n[0] += 1
        return asli(self, df, expectations)

    monkeypatch.setattr(gx._Mesin, "validasi", hitung)
    return n


def test_bersama_sama_dengan_satu_per_satu(gx, monkeypatch):
    pasangan = _pasangan()
    sendiri = [gx.jalankan_harapan(f, h) for f, h in pasangan]
    n = _hitung_run(gx, monkeypatch)
    bersama = gx.jalankan_harapan_banyak(pasangan)
    assert len(bersama) == len(sendiri)
    for x, y in zip(bersama, sendiri):
        pd.testing.assert_frame_equal(x, y)
    # what the cases must show (so that equal results are not equally empty)
    aturan = [sorted(t["aturan"]) for t in sendiri]
    assert "kode-ganda" not in aturan[0] and aturan[1].count("kode-ganda") == 2
    assert "induk-tidak-ada" in aturan[2] and "induk-tidak-ada" not in aturan[0]
    assert "program-tidak-ada" in aturan[4] and "kode-tidak-sah" in aturan[3]
    assert "pemeriksaan-dilewati" in aturan[1] and "pagu-negatif" in aturan[1]
    assert "program-tidak-ada" in aturan[7]
    # far fewer runs than one per kecamatan and frame: the stackable ones of a..e and h run together
    assert n[0] < sum(len({h.frame for h in d if h.frame in f}) for f, d in pasangan) - 5


def test_himpunan_induk_bertumpuk_hanya_kunci_yang_ada_di_kolom(gx, monkeypatch):
    """On a stack, a set-membership check against a ``Kolom`` gets only the keys its column holds (GX copies the
    set each time it reads the expectation's configuration): fewer than all codes, and the findings stay those of
    each kecamatan alone (test above)."""
    pasangan = _pasangan()
    dilihat = []
    asli = gx._Mesin.validasi

    def catat(self, df, expectations):
        for exp in expectations:
            if type(exp).__name__ == "ExpectColumnValuesToBeInSet" and exp.column.startswith("__renja_kunci_"):
                dilihat.append((set(exp.value_set), set(df[exp.column].dropna())))
        return asli(self, df, expectations)

    monkeypatch.setattr(gx._Mesin, "validasi", catat)
    gx.jalankan_harapan_banyak(pasangan)
    assert dilihat
    for himpunan, kolom in dilihat:
        assert himpunan <= kolom
    semua_kode = sum(len(f["item"]) for f, _ in pasangan[:5])
    assert any(len(h) < semua_kode - 3 for h, _ in dilihat)


def test_galat_gx_dalam_kelompok_dilaporkan_seperti_sendiri(gx):
    """A declaration GX cannot run (an unknown column) fails in every kecamatan as it does alone."""
    salah = Harapan("x", "item", "ExpectColumnValuesToNotBeNull", {"column": "tidak_ada"}, GALAT, "?", None)
    pasangan = [({"item": _item(["1"], [None], [1])}, (salah, HARAPAN[2])),
                ({"item": _item(["2"], [None], [-1])}, (salah, HARAPAN[2]))]
    bersama = gx.jalankan_harapan_banyak(pasangan)
    for (f, h), x in zip(pasangan, bersama):
        pd.testing.assert_frame_equal(x, gx.jalankan_harapan(f, h))
    assert list(bersama[1]["aturan"]) == ["pemeriksaan-gagal", "pagu-negatif"]


def _rusak(tidy: pd.DataFrame, jenis: int) -> pd.DataFrame:
    """The sample's T-C.33 with one kind of damage the checks catch."""
    t = tidy.copy()
    sub = t.index[t["level"] == "sub_kegiatan"]
    if jenis == 1:
        t.loc[sub[1], "kode"] = t.loc[sub[0], "kode"]  # a duplicate code
    elif jenis == 2:
        t.loc[sub[2], "pagu"] = t.loc[sub[2], "pagu"] + 1000  # a broken sum
    elif jenis == 3:
        t.loc[sub[0], "kode"] = "7.01.99.2.01.0001"  # its parent does not exist
    elif jenis == 4:
        t.loc[sub[3], "sumber_dana"] = None
    return t


KECAMATAN_UJI = ("Tempursari", "Pronojiwo", "Candipuro", "Pasirian", "Tempeh")


def test_olah_banyak_menulis_sama_dengan_satu_per_satu(tmp_path, monkeypatch):
    """The sample and damaged copies of it (duplicate code, broken sum, missing parent, no funding source), each
    under its own kecamatan: olah_banyak writes the same files as olah_kecamatan one by one."""
    from dataclasses import replace

    from flows.langkah import bagian as olah

    from transforms.wilayah import CalonWilayah

    dasar = olah.baca_berkas(SAMPEL_SEMUA)
    kelompok = []
    for jenis, nama in enumerate(KECAMATAN_UJI):  # Senduro's tables as five other kecamatan of Lumajang
        b = copy.deepcopy(dasar)
        b = replace(b, calon=CalonWilayah(f"Renja Kec {nama} Kab Lumajang.xlsx"),
                    tabel=[replace(t, tidy=_rusak(t.tidy, jenis)) if t.layout == "TC-33" else t for t in b.tabel])
        kelompok.append([b])
    for g in kelompok:
        olah.olah_kecamatan(g, tmp_path / "satu", WAKTU)
    n = [0]
    asli = olah._periksa_banyak
    monkeypatch.setattr(olah, "_periksa_banyak", lambda d: (n.__setitem__(0, n[0] + 1), asli(d))[1])
    hasil = olah.olah_banyak(kelompok, tmp_path / "banyak", WAKTU)
    assert n[0] == 1 and all(h.status == "ok" for h in hasil)
    satu = sorted(p.relative_to(tmp_path / "satu") for p in (tmp_path / "satu").rglob("*") if p.is_file())
    banyak = sorted(p.relative_to(tmp_path / "banyak") for p in (tmp_path / "banyak").rglob("*") if p.is_file())
    assert satu == banyak and len(satu) >= 5 * 10
    beda = [p for p in satu if not filecmp.cmp(tmp_path / "satu" / p, tmp_path / "banyak" / p, shallow=False)]
    assert beda == []
    folder = tmp_path / "satu" / "2024" / "lumajang"
    aturan = [{t["aturan"] for t in json.loads((folder / nama.lower() / "validasi.json").read_text("utf-8"))["temuan"]}
              for nama in KECAMATAN_UJI]
    assert "kode-ganda" in aturan[1] and "jumlah-tidak-sesuai" in aturan[2] and "induk-tidak-ada" in aturan[3]


def test_tabel41_sendiri_banyak_sama_dengan_satu_per_satu(tmp_path):
    """Kecamatan that sent Tabel 4.1 alone get its own roll-up (SUITE_TABEL41), batched like T-C.33's: the same
    files as one by one, with the built-in nomenclature; one copy's sub-kegiatan amount is raised."""
    from dataclasses import replace

    from flows.langkah import bagian as olah
    from flows.data.nomenklatur import nomenklatur_terpasang

    from transforms.wilayah import CalonWilayah

    dasar = olah.baca_berkas(SAMPEL_SEMUA)
    (t41,) = [t for t in dasar.tabel if t.layout == "TabelIV-1"]
    kelompok = []
    for jenis, nama in enumerate(KECAMATAN_UJI[:3]):  # Senduro's Tabel 4.1 as three other kecamatan of Lumajang
        tidy = t41.tidy.copy()
        if jenis == 1:
            tidy.loc[3, "anggaran"] += 1000
        b = replace(dasar, calon=CalonWilayah(f"Renja Kec {nama} Kab Lumajang.xlsx"), tabel=[replace(t41, tidy=tidy)])
        kelompok.append([b])
    nomen = nomenklatur_terpasang()
    for g in kelompok:
        olah.olah_kecamatan(g, tmp_path / "satu", WAKTU, nomen)
    assert all(h.status == "ok" for h in olah.olah_banyak(kelompok, tmp_path / "banyak", WAKTU, nomen))
    satu = sorted(p.relative_to(tmp_path / "satu") for p in (tmp_path / "satu").rglob("*") if p.is_file())
    assert satu and [p for p in satu if not filecmp.cmp(tmp_path / "satu" / p, tmp_path / "banyak" / p,
                                                        shallow=False)] == []
    folder = tmp_path / "satu" / "2024" / "lumajang"
    jumlah = [[t["sel"] for t in json.loads((folder / nama.lower() / "validasi.json").read_text("utf-8"))["temuan"]
               if t["aturan"] == "jumlah-tidak-sesuai"] for nama in KECAMATAN_UJI[:3]]
    assert jumlah == [[], ["F9"], []]


def test_satu_kecamatan_rusak_tidak_menjatuhkan_yang_lain(tmp_path, monkeypatch):
    from flows.langkah import bagian as olah

    b = olah.baca_berkas(SAMPEL_SEMUA)
    asli = olah._siapkan

    def siapkan(bacaan, nom):
        if bacaan[0].meta.get("kecamatan") == "Rusak":
            raise RuntimeError("bug")
        return asli(bacaan, nom)

    monkeypatch.setattr(olah, "_siapkan", siapkan)
    from dataclasses import replace

    rusak = replace(b, meta={**b.meta, "kecamatan": "Rusak"})
    hasil = olah.olah_banyak([[rusak], [b]], tmp_path, WAKTU)
    assert isinstance(hasil[0], RuntimeError) and hasil[1].status == "ok"
