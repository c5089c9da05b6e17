"""Kode and level of rows that carry no kode, decided by their names against the nomenclature: Tabel 4.1 and T-C.31
(no kode column) and the rows T-C.29 writes without one; the layout's level is only a hint.

``putuskan(baris, daftar)`` walks a table's rows in order and returns, per row, the nomenclature item its name
decides (``Putusan``) or None; the three table functions apply it and adjust the table's findings:

- ``tabel41_menurut_nama``: every item gets the kode and the level of its official name (a kegiatan after the first
  one of a program is a kegiatan, whatever its indicator says); ``level-tidak-diketahui`` goes where a name decides;
  a sub-kegiatan whose target is in another satuan than the list's gets ``satuan-tidak-sesuai-nomenklatur``;
- ``tc31_menurut_nama``: the same for T-C.31 (``level_dari`` 'nomenklatur'); ``level-ragu`` goes where a name decides;
- ``tc29_menurut_nama``: a row written without kode gets the kode of its name, ``kode_aturan`` 'kode-dari-nama' and
  a ``kode-dari-nama`` finding instead of the ``level-tidak-diketahui`` error; written kodes stay as they are (the
  T-C.29 of a Renja evaluates an earlier year, whose codes may follow an earlier list).

With ``laporkan_ragu`` (no T-C.33 came, so no T-C.33 item will give the row its kode), Tabel 4.1's and T-C.31's rows
whose names decide nothing get ``kode-tidak-pasti`` with their best candidates.

How a name decides (``transforms.nomenklatur.calon_pasti``: the official name itself after folding, or a score of
at least AMBANG_KODE_DARI_NAMA and AMBANG_SELISIH above the next name, none clearly better outside the program):
a row the layout marks as a program (Tabel 4.1's Program column, T-C.31's number) is searched among the programs, a
row above the first program among the urusan and bidang, any other row among the kegiatan and sub-kegiatan of the
program it sits in (the last program decided above it, or given by a kode above it; the whole list when there is
none), those under the kegiatan it sits in first.  A program whose name decides nothing takes the program of the
first item under it that a name decides, when its own name scores at least AMBANG_NAMA_SESUAI against that
program's official name.  Extra indicator rows (``indikator_ke`` > 1) share their item's decision.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from schemas.aturan import Temuan
from schemas.nomenklatur import (
    ALASAN,
    AMBANG_KODE_DARI_NAMA,
    AMBANG_NAMA_SESUAI,
    ATURAN_KODE_DARI_NAMA,
    ATURAN_NOMENKLATUR,
    JUMLAH_CALON,
    KOLOM_KEYAKINAN,
    TANPA_KODE,
)
from schemas.tc31 import LEVEL_DARI_NOMENKLATUR
from transforms.hasil import HasilTabel
from transforms.kode import kunci_kode, level_kode
from transforms.nama import skor_nama
from transforms.nomenklatur import (
    Calon,
    DaftarSiap,
    calon_pasti,
    daftar_calon,
    satuan_lain,
    temuan_satuan,
    teks_skor,
)
from transforms.sel import kosong, teks
from transforms.temuan import frame_temuan

LEVEL_DI_BAWAH_PROGRAM = ("kegiatan", "sub_kegiatan")
LEVEL_ATAS = ("urusan", "bidang")


@dataclass(frozen=True)
class Putusan:
    """The nomenclature item a row's name decides: its kode, level, official name and the name's score 0-1."""

    kode: str
    level: str
    nama_resmi: str
    skor: float


def putuskan(baris: Sequence[dict], daftar: DaftarSiap,
             calon: dict[int, list[Calon]] | None = None) -> list[Putusan | None]:
    """Per row of ``baris`` (dicts, in document order: ``nama``; ``petunjuk``, the level the layout says for sure —
    'urusan', 'bidang', 'program' — or None; ``kode``, a kode the row already has, or None; ``indikator_ke``), the
    item its name decides, or None (module docstring).  A row with a kode decides nothing; its kode places the rows
    below it.  ``calon``, when given, gets the best ``JUMLAH_CALON`` candidates of each item row (position) whose
    name decides nothing."""
    hasil: list[Putusan | None] = []
    program = kegiatan = None  # kode of the program / kegiatan the next rows sit in
    menunggu: int | None = None  # position of a program row whose name decided nothing, waiting for its items
    for i, r in enumerate(baris):
        if (r.get("indikator_ke") or 1) > 1 and hasil:
            hasil.append(hasil[-1])
            continue
        kode = r.get("kode")
        if isinstance(kode, str) and kode:
            program, kegiatan = _letak(kode, program, kegiatan)
            menunggu = None
            hasil.append(None)
            continue
        petunjuk = r.get("petunjuk")
        level, dalam, tanya = _pertanyaan(petunjuk, program, kegiatan)
        p = _putusan(calon_pasti(r.get("nama"), level, daftar, dalam, **tanya))
        hasil.append(p)
        if p is None and calon is not None:
            calon[i] = daftar.cari(r.get("nama"), level, dalam, **tanya)
        if petunjuk in LEVEL_ATAS:
            continue
        if petunjuk == "program":
            program, kegiatan, menunggu = (p.kode if p else None), None, (None if p else i)
            continue
        if p is None:
            continue
        if program is None:
            program = _program(p.kode)
            if menunggu is not None:
                hasil[menunggu] = _program_dari_anak(baris[menunggu].get("nama"), program, daftar)
                if hasil[menunggu] is not None and calon is not None:
                    calon.pop(menunggu, None)
                menunggu = None
        kegiatan = p.kode if p.level == "kegiatan" else _kegiatan(p.kode)
    return hasil


def _pertanyaan(petunjuk, program: str | None, kegiatan: str | None) -> tuple[str | None, str | None, dict]:
    """Where a row's name is searched: (level, the kode it must sit under, the other arguments of the search)."""
    if petunjuk in LEVEL_ATAS or petunjuk == "program":
        return petunjuk, None, {}
    return None, program, {"utamakan": kegiatan, "level_boleh": LEVEL_DI_BAWAH_PROGRAM}


