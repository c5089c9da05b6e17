"""Declared expectations ("harapan"): what a data frame must satisfy, as plain data.

A `Harapan` names a Great Expectations expectation class and its arguments, the frame it checks, and how a
failure is reported (rule code, severity, Indonesian message, the field it points at): the suites' declare a rule
of the registry (`Harapan.dari`, schemas.aturan), and a failure is a finding of that rule.  `flows.langkah.periksa.jalankan_harapan`
runs them.  This module only declares: it does no IO and does not import great_expectations.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from schemas.aturan import GALAT, PERINGATAN, Aturan, daftar

TINGKAT = (GALAT, PERINGATAN)

# The findings of the checks themselves, not of the data (flows.langkah.periksa): one per declaration that could not run.
ATURAN_PEMERIKSAAN = daftar(
    Aturan("pemeriksaan-gagal", GALAT,
           "Pemeriksaan '{pemeriksaan}' ({expectation}) pada tabel '{frame}' gagal dijalankan: {sebab}", "pemeriksaan",
           keterangan="a declared expectation could not run (an unknown class or column, invalid arguments or "
                      "condition, a GX error)"),
    Aturan("pemeriksaan-dilewati", PERINGATAN, "Pemeriksaan '{pemeriksaan}' ({expectation}) dilewati: {sebab}",
           "pemeriksaan", keterangan="the frame a declared expectation checks (or a frame it refers to) is missing"),
)
PEMERIKSAAN_GAGAL, PEMERIKSAAN_DILEWATI = ATURAN_PEMERIKSAAN["pemeriksaan-gagal"], ATURAN_PEMERIKSAAN[
    "pemeriksaan-dilewati"]


@dataclass(frozen=True)
class Kolom:
    """A kwargs value meaning "the sorted distinct non-null values of column `kolom` of frame `frame`", resolved
    when the expectations run (e.g. ``value_set=Kolom("item", "kode")``: every kode_induk exists among the kode)."""

    frame: str
    kolom: str


@dataclass(frozen=True)
class Harapan:
    """One expectation on one frame.

    aturan      stable kebab-case rule code of the finding, e.g. ``"jumlah-tidak-sesuai"``.
    frame       name of the frame it checks (a key of the ``frames`` mapping), e.g. ``"item"``, ``"rollup"``.
    expectation GX expectation class name, e.g. ``"ExpectColumnPairValuesToBeEqual"``.
    kwargs      its arguments; values may be `Kolom` markers.
    tingkat     `GALAT` or `PERINGATAN`.
    pesan       Indonesian message template, rendered with ``str.format_map`` over the failing row's values
                (plus ``nilai``, ``aturan``, ``frame``, ``field``, ``kolom`` when the row has no such column);
                unknown keys render as empty text.
    field       the tidy field whose cell a finding points at (e.g. ``"pagu"``), or None.
    field_kolom alternatively a column of the frame holding the field name per row (frames that mix fields);
                when that cell is empty the finding falls back to `field`.
    kondisi     optional row condition in pandas query syntax (e.g. ``'level == "sub_kegiatan"'``): only the
                rows satisfying it are checked.
    """

    aturan: str
    frame: str
    expectation: str
    kwargs: Mapping
    tingkat: str
    pesan: str
    field: str | None
    field_kolom: str | None = None
    kondisi: str | None = None

    def __post_init__(self) -> None:
        if self.tingkat not in TINGKAT:
            raise ValueError(f"tingkat harus salah satu dari {TINGKAT}, bukan {self.tingkat!r}")

    @classmethod
    def dari(cls, aturan: Aturan, frame: str, expectation: str, kwargs: Mapping, field: str | None,
             field_kolom: str | None = None, kondisi: str | None = None) -> Harapan:
        """The expectation whose failures are findings of the (registered) rule ``aturan``."""
        return cls(aturan.kode, frame, expectation, kwargs, aturan.tingkat, aturan.templat, field, field_kolom,
                   kondisi)

    def sebagai_aturan(self) -> Aturan:
        """The rule its failures are findings of, as declared here (code, severity, template): their builder."""
        return Aturan(self.aturan, self.tingkat, self.pesan, "suite")
