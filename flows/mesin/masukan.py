"""The drop folder's lifecycle: which files are complete, the ledger of content hashes, and where each file goes.

Operators copy files into ``input/``.  A file is taken only when it is complete: not a temporary name of a copy
tool, its size and modification time unchanged for ``tenang`` seconds and unchanged while it is hashed.  After a
run every file it took leaves the drop folder, never deleted:

- processed → ``input/arsip/<tanggal>/<nama>``;
- refused → ``input/ditolak/<nama>`` with ``<nama>.alasan.txt`` beside it (Indonesian reason);
- the same bytes as a file already processed → ``input/duplikat/<nama>`` with ``<nama>.keterangan.txt``.

The ledger ``input/arsip/buku.jsonl`` has one JSON line per decision (content SHA-256, name, size, status, where
the file went, the output folder).  It is appended and fsynced *before* the file is moved, so after a crash
between the two the next run finds the record and completes the move instead of processing the file again.
A truncated last line (the process killed while appending) is ignored when the ledger is read.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from flows.mesin.berkas import sha256_isi, titik_uji, tulis_teks
from flows.setelan import setelan
from schemas import setelan as st

FOLDER_ARSIP, FOLDER_DITOLAK, FOLDER_DUPLIKAT = "arsip", "ditolak", "duplikat"
NAMA_BUKU = "buku.jsonl"
TENANG_DETIK = st.TENANG_DETIK.bawaan  # a file untouched this long (size and time) is taken as complete
# Names that copy tools, editors and browsers give a file while it is being written; left alone, never refused.
AWALAN_SEMENTARA = (".", "~$", "~", "#")
AKHIRAN_SEMENTARA = (".part", ".partial", ".crdownload", ".download", ".opdownload", ".tmp", ".temp", ".filepart",
                     ".!ut", ".swp", ".lock", "#", "~")


def nama_sementara(nama: str) -> bool:
    """True for names copy tools use while writing (rsync ``.x.xlsx.Ab12``, WinSCP ``.filepart``, ``~$`` …)."""
    kecil = nama.lower()
    return kecil.startswith(AWALAN_SEMENTARA) or kecil.endswith(AKHIRAN_SEMENTARA)


def tenang_detik() -> float:
    """Seconds a drop-folder file stays untouched before it is taken: RENJA_TENANG_DETIK, else TENANG_DETIK."""
    return setelan().tenang_detik


@dataclass
class Pindaian:
    """What lies directly in the drop folder now."""

    siap: list[Path] = field(default_factory=list)  # complete, supported: to be processed
    menunggu: list[Path] = field(default_factory=list)  # still changing: next time
    tidak_didukung: list[Path] = field(default_factory=list)  # complete but not a workbook or CSV: refused
    tautan: list[Path] = field(default_factory=list)  # symbolic links: refused (never followed)


def pindai(folder: Path, tenang: float | None = None, sekarang: float | None = None) -> Pindaian:
    """Sort the entries directly in ``folder``; subfolders (arsip/, ditolak/, duplikat/) and temporary names are
    not looked at."""
    tenang = tenang_detik() if tenang is None else tenang
    sekarang = time.time() if sekarang is None else sekarang
    hasil = Pindaian()
    if not folder.is_dir():
        return hasil
    for p in sorted(folder.iterdir(), key=lambda p: p.name):
        if nama_sementara(p.name):
            continue
        if p.is_symlink():
            hasil.tautan.append(p)
            continue
        if not p.is_file():
            continue
        st = p.stat()
        if sekarang - st.st_mtime < tenang:
            hasil.menunggu.append(p)
        elif p.suffix.lower() in _ekstensi_didukung():
            hasil.siap.append(p)
        else:
            hasil.tidak_didukung.append(p)
    return hasil


def jejak(path: Path) -> tuple[int, int]:
    """(size, modification time in ns): what must not change while a file is taken."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def sha256_berkas(path: Path) -> tuple[str, tuple[int, int]] | None:
    """The file's SHA-256 and its size/time; None when it changed while being hashed (still being copied)."""
    sebelum = jejak(path)
    sha = sha256_isi(path)
    sesudah = jejak(path)
    return (sha, sesudah) if sesudah == sebelum else None


# ------------------------------------------------------------------------------------------------- ledger


@dataclass
class Catatan:
    """One line of the ledger."""

    sha256: str
    nama: str
    ukuran: int
    status: str  # "diproses", "ditolak", "duplikat"
    tujuan: str  # where the file went, relative to the drop folder
    waktu: str
    folder_keluaran: str | None = None
    keterangan: str = ""


