"""Mutan workbook untuk fuzzing (`tools/fuzz.py`, `tests/test_fuzz.py`): resep suntingan yang ditarik hypothesis,
diterapkan pada contoh yang dikirim, seperti suntingan petugas yang ceroboh dan berkas yang rusak di jalan.

Sebuah ``Resep`` adalah data biasa (tuple, bisa dicetak dan ditempel di tes): basis (``semua`` =
`input/Renja-Senduro-2024.xlsx`, ``tc33`` = `tests/fixtures/Renja-Senduro-2024-TC33.xlsx`), bentuk (``xlsx`` atau
``csv``) dan tiga daftar operasi, diterapkan berurutan oleh ``buat_mutan(resep, path)``:

1. ``ops`` pada model sel workbook (nilai, format angka, gabungan per sheet; dibaca sekali dengan openpyxl):
   ``isi`` (nilai dari ``ABJAD_JAHAT``: kosong, ``=1+1``, ``1e400``, ``10**20``, angka lebar penuh, teks 5.000
   karakter, karakter kendali, tanggal, logika, angka negatif, inf/NaN (sel galat), rumus …), ``format`` (format
   angka yang aneh pada sel angka), ``tukar`` sel, ``hapus_baris``/``sisip_baris``/``hapus_kolom``/``sisip_kolom``,
   ``salin_baris``, ``isi_blok``, ``gabung``/``pisah`` rentang, ``jauh`` (sel di baris/kolom yang jauh),
   ``ganti_nama``/``gandakan``/``hapus_sheet``/``pindah_sheet``.  Indeks baris, kolom dan sheet adalah bilangan
   mentah yang dibaca modulo ukuran model saat itu, jadi setiap operasi tetap berlaku sesudah operasi lain;
2. bentuk ``xlsx``: model ditulis xlsxwriter, lalu ``ops_zip``: bita berkas dibalik atau dipotong (``z_…``), atau
   satu bagian XML di dalam zip dirusak lalu dizip ulang dengan CRC benar supaya kerusakannya sampai ke pengurai XML
   (``x_…``: bita dibalik, dipotong, dihapus, potongan jahat disisipkan sebelum sebuah tag — DOCTYPE, ``&#xD800;``,
   surrogate tunggal sebagai bita UTF-8, sel galat/logika/tanggal, indeks shared string yang tidak ada, sel di
   XFD1048576, gabungan raksasa —, token diganti, bagian dibuang);
3. bentuk ``csv``: satu sheet model diekspor sebagai CSV (``csv`` = sheet, pemisah, pengodean, akhir baris,
   pengutipan, angka berpemisah ribuan), lalu ``ops_csv``: pemisah sebaris diganti, kutip liar, dipotong, bita
   disisipkan (NUL, BOM di tengah, surrogate tunggal, bita yang tidak sah), baris digandakan atau dihapus.

``strategi_resep()`` adalah strategi hypothesis untuk resep; ``tarik_resep(jumlah, seed)`` menarik sejumlah resep
secara deterministik (benih sama → resep sama) untuk kampanye yang menjalankan mutan berkelompok.
"""
from __future__ import annotations

import csv
import io
import math
import pickle
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

if __package__ in (None, ""):  # dijalankan sebagai skrip
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
BASIS = {"semua": REPO / "input" / "Renja-Senduro-2024.xlsx",
         "tc33": REPO / "tests" / "fixtures" / "Renja-Senduro-2024-TC33.xlsx"}
MAKS_TEKS_EXCEL = 32767  # karakter per sel


@dataclass(frozen=True)
class Rumus:
    """Sel rumus dengan nilai tersimpan (``hasil``; None: xlsxwriter menyimpan 0)."""

    teks: str
    hasil: object = None


@dataclass(frozen=True)
class Resep:
    """Satu mutan: basis, bentuk dan operasi (docstring modul); ``repr`` dapat ditempel di tes."""

    basis: str = "semua"
    bentuk: str = "xlsx"
    ops: tuple = ()
    ops_zip: tuple = ()
    csv: tuple | None = None  # (sheet, pemisah, pengodean, akhir baris, pengutipan, ribuan) untuk bentuk csv
    ops_csv: tuple = ()

    @property
    def akhiran(self) -> str:
        return ".csv" if self.bentuk == "csv" else ".xlsx"

    def jumlah_op(self) -> int:
        return len(self.ops) + len(self.ops_zip) + len(self.ops_csv)


