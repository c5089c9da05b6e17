"""Shape the district roll-up (rekap kabupaten): T-C.33 items of every kecamatan matched by kode, who sent what.

Frames in, frames out; flows.rekap reads the kecamatan outputs and writes the workbook and CSV files.
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from schemas import tabel41, tc29, tc30, tc31, tc32, tc33
from transforms.kode import kunci_kode
from transforms.meta import slug
from transforms.sel import PEMISAH_CSV, lipat, pemisah_csv

# The six Renja tables, in the order of the regulation; a kecamatan is complete when all of them arrived.
TABEL_RENJA = tuple(s.LAYOUT.nama for s in (tc29, tc30, tc31, tc32, tc33, tabel41))
LEVEL_REKAP = ("program", "kegiatan")  # the levels consolidated; a district total adds up the programs

# Columns of rekap.csv (one row per kecamatan and item) and status.csv (one row per kecamatan).
KOLOM_REKAP = ("tahun", "kabupaten", "kode_wilayah", "kecamatan", "level", "kode", "nama", "pagu", "pagu_maju")
KOLOM_ADA = tuple("ada_" + slug(t).replace("-", "") for t in TABEL_RENJA)  # ada_tc29 … ada_tabel41
KOLOM_STATUS = ("tahun", "kabupaten", "kode_wilayah", "kecamatan", "folder", "dalam_daftar", "status", *KOLOM_ADA,
                "jumlah_tabel", "tabel_belum_ada", "dibuat", "berkas", "galat", "peringatan", "keterangan")
KOLOM_CATATAN = ("aturan", "kecamatan", "kode", "pesan")
KOLOM_DAFTAR = ("kabupaten", "kecamatan", "slug", "baris", "kode_wilayah")
# Province status (renja rekap --status-provinsi): one row per kabupaten/kota of the province.
KOLOM_PROVINSI = ("tahun", "kode_provinsi", "provinsi", "kode_kabupaten", "kabupaten", "jumlah_kecamatan",
                  "lengkap", "belum_lengkap", "belum_mengirim", "persen_lengkap", "di_luar_daftar")

LENGKAP, BELUM_LENGKAP, BELUM_MENGIRIM = "lengkap", "belum-lengkap", "belum-mengirim"
LABEL_STATUS = {LENGKAP: "Lengkap", BELUM_LENGKAP: "Belum lengkap", BELUM_MENGIRIM: "Belum mengirim"}
ARTI_LENGKAP = (f"Lengkap: keenam tabel Renja ({', '.join(TABEL_RENJA)}) ada dalam keluaran kecamatan "
                "(T-C.32 yang bertanda NIHIL dihitung ada). Galat dan peringatan tidak mengubah kelengkapan; "
                "jumlahnya ada di kolomnya sendiri dan rinciannya di laporan.html kecamatan itu.")
DI_LUAR_DAFTAR = "Tidak ada dalam daftar kecamatan."

_KEPALA_KECAMATAN = {"kecamatan", "nama-kecamatan", "kec"}
_KEPALA_KABUPATEN = {"kabupaten", "nama-kabupaten", "kabupaten-kota", "kota", "kab"}
_AWALAN = {"kecamatan", "kec", "kabupaten", "kab", "kota"}
_MAKS_NAMA_DISEBUT = 5  # a finding names at most this many kecamatan, then 'dan N lainnya'


@dataclass(frozen=True)
class Rekap:
    """The consolidation of one kabupaten.

    ``item``: one row per consolidated item, in kode order: ``kunci`` (match key), ``level``, ``kode``, ``nama``
    (the most common name).  ``panjang``: KOLOM_REKAP plus ``kunci``, one row per kecamatan and item (amounts of a
    kode listed twice in one kecamatan added up).  ``catatan``: KOLOM_CATATAN.
    """

    item: pd.DataFrame
    panjang: pd.DataFrame
    catatan: pd.DataFrame


@dataclass(frozen=True)
class TabelPagu:
    """One amount (pagu or pagu_maju) as a table: items × kecamatan.

    ``nilai``: Int64, index as ``item``, one column per kecamatan (NA: the kecamatan does not list the item);
    ``jumlah``: the row sums over the kecamatan (Int64, 0 when none); ``total``: per kecamatan the sum of its
    program rows (kegiatan are already inside their program), plus ``total_kabupaten`` their sum.
    """

    item: pd.DataFrame
    nilai: pd.DataFrame
    jumlah: pd.Series
    total: pd.Series
    total_kabupaten: int


# ------------------------------------------------------------------------------------------------ items


def item_tc33(tc33_tidy: pd.DataFrame) -> pd.DataFrame:
    """The program and kegiatan rows of one kecamatan's ``data/TC-33.csv`` (as read, strings or typed).

    Returns columns ``urut`` (Int64), ``level``, ``kode`` ('' when none), ``nama``, ``pagu``, ``pagu_maju`` (Int64;
    NA when empty or not a number).  An item's extra indicator rows (``indikator_ke`` > 1) are left out: they repeat
    its kode and name without amounts.
    """
    kolom = ["urut", "level", "kode", "nama", "indikator_ke", "pagu", "pagu_maju"]
    df = tc33_tidy.reindex(columns=kolom)
    ke = pd.to_numeric(df["indikator_ke"], errors="coerce")
    df = df[df["level"].isin(LEVEL_REKAP) & (ke.isna() | (ke <= 1))]
    return pd.DataFrame({
        "urut": pd.to_numeric(df["urut"], errors="coerce").astype("Int64"),
        "level": df["level"].astype(str),
        "kode": df["kode"].map(_teks),
        "nama": df["nama"].map(_teks),
        "pagu": _rupiah(df["pagu"]),
        "pagu_maju": _rupiah(df["pagu_maju"]),
    }).reset_index(drop=True)


def _teks(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else " ".join(str(v).split())


def _rupiah(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").round().astype("Int64")


def _kunci(kode: str, level: str, nama: str) -> str:
    """The match key: the kode (2- and 4-digit sub-kegiatan alike); an item without kode by its level and name."""
    return kunci_kode(kode) if kode else f"~{level}:{lipat(nama)}"


def _urutan_kode(kunci: str) -> tuple:
    """Kode order: 7.01.01 before 7.01.01.2.01 before 7.01.02; items without kode last."""
    if kunci.startswith("~"):
        return (1, (), kunci)
    bagian = kunci.split(".")
    if all(b.isdigit() for b in bagian):
        return (0, tuple(int(b) for b in bagian), "")
    return (0, (10 ** 9,), kunci)


def gabung_item(item: pd.DataFrame, kecamatan: Sequence[str], tahun: int, kabupaten: str,
                kode_wilayah: dict[str, str] | None = None) -> Rekap:
    """Consolidate the ``item_tc33`` rows of several kecamatan (column ``kecamatan``: its display name;
    ``kode_wilayah``: display name → kode wilayah, '' when not given).

    ``kecamatan``: their order (the columns of the rekap).  Items are matched by kode; when the names of one kode
    differ (folded for case, spacing and punctuation), the most common is used (a tie: the first in kecamatan and
    row order) and the variants are a finding ``nama-berbeda``; a kode listed twice in one kecamatan has its
    amounts added up, finding ``kode-ganda``; an item without kode is matched by level and folded name and reported
    (``tanpa-kode``).
    """
    kosong_panjang = pd.DataFrame(columns=[*KOLOM_REKAP, "kunci"])
    if item.empty:
        return Rekap(pd.DataFrame(columns=["kunci", "level", "kode", "nama"]), kosong_panjang, _catatan([]))
    posisi = {k: i for i, k in enumerate(kecamatan)}
    df = item.assign(_pos=item["kecamatan"].map(posisi)).sort_values(["_pos", "urut"], kind="stable")
    df = df.assign(kunci=[_kunci(k, lv, n) for k, lv, n in zip(df["kode"], df["level"], df["nama"])])
    catatan: list[tuple] = []
    baris_item = []
    for kunci, grup in df.groupby("kunci", sort=False):
        nama, varian = _nama_terbanyak(grup)
        kode = next((k for k in grup["kode"] if k), "")
        level = Counter(grup["level"]).most_common(1)[0][0]
        baris_item.append((kunci, level, kode, nama))
        if varian:
            catatan.append(("nama-berbeda", "", kode, _pesan_varian(kode, nama, grup, varian)))
        if not kode:
            catatan.append(("tanpa-kode", _sebut(grup["kecamatan"].unique()), "",
                            f"{level.capitalize()} '{nama}' tidak berkode; dicocokkan antar-kecamatan menurut "
                            "namanya."))
    item_rekap = pd.DataFrame(baris_item, columns=["kunci", "level", "kode", "nama"])
    item_rekap = item_rekap.iloc[sorted(range(len(item_rekap)), key=lambda i: _urutan_kode(item_rekap["kunci"][i]))]
    item_rekap = item_rekap.reset_index(drop=True)

    ganda = df.groupby(["_pos", "kunci"], sort=False).filter(lambda g: len(g) > 1)
    for (_, kunci), grup in ganda.groupby(["_pos", "kunci"], sort=False):
        kec = grup["kecamatan"].iloc[0]
        nama = "; ".join(f"'{n}'" for n in dict.fromkeys(grup["nama"]))
        catatan.append(("kode-ganda", kec, grup["kode"].iloc[0],
                        f"Kode {grup['kode'].iloc[0] or '(tanpa kode)'} tercantum {len(grup)} kali di Kecamatan "
                        f"{kec} ({nama}); pagunya dijumlahkan dalam rekap."))
    jumlah = (df.groupby(["_pos", "kecamatan", "kunci"], sort=False)[["pagu", "pagu_maju"]]
              .sum(min_count=1).reset_index())
    info = item_rekap.set_index("kunci")
    panjang = pd.DataFrame({
        "tahun": int(tahun),
        "kabupaten": kabupaten,
        "kode_wilayah": jumlah["kecamatan"].astype(str).map(lambda k: (kode_wilayah or {}).get(k, "")),
        "kecamatan": jumlah["kecamatan"].astype(str),
        "level": jumlah["kunci"].map(info["level"]),
        "kode": jumlah["kunci"].map(info["kode"]),
        "nama": jumlah["kunci"].map(info["nama"]),
        "pagu": jumlah["pagu"].astype("Int64"),
        "pagu_maju": jumlah["pagu_maju"].astype("Int64"),
        "kunci": jumlah["kunci"],
        "_pos": jumlah["_pos"],
        "_urut": jumlah["kunci"].map({k: i for i, k in enumerate(item_rekap["kunci"])}),
    })
    panjang = panjang.sort_values(["_pos", "_urut"], kind="stable").drop(columns=["_pos", "_urut"])
    return Rekap(item_rekap, panjang.reset_index(drop=True), _catatan(catatan))


def _nama_terbanyak(grup: pd.DataFrame) -> tuple[str, list[tuple[str, list[str]]]]:
    """The name most rows use (folded forms compared; its most common spelling), and the other names with their
    kecamatan."""
    lipatan = grup["nama"].map(lipat)
    hitung = Counter(lipatan)
    urutan = list(dict.fromkeys(lipatan))
    menang = max(urutan, key=lambda k: (hitung[k], -urutan.index(k)))
    ejaan = Counter(n for n, f in zip(grup["nama"], lipatan) if f == menang)
    urut_ejaan = list(dict.fromkeys(n for n, f in zip(grup["nama"], lipatan) if f == menang))
    nama = max(urut_ejaan, key=lambda n: (ejaan[n], -urut_ejaan.index(n)))
    varian = []
    for f in urutan:
        if f == menang:
            continue
        baris = grup[lipatan == f]
        varian.append((baris["nama"].iloc[0], list(dict.fromkeys(baris["kecamatan"]))))
    return nama, varian


def _pesan_varian(kode: str, nama: str, grup: pd.DataFrame, varian: list[tuple[str, list[str]]]) -> str:
    dipakai = list(dict.fromkeys(grup.loc[grup["nama"].map(lipat) == lipat(nama), "kecamatan"]))
    lain = "; ".join(f"'{n}' ({_sebut(kec)})" for n, kec in varian)
    return (f"Kode {kode or '(tanpa kode)'} tercantum dengan nama berbeda; rekap memakai '{nama}' "
            f"({_sebut(dipakai)}). Varian: {lain}.")


def _sebut(nama: Sequence[str]) -> str:
    nama = list(nama)
    if len(nama) <= _MAKS_NAMA_DISEBUT:
        return ", ".join(nama)
    return f"{', '.join(nama[:_MAKS_NAMA_DISEBUT])} dan {len(nama) - _MAKS_NAMA_DISEBUT} lainnya"


def _catatan(baris: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(baris, columns=list(KOLOM_CATATAN)).astype(str)


def tabel_pagu(rekap: Rekap, kecamatan: Sequence[str], nilai: str) -> TabelPagu:
    """The amount ``nilai`` ('pagu' or 'pagu_maju') of ``rekap`` as items × ``kecamatan`` with its totals."""
    kecamatan = list(kecamatan)
    item = rekap.item
    if rekap.panjang.empty:
        tabel = pd.DataFrame(index=item.index, columns=kecamatan, dtype="Int64")
    else:
        tabel = (rekap.panjang.pivot(index="kunci", columns="kecamatan", values=nilai)
                 .reindex(index=item["kunci"], columns=kecamatan).astype("Int64"))
        tabel.index = item.index
    tabel.columns = kecamatan
    jumlah = tabel.sum(axis=1, min_count=0).astype("Int64") if kecamatan else pd.Series(0, index=item.index,
                                                                                          dtype="Int64")
    program = (item["level"] == "program").to_numpy()
    total = tabel[program].sum(min_count=0).astype("Int64").reindex(kecamatan).fillna(0)
    return TabelPagu(item, tabel, jumlah, total, int(total.sum()))


# ------------------------------------------------------------------------------------------------ status


def baca_daftar_kecamatan(teks: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The expected kecamatan from the text of the operator's list; returns (KOLOM_DAFTAR frame, catatan).

    One name per line, or a CSV (``,``, ``;`` or tab, as the reader decides: transforms.sel.pemisah_csv over the
    lines kept, when the first of them holds one of them) whose header names a column ``kecamatan`` (and optionally
    ``kabupaten``: its rows apply to that kabupaten only).  Blank lines and lines starting with '#' are skipped;
    a leading 'Kecamatan'/'Kec.' is not part of the name.  A name listed twice (same slug) counts once, reported.
    """
    baris = [(i, b.strip()) for i, b in enumerate(teks.lstrip("\ufeff").splitlines(), start=1)]
    baris = [(i, b) for i, b in baris if b and not b.startswith("#")]
    rows: list[tuple[str, str, int]] = []
    if baris:
        satu_kolom = not any(p in baris[0][1] for p in PEMISAH_CSV)
        pemisah = None if satu_kolom else pemisah_csv("\n".join(b for _, b in baris))
        kepala = [slug(s) for s in _pisah(baris[0][1], pemisah)]
        i_kec = next((j for j, k in enumerate(kepala) if k in _KEPALA_KECAMATAN), None)
        if i_kec is None:
            rows = [("", _tanpa_awalan(b.strip('"')), i) for i, b in baris]
        else:
            i_kab = next((j for j, k in enumerate(kepala) if k in _KEPALA_KABUPATEN), None)
            for i, b in baris[1:]:
                sel = _pisah(b, pemisah)
                kec = _tanpa_awalan(sel[i_kec]) if i_kec < len(sel) else ""
                kab = _tanpa_awalan(sel[i_kab]) if i_kab is not None and i_kab < len(sel) else ""
                if kec:
                    rows.append((kab, kec, i))
    catatan, dilihat, hasil = [], {}, []
    for kab, kec, i in rows:
        kunci = (slug(kab) if kab else "", slug(kec))
        if kunci in dilihat:
            catatan.append(("daftar-ganda", kec, "", f"Kecamatan '{kec}' tercantum lagi di baris {i} daftar "
                                                     f"(pertama di baris {dilihat[kunci]}); dihitung sekali."))
            continue
        dilihat[kunci] = i
        hasil.append((kab, kec, slug(kec), i, ""))
    return pd.DataFrame(hasil, columns=list(KOLOM_DAFTAR)), _catatan(catatan)


