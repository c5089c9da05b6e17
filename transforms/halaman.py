"""Shape the district's page (index.html of a kabupaten, and the year's page) as plain data: who sent what, counts,
program totals and the chart's geometry.  Frames in, dataclasses out; flows.rekap.halaman reads the files and renders.

Every text here is still raw (a kecamatan's cell may hold ``<script>``): escaping is the renderer's job.  Links are
tuples of path segments relative to the page's folder; the renderer quotes each segment.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from transforms.angka import format_rupiah
from transforms.rekap import (
    BELUM_LENGKAP,
    BELUM_MENGIRIM,
    KOLOM_ADA,
    LABEL_STATUS,
    LENGKAP,
    TABEL_RENJA,
)

# Status shown with a sign and its word, never by colour alone.
SIMBOL_STATUS = {LENGKAP: "✓", BELUM_LENGKAP: "!", BELUM_MENGIRIM: "✗"}
# The short label of each Renja table in the "tables received" chips: 'T-C.29' → '29', 'Tabel 4.1' → '4.1'.
TABEL_PENDEK = {t: t.removeprefix("T-C.").removeprefix("Tabel ") for t in TABEL_RENJA}
# A program's label in the chart, by the width of the screen (wide, middle, phone); the full name is in its title and
# in the table below the chart.
MAKS_NAMA_GRAFIK, MAKS_NAMA_GRAFIK_SEDANG, MAKS_NAMA_GRAFIK_PENDEK = 90, 44, 26
FORMAT_WAKTU = "%d-%m-%Y %H:%M"

# Chart geometry (pixels vertically; horizontally in percent of the chart's width, so it fits any screen).
GRAFIK_LEBAR_MAKS = 76.0  # percent of the width the longest bar may take: the rest is for its value label
GRAFIK_ATAS = 8
GRAFIK_LABEL = 18  # the program's label line above its bars
GRAFIK_BATANG = 14
GRAFIK_CELAH = 3  # between the two bars of a program
GRAFIK_JARAK = 16  # between programs
GRAFIK_SUMBU = 22  # the axis labels under the bars


@dataclass(frozen=True)
class Tautan:
    """A link: ``path`` its segments relative to the page's folder, ``label`` the text shown."""

    label: str
    path: tuple[str, ...]
    judul: str = ""


@dataclass(frozen=True)
class TabelDiterima:
    nama: str  # 'T-C.29'
    pendek: str  # '29'
    ada: bool | None  # None: nothing arrived from this kecamatan


@dataclass(frozen=True)
class BerkasSumber:
    """One input file of a kecamatan's current outputs and the tables taken from it."""

    nama: str
    ukuran: str  # '34,7 KB' ('' when not known)
    tabel: tuple[str, ...]


@dataclass(frozen=True)
class BarisKecamatan:
    """One kecamatan of the page: a row of status.csv with what its folder holds."""

    no: int
    jangkar: str  # the id of its details ('kec-3')
    kode_wilayah: str
    kecamatan: str
    folder: str
    status: str
    label_status: str
    simbol: str
    dalam_daftar: bool | None
    tabel: tuple[TabelDiterima, ...]
    tabel_belum_ada: str
    kiriman: str  # when its current sources first arrived (sumber.json), else when it was processed
    diproses: str  # its report's time (status.csv 'dibuat')
    berkas: tuple[BerkasSumber, ...]
    galat: int | None
    peringatan: int | None
    pagu: int | None  # its program total, year n (rekap.csv); None without T-C.33 data
    pagu_maju: int | None
    keterangan: str
    laporan: Tautan | None
    tautan_tabel: tuple[Tautan, ...]
    tautan_data: tuple[Tautan, ...]
    versi_lama: int  # previous versions kept in riwayat/

    @property
    def mengirim(self) -> bool:
        return self.status != BELUM_MENGIRIM


@dataclass(frozen=True)
class TotalProgram:
    kode: str
    nama: str
    pagu: int
    pagu_maju: int


@dataclass(frozen=True)
class Batang:
    y: int
    lebar: float  # percent of the chart's width
    nilai: int
    label: str  # 'Rp 1,86 M'
    kelas: str  # 'n' or 'n1'
    judul: str  # the exact amount, for the bar's title