def _putusan(c) -> Putusan | None:
    return None if c is None else Putusan(c.kode, c.level, c.nama, c.skor)


def _program(kode: str) -> str:
    return ".".join(kode.split(".")[:3])


def _kegiatan(kode: str) -> str | None:
    bagian = kode.split(".")
    return ".".join(bagian[:5]) if len(bagian) >= 5 else None


def _letak(kode: str, program, kegiatan):
    """The program and kegiatan the rows below a row with ``kode`` sit in."""
    level = level_kode(kode)
    if level == "program":
        return kode, None
    if level in LEVEL_DI_BAWAH_PROGRAM:
        return _program(kode), _kegiatan(kode)
    return program, kegiatan


def _program_dari_anak(nama, program: str, daftar: DaftarSiap) -> Putusan | None:
    """The program of an item below a program row whose name decided nothing, when that name is near enough."""
    entri = daftar.resmi.get(kunci_kode(program))
    if entri is None or entri["level"] != "program":
        return None
    skor = skor_nama(nama, entri["nama"])
    return Putusan(entri["kode"], "program", entri["nama"], skor) if skor >= AMBANG_NAMA_SESUAI else None


# ------------------------------------------------------------------------------------------ the tables


def tabel41_menurut_nama(tidy: pd.DataFrame, temuan: pd.DataFrame, daftar: DaftarSiap,
                         laporkan_ragu: bool = False) -> HasilTabel:
    """Tabel 4.1 tidy rows (``schemas.tabel41.TIDY_COLUMNS``) with the columns ``kode`` and ``keyakinan`` (Float64:
    the name's score against the official name) where a name decides, and ``level`` from the decided kode (the
    layout's level elsewhere); ``temuan`` (its reading findings) without ``level-tidak-diketahui`` where a name
    decides, with ``satuan-tidak-sesuai-nomenklatur`` for sub-kegiatan targets in another satuan than the list's,
    and — ``laporkan_ragu``: no T-C.33 will give the item its kode — ``kode-tidak-pasti`` with the best candidates
    for each program, kegiatan or sub-kegiatan whose name decides nothing."""
    baris = [{**r, "petunjuk": _petunjuk(r.get("level"))} for r in _baris(tidy, ("nama", "level", "indikator_ke"))]
    calon: dict[int, list[Calon]] = {}
    putusan = putuskan(baris, daftar, calon)
    tidy = _terapkan(tidy, putusan)
    baru = _temuan_satuan(tidy, putusan, daftar)
    if laporkan_ragu:
        baru += _temuan_ragu(baris, calon, lambda r: None if r.get("petunjuk") in LEVEL_ATAS else
                             "program" if r.get("petunjuk") == "program" else "kegiatan")
    return HasilTabel(tidy, _gabung(_tanpa(temuan, "level-tidak-diketahui", tidy, putusan), baru))


