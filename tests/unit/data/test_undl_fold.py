"""Folding a UN Digital Library download into the vote tables: tiny hand-made tables first, then the
fixtures of ``tests/fixtures/undl/`` against the shipped tables."""
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.core.errors import DataErrors
from analysis.data import schema
from analysis.data.build import undl_fold
from analysis.data.build.undl_fold import fold_undl, symbol_key
from analysis.data.sources.undl import read_undl_csv

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "undl"
AGREE, NEW = FIXTURES / "agree_75_240.csv", FIXTURES / "new_session_81.csv"


def project(*rows) -> pd.DataFrame:
    """Built roll calls with the build's dtypes; each row gives id, session, date, symbol, modality, source, tallies."""
    out = []
    for rid, session, date, symbol, modality, source, tally in rows:
        yes, no, abstain = tally or (None, None, None)
        out.append({"rollcall_id": rid, "session": session, "special_session": "", "date": date, "year": int(date[:4]),
                    "symbol": symbol, "title": "t", "kind": "resolution", "modality": modality, "yes": yes, "no": no,
                    "abstain": abstain, "ict": False, "cybercrime": False, "ict_scope": "", "important": None,
                    "committee": "", "meeting_record": "", "tally_source": "", "source": source})
    frame = pd.DataFrame(out, columns=schema.columns("rollcalls"))
    for col in ("session", "year", "yes", "no", "abstain"):
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    for col in ("ict", "cybercrime", "important"):
        frame[col] = pd.array(frame[col].tolist(), dtype="boolean")
    return frame


def votes(rid: str, **by_iso3) -> pd.DataFrame:
    return pd.DataFrame([{"rollcall_id": rid, "iso3": k, "vote": v} for k, v in by_iso3.items()])