@dataclass(frozen=True)
class BarisGrafik:
    y_label: int
    kode: str
    nama: str  # shortened to MAKS_NAMA_GRAFIK
    nama_sedang: str  # shortened to MAKS_NAMA_GRAFIK_SEDANG (middle screens, print)
    nama_pendek: str  # shortened to MAKS_NAMA_GRAFIK_PENDEK (phones)
    nama_lengkap: str
    batang: tuple[Batang, Batang]


@dataclass(frozen=True)
class GarisSumbu:
    x: float  # percent
    label: str


@dataclass(frozen=True)
class Grafik:
    """Horizontal bars, two per program (year n and n+1), one scale; ``tinggi`` in pixels."""

    tinggi: int
    baris: tuple[BarisGrafik, ...]
    sumbu: tuple[GarisSumbu, ...]
    y_sumbu: int  # the bottom of the bars: where the axis labels go


@dataclass(frozen=True)
class Hitungan:
    lengkap: int
    belum_lengkap: int
    belum_mengirim: int
    di_luar_daftar: int
    diharapkan: int  # kecamatan in the list (0 without one)
    jumlah: int  # rows of the page

    @property
    def mengirim(self) -> int:
        return self.lengkap + self.belum_lengkap


@dataclass(frozen=True)
class HalamanKabupaten:
    tahun: int
    kabupaten: str  # as the title says it: 'Kabupaten Lumajang'
    kode_kabupaten: str
    provinsi: str
    dasar_daftar: str  # one sentence: where the expected kecamatan come from
    keadaan: str  # the newest report's time
    hitungan: Hitungan
    kecamatan: tuple[BarisKecamatan, ...]
    program: tuple[TotalProgram, ...]
    total_pagu: int
    total_pagu_maju: int
    grafik: Grafik | None
    catatan: tuple[dict, ...]  # rows of catatan.csv: aturan, kecamatan, kode, pesan
    tautan_rekap: tuple[Tautan, ...]
    tautan_atas: Tautan | None  # the year's page


@dataclass(frozen=True)
class RingkasKabupaten:
    """One kabupaten on the year's page (from its rekap's status.csv and rekap.csv)."""

    folder: str
    kabupaten: str
    kode_kabupaten: str
    hitungan: Hitungan
    total_pagu: int
    total_pagu_maju: int
    keadaan: str
    halaman: Tautan


@dataclass(frozen=True)
class KelompokProvinsi:
    kode: str
    provinsi: str
    jumlah_kabupaten: int  # kabupaten/kota of the province in the official list (0: not known)
    kabupaten: tuple[RingkasKabupaten, ...]
    status_provinsi: Tautan | None  # _provinsi/status-<provinsi>.csv when written


@dataclass(frozen=True)
class HalamanTahun:
    tahun: int
    provinsi: tuple[KelompokProvinsi, ...]
    hitungan: Hitungan
    total_pagu: int
    total_pagu_maju: int


# ------------------------------------------------------------------------------------------------ numbers


def singkat_rupiah(n: int, bulat: bool = False) -> str:
    """An amount in short Indonesian form for a chart label, three significant digits and a decimal comma:
    'Rp 1,86 M' (miliar), 'Rp 2,00 M', 'Rp 13,6 jt', 'Rp 162 jt', 'Rp 12,0 rb', 'Rp 950'; with ``bulat`` the
    trailing zeros go ('Rp 2 M', 'Rp 1,5 M': an axis label)."""
    n = int(n)
    satuan = [(10**3, "rb"), (10**6, "jt"), (10**9, "M"), (10**12, "T")]
    pilihan = [(b, s) for b, s in satuan if abs(n) >= b]
    if not pilihan:
        return f"Rp {n}"
    i = satuan.index(pilihan[-1])
    nilai = n / satuan[i][0]
    if round(abs(nilai)) >= 1000 and i + 1 < len(satuan):  # 999.600 is 'Rp 1,00 jt', not 'Rp 1000 rb'
        i, nilai = i + 1, n / satuan[i + 1][0]
    desimal = 0 if round(abs(nilai), 2) >= 99.95 else 1 if round(abs(nilai), 3) >= 9.995 else 2
    teks = f"{nilai:.{desimal}f}"
    if bulat and desimal:
        teks = teks.rstrip("0").rstrip(".")
    return f"Rp {teks.replace('.', ',')} {satuan[i][1]}"


