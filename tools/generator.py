"""Generator workbook Renja kecamatan yang realistis dan deterministik, untuk tes dan bench (`tools/bench.py`).

Setiap kecamatan berstruktur Renja Senduro 2024: keenam tabel dari contoh yang dikirim proyek
(`input/Renja-Senduro-2024.xlsx`, dibaca balik oleh `tools/buat_sampel.baca_tabel_sampel`; teks referensinya tidak
diperlukan), ditulis lewat mesin `tools/buat_sampel.py` (`susun_lembar`, `tulis_xlsx`, `tulis_csv`,
`konversi_xls_semua`), dengan:

- kecamatan nyata dari daftar wilayah resmi (Kepmendagri 300.2.2-2138/2025, `flows/data/wilayah.py`): `unit_kecamatan`
  mengambil N kecamatan berbeda dari banyak kabupaten/kota (atau dari satu kabupaten), namanya di judul, header,
  lokasi dan tanda tangan, nama kabupaten/kota resminya ('Kabupaten Lumajang', 'Kota Depok'), tahun pilihan, camat
  dan NIP lain;
- judul dan nama berkas seperti yang ditulis juru ketik (`GAYA_JUDUL`): judul lengkap, tanpa judul (T-C.33 ditempel
  tanpa baris judul, baris judul lain dan tanda tangan yang menyebut wilayah dibuang: wilayahnya hanya dari nama
  berkas, yang lalu memuat kabupatennya), disingkat ('Kec. Senduro', 'Kab. Lumajang'), huruf besar ('KEC SENDURO'),
  salah ketik satu huruf pada nama kecamatan (hanya bila nama itu tetap paling dekat dengan aslinya di antara
  kecamatan kabupaten yang sama); nama berkas dengan atau tanpa kabupaten. `calon_rencana` memberi apa yang pembaca
  akan temukan di berkas-berkas itu (judul, tanda tangan, nama sheet, nama berkas) tanpa menulisnya, untuk mengukur
  pengenalan wilayah atas banyak kecamatan;
- jumlah uang lain yang tetap menjumlah: setiap jumlah daun T-C.33 (aktivitas, sub-kegiatan tanpa rincian; pagu
  dan pagu n+1 masing-masing) diubah dengan faktor acak, lalu sub-kegiatan, kegiatan, program, bidang, urusan dan
  TOTAL PAGU dihitung ulang dari bawah; Tabel 4.1 dan Kebutuhan Dana T-C.31 mengikuti butir T-C.33 yang
  sepadan (jumlah sama dan nama mirip di referensi), selisih yang ada di referensi (salah ketik, pagu n+1) tetap ada,
  sehingga pemeriksaan lintas tabel sama tenangnya dengan contoh Senduro; Pagu Indikatif T-C.31 dikali satu faktor
  per kecamatan. Struktur pohon T-C.33 dibaca dengan `transforms.kode.normalize_kode` dan diuji terhadap jumlah
  di referensi (ValueError bila tidak menjumlah);
- campuran kekhasan tata letak (`Campuran`): nama sheet, sel awal bergeser (baris/kolom), sheet lain sebelum tabel,
  angka sebagai teks, dengan/tanpa header yang diulang di pindah halaman, satu workbook atau satu berkas per tabel,
  `.xlsx` / `.csv` (dialek `excel-id` dan `polos`) / sedikit `.xls` (LibreOffice, satu kali jalan untuk semua;
  dilewati — ditulis `.xlsx` — bila `soffice` tidak ada). Bagian setiap kekhasan dibagi dengan jatah tetap (bukan
  undian per kecamatan), jadi setiap kekhasan yang bagiannya > 0 muncul bila N cukup.

Pustaka: `buat(n, folder, seed=..., kabupaten=None, tahun=2024, campuran=CAMPURAN_BAWAAN) -> list[Path]`
(kabupaten None: kecamatan dari banyak kabupaten/kota; 'Lumajang': kecamatannya saja).
CLI: `.venv/bin/python tools/generator.py --jumlah 21 --keluar /tmp/x --seed 7 [--kabupaten Lumajang] [--polos]
[--tanpa-xls]`.
Benih sama → berkas `.xlsx` dan `.csv` sama persis byte demi byte.
"""
from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

if __package__ in (None, ""):  # dijalankan sebagai skrip: tools/generator.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz  # noqa: E402

from schemas.kode import PERINGKAT  # noqa: E402
from schemas.wilayah import KATA_UMUM  # noqa: E402
from tools.buat_sampel import (  # noqa: E402
    ANGKA_RIBUAN, DIALEK_CSV, PENANDA_TOTAL, SAMPEL_SEMUA, SHEET2, TABEL, TabelSampel, TeksTabel,
    baca_tabel_referensi, baris_header_ulang, buang_header_ulang, konversi_xls_semua, peran_kolom, soffice,
    susun_lembar, tulis_csv, tulis_xlsx,
)
from transforms.kode import normalize_kode  # noqa: E402
from transforms.wilayah import CalonWilayah  # noqa: E402

SUMBER = SAMPEL_SEMUA  # the tables every generated kecamatan is made from: the shipped sample
KECAMATAN_REFERENSI, KABUPATEN_REFERENSI, TAHUN_REFERENSI = "Senduro", "Lumajang", 2024
KODE_REFERENSI = "35.08.12"  # Senduro: never drawn (the sample's own)
CAMAT_REFERENSI, NIP_REFERENSI = "Drs. PUJANTO", "19681114 199003 1 004"

BENTUK = ("xlsx", "xlsx-per-tabel", "csv-excel-id", "csv-polos", "xls")


@dataclass(frozen=True)
class Campuran:
    """Bagian (0..1) kecamatan dengan setiap kekhasan; `bentuk`: bobot setiap bentuk berkas (kunci BENTUK).

    xlsx: satu workbook, satu sheet per tabel; xlsx-per-tabel: satu .xlsx per tabel; csv-excel-id / csv-polos: satu
    .csv per tabel dalam dialek itu; xls: satu workbook Excel 97-2003."""

    bentuk: Mapping[str, float]
    nama_sheet: float = 0.0  # nama sheet lain dari nama di Senduro
    geser: float = 0.0  # tabel tidak mulai di A1 (baris dan/atau kolom bergeser)
    sheet_lain: float = 0.0  # sheet sampul dan sheet coretan sebelum tabel (xlsx, xls)
    angka_teks: float = 0.0  # jumlah uang diketik sebagai teks "2.080.252.824" (xlsx, xls)
    tanpa_header_ulang: float = 0.0  # header tidak diulang di pindah halaman
    judul: Mapping[str, float] | None = None  # bobot setiap gaya judul (kunci GAYA_JUDUL); None: semua lengkap
    nama_kabupaten: float = 0.0  # nama berkas memuat kabupatennya (berkas tanpa judul: selalu)


