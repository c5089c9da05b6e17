"""T-C.33 normalised against the nomenclature: every item's kode checked against its name, decided by the name when
it cannot stand (``normalkan_tc33``), and kodes written in the sub-kegiatan digit convention (``tulis_konvensi``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from schemas.aturan import Temuan
from schemas.kode import PERINGKAT
from schemas.nomenklatur import (
    ALASAN,
    AMBANG_KODE_DARI_NAMA,
    AMBANG_NAMA_SESUAI,
    AMBANG_SELISIH,
    ATURAN_KODE_DARI_NAMA,
    ATURAN_NOMENKLATUR,
    DIGIT_SUB_BAKU,
    JUMLAH_CALON,
    KOLOM_KEYAKINAN,
    LABEL_LEVEL,
    LEVEL_KODE_TETAP,
    MAKS_PUTARAN,
    TANPA_KODE,
)
from transforms.kode import kunci_kode
from transforms.nama import kunci_nama, lipat_nama, skor_lipat
from transforms.nomenklatur.cari import Calon, DaftarSiap, _cari, daftar_calon, siapkan_daftar, teks_skor
from transforms.nomenklatur.daftar import nilai_teks, periksa_digit_sub
from transforms.satuan import lipat as lipat_satuan
from transforms.satuan import normalize_satuan
from transforms.sel import teks
from transforms.temuan import frame_temuan


@dataclass(frozen=True)
class HasilNormal:
    tidy: pd.DataFrame
    temuan: pd.DataFrame


@dataclass
class _Item:
    """Working state of one item row (not aktivitas, first indicator)."""

    i: int
    urut: int
    induk: int | None
    kode: str | None
    level: str | None
    nama: str | None
    lipat: str  # the folded name (lipat_nama)
    kunci: str  # its equality key (kunci_nama)
    sendiri: float | None = None  # score of the name against the official name of its own kode (None: not in list)
    ganda_dengan: str | None = None  # another name written with the same kode (this row does not hold it)
    keyakinan: float | None = None
    diubah: bool = False


def normalkan_tc33(tidy: pd.DataFrame, nomenklatur: pd.DataFrame | DaftarSiap,
                   digit_sub: int = DIGIT_SUB_BAKU) -> HasilNormal:
    """T-C.33 tidy rows (``schemas.tc33.TIDY_COLUMNS``) checked against the nomenclature, codes decided by names.

    Items (rows not aktivitas, ``indikator_ke`` 1), in order: an item keeps its kode when the kode is in the list at
    the item's level and either is an urusan/bidang (``LEVEL_KODE_TETAP``) or its name is the official name after
    folding, or scores at least ``AMBANG_NAMA_SESUAI`` against it while no other item of its program is that name or
    fits it better by ``AMBANG_SELISIH`` (reaching ``AMBANG_KODE_DARI_NAMA``); when the table writes one kode for
    several names, only the name fitting it best may keep it.  Otherwise the name decides, among the items of its
    level (any level below its parent when it has none) under its program: the program above it in the layout
    (``urut_induk`` chain, final kodes; the program of the kegiatan above when that program is not in the list; a
    program searches its bidang).  The best candidate is set when it is the name itself after folding, or scores at
    least ``AMBANG_KODE_DARI_NAMA`` and ``AMBANG_SELISIH`` above the next name — unless another name holds it, or an
    item outside the program fits the name clearly better (the row sits under the wrong item): ``kode_aturan`` gets
    ``kode-dari-nama``, finding ``kode-dari-nama``.  Else nothing changes: finding ``kode-tidak-pasti`` with the
    reason and the best ``JUMLAH_CALON`` candidates.  Rounds repeat until none changes a kode (the kode one row
    leaves may be the one another row's name asks for; at most ``MAKS_PUTARAN``), so that normalising the result
    again changes nothing.  A kode is only ever set from the list; a kode outside it is never produced (one that
    stays as read is reported ``kode-tidak-di-nomenklatur``).

    Extra indicator rows take their item's kode, level, rule and confidence; aktivitas rows their sub-kegiatan's
    kode; ``kode_induk`` is the final kode of the ``urut_induk`` row.  Every kode is written with ``digit_sub``
    sub-kegiatan digits.  Added column ``keyakinan`` (after ``kode_aturan``; Float64): the score of the item's name
    against the official name of its final kode (empty when that kode is not in the list, and on aktivitas rows).
    Findings (columns ``KOLOM_TEMUAN_MENTAH``): ``kode-dari-nama``, ``kode-tidak-pasti``, ``kode-tidak-di-nomenklatur``,
    ``nama-tidak-sesuai-nomenklatur`` (name differs after folding from the official name of the final kode) and
    ``satuan-tidak-sesuai-nomenklatur`` (a sub-kegiatan's target satuan is not the list's).
    """
    periksa_digit_sub(digit_sub)
    df = tidy.reset_index(drop=True).copy()
    if df.empty:
        return HasilNormal(_dengan_keyakinan(df, []), frame_temuan([]))
    daftar = siapkan_daftar(nomenklatur)
    resmi = daftar.resmi
    diganti: list[Temuan] = []
    for _ in range(MAKS_PUTARAN):
        items = _items(df, resmi)
        temuan = _putaran(df, items, daftar, resmi)
        df = _terapkan(df, items, digit_sub)
        diganti.extend(t for t in temuan if t.aturan == ATURAN_KODE_DARI_NAMA)
        if not any(it.diubah for it in items.values()):
            break
    ragu = [t for t in temuan if t.aturan != ATURAN_KODE_DARI_NAMA]  # of the last round: the rows still undecided
    akhir = _periksa_akhir(df, items, resmi)
    return HasilNormal(df, frame_temuan([*diganti, *ragu, *akhir]))


def _putaran(df: pd.DataFrame, items: dict[int, _Item], daftar: DaftarSiap, resmi) -> list[Temuan]:
    """One round of decisions over the items in order (a kode released by a later row is taken in the next one)."""
    pemegang = _pemegang(items)
    per_urut = {it.urut: it for it in items.values()}
    level_urut = dict(zip(_ints(df["urut"]), (nilai_teks(v) for v in df["level"])))
    induk_urut = dict(zip(_ints(df["urut"]), _ints(df["urut_induk"])))
    temuan: list[Temuan] = []
    for it in items.values():
        temuan.extend(_putuskan(it, df, daftar, resmi, pemegang, per_urut, level_urut, induk_urut))
    return temuan


def tulis_kode(kode, digit_sub: int = DIGIT_SUB_BAKU) -> str | None:
    """A normalised kode written in the convention: a sub-kegiatan number with ``digit_sub`` digits (a number above
    99 keeps 4 digits); any other kode as it is."""
    k = nilai_teks(kode)
    if k is None:
        return None
    bagian = k.split(".")
    if len(bagian) == 6 and bagian[5].isdigit():
        nomor = int(bagian[5])
        bagian[5] = str(nomor).zfill(4 if nomor > 99 else digit_sub)
    return ".".join(bagian)


def tulis_konvensi(df: pd.DataFrame, digit_sub: int, kolom: tuple[str, ...] = ("kode", "kode_induk")) -> pd.DataFrame:
    """``df`` with its kode columns written in the sub-kegiatan convention (see tulis_kode); unchanged for 4."""
    ada = [c for c in kolom if c in df]
    if digit_sub == DIGIT_SUB_BAKU or df.empty or not ada:
        return df
    return df.assign(**{c: df[c].map(lambda v: tulis_kode(v, digit_sub), na_action="ignore") for c in ada})


def _items(df: pd.DataFrame, resmi: dict) -> dict[int, _Item]:
    items = {}
    indikator_ke = df["indikator_ke"] if "indikator_ke" in df else [None] * len(df)
    for i, level, ke, kode, nama, urut, urut_induk in zip(df.index, df["level"], indikator_ke, df["kode"], df["nama"],
                                                          df["urut"], df["urut_induk"]):
        level = nilai_teks(level)
        if level == "aktivitas" or _int(ke) not in (None, 1):
            continue
        kode = nilai_teks(kode)
        dilipat = lipat_nama(nama)
        it = _Item(i, _int(urut), _int(urut_induk), kode, level, nilai_teks(nama), dilipat, dilipat.replace(" ", ""))
        entri = resmi.get(kunci_kode(kode)) if kode else None
        if entri is not None and (level is None or entri["level"] == level):
            it.sendiri = skor_lipat(it.lipat, entri["_lipat"])
        items[i] = it
    _tandai_ganda(items)
    return items


def _tandai_ganda(items: dict[int, _Item]) -> None:
    """A kode written for several names: the name fitting its official name best holds it, the others do not."""
    per_kode: dict[str, list[_Item]] = {}
    for it in items.values():
        if it.kode and it.kunci:
            per_kode.setdefault(kunci_kode(it.kode), []).append(it)
    for grup in per_kode.values():
        if len({it.kunci for it in grup}) < 2:
            continue
        terbaik = max(grup, key=lambda it: (it.sendiri or 0.0, -it.i))
        pegang = terbaik.kunci if (terbaik.sendiri or 0.0) >= AMBANG_NAMA_SESUAI else None
        for it in grup:
            if it.kunci != pegang:
                lain = terbaik if terbaik.kunci != it.kunci else next(x for x in grup if x.kunci != it.kunci)
                it.ganda_dengan = lain.nama


def _pemegang(items: dict[int, _Item]) -> dict[str, tuple[str, str | None]]:
    """kode key → (name key, name) of the rows that keep their kode by their name."""
    return {kunci_kode(it.kode): (it.kunci, it.nama) for it in items.values()
            if it.kode and it.ganda_dengan is None and (it.sendiri or 0.0) >= AMBANG_NAMA_SESUAI}


def _putuskan(it: _Item, df: pd.DataFrame, daftar: DaftarSiap, resmi, pemegang, per_urut, level_urut,
              induk_urut) -> list[Temuan]:
    """Keep the item's kode or decide it by the name (module docstring); the findings of the decision (the row
    ``df.loc[it.i]`` is read only for a finding)."""
    dalam = _dalam(it, per_urut, level_urut, induk_urut, resmi)
    induk = per_urut.get(it.induk)
    utamakan = induk.kode if induk else None
    level_boleh = None
    if it.level is None:
        rank_induk = PERINGKAT.get(level_urut.get(it.induk), -1)
        level_boleh = [lv for lv, p in PERINGKAT.items() if p > rank_induk and lv != "aktivitas"]
    calon = _cari(it.nama, it.level, daftar, dalam, utamakan=utamakan, level_boleh=level_boleh,
                  jumlah=max(JUMLAH_CALON, 2))
    entri = resmi.get(kunci_kode(it.kode)) if it.kode else None
    alasan = _alasan(it, entri, calon)
    if alasan is None:
        it.keyakinan = it.sendiri
        return []
    terbaik = calon[0] if calon else None
    yakin = terbaik is not None and _yakin(it, calon)
    if yakin and it.kode and kunci_kode(terbaik.kode) == kunci_kode(it.kode):
        it.keyakinan = it.sendiri
        return []
    pegang = pemegang.get(kunci_kode(terbaik.kode)) if terbaik else None
    if yakin and pegang is not None and pegang[0] != it.kunci:
        yakin = False
        alasan = alasan + "; " + ALASAN["sudah-dipakai"].format(kode_lain=terbaik.kode, nama_lain=pegang[1] or "")
    luar = _lebih_cocok_di_luar(it, terbaik, daftar, dalam, level_boleh) if yakin and dalam else None
    if luar is not None:
        yakin = False
        alasan = alasan + "; " + ALASAN["di-luar"].format(kode_lain=luar.kode, nama_lain=luar.nama, dalam=dalam)
    if not yakin:
        it.keyakinan = it.sendiri
        r = df.loc[it.i]
        nilai = teks(r.get("kode_asli")) or (it.kode or "")
        return [ATURAN_NOMENKLATUR["kode-tidak-pasti"].temuan(
            r, "kode", nilai or None, kode=nilai_teks(it.kode), nama=it.nama or "", alasan=alasan,
            tertulis=f"'{nilai}'" if nilai else TANPA_KODE, ambang=teks_skor(AMBANG_KODE_DARI_NAMA),
            calon=daftar_calon(calon[:JUMLAH_CALON]))]
    it.kode, it.level, it.keyakinan, it.diubah = terbaik.kode, terbaik.level, terbaik.skor, True
    pemegang[kunci_kode(terbaik.kode)] = (it.kunci, it.nama)
    r = df.loc[it.i]
    nilai = teks(r.get("kode_asli")) or ""
    return [ATURAN_NOMENKLATUR["kode-dari-nama"].temuan(
        r, "kode", nilai or None, kode=nilai_teks(terbaik.kode), nama=it.nama or "", alasan=alasan,
        tertulis=f"'{nilai}'" if nilai else TANPA_KODE, keyakinan=teks_skor(terbaik.skor), nama_resmi=terbaik.nama)]


def _lebih_cocok_di_luar(it: _Item, terbaik: Calon, daftar: DaftarSiap, dalam: str, level_boleh) -> Calon | None:
    """An item outside ``dalam`` that fits the name clearly better than the best one inside (the name itself, or
    AMBANG_SELISIH more): the row then sits under the wrong item, and no kode inside is set by its name."""
    luar = _cari(it.nama, it.level, daftar, None, level_boleh=level_boleh, jumlah=1)
    if not luar or (kunci_kode(luar[0].kode) + ".").startswith(kunci_kode(dalam) + "."):
        return None
    if _persis(it, luar[0]) and not _persis(it, terbaik):
        return luar[0]
    return luar[0] if round(luar[0].skor - terbaik.skor, 4) >= AMBANG_SELISIH else None


def _alasan(it: _Item, entri: dict | None, calon: list[Calon]) -> str | None:
    """Why the item's kode cannot stand (schemas.nomenklatur.ALASAN), or None when it stands."""
    if not it.kode:
        return ALASAN["kosong"]
    if entri is None:
        return ALASAN["tidak-ada"]
    if it.level is not None and entri["level"] != it.level:
        return ALASAN["level-lain"].format(level_kode=LABEL_LEVEL.get(entri["level"], entri["level"]),
                                           level=LABEL_LEVEL.get(it.level, it.level))
    if it.ganda_dengan is not None:
        return ALASAN["ganda"].format(nama_lain=it.ganda_dengan)
    if entri["level"] in LEVEL_KODE_TETAP or it.kunci == entri["_kunci_nama"]:
        return None  # the official name itself (an item of another kode with the same name changes nothing)
    sendiri = it.sendiri or 0.0
    if sendiri < AMBANG_NAMA_SESUAI:
        return ALASAN["nama-lain"].format(nama_resmi=entri["nama"])
    if calon and kunci_kode(calon[0].kode) != kunci_kode(it.kode) and (
            _persis(it, calon[0]) or (calon[0].skor >= AMBANG_KODE_DARI_NAMA
                                      and round(calon[0].skor - sendiri, 4) >= AMBANG_SELISIH)):
        return ALASAN["lebih-cocok"].format(kode_lain=calon[0].kode, nama_resmi=entri["nama"])
    return None


