"""``renja serve``: the nightly run and the drop folder in one long-running command.

- **Prefect server.** Schedules need Prefect's scheduler, which the embedded (ephemeral) server does not run.  With
  no ``PREFECT_API_URL`` set, the command starts ``prefect server start`` on 127.0.0.1 (its own SQLite database
  ``.prefect/layanan.db``, so a ``renja run`` at the same time does not share it), waits until it answers, and stops
  it on exit; the server dies with the command even when the command is killed (``PR_SET_PDEATHSIG``).  A server
  already answering on that port (left by a previous start) is used as it is.  With ``PREFECT_API_URL`` set, that
  existing server is used and nothing is started.  While it runs, the local server's address is written to
  ``<PREFECT_HOME>/layanan.json`` with the command's process id, so that a ``renja run`` on the same machine uses that
  server instead of starting its temporary one (``server_layanan``; ~8 s of a cold start are that start).
- **The flow.** One deployment ``renja-run/renja-malam`` of the same flow as ``renja run``, its parameter the
  command's ``flows.setelan.Jalan`` in drop-folder mode (``arsipkan=True``, folders made absolute), on a cron
  schedule (default 01:00 Asia/Jakarta), served by a Prefect ``Runner`` that runs one flow run at a time, each in
  its own process.  Runs are visible in Prefect (UI at the server's address).
- **The drop folder.** Every ``selang`` seconds the folder is scanned; a file that is complete (older than
  ``RENJA_TENANG_DETIK`` and unchanged since the previous scan) starts a run of the same deployment, unless one is
  already running (the files wait for the next).  A set of files a finished run left in place is not retried until
  something changes (the nightly run tries again).
- **Stopping.** SIGTERM or Ctrl-C: no new runs; a run in progress is cancelled (its outputs are written under
  temporary names and renamed, its inputs are moved only after their outputs, so the next run completes the work);
  the server started here is stopped.  After a restart, runs missed while stopped are picked up.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.mesin.berkas import tulis_json
from flows.mesin.lingkungan import ROOT, mati_bersama_induk
from flows.mesin.masukan import jejak, pindai
from flows.setelan import Jalan

log = logging.getLogger("renja.serve")

JADWAL_BAWAAN = "0 1 * * *"
ZONA_BAWAAN = "Asia/Jakarta"
PORT_BAWAAN = 4200
NAMA_DEPLOYMENT = "renja-malam"


@dataclass(frozen=True)
class SetelanLayanan:
    """The service's settings: the drop-folder run's (``jalan``, built by the command: input and output folders,
    nomenclature, digits, lock wait, the environment's settings) and the service's own — schedule, time zone, scan
    interval, the local server's port and UI."""

    jalan: Jalan
    jadwal: str = JADWAL_BAWAAN
    zona: str = ZONA_BAWAAN
    selang: float = 10.0
    port: int = PORT_BAWAAN
    ui: bool = True


# --------------------------------------------------------------------------------------------- the server


def api_sehat(url: str, batas: float = 2.0) -> bool:
    """True when a Prefect API answers at ``url`` (…/api)."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/health", timeout=batas) as r:  # noqa: S310 (local URL)
            return r.status == 200
    except (OSError, ValueError):
        return False


PENANDA = "layanan.json"  # in PREFECT_HOME: the local server of a running `renja serve` and that command's pid


def _penanda() -> Path:
    return Path(os.environ.get("PREFECT_HOME", ROOT / ".prefect")) / PENANDA


def tandai_server(url: str) -> Path:
    """Record ``url`` as the local server of this running service (read by ``server_layanan``)."""
    return tulis_json({"url": url, "pid": os.getpid()}, _penanda())


def hapus_tanda() -> None:
    """Remove the record when it is this process's (a newer service's record stays)."""
    path = _penanda()
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def server_layanan(batas: float = 0.5) -> str | None:
    """The API URL of the Prefect server of a ``renja serve`` running on this machine with the same PREFECT_HOME,
    when its process still runs and the server answers within ``batas`` seconds; else None.  Only a 127.0.0.1 address
    is ever asked (no call leaves the machine); a record left by a killed service is ignored."""
    try:
        tanda = json.loads(_penanda().read_text(encoding="utf-8"))
        url, pid = str(tanda["url"]), int(tanda["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not url.startswith("http://127.0.0.1:") or not _hidup(pid):
        return None
    return url if api_sehat(url, batas) else None


def _hidup(pid: int) -> bool:
    if pid <= 0:  # kill(0 or less) would signal a process group, not ask about one process
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def mulai_server(port: int, ui: bool, batas: float = 180.0,
                 basis_data: str = "layanan.db") -> tuple[str, subprocess.Popen | None]:
    """Start a local Prefect server on 127.0.0.1:``port`` (or use the one already answering there); return its API
    URL and the process (None when not started here).  Its SQLite database is ``basis_data`` in PREFECT_HOME unless
    PREFECT_API_DATABASE_CONNECTION_URL says otherwise."""
    url = f"http://127.0.0.1:{port}/api"
    if api_sehat(url):
        log.info("Server Prefect yang sudah berjalan di %s dipakai.", url)
        return url, None
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"Port {port} sudah dipakai program lain (bukan server Prefect). Pilih port lain "
                               "dengan --port, atau pakai server yang ada lewat PREFECT_API_URL.")
    home = Path(os.environ.get("PREFECT_HOME", ROOT / ".prefect"))
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ,
           "PREFECT_API_DATABASE_CONNECTION_URL": os.environ.get(
               "PREFECT_API_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{home / basis_data}"),
           "PREFECT_UI_ENABLED": "true" if ui else "false",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    catatan = open(home / "server.log", "ab")  # noqa: SIM115 (kept open for the child's lifetime)
    proses = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--analytics-off", "--ui" if ui else "--no-ui"],
        env=env, stdout=catatan, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        preexec_fn=mati_bersama_induk)  # noqa: PLW1509 (only prctl, no locks)
    catatan.close()
    log.info("Menyalakan server Prefect lokal di %s (catatan: %s) …", url, home / "server.log")
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if proses.poll() is not None:
            raise RuntimeError(f"Server Prefect berhenti saat dinyalakan (status {proses.returncode}); lihat "
                               f"{home / 'server.log'}.")
        if api_sehat(url, 1.0):
            return url, proses
        time.sleep(0.5)
    hentikan_server(proses)
    raise RuntimeError(f"Server Prefect tidak menjawab dalam {batas:.0f} detik; lihat {home / 'server.log'}.")


def hentikan_server(proses: subprocess.Popen | None, batas: float = 20.0) -> None:
    if proses is None or proses.poll() is not None:
        return
    proses.terminate()
    try:
        proses.wait(batas)
    except subprocess.TimeoutExpired:
        proses.kill()
        proses.wait()


# --------------------------------------------------------------------------------------------- the service


class JadwalTidakSah(ValueError):
    """The cron expression or the time zone is not valid."""


def layani(setelan: SetelanLayanan, alur) -> int:
    """Run the service until SIGTERM/Ctrl-C; return the exit status (0 after a clean stop, 3 when the configured
    server does not answer).  ``alur()`` gives the flow to schedule (flows.pipeline.renja_run), imported only once
    PREFECT_API_URL is set.  Raises JadwalTidakSah before anything starts when the schedule is not valid."""
    url = os.environ.get("PREFECT_API_URL")
    mulai = not url
    if mulai:
        url = f"http://127.0.0.1:{setelan.port}/api"
        os.environ["PREFECT_API_URL"] = url  # before Prefect is imported; the runs' processes inherit it
    jadwal = buat_jadwal(setelan.jadwal, setelan.zona)
    server = None
    if mulai:
        url, server = mulai_server(setelan.port, setelan.ui)
        tandai_server(url)  # `renja run` on this machine uses it (server_layanan)
    elif not api_sehat(url, 10.0):
        log.error("Server Prefect di PREFECT_API_URL=%s tidak menjawab.", url)
        return 3
    try:
        asyncio.run(_layani(setelan, jadwal, alur()))
    finally:
        hapus_tanda()
        hentikan_server(server)
    log.info("Layanan berhenti.")
    return 0


def buat_jadwal(jadwal: str, zona: str):
    """Prefect's Cron schedule; JadwalTidakSah with an Indonesian message when the expression or zone is wrong."""
    from prefect.schedules import Cron  # Prefect inside the functions: it reads PREFECT_API_URL at import

    try:
        ZoneInfo(zona)
        if len(jadwal.split()) != 5:
            raise ValueError(jadwal)
        return Cron(jadwal, timezone=zona)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise JadwalTidakSah(f"Jadwal '{jadwal}' atau zona waktu '{zona}' tidak sah (contoh: --jadwal "
                             f"\"0 1 * * *\" --zona Asia/Jakarta).") from e