GAYA_JUDUL = ("lengkap", "tanpa", "singkat", "besar", "salah-ketik")
CAMPURAN_BAWAAN = Campuran(
    bentuk={"xlsx": 0.55, "xlsx-per-tabel": 0.15, "csv-excel-id": 0.12, "csv-polos": 0.12, "xls": 0.06},
    nama_sheet=0.5, geser=0.4, sheet_lain=0.3, angka_teks=0.25, tanpa_header_ulang=0.25,
    judul={"lengkap": 0.4, "tanpa": 0.15, "singkat": 0.2, "besar": 0.15, "salah-ketik": 0.1}, nama_kabupaten=0.3,
)
POLOS = Campuran(bentuk={"xlsx": 1.0})  # seperti contoh Senduro: satu workbook .xlsx, tanpa kekhasan tambahan

# Nama sheet lain per tabel (kunci: nama sheet di Senduro); tiap daftar berbeda, jadi unik dalam satu workbook.
NAMA_SHEET = {
    "TC 29": ("T-C.29", "TC.29", "tc29", "Evaluasi Renja", "Tabel 2.1", "Lamp T-C 29"),
    "TC.30": ("T-C.30", "TC 30", "tc30", "Kinerja Pelayanan", "Tabel 2.2"),
    "TC 3.1": ("T-C.31", "TC.31", "tc 31", "Review Ranwal RKPD", "Tabel 2.5"),
    "T-C.32": ("TC 32", "TC.32", "tc32", "Usulan Pemangku", "Tabel 2.6"),
    "TC.33": ("T-C.33", "TC 33", "tc33", "Rencana Program", "Renja Final"),
    "Tabel 4.1": ("TABEL 4.1", "Tab 4.1", "Bab IV", "Pendanaan", "tabel4.1"),
}
KODE_BERKAS = {"TC 29": "TC-29", "TC.30": "TC-30", "TC 3.1": "TC-31", "T-C.32": "TC-32", "TC.33": "TC-33",
               "Tabel 4.1": "Tabel-4.1"}

NAMA_DEPAN = ("Agus", "Bambang", "Sutrisno", "Hariyanto", "Eko", "Wahyu", "Dwi", "Sri", "Yuli", "Rina", "Budi",
              "Slamet", "Joko", "Heru", "Imam", "Nur", "Ahmad", "Mochamad", "Didik", "Edi", "Hadi", "Sugeng", "Tri",
              "Endang", "Wiwik", "Rudi", "Teguh", "Yusuf", "Arief", "Dedy")
NAMA_BELAKANG = ("Santoso", "Prasetyo", "Wibowo", "Hidayat", "Setiawan", "Kurniawan", "Susanto", "Purnomo", "Widodo",
                 "Rahayu", "Lestari", "Handayani", "Suprapto", "Hermawan", "Syaifullah", "Wahyudi", "Sulistyo",
                 "Firmansyah", "Hartono", "Utomo")
GELAR = (("Drs. ", ""), ("", ", S.Sos."), ("", ", S.STP, M.Si."), ("Drs. ", ", M.M."), ("", ", S.H., M.H."),
         ("", ", S.IP"))


class Unit(NamedTuple):
    """Satu kecamatan nyata dari daftar wilayah resmi."""

    kode: str  # kode wilayah kecamatan, '35.08.04'
    nama: str  # 'Pasirian'
    kode_kabupaten: str  # '35.08'
    kabupaten: str  # nama pendek: 'Lumajang', 'Depok'
    kabupaten_resmi: str  # 'Kabupaten Lumajang', 'Kota Depok'


class Rencana(NamedTuple):
    """Satu kecamatan yang akan ditulis: nama dan kekhasannya (semua dari benih)."""

    nama: str
    bentuk: str  # salah satu BENTUK
    nama_sheet: dict[str, str]  # nama sheet Senduro -> nama sheet di berkas ini
    awal: dict[str, tuple[int, int]]  # nama sheet Senduro -> (baris_awal, kolom_awal), 1-based
    sheet_lain: bool
    angka_teks: bool
    header_ulang: bool
    nama_berkas: int  # gaya nama berkas (indeks pola)
    unit: Unit | None = None
    judul: str = "lengkap"  # salah satu GAYA_JUDUL
    dengan_kabupaten: bool = False  # nama berkas memuat kabupaten
    salah_ketik: str | None = None  # nama kecamatan salah ketik di judul (gaya 'salah-ketik')


# --- kecamatan nyata -------------------------------------------------------------------------------------------

_NAMA_POLOS = re.compile(r"[A-Z][A-Za-z]*(?:[ '-][A-Za-z]+)*")


@lru_cache(maxsize=1)
def daftar_unit() -> tuple[Unit, ...]:
    """Setiap kecamatan daftar wilayah resmi yang namanya bisa jadi nama berkas (huruf, spasi, '-' dan "'"; tanpa
    '/', kurung atau angka), kecuali Senduro (contoh yang dikirim), urut kode."""
    from flows.data.wilayah import daftar_wilayah

    d = daftar_wilayah()
    kab = {r["kode"]: r["nama"] for r in d.to_dict("records") if r["tingkat"] in ("kabupaten", "kota")}
    hasil = []
    for r in d[d["tingkat"] == "kecamatan"].to_dict("records"):
        resmi = kab[r["kode_induk"]]
        pendek = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", resmi)
        if r["kode"] != KODE_REFERENSI and _NAMA_POLOS.fullmatch(r["nama"]) and _NAMA_POLOS.fullmatch(pendek):
            hasil.append(Unit(r["kode"], r["nama"], r["kode_induk"], pendek, resmi))
    return tuple(sorted(hasil))


def unit_kecamatan(n: int, seed: int = 0, kabupaten: str | None = None) -> list[Unit]:
    """`n` kecamatan nyata berbeda, urutannya dari benih: dari seluruh Indonesia (banyak kabupaten/kota), atau dari
    `kabupaten` saja (nama pendek atau resmi); ValueError bila persediaannya kurang."""
    semua = list(daftar_unit())
    if kabupaten is not None:
        kunci = kabupaten.strip().lower()
        semua = [u for u in semua if kunci in (u.kabupaten.lower(), u.kabupaten_resmi.lower())]
    if n > len(semua):
        raise ValueError(f"Paling banyak {len(semua)} kecamatan berbeda"
                         f"{' di ' + kabupaten if kabupaten else ''}; diminta {n}")
    random.Random(f"{seed}:unit:{kabupaten or ''}").shuffle(semua)
    return semua[:n]