def _persis(it: _Item, c: Calon) -> bool:
    """The item's name is the candidate's official name after folding."""
    return bool(it.kunci) and it.kunci == kunci_nama(c.nama)


def _yakin(it: _Item, calon: list[Calon]) -> bool:
    """The best candidate is sure: the official name itself, or a score of at least AMBANG_KODE_DARI_NAMA and
    AMBANG_SELISIH above the next name."""
    terbaik, kedua = calon[0], (calon[1] if len(calon) > 1 else None)
    if _persis(it, terbaik):
        return True
    return terbaik.skor >= AMBANG_KODE_DARI_NAMA and (
        kedua is None or round(terbaik.skor - kedua.skor, 4) >= AMBANG_SELISIH)


def _dalam(it: _Item, per_urut, level_urut, induk_urut, resmi) -> str | None:
    """The kode the item's candidates are searched under: the final kode of the nearest item above it in the layout
    that is a program (or, above a program, a bidang or urusan) and is in the list; when the program above is not
    in the list, the program of the nearest kegiatan above that is; None (the whole list) when there is none."""
    u, dilihat, cadangan = it.induk, set(), None
    while u is not None and u not in dilihat:
        dilihat.add(u)
        atas = per_urut.get(u)
        level = atas.level if atas else level_urut.get(u)
        entri = resmi.get(kunci_kode(atas.kode)) if atas and atas.kode else None
        if entri is not None and entri["level"] == level:
            if level == "kegiatan" and cadangan is None:
                program = ".".join(atas.kode.split(".")[:3])
                cadangan = program if kunci_kode(program) in resmi else None
            elif PERINGKAT.get(level, 99) <= PERINGKAT["program"]:
                return atas.kode if level == "program" or cadangan is None else cadangan
        u = induk_urut.get(u)
    return cadangan


