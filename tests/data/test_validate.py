"""validate: the shipped data passes; each kind of broken input fails with file, row and column.
(The ``copy`` fixture, a small valid copy of data/, is in conftest.py.)"""
import gzip
import subprocess
import sys

from analysis.core.paths import DATA_DIR, ROOT
from analysis.data import validate


def test_shipped_data_is_valid():
    assert validate.validate(DATA_DIR) == []


def edit_votes(path, fn):
    with gzip.open(path / "votes.csv.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    lines = fn(lines)
    (path / "votes.csv.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))


def one(errors, needle):
    hits = [e for e in errors if needle in str(e)]
    assert hits, [str(e) for e in errors]
    return hits[0]


def test_unknown_country(copy):
    edit_votes(copy, lambda ls: [ls[0], ls[1].replace(",JPN,", ",XXA,") if ",JPN," in ls[1] else ls[1].split(",")[0] + ",XXA," + ls[1].split(",")[2]] + ls[2:])
    e = one(validate.validate(copy), "XXA")
    assert (e.file, e.row, e.column) == ("votes.csv.gz", 2, "iso3")


def test_bad_vote_value(copy):
    edit_votes(copy, lambda ls: [ls[0], ls[1].rsplit(",", 1)[0] + ",maybe"] + ls[2:])
    e = one(validate.validate(copy), "maybe")
    assert (e.row, e.column) == (2, "vote")


def test_duplicate_key(copy):
    edit_votes(copy, lambda ls: ls[:2] + [ls[1]] + ls[2:])
    e = one(validate.validate(copy), "duplicate primary key")
    assert (e.file, e.row) == ("votes.csv.gz", 3)


def test_missing_column(copy):
    p = copy / "rollcalls.csv"
    text = p.read_text(encoding="utf-8").splitlines()
    p.write_text("\n".join(",".join(l.split(",")[:-1]) for l in text) + "\n", encoding="utf-8")
    e = one(validate.validate(copy), "missing column")
    assert e.file == "rollcalls.csv" and e.column == "source"


def test_tally_mismatch(copy):
    # drop one 'yes' row of 74/247: counted yes becomes 78 against the official 79
    def drop(ls):
        idx = next(i for i, l in enumerate(ls) if l.startswith("V9087,") and l.endswith(",yes"))
        return ls[:idx] + ls[idx + 1:]
    edit_votes(copy, drop)
    e = one(validate.validate(copy), "official yes tally 79")
    assert e.file == "rollcalls.csv" and e.column == "yes" and e.row > 1


def test_non_utf8_file(copy):
    p = copy / "countries.csv"
    p.write_bytes(p.read_bytes().replace("Côte".encode(), "Côte".encode("latin-1"), 1))
    e = one(validate.validate(copy), "not valid UTF-8")
    assert e.file == "countries.csv"


def test_bad_date(copy):
    p = copy / "rollcalls.csv"
    text = p.read_text(encoding="utf-8").replace("1946-01-01", "1946-13-01", 1)
    p.write_text(text, encoding="utf-8")
    e = one(validate.validate(copy), "not a valid ISO date")
    assert (e.row, e.column) == (2, "date")


def test_cli_exit_codes(copy):
    ok = subprocess.run([sys.executable, "-m", "analysis", "validate", "--data-dir", str(copy)],
                        cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    edit_votes(copy, lambda ls: [ls[0], ls[1].rsplit(",", 1)[0] + ",maybe"] + ls[2:])
    bad = subprocess.run([sys.executable, "-m", "analysis", "validate", "--data-dir", str(copy)],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "votes.csv.gz, row 2, column 'vote'" in bad.stderr


def test_membership_ending_before_it_begins(copy):
    p = copy / "memberships.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    j, l = header.index("joined"), header.index("left")
    row = next(i for i, line in enumerate(lines[1:], 1) if line.split(",")[j][:4].isdigit() and "\"" not in line)
    cells = lines[row].split(",")
    cells[l] = str(int(cells[j][:4]) - 1)
    lines[row] = ",".join(cells)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    e = one(validate.validate(copy), "memberships.csv")
    assert e.row == row + 1


def test_ratified_before_signed(copy):
    p = copy / "participation.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    r = header.index("ratified")
    row = next(i for i, line in enumerate(lines[1:], 1) if line.startswith("ETS185,JPN,"))
    cells = lines[row].split(",")
    cells[r] = "2001-01-01"
    lines[row] = ",".join(cells)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    e = one(validate.validate(copy), "ETS185/JPN: ratified 2001-01-01 is before signed 2001-11-23")
    assert (e.file, e.row, e.column) == ("participation.csv", row + 1, "ratified")
