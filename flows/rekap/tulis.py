"""``renja rekap``'s writing: one kabupaten's rekap, each file atomically, to ``<output>/<tahun>/<kabupaten>/_rekap/``:

    Rekap-<Kabupaten>-<tahun>.xlsx   sheets Status, Grafik, Pagu <n>, Pagu <n+1>, Catatan
    rekap.csv                        transforms.rekap.KOLOM_REKAP, one row per kecamatan and program/kegiatan
    status.csv                       transforms.rekap.KOLOM_STATUS, one row per kecamatan (expected or found)
    catatan.csv                      transforms.rekap.KOLOM_CATATAN: differing names, kode listed twice …
"""


from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from flows.mesin.berkas import tulis_csv, tulis_dengan
from flows.rekap.baca import DataRekap, waktu_laporan
from flows.langkah.tulis.tabel import (
    A4,
    DEFAULT_CREATED,
    STYLES,
    WORKBOOK_OPTIONS,
    Styles,
    write_text,
    tinggi_baris,
)
from schemas.keluaran import (
    FILL_COLOR,
    PAGE_FOOTER,
    RUPIAH,
    RUPIAH_FORMAT,
)
from schemas.wilayah import DATA_WILAYAH
from transforms.meta import slug
from transforms.rekap import (
    ARTI_LENGKAP,
    BELUM_LENGKAP,
    BELUM_MENGIRIM,
    KOLOM_ADA,
    KOLOM_CATATAN,
    KOLOM_REKAP,
    KOLOM_STATUS,
    LABEL_STATUS,
    LENGKAP,
    TABEL_RENJA,
    TabelPagu,
)


FOLDER_REKAP = "_rekap"
FOLDER_PROVINSI = "_provinsi"
REKAP_CSV, STATUS_CSV, CATATAN_CSV = "rekap.csv", "status.csv", "catatan.csv"
A3 = 8  # xlsxwriter's paper code: the pagu sheets of more than KOLOM_A4 kecamatan are printed on A3
KOLOM_A4 = 8
FORMAT_WAKTU = "dd-mm-yyyy hh:mm"
WARNA_STATUS = {LENGKAP: "#C6EFCE", BELUM_LENGKAP: "#FFEB9C", BELUM_MENGIRIM: "#FFC7CE"}
LEBAR_NAMA, LEBAR_KODE, LEBAR_KECAMATAN, LEBAR_JUMLAH = 50, 15, 16, 18
MAKS_NAMA_SERI = 60  # a program's legend entry: kode and name, shortened to this many characters


def nama_berkas_rekap(kabupaten: str, tahun: int) -> str:
    """'Rekap-Lumajang-2024.xlsx', 'Rekap-Tanah-Datar-2024.xlsx'."""
    return f"Rekap-{'-'.join(w.capitalize() for w in slug(kabupaten).split('-'))}-{int(tahun)}.xlsx"


def tulis_rekap(d: DataRekap, folder: Path) -> list[Path]:
    """Write the workbook and the three CSV files of ``d`` into ``folder`` (each atomically); return them."""
    return [
        tulis_dengan(folder / nama_berkas_rekap(d.kabupaten, d.tahun), lambda p: tulis_workbook_rekap(d, p)),
        tulis_csv(d.rekap.panjang[list(KOLOM_REKAP)], folder / REKAP_CSV),
        tulis_csv(d.status[list(KOLOM_STATUS)], folder / STATUS_CSV),
        tulis_csv(d.catatan[list(KOLOM_CATATAN)], folder / CATATAN_CSV),
    ]


# ------------------------------------------------------------------------------------------------ the workbook

GAYA = {
    **STYLES,
    "judul": {"bold": True, "align": "center", "valign": "vcenter", "font_size": 12, "text_wrap": True},
    "keterangan": {"italic": True, "font_size": 9, "text_wrap": True, "valign": "top"},
    "waktu": {"num_format": FORMAT_WAKTU, "align": "center"},
    "tengah": {"align": "center"},
    "program": {"bold": True, "bg_color": FILL_COLOR},
    "kegiatan": {"indent": 1},
}


def _teks(sheet, gaya: Styles, row: int, col: int, teks: str, *nama: str, **tambahan) -> None:
    """Always a string cell (an empty text: a blank cell); text Excel would read as a formula gets a quote prefix."""
    teks = "" if teks is None else str(teks)
    if not teks:
        sheet.write_blank(row, col, None, gaya(*nama, **tambahan))
        return
    write_text(sheet, gaya, row, col, teks, *nama, **tambahan)


