"""Write: the standard workbooks, the tidy CSV files, validasi.json and laporan.html of each kecamatan."""
