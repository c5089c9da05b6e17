"""Identify a file's kabupaten and kecamatan in the official region list from the texts the file carries.

``siapkan_indeks(daftar)`` prepares the list once (flows/data/wilayah.py loads it); ``kenali(calon, indeks, konteks)``
reads the names a file carries — its tables' titles and signature ('Kecamatan Senduro', 'KAB. LUMAJANG', 'CAMAT
SENDURO': names after a mark only), its sheet names and its file name ('TC33_pasirian_2024.xlsx': marked names and
names alone), then the operator's options — strongest first (schemas.wilayah.SUMBER_WILAYAH), and returns the unit
with its kode wilayah, where it was read, how sure the reading is, and the findings (typos, abbreviations, names
not in the list with the nearest official ones, sources that disagree, nothing found).  Names are compared folded
(transforms.sel.lipat) at word boundaries; a marked name not written exactly is matched by similarity (rapidfuzz,
transforms.nama.mirip_teratas), within the kabupaten when it is known.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from schemas.aturan import Temuan
from schemas.wilayah import (
    AMBANG_MIRIP,
    AMBANG_MIRIP_TANPA_PENANDA,
    ATURAN_WILAYAH,
    AWALAN_TANPA_KECAMATAN,
    BEDA_MIRIP_MIN,
    FOLDER_TANPA_KABUPATEN,
    KATA_BATAS,
    KATA_UMUM,
    KEYAKINAN_SINGKATAN,
    LABEL_SUMBER,
    MAKS_KATA_NAMA,
    MAKS_TERDEKAT,
    OPSI_TINGKAT,
    PANJANG_MIRIP_MIN,
    PANJANG_SINGKATAN_MIN,
    PENANDA,
    REGULASI_WILAYAH,
    SUMBER_WILAYAH,
)
from transforms.meta import slug
from transforms.nama import mirip_teratas
from transforms.sel import lipat

KOLOM_DAFTAR_WILAYAH = ("kode", "nama", "tingkat", "kode_induk")  # the frame flows.data.wilayah.daftar_wilayah gives
_AWALAN_RESMI = re.compile(r"^(kabupaten administrasi|kota administrasi|kabupaten|kota)\s+", re.I)
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
KAB = ("kabupaten", "kota")


# ------------------------------------------------------------------------------------------------ the list


@dataclass(frozen=True)
class Unit:
    """One region of the list: ``nama`` official ('Kabupaten Lumajang', 'Kota Depok', 'Senduro', 'Jawa Timur'),
    ``pendek`` without 'Kabupaten'/'Kota' ('Lumajang'), ``tingkat`` provinsi, kabupaten, kota or kecamatan."""

    kode: str
    nama: str
    tingkat: str
    kode_induk: str
    pendek: str


@dataclass(frozen=True)
class IndeksWilayah:
    """The list prepared for identification: units by kode, kabupaten/kota and kecamatan by folded name (also
    written without spaces), each kabupaten's kecamatan."""

    unit: dict[str, Unit]
    kabupaten: dict[str, tuple[str, ...]]
    kecamatan: dict[str, tuple[str, ...]]
    anak: dict[str, tuple[str, ...]]
    nama_kecamatan: tuple[str, ...]  # distinct folded kecamatan names (similarity search over the whole country)
    nama_kabupaten: tuple[str, ...]

    def nama_kab(self, kode: str) -> str:
        return self.unit[kode].nama


def siapkan_indeks(daftar: pd.DataFrame) -> IndeksWilayah:
    """``daftar``: KOLOM_DAFTAR_WILAYAH rows (tingkat provinsi, kabupaten, kota, kecamatan)."""
    unit: dict[str, Unit] = {}
    kab: dict[str, list[str]] = {}
    kec: dict[str, list[str]] = {}
    anak: dict[str, list[str]] = {}
    for r in daftar.to_dict("records"):
        tingkat = r["tingkat"]
        pendek = _AWALAN_RESMI.sub("", r["nama"]) if tingkat in KAB else r["nama"]
        u = Unit(r["kode"], r["nama"], tingkat, r["kode_induk"] or "", pendek)
        unit[u.kode] = u
        if tingkat in KAB:
            for k in _kunci_nama(pendek):
                kab.setdefault(k, []).append(u.kode)
        elif tingkat == "kecamatan":
            for k in _kunci_nama(pendek):
                kec.setdefault(k, []).append(u.kode)
            anak.setdefault(u.kode_induk, []).append(u.kode)
    return IndeksWilayah(unit, _beku(kab), _beku(kec), {k: tuple(sorted(v)) for k, v in anak.items()},
                         tuple(sorted({lipat(unit[k].pendek) for v in kec.values() for k in v})),
                         tuple(sorted({lipat(unit[k].pendek) for v in kab.values() for k in v})))


def _kunci_nama(nama: str) -> set[str]:
    f = lipat(nama)
    return {f, f.replace(" ", "")} - {""}


def _beku(d: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(sorted(set(v))) for k, v in d.items()}