def _gabung(sheet, gaya: Styles, row: int, first: int, last: int, teks: str, *nama: str, **tambahan) -> None:
    if last > first:
        sheet.merge_range(row, first, row, last, "", gaya(*nama, **tambahan))
    _teks(sheet, gaya, row, first, teks, *nama, **tambahan)


def _judul(sheet, gaya: Styles, baris: list[str], lebar: list[float]) -> int:
    """Title lines merged across the columns; returns the next free row (one blank row after them)."""
    for row, teks in enumerate(baris):
        _gabung(sheet, gaya, row, 0, len(lebar) - 1, teks, "judul")
        sheet.set_row(row, tinggi_baris([(teks, sum(lebar))], font_size=12, bold=True))
    return len(baris) + 1


def _catatan_bawah(sheet, gaya: Styles, row: int, teks: list[str], lebar: list[float]) -> int:
    for t in teks:
        _gabung(sheet, gaya, row, 0, len(lebar) - 1, t, "keterangan")
        sheet.set_row(row, tinggi_baris([(t, sum(lebar))], font_size=9))
        row += 1
    return row


def _halaman(sheet, header_awal: int, header_akhir: int, data: int, kolom_beku: int, kertas: int = A4) -> None:
    """Landscape, one page wide, header rows on every page, panes frozen below them, page numbers."""
    sheet.set_landscape()
    sheet.set_paper(kertas)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_awal, header_akhir)
    sheet.freeze_panes(data, kolom_beku)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(PAGE_FOOTER)


def tulis_workbook_rekap(d: DataRekap, path: Path) -> Path:
    """Write the rekap workbook of ``d`` to ``path``: Status, Grafik, Pagu <n>, Pagu <n+1>, Catatan."""
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({"created": d.keadaan or DEFAULT_CREATED,
                             "title": f"Rekap Renja Kecamatan Kabupaten {d.kabupaten} Tahun {d.tahun}"})
    gaya = Styles(workbook, GAYA)
    status = workbook.add_worksheet("Status")
    grafik = workbook.add_worksheet("Grafik")
    lembar = []
    for tabel, judul, tahun in ((d.pagu, f"Rencana Tahun {d.tahun}", d.tahun),
                                (d.pagu_maju, f"Prakiraan Maju Tahun {d.tahun + 1} (Renja Tahun {d.tahun})",
                                 d.tahun + 1)):
        sheet = workbook.add_worksheet(f"Pagu {tahun}")
        lembar.append((sheet.name, _tulis_pagu(sheet, gaya, d, tabel, judul)))
    _tulis_status(status, gaya, d)
    _tulis_grafik(workbook, grafik, gaya, d, lembar)
    _tulis_catatan(workbook.add_worksheet("Catatan"), gaya, d)
    status.activate()
    workbook.close()
    return path


@dataclass(frozen=True)
class _LetakPagu:
    """0-based positions in a pagu sheet, for the charts."""

    header: int  # the row of the kecamatan names
    program: list[int]  # rows of the program items
    total: int  # the district total row
    kolom_awal: int  # first kecamatan column
    kolom_akhir: int  # last kecamatan column (kolom_awal - 1 when none)


