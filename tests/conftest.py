"""Shared fixtures: paths, a separate Prefect state folder for tests, helpers to build cells frames."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

# Tests get their own Prefect state, never the project's .prefect/ of real runs.  Set before any prefect import.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="renja-prefect-test-"))
from flows.lingkungan import siapkan  # noqa: E402

siapkan()

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPEL = REPO / "tests" / "fixtures" / "Renja-Senduro-2024-TC33.xlsx"  # T-C.33 alone
SAMPEL_SEMUA = REPO / "input" / "Renja-Senduro-2024.xlsx"  # the shipped sample: every table
REFERENSI = SHARED / "reference" / "renja-senduro-2024.txt"
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


def merges_kosong() -> pd.DataFrame:
    return pd.DataFrame(columns=["sheet", "baris_awal", "kolom_awal", "baris_akhir", "kolom_akhir"])


def cells_referensi(sheet: str = "Renja") -> pd.DataFrame:
    """The whole reference document as one sheet: one row per line, one cell per tab-separated field.

    A test of a layout can find its table among all the others (prose lines become one-cell rows)."""
    if not REFERENSI.exists():
        pytest.skip(f"teks referensi tidak ada: {REFERENSI}")
    baris = [line.split("\t") for line in REFERENSI.read_text(encoding="utf-8").split("\n")]
    return cells_dari_baris(baris, sheet=sheet)
