"""Tidy: the files' tables identified (their kecamatan in the official list) and grouped by kecamatan, then each
kecamatan's tables made one per layout, normalised against the nomenclature, matched with T-C.33 and given the
plain item checks — transforms/ does the work, this module hands it the tables and keeps each table's failure its
own (``_terlindung``)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from flows.data.wilayah import indeks_wilayah
from flows.langkah.bacaan import NAMA_TABEL, BacaanBerkas, TabelTerbaca, temuan_tabel_gagal
from flows.registri import URUTAN
from schemas import tabel41 as s41
from schemas import tc33 as s33
from schemas.aturan import ATURAN_KIRIMAN, KOLOM_TEMUAN_MENTAH
from transforms.menurut_nama import tabel41_menurut_nama, tc29_menurut_nama, tc31_menurut_nama
from transforms.nomenklatur import DaftarSiap, normalkan_tc33, siapkan_daftar
from transforms.periksa import FIELDS_PAGU
from transforms.periksa_isi import temuan_pagu_sama, temuan_pagu_target, temuan_urusan_bidang
from transforms.tabel41 import cocokkan_dengan_tc33, kandidat_tc33, kolom_cocok, temuan_cocok
from transforms.temuan import frame_temuan, lengkapi_temuan
from transforms.kelompok import dengan_kode_kabupaten, kelompokkan as kelompok_posisi
from transforms.kelompok import kunci_kecamatan as kunci_kecamatan_dari, tahun_kecamatan
from transforms.wilayah import CalonWilayah, HasilWilayah, IndeksWilayah, kenali_kiriman


def kunci_kecamatan(bacaan: BacaanBerkas) -> tuple[str, str, str]:
    """The output folder parts of a file's tables (transforms.kelompok.kunci_kecamatan)."""
    return kunci_kecamatan_dari(bacaan.meta.get("tahun"), bacaan.wilayah, bacaan.path.name)


def kelompokkan(bacaan: list[BacaanBerkas], dikenal: Callable[[], list[dict]] | None = None,
                indeks: IndeksWilayah | None = None) -> dict[tuple[str, str, str], list[BacaanBerkas]]:
    """Files that gave tables, identified (``identifikasi``) and grouped by kecamatan (year, kabupaten, kecamatan),
    in file order (transforms.kelompok).  Files whose kecamatan is not known are never grouped with one another:
    each is a group of its own (``tanpa-kecamatan-<file name>``)."""
    dikenali = [b for b in identifikasi(bacaan, dikenal, indeks) if b.gagal is None]
    return {k: [dikenali[i] for i in urut] for k, urut in kelompok_posisi(map(kunci_kecamatan, dikenali)).items()}


def identifikasi(bacaan: list[BacaanBerkas], dikenal: Callable[[], list[dict]] | None = None,
                 indeks: IndeksWilayah | None = None) -> list[BacaanBerkas]:
    """Each file's unit in the official list, with the official names and kode wilayah in its metadata
    (transforms.wilayah.kenali_kiriman: each file on its own, then one whose kecamatan is still not known with the
    kecamatan and kabupaten of this run's other files as context, then — drop-folder mode — also of the kecamatan
    with outputs already, ``dikenal()``: a kecamatan's files may come in separate deliveries).  A file without a
    year takes the year of its kecamatan's other files of this run (else of its outputs), when they have one year;
    the report says so (``tahun-dari-kiriman``)."""
    if not any(b.gagal is None and b.wilayah is None for b in bacaan):
        return list(bacaan)
    if indeks is None:
        indeks = indeks_wilayah()
    urut = [i for i, b in enumerate(bacaan) if b.gagal is None]
    calon = [bacaan[i].calon or CalonWilayah(bacaan[i].path.name) for i in urut]
    wilayah = kenali_kiriman(calon, indeks)
    lain: list[dict] | None = None
    if dikenal is not None and not all(w.lengkap for w in wilayah):
        lain = dengan_kode_kabupaten(dikenal(), indeks)
        wilayah = kenali_kiriman(calon, indeks, [k for m in lain for k in (m.get("kode_wilayah"),
                                                                         m.get("kode_kabupaten")) if k])
    hasil = list(bacaan)
    for i, w in zip(urut, wilayah):
        hasil[i] = _dengan_wilayah(bacaan[i], w)
    keluaran = None
    if dikenal is not None:
        def keluaran() -> list[dict]:
            return lain if lain is not None else dengan_kode_kabupaten(dikenal(), indeks)
    return [_tahun_dari_kecamatan(b, hasil, keluaran) for b in hasil]


