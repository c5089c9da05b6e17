"""Turn the rows of Tabel 4.1 (no kode column) into tidy items and match each to the T-C.33 item it stands for.

``tidy_tabel41(baris)``: input ``Tabel.baris`` (rows of kind ``data`` are read; the TOTAL PAGU row is kind
``total`` and stays out, read it with ``total_pagu``); output ``HasilTabel(tidy, temuan)`` with the columns of
``schemas.tabel41.TIDY_COLUMNS``, one row per item (and per extra indicator row) in document order.

The level of a row, without codes (in this order):

1. the Program column is filled: ``program``;
2. a name in the Kegiatan/Sub Kegiatan column above the first program: ``urusan`` for the first such row
   ('Unsur Kewilayahan'), ``bidang`` for any later one;
3. the first item under a program: ``kegiatan`` (a program's first child is always a kegiatan);
4. otherwise the indicator decides: an outcome share ('Persentase …', 'Presentase …', 'Rata-rata persentase …',
   ``schemas.tabel41.AWAL_INDIKATOR_KEGIATAN``) is a ``kegiatan``, any other ('Jumlah …') a ``sub_kegiatan``;
   no indicator: level empty and a ``level-tidak-diketahui`` finding.

A row with an indicator and a target but no name is an extra indicator of the item above (``indikator_ke`` 2, 3 …);
a row with only a name (no target, amount or funding source, no No) continues the name above (page break).
``cocokkan_dengan_tc33`` then finds each row's T-C.33 item by folded name and level (see its docstring).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from schemas.aturan import Temuan
from schemas.kode import PERINGKAT
from schemas.tabel41 import (
    AMBANG_MIRIP,
    ATURAN,
    AWAL_INDIKATOR_KEGIATAN,
    COCOK_MIRIP,
    COCOK_NAMA,
    FIELD_ANGGARAN,
    KOLOM_COCOK,
    LABEL_ANGGARAN,
    LABEL_LEVEL,
    LAYOUT,
    TIDY_COLUMNS,
)
from transforms.angka import parse_rupiah, rupiah_series, target_series
from transforms.bingkai import pasang_tipe
from transforms.hasil import (
    HasilTabel, teks_atau_none, teks_kosong_none, temuan_rupiah_sel, temuan_target_sel,
)
from transforms.nama import batas_rasio, lipat_tanpa_level, rasio_teks
from transforms.periksa import frame_rollup
from transforms.rekaman import baris_dict
from transforms.sel import kosong, lipat, teks
from transforms.tabel import TOTAL, gabung_lanjutan
from transforms.tc30 import akhir_tabel
from transforms.temuan import frame_temuan

TEKS_FIELDS = ("no", "program", "kegiatan", "indikator", "target", "sumber_dana")
ITEM, INDIKATOR, LANJUTAN, LAIN = "item", "indikator", "lanjutan", "lain"
LEVEL_KEGIATAN = ("kegiatan", "sub_kegiatan")  # the two levels only the indicator tells apart


def tidy_tabel41(baris: pd.DataFrame) -> HasilTabel:
    """Tidy items of one Tabel 4.1 from its ``data`` rows (see module docstring)."""
    data, luar = akhir_tabel(_sediakan_kolom(baris[baris["jenis"] == "data"]), "no")
    temuan = [] if luar is None else [ATURAN["akhir-tabel"].temuan(luar, "no", teks(luar.get("no"))[:80])]
    if len(data):  # rows as dicts: a Series per row (DataFrame.apply) cost more than the classification
        data = data.assign(peran=[peran_baris(r) for r in baris_dict(data)])
    else:
        data = data.assign(peran=data.apply(peran_baris, axis=1))
    data = gabung_lanjutan(data, data["peran"] == LANJUTAN, LAYOUT.teks_lanjutan)
    items, temuan_susun = _susun(data)
    tidy, temuan_angka = _urai_angka(items)
    return HasilTabel(tidy, frame_temuan([*temuan, *temuan_susun, *temuan_angka]))


def total_pagu(baris: pd.DataFrame) -> int | None:
    """The amount of the table's TOTAL PAGU row (kind ``total``), or None when there is none or it is unreadable."""
    total = baris[baris["jenis"] == TOTAL]
    if total.empty or "anggaran" not in total:
        return None
    return parse_rupiah(total["anggaran"].iloc[0]).nilai


