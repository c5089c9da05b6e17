"""Shared fixtures: paths, a separate Prefect state folder for tests, helpers to build cells frames."""
from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

# Tests get their own Prefect state, never the project's .prefect/ of real runs.  Set before any prefect import.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="renja-prefect-test-"))
from flows.mesin.lingkungan import siapkan  # noqa: E402

siapkan()

# Property tests are judged by what they find, never by the clock: no per-example deadline and no "too slow" health
# check, which a loaded 2-core machine would trip.  Tests' own settings override the rest.
settings.register_profile("renja", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("renja")

REPO = Path(__file__).resolve().parents[1]
SAMPEL = REPO / "tests" / "fixtures" / "Renja-Senduro-2024-TC33.xlsx"  # T-C.33 alone
SAMPEL_SEMUA = REPO / "input" / "Renja-Senduro-2024.xlsx"  # the shipped sample: every table
NOMENKLATUR_BAWAAN = REPO / "schemas" / "data" / "nomenklatur-7.01.csv"  # the shipped list (package data)
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def sampel() -> Path:
    return SAMPEL


def cells_dari_baris(baris: list[list], sheet: str = "Sheet1", baris_awal: int = 1, kolom_awal: int = 1):
    """A cells frame (transforms.sel contract) from a list of rows; None/'' cells are left out."""
    cells = [(sheet, baris_awal + i, kolom_awal + j, v)
             for i, row in enumerate(baris) for j, v in enumerate(row) if v is not None and v != ""]
    return pd.DataFrame(cells, columns=["sheet", "baris", "kolom", "nilai"]).astype({"nilai": object})


def kolom_berjenis(nilai: list, jenis: str) -> pd.Series:
    """A column of ``nilai`` as tidy frames hold it: "Int64" (nullable integers), "str" (pandas' string dtype) or
    plain objects — for property tests that draw tidy frames."""
    if jenis == "Int64":
        return pd.Series(pd.array(nilai, dtype="Int64"))
    if jenis == "str":
        return pd.Series(pd.array(nilai, dtype="str"))
    return pd.Series(nilai, dtype=object)


def merges_kosong() -> pd.DataFrame:
    return pd.DataFrame(columns=["sheet", "baris_awal", "kolom_awal", "baris_akhir", "kolom_akhir"])


# The line of the reference document (the Renja 2024 of Kecamatan Senduro the sample was typed from) at which each
# of the sample's tables starts: its first title line.  Placed there, every table keeps the row numbers it has in the
# document (the layout tests assert them); the prose and the other tables between them are not in the sample.
BARIS_DOKUMEN = {"TC 29": 191, "TC.30": 275, "TC 3.1": 360, "T-C.32": 480, "TC.33": 632, "Tabel 4.1": 785}


@functools.lru_cache(maxsize=1)
def _baris_dokumen() -> tuple[tuple[str, ...], ...]:
    """The lines of the document as the sample holds them: each table's title lines, header, rows (page breaks and
    repeated headers included) and signature block (one blank line below the table, each line in one cell), from
    its line of BARIS_DOKUMEN on; every other line empty."""
    from tools.buat_sampel import TABEL, baca_tabel_sampel

    baris: dict[int, list[str]] = {}
    for t in TABEL:
        isi = baca_tabel_sampel(t, SAMPEL_SEMUA)
        ttd = [[], *([s] for s in isi.tanda_tangan)] if isi.tanda_tangan else []
        for i, b in enumerate([[j] for j in isi.judul] + isi.header + isi.baris + ttd):
            baris[BARIS_DOKUMEN[t.sheet] + i] = b
    return tuple(tuple(baris.get(i, ())) for i in range(1, max(baris) + 1))


def cells_referensi(sheet: str = "Renja") -> pd.DataFrame:
    """The reference document's tables as one sheet, built from the shipped sample (input/Renja-Senduro-2024.xlsx):
    one row per line of the document, one cell per field, each table at its line (BARIS_DOKUMEN).

    A test of a layout finds its table among all the others, at the rows the document has."""
    return cells_dari_baris([list(b) for b in _baris_dokumen()], sheet=sheet)


# ------------------------------------------------------------------------------- one Prefect server for the suite


# The session server's background services that no test asks of it, switched off: they wake every few seconds for
# the whole session (scheduling, late runs, …) or store each event and task-run state the runs send (event persister,
# task-run recorder), which no test reads back from this server.  Flow runs, deployments, logs and the runner's API
# stay.  A test that needs the scheduler (renja serve's schedule, tests/test_layanan.py) runs its own server.
LAYANAN_SERVER_MATI = ("SCHEDULER", "LATE_RUNS", "FOREMAN", "CANCELLATION_CLEANUP", "PAUSE_EXPIRATIONS", "REPOSSESSOR",
                       "DB_VACUUM", "CLEANUP_RECONCILER", "TRIGGERS", "EVENT_LOGGER", "EVENT_PERSISTER",
                       "TASK_RUN_RECORDER")
KUNCI_SERVER = "renja_prefect_server"  # pytest-xdist's workerinput: the controller's server, {"url", "log"}


class ServerSesi:
    """``prefect server start`` on 127.0.0.1 and a free port, its own PREFECT_HOME and SQLite database in ``home``, no
    UI, no analytics, without LAYANAN_SERVER_MATI and block registration; it dies with the process that started it
    (PR_SET_PDEATHSIG)."""

    def __init__(self, home: Path) -> None:
        import subprocess
        import sys

        from flows.mesin.lingkungan import mati_bersama_induk
        from flows.mesin.sebar import port_bebas
        from flows.mesin.server_sementara import TANPA_REGISTRASI_BLOK

        port = port_bebas()
        self.url, self.log = f"http://127.0.0.1:{port}/api", home / "server.log"
        env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "PREFECT_UI_ENABLED": "false",
               "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home}/server.db",
               **{f"PREFECT_SERVER_SERVICES_{s}_ENABLED": "false" for s in LAYANAN_SERVER_MATI},
               **TANPA_REGISTRASI_BLOK}  # as renja run's temporary server: no test stores a block
        env.pop("PREFECT_API_URL", None)
        with open(self.log, "wb") as log:
            self.proses = subprocess.Popen(
                [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
                 "--analytics-off", "--no-ui"], env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, preexec_fn=mati_bersama_induk)

    def hentikan(self) -> None:
        from flows.mesin.layanan import hentikan_server

        hentikan_server(self.proses, 30)