def _dengan_wilayah(b: BacaanBerkas, w: HasilWilayah) -> BacaanBerkas:
    meta = {**b.meta, "kabupaten": w.kabupaten, "kecamatan": w.kecamatan, "kode_wilayah": w.kode,
            "kode_kabupaten": w.kode_kabupaten, "kabupaten_resmi": w.kabupaten_resmi, "provinsi": w.provinsi}
    return replace(b, wilayah=w, meta=meta)


def _tahun_dari_kecamatan(b: BacaanBerkas, semua: list[BacaanBerkas],
                          keluaran: Callable[[], list[dict]] | None) -> BacaanBerkas:
    """``b`` with the year of its kecamatan's other files (this run's, else its outputs': transforms.kelompok.
    tahun_kecamatan) when it has none."""
    if b.gagal is not None or b.meta.get("tahun") or not b.wilayah.lengkap:
        return b
    tahun = tahun_kecamatan(b.wilayah, ((x.meta.get("tahun"), x.wilayah) for x in semua if x.gagal is None),
                            keluaran)
    if tahun is None:
        return b
    return replace(b, meta={**b.meta, "tahun": tahun}, meta_dari_nama=("tahun",))


@dataclass
class _Siap:
    """One kecamatan normalised and matched, waiting for validation."""

    bacaan: list[BacaanBerkas]
    meta: dict
    tabel: dict[str, TabelTerbaca]
    temuan: list[pd.DataFrame]
    ganda: "_Ganda"


def _siapkan(bacaan: list[BacaanBerkas], nomenklatur: pd.DataFrame | DaftarSiap | None) -> _Siap:
    bacaan = identifikasi(bacaan) if any(b.wilayah is None for b in bacaan) else bacaan  # olah_kecamatan alone
    meta = _gabung_meta(bacaan)
    tabel, temuan_ganda, ganda = _satu_per_layout(bacaan)
    temuan = [temuan_ganda, lengkapi_temuan([_temuan_meta(meta, None)], bacaan[0].path.name, {}),
              *(_temuan_tahun(b) for b in bacaan if b.meta_dari_nama),
              *(_temuan_wilayah(b) for b in bacaan if b.wilayah is not None and b.wilayah.temuan),
              *(b.temuan for b in bacaan if b.temuan is not None)]
    temuan_normal: list[pd.DataFrame] = []
    asli = tabel
    if nomenklatur is not None:
        tabel, temuan_normal = _normalkan(tabel, siapkan_daftar(nomenklatur))
    for t in (tabel.get(k, asli[k]) for k in asli):  # a table left out keeps the findings it was read with
        temuan.append(lengkapi_temuan([t.temuan], t.berkas, t.tabel.peta_kolom))
    temuan.extend(temuan_normal)
    tabel, dari_cocok = _cocokkan(tabel)
    temuan.extend(dari_cocok)
    temuan.extend(_periksa_isi(tabel))
    return _Siap(bacaan, meta, tabel, temuan, ganda)


def _temuan_meta(meta: dict, sheet: str | None) -> pd.DataFrame:
    """A finding when neither the documents nor the options give the year (a unit not known is reported by the
    identification: wilayah-tidak-diketahui)."""
    return frame_temuan(ATURAN_KIRIMAN["metadata-tidak-ada"].temuan({"sheet": sheet}, keterangan=label,
                                                                    opsi=f"--{kunci}")
                        for kunci, label in (("tahun", "Tahun rencana"),) if not meta.get(kunci))


def _temuan_tahun(b: BacaanBerkas) -> pd.DataFrame:
    temuan = ATURAN_KIRIMAN["tahun-dari-kiriman"].temuan(berkas=b.path.name, tahun=b.meta["tahun"],
                                                         kecamatan=b.meta.get("kecamatan"))
    return lengkapi_temuan([frame_temuan([temuan])], b.path.name, {})


def _temuan_wilayah(b: BacaanBerkas) -> pd.DataFrame:
    """The identification's findings of one file (transforms.wilayah: each about a sheet at most) as report rows."""
    return lengkapi_temuan([frame_temuan(b.wilayah.temuan)], b.path.name, {})


def _gabung_meta(bacaan: list[BacaanBerkas]) -> dict:
    meta = dict(bacaan[0].meta)
    for b in bacaan[1:]:
        for k, v in b.meta.items():
            if meta.get(k) is None and v:
                meta[k] = v
    return meta


@dataclass
class _Ganda:
    """What the choice among tables sent twice left: summary lines and the files none of whose tables was used."""

    catatan: list[str] = field(default_factory=list)
    tidak_dipakai: dict[str, str] = field(default_factory=dict)


