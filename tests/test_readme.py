"""The README's column docs are generated from schemas/: a change there without `tools/dokumen_kolom.py --tulis` fails."""
from __future__ import annotations

from tools.dokumen_kolom import README, bagian, ganti


def test_dokumentasi_kolom_sesuai_schemas():
    teks = README.read_text(encoding="utf-8")
    assert ganti(teks) == teks, "jalankan: python tools/dokumen_kolom.py --tulis"
    assert "| `kebutuhan_dana` |" in bagian() and "| `pagu_maju` |" in bagian()


def _kode_aturan() -> set[str]:
    """Every rule code the declarations raise: the ``ATURAN*`` tables of schemas/ (rule → (tingkat, template)), the
    expectation suites', and the GX runner's own two."""
    import importlib
    import pkgutil

    import schemas
    from flows.gx import ATURAN_DILEWATI, ATURAN_GAGAL
    from schemas import suites
    from schemas.temuan import TINGKAT_URUT

    kode = {ATURAN_DILEWATI, ATURAN_GAGAL}
    for m in pkgutil.iter_modules(schemas.__path__):
        modul = importlib.import_module(f"schemas.{m.name}")
        for nama, nilai in vars(modul).items():
            if nama.startswith("ATURAN") and isinstance(nilai, dict):
                kode |= {k for k, v in nilai.items() if isinstance(v, tuple) and v and v[0] in TINGKAT_URUT}
    kode |= {h.aturan for h in (*suites.SUITE_TC33, *suites.SUITE_LINTAS, *suites.SUITE_TABEL41,
                                *suites.suite_program(tuple(suites.LABEL_TABEL)))}
    return kode


def test_tabel_aturan_readme_lengkap():
    teks = README.read_text(encoding="utf-8")
    tabel = teks[teks.index("### Findings"):teks.index("### Rekap kabupaten")]
    kode = _kode_aturan()
    assert {"urusan-bidang-tidak-ada", "pagu-nol-bertarget", "kode-dari-nama", "tabel-nihil"} <= kode
    assert sorted(k for k in kode if f"`{k}`" not in tabel) == []
