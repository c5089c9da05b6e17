"""The model of the validation report a person reads (laporan.html): every text it shows, in order, as plain strings.

flows/laporan.py renders it with the template flows/templat/laporan.html; nothing here is markup or escaped.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from schemas.aturan import GALAT, INFO, PERINGATAN
from schemas.nomenklatur import PERAN_BAWAAN, PESAN_DAFTAR

JUDUL_TINGKAT = {GALAT: "Galat", PERINGATAN: "Peringatan", INFO: "Info"}
KOLOM_TEMUAN_LAPORAN = ("No", "Tingkat", "Berkas", "Sheet", "Sel", "Kode", "Aturan", "Pesan")
IDENTITAS = (("Berkas", "berkas"), ("Sheet", "sheet"), ("Tahun", "tahun"), ("Kabupaten", "kabupaten"),
             ("Kecamatan", "kecamatan"), ("Kode wilayah", "kode_wilayah"), ("Dibuat", "dibuat"))
TIDAK_DIKETAHUI = "(tidak diketahui)"


@dataclass(frozen=True)
class Laporan:
    """What laporan.html shows: the main problem (or None), the table and kecamatan of the title, the identity
    lines (label, value), the counts per severity (title, n), the tables found (tabel, berkas, sheet, header row,
    data rows or 'NIHIL'), the key numbers (label, value), the nomenclature lines, the checks not done, the repaired
    codes (cell, kode asli, kode hasil, message), every finding (no, severity, its title, berkas, sheet, cell,
    kode, rule, message) and the region list's regulation (or None)."""

    utama: str | None
    tabel: str
    kecamatan: str
    identitas: tuple[tuple[str, str], ...]
    ringkas: tuple[tuple[str, object], ...]
    daftar_tabel: tuple[tuple[str, ...], ...]
    angka: tuple[tuple[str, str], ...]
    nomenklatur: tuple[str, ...]
    belum_diperiksa: tuple[str, ...]
    kode_diperbaiki: tuple[tuple[str, str, str, str], ...]
    temuan: tuple[tuple[str, ...], ...]
    data_wilayah: str | None


def model_laporan(info: dict, temuan: pd.DataFrame, belum_diperiksa: list[str]) -> Laporan:
    """The report of ``info`` (``berkas``, ``tabel``, ``sheet``, ``tahun``, ``kabupaten``, ``kecamatan``,
    ``kode_wilayah``, ``dibuat`` (time text), ``ringkasan`` (counts per severity), ``angka`` (label → value),
    ``daftar_tabel``, ``data_wilayah`` (the region list's regulation), ``nomenklatur`` (the lists of the
    nomenclature used: ``schemas.nomenklatur.KeteranganDaftar.as_dict()``) and ``masalah_utama`` (when set, the
    report's first line)), its findings ``temuan`` (``KOLOM_TEMUAN_LENGKAP``) and the checks not done."""
    r = info["ringkasan"]
    return Laporan(
        info.get("masalah_utama") or None, info["tabel"], str(info.get("kecamatan") or ""),
        tuple((label, str(nilai)) for label, nilai in _identitas(info)),
        tuple((judul, r.get(t, 0)) for t, judul in JUDUL_TINGKAT.items()),
        tuple((d["tabel"], d["berkas"], d["sheet"], d["baris_header"], "NIHIL" if d["nihil"] else d["jumlah_baris"])
              for d in info.get("daftar_tabel") or ()),
        tuple((k, str(v)) for k, v in (info.get("angka") or {}).items()),
        tuple(teks_daftar(k) for k in info.get("nomenklatur") or ()),
        tuple(belum_diperiksa),
        _kode_diperbaiki(temuan),
        tuple((i, str(t.tingkat), JUDUL_TINGKAT.get(t.tingkat, t.tingkat), str(t.berkas or ""), str(t.sheet or ""),
               str(t.sel or ""), str(t.kode or ""), str(t.aturan), str(t.pesan))
              for i, t in enumerate(temuan.itertuples(), start=1)),
        info.get("data_wilayah") or None,
    )


def teks_daftar(keterangan: dict) -> str:
    """One line on a list of the nomenclature used (``KeteranganDaftar.as_dict()``): what it is, its file, the
    bidang it gives, its regulation and source."""
    templat = PESAN_DAFTAR.get(keterangan.get("peran"), PESAN_DAFTAR[PERAN_BAWAAN])
    return templat.format(**{**keterangan, "bidang": ", ".join(keterangan.get("bidang") or ()) or "-"})


def _identitas(info: dict):
    for label, kunci in IDENTITAS:
        yield label, info.get(kunci) if info.get(kunci) not in (None, "") else TIDAK_DIKETAHUI


def _kode_diperbaiki(temuan: pd.DataFrame) -> tuple[tuple[str, str, str, str], ...]:
    kode = temuan[temuan["aturan"] == "kode-diperbaiki"] if not temuan.empty else temuan
    return tuple((str(t.sel or ""), str(t.nilai or ""), str(t.kode or ""), str(t.pesan)) for t in kode.itertuples())
