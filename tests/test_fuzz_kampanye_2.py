"""The bounded fuzz campaign (tests/fuzz_terbatas.py), half 2 of its 300 mutants (seed 15): no internal error, no
file past the time limit."""
from tests.fuzz_terbatas import kampanye_separuh


def test_fuzz_kampanye_terbatas_separuh_2(tmp_path):
    kampanye_separuh(1, tmp_path)
