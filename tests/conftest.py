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
SAMPEL = REPO / "input" / "Renja-Senduro-2024-TC33.xlsx"
REFERENSI = SHARED / "reference" / "renja-senduro-2024.txt"
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