def parameter_jalan(jalan: Jalan) -> Jalan:
    """The deployment's run settings: ``jalan`` in drop-folder mode with its folders and list absolute (each run
    starts in its own process, wherever its working folder is)."""
    return replace(jalan, input_dir=jalan.input_dir.resolve(), output=jalan.output.resolve(), arsipkan=True,
                   nomenklatur=jalan.nomenklatur.resolve() if jalan.nomenklatur else None)


async def _layani(setelan: SetelanLayanan, jadwal, renja_run) -> None:
    from prefect.runner import Runner
    from prefect.types.entrypoint import EntrypointType

    from pydantic_core import to_jsonable_python  # pydantic comes with Prefect

    runner = Runner(name="renja-serve", limit=1, pause_on_shutdown=False, query_seconds=5)
    parameter = {"jalan": to_jsonable_python(parameter_jalan(setelan.jalan))}
    deployment_id = await runner.aadd_flow(
        renja_run, name=NAMA_DEPLOYMENT, schedules=[jadwal],
        parameters=parameter, paused=False, entrypoint_type=EntrypointType.MODULE_PATH,
        description="Renja ETL: run malam dan folder kiriman.", tags=["renja"])
    log.info("Jadwal run malam: '%s' (%s). Folder kiriman %s dipantau tiap %.0f detik. Hentikan dengan Ctrl-C.",
             setelan.jadwal, setelan.zona, setelan.jalan.input_dir, setelan.selang)
    berhenti = asyncio.Event()
    loop = asyncio.get_running_loop()

    def _stop(*_):
        if not berhenti.is_set():
            log.info("Berhenti: tidak ada run baru; run yang sedang berjalan dibatalkan.")
            berhenti.set()
            if runner.started:
                loop.create_task(runner.astop())

    loop.add_signal_handler(signal.SIGINT, _stop)
    tugas_runner = asyncio.create_task(runner.start())
    # Runner.start installs its own SIGTERM handler; ours replaces it so both loops stop the same way.
    await asyncio.sleep(0)
    loop.add_signal_handler(signal.SIGTERM, _stop)
    tugas_pantau = asyncio.create_task(_pantau(deployment_id, setelan, berhenti))
    selesai, _ = await asyncio.wait({tugas_runner, tugas_pantau}, return_when=asyncio.FIRST_COMPLETED)
    berhenti.set()
    if not tugas_runner.done():
        if runner.started:
            await runner.astop()
        await tugas_runner
    tugas_pantau.cancel()
    for t in selesai:
        if t.exception() is not None and not isinstance(t.exception(), asyncio.CancelledError):
            raise t.exception()