def tc31_menurut_nama(tidy: pd.DataFrame, temuan: pd.DataFrame, daftar: DaftarSiap,
                      laporkan_ragu: bool = False) -> HasilTabel:
    """T-C.31 tidy rows (``schemas.tc31.TIDY_COLUMNS``) with ``kode`` and ``keyakinan`` where a name decides (the
    ``nama`` column: the Hasil Analisis Kebutuhan's name, else the Rancangan Awal RKPD's), ``level`` from that kode
    and ``level_dari`` 'nomenklatur'; ``temuan`` without ``level-ragu`` where a name decides, and with
    ``kode-tidak-pasti`` for each row whose name decides nothing when ``laporkan_ragu`` (no T-C.33)."""
    baris = [{**r, "petunjuk": "program" if r.get("level") == "program" else None}
             for r in _baris(tidy, ("nama", "level", "nama_hasil"))]
    calon: dict[int, list[Calon]] = {}
    putusan = putuskan(baris, daftar, calon)
    tidy = _terapkan(tidy, putusan)
    dari = [LEVEL_DARI_NOMENKLATUR if p is not None else d for p, d in zip(putusan, tidy["level_dari"])]
    tidy = tidy.assign(level_dari=pd.Series(dari, index=tidy.index, dtype=object))
    baru = _temuan_ragu(baris, calon, lambda r: "nama_hasil" if r.get("nama_hasil") else "nama_rkpd") \
        if laporkan_ragu else []
    return HasilTabel(tidy, _gabung(_tanpa(temuan, "level-ragu", tidy, putusan), baru))


def tc29_menurut_nama(tidy: pd.DataFrame, temuan: pd.DataFrame, daftar: DaftarSiap,
                      laporkan_ragu: bool = False) -> HasilTabel:
    """T-C.29 tidy rows (``schemas.tc29.TIDY_COLUMNS``): a row written without kode whose name decides gets that kode
    and level and ``kode_aturan`` 'kode-dari-nama' (its extra indicator rows too); ``temuan`` gets a
    ``kode-dari-nama`` finding (peringatan) for it instead of ``level-tidak-diketahui`` (galat).  Columns unchanged.
    (``laporkan_ragu`` is not used: a row whose name decides nothing keeps its ``level-tidak-diketahui`` error.)"""
    baris = _baris(tidy, ("nama", "kode", "indikator_ke"))
    putusan = putuskan(baris, daftar)
    baru = [_temuan_kode_dari_nama(r, p) for r, p in zip(baris, putusan)
            if p is not None and (r.get("indikator_ke") or 1) == 1]
    kode = [p.kode if p else _isi(k) for p, k in zip(putusan, tidy["kode"])]
    level = [p.level if p else _isi(lv) for p, lv in zip(putusan, tidy["level"])]
    aturan = [";".join(filter(None, (_isi(a), ATURAN_KODE_DARI_NAMA))) if p else _isi(a)
              for p, a in zip(putusan, tidy["kode_aturan"])]
    tidy = tidy.assign(**{k: pd.Series(v, index=tidy.index, dtype=object)
                          for k, v in (("kode", kode), ("level", level), ("kode_aturan", aturan))})
    return HasilTabel(tidy, _gabung(_tanpa(temuan, "level-tidak-diketahui", tidy, putusan), baru))


def _baris(tidy: pd.DataFrame, kolom: tuple[str, ...]) -> list[dict]:
    """The rows as plain dicts of ``kolom`` plus ``sheet``, ``baris``, ``target``, ``target_satuan`` where present;
    empty cells None."""
    ada = [k for k in (*kolom, "sheet", "baris", "target", "target_satuan") if k in tidy.columns]
    return [{k: _isi(v) for k, v in zip(ada, nilai)}
            for nilai in zip(*(tidy[k].tolist() for k in ada))] if len(tidy) else []


def _isi(v):
    """A cell's value, None when empty (None, NaN, NA, blank)."""
    return None if kosong(v) else v