# ------------------------------------------------------------------------------------------------ what a file says


@dataclass(frozen=True)
class CalonWilayah:
    """What a file carries about its unit: ``judul`` and ``tanda_tangan`` (sheet, line) of its tables, its sheet
    names, its file name, and the operator's options."""

    berkas: str
    judul: tuple[tuple[str, str], ...] = ()
    tanda_tangan: tuple[tuple[str, str], ...] = ()
    sheet: tuple[str, ...] = ()
    opsi_kabupaten: str | None = None
    opsi_kecamatan: str | None = None


@dataclass(frozen=True)
class Sebutan:
    """A name in a text: after a mark (``tingkat`` kecamatan, kabupaten or kota) or alone (``tingkat`` None: a
    sheet or file name's words that are a name of the list)."""

    sumber: str
    sheet: str | None
    tingkat: str | None
    kata: tuple[str, ...]  # folded words after the mark (up to MAKS_KATA_NAMA), or the name's words
    alami: int  # how many of ``kata`` come before a word that ends a name ('Kec. Senduro Tahun …' → 1)
    tertulis: str  # as written, for messages
    posisi: int  # the word's place in its text (to tell a kabupaten's word from a kecamatan's)


def _token(teks: str) -> list[tuple[str, str, int, int]]:
    """(as written, folded, start, end) of each word of a text, letters and digits apart ('TC33Senduro' → tc, 33,
    senduro)."""
    hasil = []
    for m in _TOKEN.finditer(teks or ""):
        f = lipat(m.group(0))
        if f:
            hasil.extend((m.group(0), w, m.start(), m.end()) for w in f.split())
    return hasil


def _tertulis(teks: str, tok: list, awal: int, akhir: int) -> str:
    """The text of words ``awal``..``akhir`` (exclusive) as written, punctuation between them kept."""
    return teks[tok[awal][2]:tok[akhir - 1][3]]


def sebutan(teks: str, sumber: str, indeks: IndeksWilayah, sheet: str | None = None,
            dengan_nama_saja: bool = False) -> list[Sebutan]:
    """The names in ``teks``: those after a mark (PENANDA: the longest words that are a name of the list, else the
    words up to one that ends a name), and with ``dengan_nama_saja`` also the words that are a name of the list on
    their own (not KATA_UMUM, not a number) or, alone and long enough, may be one misspelt."""
    tok = _token(teks)
    hasil: list[Sebutan] = []
    pakai = [False] * len(tok)
    i = 0
    while i < len(tok):
        tingkat = PENANDA.get(tok[i][1])
        if tingkat is None or (tok[i][1] == "camat" and sumber != "tanda-tangan"):
            i += 1
            continue
        lewat = 1 if tingkat in KAB and i + 1 < len(tok) and tok[i + 1][1] in ("administrasi", "adm") else 0
        kata: list[str] = []
        for _, w, _, _ in tok[i + 1 + lewat:i + 1 + lewat + MAKS_KATA_NAMA]:
            if w.isdigit():
                break
            kata.append(w)
        batas = KATA_BATAS - {"kota"} if tingkat == "kecamatan" else KATA_BATAS  # Kecamatan Binjai Kota
        alami = next((n for n, w in enumerate(kata) if w in batas), len(kata))
        peta = indeks.kecamatan if tingkat == "kecamatan" else indeks.kabupaten
        persis = next((n for n in range(len(kata), 0, -1) if _cari(peta, kata[:n])), 0)
        kec_n = next((m for m in range(len(kata), 0, -1) if _cari(indeks.kecamatan, ["kota", *kata[:m]])), 0)
        if tingkat == "kota" and kec_n and (kec_n > persis or not any(
                indeks.unit[k].tingkat == "kota" for k in _cari(peta, kata[:persis]))):
            i += 1  # 'Kota Atambua', 'Kota Ternate Tengah': a kecamatan's name, not the mark of a kota
            continue
        n = persis or alami
        if n:  # a mark followed by no name ('KABUPATEN/KOTA', '…Luar Kota-TC-29') is an ordinary word
            n += lewat  # 'Kota Administrasi Jakarta Pusat'
            pakai[i] = True
            hasil.append(Sebutan(sumber, sheet, tingkat, tuple(kata), alami, _tertulis(teks, tok, i, i + 1 + n), i))
            pakai[i + 1:i + 1 + n] = [True] * n
        i += 1 + n
    if dengan_nama_saja:
        hasil += _nama_saja(teks, tok, pakai, sumber, sheet, indeks)
    return hasil


