"""The ``renja`` command.

Exit status of ``renja run``: 0 every workbook was processed (its findings, whatever their severity, are in its
report); 1 with ``--ketat``: processed, but some workbook has findings of severity *galat*; 2 wrong usage (typer);
3 at least one file could not be processed (unreadable, or no Renja table found), the input folder has none, or the
configured nomenclature cannot be read, or with ``--dask`` the Prefect server or the Dask scheduler does not answer
(2 when a cluster on another machine is named while PREFECT_API_URL is not set); 4 another run holds the output
folder and did not finish within ``--tunggu-kunci`` seconds.

Exit status of ``renja rekap``: 0 the rekap of at least one kabupaten was written; 2 wrong usage; 3 nothing to
consolidate (no kecamatan output for that year/kabupaten) or the list of expected kecamatan cannot be read.
"""
from __future__ import annotations

import os
import sys
import threading
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from flows.mesin.lingkungan import keluar, siapkan
from flows.setelan import Jalan, Opsi, Setelan
from schemas import setelan as st

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
        help="Daftar nomenklatur tambahan (CSV datar atau workbook lampiran): tiap bidang yang dimuatnya menggantikan "
             "bidang itu dalam daftar bawaan (Kepmendagri 900.1.15.5-1317/2023, bidang 7.01 Kecamatan), bidang lain "
             "ditambahkan; bawaan: setelan RENJA_NOMENKLATUR, lalu daftar bawaan saja.")] = None,
    tunggu_kunci: Annotated[float, typer.Option(
        help="Detik menunggu bila proses lain sedang memakai folder keluaran yang sama.")] = 600,
    digit_sub_kegiatan: Annotated[int | None, typer.Option(
        help="Nomor sub-kegiatan ditulis 4 digit (.0003) atau 2 digit (.03); bawaan: setelan "
             "RENJA_DIGIT_SUB_KEGIATAN, lalu 4.")] = None,
    arsipkan: Annotated[bool, typer.Option(
        help="Mode folder kiriman (seperti renja serve): hanya berkas yang sudah selesai disalin diambil; sesudahnya "
             "berkas pindah ke input/arsip/<tanggal>/, input/ditolak/ (dengan alasan) atau input/duplikat/, "
             "tercatat di input/arsip/buku.jsonl.")] = False,
    dask: Annotated[bool, typer.Option(
        "--dask", envvar=st.DASK.nama,
        help="Sebar pembacaan berkas dan pengolahan tiap kecamatan ke klaster Dask lokal (prefect-dask). Tanpa "
             "PREFECT_API_URL, server Prefect lokal dinyalakan untuk run ini lalu dihentikan.")] = False,
    dask_pekerja: Annotated[int, typer.Option(
        min=1, envvar=st.DASK_PEKERJA.nama, help="Jumlah proses pekerja klaster Dask lokal (1 utas tiap pekerja).")] = 2,
    dask_alamat: Annotated[str | None, typer.Option(
        envvar=st.DASK_ALAMAT.nama,
        help="Pakai klaster Dask yang sudah ada (alamat scheduler, mis. tcp://host:8786). Setiap pekerjanya perlu kode "
             "dan dependensi yang sama, akses ke server Prefect di PREFECT_API_URL (wajib diatur bila klaster di "
             "komputer lain), dan folder input dan output di path yang sama (penyimpanan bersama: NFS/SMB), karena "
             "pekerja membaca masukan dan menulis keluaran sendiri.")] = None,
) -> None:
    """Proses setiap workbook di folder input menjadi tabel standar, data rapi, dan laporan validasi."""
    siapkan()
    if not input.is_dir():
        typer.echo(f"Folder input '{input}' tidak ada.", err=True)
        raise typer.Exit(KELUAR_GAGAL)
    _pakai_server_layanan()
    server = None if (dask or dask_alamat) else _server_sementara()
    try:
        _jalankan_run(input, output, Opsi(tahun, kabupaten, kecamatan), ketat, nomenklatur, tunggu_kunci,
                      digit_sub_kegiatan, arsipkan, dask, dask_pekerja, dask_alamat, server)
    finally:
        if server is not None:
            _hentikan_server(server)