def nama_kecamatan(n: int, seed: int = 0, kabupaten: str | None = None) -> list[str]:
    """Nama `n` kecamatan nyata berbeda (`unit_kecamatan`)."""
    return [u.nama for u in unit_kecamatan(n, seed, kabupaten)]


def salah_ketik(unit: Unit, rng: random.Random) -> str | None:
    """Nama kecamatan dengan satu huruf vokal diganti (Senduro → Sendoro), seperti salah ketik juru ketik; hanya bila
    nama itu ≥ 7 huruf, tidak sama dengan kecamatan lain kabupatennya, dan tetap jelas paling mirip dengan aslinya
    (selisih kemiripan ≥ 0,1 dengan saudaranya); None bila tidak ada yang aman."""
    nama = unit.nama
    if len(nama.replace(" ", "")) < 7:
        return None
    saudara = [u.nama.lower() for u in daftar_unit() if u.kode_kabupaten == unit.kode_kabupaten and u != unit]
    posisi = [i for i, c in enumerate(nama) if i > 0 and c.lower() in "aiueo"]
    rng.shuffle(posisi)
    for i in posisi:
        ganti = next(v for v in "ouaei" if v != nama[i].lower())
        calon = nama[:i] + ganti + nama[i + 1:]
        asli = fuzz.ratio(calon.lower(), nama.lower())
        if calon.lower() in saudara or any(fuzz.ratio(calon.lower(), s) > asli - 10 for s in saudara):
            continue
        return calon
    return None


def _camat(rng: random.Random, tahun: int) -> tuple[str, str]:
    """Nama camat bergelar (huruf besar, seperti di referensi) dan NIP 18 digit: lahir, TMT CPNS, jenis, urut."""
    depan, belakang = rng.choice(GELAR)
    nama = f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}".upper()
    lahir = date(rng.randint(1966, 1984), rng.randint(1, 12), rng.randint(1, 28))
    tmt = (lahir.year + rng.randint(22, 30), rng.randint(1, 12))
    nip = f"{lahir:%Y%m%d} {tmt[0]}{tmt[1]:02d} {rng.choice((1, 2))} {rng.randint(1, 12):03d}"
    return f"{depan}{nama}{belakang}", nip


# --- struktur referensi (sekali per teks referensi) ------------------------------------------------------------


class Simpul(NamedTuple):
    """Baris T-C.33 yang ikut dijumlah: butir berkode, aktivitas, atau TOTAL PAGU."""

    baris: int  # indeks dalam TeksTabel.baris
    level: str  # urusan … sub_kegiatan, aktivitas, total
    nama: str
    asli: tuple[int | None, int | None]  # pagu, pagu n+1 di referensi (None: tidak berisi angka)
    anak: tuple[int, ...]  # indeks simpul anak


class Rujukan(NamedTuple):
    """Sel jumlah di Tabel 4.1 atau T-C.31 yang mengikuti sebuah simpul T-C.33."""

    baris: int
    kolom: int
    simpul: int
    kolom_tc33: int  # 0 pagu, 1 pagu n+1
    selisih: int  # jumlah di sel ini dikurangi jumlah simpul di referensi (0 bila sama)


@dataclass
class Struktur:
    isi: dict[str, TeksTabel]  # per nama sheet Senduro
    simpul: list[Simpul]
    urutan: list[int]  # simpul dari bawah ke atas (anak sebelum induk)
    kolom_dana: tuple[int, int]  # kolom pagu dan pagu n+1 T-C.33
    rujukan: dict[str, list[Rujukan]]  # per nama sheet: Tabel 4.1, TC 3.1
    pagu_rkpd: list[tuple[int, int, int]]  # (baris, kolom, nilai) Pagu Indikatif T-C.31
    tak_cocok: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, baris, teks) tanpa pasangan


def _angka(teks: str) -> int | None:
    """Jumlah uang seperti diketik: ribuan bertitik, angka polos atau '-' (nol); lainnya None."""
    t = teks.strip()
    if t == "-":
        return 0
    return int(t.replace(".", "")) if ANGKA_RIBUAN.fullmatch(t) else None


def _angka_longgar(teks: str) -> int | None:
    """Seperti _angka, juga pemisah ribuan campur ('10.000,000', '3,375.000')."""
    t = teks.strip()
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", t):
        return int(re.sub(r"[.,]", "", t))
    return _angka(t)


def format_seperti(nilai: int, contoh: str) -> str:
    """`nilai` ditulis seperti `contoh`: '-' untuk nol bila contohnya '-', pemisah ribuan contoh (dari kanan)."""
    if nilai == 0 and contoh.strip() == "-":
        return "-"
    kelompok = f"{nilai:,}".split(",")
    pemisah = re.findall(r"[.,]", contoh)[::-1]
    pemisah += ["."] * (len(kelompok) - 1 - len(pemisah))
    teks = kelompok[-1]
    for i, k in enumerate(reversed(kelompok[:-1])):
        teks = k + pemisah[i] + teks
    return teks