def _nama_saja(teks: str, tok, pakai, sumber, sheet, indeks: IndeksWilayah) -> list[Sebutan]:
    """Words of a sheet or file name that are a name of the list, longest first, each word once."""
    hasil = []
    i = 0
    while i < len(tok):
        if pakai[i] or tok[i][1].isdigit():
            i += 1
            continue
        for n in range(min(MAKS_KATA_NAMA, len(tok) - i), 0, -1):
            bagian = tok[i:i + n]
            if any(pakai[i:i + n]) or any(t[1].isdigit() for t in bagian):
                continue
            kata = tuple(t[1] for t in bagian)
            if n == 1 and kata[0] in KATA_UMUM:
                continue
            if any(k in indeks.kecamatan or k in indeks.kabupaten for k in (" ".join(kata), "".join(kata))):
                hasil.append(Sebutan(sumber, sheet, None, kata, n, _tertulis(teks, tok, i, i + n), i))
                i += n
                break
        else:
            if len(tok[i][1]) >= PANJANG_MIRIP_MIN and tok[i][1] not in KATA_UMUM:  # similar within the kabupaten
                hasil.append(Sebutan(sumber, sheet, None, (tok[i][1],), 0, tok[i][0], i))
            i += 1
    return hasil


def semua_sebutan(calon: CalonWilayah, indeks: IndeksWilayah) -> list[Sebutan]:
    """Every name ``calon`` carries, in the order of SUMBER_WILAYAH."""
    hasil: list[Sebutan] = []
    for sheet, teks in calon.judul:
        hasil += sebutan(teks, "judul", indeks, sheet)
    for sheet, teks in calon.tanda_tangan:
        hasil += [s for s in sebutan(teks, "tanda-tangan", indeks, sheet) if s.tingkat == "kecamatan"]
    for sheet in calon.sheet:
        hasil += sebutan(sheet, "sheet", indeks, sheet, True)
    stem = calon.berkas.rsplit(".", 1)[0] if "." in calon.berkas else calon.berkas
    hasil += sebutan(stem, "nama-berkas", indeks, None, True)
    for teks, tingkat in ((calon.opsi_kabupaten, "kabupaten"), (calon.opsi_kecamatan, "kecamatan")):
        if teks and teks.strip():
            s = sebutan(teks, "opsi", indeks)
            kata = tuple(t[1] for t in _token(teks))
            if not s or s[0].posisi != 0:
                s = [Sebutan("opsi", None, tingkat, kata, len(kata), teks.strip(), 0)]
            hasil += [x for x in s if (x.tingkat in KAB) == (tingkat == "kabupaten")]
    urut = {s: i for i, s in enumerate(SUMBER_WILAYAH)}
    return sorted(hasil, key=lambda s: (urut[s.sumber], s.tingkat is None))


# ------------------------------------------------------------------------------------------------ the result


@dataclass(frozen=True)
class HasilWilayah:
    """The unit identified for one file.  ``kode`` the kecamatan's kode wilayah (None: not known), ``kecamatan`` its
    official name, ``kode_kabupaten``/``kabupaten`` (short official name, 'Lumajang')/``kabupaten_resmi`` ('Kabupaten
    Lumajang'), ``provinsi``; ``sumber`` where each was read (kecamatan, kabupaten → SUMBER_WILAYAH or 'daftar');
    ``keyakinan`` 0-1 (1: written exactly); ``temuan`` the findings."""

    kode: str | None = None
    kecamatan: str | None = None
    kode_kabupaten: str | None = None
    kabupaten: str | None = None
    kabupaten_resmi: str | None = None
    provinsi: str | None = None
    sumber: dict = field(default_factory=dict)
    keyakinan: float | None = None
    temuan: tuple[Temuan, ...] = ()
    ambigu: tuple[str, ...] = ()  # kecamatan codes a name could be (several kabupaten), when not decided

    @property
    def lengkap(self) -> bool:
        return self.kode is not None

    def as_dict(self) -> dict:
        """The unit for validasi.json and sumber.json."""
        return {"kode_wilayah": self.kode, "kecamatan": self.kecamatan, "kode_kabupaten": self.kode_kabupaten,
                "kabupaten": self.kabupaten_resmi, "provinsi": self.provinsi,
                "sumber_kecamatan": LABEL_SUMBER.get(self.sumber.get("kecamatan"), None),
                "sumber_kabupaten": LABEL_SUMBER.get(self.sumber.get("kabupaten"), None),
                "keyakinan": self.keyakinan}


@dataclass
class _Pilihan:
    kode: str
    sebutan: Sebutan
    keyakinan: float
    cara: str  # persis, mirip, singkatan, daftar, kiriman