def ukuran_berkas(n: int | None) -> str:
    """'512 B', '34,7 KB', '2,1 MB' ('' when not known)."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        return ""
    if n < 1024:
        return f"{n} B"
    for satuan in ("KB", "MB", "GB"):
        n /= 1024
        if n < 1024 or satuan == "GB":
            return f"{n:.1f} {satuan}".replace(".", ",")
    return ""  # unreachable


def tampil_waktu(teks: str) -> str:
    """'2024-02-01T09:30:00' → '01-02-2024 09:30'; a text that is not a time stays as it is."""
    try:
        return datetime.fromisoformat(teks).strftime(FORMAT_WAKTU) if teks else ""
    except ValueError:
        return teks


def _bulat(v) -> int | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or v == "":
        return None
    return int(v)


def _teks(v) -> str:
    """A text cell of a frame: None, NA and NaN are ''."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _benar(v) -> bool | None:
    """status.csv's booleans, typed or read back as text."""
    if v is None or v is pd.NA or v == "" or (isinstance(v, float) and math.isnan(v)):
        return None
    return v if isinstance(v, bool) else {"true": True, "false": False}.get(str(v).strip().lower())


# ------------------------------------------------------------------------------------------------ the kabupaten


def total_program(rekap_panjang: pd.DataFrame) -> pd.DataFrame:
    """The kabupaten's total per program of ``rekap_panjang`` (rekap.csv rows: KOLOM_REKAP): columns ``kode``,
    ``nama``, ``pagu``, ``pagu_maju`` (int; an amount no kecamatan gave counts 0), in kode order (programs without
    kode last, in the order they come)."""
    program = rekap_panjang[rekap_panjang["level"] == "program"]
    if program.empty:
        return pd.DataFrame({"kode": [], "nama": [], "pagu": [], "pagu_maju": []})
    kunci = program["kode"].astype(str) + "\x1f" + program["nama"].astype(str)
    urutan = sorted(dict.fromkeys(kunci), key=_urutan_kode)
    jumlah = program.assign(_k=kunci).groupby("_k", sort=False)[["pagu", "pagu_maju"]].sum(min_count=0)
    jumlah = jumlah.reindex(urutan)
    kode, nama = zip(*(k.split("\x1f", 1) for k in urutan))
    return pd.DataFrame({"kode": list(kode), "nama": list(nama),
                         "pagu": [int(v) for v in jumlah["pagu"]], "pagu_maju": [int(v) for v in jumlah["pagu_maju"]]})


def _urutan_kode(kunci: str) -> tuple:
    """'7.01.02' after '7.01.01' and before '7.01.10'; a kode that is not dotted numbers after them; none last."""
    kode = kunci.split("\x1f", 1)[0]
    bagian = kode.split(".")
    if kode and all(b.isdigit() for b in bagian):
        return (0, tuple(int(b) for b in bagian), "")
    return (1, (), kode) if kode else (2, (), "")


def total_kecamatan(rekap_panjang: pd.DataFrame) -> dict[str, tuple[int | None, int | None]]:
    """Per kecamatan (its display name in rekap.csv) the sum of its program rows for n and n+1 (None: no amount)."""
    program = rekap_panjang[rekap_panjang["level"] == "program"]
    if program.empty:
        return {}
    jumlah = program.groupby("kecamatan", sort=False)[["pagu", "pagu_maju"]].sum(min_count=1)
    return {k: (_bulat(r["pagu"]), _bulat(r["pagu_maju"])) for k, r in jumlah.iterrows()}


