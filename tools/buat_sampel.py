"""Tulis tabel Renja Kecamatan Senduro 2024 ke Excel/CSV seperti yang disimpan kecamatan, dari contoh yang dikirim
(`input/Renja-Senduro-2024.xlsx`, dibaca balik) atau dari teks referensinya (`make sample`).

Satu jalur kode untuk semua tabel: baris teks sebuah tabel (dari baris judul sampai baris data terakhir atau blok
tanda tangan; sel dipisah tab) -> rencana sel (`susun_lembar`) -> sheet `.xlsx` (xlsxwriter), `.csv` atau `.xls`.
Semua kekhasan asli tetap: judul digabung dan tebal, header dua baris dengan gabungan (grup digabung ke samping,
header tunggal digabung ke bawah), baris nomor kolom, kode salah ketik tetap teks seperti diketik, header yang
diulang di pindah halaman (juga yang bergeser satu kolom), baris kosong, baris TOTAL PAGU, blok tanda tangan.
Jumlah uang ribuan yang bersih ("2.080.252.824") jadi angka berformat `#,##0`; sel lain teks seperti diketik.

Sumber (`sumber`, argumen pertama CLI): bawaan contoh yang dikirim (`baca_tabel_sampel`: tes dan generator tidak
perlu teks referensi); berkas teks (tabel bersel tab, `potong_tabel` + `baca_tabel_teks`) hanya untuk membuat ulang
contoh itu sendiri dari teks referensi: `make sample` (dan `make sample-check`, yang membandingkannya byte demi byte),
satu-satunya tempat path teks itu disebut.

- Contoh yang dikirim: `.venv/bin/python tools/buat_sampel.py [SUMBER] [--keluar XLSX]`
  menulis `tests/fixtures/Renja-Senduro-2024-TC33.xlsx` (`tulis_tc33` dengan nilai bawaan).
- Semua tabel: `tools/buat_sampel.py --semua` menulis `input/Renja-Senduro-2024.xlsx` (contoh yang dikirim) (`tulis_semua`),
  satu sheet per tabel dengan nama seperti di kecamatan: TC 29, TC.30, TC 3.1, T-C.32, TC.33, Tabel 4.1.
- Satu tabel per berkas: `tools/buat_sampel.py --tabel "TC 3.1" --keluar X.csv [--dialek polos]` (`tulis_tabel`);
  format dari akhiran: `.xlsx`, `.csv` (dialek `excel-id`: `;`, UTF-8 dengan BOM, CRLF, angka "2.080.252.824";
  dialek `polos`: `,`, UTF-8, LF, angka "2080252824") atau `.xls` (xlsx dikonversi LibreOffice `soffice`).

Hasil `.xlsx` dan `.csv` deterministik: tanggal dibuat tetap (1 Juni 2023), sama persis byte demi byte.

`tools/generator.py` (banyak kecamatan untuk tes dan bench) memakai mesin yang sama: `susun_lembar`, `tulis_xlsx`
(beberapa sheet, sheet lain sebelum tabel), `tulis_csv`, `buang_header_ulang` dan `konversi_xls_semua` (banyak
berkas, satu kali LibreOffice).
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Sequence

import xlsxwriter

REPO = Path(__file__).resolve().parents[1]
SAMPEL = REPO / "tests" / "fixtures" / "Renja-Senduro-2024-TC33.xlsx"
SAMPEL_SEMUA = REPO / "input" / "Renja-Senduro-2024.xlsx"
JUDUL_BERKAS = "Renja Kecamatan Senduro 2024"

PENANDA_TOTAL = "TOTAL PAGU"  # sel yang menandai baris total (ditebalkan)
MAKS_BARIS_TTD = 6  # blok tanda tangan: paling banyak 6 baris dari tempat/tanggal sampai NIP
KOLOM_TTD = 3  # tanda tangan digabung di atas tiga kolom terakhir tabel
LEBAR_KOLOM = (16, 40, 38, 45, 30, 9, 16, 14, 16, 9, 14, 14, 16)  # T-C.33 seperti lembar kerja kecamatan

ANGKA_RIBUAN = re.compile(r"\d{1,3}(?:\.\d{3})*")  # "2.080.252.824", "371.700"
NOMOR_KOLOM = re.compile(r"\d+(?:\s*=\s*\(.*\))?")  # "1", "8=(7/6)"
FORMAT_RUPIAH = "#,##0"
DIBUAT = datetime(2023, 6, 1)
KERTAS_F4 = 14  # Folio 8,5 x 13 in, kertas dinas

# Sheet lain yang biasa ada sebelum tabel, untuk varian tes.
SAMPUL = ("Sampul", [["RENCANA KERJA (RENJA)"], ["KECAMATAN SENDURO"], ["TAHUN 2024"]])
SHEET2 = ("Sheet2", [["No", "Uraian", "Jumlah"], [1, "Kertas HVS", 10], [2, "Tinta printer", 4]])

GAYA_DASAR = {"border": 1, "text_wrap": True, "valign": "top", "font_size": 10}
GAYA = {
    "teks": {},
    "kode": {"num_format": "@"},  # kolom kode diformat Teks, seperti di lembar kerja kecamatan
    "tengah": {"align": "center"},
    "kanan": {"align": "right"},
    "rupiah": {"align": "right", "num_format": FORMAT_RUPIAH},
    "header": {"bold": True, "align": "center", "valign": "vcenter"},
    "nomor": {"align": "center", "valign": "vcenter", "italic": True},
}

# Peran kolom menurut teks header-nya (huruf kecil; peran pertama yang cocok). Peran menentukan nilai dan gaya sel.
PERAN_HEADER = (
    ("kode", ("kode",)),  # teks header persis "kode"
    ("dana", ("kebutuhan dana", "pagu", "anggaran")),
    ("prioritas", ("skala prioritas",)),
    ("tengah", ("sumber dana",)),
)
GAYA_PERAN = {"kode": "kode", "prioritas": "tengah", "tengah": "tengah"}  # gaya sel teks/kosong; lainnya "teks"


class TabelSampel(NamedTuple):
    """Satu tabel referensi: nama sheet seperti di kecamatan, baris judul pertamanya di teks, nama standarnya."""

    sheet: str
    penanda: str  # baris teks (persis) yang membuka tabel
    kode: str  # nama standar Permendagri 86/2017, untuk judul berkas
    lebar: tuple[int, ...] | None = None  # lebar kolom; None = dari isi


TABEL = (
    TabelSampel("TC 29", "Tabel 2.1 T-C 29", "T-C.29"),
    TabelSampel("TC.30", "Tabel 2.2 TC.30", "T-C.30"),
    TabelSampel("TC 3.1", "Tabel 2.5 TC 3.1", "T-C.31"),
    TabelSampel("T-C.32", "Tabel 2.6 T-C.32", "T-C.32"),
    TabelSampel("TC.33", "T-C.33", "T-C.33", LEBAR_KOLOM),
    TabelSampel("Tabel 4.1", "Tabel 4.1", "Tabel 4.1"),
)


class DialekCsv(NamedTuple):
    pemisah: str
    pengodean: str
    akhir_baris: str
    angka_indonesia: bool  # angka berformat #,##0 ditulis seperti tampil di Excel Indonesia: "2.080.252.824"


DIALEK_CSV = {
    "excel-id": DialekCsv(";", "utf-8-sig", "\r\n", True),  # "CSV UTF-8" dari Excel berbahasa Indonesia
    "polos": DialekCsv(",", "utf-8", "\n", False),  # CSV biasa (pandas, skrip)
}


class TeksTabel(NamedTuple):
    """Isi satu tabel dari teks referensi, semua sel persis seperti diketik."""

    judul: list[str]  # baris judul sebelum header (termasuk baris kosong)
    header: list[list[str]]  # baris header (1 atau 2) dan baris nomor kolom (terakhir)
    baris: list[list[str]]  # baris sesudah nomor kolom s/d baris tabel terakhir; baris kosong = []
    tanda_tangan: list[str]  # tempat/tanggal, jabatan, kosong, nama, NIP; [] bila tidak ada


TeksTC33 = TeksTabel  # nama lama


class Lembar(NamedTuple):
    """Rencana satu sheet: operasi tulis berurutan dan pengaturan halaman (posisi 0-based)."""

    ops: list[tuple]  # ("sel", r, k, nilai|None, gaya) | ("gabung", r0, k0, r1, k1, teks, gaya)
    baris_header: int  # baris header pertama
    jumlah_header: int  # baris header + baris nomor kolom (diulang di tiap halaman cetak)
    kolom_awal: int
    lebar: tuple[int, ...]


# --- teks referensi -> TeksTabel ---------------------------------------------------------------------------------


def tabel_sampel(nama: str) -> TabelSampel:
    """Tabel menurut nama sheet ("TC 3.1") atau nama standar ("T-C.31")."""
    for t in TABEL:
        if nama in (t.sheet, t.kode):
            return t
    raise ValueError(f"Tabel tidak dikenal: {nama!r}; pilih salah satu dari {[t.sheet for t in TABEL]}")


def potong_tabel(teks: Sequence[str], penanda: str, asal: object = "teks") -> list[str]:
    """Baris sebuah tabel: dari baris `penanda` sampai baris bertab terakhir, plus blok tanda tangan bila ada.

    Tabel berlanjut melewati baris kosong (pindah halaman) selama baris berisi berikutnya bertab."""
    awal = _cari(teks, lambda s: s.strip() == penanda, 0, f"{asal}: judul tabel '{penanda}' tidak ada")
    i = _cari(teks, lambda s: "\t" in s, awal, f"{asal}: tabel '{penanda}' tidak punya baris bersel tab")
    akhir = i
    while i < len(teks) and ("\t" in teks[i] or not teks[i].strip()):
        akhir = i if "\t" in teks[i] else akhir
        i += 1
    nip = _akhir_tanda_tangan(teks, akhir + 1)
    return list(teks[awal : (nip if nip is not None else akhir) + 1])


def _akhir_tanda_tangan(teks: Sequence[str], mulai: int) -> int | None:
    """Indeks baris NIP bila blok tanpa tab (paling banyak MAKS_BARIS_TTD baris) sesudah `mulai` diakhiri NIP."""
    while mulai < len(teks) and not teks[mulai].strip():
        mulai += 1
    for i in range(mulai, min(mulai + MAKS_BARIS_TTD, len(teks))):
        if "\t" in teks[i]:
            return None
        if teks[i].strip().startswith("NIP"):
            return i
    return None


def baca_tabel_teks(baris: Sequence[str], asal: object = "teks") -> TeksTabel:
    """Pecah baris sebuah tabel (hasil `potong_tabel`) menjadi judul, header, baris dan tanda tangan.

    Header: baris bertab pertama s/d baris nomor kolom ("1 2 3 …", dalam 3 baris). Setiap baris bertab harus
    punya sel sebanyak baris header pertama (ValueError bila tidak). Penanda tebal '**' di judul dibuang."""
    mulai = _cari(baris, lambda s: "\t" in s, 0, f"{asal}: tidak ada baris bersel tab")
    jumlah = len(baris[mulai].split("\t"))
    sel = [_sel(s, i, jumlah, asal) if s.strip() else [] for i, s in enumerate(baris)]
    nomor = next((i for i in range(mulai, min(mulai + 3, len(sel))) if _baris_nomor(sel[i])), None)
    if nomor is None:
        raise ValueError(f"{asal}: baris nomor kolom (1, 2, 3, …) tidak ada dalam 3 baris sesudah header")
    akhir = max(i for i, s in enumerate(baris) if "\t" in s)
    ekor = list(baris[akhir + 1 :])
    return TeksTabel(
        judul=[s.replace("**", "") for s in baris[:mulai]],
        header=sel[mulai : nomor + 1],
        baris=sel[nomor + 1 : akhir + 1],
        tanda_tangan=ekor[_jumlah_kosong_awal(ekor) :],
    )


def baca_tabel_referensi(tabel: TabelSampel | str, sumber: Path | str = SAMPEL_SEMUA) -> TeksTabel:
    """Satu tabel dari contoh yang dikirim (`sumber` berakhiran .xlsx: `baca_tabel_sampel`, sheet yang ditulis
    `tulis_semua` dibaca balik), atau dari berkas teks (teks referensi, `make sample`)."""
    tabel = tabel if isinstance(tabel, TabelSampel) else tabel_sampel(tabel)
    if Path(sumber).suffix.lower() == ".xlsx":
        return baca_tabel_sampel(tabel, sumber)
    teks = Path(sumber).read_text(encoding="utf-8").splitlines()
    return baca_tabel_teks(potong_tabel(teks, tabel.penanda, sumber), f"{sumber} ({tabel.penanda})")


def baca_tabel_sampel(tabel: TabelSampel | str, sumber: Path | str = SAMPEL_SEMUA) -> TeksTabel:
    """Satu tabel dari workbook contoh yang dikirim (`input/Renja-Senduro-2024.xlsx`, sheet per tabel, tabel di
    A1), kebalikan `susun_lembar`: teks sel persis seperti tersimpan; jumlah uang (angka di kolom dana) ditulis
    kembali "2.080.252.824", skala prioritas dan nomor kolom sebagai teks angka; judul = baris sebelum header
    (gabungan selebar tabel, atau kosong); tanda tangan = baris bergabung di tiga kolom terakhir sesudah satu baris
    kosong di bawah tabel. `susun_lembar` atas hasilnya menulis sheet yang sama byte demi byte (diuji). Tidak
    perlu teks referensi: generator dan tes memakai yang dikirim proyek."""
    from python_calamine import CalamineWorkbook

    tabel = tabel if isinstance(tabel, TabelSampel) else tabel_sampel(tabel)
    sheet = CalamineWorkbook.from_path(str(sumber)).get_sheet_by_name(tabel.sheet)
    grid = [[_teks_sel(v) for v in b] for b in sheet.to_python(skip_empty_area=False)]
    gabung = [(m[0][0], m[0][1], m[1][0], m[1][1]) for m in (sheet.merged_cell_ranges or [])]
    lebar_judul = {r0 for r0, k0, r1, k1 in gabung if r0 == r1 and k0 == 0 and k1 > 0}
    mulai = next(i for i, b in enumerate(grid) if any(v != "" for v in b) and i not in lebar_judul)
    nomor = next(i for i in range(mulai, min(mulai + 3, len(grid))) if _baris_nomor(_str(grid[i])))
    n = max(k + 1 for k, v in enumerate(grid[nomor]) if v != "")
    header = [_str(_lebar(b, n)) for b in grid[mulai:nomor + 1]]
    peran = peran_kolom(header[:-1])
    ttd = sorted(r0 for r0, k0, r1, k1 in gabung if r0 == r1 and (k0, k1) == (max(0, n - KOLOM_TTD), n - 1)
                 and r0 > nomor and all(v == "" for v in grid[r0][:k0]))
    ttd = [r for r in ttd if all(v == "" for x in range(r, len(grid)) for v in grid[x][:max(0, n - KOLOM_TTD)])]
    akhir = (ttd[0] - 1) if ttd else len(grid)
    baris = [_lebar(b, n) for b in grid[nomor + 1:akhir]]
    while ttd and baris and all(v == "" for v in baris[-1]):
        baris.pop()  # the blank row above the signature
    baris = [[_angka_sel(peran[k], v) for k, v in enumerate(b)] if any(v != "" for v in b) else [] for b in baris]
    return TeksTabel(
        judul=[(grid[i][0] if i in lebar_judul else "") for i in range(mulai)],
        header=header,
        baris=baris,
        tanda_tangan=[grid[r][max(0, n - KOLOM_TTD)] if r < len(grid) else "" for r in range(ttd[0], len(grid))]
        if ttd else [],
    )


def _teks_sel(v) -> str | int:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v if isinstance(v, int) else ("" if v is None else str(v))


def _lebar(b: list, n: int) -> list:
    return list(b[:n]) + [""] * max(0, n - len(b))


def _str(b: list) -> list[str]:
    return [str(v) for v in b]


def _angka_sel(peran: str, v) -> str:
    """A cell's text as typed: an amount `#,##0` as '2.080.252.824', any other number as its digits."""
    if isinstance(v, int):
        return f"{v:,}".replace(",", ".") if peran == "dana" else str(v)
    return v


