"""Write the README's table of rules from the registry in schemas/aturan.py (one source of truth).

`python tools/dokumen_aturan.py` prints the section; `--tulis` replaces it in README.md between the markers
`<!-- aturan:awal -->` and `<!-- aturan:akhir -->`.  tests/test_readme.py fails when the README is out of date.
One table per origin (`schemas.aturan.ASAL`, in pipeline order), one row per rule: its code, severity, the tables
it is raised for (in the order of the column docs; — when it is not one table's) and when (its ``keterangan``, else its message template).
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: tools/dokumen_aturan.py
    sys.path.insert(0, str(REPO))

from schemas.aturan import ASAL, Registri, semua_aturan  # noqa: E402
from tools.dokumen_kolom import TABEL, ganti_di_antara, utama  # noqa: E402

AWAL, AKHIR = "<!-- aturan:awal -->", "<!-- aturan:akhir -->"


def nama_tabel() -> dict[str, str]:
    """Layout id → table name, in the order of the column docs ('TC-33' → 'T-C.33', …)."""
    layout = [importlib.import_module(f"schemas.{modul}").LAYOUT for modul, _, _ in TABEL]
    return {lay.id: lay.nama for lay in layout}


def _baris(registri: Registri, kode: str, nama: dict[str, str]) -> str:
    aturan = registri[kode]
    tabel = ", ".join(nama[t] for t in nama if t in registri.tabel(kode)) or "—"
    ket = aturan.keterangan or f"*{aturan.templat}*"
    return f"| `{kode}` | {aturan.tingkat} | {tabel} | {ket.replace('|', '/')} |"


def bagian() -> str:
    registri, nama = semua_aturan(), nama_tabel()
    urut_tabel = {t: i for i, t in enumerate(nama)}
    baris = []
    for asal, judul in ASAL.items():
        kode = [k for k in registri if registri[k].asal == asal]
        if not kode:
            continue
        kode.sort(key=lambda k: (min((urut_tabel[t] for t in registri.tabel(k)), default=-1), k))
        baris += [f"#### {judul}", "", "| rule (`aturan`) | severity | tables | raised when |", "|---|---|---|---|"]
        baris += [_baris(registri, k, nama) for k in kode]
        baris.append("")
    return "\n".join(baris).rstrip() + "\n"


def ganti(teks: str) -> str:
    return ganti_di_antara(teks, AWAL, AKHIR, bagian())


if __name__ == "__main__":
    utama(ganti, bagian)
