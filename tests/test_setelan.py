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


def test_jalan_beku_bisa_dipickle_dan_setelan_dari_lingkungan(monkeypatch):
    from flows.setelan import Jalan, Opsi

    monkeypatch.setenv("RENJA_POTONGAN", "7")
    jalan = Jalan(Path("masuk"), Path("keluar"), Opsi(2024, "Lumajang"), arsipkan=True)
    assert jalan.setelan.potongan == 7 and jalan.digit_sub == 4 and jalan.tunggu_kunci == 600.0
    assert pickle.loads(pickle.dumps(jalan)) == jalan
    with pytest.raises(FrozenInstanceError):
        jalan.opsi.tahun = 2025


def test_jalan_parameter_alur_dari_json_juga_sesudah_cloudpickle(tmp_path):
    """The flow's one parameter: validated as given, rebuilt from the JSON a deployment stores — also when the flow
    function travels by value (cloudpickle, as a deployment's run process gets it): then only the globals its body
    uses come along, so its annotation must be the class itself, not a name (flows/pipeline.py has no
    ``from __future__ import annotations``)."""
    import os
    import subprocess
    import sys

    kode = """
import pickle, sys
from pathlib import Path
import cloudpickle
import flows.pipeline
from flows.setelan import Jalan, Opsi, Setelan
from pydantic_core import to_jsonable_python
cloudpickle.register_pickle_by_value(flows.pipeline)
alur = pickle.loads(cloudpickle.dumps(flows.pipeline.renja_run))
jalan = Jalan(Path("masuk"), Path("keluar"), Opsi(2024), Path("daftar.csv"), 2, True, 0.0, Setelan({"RENJA_PEKERJA": "2"}))
assert alur.validate_parameters({"jalan": jalan})["jalan"] is jalan
assert alur.validate_parameters({"jalan": to_jsonable_python(jalan)})["jalan"] == jalan
print("ok")
"""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, cwd=REPO, env=env)
    assert out.stdout.strip() == "ok", out.stderr[-3000:]


@pytest.mark.parametrize(("kode", "status", "galat"), [(7, 7, ""), (None, 0, ""), ("Pesan akhir", 1, "Pesan akhir\n")])
def test_keluar_tanpa_teardown_tetapi_atexit_utas_dan_status(tmp_path, kode, status, galat):
    """flows.mesin.lingkungan.keluar (the end of `renja` and of each worker): the status as sys.exit would give it,
    a thread that is not a daemon awaited, the atexit functions run, buffered output written — and the
    interpreter's teardown skipped (an object freed only by it leaves no trace)."""
    import subprocess
    import sys

    kode_py = f"""
import atexit, sys, threading, time
from flows.mesin.lingkungan import keluar
atexit.register(lambda: open({str(tmp_path / 'atexit')!r}, 'w').write('ya'))
def lambat():
    time.sleep(0.3)
    open({str(tmp_path / 'utas')!r}, 'w').write('ya')
class Sisa:
    def __del__(self):
        open({str(tmp_path / 'teardown')!r}, 'w').write('ya')
SISA = Sisa()
threading.Thread(target=lambat).start()
sys.stdout.write('tertunda')
keluar({kode!r})
"""
    p = subprocess.run([sys.executable, "-c", kode_py], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert (p.returncode, p.stdout, p.stderr) == (status, "tertunda", galat)
    assert (tmp_path / "atexit").read_text() == "ya" and (tmp_path / "utas").read_text() == "ya"
    assert not (tmp_path / "teardown").exists()


def test_satu_server_prefect_untuk_semua_proses_tes(request, prefect_api):
    """`make test` (pytest-xdist): every test process uses the controller's one Prefect server (conftest.ServerSesi)
    and starts none of its own; in one process, the session's server is this process's child."""
    from urllib.parse import urlsplit

    import psutil

    from tests.conftest import KUNCI_SERVER

    port = f"--port {urlsplit(prefect_api).port} "
    anak = [" ".join(p.cmdline()) + " " for p in psutil.Process().children(recursive=True) if p.is_running()]
    server_sendiri = [c for c in anak if "prefect server start" in c and port in c]
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker
        assert prefect_api == request.config.workerinput[KUNCI_SERVER]["url"] and not server_sendiri
    else:
        assert len(server_sendiri) == 1
