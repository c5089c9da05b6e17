"""The fast matching gives what the plain one gives: ``transforms.tabel41.cocokkan_dengan_tc33`` (plain lists, pruned
similarity) and ``transforms.nomenklatur.cari_kode`` (plain records) against straightforward pandas references
written here (the former implementations), on generated and perturbed inputs and on the edges: a ratio that
rounds to exactly AMBANG_MIRIP, missing programs and levels, no match at all (the nearest name, ties)."""
from __future__ import annotations

import random
from difflib import SequenceMatcher

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from schemas.kode import DIGIT_LEVEL_BAKU
from schemas.tabel41 import AMBANG_MIRIP, COCOK_MIRIP, COCOK_NAMA, KOLOM_COCOK
from transforms.hasil import teks_atau_none
from transforms.kode import kunci_kode
from transforms.nama import lipat_tanpa_level as kunci_nama
from transforms.nomenklatur import Calon, cari_kode, lipat_nama, siapkan_nomenklatur, skor_lipat
from transforms.nomenklatur import cari as nomen_mod
from transforms.tabel41 import _beda, cocokkan_dengan_tc33, kandidat_tc33, kolom_cocok

LEVEL_KEGIATAN = ("kegiatan", "sub_kegiatan")
KATA = ("penyelenggaraan", "pemerintahan", "kecamatan", "koordinasi", "pelayanan", "umum", "kegiatan", "desa",
        "pemberdayaan", "masyarakat", "penyediaan", "administrasi", "perkantoran", "kelurahan", "pembinaan",
        "ketenteraman", "ketertiban", "sarana", "prasarana", "barang", "jasa", "pemeliharaan", "gedung", "bangunan",
        "dokumen", "perencanaan", "anggaran", "evaluasi", "kinerja", "laporan", "keuangan", "aset")


# --------------------------------------------------------------------------- the plain reference (pandas)


def _kandidat_acuan(tidy33: pd.DataFrame) -> pd.DataFrame:
    utama = tidy33[(tidy33["indikator_ke"] == 1) & (tidy33["level"] != "aktivitas")]
    induk = dict(zip(tidy33["urut"], tidy33["urut_induk"]))
    level = dict(zip(tidy33["urut"], tidy33["level"]))

    def program_dari(urut):
        while urut is not None and not pd.isna(urut):
            if level.get(urut) == "program":
                return int(urut)
            urut = induk.get(urut)
        return None

    return pd.DataFrame({
        "urut": utama["urut"].astype(int).to_numpy(), "kode": utama["kode"].to_numpy(),
        "level": utama["level"].to_numpy(), "nama": utama["nama"].to_numpy(),
        "lipat": utama["nama"].map(kunci_nama).to_numpy(), "program": [program_dari(u) for u in utama["urut"]],
    })


def _hasil_acuan(c: pd.Series, cara: str, skor: float) -> dict:
    return {"kode": c["kode"], "cocok_dengan": cara, "skor": skor, "urut_tc33": int(c["urut"]),
            "nama_tc33": c["nama"], "level_tc33": c["level"], "_program": c["program"]}


def _satu_acuan(r: dict, kandidat: pd.DataFrame, dipakai: set[int], program, posisi: int) -> dict:
    """Every ratio computed, candidates ordered by pandas sorts (the semantics the fast version must keep)."""
    nama = kunci_nama(r["nama"])
    bebas = kandidat[~kandidat["urut"].isin(dipakai)]
    levels = LEVEL_KEGIATAN if r["level"] is None or pd.isna(r["level"]) else (r["level"],)
    sama = bebas[bebas["level"].isin(levels)]
    urutan = sama.assign(_prog=sama["program"] != program, _sebelum=sama["urut"] <= posisi)
    urutan = urutan.sort_values(["_prog", "_sebelum", "urut"], kind="stable")
    persis = urutan[urutan["lipat"] == nama]
    if not persis.empty:
        return _hasil_acuan(persis.iloc[0], COCOK_NAMA, 1.0)
    urutan = urutan.assign(skor=urutan["lipat"].map(lambda t: round(SequenceMatcher(None, nama, t).ratio(), 4)))
    mirip = urutan[urutan["skor"] >= AMBANG_MIRIP]
    if not mirip.empty:
        terbaik = mirip.sort_values(["_prog", "skor", "_sebelum", "urut"], ascending=[True, False, True, True],
                                    kind="stable").iloc[0]
        return _hasil_acuan(terbaik, COCOK_MIRIP, float(terbaik["skor"]))
    lain = bebas[bebas["level"].isin(LEVEL_KEGIATAN) & ~bebas["level"].isin(levels) & (bebas["lipat"] == nama)]
    if r["level"] in LEVEL_KEGIATAN and not lain.empty:
        return _hasil_acuan(lain.iloc[0], COCOK_NAMA, 1.0)
    if urutan.empty:
        return {"kode": None, "cocok_dengan": None, "skor": 0.0, "urut_tc33": None, "nama_tc33": None,
                "level_tc33": None, "_program": None}
    terdekat = urutan.sort_values("skor", ascending=False, kind="stable").iloc[0]
    return {"kode": None, "cocok_dengan": None, "skor": float(terdekat["skor"]), "urut_tc33": None,
            "nama_tc33": terdekat["nama"], "level_tc33": None, "_program": None}


