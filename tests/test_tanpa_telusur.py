"""The flow's lists (kecamatan records, handles, findings) reach its tasks as they are, without Prefect visiting
their elements for futures (flows.pipeline._tanpa_telusur, Prefect's ``quote``)."""
from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from prefect import flow, task
from prefect.cache_policies import NONE

from flows import pipeline

pytestmark = pytest.mark.prefect



_DILIHAT: list[str] = []


@dataclass
class _Catatan:
    """A record whose field reads are counted: Prefect visits a dataclass's fields when it looks for futures."""

    isi: int = 0

    def __getattribute__(self, nama):
        if nama == "isi":
            _DILIHAT.append(threading.current_thread().name)
        return object.__getattribute__(self, nama)


@task(cache_policy=NONE)
def _jenis_argumen(daftar, jumlah: int) -> tuple[str, int]:
    return type(daftar).__name__, len(daftar)


@task(cache_policy=NONE)
def _langkah_di_dalam(daftar) -> tuple[str, int]:
    return pipeline._langkah(_jenis_argumen)(daftar, len(daftar))


@flow
def _alur_uji(n: int) -> list:
    return pipeline._sebar(_langkah_di_dalam, [([_Catatan() for _ in range(n)],)], kutip=True)


def test_daftar_tidak_ditelusuri_prefect(prefect_sesi):
    """The flow's lists of kecamatan records reach the tasks as they are, and Prefect does not visit their elements
    (pipeline._tanpa_telusur: quote), neither when submitted (_sebar) nor when a step runs inside a task
    (_langkah)."""
    _DILIHAT.clear()
    assert _alur_uji(30) == [("list", 30)]
    assert _DILIHAT == []
