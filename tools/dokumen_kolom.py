"""Write the README's section on the tidy CSV columns from the declarations in schemas/ (one source of truth).

`python tools/dokumen_kolom.py` prints the section; `--tulis` replaces it in README.md between the markers
`<!-- kolom:awal -->` and `<!-- kolom:akhir -->`.  tests/test_readme.py fails when the README is out of date.
"""
from __future__ import annotations

import io
import re
import sys
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: tools/dokumen_kolom.py
    sys.path.insert(0, str(REPO))

from schemas.wilayah import KETERANGAN_KOLOM_WILAYAH, KOLOM_WILAYAH  # noqa: E402
README = REPO / "README.md"
AWAL, AKHIR = "<!-- kolom:awal -->", "<!-- kolom:akhir -->"
TABEL = (  # (schema module, CSV file, table)
    ("tc33", "TC-33.csv", "T-C.33"),
    ("tc29", "TC-29.csv", "T-C.29"),
    ("tc30", "TC-30.csv", "T-C.30"),
    ("tc31", "TC-31.csv", "T-C.31"),
    ("tc32", "TC-32.csv", "T-C.32"),
    ("tabel41", "TabelIV-1.csv", "Tabel 4.1"),
)


def kolom_dengan_keterangan(sumber: str) -> list[tuple[str, str]]:
    """(column, comment) pairs of the ``TIDY_COLUMNS = (...)`` tuple in a schema module's source text."""
    blok = re.search(r"^TIDY_COLUMNS = \($(.*?)^\)", sumber, re.S | re.M)
    if not blok:
        return []
    hasil: list[tuple[str, str]] = []
    for tok in tokenize.generate_tokens(io.StringIO(blok.group(1)).readline):
        if tok.type == tokenize.STRING:
            hasil.append((tok.string.strip("\"'"), ""))
        elif tok.type == tokenize.COMMENT and hasil:
            teks = tok.string.lstrip("#").strip()
            nama, lama = hasil[-1]
            hasil[-1] = (nama, f"{lama} {teks}".strip())
    return hasil


def _bawaan(kolom: str) -> str:
    """What a column without its own comment means, by the naming convention."""
    if kolom.endswith("_nilai"):
        return f"the number read from `{kolom[:-6]}` (Float64)"
    if kolom.endswith("_satuan"):
        return f"the canonical satuan of `{kolom[:-7]}`"
    if kolom == "sheet":
        return "source sheet"
    return "as written in the source (whitespace folded)"


def bagian() -> str:
    baris = []
    for modul, berkas, tabel in TABEL:
        kolom = kolom_dengan_keterangan((REPO / "schemas" / f"{modul}.py").read_text(encoding="utf-8"))
        baris += [f"#### `data/{berkas}` — {tabel}", "", "| column | meaning |", "|---|---|"]
        baris += [f"| `{k}` | {(ket or _bawaan(k)).replace('|', '/')} |" for k, ket in kolom]
        baris += [f"| `{k}` | {KETERANGAN_KOLOM_WILAYAH[k]} |" for k in KOLOM_WILAYAH]  # added by the writer
        baris.append("")
    return "\n".join(baris).rstrip() + "\n"


def ganti_di_antara(teks: str, awal: str, akhir: str, isi: str) -> str:
    """``teks`` with what stands between the markers ``awal`` and ``akhir`` replaced by ``isi``."""
    a, b = teks.index(awal) + len(awal), teks.index(akhir)
    return teks[:a] + "\n" + isi + teks[b:]


def ganti(teks: str) -> str:
    return ganti_di_antara(teks, AWAL, AKHIR, bagian())


def utama(ganti_fn, bagian_fn) -> None:
    """A README docs tool's command line: ``--tulis`` rewrites its section of README.md, else prints it."""
    if "--tulis" in sys.argv:
        README.write_text(ganti_fn(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(bagian_fn())


if __name__ == "__main__":
    utama(ganti, bagian)
