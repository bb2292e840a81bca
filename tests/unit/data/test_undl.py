"""The UN Digital Library voting CSV loader, on a small fixture in that format."""
from pathlib import Path

import pytest

from analysis.core.errors import DataErrors
from analysis.data.sources.undl import read_undl_csv

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "undl_voting_sample.csv"


@pytest.fixture(scope="module")
def registry(data):
    return data.countries.astype(object).where(data.countries.notna(), None)


def test_reads_rollcalls_and_votes(registry):
    rc, votes = read_undl_csv(FIXTURE, registry)
    assert list(rc["symbol"]) == ["A/RES/81/101", "A/RES/81/102"]
    assert list(rc[["yes", "no", "abstain"]].iloc[0]) == [2, 1, 0]
    got = {(r.rollcall_id, r.iso3): r.vote for r in votes.itertuples()}
    assert got[("U9990001", "SRB")] == "yes" and got[("U9990001", "CAN")] == "absent"
    assert got[("U9990002", "CAN")] == "absent" and got[("U9990002", "JPN")] == "abstain"


def test_bad_vote_code_names_row_and_column(registry, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(FIXTURE.read_text().replace("JAPAN,Y,", "JAPAN,Q,", 1))
    with pytest.raises(DataErrors) as info:
        read_undl_csv(bad, registry)
    e = info.value.errors[0]
    assert (e.file, e.row, e.column) == ("bad.csv", 2, "ms_vote")


def test_totals_must_match_rows(registry, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(FIXTURE.read_text().replace("SERBIA,Y,", "SERBIA,N,", 1))
    with pytest.raises(DataErrors, match="total yes 2 but 1 state rows"):
        read_undl_csv(bad, registry)


def test_unknown_state(registry, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(FIXTURE.read_text().replace("JAPAN", "ATLANTIS", 1).replace("JPN,ATLANTIS", ",ATLANTIS", 1))
    with pytest.raises(DataErrors, match="ATLANTIS"):
        read_undl_csv(bad, registry)
