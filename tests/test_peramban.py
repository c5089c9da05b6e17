"""The district's pages in a real browser: headless Chromium from Debian's packages, driven by Playwright for Python
(its own driver, the system's browser: never ``playwright install``).

Skipped when Playwright or Chromium is missing, unless the environment variable CI is set: CI must have them
(``.ci/run`` installs Debian's ``chromium``; ``RENJA_CHROMIUM`` names another executable).  Each run uses a fresh
profile in a temporary folder.  The pages are opened from the folder (``file://``) and over HTTP (Python's
``http.server`` on 127.0.0.1 serving the output folder, in a thread); each test checks that the page loads without
console errors or requests outside the output folder, that every link resolves to a file that exists, that the
numbers shown equal ``rekap.csv`` and ``status.csv``, and that text from workbooks stays text (no dialog, no element
it would inject).  Screenshots (and the A4 print as PDF) are written under the test's temporary folder, named in the
test report (``record_property``) and printed; with ``RENJA_TANGKAPAN_LAYAR=<folder>`` they are copied there too.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import threading
import urllib.request
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from tests.test_halaman import (
    JAHAT_BERKAS,
    JAHAT_FOLDER,
    JAHAT_KECAMATAN,
    JAHAT_PROGRAM,
    bangun_keluaran,
    rekap_semua,
)
from transforms.angka import format_rupiah
from transforms.halaman import SIMBOL_STATUS
from transforms.rekap import LABEL_STATUS

pytestmark = pytest.mark.chromium

ARGUMEN = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run"]
LEBAR_HP, LEBAR_A4 = 360, 710  # a phone; A4's printable width (210 mm − 2 × 11 mm margins) in CSS pixels
# What a hostile text would inject; the pages themselves have none of these.
SUNTIKAN = "script, img, iframe, object, embed, [onerror], [onload], [onclick], [onmouseover]"


def _chromium() -> str | None:
    path = os.environ.get("RENJA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).is_file() else None


@pytest.fixture(scope="module")
def peramban(tmp_path_factory):
    """A headless Chromium (persistent context on a fresh profile); skip (fail under CI) when it cannot start."""
    alasan = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        alasan = "Playwright is not installed (pip install -c constraints.txt -e '.[test]')"
    if alasan is None and _chromium() is None:
        alasan = "chromium not found (Debian: apt-get install chromium; or set RENJA_CHROMIUM)"
    if alasan is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {alasan}")
        pytest.skip(alasan)
    with sync_playwright() as p:
        konteks = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profil")), executable_path=_chromium(), headless=True,
            args=ARGUMEN, viewport={"width": 1280, "height": 900})
        try:
            yield konteks
        finally:
            konteks.close()


@pytest.fixture(scope="module")
def keluaran(tmp_path_factory) -> Path:
    output = bangun_keluaran(tmp_path_factory.mktemp("peramban") / "output")
    rekap_semua(output)
    return output


class _Diam(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(keluaran):
    """The output folder over HTTP on 127.0.0.1 (a free port), in a thread."""
    srv = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Diam, directory=str(keluaran)))
    benang = threading.Thread(target=srv.serve_forever, daemon=True)
    benang.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@dataclass
class Kunjungan:
    """A page opened in the browser and everything it said or asked for."""

    halaman: object
    galat: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialog: list[str] = field(default_factory=list)
    permintaan: list[str] = field(default_factory=list)


def kunjungi(peramban, url: str, lebar: int = 1280) -> Kunjungan:
    halaman = peramban.new_page()
    halaman.set_viewport_size({"width": lebar, "height": 900})
    k = Kunjungan(halaman)
    halaman.on("console", lambda m: k.galat.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    halaman.on("pageerror", lambda e: k.galat.append(f"pageerror: {e}"))
    halaman.on("requestfailed", lambda r: k.galat.append(f"requestfailed: {r.url} {r.failure}"))
    halaman.on("dialog", lambda d: (k.dialog.append(d.message), d.dismiss()))
    halaman.on("request", lambda r: k.permintaan.append(r.url))
    halaman.goto(url, wait_until="load")
    return k


def bersih(k: Kunjungan, asal: str) -> None:
    """No console error, no dialog, nothing requested outside ``asal`` (the output folder or the local server)."""
    assert k.galat == [] and k.dialog == []
    assert [u for u in k.permintaan if not (u.startswith(asal) or u.startswith("data:"))] == []


def suntikan(halaman) -> list[str]:
    """Elements a hostile text would have injected (the pages have no script, image or handler of their own)."""
    return halaman.eval_on_selector_all(SUNTIKAN, "els => els.map(e => e.outerHTML)")


def tautan(halaman) -> list[tuple[str, str]]:
    """Every link of the page: (as written, as the browser resolves it)."""
    return [tuple(x) for x in halaman.eval_on_selector_all(
        "a[href]", "els => els.map(a => [a.getAttribute('href'), a.href])")]


def periksa_tautan(halaman, url_halaman: str) -> int:
    """Every link resolves: an in-page fragment to an element, a file:// one to a file that exists, an http:// one to
    an answer 200 of the server.  Returns how many were checked."""
    semua = tautan(halaman)
    for mentah, href in semua:
        assert not mentah.startswith(("http:", "https:", "file:", "//", "javascript:")), mentah  # relative only
        if mentah.startswith("#"):
            assert halaman.query_selector(f"[id='{mentah[1:]}']") is not None, mentah
            continue
        alamat = urlsplit(href)
        if alamat.scheme == "file":
            assert Path(unquote(alamat.path)).is_file(), (mentah, href)
        else:
            assert href.startswith(url_halaman.split("/2024/")[0]), href
            with urllib.request.urlopen(urllib.request.Request(href, method="HEAD"), timeout=10) as r:  # noqa: S310
                assert r.status == 200, href
    return len(semua)


def _teks(halaman, pilih: str) -> str:
    return halaman.inner_text(pilih).strip()


def _rupiah(n) -> str:
    return "–" if n is None or pd.isna(n) else format_rupiah(int(n))


def periksa_angka(halaman, folder_kab: Path) -> None:
    """The numbers the page shows equal _rekap/status.csv and _rekap/rekap.csv (read here with pandas alone)."""
    status = pd.read_csv(folder_kab / "_rekap" / "status.csv", dtype=str, keep_default_na=False)
    rekap = pd.read_csv(folder_kab / "_rekap" / "rekap.csv", dtype={"kode": str, "kode_wilayah": str})
    program = rekap[rekap["level"] == "program"]
    per_kec = program.groupby("kecamatan")[["pagu", "pagu_maju"]].sum(min_count=1)
    baris = halaman.eval_on_selector_all("table.status-kecamatan tbody tr", """trs => trs.map(tr => ({
        folder: tr.dataset.folder, nama: tr.querySelector('td.kecamatan .nama').innerText,
        kode: (tr.querySelector('td.kecamatan code') || {innerText: ''}).innerText,
        status: tr.querySelector('.status').innerText, galat: tr.querySelector('td.galat').innerText,
        peringatan: tr.querySelector('td.peringatan').innerText, pagu: tr.querySelector('td.pagu').innerText,
        pagu_maju: tr.querySelector('td.pagu-maju').innerText}))""")
    assert len(baris) == len(status)
    for b, s in zip(baris, status.to_dict("records")):
        assert (b["folder"], b["nama"], b["kode"]) == (s["folder"], s["kecamatan"], s["kode_wilayah"])
        assert b["status"] == f"{SIMBOL_STATUS[s['status']]} {LABEL_STATUS[s['status']]}"
        assert (b["galat"], b["peringatan"]) == (s["galat"] or "–", s["peringatan"] or "–")
        n, n1 = per_kec.loc[s["kecamatan"]] if s["kecamatan"] in per_kec.index else (None, None)
        assert (b["pagu"], b["pagu_maju"]) == (_rupiah(n), _rupiah(n1)), s["kecamatan"]
    hitung = status["status"].value_counts()
    for kunci, pilih in (("lengkap", "#jumlah-lengkap"), ("belum-lengkap", "#jumlah-belum-lengkap"),
                         ("belum-mengirim", "#jumlah-belum-mengirim")):
        assert _teks(halaman, f"{pilih} .nilai") == str(int(hitung.get(kunci, 0)))
    assert _teks(halaman, "#total-pagu .nilai") == format_rupiah(int(program["pagu"].sum()))
    assert _teks(halaman, "#total-pagu-maju .nilai") == format_rupiah(int(program["pagu_maju"].sum()))
    total = program.groupby(["kode", "nama"])[["pagu", "pagu_maju"]].sum()
    ditampilkan = halaman.eval_on_selector_all("table.program tbody tr", """trs => trs.map(tr =>
        Array.from(tr.querySelectorAll('td')).map(td => td.innerText))""")
    assert {(k, n): (p, m) for k, n, p, m in ditampilkan} == {
        k: (format_rupiah(int(r["pagu"])), format_rupiah(int(r["pagu_maju"]))) for k, r in total.iterrows()}
    assert len(halaman.query_selector_all("svg.grafik g.program")) == len(total)


def simpan(halaman, tmp_path: Path, nama: str, record_property, **opsi) -> Path:
    """A full-page screenshot for the test's report (and a copy in RENJA_TANGKAPAN_LAYAR when set)."""
    path = tmp_path / f"{nama}.png"
    halaman.screenshot(path=str(path), full_page=True, **opsi)
    _laporkan(path, record_property)
    return path