# ------------------------------------------------------------------------------------------------ model sel


@dataclass
class Lembar:
    """Satu sheet: sel (baris, kolom) 0-based → (nilai, format angka atau None) dan gabungan (r1, k1, r2, k2)."""

    nama: str
    sel: dict = field(default_factory=dict)
    gabungan: list = field(default_factory=list)

    def ukuran(self) -> tuple[int, int]:
        if not self.sel:
            return 1, 1
        return max(r for r, _ in self.sel) + 1, max(k for _, k in self.sel) + 1


@lru_cache(maxsize=4)
def _model_basis(basis: str) -> tuple[Lembar, ...]:
    from openpyxl import load_workbook

    wb = load_workbook(BASIS[basis])
    hasil = []
    for ws in wb.worksheets:
        sel = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                fmt = c.number_format if c.number_format and c.number_format != "General" else None
                sel[c.row - 1, c.column - 1] = (c.value, fmt)
        gabungan = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in ws.merged_cells.ranges]
        hasil.append(Lembar(ws.title, sel, sorted(gabungan)))
    return tuple(hasil)


def model(basis: str) -> list[Lembar]:
    """Salinan model basis (dibaca sekali per proses)."""
    return [Lembar(l.nama, dict(l.sel), list(l.gabungan)) for l in _model_basis(basis)]


# ---------------------------------------------------------------------------------------------- nilai jahat

TEKS_PANJANG = "x" * 5000
ABJAD_JAHAT = (
    None, "", " ", "\t", "=1+1", "+1", "@SUM(A1)", "-", "—", "1e400", "-1e400", "10**20", "NaN", "inf",
    10**20, -(10**20), 10**15 + 1, 2**53 + 1, 2**63, 1e20, 1e308, -1e308, 1e-300, float("inf"), float("-inf"),
    float("nan"), -5, -2080252824, 0, 0.1, 1.5, 12.345678901234567,
    "１２３", "２.０８０.２５２.８２４", "٣٤٥", "१२३", TEKS_PANJANG, "A" * 32767, "\x01\x02\x07\x1b", "\x0b\x0c",
    "\u202e7.01.01", "7.01\u200b.01", "😀", "Ā" * 10, "Rp 1.000.000,-", "Rp.", "N/A", "#N/A", "#REF!",
    "2.517.22.415", "10.000,000", "3,375.000", "3,375", "1.234,5", "1 000 000", "(1.000)", "100%", "66,67%",
    "12 Laporan", "12 Orang/12 Bulan", "60.5 (B-)", "- Dokumen", "0 %", "%", "7", "7.01", "7.01.01",
    "7.01.01.2.01", "7.01.01.2.01.0001", "7.01.01.2.01.01.01.01", "7 0 0 2 0 7", "7..01", ".", "TOTAL PAGU",
    "TOTAL", "NIHIL", "Kode", "Indikator", "Kebutuhan Dana", "Target", "No", "T-C.33", "T-C.29", "Tabel 4.1",
    "Kecamatan", "KECAMATAN ", "Kabupaten", "Tahun 2024", "Tahun 99999", "Tahun 0", "CAMAT SENDURO",
    "NIP. 1970", "DAU", "APBD", "Program", "aktivitas",
    datetime(2024, 1, 1), datetime(1900, 1, 1), datetime(9999, 12, 31, 23, 59, 59), date(2024, 2, 29),
    time(12, 30), True, False, "TRUE", "FALSE", "\ud800", "7.01\udfff.01", "Rp \udc80 1.000", 5e-324, -0.0,
    Rumus("=1+1", 2), Rumus("=1/0", "#DIV/0!"), Rumus("=A1", None), Rumus("=SUM(A1:A3)", "x"),
    Rumus('="abc"', "abc"), Rumus("=NA()", "#N/A"),
)
FORMAT_JAHAT = ('0" Laporan"', '0.##"%"', "0%", "0.00%", "#,##0", "@", "yyyy-mm-dd", "[$Rp-421]#,##0", "0.00E+00",
                "# ?/?", '"abc"', ";;;", "[Red]0", '0"', '0.#" (B-)"', '0\\%', "0;-0;", '0" Orang/12 Bulan"',
                "[h]:mm", '0.000000000000000000000000000000" x"', '#,##0,"K"', '0.0"""', "000-000", "%%0")