class Buku:
    """The append-only ledger of the drop folder (``input/arsip/buku.jsonl``)."""

    def __init__(self, folder_masukan: Path):
        self.folder_masukan = folder_masukan
        self.path = folder_masukan / FOLDER_ARSIP / NAMA_BUKU
        self.catatan: list[Catatan] = []
        if self.path.exists():
            for baris in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    self.catatan.append(Catatan(**json.loads(baris)))
                except (ValueError, TypeError):
                    continue  # a line cut short by a crash while appending

    def diproses(self, sha: str) -> Catatan | None:
        """The last record of these bytes being processed, if any."""
        return next((c for c in reversed(self.catatan) if c.sha256 == sha and c.status == "diproses"), None)

    def terakhir(self, sha: str) -> Catatan | None:
        return next((c for c in reversed(self.catatan) if c.sha256 == sha), None)

    def catat(self, c: Catatan) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.catatan.append(c)


# ------------------------------------------------------------------------------------------------- moving


def tujuan_unik(folder: Path, nama: str) -> Path:
    """``folder/nama``, or ``folder/stem (2).ext`` … when that name is taken: nothing is ever overwritten."""
    calon = folder / nama
    p = Path(nama)
    n = 2
    while calon.exists() or calon.is_symlink():
        calon = folder / f"{p.stem} ({n}){p.suffix}"
        n += 1
    return calon


def rencana_tujuan(folder_masukan: Path, path: Path, status: str, waktu: datetime) -> Path:
    """Where a file taken from the drop folder goes, by its fate."""
    if status == "diproses":
        folder = folder_masukan / FOLDER_ARSIP / waktu.strftime("%Y-%m-%d")
    elif status == "ditolak":
        folder = folder_masukan / FOLDER_DITOLAK
    else:
        folder = folder_masukan / FOLDER_DUPLIKAT
    folder.mkdir(parents=True, exist_ok=True)
    return tujuan_unik(folder, path.name)


def selesaikan(buku: Buku, path: Path, sha: str, ukuran: int, status: str, waktu: datetime,
               folder_keluaran: str | None = None, keterangan: str = "") -> Path:
    """Record the decision in the ledger, then move the file (and write its reason file when refused)."""
    tujuan = rencana_tujuan(buku.folder_masukan, path, status, waktu)
    buku.catat(Catatan(sha, path.name, ukuran, status, str(tujuan.relative_to(buku.folder_masukan)),
                       waktu.isoformat(timespec="seconds"), folder_keluaran, keterangan))
    titik_uji("setelah-buku")
    pindahkan(path, tujuan, status, keterangan)
    return tujuan


def pindahkan(path: Path, tujuan: Path, status: str, keterangan: str) -> None:
    if status in ("ditolak", "duplikat"):
        akhiran = ".alasan.txt" if status == "ditolak" else ".keterangan.txt"
        tulis_teks(keterangan.rstrip() + "\n", tujuan.with_name(tujuan.name + akhiran))
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    os.replace(path, tujuan)  # same file system: atomic; a symlink is moved as a link, never followed


def lanjutkan_yang_terputus(buku: Buku, path: Path, sha: str) -> Path | None:
    """A file whose decision is in the ledger but which is still in the drop folder (the run was killed between
    the two): finish the move the ledger names.  None when the ledger has no such pending decision."""
    c = buku.terakhir(sha)
    if c is None or c.nama != path.name:
        return None
    tujuan = buku.folder_masukan / c.tujuan
    if tujuan.exists() or tujuan.is_symlink():
        return None  # that move was done: this is the same bytes dropped again
    pindahkan(path, tujuan, c.status, c.keterangan)
    return tujuan


def alasan_tidak_didukung(path: Path) -> str:
    akhiran = path.suffix or "(tanpa akhiran)"
    return (f"Berkas '{path.name}' ditolak: jenis berkas {akhiran} tidak didukung. Kirim workbook Excel (.xlsx, "
            ".xlsm, .xls) atau CSV berisi tabel Renja.")


def alasan_tautan(path: Path) -> str:
    return (f"Berkas '{path.name}' ditolak: ini tautan simbolik (symlink), bukan berkas. Tautan tidak pernah "
            "diikuti; salin berkas aslinya ke folder input.")


def keterangan_duplikat(path: Path, sha: str, lama: Catatan) -> str:
    return (f"Berkas '{path.name}' sama persis (SHA-256 {sha[:12]}…) dengan '{lama.nama}' yang sudah diproses "
            f"pada {lama.waktu}; tidak diproses lagi. Keluarannya: {lama.folder_keluaran or '-'}. "
            f"Berkas yang lama ada di input/{lama.tujuan}.")


def _ekstensi_didukung() -> tuple[str, ...]:
    """The reader's file types (flows.langkah.pembaca), imported when a folder is scanned: the reader brings pandas,
    which ``renja run`` asking this module whether a service runs (flows.mesin.layanan) does not need yet."""
    from flows.langkah.pembaca import EKSTENSI_DIDUKUNG

    return EKSTENSI_DIDUKUNG