def _satu_per_layout(bacaan: list[BacaanBerkas]) -> tuple[dict[str, TabelTerbaca], pd.DataFrame, _Ganda]:
    """One table per layout.  The rule when a kecamatan sends one twice: the table of the file modified last
    (the newest version); of files modified at the same time, the first by name; within one file, the first.  Each
    table left out is a finding ``tabel-ganda``; the summary gets a line per layout, and a file none of whose tables
    was used is named with the reason."""
    calon: dict[str, list[tuple[int, BacaanBerkas, TabelTerbaca]]] = {}
    for i, b in enumerate(bacaan):
        for t in b.tabel:
            calon.setdefault(t.layout, []).append((i, b, t))
    tabel: dict[str, TabelTerbaca] = {}
    temuan, ganda = [], _Ganda()
    for layout, daftar in calon.items():
        i, b, menang = min(daftar, key=lambda x: (-(x[1].diubah or 0), x[0]))
        tabel[layout] = menang
        kalah = [x for x in daftar if x[2] is not menang]
        if not kalah:
            continue
        for j, c, t in kalah:
            alasan = _alasan_ganda(b, c)
            ganda_ini = ATURAN_KIRIMAN["tabel-ganda"].temuan(
                {"sheet": t.tabel.sheet, "baris": t.tabel.baris_header}, tabel=NAMA_TABEL[layout],
                berkas=menang.berkas, sheet=menang.tabel.sheet, alasan=alasan)
            temuan.append(lengkapi_temuan([frame_temuan([ganda_ini])], t.berkas, {}))
        lain = ", ".join(dict.fromkeys(f"{t.berkas} (sheet '{t.tabel.sheet}')" for _, _, t in kalah))
        ganda.catatan.append(f"{NAMA_TABEL[layout]} dikirim {len(daftar)} kali: dipakai {menang.berkas} (sheet "
                             f"'{menang.tabel.sheet}', {_alasan_ganda(b, kalah[0][1])}); tidak dipakai: {lain}.")
    dipakai = {id(t) for t in tabel.values()}
    for b in bacaan:
        if b.tabel and not any(id(t) in dipakai for t in b.tabel) and b.path.name not in ganda.tidak_dipakai:
            ganti = ", ".join(f"{NAMA_TABEL[t.layout]} dari {tabel[t.layout].berkas}" for t in b.tabel)
            ganda.tidak_dipakai[b.path.name] = (
                f"Tidak satu pun tabel berkas '{b.path.name}' dipakai: kecamatan yang sama mengirim tabel yang sama "
                f"dalam berkas lain kiriman ini, dan aturannya memakai tabel dari berkas yang paling akhir diubah "
                f"(lalu nama berkas pertama menurut abjad). Yang dipakai: {ganti}.")
    urut = {k: tabel[k] for k in URUTAN if k in tabel}
    return urut, (pd.concat(temuan, ignore_index=True) if temuan else lengkapi_temuan([], "", {})), ganda


def _alasan_ganda(menang: BacaanBerkas, kalah: BacaanBerkas) -> str:
    if menang is kalah:
        return "yang pertama dalam berkas itu"
    if menang.diubah is not None and kalah.diubah is not None and menang.diubah != kalah.diubah:
        return "berkas yang paling akhir diubah"
    return "waktu ubah sama: berkas pertama menurut nama"


# Tables without a kode column, or rows without one: kode and level decided by name (transforms.menurut_nama).
MENURUT_NAMA = (("TabelIV-1", tabel41_menurut_nama), ("TC-31", tc31_menurut_nama), ("TC-29", tc29_menurut_nama))


def _normalkan(tabel: dict[str, TabelTerbaca], daftar: DaftarSiap) -> tuple[dict[str, TabelTerbaca],
                                                                             list[pd.DataFrame]]:
    """Every table against the nomenclature: T-C.33's codes checked and decided by name (transforms.nomenklatur;
    its findings returned, completed), Tabel 4.1, T-C.31 and T-C.29 rows given the kode and level of their names
    (transforms.menurut_nama; their findings adjusted in the table's own; without a T-C.33 to match them, the rows
    whose names decide nothing are reported)."""
    hasil, temuan = tabel, []

    def tc33(t: TabelTerbaca) -> tuple[TabelTerbaca, list[pd.DataFrame]]:
        h = normalkan_tc33(t.tidy, daftar)
        return replace(t, tidy=h.tidy), [lengkapi_temuan([h.temuan], t.berkas, t.tabel.peta_kolom)]

    def menurut(t: TabelTerbaca, menurut_nama) -> tuple[TabelTerbaca, list[pd.DataFrame]]:
        h = menurut_nama(t.tidy, t.temuan, daftar, laporkan_ragu="TC-33" not in tabel)
        return replace(t, tidy=h.tidy, temuan=h.temuan.reindex(columns=list(KOLOM_TEMUAN_MENTAH))), []

    if "TC-33" in tabel:
        hasil, baru = _terlindung(hasil, "TC-33", "dicocokkan dengan nomenklatur", tc33)
        temuan += baru
    for layout, menurut_nama in MENURUT_NAMA:
        if layout in tabel and not tabel[layout].tidy.empty:
            hasil, baru = _terlindung(hasil, layout, "dicocokkan dengan nomenklatur",
                                      lambda t, f=menurut_nama: menurut(t, f))
            temuan += baru
    return hasil, temuan