def _cari(teks: Sequence[str], cocok, mulai: int, pesan: str) -> int:
    for i in range(mulai, len(teks)):
        if cocok(teks[i]):
            return i
    raise ValueError(pesan)


def _sel(baris: str, i: int, jumlah: int, asal) -> list[str]:
    sel = baris.split("\t")
    if "\t" in baris and len(sel) != jumlah:
        raise ValueError(f"{asal}, baris ke-{i + 1} tabel: harus {jumlah} sel dipisah tab, ada {len(sel)}")
    return sel


def _jumlah_kosong_awal(baris: Sequence[str]) -> int:
    return next((i for i, s in enumerate(baris) if s.strip()), len(baris))


def _baris_nomor(sel: list[str]) -> bool:
    isi = [s.strip() for s in sel if s.strip()]
    return len(isi) >= 2 and isi[0] == "1" and all(NOMOR_KOLOM.fullmatch(s) for s in isi)


def _isi(sel: list[str]) -> tuple[str, ...]:
    return tuple(s.strip() for s in sel if s.strip())


# --- TeksTabel -> Lembar (rencana sel) ---------------------------------------------------------------------------


def susun_lembar(
    isi: TeksTabel,
    *,
    baris_awal: int = 1,
    kolom_awal: int = 1,
    angka_sebagai_teks: bool = False,
    lebar: Sequence[int] | None = None,
) -> Lembar:
    """Rencana sel sebuah tabel, urut seperti orang mengetiknya: judul, header, baris, tanda tangan.

    baris_awal/kolom_awal: sel kiri atas judul (1-based, seperti Excel). angka_sebagai_teks: jumlah uang ditulis
    sebagai teks seperti diketik ("2.080.252.824"), bukan angka."""
    n = len(isi.header[0])
    peran = peran_kolom(isi.header[:-1])
    ops: list[tuple] = []
    r, k = baris_awal - 1, kolom_awal - 1
    r = _ops_judul(ops, isi.judul, r, k, n)
    baris_header = r
    r = _ops_header(ops, isi.header, r, k)
    teks_header = [_isi(s) for s in isi.header[:-1]]
    i = 0
    while i < len(isi.baris):
        blok = _panjang_header_ulang(isi.baris, i, teks_header)
        if blok:
            r = _ops_header(ops, isi.baris[i : i + blok], r, k)
            i += blok
            continue
        _ops_baris(ops, isi.baris[i] or [""] * n, r, k, peran, angka_sebagai_teks)
        r, i = r + 1, i + 1
    _ops_tanda_tangan(ops, isi.tanda_tangan, r + 1, k, n)  # satu baris kosong di bawah baris terakhir
    return Lembar(ops, baris_header, len(isi.header), k, tuple(lebar or _lebar_dari_isi(isi)))


