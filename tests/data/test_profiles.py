"""Country profiles (analysis.profiles): the seed's facts about Japan, Canada and Serbia are in the
profiles, each with its source, both in the tables and in the generated prose; plus small unit tests."""
from __future__ import annotations

import ast
import inspect
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

from analysis import profiles
from analysis.plots import profiles as plot_profiles
from analysis.profiles import text as profile_text

matplotlib.use("Agg")


# ------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def context(data):
    return profiles.profile_context(data, {"unvotes": "https://cran.r-project.org/package=unvotes",
                                           "unxml": "https://github.com/UNxml/GAresolutions"})


@pytest.fixture(scope="module")
def profile(data, context):
    cache = {}

    def get(iso3):
        if iso3 not in cache:
            p = profiles.country_profile(data, iso3, context=context)
            cache[iso3] = (p, profiles.profile_text(p, data))
        return cache[iso3]
    return get


def references(text: str) -> dict[int, str]:
    """Citation number -> source, from the 'Sources' list at the end of the text."""
    tail = text.split("\nSources\n", 1)[1]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\[(\d+)\] (.+)$", tail, re.M)}


def citation_numbers(text: str) -> list[int]:
    """Every citation number in `text`, ranges expanded: "[3–5, 9]" -> 3, 4, 5, 9."""
    out = []
    for group in re.findall(r"\[([\d–, ]+)\]", text):
        for part in group.split(","):
            lo, _, hi = part.strip().partition("–")
            out += list(range(int(lo), int(hi or lo) + 1))
    return out


def cited(text: str, *words: str) -> list[str]:
    """Sources cited in the sentences of the prose that contain every one of `words`."""
    body = text.split("\nSources\n", 1)[0]
    refs = references(text)
    sentences = re.split(r"(?<=\.)\s+(?=[A-Z“])", body)
    hits = [s for s in sentences if all(w in s for w in words)]
    assert hits, f"no sentence with {words!r}"
    out = [refs[n] for s in hits for n in citation_numbers(s)]
    assert out, f"sentence with {words!r} cites no source: {hits}"
    return out


def one(frame: pd.DataFrame, **conditions) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, test in conditions.items():
        mask &= frame[column].astype(str).map(test) if callable(test) else (frame[column] == test)
    hit = frame[mask]
    assert len(hit) >= 1, conditions
    row = hit.iloc[0]
    assert isinstance(row["source"], str) and row["source"].strip(), f"no source: {row.to_dict()}"
    return row


# ------------------------------------------------------------------------------------ Japan

def test_japan_2018_cybersecurity_strategy(profile):
    p, text = profile("JPN")
    row = one(p.positions, kind="strategy", title=lambda t: "Cybersecurity Strategy" in t)
    assert row["date"].startswith("2018")
    assert row["source"] in cited(text, "adopted the “Cybersecurity Strategy (2018)”", "2018")


def test_japan_party_to_budapest_and_mlats(profile):
    p, text = profile("JPN")
    row = one(p.treaties, instrument="ETS185")
    assert (row["status"], row["ratified"], row["in_force"]) == ("party", "2012-07-03", "2012-11-01")
    assert row["source"] in cited(text, "Budapest Convention; ETS185", "ratified it on 3 July 2012")
    mlats = p.cooperation[p.cooperation["kind"] == "mlat"]
    assert len(mlats) >= 5 and mlats["source"].str.strip().ne("").all()
    assert "United States" in " ".join(mlats["partner_name"])


@pytest.mark.parametrize("partner, words", [("ASEAN", "ASEAN (18 January 2019)"), ("GBR", "United Kingdom (19 June 2012)"),
                                            ("USA", "United States (9 May 2013)"), ("AUS", "Australia (11 December 2017)")])
def test_japan_dialogues(profile, partner, words):
    p, text = profile("JPN")
    row = one(p.cooperation, kind="dialogue", partner=partner)
    assert row["source"] in cited(text, words)


# ------------------------------------------------------------------------------------ Canada

def test_canada_strategy_and_online_crime_act(profile):
    p, text = profile("CAN")
    row = one(p.positions, kind="strategy", title=lambda t: "National Cyber Security Strategy" in t)
    assert row["date"].startswith("2018") and row["source"] in cited(text, "National Cyber Security Strategy")
    row = one(p.positions, kind="law", title=lambda t: "Protecting Canadians from Online Crime" in t)
    assert row["source"] in cited(text, "Protecting Canadians from Online Crime")


