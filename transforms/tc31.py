"""Turn the classified rows of a T-C.31 table into tidy rows: both halves side by side, level, program, findings.

Input: ``Tabel.baris`` of a T-C.31 table (all kinds of rows: the page-break rows tell where text was cut).
Output: ``HasilTabel(tidy, temuan)``: ``tidy`` has the columns of ``schemas.tc31.TIDY_COLUMNS``, one row per source
row in document order after continuation rows are joined; ``temuan`` the findings (``KOLOM_TEMUAN_MENTAH``).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from schemas.aturan import Aturan, Temuan
from schemas.tc31 import (
    ATURAN,
    AWAL_INDIKATOR_KEGIATAN,
    AWAL_INDIKATOR_SUB_KEGIATAN,
    LABEL_BAGIAN,
    LABEL_LEVEL,
    LAYOUT,
    LEVEL_DARI_BARIS_ATAS,
    LEVEL_DARI_INDIKATOR,
    LEVEL_DARI_INDIKATOR_BERBEDA,
    LEVEL_DARI_NOMOR,
    TEKS_KOSONG,
    TIDY_COLUMNS,
)
from transforms.angka import rupiah_series, target_series
from transforms.bingkai import susun_dari
from transforms.hasil import HasilTabel, temuan_rupiah, temuan_target
from transforms.nama import lipat_tanpa_level, rasio_teks
from transforms.rekaman import baris_dict
from transforms.sel import kosong, lipat, teks
from transforms.tabel import DATA, HEADER_ULANG, KOSONG, NOMOR, gabung_lanjutan
from transforms.temuan import frame_temuan

KOLOM_SUMBER = tuple(f.name for f in LAYOUT.fields)
TEKS_FIELDS = LAYOUT.teks_lanjutan  # names, locations, indicators of both halves, catatan
ISI_BAGIAN = {
    "rkpd": ("nama_rkpd", "lokasi_rkpd", "indikator_rkpd", "target_rkpd", "pagu_rkpd"),
    "hasil": ("nama_hasil", "lokasi_hasil", "indikator_hasil", "target_hasil", "kebutuhan_dana"),
}
NILAI_FIELDS = ("target_rkpd", "pagu_rkpd", "target_hasil", "kebutuhan_dana")
LOKASI_FIELDS = ("lokasi_rkpd", "lokasi_hasil")
RUPIAH_FIELDS = ("pagu_rkpd", "kebutuhan_dana")
TARGET_FIELDS = ("target_rkpd", "target_hasil")
_LABEL_ISI = {"lokasi": "lokasi", "indikator": "indikator", "target": "target", "pagu": "pagu indikatif",
              "kebutuhan": "kebutuhan dana"}
# A row number in the No column (folded): '1', '1.', '1.2', 'a', 'iv'.  Any other text ends the table.
NOMOR_PROGRAM_DIGIT = 6  # a program's number in No has at most this many digits (programs are numbered 1, 2, 3 …)
_NOMOR_BARIS = re.compile(r"^(\d+( \d+)*|[a-z]|[ivx]+)$")
_PANJANG_KUTIPAN = 80


def tidy_tc31(baris: pd.DataFrame) -> HasilTabel:
    """Tidy rows of one T-C.31 table (see module docstring); ``kemiripan_nama`` is checked by the suite."""
    semua, temuan = potong_akhir(sediakan_kolom(baris, KOLOM_SUMBER), ATURAN)
    data = gabung_dengan_asal(semua, NILAI_FIELDS, LOKASI_FIELDS, TEKS_FIELDS)
    rows = []
    for r in baris_dict(data):
        row, t = _baris_tidy(r, rows[-1]["level"] if rows else None)
        temuan.extend(t)
        if row is not None:
            if row["program_no"] is None and rows:
                row["program_no"] = rows[-1]["program_no"]  # the program the row sits under
            rows.append(row)
    tidy, temuan_angka = _urai_angka(rows)
    return HasilTabel(tidy, frame_temuan([*temuan, *temuan_angka], urut_baris=True))


# ------------------------------------------------------------------------------------- rows of the table


def sediakan_kolom(baris: pd.DataFrame, kolom: Sequence[str]) -> pd.DataFrame:
    """Every source field present (a sheet may lack optional columns), index 0..n-1."""
    hilang = {f: None for f in kolom if f not in baris}
    return baris.assign(**hilang).reset_index(drop=True)


def bukan_nomor(nilai, kecuali: Sequence[str] = ()) -> bool:
    """True when a No cell holds a text that is no row number (a paragraph, a note, another table's header)."""
    if kosong(nilai):
        return False
    t = lipat(nilai)
    return bool(t) and not _NOMOR_BARIS.match(t) and t not in kecuali


def potong_akhir(semua: pd.DataFrame, aturan: Mapping[str, Aturan],
                 kecuali: Sequence[str] = ()) -> tuple[pd.DataFrame, list[Temuan]]:
    """The rows up to the table's end, and an ``akhir-tabel`` finding when the table was cut.

    A table found by ``cari_tabel`` runs to the next table's title: the document's paragraphs below it come as
    ``data`` rows with a text in the No column.  The first such row (a text that is no row number and not one of
    ``kecuali``, folded) ends the table.
    """
    for posisi, r in enumerate(baris_dict(semua)):  # plain rows: a Series per row (iterrows) was the cost
        if r["jenis"] == DATA and bukan_nomor(r.get("no"), kecuali):
            i, r = next(semua.iloc[posisi:posisi + 1].iterrows())  # the row as its finding always got it
            kutipan = teks(r["no"])
            if len(kutipan) > _PANJANG_KUTIPAN:
                kutipan = kutipan[:_PANJANG_KUTIPAN].rstrip() + " …"
            t = aturan["akhir-tabel"].temuan(r, "no", kutipan)
            return semua.loc[: i - 1], [t]
    return semua, []


def gabung_dengan_asal(semua: pd.DataFrame, nilai_fields: Sequence[str], lokasi_fields: Sequence[str],
                       teks_fields: Sequence[str]) -> pd.DataFrame:
    """The ``data`` rows with continuation rows joined in (``gabung_lanjutan``); adds ``baris_lanjutan``.

    A continuation row has no number in No, no value (``nilai_fields``: targets, amounts) and some text, follows
    another data row, and either stands right after a header repeated at a page break (the text cut there) or has
    no location either (a text wrapped onto the next row).  A row with a location but no value in mid-page is an
    item of its own (see the ``baris-tanpa-nilai`` finding of T-C.31).
    """
    lanjutan, sebelum, ada_data = [], None, False
    for r in baris_dict(semua):
        if r["jenis"] == KOSONG:
            continue
        if r["jenis"] == DATA:
            potongan = (kosong(r.get("no")) and all(kosong(r.get(f)) for f in nilai_fields)
                        and any(not kosong(r.get(f)) for f in teks_fields))
            tanpa_lokasi = all(kosong(r.get(f)) for f in lokasi_fields)
            lanjutan.append(ada_data and potongan and (sebelum in (HEADER_ULANG, NOMOR) or tanpa_lokasi))
            ada_data = True
        sebelum = r["jenis"]
    data = semua[semua["jenis"] == DATA].reset_index(drop=True)
    tanda = pd.Series(lanjutan, index=data.index, dtype=bool)
    kelompok = (~tanda).cumsum()
    asal: dict = {}  # per group: the rows joined into its first row
    for k, t, b in zip(kelompok, tanda, data["baris"]):
        asal.setdefault(k, [])
        if t:
            asal[k].append(str(b))
    asal = {k: ";".join(v) for k, v in asal.items()}
    data = data.assign(baris_lanjutan=[asal[k] or None for k in kelompok])
    return gabung_lanjutan(data, tanda, teks_fields).reset_index(drop=True)


# ------------------------------------------------------------------------------------------- one row


def _isi_teks(nilai) -> str | None:
    """Display text of a text cell; None when empty or 'N/A'."""
    t = teks(nilai)
    return None if lipat(t) in TEKS_KOSONG else t


def nomor_program(no) -> int | None:
    """The program number written in No ('1', '1.', 1.0); None for anything else, also for a number of more than
    NOMOR_PROGRAM_DIGIT digits (10**20 numbers no program, and the Int64 column ``program_no`` cannot hold it)."""
    m = re.fullmatch(rf"\d{{1,{NOMOR_PROGRAM_DIGIT}}}", lipat(no)) if not kosong(no) else None
    return int(m.group(0)) if m else None


def level_indikator(indikator) -> str | None:
    """'kegiatan' for an indicator opening with Persentase (a share), 'sub_kegiatan' for Jumlah (a count), else None."""
    t = lipat(indikator)
    if t.startswith(AWAL_INDIKATOR_KEGIATAN):
        return "kegiatan"
    if t.startswith(AWAL_INDIKATOR_SUB_KEGIATAN):
        return "sub_kegiatan"
    return None


def tentukan_level(no, indikator_rkpd, indikator_hasil, level_atas: str | None) -> tuple[str, str, str | None]:
    """(level, level_dari, keterangan when unsure) of a row, read from the layout, never from a kode.

    A number in No: a program.  Else the indicators: 'Persentase …' a kegiatan, 'Jumlah …' a sub-kegiatan; when
    the halves disagree the kegiatan reading wins (in the reference the 'Persentase' half is always the one that
    matches the nomenclature).  With no telling indicator the row follows the row above: under a kegiatan or a
    sub-kegiatan it is a sub-kegiatan, under a program (or first) a kegiatan.  ``keterangan`` explains the unsure
    cases (the caller flags them).
    """
    if nomor_program(no) is not None:
        return "program", LEVEL_DARI_NOMOR, None
    rkpd, hasil = level_indikator(indikator_rkpd), level_indikator(indikator_hasil)
    if rkpd and hasil and rkpd != hasil:
        ket = (f"indikator Rancangan Awal RKPD menunjukkan {LABEL_LEVEL[rkpd]} ('{_awal(indikator_rkpd)}') tetapi "
               f"indikator Hasil Analisis Kebutuhan menunjukkan {LABEL_LEVEL[hasil]} ('{_awal(indikator_hasil)}')")
        return "kegiatan", LEVEL_DARI_INDIKATOR_BERBEDA, ket
    if rkpd or hasil:
        return (rkpd or hasil), LEVEL_DARI_INDIKATOR, None
    level = "sub_kegiatan" if level_atas in ("kegiatan", "sub_kegiatan") else "kegiatan"
    ada = [teks(i) for i in (indikator_rkpd, indikator_hasil) if not kosong(i)]
    sebab = f"indikator '{ada[0]}' tidak diawali Persentase atau Jumlah" if ada else "baris tanpa indikator"
    atas = f"mengikuti baris di atasnya ({LABEL_LEVEL[level_atas]})" if level_atas else "baris pertama tabel"
    return level, LEVEL_DARI_BARIS_ATAS, f"{sebab}; {atas}"


def _awal(indikator) -> str:
    return " ".join(teks(indikator).split()[:1])


def kemiripan_nama(a, b) -> float | None:
    """difflib ratio (transforms.nama.rasio_teks, 3 decimals) of two names folded by
    transforms.nama.lipat_tanpa_level; None when either is empty."""
    if kosong(a) or kosong(b):
        return None
    return round(rasio_teks(lipat_tanpa_level(a), lipat_tanpa_level(b)), 3)


def _baris_tidy(r: dict, level_atas: str | None) -> tuple[dict | None, list[Temuan]]:
    teks_isi = {f: _isi_teks(r.get(f)) for f in TEKS_FIELDS}
    nilai = {f: (teks(r.get(f)) or None) for f in TARGET_FIELDS}
    ada = {b: [f for f in fs if not kosong(teks_isi.get(f, r.get(f)))] for b, fs in ISI_BAGIAN.items()}
    if not ada["rkpd"] and not ada["hasil"]:
        isi = " | ".join(teks(r.get(f)) for f in KOLOM_SUMBER if not kosong(r.get(f)))
        return None, [ATURAN["baris-tidak-dikenal"].temuan(r, "no", isi)]
    nama = teks_isi["nama_hasil"] or teks_isi["nama_rkpd"]
    level, dari, ket = tentukan_level(r.get("no"), teks_isi["indikator_rkpd"], teks_isi["indikator_hasil"], level_atas)
    row = {
        "no": teks(r.get("no")) or None, "program_no": nomor_program(r.get("no")), "level": level, "level_dari": dari,
        "nama": nama, "bagian": "keduanya" if ada["rkpd"] and ada["hasil"] else ("rkpd" if ada["rkpd"] else "hasil"),
        **teks_isi, **nilai, "pagu_rkpd_mentah": r.get("pagu_rkpd"), "kebutuhan_dana_mentah": r.get("kebutuhan_dana"),
        "kemiripan_nama": kemiripan_nama(teks_isi["nama_rkpd"], teks_isi["nama_hasil"]),
        "sheet": r["sheet"], "baris": r["baris"], "baris_lanjutan": r.get("baris_lanjutan"),
    }
    temuan = _temuan_bagian(r, row, ada)
    if all(kosong(r.get(f)) for f in NILAI_FIELDS):
        temuan.append(ATURAN["baris-tanpa-nilai"].temuan(r, "nama_rkpd" if ada["rkpd"] else "nama_hasil",
                                                         nama, nama=nama or ""))
    if ket:
        field = "indikator_rkpd" if teks_isi["indikator_rkpd"] else "indikator_hasil"
        temuan.append(ATURAN["level-ragu"].temuan(r, field, teks_isi[field] or nama, nama=nama or "",
                                                  keterangan=ket, level=LABEL_LEVEL[level]))
    return row, temuan


def _temuan_bagian(r: dict, row: dict, ada: dict[str, list[str]]) -> list[Temuan]:
    """Half-empty rows, halves without a name."""
    lain = {"rkpd": "hasil", "hasil": "rkpd"}
    if not ada["rkpd"] or not ada["hasil"]:
        b = "rkpd" if ada["rkpd"] else "hasil"
        return [ATURAN["baris-satu-bagian"].temuan(r, f"nama_{b}", row["nama"], nama=row["nama"] or "",
                                                   bagian=LABEL_BAGIAN[b], bagian_lain=LABEL_BAGIAN[lain[b]])]
    temuan = []
    for b in ("rkpd", "hasil"):
        if row[f"nama_{b}"] is None:
            isi = _daftar([_LABEL_ISI[f.split("_")[0]] for f in ada[b]])
            temuan.append(ATURAN["bagian-tanpa-nama"].temuan(r, f"nama_{b}", row[f"nama_{lain[b]}"],
                                                             nama=row[f"nama_{lain[b]}"] or "", isi=isi,
                                                             bagian=LABEL_BAGIAN[b], bagian_lain=LABEL_BAGIAN[lain[b]]))
    # Halves whose names differ (kemiripan_nama below AMBANG_NAMA_SAMA) are a Great Expectations check
    # (schemas.suites, frame 'tc31'), run with the other cross-checks.
    return temuan


def _daftar(kata: list[str]) -> str:
    return kata[0] if len(kata) == 1 else f"{', '.join(kata[:-1])} dan {kata[-1]}"


# ------------------------------------------------------------------------------------- amounts, targets


def _urai_angka(rows: list[dict]) -> tuple[pd.DataFrame, list[Temuan]]:
    """Parse the amounts (integer Rupiah) and targets; findings for what needed care or failed."""
    if not rows:
        return kosong_tidy(TIDY_COLUMNS), []
    df = pd.DataFrame(rows)
    temuan, keluar = [], {"urut": range(1, len(df) + 1)}
    for f in RUPIAH_FIELDS:
        h = rupiah_series(df[f"{f}_mentah"].astype(object))
        keluar[f] = h["nilai"]
        temuan.extend(temuan_rupiah(df, h, f, ATURAN))
    for f in TARGET_FIELDS:
        h = target_series(df[f].astype(object))
        keluar[f"{f}_nilai"], keluar[f"{f}_satuan"] = h["nilai"], h["satuan"]
        temuan.extend(temuan_target(df, h, f, ATURAN))
    tipe = {"urut": "Int64", "program_no": "Int64", "baris": "Int64", "kemiripan_nama": "Float64"}
    return susun_dari(df, TIDY_COLUMNS, keluar, tipe), temuan  # assign, astype and the columns, in one build


def kosong_tidy(kolom: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype=object) for k in kolom})

