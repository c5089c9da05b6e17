"""Turn the classified rows of a T-C.32 table into tidy proposals; a table that says NIHIL is empty, not an error.

Input: ``Tabel.baris`` of a T-C.32 table (all kinds of rows).  Output: ``HasilTabel(tidy, temuan, nihil)``: ``tidy``
has the columns of ``schemas.tc32.TIDY_COLUMNS`` (no rows when the table says NIHIL: then ``nihil`` is True and an
info finding ``tabel-nihil`` says so); ``temuan`` the findings (``KOLOM_TEMUAN_MENTAH``).
"""
from __future__ import annotations

import pandas as pd

from schemas.aturan import Temuan
from schemas.tc32 import ATURAN, KATA_NIHIL, LAYOUT, PEMISAH_PROGRAM_KEGIATAN, TIDY_COLUMNS
from transforms.angka import target_series
from transforms.hasil import HasilTabel, temuan_target
from transforms.rekaman import baris_dict
from transforms.sel import kosong, lipat, teks
from transforms.tc31 import gabung_dengan_asal, kosong_tidy, potong_akhir, sediakan_kolom
from transforms.temuan import frame_temuan

KOLOM_SUMBER = tuple(f.name for f in LAYOUT.fields)
TEKS_FIELDS = LAYOUT.teks_lanjutan


def baris_nihil(r) -> bool:
    """True when every filled cell of a row says NIHIL (or 'tidak ada'), in any column."""
    isi = [lipat(r.get(f)) for f in KOLOM_SUMBER if not kosong(r.get(f))]
    return bool(isi) and all(t in KATA_NIHIL for t in isi)


def tidy_tc32(baris: pd.DataFrame) -> HasilTabel:
    """Tidy proposals of one T-C.32 table (see module docstring)."""
    semua, temuan = potong_akhir(sediakan_kolom(baris, KOLOM_SUMBER), ATURAN, kecuali=KATA_NIHIL)
    data = gabung_dengan_asal(semua, ("volume",), ("lokasi",), TEKS_FIELDS)
    nihil = pd.Series([baris_nihil(r) for r in baris_dict(data)], index=data.index, dtype=bool) \
        if not data.empty else pd.Series(dtype=bool)  # rows as dicts: a Series per row (apply) was the cost
    usulan = data[~nihil]
    tanda_nihil = baris_dict(data[nihil])
    if usulan.empty:
        if tanda_nihil:
            temuan.append(ATURAN["tabel-nihil"].temuan(tanda_nihil[0], None, _isi(tanda_nihil[0])))
        else:
            r = semua.iloc[0] if not semua.empty else None
            if r is not None:
                temuan.append(ATURAN["tabel-kosong"].temuan(r, None, None))
        return HasilTabel(kosong_tidy(TIDY_COLUMNS), frame_temuan(temuan, urut_baris=True), nihil=bool(tanda_nihil))
    temuan.extend(ATURAN["nihil-bersama-usulan"].temuan(r, None, _isi(r)) for r in tanda_nihil)
    tidy, temuan_volume = _tidy(usulan)
    return HasilTabel(tidy, frame_temuan([*temuan, *temuan_volume], urut_baris=True))


def _isi(r) -> str:
    return " ".join(teks(r.get(f)) for f in KOLOM_SUMBER if not kosong(r.get(f)))


def _tidy(usulan: pd.DataFrame) -> tuple[pd.DataFrame, list[Temuan]]:
    rows = []
    for r in baris_dict(usulan):
        d = {f: (teks(r.get(f)) or None) for f in ("no", *TEKS_FIELDS, "volume")}
        gabung = PEMISAH_PROGRAM_KEGIATAN.join(t for t in (d["program"], d["kegiatan"]) if t) or None
        rows.append({**d, "program_kegiatan": gabung, "sheet": r["sheet"], "baris": r["baris"],
                     "baris_lanjutan": r.get("baris_lanjutan")})
    df = pd.DataFrame(rows)
    h = target_series(df["volume"].astype(object))
    df = df.assign(urut=range(1, len(df) + 1), volume_nilai=h["nilai"], volume_satuan=h["satuan"])
    df = df.astype({"urut": "Int64", "baris": "Int64"})
    return df[list(TIDY_COLUMNS)], temuan_target(df, h, "volume", ATURAN)

