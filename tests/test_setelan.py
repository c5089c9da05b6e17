"""flows/setelan.py: the RENJA_* settings, declared in schemas/setelan.py, are read by one module into one frozen,
picklable Setelan; nothing else in flows/ reads them from the environment."""
from __future__ import annotations

import ast
import pickle
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from flows.setelan import Setelan
from schemas import setelan as s

REPO = Path(__file__).resolve().parents[1]
PEMBACA_LINGKUNGAN = REPO / "flows" / "setelan.py"
DEKLARASI = REPO / "schemas" / "setelan.py"  # the names themselves


def _bacaan_lingkungan(teks: str) -> list[str]:
    """Reads of the environment whose key is not a literal naming another tool's variable (PREFECT_…, GX_…), and
    string literals naming a RENJA_ variable outside docstrings: what only flows/setelan.py may hold."""
    tree = ast.parse(teks)
    dok = {id(n.body[0].value) for n in ast.walk(tree)
           if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and n.body
           and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    hasil = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in dok \
                and n.value.startswith("RENJA_"):
            hasil.append(f"teks {n.value!r} baris {n.lineno}")
        kunci = None
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.args and (
                n.func.attr == "getenv" or (n.func.attr == "get" and "environ" in ast.unparse(n.func.value))):
            kunci = n.args[0]
        elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Load) and "environ" in ast.unparse(n.value):
            kunci = n.slice
        if kunci is not None and not (isinstance(kunci, ast.Constant) and not str(kunci.value).startswith("RENJA_")):
            hasil.append(f"{ast.unparse(n)} baris {n.lineno}")
    return hasil


@pytest.mark.parametrize("path", sorted(p for folder in ("flows", "transforms", "schemas")
                                        for p in (REPO / folder).rglob("*.py") if p != PEMBACA_LINGKUNGAN),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_hanya_flows_setelan_membaca_lingkungan(path):
    hasil = _bacaan_lingkungan(path.read_text(encoding="utf-8"))
    assert [h for h in hasil if not (path == DEKLARASI and h.startswith("teks "))] == []


def test_pemeriksa_bacaan_lingkungan_bisa_gagal():
    buruk = ('import os\nA = os.environ.get("RENJA_POTONGAN")\nB = os.getenv(NAMA)\nC = os.environ[NAMA]\n'
             'D = os.environ.get("PREFECT_HOME")\n')
    assert sorted(_bacaan_lingkungan(buruk)) == ["os.environ.get('RENJA_POTONGAN') baris 2", "os.environ[NAMA] baris 4",
                                                 "os.getenv(NAMA) baris 3", "teks 'RENJA_POTONGAN' baris 2"]


def test_empat_belas_setelan_dengan_nama_berbeda():
    assert len(s.SEMUA) == 14 and len({v.nama for v in s.SEMUA}) == 14
    assert all(v.nama.startswith("RENJA_") for v in s.SEMUA)


def test_setelan_dibaca_sekali_beku_dan_bisa_dipickle():
    st = Setelan.dari_lingkungan({"RENJA_PEKERJA": "3", "RENJA_POTONGAN": "x", "PATH": "/bin", "RENJA_ISOLASI": "tidak"})
    assert dict(st.teks) == {"RENJA_PEKERJA": "3", "RENJA_POTONGAN": "x", "RENJA_ISOLASI": "tidak"}
    assert (st.pekerja, st.potongan, st.isolasi, st.batas_memori_mb, st.tenang_detik) == (3, 25, False, 2048, 20.0)
    assert pickle.loads(pickle.dumps(st)) == st
    with pytest.raises(FrozenInstanceError):
        st.teks = {}


def test_nilai_salah_dilaporkan_oleh_yang_memakainya():
    st = Setelan.dari_lingkungan({"RENJA_BATAS_MEMORI_MB": "banyak", "RENJA_PEKERJA": "0"})
    with pytest.raises(ValueError, match=r"^Setelan RENJA_BATAS_MEMORI_MB='banyak' tidak sah: harus bilangan bulat 0 "):
        st.batas_memori_mb
    with pytest.raises(ValueError, match=r"^Setelan RENJA_PEKERJA='0' tidak sah: harus bilangan bulat 1 atau lebih"):
        st.pekerja
    assert st.batas_waktu_baca == 120  # the others are unaffected