def kenali(calon: CalonWilayah, indeks: IndeksWilayah, konteks: Sequence[str] = (),
           nasional: bool = True) -> HasilWilayah:
    """The unit of a file from what it carries (``calon``), strongest source first.

    ``konteks``: kecamatan and kabupaten codes of the other files of the delivery (and of kecamatan with outputs
    already): a kecamatan named without its kabupaten is looked for among those kecamatan, then in those
    kabupaten, before the whole country (where a name not written exactly is looked for by similarity only with
    ``nasional``).  A title and a sheet or file name that name different units are reported and the stronger
    source wins.
    """
    semua = semua_sebutan(calon, indeks)
    temuan: list[Temuan] = []
    kab, kab_lain = _pilih_kabupaten(semua, indeks, temuan)
    kec, ambigu = _pilih_kecamatan(semua, indeks, kab, kab_lain, konteks, temuan, nasional)
    if kec is not None and kab is None:
        induk = indeks.unit[kec.kode].kode_induk
        cara = "kiriman" if kec.cara == "kiriman" else "daftar"
        kab = _Pilihan(induk, Sebutan(cara, None, "kabupaten", (), 0, "", 0), 1.0, cara)
        u = indeks.unit[induk]
        aturan = "wilayah-dari-kiriman" if cara == "kiriman" else "wilayah-dari-daftar"
        temuan.append(_temuan(aturan, None, Tingkat=_kata_tingkat(u), resmi=u.nama, kode=u.kode,
                              kecamatan=indeks.unit[kec.kode].nama))
    if kab is not None:
        _beda(kab, kab_lain, indeks, temuan)
        if kab.cara not in ("daftar", "kiriman"):
            _catat_cara(kab, indeks, temuan)
    if kec is not None:
        _beda(kec, _kecamatan_lain(semua, indeks, kab), indeks, temuan)
        _catat_cara(kec, indeks, temuan)
    for tingkat, p in (("kabupaten", kab), ("kecamatan", kec)):
        if p is None and not ambigu:
            contoh = "TC33_Senduro_2024.xlsx" if tingkat == "kecamatan" else "TC33_Senduro_Lumajang_2024.xlsx"
            temuan.append(_temuan("wilayah-tidak-diketahui", None, Tingkat=tingkat.capitalize(), tingkat=tingkat,
                                  berkas=calon.berkas, contoh=contoh, opsi=OPSI_TINGKAT[tingkat]))
    return _hasil(kab, kec, ambigu, indeks, temuan)


def kenali_kiriman(calon: Sequence[CalonWilayah], indeks: IndeksWilayah,
                   konteks_lain: Sequence[str] = ()) -> list[HasilWilayah]:
    """``kenali`` for the files of one delivery: each on its own first; then each whose kecamatan is still not
    known again, with the kecamatan and kabupaten of the others as context (``konteks``), then with
    ``konteks_lain`` (kecamatan with outputs already) as well."""
    hasil = [kenali(c, indeks, nasional=False) for c in calon]
    konteks = list(dict.fromkeys(k for h in hasil if h.lengkap for k in (h.kode, h.kode_kabupaten)))
    for i, (c, h) in enumerate(zip(calon, hasil)):
        if h.lengkap:
            continue
        for kt, nasional in ((konteks, False), ([*konteks, *konteks_lain], False), ([*konteks, *konteks_lain], True)):
            if kt or nasional:
                baru = kenali(c, indeks, kt, nasional)
                if baru.lengkap or nasional:
                    hasil[i] = baru
                    break
    return hasil


def _hasil(kab, kec, ambigu, indeks: IndeksWilayah, temuan: list[Temuan]) -> HasilWilayah:
    uk = indeks.unit[kab.kode] if kab else None
    prov = indeks.unit.get(uk.kode_induk) if uk else None
    keyakinan = [p.keyakinan for p in (kab, kec) if p is not None]
    return HasilWilayah(
        kode=kec.kode if kec else None, kecamatan=indeks.unit[kec.kode].nama if kec else None,
        kode_kabupaten=uk.kode if uk else None, kabupaten=uk.pendek if uk else None,
        kabupaten_resmi=uk.nama if uk else None, provinsi=prov.nama if prov else None,
        sumber={k: p.sebutan.sumber for k, p in (("kabupaten", kab), ("kecamatan", kec)) if p is not None},
        keyakinan=round(min(keyakinan), 2) if keyakinan else None, temuan=tuple(temuan), ambigu=tuple(ambigu))


# ------------------------------------------------------------------------------------------------ kabupaten


