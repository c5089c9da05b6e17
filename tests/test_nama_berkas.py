"""File names with spaces, other scripts, path tricks, quotes, a newline or near 255 bytes: listed, processed and
named exactly in the summary and the report; every output stays inside the output folder, and the report folder
of a refused file (``_gagal/<slug>``) is non-empty and its own."""
from __future__ import annotations

import html
import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from flows.langkah.bagian import olah_workbook
from flows.langkah.tulis.kecamatan import FOLDER_GAGAL
from flows.pipeline import daftar_workbook
from tests.conftest import SAMPEL
from transforms.meta import SLUG_MAKS, slug

WAKTU = datetime(2026, 11, 28, 1, 0)
PANJANG = "Renja Kecamatan Sénduro " + "é" * 109 + " revisi.xlsx"  # 255 bytes in UTF-8: the longest name
NAMA = (
    "Kecamatan Sénduro – revisi 2.xlsx",
    "ꦫꦺꦤ꧀ꦗ ꦱꦼꦤ꧀ꦢꦸꦫꦺꦴ.xlsx",  # Javanese script
    "رنجا سندورو.xlsx",  # Arabic script
    "-rf.xlsx",
    "..xlsx",
    "..\\..\\Renja.xlsx",  # a backslash is an ordinary character on Linux
    "Renja \"Senduro\"; rm -rf '~'.xlsx",
    "Renja\nSenduro.xlsx",
    PANJANG,
)


def test_nama_panjang_mendekati_batas():
    assert len(PANJANG.encode("utf-8")) == 255


@pytest.mark.parametrize("nama, hasil", [
    ("Renja-Senduro-2024", "renja-senduro-2024"),  # normal names keep their folder
    ("Kecamatan Sénduro – revisi 2", "kecamatan-senduro-revisi-2"),
    ("Lumajang", "lumajang"),
    ("tanpa-kecamatan", "tanpa-kecamatan"),
    ("-rf", "rf"),
    ("../../etc/passwd", "etc-passwd"),
    ("", "tanpa-nama"),
    ("   ", "tanpa-nama"),
    ("..", "tanpa-nama-9d891e73"),  # punctuation only: the hash keeps different names apart
    (".", "tanpa-nama-3a52ce78"),
    ("---", "tanpa-nama-58b63e27"),
    ("ꦱꦼꦤ꧀ꦢꦸꦫꦺꦴ", "tanpa-nama-ec615c94"),  # another script only
    ("سندورو", "tanpa-nama-a0807859"),
    ("Renja سندورو", "renja-e5455327"),  # letters lost in ASCII: the hash follows
])
def test_slug(nama, hasil):
    assert slug(nama) == hasil


def test_slug_selalu_aman_dan_pendek():
    for nama in (*NAMA, "x" * 300, "Ⅷ" * 200, "a/b\\c", "\x00", "\udcff"):
        s = slug(nama)
        assert s and s not in (".", "..") and len(s) <= SLUG_MAKS
        assert set(s) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") and not s.startswith("-")
    assert len({slug(Path(n).stem) for n in NAMA}) == len(NAMA)


def test_daftar_workbook_mendaftar_nama_aneh(tmp_path):
    for nama in NAMA:
        (tmp_path / nama).write_bytes(b"isi")
    daftar = daftar_workbook(tmp_path)
    tersembunyi = {"..xlsx", "..\\..\\Renja.xlsx"}  # a leading '.' is a hidden file: skipped, as documented
    assert [p.name for p in daftar] == sorted(n for n in NAMA if n not in tersembunyi)
    assert all(p.parent == tmp_path for p in daftar)


