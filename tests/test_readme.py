"""The README's column docs are generated from schemas/: a change there without `tools/dokumen_kolom.py --tulis` fails."""
from __future__ import annotations

from tools.dokumen_kolom import README, bagian, ganti


def test_dokumentasi_kolom_sesuai_schemas():
    teks = README.read_text(encoding="utf-8")
    assert ganti(teks) == teks, "jalankan: python tools/dokumen_kolom.py --tulis"
    assert "| `kebutuhan_dana` |" in bagian() and "| `pagu_maju` |" in bagian()