def _pilih_kabupaten(semua: list[Sebutan], indeks: IndeksWilayah,
                     temuan: list[Temuan]) -> tuple[_Pilihan | None, list[_Pilihan]]:
    """The kabupaten/kota: the first marked name ('Kabupaten Lumajang', 'Kab. Lmj', 'Kota Depok') that resolves,
    strongest source first, then the option; failing those, a sheet or file name's word that is a kabupaten's name
    (one whose kecamatan the same name also names first: 'Senduro_Lumajang').  Returns it and every other one
    resolved (to report a disagreement)."""
    bertanda: list[_Pilihan] = []
    tak_kenal: list[Sebutan] = []
    for s in semua:
        if s.tingkat in KAB:
            p = _kabupaten_bertanda(s, indeks)
            if p is None:
                tak_kenal.append(s)
            else:
                bertanda.append(p)
    polos = [_Pilihan(k, s, 1.0, "persis") for s in semua if s.tingkat is None
             for k in _persis(s, indeks, "kabupaten")]
    if bertanda:
        dipilih, lain = bertanda[0], bertanda[1:] + [p for p in polos if not _nama_kecamatan_juga(p, indeks)]
    else:
        dipilih, lain = _kabupaten_polos(polos, semua, indeks), []
    for s in tak_kenal:  # 'Kab. Lmj' beside a known kabupaten: its abbreviation; else a name not in the list
        if dipilih is not None and _singkatan(s.kata[:max(s.alami, 1)], indeks.unit[dipilih.kode].pendek):
            _tambah(temuan, _temuan("wilayah-singkatan", s.sheet, tertulis=s.tertulis, sumber=LABEL_SUMBER[s.sumber],
                                    resmi=indeks.unit[dipilih.kode].nama, kode=dipilih.kode))
        elif s.alami:
            nama = _terdekat(s.kata[:s.alami], indeks.nama_kabupaten, indeks.kabupaten, indeks)
            _tambah(temuan, _temuan("wilayah-tidak-dikenal", s.sheet, Tingkat="Kabupaten/kota", tertulis=s.tertulis,
                                    sumber=LABEL_SUMBER[s.sumber], regulasi=REGULASI_WILAYAH, terdekat=nama,
                                    opsi="--kabupaten"))
    return dipilih, lain


def _nama_kecamatan_juga(p: _Pilihan, indeks: IndeksWilayah) -> bool:
    return bool(_cari(indeks.kecamatan, p.sebutan.kata))


def _kabupaten_polos(polos: list[_Pilihan], semua: list[Sebutan], indeks: IndeksWilayah) -> _Pilihan | None:
    """Of the kabupaten a sheet or file name's words name without a mark: the one another word of the names puts a
    kecamatan in, else the only one."""
    for p in polos:
        for s in semua:
            if s.tingkat is None and s is not p.sebutan and _persis(s, indeks, "kecamatan", [p.kode]):
                return p
    kode = {p.kode for p in polos}
    return polos[0] if len(kode) == 1 and not _nama_kecamatan_juga(polos[0], indeks) else None


def _kabupaten_bertanda(s: Sebutan, indeks: IndeksWilayah) -> _Pilihan | None:
    """A name after 'Kabupaten'/'Kab.'/'Kota': exactly (the marked kind first: Kota Bogor, Kabupaten Bogor), else
    by similarity."""
    for n in range(len(s.kata), 0, -1):
        kode = _cari(indeks.kabupaten, s.kata[:n])
        if kode:
            sejenis = [k for k in kode if indeks.unit[k].tingkat == s.tingkat] or list(kode)
            if len(sejenis) == 1:
                return _Pilihan(sejenis[0], s, 1.0, "persis")
            return None
    if not s.alami:
        return None
    kode, skor = _mirip(" ".join(s.kata[:s.alami]), indeks.nama_kabupaten, indeks.kabupaten, AMBANG_MIRIP)
    if kode and len(kode) > 1:
        kode = tuple(k for k in kode if indeks.unit[k].tingkat == s.tingkat) or kode
    return _Pilihan(kode[0], s, skor, "mirip") if kode and len(kode) == 1 else None


# ------------------------------------------------------------------------------------------------ kecamatan


