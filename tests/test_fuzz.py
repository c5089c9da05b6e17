"""The fuzz campaign, bounded (issue 15): mutants of the shipped sample (tools/mutasi.py, drawn by hypothesis with a
fixed seed) through the pipeline as `renja run` takes them (tools/fuzz.py; with the built-in nomenclature), and a
hypothesis property test of the single-file entry point.  No exception escapes, a failed table is never the cause of
other tables' missing outputs, every T-C.33 item without a level is named by a finding, and no file runs past the time
limit.

This module holds the mutation machinery and the oracle; the campaign itself runs in two halves of the same 300
mutants (tests/test_fuzz_kampanye_1.py and _2.py, through tests/fuzz_terbatas.py; one in twelve through the
single-file entry point olah_workbook): modules that two of the suite's test processes run side by side.

`make fuzz N=…` runs the same campaign at any size; tests/test_regresi_fuzz.py holds what it found."""
from __future__ import annotations

from pathlib import Path

import pytest

import flows.langkah.tulis.kecamatan as olah
from flows.langkah.baca import baca_berkas
from flows.langkah.bagian import olah_workbook
from flows.langkah.pembaca import baca_workbook
from tests.conftest import SAMPEL, SAMPEL_SEMUA
from tests.fuzz_terbatas import BENIH
from tools.fuzz import jalankan_kampanye, kunci_alasan, periksa_folder, ringkasan, simpan_reproduksi, tanda_galat
from tools.mutasi import Lembar, Resep, buat_mutan, tarik_resep, terapkan, tulis_csv


# --- the mutation machinery --------------------------------------------------------------------------------------


def test_resep_dan_mutan_deterministik(tmp_path):
    a, b = tarik_resep(40, BENIH), tarik_resep(40, BENIH)
    assert a == b and len({repr(r) for r in a}) == 40
    assert a != tarik_resep(40, BENIH + 1)
    for r in a[:8]:
        assert buat_mutan(r, tmp_path / "x").read_bytes() == buat_mutan(r, tmp_path / "y").read_bytes()


@pytest.mark.parametrize("basis, asli", [("semua", SAMPEL_SEMUA), ("tc33", SAMPEL)])
def test_mutan_tanpa_operasi_terbaca_seperti_contoh(tmp_path, monkeypatch, basis, asli):
    monkeypatch.setenv("RENJA_ISOLASI", "0")
    a, b = baca_berkas(asli), baca_berkas(buat_mutan(Resep(basis), tmp_path / "m"))
    assert a.meta == b.meta
    assert [(t.layout, t.tabel.sheet, len(t.tidy)) for t in a.tabel] == [
        (t.layout, t.tabel.sheet, len(t.tidy)) for t in b.tabel]
    assert all(x.tidy.equals(y.tidy) for x, y in zip(a.tabel, b.tabel))


def test_csv_ekspor_satu_tabel(tmp_path):
    path = buat_mutan(Resep("semua", "csv", csv=(4, ";", "utf-8-sig", "\r\n", "minimal", True)), tmp_path / "m")
    isi = baca_workbook(path)
    assert path.suffix == ".csv" and (isi.pengodean, isi.pemisah) == ("utf-8-sig", ";")
    assert "2.080.252.824" in set(isi.cells["nilai"])


def test_csv_dengan_sel_jauh_tetap_kecil():
    """A cell far away makes one long line, not a grid of rows × columns in memory (it once took 22 GB)."""
    m = [Lembar("A", {(0, 0): ("a", None), (209_999, 16_383): ("x", None)}, [])]
    data = tulis_csv(m, (0, ";", "utf-8", "\n", "minimal", False))
    baris = data.split(b"\n")
    assert len(data) < 300_000 and (baris[0], baris[209_999].count(b";"), baris[209_999][-1:]) == (b"a", 16_383, b"x")


def _lembar() -> list[Lembar]:
    sel = {(r, k): (f"{r}{k}", None) for r in range(4) for k in range(3)}
    return [Lembar("A", dict(sel), [(0, 0, 0, 2), (1, 1, 3, 1)]), Lembar("B", {(0, 0): (1, "#,##0")}, [])]


