"""Tulis Tabel T-C.33 Renja Kecamatan Senduro 2024 ke Excel seperti yang disimpan kecamatan, dari teks referensinya.

Satu tugas: teks referensi (`../shared/reference/renja-senduro-2024.txt`) -> workbook `.xlsx` (xlsxwriter)
dengan semua kekhasan aslinya: kode salah ketik tetap teks seperti diketik, baris aktivitas, baris indikator
tambahan, baris spasi kosong, baris TOTAL PAGU dan blok tanda tangan di bawah tabel.

- Contoh yang dikirim: `.venv/bin/python tools/buat_sampel.py [TEKS_REFERENSI] [--keluar XLSX]`
  menulis `input/Renja-Senduro-2024-TC33.xlsx`.
- Varian untuk tes: `tulis_tc33(path, baris_awal=5, kolom_awal=3, sheet_lain=(SAMPUL, SHEET2), ...)`.
  Contoh yang dikirim adalah `tulis_tc33` dengan nilai bawaan (satu jalur kode).

Hasilnya deterministik: tanggal dibuat tetap (1 Juni 2023), sehingga file sama persis byte demi byte.
"""
from __future__ import annotations

import argparse
import re
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Sequence

import xlsxwriter

REPO = Path(__file__).resolve().parents[1]
REFERENSI = REPO.parent / "shared" / "reference" / "renja-senduro-2024.txt"
SAMPEL = REPO / "input" / "Renja-Senduro-2024-TC33.xlsx"

PENANDA_TABEL = "T-C.33"  # baris teks yang membuka tabel (judul pertama)
PENANDA_HEADER = "Kode\t"  # baris header pertama diawali sel "Kode"
PENANDA_TOTAL = "TOTAL PAGU"  # sel yang menutup tabel
JUMLAH_KOLOM = 13
BARIS_HEADER = 3  # dua baris header + baris nomor kolom

# Posisi kolom (0-based, relatif terhadap kolom pertama tabel).
KOLOM_KODE, KOLOM_PRIORITAS, KOLOM_SUMBER = 0, 5, 9
KOLOM_DANA = (8, 12)  # Kebutuhan Dana tahun n dan Prakiraan Maju n+1
KOLOM_TTD = (10, 12)  # tanda tangan: di bawah Catatan Penting .. Prakiraan Maju
LEBAR_KOLOM = (16, 40, 38, 45, 30, 9, 16, 14, 16, 9, 14, 14, 16)

ANGKA_RIBUAN = re.compile(r"\d{1,3}(?:\.\d{3})*")  # "2.080.252.824", "371.700"
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
GAYA_KOLOM = {KOLOM_KODE: "kode", KOLOM_PRIORITAS: "tengah", KOLOM_SUMBER: "tengah"}


class TeksTC33(NamedTuple):
    """Isi T-C.33 dari teks referensi, semua sel persis seperti diketik."""

    judul: list[str]  # baris judul sebelum header (termasuk baris kosong)
    header: list[list[str]]  # dua baris header dan baris nomor kolom, masing-masing 13 sel
    baris: list[list[str]]  # baris data s/d TOTAL PAGU; baris spasi kosong = []
    tanda_tangan: list[str]  # tempat/tanggal, jabatan, kosong, nama, NIP


def baca_tc33_teks(path: Path | str) -> TeksTC33:
    """Baca tabel T-C.33 dari teks referensi (sel dipisah tab, 13 sel per baris tabel)."""
    teks = Path(path).read_text(encoding="utf-8").splitlines()
    awal = _cari(teks, lambda s: s == PENANDA_TABEL, 0, path)
    header = _cari(teks, lambda s: s.startswith(PENANDA_HEADER), awal, path)
    total = _cari(teks, lambda s: PENANDA_TOTAL in s.split("\t"), header, path)
    data = header + BARIS_HEADER
    return TeksTC33(
        judul=teks[awal:header],
        header=[_sel(teks[i], i, path) for i in range(header, data)],
        baris=[_sel(teks[i], i, path) if teks[i].strip() else [] for i in range(data, total + 1)],
        tanda_tangan=_tanda_tangan(teks, total + 1),
    )


