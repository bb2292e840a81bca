"""`cybercrime export agreement`: writes the table and its descriptor, byte for byte the same twice;
bad arguments are a one-line error with exit status 2. Runs on tiny tables (the loader is replaced)."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.cli import main
from analysis.report import downloads

TINY = SimpleNamespace(
    countries=pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD"], "start": pd.NA, "end": pd.NA}),
    rollcalls=pd.DataFrame({"rollcall_id": ["r1", "r2", "r3", "r4"], "date": ["2000-10-01", "2000-10-02", "2001-10-01", "2001-10-02"],
                            "year": [2000, 2000, 2001, 2001], "session": [55, 55, 56, 56],
                            "ict": pd.array([True, False, False, False], dtype="boolean"),
                            "cybercrime": pd.array([False, False, False, False], dtype="boolean")}),
    votes=pd.DataFrame([("r1", "AAA", "yes"), ("r1", "BBB", "yes"), ("r1", "CCC", "no"), ("r1", "DDD", "abstain"),
                        ("r2", "AAA", "no"), ("r2", "BBB", "yes"), ("r2", "CCC", "no"), ("r2", "DDD", "yes"),
                        ("r3", "AAA", "yes"), ("r3", "BBB", "no"), ("r3", "CCC", "yes"), ("r3", "DDD", "yes"),
                        ("r4", "AAA", "abstain"), ("r4", "BBB", "yes"), ("r4", "CCC", "no"), ("r4", "DDD", "absent")],
                       columns=["rollcall_id", "iso3", "vote"]),
)


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setattr(downloads, "load_vote_tables", lambda data_dir=None: TINY)


def test_export_writes_the_table_and_its_descriptor_identically_twice(tiny, tmp_path, capsys):
    out = tmp_path / "scores.csv"
    assert main(["export", "agreement", "--out", str(out)]) == 0
    assert capsys.readouterr().out.split() == [str(out), str(tmp_path / "scores.resource.json")]
    first = out.read_bytes(), (tmp_path / "scores.resource.json").read_bytes()
    table = pd.read_csv(out)
    assert len(table) == 12 and table.groupby("year").size().to_dict() == {2000: 6, 2001: 6}   # 4 states: 6 pairs a year
    assert table.set_index(["iso3_a", "iso3_b", "year"]).loc[("AAA", "DDD", 2001), "n_shared"] == 1   # DDD absent in r4
    assert main(["export", "agreement", "--out", str(out)]) == 0
    assert (out.read_bytes(), (tmp_path / "scores.resource.json").read_bytes()) == first
    resource = json.loads(first[1])
    assert resource["name"] == "agreement_scores_year_all" and resource["path"] == "scores.csv"


def test_export_by_session_subset_and_parquet(tiny, tmp_path):
    assert main(["export", "agreement", "--by", "session", "--subset", "ict", "--format", "parquet",
                 "--out", str(tmp_path / "sub" / "ict.parquet")]) == 0
    table = pd.read_parquet(tmp_path / "sub" / "ict.parquet")
    assert set(table["session"]) == {55} and set(table["subset"]) == {"ict"} and len(table) == 6
    assert (table["n_shared"] == 1).all()


@pytest.mark.parametrize("argv, message", [
    (["export", "agreement", "--by", "month", "--out", "x.csv"], "invalid choice: 'month'"),
    (["export", "agreement", "--subset", "cyber", "--out", "x.csv"], "invalid choice: 'cyber'"),
    (["export", "votes", "--out", "x.csv"], "invalid choice: 'votes'"),
    (["export", "agreement", "--format", "xlsx", "--out", "x.xlsx"], "invalid choice: 'xlsx'"),
    (["export", "agreement"], "--out"),
])
def test_bad_arguments_exit_2(tiny, argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and message in capsys.readouterr().err


def test_format_and_file_name_must_agree(tiny, tmp_path, capsys):
    assert main(["export", "agreement", "--format", "parquet", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --format parquet needs --out ending in .parquet") and err.count("\n") == 1
    assert main(["export", "agreement", "--out", str(tmp_path / "x.parquet")]) == 2
    assert not list(tmp_path.iterdir())
