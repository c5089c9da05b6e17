"""The district's pages (index.html of a kabupaten and of a year): the model (transforms.halaman), the rendering and
writing (flows.rekap.halaman), their refresh after drop-folder runs.  In a real browser: tests/test_peramban.py."""
from __future__ import annotations

import json
import logging
import os
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPO, SAMPEL_SEMUA
from tests.test_rekap import PASIRIAN, SEMUA, TEMPEH, tulis_kecamatan
from transforms.rekap import BELUM_LENGKAP, BELUM_MENGIRIM, LENGKAP, gabung_item, item_tc33

# Texts a workbook (or a file name) may carry; the pages must show them as text, never as markup.
JAHAT_SKRIP = "<script>alert('skrip')</script>"
JAHAT_GAMBAR = '"><img src=x onerror="alert(\'gambar\')">'
JAHAT_PROGRAM = f"Program Uji {JAHAT_SKRIP}{JAHAT_GAMBAR}"
JAHAT_KECAMATAN = f"Kec{JAHAT_GAMBAR}"
JAHAT_BERKAS = f"Renja{JAHAT_GAMBAR}.xlsx"
JAHAT_FOLDER = 'x"><svg onload=alert(3)> #?%&amp;'  # a folder made by hand, not by the pipeline
TONGAS = [
    ("7.01.01", "program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 500, 550),
    ("7.01.01.2.01", "kegiatan", "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah", 500, 550),
    ("7.01.09", "program", JAHAT_PROGRAM, 40, 44),
]


# ------------------------------------------------------------------------------------------------ the outputs


def tulis_sumber(folder: Path, berkas: list[tuple[str, int]], dibuat: str) -> None:
    """A sumber.json as flows.mesin.versi writes it."""
    data = {"dibuat": dibuat, "berkas": [{"nama": n, "ukuran": u, "sha256": "0" * 64} for n, u in berkas]}
    (folder / "sumber.json").write_text(json.dumps(data), encoding="utf-8")


def bangun_keluaran(output: Path) -> Path:
    """An output folder for the pages: Lumajang exactly as after `make run` (Senduro, the shipped sample), and
    Probolinggo and Kota Bandung with hand-written kecamatan — complete, incomplete, one not in the official list
    whose name, file and program carry markup, one in a folder named by hand with markup and URL characters."""
    from flows.langkah.bagian import olah_workbook

    assert olah_workbook(SAMPEL_SEMUA, output).status == "ok"
    prob = output / "2024" / "probolinggo"
    sukapura = tulis_kecamatan(prob, "sukapura", "Sukapura", PASIRIAN, dibuat="2024-02-05T08:15:00", galat=1,
                               peringatan=4, nama_kabupaten="Probolinggo")
    tulis_sumber(sukapura, [("Renja-Sukapura-2024.xlsx", 35_536)], "2024-02-01T07:00:00")
    (sukapura / "laporan.html").write_text("<!DOCTYPE html><title>laporan</title>", encoding="utf-8")
    (sukapura / "TC-33.xlsx").write_bytes(b"PK")
    (sukapura / "riwayat" / "2024-01-20T10-00-00").mkdir(parents=True)
    tongas = tulis_kecamatan(prob, "tongas", "Tongas", TONGAS, tabel=SEMUA[:5], dibuat="2024-02-06T10:00:00",
                             nama_kabupaten="Probolinggo")
    (tongas / "laporan.html").write_text("<!DOCTYPE html><title>laporan</title>", encoding="utf-8")
    jahat = tulis_kecamatan(prob, "kec-img-src-x-onerror-alert-gambar", JAHAT_KECAMATAN, TEMPEH,
                            tabel=SEMUA[4:5], dibuat="2024-02-07T11:30:00", galat=2, nama_kabupaten="Probolinggo")
    info = json.loads((jahat / "validasi.json").read_text(encoding="utf-8"))
    info["berkas"] = JAHAT_BERKAS
    info["daftar_tabel"][0]["berkas"] = JAHAT_BERKAS
    (jahat / "validasi.json").write_text(json.dumps(info), encoding="utf-8")
    tulis_sumber(jahat, [(JAHAT_BERKAS, 1234)], "2024-02-07T11:30:00")
    (jahat / "laporan.html").write_text("<!DOCTYPE html><title>laporan</title>", encoding="utf-8")
    tangan = tulis_kecamatan(prob, JAHAT_FOLDER, "Tangan", None, tabel=("T-C.29",), nama_kabupaten="Probolinggo")
    (tangan / "laporan.html").write_text("<!DOCTYPE html><title>laporan</title>", encoding="utf-8")
    (tangan / "data" / "TC-29.csv").write_text("kode\n", encoding="utf-8")
    tulis_kecamatan(output / "2024" / "kota-bandung", "sukajadi", "Sukajadi", PASIRIAN[1:5], dibuat="2024-02-08T09:00:00",
                    nama_kabupaten="Kota Bandung")
    return output


def rekap_semua(output: Path, tahun: int = 2024) -> list:
    """What `renja rekap --tahun N --status-provinsi` does (flows.rekap._rekap), without the Prefect engine."""
    from flows.rekap.halaman import tulis_halaman_tahun
    from flows.rekap import HasilRekap, folder_kabupaten, rekap_kabupaten, tulis_status_provinsi

    hasil = [rekap_kabupaten(f, tahun) for f in folder_kabupaten(output, tahun)]
    hasil += tulis_status_provinsi(output, tahun, hasil)
    halaman = tulis_halaman_tahun(output, tahun)
    return hasil + [HasilRekap(f"Tahun {tahun}", tahun, "halaman", str(halaman.parent), keluaran=[str(halaman)])]


@pytest.fixture(scope="module")
def keluaran(tmp_path_factory) -> Path:
    output = bangun_keluaran(tmp_path_factory.mktemp("halaman") / "output")
    hasil = rekap_semua(output)
    assert [h.status for h in hasil] == ["ok", "ok", "ok", "provinsi", "provinsi", "halaman"]
    return output


# ------------------------------------------------------------------------------------------------ pure shaping


def test_singkat_rupiah_ukuran_dan_waktu():
    from transforms.halaman import singkat_rupiah, tampil_waktu, ukuran_berkas

    assert [singkat_rupiah(n) for n in (0, 950, 12_000, 999_600, 13_600_000, 162_355_000, 1_860_252_824,
                                        1_996_929_577)] == [
        "Rp 0", "Rp 950", "Rp 12,0 rb", "Rp 1,00 jt", "Rp 13,6 jt", "Rp 162 jt", "Rp 1,86 M", "Rp 2,00 M"]
    assert singkat_rupiah(1_500_000_000, bulat=True) == "Rp 1,5 M" and singkat_rupiah(2 * 10**9, True) == "Rp 2 M"
    assert [ukuran_berkas(n) for n in (None, 512, 35_536, 3 * 1024**2)] == ["", "512 B", "34,7 KB", "3,0 MB"]
    assert tampil_waktu("2024-02-01T09:30:00") == "01-02-2024 09:30" and tampil_waktu("kemarin") == "kemarin"


def _rekap_contoh():
    item = pd.concat([item_tc33(pd.DataFrame(
        [{"urut": i, "kode": t[0], "level": t[1], "nama": t[2], "pagu": t[3], "pagu_maju": t[4],
          "indikator_ke": t[5] if len(t) > 5 else 1} for i, t in enumerate(rows, 1)]).astype(str).replace(
        {"None": ""})).assign(kecamatan=k) for k, rows in (("Pasirian", PASIRIAN), ("Tempeh", TEMPEH))])
    return gabung_item(item, ["Pasirian", "Tempeh"], 2024, "Lumajang")


def test_total_program_dan_per_kecamatan():
    from transforms.halaman import total_kecamatan, total_program

    r = _rekap_contoh()
    program = total_program(r.panjang)
    assert list(program.itertuples(index=False, name=None)) == [
        ("7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 1300, 1430),
        ("7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", 70, 0),  # n+1 left empty: 0
        ("7.01.03", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", 50, 60)]
    assert total_kecamatan(r.panjang) == {"Pasirian": (350, 390), "Tempeh": (1070, 1100)}
    assert total_program(r.panjang.iloc[0:0]).empty


def test_grafik_satu_skala_dan_sumbu_bulat():
    from transforms.halaman import GRAFIK_LEBAR_MAKS, grafik_program, total_program

    g = grafik_program(total_program(_rekap_contoh().panjang), 2024)
    batang = [b for baris in g.baris for b in baris.batang]
    assert [b.nilai for b in batang] == [1300, 1430, 70, 0, 50, 60]
    assert [s.label for s in g.sumbu] == ["0", "500", "1 rb", "1,5 rb"]
    skala = 1500  # 1,430 rounded up to the step 500
    assert all(b.lebar == round(GRAFIK_LEBAR_MAKS * b.nilai / skala, 2) for b in batang)
    assert max(b.lebar for b in batang) <= GRAFIK_LEBAR_MAKS and g.sumbu[-1].x == GRAFIK_LEBAR_MAKS
    assert [b.kelas for b in batang[:2]] == ["n", "n1"] and batang[1].judul == "2025: Rp 1.430"
    assert batang[1].y > batang[0].y and g.baris[1].y_label > batang[1].y and g.tinggi > g.y_sumbu
    assert g.baris[0].nama_pendek == "Program Penunjang Urusan…" and g.baris[0].nama == g.baris[0].nama_lengkap
    assert grafik_program(total_program(_rekap_contoh().panjang.iloc[0:0]), 2024) is None


def test_baris_kecamatan_dari_status_dan_isi_folder():
    from transforms.halaman import baris_kecamatan
    from transforms.rekap import status_kecamatan

    ditemukan = pd.DataFrame([
        {"folder": "tempeh", "kecamatan": "Tempeh", "tabel": list(SEMUA[:5]), "dibuat": "2024-02-01T09:30:00",
         "berkas": "a.xlsx, b.csv", "galat": 2, "peringatan": 3, "keterangan": "", "kode_wilayah": "35.08.05"},
        {"folder": "pasirian", "kecamatan": "Pasirian", "tabel": list(SEMUA), "dibuat": "2024-02-02T10:00:00",
         "berkas": "p.xlsx", "galat": 0, "peringatan": 0, "keterangan": "", "kode_wilayah": "35.08.04"}])
    daftar = pd.DataFrame({"kabupaten": "", "kecamatan": ["Pasirian", "Kunir"], "slug": ["pasirian", "kunir"],
                           "baris": [1, 2], "kode_wilayah": ["35.08.04", "35.08.06"]})
    status = status_kecamatan(ditemukan, daftar, 2024, "Lumajang")
    isi = {"tempeh": {"berkas": ["TC-31.xlsx", "TC-33.xlsx", "data/TC-33.csv", "data/catatan.csv", "laporan.html",
                                 "validasi.json"],
                      "sumber": {"dibuat": "2024-01-30T08:00:00", "berkas": [{"nama": "a.xlsx", "ukuran": 2048},
                                                                            {"nama": "b.csv", "ukuran": 10}]},
                      "daftar_tabel": [{"tabel": "T-C.33", "berkas": "a.xlsx"}, {"tabel": "T-C.29", "berkas": "a.xlsx"},
                                       {"tabel": "T-C.31", "berkas": "b.csv"}],
                      "riwayat": 2, "tabel_berkas": {"TC-31.xlsx": "T-C.31", "TC-33.xlsx": "T-C.33",
                                                     "data/TC-33.csv": "T-C.33"}}}
    rekap = _rekap_contoh()
    b = {r.kecamatan: r for r in baris_kecamatan(status, rekap.panjang, isi)}
    assert list(b) == ["Pasirian", "Kunir", "Tempeh"]
    assert [(r.no, r.jangkar, r.status, r.simbol) for r in b.values()] == [
        (1, "kec-1", LENGKAP, "✓"), (2, "kec-2", BELUM_MENGIRIM, "✗"), (3, "kec-3", BELUM_LENGKAP, "!")]
    t = b["Tempeh"]
    assert [(x.pendek, x.ada) for x in t.tabel] == [("29", True), ("30", True), ("31", True), ("32", True),
                                                  ("33", True), ("4.1", False)]
    assert t.tabel_belum_ada == "Tabel 4.1" and t.dalam_daftar is False and (t.galat, t.peringatan) == (2, 3)
    assert t.kiriman == "30-01-2024 08:00" and t.diproses == "01-02-2024 09:30"  # the version's time first
    assert [(f.nama, f.ukuran, f.tabel) for f in t.berkas] == [("a.xlsx", "2,0 KB", ("T-C.29", "T-C.33")),
                                                               ("b.csv", "10 B", ("T-C.31",))]
    assert t.laporan.path == ("tempeh", "laporan.html") and t.versi_lama == 2
    assert [(x.label, x.path) for x in t.tautan_tabel] == [("T-C.31", ("tempeh", "TC-31.xlsx")),
                                                          ("T-C.33", ("tempeh", "TC-33.xlsx"))]
    assert [x.path for x in t.tautan_data] == [("tempeh", "data", "TC-33.csv")]  # not catatan.csv: no table
    assert (t.pagu, t.pagu_maju) == (1070, 1100)
    p, k = b["Pasirian"], b["Kunir"]
    assert p.kiriman == "02-02-2024 10:00" and [f.nama for f in p.berkas] == ["p.xlsx"] and p.laporan is None
    assert (k.kiriman, k.galat, k.pagu, k.berkas, k.mengirim) == ("", None, None, (), False)
    assert [x.ada for x in k.tabel] == [None] * 6


def test_halaman_tahun_per_provinsi():
    from transforms.halaman import halaman_tahun, ringkas_kabupaten

    def status(kode, *keadaan):
        return pd.DataFrame({"kode_wilayah": [f"{kode}.0{i}" for i in range(len(keadaan))], "kabupaten": "X",
                             "status": list(keadaan), "dalam_daftar": "True", "dibuat": "2024-02-01T09:30:00"})

    kosong = pd.DataFrame(columns=["kecamatan", "level", "kode", "nama", "pagu", "pagu_maju"])
    a = ringkas_kabupaten("lumajang", status("35.08", LENGKAP, BELUM_MENGIRIM), _rekap_contoh().panjang,
                          "Kabupaten Lumajang")
    b = ringkas_kabupaten("kota-bandung", status("32.73", BELUM_LENGKAP), kosong)
    c = ringkas_kabupaten("tanpa-kabupaten", status("", BELUM_LENGKAP).assign(kode_wilayah=""), kosong)
    h = halaman_tahun([c, a, b], 2024, {"35": ("Jawa Timur", 38), "32": ("Jawa Barat", 27)},
                      {"35": ("_provinsi", "status-jawa-timur.csv")})
    assert [(p.kode, p.provinsi, [k.folder for k in p.kabupaten]) for p in h.provinsi] == [
        ("32", "Jawa Barat", ["kota-bandung"]), ("35", "Jawa Timur", ["lumajang"]),
        ("", "Wilayah tidak dikenal", ["tanpa-kabupaten"])]
    assert h.provinsi[1].status_provinsi.path == ("_provinsi", "status-jawa-timur.csv")
    assert a.halaman.path == ("lumajang", "index.html") and a.kabupaten == "Kabupaten Lumajang" and b.kabupaten == "X"
    assert (a.total_pagu, a.total_pagu_maju, a.keadaan) == (1420, 1490, "01-02-2024 09:30")
    assert (h.hitungan.lengkap, h.hitungan.belum_lengkap, h.hitungan.belum_mengirim, h.total_pagu) == (1, 2, 1, 1420)


# ------------------------------------------------------------------------------------------------ rendering


def test_judul_kabupaten_di_luar_daftar_resmi():
    from flows.rekap.halaman import _judul_kabupaten

    assert _judul_kabupaten("Tanpa Kabupaten", "tanpa-kabupaten") == "Kabupaten/kota tidak diketahui"
    assert _judul_kabupaten("Kota Baru", "kota-baru") == "Kota Baru"
    assert _judul_kabupaten("Lumajang", "lumajang") == "Kabupaten Lumajang"


def test_jinja_selalu_meloloskan_dan_href_per_segmen():
    from flows.rekap.halaman import href, lingkungan

    env = lingkungan()
    assert env.autoescape is True
    assert env.from_string("<p title='{{ x }}'>{{ x }}</p>").render(x=JAHAT_GAMBAR) == (
        "<p title='&#34;&gt;&lt;img src=x onerror=&#34;alert(&#39;gambar&#39;)&#34;&gt;'>"
        "&#34;&gt;&lt;img src=x onerror=&#34;alert(&#39;gambar&#39;)&#34;&gt;</p>")
    assert href(("a b", "#1?x=%", "laporan.html")) == "a%20b/%231%3Fx%3D%25/laporan.html"
    assert href(("..", "index.html")) == "../index.html" and href(("javascript:alert(1)",)) == "javascript%3Aalert%281%29"


def test_templat_ikut_paket():
    """The templates are package data (a wheel or a non-editable install has them too)."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pola = pyproject["tool"]["setuptools"]["package-data"]["flows"]
    templat = sorted(p.name for p in (REPO / "flows" / "templat").iterdir())
    assert templat == ["bagian.html", "dasar.html", "halaman.css", "kabupaten.html", "laporan.html", "tahun.html"]
    assert all(any(Path("templat", t).match(p) for p in pola) for t in templat)
    assert "jinja2==3.1.6" in pyproject["project"]["dependencies"]


def _teks(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_halaman_kabupaten_lumajang_seperti_make_run(keluaran):
    html = (keluaran / "2024" / "lumajang" / "index.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "@import" not in html and "url(" not in html
    assert "<h1>Kabupaten Lumajang</h1>" in html
    teks = _teks(html)
    assert "Kode wilayah 35.08 · Provinsi Jawa Timur" in teks
    assert html.count('<tr class="belum-mengirim"') == 20 and html.count('<tr class="lengkap"') == 1
    assert '<span class="status lengkap">✓ Lengkap</span>' in html
    senduro = re.search(r'<tr class="lengkap" data-folder="senduro">(.*?)</tr>', html, re.S).group(1)
    ringkasan = json.loads((keluaran / "2024" / "lumajang" / "senduro" / "validasi.json").read_text())["ringkasan"]
    assert ringkasan["galat"] > 0 and ringkasan["peringatan"] > 0  # the sample has both (README: 11 and 61)
    assert f'<td class="kanan galat galat-ada">{ringkasan["galat"]}</td>' in senduro
    assert f'<td class="kanan peringatan peringatan-ada">{ringkasan["peringatan"]}</td>' in senduro
    assert "2.080.252.824" in senduro and "2.621.874.277" in senduro and 'href="senduro/laporan.html"' in senduro
    for tautan in ("senduro/TC-29.xlsx", "senduro/TC-33.xlsx", "senduro/data/TabelIV-1.csv",
                   "_rekap/Rekap-Lumajang-2024.xlsx", "_rekap/status.csv", "_rekap/rekap.csv", "../index.html"):
        assert f'href="{tautan}"' in html
    assert "Renja-Senduro-2024.xlsx (34,7 KB): T-C.29, T-C.30, T-C.31, T-C.32, T-C.33, Tabel 4.1" in teks
    assert html.count('<g class="program">') == 6


def test_halaman_meloloskan_teks_dari_workbook(keluaran):
    html = (keluaran / "2024" / "probolinggo" / "index.html").read_text(encoding="utf-8")
    for jahat in (JAHAT_SKRIP, JAHAT_GAMBAR, "<svg onload", "<img"):
        assert jahat not in html
    assert "&lt;script&gt;alert(&#39;skrip&#39;)&lt;/script&gt;" in html  # in the table, the chart and its titles
    assert html.count("&lt;script&gt;alert(&#39;skrip&#39;)&lt;/script&gt;") >= 4
    assert "Kec&#34;&gt;&lt;img src=x onerror=&#34;alert(&#39;gambar&#39;)&#34;&gt;" in html
    assert "Renja&#34;&gt;&lt;img src=x onerror=&#34;alert(&#39;gambar&#39;)&#34;&gt;.xlsx" in html
    # the folder named by hand: its links quoted, its name shown as text
    assert 'href="x%22%3E%3Csvg%20onload%3Dalert%283%29%3E%20%23%3F%25%26amp%3B/laporan.html"' in html
    assert 'data-folder="x&#34;&gt;&lt;svg onload=alert(3)&gt; #?%&amp;amp;"' in html


def test_halaman_tahun_menaut_setiap_kabupaten(keluaran):
    html = (keluaran / "2024" / "index.html").read_text(encoding="utf-8")
    teks = _teks(html)
    assert re.search(r"Provinsi Jawa Barat 32 .*Provinsi Jawa Timur 35 ", teks)
    for tautan in ("kota-bandung/index.html", "lumajang/index.html", "probolinggo/index.html",
                   "_provinsi/status-jawa-timur.csv", "_provinsi/status-jawa-barat.csv"):
        assert f'href="{tautan}"' in html
    assert "2 dari 38 kabupaten/kota dengan rekap" in teks and "1 dari 27 kabupaten/kota dengan rekap" in teks


def test_halaman_sama_bila_diulang(keluaran):
    halaman = [keluaran / "2024" / "lumajang" / "index.html", keluaran / "2024" / "probolinggo" / "index.html",
               keluaran / "2024" / "index.html"]
    sebelum = [p.read_bytes() for p in halaman]
    rekap_semua(keluaran)
    assert [p.read_bytes() for p in halaman] == sebelum  # no clock in the page: same outputs, same bytes
    assert not list(keluaran.rglob(".*.tmp*"))


def test_perintah_rekap_menyebut_halaman(keluaran):
    from flows.rekap import ringkasan_rekap

    teks = ringkasan_rekap(rekap_semua(keluaran))
    assert f"  Halaman: {keluaran / '2024' / 'lumajang' / 'index.html'}\n" in teks
    assert teks.rstrip().endswith(f"Halaman semua kabupaten/kota tahun 2024: {keluaran / '2024' / 'index.html'}")


# ------------------------------------------------------------------------------------------------ the service


def test_kabupaten_basi_menurut_waktu_keluaran(tmp_path):
    from flows.rekap.segarkan import kabupaten_basi

    out = tmp_path / "output"
    kab = out / "2024" / "lumajang"
    tulis_kecamatan(kab, "pasirian", "Pasirian", PASIRIAN)
    (out / "2024" / "_provinsi").mkdir(parents=True)
    (out / "tanpa-tahun").mkdir()
    assert kabupaten_basi(out) == [(2024, kab)]  # no page yet
    (kab / "index.html").write_text("x", encoding="utf-8")
    assert kabupaten_basi(out) == []
    waktu = (kab / "index.html").stat().st_mtime_ns + 1_000_000
    os.utime(kab / "pasirian" / "validasi.json", ns=(waktu, waktu))  # a run wrote it after the page
    assert kabupaten_basi(out) == [(2024, kab)]
    assert kabupaten_basi(tmp_path / "tidak-ada") == []


def test_run_folder_kiriman_memperbarui_halaman(tmp_path, monkeypatch):
    """`renja serve` / `renja run --arsipkan`: after a run that changed a kabupaten its rekap and page are fresh;
    a run that changed nothing leaves them; a page a killed run left stale is refreshed by the next run."""
    import shutil

    from flows.rekap.segarkan import kabupaten_basi
    from flows.mesin.jalan import jalankan
    from flows.setelan import Jalan, Opsi

    monkeypatch.delenv("RENJA_DAFTAR_KECAMATAN", raising=False)
    masuk, keluar = tmp_path / "input", tmp_path / "output"
    masuk.mkdir()
    shutil.copyfile(SAMPEL_SEMUA, masuk / "Renja-Senduro-2024.xlsx")
    os.utime(masuk / "Renja-Senduro-2024.xlsx", (1_600_000_000, 1_600_000_000))
    hasil = jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    assert [h.status for h in hasil] == ["ok"]
    kab = keluar / "2024" / "lumajang"
    halaman, tahun = kab / "index.html", keluar / "2024" / "index.html"
    assert halaman.is_file() and tahun.is_file() and (kab / "_rekap" / "status.csv").is_file()
    status = pd.read_csv(kab / "_rekap" / "status.csv", keep_default_na=False)
    assert len(status) == 21 and list(status.loc[status["folder"] == "senduro", "status"]) == [LENGKAP]
    assert kabupaten_basi(keluar) == []
    waktu = halaman.stat().st_mtime_ns
    assert jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0)) == []  # nothing new
    assert halaman.stat().st_mtime_ns == waktu
    (kab / "index.html").unlink()  # as if the run had been killed before it refreshed the page
    jalankan(Jalan(masuk, keluar, Opsi(), arsipkan=True, tunggu_kunci=0))
    assert halaman.is_file() and kabupaten_basi(keluar) == []


def test_segarkan_tidak_menggagalkan_run(tmp_path, monkeypatch, caplog):
    from flows.rekap.segarkan import segarkan

    out = tmp_path / "output"
    tulis_kecamatan(out / "2024" / "lumajang", "pasirian", "Pasirian", PASIRIAN)
    monkeypatch.setenv("RENJA_DAFTAR_KECAMATAN", str(tmp_path / "hilang.txt"))
    with caplog.at_level(logging.ERROR):
        assert segarkan(out, logging.getLogger("test")) == []
    assert "hilang.txt' tidak dapat dibaca" in caplog.text
    monkeypatch.delenv("RENJA_DAFTAR_KECAMATAN")
    monkeypatch.setattr("flows.rekap.segarkan.rekap_kabupaten", lambda *a, **k: 1 / 0)
    with caplog.at_level(logging.ERROR):
        assert segarkan(out, logging.getLogger("test")) == []
    assert "Rekap" in caplog.text and "ZeroDivisionError" in caplog.text
