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


# The layering of pyproject.toml's [tool.importlinter] contracts, and no import cycle between modules.
SIKLUS_DIKETAHUI: list[list[str]] = []  # none (the page refresh is flows/rekap/segarkan.py, above the page and the flow)


def _lint_imports(cwd: Path, *opsi: str, env: dict | None = None):
    import subprocess
    import sys

    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), "--no-cache", *opsi], cwd=cwd, capture_output=True, text=True, env=env)


def test_kontrak_impor_terjaga():
    hasil = _lint_imports(REPO)
    assert hasil.returncode == 0, hasil.stdout[-4000:] + hasil.stderr[-2000:]


def test_kontrak_impor_yang_dilanggar_dilaporkan(tmp_path):
    """The check can fail: a lower layer importing a higher one breaks the contract and lint-imports says so."""
    import os

    paket = tmp_path / "paket_uji"
    paket.mkdir()
    (paket / "__init__.py").write_text("")
    (paket / "atas.py").write_text("")
    (paket / "bawah.py").write_text("import paket_uji.atas\n")
    (tmp_path / ".importlinter").write_text("[importlinter]\nroot_package = paket_uji\n\n[importlinter:contract:1]\n"
                                            "name = lapisan\ntype = layers\nlayers =\n    paket_uji.atas\n"
                                            "    paket_uji.bawah\n")
    hasil = _lint_imports(tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert hasil.returncode == 1 and "BROKEN" in hasil.stdout and "paket_uji.bawah -> paket_uji.atas" in hasil.stdout


def _siklus(impor: dict[str, list[str]]) -> list[list[str]]:
    """The import cycles of a graph (module → modules it imports): its strongly connected components of more than
    one module, each sorted (Tarjan)."""
    urut, rendah, tumpuk, di_tumpuk, hasil = {}, {}, [], set(), []

    def kunjungi(v: str) -> None:
        urut[v] = rendah[v] = len(urut)
        tumpuk.append(v)
        di_tumpuk.add(v)
        for w in impor.get(v, ()):
            if w not in urut:
                kunjungi(w)
                rendah[v] = min(rendah[v], rendah[w])
            elif w in di_tumpuk:
                rendah[v] = min(rendah[v], urut[w])
        if rendah[v] == urut[v]:
            komponen = []
            while not komponen or komponen[-1] != v:
                komponen.append(tumpuk.pop())
                di_tumpuk.discard(komponen[-1])
            if len(komponen) > 1:
                hasil.append(sorted(komponen))

    for v in sorted(impor):
        if v not in urut:
            kunjungi(v)
    return sorted(hasil)


def test_tidak_ada_siklus_impor_antar_modul():
    """No two modules of the project import each other, directly or around (function-level imports count too)."""
    import grimp

    graf = grimp.build_graph("flows", "transforms", "schemas")
    impor = {m: sorted(graf.find_modules_directly_imported_by(m)) for m in graf.modules}
    assert _siklus(impor) == SIKLUS_DIKETAHUI


def test_pencari_siklus_bisa_gagal():
    assert _siklus({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
    assert _siklus({"a": ["b"], "b": []}) == []