def _sediakan_kolom(df: pd.DataFrame) -> pd.DataFrame:
    hilang = {f: None for f in (*TEKS_FIELDS, "anggaran") if f not in df}
    return df.assign(**hilang).reset_index(drop=True)


def peran_baris(r: pd.Series) -> str:
    """What a data row is: an item, an extra indicator, a continuation of the name above, or anything else."""
    ada = {f: not kosong(r.get(f)) for f in ("no", "program", "kegiatan", "indikator", "target", "anggaran",
                                              "sumber_dana")}
    nama = ada["program"] or ada["kegiatan"]
    angka = ada["target"] or ada["anggaran"]
    if nama and not angka and not ada["sumber_dana"] and not ada["no"]:
        return LANJUTAN
    if ada["indikator"] and not nama and angka:
        return INDIKATOR
    if nama:
        return ITEM
    if ada["indikator"] and not angka:
        return LANJUTAN
    return LAIN


def level_kegiatan(indikator) -> str | None:
    """Rule 4: 'kegiatan' for an outcome-share indicator, 'sub_kegiatan' for any other, None without one."""
    t = lipat(indikator)
    if not t:
        return None
    return "kegiatan" if t.startswith(AWAL_INDIKATOR_KEGIATAN) else "sub_kegiatan"


def _susun(data: pd.DataFrame) -> tuple[list[dict], list[Temuan]]:
    """Walk the rows in order: give each item its level (module docstring) and each extra indicator its number."""
    items, temuan = [], []
    sekarang, ada_program, pertama_di_program, pra_program = None, False, False, 0
    for r in baris_dict(data):
        peran = r["peran"]
        if peran == ITEM:
            if not kosong(r.get("program")):
                level, nama = "program", teks(r["program"])
                ada_program, pertama_di_program = True, True
            else:
                nama = teks(r["kegiatan"])
                if not ada_program:
                    level, pra_program = ("urusan" if pra_program == 0 else "bidang"), pra_program + 1
                elif pertama_di_program:
                    level, pertama_di_program = "kegiatan", False
                else:
                    level = level_kegiatan(r.get("indikator"))
                    if level is None:
                        temuan.append(ATURAN["level-tidak-diketahui"].temuan(r, "kegiatan", nama, nama=nama))
            sekarang = {**_dasar(r), "nama": nama, "level": level, "indikator_ke": 1}
            items.append(sekarang)
        elif peran == INDIKATOR and sekarang is not None:
            ke = items[-1]["indikator_ke"] + 1
            items.append({**_dasar(r), "nama": sekarang["nama"], "level": sekarang["level"], "indikator_ke": ke})
        else:
            isi = " | ".join(teks(r.get(f)) for f in (*TEKS_FIELDS, "anggaran") if not kosong(r.get(f)))
            temuan.append(ATURAN["baris-tidak-dikenal"].temuan(r, "kegiatan", isi))
    return items, temuan


def _dasar(r: dict) -> dict:
    d = {f: (teks(r.get(f)) or None) for f in ("no", "indikator", "target", "sumber_dana")}
    return {**d, "anggaran_mentah": r.get("anggaran"), "sheet": r["sheet"], "baris": r["baris"]}