def _cari(teks: list[str], cocok, mulai: int, path) -> int:
    for i in range(mulai, len(teks)):
        if cocok(teks[i]):
            return i
    raise ValueError(f"{path}: tabel T-C.33 tidak lengkap (judul, header 'Kode' atau '{PENANDA_TOTAL}' tidak ada)")


def _sel(baris: str, i: int, path) -> list[str]:
    sel = baris.split("\t")
    if len(sel) != JUMLAH_KOLOM:
        raise ValueError(f"{path}, baris {i + 1}: harus {JUMLAH_KOLOM} sel dipisah tab, ada {len(sel)}")
    return sel


def _tanda_tangan(teks: list[str], mulai: int) -> list[str]:
    """Blok tanda tangan: baris setelah TOTAL PAGU (lewati yang kosong) sampai baris NIP."""
    while mulai < len(teks) and not teks[mulai].strip():
        mulai += 1
    for i in range(mulai, len(teks)):
        if teks[i].strip().startswith("NIP"):
            return teks[mulai : i + 1]
    return []


def tulis_tc33(
    path: Path | str,
    *,
    sheet: str = "TC.33",
    baris_awal: int = 1,
    kolom_awal: int = 1,
    sheet_lain: Sequence[tuple[str, Sequence[Sequence]]] = (),
    angka_sebagai_teks: bool = False,
    sheet_pertama: str | None = None,
    sumber: Path | str = REFERENSI,
) -> Path:
    """Tulis T-C.33 dari `sumber` ke `path` dan kembalikan path-nya.

    baris_awal/kolom_awal: sel kiri atas judul (1-based, seperti Excel). sheet_lain: pasangan (nama, baris nilai)
    yang ditulis sebagai sheet sebelum tabel, mis. (SAMPUL, SHEET2). angka_sebagai_teks: Kebutuhan Dana ditulis
    sebagai teks seperti diketik ("2.080.252.824"), bukan angka. sheet_pertama: sheet yang terbuka saat file
    dibuka (bawaan: sheet tabel).
    """
    isi = baca_tc33_teks(sumber)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"created": DIBUAT, "title": "Renja Kecamatan Senduro 2024 - T-C.33"})
    for nama, nilai in sheet_lain:
        _tulis_sheet_lain(wb.add_worksheet(nama), nilai)
    ws = wb.add_worksheet(sheet)
    fmt = _buat_format(wb)
    r, k = baris_awal - 1, kolom_awal - 1
    r = _tulis_judul(ws, isi.judul, r, k, fmt)
    _atur_halaman(ws, r, k)
    r = _tulis_header(ws, isi.header, r, k, fmt)
    r = _tulis_baris(ws, isi.baris, r, k, fmt, angka_sebagai_teks)
    _tulis_tanda_tangan(ws, isi.tanda_tangan, r + 1, k, fmt)  # satu baris kosong di bawah TOTAL PAGU
    wb.get_worksheet_by_name(sheet_pertama or sheet).activate()
    wb.close()
    return path


def _buat_format(wb) -> dict:
    """Format per gaya, biasa dan tebal (`<gaya>+`, untuk baris TOTAL PAGU), plus judul dan tanda tangan."""
    fmt = {}
    for nama, gaya in GAYA.items():
        fmt[nama] = wb.add_format({**GAYA_DASAR, **gaya})
        fmt[nama + "+"] = wb.add_format({**GAYA_DASAR, **gaya, "bold": True})
    fmt["judul"] = wb.add_format({"bold": True, "align": "center", "font_size": 12})
    fmt["ttd"] = wb.add_format({"align": "center", "font_size": 10})
    return fmt


def _tulis_judul(ws, judul: list[str], r: int, k: int, fmt) -> int:
    """Tiap baris judul yang berisi digabung selebar tabel; baris kosong dibiarkan kosong."""
    for teks in judul:
        if teks.strip():
            ws.merge_range(r, k, r, k + JUMLAH_KOLOM - 1, teks, fmt["judul"])
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


