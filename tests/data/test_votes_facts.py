"""Real facts of the vote record, checked against official tallies and the sources' own checks."""
import pytest


def tally(data, symbol):
    rc = data.rollcalls
    rid = rc.loc[(rc["symbol"] == symbol) & (rc["kind"] == "resolution"), "rollcall_id"]
    assert len(rid) == 1, symbol
    v = data.votes[data.votes["rollcall_id"] == rid.iloc[0]]["vote"].value_counts()
    return int(v.get("yes", 0)), int(v.get("no", 0)), int(v.get("abstain", 0))


@pytest.mark.parametrize("symbol,expected", [
    ("A/RES/73/187", (94, 59, 33)),
    ("A/RES/74/247", (79, 60, 33)),
    ("A/RES/73/27", (119, 46, 14)),
    ("A/RES/73/266", (138, 12, 16)),
    ("A/RES/74/28", (163, 10, 6)),
    ("A/RES/74/29", (129, 6, 45)),
    # 2020-2025: DGACM counts, equal to the unga_ict_votes_2020_2025 CHECKS.md table
    ("A/RES/75/32", (163, 10, 7)),
    ("A/RES/75/240", (92, 50, 21)),
    ("A/RES/77/36", (112, 52, 8)),
    ("A/RES/77/37", (156, 7, 14)),
    ("A/RES/78/16", (161, 9, 11)),
    ("A/RES/78/237", (104, 53, 7)),
    ("A/RES/80/118", (181, 2, 1)),
])
def test_cyber_roll_call_counts_equal_published_tallies(data, symbol, expected):
    assert tally(data, symbol) == expected


@pytest.mark.parametrize("rid,expected", [("V9087", (79, 60, 33)), ("V6138", (94, 59, 33))])
def test_official_tallies_recorded_for_the_cybercrime_votes(data, rid, expected):
    row = data.rollcalls.set_index("rollcall_id").loc[rid]
    assert (row["yes"], row["no"], row["abstain"]) == expected and row["cybercrime"] and row["tally_source"]


@pytest.mark.parametrize("iso3,symbol,vote", [
    ("SRB", "A/RES/73/187", "yes"), ("SRB", "A/RES/74/247", "yes"),
    ("JPN", "A/RES/73/187", "no"), ("JPN", "A/RES/74/247", "no"),
    ("CAN", "A/RES/73/187", "no"), ("CAN", "A/RES/74/247", "no"),
    ("RUS", "A/RES/74/247", "yes"), ("CHN", "A/RES/74/247", "yes"), ("USA", "A/RES/74/247", "no"),
])
def test_seed_states_votes(data, iso3, symbol, vote):
    rc = data.rollcalls
    rid = rc.loc[rc["symbol"] == symbol, "rollcall_id"].iloc[0]
    v = data.votes[(data.votes["rollcall_id"] == rid) & (data.votes["iso3"] == iso3)]["vote"]
    assert list(v.astype(str)) == [vote]


def test_ict_and_cybercrime_flags_are_the_explicit_list(data):
    rc = data.rollcalls
    crime = set(rc.loc[rc["cybercrime"], "symbol"])
    assert crime == {"A/RES/73/187", "A/RES/74/247", "A/RES/75/282", "A/RES/79/243",
                     "A/75/L.55", "A/75/L.90", "A/75/L.91", "A/75/L.92"}
    ict = set(rc.loc[rc["ict"], "symbol"])
    assert {"A/RES/73/27", "A/RES/73/266", "A/RES/74/28", "A/RES/74/29", "A/RES/76/19", "A/RES/79/237"} <= ict
    assert "A/RES/80/118" not in ict  # adjacent scope (ICT for development)


def test_consensus_texts_are_roll_call_rows(data):
    rc = data.rollcalls.set_index("symbol")
    for symbol in ("A/RES/75/282", "A/RES/76/19", "A/RES/79/243"):
        assert rc.loc[symbol, "modality"] == "without_vote"
    assert rc.loc["A/RES/79/243", "date"] == "2024-12-24"


def test_every_dgacm_resolution_is_kept(data):
    """2,232 records minus 39 repeated copies = 2,193 resolutions; session 74's 90 recorded ones come from unvotes."""
    x = data.rollcalls[data.rollcalls["source"] == "unxml"]
    assert len(x) == 2193 - 90
    notes = data.rollcall_notes
    assert (notes["check"] == "duplicate_record").sum() == 39
    assert set(notes.loc[notes["check"] == "tally_mismatch", "symbol"]) == {"A/RES/77/293"}
    assert set(notes.loc[notes["check"] == "no_country_lists", "symbol"]) == {"A/RES/75/254 A-C"}


def test_absent_members_listed_after_2019(data):
    rid = data.rollcalls.loc[data.rollcalls["symbol"] == "A/RES/75/240", "rollcall_id"].iloc[0]
    v = data.votes[data.votes["rollcall_id"] == rid]
    assert len(v) == 193 and (v["vote"] == "absent").sum() == 193 - 163
