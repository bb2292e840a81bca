"""Metadata as code: the sources, and every tidy table with its fields, keys and meaning.

:func:`datapackage` turns this into ``data/datapackage.json`` (Frictionless Data Package v1),
which :mod:`analysis.data.validate` reads back to check the tables.
"""
from __future__ import annotations

from analysis.core.vocabulary import VOTE_VALUES

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CODE = r"^[A-Z][A-Z_]{1,9}$"

SOURCES = {
    "unvotes": {
        "title": "UN General Assembly voting data (unvotes 0.3.0, after Voeten)",
        "path": "https://cran.r-project.org/package=unvotes",
        "citation": "Erik Voeten, 'Data and Analyses of Voting in the UN General Assembly', Routledge Handbook "
                    "of International Organization (2013), Harvard Dataverse hdl:1902.1/12379; David Robinson and "
                    "Nicholas Goguen-Compagnoni, unvotes: United Nations General Assembly Voting Data, R package "
                    "0.3.0 (CRAN, 2021-03-09).",
        "licenses": [{"name": "MIT", "title": "unvotes package licence (MIT)"}],
        "rebuild": "Install the R package unvotes 0.3.0 and write un_votes, un_roll_calls, un_roll_call_issues "
                   "to gzip CSV (dates YYYY-MM-DD) as shared/sources/unvotes/.",
    },
    "unxml": {
        "title": "UN DGACM machine-readable General Assembly resolutions, sessions 74-80, ES-10, ES-11, S-32",
        "path": "https://github.com/UNxml/GAresolutions/tree/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract",
        "citation": "United Nations, Department for General Assembly and Conference Management, "
                    "Machine-readable General Assembly resolutions (UNxml/GAresolutions, commit 42a69b6, 2026-07-10). "
                    "Unofficial copies for information; source: United Nations.",
        "licenses": [{"name": "UN-terms", "title": "United Nations as source must be acknowledged; no warranty"}],
        "rebuild": "Download data_extract/*.json at that commit into shared/sources/unxml_ga_resolutions/.",
    },
    "undl": {  # listed in datapackage.json only when a build folds a download in (analysis/data/build/undl_fold.py)
        "title": "UN Digital Library, General Assembly Voting Data (a user's download, folded in with --undl)",
        "path": "https://digitallibrary.un.org/record/4060887",
        "citation": "United Nations, General Assembly Voting Data, UN Digital Library record 4060887 "
                    "(file name and SHA-256 of the download in the rollcalls resource notes).",
        "licenses": [{"name": "UN-terms", "title": "United Nations as source must be acknowledged; see the record's terms"}],
        "rebuild": "Download the CSV from the record page, then `cybercrime build --undl FILE` (make data UNDL=FILE).",
    },
    "unga_ict_votes_2020_2025": {
        "title": "UNGA texts on ICT / cyber / cybercrime 2020-2025 (curated list with checks)",
        "path": "shared/sources/unga_ict_votes_2020_2025 (curated from UNxml/GAresolutions and UN press releases)",
        "citation": "Curated for this project on 2026-11-28 from the UN DGACM extract, UN press releases "
                    "GA/12309, GA/12328, GA/12746, GA/DIS/3659 and the UNODC Ad Hoc Committee page.",
        "licenses": [{"name": "UN-terms", "title": "United Nations as source must be acknowledged"}],
        "rebuild": "See SOURCES.md of that folder for every URL.",
    },
    "bsv_ideal_points": {
        "title": "Bailey, Strezhnev and Voeten UNGA ideal points, release of 2025-07-28",
        "path": "https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
        "citation": "Bailey, Michael A., Anton Strezhnev and Erik Voeten (2017), 'Estimating dynamic state "
                    "preferences from United Nations voting data', Journal of Conflict Resolution 61(2): 430-456; "
                    "data release IdealpointsJuly2025.dta, Harvard Dataverse hdl:1902.1/12379.",
        "licenses": [{"name": "CC0-1.0", "title": "Harvard Dataverse default terms (cite the authors)"}],
        "rebuild": "Download IdealpointsJuly2025.dta and convert to CSV (gzip) as shared/sources/bsv_ideal_points/.",
    },
    "coe_cybercrime_treaties": {
        "title": "Council of Europe treaties ETS 185, ETS 189, CETS 224: signatures and ratifications (curated)",
        "path": "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=185",
        "citation": "Council of Europe Treaty Office charts and notifications, national treaty databases and "
                    "official journals, as listed row by row in shared/sources/coe_cybercrime_treaties/SOURCES.md.",
        "licenses": [{"name": "public-facts", "title": "Facts from public official sources, cited per row"}],
        "rebuild": "See SOURCES.md of that folder; every row carries its URL.",
    },
    "other_cybercrime_instruments": {
        "title": "UN Convention against Cybercrime (2024), Malabo, Arab 2010, CIS, SCO, CSTO instruments (curated)",
        "path": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18",
        "citation": "UN Treaty Collection (MTDSG XVIII-16), Netherlands treaty database, AU status lists (via "
                    "transcriptions) and news reports, row by row in shared/sources/other_cybercrime_instruments/SOURCES.md.",
        "licenses": [{"name": "public-facts", "title": "Facts from public sources, cited per row"}],
        "rebuild": "See SOURCES.md of that folder.",
    },
    "cooperation": {
        "title": "Cybercrime cooperation ties and memberships (curated)",
        "path": "shared/sources/cooperation (every row carries its source URL)",
        "citation": "US State Department INCSR 2015, government and organisation web pages, listed per row.",
        "licenses": [{"name": "public-facts", "title": "Facts from public sources, cited per row"}],
        "rebuild": "See SOURCES.md of that folder.",
    },
    "naturalearth": {
        "title": "Natural Earth 1:110m country outlines (naturalearth_lowres)",
        "path": "https://www.naturalearthdata.com/downloads/110m-cultural-vectors/",
        "citation": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
        "licenses": [{"name": "public-domain", "title": "Public domain"}],
        "rebuild": "Take naturalearth_lowres from the pyogrio 0.13.0 wheel's test fixtures (or Natural Earth "
                   "admin-0 countries 1:110m) as GeoJSON in shared/sources/naturalearth/.",
    },
    "country_converter": {
        "title": "country_converter (coco) country_data.tsv: names, ISO codes, UN M49 regions, UN membership year",
        "path": "https://pypi.org/project/country-converter/",
        "citation": "Stadler, K. (2017). The country converter coco - a Python package for converting country "
                    "names between different classification schemes. JOSS 2(16), 332.",
        "licenses": [{"name": "GPL-3.0", "title": "country_converter licence"}],
        "rebuild": "pip install country_converter (version pinned in requirements.lock).",
    },
    "project_curation": {
        "title": "Project curation files (curation/*.csv): sourced additions and corrections",
        "path": "curation/",
        "citation": "This project; every row cites its public source URL and the date it was read.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "rebuild": "Committed in the repository.",
    },
}