def hitung_status(status: pd.DataFrame) -> Hitungan:
    """Counts of status.csv's rows (typed, or read back as text)."""
    dalam = status["dalam_daftar"].map(_benar)
    return Hitungan(int((status["status"] == LENGKAP).sum()), int((status["status"] == BELUM_LENGKAP).sum()),
                    int((status["status"] == BELUM_MENGIRIM).sum()), int(dalam.eq(False).sum()),
                    int(dalam.eq(True).sum()), len(status))


def baris_kecamatan(status: pd.DataFrame, rekap_panjang: pd.DataFrame, isi: Mapping[str, Mapping]) -> list[BarisKecamatan]:
    """One BarisKecamatan per row of ``status`` (KOLOM_STATUS), in its order.

    ``isi``: per kecamatan folder what the folder holds (flows.rekap.halaman reads it): ``berkas`` the output files
    present (relative paths such as 'TC-33.xlsx', 'data/TC-33.csv', 'laporan.html'), ``sumber`` its sumber.json
    (or None), ``daftar_tabel`` the report's tables with the file each came from, ``riwayat`` the number of
    previous versions, ``tabel_berkas`` a mapping of output file → table name ('TC-33.xlsx' → 'T-C.33').
    """
    per_kecamatan = total_kecamatan(rekap_panjang)
    hasil = []
    for no, r in enumerate(status.to_dict("records"), start=1):
        folder = str(r["folder"])
        f = isi.get(folder) or {}
        mengirim = r["status"] != BELUM_MENGIRIM
        ada = [_benar(r[k]) for k in KOLOM_ADA]
        pagu, pagu_maju = per_kecamatan.get(_teks(r["kecamatan"]), (None, None))
        sumber = f.get("sumber") or {}
        diproses = tampil_waktu(_teks(r["dibuat"]))
        hasil.append(BarisKecamatan(
            no=no, jangkar=f"kec-{no}", kode_wilayah=_teks(r["kode_wilayah"]), kecamatan=_teks(r["kecamatan"]),
            folder=folder, status=r["status"], label_status=LABEL_STATUS[r["status"]],
            simbol=SIMBOL_STATUS[r["status"]], dalam_daftar=_benar(r["dalam_daftar"]),
            tabel=tuple(TabelDiterima(t, TABEL_PENDEK[t], a) for t, a in zip(TABEL_RENJA, ada)),
            tabel_belum_ada=_teks(r["tabel_belum_ada"]),
            kiriman=(tampil_waktu(str(sumber.get("dibuat") or "")) or diproses) if mengirim else "",
            diproses=diproses, berkas=_berkas_sumber(sumber, f.get("daftar_tabel") or [], _teks(r["berkas"])),
            galat=_bulat(r["galat"]), peringatan=_bulat(r["peringatan"]), pagu=pagu, pagu_maju=pagu_maju,
            keterangan=_teks(r["keterangan"]),
            laporan=Tautan("Laporan validasi", (folder, "laporan.html"))
            if "laporan.html" in (f.get("berkas") or ()) else None,
            tautan_tabel=_tautan(folder, f, ".xlsx"), tautan_data=_tautan(folder, f, ".csv"),
            versi_lama=int(f.get("riwayat") or 0)))
    return hasil


def _tautan(folder: str, isi: Mapping, akhiran: str) -> tuple[Tautan, ...]:
    """Links to the folder's standard workbooks or tidy CSV files, in the order of the Renja tables."""
    nama_tabel = isi.get("tabel_berkas") or {}
    berkas = [b for b in isi.get("berkas") or () if b.endswith(akhiran) and b in nama_tabel]
    berkas.sort(key=lambda b: (TABEL_RENJA.index(nama_tabel[b]) if nama_tabel[b] in TABEL_RENJA else 99, b))
    return tuple(Tautan(nama_tabel[b], (folder, *b.split("/")), b) for b in berkas)


