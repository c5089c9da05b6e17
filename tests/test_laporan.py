"""laporan.html from its template (flows/templat/laporan.html): the bytes it has always had — html.escape's quotes,
one section per line, in order — and every text of a workbook shown as text, never markup or template syntax."""
from __future__ import annotations

import pandas as pd

from flows.langkah.tulis.laporan import render_laporan
from schemas.aturan import KOLOM_TEMUAN_LENGKAP
from transforms.laporan import model_laporan

JAHAT = "<script>alert('x')</script> & \"kutip\" {{ 7*7 }} {% raw %}"


def _temuan(*baris: dict) -> pd.DataFrame:
    return pd.DataFrame([{k: r.get(k) for k in KOLOM_TEMUAN_LENGKAP} for r in baris],
                        columns=list(KOLOM_TEMUAN_LENGKAP))


def _info(**lain) -> dict:
    return {"berkas": "a.xlsx", "tabel": "T-C.33", "sheet": "Renja", "tahun": 2024, "kabupaten": "Lumajang",
            "kecamatan": "Senduro", "kode_wilayah": "35.08.12", "dibuat": "2026-12-03T11:20:01",
            "ringkasan": {"galat": 1, "peringatan": 0, "info": 2}, **lain}


def test_laporan_kosong_baris_demi_baris():
    html = render_laporan(_info(), _temuan(), [])
    baris = html.split("\n")
    assert baris[0] == "<!DOCTYPE html>"
    assert baris[1].startswith('<html lang="id"><head><meta charset="utf-8"><title>Laporan Validasi T-C.33 '
                               'Senduro</title><style>')
    tubuh = baris[baris.index("</style></head><body>") + 1:]
    assert tubuh == [
        "<h1>Laporan Validasi T-C.33</h1>",
        "<p>Berkas: <b>a.xlsx</b><br>Sheet: <b>Renja</b><br>Tahun: <b>2024</b><br>Kabupaten: <b>Lumajang</b><br>"
        "Kecamatan: <b>Senduro</b><br>Kode wilayah: <b>35.08.12</b><br>Dibuat: <b>2026-12-03T11:20:01</b></p>",
        '<p class="ringkas"><span>Galat: 1</span><span>Peringatan: 0</span><span>Info: 2</span></p>',
        "<h2>Kode yang diperbaiki</h2><p>Tidak ada.</p>",
        "<h2>Semua temuan</h2><p>Tidak ada temuan.</p>",
        "</body></html>",
        "",
    ]


def test_teks_berkas_tetap_teks_dan_setiap_bagian_berurutan():
    info = _info(masalah_utama=JAHAT, kecamatan=None, sheet="", angka={"Total pagu": "Rp 1.000"},
                 daftar_tabel=[{"tabel": "T-C.33", "berkas": JAHAT, "sheet": "S", "baris_header": 6, "nihil": True,
                                "jumlah_baris": 0}], data_wilayah="Kepmendagri")
    temuan = _temuan({"berkas": JAHAT, "sel": "A9", "nilai": "7.1", "kode": "7.01", "aturan": "kode-diperbaiki",
                      "tingkat": "info", "pesan": JAHAT},
                     {"berkas": "a.xlsx", "aturan": "x", "tingkat": "galat", "pesan": "p"})
    html = render_laporan(info, temuan, [JAHAT])
    aman = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;kutip&quot; {{ 7*7 }} {% raw %}"
    assert "<script>" not in html and "49" not in html and "&#39;" not in html
    assert html.count(aman) == 6  # main problem, a table's file, a check not done, two findings' texts, a file
    judul = ['<p class="utama">', "<h1>", "<h2>Tabel yang ditemukan", "<h2>Angka pokok", "<h2>Pemeriksaan yang tidak",
             "<h2>Kode yang diperbaiki</h2><table>", "<h2>Semua temuan</h2><table>", "<p><small>Kode wilayah: Kepmendagri."]
    posisi = [html.index(j) for j in judul]
    assert posisi == sorted(posisi)
    assert "Kecamatan: <b>(tidak diketahui)</b>" in html and "Sheet: <b>(tidak diketahui)</b>" in html
    assert "<td>NIHIL</td>" in html and '<tr class="galat"><td>2</td><td class="tingkat">Galat</td>' in html


def test_model_laporan_tanpa_markup():
    m = model_laporan(_info(), _temuan({"aturan": "kode-diperbaiki", "tingkat": "info", "pesan": "<b>"}), [])
    assert m.kode_diperbaiki == (("", "", "", "<b>"),)
    assert m.temuan[0][:3] == (1, "info", "Info") and m.temuan[0][-1] == "<b>"
    assert m.ringkas == (("Galat", 1), ("Peringatan", 0), ("Info", 2)) and m.utama is None