def _petunjuk(level) -> str | None:
    """Tabel 4.1's layout level when it is sure: a program (its own column), urusan/bidang (above the first
    program); a kegiatan or sub-kegiatan level is only read from indicators."""
    return level if level == "program" or level in LEVEL_ATAS else None


def _terapkan(tidy: pd.DataFrame, putusan: list[Putusan | None]) -> pd.DataFrame:
    """``kode``, ``keyakinan`` (added when missing) and ``level`` set where a name decided."""
    lama = tidy["kode"].tolist() if "kode" in tidy.columns else [None] * len(tidy)
    kode = [p.kode if p else _isi(k) for p, k in zip(putusan, lama)]
    level = [p.level if p else _isi(lv) for p, lv in zip(putusan, tidy["level"])]
    keyakinan = pd.array([p.skor if p else None for p in putusan], dtype="Float64")
    return tidy.assign(level=pd.Series(level, index=tidy.index, dtype=object),
                       kode=pd.Series(kode, index=tidy.index, dtype=object),
                       **{KOLOM_KEYAKINAN: pd.Series(keyakinan, index=tidy.index)})


def _tanpa(temuan: pd.DataFrame, aturan: str, tidy: pd.DataFrame, putusan: list[Putusan | None]) -> pd.DataFrame:
    """``temuan`` without the findings of rule ``aturan`` on the rows a name decided."""
    diputuskan = {(s, int(b)) for s, b, p in zip(tidy["sheet"], tidy["baris"], putusan) if p is not None}
    if temuan.empty or not diputuskan:
        return temuan
    buang = [a == aturan and not kosong(b) and (s, int(b)) in diputuskan
             for a, s, b in zip(temuan["aturan"], temuan["sheet"], temuan["baris"])]
    return temuan[[not x for x in buang]].reset_index(drop=True)


def _gabung(temuan: pd.DataFrame, baru: list[Temuan]) -> pd.DataFrame:
    """The table's findings with the new ones, in row order (stable)."""
    if not baru:
        return temuan
    semua = pd.concat([temuan, frame_temuan(baru)], ignore_index=True) if not temuan.empty else frame_temuan(baru)
    urut = pd.to_numeric(semua["baris"], errors="coerce")
    return semua.assign(_u=urut).sort_values("_u", kind="stable", na_position="first").drop(columns="_u") \
        .reset_index(drop=True)


def _temuan_satuan(tidy: pd.DataFrame, putusan: list[Putusan | None], daftar: DaftarSiap) -> list[Temuan]:
    temuan = []
    for r, p in zip(_baris(tidy, ("nama", "indikator_ke")), putusan):
        if p is None or p.level != "sub_kegiatan" or (r.get("indikator_ke") or 1) > 1:
            continue
        resmi = satuan_lain(r.get("target_satuan"), daftar.resmi[kunci_kode(p.kode)].get("satuan"))
        if resmi is not None:
            temuan.append(temuan_satuan(r, p.kode, r["target_satuan"], resmi))
    return temuan


def _temuan_ragu(baris: list[dict], calon: dict[int, list[Calon]], field_nama) -> list[Temuan]:
    """``kode-tidak-pasti`` with the best candidates for each row whose name decided nothing, at the cell of its name
    (``field_nama(row)``; None: a row not reported)."""
    aturan = ATURAN_NOMENKLATUR["kode-tidak-pasti"]
    return [aturan.temuan(baris[i], field_nama(baris[i]), teks(baris[i].get("nama")) or None,
                          alasan=ALASAN["tanpa-kolom"], tertulis=TANPA_KODE, ambang=teks_skor(AMBANG_KODE_DARI_NAMA),
                          calon=daftar_calon(c[:JUMLAH_CALON]))
            for i, c in sorted(calon.items()) if not kosong(baris[i].get("nama")) and field_nama(baris[i])]


def _temuan_kode_dari_nama(r: dict, p: Putusan) -> Temuan:
    return ATURAN_NOMENKLATUR[ATURAN_KODE_DARI_NAMA].temuan(
        r, "kode", None, kode=p.kode, nama=teks(r.get("nama")), alasan=ALASAN["kosong"], tertulis=TANPA_KODE,
        keyakinan=teks_skor(p.skor), nama_resmi=p.nama_resmi)


