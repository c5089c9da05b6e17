"""Run declared expectations (`schemas.harapan.Harapan`) with Great Expectations and turn failures into findings.

`jalankan_harapan(frames, harapan)` returns one finding per failing row per expectation (columns `KOLOM_TEMUAN`).

How it runs (GX Core 1.24.1):
- one ephemeral context per call; per frame one pandas dataframe asset, one whole-dataframe batch definition, one
  `ExpectationSuite` holding all of that frame's expectations and one `ValidationDefinition.run` with result format
  COMPLETE, so every failing map expectation reports `unexpected_index_list`;
- the frame is validated as a copy with a fresh RangeIndex, so an index in `unexpected_index_list` is the row's
  position in the frame as given (whatever its own index was);
- `kondisi` becomes the expectation's `row_condition=PassThroughCondition(pass_through_filter=kondisi)`: the pandas
  engine applies it with `DataFrame.query`, which keeps the index, so findings still point at the original rows and
  a frame needs one run whatever its conditions.  (The string form `row_condition=... , condition_parser="pandas"`
  does the same but has been deprecated since GX 1.9 and warns.)
- results come back in GX's own order, not the suite's: each expectation carries its position in `meta`.

Findings that are not about data:
- `pemeriksaan-gagal` (galat): the expectation could not run - unknown class, invalid kwargs, an unknown column, an
  invalid `kondisi`, or any GX error (`exception_info.raised_exception`).  One finding per expectation.
- `pemeriksaan-dilewati` (peringatan): the frame it checks (or a frame a `Kolom` marker refers to) is not in
  `frames`.  One finding per expectation, with empty sheet/baris.
- A frame with zero rows is validated only with its table-level expectations (row count, column set, ...); its
  row-level (map) expectations are skipped without findings: no row can fail them, and an empty frame built from no
  records often has no columns at all.

Row values: `sheet`, `baris`, `kode` come from the failing row's columns of those names when the frame has them;
`nilai` is the text of the expectation's main column (`column`, `column_A`, or the first of `column_list`) in that
row; for a table-level failure it is the text of GX's `observed_value`.  Empty values are "" (baris: <NA>).
A `result_format` in the declared kwargs is ignored: this module needs COMPLETE results.
"""
from __future__ import annotations

import logging
import math
import numbers
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from schemas.harapan import GALAT, PERINGATAN, Harapan, Kolom

# No usage statistics.  (The installed GX 1.24.1 ships no analytics client and its PyPI version check is never
# called, so no network use was seen; the variable is set in case a later version reads it.)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

KOLOM_TEMUAN = ("aturan", "tingkat", "frame", "sheet", "baris", "field", "kode", "nilai", "pesan")
ATURAN_GAGAL = "pemeriksaan-gagal"
ATURAN_DILEWATI = "pemeriksaan-dilewati"

_META = "renja_harapan"  # key of the expectation's meta that holds its position in `harapan`
_RESULT_FORMAT = {"result_format": "COMPLETE", "return_unexpected_index_query": False}


class _FrameTidakAda(KeyError):
    """A frame named by a declaration is not among the frames."""


