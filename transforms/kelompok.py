"""A delivery's files grouped by kecamatan: each file's output-folder key, the year a file that names none takes from
its kecamatan, and the groups in file order (flows.langkah.rapikan hands the files' records to these)."""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from schemas.wilayah import FOLDER_TANPA_TAHUN
from transforms.meta import slug
from transforms.wilayah import HasilWilayah, IndeksWilayah, folder_wilayah, kabupaten_dari_nama

K = TypeVar("K", bound=Hashable)


def kunci_kecamatan(tahun: object, wilayah: HasilWilayah | None, berkas: str) -> tuple[str, str, str]:
    """The output folder parts of a file's tables: year n (``FOLDER_TANPA_TAHUN`` without one), kabupaten,
    kecamatan (``folder_wilayah``: the official names' slugs, or ``tanpa-kecamatan-<file name>`` for a file whose
    kecamatan is not known, so that such files are never grouped with one another)."""
    return (str(tahun) if tahun else FOLDER_TANPA_TAHUN, *folder_wilayah(wilayah, berkas))


def kelompokkan(kunci: Iterable[K]) -> dict[K, list[int]]:
    """The positions of ``kunci`` grouped by key: the keys in the order they first appear, each group's positions
    in order."""
    kelompok: dict[K, list[int]] = {}
    for i, k in enumerate(kunci):
        kelompok.setdefault(k, []).append(i)
    return kelompok


def dengan_kode_kabupaten(dikenal: Iterable[Mapping], indeks: IndeksWilayah) -> list[dict]:
    """The kecamatan with outputs (``tahun``, ``kabupaten``, ``kecamatan``, ``kode_wilayah``, ``kode_kabupaten``:
    what their reports say), each with its kabupaten's code — found by the kabupaten's name when the report has
    none (older reports have names only)."""
    hasil = []
    for m in dikenal:
        kode = m.get("kode_kabupaten")
        if not kode and m.get("kabupaten"):
            kode = next(iter(kabupaten_dari_nama(indeks, str(m["kabupaten"]))), None)
        hasil.append({**m, "kode_kabupaten": kode})
    return hasil


def tahun_kecamatan(wilayah: HasilWilayah, kiriman: Iterable[tuple[object, HasilWilayah | None]],
                    keluaran: Callable[[], Sequence[Mapping]] | None = None) -> int | None:
    """Year n for a file that names none, from its kecamatan (``wilayah``, identified): the one year of this
    delivery's files of the same kecamatan (``kiriman``: each file's year and unit); when they have none, the one
    year of that kecamatan's outputs (``keluaran()``, called only then: the kecamatan with outputs, as
    ``dengan_kode_kabupaten`` gives them — the same kode wilayah, or the same kabupaten code and kecamatan name).
    None when no year or more than one is found."""
    tahun = {t for t, w in kiriman if t and w is not None and w.kode == wilayah.kode}
    if not tahun and keluaran is not None:
        tahun = {m["tahun"] for m in keluaran() if m.get("tahun") and (
            m.get("kode_wilayah") == wilayah.kode or (
                m.get("kode_kabupaten") == wilayah.kode_kabupaten and m.get("kecamatan")
                and slug(str(m["kecamatan"])) == slug(wilayah.kecamatan)))}
    return int(next(iter(tahun))) if len(tahun) == 1 else None