def _urai_angka(items: list[dict]) -> tuple[pd.DataFrame, list[Temuan]]:
    """Parse anggaran (integer Rupiah) and target; findings for what needed care or failed."""
    if not items:
        return pd.DataFrame(columns=list(TIDY_COLUMNS)), []
    df = pd.DataFrame(items)
    df["urut"] = range(1, len(df) + 1)
    rp, tg = rupiah_series(df["anggaran_mentah"]), target_series(df["target"].astype(object))
    temuan = []
    # per row: its amount's finding, then its target's (rows as dicts: a .loc per row was the cost)
    for r, h, status in zip(baris_dict(df), baris_dict(rp), tg["status"].tolist()):
        t_anggaran = temuan_rupiah_sel(ATURAN, r, "anggaran", h)
        t_target = temuan_target_sel(ATURAN, r, "target", status, r["target"])
        temuan.extend(t for t in (t_anggaran, t_target) if t)
    tidy = df.assign(anggaran=rp["nilai"], target_nilai=tg["nilai"], target_satuan=teks_atau_none(tg["satuan"]))
    tidy = pasang_tipe(tidy, {"urut": "Int64", "indikator_ke": "Int64", "baris": "Int64"})
    return teks_kosong_none(tidy[list(TIDY_COLUMNS)]), temuan


# ---------------------------------------------------------------------------------------------- matching


def cocokkan_dengan_tc33(tidy41: pd.DataFrame, tidy33: pd.DataFrame | KandidatTC33) -> pd.DataFrame:
    """``tidy41`` with the columns ``schemas.tabel41.KOLOM_COCOK``: each item's T-C.33 item, by name and level.
    ``tidy33``: T-C.33's tidy rows, or their candidates (``kandidat_tc33``: a kecamatan's Tabel 4.1 and T-C.31
    share them).

    Candidates are T-C.33's own rows (``indikator_ke`` 1, not aktivitas), each used at most once.  Per Tabel 4.1
    item, in document order: (1) an unused candidate of the same level whose folded name
    (transforms.nama.lipat_tanpa_level) is equal — ``cocok_dengan`` 'nama', ``skor`` 1.0; (2) else the most similar
    one of the same level (transforms.nama.rasio_teks of the folded names, rounded to 4 decimals) at or above
    ``AMBANG_MIRIP`` — 'nama-mirip'; (3) else an
    equal name at the other of kegiatan/sub-kegiatan (the level read from Tabel 4.1's layout may be wrong; see
    ``level_tc33``).  In (1) and (2) candidates in the T-C.33 program of the previous matched row come first, then
    those after that row.  Unmatched items keep ``kode`` empty (findings: ``temuan_cocok``) — or, when ``tidy41``
    already has a ``kode`` column (the kode its name decides in the nomenclature: transforms.menurut_nama), keep
    that one, in its place.  Extra indicator rows carry their item's match.
    """
    cocok = kolom_cocok(tidy41, tidy33)
    if "kode" in tidy41.columns:  # decided by name (transforms.menurut_nama): the matched item's kode wins
        kode = cocok["kode"].where(cocok["kode"].notna(), tidy41["kode"])
        return pd.concat([tidy41.assign(kode=teks_atau_none(kode)), cocok.drop(columns=["kode"])], axis=1)
    return pd.concat([tidy41, cocok], axis=1)


@dataclass(frozen=True)
class KandidatTC33:
    """T-C.33's candidates (``_kandidat``) in T-C.33 order, and by folded name (each list in T-C.33 order)."""

    kandidat: list
    per_lipat: dict


def kandidat_tc33(tidy33: pd.DataFrame) -> KandidatTC33:
    """The candidates of T-C.33's tidy rows, for ``cocokkan_dengan_tc33`` / ``kolom_cocok`` (matching only reads
    them)."""
    kandidat = _kandidat(tidy33)
    per_lipat: dict[str, list[_Kandidat]] = {}
    for c in kandidat:
        per_lipat.setdefault(c.lipat, []).append(c)
    return KandidatTC33(kandidat, per_lipat)


