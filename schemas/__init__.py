"""Declarations: table layouts, vocabularies, kode rules, rule codes and suites. No IO at import time."""