def f(name, type_, description, required=False, unique=False, enum=None, pattern=None, minimum=None, maximum=None):
    """One Frictionless field descriptor."""
    out = {"name": name, "type": type_, "description": description}
    c = {}
    if required:
        c["required"] = True
    if unique:
        c["unique"] = True
    if enum is not None:
        c["enum"] = list(enum)
    if pattern is not None:
        c["pattern"] = pattern
    if minimum is not None:
        c["minimum"] = minimum
    if maximum is not None:
        c["maximum"] = maximum
    if c:
        out["constraints"] = c
    return out


COUNTRY_FK = {"reference": {"resource": "countries", "fields": "iso3"}}

TABLES = {
    "countries": {
        "path": "countries.csv",
        "description": "One row per actor: UN member and observer states (ISO 3166-1 alpha-3), historical states of the "
                       "vote record (ISO 3166-3 or project codes), non-member territories, and organisations acting as parties.",
        "sources": ["country_converter", "project_curation"],
        "primaryKey": ["iso3"],
        "fields": [
            f("iso3", "string", "Actor code: ISO 3166-1 alpha-3 for states and territories, ISO 3166-3 for former states "
              "(SUN, YUG, SCG, CSK, DDR, YMD), project codes YAR, ZAN; organisations EUU, ASEAN, INTERPOL.", True, True,
              pattern=r"^[A-Z]{3,8}$"),
            f("name", "string", "Short English name.", True),
            f("official_name", "string", "Official or long name."),
            f("type", "string", "member_state, observer_state, historical_state, territory or organisation.", True,
              enum=("member_state", "observer_state", "historical_state", "territory", "organisation")),
            f("code_type", "string", "Where the code comes from.", True, enum=("iso3166-1", "iso3166-3", "project")),
            f("iso2", "string", "ISO 3166-1 alpha-2 code."),
            f("m49", "integer", "UN M49 numeric code."),
            f("region", "string", "UN M49 region (Africa, Americas, Asia, Europe, Oceania)."),
            f("subregion", "string", "UN M49 subregion."),
            f("un_member_year", "integer", "Year of UN membership (country_converter 'UNmember'); for Serbia 2000 (as FRY)."),
            f("start", "date", "Start of the actor's window for matching dated records (UN admission or state start; sourced in curation/historical_states.csv)."),
            f("end", "date", "End of the window (exclusive): for historical states only."),
            f("successors", "string", "Successor states, ';'-separated codes."),
            f("lineage", "string", "Code carrying this actor's UN seat forward, for time series (SUN->RUS, YUG/SCG->SRB)."),
            f("aliases", "string", "Other names used by sources, ';'-separated (matched case- and accent-insensitively)."),
            f("source", "string", "Where the row and its dates come from."),
            f("note", "string", "Why a mapping or window is as it is."),
        ],
    },
    "rollcalls": {
        "path": "rollcalls.csv",
        "description": "One row per UN General Assembly roll call (1946-2019 from unvotes; 2019-2026 resolutions from the "
                       "DGACM extract, recorded or adopted without a vote; ICT decisions and amendments from the curated ICT list).",
        "sources": ["unvotes", "unxml", "unga_ict_votes_2020_2025", "project_curation"],
        "primaryKey": ["rollcall_id"],
        "fields": [
            f("rollcall_id", "string", "V<rcid> for Voeten roll calls; X<session>-<number>[_<parts>] for DGACM resolutions; "
              "I<session>-<draft> for ICT-list items outside the DGACM extract.", True, True, pattern=r"^[VXI][A-Za-z0-9_-]+$"),
            f("session", "integer", "Regular GA session in course.", True, minimum=1, maximum=81),
            f("special_session", "string", "ES-10, ES-11, S-32 for emergency/special sessions, else empty."),
            f("date", "date", "Date of the vote or adoption (unvotes dates for early sessions are approximate)."),
            f("year", "integer", "Calendar year of date."),
            f("symbol", "string", "Resolution or document symbol, normalised as A/RES/74/247 (part letters after a space)."),
            f("title", "string", "Title (unvotes short title or description; DGACM title)."),
            f("kind", "string", "resolution, amendment, paragraph, decision, or other (procedural roll call with no resolution symbol).",
              True, enum=("resolution", "amendment", "paragraph", "decision", "other")),
            f("modality", "string", "recorded (roll-call vote), without_vote, or unknown.", True,
              enum=("recorded", "without_vote", "unknown")),
            f("yes", "integer", "Official number in favour, where known (DGACM counts for session 74 onwards).", minimum=0),
            f("no", "integer", "Official number against, where known.", minimum=0),
            f("abstain", "integer", "Official number abstaining, where known.", minimum=0),
            f("ict", "boolean", "Core ICT/cyber text (security or crime track), from the explicit lists in "
              "curation/ict_rollcalls_1946_2019.csv and the ICT source.", True),
            f("cybercrime", "boolean", "Crime track: 73/187, 74/247, 75/282, A/75/L.55, 79/243 and amendments.", True),
            f("ict_scope", "string", "Scope tag: core-ICT-security, core-cybercrime, adjacent-ICT-for-development, adjacent-WSIS."),
            f("important", "boolean", "Voeten's 'important vote' flag (US State Department list), unvotes only."),
            f("committee", "string", "Main Committee (DGACM)."),
            f("meeting_record", "string", "Plenary meeting record symbol (DGACM)."),
            f("tally_source", "string", "Where yes/no/abstain come from."),
            f("source", "string", "Source of the row.", True, enum=("unvotes", "unxml", "unga_ict_votes_2020_2025")),
        ],
    },
    "votes": {
        "path": "votes.csv.gz",
        "description": "One row per country per recorded roll call. 1946-2019 (to session 74) has no 'absent' rows (removed upstream in "
                       "unvotes); DGACM roll calls from session 75 on list members on none of the three lists as 'absent'.",
        "sources": ["unvotes", "unxml"],
        "primaryKey": ["rollcall_id", "iso3"],
        "foreignKeys": [{"fields": "iso3", **COUNTRY_FK},
                        {"fields": "rollcall_id", "reference": {"resource": "rollcalls", "fields": "rollcall_id"}}],
        "fields": [
            f("rollcall_id", "string", "Roll call (rollcalls.csv).", True),
            f("iso3", "string", "Voting state (countries.csv), by name and date: Yugoslavia is YUG to April 1992, SCG to June 2006, SRB after.", True),
            f("vote", "string", "yes, no, abstain or absent (did not vote).", True, enum=VOTE_VALUES),
        ],
    },
    "rollcall_notes": {
        "path": "rollcall_notes.csv",
        "description": "Reconciliation record: every DGACM resolution whose counts and lists needed a decision, and what was done.",
        "sources": ["unxml"],
        "primaryKey": ["rollcall_id", "check", "detail"],
        "fields": [
            f("rollcall_id", "string", "Roll call.", True),
            f("symbol", "string", "Resolution symbol.", True),
            f("check", "string", "What was found.", True,
              enum=("count_na", "count_missing", "duplicate_names", "duplicate_record", "adoption_type_empty",
                    "no_country_lists", "tally_mismatch", "modality_unknown")),
            f("detail", "string", "The numbers.", True),
            f("action", "string", "What the build did.", True),
        ],
    },
}