def _pisah(teks: str, pemisah: str | None) -> list[str]:
    if pemisah is None:
        return [teks.strip().strip('"').strip()]
    return [s.strip() for s in next(csv.reader([teks], delimiter=pemisah))]


def _tanpa_awalan(nama: str) -> str:
    """'Kecamatan Senduro', 'Kec. Senduro' → 'Senduro' (a name that is only the word stays)."""
    kata = " ".join(nama.split()).split(" ")
    if len(kata) > 1 and slug(kata[0]) in _AWALAN:
        kata = kata[1:]
    return " ".join(kata)


def daftar_untuk(daftar: pd.DataFrame, kabupaten: str) -> pd.DataFrame:
    """The rows of ``daftar`` for the kabupaten whose folder (slug) is ``kabupaten``: its own and those without."""
    kab = daftar["kabupaten"].map(lambda k: slug(k) if k else "")
    return daftar[(kab == "") | (kab == kabupaten)].reset_index(drop=True)


def status_kecamatan(ditemukan: pd.DataFrame, daftar: pd.DataFrame | None, tahun: int,
                     kabupaten: str) -> pd.DataFrame:
    """One KOLOM_STATUS row per kecamatan: expected ones (``daftar``, in its order) then the others found.

    ``ditemukan``: one row per kecamatan output folder: ``folder`` (its slug name), ``kecamatan`` (display name),
    ``tabel`` (the table names that arrived, e.g. 'T-C.33'), ``dibuat``, ``berkas``, ``galat``, ``peringatan``,
    ``keterangan`` and optionally ``kode_wilayah``.  Names are compared by slug; ``daftar``'s ``kode_wilayah`` (the
    official list: in kode order) is each expected kecamatan's code.  Without ``daftar`` every kecamatan found is listed (sorted by
    folder) and ``dalam_daftar`` is empty; with it, an expected kecamatan without a folder is ``belum-mengirim``
    and a found one not in it is marked (``dalam_daftar`` False, keterangan DI_LUAR_DAFTAR).
    """
    per_folder = {r["folder"]: r for r in ditemukan.to_dict("records")}
    baris = []
    if daftar is None:
        urutan = [(f, pd.NA, None) for f in sorted(per_folder)]
    else:
        diharapkan = list(dict.fromkeys(daftar["slug"]))
        nama_daftar = dict(zip(daftar["slug"], daftar["kecamatan"]))
        kode_daftar = dict(zip(daftar["slug"], daftar["kode_wilayah"])) if "kode_wilayah" in daftar else {}
        urutan = [(s, True, nama_daftar[s]) for s in diharapkan]
        urutan += [(f, False, None) for f in sorted(per_folder) if f not in nama_daftar]
    for folder, dalam, nama_daftar in urutan:
        r = per_folder.get(folder)
        kode = (kode_daftar.get(folder) if daftar is not None else None) or (r or {}).get("kode_wilayah") or ""
        baris.append(_baris_status(r, folder, nama_daftar, dalam) | {"tahun": int(tahun), "kabupaten": kabupaten,
                                                                     "kode_wilayah": kode})
    status = pd.DataFrame(baris, columns=list(KOLOM_STATUS))
    return status.astype({"dalam_daftar": "boolean", **dict.fromkeys(KOLOM_ADA, "boolean"), "jumlah_tabel": "Int64",
                          "galat": "Int64", "peringatan": "Int64", "tahun": "Int64"})


