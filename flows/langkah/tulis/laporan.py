"""The validation report a person reads (laporan.html): summary, repaired codes, every finding with its cell."""
from __future__ import annotations

from html import escape

import pandas as pd

from schemas.aturan import GALAT, INFO, PERINGATAN
from schemas.nomenklatur import PERAN_BAWAAN, PESAN_DAFTAR

_JUDUL_TINGKAT = {GALAT: "Galat", PERINGATAN: "Peringatan", INFO: "Info"}
_GAYA = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#dde6f0}
tr.galat td.tingkat{background:#f8d0d0}
tr.peringatan td.tingkat{background:#fbeec0}
tr.info td.tingkat{background:#e3eefc}
.ringkas span{display:inline-block;margin-right:1.5em;font-weight:bold}
p.utama{background:#f8d0d0;border:2px solid #c00;padding:8px 10px;font-weight:bold}
code{font-size:13px}
"""


def render_laporan(info: dict, temuan: pd.DataFrame, belum_diperiksa: list[str]) -> str:
    """HTML text of the report.

    ``info``: ``berkas``, ``tabel``, ``sheet``, ``tahun``, ``kabupaten``, ``kecamatan``, ``kode_wilayah``,
    ``dibuat`` (time text), ``ringkasan`` (counts per severity), ``angka`` (label → value lines, e.g. totals),
    ``data_wilayah`` (the region list's regulation), ``nomenklatur`` (the lists of the nomenclature used:
    ``schemas.nomenklatur.KeteranganDaftar.as_dict()``, one line each) and ``masalah_utama`` (when set, the report's
    first line: a file whose kecamatan is not known says what is missing and how to fix it).
    """
    r = info["ringkasan"]
    bagian = [*([f'<p class="utama">{escape(info["masalah_utama"])}</p>'] if info.get("masalah_utama") else []),
        f"<h1>Laporan Validasi {escape(info['tabel'])}</h1>",
        "<p>" + "<br>".join(f"{escape(k)}: <b>{escape(str(v))}</b>" for k, v in _identitas(info)) + "</p>",
        '<p class="ringkas">' + "".join(f"<span>{_JUDUL_TINGKAT[t]}: {r.get(t, 0)}</span>" for t in _JUDUL_TINGKAT)
        + "</p>",
    ]
    if info.get("daftar_tabel"):
        bagian.append("<h2>Tabel yang ditemukan</h2><table><tr><th>Tabel</th><th>Berkas</th><th>Sheet</th>"
                      "<th>Baris judul kolom</th><th>Jumlah baris data</th></tr>" + "".join(
                          f"<tr><td>{escape(d['tabel'])}</td><td>{escape(d['berkas'])}</td><td>{escape(d['sheet'])}"
                          f"</td><td>{d['baris_header']}</td><td>{'NIHIL' if d['nihil'] else d['jumlah_baris']}</td></tr>"
                          for d in info["daftar_tabel"]) + "</table>")
    if info.get("angka"):
        bagian.append("<h2>Angka pokok</h2><table>" + "".join(
            f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in info["angka"].items()) + "</table>")
    if info.get("nomenklatur"):
        bagian.append("<h2>Nomenklatur yang dipakai</h2><ul>"
                      + "".join(f"<li>{escape(teks_daftar(k))}</li>" for k in info["nomenklatur"]) + "</ul>")
    if belum_diperiksa:
        bagian.append("<h2>Pemeriksaan yang tidak dilakukan</h2><ul>"
                      + "".join(f"<li>{escape(t)}</li>" for t in belum_diperiksa) + "</ul>")
    bagian.append(_tabel_kode_diperbaiki(temuan))
    bagian.append(_tabel_temuan(temuan))
    if info.get("data_wilayah"):
        bagian.append(f"<p><small>Kode wilayah: {escape(info['data_wilayah'])}.</small></p>")
    isi = "\n".join(bagian)
    return (f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
            f"<title>Laporan Validasi {escape(info['tabel'])} {escape(str(info.get('kecamatan') or ''))}</title>"
            f"<style>{_GAYA}</style></head><body>\n{isi}\n</body></html>\n")


def teks_daftar(keterangan: dict) -> str:
    """One line on a list of the nomenclature used (``KeteranganDaftar.as_dict()``): what it is, its file, the
    bidang it gives, its regulation and source."""
    templat = PESAN_DAFTAR.get(keterangan.get("peran"), PESAN_DAFTAR[PERAN_BAWAAN])
    return templat.format(**{**keterangan, "bidang": ", ".join(keterangan.get("bidang") or ()) or "-"})


def _identitas(info: dict):
    for label, kunci in (("Berkas", "berkas"), ("Sheet", "sheet"), ("Tahun", "tahun"), ("Kabupaten", "kabupaten"),
                         ("Kecamatan", "kecamatan"), ("Kode wilayah", "kode_wilayah"), ("Dibuat", "dibuat")):
        yield label, info.get(kunci) if info.get(kunci) not in (None, "") else "(tidak diketahui)"


def _tabel_kode_diperbaiki(temuan: pd.DataFrame) -> str:
    kode = temuan[temuan["aturan"] == "kode-diperbaiki"] if not temuan.empty else temuan
    if kode.empty:
        return "<h2>Kode yang diperbaiki</h2><p>Tidak ada.</p>"
    baris = "".join(
        f"<tr><td>{escape(str(t.sel or ''))}</td><td><code>{escape(str(t.nilai or ''))}</code></td>"
        f"<td><code>{escape(str(t.kode or ''))}</code></td><td>{escape(str(t.pesan))}</td></tr>"
        for t in kode.itertuples())
    return ("<h2>Kode yang diperbaiki</h2><table><tr><th>Sel</th><th>Kode asli</th><th>Kode hasil</th>"
            f"<th>Keterangan</th></tr>{baris}</table>")


def _tabel_temuan(temuan: pd.DataFrame) -> str:
    if temuan.empty:
        return "<h2>Semua temuan</h2><p>Tidak ada temuan.</p>"
    kepala = "".join(f"<th>{h}</th>" for h in ("No", "Tingkat", "Berkas", "Sheet", "Sel", "Kode", "Aturan", "Pesan"))
    baris = "".join(
        f'<tr class="{escape(str(t.tingkat))}"><td>{i}</td><td class="tingkat">'
        f"{_JUDUL_TINGKAT.get(t.tingkat, t.tingkat)}</td><td>{escape(str(t.berkas or ''))}</td>"
        f"<td>{escape(str(t.sheet or ''))}</td><td>{escape(str(t.sel or ''))}</td>"
        f"<td><code>{escape(str(t.kode or ''))}</code></td><td><code>{escape(str(t.aturan))}</code></td>"
        f"<td>{escape(str(t.pesan))}</td></tr>"
        for i, t in enumerate(temuan.itertuples(), start=1))
    return f"<h2>Semua temuan</h2><table><tr>{kepala}</tr>{baris}</table>"
