"""Versions of a kecamatan's outputs: new sources never destroy the outputs of the previous ones.

Every output folder holds ``sumber.json``: the input files (name, size, SHA-256) its outputs were made from, and
the kecamatan's unit (kode wilayah and official names).  When
a run brings different sources for the same kecamatan (a corrected workbook, even under the same file name), the
outputs there are first moved, whole, to ``riwayat/<waktu versi lama>/``; the same sources again (a re-run)
rewrite the outputs in place.  ``sumber.json`` of the new version is written before any new output, so a run
killed half-way is recognised as the same version by the next run, which completes it; a move to ``riwayat``
killed half-way is completed into the same folder (its name comes from the old ``sumber.json``, moved last).
"""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from flows.mesin.berkas import sha256_isi, titik_uji, tulis_json

NAMA_SUMBER = "sumber.json"
FOLDER_RIWAYAT = "riwayat"


def sidik_sumber(paths: list[Path]) -> list[dict]:
    """Name, size and SHA-256 of each input file, in the given order (duplicates of a path once)."""
    hasil = []
    for p in dict.fromkeys(paths):
        hasil.append({"nama": p.name, "ukuran": p.stat().st_size, "sha256": sha256_isi(p)})
    return hasil


def baca_sumber(folder: Path) -> dict | None:
    """The folder's ``sumber.json`` ({dibuat, berkas: [{nama, ukuran, sha256}]}), or None."""
    try:
        data = json.loads((folder / NAMA_SUMBER).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and isinstance(data.get("berkas"), list) else None
    except (OSError, ValueError):
        return None


def _kunci(berkas: list[dict]) -> list[str]:
    return sorted(b.get("sha256", "") for b in berkas)


def siapkan_folder(folder: Path, sumber: list[dict], waktu: datetime, wilayah: dict | None = None) -> Path | None:
    """Make ``folder`` ready for the outputs of ``sumber``; return the ``riwayat`` folder the previous version was
    moved to, or None when there was nothing to keep (new folder, or the same sources again).  ``wilayah``: the
    kecamatan's unit (kode wilayah, names), recorded in ``sumber.json``."""
    lama = baca_sumber(folder)
    isi = [p for p in folder.iterdir() if p.name not in (FOLDER_RIWAYAT, NAMA_SUMBER)] if folder.is_dir() else []
    disimpan = None
    if lama is not None and _kunci(lama["berkas"]) == _kunci(sumber):
        if wilayah is not None and lama.get("wilayah") != wilayah:  # same sources, now with their unit recorded
            tulis_json({**lama, "wilayah": wilayah}, folder / NAMA_SUMBER)
        return None  # same sources: the outputs are rewritten in place
    if isi or lama is not None:
        disimpan = _ke_riwayat(folder, isi, lama)
    tulis_json({"dibuat": waktu.isoformat(timespec="seconds"), **({"wilayah": wilayah} if wilayah else {}),
                "berkas": sumber}, folder / NAMA_SUMBER)
    return disimpan


def _ke_riwayat(folder: Path, isi: list[Path], lama: dict | None) -> Path:
    if lama is not None and lama.get("dibuat"):
        nama = str(lama["dibuat"]).replace(":", "-")
    else:  # outputs of a version before sumber.json existed: named by their time
        nama = datetime.fromtimestamp(max(p.stat().st_mtime for p in isi)).isoformat(timespec="seconds")
        nama = nama.replace(":", "-") + "-tanpa-sumber"
    tujuan = folder / FOLDER_RIWAYAT / nama
    tujuan.mkdir(parents=True, exist_ok=True)
    for p in isi:
        _pindah(p, tujuan / p.name)
        titik_uji("tengah-riwayat")
    if lama is not None:
        os.replace(folder / NAMA_SUMBER, tujuan / NAMA_SUMBER)  # last: until then the next run resumes this move
    return tujuan


def _pindah(asal: Path, tujuan: Path) -> None:
    """Move a file or folder; a folder already (partly) moved by a killed run is merged into."""
    if asal.is_dir() and tujuan.is_dir():
        for anak in list(asal.iterdir()):
            _pindah(anak, tujuan / anak.name)
        asal.rmdir()
        return
    os.replace(asal, tujuan)
