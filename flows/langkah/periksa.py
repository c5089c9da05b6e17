"""Run declared expectations (`schemas.harapan.Harapan`) with Great Expectations and turn failures into findings.

`jalankan_harapan(frames, harapan)` returns one finding per failing row per expectation (columns `KOLOM_GX`), each
built by the declaration's rule (`Harapan.sebagai_aturan`, schemas.aturan).

How it runs (GX Core 1.24.1):
- one ephemeral context per thread of a process, built on first use with its pandas data source, one dataframe asset
  and one whole-dataframe batch definition; per frame one `ExpectationSuite` holding all of that frame's expectations,
  run by GX's V1 validator (what `ValidationDefinition.run` does, without storing the definition, suite and result
  in the context: that bookkeeping was a third of a run) with result format BOOLEAN_ONLY, then the expectations
  that did not pass once more with COMPLETE (half the cost of COMPLETE for all: most pass), so every failing map
  expectation reports `unexpected_index_list`;
- the frame is validated as a copy with a fresh RangeIndex, so an index in `unexpected_index_list` is the row's
  position in the frame as given (whatever its own index was);
- `kondisi` becomes the expectation's `row_condition=PassThroughCondition(pass_through_filter=kondisi)`: the pandas
  engine applies it with `DataFrame.query`, which keeps the index, so findings still point at the original rows and
  a frame needs one run whatever its conditions.  (The string form `row_condition=... , condition_parser="pandas"`
  does the same but has been deprecated since GX 1.9 and warns.)
- results come back in GX's own order, not the suite's: each expectation carries its position in `meta`.

Findings that are not about data (rules `schemas.harapan.ATURAN_PEMERIKSAAN`):
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
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype

from flows.langkah.bacaan import TabelTerbaca, temuan_tabel_gagal
from flows.mesin.lingkungan import impor_malas
from schemas.aturan import KOLOM_TEMUAN_MENTAH, Temuan
from schemas.harapan import PEMERIKSAAN_DILEWATI, PEMERIKSAAN_GAGAL, Harapan, Kolom
from schemas.suites import SUITE_LINTAS, SUITE_TABEL41, SUITE_TC33, suite_program
from transforms.bingkai import objek_none
from transforms.lintas import frames_lintas
from transforms.periksa import frame_item, frame_rollup
from transforms.rekaman import baris_dict
from transforms.tabel41 import frame_rollup_tabel41
from transforms.temuan import gabung_temuan, lengkapi_temuan

# No usage statistics.  (The installed GX 1.24.1 ships no analytics client and its PyPI version check is never
# called, so no network use was seen; the variable is set in case a later version reads it.)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# The findings' frame: a finding's fields and the frame it is about, empty texts as '' (baris: <NA>).
KOLOM_GX = ("aturan", "tingkat", "frame", "sheet", "baris", "field", "kode", "nilai", "pesan")

_META = "renja_harapan"  # key of the expectation's meta that holds its position in `harapan`
_RESULT_FORMAT = {"result_format": "COMPLETE", "return_unexpected_index_query": False}
_RESULT_FORMAT_LULUS = {"result_format": "BOOLEAN_ONLY"}  # first pass: which pass (COMPLETE costs twice as much)


class _FrameTidakAda(KeyError):
    """A frame named by a declaration is not among the frames."""


def jalankan_harapan(frames: Mapping[str, pd.DataFrame], harapan: Sequence[Harapan]) -> pd.DataFrame:
    """Run `harapan` against `frames`; return the findings (columns `KOLOM_GX`), in declaration order, rows in
    frame order.  Never raises for a bad declaration or a GX error: those become findings (see module doc)."""
    return jalankan_harapan_banyak([(frames, harapan)])[0]


def jalankan_harapan_banyak(
        daftar: Sequence[tuple[Mapping[str, pd.DataFrame], Sequence[Harapan]]]) -> list[pd.DataFrame]:
    """`jalankan_harapan` for many independent (frames, harapan) pairs (e.g. one per kecamatan) at once; the
    findings of each, in the same order, exactly as `jalankan_harapan` would give them one by one.

    GX's cost is almost all per validation run, whatever the number of rows, so the pairs are validated together
    (module doc, "Batches"): one run per frame name, declarations, columns and dtypes, over the pairs' frames
    stacked.  What cannot be judged row by row on the stack runs per pair, as `jalankan_harapan` does."""
    temuan: list[dict[int, list[Temuan]]] = [{} for _ in daftar]
    antrian: list[dict[str, list[tuple[Any, list[int]]]]] = []
    for k, (frames, harapan) in enumerate(daftar):
        antrian.append(_antrekan(frames, harapan, temuan[k]))
    if any(antrian):
        try:
            mesin = _mesin()
        except Exception as e:  # noqa: BLE001 - no GX at all: every queued expectation failed to run
            for k, per_frame in enumerate(antrian):
                for slot in per_frame.values():
                    for _, posisi in slot:
                        for i in posisi:
                            temuan[k][i] = [_temuan_gagal(daftar[k][1][i], e)]
        else:
            for kelompok in _kelompokkan(daftar, antrian):
                kelompok.jalankan(mesin, daftar, temuan)
    return [_frame_temuan([(harapan[i].frame, t) for i in sorted(tk) for t in tk[i]])
            for (_, harapan), tk in zip(daftar, temuan)]


def _antrekan(frames: Mapping[str, pd.DataFrame], harapan: Sequence[Harapan],
              temuan: dict[int, list[Temuan]]) -> dict[str, list[tuple[Any, list[int]]]]:
    """Build each declaration's expectation; frame name -> [(expectation, [positions in harapan it answers for])].
    Declarations that cannot run get their finding in `temuan` here."""
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
    return per_frame


class _Mesin:
    """One ephemeral GX context with its pandas data source, one dataframe asset and one whole-dataframe batch
    definition, built once per thread (``_mesin``); `validasi` runs expectations as one suite on one frame."""

    def __init__(self, gx):
        from great_expectations.validator.v1_validator import Validator

        self.gx, self.n, self._validator = gx, 0, Validator
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = _tanpa_progress_bar()
        asset = context.data_sources.add_pandas("renja").add_dataframe_asset("frame")
        self.context, self.batch = context, asset.add_batch_definition_whole_dataframe("semua")

    def validasi(self, df: pd.DataFrame, expectations: list) -> list:
        """The results of ``expectations`` (a suite's worth: no two alike) on ``df``: what
        ``ValidationDefinition.run`` computes, through the same validator, without storing the definition, the
        suite and the result in the context (their fixed cost is most of a small run's)."""
        expectations = _tanpa_kembar(expectations)
        validator = self._validator(batch_definition=self.batch, batch_parameters={"dataframe": df},
                                    result_format=_RESULT_FORMAT_LULUS)
        hasil = self._jalankan(validator, expectations)
        # Results that did not pass (a failure or an error) again, COMPLETE: their rows, observed value, message.
        gagal = {_posisi_meta(r) for r in hasil if not r.success}
        if not gagal:
            return hasil
        per_meta = {_posisi_meta(exp): exp for exp in expectations}
        if None in gagal or len(per_meta) != len(expectations):  # not told apart by their meta: all again
            validator.result_format = _RESULT_FORMAT
            return self._jalankan(validator, expectations)
        validator.result_format = _RESULT_FORMAT
        ulang = {_posisi_meta(r): r for r in self._jalankan(validator, [per_meta[m] for m in gagal if m in per_meta])}
        return [ulang.get(_posisi_meta(r), r) if not r.success else r for r in hasil]

    def _jalankan(self, validator, expectations: list) -> list:
        self.n += 1
        suite = self.gx.ExpectationSuite(name=f"suite_{self.n}", expectations=expectations)
        return validator.validate_expectation_suite(suite).results


def _posisi_meta(x):
    """The position an expectation (or its result) carries in its meta (`_META`), or None."""
    config = getattr(x, "expectation_config", None)
    meta = (config.meta if config is not None else x.meta) or {}
    return meta.get(_META)


_PER_THREAD = threading.local()


def _mesin() -> _Mesin:
    """This thread's GX engine (the tasks of a run may validate in threads of one process)."""
    mesin = getattr(_PER_THREAD, "mesin", None)
    if mesin is None:
        mesin = _PER_THREAD.mesin = _Mesin(_gx())
    return mesin


def _jalankan_sendiri(mesin: _Mesin, h_daftar: Sequence[Harapan], asli: pd.DataFrame,
                      slot: list[tuple[Any, list[int]]], temuan: dict[int, list[Temuan]]) -> None:
    """One frame of one pair, as `jalankan_harapan` always ran it: its expectations in one run on the frame."""
    pemilik = {posisi[0]: posisi for _, posisi in slot}
    try:
        hasil = mesin.validasi(_untuk_gx(asli), [exp for exp, _ in slot])
    except Exception as e:  # noqa: BLE001 - the whole run failed: every expectation of the frame failed
        for posisi in pemilik.values():
            for i in posisi:
                temuan[i] = [_temuan_gagal(h_daftar[i], e)]
        return
    for r in hasil:
        posisi = pemilik.get((r.expectation_config.meta or {}).get(_META))
        if posisi is None:
            continue
        for i in posisi:
            try:
                temuan[i] = _temuan_hasil(h_daftar[i], r, asli)
            except Exception as e:  # noqa: BLE001 - a result we cannot read is a failed check
                temuan[i] = [_temuan_gagal(h_daftar[i], e)]
    for posisi in pemilik.values():  # an expectation GX returned no result for
        for i in posisi:
            if i not in temuan:
                temuan[i] = [_temuan_gagal(h_daftar[i], "GX tidak mengembalikan hasil")]


# --- batches ------------------------------------------------------------------------------------------------------

_KOLOM_PASANGAN = "__renja_pasangan"  # which pair a stacked row belongs to
_PEMISAH = "\x1f"  # between a pair's number and a value in a per-pair key


@dataclass
class _Anggota:
    k: int  # position of the pair in `daftar`
    asli: pd.DataFrame  # the frame as given, fresh RangeIndex (findings read their rows here)
    slot: list[tuple[Any, list[int]]]  # its stackable expectations
    rencana: dict[str, str] | None = None  # `_rencana_gx(asli)`: how GX gets the frame


@dataclass
class _Kelompok:
    """Pairs whose frame of one name has the same stackable declarations, columns and dtypes (``tanda``): validated
    in one run."""

    tanda: tuple
    anggota: list[_Anggota] = field(default_factory=list)

    def jalankan(self, mesin: _Mesin, daftar, temuan: list[dict[int, list[Temuan]]]) -> None:
        if len(self.anggota) == 1:
            a = self.anggota[0]
            _jalankan_sendiri(mesin, daftar[a.k][1], a.asli, a.slot, temuan[a.k])
            return
        pertama = self.anggota[0]
        h_pertama = daftar[pertama.k][1]
        tumpuk = self._tumpuk()
        awal = [0]
        for a in self.anggota:
            awal.append(awal[-1] + len(a.asli))
        expectations, hitung = [], []
        for j, (exp, posisi) in enumerate(pertama.slot):
            if _jumlah_baris(exp, h_pertama[posisi[0]]):
                hitung.append(j)
                continue
            try:
                exp_tumpuk, kolom_baru = _bentuk_tumpuk(exp, h_pertama[posisi[0]], j, self.anggota, daftar)
            except Exception:  # noqa: BLE001 - no result: run pair by pair, where its error is reported as before
                continue
            tumpuk = tumpuk.assign(**kolom_baru) if kolom_baru else tumpuk
            expectations.append(exp_tumpuk)
        hasil_per_j: dict[int, Any] = {}
        if expectations:
            try:
                for r in mesin.validasi(tumpuk, expectations):
                    j = (r.expectation_config.meta or {}).get(_META)
                    if isinstance(j, int):
                        hasil_per_j[j] = r
            except Exception:  # noqa: BLE001 - pair by pair, where the error is reported as before
                hasil_per_j = {}
        jumlah: dict[int, list[int]] = {}
        if hitung:
            hasil_jumlah, jumlah = self._jumlah(mesin, tumpuk, [(j, h_pertama[pertama.slot[j][1][0]]) for j in hitung])
            hasil_per_j.update(hasil_jumlah)
        for j in range(len(pertama.slot)):
            r = hasil_per_j.get(j)
            baris = None if r is None else _baris_gagal(r, len(self.anggota) if j in hitung else len(tumpuk))
            if baris is None:  # no result, a GX error, or a result that is not row by row: pair by pair
                for a in self.anggota:
                    _jalankan_sendiri(mesin, daftar[a.k][1], a.asli, [a.slot[j]], temuan[a.k])
                continue
            if j in hitung:  # a row of the counts frame per pair
                for m, a in enumerate(self.anggota):
                    for i in a.slot[j][1]:
                        h = daftar[a.k][1][i]
                        temuan[a.k][i] = [_temuan(h, nilai=_teks(jumlah[j][m]))] if m in baris else []
                continue
            for m, a in enumerate(self.anggota):
                lokal = [x - awal[m] for x in baris if awal[m] <= x < awal[m + 1]]
                for i in a.slot[j][1]:
                    h = daftar[a.k][1][i]
                    temuan[a.k][i] = _temuan_baris(h, a.asli, lokal)

    def _tumpuk(self) -> pd.DataFrame:
        """The members' frames as GX checks them (`_untuk_gx`), stacked, with the column of the pair each row
        belongs to.  Frames of equal dtypes are stacked first and converted once (the same values: each column's
        conversion is row by row and the group's members share their plan); others one by one."""
        rencana = self.anggota[0].rencana or {}
        dtypes = [tuple(a.asli.dtypes) for a in self.anggota]
        if all(d == dtypes[0] for d in dtypes) and all(a.rencana == rencana for a in self.anggota):
            tumpuk = _ubah_untuk_gx(pd.concat([a.asli for a in self.anggota], ignore_index=True), rencana)
        else:
            tumpuk = pd.concat([_ubah_untuk_gx(a.asli, a.rencana or {}) for a in self.anggota], ignore_index=True)
        pasangan = np.repeat(np.arange(len(self.anggota), dtype="int64"), [len(a.asli) for a in self.anggota])
        return tumpuk.assign(**{_KOLOM_PASANGAN: pasangan})

    def _jumlah(self, mesin: _Mesin, tumpuk: pd.DataFrame,
                daftar_j: list[tuple[int, Harapan]]) -> tuple[dict[int, Any], dict[int, list[int]]]:
        """Row count checks of the stack: each pair's count of the rows its condition selects (DataFrame.query,
        as GX applies a condition), checked by GX as a column of a frame with one row per pair.  The results and
        the counts, keyed by position ``j``; no result for a check that could not run that way."""
        kolom, expectations, jumlah = {}, [], {}
        for j, h in daftar_j:
            try:
                terpilih = tumpuk.query(h.kondisi) if h.kondisi else tumpuk
                n = terpilih[_KOLOM_PASANGAN].value_counts().reindex(range(len(self.anggota)), fill_value=0)
                kolom[f"__renja_jumlah_{j}"] = n.to_numpy(dtype="int64")
                expectations.append(_buat_expectation(
                    _kelas("ExpectColumnValuesToBeBetween"), replace(h, kondisi=None), j, {},
                    {"column": f"__renja_jumlah_{j}"}))
                jumlah[j] = [int(x) for x in n]
            except Exception:  # noqa: BLE001 - pair by pair, where its error is reported as before
                kolom.pop(f"__renja_jumlah_{j}", None)
        if not expectations:
            return {}, {}
        try:
            hasil = mesin.validasi(pd.DataFrame(kolom), expectations)
        except Exception:  # noqa: BLE001
            return {}, {}
        keluar = {}
        for r in hasil:
            j = (r.expectation_config.meta or {}).get(_META)
            if j in jumlah:
                keluar[j] = r
        return keluar, jumlah


def _kelompokkan(daftar, antrian: list[dict[str, list[tuple[Any, list[int]]]]]) -> list:
    """Every queued frame of every pair, as `_Kelompok`s (stackable expectations) and one-pair `_Kelompok`s for
    those that must run on their own frame: table-level expectations, `mostly`, and per-pair references
    (`Kolom` value sets, uniqueness) over values that are not all text."""
    kelompok: list[_Kelompok] = []
    sendiri: list[_Kelompok] = []
    for k, per_frame in enumerate(antrian):
        frames, harapan = daftar[k]
        for nama, slot in per_frame.items():
            asli = _indeks_posisi(frames[nama])
            gabung = [(exp, posisi) for exp, posisi in slot if _bisa_ditumpuk(exp, harapan[posisi[0]], asli)]
            lain = [(exp, posisi) for exp, posisi in slot if not any(exp is e for e, _ in gabung)]
            if lain:
                sendiri.append(_Kelompok((), [_Anggota(k, asli, lain)]))
            if not gabung:
                continue
            if any(isinstance(t, pd.CategoricalDtype) for t in asli.dtypes):
                sendiri.append(_Kelompok((), [_Anggota(k, asli, gabung)]))
                continue
            rencana = _rencana_gx(asli)
            tanda = (nama, tuple(tuple(harapan[i] for i in posisi) for _, posisi in gabung),
                     tuple(asli.columns), _dtype_gx(asli, rencana))
            anggota = _Anggota(k, asli, gabung, rencana)
            for kel in kelompok:
                if kel.tanda == tanda:
                    kel.anggota.append(anggota)
                    break
            else:
                kelompok.append(_Kelompok(tanda, [anggota]))
    return kelompok + sendiri


def _indeks_posisi(df: pd.DataFrame) -> pd.DataFrame:
    """``df.reset_index(drop=True)``; ``df`` itself when its index is already 0, 1, 2 … unnamed (a reset copies every
    block of a wide frame)."""
    indeks = df.index
    if isinstance(indeks, pd.RangeIndex) and indeks.start == 0 and indeks.step == 1 and indeks.name is None:
        return df
    return df.reset_index(drop=True)


def _bisa_ditumpuk(exp, h: Harapan, asli: pd.DataFrame) -> bool:
    """True when the expectation judges each row of the pair's frame by that row alone (or by a per-pair key we
    can build exactly), so that it gives the same rows on the stack of many pairs' frames."""
    if _KOLOM_PASANGAN in asli.columns or not _kondisi_per_baris(h.kondisi):
        return False
    if _jumlah_baris(exp, h):
        return True
    if not _per_baris(type(exp)) or "mostly" in h.kwargs:
        return False
    kolom = _kolom_per_pasangan(type(exp).__name__, h)
    if kolom is None:
        return not any(isinstance(v, Kolom) for v in h.kwargs.values())
    if kolom not in asli.columns:
        return False
    acuan = h.kwargs.get("value_set")
    if isinstance(acuan, Kolom) and not all(isinstance(x, str) for x in exp.value_set):
        return False
    return all(isinstance(x, str) for x in asli[kolom].dropna())


_PANGGILAN = re.compile(r"([A-Za-z_]\w*)\s*\(")
_PANGGILAN_PER_BARIS = frozenset({"notna", "isna", "notnull", "isnull"})
_KWARGS_JUMLAH = frozenset({"min_value", "max_value", "strict_min", "strict_max"})


def _kondisi_per_baris(kondisi: str | None) -> bool:
    """True when a row condition keeps or drops each row by that row alone, so that it selects the same rows in a
    stack of frames: no local variables (``@``) and no calls but ``notna()``/``isna()`` (``pagu > pagu.mean()`` is
    not row by row)."""
    if not kondisi:
        return True
    return "@" not in kondisi and all(n in _PANGGILAN_PER_BARIS for n in _PANGGILAN.findall(kondisi))


def _jumlah_baris(exp, h: Harapan) -> bool:
    """A row count check (ExpectTableRowCountToBeBetween with bounds only): on a stack it is judged per pair, from
    each pair's count of the rows its condition selects."""
    return type(exp).__name__ == "ExpectTableRowCountToBeBetween" and set(h.kwargs) <= _KWARGS_JUMLAH


def _kolom_per_pasangan(kelas: str, h: Harapan) -> str | None:
    """The column whose values must be compared within one pair only: the checked column of a uniqueness
    expectation, or of a set-membership one whose set is a `Kolom` reference (other keys referring to a `Kolom`:
    not stackable, None with a Kolom among the kwargs)."""
    lain = [k for k, v in h.kwargs.items() if isinstance(v, Kolom) and k != "value_set"]
    if lain:
        return None
    if kelas == "ExpectColumnValuesToBeUnique":
        return h.kwargs.get("column")
    if kelas == "ExpectColumnValuesToBeInSet" and isinstance(h.kwargs.get("value_set"), Kolom):
        return h.kwargs.get("column")
    return None


def _kunci(j: int, v) -> str:
    return f"{j}{_PEMISAH}{v}"


def _bentuk_tumpuk(exp, h: Harapan, j: int, anggota: list[_Anggota], daftar) -> tuple[Any, dict]:
    """The expectation as it runs on the stack (meta: its position ``j`` in the group), and the key column it
    needs: uniqueness and Kolom value sets compare "<pair>\\x1f<value>" keys, so values of two pairs never meet."""
    kolom = _kolom_per_pasangan(type(exp).__name__, h)
    frames = daftar[anggota[0].k][0]
    if kolom is None:
        return _buat_expectation(type(exp), h, j, frames), {}
    baru = f"__renja_kunci_{j}"
    nilai: list = []
    for m, a in enumerate(anggota):
        nilai.extend(None if pd.isna(v) else _kunci(m, v) for v in a.asli[kolom])
    ganti = {"column": baru}
    if isinstance(h.kwargs.get("value_set"), Kolom):
        # Only the keys the column holds can make a row pass, so the set is cut to those: the same rows fail, and
        # GX (which copies an expectation's kwargs each time it reads its configuration, dozens of times a run)
        # carries a few hundred keys instead of every kode of 25 kecamatan.
        acuan = {_kunci(m, x) for m, a in enumerate(anggota) for x in a.slot[j][0].value_set}
        ganti["value_set"] = sorted(acuan.intersection(nilai) or acuan)
    return _buat_expectation(type(exp), h, j, frames, ganti), {baru: pd.Series(nilai, dtype=object)}


def _baris_gagal(r, n: int) -> list[int] | None:
    """The stacked rows a row-level result failed on ([] on success), or None when the result cannot be read
    that way (an error, or no row list): the group's pairs then run it one by one."""
    if _pesan_galat(r.exception_info) is not None:
        return None
    if r.success:
        return []
    indeks = (r.result or {}).get("unexpected_index_list")
    if not indeks or not all(isinstance(x, numbers.Integral) and 0 <= x < n for x in indeks):
        return None
    return sorted({int(x) for x in indeks})


# --- GX, lazily -------------------------------------------------------------------------------------------------

_GX: Any = None
# Imported by GX at module level for what this project never runs — scipy.stats for its KL-divergence and KS-test
# expectations and metrics, altair for their charts — and used only inside those functions: while GX is imported
# they are imported lazily (executed on first attribute use), ~1 CPU-s of its ~3 (issue 13).
MODUL_MALAS = ("scipy.stats", "altair")


def _gx():
    """Import great_expectations on first use (about 2 CPU-s; MODUL_MALAS lazily) and keep its loggers quiet."""
    global _GX
    if _GX is None:
        gx_logger = logging.getLogger("great_expectations")
        if gx_logger.level == logging.NOTSET:  # respect a level someone configured on purpose
            gx_logger.setLevel(logging.WARNING)
        with impor_malas(MODUL_MALAS):
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


def _buat_expectation(cls, h: Harapan, i: int, frames: Mapping[str, pd.DataFrame], ganti: Mapping | None = None):
    """The expectation of declaration ``h`` (meta: its position ``i``); ``ganti`` replaces some kwargs (as
    resolved values: a stacked batch's key column and key set)."""
    ganti = ganti or {}
    kwargs = {k: ganti[k] if k in ganti else _uraikan(v, frames) for k, v in h.kwargs.items()
              if k != "result_format"}
    for k, v in ganti.items():
        kwargs.setdefault(k, v)
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


_ABAIKAN = {"id", "rendered_content", "notes", "meta"}


def _sama(a, b) -> bool:
    """The test ExpectationSuite.add_expectation uses to refuse a duplicate."""
    return type(a) is type(b) and a.dict(exclude=_ABAIKAN) == b.dict(exclude=_ABAIKAN)


def _tanpa_kembar(expectations: list) -> list:
    """``expectations`` without those equal (`_sama`) to one before them, as ExpectationSuite.add_expectation
    would leave them, each compared once as a dict."""
    hasil, dilihat = [], []
    for exp in expectations:
        tanda = (exp.expectation_type, exp.dict(exclude=_ABAIKAN))
        if tanda not in dilihat:
            dilihat.append(tanda)
            hasil.append(exp)
    return hasil


# --- results to findings -----------------------------------------------------------------------------------------


def _temuan_hasil(h: Harapan, r, df: pd.DataFrame) -> list[Temuan]:
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
    rows = baris_dict(df.iloc[sorted({int(x) for x in indeks})])
    return [_temuan(h, row=row, nilai=_teks(row.get(kolom)) if kolom else "") for row in rows]


def _temuan_baris(h: Harapan, df: pd.DataFrame, posisi: list[int]) -> list[Temuan]:
    """The findings of rows ``posisi`` of ``df`` failing declaration ``h`` (as `_temuan_hasil` gives them)."""
    if not posisi:
        return []
    try:
        kolom = _kolom_utama(h.kwargs)
        rows = baris_dict(df.iloc[posisi])
        return [_temuan(h, row=row, nilai=_teks(row.get(kolom)) if kolom else "") for row in rows]
    except Exception as e:  # noqa: BLE001 - a result we cannot read is a failed check
        return [_temuan_gagal(h, e)]


def _untuk_gx(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as GX 1.24.1 can check it.  Nullable numeric/boolean columns (Int64, Float64, boolean, Arrow)
    with <NA> make the pair and multicolumn expectations (ExpectColumnPairValuesToBeEqual, ...AToBeGreaterThanB,
    ExpectMulticolumnSumToEqual) raise "boolean value of NA is ambiguous"; as float64 with NaN (or object with
    None when a value is beyond 2**53, or for booleans) they work.  Findings still show the original values."""
    return _ubah_untuk_gx(df, _rencana_gx(df))


def _rencana_gx(df: pd.DataFrame) -> dict[str, str]:
    """What `_untuk_gx` does to each column it changes: "float64" or "object" (column name -> target)."""
    rencana = {}
    for kolom, dtype in df.dtypes.items():
        if not isinstance(dtype, ExtensionDtype):  # what is_extension_array_dtype tests, for a dtype
            continue
        if pd.api.types.is_bool_dtype(dtype):
            rencana[kolom] = "object"
        elif pd.api.types.is_numeric_dtype(dtype):
            rencana[kolom] = "float64" if _tidak_lewat_2_53(df[kolom]) else "object"
    return rencana


def _tidak_lewat_2_53(s: pd.Series) -> bool:
    """``pd.isna(m) or m <= 2**53`` with ``m = s.abs().max()`` (<NA> when every value is missing), read from the
    values' array for Int/Float columns: three Series per column were most of what planning a frame for GX cost."""
    arr = s.array
    if isinstance(arr, pd.arrays.IntegerArray):
        nilai = arr.to_numpy(dtype=arr.dtype.numpy_dtype, na_value=0)  # a missing value counts as 0: never above
    elif isinstance(arr, pd.arrays.FloatingArray):
        nilai = arr.to_numpy(dtype="float64", na_value=np.nan)
        nilai = nilai[~np.isnan(nilai)]
    else:
        terbesar = s.abs().max()
        return bool(pd.isna(terbesar) or terbesar <= 2**53)
    return len(nilai) == 0 or bool(np.abs(nilai).max() <= 2**53)


def _ubah_untuk_gx(df: pd.DataFrame, rencana: Mapping[str, str]) -> pd.DataFrame:
    ganti = {}
    for kolom, tujuan in rencana.items():
        seri = df[kolom]
        ganti[kolom] = seri.astype("float64") if tujuan == "float64" else objek_none(seri)
    return df.assign(**ganti) if ganti else df


def _dtype_gx(df: pd.DataFrame, rencana: Mapping[str, str]) -> tuple[str, ...]:
    """The dtypes of `_ubah_untuk_gx(df, rencana)`, without building it."""
    return tuple(rencana.get(k, str(t)) for k, t in df.dtypes.items())


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


def _temuan(h: Harapan, row: Mapping | None = None, nilai: str = "") -> Temuan:
    """The finding of declaration ``h`` about ``row`` (a failing row's values; None: a table-level failure) of
    value ``nilai``; the message is rendered over the row's values (plain Python, missing as '') and ``nilai``,
    ``aturan``, ``frame``, ``field``, ``tingkat``, ``kolom`` where the row has no such column."""
    row = row or {}
    field = h.field
    if h.field_kolom:
        field = _teks(row.get(h.field_kolom)) or h.field
    nilai_pesan = {k: _polos(v) for k, v in row.items() if isinstance(k, str)}
    nilai_pesan = {k: "" if v is None else v for k, v in nilai_pesan.items()}
    for k, v in (("nilai", nilai), ("aturan", h.aturan), ("frame", h.frame), ("field", field or ""),
                 ("tingkat", h.tingkat), ("kolom", _kolom_utama(h.kwargs) or "")):
        nilai_pesan.setdefault(k, v)
    letak = {"sheet": _teks(row.get("sheet")) or None, "baris": _bulat(row.get("baris"))}
    return h.sebagai_aturan().temuan(letak, field or None, nilai, kode=_teks(row.get("kode")) or None,
                                     isian=nilai_pesan)


def _temuan_gagal(h: Harapan, sebab) -> Temuan:
    sebab = sebab if isinstance(sebab, str) else f"{type(sebab).__name__}: {sebab}"
    sebab = re.sub(r"\s*\n\s*", "; ", sebab.strip())
    return PEMERIKSAAN_GAGAL.temuan(None, h.field or None, "", pemeriksaan=h.aturan, expectation=h.expectation,
                                    frame=h.frame, sebab=sebab)


def _temuan_dilewati(h: Harapan, sebab: str) -> Temuan:
    return PEMERIKSAAN_DILEWATI.temuan(None, h.field or None, "", pemeriksaan=h.aturan, expectation=h.expectation,
                                       frame=h.frame, sebab=sebab)


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


def _frame_temuan(temuan: list[tuple[str, Temuan]]) -> pd.DataFrame:
    """(frame, finding) pairs as the findings' frame (`KOLOM_GX`)."""
    data = {k: [] for k in KOLOM_GX}
    for frame, t in temuan:
        for k in KOLOM_GX:
            v = frame if k == "frame" else getattr(t, k)
            data[k].append(v if v is not None or k == "baris" else "")
    out = pd.DataFrame({k: pd.Series(v, dtype="Int64" if k == "baris" else "str") for k, v in data.items()})
    return out.reset_index(drop=True)


# ------------------------------------------------------------ the step: kecamatan checked together


def _periksa(tabel: dict[str, TabelTerbaca]) -> list[pd.DataFrame]:
    """Great Expectations on one kecamatan: T-C.33's own suite, then the cross-table suite."""
    return _periksa_banyak([tabel])[0]


def _periksa_banyak(daftar: list[dict[str, TabelTerbaca]]) -> list[list[pd.DataFrame]]:
    """`_periksa` for many kecamatan, validated together (flows.langkah.periksa.jalankan_harapan_banyak); a Tabel 4.1 without a
    T-C.33 gets its own roll-up check (SUITE_TABEL41)."""
    hasil: list[list[pd.DataFrame]] = [[] for _ in daftar]
    ada = [k for k, tabel in enumerate(daftar) if "TC-33" in tabel]
    pasangan = [({"item": frame_item(t.tidy), "rollup": frame_rollup(t.tidy, t.total)}, SUITE_TC33)
                for t in (daftar[k]["TC-33"] for k in ada)]
    for k, gx in zip(ada, jalankan_harapan_banyak(pasangan)):
        t = daftar[k]["TC-33"]
        hasil[k].append(lengkapi_temuan([gx.reindex(columns=list(KOLOM_TEMUAN_MENTAH))], t.berkas,
                                        t.tabel.peta_kolom))
    ada = [k for k, tabel in enumerate(daftar) if "TC-33" not in tabel and "TabelIV-1" in tabel
           and not tabel["TabelIV-1"].tidy.empty]
    pasangan = [({"rollup_tabel41": frame_rollup_tabel41(t.tidy, t.tabel.baris)}, SUITE_TABEL41)
                for t in (daftar[k]["TabelIV-1"] for k in ada)]
    for k, gx in zip(ada, jalankan_harapan_banyak(pasangan)):
        t = daftar[k]["TabelIV-1"]
        hasil[k].append(lengkapi_temuan([gx.reindex(columns=list(KOLOM_TEMUAN_MENTAH))], t.berkas,
                                        t.tabel.peta_kolom))
    ada, pasangan = [], []
    for k, tabel in enumerate(daftar):
        frames, program = _frames_lintas(tabel)
        if frames:
            ada.append(k)
            pasangan.append((frames, [h for h in (*SUITE_LINTAS, *suite_program(program)) if h.frame in frames]))
    for k, gx in zip(ada, jalankan_harapan_banyak(pasangan)):
        hasil[k].append(_temuan_lintas(gx, daftar[k]))
    return hasil


def _temuan_periksa_gagal(tabel: dict[str, TabelTerbaca], galat: BaseException) -> pd.DataFrame:
    """``tabel-gagal-diolah`` for a kecamatan whose validation ended in an error of this program (at T-C.33, whose
    suite and the cross-table one were not completed)."""
    t = tabel.get("TC-33") or next(iter(tabel.values()))
    return temuan_tabel_gagal(t.tabel, t.berkas, "diperiksa (Great Expectations: kode, jumlah dan antar-tabel)",
                              galat, akibat="semua tabel tetap ditulis tanpa pemeriksaan itu.")


def _frames_lintas(tabel: dict[str, TabelTerbaca]) -> tuple[dict[str, pd.DataFrame], tuple[str, ...]]:
    """One kecamatan's cross-table frames (transforms.lintas.frames_lintas) from its tables."""
    return frames_lintas({k: t.tidy for k, t in tabel.items()}, {k: t.tabel.peta_kolom for k, t in tabel.items()})


def _temuan_lintas(gx: pd.DataFrame, tabel: dict[str, TabelTerbaca]) -> pd.DataFrame:
    """Cross-table findings point at T-C.33's cell (their message names the other table's cell too); the
    two-halves check of T-C.31 at T-C.31's own."""
    gx = gx.reindex(columns=[*KOLOM_TEMUAN_MENTAH, "frame"])
    bagian = []
    for frame, layout in (("tc31", "TC-31"),):
        if layout in tabel:
            t = tabel[layout]
            bagian.append(lengkapi_temuan([gx[gx["frame"] == frame]], t.berkas, t.tabel.peta_kolom))
    t = tabel["TC-33"]
    bagian.append(lengkapi_temuan([gx[gx["frame"] != "tc31"]], t.berkas, t.tabel.peta_kolom))
    return gabung_temuan(bagian)