def _baris_status(r: dict | None, folder: str, nama_daftar: str | None, dalam) -> dict:
    """The status row of one kecamatan: ``r`` its row of ``ditemukan`` (None: nothing arrived)."""
    if r is None:
        return {"kecamatan": nama_daftar, "folder": folder, "dalam_daftar": dalam, "status": BELUM_MENGIRIM,
                **dict.fromkeys(KOLOM_ADA, pd.NA), "jumlah_tabel": None, "tabel_belum_ada": "", "dibuat": "",
                "berkas": "", "galat": None, "peringatan": None, "keterangan": ""}
    tabel = set(r["tabel"])
    keterangan = [k for k in (DI_LUAR_DAFTAR if dalam is False else "", r.get("keterangan") or "") if k]
    return {"kecamatan": r["kecamatan"] or nama_daftar or folder, "folder": folder, "dalam_daftar": dalam,
            "status": LENGKAP if all(t in tabel for t in TABEL_RENJA) else BELUM_LENGKAP,
            **{k: t in tabel for k, t in zip(KOLOM_ADA, TABEL_RENJA)},
            "jumlah_tabel": sum(t in tabel for t in TABEL_RENJA),
            "tabel_belum_ada": ", ".join(t for t in TABEL_RENJA if t not in tabel),
            "dibuat": r.get("dibuat") or "", "berkas": r.get("berkas") or "", "galat": r.get("galat"),
            "peringatan": r.get("peringatan"), "keterangan": " ".join(keterangan)}


