"""Refuse hostile or broken input files before any parser opens them, in bounded time and memory.

``periksa_berkas(path)`` returns None for a file the readers may open, else raises ``flows.langkah.baca.BerkasTidakTerbaca``
with an Indonesian reason naming the file.  It only reads the file's first bytes, the zip central directory and
at most ``INTIP_XML`` decompressed bytes of each zip member; nothing is extracted and no XML parser runs.

Limits (module constants):

- ``UKURAN_MAKS`` = 50 MiB: the file itself (every kind), checked first from its size on disk.
- Kind by magic bytes, not by name: ``.xlsx``/``.xlsm`` must be a zip (``PK\\x03\\x04``) — an OLE container
  (``D0 CF 11 E0 A1 B1 1A E1``) there is an encrypted (password-protected) workbook or a renamed .xls, refused and
  never opened; ``.xls`` must be OLE; ``.csv`` must have no NUL byte in its first ``CONTOH_CSV`` = 64 KiB; any
  other name is not a spreadsheet.
- Zip, from the central directory only: at most ``ANGGOTA_MAKS`` = 1,000 members, no duplicate member names, no
  zip-level password; at most ``TERURAI_MAKS`` = 200 MiB declared uncompressed in total; a member larger than
  ``RASIO_DARI`` = 1 MiB uncompressed may not exceed ``RASIO_MAKS`` = 100:1 (uncompressed : compressed); the part
  ``xl/workbook.xml`` must exist.
- XML: every member whose first bytes are XML (UTF-8/16/32, any part name) is read up to ``INTIP_XML`` = 16 KiB;
  its prolog (before the root element) may hold only the XML declaration, comments, processing instructions and
  white space — a ``<!DOCTYPE`` (entity declarations, billion laughs, external entities/XXE) or ``<!ENTITY`` is
  refused, and so is a prolog longer than ``INTIP_XML`` or one that cannot be read.
- Sheet size: a part whose root element is a sheet (``worksheet``, ``dialogsheet``, ``macrosheet``) and whose
  first ``INTIP_XML`` bytes declare ``<dimension ref="…"/>`` may reach at most row ``BARIS_MAKS`` = 200,000 and
  ``SEL_MAKS`` = 5,000,000 cells counted from A1 (last row × last column: the reader fills every row and column up
  to the last).  A sheet without a dimension is not guessed at.
- Macros (``xl/vbaProject.bin``, Excel 4 macro sheets, an .xls ``_VBA_PROJECT_CUR`` stream) are not refused — our
  writers create new files and never copy them; ``punya_makro(path)`` tells whether a file carries one.
"""
from __future__ import annotations

import codecs
import re
import stat
import zipfile
import zlib
from pathlib import Path

UKURAN_MAKS = 50 * 2**20  # bytes: the file on disk
ANGGOTA_MAKS = 1_000  # zip members
TERURAI_MAKS = 200 * 2**20  # bytes: total declared uncompressed size of all members
RASIO_MAKS = 100  # uncompressed : compressed, per member …
RASIO_DARI = 2**20  # … larger than this (uncompressed bytes)
INTIP_XML = 16 * 2**10  # decompressed bytes read from the start of each XML member (prolog and dimension)
BARIS_MAKS = 200_000  # last row a sheet may declare
SEL_MAKS = 5_000_000  # last row × last column a sheet may declare
CONTOH_CSV = 64 * 2**10  # bytes of a CSV checked for NUL

MAGIC_ZIP = b"PK\x03\x04"
MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EKSTENSI_ZIP = (".xlsx", ".xlsm")
EKSTENSI_DIKENAL = (".xlsx", ".xlsm", ".xls", ".csv")
BAGIAN_WAJIB = "xl/workbook.xml"
AKAR_SHEET = ("worksheet", "dialogsheet", "macrosheet")
_BLOK_OLE = 2**20  # chunk size when looking for an OLE stream name

# What reading a broken archive may raise: zipfile's own errors, and zlib's when a member's compressed bytes are damaged
GALAT_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError,
             RuntimeError)
_DIMENSI = re.compile(r"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']\s*\$?([A-Za-z]{1,3})\$?(\d{1,9})"
                      r"(?::\$?([A-Za-z]{1,3})\$?(\d{1,9}))?\s*[\"']")
_NAMA_AKAR = re.compile(r"<([A-Za-z_][\w.:-]*)")


class BerkasTidakTerbaca(Exception):
    """A workbook that cannot be read; the message is Indonesian and names the file."""


def _tolak(path: Path, alasan: str):

    return BerkasTidakTerbaca(f"Berkas '{path.name}' {alasan}")


