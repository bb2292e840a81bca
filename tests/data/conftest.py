"""Helpers to edit the files of a copy of data/ (the ``copy`` fixture is in tests/conftest.py)."""
import csv
import gzip
import io


def gzip_bytes(data: bytes) -> bytes:
    """gzip as the build writes it (no file name, zero timestamp, level 9)."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()

def read_rows(path) -> list[list[str]]:
    """A CSV file (gzip or not) as lists of cells, the header first."""
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if path.name.endswith(".gz") else raw).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def write_rows(path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    data = buf.getvalue().encode("utf-8")
    path.write_bytes(gzip_bytes(data) if path.name.endswith(".gz") else data)


def set_cell(path, match, column: str, value: str) -> int:
    """Set `column` of the first row for which ``match(row_dict)`` is true; return its line (header = 1)."""
    rows = read_rows(path)
    header = rows[0]
    for k, row in enumerate(rows[1:], 2):
        if match(dict(zip(header, row, strict=False))):
            row[header.index(column)] = value
            write_rows(path, rows)
            return k
    raise AssertionError(f"no row to edit in {path.name}")
