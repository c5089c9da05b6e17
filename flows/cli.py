"""The ``renja`` command.

Exit status of ``renja run``: 0 every workbook was processed (its findings, whatever their severity, are in its
report); 1 with ``--ketat``: processed, but some workbook has findings of severity *galat*; 2 wrong usage (typer);
3 at least one file could not be processed (unreadable, or no Renja table found), the input folder has none, or the
configured nomenclature cannot be read; 4 another run holds the output folder and did not finish within
``--tunggu-kunci`` seconds.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.lingkungan import siapkan

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Renja ETL: tabel Renja kecamatan ke tabel standar.")

KELUAR_OK, KELUAR_ADA_GALAT, KELUAR_GAGAL, KELUAR_SEDANG_DIPAKAI = 0, 1, 3, 4


@app.callback()
def _utama() -> None:
    """Renja ETL."""


@app.command()
def run(
    input: Annotated[Path, typer.Option("--input", "-i", help="Folder berisi workbook kecamatan.")] = Path("input"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder keluaran.")] = Path("output"),
    tahun: Annotated[int | None, typer.Option(help="Tahun rencana (n) bila dokumen tidak menyebutnya.")] = None,
    kabupaten: Annotated[str | None, typer.Option(help="Nama kabupaten bila dokumen tidak menyebutnya.")] = None,
    kecamatan: Annotated[str | None, typer.Option(help="Nama kecamatan bila dokumen tidak menyebutnya.")] = None,
    ketat: Annotated[bool, typer.Option(help="Keluar dengan status 1 bila ada temuan bertingkat galat.")] = False,
    nomenklatur: Annotated[Path | None, typer.Option(
        help="Daftar nomenklatur (CSV datar atau workbook lampiran); bawaan: setelan RENJA_NOMENKLATUR.")] = None,
    tunggu_kunci: Annotated[float, typer.Option(
        help="Detik menunggu bila proses lain sedang memakai folder keluaran yang sama.")] = 600,
    digit_sub_kegiatan: Annotated[int | None, typer.Option(
        help="Nomor sub-kegiatan ditulis 4 digit (.0003) atau 2 digit (.03); bawaan: setelan "
             "RENJA_DIGIT_SUB_KEGIATAN, lalu 4.")] = None,
) -> None:
    """Proses setiap workbook di folder input menjadi tabel T-C.33 standar, data rapi, dan laporan validasi."""
    siapkan()
    if not input.is_dir():
        typer.echo(f"Folder input '{input}' tidak ada.", err=True)
        raise typer.Exit(KELUAR_GAGAL)
    from flows.nomenklatur import NomenklaturTidakValid, baca_nomenklatur, digit_sub_terpasang, path_nomenklatur

    try:
        digit_sub = digit_sub_terpasang(digit_sub_kegiatan)
    except ValueError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from None
    path_daftar = path_nomenklatur(nomenklatur)
    if path_daftar is not None:
        try:
            baca_nomenklatur(path_daftar)  # fail fast, before the engine starts, with the file named
        except NomenklaturTidakValid as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(KELUAR_GAGAL) from None
    from flows.kunci import SedangDipakai, kunci_keluaran
    from flows.pipeline import renja_run  # Prefect import after the environment is set

    try:
        with kunci_keluaran(output, tunggu_kunci, kabar=lambda t: typer.echo(t, err=True)):
            hasil = renja_run(input_dir=input, output_dir=output, tahun=tahun, kabupaten=kabupaten,
                              kecamatan=kecamatan, nomenklatur=path_daftar, digit_sub=digit_sub)
    except SedangDipakai as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(KELUAR_SEDANG_DIPAKAI) from None
    typer.echo(_ringkasan(hasil))
    if not hasil or any(h.status != "ok" for h in hasil):
        raise typer.Exit(KELUAR_GAGAL)
    if ketat and any(h.galat for h in hasil):
        raise typer.Exit(KELUAR_ADA_GALAT)


def _ringkasan(hasil) -> str:
    if not hasil:
        return "Tidak ada workbook yang diproses."
    baris = ["", "Ringkasan:"]
    for h in hasil:
        baris.append(f"  {'OK   ' if h.status == 'ok' else 'GAGAL'} {h.berkas}: {h.galat} galat, {h.peringatan} "
                     f"peringatan → {h.folder or '-'}")
        if h.status != "ok":
            baris.append(f"        {h.pesan}")
    return "\n".join(baris)


def main() -> None:
    app()