def test_canada_budapest_2015(profile):
    p, text = profile("CAN")
    row = one(p.treaties, instrument="ETS185")
    assert row["status"] == "party" and row["ratified"].startswith("2015")
    assert row["source"] in cited(text, "Budapest Convention; ETS185", "8 July 2015")


def test_canada_quintet_july_2019_and_position_papers(profile):
    p, text = profile("CAN")
    row = one(p.cooperation, partner_type="group", partner=lambda g: "quintet" in g)
    assert str(row["date"]).startswith("2019") and row["members"] == 5
    assert row["source"] in cited(text, "Quintet of Attorneys General public statement")
    row = one(p.positions, kind="statement", title=lambda t: "Quintet" in t)
    assert row["date"] == "2019-07" and row["source"] in cited(text, "In July 2019")
    row = one(p.positions, kind="position_paper", title=lambda t: "74/247" in t)
    assert row["source"] in cited(text, "position paper on the implementation of UNGA resolution 74/247")


# ------------------------------------------------------------------------------------ Serbia

def test_serbia_strategies_and_high_tech_crime_prosecutor(profile):
    p, text = profile("SRB")
    row = one(p.positions, kind="strategy", title=lambda t: "Development of Information Security" in t)
    assert row["date"].startswith("2017") and row["source"] in cited(text, "On 29 May 2017")
    row = one(p.positions, kind="strategy", title=lambda t: "2021-2026" in t)
    assert row["source"] in cited(text, "Information Society and Information Security Development Strategy 2021-2026")
    row = one(p.positions, kind="institution", title=lambda t: "High-Tech Crime" in t)
    assert row["source"] in cited(text, "set up the “Special Prosecutor's Office for High-Tech Crime")


def test_serbia_budapest_and_first_protocol(profile):
    p, text = profile("SRB")
    row = one(p.treaties, instrument="ETS185")          # the CoE chart (status 25/04/2026)
    assert row["status"] == "party" and (row["signed"], row["ratified"], row["in_force"]) == \
        ("2005-04-07", "2009-04-14", "2009-08-01")
    assert row["source"] in cited(text, "Budapest Convention; ETS185", "on 7 April 2005 (as Serbia and Montenegro)",
                                  "ratified it on 14 April 2009", "in force for Serbia from 1 August 2009")
    row = one(p.treaties, instrument="ETS189")
    assert row["status"] == "party" and row["undated"]  # the sources list Serbia as a Party, without a date
    assert row["source"] in cited(text, "Additional Protocol to the Convention on Cybercrime (ETS189)", "listed as a Party")


@pytest.mark.parametrize("partner, name, year", [("IND", "India", "2016"), ("ROU", "Romania", "2017")])
def test_serbia_memoranda_india_2016_romania_2017(profile, partner, name, year):
    p, text = profile("SRB")
    row = one(p.cooperation, kind="mou", partner=partner)
    assert str(row["date"]).startswith(year)
    assert row["source"] in cited(text, "Memoranda of understanding", f"{name} (")
    assert re.search(rf"{name} \([^)]*{year}\) \[\d+\]", text)


def test_serbia_russian_assistance_and_interpol(profile):
    p, text = profile("SRB")
    row = one(p.cooperation, kind="assistance", partner="RUS")
    assert row["source"] in cited(text, "Assistance ties with", "Russia")
    row = one(p.memberships, org="INTERPOL")
    assert row["source"] in cited(text, "INTERPOL (since 24 September 2001)")


# ------------------------------------------------------------------------------------ votes

@pytest.mark.parametrize("iso3, vote, verb, bloc, bloc_vote", [
    ("SRB", "yes", "voted yes", "middle bloc", "yes"),
    ("JPN", "no", "voted no", "Western bloc", "no"),
    ("CAN", "no", "voted no", "Western bloc", "no")])
def test_votes_on_74_247(profile, iso3, vote, verb, bloc, bloc_vote):
    p, text = profile(iso3)
    row = one(p.votes, symbol="A/RES/74/247")
    assert (row["vote"], row["date"], row["tally"], row["tally_basis"]) == (vote, "2019-12-27", "79-60-33", "official")
    assert "https://undocs.org/en/A/RES/74/247" in row["source"]
    assert row["source"] in cited(text, "On resolution 74/247", verb)
    assert (row["bloc"], row["bloc_vote"]) == (bloc, bloc_vote)          # the one bloc definition (cyber_blocs)
    assert row["bloc_share"] <= row["bloc_voters"] and f"in its voting bloc, the {bloc}," in text
    assert -4 < row["ideal_point"] < 4 and 1 <= row["ideal_rank"] <= row["ideal_n_states"]