def _pilih_kecamatan(semua: list[Sebutan], indeks: IndeksWilayah, kab: _Pilihan | None, kab_lain: list[_Pilihan],
                     konteks: Sequence[str], temuan: list[Temuan],
                     nasional: bool = True) -> tuple[_Pilihan | None, list[str]]:
    """The kecamatan: the first name that resolves (within the kabupaten when known): names after a mark, strongest
    source first; then the names of sheet and file names written exactly, then their words that are similar to
    one — a word that is the kabupaten's own name last (it names the kecamatan of that name only when the kabupaten
    is known from elsewhere too).  Returns it (or
    None) and, when a name was found in several kabupaten and nothing decided, their codes."""
    cakupan = [kab.kode] if kab else None
    nama_kab = lipat(indeks.unit[kab.kode].pendek) if kab else None
    kab_juga = kab is not None and any(q.kode == kab.kode and q.sebutan is not kab.sebutan for q in kab_lain)
    urut = {s: i for i, s in enumerate(SUMBER_WILAYAH)}
    calon = sorted((s for s in semua if s.tingkat in (None, "kecamatan")),
                   key=lambda s: (s.tingkat is None, s.tingkat is None and not s.alami, urut[s.sumber],
                                  s.tingkat is None and " ".join(s.kata) == nama_kab))
    ambigu: list[str] = []
    tak_kenal: list[Sebutan] = []
    kec_konteks = {k for k in konteks if indeks.unit.get(k) and indeks.unit[k].tingkat == "kecamatan"}
    for s in calon:
        kode, n = _persis_n(s, indeks, "kecamatan", cakupan)
        if kab is not None and s.tingkat is None and s.sumber == kab.sebutan.sumber \
                and s.posisi == kab.sebutan.posisi and not kab_juga and not set(kode) & kec_konteks:
            continue  # the word that named the kabupaten ('…_lumajang_…') is not also its kecamatan Lumajang
        if _ragu(s, n):  # 'Kec. Kao Telok': a typo of a longer name before the shorter name 'Kao'
            lebih = _kecamatan_tidak_persis(s, indeks, kab.kode if kab else None, konteks, nasional)
            if lebih is not None and len(lipat(indeks.unit[lebih.kode].pendek).split()) > n:
                return lebih, []
            if kab is None and not nasional:
                continue  # decided by another name, else in the last pass
        cara = "persis"
        if len(kode) > 1 and konteks:
            dalam = tuple(k for k in kode if k in kec_konteks) or tuple(
                k for k in kode if indeks.unit[k].kode_induk in konteks)
            kode, cara = (dalam, "kiriman") if dalam else (kode, cara)
        if len(kode) == 1:
            return _Pilihan(kode[0], s, 1.0, cara), []
        if len(kode) > 1:
            if not ambigu:
                ambigu = list(kode)
                temuan_ambigu = _temuan("wilayah-ambigu", s.sheet, tertulis=s.tertulis, sumber=LABEL_SUMBER[s.sumber],
                                        calon=", ".join(f"{indeks.unit[indeks.unit[k].kode_induk].nama} ({k})"
                                                        for k in kode))
            continue
        p = _kecamatan_tidak_persis(s, indeks, kab.kode if kab else None, konteks, nasional)
        if p is not None:
            return p, []
        if s.tingkat == "kecamatan" and s.alami:
            tak_kenal.append(s)
    if ambigu:
        _tambah(temuan, temuan_ambigu)
    for s in tak_kenal:
        daftar = _nama_anak(indeks, kab.kode) if kab else indeks.nama_kecamatan
        nama = _terdekat(s.kata[:s.alami], daftar, indeks.kecamatan, indeks, cakupan)
        _tambah(temuan, _temuan("wilayah-tidak-dikenal", s.sheet, Tingkat="Kecamatan", tertulis=s.tertulis,
                                sumber=LABEL_SUMBER[s.sumber], regulasi=REGULASI_WILAYAH, terdekat=nama,
                                opsi="--kecamatan"))
    return None, ambigu


def _ragu(s: Sebutan, n: int) -> bool:
    """A marked name of which only the first ``n`` words, fewer than it has, are a name of the list."""
    return s.tingkat is not None and 0 < n < s.alami


def _kecamatan_lain(semua: list[Sebutan], indeks: IndeksWilayah, kab: _Pilihan | None) -> list[_Pilihan]:
    """The kecamatan other names write exactly (within the kabupaten), but not a word that is the kabupaten's own
    name nor a doubtful prefix (``_ragu``): to report a disagreement."""
    nama_kab = lipat(indeks.unit[kab.kode].pendek) if kab else None
    hasil = []
    for s in semua:
        if s.tingkat not in (None, "kecamatan") or (s.tingkat is None and " ".join(s.kata) == nama_kab):
            continue
        kode, n = _persis_n(s, indeks, "kecamatan", [kab.kode] if kab else None)
        if kode and not _ragu(s, n):
            hasil.append(_Pilihan(kode[0], s, 1.0, "persis"))
    return hasil


def _kecamatan_tidak_persis(s: Sebutan, indeks: IndeksWilayah, kab: str | None, konteks: Sequence[str],
                            nasional: bool) -> _Pilihan | None:
    """A name not written exactly, by similarity: within the kabupaten when known; else among the kecamatan of the
    delivery (``konteks``), then in its kabupaten, then — a marked name, with ``nasional`` — in the whole country.
    A marked name may also be an abbreviation of one of the kabupaten's kecamatan ('Kec. Sdr')."""
    if s.tingkat is None and (len(s.kata[0]) < PANJANG_MIRIP_MIN or not s.kata):
        return None
    if s.tingkat is not None and not s.alami:
        return None
    teks = s.kata[0] if s.tingkat is None else " ".join(s.kata[:s.alami])
    ambang = AMBANG_MIRIP_TANPA_PENANDA if s.tingkat is None else AMBANG_MIRIP
    for daftar, saring in _cakupan_mirip(indeks, kab, konteks, nasional and s.tingkat is not None):
        kode, skor = _mirip(teks, daftar, indeks.kecamatan, ambang, saring)
        if len(kode) == 1:
            return _Pilihan(kode[0], s, skor, "mirip")
        if kode:
            return None
    if kab is not None and s.tingkat is not None:
        cocok = [k for k in indeks.anak.get(kab, ()) if _singkatan(s.kata[:s.alami], indeks.unit[k].pendek)]
        if len(cocok) == 1:
            return _Pilihan(cocok[0], s, KEYAKINAN_SINGKATAN, "singkatan")
    return None