def _laporkan(path: Path, record_property) -> None:
    record_property(f"tangkapan:{path.stem}", str(path))
    print(f"Tangkapan layar: {path}")
    salinan = os.environ.get("RENJA_TANGKAPAN_LAYAR")
    if salinan:
        Path(salinan).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(salinan) / path.name)


# ------------------------------------------------------------------------------------------------ the tests


def test_halaman_lumajang_dari_folder(peramban, keluaran, tmp_path, record_property):
    """The issue's 'done when': after `make run` and `renja rekap --tahun 2024 --kabupaten Lumajang`, the page
    opened from the folder shows Senduro's status, counts and links and the 20 kecamatan that have not sent."""
    kab = keluaran / "2024" / "lumajang"
    url = (kab / "index.html").as_uri()
    k = kunjungi(peramban, url)
    h = k.halaman
    bersih(k, keluaran.as_uri())
    assert h.title() == "Renja Kecamatan Kabupaten Lumajang Tahun 2024"
    senduro = h.locator("tr[data-folder='senduro']")
    assert senduro.locator(".status").inner_text() == "✓ Lengkap"
    r = json.loads((kab / "senduro" / "validasi.json").read_text(encoding="utf-8"))["ringkasan"]
    assert r["galat"] and r["peringatan"]  # the sample has both (README: 11 and 61)
    assert senduro.locator("td.galat").inner_text() == str(r["galat"])
    assert senduro.locator("td.peringatan").inner_text() == str(r["peringatan"])
    assert senduro.locator("td.pagu").inner_text() == "2.080.252.824"
    assert h.locator("tr.belum-mengirim").count() == 20
    assert h.locator("tr.belum-mengirim .status").all_inner_texts() == ["✗ Belum mengirim"] * 20
    kartu = h.locator("article#kec-12")
    assert kartu.locator("a").all_inner_texts() == ["Laporan validasi", "T-C.29", "T-C.30", "T-C.31", "T-C.32",
                                                    "T-C.33", "T-C.29", "T-C.30", "T-C.31", "T-C.32", "T-C.33",
                                                    "Tabel 4.1"]
    assert "Renja-Senduro-2024.xlsx" in kartu.inner_text()
    assert periksa_tautan(h, url) == 1 + 4 + 2 + 12  # up, the rekap's four files, Senduro's row and card
    periksa_angka(h, kab)
    assert suntikan(h) == []
    simpan(h, tmp_path, "lumajang", record_property)
    h.close()