def test_every_cyber_rollcall_is_listed(data, profile):
    p, _ = profile("SRB")
    cyber = data.rollcalls.loc[data.rollcalls["ict"].fillna(False).astype(bool), "rollcall_id"]
    assert sorted(p.votes["rollcall_id"]) == sorted(cyber)
    recorded = p.votes[p.votes["vote"].isin(["yes", "no", "abstain"])]
    assert recorded["tally"].notna().all() and recorded["date"].notna().all()


def test_votes_of_a_predecessor_are_marked(profile):
    p, text = profile("SRB")
    row = one(p.votes, symbol="A/RES/60/45")
    assert (row["vote"], row["cast_as"]) == ("yes", "SCG")
    assert re.search(r"yes on [^;]*60/45 \(as SCG\)", text)
    assert set(p.ideal_points["cast_as"].dropna()) == {"YUG", "SCG", "SRB"}


def test_ideal_points_next_to_bsv(profile):
    p, _ = profile("JPN")
    both = p.ideal_points.dropna(subset=["ideal_point", "bsv_z"])
    assert len(both) > 50 and both["ideal_point"].corr(both["bsv_z"]) > 0.8
    assert p.ideal_points["source"].str.len().gt(0).all()


# ------------------------------------------------------------------------------------ sources everywhere

@pytest.mark.parametrize("iso3", ["JPN", "CAN", "SRB"])
def test_every_row_and_every_citation_has_a_source(profile, iso3):
    p, text = profile(iso3)
    for name, table in p.sections().items():
        if name == "treaties":  # instruments without a row: the status is the absence of a record
            assert table.loc[table["has_row"], "source"].str.strip().ne("").all()
            assert table.loc[~table["has_row"], "instrument_source"].notna().all()
            continue
        assert table["source"].notna().all() and table["source"].str.strip().ne("").all(), name
    refs = references(text)
    used = set(citation_numbers(text.split("\nSources\n")[0]))
    assert used == set(refs) and "[no source]" not in text


def test_text_is_generated_not_written():
    """No country's words in the code that writes the prose (docstrings aside)."""
    tree = ast.parse(inspect.getsource(profiles))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    strings = " ".join(node.value for node in ast.walk(tree)
                       if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings)
    for word in ("Serbia", "Japan", "Canada", "India", "Romania", "Budapest", "SRB", "JPN", "CAN"):
        assert word not in strings


def test_text_is_deterministic_and_markdown_has_the_same_sources(data, profile):
    p, text = profile("CAN")
    assert profiles.profile_text(p, data) == text
    md = profiles.profile_text(p, data, markdown=True)
    assert md.startswith("### Identity") and "<https://www.canada.ca/en/public-safety-canada/news/2018/06/national-cyber-security-strategy.html>" in md
    # short paragraphs: a heading per section, then one bullet per statement where there are several
    headings = re.findall(r"^### (.+)$", md, re.M)
    assert headings[0] == "Identity" and headings[-1] == "Sources" and "Votes at the UN General Assembly" in headings
    assert len(re.findall(r"^- ", md, re.M)) >= 5 and max(len(line) for line in md.splitlines()) < 1500
    prose = profiles.profile_prose(p, data)
    assert repr(prose) == text and prose._repr_markdown_() == md


# ------------------------------------------------------------------------------------ codes

def test_unknown_code_names_it_and_suggests(data):
    with pytest.raises(ValueError, match=r"unknown country code 'SER'.*SRB \(Serbia\)"):
        profiles.country_profile(data, "SER")
    with pytest.raises(ValueError, match=r"'Serbia'.*did you mean SRB \(Serbia\)"):
        profiles.resolve_iso3(data.countries, "Serbia")
    with pytest.raises(ValueError, match="unknown country code 'QQQ'"):
        profiles.resolve_iso3(data.countries, "QQQ")
    assert profiles.resolve_iso3(data.countries, "jpn") == "JPN"


def test_resolve_on_a_tiny_registry():
    registry = pd.DataFrame({"iso3": ["AAA", "ABB"], "name": ["Alpha", "Abba"], "iso2": ["AA", "AB"],
                             "aliases": ["Alphaland", None]})
    assert profiles.resolve_iso3(registry, "aaa") == "AAA"
    with pytest.raises(ValueError, match=r"did you mean AAA \(Alpha\)"):
        profiles.resolve_iso3(registry, "alphaland")
    with pytest.raises(ValueError, match=r"ABB \(Abba\)"):
        profiles.resolve_iso3(registry, "AB")