NAMA_SHEET = ("Sheet1", "TC.33", "TC 29", "T-C.32", "Tabel 4.1", "T-C.33 (2)", "History", "'kutip", "a b c",
              "Ñandú", "😀", "x" * 40, "TC 3.1", "tc33", "RENJA", "", "[ ]", "Sheet1 ")
POTONGAN_XML = (
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', b"&#xD800;", b"_xD800_", b"\xed\xa0\x80",
    b"\xff\xfe", b"\x00", b"&amp", b"&undefined;", b"<![CDATA[x]]>", b'<?xml version="1.0"?>',
    b'<c r="XFD1048576"><v>1</v></c>', b'<c r="A1" t="e"><v>#REF!</v></c>', b'<c r="B2" t="s"><v>99999</v></c>',
    b'<c r="B3" t="s"><v>-1</v></c>', b'<c r="C3" t="b"><v>2</v></c>', b'<c r="D4" t="n"><v>abc</v></c>',
    b'<c r="E5" t="d"><v>2024-13-45</v></c>', b'<c r="F6" t="str"><v>1e400</v></c>',
    b'<c r="G7"><v>1e400</v></c>', b'<c r="A0"><v>1</v></c>', b'<c r="ZZZZ1"><v>1</v></c>',
    b'<c r="H8" t="inlineStr"><is><t>_x0001_</t></is></c>', b'<row r="0"/>', b'<row r="2000000"/>',
    b'<mergeCell ref="A1:XFD1048576"/>', b'<mergeCell ref="B2:A1"/>', b'<dimension ref="A1:Z99999999"/>',
    b'<sheet name="x" sheetId="99" r:id="rId99"/>', b"</sheetData>", b"<sheetData>", b"</row>", b"<si><t>",
    b'<c r="A1" s="9999"><v>1</v></c>', b'<numFmt numFmtId="200" formatCode="0&quot; Laporan&quot;"/>',
    b"<v></v>", b"<t>" + b"y" * 70000 + b"</t>",
)
TOKEN_XML = ((b't="s"', b't="n"'), (b't="n"', b't="s"'), (b"<v>", b"<v>-"), (b'r="', b'r="Z'), (b'ref="', b'ref="A'),
             (b"<t>", b"<t>\x01"), (b"<t", b"<x"), (b'numFmtId="', b'numFmtId="9'), (b'sheetId="', b'sheetId="0'),
             (b"UTF-8", b"UTF-16"), (b'name="', b'name="History'), (b"<f>", b"<f>1/0+"))
POTONGAN_CSV = (b"\x00", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xff\xfe", b"\x81", b"\x8d\x8f", b"\r", b"\n", b'"',
                b";;;;;;;", b"\t", "é".encode("cp1252"), "é".encode("utf-8"), b"=1+1", b"x" * 100_000,
                b"\r\n\r\n\r\n", b"\x1a", b"\x7f\x01\x02")
PEMISAH = (";", ",", "\t", "|")
PENGODEAN = ("utf-8-sig", "utf-8", "cp1252", "utf-16", "latin-1")
AKHIR_BARIS = ("\r\n", "\n", "\r")
PENGUTIPAN = ("minimal", "semua", "tanpa")


# ------------------------------------------------------------------------------------- menerapkan operasi


def _lembar(m: list[Lembar], s: int) -> Lembar | None:
    return m[s % len(m)] if m else None


def _sel_ke(l: Lembar, r: int, k: int) -> tuple[int, int]:
    baris, kolom = l.ukuran()
    return r % (baris + 2), k % (kolom + 1)


def _geser(l: Lembar, sumbu: int, mulai: int, n: int) -> None:
    """Baris (sumbu 0) atau kolom (1) ``mulai`` … disisipkan (n > 0) atau dihapus (n < 0), seperti di Excel."""
    def peta(x: int) -> int | None:
        if x < mulai:
            return x
        if n < 0 and x < mulai - n:
            return None
        return x + n

    sel = {}
    for pos, isi in l.sel.items():
        baru = peta(pos[sumbu])
        if baru is not None:
            sel[(baru, pos[1]) if sumbu == 0 else (pos[0], baru)] = isi
    l.sel = sel
    gabungan = []
    for g in l.gabungan:
        a, b = (g[0], g[2]) if sumbu == 0 else (g[1], g[3])
        if n < 0:
            hapus = range(mulai, mulai - n)
            sisa = [x for x in range(a, b + 1) if x not in hapus]
            if not sisa:
                continue
            a2, b2 = peta(sisa[0]), peta(sisa[-1])
        else:
            a2, b2 = peta(a), (b + n if b >= mulai else b)
        g2 = (a2, g[1], b2, g[3]) if sumbu == 0 else (g[0], a2, g[2], b2)
        if (g2[0], g2[1]) != (g2[2], g2[3]):
            gabungan.append(g2)
    l.gabungan = gabungan


