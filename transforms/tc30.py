"""Turn the classified rows of a T-C.30 table into long tidy data: one row per indicator × kelompok × year.

Input: ``Tabel.baris`` (rows of kind ``data`` are read) and ``Tabel.peta_kolom`` (which per-year fields exist, in
column order: ``target_renstra@2024`` …).  Output: ``HasilTabel(tidy, temuan)``: ``tidy`` has the columns of
``schemas.tc30.TIDY_COLUMNS``; ``temuan`` the findings (``schemas.tc30.ATURAN``; columns
``schemas.aturan.KOLOM_TEMUAN_MENTAH``).

Rows read: a row with an indicator is an indicator; a row with only texts and an empty No under an indicator
continues it (page break) and is joined in; the table ends at the first row whose No cell is not a row number
(prose or another table below it in the same sheet: ``akhir_tabel``).  'N/A' and '-' are empty values, not errors.
"""
from __future__ import annotations

import re

import pandas as pd

from schemas.aturan import Temuan
from schemas.tc30 import ATURAN, JUMLAH_TAHUN_KELUARAN, KELOMPOK, LABEL_KELOMPOK, LAYOUT, TIDY_COLUMNS
from transforms.angka import target_series
from transforms.bingkai import pasang_tipe
from transforms.hasil import (
    STATUS_TARGET, HasilTabel, teks_atau_none, teks_kosong_none, temuan_target_sel,
)
from transforms.rekaman import baris_dict
from transforms.sel import kosong, teks
from transforms.tabel import gabung_lanjutan
from transforms.temuan import frame_temuan

TEKS_FIELDS = ("no", "indikator", "spm", "ikk", "catatan")
INDIKATOR, LANJUTAN, LAIN = "indikator", "lanjutan", "lain"
# A row number in a No column: '1', '1.', '2)', '1.2', '1.2.3' (hierarchical), 'a.', 'IV'.  Anything else there
# (a sentence, a kode such as 7.01.01.2.01, 'Tabel 2.3') is not a table row.
_NOMOR_BARIS = re.compile(r"^(\d{1,3}(\.\d{1,3}){0,3}[.)]?|[a-z][.)]|[ivxl]{1,5}[.)]?)$")
_TAHUN = re.compile(r"^(19|20)\d{2}$")


def tidy_tc30(baris: pd.DataFrame, peta_kolom: dict[str, int]) -> HasilTabel:
    """Long tidy rows of one T-C.30 table (see module docstring and schemas.tc30.TIDY_COLUMNS)."""
    kolom_nilai = kolom_tahun(peta_kolom)
    data, luar = akhir_tabel(_sediakan_kolom(baris[baris["jenis"] == "data"], kolom_nilai), "no")
    temuan = [] if luar is None else [ATURAN["akhir-tabel"].temuan(luar, "no", teks(luar["no"])[:80])]
    data = data.assign(peran=data.apply(peran_baris, axis=1, kolom_nilai=kolom_nilai))
    data = gabung_lanjutan(data, data["peran"] == LANJUTAN, LAYOUT.teks_lanjutan)
    temuan += [ATURAN["baris-tidak-dikenal"].temuan(r, "indikator", _isi(r, kolom_nilai))
               for r in baris_dict(data[data["peran"] != INDIKATOR])]
    temuan += [_temuan_kolom("tahun-tidak-tertulis", k) for k in _tanpa_tahun(kolom_nilai)]
    panjang = _panjangkan(data[data["peran"] == INDIKATOR], kolom_nilai)
    tidy, temuan_nilai = _urai_nilai(panjang)
    return HasilTabel(tidy, frame_temuan([*temuan, *temuan_nilai]))


def kolom_tahun(peta_kolom: dict[str, int]) -> list[dict]:
    """The per-year fields of a header, in KELOMPOK order then column order.

    Each: ``field`` ('target_renstra@2024'), ``kelompok``, ``tahun`` (int, or None when the header names no
    year: the field is then '<kelompok>@1', '@2' …), ``tahun_ke`` (1, 2, 3 … within the kelompok), ``kolom``.
    """
    hasil = []
    for kelompok in KELOMPOK:
        fields = sorted((k for k in peta_kolom if k.split("@", 1)[0] == kelompok and "@" in k), key=peta_kolom.get)
        for ke, f in enumerate(fields, start=1):
            akhiran = f.split("@", 1)[1]
            tahun = int(akhiran) if _TAHUN.match(akhiran) else None
            hasil.append({"field": f, "kelompok": kelompok, "tahun": tahun, "tahun_ke": ke, "kolom": peta_kolom[f]})
    return hasil