def _terapkan(df: pd.DataFrame, items: dict[int, _Item], digit_sub: int) -> pd.DataFrame:
    """Write the decisions into the rows: items, their extra indicator rows, aktivitas rows, kode_induk."""
    # columns read through tolist (iterating a Series boxes each value): the same values, nilai_teks the same text
    kode, level = [nilai_teks(v) for v in df["kode"].tolist()], [nilai_teks(v) for v in df["level"].tolist()]
    aturan = [nilai_teks(v) for v in df["kode_aturan"].tolist()] if "kode_aturan" in df else [None] * len(df)
    keyakinan: list[float | None] = [None] * len(df)
    sekarang: _Item | None = None
    for i in range(len(df)):
        it = items.get(i)
        if it is not None:
            sekarang = it
            kode[i], level[i], keyakinan[i] = it.kode, it.level, it.keyakinan
            if it.diubah and ATURAN_KODE_DARI_NAMA not in (aturan[i] or "").split(";"):
                aturan[i] = ";".join(filter(None, (aturan[i], ATURAN_KODE_DARI_NAMA)))
        elif level[i] != "aktivitas" and sekarang is not None:  # an extra indicator row of the item above
            kode[i], level[i], keyakinan[i], aturan[i] = sekarang.kode, sekarang.level, sekarang.keyakinan, \
                aturan[sekarang.i]
    per_urut = dict(zip(_ints(df["urut"]), range(len(df))))
    for i, u in enumerate(_ints(df["urut_induk"])):
        if level[i] == "aktivitas" and u in per_urut:
            kode[i] = kode[per_urut[u]]
    induk = [kode[per_urut[u]] if u in per_urut else nilai_teks(v) for u, v in zip(_ints(df["urut_induk"]),
                                                                          df["kode_induk"].tolist())]
    # each column straight as object texts (nilai_teks), in one assign: the values are texts or None already
    baru = {"kode": [tulis_kode(k, digit_sub) for k in kode], "level": level, "kode_aturan": aturan,
            "kode_induk": [tulis_kode(k, digit_sub) for k in induk]}
    out = df.assign(**{k: pd.Series([nilai_teks(v) for v in nilai], index=df.index, dtype=object)
                       for k, nilai in baru.items()})
    return _dengan_keyakinan(out, keyakinan)