def test_operasi_struktur_seperti_excel():
    m = _lembar()
    terapkan(m, ("hapus_kolom", 0, 1, 1))  # column B goes: the merges shrink, B2:B4 disappears
    assert (m[0].sel[0, 1], m[0].gabungan) == (("02", None), [(0, 0, 0, 1)])
    m = _lembar()
    terapkan(m, ("sisip_baris", 0, 2, 2))  # two rows before row 3: B2:B4 grows to B2:B6
    assert (m[0].sel[4, 0], m[0].gabungan) == (("20", None), [(0, 0, 0, 2), (1, 1, 5, 1)])
    m = _lembar()
    terapkan(m, ("gabung", 0, 2, 0, 1, 1))  # A3:B4 merged: the overlapping B2:B4 goes, only A3 keeps its value
    assert m[0].gabungan == [(0, 0, 0, 2), (2, 0, 3, 1)]
    assert [p for p in m[0].sel if 2 <= p[0] <= 3 and p[1] <= 1] == [(2, 0)]
    m = _lembar()
    terapkan(m, ("tukar", 0, 0, 0, 7, 6))  # indices are read modulo the sheet's size (rows + 2, columns + 1)
    assert (m[0].sel[0, 0], m[0].sel[1, 2]) == (("12", None), ("00", None))
    terapkan(m, ("tukar", 0, 0, 0, 5, 0))  # with an empty cell: the value moves
    assert (m[0].sel.get((0, 0)), m[0].sel[5, 0]) == (None, ("12", None))
    terapkan(m, ("ganti_nama", 1, "a"))  # a name taken (any case) gets a number
    terapkan(m, ("gandakan", 0))
    assert [l.nama for l in m] == ["A", "A (2) (2)", "a (2)"]


# --- the oracle can fail -----------------------------------------------------------------------------------------


def test_kampanye_menangkap_galat_internal(tmp_path, monkeypatch):
    """An exception that escapes olah_banyak, and one the safety net catches (tabel-gagal-diolah), are internal
    errors of the campaign; a file that gives no table is refused, with its reason."""
    monkeypatch.setenv("RENJA_ISOLASI", "0")
    monkeypatch.setattr(olah, "_info", _meledak)
    resep = [Resep("tc33"), Resep("semua"), Resep("semua", "xlsx", ops_zip=(("z_potong", 3000),))]
    hasil = jalankan_kampanye(resep, tmp_path, pekerja=1, tiap_workbook=0)
    assert [h.kelas for h in hasil] == ["galat", "galat", "ditolak"]
    assert hasil[0].galat == "ZeroDivisionError: sisipan [flows/langkah/tulis/kecamatan.py:_selesaikan]"
    assert (hasil[2].aturan, hasil[2].alasan) == ("berkas-tidak-terbaca", "rusak atau terpotong")
    assert hasil[0].path.exists() and not hasil[2].path.exists()  # the failing mutant is kept
    monkeypatch.undo()
    monkeypatch.setenv("RENJA_ISOLASI", "0")
    monkeypatch.setattr("flows.langkah.tulis.tc33.tulis_tc33", _meledak)
    h = jalankan_kampanye([Resep("tc33")], tmp_path / "2", pekerja=1, tiap_workbook=1)[0]
    assert (h.jalur, h.kelas, h.galat) == ("workbook", "galat", "tabel-gagal-diolah: ZeroDivisionError: sisipan")
    teks = ringkasan(hasil, 10.0, 1)
    assert "galat internal: 2" in teks and "ZeroDivisionError: sisipan" in teks


def test_kampanye_menuntut_laporan_berkas_gagal(tmp_path, monkeypatch):
    """olah_workbook writes laporan.html for a file it refuses too: through the campaign, a refusal without it is an
    internal error, and with it a refusal by its rule."""
    import flows.langkah.bagian as bagian

    monkeypatch.setenv("RENJA_ISOLASI", "0")
    asli = bagian.tulis_gagal

    def tanpa_laporan(*args, **kwargs):
        h = asli(*args, **kwargs)
        (Path(h.folder) / "laporan.html").unlink()
        return h

    rusak = Resep("semua", "xlsx", ops_zip=(("z_potong", 3000),))
    monkeypatch.setattr(bagian, "tulis_gagal", tanpa_laporan)
    h = jalankan_kampanye([rusak], tmp_path / "1", pekerja=1, tiap_workbook=1)[0]
    assert (h.jalur, h.kelas, h.galat) == ("workbook", "galat", "laporan.html tidak ada (berkas gagal)")
    monkeypatch.setattr(bagian, "tulis_gagal", asli)
    h = jalankan_kampanye([rusak], tmp_path / "2", pekerja=1, tiap_workbook=1)[0]
    assert (h.jalur, h.kelas, h.aturan) == ("workbook", "ditolak", "berkas-tidak-terbaca")


