"""Normalisation of a satuan (unit) as typed in a Renja target to its canonical name in schemas.satuan."""
from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from schemas.satuan import SATUAN

STATUS_OK = "ok"  # recognised; the text differs from the canonical name at most in case and whitespace runs
STATUS_DIPERBAIKI = "diperbaiki"  # recognised through a synonym, an abbreviation or a slip
STATUS_TIDAK_DIKENAL = "tidak-dikenal"  # not recognised: the caller keeps the text as typed
STATUS_KOSONG = "kosong"  # None, NaN or only whitespace
STATUS_SATUAN = (STATUS_OK, STATUS_DIPERBAIKI, STATUS_TIDAK_DIKENAL, STATUS_KOSONG)

_ANGKA_DEPAN = re.compile(r"^\d+(?:[.,]\d+)*\s*")  # "12 Bulan" inside "Orang/ 12 Bulan"
_ULANG = re.compile(r"^(\w{3,})(?:-\1|2)$")  # reduplication, the Indonesian plural: "laporan-laporan", "laporan2"


def lipat(teks: str) -> str:
    """Fold a unit text for matching: case-folded, whitespace runs made one space, no spaces around '/'."""
    hasil = " ".join(teks.casefold().split())
    return re.sub(r"\s*/\s*", "/", hasil)


def _tanpa_spasi(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


def _indeks() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Build the lookup tables: folded canonical -> name, folded synonym -> name, space-free form -> name."""
    kanonik = {lipat(nama): nama for nama in SATUAN}
    sinonim = {lipat(s): nama for nama, daftar in SATUAN.items() for s in daftar}
    tanpa_spasi = {_tanpa_spasi(k): v for k, v in {**sinonim, **kanonik}.items()}
    return kanonik, sinonim, tanpa_spasi


_KANONIK, _SINONIM, _TANPA_SPASI = _indeks()


def _cari(kunci: str) -> tuple[str, bool] | None:
    """Find a folded single (non-compound) unit; return (canonical name, exact?) or None."""
    if kunci in _KANONIK:
        return _KANONIK[kunci], True
    if kunci in _SINONIM:
        return _SINONIM[kunci], False
    tanpa_titik = kunci.rstrip(". ").strip()
    for calon in (tanpa_titik, _tanpa_spasi(tanpa_titik)):
        nama = _KANONIK.get(calon) or _SINONIM.get(calon) or _TANPA_SPASI.get(calon)
        if nama:
            return nama, False
    ulang = _ULANG.match(tanpa_titik)
    if ulang:
        dasar = _cari(ulang.group(1))
        return (dasar[0], False) if dasar else None
    return None


def _cari_gabungan(kunci: str) -> tuple[str, bool] | None:
    """Find a compound 'A/B' (or 'A per B'); a number before B is dropped ('orang/12 bulan')."""
    tepat = True
    if "/" not in kunci and " per " in kunci:
        kunci, tepat = kunci.replace(" per ", "/"), False
    bagian = kunci.split("/")
    if len(bagian) != 2:
        return None
    hasil = []
    for teks in bagian:
        tanpa_angka = _ANGKA_DEPAN.sub("", teks)
        ketemu = _cari(tanpa_angka) if tanpa_angka else None
        if ketemu is None or "/" in ketemu[0]:  # 'OB/ASN': a compound inside a compound has no canonical form
            return None
        hasil.append(ketemu[0])
        tepat = tepat and ketemu[1] and tanpa_angka == teks
    return "/".join(hasil), tepat


def _kosong(teks: object) -> bool:
    """True for None, NaN, pd.NA and blank strings."""
    if isinstance(teks, str):
        return not teks.strip()
    if isinstance(teks, Decimal):  # pd.isna raises on Decimal('sNaN')
        return teks.is_nan()
    return pd.api.types.is_scalar(teks) and bool(pd.isna(teks))


def normalize_satuan(teks: object) -> tuple[str | None, str]:
    """Return (canonical name or None, status) for a unit text; never raises.

    Status: 'ok' (canonical name up to case/whitespace runs), 'diperbaiki' (a synonym, abbreviation or slip was
    mapped: 'Dok.' -> 'Dokumen', 'dokume n' -> 'Dokumen', 'KK' -> 'Keluarga'), 'tidak-dikenal' (None), 'kosong'
    (None/NaN/blank; None).  Compounds of two known units give 'A/B' of their canonical names ('unit/th' ->
    'Unit/Tahun'), a number inside is dropped ('Orang/ 12 Bulan' -> 'Orang/Bulan', diperbaiki).  Idempotent:
    a returned name normalises to itself with 'ok'.
    """
    if _kosong(teks):
        return None, STATUS_KOSONG
    if not isinstance(teks, str):
        return None, STATUS_TIDAK_DIKENAL
    kunci = lipat(teks)
    ketemu = _cari(kunci) or _cari_gabungan(kunci)
    if ketemu is None:
        return None, STATUS_TIDAK_DIKENAL
    nama, tepat = ketemu
    return nama, STATUS_OK if tepat else STATUS_DIPERBAIKI