# ------------------------------------------------------------------------------------ small helpers

@pytest.mark.parametrize("value, words", [("2018-07-27", "27 July 2018"), ("2019-07", "July 2019"), ("2011", "2011"),
                                          (None, ""), (pd.NA, "")])
def test_date_words(value, words):
    assert profile_text._date_words(value) == words


@pytest.mark.parametrize("title, short", [
    ("Convention on Cybercrime (Budapest Convention)", "Convention on Cybercrime (Budapest Convention)"),
    ("Additional Protocol to the Convention on Cybercrime (First Protocol, on xenophobia and racism)",
     "Additional Protocol to the Convention on Cybercrime"),
    ("United Nations Convention against Cybercrime; Strengthening International Cooperation (UNTC chapter XVIII-16)",
     "United Nations Convention against Cybercrime"),
])
def test_instrument_short_name(title, short):
    assert profiles.instrument_short_name(title) == short


def test_sourced_table_links_every_url_and_escapes():
    frame = pd.DataFrame({"title": ["a < b", None], "n": pd.array([1, None], dtype="Int64"),
                          "source": ["https://x.org/a | https://y.org/b", "book, p. 3"]})
    table = profiles.sourced_table(frame)
    page = table._repr_html_()
    assert '<a href="https://x.org/a" title="https://x.org/a">x.org</a>' in page and '<a href="https://y.org/b"' in page
    assert "a &lt; b" in page and "book, p. 3" in page and "None" not in page and "&lt;NA&gt;" not in page
    assert "None" not in repr(table) and "https://x.org/a | https://y.org/b" in repr(table)


# ------------------------------------------------------------------------------------ historical states

@pytest.mark.parametrize("iso3,end,successor", [("SUN", "1991-12-24", "Russia (RUS) carries its UN seat forward"),
                                                ("ZAN", "1964-04-26", "see the profile of its successor Tanzania (TZA)"),
                                                ("SCG", "2006-06-03", "Serbia (SRB) carries its UN seat forward")])
def test_a_historical_state_lists_only_the_roll_calls_of_its_lifetime(data, context, iso3, end, successor):
    import matplotlib.pyplot as plt

    p = profiles.country_profile(data, iso3, context=context)
    assert (p.votes["date"].dropna() <= end).all() and p.votes["date"].notna().all()
    text = profiles.profile_text(p, data)
    assert successor in text and "this profile lists only the roll calls of its lifetime" in text
    cyber = data.rollcalls[data.rollcalls["ict"].fillna(False).astype(bool)]
    start = data.countries.set_index("iso3").at[iso3, "start"]
    assert len(p.votes) == ((cyber["date"] >= start) & (cyber["date"] <= end)).sum()
    plt.close(plot_profiles.cyber_votes_figure(p.votes, p.name, p.iso3))   # also with no roll call at all


def test_the_lifetime_of_a_state_and_its_predecessors(data):
    from analysis.profiles.profile import lifetime

    assert lifetime(data.countries, ["SUN"]) == ("1945-10-24", "1991-12-24")
    assert lifetime(data.countries, ["SRB", "SCG", "YUG"]) == ("1945-10-24", None)   # Serbia has not ended
    assert lifetime(data.countries, ["JPN"]) == (None, None)


# ------------------------------------------------------------------------------------ text from data is text

PAYLOAD = '<img src=x onerror="alert(2)">'


class _Tags(HTMLParser):
    """Tags, attribute names and link targets of an HTML fragment."""

    def __init__(self, page: str):
        super().__init__()
        self.tags, self.attrs, self.hrefs = set(), set(), []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs |= {name for name, _ in attrs}
        self.hrefs += [value for name, value in attrs if name == "href"]