def _lipat(teks: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", teks.lower()).split())


def _mirip(a: str, b: str) -> float:
    """Kemiripan nama terlipat: rasio difflib, atau blok bersama terpanjang dibanding nama yang lebih pendek."""
    a, b = _lipat(a), _lipat(b)
    if not a or not b:
        return 0.0
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blok = m.find_longest_match(0, len(a), 0, len(b)).size
    return max(m.ratio(), 0.95 * blok / min(len(a), len(b)))


def _kolom(isi: TeksTabel, *kata: str) -> int:
    """Kolom pertama yang teks header-nya (baris mana pun) memuat salah satu `kata` (huruf kecil)."""
    for k in range(len(isi.header[0])):
        if any(w in b[k].lower() for b in isi.header[:-1] for w in kata):
            return k
    raise ValueError(f"Kolom {kata} tidak ada di header")


def _kolom_dana(isi: TeksTabel) -> list[int]:
    return [k for k, p in enumerate(peran_kolom(isi.header[:-1])) if p == "dana"]


def _pohon_tc33(isi: TeksTabel) -> tuple[list[Simpul], tuple[int, int]]:
    """Simpul T-C.33 dengan anaknya: level dari kode (normalize_kode, konteks butir sebelumnya; kegiatan beraktivitas
    = sub-kegiatan), induk = butir terbuka terdekat yang levelnya lebih tinggi, aktivitas di bawah butir terakhir,
    TOTAL PAGU di atas semua program."""
    k_kode, k_nama, k_akt = _kolom(isi, "kode"), _kolom(isi, "urusan/bidang"), _kolom(isi, "aktivitas")
    dana = tuple(_kolom_dana(isi)[:2])
    ulang = baris_header_ulang(isi)
    simpul: list[dict] = []
    terbuka: list[int] = []
    sekarang = konteks = None
    for i, b in enumerate(isi.baris):
        if not b or i in ulang:
            continue
        asli = tuple(_angka(b[k]) for k in dana)
        if PENANDA_TOTAL in (s.strip() for s in b):
            anak = [j for j, s in enumerate(simpul) if s["level"] == "program"]
            simpul.append({"baris": i, "level": "total", "nama": PENANDA_TOTAL, "asli": asli, "anak": anak})
            continue
        kode = b[k_kode].strip()
        if kode:
            hasil = normalize_kode(kode, konteks)
            konteks, level = hasil.kode, hasil.level
            if level == "kegiatan" and b[k_akt].strip():
                level = "sub_kegiatan"
            if level is None:
                sekarang = None
                continue
            terbuka = [j for j in terbuka if PERINGKAT[simpul[j]["level"]] < PERINGKAT[level]]
            if terbuka:
                simpul[terbuka[-1]]["anak"].append(len(simpul))
            terbuka.append(len(simpul))
            sekarang = len(simpul)
            simpul.append({"baris": i, "level": level, "nama": b[k_nama].strip(), "asli": asli, "anak": []})
        elif b[k_akt].strip() and sekarang is not None:
            simpul[sekarang]["anak"].append(len(simpul))
            simpul.append({"baris": i, "level": "aktivitas", "nama": b[k_akt].strip(), "asli": asli, "anak": []})
    hasil = [Simpul(s["baris"], s["level"], s["nama"], s["asli"], tuple(s["anak"])) for s in simpul]
    _periksa_pohon(hasil)
    return hasil, dana


def _periksa_pohon(simpul: list[Simpul]) -> None:
    """Setiap induk = jumlah anaknya (pagu dan pagu n+1) di referensi; ValueError bila tidak (struktur salah baca)."""
    for s in simpul:
        for f in (0, 1):
            anak = [simpul[j].asli[f] for j in s.anak if simpul[j].asli[f] is not None]
            if anak and (s.asli[f] or 0) != sum(anak):
                raise ValueError(f"T-C.33 referensi baris ke-{s.baris + 1} '{s.nama}': {s.asli[f]} ≠ jumlah anak "
                                 f"{sum(anak)}; struktur tidak terbaca")


def _urutan_bawah_ke_atas(simpul: list[Simpul]) -> list[int]:
    anak = {j for s in simpul for j in s.anak}
    urutan: list[int] = []

    def kunjungi(i: int) -> None:
        for j in simpul[i].anak:
            kunjungi(j)
        urutan.append(i)

    for i, s in enumerate(simpul):
        if i not in anak and s.level != "total":
            kunjungi(i)
    urutan.extend(i for i, s in enumerate(simpul) if s.level == "total")
    return urutan


def _rujukan(isi: TeksTabel, sheet: str, simpul: list[Simpul], kolom_nama: Sequence[int], kolom_dana: int,
             tak_cocok: list) -> list[Rujukan]:
    """Pasangkan setiap sel jumlah sebuah tabel dengan simpul T-C.33: jumlah sama (pagu atau pagu n+1) dan nama
    paling mirip (≥ 0.5); tanpa jumlah sama, nama hampir sama (≥ 0.9) dengan selisihnya; TOTAL PAGU ke total."""
    ulang = baris_header_ulang(isi)
    butir = [(i, s) for i, s in enumerate(simpul) if s.level != "aktivitas"]
    hasil = []
    for i, b in enumerate(isi.baris):
        if not b or i in ulang:
            continue
        nilai = _angka_longgar(b[kolom_dana])
        if nilai is None:
            continue
        if PENANDA_TOTAL in (s.strip() for s in b):
            j = next(j for j, s in butir if s.level == "total")
            hasil.append(Rujukan(i, kolom_dana, j, 0, nilai - (simpul[j].asli[0] or 0)))
            continue
        nama = next((b[k].strip() for k in kolom_nama if b[k].strip() and b[k].strip() != "N/A"), "")
        sama = [(_mirip(nama, s.nama), j, f) for j, s in butir for f in (0, 1) if s.asli[f] == nilai]
        terbaik = max(sama, key=lambda x: x[0], default=None)
        if terbaik and terbaik[0] >= 0.5:
            hasil.append(Rujukan(i, kolom_dana, terbaik[1], terbaik[2], 0))
            continue
        mirip = max(((_mirip(nama, s.nama), j) for j, s in butir), default=(0.0, None))
        if mirip[0] >= 0.9 and simpul[mirip[1]].asli[0] is not None:
            hasil.append(Rujukan(i, kolom_dana, mirip[1], 0, nilai - simpul[mirip[1]].asli[0]))
            continue
        tak_cocok.append((sheet, i, b[kolom_dana]))
    return hasil


@lru_cache(maxsize=4)
def struktur(sumber: Path = SUMBER) -> Struktur:
    """Tabel referensi, pohon jumlah T-C.33 dan pasangan sel Tabel 4.1/T-C.31, dibaca sekali per sumber (contoh
    yang dikirim, atau teks referensi)."""
    isi = {t.sheet: baca_tabel_referensi(t, sumber) for t in TABEL}
    simpul, dana = _pohon_tc33(isi["TC.33"])
    tak_cocok: list = []
    t41, t31 = isi["Tabel 4.1"], isi["TC 3.1"]
    rujukan = {
        "Tabel 4.1": _rujukan(t41, "Tabel 4.1", simpul, (_kolom(t41, "program"), _kolom(t41, "kegiatan/")),
                              _kolom_dana(t41)[0], tak_cocok),
        "TC 3.1": _rujukan(t31, "TC 3.1", simpul, (_kolom(t31, "program/"), _kolom(t31, "program kegiatan")),
                           _kolom_dana(t31)[1], tak_cocok),
    }
    k_rkpd = _kolom_dana(t31)[0]
    ulang = baris_header_ulang(t31)
    pagu_rkpd = [(i, k_rkpd, v) for i, b in enumerate(t31.baris)
                 if b and i not in ulang and (v := _angka(b[k_rkpd])) is not None]
    return Struktur(isi, simpul, _urutan_bawah_ke_atas(simpul), dana, rujukan, pagu_rkpd, tak_cocok)


# --- isi satu kecamatan ------------------------------------------------------------------------------------------


def _ubah(nilai: int, rng: random.Random) -> int:
    """Jumlah daun baru: faktor 0,55..1,6, dibulatkan sehalus jumlah aslinya (ribuan, ratusan, lima puluhan)."""
    if nilai == 0:
        return 0
    halus = next(k for k in (1000, 100, 50, 1) if nilai % k == 0)
    return max(halus, round(nilai * rng.uniform(0.55, 1.6) / halus) * halus)


def jumlah_baru(st: Struktur, rng: random.Random) -> list[list[int | None]]:
    """Pagu dan pagu n+1 baru setiap simpul: daun diubah, induk dan total = jumlah anaknya."""
    baru: list[list[int | None]] = [[None, None] for _ in st.simpul]
    for f in (0, 1):
        for i in st.urutan:
            s = st.simpul[i]
            anak = [baru[j][f] for j in s.anak if baru[j][f] is not None]
            if anak:
                baru[i][f] = sum(anak)
            elif s.asli[f] is not None:
                baru[i][f] = _ubah(s.asli[f], rng) if s.level != "total" else 0
    return baru


def _ganti_teks(teks: str, ganti: list[tuple[re.Pattern, object]]) -> str:
    for pola, dengan in ganti:
        teks = pola.sub(dengan, teks)
    return teks


def _seperti_huruf(nama: str):
    """Pengganti regex yang mengikuti huruf besar/kecil temuan: SENDURO → NAMA, Senduro → Nama, senduro → nama."""
    def ganti(m: re.Match) -> str:
        s = m.group(0)
        return nama.upper() if s.isupper() else nama.lower() if s.islower() else nama
    return ganti


def isi_kecamatan(nama: str, *, kabupaten: str = KABUPATEN_REFERENSI, tahun: int = TAHUN_REFERENSI,
                  rng: random.Random | None = None, sumber: Path = SUMBER,
                  kabupaten_resmi: str | None = None) -> dict[str, TeksTabel]:
    """Keenam tabel sebuah kecamatan (per nama sheet Senduro): nama, kabupaten, tahun, camat dan jumlah uang baru.

    kabupaten_resmi: 'Kota Depok' menggantikan 'Kabupaten Lumajang' (bawaan: 'Kabupaten <kabupaten>').
    rng None: jumlah uang dan camat seperti referensi (dengan nama Senduro, Lumajang, 2024: referensi persis)."""
    st = struktur(Path(sumber))
    baris = {k: [list(b) for b in v.baris] for k, v in st.isi.items()}
    if rng is not None:
        baru = jumlah_baru(st, rng)
        t33 = baris["TC.33"]
        for s, nilai in zip(st.simpul, baru):
            for f, k in enumerate(st.kolom_dana):
                if nilai[f] is not None:
                    t33[s.baris][k] = format_seperti(nilai[f], t33[s.baris][k])
        for sheet, daftar in st.rujukan.items():
            for r in daftar:
                nilai = baru[r.simpul][r.kolom_tc33] + r.selisih
                sel = baris[sheet][r.baris][r.kolom]
                baris[sheet][r.baris][r.kolom] = format_seperti(nilai, sel) if nilai >= 0 else sel
        faktor = rng.uniform(0.7, 1.4)  # satu faktor: pagu indikatif yang sama tetap sama
        for i, k, v in st.pagu_rkpd:
            baris["TC 3.1"][i][k] = format_seperti(round(v * faktor / 1000) * 1000, baris["TC 3.1"][i][k])
    ganti = [(re.compile(rf"Kabupaten\s+{KABUPATEN_REFERENSI}", re.I),
              _seperti_huruf(kabupaten_resmi or f"Kabupaten {kabupaten}")),
             (re.compile(KABUPATEN_REFERENSI, re.I), _seperti_huruf(kabupaten)),  # the kabupaten before the kecamatan:
             (re.compile(KECAMATAN_REFERENSI, re.I), _seperti_huruf(nama))]  # a kecamatan may be named Lumajang
    if tahun != TAHUN_REFERENSI:
        ganti.append((re.compile(r"(?<!\d)20[0-4]\d(?!\d)"), lambda m: str(int(m.group(0)) + tahun - TAHUN_REFERENSI)))
    if rng is not None:
        camat, nip = _camat(rng, tahun)
        ganti += [(re.compile(re.escape(CAMAT_REFERENSI)), lambda m: camat),
                  (re.compile(re.escape(NIP_REFERENSI)), lambda m: nip)]
    hasil = {}
    for k, isi in st.isi.items():
        hasil[k] = TeksTabel(
            judul=[_ganti_teks(s, ganti) for s in isi.judul],
            header=[[_ganti_teks(s, ganti) for s in b] for b in isi.header],
            baris=[[_ganti_teks(s, ganti) for s in b] for b in baris[k]],
            tanda_tangan=[_ganti_teks(s, ganti) for s in isi.tanda_tangan],
        )
    return hasil


# --- rencana dan penulisan ---------------------------------------------------------------------------------------


def _jatah(n: int, bagian: float, rng: random.Random) -> list[bool]:
    """`n` tanda dengan tepat round(bagian·n) yang benar (paling sedikit satu bila bagian > 0 dan n ≥ 2, paling
    sedikit satu salah bila bagian < 1 dan n ≥ 2), urutannya diacak."""
    k = round(bagian * n)
    if n >= 2:
        k = max(k, 1) if bagian > 0 else k
        k = min(k, n - 1) if bagian < 1 else k
    tanda = [True] * k + [False] * (n - k)
    rng.shuffle(tanda)
    return tanda


def _jatah_bentuk(n: int, bobot: Mapping[str, float], rng: random.Random) -> list[str]:
    """Bentuk berkas per kecamatan: bagian menurut bobot (sisa terbesar), setiap bentuk berbobot paling sedikit
    satu bila n cukup, urutannya diacak."""
    return _jatah_pilihan(n, bobot, BENTUK, rng, "Bentuk berkas")


def _jatah_pilihan(n: int, bobot: Mapping[str, float], pilihan: Sequence[str], rng: random.Random,
                   apa: str) -> list[str]:
    tidak_dikenal = set(bobot) - set(pilihan)
    if tidak_dikenal:
        raise ValueError(f"{apa} tidak dikenal: {sorted(tidak_dikenal)}; pilih dari {tuple(pilihan)}")
    aktif = [b for b in pilihan if bobot.get(b, 0) > 0]
    if not aktif:
        raise ValueError(f"Campuran tanpa {apa.lower()} berbobot")
    total = sum(bobot[b] for b in aktif)
    tepat = {b: n * bobot[b] / total for b in aktif}
    jumlah = {b: int(tepat[b]) for b in aktif}
    for b in sorted(aktif, key=lambda b: (jumlah[b] - tepat[b], pilihan.index(b)))[: n - sum(jumlah.values())]:
        jumlah[b] += 1
    if n >= len(aktif):
        for b in aktif:
            while jumlah[b] == 0:
                terbanyak = max(aktif, key=lambda x: jumlah[x])
                jumlah[terbanyak] -= 1
                jumlah[b] += 1
    daftar = [b for b in aktif for _ in range(jumlah[b])]
    rng.shuffle(daftar)
    return daftar


def rencanakan(n: int, seed: int = 0, campuran: Campuran = CAMPURAN_BAWAAN, xls: bool = True,
               kabupaten: str | None = None) -> list[Rencana]:
    """Rencana `n` kecamatan dari benih (`unit_kecamatan`: dari banyak kabupaten, atau dari `kabupaten`). xls False:
    kecamatan berbentuk xls ditulis sebagai xlsx."""
    rng = random.Random(f"{seed}:campuran:{n}")
    unit = unit_kecamatan(n, seed, kabupaten)
    bentuk = _jatah_bentuk(n, campuran.bentuk, rng)
    tanda = {k: _jatah(n, getattr(campuran, k), rng)
             for k in ("nama_sheet", "geser", "sheet_lain", "angka_teks", "tanpa_header_ulang", "nama_kabupaten")}
    judul = (_jatah_pilihan(n, campuran.judul, GAYA_JUDUL, rng, "Gaya judul") if campuran.judul
             else ["lengkap"] * n)
    rencana = []
    for i in range(n):
        r = random.Random(f"{seed}:tata:{n}:{i}")
        sheet = {t.sheet: (r.choice(NAMA_SHEET[t.sheet]) if tanda["nama_sheet"][i] else t.sheet) for t in TABEL}
        awal = {t.sheet: ((r.randint(1, 6), r.randint(1, 4)) if tanda["geser"][i] else (1, 1)) for t in TABEL}
        if tanda["geser"][i] and all(a == (1, 1) for a in awal.values()):
            awal["TC.33"] = (3, 2)
        gaya = judul[i]
        ketik = salah_ketik(unit[i], random.Random(f"{seed}:ketik:{unit[i].kode}")) if gaya == "salah-ketik" else None
        gaya = "lengkap" if gaya == "salah-ketik" and ketik is None else gaya
        rencana.append(Rencana(unit[i].nama, bentuk[i] if xls or bentuk[i] != "xls" else "xlsx", sheet, awal,
                               tanda["sheet_lain"][i], tanda["angka_teks"][i], not tanda["tanpa_header_ulang"][i],
                               r.randrange(3), unit[i], gaya, tanda["nama_kabupaten"][i] or gaya == "tanpa", ketik))
    return rencana


# --- judul seperti juru ketik -----------------------------------------------------------------------------------

_MENYEBUT_WILAYAH = re.compile(r"\b(kecamatan|kabupaten|kota|camat)\b", re.I)


def gaya_judul(r: Rencana, isi: Mapping[str, TeksTabel]) -> dict[str, TeksTabel]:
    """Judul dan tanda tangan keenam tabel seperti `r.judul`: lengkap (apa adanya); tanpa (T-C.33 tanpa baris judul
    — ditempel seperti banyak juru ketik — dan tanpa tanda tangan; tabel lain tanpa baris judul yang menyebut
    wilayah); singkat ('Kec. Senduro', 'Kab. Lumajang'); besar ('KEC SENDURO', 'KAB LUMAJANG'); salah-ketik (nama
    kecamatan di judul diganti `r.salah_ketik`)."""
    if r.judul == "lengkap":
        return dict(isi)
    hasil = {}
    for k, t in isi.items():
        if r.judul == "tanpa":
            judul = [] if k == "TC.33" else [j for j in t.judul if not _MENYEBUT_WILAYAH.search(j)]
            hasil[k] = t._replace(judul=judul, tanda_tangan=[])
            continue
        hasil[k] = t._replace(judul=[_judul_satu(r, j) for j in t.judul])
    return hasil


def _judul_satu(r: Rencana, teks: str) -> str:
    if r.judul == "singkat":
        return re.sub(r"\b(kecamatan|kabupaten)\b", lambda m: _seperti_huruf(
            "Kec." if m.group(1).lower() == "kecamatan" else "Kab.")(m), teks, flags=re.I)
    if r.judul == "besar":
        return re.sub(r"\b(KECAMATAN|KABUPATEN)\b", lambda m: m.group(1)[:3], teks.upper())
    if r.judul == "salah-ketik" and r.salah_ketik:
        return re.sub(re.escape(r.nama), _seperti_huruf(r.salah_ketik), teks, flags=re.I)
    return teks


def _bertanda(r: Rencana) -> bool:
    """A file name that names its kecamatan and kabupaten with 'Kec'/'Kab' (a name whose words are ordinary words
    of file names — 'Kota Baru' — or a kabupaten named like a kecamatan would not be read without them)."""
    kec = re.findall(r"[a-z]+", r.nama.lower())
    kab = re.findall(r"[a-z]+", r.unit.kabupaten.lower()) if r.unit else []
    sama = kec == kab  # Kecamatan Batang, Kabupaten Batang
    return r.nama_berkas == 1 or sama or any(w in KATA_UMUM for w in kec + kab) or _nama_melintas(kec, kab)


@lru_cache(maxsize=1)
def _semua_nama() -> frozenset[str]:
    from flows.data.wilayah import daftar_wilayah

    d = daftar_wilayah()
    return frozenset(" ".join(re.findall(r"[a-z]+", re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", n).lower()))
                     for n in d["nama"])


def _nama_melintas(kec: list[str], kab: list[str]) -> bool:
    """Words of the kecamatan and the kabupaten side by side that read as another name ('Kabila' 'Bone Bolango':
    Kabila Bone is a kecamatan too)."""
    kata = kec + kab
    return any(" ".join(kata[i:j]) in _semua_nama() for i in range(len(kec)) for j in range(len(kec) + 1,
                                                                                          len(kata) + 1))


def _kota(r: Rencana) -> bool:
    return r.unit is not None and r.unit.kabupaten_resmi.startswith("Kota ")


def _nama_kab(r: Rencana) -> str:
    """The kabupaten in a file name: its short name ('Lumajang'), a kota with the word ('Kota Depok')."""
    return (r.unit.kabupaten_resmi if _kota(r) else r.unit.kabupaten) if r.unit else ""


def _umum(r: Rencana) -> bool:
    """A kecamatan whose name has a word file names use for other things ('Pagu', 'Kota Baru'): written after 'Kec'."""
    return any(w in KATA_UMUM for w in re.findall(r"[a-z]+", r.nama.lower()))


def _nama_workbook(r: Rencana, tahun: int) -> str:
    if r.nama_berkas != 1 and _umum(r) and not r.dengan_kabupaten:
        return f"RENJA KEC {r.nama.upper()} {tahun}"
    if r.dengan_kabupaten and r.unit is not None:
        kab = _nama_kab(r)
        if _bertanda(r):
            kab_tanda = kab if _kota(r) else f"KAB {kab}"
            return f"RENJA KEC {r.nama.upper()} {kab_tanda.upper()} {tahun}"
        pola = (f"Renja-{r.nama}-{kab}-{tahun}", "", f"renja_{r.nama.lower()}_{kab.lower()}_{tahun}")
        return pola[r.nama_berkas]
    pola = (f"Renja-{r.nama}-{tahun}", f"RENJA KEC {r.nama.upper()} {tahun}", f"renja_{r.nama.lower()}_{tahun}")
    return pola[r.nama_berkas]


def _nama_per_tabel(r: Rencana, t: TabelSampel) -> str:
    kode = KODE_BERKAS[t.sheet]
    if _umum(r) and not r.dengan_kabupaten:
        return f"{kode} Kec {r.nama}"
    if r.dengan_kabupaten and r.unit is not None:
        kab = _nama_kab(r)
        if _bertanda(r):
            return f"{kode} Kec {r.nama} {kab if _kota(r) else 'Kab ' + kab}"
        pola = (f"{r.nama}-{kab}-{kode}", "", f"{r.nama.lower()}_{kab.lower()}_{kode.lower().replace('-', '')}")
        return pola[r.nama_berkas]
    pola = (f"{r.nama}-{kode}", f"{kode} {r.nama}", f"{r.nama.lower()}_{kode.lower().replace('-', '')}")
    return pola[r.nama_berkas]


def _sheet_lain(r: Rencana, tahun: int) -> list[tuple[str, list[list]]]:
    if not r.sheet_lain:
        return []
    sampul = ("Sampul", [["RENCANA KERJA (RENJA)"], [f"KECAMATAN {r.nama.upper()}"], [f"TAHUN {tahun}"]])
    return [sampul, SHEET2]


def tulis_kecamatan(r: Rencana, isi: Mapping[str, TeksTabel], folder: Path, *, tahun: int = TAHUN_REFERENSI,
                    antrean_xls: list[tuple[Path, Path]] | None = None) -> list[Path]:
    """Tulis tabel satu kecamatan menurut rencananya; bentuk xls: xlsx ditulis di samping dan dicatat di
    `antrean_xls` (xlsx, tujuan .xls) untuk dikonversi sekaligus. Mengembalikan berkas yang (akan) ada."""
    lembar = {}
    isi = gaya_judul(r, isi)
    for t in TABEL:
        teks = isi[t.sheet] if r.header_ulang else buang_header_ulang(isi[t.sheet])
        baris_awal, kolom_awal = r.awal[t.sheet]
        lembar[t.sheet] = susun_lembar(teks, baris_awal=baris_awal, kolom_awal=kolom_awal,
                                       angka_sebagai_teks=r.angka_teks and not r.bentuk.startswith("csv"),
                                       lebar=t.lebar)
    judul = f"Renja Kecamatan {r.nama} {tahun}"
    lain = _sheet_lain(r, tahun)
    if r.bentuk in ("xlsx", "xls"):
        isi_wb = [(r.nama_sheet[t.sheet], lembar[t.sheet]) for t in TABEL]
        stem = _nama_workbook(r, tahun)
        if r.bentuk == "xlsx":
            return [tulis_xlsx(folder / f"{stem}.xlsx", isi_wb, judul=judul, sheet_lain=lain)]
        if antrean_xls is None:
            raise ValueError("Bentuk xls perlu antrean_xls (konversi LibreOffice sekaligus)")
        xlsx = tulis_xlsx(folder / ".xls-sementara" / f"{stem}.xlsx", isi_wb, judul=judul, sheet_lain=lain)
        antrean_xls.append((xlsx, folder / f"{stem}.xls"))
        return [folder / f"{stem}.xls"]
    berkas = []
    for t in TABEL:
        stem = _nama_per_tabel(r, t)
        if r.bentuk == "xlsx-per-tabel":
            sheet = r.nama_sheet[t.sheet]
            berkas.append(tulis_xlsx(folder / f"{stem}.xlsx", [(sheet, lembar[t.sheet])],
                                     judul=f"{judul} - {t.kode}", sheet_lain=lain,
                                     sheet_pertama=sheet if lain else None))
        else:
            berkas.append(tulis_csv(folder / f"{stem}.csv", lembar[t.sheet], DIALEK_CSV[r.bentuk.removeprefix("csv-")]))
    return berkas


def buat(n: int, folder: Path | str, seed: int = 0, kabupaten: str | None = None,
         tahun: int = TAHUN_REFERENSI, campuran: Campuran = CAMPURAN_BAWAAN, *, xls: bool | None = None,
         sumber: Path | str = SUMBER) -> list[Path]:
    """Tulis `n` kecamatan nyata ke `folder` dan kembalikan berkasnya (urut kecamatan, lalu tabel).

    kabupaten: None = kecamatan dari banyak kabupaten/kota; nama = kecamatan kabupaten itu saja.
    xls: None = buat .xls bila LibreOffice (soffice) ada, selain itu kecamatan itu ditulis .xlsx; False = tidak
    pernah .xls. Semua .xls dikonversi dengan satu kali menjalankan LibreOffice."""
    kelompok = buat_per_kecamatan(n, folder, seed, kabupaten, tahun, campuran, xls=xls, sumber=sumber)
    return [p for daftar in kelompok.values() for p in daftar]


def rencana_lengkap(n: int, seed: int = 0, kabupaten: str | None = None, campuran: Campuran = CAMPURAN_BAWAAN,
                    xls: bool = True) -> list[Rencana]:
    """`rencanakan`, dengan kabupaten di nama berkas setiap kecamatan yang namanya dipakai juga oleh kecamatan lain
    dalam rencana itu (nama berkasnya tidak boleh sama)."""
    rencana = rencanakan(n, seed, campuran, xls, kabupaten)
    nama = Counter(_lipat(r.nama).replace(" ", "") for r in rencana)  # 'Serba Jadi' and 'Serbajadi' too
    return [r._replace(dengan_kabupaten=True) if nama[_lipat(r.nama).replace(" ", "")] > 1 else r for r in rencana]


def buat_per_kecamatan(n: int, folder: Path | str, seed: int = 0, kabupaten: str | None = None,
                       tahun: int = TAHUN_REFERENSI, campuran: Campuran = CAMPURAN_BAWAAN, *,
                       xls: bool | None = None, sumber: Path | str = SUMBER) -> dict[str, list[Path]]:
    """Seperti `buat`, tetapi berkasnya per kode wilayah kecamatan (urut rencana)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    xls = soffice() is not None if xls is None else xls
    antrean: list[tuple[Path, Path]] = []
    berkas: dict[str, list[Path]] = {}
    for r in rencana_lengkap(n, seed, kabupaten, campuran, xls):
        berkas[r.unit.kode] = tulis_kecamatan(r, _isi(r, seed, tahun, sumber), folder, tahun=tahun,
                                              antrean_xls=antrean)
    if antrean:
        try:
            konversi_xls_semua(antrean, batas_detik=120 + 10 * len(antrean))
        finally:
            for xlsx, _ in antrean:
                xlsx.unlink(missing_ok=True)
            (folder / ".xls-sementara").rmdir()
    return berkas


def _isi(r: Rencana, seed: int, tahun: int, sumber: Path | str) -> dict[str, TeksTabel]:
    u = r.unit
    return isi_kecamatan(u.nama, kabupaten=u.kabupaten, kabupaten_resmi=u.kabupaten_resmi, tahun=tahun,
                         rng=random.Random(f"{seed}:angka:{u.kode}"), sumber=Path(sumber))


def calon_rencana(r: Rencana, tahun: int = TAHUN_REFERENSI, sumber: Path | str = SUMBER) -> list[CalonWilayah]:
    """What the reader finds about the unit in each file `tulis_kecamatan` writes for `r`, without writing them:
    the tables' non-empty title and signature lines, the workbook's sheet names (none for a CSV), the file name.
    For measuring identification over many kecamatan (tests, `make bench`)."""
    isi = gaya_judul(r, _isi_judul(r, tahun, sumber))

    def calon(tabel: Sequence[TabelSampel], berkas: str, sheet: Sequence[str]) -> CalonWilayah:
        return CalonWilayah(berkas, tuple((r.nama_sheet[t.sheet], j.strip()) for t in tabel for j in isi[t.sheet].judul
                                          if j.strip()),
                            tuple((r.nama_sheet[t.sheet], j.strip()) for t in tabel
                                  for j in isi[t.sheet].tanda_tangan if j.strip()), tuple(sheet))

    lain = [n for n, _ in _sheet_lain(r, tahun)]
    urut = sorted(TABEL, key=lambda t: ("TC.33", "Tabel 4.1", "TC 3.1", "TC 29", "TC.30", "T-C.32").index(t.sheet))
    if r.bentuk in ("xlsx", "xls"):
        akhiran = ".xlsx" if r.bentuk == "xlsx" else ".xls"
        return [calon(urut, f"{_nama_workbook(r, tahun)}{akhiran}", [*lain, *(r.nama_sheet[t.sheet] for t in TABEL)])]
    if r.bentuk == "xlsx-per-tabel":
        return [calon([t], f"{_nama_per_tabel(r, t)}.xlsx", [*lain, r.nama_sheet[t.sheet]]) for t in TABEL]
    return [calon([t], f"{_nama_per_tabel(r, t)}.csv", []) for t in TABEL]


def _isi_judul(r: Rencana, tahun: int, sumber: Path | str) -> dict[str, TeksTabel]:
    """Only the titles and signatures of `isi_kecamatan` (the same replacements), quickly: no amounts."""
    u = r.unit
    st = struktur(Path(sumber))
    ganti = [(re.compile(rf"Kabupaten\s+{KABUPATEN_REFERENSI}", re.I), _seperti_huruf(u.kabupaten_resmi)),
             (re.compile(KABUPATEN_REFERENSI, re.I), _seperti_huruf(u.kabupaten)),
             (re.compile(KECAMATAN_REFERENSI, re.I), _seperti_huruf(u.nama))]
    if tahun != TAHUN_REFERENSI:
        ganti.append((re.compile(r"(?<!\d)20[0-4]\d(?!\d)"), lambda m: str(int(m.group(0)) + tahun - TAHUN_REFERENSI)))
    return {k: t._replace(judul=[_ganti_teks(x, ganti) for x in t.judul],
                          tanda_tangan=[_ganti_teks(x, ganti) for x in t.tanda_tangan]) for k, t in st.isi.items()}


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description="Buat N workbook Renja kecamatan (struktur Senduro) untuk tes dan bench.")
    p.add_argument("--jumlah", type=int, required=True, help="banyak kecamatan")
    p.add_argument("--keluar", type=Path, required=True, help="folder tujuan")
    p.add_argument("--seed", type=int, default=0, help="benih (sama → berkas sama)")
    p.add_argument("--kabupaten", default=None,
                   help="kecamatan kabupaten ini saja (bawaan: dari banyak kabupaten/kota di seluruh Indonesia)")
    p.add_argument("--tahun", type=int, default=TAHUN_REFERENSI)
    p.add_argument("--polos", action="store_true", help="tanpa kekhasan: satu .xlsx per kecamatan seperti Senduro")
    p.add_argument("--tanpa-xls", action="store_true", help="jangan buat .xls (tanpa LibreOffice)")
    p.add_argument("--referensi", type=Path, default=SUMBER,
                   help="sumber tabel: contoh yang dikirim (.xlsx, bawaan) atau teks referensi Renja Senduro 2024")
    a = p.parse_args(argv)
    if not a.referensi.is_file():
        raise SystemExit(f"Sumber tabel tidak ditemukan: {a.referensi}")
    xls = False if a.tanpa_xls else None
    if xls is None and soffice() is None:
        print("LibreOffice (soffice) tidak ada: kecamatan berbentuk .xls ditulis sebagai .xlsx.", file=sys.stderr)
    try:
        berkas = buat(a.jumlah, a.keluar, a.seed, a.kabupaten, a.tahun, POLOS if a.polos else CAMPURAN_BAWAAN,
                      xls=xls, sumber=a.referensi)
    except (ValueError, RuntimeError) as e:
        raise SystemExit(str(e)) from e
    jenis = Counter(b.suffix for b in berkas)
    print(f"Ditulis {a.jumlah} kecamatan, {len(berkas)} berkas ({', '.join(f'{v} {k}' for k, v in sorted(jenis.items()))})"
          f" ke {a.keluar}")


if __name__ == "__main__":
    main()