def periksa_berkas(path: Path) -> None:
    """None when ``path`` may be handed to a parser; else raises BerkasTidakTerbaca (Indonesian, names the file).

    Checks, in order: a regular file of at most UKURAN_MAKS; the kind by magic bytes for its extension; for a zip
    the central directory, every XML prolog and every sheet's declared dimension (module docstring)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as e:
        raise _tolak(path, f"tidak dapat dibuka: {e.strerror or e}.") from e
    if not stat.S_ISREG(st.st_mode):
        raise _tolak(path, "bukan lembar kerja: bukan berkas biasa (folder, pipa atau perangkat).")
    if st.st_size > UKURAN_MAKS:
        raise _tolak(path, f"terlalu besar: {_mib(st.st_size)} (batas {_mib(UKURAN_MAKS)}).")
    akhiran = path.suffix.lower()
    try:
        with path.open("rb") as f:
            awal = f.read(CONTOH_CSV if akhiran == ".csv" else len(MAGIC_OLE))
    except OSError as e:
        raise _tolak(path, f"tidak dapat dibuka: {e.strerror or e}.") from e
    if akhiran == ".csv":
        if b"\x00" in awal:
            jenis = "; mungkin workbook Excel yang diberi akhiran .csv" if awal.startswith((MAGIC_ZIP, MAGIC_OLE)) else ""
            raise _tolak(path, f"bukan teks CSV: ada bita NUL pada {CONTOH_CSV // 1024} KB pertama{jenis}.")
        return
    if akhiran == ".xls":
        if not awal.startswith(MAGIC_OLE):
            raise _tolak(path, f"bukan lembar kerja Excel 97-2003 (.xls): isinya {_jenis_isi(awal)}.")
        return
    if akhiran not in EKSTENSI_ZIP:
        raise _tolak(path, f"bukan lembar kerja yang didukung: akhiran '{path.suffix}' "
                           f"(yang didukung: {', '.join(EKSTENSI_DIKENAL)}).")
    if awal.startswith(MAGIC_OLE):
        if _ada_nama_ole(path, "EncryptedPackage"):
            raise _tolak(path, "dilindungi kata sandi (workbook terenkripsi): tidak dibuka. Simpan ulang tanpa "
                               "kata sandi lalu kirim lagi.")
        raise _tolak(path, "dilindungi kata sandi atau berformat Excel 97-2003 (.xls) dengan akhiran "
                           f"'{path.suffix}': tidak dibuka. Simpan ulang sebagai .xlsx tanpa kata sandi.")
    if not awal.startswith(MAGIC_ZIP):
        raise _tolak(path, f"bukan lembar kerja Excel ({path.suffix}): isinya {_jenis_isi(awal)}.")
    _periksa_zip(path)


def _periksa_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            daftar = z.infolist()
            _periksa_direktori(path, daftar)
            for info in daftar:
                _periksa_xml(path, z, info)
    except GALAT_ZIP as e:
        raise _tolak(path, f"rusak atau terpotong: arsip zip tidak dapat dibaca ({e}).") from e


def _periksa_direktori(path: Path, daftar: list[zipfile.ZipInfo]) -> None:
    """Member count, names, zip passwords, declared sizes and ratios, required part — central directory only."""
    if len(daftar) > ANGGOTA_MAKS:
        raise _tolak(path, f"diduga bom zip: {len(daftar):,} bagian dalam arsip (batas {ANGGOTA_MAKS:,}).")
    nama = [i.filename.lower() for i in daftar]
    if len(set(nama)) != len(nama):
        raise _tolak(path, "rusak: ada nama bagian ganda dalam arsip zip.")
    if any(i.flag_bits & 0x1 for i in daftar):
        raise _tolak(path, "dilindungi kata sandi (arsip zip terenkripsi): tidak dibuka.")
    total = sum(i.file_size for i in daftar)
    if total > TERURAI_MAKS:
        raise _tolak(path, f"diduga bom zip: isi terurai {_mib(total)} (batas {_mib(TERURAI_MAKS)}).")
    for i in daftar:
        if i.file_size > RASIO_DARI and i.file_size > RASIO_MAKS * max(i.compress_size, 1):
            rasio = i.file_size / max(i.compress_size, 1)
            raise _tolak(path, f"diduga bom zip: bagian '{i.filename}' terurai {rasio:,.0f} kali ukurannya "
                               f"(batas {RASIO_MAKS}:1).")
    if BAGIAN_WAJIB not in nama:
        raise _tolak(path, f"bukan lembar kerja Excel: arsip zip tanpa bagian {BAGIAN_WAJIB} (mungkin dokumen "
                           "lain atau arsip biasa yang diberi akhiran .xlsx).")


def _periksa_xml(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """An XML member's prolog holds no DOCTYPE/ENTITY; a sheet's declared dimension is within the limits."""
    if info.is_dir() or info.file_size == 0:
        return
    with z.open(info) as f:
        data = f.read(INTIP_XML)
    teks = _dekode_xml(data)
    if teks is None:
        return  # not XML (an image, vbaProject.bin …): no XML parser reads it
    akar = _akar(teks)
    if akar is None:
        if re.search(r"<!\s*(doctype|entity)", teks, re.IGNORECASE):
            raise _tolak(path, f"memuat deklarasi entitas XML (<!DOCTYPE/<!ENTITY) di bagian '{info.filename}': "
                               "ditolak tanpa diurai (serangan billion laughs/XXE).")
        raise _tolak(path, f"memuat bagian XML yang tidak dapat diperiksa: '{info.filename}' (pembuka XML terlalu "
                           "panjang atau tidak dikenal).")
    if "<!entity" in teks.lower():
        raise _tolak(path, f"memuat deklarasi entitas XML (<!ENTITY) di bagian '{info.filename}': ditolak tanpa "
                           "diurai.")
    nama, mulai = akar
    if nama.rpartition(":")[2] in AKAR_SHEET:
        _periksa_dimensi(path, info, teks[mulai:])


def _periksa_dimensi(path: Path, info: zipfile.ZipInfo, teks: str) -> None:
    m = _DIMENSI.search(teks)
    if not m:
        return  # no declared dimension in the first bytes: not guessed at
    kolom, baris = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
    baris, kolom = int(baris), _nomor_kolom(kolom)
    acuan = m.group(0).split("=", 1)[1].strip(" \"'")
    if baris > BARIS_MAKS or baris * kolom > SEL_MAKS:
        raise _tolak(path, f"memuat sheet dengan ukuran tidak wajar: '{info.filename}' menyatakan rentang {acuan} "
                           f"({baris:,} baris × {kolom:,} kolom; batas {BARIS_MAKS:,} baris dan {SEL_MAKS:,} sel).")


def _akar(teks: str) -> tuple[str, int] | None:
    """(name, offset) of the root element's start tag when the prolog before it holds only the XML declaration,
    comments, processing instructions and white space; None otherwise (DOCTYPE, anything else, cut off)."""
    i, n = 0, len(teks)
    while i < n:
        if teks[i] in " \t\r\n":
            i += 1
        elif teks.startswith("<?", i):
            j = teks.find("?>", i + 2)
            if j < 0:
                return None
            i = j + 2
        elif teks.startswith("<!--", i):
            j = teks.find("-->", i + 4)
            if j < 0:
                return None
            i = j + 3
        else:
            m = _NAMA_AKAR.match(teks, i)
            return (m.group(1), i) if m else None
    return None


def _dekode_xml(data: bytes) -> str | None:
    """The text of data that starts like an XML document (UTF-8, UTF-16 or UTF-32, with or without BOM, or any
    ASCII-compatible encoding); None for anything else."""
    for bom, kode in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _dekode(data[len(bom):], kode)
    for awal, kode in ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00", "utf-16-le"),
                       (b"\x00<", "utf-16-be")):
        if data.startswith(awal):
            return _dekode(data, kode)
    teks = data.decode("latin-1")  # ASCII-compatible: the markup characters are where they are
    return teks if teks.lstrip(" \t\r\n").startswith("<") else None


def _dekode(data: bytes, kode: str) -> str:
    return codecs.getincrementaldecoder(kode)(errors="replace").decode(data, final=False)


def _nomor_kolom(huruf: str) -> int:
    n = 0
    for c in huruf.upper():
        n = n * 26 + ord(c) - 64
    return n


def _mib(n: int) -> str:
    return f"{n / 2**20:,.1f} MB"


def _jenis_isi(awal: bytes) -> str:
    """What the first bytes look like, for a refusal message."""
    if awal.startswith(MAGIC_ZIP):
        return "arsip zip (mungkin workbook .xlsx)"
    if awal.startswith(MAGIC_OLE):
        return "berkas OLE (mungkin workbook .xls atau dokumen Word lama)"
    for magic, jenis in ((b"%PDF", "dokumen PDF"), (b"\x89PNG", "gambar PNG"), (b"\xff\xd8\xff", "gambar JPEG"),
                         (b"GIF8", "gambar GIF"), (b"Rar!", "arsip RAR"), (b"7z\xbc\xaf", "arsip 7z"),
                         (b"\x1f\x8b", "arsip gzip")):
        if awal.startswith(magic):
            return jenis
    if not awal:
        return "kosong"
    return "data biner" if b"\x00" in awal else "teks biasa"


def _ada_nama_ole(path: Path, nama: str) -> bool:
    """Whether an OLE container holds a directory entry named ``nama`` (UTF-16LE), by a bounded chunked scan."""
    cari = nama.encode("utf-16-le")
    sisa = b""
    try:
        with path.open("rb") as f:
            for _ in range(UKURAN_MAKS // _BLOK_OLE + 1):
                blok = f.read(_BLOK_OLE)
                if not blok:
                    return False
                if cari in sisa + blok:
                    return True
                sisa = blok[-len(cari):]
    except OSError:
        return False
    return False


def punya_makro(path: Path) -> bool:
    """Whether the workbook carries macros: ``vbaProject.bin`` or an Excel 4 macro sheet in a zip, a
    ``_VBA_PROJECT_CUR`` stream in an .xls. Never raises (False for an unreadable file)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            awal = f.read(len(MAGIC_OLE))
        if awal.startswith(MAGIC_OLE):
            return path.stat().st_size <= UKURAN_MAKS and _ada_nama_ole(path, "_VBA_PROJECT_CUR")
        if not awal.startswith(MAGIC_ZIP):
            return False
        with zipfile.ZipFile(path) as z:
            return any(n.lower().endswith("vbaproject.bin") or n.lower().startswith("xl/macrosheets/")
                       for n in z.namelist())
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return False