def peran_kolom(header: Sequence[list[str]]) -> list[str]:
    """Peran tiap kolom dari teks header-nya sendiri (baris bawah, atau baris atas bila bawah kosong):
    kode, dana (jumlah uang), prioritas, tengah (sumber dana) atau teks."""
    hasil = []
    for k in range(len(header[0])):
        teks = next((b[k] for b in reversed(header) if b[k].strip()), "").strip().lower()
        peran = next((p for p, kata in PERAN_HEADER
                      if (teks == kata[0] if p == "kode" else any(w in teks for w in kata))), "teks")
        hasil.append(peran)
    return hasil


def nilai_sel(peran: str, teks: str, angka_sebagai_teks: bool = False) -> int | str:
    """Nilai sel: jumlah uang ribuan bersih dan skala prioritas jadi angka; lainnya teks seperti diketik."""
    if peran == "dana" and not angka_sebagai_teks and ANGKA_RIBUAN.fullmatch(teks):
        return int(teks.replace(".", ""))
    if peran == "prioritas" and teks.isdigit():
        return int(teks)
    return teks


def _ops_judul(ops: list, judul: list[str], r: int, k: int, n: int) -> int:
    """Tiap baris judul yang berisi digabung selebar tabel; baris kosong dibiarkan kosong."""
    for teks in judul:
        if teks.strip():
            ops.append(("gabung", r, k, r, k + n - 1, teks, "judul"))
        r += 1
    return r