def _tumpang(a: tuple, b: tuple) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _nama_unik(m: list[Lembar], nama: str, kecuali: Lembar | None = None) -> str:
    """Nama sheet yang boleh ditulis xlsxwriter: tanpa []:*?/\\, paling panjang 31, tidak diawali/diakhiri ', unik."""
    nama = re.sub(r"[\[\]:*?/\\]", "", nama).strip("'")[:31] or "Sheet"
    dipakai = {l.nama.lower() for l in m if l is not kecuali}
    dasar, n = nama, 2
    while nama.lower() in dipakai:
        nama = f"{dasar[:25]} ({n})"
        n += 1
    return nama


def terapkan(m: list[Lembar], op: tuple) -> None:
    """Satu operasi model (docstring modul) pada ``m``, di tempat."""
    jenis, *a = op
    if jenis in ("ganti_nama", "gandakan", "hapus_sheet", "pindah_sheet"):
        _op_sheet(m, jenis, a)
        return
    l = _lembar(m, a[0])
    if l is None:
        return
    if jenis == "isi":
        pos = _sel_ke(l, a[1], a[2])
        if a[3] is None:
            l.sel.pop(pos, None)
        else:
            l.sel[pos] = (a[3], l.sel.get(pos, (None, None))[1])
    elif jenis == "format":
        if l.sel:
            pos = sorted(l.sel)[a[1] % len(l.sel)]
            nilai = l.sel[pos][0] if a[3] is None else a[3]
            l.sel[pos] = (nilai, a[2])
    elif jenis == "tukar":
        p, q = _sel_ke(l, a[1], a[2]), _sel_ke(l, a[3], a[4])
        x, y = l.sel.pop(p, None), l.sel.pop(q, None)
        if x is not None:
            l.sel[q] = x
        if y is not None:
            l.sel[p] = y
    elif jenis in ("hapus_baris", "sisip_baris", "hapus_kolom", "sisip_kolom"):
        sumbu = 0 if jenis.endswith("baris") else 1
        mulai = _sel_ke(l, a[1], a[1])[sumbu]
        _geser(l, sumbu, mulai, a[2] if jenis.startswith("sisip") else -a[2])
    elif jenis == "salin_baris":
        dari, ke = _sel_ke(l, a[1], 0)[0], _sel_ke(l, a[2], 0)[0]
        l.sel = {p: v for p, v in l.sel.items() if p[0] != ke}
        l.sel.update({(ke, k): v for (r, k), v in list(l.sel.items()) if r == dari})
    elif jenis == "isi_baris":  # beberapa nilai berdampingan dalam satu baris, masing-masing sendiri
        r, k = _sel_ke(l, a[1], a[2])
        for j, v in enumerate(a[3]):
            if v is None:
                l.sel.pop((r, k + j), None)
            else:
                l.sel[r, k + j] = (v, l.sel.get((r, k + j), (None, None))[1])
    elif jenis == "isi_blok":
        r, k = _sel_ke(l, a[1], a[2])
        for i in range(r, r + a[3]):
            for j in range(k, k + a[4]):
                if a[5] is None:
                    l.sel.pop((i, j), None)
                else:
                    l.sel[i, j] = (a[5], None)
    elif jenis == "gabung":
        r, k = _sel_ke(l, a[1], a[2])
        g = (r, k, r + a[3], k + a[4])
        if (g[0], g[1]) == (g[2], g[3]):
            return
        l.gabungan = [x for x in l.gabungan if not _tumpang(x, g)]
        l.gabungan.append(g)
        l.sel = {p: v for p, v in l.sel.items() if p == (r, k) or not _tumpang((*p, *p), g)}  # Excel menyimpan kiri atas
    elif jenis == "pisah":
        if l.gabungan:
            l.gabungan.pop(a[1] % len(l.gabungan))
    elif jenis == "jauh":
        l.sel[a[1], a[2]] = (a[3], None)
    else:
        raise ValueError(f"operasi tidak dikenal: {jenis}")