def _meledak(*_, **__):
    raise ZeroDivisionError("sisipan")


def test_reproduksi_diperkecil_dan_disimpan(tmp_path, monkeypatch):
    """An internal error's mutant is shrunk while the same error stays (here: to no operation at all, on the T-C.33
    fixture) and kept with its recipe and the traceback the safety net logged."""
    monkeypatch.setenv("RENJA_ISOLASI", "0")
    monkeypatch.setattr("flows.langkah.tulis.tc33.tulis_tc33", _meledak)
    resep = Resep("semua", "xlsx", (("isi", 0, 50, 1, "x"), ("tukar", 1, 3, 3, 4, 4)))
    h = jalankan_kampanye([resep], tmp_path, pekerja=1, tiap_workbook=0)[0]
    assert (h.kelas, h.galat) == ("galat", "tabel-gagal-diolah: ZeroDivisionError: sisipan")
    mutan = simpan_reproduksi([h], tmp_path, 1)
    assert mutan.parent.name == "01-tabel-gagal-diolah-zerodivisionerror-sisipan" and mutan.suffix == ".xlsx"
    assert "RESEP = Resep(basis='tc33', bentuk='xlsx', ops=(), ops_zip=(), csv=None, ops_csv=())" in (
        mutan.parent / "resep.py").read_text(encoding="utf-8")
    galat = (mutan.parent / "galat.txt").read_text(encoding="utf-8")
    assert "muncul kembali lewat olah_workbook" in galat and 'in _meledak\n    raise ZeroDivisionError("sisipan")' in galat


def test_periksa_folder_menemukan_tabel_tanpa_berkas(tmp_path):
    h = olah_workbook(SAMPEL_SEMUA, tmp_path, waktu=None)
    folder = Path(h.folder)
    assert periksa_folder(folder, ["T-C.33", "Tabel 4.1", "T-C.31", "T-C.29", "T-C.30", "T-C.32"]) == []
    (folder / "TC-30.xlsx").unlink()
    assert periksa_folder(folder) == ["T-C.30: berkas TC-30.xlsx tidak ditulis"]
    assert periksa_folder(folder, ["T-C.33"]) == [
        "T-C.30: berkas TC-30.xlsx tidak ditulis",
        "tabel terbaca ['T-C.33'] tetapi ditulis ['T-C.29', 'T-C.30', 'T-C.31', 'T-C.32', 'T-C.33', 'Tabel 4.1']"]


def test_kunci_alasan_dan_tanda_galat():
    assert kunci_alasan("Berkas 'm1.xlsx' rusak atau terpotong: arsip zip tidak dapat dibaca (Bad CRC-32).") == \
        "rusak atau terpotong"
    assert kunci_alasan("Berkas 'm1.xlsx' tidak selesai dibaca dalam batas waktu 120 detik "
                        "(RENJA_BATAS_WAKTU_BACA): …") == "melewati batas waktu"
    try:
        _meledak()
    except ZeroDivisionError as e:
        assert tanda_galat(e)[0] == "ZeroDivisionError: sisipan"  # no frame of the project's own modules


# --- the script ------------------------------------------------------------------------------------------------


def test_alat_sebagai_skrip(tmp_path):
    """`make fuzz` runs tools/fuzz.py as a script: its worker functions must reach the workers by the module's name
    (run as __main__ they once did not, and every mutant of a part was an internal error)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    out = subprocess.run([sys.executable, "tools/fuzz.py", "--jumlah", "6", "--seed", "1", "--keluar", str(tmp_path),
                          "--tanpa-perkecil", "--pekerja", "1"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "galat internal: 0" in out.stdout and "melewati batas waktu: 0" in out.stdout
    assert out.stdout.startswith("Fuzzing Renja ETL: 6 mutan (benih 1), 1 pekerja, ")