def _gabungan_header(atas: list[str], bawah: list[str]) -> list[tuple[int, int, int, int]]:
    """Rentang gabungan (baris0, kolom0, baris1, kolom1) relatif terhadap header.

    Sel atas yang selnya di bawah kosong digabung ke bawah (Kode, Formulasi, Catatan Penting ...);
    sel atas yang diikuti sel atas kosong berisi sub-kolom digabung ke samping (grup Rencana, Prakiraan Maju).
    """
    rentang = []
    for i, teks in enumerate(atas):
        if not teks:
            continue
        if not bawah[i]:
            rentang.append((0, i, 1, i))
            continue
        akhir = i
        while akhir + 1 < len(atas) and not atas[akhir + 1] and bawah[akhir + 1]:
            akhir += 1
        rentang.append((0, i, 0, akhir))
    return rentang


def _ops_header(ops: list, blok: list[list[str]], r: int, k: int) -> int:
    """Baris header (dua baris: dengan gabungan) dan baris nomor kolom (angka sebagai angka) bila ada."""
    nomor = blok[-1] if _baris_nomor(blok[-1]) else None
    teks = blok[:-1] if nomor else blok
    if len(teks) == 2:
        atas, bawah = teks
        for b0, k0, b1, k1 in _gabungan_header(atas, bawah):
            if (b0, k0) == (b1, k1):
                ops.append(("sel", r, k + k0, atas[k0], "header"))
            else:
                ops.append(("gabung", r + b0, k + k0, r + b1, k + k1, atas[k0], "header"))
    ops.extend(("sel", r + len(teks) - 1, k + i, s, "header") for i, s in enumerate(teks[-1]) if s)
    r += len(teks)
    if nomor:
        for i, s in enumerate(nomor):
            nilai = int(s) if s.isdigit() else (s or None)
            ops.append(("sel", r, k + i, nilai, "nomor"))
        r += 1
    return r