def with_payload(data):
    """The tables with markup in fields the profile shows: a position's title, summary and source, a
    cooperation title, the country's own name."""
    tables = dict(vars(data))
    pos = data.positions.copy()
    row = pos.index[(pos["iso3"] == "SRB") & (pos["kind"] == "strategy")][0]
    pos.loc[row, "summary"] = str(pos.loc[row, "summary"]) + " " + PAYLOAD
    pos.loc[row, "title"] = "[click](javascript:alert(1)) <script>alert(1)</script> *x* _y_"
    pos.loc[row, "source"] = "javascript:alert(3) ; https://example.org/ok"
    coop = data.cooperation.copy()
    coop.loc[coop.index[(coop["a_iso3"] == "SRB") | (coop["b_iso3"] == "SRB")][0], "title"] = "<svg onload=alert(4)>"
    countries = data.countries.copy()
    countries.loc[countries["iso3"] == "SRB", "name"] = "Serbia <b>bold</b>"
    tables.update(positions=pos, cooperation=coop, countries=countries)
    return SimpleNamespace(**tables)


def test_markup_in_the_data_is_text_in_the_prose(data, context):
    from nbconvert.filters.markdown import markdown2html

    broken = with_payload(data)
    p = profiles.country_profile(broken, "SRB", context=context)
    page = markdown2html(profiles.profile_text(p, broken, markdown=True))   # as the report renders it
    found = _Tags(page)
    assert not found.tags & {"img", "script", "svg", "b"} and not [a for a in found.attrs if a.startswith("on")]
    assert found.hrefs and all(h.startswith(("https://", "http://", "#")) for h in found.hrefs)
    assert "&lt;img src=x onerror=" in page and "&lt;script&gt;" in page and "Serbia &lt;b&gt;bold&lt;/b&gt;" in page
    assert PAYLOAD in profiles.profile_text(p, broken)           # the plain text keeps the words as they are


def test_markup_in_the_data_is_text_in_the_tables():
    frame = pd.DataFrame({"title": [PAYLOAD, "<script>alert(1)</script>"],
                          "source": ["javascript:alert(1)", 'https://x.org/"onmouseover="alert(1)']})
    page = profiles.sourced_table(frame)._repr_html_()
    found = _Tags(page)
    assert not found.tags & {"img", "script", "a"} and "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page


def test_markdown_text_escapes_only_what_markdown_reads():
    assert profile_text.markdown_text("country_converter 1.3.2 (country_data.tsv); AT&T") == \
        "country_converter 1.3.2 (country_data.tsv); AT&T"
    assert profile_text.markdown_text("[a](javascript:x) *b* _c_ `d` &lt;") == r"\[a\](javascript:x) \*b\* \_c\_ \`d\` &amp;lt;"
    assert profile_text.markdown_text("<img src=x>\nnext") == "&lt;img src=x&gt; next"
    assert profile_text.is_url("https://a.org/x?y=1&z=2") and not profile_text.is_url("javascript:alert(1)")
    assert not profile_text.is_url('https://a.org/"x') and not profile_text.is_url("https://a.org/<x>")


# ------------------------------------------------------------------------------------ figures

def test_figures_draw(profile):
    import matplotlib.pyplot as plt

    p, _ = profile("SRB")
    fig = plot_profiles.ego_figure(p.ego, p.iso3, p.name)
    drawn = {t.get_text() for t in fig.axes[0].texts}
    assert {"SRB", "IND", "ROU", "RUS"} <= drawn                     # the ego and its partners are labelled
    assert len(drawn) == p.ego.number_of_nodes()                     # every node of the ego network, once
    plt.close(fig)
    fig = plot_profiles.cyber_votes_figure(p.votes, p.name, p.iso3)
    assert len(fig.axes[0].patches) == 3 * (p.votes["tally"].notna() & (p.votes["modality"] == "recorded")).sum()
    plt.close(fig)
    fig = plot_profiles.ideal_point_figure(p.ideal_points, p.name, [2018, 2019])
    assert len(fig.axes[0].lines) >= 4
    plt.close(fig)


def test_an_actor_without_votes(data, context):
    import matplotlib.pyplot as plt

    p = profiles.country_profile(data, "EUU", context=context)
    text = profiles.profile_text(p, data)
    assert "European Union (EUU) is an organisation" in text and "no recorded vote" in text
    assert p.ideal_points.empty and (p.votes["cast_as"].isna()).all()
    plt.close(plot_profiles.ideal_point_figure(p.ideal_points, p.name))


def test_accessions_and_computed_entries_into_force_are_said(profile):
    """The participation flags are numpy booleans: the prose must read them as booleans."""
    _, chile = profile("CHL")
    assert "Chile acceded to the Convention on Cybercrime" in chile
    _, sweden = profile("SWE")
    assert re.search(r"\(ETS189\)[^.]*in force for Sweden from 1 August 2021 \(computed from the deposit", sweden)