def _cocokkan_acuan(tidy41: pd.DataFrame, tidy33: pd.DataFrame) -> pd.DataFrame:
    kandidat = _kandidat_acuan(tidy33)
    dipakai: set[int] = set()
    program, posisi = None, 0
    hasil: list[dict] = []
    for r in tidy41.to_dict("records"):
        if r["indikator_ke"] != 1 and hasil:
            hasil.append(dict(hasil[-1]))
            continue
        c = _satu_acuan(r, kandidat, dipakai, program, posisi)
        if c["urut_tc33"] is not None:
            dipakai.add(c["urut_tc33"])
            program, posisi = c.pop("_program"), c["urut_tc33"]
        c.pop("_program", None)
        hasil.append(c)
    cocok = pd.DataFrame(hasil, columns=list(KOLOM_COCOK), index=tidy41.index)
    cocok = cocok.astype({"skor": "Float64", "urut_tc33": "Int64"})
    for k in ("kode", "cocok_dengan", "nama_tc33", "level_tc33"):
        cocok[k] = teks_atau_none(cocok[k])
    return pd.concat([tidy41, cocok], axis=1)


def _cari_kode_acuan(nama, level, nomenklatur, dalam=None, *, utamakan=None, jumlah=3, level_boleh=None):
    df = siapkan_nomenklatur(nomenklatur)
    dilipat = lipat_nama(nama)
    if not dilipat or df.empty:
        return []
    pilih = pd.Series(True, index=df.index)
    if level is not None:
        pilih &= df["level"] == level
    elif level_boleh is not None:
        pilih &= df["level"].isin(list(level_boleh))
    awal = kunci_kode(dalam) if isinstance(dalam, str) and dalam else None
    if awal:
        pilih &= df["_kunci_kode"].str.startswith(awal + ".", na=False)
    calon = df[pilih]
    if calon.empty:
        return []
    utama = kunci_kode(utamakan) + "." if isinstance(utamakan, str) and utamakan else None

    def digit_baku(kode):
        bagian = kode.split(".")
        return len(bagian) < 4 or bagian[3] == DIGIT_LEVEL_BAKU

    baris = []
    for k, n, lv, lp, kn in zip(calon["kode"], calon["nama"], calon["level"], calon["_lipat"], calon["_kunci_nama"]):
        s = skor_lipat(dilipat, lp)
        if s <= 0:
            continue
        di_utama = bool(utama) and (kunci_kode(k) + ".").startswith(utama)
        baris.append((-s, not di_utama, not digit_baku(k), kunci_kode(k), kn, Calon(k, n, lv, s)))
    hasil, dilihat = [], set()
    for *_, kn, c in sorted(baris, key=lambda b: b[:4]):
        if kn in dilihat:
            continue
        dilihat.add(kn)
        hasil.append(c)
        if len(hasil) >= jumlah:
            break
    return hasil


# --------------------------------------------------------------------------------------------- generators


def _nama(rng: random.Random) -> str:
    return " ".join(rng.choice(KATA) for _ in range(rng.randint(2, 7))).capitalize()