def kolom_cocok(tidy41: pd.DataFrame, tidy33: pd.DataFrame | KandidatTC33) -> pd.DataFrame:
    """Only the ``KOLOM_COCOK`` columns of ``cocokkan_dengan_tc33`` (index of ``tidy41``; columns read: ``nama``,
    ``level``, ``indikator_ke``), ``kode`` the matched item's alone."""
    siap = tidy33 if isinstance(tidy33, KandidatTC33) else kandidat_tc33(tidy33)
    kandidat, per_lipat = siap.kandidat, siap.per_lipat
    dipakai: set[int] = set()
    program, posisi = None, 0
    hasil: list[dict] = []
    for r in baris_dict(tidy41):
        if r["indikator_ke"] != 1 and hasil:
            hasil.append(dict(hasil[-1]))
            continue
        c = _cocokkan_satu(r, kandidat, per_lipat, dipakai, program, posisi)
        if c["urut_tc33"] is not None:
            dipakai.add(c["urut_tc33"])
            program, posisi = c.pop("_program"), c["urut_tc33"]
        c.pop("_program", None)
        hasil.append(c)
    # each column built once in its final dtype (not a frame of records, converted column by column): the texts as
    # objects with None for a missing value (teks_atau_none), skor Float64, urut_tc33 Int64
    tipe = {"skor": "Float64", "urut_tc33": "Int64"}
    return pd.DataFrame({k: pd.array([h[k] for h in hasil], dtype=tipe[k]) if k in tipe else
                         pd.Series(_teks([h[k] for h in hasil]), index=tidy41.index, dtype=object, copy=False)
                         for k in KOLOM_COCOK}, index=tidy41.index)


def _teks(nilai: list) -> np.ndarray:
    """A text column's values as objects, None for a missing one (None, NaN, NA)."""
    isi = np.array(nilai + [None], dtype=object)[:-1]  # the trailing None keeps a list of sequences 1-D
    isi[pd.isna(isi)] = None
    return isi


@dataclass(eq=False)
class _Kandidat:
    """A T-C.33 item a row may stand for: its urut, kode, level, name, folded name (``lipat_tanpa_level``) and the
    urut of the program it sits under (None for urusan/bidang)."""

    urut: int
    kode: object
    level: object
    nama: object
    lipat: str
    program: int | None


def _kandidat(tidy33: pd.DataFrame) -> list[_Kandidat]:
    """T-C.33's own item rows, in T-C.33 order, with their folded name and the urut of the program they sit under
    (a program: its own urut; urusan/bidang: None)."""
    pilih = (tidy33["indikator_ke"] == 1) & (tidy33["level"] != "aktivitas")
    utama = {k: tidy33[k][pilih] for k in ("urut", "kode", "level", "nama")}  # the four columns, not the frame
    urut = tidy33["urut"].tolist()  # the values iterating the columns gives, read at once
    induk = dict(zip(urut, tidy33["urut_induk"].tolist()))
    level = dict(zip(urut, tidy33["level"].tolist()))

    def program_dari(urut):
        while urut is not None and not pd.isna(urut):
            if level.get(urut) == "program":
                return int(urut)
            urut = induk.get(urut)
        return None

    return [_Kandidat(u, k, lv, n, lipat_tanpa_level(n), program_dari(asli))
            for u, k, lv, n, asli in zip(utama["urut"].astype(int).tolist(), utama["kode"].to_numpy(),
                                         utama["level"].to_numpy(), utama["nama"].to_numpy(),
                                         utama["urut"].tolist())]