def _terlindung(tabel: dict[str, TabelTerbaca], kunci: str, langkah: str,
                fungsi: Callable[[TabelTerbaca], tuple[TabelTerbaca, list[pd.DataFrame]]],
                ) -> tuple[dict[str, TabelTerbaca], list[pd.DataFrame]]:
    """A new ``tabel`` whose ``kunci`` is ``fungsi(tabel[kunci])``'s table, and that step's findings; when it ends
    in an error of this program, a new ``tabel`` without it and its ``tabel-gagal-diolah``: the other tables keep
    their outputs.  ``tabel`` itself is left as it was."""
    try:
        t, temuan = fungsi(tabel[kunci])
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - one table's failure is its own
        t = tabel[kunci]
        return {k: v for k, v in tabel.items() if k != kunci}, [temuan_tabel_gagal(t.tabel, t.berkas, langkah, e)]
    return {**tabel, kunci: t}, temuan


def _periksa_isi(tabel: dict[str, TabelTerbaca]) -> list[pd.DataFrame]:
    """The plain item checks (transforms.periksa_isi), completed: T-C.33's urusan/bidang rows, targets and amounts
    of T-C.33 and Tabel 4.1, T-C.33's amounts repeated in both years."""
    hasil = []
    periksa = {"TC-33": lambda d: [*temuan_urusan_bidang(d), *temuan_pagu_target(d, s33.PASANGAN_TARGET_PAGU),
                                   *temuan_pagu_sama(d, FIELDS_PAGU)],
               "TabelIV-1": lambda d: temuan_pagu_target(d, s41.PASANGAN_TARGET_PAGU)}
    for kunci, fungsi in periksa.items():
        if kunci in tabel:
            t = tabel[kunci]
            try:
                hasil.append(lengkapi_temuan([frame_temuan(fungsi(t.tidy))], t.berkas, t.tabel.peta_kolom))
            except MemoryError:
                raise
            except Exception as e:  # noqa: BLE001 - the table is written, the report says it is unchecked
                hasil.append(temuan_tabel_gagal(t.tabel, t.berkas, "diperiksa", e,
                                                akibat="tabel tetap ditulis tanpa pemeriksaan isinya."))
    return hasil


def _cocokkan(tabel: dict[str, TabelTerbaca]) -> tuple[dict[str, TabelTerbaca], list[pd.DataFrame]]:
    """New tables in which Tabel 4.1 and T-C.31 rows have the kode of the T-C.33 item they stand for (by name and
    level), and the matching's findings; ``tabel`` is left as it was."""
    if "TC-33" not in tabel:
        return tabel, []
    tidy33 = tabel["TC-33"].tidy
    tc33: list = []  # T-C.33's candidates, made once for both tables (when one of them needs them)

    def kandidat():
        if not tc33:
            tc33.append(kandidat_tc33(tidy33))
        return tc33[0]

    def tabel41(t: TabelTerbaca) -> tuple[TabelTerbaca, list[pd.DataFrame]]:
        cocok = cocokkan_dengan_tc33(t.tidy, kandidat())
        return replace(t, tidy=cocok), [lengkapi_temuan([temuan_cocok(cocok)], t.berkas, t.tabel.peta_kolom)]

    def tc31(t: TabelTerbaca) -> tuple[TabelTerbaca, list[pd.DataFrame]]:
        cocok = kolom_cocok(t.tidy[["nama", "level"]].assign(indikator_ke=1), kandidat())
        kode = cocok["kode"] if "kode" not in t.tidy else cocok["kode"].where(cocok["kode"].notna(), t.tidy["kode"])
        return replace(t, tidy=t.tidy.assign(kode=kode, urut_tc33=cocok["urut_tc33"],
                                             cocok_dengan=cocok["cocok_dengan"], skor_cocok=cocok["skor"])), []

    hasil, temuan = tabel, []
    for kunci, fungsi in (("TabelIV-1", tabel41), ("TC-31", tc31)):
        if kunci in hasil and not hasil[kunci].tidy.empty:
            hasil, baru = _terlindung(hasil, kunci, "dicocokkan dengan butir T-C.33", fungsi)
            temuan += baru
    return hasil, temuan