def _tulis_pagu(sheet, gaya: Styles, d: DataRekap, tabel: TabelPagu, judul: str) -> _LetakPagu:
    """Items × kecamatan: kode, name, one amount column per kecamatan, the row total; the district total row."""
    k = len(d.kecamatan)
    lebar = [LEBAR_KODE, LEBAR_NAMA, *[LEBAR_KECAMATAN] * k, LEBAR_JUMLAH]
    for col, w in enumerate(lebar):
        sheet.set_column(col, col, w)
    row = _judul(sheet, gaya, ["Rekapitulasi Kebutuhan Dana/Pagu Indikatif Program dan Kegiatan per Kecamatan",
                               judul, f"Kabupaten {d.kabupaten}"], lebar)
    h1, h2, nomor = row, row + 1, row + 2
    akhir = len(lebar) - 1
    for col, teks in ((0, "Kode"), (1, "Program/Kegiatan"), (akhir, "Jumlah Kabupaten (Rp)")):
        sheet.merge_range(h1, col, h2, col, "", gaya("header"))
        _teks(sheet, gaya, h1, col, teks, "header")
    if k:
        _gabung(sheet, gaya, h1, 2, k + 1, "Kebutuhan Dana/Pagu Indikatif per Kecamatan (Rp)", "header")
        for j, nama in enumerate(d.kecamatan):
            _teks(sheet, gaya, h2, 2 + j, nama, "header")
    sheet.set_row(h2, tinggi_baris([(n, LEBAR_KECAMATAN) for n in d.kecamatan], bold=True))
    for col in range(len(lebar)):
        _teks(sheet, gaya, nomor, col, str(col + 1), "number")
    awal = nomor + 1
    program = []
    for i, item in enumerate(tabel.item.itertuples(index=False)):
        r = awal + i
        tampil = ("program",) if item.level == "program" else ()
        if item.level == "program":
            program.append(r)
        _teks(sheet, gaya, r, 0, item.kode, "cell", "kode", *tampil)
        _teks(sheet, gaya, r, 1, item.nama, "cell", *tampil, *(() if tampil else ("kegiatan",)))
        for j in range(k):
            nilai = tabel.nilai.iat[i, j]
            if pd.isna(nilai):
                sheet.write_blank(r, 2 + j, None, gaya("cell", RUPIAH, *tampil))
            else:
                sheet.write_number(r, 2 + j, int(nilai), gaya("cell", RUPIAH, *tampil))
        rumus = f"=SUM({xl_rowcol_to_cell(r, 2)}:{xl_rowcol_to_cell(r, k + 1)})" if k else "=0"
        sheet.write_formula(r, akhir, rumus, gaya("cell", RUPIAH, "total"), int(tabel.jumlah.iat[i]))
        sheet.set_row(r, tinggi_baris([(item.nama, LEBAR_NAMA)], bold=bool(tampil)))
    total = awal + len(tabel.item)
    _gabung(sheet, gaya, total, 0, 1, "JUMLAH KABUPATEN", "cell", "total", align="center")
    for j, nama in enumerate(d.kecamatan):
        sel = [xl_rowcol_to_cell(r, 2 + j) for r in program]
        rumus = "=" + "+".join(sel) if sel else "=0"
        sheet.write_formula(total, 2 + j, rumus, gaya("cell", RUPIAH, "total"), int(tabel.total[nama]))
    rumus = f"=SUM({xl_rowcol_to_cell(total, 2)}:{xl_rowcol_to_cell(total, k + 1)})" if k else "=0"
    sheet.write_formula(total, akhir, rumus, gaya("cell", RUPIAH, "total"), tabel.total_kabupaten)
    catatan = ["Jumlah kabupaten dan jumlah tiap kecamatan = jumlah baris program (kegiatan sudah termasuk dalam "
               "programnya). Sel kosong: kecamatan itu tidak mencantumkan program/kegiatan tersebut. Program dan "
               "kegiatan dicocokkan antar-kecamatan menurut kodenya; nama yang berbeda: lihat sheet Catatan.",
               "Angka dari data/TC-33.csv keluaran tiap kecamatan; status pengiriman: sheet Status."]
    if d.tanpa_tc33:
        catatan.append(f"Tidak masuk rekap (tanpa data T-C.33): {', '.join(d.tanpa_tc33)}.")
    if not k:
        catatan.insert(0, "Belum ada kecamatan dengan data T-C.33.")
    _catatan_bawah(sheet, gaya, total + 2, catatan, lebar)
    _halaman(sheet, h1, nomor, awal, 2, A3 if k > KOLOM_A4 else A4)
    return _LetakPagu(h2, program, total, 2, k + 1)


KOLOM_LEMBAR_STATUS = (  # header, width, group
    ("No", 5, None), ("Kecamatan", 22, None), ("Kode wilayah", 12, None), ("Status", 15, None),
    *((t, 9, "Tabel yang diterima") for t in TABEL_RENJA),
    ("Tabel belum ada", 26, None), ("Diproses pada", 16, None), ("Berkas", 30, None), ("Galat", 8, None),
    ("Peringatan", 11, None), ("Keterangan", 34, None),
)