def datapackage(tables: dict | None = None, extra_resources: list | None = None) -> dict:
    """The Frictionless descriptor for the given table specs (default: all of :data:`TABLES`)."""
    tables = tables or TABLES
    resources = []
    used = []
    for name, spec in tables.items():
        schema = {"fields": spec["fields"], "primaryKey": spec["primaryKey"]}
        if spec.get("foreignKeys"):
            schema["foreignKeys"] = spec["foreignKeys"]
        if spec.get("missingValues") is None:
            schema["missingValues"] = [""]
        resources.append({
            "name": name, "path": spec["path"], "profile": "tabular-data-resource", "format": "csv",
            "encoding": "utf-8", **({"compression": "gz"} if spec["path"].endswith(".gz") else {}),
            "description": spec["description"], **({"notes": spec["notes"]} if spec.get("notes") else {}), "sources": [SOURCES[s] | {"id": s} for s in spec["sources"]],
            "schema": schema,
        })
        used.extend(s for s in spec["sources"] if s not in used)
    resources.extend(extra_resources or [])
    return {
        "profile": "tabular-data-package",
        "name": "cybercrime-diplomacy",
        "title": "The international politics of cybercrime: UN votes, treaties and cooperation",
        "description": "Tidy tables derived reproducibly by `python -m analysis build` from curated public sources. "
                       "See README.md and docs/data-contract.md.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Derived tables: CC BY 4.0; cite the original sources below"}],
        "sources": [SOURCES[s] | {"id": s} for s in used],
        "resources": resources,
    }


