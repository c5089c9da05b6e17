"""The validation report a person reads (laporan.html): transforms.laporan's model in the template
flows/templat/laporan.html."""
from __future__ import annotations

from functools import cache
from html import escape

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from transforms.laporan import KOLOM_TEMUAN_LAPORAN, model_laporan, teks_daftar

TEMPLAT_LAPORAN = "laporan.html"
__all__ = ["render_laporan", "teks_daftar"]


@cache
def lingkungan_laporan() -> Environment:
    """The report's Jinja2 environment: every expression escaped, by ``html.escape`` (``finalize``: quotes as
    ``&quot;``/``&#x27;``, the bytes the report has always had; flows.rekap.halaman's pages escape with markupsafe), an
    undefined name an error, the template's last newline kept."""
    return Environment(loader=PackageLoader("flows", "templat"), autoescape=True, undefined=StrictUndefined,
                       finalize=lambda v: Markup(escape(str(v))), keep_trailing_newline=True)


def render_laporan(info: dict, temuan: pd.DataFrame, belum_diperiksa: list[str]) -> str:
    """HTML text of the report (``transforms.laporan.model_laporan`` states what ``info`` holds)."""
    templat = lingkungan_laporan().get_template(TEMPLAT_LAPORAN)
    return templat.render(l=model_laporan(info, temuan, belum_diperiksa), kolom_temuan=KOLOM_TEMUAN_LAPORAN)