def _dengan_keyakinan(df: pd.DataFrame, keyakinan: list) -> pd.DataFrame:
    nilai = pd.array(keyakinan if keyakinan else [None] * len(df), dtype="Float64")
    out = df.drop(columns=[KOLOM_KEYAKINAN], errors="ignore")
    posisi = list(out.columns).index("kode_aturan") + 1 if "kode_aturan" in out.columns else len(out.columns)
    out.insert(posisi, KOLOM_KEYAKINAN, nilai)
    return out


def _periksa_akhir(df: pd.DataFrame, items: dict[int, _Item], resmi: dict) -> list[Temuan]:
    """Findings on the final codes: not in the list, a name that is not the official one, another satuan (a row
    ``df.loc[i]`` is read only for a finding)."""
    temuan = []
    satuan = df["target_satuan"].tolist() if "target_satuan" in df.columns else None  # index 0..n-1: by position
    for i, it in items.items():
        if not it.kode:
            continue
        entri = resmi.get(kunci_kode(it.kode))
        if entri is None or (it.level is not None and entri["level"] != it.level):
            r = df.loc[i]
            temuan.append(ATURAN_NOMENKLATUR["kode-tidak-di-nomenklatur"].temuan(
                r, "kode", teks(r.get("kode_asli")) or None, kode=nilai_teks(r["kode"]), nama=it.nama or "",
                level=LABEL_LEVEL.get(it.level, it.level)))
            continue
        if it.kunci != entri["_kunci_nama"]:
            r = df.loc[i]
            temuan.append(ATURAN_NOMENKLATUR["nama-tidak-sesuai-nomenklatur"].temuan(
                r, "nama", it.nama or None, kode=nilai_teks(r["kode"]), nama_resmi=entri["nama"],
                keyakinan=teks_skor(skor_lipat(it.lipat, entri["_lipat"]))))
        if entri["level"] == "sub_kegiatan":
            temuan.extend(_periksa_satuan(df, i, entri, nilai_teks(satuan[i]) if satuan is not None else None))
    return temuan


