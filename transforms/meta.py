"""Read a table's metadata from its own texts: year, kabupaten, kecamatan (titles, headers) and the signature."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: transforms.tabel is not loaded for it
    from transforms.tabel import Tabel

_TAHUN = re.compile(r"\btahun\s+(?:anggaran\s+)?((?:19|20)\d{2})\b", re.I)
_KABUPATEN = re.compile(r"\b(?:kabupaten|kab\.)\s+([a-z][a-z .'-]*)", re.I)
_KOTA = re.compile(r"^\s*kota\s+([a-z][a-z .'-]*)", re.I)
_KECAMATAN = re.compile(r"\b(?:kecamatan|kec\.)\s+([a-z][a-z .'-]*)", re.I)
_CAMAT = re.compile(r"^\s*camat\s+([a-z][a-z .'-]*)$", re.I)
_NIP = re.compile(r"^\s*nip\.?\s*[:.]?\s*([\d ]+)$", re.I)


def baca_meta(judul: Iterable[str], header: Iterable[str], penutup: Iterable[str]) -> dict:
    """``tahun`` (int or None), ``kabupaten``, ``kecamatan`` (title case or None) and ``tanda_tangan``.

    The year is year *n*: the first 'Tahun NNNN' of the titles, else of the headers.  Kabupaten and
    kecamatan come from the title lines, the kecamatan else from the signature ('CAMAT SENDURO').
    """
    judul, header, penutup = list(judul), list(header), list(penutup)
    tahun = _pertama(_TAHUN, judul) or _pertama(_TAHUN, header)
    kabupaten = _pertama(_KABUPATEN, judul) or _pertama(_KOTA, judul)
    kecamatan = _pertama(_KECAMATAN, judul) or _pertama(_CAMAT, penutup)
    return {
        "tahun": int(tahun) if tahun else None,
        "kabupaten": _rapikan(kabupaten),
        "kecamatan": _rapikan(kecamatan),
        "tanda_tangan": baca_tanda_tangan(penutup),
    }


def baca_tanda_tangan(penutup: list[str]) -> dict | None:
    """Place and date, title, name and NIP from the lines below a table (None when there is no signature)."""
    baris = [" ".join(t.split()) for t in penutup if t and t.strip()]
    if not baris:
        return None
    tt: dict[str, str] = {}
    for t in baris:
        if m := _NIP.match(t):
            tt["nip"] = " ".join(m.group(1).split())
        elif "," in t and re.search(r"\d{4}\s*$", t) and "tempat_tanggal" not in tt:
            tt["tempat_tanggal"] = t
        elif re.match(r"^(camat|kepala|sekretaris|plt|plh|pj)\b", t, re.I) and "jabatan" not in tt:
            tt["jabatan"] = t
        elif "jabatan" in tt and "nama" not in tt:
            tt["nama"] = t
    return tt or None


def meta_berkas(tabel: Iterable[Tabel], selisih_tahun: Mapping[str, int], tahun: int | None = None,
                kabupaten: str | None = None, kecamatan: str | None = None) -> dict:
    """A file's ``tahun`` (year n), ``kabupaten``, ``kecamatan`` and ``tanda_tangan`` from its tables' own texts
    (``baca_meta``), each from the first table that gives it — ``tabel`` in priority order (T-C.33's first) — with a
    title's year shifted by ``selisih_tahun[layout]`` (T-C.29 and T-C.32 titles name n-1); then the operator's
    ``tahun``, ``kabupaten`` and ``kecamatan``, which win when given.  Kabupaten and kecamatan are as written (the
    identification replaces them by the official unit)."""
    meta = {"tahun": None, "kabupaten": None, "kecamatan": None, "tanda_tangan": None}
    for t in tabel:
        calon = baca_meta(t.judul, t.header_teks.values(), t.penutup)
        if calon["tahun"]:
            calon["tahun"] += selisih_tahun.get(t.layout, 0)
        for kunci, nilai in calon.items():
            if meta[kunci] is None and nilai:
                meta[kunci] = nilai
    for kunci, nilai in (("tahun", tahun), ("kabupaten", kabupaten), ("kecamatan", kecamatan)):
        if nilai:
            meta[kunci] = nilai
    return meta


SLUG_MAKS = 120  # characters of a slug; a longer one is cut and ends with its hash


def slug(nama: str) -> str:
    """A file-system-safe folder name: ASCII, lower case, words joined by '-' ('Kecamatan Sénduro – revisi 2' →
    'kecamatan-senduro-revisi-2'); never empty, never '.' or '..', at most SLUG_MAKS characters.

    Where the ASCII form loses what tells names apart, the first 8 hex digits of the name's SHA-1 follow, so that
    different names stay different folders: letters or digits of another script ('ꦱꦼꦤ꧀ꦢꦸꦫꦺꦴ' →
    'tanpa-nama-<hash>', 'Renja سندورو' → 'renja-<hash>'), a name of punctuation only ('..' → 'tanpa-nama-<hash>';
    an empty or blank name is 'tanpa-nama'), a name cut at SLUG_MAKS."""
    urai = unicodedata.normalize("NFKD", nama)
    t = "-".join(re.findall(r"[a-z0-9]+", urai.encode("ascii", "ignore").decode().lower()))
    sidik = hashlib.sha1(nama.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not t:
        return f"tanpa-nama-{sidik}" if nama.strip() else "tanpa-nama"
    if any(c.isalnum() and not c.isascii() for c in urai):
        t = f"{t}-{sidik}"
    if len(t) > SLUG_MAKS:
        t = f"{t[:SLUG_MAKS - 9].rstrip('-')}-{sidik}"
    return t


def _pertama(pola: re.Pattern, teks: list[str]) -> str | None:
    for t in teks:
        if m := pola.search(t):
            return m.group(1)
    return None


def _rapikan(nama: str | None) -> str | None:
    if not nama:
        return None
    nama = re.split(r"\s+(?:tahun|provinsi|kabupaten|kecamatan)\b", nama.strip(), flags=re.I)[0]
    return " ".join(w.capitalize() for w in nama.strip(" .-").split()) or None
