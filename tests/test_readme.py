"""The README's column docs are generated from schemas/: a change there without `tools/dokumen_kolom.py --tulis` fails."""
from __future__ import annotations

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