def test_teks_dari_workbook_tetap_teks(peramban, keluaran, tmp_path, record_property):
    """A kecamatan's name, its file's name, a program name and a folder made by hand carry markup: the page shows
    them as text — in the table, the chart's labels and titles, the links — and nothing runs."""
    kab = keluaran / "2024" / "probolinggo"
    url = (kab / "index.html").as_uri()
    k = kunjungi(peramban, url)
    h = k.halaman
    bersih(k, keluaran.as_uri())
    assert suntikan(h) == [] and k.dialog == []
    isi = h.inner_text("body")
    for teks in (JAHAT_KECAMATAN, JAHAT_BERKAS, JAHAT_PROGRAM):
        assert teks in isi
    judul = h.eval_on_selector_all("svg.grafik g.program > title", "ts => ts.map(t => t.textContent)")
    assert f"7.01.09 {JAHAT_PROGRAM}" in judul
    label = h.eval_on_selector_all("svg.grafik text.label", "ts => ts.map(t => t.textContent)")
    assert any("Program Uji <script>" in t for t in label)
    assert h.locator(f"tr[data-folder='{JAHAT_FOLDER}']").count() == 1
    assert periksa_tautan(h, url) > 10
    periksa_angka(h, kab)
    simpan(h, tmp_path, "probolinggo", record_property)
    h.close()