def _tulis_status(sheet, gaya: Styles, d: DataRekap) -> None:
    """One row per kecamatan: status (coloured), each table 'ada'/'belum', when, from which files, findings."""
    lebar = [w for _, w, _ in KOLOM_LEMBAR_STATUS]
    for col, w in enumerate(lebar):
        sheet.set_column(col, col, w)
    s = d.status
    hitung = {k: int((s["status"] == k).sum()) for k in LABEL_STATUS}
    luar = int(s["dalam_daftar"].eq(False).sum())
    if d.daftar_resmi:
        sumber = (f"Kecamatan yang diharapkan: {d.daftar} ({int(s['dalam_daftar'].eq(True).sum())} kecamatan "
                  f"Kabupaten/Kota {d.kabupaten}, {d.kode_kabupaten}), urut kode wilayah; yang ditemukan tetapi tidak "
                  "ada dalam daftar ditandai. Daftar lain: --daftar-kecamatan atau setelan RENJA_DAFTAR_KECAMATAN.")
    elif d.daftar:
        sumber = (f"Kecamatan yang diharapkan: daftar '{d.daftar}' ({int(s['dalam_daftar'].eq(True).sum())} "
                  "kecamatan); yang ditemukan tetapi tidak ada dalam daftar ditandai.")
    else:
        sumber = ("Tanpa daftar kecamatan: yang tercantum adalah kecamatan yang keluarannya ditemukan (daftar "
                  "kecamatan yang diharapkan: --daftar-kecamatan atau setelan RENJA_DAFTAR_KECAMATAN).")
    ringkas = " · ".join(f"{LABEL_STATUS[k]}: {hitung[k]}" for k in LABEL_STATUS)
    ringkas += f" · Di luar daftar: {luar}" if d.daftar else ""
    keadaan = f"Keadaan data: {d.keadaan:%d-%m-%Y %H:%M}" if d.keadaan else "Keadaan data: -"
    row = _judul(sheet, gaya, ["Status Pengiriman Renja Kecamatan", f"Kabupaten {d.kabupaten} Tahun {d.tahun}"],
                 lebar) - 1
    row = _catatan_bawah(sheet, gaya, row, [ringkas, ARTI_LENGKAP, sumber, keadaan,
                                            f"Kode wilayah: {DATA_WILAYAH}."], lebar) + 1
    h1, h2 = row, row + 1
    grup_awal = next(c for c, (_, _, g) in enumerate(KOLOM_LEMBAR_STATUS) if g)
    _gabung(sheet, gaya, h1, grup_awal, grup_awal + len(TABEL_RENJA) - 1, "Tabel yang diterima", "header")
    for col, (teks, _, grup) in enumerate(KOLOM_LEMBAR_STATUS):
        if grup:
            _teks(sheet, gaya, h2, col, teks, "header")
        else:
            sheet.merge_range(h1, col, h2, col, "", gaya("header"))
            _teks(sheet, gaya, h1, col, teks, "header")
    awal = h2 + 1
    for i, r in enumerate(s.to_dict("records")):
        _tulis_baris_status(sheet, gaya, awal + i, i + 1, r, grup_awal)
    _halaman(sheet, h1, h2, awal, 2)


def _tulis_baris_status(sheet, gaya: Styles, row: int, no: int, r: dict, grup_awal: int) -> None:
    sheet.write_number(row, 0, no, gaya("cell", "tengah"))
    _teks(sheet, gaya, row, 1, r["kecamatan"], "cell")
    _teks(sheet, gaya, row, 2, r["kode_wilayah"], "cell", "tengah")
    _teks(sheet, gaya, row, 3, LABEL_STATUS[r["status"]], "cell", "tengah", bold=True,
          bg_color=WARNA_STATUS[r["status"]])
    for j, kolom in enumerate(KOLOM_ADA):
        ada = r[kolom]
        if pd.isna(ada):
            sheet.write_blank(row, grup_awal + j, None, gaya("cell"))
        else:
            _teks(sheet, gaya, row, grup_awal + j, "ada" if ada else "belum", "cell", "tengah",
                  **({} if ada else {"bold": True, "font_color": "#9C0006"}))
    col = grup_awal + len(KOLOM_ADA)
    _teks(sheet, gaya, row, col, r["tabel_belum_ada"], "cell")
    waktu = waktu_laporan(r["dibuat"])
    if waktu is not None:
        sheet.write_datetime(row, col + 1, waktu, gaya("cell", "waktu"))
    else:
        _teks(sheet, gaya, row, col + 1, r["dibuat"], "cell")
    _teks(sheet, gaya, row, col + 2, r["berkas"], "cell")
    for j, kunci in enumerate(("galat", "peringatan")):
        if pd.isna(r[kunci]):
            sheet.write_blank(row, col + 3 + j, None, gaya("cell"))
        else:
            sheet.write_number(row, col + 3 + j, int(r[kunci]), gaya("cell", "tengah"))
    _teks(sheet, gaya, row, col + 5, r["keterangan"], "cell")
    sheet.set_row(row, tinggi_baris([(r["kecamatan"], 22), (r["tabel_belum_ada"], 26), (r["berkas"], 30),
                                     (r["keterangan"], 34)]))


