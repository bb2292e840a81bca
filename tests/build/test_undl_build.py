"""``cybercrime build --undl FILE`` end to end on a temporary copy of data/ (fixtures: tests/fixtures/undl/)."""
import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.core.paths import DATA_DIR
from analysis.data.validate import validate

pytestmark = [pytest.mark.sources, pytest.mark.slow]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "undl"
AGREE, NEW = FIXTURES / "agree_75_240.csv", FIXTURES / "new_session_81.csv"


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def out(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def build(sources_dir, out, undl) -> int:
    return main(["build", "--sources", str(sources_dir), "--out", str(out), "--undl", str(undl)])


def test_a_disagreement_stops_the_build_and_leaves_data_untouched(sources_dir, out, tmp_path, capsys):
    lines = AGREE.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines, start=1) if ",JPN,JAPAN,N," in line)
    text = "".join(lines).replace(",JPN,JAPAN,N,", ",JPN,JAPAN,Y,").replace(",92,50,21,", ",93,49,21,")
    bad = tmp_path / "disagree.csv"
    bad.write_text(text, encoding="utf-8")
    before = digests(out)
    assert build(sources_dir, out, bad) == 1
    err = capsys.readouterr().err
    assert (f"ERROR disagree.csv, row {row}, column 'ms_vote': A/RES/75/240 (X75-240, 2020-12-31): JAPAN (JPN) is "
            "'yes' in the UN Digital Library file but 'no' in the project data (unxml)") in err.splitlines()
    assert "build stopped: 3 problem(s)" in err and "Traceback" not in err
    assert digests(out) == before


def test_a_download_that_agrees_writes_the_same_files(sources_dir, out, capsys):
    assert build(sources_dir, out, AGREE) == 0
    assert "1 roll calls agree with the project data; 0 added" in capsys.readouterr().err
    assert digests(out) == digests(DATA_DIR)


def test_a_new_session_is_added_with_its_source_and_validates(sources_dir, out):
    before = digests(out)
    assert build(sources_dir, out, NEW) == 0
    after = digests(out)
    assert {n for n in after if after[n] != before[n]} == {"rollcalls.csv", "votes.csv.gz", "datapackage.json"}
    assert validate(out) == []
    read = {name: pd.read_csv(folder / name, dtype=str, keep_default_na=False)
            for folder, name in [(out, "rollcalls.csv"), (out, "votes.csv.gz")]}
    rc, votes = read["rollcalls.csv"], read["votes.csv.gz"]
    old_rc = pd.read_csv(DATA_DIR / "rollcalls.csv", dtype=str, keep_default_na=False)
    old_votes = pd.read_csv(DATA_DIR / "votes.csv.gz", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(rc[rc["source"] != "undl"].reset_index(drop=True), old_rc)
    pd.testing.assert_frame_equal(votes[~votes["rollcall_id"].str.startswith("U")].reset_index(drop=True), old_votes)
    new = rc[rc["source"] == "undl"].set_index("rollcall_id")
    assert list(new.index) == ["U9990811", "U9990812"]
    assert new.loc["U9990812", ["session", "special_session", "symbol", "ict", "ict_scope"]].tolist() == [
        "81", "ES-11", "A/RES/ES-11/9002", "false", "unclassified"]
    added = votes[votes["rollcall_id"] == "U9990811"].set_index("iso3")["vote"].to_dict()
    assert added == {"BRA": "absent", "CAN": "yes", "JPN": "yes", "RUS": "no", "SRB": "abstain"}
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "rollcalls")
    assert "undl" in {s["id"] for s in resource["sources"]}
    assert "new_session_81.csv (SHA-256 " + hashlib.sha256(NEW.read_bytes()).hexdigest() in resource["notes"][-1]