def nomor_baris(nilai) -> bool:
    """Whether a No cell holds a row number (or nothing): an int, a whole float, or text like '1', '1.2', 'a.'."""
    if kosong(nilai):
        return True
    if isinstance(nilai, (int, float)) and not isinstance(nilai, bool):
        return float(nilai).is_integer()
    return _NOMOR_BARIS.match(teks(nilai).lower()) is not None


def akhir_tabel(data: pd.DataFrame, field_no: str) -> tuple[pd.DataFrame, dict | None]:
    """Cut ``data`` before its first row whose ``field_no`` cell is not a row number (``nomor_baris``).

    Returns the rows kept and the first row left out (a dict; None when nothing was cut).  Needed where a table
    without a total row is followed by prose or other tables in the same sheet: the table finder reads on until
    the next table it knows.
    """
    if field_no not in data or data.empty:
        return data, None
    bukan = ~data[field_no].map(nomor_baris).astype(bool)
    if not bukan.any():
        return data, None
    i = int(bukan.to_numpy().argmax())
    return data.iloc[:i].reset_index(drop=True), data.iloc[i].to_dict()


def _sediakan_kolom(df: pd.DataFrame, kolom_nilai: list[dict]) -> pd.DataFrame:
    """Make sure every text field exists (a sheet may lack SPM, IKK or Catatan)."""
    hilang = {f: None for f in (*TEKS_FIELDS, *(k["field"] for k in kolom_nilai)) if f not in df}
    return df.assign(**hilang).reset_index(drop=True)


def peran_baris(r: pd.Series, kolom_nilai: list[dict]) -> str:
    """An indicator (has one), a continuation (texts only, no No, no value), or anything else."""
    ada_nilai = any(not kosong(r.get(k["field"])) for k in kolom_nilai)
    if not kosong(r.get("indikator")) and (ada_nilai or not kosong(r.get("no"))):
        return INDIKATOR
    if kosong(r.get("no")) and not ada_nilai and any(not kosong(r.get(f)) for f in LAYOUT.teks_lanjutan):
        return LANJUTAN
    return LAIN


def _panjangkan(indikator: pd.DataFrame, kolom_nilai: list[dict]) -> pd.DataFrame:
    """One row per indicator × per-year field, in indicator order then KELOMPOK/column order."""
    rows = []
    for urut, r in enumerate(baris_dict(indikator), start=1):
        dasar = {"urut": urut, **{f: (teks(r.get(f)) or None) for f in TEKS_FIELDS},
                 "sheet": r["sheet"], "baris": r["baris"]}
        for k in kolom_nilai:
            rows.append({**dasar, "kelompok": k["kelompok"], "tahun": k["tahun"], "tahun_ke": k["tahun_ke"],
                         "field": k["field"], "nilai_mentah": r.get(k["field"])})
    kolom = ["urut", *TEKS_FIELDS, "sheet", "baris", "kelompok", "tahun", "tahun_ke", "field", "nilai_mentah"]
    return pd.DataFrame(rows, columns=kolom)


def _urai_nilai(df: pd.DataFrame) -> tuple[pd.DataFrame, list[Temuan]]:
    """Read every value (transforms.angka.parse_target): number, satuan, jenis, grade; findings for what failed."""
    h = target_series(df["nilai_mentah"].astype(object))
    tidy = df.assign(
        nilai_teks=df["nilai_mentah"].map(lambda v: teks(v) or None),
        nilai=h["nilai"], satuan=teks_atau_none(h["satuan"]), jenis=h["jenis"],
        keterangan=teks_atau_none(h["keterangan"]),
    )
    tidy = pasang_tipe(tidy, {"urut": "Int64", "tahun": "Int64", "tahun_ke": "Int64", "baris": "Int64",
                              "nilai": "Float64"})
    temuan = [_temuan_nilai(r, status, pesan)
              for r, status, pesan in zip(baris_dict(tidy), h["status"], h["pesan"])
              if status in _ATURAN_STATUS]
    return teks_kosong_none(tidy[list(TIDY_COLUMNS)].reset_index(drop=True)), temuan


_ATURAN_STATUS = {**STATUS_TARGET, "pemisah-campuran": "angka-campuran", "ambigu": "angka-ambigu"}


def _temuan_nilai(r: dict, status: str, pesan) -> tuple:
    ket = pesan if isinstance(pesan, str) else ""
    if status == "pemisah-campuran" and r["nilai"] is not pd.NA:
        ket = f"{r['nilai']:g}"
    return temuan_target_sel(ATURAN, r, r["field"], status, r["nilai_teks"], status_aturan=_ATURAN_STATUS,
                             keterangan=ket, kolom=_label_kolom(r["kelompok"], r["tahun"], r["tahun_ke"]))


def _label_kolom(kelompok: str, tahun, tahun_ke) -> str:
    bagian = f"tahun {int(tahun)}" if tahun is not None and not pd.isna(tahun) else f"kolom tahun ke-{tahun_ke}"
    return f"{LABEL_KELOMPOK[kelompok]} {bagian}"