def _salah_ketik(rng: random.Random, t):
    if not isinstance(t, str) or not t:
        return t
    huruf, p = list(t), rng.randrange(len(t))
    cara = rng.randrange(5)
    if cara == 0:
        huruf[p] = rng.choice("aeioubn ")
    elif cara == 1:
        del huruf[p]
    elif cara == 2:
        huruf.insert(p, rng.choice("aein"))
    elif cara == 3 and p + 1 < len(huruf):
        huruf[p], huruf[p + 1] = huruf[p + 1], huruf[p]
    else:
        kata = t.split()
        if len(kata) > 2:
            del kata[rng.randrange(len(kata))]
        return " ".join(kata)
    return "".join(huruf)


def _tc33(rng: random.Random, n_program: int) -> pd.DataFrame:
    """A T-C.33 tidy frame: urusan, bidang, programs with kegiatan and sub-kegiatan (some names repeated, some
    with aktivitas or an extra indicator row), some items without a program above (urut_induk missing)."""
    baris = []

    def tambah(level, induk, nama=None, ke=1):
        urut = len(baris) + 1
        baris.append({"urut": urut, "urut_induk": induk, "level": level, "nama": nama or _nama(rng),
                      "kode": f"K{urut}" if rng.random() < 0.9 else None, "indikator_ke": ke})
        return urut

    bidang = tambah("bidang", tambah("urusan", None))
    dipakai: list[str] = []
    for _ in range(n_program):
        program = tambah("program", bidang if rng.random() < 0.8 else None)
        for _ in range(rng.randint(1, 3)):
            induk = program if rng.random() < 0.85 else None
            nama = rng.choice(dipakai) if dipakai and rng.random() < 0.15 else None
            kegiatan = tambah("kegiatan", induk, nama)
            dipakai.append(baris[-1]["nama"])
            for _ in range(rng.randint(1, 4)):
                nama = rng.choice(dipakai) if rng.random() < 0.15 else None
                sub = tambah("sub_kegiatan", kegiatan, nama)
                dipakai.append(baris[-1]["nama"])
                if rng.random() < 0.2:
                    tambah("sub_kegiatan", kegiatan, baris[-1]["nama"], ke=2)
                if rng.random() < 0.2:
                    tambah("aktivitas", sub)
    df = pd.DataFrame(baris)
    df["urut_induk"] = pd.array(df["urut_induk"].tolist(), dtype="Int64")
    return df.astype({"level": object, "nama": object, "kode": object})


def _tc41(rng: random.Random, tc33: pd.DataFrame) -> pd.DataFrame:
    """Tabel 4.1 rows for T-C.33's items: names with typos, deleted words, a level word in front, unrelated names;
    levels swapped between kegiatan and sub-kegiatan or missing (None, NaN); extra indicator rows; an order
    sometimes shuffled."""
    baris = []
    for r in tc33[(tc33["indikator_ke"] == 1) & (tc33["level"] != "aktivitas")].to_dict("records"):
        if rng.random() < 0.1:
            continue
        nama, level = r["nama"], r["level"]
        x = rng.random()
        if x < 0.3:
            nama = _salah_ketik(rng, nama)
        elif x < 0.4:
            nama = _salah_ketik(rng, _salah_ketik(rng, _salah_ketik(rng, nama)))
        elif x < 0.45:
            nama = "Program " + nama
        elif x < 0.55:
            nama = _nama(rng)
        elif x < 0.57:
            nama = None
        y = rng.random()
        if y < 0.1:
            level = {"kegiatan": "sub_kegiatan", "sub_kegiatan": "kegiatan"}.get(level, level)
        elif y < 0.15:
            level = None
        elif y < 0.18:
            level = np.nan
        baris.append({"nama": nama, "level": level, "indikator_ke": 1})
        if rng.random() < 0.1:
            baris.append({"nama": nama, "level": level, "indikator_ke": 2})
    df = pd.DataFrame(baris, columns=["nama", "level", "indikator_ke"]).astype({"nama": object, "level": object})
    if rng.random() < 0.3:
        df = df.sample(frac=1, random_state=rng.randrange(10**6))
    return df


def _sama_persis(tidy41: pd.DataFrame, tidy33: pd.DataFrame) -> pd.DataFrame:
    cepat = cocokkan_dengan_tc33(tidy41, tidy33)
    pdt.assert_frame_equal(cepat, _cocokkan_acuan(tidy41, tidy33), check_exact=True)
    return cepat


