"""Keluaran acuan untuk perubahan yang tidak boleh mengubah keluaran (refaktor, percepatan): buat masukan sekali,
jalankan `renja run` atasnya di kode lama dan kode baru, lalu bandingkan kedua pohon keluaran byte demi byte.

    .venv/bin/python tools/acuan.py siapkan /tmp/acuan/masukan [--jumlah 40] [--seed 11]
    .venv/bin/python tools/acuan.py jalankan /tmp/acuan/masukan /tmp/acuan/lama     # di worktree kode lama
    .venv/bin/python tools/acuan.py jalankan /tmp/acuan/masukan /tmp/acuan/baru     # di worktree kode baru
    .venv/bin/python tools/acuan.py banding /tmp/acuan/lama /tmp/acuan/baru

`siapkan` menulis beberapa folder masukan (contoh yang dikirim proyek; fixture T-C.33; N kecamatan buatan
`tools/generator.py`); masukan dibuat sekali dan dipakai kedua sisi, jadi perubahan generator tidak mengaburkan
perbandingan. `jalankan` memanggil perintah `renja` (antarmuka yang tetap walau modul dipindah) sekali per folder
masukan dan per varian opsi (`VARIAN`), ke `<keluar>/<varian>/<folder>/`. `banding` membandingkan setiap berkas;
satu-satunya yang dinormalkan adalah waktu pembuatan ISO (`2026-12-03T11:20:01`, di validasi.json, sumber.json,
laporan.html), dan berkas kunci `.renja.lock` dilewati. Keluar 1 bila ada beda, dengan daftar berkasnya.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # dijalankan sebagai skrip: tools/acuan.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
VARIAN = {"bawaan": [], "digit2": ["--digit-sub-kegiatan", "2"]}
WAKTU = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?")
DILEWATI = {".renja.lock"}


def siapkan(folder: Path, jumlah: int, seed: int) -> None:
    """Folder masukan: ``contoh/`` (input/ proyek), ``tc33/`` (fixture T-C.33 saja), ``buatan/`` (N kecamatan)."""
    from tools.generator import buat

    folder.mkdir(parents=True, exist_ok=True)
    for nama, sumber in (("contoh", REPO / "input"), ("tc33", REPO / "tests" / "fixtures")):
        tujuan = folder / nama
        tujuan.mkdir(exist_ok=True)
        for p in sumber.glob("*.xlsx"):
            shutil.copy2(p, tujuan / p.name)
    buat(jumlah, folder / "buatan", seed=seed)


def jalankan(masukan: Path, keluar: Path) -> int:
    """`renja run` atas setiap folder masukan dan setiap varian; status keluar terburuk."""
    renja = Path(sys.executable).with_name("renja")
    terburuk = 0
    for varian, opsi in VARIAN.items():
        for sub in sorted(p for p in masukan.iterdir() if p.is_dir()):
            tujuan = keluar / varian / sub.name
            if tujuan.exists():
                shutil.rmtree(tujuan)
            perintah = [str(renja), "run", "--input", str(sub), "--output", str(tujuan), *opsi]
            print("$", " ".join(perintah), flush=True)
            r = subprocess.run(perintah, capture_output=True, text=True)
            print(f"  status {r.returncode}, {sum(1 for _ in tujuan.rglob('*') if _.is_file())} berkas", flush=True)
            terburuk = max(terburuk, r.returncode if r.returncode != 1 else 0)
    return terburuk


def _isi(path: Path) -> bytes:
    data = path.read_bytes()
    return WAKTU.sub(b"<waktu>", data) if path.suffix in (".json", ".html", ".csv", ".txt") else data


def banding(a: Path, b: Path) -> list[str]:
    """Berkas yang berbeda, hanya ada di satu sisi (``+``/``-``), atau isinya lain (``≠``)."""
    berkas_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.name not in DILEWATI}
    berkas_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name not in DILEWATI}
    beda = [f"- {p}" for p in sorted(berkas_a - berkas_b)] + [f"+ {p}" for p in sorted(berkas_b - berkas_a)]
    beda += [f"≠ {p}" for p in sorted(berkas_a & berkas_b) if _isi(a / p) != _isi(b / p)]
    return beda


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="perintah", required=True)
    s = sub.add_parser("siapkan")
    s.add_argument("folder", type=Path)
    s.add_argument("--jumlah", type=int, default=40)
    s.add_argument("--seed", type=int, default=11)
    j = sub.add_parser("jalankan")
    j.add_argument("masukan", type=Path)
    j.add_argument("keluar", type=Path)
    b = sub.add_parser("banding")
    b.add_argument("a", type=Path)
    b.add_argument("b", type=Path)
    arg = ap.parse_args(argv)
    if arg.perintah == "siapkan":
        siapkan(arg.folder, arg.jumlah, arg.seed)
        return 0
    if arg.perintah == "jalankan":
        return jalankan(arg.masukan, arg.keluar)
    beda = banding(arg.a, arg.b)
    jumlah = sum(1 for p in arg.a.rglob("*") if p.is_file() and p.name not in DILEWATI)
    for baris in beda:
        print(baris)
    print(f"{jumlah} berkas di {arg.a}; {len(beda)} berbeda.")
    return 1 if beda else 0


if __name__ == "__main__":
    sys.exit(main())