def _tulis_grafik(workbook, sheet, gaya: Styles, d: DataRekap, lembar: list[tuple[str, _LetakPagu]]) -> None:
    """Stacked columns: pagu per program per kecamatan (year n); beside it the kecamatan totals of n and n+1."""
    sheet.set_column(0, 0, 2)
    _gabung(sheet, gaya, 0, 1, 14, f"Grafik Pagu Indikatif per Kecamatan, Kabupaten {d.kabupaten} Tahun {d.tahun}",
            "judul")
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 1)
    (nama_n, letak_n), (nama_n1, letak_n1) = lembar
    if not d.kecamatan or not letak_n.program:
        _teks(sheet, gaya, 2, 1, "Belum ada data T-C.33 untuk digambar.", "keterangan")
        return
    kategori = [nama_n, letak_n.header, letak_n.kolom_awal, letak_n.header, letak_n.kolom_akhir]
    bertumpuk = workbook.add_chart({"type": "column", "subtype": "stacked"})
    for r, item in zip(letak_n.program, d.pagu.item[d.pagu.item["level"] == "program"].itertuples(index=False)):
        bertumpuk.add_series({
            "name": _nama_seri(item.kode, item.nama),
            "categories": kategori,
            "values": [nama_n, r, letak_n.kolom_awal, r, letak_n.kolom_akhir],
            "gap": 60,
        })
    bertumpuk.set_title({"name": f"Pagu per Program per Kecamatan, Tahun {d.tahun} (Rp)",
                         "name_font": {"size": 12}})
    bertumpuk.set_y_axis({"num_format": RUPIAH_FORMAT, "min": 0, "major_gridlines": {"visible": True}})
    bertumpuk.set_legend({"position": "bottom", "font": {"size": 8}})
    bertumpuk.set_size({"width": 960, "height": 560})
    sheet.insert_chart(2, 1, bertumpuk)
    banding = workbook.add_chart({"type": "column"})
    for nama, letak, tahun in ((nama_n, letak_n, d.tahun), (nama_n1, letak_n1, d.tahun + 1)):
        banding.add_series({"name": f"Tahun {tahun}", "categories": kategori,
                            "values": [nama, letak.total, letak.kolom_awal, letak.total, letak.kolom_akhir]})
    banding.set_title({"name": f"Jumlah Pagu per Kecamatan: {d.tahun} dan {d.tahun + 1} (Rp)",
                       "name_font": {"size": 12}})
    banding.set_y_axis({"num_format": RUPIAH_FORMAT, "min": 0})
    banding.set_legend({"position": "bottom"})
    banding.set_size({"width": 960, "height": 360})
    sheet.insert_chart(32, 1, banding)


def _nama_seri(kode: str, nama: str) -> str:
    teks = f"{kode} {nama}".strip()
    return teks if len(teks) <= MAKS_NAMA_SERI else teks[:MAKS_NAMA_SERI - 1].rstrip() + "…"


def _tulis_catatan(sheet, gaya: Styles, d: DataRekap) -> None:
    lebar = [5, 18, 18, 15, 90]
    for col, w in enumerate(lebar):
        sheet.set_column(col, col, w)
    row = _judul(sheet, gaya, [f"Catatan Rekap Kabupaten {d.kabupaten} Tahun {d.tahun}"], lebar)
    for col, teks in enumerate(("No", "Aturan", "Kecamatan", "Kode", "Catatan")):
        _teks(sheet, gaya, row, col, teks, "header")
    if d.catatan.empty:
        _gabung(sheet, gaya, row + 1, 0, len(lebar) - 1, "Tidak ada catatan.", "cell")
    for i, c in enumerate(d.catatan.to_dict("records"), start=1):
        r = row + i
        sheet.write_number(r, 0, i, gaya("cell", "tengah"))
        for col, kunci in enumerate(("aturan", "kecamatan", "kode", "pesan"), start=1):
            _teks(sheet, gaya, r, col, c[kunci], "cell", *(("kode",) if kunci == "kode" else ()))
        sheet.set_row(r, tinggi_baris([(c["pesan"], lebar[4]), (c["kecamatan"], lebar[2])]))
    _halaman(sheet, row, row, row + 1, 0)