def tunggu_server(url: str, log: Path, hidup=lambda: True) -> str:
    """``url`` once the server answers; the test fails with the end of its ``log`` if it stops (``hidup()`` false)
    or has not answered within 300 s (only a bound on a hang: the first start migrates a new database)."""
    import time

    from flows.mesin.layanan import api_sehat

    batas = time.monotonic() + 300
    while not api_sehat(url):
        if not hidup() or time.monotonic() > batas:
            pytest.fail(f"Server Prefect sesi tes tidak menyala:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return url


def pytest_configure(config) -> None:
    """`make test` (pytest-xdist, several test processes): the controller starts the suite's one Prefect server at
    once, while its workers collect; each worker's ``prefect_api`` waits for it (pytest_configure_node).  One server
    instead of one per worker: a start (~5 CPU-s) and the idle wake-ups of a second server fewer.  Without xdist the
    session starts its own when a test first asks (``prefect_api``)."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", 0):
        return
    config.renja_server = ServerSesi(Path(tempfile.mkdtemp(prefix="renja-prefect-server-")))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # pytest-xdist, in the controller: before each worker starts
    server = node.config.renja_server
    node.workerinput[KUNCI_SERVER] = {"url": server.url, "log": str(server.log)}


def pytest_unconfigure(config) -> None:
    server = getattr(config, "renja_server", None)
    if server is not None:
        server.hentikan()


@pytest.fixture(scope="session")
def prefect_api(request, tmp_path_factory) -> str:
    """The API URL of the suite's one Prefect server (ServerSesi): under pytest-xdist the controller's, shared by
    every test process (pytest_configure); in one process, started here when a test first asks and stopped at the
    end of the session.

    Tests that run ``renja`` (or the pipeline) in a new process give it this URL (``env_prefect``) instead of letting
    each process start — and migrate the database of — a temporary server of its own (~10 s each, more under load).
    The README's way, a temporary server per command, keeps its own test (tests/test_flow.py).  No test may depend
    on what other tests leave on this server (runs, deployments): the test processes share it."""
    bersama = getattr(request.config, "workerinput", {}).get(KUNCI_SERVER)
    if bersama:
        yield tunggu_server(bersama["url"], Path(bersama["log"]))
        return
    server = ServerSesi(tmp_path_factory.mktemp("prefect-server"))
    try:
        yield tunggu_server(server.url, server.log, lambda: server.proses.poll() is None)
    finally:
        server.hentikan()


@pytest.fixture
def env_prefect(prefect_api) -> dict[str, str]:
    """This process's environment with the session's Prefect server: for ``renja`` and the pipeline run in a new
    process (``subprocess.run(..., env=env_prefect)``)."""
    return {**os.environ, "PREFECT_API_URL": prefect_api}


@contextlib.contextmanager
def prefect_di(api: str):
    """Prefect flows run in this process against the server at ``api`` within the block; their logs and events are
    sent before it ends."""
    import prefect.settings
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    with prefect.settings.temporary_settings(updates={prefect.settings.PREFECT_API_URL: api}):
        yield api
        try:
            APILogWorker.instance().drain()
        except RuntimeError:  # never started
            pass
        EventsWorker.drain_all()


@pytest.fixture
def prefect_sesi(prefect_api):
    """Prefect flows run in this process against the session's server (instead of prefect_test_harness's temporary
    server and database); the logs and events are sent before the test ends."""
    with prefect_di(prefect_api):
        yield prefect_api


@pytest.fixture
def renja_di_sini(prefect_sesi):
    """``renja`` in this process (typer's CliRunner on flows.cli.app), its flows on the session's Prefect server and
    its work in this process's warm worker pool: ``renja_di_sini("run", "--input", masuk, env={...})`` gives click's
    Result (exit_code, stdout, stderr, exception).  ``env`` is set for the call only."""
    from typer.testing import CliRunner

    from flows.cli import app

    def jalankan(*args, env: dict[str, str | None] | None = None):
        return CliRunner().invoke(app, [str(a) for a in args], env=env)

    return jalankan


# ------------------------------------------------------------------------------------------ the slow modules first

# The modules whose end-to-end runs take longest, in that order: run first, so that on several test processes
# (`make test`: pytest-xdist, one module per process at a time) the short modules fill in around them instead of
# one long module running alone at the end.  Only the order changes; every test still runs.  No module should take
# much more than a minute: a longer one sets the floor of the suite's time (the fuzz campaign runs in two halves,
# tests/fuzz_terbatas.py).  test_layanan first: it mostly waits (for the service and its schedule), beside a half of
# the campaign, which keeps one core busy.
LAMBAT_DULU = ("test_layanan", "test_fuzz_kampanye_1", "test_fuzz_kampanye_2", "test_dask", "test_bench",
               "test_mati", "test_paralel", "test_fuzz", "test_peramban", "test_flow",
               "test_isolasi", "test_halaman")


def pytest_collection_modifyitems(items) -> None:
    def urutan(item) -> int:
        nama = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        return LAMBAT_DULU.index(nama) if nama in LAMBAT_DULU else len(LAMBAT_DULU)

    items.sort(key=urutan)  # stable: within a module, and among the others, the collected order stays