async def _pantau(deployment_id, setelan: SetelanLayanan, berhenti: asyncio.Event) -> None:
    """Start a run of the deployment when complete files wait in the drop folder and no run is going on."""
    from prefect.client.orchestration import get_client


    sebelumnya: dict[str, tuple] = {}
    terakhir_dipicu: frozenset = frozenset()
    run_id = None
    async with get_client() as klien:
        while not berhenti.is_set():
            p = pindai(setelan.jalan.input_dir, setelan.jalan.setelan.tenang_detik)
            kini = {}
            for x in (*p.siap, *p.tidak_didukung, *p.tautan):
                try:
                    kini[x.name] = (x.lstat().st_size, x.lstat().st_mtime_ns) if x.is_symlink() else jejak(x)
                except OSError:
                    continue  # moved meanwhile
            stabil = frozenset((k, v) for k, v in kini.items() if sebelumnya.get(k) == v)
            sebelumnya = kini
            if stabil and stabil != terakhir_dipicu and not await _sedang_jalan(klien, run_id):
                fr = await klien.create_flow_run_from_deployment(deployment_id, tags=["folder-kiriman"])
                run_id, terakhir_dipicu = fr.id, stabil
                log.info("Berkas baru di folder kiriman (%s) → run %s", ", ".join(sorted(k for k, _ in stabil)),
                         fr.name)
            try:
                await asyncio.wait_for(berhenti.wait(), timeout=setelan.selang)
            except asyncio.TimeoutError:
                pass


async def _sedang_jalan(klien, run_id) -> bool:
    if run_id is None:
        return False
    fr = await klien.read_flow_run(run_id)
    return fr.state is not None and not fr.state.is_final()