def _di_dalam(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


@pytest.mark.parametrize("nama", NAMA, ids=lambda n: slug(Path(n).stem)[:30])
def test_workbook_bernama_aneh_diproses(tmp_path, nama):
    masuk, output = tmp_path / "input", tmp_path / "output"
    masuk.mkdir()
    path = masuk / nama
    shutil.copy(SAMPEL, path)
    h = olah_workbook(path, output, waktu=WAKTU)
    assert (h.status, h.berkas, h.folder) == ("ok", nama, str(output / "2024" / "lumajang" / "senduro"))
    v = json.loads((Path(h.folder) / "validasi.json").read_text(encoding="utf-8"))
    assert v["berkas"] == nama and {t["berkas"] for t in v["temuan"]} == {nama}
    assert [d["berkas"] for d in v["daftar_tabel"]] == [nama]
    assert html.escape(nama) in (Path(h.folder) / "laporan.html").read_text(encoding="utf-8")
    ditulis = [p for p in tmp_path.rglob("*") if p.is_file() and p != path]
    assert ditulis and all(_di_dalam(p, output) for p in ditulis)
    assert sorted(p.name for p in masuk.iterdir()) == [nama]  # the input is left as it was


def test_nama_bukan_utf8(tmp_path):
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/Kecamatan S\xe9nduro.xlsx"))  # cp1252 'é'
    shutil.copy(SAMPEL, path)
    h = olah_workbook(path, tmp_path / "output", waktu=WAKTU)
    assert (h.status, h.berkas) == ("ok", path.name)
    v = json.loads((Path(h.folder) / "validasi.json").read_text(encoding="utf-8"))
    assert v["berkas"] == "Kecamatan S?nduro.xlsx"  # the odd byte shown as '?', the file written as UTF-8


def test_berkas_rusak_bernama_aneh_punya_laporan_sendiri(tmp_path):
    masuk, output = tmp_path / "input", tmp_path / "output"
    masuk.mkdir()
    folder = {}
    for nama in NAMA:
        path = masuk / nama
        path.write_text("ini bukan workbook\n")
        h = olah_workbook(path, output, waktu=WAKTU)
        pesan = f"Berkas '{nama}' bukan lembar kerja Excel (.xlsx): isinya teks biasa."
        assert (h.status, h.berkas, h.pesan) == ("gagal", nama, pesan)
        f = Path(h.folder)
        assert f.parent == output / FOLDER_GAGAL and _di_dalam(f, output) and f.name == slug(path.stem)
        assert sorted(p.name for p in f.iterdir()) == ["laporan.html", "validasi.json"]
        v = json.loads((f / "validasi.json").read_text(encoding="utf-8"))
        assert (v["berkas"], [t["pesan"] for t in v["temuan"]]) == (nama, [pesan])
        assert html.escape(pesan) in (f / "laporan.html").read_text(encoding="utf-8")
        folder[nama] = f
    assert len(set(folder.values())) == len(NAMA)  # one folder each: no report overwrites another
    assert sorted(p.name for p in (output / FOLDER_GAGAL).iterdir()) == sorted(f.name for f in folder.values())


def test_laporan_gagal_nama_serupa_tidak_saling_menimpa(tmp_path):
    """'Renja.xlsx' and 'Renja.csv' (or 'Renja Senduro' and 'Renja-Senduro') fold to one name: each keeps its own
    report, and the same file failing again rewrites its own."""
    masuk, output = tmp_path / "input", tmp_path / "output"
    masuk.mkdir()
    folder = []
    for nama in ("Renja.xlsx", "Renja.csv", "Renja Senduro.xlsx", "Renja-Senduro.xlsx", "Renja.xlsx"):
        path = masuk / nama
        path.write_bytes(b"\x00\x01 bukan workbook")
        folder.append(Path(olah_workbook(path, output, waktu=WAKTU).folder).name)
    assert folder == ["renja", "renja-2", "renja-senduro", "renja-senduro-2", "renja"]


def test_ringkasan_satu_baris_per_berkas():
    from flows.cli import _ringkasan
    from flows.langkah.bacaan import HasilBerkas

    teks = _ringkasan([HasilBerkas("Renja\nSenduro.xlsx", "gagal", None, 1, pesan="x")])
    assert "  GAGAL Renja\\nSenduro.xlsx: 1 galat" in teks