def _cakupan_mirip(indeks: IndeksWilayah, kab: str | None, konteks: Sequence[str], nasional: bool):
    """(names, filter) where a name is looked for by similarity, nearest first."""
    if kab is not None:
        yield _nama_anak(indeks, kab), lambda k: indeks.unit[k].kode_induk == kab
        return
    kec = {k for k in konteks if k in indeks.unit and indeks.unit[k].tingkat == "kecamatan"}
    kb = {k for k in konteks if k in indeks.unit and indeks.unit[k].tingkat in KAB}
    if kec:
        yield tuple(sorted({lipat(indeks.unit[k].pendek) for k in kec})), kec.__contains__
    if kb:
        yield _nama_anak(indeks, *sorted(kb)), lambda k: indeks.unit[k].kode_induk in kb
    if nasional:
        yield indeks.nama_kecamatan, None


def _nama_anak(indeks: IndeksWilayah, *kab: str) -> tuple[str, ...]:
    """Folded names of the kecamatan of the given kabupaten."""
    return tuple(sorted({lipat(indeks.unit[k].pendek) for kb in kab for k in indeks.anak.get(kb, ())}))


# ------------------------------------------------------------------------------------------------ matching


def _cari(peta: dict[str, tuple[str, ...]], kata: Sequence[str]) -> tuple[str, ...]:
    return peta.get(" ".join(kata)) or peta.get("".join(kata)) or ()


def _persis(s: Sebutan, indeks: IndeksWilayah, tingkat: str, cakupan: Sequence[str] | None = None) -> tuple[str, ...]:
    """Codes whose name ``s`` writes exactly (folded): the longest leading words of a marked name, all of an
    unmarked one; kecamatan within ``cakupan`` kabupaten when given."""
    return _persis_n(s, indeks, tingkat, cakupan)[0]


def _persis_n(s: Sebutan, indeks: IndeksWilayah, tingkat: str,
              cakupan: Sequence[str] | None = None) -> tuple[tuple[str, ...], int]:
    """``_persis`` and how many words the name has."""
    peta = indeks.kecamatan if tingkat == "kecamatan" else indeks.kabupaten
    panjang = range(len(s.kata), 0, -1) if s.tingkat is not None else (len(s.kata),)
    if s.tingkat is None and not s.alami:
        return (), 0
    for n in panjang:
        kode = _cari(peta, s.kata[:n])
        if kode and cakupan is not None and tingkat == "kecamatan":
            kode = tuple(k for k in kode if indeks.unit[k].kode_induk in cakupan)
        if kode:
            return kode, n
    return (), 0


def _mirip(teks: str, daftar: Sequence[str], peta: dict[str, tuple[str, ...]], ambang: float,
           saring=None) -> tuple[tuple[str, ...], float]:
    """Codes (those ``saring`` keeps) of the one name of ``daftar`` most similar to ``teks`` (ratio ≥ ``ambang``,
    ahead of the next name by BEDA_MIRIP_MIN), and the score 0-1; () when none."""
    if not teks or not daftar:
        return (), 0.0
    hasil = mirip_teratas(teks, daftar, 2, ambang)
    if not hasil:
        return (), 0.0
    if len(hasil) > 1 and (hasil[0][1] - hasil[1][1]) / 100 < BEDA_MIRIP_MIN:
        return (), 0.0
    kode = tuple(k for k in peta.get(hasil[0][0], ()) if saring is None or saring(k))
    return kode, round(hasil[0][1] / 100, 2)


def _singkatan(kata: Sequence[str], nama: str) -> bool:
    """'lmj' for Lumajang: the letters of one word, the name's first letter first, in the name's order."""
    if len(kata) != 1 or len(kata[0]) < PANJANG_SINGKATAN_MIN:
        return False
    s, n = kata[0], lipat(nama).replace(" ", "")
    if not n or s[0] != n[0] or s == n:
        return False
    it = iter(n)
    return all(c in it for c in s)


def _terdekat(kata: Sequence[str], daftar: Sequence[str], peta: dict[str, tuple[str, ...]], indeks: IndeksWilayah,
              cakupan: Sequence[str] | None = None) -> str:
    """The nearest official names to a name not in the list, with their codes ('Senduro (35.08.12), …')."""
    hasil = mirip_teratas(" ".join(kata), daftar, MAKS_TERDEKAT)
    nama = []
    for teks, _ in hasil:
        for k in peta.get(teks, ()):
            u = indeks.unit[k]
            if cakupan is not None and u.kode_induk not in cakupan and u.kode not in cakupan:
                continue
            induk = indeks.unit.get(u.kode_induk)
            di = f", {induk.nama}" if u.tingkat == "kecamatan" and induk and cakupan is None else ""
            nama.append(f"{u.nama} ({k}{di})")
    return ", ".join(nama[:MAKS_TERDEKAT]) or "-"


# ------------------------------------------------------------------------------------------------ findings


def _kata_tingkat(u: Unit) -> str:
    return "Kecamatan" if u.tingkat == "kecamatan" else "Kabupaten" if u.tingkat == "kabupaten" else "Kota"


def _nama_tampil(u: Unit) -> str:
    return f"Kecamatan {u.nama}" if u.tingkat == "kecamatan" else u.nama


