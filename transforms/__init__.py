"""Pure transforms: pandas in, pandas out. No file IO, no prefect, great_expectations, openpyxl or xlsxwriter."""