# ------------------------------------------------------------------------------------------------ tests


def test_beda_seperti_pandas():
    nilai = [None, np.nan, float("nan"), pd.NA, 1, 1.0, 2, np.int64(2), np.float64(3.0)]
    for a in nilai:
        kolom = pd.Series([v for v in nilai if v is not pd.NA], dtype=object)
        if a is pd.NA:
            continue
        harapan = (kolom != a).tolist()
        assert [_beda(v, a) for v in kolom] == harapan, a
        assert [_beda(a, v) for v in kolom] == harapan, a
    assert _beda(pd.NA, 1) and _beda(1, pd.NA)
    assert (pd.Series([1.0, np.nan, 3.0]) != 3).tolist() == [_beda(v, 3) for v in (1.0, np.nan, 3.0)]


@pytest.mark.parametrize("benih", range(6))
def test_cocokkan_sama_dengan_acuan_pada_masukan_acak(benih):
    rng = random.Random(benih)
    tc33 = _tc33(rng, rng.randint(3, 6))
    hasil = _sama_persis(_tc41(rng, tc33), tc33)
    assert len(hasil) > 0


@pytest.mark.parametrize("benih", range(3))
def test_kandidat_sekali_untuk_dua_tabel_sama_dengan_acuan(benih):
    """T-C.33's candidates made once serve both tables of a kecamatan (flows.langkah.rapikan._cocokkan: Tabel 4.1,
    then T-C.31's names): matching only reads them, each table's result is the reference's; ``kolom_cocok`` gives
    the match columns alone."""
    rng = random.Random(benih)
    tc33 = _tc33(rng, rng.randint(3, 6))
    siap = kandidat_tc33(tc33)
    pertama, kedua = _tc41(rng, tc33), _tc41(rng, tc33)
    for t41 in (pertama, kedua, pertama):
        harapan = _cocokkan_acuan(t41, tc33)
        pdt.assert_frame_equal(cocokkan_dengan_tc33(t41, siap), harapan, check_exact=True)
        polos = t41[["nama", "level", "indikator_ke"]]
        pdt.assert_frame_equal(kolom_cocok(polos, siap), _cocokkan_acuan(polos, tc33)[list(KOLOM_COCOK)],
                               check_exact=True)


def test_cocokkan_banyak_nama_kembar_dan_tanpa_program():
    """Few words: many equal and near-equal names, ties broken by the rank; half the items have no program."""
    rng = random.Random(99)
    tc33 = _tc33(rng, 5)
    tc33["nama"] = [" ".join(rng.choice(KATA[:4]) for _ in range(3)) for _ in range(len(tc33))]
    tc33.loc[tc33.index % 2 == 0, "urut_induk"] = pd.NA
    cepat = _sama_persis(_tc41(rng, tc33), tc33)
    assert set(cepat["cocok_dengan"].dropna()) <= {COCOK_NAMA, COCOK_MIRIP}


def _ganti(t: str, posisi) -> str:
    return "".join("q" if i in set(posisi) else h for i, h in enumerate(t))


def _tepi() -> tuple[str, str, str, str, str]:
    """A 179-letter name ``b`` (no 'q'); ``pas`` (its first letter deleted, 12 replaced by 'q': ratio 332/357 =
    0.92997, and so is the quick_ratio bound) rounds to exactly AMBANG_MIRIP; of ``seratus`` (its first 100
    letters) ``tujuh`` (7 replaced) is exactly 0.93 and ``kurang`` (8 replaced) 0.92."""
    rng = random.Random(5)
    b = "".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(179))
    seratus = b[:100]
    return (b, _ganti(b[1:], range(3, 178, 15)[:12]), seratus, _ganti(seratus, range(3, 100, 14)[:7]),
            _ganti(seratus, range(3, 100, 12)[:8]))