def jalankan_harapan(frames: Mapping[str, pd.DataFrame], harapan: Sequence[Harapan]) -> pd.DataFrame:
    """Run `harapan` against `frames`; return the findings (columns `KOLOM_TEMUAN`), in declaration order, rows in
    frame order.  Never raises for a bad declaration or a GX error: those become findings (see module doc)."""
    temuan: dict[int, list[dict]] = {}
    # frame name -> [(expectation, [positions in harapan it answers for])]
    per_frame: dict[str, list[tuple[Any, list[int]]]] = {}

    for i, h in enumerate(harapan):
        df = frames.get(h.frame)
        if df is None:
            temuan[i] = [_temuan_dilewati(h, f"tabel '{h.frame}' tidak tersedia")]
            continue
        try:
            cls = _kelas(h.expectation)
            if len(df) == 0 and _per_baris(cls):
                continue
            exp = _buat_expectation(cls, h, i, frames)
        except _FrameTidakAda as e:
            temuan[i] = [_temuan_dilewati(h, e.args[0])]
            continue
        except Exception as e:  # noqa: BLE001 - any bad declaration becomes a finding
            temuan[i] = [_temuan_gagal(h, e)]
            continue
        slot = per_frame.setdefault(h.frame, [])
        # An ExpectationSuite is a set: an expectation equal to one already in it (meta aside) is silently not
        # added.  Such a duplicate shares the first one's result.
        for exp_lain, posisi in slot:
            if _sama(exp, exp_lain):
                posisi.append(i)
                break
        else:
            slot.append((exp, [i]))

    if per_frame:
        try:
            gx = _gx()
            context = gx.get_context(mode="ephemeral")
            context.variables.progress_bars = _tanpa_progress_bar()
            source = context.data_sources.add_pandas("renja")
        except Exception as e:  # noqa: BLE001 - no GX at all: every queued expectation failed to run
            for slot in per_frame.values():
                for _, posisi in slot:
                    for i in posisi:
                        temuan[i] = [_temuan_gagal(harapan[i], e)]
            per_frame = {}
        for n, (nama, slot) in enumerate(per_frame.items()):
            asli = frames[nama].reset_index(drop=True)
            df = _untuk_gx(asli)
            pemilik = {posisi[0]: posisi for _, posisi in slot}
            try:
                asset = source.add_dataframe_asset(f"frame_{n}")
                batch = asset.add_batch_definition_whole_dataframe("semua")
                suite = gx.ExpectationSuite(name=f"suite_{n}")
                for exp, _ in slot:
                    suite.add_expectation(exp)
                # Both must belong to the context, or run() raises ...FreshnessError.
                suite = context.suites.add(suite)
                validasi = context.validation_definitions.add(
                    gx.ValidationDefinition(name=f"validasi_{n}", data=batch, suite=suite)
                )
                hasil = validasi.run(batch_parameters={"dataframe": df}, result_format=_RESULT_FORMAT)
            except Exception as e:  # noqa: BLE001 - the whole run failed: every expectation of the frame failed
                for posisi in pemilik.values():
                    for i in posisi:
                        temuan[i] = [_temuan_gagal(harapan[i], e)]
                continue
            for r in hasil.results:
                posisi = pemilik.get((r.expectation_config.meta or {}).get(_META))
                if posisi is None:
                    continue
                for i in posisi:
                    try:
                        temuan[i] = _temuan_hasil(harapan[i], r, asli)
                    except Exception as e:  # noqa: BLE001 - a result we cannot read is a failed check
                        temuan[i] = [_temuan_gagal(harapan[i], e)]
            for posisi in pemilik.values():  # an expectation GX returned no result for
                for i in posisi:
                    if i not in temuan:
                        temuan[i] = [_temuan_gagal(harapan[i], "GX tidak mengembalikan hasil")]

    baris = [t for i in sorted(temuan) for t in temuan[i]]
    return _frame_temuan(baris)


# --- GX, lazily -------------------------------------------------------------------------------------------------

_GX: Any = None


def _gx():
    """Import great_expectations on first use (about 4 s) and keep its loggers quiet."""
    global _GX
    if _GX is None:
        gx_logger = logging.getLogger("great_expectations")
        if gx_logger.level == logging.NOTSET:  # respect a level someone configured on purpose
            gx_logger.setLevel(logging.WARNING)
        import great_expectations

        for nama, logger in list(logging.root.manager.loggerDict.items()):  # GX sets INFO on some of its own
            if nama.startswith("great_expectations.") and isinstance(logger, logging.Logger) and \
                    logger.level and logger.level < logging.WARNING:
                logger.setLevel(logging.WARNING)
        _GX = great_expectations
    return _GX


def _tanpa_progress_bar():
    from great_expectations.data_context.types.base import ProgressBarsConfig

    return ProgressBarsConfig(globally=False, metric_calculations=False)


def _kelas(nama: str):
    _gx()
    import great_expectations.expectations as gxe
    from great_expectations.expectations.expectation import Expectation

    cls = getattr(gxe, nama, None)
    if not (isinstance(cls, type) and issubclass(cls, Expectation)):
        raise ValueError(f"expectation '{nama}' tidak dikenal")
    return cls