def _cocokkan_satu(r: dict, kandidat: list[_Kandidat], per_lipat: dict[str, list[_Kandidat]], dipakai: set[int],
                   program, posisi: int) -> dict:
    """One row's match (``cocokkan_dengan_tc33``).  Candidates rank by (another program than ``program``, at or
    before ``posisi``, urut), ties in T-C.33 order: ``min`` over T-C.33 order with these keys picks the candidate a
    stable sort would put first."""
    nama = lipat_tanpa_level(r["nama"])
    levels = LEVEL_KEGIATAN if r["level"] is None or pd.isna(r["level"]) else (r["level"],)

    def urutan(c: _Kandidat) -> tuple:
        return _beda(c.program, program), c.urut <= posisi, c.urut

    persis = [c for c in per_lipat.get(nama, ()) if c.urut not in dipakai and _anggota(c.level, levels)]
    if persis:
        return _hasil(min(persis, key=urutan), COCOK_NAMA, 1.0)
    # similarity only when no name is equal (the common case needs none)
    sama = [c for c in kandidat if c.urut not in dipakai and _anggota(c.level, levels)]
    batas = [round(b, 4) for b in batas_rasio(nama, [c.lipat for c in sama])]
    skor: dict[int, float] = {}  # position in sama -> round(ratio, 4), computed only where needed
    for lain_program in (False, True):  # the first sort key: a similar name in the program first
        grup = [(b, i) for i, (c, b) in enumerate(zip(sama, batas)) if _beda(c.program, program) is lain_program]
        mirip = _tertinggi(grup, sama, nama, skor, AMBANG_MIRIP)
        if mirip:
            s, i = min(mirip, key=lambda si: (-si[0], *urutan(sama[si[1]])[1:], si[1]))
            return _hasil(sama[i], COCOK_MIRIP, float(s))
    if r["level"] in LEVEL_KEGIATAN:
        for c in per_lipat.get(nama, ()):  # in T-C.33 order
            if c.urut not in dipakai and _anggota(c.level, LEVEL_KEGIATAN) and not _anggota(c.level, levels):
                return _hasil(c, COCOK_NAMA, 1.0)
    if not sama:
        return {"kode": None, "cocok_dengan": None, "skor": 0.0, "urut_tc33": None, "nama_tc33": None,
                "level_tc33": None, "_program": None}
    # the nearest name: the highest ratio, ties in rank order
    s, i = min(_tertinggi(list(zip(batas, range(len(sama)))), sama, nama, skor, 0.0),
               key=lambda si: (-si[0], *urutan(sama[si[1]]), si[1]))
    return {"kode": None, "cocok_dengan": None, "skor": float(s), "urut_tc33": None,
            "nama_tc33": sama[i].nama, "level_tc33": None, "_program": None}


def _tertinggi(calon: list[tuple[float, int]], sama: list[_Kandidat], nama: str, skor: dict[int, float],
               ambang: float) -> list[tuple[float, int]]:
    """(score, position) pairs that include every candidate of ``calon`` whose score is the highest one at or above
    ``ambang`` (empty when none reaches it); score = ``_rasio``, cached in ``skor``.

    ``calon``: (upper bound of the score, position in ``sama``).  Scores are computed in order of the bound until a
    bound is below ``ambang`` or below the best score found: that candidate and the rest can neither reach the
    highest score nor tie it, so they need no exact ratio."""
    hasil: list[tuple[float, int]] = []
    tertinggi = ambang
    for b, i in sorted(calon, key=lambda bi: -bi[0]):
        if b < tertinggi:
            break
        if i not in skor:
            skor[i] = _rasio(sama[i], nama)
        if skor[i] >= tertinggi:
            hasil.append((skor[i], i))
            tertinggi = skor[i]
    return hasil


def _rasio(c: _Kandidat, nama: str) -> float:
    """``round(rasio_teks(nama, c.lipat), 4)`` (a = the row's name, b = the candidate's)."""
    return round(rasio_teks(nama, c.lipat), 4)


def _hilang(v) -> bool:
    """None, NaN or NA."""
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _beda(a, b) -> bool:
    """``a != b`` as pandas compares a column with a value: a missing value on either side is 'not equal'."""
    return _hilang(a) or _hilang(b) or bool(a != b)


def _anggota(v, nilai: tuple) -> bool:
    """``v`` is one of ``nilai`` as ``Series.isin`` decides for the texts it is used with (a missing value is
    never one of them)."""
    return not _hilang(v) and v in nilai