def test_ambang_tepat_dan_terdekat():
    b, pas, seratus, tujuh, kurang = _tepi()
    m = SequenceMatcher(None, pas, b)
    assert m.ratio() < AMBANG_MIRIP and round(m.ratio(), 4) == AMBANG_MIRIP == round(m.quick_ratio(), 4)
    assert round(SequenceMatcher(None, tujuh, seratus).ratio(), 4) == AMBANG_MIRIP
    assert round(SequenceMatcher(None, kurang, seratus).ratio(), 4) == 0.92
    tc33 = pd.DataFrame({
        "urut": [1, 2, 3, 4, 5, 6], "urut_induk": pd.array([None, 1, 2, 1, 4, 4], dtype="Int64"),
        "level": ["program", "kegiatan", "sub_kegiatan", "kegiatan", "sub_kegiatan", "sub_kegiatan"],
        "nama": ["prog satu", "keg satu", b, "keg dua", seratus, seratus],
        "kode": ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.2.2"], "indikator_ke": [1] * 6,
    }).astype({"level": object, "nama": object, "kode": object})
    t41 = pd.DataFrame({"nama": [pas, tujuh, kurang, "zzzz"], "level": ["sub_kegiatan"] * 4,
                        "indikator_ke": [1] * 4}).astype({"nama": object, "level": object})
    hasil = _sama_persis(t41, tc33)
    assert hasil["cocok_dengan"].tolist() == [COCOK_MIRIP, COCOK_MIRIP, None, None]
    assert hasil["skor"].tolist() == [AMBANG_MIRIP, AMBANG_MIRIP, 0.92, 0.0]
    assert hasil["urut_tc33"].tolist()[:2] == [3, 5]
    assert hasil["nama_tc33"].tolist()[2:] == [seratus, seratus]  # the nearest: the unused one (urut 6)
    # no candidate at the row's level at all: no nearest name either
    tanpa = _sama_persis(t41.assign(level="urusan"), tc33)
    assert tanpa["skor"].tolist() == [0.0] * 4 and tanpa["nama_tc33"].isna().all()


def test_terdekat_seri_diputus_oleh_urutan():
    """Equal ratios below the threshold: the nearest is the first in rank (in the program of the previous match),
    not simply the first in T-C.33."""
    tc33 = pd.DataFrame({
        "urut": [1, 2, 3, 4, 5, 6, 7], "urut_induk": pd.array([None, 1, 2, None, 4, 5, 5], dtype="Int64"),
        "level": ["program", "kegiatan", "sub_kegiatan", "program", "kegiatan", "sub_kegiatan", "sub_kegiatan"],
        "nama": ["p a", "k a", "alpha beta", "p b", "k b", "alpha gamm", "gamma"],
        "kode": list("abcdefg"), "indikator_ke": [1] * 7,
    }).astype({"level": object, "nama": object, "kode": object})
    t41 = pd.DataFrame({"nama": ["p b", "k b", "alpha zzzz", "k a", "alpha yyyy"],
                        "level": ["program", "kegiatan", "sub_kegiatan", "kegiatan", None],
                        "indikator_ke": [1] * 5}).astype({"nama": object, "level": object})
    hasil = _sama_persis(t41, tc33)
    assert hasil["cocok_dengan"].tolist() == [COCOK_NAMA, COCOK_NAMA, None, COCOK_NAMA, None]
    assert hasil["skor"].tolist()[2:] == [0.6, 1.0, 0.6]
    # both 0.6: urut 6 (program 'p b', the previous match's) before urut 3; then urut 3 (program 'p a')
    assert hasil["nama_tc33"].tolist()[2:] == ["alpha gamm", "k a", "alpha beta"]


def test_level_lain_menurut_urutan_tc33():
    """(3) an equal name at the other of kegiatan/sub-kegiatan: the first in T-C.33 order, not in rank order."""
    tc33 = pd.DataFrame({
        "urut": [1, 2, 3, 4, 5, 6], "urut_induk": pd.array([None, 1, 2, None, 4, 5], dtype="Int64"),
        "level": ["program", "kegiatan", "sub_kegiatan", "program", "kegiatan", "sub_kegiatan"],
        "nama": ["p a", "k a", "sama", "p b", "k b", "sama"], "kode": list("abcdef"), "indikator_ke": [1] * 6,
    }).astype({"level": object, "nama": object, "kode": object})
    t41 = pd.DataFrame({"nama": ["k b", "sama"], "level": ["kegiatan", "kegiatan"],
                        "indikator_ke": [1, 1]}).astype({"nama": object, "level": object})
    hasil = _sama_persis(t41, tc33)
    assert hasil["urut_tc33"].tolist() == [5, 3] and hasil["level_tc33"].tolist() == ["kegiatan", "sub_kegiatan"]