def _per_baris(cls) -> bool:
    """True for map expectations: those judged row by row, which report the failing rows."""
    from great_expectations.expectations.expectation import (
        ColumnMapExpectation,
        ColumnPairMapExpectation,
        MulticolumnMapExpectation,
    )

    return issubclass(cls, (ColumnMapExpectation, ColumnPairMapExpectation, MulticolumnMapExpectation))


def _buat_expectation(cls, h: Harapan, i: int, frames: Mapping[str, pd.DataFrame]):
    kwargs = {k: _uraikan(v, frames) for k, v in h.kwargs.items() if k != "result_format"}
    kwargs["meta"] = {**(kwargs.get("meta") or {}), _META: i}
    if h.kondisi:
        if kwargs.get("row_condition") is not None:
            raise ValueError("kondisi diisi dua kali (kondisi dan row_condition)")
        from great_expectations.expectations.row_conditions import PassThroughCondition

        kwargs["row_condition"] = PassThroughCondition(pass_through_filter=h.kondisi)
    return cls(**kwargs)


def _uraikan(v, frames: Mapping[str, pd.DataFrame]):
    """Resolve `Kolom` markers (also inside lists/tuples) to the sorted distinct non-null values."""
    if isinstance(v, Kolom):
        df = frames.get(v.frame)
        if df is None:
            raise _FrameTidakAda(f"tabel '{v.frame}' (acuan {v.frame}.{v.kolom}) tidak tersedia")
        if v.kolom not in df.columns:
            raise KeyError(f"kolom '{v.kolom}' tidak ada di tabel '{v.frame}'")
        nilai = [_polos(x) for x in pd.unique(df[v.kolom].dropna())]
        try:
            return sorted(nilai)
        except TypeError:
            return sorted(nilai, key=lambda x: (type(x).__name__, str(x)))
    if isinstance(v, (list, tuple)):
        return type(v)(_uraikan(x, frames) for x in v)
    return v


def _sama(a, b) -> bool:
    """The test ExpectationSuite.add_expectation uses to refuse a duplicate."""
    abaikan = {"id", "rendered_content", "notes", "meta"}
    return type(a) is type(b) and a.dict(exclude=abaikan) == b.dict(exclude=abaikan)


# --- results to findings -----------------------------------------------------------------------------------------


def _temuan_hasil(h: Harapan, r, df: pd.DataFrame) -> list[dict]:
    galat = _pesan_galat(r.exception_info)
    if galat is not None:
        return [_temuan_gagal(h, galat)]
    if r.success:
        return []
    result = r.result or {}
    indeks = result.get("unexpected_index_list")
    if not indeks or not all(isinstance(x, numbers.Integral) and 0 <= x < len(df) for x in indeks):
        # A table-level failure (row count, column set, an aggregate): one finding for the table.
        return [_temuan(h, nilai=_teks(result.get("observed_value")))]
    kolom = _kolom_utama(r.expectation_config.kwargs)
    rows = df.iloc[sorted({int(x) for x in indeks})].to_dict("records")
    return [_temuan(h, row=row, nilai=_teks(row.get(kolom)) if kolom else "") for row in rows]