def _op_sheet(m: list[Lembar], jenis: str, a: list) -> None:
    if not m:
        return
    i = a[0] % len(m)
    if jenis == "ganti_nama":
        m[i].nama = _nama_unik(m, a[1], kecuali=m[i])
    elif jenis == "gandakan":
        salinan = Lembar(_nama_unik(m, f"{m[i].nama} (2)"), dict(m[i].sel), list(m[i].gabungan))
        m.insert(i + 1, salinan)
    elif jenis == "hapus_sheet":
        m.pop(i)
    elif jenis == "pindah_sheet":
        m.insert(a[1] % len(m), m.pop(i))


# ------------------------------------------------------------------------------------------- menulis xlsx


_SURROGAT = re.compile("[\ud800-\udfff]")
_PENANDA_SURROGAT = re.compile(b"\xee\x80\x80([0-9A-F]{4})\xee\x80\x81")  # U+E000 hex U+E001, UTF-8


def tulis_xlsx(m: list[Lembar]) -> bytes:
    """Model → bita workbook (xlsxwriter; teks tetap teks, inf/NaN menjadi sel galat).  Surrogate tunggal dalam teks,
    yang tidak dapat dikodekan UTF-8, ditulis seperti Excel menuliskannya: ``_xD800_``."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False, "nan_inf_to_errors": True, "in_memory": True})
    wb.set_properties({"created": datetime(2023, 6, 1)})
    fmt_cache: dict = {}

    def fmt(kode: str | None, tanggal: bool = False):
        kode = kode or ("yyyy-mm-dd" if tanggal else None)
        if kode is None:
            return None
        if kode not in fmt_cache:
            fmt_cache[kode] = wb.add_format({"num_format": kode})
        return fmt_cache[kode]

    for l in m:
        ws = wb.add_worksheet(l.nama)
        for g in l.gabungan:
            if max(g[0], g[2]) < 1048576 and max(g[1], g[3]) < 16384:
                ws.merge_range(*g, "", None)
        for (r, k), (v, f) in sorted(l.sel.items()):
            if r >= 1048576 or k >= 16384:
                continue
            _tulis_sel(ws, r, k, v, fmt, f)
    wb.close()
    data = buf.getvalue()
    if any(isinstance(v, str) and _SURROGAT.search(v) for l in m for v, _ in l.sel.values()):
        data = _ganti_di_zip(data, lambda isi: _PENANDA_SURROGAT.sub(rb"_x\1_", isi))
    return data


def _ganti_di_zip(data: bytes, ganti) -> bytes:
    """Zip ``data`` dengan isi setiap bagian diganti ``ganti(isi)``."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return _zip([(i, ganti(z.read(i))) for i in z.infolist()])


def _tulis_sel(ws, r: int, k: int, v, fmt, f: str | None) -> None:
    if isinstance(v, Rumus):
        ws.write_formula(r, k, v.teks, fmt(f), v.hasil)
    elif isinstance(v, bool):
        ws.write_boolean(r, k, v, fmt(f))
    elif isinstance(v, (int, float)):
        ws.write_number(r, k, float(v) if abs(v) > 2**63 else v, fmt(f))
    elif isinstance(v, (datetime, date, time)):
        ws.write_datetime(r, k, v, fmt(f, tanggal=True))
    else:
        teks = _SURROGAT.sub(lambda c: f"\ue000{ord(c.group()):04X}\ue001", str(v)[:MAKS_TEKS_EXCEL])
        ws.write_string(r, k, teks, fmt(f))


def rusak_zip(data: bytes, ops: tuple) -> bytes:
    """``ops_zip`` (docstring modul) pada bita workbook."""
    for op in ops:
        jenis, *a = op
        if not data:
            return data
        if jenis == "z_balik":
            i = a[0] % len(data)
            data = data[:i] + bytes([data[i] ^ (a[1] % 255 + 1)]) + data[i + 1:]
        elif jenis == "z_potong":
            data = data[:a[0] % len(data)]
        else:
            data = _rusak_anggota(data, jenis, a)
    return data


def _rusak_anggota(data: bytes, jenis: str, a: list) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            anggota = [(i, z.read(i)) for i in z.infolist()]
    except Exception:  # noqa: BLE001 - sudah rusak oleh suntingan bita sebelumnya: dibiarkan
        return data
    if not anggota:
        return data
    n = a[0] % len(anggota)
    info, isi = anggota[n]
    if jenis == "x_buang":
        anggota.pop(n)
    else:
        anggota[n] = (info, _rusak_xml(isi, jenis, a[1:]))
    return _zip(anggota)