def _temuan(aturan: str, sheet: str | None, **isian) -> Temuan:
    """A finding of the identification: its rule, the sheet it was read from (a title or sheet name) and the
    message's values (``kode`` is the unit's kode wilayah, not the finding's item)."""
    return ATURAN_WILAYAH[aturan].temuan({"sheet": sheet}, isian=isian)


def _tambah(temuan: list[Temuan], t: Temuan) -> None:
    if t not in temuan:
        temuan.append(t)


def _catat_cara(p: _Pilihan, indeks: IndeksWilayah, temuan: list[Temuan]) -> None:
    """A typo or an abbreviation read (with the confidence), or a unit taken from a name rather than a title."""
    u = indeks.unit[p.kode]
    s = p.sebutan
    if p.cara == "mirip":
        _tambah(temuan, _temuan("wilayah-ejaan-mirip", s.sheet, Tingkat=_kata_tingkat(u), tertulis=s.tertulis,
                                sumber=LABEL_SUMBER[s.sumber], resmi=_nama_tampil(u), kode=u.kode,
                                keyakinan=f"{p.keyakinan:.2f}"))
    elif p.cara == "singkatan":
        _tambah(temuan, _temuan("wilayah-singkatan", s.sheet, tertulis=s.tertulis, sumber=LABEL_SUMBER[s.sumber],
                                resmi=_nama_tampil(u), kode=u.kode))
    if s.sumber in ("sheet", "nama-berkas") and p.cara != "mirip":
        _tambah(temuan, _temuan("wilayah-dari-nama", s.sheet, Tingkat=_kata_tingkat(u), resmi=_nama_tampil(u).split(
            " ", 1)[-1] if u.tingkat == "kecamatan" else u.pendek, kode=u.kode, sumber=LABEL_SUMBER[s.sumber],
            tertulis=s.tertulis))


def _beda(p: _Pilihan, lain: Iterable[_Pilihan], indeks: IndeksWilayah, temuan: list[Temuan]) -> None:
    """One finding per other source naming another unit than the one chosen."""
    dilihat = set()
    for q in lain:
        if q.kode == p.kode or q.sebutan.sumber == p.sebutan.sumber or q.sebutan.sumber in dilihat:
            continue
        dilihat.add(q.sebutan.sumber)
        u, v = indeks.unit[p.kode], indeks.unit[q.kode]
        _tambah(temuan, _temuan("wilayah-berbeda", q.sebutan.sheet, sumber_lain=LABEL_SUMBER[q.sebutan.sumber]
                                .capitalize(), lain=f"{_nama_tampil(v)} ({v.kode})", sumber=LABEL_SUMBER[p.sebutan.sumber],
                                resmi=_nama_tampil(u), kode=u.kode))


# ------------------------------------------------------------------------------------------------ folders


def folder_wilayah(hasil: HasilWilayah | None, berkas: str) -> tuple[str, str]:
    """The kabupaten and kecamatan parts of an output folder: the official names' slugs ('lumajang', 'senduro'; a
    kota 'kota-<name>'), or for a file whose kecamatan is not known ``tanpa-kecamatan-<file name>``: never a folder
    shared with another file."""
    if hasil is None or hasil.kode_kabupaten is None:
        kab = FOLDER_TANPA_KABUPATEN
    else:
        kab = slug(hasil.kabupaten_resmi) if hasil.kabupaten_resmi.lower().startswith("kota") else slug(
            hasil.kabupaten)
    kec = slug(hasil.kecamatan) if hasil is not None and hasil.kode else f"{AWALAN_TANPA_KECAMATAN}{slug(berkas)}"
    return kab, kec


def daftar_kecamatan(indeks: IndeksWilayah, kode_kabupaten: str) -> pd.DataFrame:
    """The kecamatan of a kabupaten/kota in kode order: columns ``kode_wilayah``, ``kecamatan``, ``slug``."""
    kode = indeks.anak.get(kode_kabupaten, ())
    return pd.DataFrame({"kode_wilayah": list(kode), "kecamatan": [indeks.unit[k].nama for k in kode],
                         "slug": [slug(indeks.unit[k].nama) for k in kode]})


def kabupaten_dari_nama(indeks: IndeksWilayah, nama: str) -> tuple[str, ...]:
    """Codes of the kabupaten/kota a name or folder slug names ('Lumajang', 'lumajang', 'kota-bogor', 'Kab.
    Bogor')."""
    kata = tuple(t[1] for t in _token(nama.replace("-", " ")))
    tingkat = None
    if kata and PENANDA.get(kata[0]) in KAB:
        tingkat, kata = PENANDA[kata[0]], kata[1:]
    kode = _cari(indeks.kabupaten, kata) if kata else ()
    if tingkat:
        kode = tuple(k for k in kode if indeks.unit[k].tingkat == tingkat) or kode
    elif len(kode) > 1:
        kode = tuple(k for k in kode if indeks.unit[k].tingkat == "kabupaten") or kode
    return kode