def _tulis_header(ws, header: list[list[str]], r: int, k: int, fmt) -> int:
    """Dua baris header (dengan gabungan) dan baris nomor kolom (angka sebagai angka)."""
    atas, bawah, nomor = header
    for b0, k0, b1, k1 in _gabungan_header(atas, bawah):
        if (b0, k0) == (b1, k1):
            ws.write_string(r + b0, k + k0, atas[k0], fmt["header"])
        else:
            ws.merge_range(r + b0, k + k0, r + b1, k + k1, atas[k0], fmt["header"])
    for i, teks in enumerate(bawah):
        if teks:
            ws.write_string(r + 1, k + i, teks, fmt["header"])
    for i, teks in enumerate(nomor):
        if teks.isdigit():
            ws.write_number(r + 2, k + i, int(teks), fmt["nomor"])
        else:
            ws.write_blank(r + 2, k + i, None, fmt["nomor"])
    return r + BARIS_HEADER


def nilai_sel(kolom: int, teks: str, angka_sebagai_teks: bool = False) -> int | str:
    """Nilai sel: Kebutuhan Dana ribuan bersih dan skala prioritas jadi angka; lainnya teks seperti diketik."""
    if kolom in KOLOM_DANA and not angka_sebagai_teks and ANGKA_RIBUAN.fullmatch(teks):
        return int(teks.replace(".", ""))
    if kolom == KOLOM_PRIORITAS and teks.isdigit():
        return int(teks)
    return teks


def _tulis_baris(ws, baris: list[list[str]], r: int, k: int, fmt, angka_sebagai_teks: bool) -> int:
    """Baris data berbingkai; baris spasi ([]) jadi baris kosong berbingkai; TOTAL PAGU ditebalkan."""
    for sel in baris:
        tebal = "+" if PENANDA_TOTAL in sel else ""
        for i, teks in enumerate(sel or [""] * JUMLAH_KOLOM):
            nilai = nilai_sel(i, teks, angka_sebagai_teks)
            if isinstance(nilai, int):
                gaya = "rupiah" if i in KOLOM_DANA else "tengah"
                ws.write_number(r, k + i, nilai, fmt[gaya + tebal])
            elif nilai:
                gaya = "kanan" if i in KOLOM_DANA else GAYA_KOLOM.get(i, "teks")
                ws.write_string(r, k + i, nilai, fmt[gaya + tebal])
            else:
                ws.write_blank(r, k + i, None, fmt[GAYA_KOLOM.get(i, "teks") + tebal])
        r += 1
    return r


def _tulis_tanda_tangan(ws, tanda_tangan: list[str], r: int, k: int, fmt) -> None:
    """Blok tanda tangan di kanan bawah (Catatan Penting s/d Prakiraan Maju), tiap baris digabung dan di tengah."""
    k0, k1 = k + KOLOM_TTD[0], k + KOLOM_TTD[1]
    for i, teks in enumerate(tanda_tangan):
        if teks.strip():
            ws.merge_range(r + i, k0, r + i, k1, teks, fmt["ttd"])


def _atur_halaman(ws, baris_header: int, k: int) -> None:
    """Lebar kolom, kertas F4 mendatar, header berulang di tiap halaman."""
    for i, lebar in enumerate(LEBAR_KOLOM):
        ws.set_column(k + i, k + i, lebar)
    ws.set_landscape()
    ws.set_paper(KERTAS_F4)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(baris_header, baris_header + BARIS_HEADER - 1)


def _tulis_sheet_lain(ws, nilai: Sequence[Sequence]) -> None:
    for r, baris in enumerate(nilai):
        for k, v in enumerate(baris):
            ws.write(r, k, v)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Buat contoh workbook T-C.33 Kecamatan Senduro dari teks referensi.")
    parser.add_argument("referensi", nargs="?", type=Path, default=REFERENSI, help="teks referensi Renja Senduro 2024")
    parser.add_argument("--keluar", type=Path, default=SAMPEL, help="workbook yang ditulis")
    args = parser.parse_args(argv)
    if not args.referensi.is_file():
        raise SystemExit(f"Teks referensi tidak ditemukan: {args.referensi}")
    path = tulis_tc33(args.keluar, sumber=args.referensi)
    print(f"Ditulis: {path}")


if __name__ == "__main__":
    main()