def _tanpa_tahun(kolom_nilai: list[dict]) -> list[dict]:
    """The first column of each kelompok whose header names no year."""
    pertama: dict[str, dict] = {}
    for k in kolom_nilai:
        if k["tahun"] is None:
            pertama.setdefault(k["kelompok"], k)
    return list(pertama.values())


def _temuan_kolom(aturan: str, k: dict) -> tuple:
    """A finding about the header of a kelompok (no data row; it names the kelompok's first column)."""
    return ATURAN[aturan].temuan({"sheet": None, "baris": None}, k["field"], k["field"],
                                 kolom=LABEL_KELOMPOK[k["kelompok"]])


def _isi(r: dict, kolom_nilai: list[dict]) -> str:
    fields = (*TEKS_FIELDS, *(k["field"] for k in kolom_nilai))
    return " | ".join(teks(r.get(f)) for f in fields if not kosong(r.get(f)))


def _objek(nilai: list, posisi: list[int]) -> pd.Series:
    """The values at ``posisi`` as an object column, missing ones (None, NaN, NA) as None."""
    return pd.Series([None if pd.isna(v := nilai[i]) else v for i in posisi], dtype=object)


def lebar_tc30(tidy: pd.DataFrame, tahun_n: int) -> HasilTabel:
    """The wide frame the output workbook shows (schemas.tc30.KELUARAN): one row per indicator.

    Columns ``urut, no, indikator, spm, ikk``, ``<kelompok>_<k>`` (the value as written of year n+k-1, k = 1, 2, 3;
    by its position in the group when the header names no year), ``catatan, sheet, baris``.  A value of a year
    outside n..n+2 is not shown and gets a ``tahun-tidak-sesuai`` finding (one per column).
    """
    kolom_lebar = [f"{k}_{i}" for k in KELOMPOK for i in range(1, JUMLAH_TAHUN_KELUARAN + 1)]
    kolom = ["urut", "no", "indikator", "spm", "ikk", *kolom_lebar, "catatan", "sheet", "baris"]
    if tidy.empty:
        return HasilTabel(pd.DataFrame(columns=kolom), frame_temuan([]))
    ke = tidy["tahun_ke"].where(tidy["tahun"].isna(), tidy["tahun"] - tahun_n + 1).astype("Int64")
    cocok = ke.between(1, JUMLAH_TAHUN_KELUARAN).fillna(False).astype(bool)
    temuan = []
    for _, r in (tidy[~cocok].drop_duplicates("field").iterrows() if not cocok.all() else ()):
        tahun = "" if pd.isna(r["tahun"]) else str(int(r["tahun"]))
        temuan.append(ATURAN["tahun-tidak-sesuai"].temuan(
            {"sheet": r["sheet"], "baris": None}, r["field"], tahun, tahun_awal=tahun_n,
            tahun_akhir=tahun_n + JUMLAH_TAHUN_KELUARAN - 1,
            kolom=_label_kolom(r["kelompok"], r["tahun"], r["tahun_ke"])))
    # What pivot_table(index="urut", columns=<kelompok>_<k>, aggfunc="first") joined to each indicator's first row
    # gave — the first value that is not missing per indicator and column — built from the columns' lists: pandas'
    # pivot, join and whole-frame conversions cost ~10 ms a kecamatan on a table of a few dozen rows (issue 13;
    # tests/test_tc30.py checks it against the pandas version).
    urut = tidy["urut"].tolist()
    nilai: dict[tuple, object] = {}
    for u, k, i, c, v in zip(urut, tidy["kelompok"].tolist(), ke.tolist(), cocok.tolist(),
                             tidy["nilai_teks"].tolist()):
        if c and not pd.isna(u) and not pd.isna(v):
            nilai.setdefault((u, f"{k}_{i}"), v)
    pertama: dict = {}
    for i, u in enumerate(urut):
        pertama.setdefault(u, i)
    posisi = list(pertama.values())
    data = {"urut": pd.array(list(pertama), dtype="Int64")}
    for nama in ("no", "indikator", "spm", "ikk"):
        data[nama] = _objek(tidy[nama].tolist(), posisi)
    for nama in kolom_lebar:
        data[nama] = pd.Series([nilai.get((u, nama)) for u in pertama], dtype=object)
    for nama in ("catatan", "sheet"):
        data[nama] = _objek(tidy[nama].tolist(), posisi)
    data["baris"] = pd.array(_objek(tidy["baris"].tolist(), posisi).tolist(), dtype="Int64")
    lebar = pd.DataFrame(data, columns=kolom)
    return HasilTabel(lebar, frame_temuan(temuan))