S = "string"
TREATY_SOURCES = ["coe_cybercrime_treaties", "other_cybercrime_instruments", "project_curation"]
TABLES.update({
    "instruments": {
        "path": "instruments.csv",
        "description": "One row per cybercrime instrument (Budapest Convention and protocols, UN convention, regional treaties).",
        "sources": TREATY_SOURCES, "primaryKey": ["instrument"],
        "fields": [
            f("instrument", S, "Instrument id (ETS185, ETS189, CETS224, UNCC2024, MALABO2014, ARAB2010, CIS2001, ...).", True, True,
              pattern=r"^[A-Z]+\d+[A-Z]?$"),
            f("title", S, "Title.", True), f("adopted", "date", "Adoption date."),
            f("opened_for_signature", "date", "Opened for signature."), f("entry_into_force", "date", "General entry into force."),
            f("fifth_deposit", "date", "ETS 185 and ETS 189: the deposit that completed the five consents the general entry "
              "into force needed; those five are bound from the general entry into force, every later deposit three "
              "months after it (first day of the month; Art. 36 ETS 185, Art. 10 ETS 189)."),
            f("depositary", S, "Depositary (prose as in source)."), f("source", S, "Source URL(s).", True),
            f("notes", S, "Prose from the source kept beside the extracted dates."),
        ],
    },
    "participation": {
        "path": "participation.csv",
        "description": "One row per actor per instrument: signature, ratification/acceptance/approval/accession, entry into force.",
        "notes": [
            "Unknown values stay empty. The one computed value is in_force where in_force_computed is true: the "
            "treaty's three-month rule applied to a sourced deposit date, never replacing a sourced date.",
            "ETS185: every Party and signatory of the CoE Treaty Office chart (status 25/04/2026, transcribed in "
            "curation/coe_chart_ets185.csv with each row verbatim), which has the last word over earlier sources; "
            "conflicts between sources and the decision taken are in source_conflicts.csv.",
            "ETS189: no copy of the CoE chart was found; the parties come from the Netherlands treaty database and "
            "national sources (coe_cybercrime_treaties/gap_fill_2026-12.csv). Serbia and Slovenia are Parties "
            "without dates; Romania is named only in a list of Parties with reservations (confidence low); the "
            "official total of 38 (June 2025) leaves two Parties unidentified.",
            "UNCC2024: signature day unknown for UK, Sweden, Uganda, Zimbabwe, South Africa; Canada and UAE unverified; "
            "no ratification confirmed by the depositary in the sources.",
            "MALABO2014: 13 signatories and 4 ratifiers of the AU's 2026 totals unidentified; ARAB2010 status c. 2016.",
            "Party counts: analysis.methods.treaties.party_count (verified rows; undated Parties counted apart).",
            "Search logs: curation/coe_treaty_status_additions.md, curation/coe_treaty_gap_search.md, "
            "curation/coe_chart_ets185.md, shared sources' CHECKS.md and gap_fill_2026-12.md.",
        ],
        "sources": TREATY_SOURCES, "primaryKey": ["instrument", "iso3"],
        "foreignKeys": [{"fields": "iso3", **COUNTRY_FK},
                        {"fields": "instrument", "reference": {"resource": "instruments", "fields": "instrument"}}],
        "fields": [
            f("instrument", S, "Instrument id.", True), f("iso3", S, "Actor (countries.csv; EUU for the European Union).", True),
            f("signed", "date", "Signature date."), f("ratified", "date", "Ratification, acceptance, approval or accession (deposit) date."),
            f("accession", "boolean", "True where the source says accession.", True),
            f("in_force", "date", "Date the instrument entered into force for this actor."),
            f("status_as_of", "date", "Date of the source's status (chart date, announcement, or date read).", True),
            f("verified", "boolean", "False where the sources mark the row unverified, low confidence or inferred.", True),
            f("confidence", S, "high, medium or low where the source notes give it.", enum=("high", "medium", "low")),
            f("source", S, "Source URL(s), ' ; '-separated.", True), f("status_note", S, "The source's status prose."),
            f("party_undated", "boolean", "A source names it a Party but gives no date.", True),
            f("signed_undated", "boolean", "A source names it a signatory but gives no date.", True),
            f("deposited", "date", "Deposit date where it differs from the domestic ratification (Malabo)."),
            f("name_in_source", S, "The actor's name as the source printed it.", True), f("note", S, "Curation note."),
            f("in_force_computed", "boolean", "True where in_force is computed from the deposit date by the treaty's "
              "entry-into-force rule (first day of the month after three months), not printed by a source.", True),
        ],
    },
    "invitations": {
        "path": "invitations.csv",
        "description": "States invited to accede to the Budapest Convention.",
        "sources": ["coe_cybercrime_treaties"], "primaryKey": ["instrument", "iso3"],
        "foreignKeys": [{"fields": "iso3", **COUNTRY_FK}],
        "fields": [f("instrument", S, "Instrument id.", True), f("iso3", S, "Invited state.", True),
                   f("date", S, "Date of the invitation or report (partial allowed).", pattern=PARTIAL_DATE), f("status", S, "Status text.", True),
                   f("source", S, "Source URL.", True), f("name_in_source", S, "Name as printed.", True)],
    },
    "cooperation": {
        "path": "cooperation.csv",
        "description": "One row per cooperation tie: bilateral (a_iso3, b_iso3) or group (group_id; members in cooperation_groups.csv).",
        "sources": ["cooperation", "project_curation"], "primaryKey": ["tie_id"],
        "foreignKeys": [{"fields": "a_iso3", **COUNTRY_FK}, {"fields": "b_iso3", **COUNTRY_FK}],
        "fields": [
            f("tie_id", S, "Stable id in source order.", True, True), f("a_iso3", S, "First party."), f("b_iso3", S, "Second party."),
            f("group_id", S, "Group tie id."), f("kind", S, "mlat, dialogue, mou, agreement, assistance, joint_statement, cosponsorship, other ...", True),
            f("title", S, "What the tie is, as the source describes it.", True),
            f("date", S, "Date as precise as the source (YYYY, YYYY-MM or YYYY-MM-DD).", pattern=PARTIAL_DATE),
            f("year", "integer", "Year of date."), f("in_force", S, "yes, no or unknown (not applicable / not stated).", True,
                                                      enum=("yes", "no", "unknown")),
            f("source", S, "Source URL(s).", True), f("note", S, "Curation note."),
        ],
    },
    "cooperation_groups": {
        "path": "cooperation_groups.csv",
        "description": "Members of each group tie (statements, co-sponsor groups, multilateral MLAT).",
        "sources": ["cooperation"], "primaryKey": ["group_id", "iso3"],
        "foreignKeys": [{"fields": "iso3", **COUNTRY_FK}],
        "fields": [f("group_id", S, "Group tie id (cooperation.csv).", True), f("iso3", S, "Member.", True),
                   f("source", S, "Source URL.", True), f("name_in_source", S, "Name as printed.", True)],
    },
    "memberships": {
        "path": "memberships.csv",
        "description": "One row per actor per organisation (members only; observers and partners are not members).",
        "notes": [
            "Where the organisation's own member page was found (Council of Europe, OAS, African Union for most "
            "members, G7), it is the row's source and its dates fill or refine joined/left; the earlier source is "
            "kept in note (curation/membership_org_sources.csv and .md). The other organisations' rows rest on "
            "third-party pages: their own member pages did not surface.",
        ],
        "sources": ["cooperation", "project_curation"], "primaryKey": ["org", "iso3"],
        "foreignKeys": [{"fields": "iso3", **COUNTRY_FK}],
        "fields": [
            f("org", S, "Organisation id (EU, NATO, COE, AU, LAS, ASEAN, BRICS, SCO, CSTO, CIS, OAS, G7, FIVE_EYES, QUINTET, CRI, INTERPOL).", True),
            f("org_name", S, "Organisation name.", True), f("iso3", S, "Member.", True),
            f("joined", S, "Joined (partial date allowed).", pattern=PARTIAL_DATE), f("left", S, "Left (partial date allowed).", pattern=PARTIAL_DATE),
            f("status_as_of", "date", "Date of the source's status.", True), f("source", S, "Source URL.", True),
            f("note", S, "Suspension, doubts."), f("status_note", S, "Status prose."), f("name_in_source", S, "Name as printed.", True),
        ],
    },
    "positions": {
        "path": "positions.csv",
        "description": "Dated, sourced facts about a state's cybercrime policy that are not votes or treaty acts.",
        "sources": ["project_curation"], "primaryKey": ["position_id"],
        "foreignKeys": [{"fields": "iso3", **COUNTRY_FK}],
        "fields": [
            f("position_id", S, "Stable id.", True, True), f("iso3", S, "Actor.", True),
            f("date", S, "Date as precise as the source.", True, pattern=PARTIAL_DATE),
            f("kind", S, "strategy, law, institution, statement, position_paper, negotiation, other.", True,
              enum=("strategy", "law", "institution", "statement", "position_paper", "negotiation", "other")),
            f("title", S, "Document or event.", True), f("summary", S, "Short factual paraphrase.", True),
            f("source", S, "Source URL.", True), f("read_on", "date", "Date the source was read.", True),
            f("confidence", S, "high, medium, low.", enum=("high", "medium", "low")), f("note", S, "Curation note."),
        ],
    },
    "source_conflicts": {
        "path": "source_conflicts.csv",
        "description": "One row per conflict between sources: the fact (table, key, field), the value the build takes "
                       "and the one it sets aside, with their sources, and the rule that decides.",
        "sources": ["coe_cybercrime_treaties", "project_curation"], "primaryKey": ["table", "key", "field"],
        "fields": [f("table", S, "Table of the fact.", True, enum=("participation", "memberships", "rollcalls")),
                   f("key", S, "Row of the fact: instrument/iso3 or org/iso3 (or a roll-call symbol).", True),
                   f("field", S, "Column of the fact.", True),
                   f("kind", S, "overlay = two source files carry the two values and the build chooses; documented = "
                                "the set-aside value is printed only in a source or its notes.", True,
                     enum=("overlay", "documented")),
                   f("value_taken", S, "The value in the table.", True),
                   f("source_taken", S, "Where it comes from (file and row, or URL).", True),
                   f("value_set_aside", S, "The other value.", True),
                   f("source_set_aside", S, "Where that one comes from.", True),
                   f("rule", S, "Why the first is taken (e.g. official over secondary; the depositary's chart; "
                                "ETS 189 Art. 9(2)).", True),
                   f("note", S, "The evidence in a sentence."),
                   f("arises_in_build", "boolean", "True where the build meets both values (kind overlay).", True)],
    },
    "events": {
        "path": "events.csv",
        "description": "Milestones of the UN track (Expert Group, Ad Hoc Committee sessions, adoption, signing).",
        "sources": ["project_curation"], "primaryKey": ["event_id"],
        "fields": [f("event_id", S, "Stable id.", True, True), f("date", S, "Start date.", True, pattern=PARTIAL_DATE),
                   f("end_date", S, "End date.", pattern=PARTIAL_DATE), f("kind", S, "Kind of event.", True),
                   f("title", S, "Title.", True), f("summary", S, "Short paraphrase.", True),
                   f("source", S, "Source URL.", True), f("read_on", "date", "Date read.", True)],
    },
})