def _berkas_sumber(sumber: Mapping, daftar_tabel: Sequence[Mapping], berkas_laporan: str) -> tuple[BerkasSumber, ...]:
    """The files of the current version (sumber.json, else the report's 'berkas') with the tables each gave."""
    tabel_per_berkas: dict[str, list[str]] = {}
    for d in daftar_tabel:
        if isinstance(d, Mapping) and d.get("berkas") and d.get("tabel"):
            tabel_per_berkas.setdefault(str(d["berkas"]), []).append(str(d["tabel"]))
    urut = {t: i for i, t in enumerate(TABEL_RENJA)}
    hasil = []
    daftar = [b for b in sumber.get("berkas") or [] if isinstance(b, Mapping) and b.get("nama")]
    if not daftar:
        daftar = [{"nama": n.strip()} for n in berkas_laporan.split(",") if n.strip()]
    for b in daftar:
        nama = str(b["nama"])
        tabel = sorted(tabel_per_berkas.get(nama, []), key=lambda t: urut.get(t, 99))
        hasil.append(BerkasSumber(nama, ukuran_berkas(b.get("ukuran")), tuple(tabel)))
    return tuple(hasil)


def grafik_program(program: pd.DataFrame, tahun: int) -> Grafik | None:
    """The bars of ``total_program``: per program a label line then the n and n+1 bars on one scale rounded up
    to a 'nice' number (1, 2, 2.5 or 5 × 10^k), with four or five axis lines; None when there is no program."""
    if program.empty:
        return None
    maks = max(int(program["pagu"].max()), int(program["pagu_maju"].max()), 1)
    langkah = _langkah(maks)
    skala = langkah * math.ceil(maks / langkah)
    baris, y = [], GRAFIK_ATAS
    for r in program.to_dict("records"):
        y_label = y + GRAFIK_LABEL - 5
        batang = []
        for i, (kolom, kelas, t) in enumerate((("pagu", "n", tahun), ("pagu_maju", "n1", tahun + 1))):
            nilai = int(r[kolom])
            batang.append(Batang(y + GRAFIK_LABEL + i * (GRAFIK_BATANG + GRAFIK_CELAH),
                                 round(GRAFIK_LEBAR_MAKS * nilai / skala, 2), nilai, singkat_rupiah(nilai), kelas,
                                 f"{t}: Rp {format_rupiah(nilai)}"))
        nama = str(r["nama"])
        baris.append(BarisGrafik(y_label, str(r["kode"]), _pendekkan(nama, MAKS_NAMA_GRAFIK),
                                 _pendekkan(nama, MAKS_NAMA_GRAFIK_SEDANG), _pendekkan(nama, MAKS_NAMA_GRAFIK_PENDEK),
                                 nama, (batang[0], batang[1])))
        y += GRAFIK_LABEL + 2 * GRAFIK_BATANG + GRAFIK_CELAH + GRAFIK_JARAK
    y_sumbu = y - GRAFIK_JARAK + 6
    sumbu = tuple(GarisSumbu(round(GRAFIK_LEBAR_MAKS * k * langkah / skala, 2),
                             "0" if k == 0 else singkat_rupiah(k * langkah, bulat=True).removeprefix("Rp "))
                  for k in range(int(skala // langkah) + 1))
    return Grafik(y_sumbu + GRAFIK_SUMBU, tuple(baris), sumbu, y_sumbu)


def _pendekkan(teks: str, maks: int) -> str:
    return teks if len(teks) <= maks else teks[:maks - 1].rstrip() + "…"


def _langkah(maks: int) -> int:
    """The axis step: 1, 2, 2.5 or 5 × 10^k giving 3 to 5 steps up to ``maks``."""
    pangkat = 10 ** max(int(math.floor(math.log10(maks))) - 1, 0)
    for kali in (1, 2, 2.5, 5, 10, 20, 25, 50, 100):
        langkah = int(kali * pangkat)
        if langkah and math.ceil(maks / langkah) <= 5:
            return langkah
    return int(100 * pangkat)


def halaman_kabupaten(status: pd.DataFrame, rekap_panjang: pd.DataFrame, catatan: pd.DataFrame,
                      isi: Mapping[str, Mapping], *, tahun: int, kabupaten: str, kode_kabupaten: str | None,
                      provinsi: str, daftar: str | None, daftar_resmi: bool, keadaan: datetime | None,
                      tautan_rekap: Sequence[Tautan], tautan_atas: Tautan | None) -> HalamanKabupaten:
    """The kabupaten's page from what its rekap writes: ``status`` (status.csv rows), ``rekap_panjang``
    (rekap.csv rows), ``catatan`` (catatan.csv rows), and ``isi`` (baris_kecamatan)."""
    hitungan = hitung_status(status)
    program = total_program(rekap_panjang)
    if daftar_resmi:
        dasar = (f"Kecamatan yang diharapkan: {daftar}, {hitungan.diharapkan} kecamatan, urut kode wilayah.")
    elif daftar:
        dasar = f"Kecamatan yang diharapkan: daftar '{daftar}' ({hitungan.diharapkan} kecamatan)."
    else:
        dasar = "Tanpa daftar kecamatan: yang tercantum adalah kecamatan yang keluarannya ditemukan."
    return HalamanKabupaten(
        tahun=int(tahun), kabupaten=kabupaten, kode_kabupaten=kode_kabupaten or "", provinsi=provinsi,
        dasar_daftar=dasar, keadaan=keadaan.strftime(FORMAT_WAKTU) if keadaan else "", hitungan=hitungan,
        kecamatan=tuple(baris_kecamatan(status, rekap_panjang, isi)),
        program=tuple(TotalProgram(*r) for r in program.itertuples(index=False)),
        total_pagu=int(program["pagu"].sum()), total_pagu_maju=int(program["pagu_maju"].sum()),
        grafik=grafik_program(program, int(tahun)), catatan=tuple(catatan.astype(str).to_dict("records")),
        tautan_rekap=tuple(tautan_rekap), tautan_atas=tautan_atas)


# ------------------------------------------------------------------------------------------------ the year


def ringkas_kabupaten(folder: str, status: pd.DataFrame, rekap_panjang: pd.DataFrame,
                      nama: str | None = None) -> RingkasKabupaten:
    """A kabupaten's line on the year's page, from its status.csv and rekap.csv (``pagu``, ``pagu_maju`` numbers or
    NA); ``nama`` the name shown (default: status.csv's ``kabupaten``)."""
    kode = next((str(k)[:5] for k in status["kode_wilayah"] if isinstance(k, str) and len(k) >= 5), "")
    program = total_program(rekap_panjang)
    waktu = [w for w in (str(d) for d in status["dibuat"] if isinstance(d, str)) if w]
    nama = nama or next((str(k) for k in status["kabupaten"] if isinstance(k, str) and k), folder)
    return RingkasKabupaten(folder, nama, kode, hitung_status(status), int(program["pagu"].sum()),
                            int(program["pagu_maju"].sum()), tampil_waktu(max(waktu)) if waktu else "",
                            Tautan(nama, (folder, "index.html")))


def halaman_tahun(kabupaten: Sequence[RingkasKabupaten], tahun: int, provinsi: Mapping[str, tuple[str, int]],
                  status_provinsi: Mapping[str, tuple[str, ...]]) -> HalamanTahun:
    """The year's page: the kabupaten grouped by province (kode order; those without a kode last).

    ``provinsi``: kode provinsi → (name, number of its kabupaten/kota); ``status_provinsi``: kode provinsi → the
    link to its status CSV when one was written."""
    kelompok: dict[str, list[RingkasKabupaten]] = {}
    for k in sorted(kabupaten, key=lambda k: (not k.kode_kabupaten, k.kode_kabupaten, k.folder)):
        kelompok.setdefault(k.kode_kabupaten[:2], []).append(k)
    hasil = []
    for kode, anggota in kelompok.items():
        nama, jumlah = provinsi.get(kode, ("Wilayah tidak dikenal", 0))
        tautan = status_provinsi.get(kode)
        hasil.append(KelompokProvinsi(kode, nama, jumlah, tuple(anggota),
                                      Tautan(tautan[-1], tuple(tautan)) if tautan else None))
    semua = list(kabupaten)
    hitungan = Hitungan(*(sum(getattr(k.hitungan, a) for k in semua) for a in (
        "lengkap", "belum_lengkap", "belum_mengirim", "di_luar_daftar", "diharapkan", "jumlah")))
    return HalamanTahun(int(tahun), tuple(hasil), hitungan, sum(k.total_pagu for k in semua),
                        sum(k.total_pagu_maju for k in semua))
