"""Two steps of the normalising made cheaper give what they gave (8928cbc, kept here as the reference):
transforms.tabel41._kandidat reading four columns instead of the filtered frame, and transforms.nomenklatur.
normalkan._terapkan writing its four text columns in one assign — for T-C.33 frames with missing, repeated and
unknown ``urut``, levels and indicators of every dtype the tidy step gives (object, str, Int64)."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.nomenklatur import ATURAN_KODE_DARI_NAMA
from tests.conftest import kolom_berjenis
from transforms.nama import lipat_tanpa_level
from transforms.nomenklatur.daftar import nilai_teks
from transforms.nomenklatur.normalkan import _dengan_keyakinan, _Item, _ints, _terapkan, tulis_kode
from transforms.tabel41 import _kandidat, _Kandidat

_LEVEL = st.sampled_from(["urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "aktivitas", None])
_URUT = st.one_of(st.none(), st.integers(1, 8))
_KODE = st.one_of(st.none(), st.sampled_from(["7.01", "7.01.02", "7.01.02.2.01", "7.01.02.2.01.0003", "", " ",
                                              "x.1"]))


def _rujukan_kandidat(tidy33: pd.DataFrame) -> list[_Kandidat]:
    """_kandidat as it was (8928cbc)."""
    utama = tidy33[(tidy33["indikator_ke"] == 1) & (tidy33["level"] != "aktivitas")]
    induk = dict(zip(tidy33["urut"], tidy33["urut_induk"]))
    level = dict(zip(tidy33["urut"], tidy33["level"]))

    def program_dari(urut):
        while urut is not None and not pd.isna(urut):
            if level.get(urut) == "program":
                return int(urut)
            urut = induk.get(urut)
        return None

    return [_Kandidat(u, k, lv, n, lipat_tanpa_level(n), program_dari(asli))
            for u, k, lv, n, asli in zip(utama["urut"].astype(int).tolist(), utama["kode"].to_numpy(),
                                         utama["level"].to_numpy(), utama["nama"].to_numpy(), utama["urut"])]


def _sama_nilai(a, b) -> bool:
    if pd.isna(a) if not isinstance(a, (list, tuple)) else False:
        return bool(pd.isna(b)) and type(a) is type(b)
    return type(a) is type(b) and a == b


@st.composite
def _tc33(draw):
    n = draw(st.integers(0, 10))
    baris = draw(st.lists(st.tuples(st.integers(1, 8), _URUT, _LEVEL, st.sampled_from([1, 2, None]), _KODE,
                                    st.sampled_from(["Program A", "Kegiatan B", "Sub C", "nama", None])),
                          min_size=n, max_size=n))
    urut, induk, level, ke, kode, nama = (list(x) for x in zip(*baris)) if baris else ([],) * 6
    # a parent above its row (a smaller urut), as the tidy step gives: a cycle would never end program_dari
    induk = [i if i is not None and i < u else None for u, i in zip(urut, induk)]
    return pd.DataFrame({"urut": kolom_berjenis(urut, draw(st.sampled_from(["Int64", "object"]))),
                         "urut_induk": kolom_berjenis(induk, draw(st.sampled_from(["Int64", "object"]))),
                         "level": kolom_berjenis(level, draw(st.sampled_from(["str", "object"]))),
                         "indikator_ke": kolom_berjenis(ke, draw(st.sampled_from(["Int64", "object"]))),
                         "kode": kolom_berjenis(kode, "object"), "nama": kolom_berjenis(nama, "object"),
                         "pagu": kolom_berjenis([None] * n, "Int64")})


@settings(max_examples=200, deadline=None)
@given(_tc33())
def test_kandidat_sama_dengan_frame_disaring(tidy33):
    try:
        lama = _rujukan_kandidat(tidy33)
    except Exception as e:  # noqa: BLE001 - the same error, or none
        try:
            _kandidat(tidy33)
        except Exception as f:  # noqa: BLE001
            assert type(f) is type(e)
            return
        raise AssertionError(f"lama gagal ({e!r}), baru tidak")
    baru = _kandidat(tidy33)
    assert len(baru) == len(lama)
    for a, b in zip(baru, lama):
        for k in ("urut", "kode", "level", "nama", "lipat", "program"):
            assert _sama_nilai(getattr(a, k), getattr(b, k)), (k, getattr(a, k), getattr(b, k))


def _rujukan_terapkan(df: pd.DataFrame, items: dict[int, _Item], digit_sub: int) -> pd.DataFrame:
    """_terapkan as it was (8928cbc)."""
    kode, level = [nilai_teks(v) for v in df["kode"].tolist()], [nilai_teks(v) for v in df["level"].tolist()]
    aturan = [nilai_teks(v) for v in df["kode_aturan"].tolist()] if "kode_aturan" in df else [None] * len(df)
    keyakinan: list[float | None] = [None] * len(df)
    sekarang: _Item | None = None
    for i in range(len(df)):
        it = items.get(i)
        if it is not None:
            sekarang = it
            kode[i], level[i], keyakinan[i] = it.kode, it.level, it.keyakinan
            if it.diubah and ATURAN_KODE_DARI_NAMA not in (aturan[i] or "").split(";"):
                aturan[i] = ";".join(filter(None, (aturan[i], ATURAN_KODE_DARI_NAMA)))
        elif level[i] != "aktivitas" and sekarang is not None:
            kode[i], level[i], keyakinan[i], aturan[i] = sekarang.kode, sekarang.level, sekarang.keyakinan, \
                aturan[sekarang.i]
    per_urut = dict(zip(_ints(df["urut"]), range(len(df))))
    for i, u in enumerate(_ints(df["urut_induk"])):
        if level[i] == "aktivitas" and u in per_urut:
            kode[i] = kode[per_urut[u]]
    induk = [kode[per_urut[u]] if u in per_urut else nilai_teks(v) for u, v in zip(_ints(df["urut_induk"]),
                                                                          df["kode_induk"].tolist())]
    out = df.assign(kode=[tulis_kode(k, digit_sub) for k in kode], level=level, kode_aturan=aturan,
                    kode_induk=[tulis_kode(k, digit_sub) for k in induk])
    for k in ("kode", "level", "kode_aturan", "kode_induk"):
        out[k] = pd.Series([nilai_teks(v) for v in out[k].tolist()], index=out.index, dtype=object)
    return _dengan_keyakinan(out, keyakinan)


@settings(max_examples=200, deadline=None)
@given(_tc33(), st.data(), st.sampled_from([2, 4]))
def test_terapkan_sama_dengan_assign_lalu_setitem(tidy33, data, digit_sub):
    n = len(tidy33)
    df = tidy33.assign(kode_aturan=kolom_berjenis(data.draw(st.lists(st.sampled_from([None, "", "a", "a;b"]), min_size=n,
                                                                max_size=n)), "object"),
                       kode_induk=kolom_berjenis(data.draw(st.lists(_KODE, min_size=n, max_size=n)), "object"))
    dipilih = data.draw(st.lists(st.integers(0, max(n - 1, 0)), unique=True, max_size=n)) if n else []
    items = {i: _Item(i, i + 1, None, data.draw(_KODE), data.draw(_LEVEL), "n", "n", "n",
                      keyakinan=data.draw(st.one_of(st.none(), st.floats(0, 1))), diubah=data.draw(st.booleans()))
             for i in sorted(dipilih)}
    baru = _terapkan(df, items, digit_sub)
    lama = _rujukan_terapkan(df, items, digit_sub)
    pd.testing.assert_frame_equal(baru, lama, check_exact=True)
    assert baru.dtypes.tolist() == lama.dtypes.tolist()
    for k in ("kode", "level", "kode_aturan", "kode_induk"):
        assert [type(v) for v in baru[k].tolist()] == [type(v) for v in lama[k].tolist()]