def _zip(anggota: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """Bagian-bagian sebagai zip baru dengan CRC yang benar; tanggal tiap bagian tetap: resep sama, bita sama."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, isi in anggota:
            z.writestr(zipfile.ZipInfo(info.filename, date_time=info.date_time), isi, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _rusak_xml(isi: bytes, jenis: str, a: list) -> bytes:
    if not isi and jenis != "x_sisip":
        return isi
    if jenis == "x_balik":
        i = a[0] % len(isi)
        return isi[:i] + bytes([isi[i] ^ (a[1] % 255 + 1)]) + isi[i + 1:]
    if jenis == "x_potong":
        return isi[:a[0] % len(isi)]
    if jenis == "x_hapus":
        i = a[0] % len(isi)
        return isi[:i] + isi[i + a[1]:]
    if jenis == "x_sisip":  # sebelum tag berikutnya: XML-nya lebih sering tetap utuh
        i = isi.find(b"<", a[0] % max(len(isi), 1))
        i = len(isi) if i < 0 else i
        return isi[:i] + POTONGAN_XML[a[1] % len(POTONGAN_XML)] + isi[i:]
    if jenis == "x_ganti":
        dari, ke = TOKEN_XML[a[0] % len(TOKEN_XML)]
        return isi.replace(dari, ke, a[1] or -1)
    raise ValueError(f"operasi tidak dikenal: {jenis}")


# -------------------------------------------------------------------------------------------- menulis csv


def tulis_csv(m: list[Lembar], dialek: tuple) -> bytes:
    """Satu sheet model sebagai CSV (``dialek`` = sheet, pemisah, pengodean, akhir baris, pengutipan, ribuan)."""
    s, pemisah, pengodean, akhir, kutip, ribuan = dialek
    l = _lembar(m, s)
    if l is None:
        return b""
    per_baris: dict[int, dict[int, str]] = {}
    for (r, k), (v, _) in l.sel.items():
        per_baris.setdefault(r, {})[k] = _teks_csv(v, ribuan)
    # Setiap baris sepanjang sel terakhirnya sendiri: sel yang jauh membuat satu baris panjang, bukan grid raksasa.
    grid = ([isi.get(k, "") for k in range(max(isi) + 1)] if (isi := per_baris.get(r)) else []
            for r in range(l.ukuran()[0]))
    buf = io.StringIO()
    opsi = {"delimiter": pemisah, "lineterminator": akhir}
    if kutip == "semua":
        opsi["quoting"] = csv.QUOTE_ALL
    elif kutip == "tanpa":
        opsi.update(quoting=csv.QUOTE_NONE, escapechar="\\")
    csv.writer(buf, **opsi).writerows(grid)
    return buf.getvalue().encode(pengodean, errors="surrogatepass" if pengodean.startswith("utf-8") else "replace")


def _teks_csv(v, ribuan: bool) -> str:
    if isinstance(v, Rumus):
        return str(v.hasil if v.hasil is not None else v.teks)
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int) and ribuan:
        return f"{v:,}".replace(",", ".")
    if isinstance(v, float) and not math.isfinite(v):
        return "#NUM!"
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    return str(v)


def rusak_csv(data: bytes, ops: tuple) -> bytes:
    """``ops_csv`` (docstring modul) pada bita CSV."""
    for op in ops:
        jenis, *a = op
        if jenis == "c_sisip":
            i = a[0] % (len(data) + 1)
            data = data[:i] + POTONGAN_CSV[a[1] % len(POTONGAN_CSV)] + data[i:]
            continue
        if not data:
            continue
        if jenis == "c_potong":
            data = data[:a[0] % len(data)]
        elif jenis == "c_kutip":
            i = a[0] % len(data)
            data = data[:i] + b'"' + data[i:]
        elif jenis in ("c_pemisah", "c_ganda", "c_hapus_baris"):
            baris = data.split(b"\n")
            i = a[0] % len(baris)
            if jenis == "c_pemisah":
                baris[i] = re.sub(rb"[;,\t|]", PEMISAH[a[1] % len(PEMISAH)].encode(), baris[i])
            elif jenis == "c_ganda":
                baris.insert(i, baris[i])
            else:
                baris.pop(i)
            data = b"\n".join(baris)
        else:
            raise ValueError(f"operasi tidak dikenal: {jenis}")
    return data


# ------------------------------------------------------------------------------------------------- mutan


def buat_mutan(resep: Resep, path: Path) -> Path:
    """Tulis mutan ``resep`` ke ``path`` (akhirannya diganti menurut bentuk resep); kembalikan path-nya."""
    m = model(resep.basis)
    for op in resep.ops:
        terapkan(m, op)
    path = Path(path).with_suffix(resep.akhiran)
    if resep.bentuk == "csv":
        data = rusak_csv(tulis_csv(m, resep.csv), resep.ops_csv)
    else:
        data = rusak_zip(tulis_xlsx(m), resep.ops_zip)
    path.write_bytes(data)
    return path


def tanpa_op(resep: Resep, daftar: str, i: int) -> Resep:
    """``resep`` tanpa operasi ke-``i`` dari daftar ``daftar`` (untuk memperkecil mutan yang gagal)."""
    ops = getattr(resep, daftar)
    return replace(resep, **{daftar: ops[:i] + ops[i + 1:]})


# -------------------------------------------------------------------------------------- strategi hypothesis

_INDEKS = st.integers(min_value=0, max_value=10**6)
_KECIL = st.integers(min_value=0, max_value=200)
NILAI = st.one_of(
    st.sampled_from(ABJAD_JAHAT),
    st.sampled_from(ABJAD_JAHAT),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
)


_SHEET = st.integers(min_value=0, max_value=11)
_N = st.integers(min_value=1, max_value=3)
# Operasi model menurut jenisnya, dengan argumennya; BOBOT_OP: seberapa sering tiap jenis ditarik.
ARGUMEN_OP = {
    "isi": st.tuples(_SHEET, _KECIL, _KECIL, NILAI),
    "format": st.tuples(_SHEET, _INDEKS, st.sampled_from(FORMAT_JAHAT), st.one_of(st.none(), st.sampled_from(
        (0, 1, -1, 0.5, 12, 66.67, 0.6667, 1e20, 1e-300, -1e300)))),
    "tukar": st.tuples(_SHEET, _KECIL, _KECIL, _KECIL, _KECIL),
    "hapus_baris": st.tuples(_SHEET, _KECIL, _N),
    "sisip_baris": st.tuples(_SHEET, _KECIL, _N),
    "hapus_kolom": st.tuples(_SHEET, _KECIL, _N),
    "sisip_kolom": st.tuples(_SHEET, _KECIL, _N),
    "salin_baris": st.tuples(_SHEET, _KECIL, _KECIL),
    "isi_blok": st.tuples(_SHEET, _KECIL, _KECIL, st.integers(1, 40), st.integers(1, 6), NILAI),
    "isi_baris": st.tuples(_SHEET, _KECIL, _KECIL, st.lists(NILAI, min_size=2, max_size=6).map(tuple)),
    "gabung": st.tuples(_SHEET, _KECIL, _KECIL, st.integers(0, 4), st.integers(0, 4)),
    "pisah": st.tuples(_SHEET, _KECIL),
    "ganti_nama": st.tuples(_SHEET, st.one_of(st.sampled_from(NAMA_SHEET), st.text(max_size=35))),
    "gandakan": st.tuples(_SHEET),
    "hapus_sheet": st.tuples(_SHEET),
    "pindah_sheet": st.tuples(_SHEET, _SHEET),
}
BOBOT_OP = {"isi": 8, "isi_baris": 2, "format": 2, "tukar": 3, "hapus_baris": 2, "sisip_baris": 2, "hapus_kolom": 2,
            "sisip_kolom": 2, "salin_baris": 1, "isi_blok": 1, "gabung": 2, "pisah": 1, "ganti_nama": 1,
            "gandakan": 1, "hapus_sheet": 1, "pindah_sheet": 1}


@st.composite
def _op_model(draw) -> tuple:
    jenis = draw(st.sampled_from(tuple(j for j, n in BOBOT_OP.items() for _ in range(n))))
    return (jenis, *draw(ARGUMEN_OP[jenis]))


_JAUH = st.tuples(st.just("jauh"), st.integers(0, 11), st.integers(0, 210_000), st.integers(0, 16_383), NILAI)
_OP_ZIP = st.one_of(
    st.tuples(st.just("z_balik"), _INDEKS, st.integers(0, 254)),
    st.tuples(st.just("z_potong"), _INDEKS),
    st.tuples(st.just("x_balik"), _KECIL, _INDEKS, st.integers(0, 254)),
    st.tuples(st.just("x_potong"), _KECIL, _INDEKS),
    st.tuples(st.just("x_hapus"), _KECIL, _INDEKS, st.integers(1, 200)),
    st.tuples(st.just("x_sisip"), _KECIL, _INDEKS, _KECIL),
    st.tuples(st.just("x_sisip"), _KECIL, _INDEKS, _KECIL),
    st.tuples(st.just("x_ganti"), st.integers(0, len(TOKEN_XML) - 1), st.integers(0, 3), _KECIL),
    st.tuples(st.just("x_buang"), _KECIL),
)
_OP_CSV = st.one_of(
    st.tuples(st.just("c_pemisah"), _INDEKS, st.integers(0, len(PEMISAH) - 1)),
    st.tuples(st.just("c_kutip"), _INDEKS),
    st.tuples(st.just("c_potong"), _INDEKS),
    st.tuples(st.just("c_sisip"), _INDEKS, _KECIL),
    st.tuples(st.sampled_from(("c_ganda", "c_hapus_baris")), _INDEKS),
)
_DIALEK = st.tuples(st.integers(0, 11), st.sampled_from(PEMISAH), st.sampled_from(PENGODEAN),
                    st.sampled_from(AKHIR_BARIS), st.sampled_from(PENGUTIPAN), st.booleans())


@st.composite
def strategi_resep(draw) -> Resep:
    """Sebuah ``Resep``: kebanyakan xlsx dengan 1-6 suntingan sel/struktur, sebagian kecil dengan sel yang jauh,
    kerusakan zip/XML, atau CSV yang rusak."""
    # (hypothesis lebih sering menarik bilangan kecil dan 0: pilihan yang jarang dibandingkan dengan bilangan lain)
    basis = draw(st.sampled_from(("semua", "semua", "semua", "tc33")))
    ops = list(draw(st.lists(_op_model(), min_size=0, max_size=6)))
    if draw(st.integers(0, 39)) == 23:  # satu dari empat puluh: sel yang jauh (sheet besar)
        ops.append(draw(_JAUH))
    bentuk = draw(st.sampled_from(("xlsx",) * 7 + ("csv",) * 2 + ("rusak",)))
    if bentuk == "csv":  # tabel diekspor ke CSV, lalu dirusak
        return Resep(basis, "csv", tuple(ops), (), draw(_DIALEK), tuple(draw(st.lists(_OP_CSV, max_size=3))))
    ops_zip = tuple(draw(st.lists(_OP_ZIP, min_size=1, max_size=2))) if bentuk == "rusak" else ()
    return Resep(basis, "xlsx", tuple(ops), ops_zip)


def tarik_resep(jumlah: int, seed: int) -> list[Resep]:
    """``jumlah`` resep dari ``strategi_resep()``, deterministik untuk (``jumlah``, ``seed``): hypothesis, fase
    generate saja, di interpreter baru yang hanya memuat modul ini.  Hypothesis juga menarik konstanta dari sumber
    modul lokal yang sedang dimuat (``hypothesis.internal.conjecture.providers._get_local_constants``), jadi di proses
    pemanggil (pytest dengan tes yang terkumpul, tools/fuzz.py dengan flows) resepnya akan berbeda-beda."""
    kode = ("import pickle, sys; from tools.mutasi import _tarik; "
            "sys.stdout.buffer.write(pickle.dumps(_tarik(int(sys.argv[1]), int(sys.argv[2]))))")
    hasil = subprocess.run([sys.executable, "-c", kode, str(jumlah), str(seed)], cwd=REPO, capture_output=True,
                           check=True)
    return pickle.loads(hasil.stdout)  # noqa: S301 - written just now by this module in a child process


def _tarik(jumlah: int, seed: int) -> list[Resep]:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as benih

    hasil: list[Resep] = []

    @settings(max_examples=jumlah + jumlah // 5 + 10, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @benih(seed)
    @given(strategi_resep())
    def kumpulkan(r: Resep) -> None:
        hasil.append(r)

    kumpulkan()
    return list({repr(r): r for r in hasil}.values())[:jumlah]  # resep yang sama sekali saja