def _periksa_satuan(df: pd.DataFrame, i: int, entri: dict, satuan: str | None) -> list[Temuan]:
    resmi = satuan_lain(satuan, entri.get("satuan"))
    if resmi is None:
        return []
    r = df.loc[i]
    return [temuan_satuan(r, r["kode"], satuan, resmi)]


def satuan_lain(satuan, satuan_resmi) -> str | None:
    """The list's satuan (canonical where schemas.satuan knows it) when a target's canonical ``satuan`` is another
    one; None when they agree or either is missing."""
    satuan, satuan_resmi = nilai_teks(satuan), nilai_teks(satuan_resmi)
    if not satuan_resmi or not satuan:
        return None
    kanonik = normalize_satuan(satuan_resmi)[0] or satuan_resmi
    return None if lipat_satuan(kanonik) == lipat_satuan(satuan) else kanonik


def temuan_satuan(r, kode, satuan: str, satuan_resmi: str) -> Temuan:
    """Finding ``satuan-tidak-sesuai-nomenklatur`` of row ``r`` (``sheet``, ``baris``, ``nama``, ``target``)."""
    return ATURAN_NOMENKLATUR["satuan-tidak-sesuai-nomenklatur"].temuan(
        r, "target", teks(r.get("target")) or None, kode=nilai_teks(kode), satuan=satuan, satuan_resmi=satuan_resmi)


def _int(v) -> int | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _ints(s: pd.Series) -> list[int | None]:
    return [_int(v) for v in s.tolist()]
