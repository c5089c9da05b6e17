"""Data a run loads: the nomenclature (built-in and the operator's list) and the official list of units."""
