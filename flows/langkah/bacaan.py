"""The records the steps hand on — a file's tables as read and tidied, one kecamatan's summary (the operator's
options, ``Opsi``, are the run settings' own: flows.setelan) — and the safety net's finding for a table a step could
not finish."""
from __future__ import annotations

import logging
import pickle
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from flows.registri import LAYOUTS
from flows.setelan import Opsi
from schemas.aturan import ATURAN_BERKAS
from transforms.tabel import Tabel
from transforms.temuan import frame_temuan, lengkapi_temuan
from transforms.wilayah import CalonWilayah, HasilWilayah


__all__ = ["NAMA_TABEL", "BacaanBerkas", "HasilBerkas", "Opsi", "TabelTerbaca", "muat_bacaan", "simpan_bacaan",
           "temuan_tabel_gagal"]

LOG = logging.getLogger("renja")


NAMA_TABEL = {layout.id: layout.nama for layout in LAYOUTS}  # "TC-33" → "T-C.33", as each layout declares


@dataclass
class TabelTerbaca:
    """One table of one file, tidied."""

    layout: str
    berkas: str
    tabel: Tabel
    tidy: pd.DataFrame
    temuan: pd.DataFrame
    total: pd.DataFrame
    nihil: bool = False


@dataclass
class BacaanBerkas:
    """What one file gave: its tables, its metadata, or why it gave none."""

    path: Path
    tabel: list[TabelTerbaca]
    meta: dict
    gagal: tuple[str, str] | None = None  # (rule, detail) when the file gave no table
    meta_dari_nama: tuple[str, ...] = ()  # what kelompokkan took from another file of the same kecamatan (the year)
    temuan: pd.DataFrame | None = None  # findings about the file itself (berkas-bermakro), merged into the report
    calon: CalonWilayah | None = None  # what the file says about its unit (titles, signature, sheet and file names)
    wilayah: HasilWilayah | None = None  # its unit in the official list (identifikasi)
    diubah: int | None = None  # the file's modification time (ns): of one table sent twice, the newest is used
    disimpan: tuple[str, tuple[str, ...]] | None = None  # its tables kept on disk instead: where, and their layouts


def simpan_bacaan(b: BacaanBerkas, letak: str) -> BacaanBerkas:
    """The record with its tables kept in the file ``letak`` (a run's private folder: flows.mesin.jalan._Gudang)
    instead of in it; unchanged when it has no table.  ``muat_bacaan`` gives them back."""
    if not b.tabel:
        return b
    with open(letak, "wb") as f:
        pickle.dump(b.tabel, f, protocol=pickle.HIGHEST_PROTOCOL)
    return replace(b, tabel=[], disimpan=(letak, tuple(t.layout for t in b.tabel)))


def muat_bacaan(b: BacaanBerkas, letak: str | None = None) -> BacaanBerkas:
    """A file's record with its tables, loaded from where they were kept (``letak``, else the record's own
    ``disimpan``; neither: the record has them)."""
    letak = letak or (b.disimpan[0] if b.disimpan is not None else None)
    if letak is None:
        return b
    with open(letak, "rb") as f:  # written by this run (or its worker) in its private folder
        return replace(b, tabel=pickle.load(f), disimpan=None)  # noqa: S301


@dataclass
class HasilBerkas:
    """Summary of one kecamatan's (or one failed file's) processing, printed by the CLI and returned by the flow."""

    berkas: str
    status: str  # "ok", "tanpa-wilayah" (processed on its own: its kecamatan is not known), "gagal"; in
    # drop-folder mode also "duplikat", "menunggu", "dilanjutkan"
    folder: str | None
    galat: int = 0
    peringatan: int = 0
    info: int = 0
    pesan: str = ""
    keluaran: list[str] = field(default_factory=list)
    tujuan: list[str] = field(default_factory=list)  # drop-folder mode: where the input file(s) went
    catatan: list[str] = field(default_factory=list)  # lines the summary shows under this one (a table sent twice)
    tidak_dipakai: dict[str, str] = field(default_factory=dict)  # file name → why none of its tables was used

    def as_dict(self) -> dict:
        return asdict(self)


def temuan_tabel_gagal(t: Tabel, berkas: str, langkah: str, galat: BaseException,
                       akibat: str = "tabel ini tidak ditulis; tabel lain tetap ditulis.") -> pd.DataFrame:
    """The finding ``tabel-gagal-diolah`` (galat, at the table's header row) for table ``t`` of file ``berkas``,
    which a step (``langkah``: 'dibaca dan dirapikan', 'ditulis' …) could not finish because of an error in this
    program (``galat``, logged with its traceback): the report names the table and its sheet, says what became of
    it (``akibat``) and what to do."""
    nama = NAMA_TABEL.get(t.layout, t.layout)
    LOG.error("%s: tabel %s (sheet '%s') tidak dapat %s", berkas, nama, t.sheet, langkah, exc_info=galat)
    rincian = " ".join(f"{type(galat).__name__}: {galat}".split())[:200]
    temuan = ATURAN_BERKAS["tabel-gagal-diolah"].temuan({"sheet": t.sheet, "baris": t.baris_header}, nilai=rincian,
                                                        tabel=nama, sheet=t.sheet, langkah=langkah, rincian=rincian,
                                                        akibat=akibat)
    return lengkapi_temuan([frame_temuan([temuan])], berkas, t.peta_kolom)