def undl(*rollcalls) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Frames as read_undl_csv returns them: each roll call is (undl_id, date, symbol, {iso3: vote}, tallies);
    CSV rows are numbered from 2 in the order given."""
    rc, vs, line = [], [], 2
    for uid, date, symbol, by_iso3, tally in rollcalls:
        yes, no, abstain = tally or (None, None, None)
        regular = re.match(r"^A/RES/(\d+)/", symbol)  # the loader's rule: the symbol's session, else the date's
        session = int(regular.group(1)) if regular else int(date[:4]) - 1945 - (int(date[5:7]) < 9)
        rc.append({"rollcall_id": f"U{uid}", "date": date, "session": session,
                   "symbol": symbol, "title": "u", "kind": "resolution", "modality": "recorded", "source": "undl",
                   "meeting_record": "", "line": line, "yes": yes, "no": no, "abstain": abstain})
        for iso3, vote in by_iso3.items():
            vs.append({"rollcall_id": f"U{uid}", "iso3": iso3, "vote": vote, "ms_name": iso3.title(), "line": line})
            line += 1
    frame = pd.DataFrame(rc)
    for col in ("session", "yes", "no", "abstain"):
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    return frame, pd.DataFrame(vs)


# A DGACM roll call of session 75 (absences listed), one of session 74 kept from unvotes (no absent rows),
# and two adopted without a vote (DGACM's first session, 74, opens the window).
RC = project(("X74-1", 74, "2019-10-10", "A/RES/74/1", "without_vote", "unxml", None),
             ("V9087", 74, "2019-12-27", "A/RES/74/247", "recorded", "unvotes", (2, 1, 0)),
             ("X75-240", 75, "2020-12-31", "A/RES/75/240", "recorded", "unxml", (1, 1, 1)),
             ("X75-1", 75, "2020-10-01", "A/RES/75/1", "without_vote", "unxml", None))
VOTES = pd.concat([votes("V9087", JPN="yes", CAN="yes", RUS="no"),
                   votes("X75-240", JPN="no", CAN="abstain", RUS="yes", SRB="absent")], ignore_index=True)
X75_240 = {"JPN": "no", "CAN": "abstain", "RUS": "yes", "SRB": "absent"}


def fold(*rollcalls):
    rc, vs = undl(*rollcalls)
    return fold_undl(RC, VOTES, rc, vs, file="votes.csv")


@pytest.mark.parametrize("raw, key", [
    ("A/RES/75/240", ("A/RES/75/240", "")), ("A/RES/75/254 A-C", ("A/RES/75/254", "A-C")),
    ("a/res/75/254A", ("A/RES/75/254", "A")), ("A/RES/ES-11/1", ("A/RES/ES-11/1", "")),
    ("A/RES/75/254 A\u2013C", ("A/RES/75/254", "A-C")), ("A/75/L.55", None), ("", None)])
def test_symbol_key(raw, key):
    assert symbol_key(raw) == key


def test_agreeing_rollcalls_change_nothing():
    out = fold((1, "2020-12-31", "A/RES/75/240", X75_240, (1, 1, 1)),
               (2, "2020-10-01", "A/RES/75/1", {"JPN": "absent", "CAN": "absent"}, None))
    pd.testing.assert_frame_equal(out.rollcalls, RC)
    pd.testing.assert_frame_equal(out.votes, VOTES)
    assert out.agreed == ["X75-240", "X75-1"] and out.added == []


def test_absent_not_listed_and_no_row_are_the_same_class():
    # unvotes has no row for SRB or BRA in 74/247; the download marks them NV; DGACM's absent SRB in 75/240
    # is simply not listed in the download.
    out = fold((1, "2019-12-27", "A/RES/74/247", {"JPN": "yes", "CAN": "yes", "RUS": "no", "SRB": "absent",
                                                  "BRA": "absent"}, (2, 1, 0)),
               (2, "2020-12-31", "A/RES/75/240", {k: v for k, v in X75_240.items() if k != "SRB"}, None))
    assert out.agreed == ["V9087", "X75-240"]


def test_a_flipped_vote_stops_naming_rollcall_country_row_and_both_votes():
    flipped = X75_240 | {"JPN": "yes"}
    with pytest.raises(DataErrors) as info:
        fold((1, "2020-12-31", "A/RES/75/240", flipped, None))
    [e] = info.value.errors
    assert (e.file, e.row, e.column) == ("votes.csv", 2, "ms_vote")
    assert "A/RES/75/240 (X75-240, 2020-12-31)" in e.message and "Jpn (JPN)" in e.message
    assert "'yes' in the UN Digital Library file but 'no' in the project data (unxml)" in e.message


@pytest.mark.parametrize("theirs, ours, column, words", [
    ({"SRB": "yes"}, {}, "ms_vote", "'yes' in the UN Digital Library file but 'absent'"),
    ({"CAN": "absent"}, {}, "ms_vote", "'absent' in the UN Digital Library file but 'abstain'"),
    ({}, {"CAN"}, "ms_name", "not listed in the UN Digital Library file but 'abstain'"),
])
def test_a_cast_vote_against_not_voting_is_a_disagreement(theirs, ours, column, words):
    given = {k: v for k, v in (X75_240 | theirs).items() if k not in ours}
    with pytest.raises(DataErrors) as info:
        fold((1, "2020-12-31", "A/RES/75/240", given, None))
    [e] = info.value.errors
    assert e.column == column and words in e.message


def test_no_row_in_unvotes_against_a_cast_vote_is_a_disagreement():
    with pytest.raises(DataErrors, match=r"Bra \(BRA\) is 'yes' in the UN Digital Library file but 'not recorded' "
                                         r"in the project data \(unvotes\)"):
        fold((1, "2019-12-27", "A/RES/74/247", {"JPN": "yes", "CAN": "yes", "RUS": "no", "BRA": "yes"}, None))


def test_official_tallies_must_agree():
    with pytest.raises(DataErrors) as info:
        fold((1, "2020-12-31", "A/RES/75/240", X75_240, (1, 2, 1)))
    [e] = info.value.errors
    assert e.column == "total_no" and "official no tally 2 in the UN Digital Library file but 1" in e.message


def test_same_symbol_on_another_date_stops():
    with pytest.raises(DataErrors, match=r"A/RES/75/240 \(X75-240\): date 2021-01-05 .* but 2020-12-31"):
        fold((1, "2021-01-05", "A/RES/75/240", X75_240, None))


def test_votes_cast_on_a_text_adopted_without_a_vote_stop():
    with pytest.raises(DataErrors, match=r"A/RES/75/1 \(X75-1, 2020-10-01\): 1 votes cast .* adopted without a vote"):
        fold((2, "2020-10-01", "A/RES/75/1", {"JPN": "yes", "CAN": "absent"}, None))


def test_modality_unknown_in_the_project_is_listed_not_compared():
    rc = pd.concat([RC, project(("X79-259_A-C", 79, "2024-12-24", "A/RES/79/259 A-C", "unknown", "unxml", None))],
                   ignore_index=True)
    u_rc, u_votes = undl((3, "2024-12-24", "A/RES/79/259A-C", {"JPN": "yes"}, None))
    out = fold_undl(rc, VOTES, u_rc, u_votes)
    assert out.unknown == ["X79-259_A-C"] and out.added == [] and len(out.rollcalls) == len(rc)


def test_new_rollcalls_are_added_with_their_source_and_no_guessed_flags():
    out = fold((811, "2026-10-15", "A/RES/81/5A", {"JPN": "yes", "CAN": "absent", "RUS": "no"}, (1, 1, 0)),
               (812, "2026-11-20", "A/RES/ES-11/9", {"JPN": "abstain"}, None))
    assert out.added == ["U811", "U812"] and len(out.rollcalls) == len(RC) + 2
    pd.testing.assert_frame_equal(out.rollcalls.iloc[: len(RC)], RC)
    assert dict(out.rollcalls.dtypes) == dict(RC.dtypes)
    new = out.rollcalls.set_index("rollcall_id").loc[["U811", "U812"]]
    assert list(new["symbol"]) == ["A/RES/81/5 A", "A/RES/ES-11/9"]
    assert list(new["special_session"]) == ["", "ES-11"] and list(new["session"]) == [81, 81]
    assert set(new["source"]) == {"undl"} and set(new["modality"]) == {"recorded"}
    assert list(new["tally_source"]) == [undl_fold.TALLY_SOURCE, ""] and new.at["U812", "yes"] is pd.NA
    assert not new["ict"].any() and not new["cybercrime"].any() and set(new["ict_scope"]) == {"unclassified"}
    assert new["important"].isna().all()
    added = out.votes.iloc[len(VOTES):]
    assert list(added.columns) == ["rollcall_id", "iso3", "vote"]
    assert sorted(map(tuple, added.values.tolist())) == [("U811", "CAN", "absent"), ("U811", "JPN", "yes"),
                                                        ("U811", "RUS", "no"), ("U812", "JPN", "abstain")]


def test_parts_recorded_differently_are_set_aside():
    rc = pd.concat([RC, project(("X75-254_A-C", 75, "2020-12-31", "A/RES/75/254 A-C", "recorded", "unxml", None))],
                   ignore_index=True)
    u_rc, u_votes = undl((4, "2020-12-31", "A/RES/75/254 A", {"JPN": "yes"}, None))
    out = fold_undl(rc, VOTES, u_rc, u_votes)
    assert out.added == [] and out.agreed == [] and out.set_aside == ["A/RES/75/254 A (project: A/RES/75/254 A-C)"]


def test_rollcalls_before_the_dgacm_window_are_left_to_unvotes():
    out = fold((5, "1990-12-01", "A/RES/45/1", {"JPN": "yes"}, None))
    assert out.before_window == 1 and out.added == [] and out.window == 74


def test_the_session_is_the_symbols_for_regular_resolutions():
    # a text of session 73 adopted in the September that opens session 74 is still of the unvotes era; one of
    # session 80 adopted in September 2026 is session 80 (as DGACM records it), not 81
    out = fold((10, "2019-09-09", "A/RES/73/999", {"JPN": "yes"}, None),
               (11, "2026-09-05", "A/RES/80/9001", {"JPN": "yes"}, None))
    assert out.before_window == 1 and out.added == ["U11"]
    assert out.rollcalls.set_index("rollcall_id").at["U11", "session"] == 80


def test_two_records_of_one_resolution_stop():
    with pytest.raises(DataErrors, match=r"a second record \(undl_id 7\) besides row 2"):
        fold((6, "2026-10-15", "A/RES/81/5", {"JPN": "yes"}, None), (7, "2026-10-15", "A/RES/81/5", {"JPN": "no"}, None))


def test_a_new_rollcall_without_a_cast_vote_stops():
    with pytest.raises(DataErrors, match="no vote cast"):
        fold((8, "2026-10-15", "A/RES/81/6", {"JPN": "absent"}, None))


def test_a_symbol_that_is_not_a_resolution_stops():
    with pytest.raises(DataErrors) as info:
        fold((9, "2026-10-15", "A/81/L.5", {"JPN": "yes"}, None))
    assert info.value.errors[0].column == "resolution" and "cannot be identified" in info.value.errors[0].message


def test_every_problem_is_listed_in_row_order():
    with pytest.raises(DataErrors) as info:
        fold((1, "2020-12-31", "A/RES/75/240", X75_240 | {"JPN": "yes", "RUS": "no"}, None),
             (9, "2026-10-15", "A/81/L.5", {"JPN": "yes"}, None))
    assert [e.row for e in info.value.errors] == [2, 4, 6]


def test_table_specs_only_when_rows_were_added(tmp_path):
    csv = tmp_path / "undl.csv"
    csv.write_text("x\n")
    assert undl_fold.table_specs(RC, csv) is None
    out = fold((811, "2026-10-15", "A/RES/81/5", {"JPN": "yes"}, None))
    specs = undl_fold.table_specs(out.rollcalls, csv)
    fields = {f["name"]: f for f in specs["rollcalls"]["fields"]}
    assert "undl" in fields["source"]["constraints"]["enum"] and "undl" in specs["votes"]["sources"]
    assert fields["rollcall_id"]["constraints"]["pattern"].startswith("^[VXIU]")
    assert "undl.csv (SHA-256 " in specs["rollcalls"]["notes"][-1]
    assert "undl" not in schema.TABLES["rollcalls"]["sources"]  # the shared specs are untouched
    listed = {s["id"]: s["path"] for s in schema.datapackage(specs)["sources"]}
    assert listed["undl"] == "https://digitallibrary.un.org/record/4060887"
    assert "undl" not in {s["id"] for s in schema.datapackage()["sources"]}


# --------------------------------------------------------------------------- the fixtures on the shipped tables

@pytest.fixture(scope="module")
def registry(data):
    return data.countries.astype(object).where(data.countries.notna(), None)


@pytest.fixture(scope="module")
def shipped(data):
    return data.rollcalls, data.votes.astype({"vote": object})


def test_fixture_that_agrees_leaves_the_tables_as_they_are(shipped, registry):
    rc, vs = shipped
    out = fold_undl(rc, vs, *read_undl_csv(AGREE, registry), file=AGREE.name)
    assert out.agreed == ["X75-240"] and out.added == []
    assert out.rollcalls is not rc and out.rollcalls.equals(rc) and out.votes.equals(vs)


def test_fixture_with_one_vote_flipped_stops(shipped, registry, tmp_path):
    rc, vs = shipped
    bad = tmp_path / "disagree.csv"
    text = AGREE.read_text(encoding="utf-8").replace(",JPN,JAPAN,N,", ",JPN,JAPAN,Y,")
    bad.write_text(text.replace(",92,50,21,", ",93,49,21,"), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        fold_undl(rc, vs, *read_undl_csv(bad, registry), file=bad.name)
    votes_errors = [e for e in info.value.errors if e.column == "ms_vote"]
    assert [e.message for e in votes_errors] == [
        "A/RES/75/240 (X75-240, 2020-12-31): JAPAN (JPN) is 'yes' in the UN Digital Library file but 'no' in the "
        "project data (unxml)"]
    assert {e.column for e in info.value.errors} == {"ms_vote", "total_yes", "total_no"}


def test_fixture_of_a_new_session_adds_its_rollcalls(shipped, registry):
    rc, vs = shipped
    out = fold_undl(rc, vs, *read_undl_csv(NEW, registry), file=NEW.name)
    assert out.added == ["U9990811", "U9990812"] and out.agreed == []
    new = out.rollcalls[out.rollcalls["source"] == "undl"]
    assert list(new["session"]) == [81, 81] and list(new["meeting_record"]) == ["A/81/PV.9001", ""]
    assert len(out.votes) == len(vs) + 10


@pytest.mark.filterwarnings("ignore:Could not infer format")
@pytest.mark.parametrize("edit, column", [
    (lambda t: t.replace("ms_vote,", "vote_of_state,", 1), None),
    (lambda t: t.replace("JAPAN,Y,", "JAPAN,YES,", 1), "ms_vote"),
    (lambda t: t.replace("2026-10-15", "15 Octember 2026", 1), "date"),
    (lambda t: t.replace(",A/RES/81/9001,", ",A/RES/81/9003,", 1), "resolution"),
    (lambda t: "", None),
])
def test_malformed_downloads_name_file_row_and_column(registry, tmp_path, edit, column):
    bad = tmp_path / "bad.csv"
    bad.write_text(edit(NEW.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises((DataErrors, ValueError)) as info:
        read_undl_csv(bad, registry)
    errors = getattr(info.value, "errors", [info.value])
    assert errors[0].file == "bad.csv" and errors[0].column == column


def test_rows_before_the_window_are_dropped_before_names_are_mapped(registry, tmp_path):
    header, *rows = NEW.read_text(encoding="utf-8").splitlines(keepends=True)
    old = rows[0].replace("9990811", "9990001").replace("2026-10-15", "1990-10-15").replace("JPN,JAPAN", ",ATLANTIS")
    new = [r.replace("CAN,CANADA", ",NARNIA") if i == 6 else r for i, r in enumerate(rows)]
    csv = tmp_path / "mixed.csv"
    csv.write_text(header + old + "".join(new), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        read_undl_csv(csv, registry, from_session=74)
    assert [(e.row, e.column) for e in info.value.errors] == [(9, "ms_name")] and "NARNIA" in str(info.value)
    csv.write_text(header + old + "".join(rows), encoding="utf-8")
    rc, _votes = read_undl_csv(csv, registry, from_session=74)
    assert list(rc["rollcall_id"]) == ["U9990811", "U9990812"] and rc.attrs["before"] == 1
