"""The bounded fuzz campaign of the suite (issue 15): 300 mutants of the shipped sample, seed 15, through the pipeline
as `renja run` reads and writes them (tools/fuzz.py, with the built-in nomenclature and the capped worker process).

Run in two halves of the same 300 recipes, each by a test module of its own (tests/test_fuzz_kampanye_1.py, _2.py)
with one worker process: with ``--dist loadfile`` the two halves run side by side on two of the suite's test processes
instead of one 300-mutant test setting the floor of the suite's time.  Together they run exactly the mutants the
single campaign ran, and each half asserts what the whole did, in proportion.  The hypothesis property test of
olah_workbook is part of it (``kampanye_separuh``)."""
from __future__ import annotations

from pathlib import Path

from flows.data.nomenklatur import nomenklatur_terpasang
from tools.fuzz import HasilMutan, jalankan_kampanye, ringkasan
from tools.mutasi import tarik_resep

JUMLAH, BENIH = 300, 15  # the bounded campaign: 300 mutants, seed 15
BAGIAN = 2  # run in halves, one per test module
PEKERJA = 1  # worker processes per half: another of the suite's test processes runs the other half
TIAP_WORKBOOK = 12  # one mutant in twelve (26 of the 300) through the single-file entry point, olah_workbook


def kampanye_separuh(ke: int, folder: Path) -> None:
    """Half ``ke`` (0 or 1) of the bounded campaign: not one internal error, not one file past the time limit; and the
    campaign is not idle (more than half of its mutants give outputs, more than one in twenty is refused, some go
    through olah_workbook).

    Most mutants go the way of `renja run` (baca_berkas in the worker, then olah_banyak by parts in the worker); one
    in TIAP_WORKBOOK through olah_workbook, the single-file entry point, in this process: it never raises for a bad
    workbook, it always writes laporan.html (also for a refused file), and the outputs of a file it takes keep the
    properties (tools.fuzz.periksa_folder).  That is the property the suite's hypothesis test of olah_workbook
    asserted over 24 examples of the same strategy (tools.mutasi.strategi_resep); it runs here, over 26 mutants of
    the campaign, instead of over 24 more mutants of its own."""
    semua = tarik_resep(JUMLAH, BENIH)
    n = JUMLAH // BAGIAN
    resep = semua[ke * n:(ke + 1) * n]
    hasil = jalankan_kampanye(resep, folder, pekerja=PEKERJA, tiap_workbook=TIAP_WORKBOOK,
                              nomenklatur=nomenklatur_terpasang())
    buruk = [h for h in hasil if h.kelas in ("galat", "batas-waktu", "tidak-dibuat")]
    assert not buruk, ringkasan(hasil, 1.0, PEKERJA, BENIH) + "\n\n" + "\n\n".join(_uraian(h, ke * n) for h in buruk[:5])
    kelas = [h.kelas for h in hasil]
    assert len(hasil) == n and kelas.count("diproses") > n // 2 and kelas.count("ditolak") > n // 20
    assert sum(h.jalur == "workbook" for h in hasil) == len(range(0, n, TIAP_WORKBOOK))


def _uraian(h: HasilMutan, awal: int) -> str:
    return f"m{awal + h.nomor:05d}: {h.galat or h.kelas}\n  {h.resep!r}\n  {h.rincian[-1500:]}"