def _server_sementara():
    """Prefect's temporary server for this run, started now — before this process imports pandas and Prefect, so
    that its start overlaps theirs (flows.mesin.server_sementara) — unless PREFECT_API_URL names a server,
    Prefect's temporary servers are switched off (PREFECT_SERVER_ALLOW_EPHEMERAL_MODE=false: Prefect then says
    why) or Prefect was imported already (a command called in a process that runs Prefect: its settings are read;
    Prefect then starts its own)."""
    if "prefect" in sys.modules or os.environ.get("PREFECT_API_URL") or os.environ.get(
            "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "").strip().lower() in ("false", "0", "no", "off"):
        return None
    from flows.mesin.server_sementara import mulai

    server = mulai()
    try:
        server.pakai()  # before Prefect is imported
    except BaseException:
        server.hentikan()
        raise
    return server


def _hentikan_server(server) -> None:
    """Send what Prefect still queues (run logs, events) while the server is up, then stop it."""
    try:
        if "prefect" in sys.modules and server.diumumkan:
            from flows.mesin.sebar import kuras_prefect

            kuras_prefect()
    finally:
        server.hentikan()
        os.environ.pop("PREFECT_API_URL", None)


def _jalankan_run(input: Path, output: Path, opsi: Opsi, ketat: bool, nomenklatur: Path | None, tunggu_kunci: float,
                  digit_sub_kegiatan: int | None, arsipkan: bool, dask: bool, dask_pekerja: int,
                  dask_alamat: str | None, server) -> None:
    # The first worker starts now, before this process imports pandas; its warm-up (Great Expectations, ~1.7 s of
    # CPU) waits until this process waits for the server (``panas``): on 2 cores the server, this process and the
    # worker no longer share them three ways while the server starts (flows.mesin.pekerja.panaskan).
    panas = threading.Event()
    if dask or dask_alamat:  # Dask workers may run elsewhere: absolute paths
        input, output = input.resolve(), output.resolve()
    else:
        from flows.mesin.pekerja import panaskan, panggil

        panaskan(partial(panggil, "flows.langkah.bagian", "panaskan_pekerja"), Setelan.dari_lingkungan(), nanti=panas)
    if server is None:  # no server to wait for: the warm-up starts at once
        panas.set()
    jalan = _jalan(input, output, nomenklatur, digit_sub_kegiatan, opsi, arsipkan=arsipkan, tunggu_kunci=tunggu_kunci)
    if server is not None:  # this process waits for the server: the region list meanwhile (~0.5 s, identification)
        threading.Thread(target=_panaskan_wilayah, daemon=True, name="renja-panaskan-wilayah").start()
    # The command's modules inside the command: `renja --help` and usage errors answer without pandas and the
    # transforms (importing flows.langkah.bagian takes ~4 s more than typer alone on the 2-core machine, measured).
    from flows.mesin.kunci import SedangDipakai
    from flows.mesin.sebar import SebarTidakSiap, pelari_tugas
    from flows.mesin.server_sementara import tanpa_detak

    try:
        with pelari_tugas(dask, dask_alamat, dask_pekerja, kabar=lambda t: typer.echo(t, err=True)) as pelari:
            from flows.pipeline import pelari_lokal

            if server is not None:
                _muat_mesin_alur()  # what the flow's first call imports, before the server answers, not after
                panas.set()
                server.tunggu()  # Prefect is imported (its logger set up): its own "Starting temporary server" line
            with tanpa_detak(server is not None):
                hasil = _alur().with_options(task_runner=pelari or pelari_lokal(jalan.setelan))(jalan=jalan)
    except SedangDipakai as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(KELUAR_SEDANG_DIPAKAI) from None
    except SebarTidakSiap as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(e.status) from None
    typer.echo(_ringkasan(hasil))
    raise typer.Exit(status_keluar(hasil, ketat, arsipkan))


def _pakai_server_layanan() -> None:
    """Without PREFECT_API_URL, use the Prefect server of a ``renja serve`` running on this machine (same PREFECT_HOME)
    instead of starting a temporary one for this run: the flow run then shows in the service's UI too."""
    if os.environ.get("PREFECT_API_URL"):
        return
    from flows.mesin.layanan import server_layanan

    url = server_layanan()
    if url:
        os.environ["PREFECT_API_URL"] = url  # before Prefect is imported (_alur)
        typer.echo(f"Server Prefect milik renja serve di {url} dipakai.", err=True)


def _muat_mesin_alur() -> None:
    """Import what Prefect imports at a flow's first call — its flow engine, and FastAPI's encoder for the flow's
    parameters (prefect.flows.Flow.serialize_parameters) — while the temporary server is still starting: after it
    answers, everything this process does is on the cold start's critical path (~0.15 s of CPU, measured)."""
    import prefect.flow_engine  # noqa: F401

    try:
        import fastapi.encoders  # noqa: F401
    except ImportError:  # Prefect without its server's packages: it encodes otherwise
        pass


def _panaskan_wilayah() -> None:
    """The official region list prepared for identification (flows.data.wilayah, once per process); a failure is
    the run's to report, when it identifies the files."""
    try:
        from flows.data.wilayah import indeks_wilayah

        indeks_wilayah()
    except Exception:  # noqa: BLE001, S110 - only a head start
        pass


def _jalan(input: Path, output: Path, nomenklatur: Path | None, digit_sub_kegiatan: int | None, opsi: Opsi,
           arsipkan: bool, tunggu_kunci: float) -> Jalan:
    """The run's settings (flows.setelan.Jalan), built once — the environment read here and only here, each option
    before the setting it stands for — and checked to fail fast, before any engine starts: the sub-kegiatan digits
    (status 2 when wrong), the nomenclature list (option, then RENJA_NOMENKLATUR) read once with the file named
    (status 3), the number of worker processes (status 2)."""
    from flows.data.nomenklatur import NomenklaturTidakValid, baca_nomenklatur, digit_sub_terpasang, path_nomenklatur

    setelan = Setelan.dari_lingkungan()
    digit_sub = _sah(lambda: digit_sub_terpasang(digit_sub_kegiatan, setelan))
    path_daftar = path_nomenklatur(nomenklatur, setelan)
    if path_daftar is not None:
        try:
            baca_nomenklatur(path_daftar)
        except NomenklaturTidakValid as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(KELUAR_GAGAL) from None
    _sah(lambda: setelan.pekerja)
    return Jalan(input, output, opsi, path_daftar, digit_sub, arsipkan, tunggu_kunci, setelan)


def _sah(nilai):
    """``nilai()``; a ValueError (an Indonesian message naming the option or setting) is a usage error: status 2."""
    try:
        return nilai()
    except ValueError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from None


@app.command()
def serve(
    input: Annotated[Path, typer.Option("--input", "-i", help="Folder kiriman yang dipantau.")] = Path("input"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder keluaran.")] = Path("output"),
    jadwal: Annotated[str, typer.Option(help="Jadwal run malam (cron, 5 bagian).")] = "0 1 * * *",
    zona: Annotated[str, typer.Option(help="Zona waktu jadwal (IANA).")] = "Asia/Jakarta",
    selang: Annotated[float, typer.Option(help="Detik antara dua pemindaian folder kiriman.")] = 10.0,
    nomenklatur: Annotated[Path | None, typer.Option(
        help="Daftar nomenklatur tambahan (menggantikan atau menambah bidang daftar bawaan); bawaan: setelan "
             "RENJA_NOMENKLATUR, lalu daftar bawaan saja.")] = None,
    digit_sub_kegiatan: Annotated[int | None, typer.Option(help="4 atau 2 digit nomor sub-kegiatan.")] = None,
    port: Annotated[int, typer.Option(help="Port server Prefect lokal (bila PREFECT_API_URL tidak diatur).")] = 4200,
    ui: Annotated[bool, typer.Option(help="Nyalakan UI Prefect di server lokal.")] = True,
) -> None:
    """Layanan: run malam terjadwal dan folder kiriman yang dipantau, sampai dihentikan (SIGTERM/Ctrl-C)."""
    import logging

    siapkan()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per API poll otherwise
    input.mkdir(parents=True, exist_ok=True)
    jalan = _jalan(input, output, nomenklatur, digit_sub_kegiatan, Opsi(), arsipkan=True, tunggu_kunci=3600.0)
    from flows.mesin.layanan import JadwalTidakSah, SetelanLayanan, layani

    try:
        status = layani(SetelanLayanan(jalan, jadwal, zona, selang, port, ui), _alur)
    except JadwalTidakSah as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from None
    except RuntimeError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(KELUAR_GAGAL) from None
    raise typer.Exit(status)


def _alur():
    """The flow of ``renja run`` and ``renja serve``: Prefect is imported only after the environment (and
    PREFECT_API_URL) is set, so the import waits until a command needs it."""
    from flows.pipeline import renja_run

    return renja_run


def status_keluar(hasil, ketat: bool = False, arsipkan: bool = False) -> int:
    """The documented exit status of a run from its summary lines (see the module docstring)."""
    if any(h.status == "gagal" for h in hasil) or (not hasil and not arsipkan):
        return KELUAR_GAGAL
    if ketat and any(h.galat for h in hasil if h.status in ("ok", "tanpa-wilayah")):
        return KELUAR_ADA_GALAT
    return KELUAR_OK


LABEL_STATUS = {"ok": "OK   ", "tanpa-wilayah": "CEK  ", "gagal": "GAGAL", "duplikat": "SAMA ", "menunggu": "TUNDA",
                "dilanjutkan": "LANJUT"}


@app.command()
def rekap(
    tahun: Annotated[int, typer.Option(help="Tahun rencana (n) yang direkap.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Folder keluaran renja run; rekap ditulis ke <output>/<tahun>/<kabupaten>/_rekap/, "
                              "halamannya ke <output>/<tahun>/<kabupaten>/index.html.")
    ] = Path("output"),
    kabupaten: Annotated[str | None, typer.Option(
        help="Rekap satu kabupaten saja; bawaan: setiap kabupaten yang ditemukan untuk tahun itu.")] = None,
    daftar_kecamatan: Annotated[Path | None, typer.Option(
        help="Daftar kecamatan yang diharapkan (teks, satu nama per baris; atau CSV berkolom kecamatan dan "
             "boleh kabupaten); bawaan: setelan RENJA_DAFTAR_KECAMATAN, lalu kecamatan kabupaten itu menurut daftar "
             "wilayah resmi (Kepmendagri 300.2.2-2138/2025).")] = None,
    status_provinsi: Annotated[bool, typer.Option(
        help="Tulis juga status provinsi: setiap kabupaten/kota provinsi itu dengan jumlah kecamatan yang lengkap, "
             "belum lengkap dan belum mengirim (<output>/<tahun>/_provinsi/status-<provinsi>.csv).")] = False,
    tunggu_kunci: Annotated[float, typer.Option(
        help="Detik menunggu bila renja run sedang menulis folder keluaran yang sama, sebelum menyerah "
             "(status 4).")] = 600.0,
) -> None:
    """Rekap kabupaten: pagu program/kegiatan tiap kecamatan, status pengiriman, grafik, CSV rapi, dan halaman
    index.html untuk dibuka di peramban."""
    siapkan()
    from flows.rekap import DaftarTidakValid, baca_daftar, folder_kabupaten, path_daftar  # Prefect: after siapkan

    path = path_daftar(daftar_kecamatan)
    if path is not None:
        try:
            baca_daftar(path)  # fail fast, before the engine starts, with the file named
        except DaftarTidakValid as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(KELUAR_GAGAL) from None
    if not folder_kabupaten(output, tahun, kabupaten):
        typer.echo(f"Tidak ada keluaran untuk direkap: folder {output / str(tahun)} tidak berisi "
                   f"{'kabupaten ' + repr(kabupaten) if kabupaten else 'satu kabupaten pun'}.", err=True)
        raise typer.Exit(KELUAR_GAGAL)
    from flows.mesin.kunci import SedangDipakai
    from flows.rekap import renja_rekap, ringkasan_rekap

    try:
        hasil = renja_rekap(tahun=tahun, output_dir=output, kabupaten=kabupaten, daftar_kecamatan=path,
                            tunggu_kunci=tunggu_kunci, status_provinsi=status_provinsi)
    except SedangDipakai as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(KELUAR_SEDANG_DIPAKAI) from None
    typer.echo(ringkasan_rekap(hasil))
    if not any(h.status == "ok" for h in hasil):
        raise typer.Exit(KELUAR_GAGAL)


def _satu_baris(teks: str) -> str:
    """A file name on one summary line: control characters (a newline in a name) shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in teks)


def _ringkasan(hasil) -> str:
    if not hasil:
        return "Tidak ada workbook yang diproses."
    baris = ["", "Ringkasan:"]
    for h in hasil:
        h = replace(h, berkas=_satu_baris(h.berkas))
        if h.status in ("ok", "tanpa-wilayah", "gagal"):
            baris.append(f"  {LABEL_STATUS[h.status]} {h.berkas}: {h.galat} galat, {h.peringatan} peringatan → "
                         f"{h.folder or '-'}")
        else:
            baris.append(f"  {LABEL_STATUS.get(h.status, h.status)} {h.berkas}")
        if h.status != "ok":
            baris.append(f"        {h.pesan}")
        for c in getattr(h, "catatan", ()):
            baris.append(f"        {c}")
        if h.tujuan:
            baris.append(f"        berkas dipindah ke: {', '.join(h.tujuan)}")
    return "\n".join(baris)


def main() -> None:
    """The console command ``renja``: the command, then the end of the process without the interpreter's teardown
    (flows.mesin.lingkungan.keluar: the same status, atexit functions and flushed output)."""
    try:
        app()
    except SystemExit as e:
        keluar(e.code)
    keluar(0)
