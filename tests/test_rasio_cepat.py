"""transforms.nama.rasio_teks (remembered, equal texts without difflib) is difflib's ratio, exactly: equal and
different texts, empty ones, and texts from 200 characters on (where difflib's automatic junk heuristic starts; those
still go through difflib)."""
from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.nama import rasio_teks

_HURUF = st.text(alphabet="ab .%", max_size=260)


@settings(max_examples=300, deadline=None)
@given(_HURUF, _HURUF, st.booleans())
def test_sama_dengan_difflib(a, b, kembar):
    if kembar:
        b = a
    assert rasio_teks(a, b) == SequenceMatcher(None, a, b).ratio()
    assert rasio_teks(a, b) == SequenceMatcher(None, a, b).ratio()  # remembered: the same again


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab .%", min_size=200, max_size=400), st.text(alphabet="ab", max_size=3))
def test_teks_panjang_seperti_difflib(a, ujung):
    for b in (a, a + ujung, ujung + a):
        assert rasio_teks(a, b) == SequenceMatcher(None, a, b).ratio()


def test_teks_sama():
    assert rasio_teks("program x", "program x") == 1.0 and rasio_teks("", "") == 1.0