def baris_header_ulang(isi: TeksTabel) -> set[int]:
    """Indeks (dalam `isi.baris`) baris header yang diulang di pindah halaman, termasuk baris nomor kolomnya."""
    teks_header = [_isi(s) for s in isi.header[:-1]]
    ulang, i = set(), 0
    while i < len(isi.baris):
        blok = _panjang_header_ulang(isi.baris, i, teks_header)
        ulang.update(range(i, i + blok))
        i += blok or 1
    return ulang


def buang_header_ulang(isi: TeksTabel) -> TeksTabel:
    """Tabel yang sama seperti diketik di satu halaman: tanpa blok header yang diulang di pindah halaman dan tanpa
    baris kosong tepat sebelum blok itu (baris lainnya tetap, teks yang berlanjut ke halaman berikut jadi bersambung)."""
    buang = baris_header_ulang(isi)
    for i in sorted(buang):
        j = i - 1
        while j >= 0 and j not in buang and not any(s.strip() for s in isi.baris[j]):
            buang.add(j)
            j -= 1
    return isi._replace(baris=[b for i, b in enumerate(isi.baris) if i not in buang])


def _panjang_header_ulang(baris: list[list[str]], i: int, teks_header: list[tuple[str, ...]]) -> int:
    """Banyak baris header yang diulang di pindah halaman mulai baris i (0 bila bukan): baris-baris yang isinya
    sama dengan baris header (posisi boleh bergeser), lalu baris nomor kolom bila ada."""
    n = 0
    while n < len(teks_header) and i + n < len(baris) and baris[i + n] and _isi(baris[i + n]) == teks_header[n]:
        n += 1
    if n == 0:
        return 0
    return n + 1 if i + n < len(baris) and _baris_nomor(baris[i + n]) else n