def _hasil(c: _Kandidat, cara: str, skor: float) -> dict:
    """A match; ``_program`` (the candidate's program, a program's own urut) becomes the next row's context."""
    return {"kode": c.kode, "cocok_dengan": cara, "skor": skor, "urut_tc33": int(c.urut),
            "nama_tc33": c.nama, "level_tc33": c.level, "_program": c.program}


def temuan_cocok(cocok: pd.DataFrame) -> pd.DataFrame:
    """Findings of a ``cocokkan_dengan_tc33`` result: ``tidak-ada-di-tc33`` for each item with no T-C.33 item,
    ``level-tidak-sesuai-tc33`` for each item matched at another level than the one read from the layout."""
    temuan = []
    for r in baris_dict(cocok[cocok["indikator_ke"] == 1]):
        label = LABEL_LEVEL.get(r["level"], "item") if isinstance(r["level"], str) else "item"
        if pd.isna(r["cocok_dengan"]):  # unmatched (its kode, when it has one, is its name's: not T-C.33's)
            field = "kegiatan" if r["level"] != "program" else "program"
            temuan.append(ATURAN["tidak-ada-di-tc33"].temuan(
                r, field, r["nama"], nama=r["nama"], level_label=label,
                nama_tc33="-" if pd.isna(r["nama_tc33"]) else r["nama_tc33"], skor=f"{r['skor']:.2f}"))
        elif isinstance(r["level_tc33"], str) and r["level_tc33"] != r["level"]:
            temuan.append(ATURAN["level-tidak-sesuai-tc33"].temuan(
                r, "kegiatan", r["nama"], kode=r["kode"], nama=r["nama"], level_label=label,
                level_tc33_label=LABEL_LEVEL.get(r["level_tc33"], r["level_tc33"])))
    return frame_temuan(temuan)



# ---------------------------------------------------------------------------------------------- roll-up


def frame_rollup_tabel41(tidy41: pd.DataFrame, baris: pd.DataFrame) -> pd.DataFrame:
    """The roll-up of Tabel 4.1's anggaran (``transforms.periksa.frame_rollup``'s columns, field 'anggaran'): one row
    per parent whose children state an amount — sub-kegiatan into kegiatan, kegiatan into program, programs into
    the urusan/bidang rows and into the TOTAL PAGU row (kind ``total`` of ``baris``).  The parent of an item is the
    nearest item above it of a higher level (levels as read, or as the nomenclature decided them)."""
    utama = tidy41[tidy41["indikator_ke"] == 1]
    urut_induk, terbuka = [], []
    for level, urut in zip(utama["level"], utama["urut"]):
        rank = PERINGKAT.get(level) if isinstance(level, str) else None
        if rank is None:
            urut_induk.append(terbuka[-1][1] if terbuka else None)
            continue
        terbuka = [(r, u) for r, u in terbuka if r < rank]
        urut_induk.append(terbuka[-1][1] if terbuka else None)
        terbuka.append((rank, urut))
    kode = utama["kode"] if "kode" in utama.columns else pd.Series(None, index=utama.index, dtype=object)
    item = pd.DataFrame({"urut": utama["urut"], "urut_induk": pd.array(urut_induk, dtype="Int64"),
                         "indikator_ke": utama["indikator_ke"], "level": utama["level"], "kode": kode,
                         "nama": utama["nama"], "sheet": utama["sheet"], "baris": utama["baris"],
                         "pagu": utama["anggaran"], "pagu_maju": pd.array([pd.NA] * len(utama), dtype="Int64")})
    tot = baris[baris["jenis"] == TOTAL][["sheet", "baris"]].head(1)
    total = tot.assign(pagu=pd.array([total_pagu(baris)] * len(tot), dtype="Int64"),
                       pagu_maju=pd.array([pd.NA] * len(tot), dtype="Int64"))
    rollup = frame_rollup(item, total if total["pagu"].notna().all() else None)
    return rollup.assign(field=FIELD_ANGGARAN, field_label=LABEL_ANGGARAN)