def test_pemeriksa_suntikan_bisa_gagal(peramban, tmp_path):
    """The checks above would see an injection: a page that does not escape is caught."""
    buruk = tmp_path / "buruk.html"
    buruk.write_text(f"<!DOCTYPE html><p>{JAHAT_KECAMATAN}</p><p>{JAHAT_PROGRAM}</p>", encoding="utf-8")
    k = kunjungi(peramban, buruk.as_uri())
    assert len(suntikan(k.halaman)) == 3  # two <img onerror>, one <script>
    assert "skrip" in k.dialog  # and they ran
    k.halaman.close()


def test_lewat_http(peramban, keluaran, server):
    for jalur, kab in (("2024/lumajang/index.html", "lumajang"), ("2024/probolinggo/index.html", "probolinggo"),
                       ("2024/index.html", None)):
        url = f"{server}/{jalur}"
        k = kunjungi(peramban, url)
        bersih(k, server)
        assert suntikan(k.halaman) == []
        assert periksa_tautan(k.halaman, url) > 3
        if kab:
            periksa_angka(k.halaman, keluaran / "2024" / kab)
        k.halaman.close()


def test_halaman_tahun(peramban, keluaran, tmp_path, record_property):
    url = (keluaran / "2024" / "index.html").as_uri()
    k = kunjungi(peramban, url)
    h = k.halaman
    bersih(k, keluaran.as_uri())
    assert h.locator("section.provinsi h2").all_inner_texts() == ["Provinsi Jawa Barat 32", "Provinsi Jawa Timur 35"]
    baris = h.eval_on_selector_all("table.tahun tbody tr", """trs => trs.map(tr => [tr.dataset.folder,
        ...Array.from(tr.querySelectorAll('td')).map(td => td.innerText)])""")
    assert [b[0] for b in baris] == ["kota-bandung", "lumajang", "probolinggo"]
    for folder, nama, lengkap, belum_lengkap, belum_mengirim, luar, pagu, pagu_maju, _ in baris:
        status = pd.read_csv(keluaran / "2024" / folder / "_rekap" / "status.csv", keep_default_na=False)
        rekap = pd.read_csv(keluaran / "2024" / folder / "_rekap" / "rekap.csv")
        program = rekap[rekap["level"] == "program"]
        n = status["status"].value_counts()
        diharapkan = int((status["dalam_daftar"].astype(str) == "True").sum())
        assert lengkap == f"{n.get('lengkap', 0)} / {diharapkan}"
        assert (belum_lengkap, belum_mengirim) == (str(n.get("belum-lengkap", 0)), str(n.get("belum-mengirim", 0)))
        assert luar == str(int((status["dalam_daftar"].astype(str) == "False").sum()))
        assert (pagu, pagu_maju) == (format_rupiah(int(program["pagu"].sum())),
                                     format_rupiah(int(program["pagu_maju"].sum())))
    assert periksa_tautan(h, url) == 3 + 2  # three kabupaten, two province status files
    simpan(h, tmp_path, "tahun", record_property)
    h.close()


@pytest.mark.parametrize("jalur", ["2024/lumajang/index.html", "2024/probolinggo/index.html", "2024/index.html"])
def test_ponsel_dan_cetak_a4(peramban, keluaran, tmp_path, record_property, jalur):
    """On a phone the page itself never scrolls sideways (wide tables scroll inside their box); printed on A4 it
    fits the paper's width."""
    k = kunjungi(peramban, (keluaran / jalur).as_uri(), lebar=LEBAR_HP)
    h = k.halaman
    assert h.evaluate("document.documentElement.scrollWidth") <= LEBAR_HP
    lebar_kotak = h.eval_on_selector_all(".gulir", "els => els.map(e => [e.scrollWidth, e.clientWidth])")
    assert lebar_kotak and all(c <= LEBAR_HP for _, c in lebar_kotak)
    if "lumajang" in jalur:
        assert any(s > c for s, c in lebar_kotak)  # the status table scrolls in its box
        simpan(h, tmp_path, "lumajang-ponsel", record_property)
    h.emulate_media(media="print")
    h.set_viewport_size({"width": LEBAR_A4, "height": 1000})
    assert h.evaluate("document.documentElement.scrollWidth") <= LEBAR_A4
    assert h.eval_on_selector_all(".gulir", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length") == 0
    if jalur != "2024/index.html":
        assert h.locator(".tautan-rekap").is_hidden() and h.locator(".kolom-keluaran").first.is_hidden()
    if "lumajang" in jalur:
        pdf = tmp_path / "lumajang-a4.pdf"
        h.pdf(path=str(pdf), format="A4", print_background=True)
        assert pdf.read_bytes().startswith(b"%PDF")
        _laporkan(pdf, record_property)
    h.close()
