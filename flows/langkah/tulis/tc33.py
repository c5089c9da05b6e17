"""Write the tidy T-C.33 rows as TC-33.xlsx: the one writer (flows.langkah.tulis.tabel) with T-C.33's output declaration
(schemas.tc33.KELUARAN) on the rows as the sheet shows them (transforms.tc33.seperti_tampil)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter  # noqa: F401  (the writer's workbook class; tests patch xlsxwriter.Workbook through this module)

from flows.langkah.tulis.tabel import posisi, tulis_tabel
from schemas.tc33 import KELUARAN
from transforms.tc33 import periksa_untuk_tulis, seperti_tampil

FIRST_DATA_ROW = posisi(KELUARAN).data  # 0-based (xlsxwriter counts from 0)


def tulis_tc33(tidy: pd.DataFrame, meta: Mapping, path: Path) -> Path:
    """Write `tidy` (TIDY_COLUMNS rows in document order) as TC-33.xlsx; return the file written.

    `path` is the folder to write TC-33.xlsx into, or the .xlsx file itself.
    `meta`: tahun (int, year n), kabupaten, kecamatan, tanda_tangan (None or a mapping with optional
    tempat_tanggal, jabatan, nama, nip), and optionally created (datetime stored as the document's date).
    """
    periksa_untuk_tulis(tidy)
    return tulis_tabel(seperti_tampil(tidy), KELUARAN, meta, path)
