"""How a table layout is declared: the fields its header names, the fields it needs, the title that names it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceField:
    """A source column recognised by its header text.

    A header is the folded text (lower case, punctuation as spaces) of its group header (merged over several
    columns) and its own header.  ``aliases``: each a tuple of words that must all occur in "group own" text
    (a word longer than 3 letters may also occur inside a longer word); ``group``/``not_group``: a word the
    header text must / must not contain.  Each field claims the leftmost column it matches — or, with
    ``per_tahun``, every column it matches, named ``<name>@<year>`` after the year in the own header.
    """

    name: str
    aliases: tuple[tuple[str, ...], ...]
    group: str | None = None
    not_group: str | None = None
    per_tahun: bool = False


@dataclass(frozen=True)
class Layout:
    """A table layout: ``id`` (output file stem, e.g. 'TC-33'), ``nama`` (as people write it), ``judul`` (regexes on
    folded title text that name it), its source fields in matching order, the fields a header must name, and
    the fields whose cells are text that may continue on the next row (page breaks)."""

    id: str
    nama: str
    judul: tuple[str, ...]
    fields: tuple[SourceField, ...]
    wajib: tuple[str, ...]
    teks_lanjutan: tuple[str, ...] = ()
    total_menutup: bool = True  # a TOTAL/JUMLAH row ends the table
    penanda: tuple[str, ...] = field(default=())  # extra words a header row must contain (lower case)

    def judul_cocok(self, teks_judul: str) -> bool:
        return any(re.search(p, teks_judul) for p in self.judul)


def pola_nomor_tabel(*kode: str) -> tuple[str, ...]:
    """Regexes matching a table number however it is typed: 'T-C.33', 'TC 33', 'T.C-3.3', 'tc33'."""
    pola = []
    for k in kode:
        angka = r"\s?".join(c for c in k if c.isalnum())  # folded text: '3.1' reads '3 1
        pola.append(rf"\bt\s?c\s?{angka}\b")
    return tuple(pola)
