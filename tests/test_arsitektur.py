"""The house rules, enforced: transforms/ is pure, schemas/ only declares, flows/ is the only edge."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LARANGAN_IMPORT = {"prefect", "great_expectations", "openpyxl", "xlsxwriter", "python_calamine", "fastexcel",
                   "flows", "os", "shutil", "tempfile", "io", "pathlib", "glob", "subprocess", "socket", "requests",
                   "httpx", "urllib"}
LARANGAN_PANGGILAN = {"open", "read_csv", "read_excel", "read_json", "read_parquet", "to_csv", "to_excel", "to_json",
                      "to_parquet", "read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink",
                      "ExcelWriter", "ExcelFile", "eval", "exec"}


def _modul(folder: str) -> list[Path]:
    return sorted((REPO / folder).rglob("*.py"))


def _import(tree: ast.AST) -> set[str]:
    nama = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            nama |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            nama.add(node.module.split(".")[0])
    return nama


def _panggilan(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            out.add(f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", ""))
    return out


@pytest.mark.parametrize("path", _modul("transforms"), ids=lambda p: p.name)
def test_transforms_murni(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not (_import(tree) & LARANGAN_IMPORT), f"{path.name} mengimpor {_import(tree) & LARANGAN_IMPORT}"
    assert not (_panggilan(tree) & LARANGAN_PANGGILAN), f"{path.name} memanggil {_panggilan(tree) & LARANGAN_PANGGILAN}"


@pytest.mark.parametrize("path", _modul("schemas"), ids=lambda p: p.name)
def test_schemas_hanya_deklarasi(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    dilarang = LARANGAN_IMPORT | {"pandas", "transforms"}
    assert not (_import(tree) & dilarang), f"{path.name} mengimpor {_import(tree) & dilarang}"
    assert not (_panggilan(tree) & LARANGAN_PANGGILAN)


def test_pemeriksa_arsitektur_bisa_gagal():
    buruk = ast.parse("import prefect\nfrom openpyxl import load_workbook\nopen('x')\ndf.to_csv('y')")
    assert {"prefect", "openpyxl"} <= _import(buruk) & LARANGAN_IMPORT
    assert {"open", "to_csv"} <= _panggilan(buruk) & LARANGAN_PANGGILAN


def test_transforms_tidak_memuat_modul_tepi_saat_diimpor():
    import subprocess
    import sys

    kode = ("import sys, transforms.tc33, transforms.periksa, transforms.meta, transforms.temuan, schemas.suites;"
            "print(sorted(m for m in ('prefect','great_expectations','openpyxl','xlsxwriter','python_calamine')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"
