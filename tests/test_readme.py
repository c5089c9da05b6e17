"""The README's column docs and rule tables are generated from schemas/: a change there without
`tools/dokumen_kolom.py --tulis` / `tools/dokumen_aturan.py --tulis` fails."""
from __future__ import annotations

from tools import dokumen_aturan
from tools.dokumen_kolom import README, bagian, ganti


def test_dokumentasi_kolom_sesuai_schemas():
    teks = README.read_text(encoding="utf-8")
    assert ganti(teks) == teks, "jalankan: python tools/dokumen_kolom.py --tulis"
    assert "| `kebutuhan_dana` |" in bagian() and "| `pagu_maju` |" in bagian()


def _kode_aturan() -> set[str]:
    """Every rule code the declarations raise: the registry (schemas.aturan, whole), and the expectation suites'."""
    from schemas import suites
    from schemas.aturan import semua_aturan

    kode = set(semua_aturan())
    kode |= {h.aturan for h in (*suites.SUITE_TC33, *suites.SUITE_LINTAS, *suites.SUITE_TABEL41,
                                *suites.suite_program(tuple(suites.LABEL_TABEL)))}
    return kode


def test_tabel_aturan_readme_lengkap():
    teks = README.read_text(encoding="utf-8")
    tabel = teks[teks.index("### Findings"):teks.index("### Rekap kabupaten")]
    kode = _kode_aturan()
    assert {"urusan-bidang-tidak-ada", "pagu-nol-bertarget", "kode-dari-nama", "tabel-nihil"} <= kode
    assert sorted(k for k in kode if f"`{k}`" not in tabel) == []


def test_dokumentasi_aturan_sesuai_registri():
    teks = README.read_text(encoding="utf-8")
    assert dokumen_aturan.ganti(teks) == teks, "jalankan: python tools/dokumen_aturan.py --tulis"
    tabel = dokumen_aturan.bagian()
    assert "| `akhir-tabel` | info | T-C.29, T-C.30, T-C.31, T-C.32, Tabel 4.1 |" in tabel
    assert "| `pemeriksaan-gagal` | galat | — |" in tabel and "#### The checks themselves" in tabel


def test_dokumentasi_aturan_bisa_gagal(monkeypatch):
    """A rule registered after the README was written is missing from it: the check above fails."""
    from schemas.aturan import GALAT, Aturan, Registri

    teks = README.read_text(encoding="utf-8")
    registri = Registri()
    registri.daftarkan(Aturan("aturan-baru-uji", GALAT, "x", "berkas", keterangan="baru"))
    monkeypatch.setattr(dokumen_aturan, "semua_aturan", lambda: registri)
    assert dokumen_aturan.ganti(teks) != teks and "`aturan-baru-uji`" in dokumen_aturan.bagian()