def _untuk_gx(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as GX 1.24.1 can check it.  Nullable numeric/boolean columns (Int64, Float64, boolean, Arrow)
    with <NA> make the pair and multicolumn expectations (ExpectColumnPairValuesToBeEqual, ...AToBeGreaterThanB,
    ExpectMulticolumnSumToEqual) raise "boolean value of NA is ambiguous"; as float64 with NaN (or object with
    None when a value is beyond 2**53, or for booleans) they work.  Findings still show the original values."""
    ganti = {}
    for kolom, dtype in df.dtypes.items():
        if not pd.api.types.is_extension_array_dtype(dtype):
            continue
        seri = df[kolom]
        if pd.api.types.is_bool_dtype(dtype):
            ganti[kolom] = seri.astype(object).where(seri.notna(), None)
        elif pd.api.types.is_numeric_dtype(dtype):
            terisi = seri.dropna()
            if terisi.empty or terisi.abs().max() <= 2**53:
                ganti[kolom] = seri.astype("float64")
            else:
                ganti[kolom] = seri.astype(object).where(seri.notna(), None)
    return df.assign(**ganti) if ganti else df


def _kolom_utama(kwargs: Mapping) -> str | None:
    if kwargs.get("column"):
        return kwargs["column"]
    if kwargs.get("column_A"):
        return kwargs["column_A"]
    if kwargs.get("column_list"):
        return kwargs["column_list"][0]
    return None


def _pesan_galat(info) -> str | None:
    """The message of a GX error in an `exception_info`, or None.  GX 1.24.1 gives either one
    `{"raised_exception": ..., "exception_message": ...}` or a dict of those keyed by metric id."""
    if not info:
        return None
    if "raised_exception" in info:
        return (info.get("exception_message") or "galat GX") if info.get("raised_exception") else None
    pesan = [v.get("exception_message") or "galat GX" for v in info.values()
             if isinstance(v, Mapping) and v.get("raised_exception", True)]
    return "; ".join(dict.fromkeys(pesan)) or None


def _temuan(h: Harapan, row: Mapping | None = None, nilai: str = "") -> dict:
    row = row or {}
    field = h.field
    if h.field_kolom:
        field = _teks(row.get(h.field_kolom)) or h.field
    nilai_pesan = {k: _polos(v) for k, v in row.items() if isinstance(k, str)}
    nilai_pesan = {k: "" if v is None else v for k, v in nilai_pesan.items()}
    for k, v in (("nilai", nilai), ("aturan", h.aturan), ("frame", h.frame), ("field", field or ""),
                 ("tingkat", h.tingkat), ("kolom", _kolom_utama(h.kwargs) or "")):
        nilai_pesan.setdefault(k, v)
    return {
        "aturan": h.aturan,
        "tingkat": h.tingkat,
        "frame": h.frame,
        "sheet": _teks(row.get("sheet")),
        "baris": _bulat(row.get("baris")),
        "field": field or "",
        "kode": _teks(row.get("kode")),
        "nilai": nilai,
        "pesan": _render(h.pesan, nilai_pesan),
    }


def _temuan_gagal(h: Harapan, sebab) -> dict:
    sebab = sebab if isinstance(sebab, str) else f"{type(sebab).__name__}: {sebab}"
    sebab = re.sub(r"\s*\n\s*", "; ", sebab.strip())
    return {
        **_temuan(h),
        "aturan": ATURAN_GAGAL,
        "tingkat": GALAT,
        "pesan": f"Pemeriksaan '{h.aturan}' ({h.expectation}) pada tabel '{h.frame}' gagal dijalankan: {sebab}",
    }


def _temuan_dilewati(h: Harapan, sebab: str) -> dict:
    return {
        **_temuan(h),
        "aturan": ATURAN_DILEWATI,
        "tingkat": PERINGATAN,
        "pesan": f"Pemeriksaan '{h.aturan}' ({h.expectation}) dilewati: {sebab}",
    }


class _Kosong(dict):
    def __missing__(self, key):
        return ""


def _render(template: str, nilai: Mapping) -> str:
    try:
        return template.format_map(_Kosong(nilai))
    except Exception:  # noqa: BLE001 - a bad format spec must not lose the finding
        try:
            return template.format_map(_Kosong({k: _teks(v) for k, v in nilai.items()}))
        except Exception:  # noqa: BLE001
            return template


def _polos(v):
    """A cell as a plain Python value: missing -> None, numpy scalar -> Python, whole float -> int."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, TypeError):
            pass
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if v.is_integer() and abs(v) < 2**63:
            return int(v)
    return v


def _teks(v) -> str:
    v = _polos(v)
    return "" if v is None else str(v)


def _bulat(v):
    v = _polos(v)
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    try:
        return int(str(v).strip())
    except ValueError:
        return None


def _frame_temuan(baris: list[dict]) -> pd.DataFrame:
    data = {k: [b[k] for b in baris] for k in KOLOM_TEMUAN}
    out = pd.DataFrame({k: pd.Series(v, dtype="Int64" if k == "baris" else "str") for k, v in data.items()})
    return out.reset_index(drop=True)