def _ops_baris(ops: list, sel: list[str], r: int, k: int, peran: list[str], angka_sebagai_teks: bool) -> None:
    """Satu baris data berbingkai (baris kosong = sel kosong berbingkai); baris TOTAL PAGU ditebalkan."""
    tebal = "+" if PENANDA_TOTAL in sel else ""
    for i, teks in enumerate(sel):
        nilai = nilai_sel(peran[i], teks, angka_sebagai_teks)
        if isinstance(nilai, int):
            gaya = "rupiah" if peran[i] == "dana" else "tengah"
        elif nilai:
            gaya = "kanan" if peran[i] == "dana" else GAYA_PERAN.get(peran[i], "teks")
        else:
            nilai, gaya = None, GAYA_PERAN.get(peran[i], "teks")
        ops.append(("sel", r, k + i, nilai, gaya + tebal))


def _ops_tanda_tangan(ops: list, tanda_tangan: list[str], r: int, k: int, n: int) -> None:
    """Blok tanda tangan di kanan bawah (tiga kolom terakhir), tiap baris digabung dan di tengah."""
    k0, k1 = k + max(0, n - KOLOM_TTD), k + n - 1
    for i, teks in enumerate(tanda_tangan):
        if teks.strip():
            ops.append(("gabung", r + i, k0, r + i, k1, teks, "ttd"))


def _lebar_dari_isi(isi: TeksTabel) -> list[int]:
    """Lebar kolom dari teks terpanjang di baris data dan kata terpanjang di header (9 s/d 45)."""
    lebar = []
    for k in range(len(isi.header[0])):
        data = max((len(b[k]) for b in isi.baris if b), default=0)
        kata = max((len(w) for b in isi.header[:-1] for w in b[k].split()), default=0)
        lebar.append(min(45, max(9, round(data * 0.8), kata + 2)))
    return lebar


# --- Lembar -> xlsx / csv / xls ------------------------------------------------------------------------------------


def _workbook(path: Path, judul: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"created": DIBUAT, "title": judul})
    return wb


def _buat_format(wb) -> dict:
    """Format per gaya, biasa dan tebal (`<gaya>+`, untuk baris TOTAL PAGU), plus judul dan tanda tangan."""
    fmt = {}
    for nama, gaya in GAYA.items():
        fmt[nama] = wb.add_format({**GAYA_DASAR, **gaya})
        fmt[nama + "+"] = wb.add_format({**GAYA_DASAR, **gaya, "bold": True})
    fmt["judul"] = wb.add_format({"bold": True, "align": "center", "font_size": 12})
    fmt["ttd"] = wb.add_format({"align": "center", "font_size": 10})
    return fmt


def tulis_lembar(ws, lembar: Lembar, fmt: dict) -> None:
    """Tulis rencana sel ke sheet xlsxwriter: lebar kolom, kertas F4 mendatar, header berulang di tiap halaman."""
    for i, lebar in enumerate(lembar.lebar):
        ws.set_column(lembar.kolom_awal + i, lembar.kolom_awal + i, lebar)
    ws.set_landscape()
    ws.set_paper(KERTAS_F4)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(lembar.baris_header, lembar.baris_header + lembar.jumlah_header - 1)
    for op in lembar.ops:
        if op[0] == "gabung":
            _, r0, k0, r1, k1, teks, gaya = op
            ws.merge_range(r0, k0, r1, k1, teks, fmt[gaya])
            continue
        _, r, k, nilai, gaya = op
        if nilai is None:
            ws.write_blank(r, k, None, fmt[gaya])
        elif isinstance(nilai, int):
            ws.write_number(r, k, nilai, fmt[gaya])
        else:
            ws.write_string(r, k, nilai, fmt[gaya])


def grid_lembar(lembar: Lembar, angka_indonesia: bool = True) -> list[list[str]]:
    """Sel yang tampil, dari A1 sampai sel terpakai terakhir (seperti ekspor CSV Excel): nilai gabungan di sel
    kiri atasnya; angka berformat rupiah "2.080.252.824" (angka_indonesia) atau "2080252824"."""
    sel: dict[tuple[int, int], str] = {}
    tinggi = lebar = 0
    for op in lembar.ops:
        r, k, r1, k1, nilai, gaya = (op[1], op[2], op[1], op[2], op[3], op[4]) if op[0] == "sel" else op[1:]
        tinggi, lebar = max(tinggi, r1 + 1), max(lebar, k1 + 1)
        if isinstance(nilai, int) and gaya.startswith("rupiah") and angka_indonesia:
            sel[r, k] = f"{nilai:,}".replace(",", ".")
        elif nilai is not None:
            sel[r, k] = str(nilai)
    return [[sel.get((r, k), "") for k in range(lebar)] for r in range(tinggi)]