def status_provinsi(provinsi: pd.DataFrame, status: dict[str, pd.DataFrame], tahun: int) -> pd.DataFrame:
    """One KOLOM_PROVINSI row per kabupaten/kota of a province (``provinsi``: its kabupaten in kode order, columns
    ``kode_provinsi``, ``provinsi``, ``kode_kabupaten``, ``kabupaten``, ``jumlah_kecamatan``): how many of its
    kecamatan are complete, incomplete, missing, by its rekap status (``status``: kode kabupaten → the KOLOM_STATUS
    frame); a kabupaten without outputs has every kecamatan missing."""
    baris = []
    for r in provinsi.to_dict("records"):
        s = status.get(r["kode_kabupaten"])
        hitung, luar = dict.fromkeys(LABEL_STATUS, 0), 0
        if s is not None:  # the kecamatan of the official list only; the others are counted apart
            dalam = s["dalam_daftar"].eq(True).fillna(False).astype(bool)
            hitung = {k: int(((s["status"] == k) & dalam).sum()) for k in LABEL_STATUS}
            luar = int(s["dalam_daftar"].eq(False).fillna(False).astype(bool).sum())
        jumlah = int(r["jumlah_kecamatan"])
        baris.append({**r, "tahun": int(tahun), "lengkap": hitung[LENGKAP], "belum_lengkap": hitung[BELUM_LENGKAP],
                      "belum_mengirim": jumlah - hitung[LENGKAP] - hitung[BELUM_LENGKAP],
                      "persen_lengkap": round(100 * hitung[LENGKAP] / jumlah, 1) if jumlah else 0.0,
                      "di_luar_daftar": luar})
    return pd.DataFrame(baris, columns=list(KOLOM_PROVINSI))


def ringkas_status(status: pd.DataFrame) -> dict[str, list[str]]:
    """Kecamatan names per status (``lengkap``, ``belum-lengkap`` with the missing tables in brackets,
    ``belum-mengirim``) and ``di-luar-daftar``, each in the order of ``status``."""
    def nama(mask) -> list[str]:
        return list(status.loc[mask, "kecamatan"])

    belum = status[status["status"] == BELUM_LENGKAP]
    return {
        LENGKAP: nama(status["status"] == LENGKAP),
        BELUM_LENGKAP: [f"{k} (belum ada {t})" for k, t in zip(belum["kecamatan"], belum["tabel_belum_ada"])],
        BELUM_MENGIRIM: nama(status["status"] == BELUM_MENGIRIM),
        "di-luar-daftar": nama(status["dalam_daftar"].eq(False).fillna(False).astype(bool)),
    }
