"""Micro-benchmark of a part's last two steps, checking (Great Expectations) and writing, in one process.

    .venv/bin/python tools/bench_bagian.py siapkan DIR [--jumlah 21] [--seed 7]
    .venv/bin/python tools/bench_bagian.py ukur DIR [--ulang 3] [--langkah periksa,tulis] [--profil BERKAS]
                                                    [--keluar FOLDER]

``siapkan`` generates ``--jumlah`` kecamatan (tools/generator.py, no .xls), reads, groups and tidies them with the
project's own functions (in this process: ``RENJA_ISOLASI=0``) and pickles the tidied part (``DIR/siap.pickle``), so
that ``ukur`` times only ``periksa_bagian`` and ``tulis_bagian`` (flows/langkah/bagian.py) on the same input.
``ukur`` warms up once (GX imported, first run), then runs each step ``--ulang`` times and prints the CPU seconds
(time.process_time) per kecamatan of each step: the least of the repeats and their median.  ``--profil`` writes a
cProfile of the repeats; ``--keluar`` keeps the last outputs (compare two with ``tools/acuan.py banding``).
"""
from __future__ import annotations

import argparse
import os
import pickle
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: tools/bench_bagian.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("RENJA_ISOLASI", "0")

WAKTU = datetime(2026, 1, 2, 3, 4, 5)  # the outputs' time, fixed so that two runs give the same bytes


def siapkan(folder: Path, jumlah: int, seed: int) -> None:
    from flows.data.nomenklatur import keterangan_daftar, nomenklatur_terpasang
    from flows.langkah.baca import baca_berkas
    from flows.langkah.bagian import rapikan_bagian
    from flows.langkah.rapikan import kelompokkan
    from tools import generator

    masuk = folder / "masuk"
    if masuk.exists():
        shutil.rmtree(masuk)
    paths = generator.buat(jumlah, masuk, seed=seed, xls=False)
    bacaan = [baca_berkas(p) for p in sorted(paths)]
    kelompok = kelompokkan([b for b in bacaan if b.gagal is None])
    nomenklatur = nomenklatur_terpasang(None)
    siap = rapikan_bagian(list(kelompok.values()), nomenklatur)
    with open(folder / "siap.pickle", "wb") as f:
        pickle.dump({"siap": siap, "keterangan": keterangan_daftar(nomenklatur)}, f, pickle.HIGHEST_PROTOCOL)
    print(f"{len(siap)} kecamatan disiapkan di {folder / 'siap.pickle'}")


def ukur(folder: Path, ulang: int, langkah: set[str], profil: Path | None, keluar: Path | None) -> None:
    from flows.langkah.bagian import periksa_bagian, tulis_bagian

    with open(folder / "siap.pickle", "rb") as f:
        data = pickle.load(f)
    siap, keterangan = data["siap"], data["keterangan"]
    n = len(siap)
    kerja = Path(tempfile.mkdtemp(prefix="bench-bagian-"))

    def periksa():
        return periksa_bagian(siap)

    def tulis(diperiksa, ke: Path):
        if ke.exists():
            shutil.rmtree(ke)
        return tulis_bagian(siap, diperiksa, ke, WAKTU, keterangan, 4)

    t0 = time.process_time()
    diperiksa = periksa()
    t1 = time.process_time()
    tulis(diperiksa, kerja / "0")
    t2 = time.process_time()
    print(f"pemanasan: periksa {t1 - t0:.2f} s, tulis {t2 - t1:.2f} s CPU ({n} kecamatan)")
    pr = None
    if profil is not None:
        import cProfile

        pr = cProfile.Profile()
    waktu: dict[str, list[float]] = {"periksa": [], "tulis": []}
    for r in range(ulang):
        if "periksa" in langkah:
            if pr:
                pr.enable()
            t = time.process_time()
            diperiksa = periksa()
            waktu["periksa"].append(time.process_time() - t)
            if pr:
                pr.disable()
        if "tulis" in langkah:
            if pr:
                pr.enable()
            t = time.process_time()
            tulis(diperiksa, kerja / "1")
            waktu["tulis"].append(time.process_time() - t)
            if pr:
                pr.disable()
    for nama, xs in waktu.items():
        if xs:
            print(f"{nama}: {min(xs) / n:.4f} s/kecamatan terkecil, {statistics.median(xs) / n:.4f} median "
                  f"({ulang}× {n} kecamatan; CPU {', '.join(f'{x:.2f}' for x in xs)} s)")
    if pr:
        pr.dump_stats(str(profil))
    if keluar is not None:
        if keluar.exists():
            shutil.rmtree(keluar)
        tulis(diperiksa, keluar)
        print(f"keluaran: {keluar}")
    shutil.rmtree(kerja, ignore_errors=True)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="perintah", required=True)
    s = sub.add_parser("siapkan")
    s.add_argument("folder", type=Path)
    s.add_argument("--jumlah", type=int, default=21)
    s.add_argument("--seed", type=int, default=7)
    u = sub.add_parser("ukur")
    u.add_argument("folder", type=Path)
    u.add_argument("--ulang", type=int, default=3)
    u.add_argument("--langkah", default="periksa,tulis")
    u.add_argument("--profil", type=Path, default=None)
    u.add_argument("--keluar", type=Path, default=None)
    a = p.parse_args(argv)
    if a.perintah == "siapkan":
        a.folder.mkdir(parents=True, exist_ok=True)
        siapkan(a.folder, a.jumlah, a.seed)
    else:
        ukur(a.folder, a.ulang, set(a.langkah.split(",")), a.profil, a.keluar)


if __name__ == "__main__":
    main()