def tulis_semua(path: Path | str = SAMPEL_SEMUA, *, sumber: Path | str = SAMPEL_SEMUA,
                tabel: Sequence[TabelSampel] = TABEL) -> Path:
    """Tulis semua tabel ke satu workbook, satu sheet per tabel (nama sheet seperti di kecamatan)."""
    lembar = [(t.sheet, susun_lembar(baca_tabel_referensi(t, sumber), lebar=t.lebar)) for t in tabel]
    return tulis_xlsx(path, lembar, judul=JUDUL_BERKAS)


def tulis_xlsx(
    path: Path | str,
    lembar: Sequence[tuple[str, Lembar]],
    *,
    judul: str = JUDUL_BERKAS,
    sheet_lain: Sequence[tuple[str, Sequence[Sequence]]] = (),
    sheet_pertama: str | None = None,
) -> Path:
    """Tulis pasangan (nama sheet, rencana sel) ke satu workbook `.xlsx`, sesudah `sheet_lain` (nama, baris nilai).

    judul: properti judul berkas. sheet_pertama: sheet yang terbuka saat berkas dibuka (bawaan: sheet pertama)."""
    path = Path(path)
    wb = _workbook(path, judul)
    for nama, nilai in sheet_lain:
        _tulis_sheet_lain(wb.add_worksheet(nama), nilai)
    fmt = _buat_format(wb)
    for nama, rencana in lembar:
        tulis_lembar(wb.add_worksheet(nama), rencana, fmt)
    if sheet_pertama is not None:
        wb.get_worksheet_by_name(sheet_pertama).activate()
    wb.close()
    return path


def tulis_tabel(
    path: Path | str,
    tabel: TabelSampel | str = "TC.33",
    *,
    sheet: str | None = None,
    baris_awal: int = 1,
    kolom_awal: int = 1,
    sheet_lain: Sequence[tuple[str, Sequence[Sequence]]] = (),
    angka_sebagai_teks: bool = False,
    sheet_pertama: str | None = None,
    dialek: str = "excel-id",
    sumber: Path | str = SAMPEL_SEMUA,
) -> Path:
    """Tulis satu tabel ke `path` (`.xlsx`, `.csv` atau `.xls` menurut akhirannya) dan kembalikan path-nya.

    sheet: nama sheet (bawaan: nama sheet tabel). sheet_lain: pasangan (nama, baris nilai) yang ditulis sebagai
    sheet sebelum tabel (xlsx/xls). sheet_pertama: sheet yang terbuka saat berkas dibuka (bawaan: sheet tabel).
    dialek: untuk `.csv`, kunci DIALEK_CSV ("excel-id" atau "polos"). `.xls` perlu LibreOffice (`soffice`)."""
    tabel = tabel if isinstance(tabel, TabelSampel) else tabel_sampel(tabel)
    path = Path(path)
    lembar = susun_lembar(baca_tabel_referensi(tabel, sumber), baris_awal=baris_awal, kolom_awal=kolom_awal,
                          angka_sebagai_teks=angka_sebagai_teks, lebar=tabel.lebar)
    akhiran = path.suffix.lower()
    if akhiran == ".csv":
        if sheet_lain:
            raise ValueError("Berkas CSV hanya punya satu sheet; sheet_lain tidak bisa ditulis")
        return tulis_csv(path, lembar, DIALEK_CSV[dialek])
    if akhiran == ".xls":
        with tempfile.TemporaryDirectory(prefix="renja-xls-") as tmp:
            xlsx = Path(tmp) / f"{path.stem}.xlsx"
            _tulis_xlsx(xlsx, tabel, lembar, sheet, sheet_lain, sheet_pertama)
            return konversi_xls(xlsx, path)
    if akhiran != ".xlsx":
        raise ValueError(f"Akhiran berkas tidak didukung: {path.name} (pilih .xlsx, .xls atau .csv)")
    return _tulis_xlsx(path, tabel, lembar, sheet, sheet_lain, sheet_pertama)


def tulis_tc33(
    path: Path | str,
    *,
    sheet: str = "TC.33",
    baris_awal: int = 1,
    kolom_awal: int = 1,
    sheet_lain: Sequence[tuple[str, Sequence[Sequence]]] = (),
    angka_sebagai_teks: bool = False,
    sheet_pertama: str | None = None,
    sumber: Path | str = SAMPEL_SEMUA,
) -> Path:
    """Tulis T-C.33 dari `sumber` ke `path` dan kembalikan path-nya (lihat `tulis_tabel`).

    baris_awal/kolom_awal: sel kiri atas judul (1-based, seperti Excel). sheet_lain: pasangan (nama, baris nilai)
    yang ditulis sebagai sheet sebelum tabel, mis. (SAMPUL, SHEET2). angka_sebagai_teks: Kebutuhan Dana ditulis
    sebagai teks seperti diketik ("2.080.252.824"), bukan angka. sheet_pertama: sheet yang terbuka saat file
    dibuka (bawaan: sheet tabel).
    """
    return tulis_tabel(path, "TC.33", sheet=sheet, baris_awal=baris_awal, kolom_awal=kolom_awal,
                       sheet_lain=sheet_lain, angka_sebagai_teks=angka_sebagai_teks, sheet_pertama=sheet_pertama,
                       sumber=sumber)