def test_awalan_nama_tepat_di_ambang():
    """A name that is the first 93 letters of a 107-letter one: real_quick_ratio = ratio = 186/200 = 0.93."""
    b = "".join(random.Random(8).choice("abcdefghijklmnoprstuvw") for _ in range(107))
    tc33 = pd.DataFrame({"urut": [1, 2], "urut_induk": pd.array([None, 1], dtype="Int64"),
                         "level": ["kegiatan", "sub_kegiatan"], "nama": ["k", b], "kode": ["a", "b"],
                         "indikator_ke": [1, 1]}).astype({"level": object, "nama": object, "kode": object})
    t41 = pd.DataFrame({"nama": [b[:93], b[:92]], "level": ["sub_kegiatan"] * 2,
                        "indikator_ke": [1, 1]}).astype({"nama": object, "level": object})
    hasil = _sama_persis(t41, tc33)
    assert hasil["cocok_dengan"].tolist() == [COCOK_MIRIP, None] and hasil["skor"].tolist()[0] == AMBANG_MIRIP


def _daftar_acak(rng: random.Random) -> pd.DataFrame:
    """A small list: programs, kegiatan (level digit 2 or 1), sub-kegiatan; names repeated across items and levels
    (a kegiatan's name on a sub-kegiatan elsewhere), and one kode listed twice, at two levels with one name (rows
    that tie on every key: list order decides)."""
    entri, kegiatan = [], []
    for p in range(1, 4):
        entri.append((f"7.01.{p:02d}", _nama(rng), "program"))
        for k in range(1, 4):
            digit = "2" if rng.random() < 0.8 else "1"
            kegiatan.append((f"7.01.{p:02d}.{digit}.{k:02d}", _nama(rng), "kegiatan"))
            entri.append(kegiatan[-1])
            for s in range(1, 5):
                x = rng.random()
                nama = rng.choice(entri)[1] if x < 0.15 else rng.choice(kegiatan)[1] if x < 0.3 else _nama(rng)
                entri.append((f"7.01.{p:02d}.{digit}.{k:02d}.{s:04d}", nama, "sub_kegiatan"))
    kode, nama, _ = kegiatan[1]
    entri.append((kode, nama, "sub_kegiatan"))
    entri = [("7", "Urusan", "urusan"), ("7.01", "Bidang", "bidang"), *entri]
    return pd.DataFrame(entri, columns=["kode", "nama", "level"])


def test_cari_kode_sama_dengan_acuan():
    rng = random.Random(3)
    daftar = _daftar_acak(rng)
    siap = siapkan_nomenklatur(daftar)
    semua_nama, semua_kode = daftar["nama"].tolist(), daftar["kode"].tolist()
    daftar_cepat = nomen_mod.DaftarSiap(siap)
    for _ in range(200):
        nama = rng.choice([_salah_ketik(rng, rng.choice(semua_nama)), rng.choice(semua_nama), rng.choice(semua_nama),
                           _nama(rng), "", None, "Program " + rng.choice(semua_nama)])
        level = rng.choice([None, None, "program", "kegiatan", "sub_kegiatan", "bidang"])
        dalam = rng.choice([None, "", "7", "7.01", "7.01.01", "7.01.02", "7.01.03.2.01", "9.9"])
        utamakan = rng.choice([None, "7.01.03", rng.choice(semua_kode), rng.choice(semua_kode)])
        boleh = rng.choice([None, ["kegiatan", "sub_kegiatan"], ["sub_kegiatan", "kegiatan"], ["program"], []])
        for jumlah in rng.sample([1, 2, 3, 8], 3):
            harapan = _cari_kode_acuan(nama, level, siap, dalam, utamakan=utamakan, jumlah=jumlah,
                                       level_boleh=boleh)
            assert cari_kode(nama, level, daftar, dalam, utamakan=utamakan, jumlah=jumlah,
                             level_boleh=boleh) == harapan
            # one prepared list answering many questions, as normalkan_tc33 uses it (answers remembered)
            for _ in range(2):
                assert nomen_mod._cari(nama, level, daftar_cepat, dalam, utamakan=utamakan, jumlah=jumlah,
                                       level_boleh=boleh) == harapan