TABLES.update({
    "bsv_reference": {
        "path": "bsv_reference.csv",
        "description": "Published Bailey-Strezhnev-Voeten ideal points (release 2025-07-28) by country and year, mapped to "
                       "registry codes (Serbia: YUG to 1991, SCG 1992-2005, SRB from 2006). A benchmark for analysis.methods.ideal_points.ideal_points.",
        "notes": ["17 rows of the release carry only the legacy session estimate with no country code or name; left out.",
                  "idealpointall is empty for 2024 (as published)."],
        "sources": ["bsv_ideal_points"], "primaryKey": ["iso3", "year"],
        "foreignKeys": [{"fields": "iso3", **COUNTRY_FK}],
        "fields": [
            f("iso3", S, "Registry code (by BSV's country name at 1 December of the year).", True),
            f("year", "integer", "Calendar year.", True, minimum=1946, maximum=2026),
            f("bsv_code", S, "BSV's published iso3c (YUG for Serbia in every year; YAR for both Yemens)."),
            f("ccode", "integer", "Correlates of War country code.", True),
            f("countryname", S, "BSV's country name.", True),
            f("ideal_point_all", "number", "Ideal point from all votes (posterior mean; higher = closer to the US)."),
            f("ideal_point_fp", "number", "Ideal point from final-passage votes only."),
            f("n_votes_all", "integer", "Votes behind ideal_point_all."), f("n_votes_fp", "integer", "Votes behind ideal_point_fp."),
            f("source", S, "Citation.", True),
        ],
    },
    "sponsorships": {
        "path": "sponsorships.csv",
        "description": "One row per sponsor of each UNGA resolution in the DGACM extract (sessions 74-80, ES-10, ES-11, S-32): "
                       "states, groups tabling 'on behalf of' (G77, NAM, African Group, OIC, ...) and UN organs.",
        "sources": ["unxml"], "primaryKey": ["rollcall_id", "sponsor"],
        "foreignKeys": [{"fields": "rollcall_id", "reference": {"resource": "rollcalls", "fields": "rollcall_id"}},
                        {"fields": "via", **COUNTRY_FK}],
        "fields": [
            f("rollcall_id", S, "Text (rollcalls.csv).", True), f("symbol", S, "Resolution symbol.", True),
            f("sponsor", S, "iso3 for a state or organisation (countries.csv); a group or organ id otherwise.", True),
            f("sponsor_type", S, "state, organisation, group or organ.", True, enum=("state", "organisation", "group", "organ")),
            f("role", S, "sponsor (in the draft) or additional_sponsor (joined later).", True, enum=("sponsor", "additional_sponsor")),
            f("raw_name", S, "The entry as parsed from the source field.", True),
            f("via", S, "State that tabled the text for a group or organ."),
        ],
    },
})

OUTLINES_RESOURCE = {
    "name": "world_outlines", "path": "world_outlines.geojson", "format": "geojson", "mediatype": "application/geo+json",
    "encoding": "utf-8", "profile": "data-resource",
    "description": "Natural Earth 1:110m country outlines (177), coordinates rounded to 3 decimals; property iso3 added, "
                   "with France (FRA) and Norway (NOR) joined by name since Natural Earth gives them -99 (also Kosovo XKX, "
                   "N. Cyprus XNC, Somaliland XSO). Many small island states have no outline at this scale.",
    "sources": [SOURCES["naturalearth"] | {"id": "naturalearth"}],
}


def columns(name: str) -> list[str]:
    """The column names of table ``name``, in the data package's order (the build writes them so)."""
    return [field["name"] for field in TABLES[name]["fields"]]