def _tulis_xlsx(path: Path, tabel: TabelSampel, lembar: Lembar, sheet: str | None,
                sheet_lain: Sequence[tuple[str, Sequence[Sequence]]], sheet_pertama: str | None) -> Path:
    sheet = sheet or tabel.sheet
    return tulis_xlsx(path, [(sheet, lembar)], judul=f"{JUDUL_BERKAS} - {tabel.kode}", sheet_lain=sheet_lain,
                      sheet_pertama=sheet_pertama or sheet)


def tulis_csv(path: Path | str, lembar: Lembar, dialek: DialekCsv = DIALEK_CSV["excel-id"]) -> Path:
    """Tulis sel yang tampil dari rencana sel sebuah tabel sebagai CSV dalam `dialek` (lihat DIALEK_CSV)."""
    path = Path(path)
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=dialek.pemisah, lineterminator=dialek.akhir_baris).writerows(
        grid_lembar(lembar, dialek.angka_indonesia))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(dialek.pengodean))
    return path


def _tulis_sheet_lain(ws, nilai: Sequence[Sequence]) -> None:
    for r, baris in enumerate(nilai):
        for k, v in enumerate(baris):
            ws.write(r, k, v)


def soffice() -> str | None:
    """Program LibreOffice (`soffice` atau `libreoffice`) di PATH, atau None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def konversi_xls(xlsx: Path | str, tujuan: Path | str) -> Path:
    """Konversi `xlsx` ke Excel 97-2003 (`.xls`) dengan LibreOffice headless, profil sementara tersendiri."""
    return konversi_xls_semua([(Path(xlsx), Path(tujuan))])[0]


def konversi_xls_semua(pasangan: Sequence[tuple[Path, Path]], batas_detik: float = 180) -> list[Path]:
    """Konversi banyak (xlsx, tujuan .xls) dengan satu kali menjalankan LibreOffice headless (profil sementara).

    Nama dasar (stem) setiap xlsx harus berbeda. `batas_detik`: batas waktu seluruh konversi."""
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) tidak ditemukan; berkas .xls tidak bisa dibuat")
    if not pasangan:
        return []
    with tempfile.TemporaryDirectory(prefix="renja-lo-") as tmp:
        hasil = subprocess.run(
            [program, f"-env:UserInstallation={Path(tmp, 'lo').as_uri()}", "--headless", "--convert-to", "xls",
             "--outdir", tmp, *(str(x) for x, _ in pasangan)],
            capture_output=True, text=True, timeout=batas_detik, check=False,
        )
        for xlsx, tujuan in pasangan:
            keluaran = Path(tmp) / f"{Path(xlsx).stem}.xls"
            if not keluaran.is_file():
                raise RuntimeError(
                    f"Konversi {Path(xlsx).name} ke .xls gagal: {hasil.stderr.strip() or hasil.stdout.strip()}")
            Path(tujuan).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(keluaran, tujuan)
    return [Path(t) for _, t in pasangan]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Tulis tabel Renja Kecamatan Senduro dari contoh yang dikirim atau "
                                                 "dari teks referensi (make sample).")
    parser.add_argument("sumber", nargs="?", type=Path, default=SAMPEL_SEMUA,
                        help=f"contoh semua tabel (.xlsx, bawaan {SAMPEL_SEMUA.name}) atau teks referensi (.txt)")
    pilihan = parser.add_mutually_exclusive_group()
    pilihan.add_argument("--semua", action="store_true", help=f"semua tabel, satu sheet per tabel ({SAMPEL_SEMUA})")
    pilihan.add_argument("--tabel", help="satu tabel (nama sheet, mis. 'TC 3.1'); format dari akhiran --keluar")
    parser.add_argument("--keluar", type=Path, help=f"berkas yang ditulis (bawaan: {SAMPEL})")
    parser.add_argument("--dialek", choices=sorted(DIALEK_CSV), default="excel-id", help="dialek CSV")
    args = parser.parse_args(argv)
    if not args.sumber.is_file():
        raise SystemExit(f"Sumber tidak ditemukan: {args.sumber}")
    if args.tabel and args.keluar is None:
        raise SystemExit("--tabel perlu --keluar (akhiran .xlsx, .csv atau .xls)")
    try:
        if args.semua:
            path = tulis_semua(args.keluar or SAMPEL_SEMUA, sumber=args.sumber)
        elif args.tabel:
            path = tulis_tabel(args.keluar, args.tabel, dialek=args.dialek, sumber=args.sumber)
        else:
            path = tulis_tc33(args.keluar or SAMPEL, sumber=args.sumber)
    except (ValueError, RuntimeError) as e:
        raise SystemExit(str(e)) from e
    print(f"Ditulis: {path}")


if __name__ == "__main__":
    main()
