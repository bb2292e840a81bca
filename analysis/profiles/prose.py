"""The profile as prose: short paragraphs generated from the profile's tables alone, every
statement with a numbered source."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

import pandas as pd

from analysis.core.vocabulary import TIE_KIND_LABELS as KIND_LABELS
from analysis.core.vocabulary import VOTE_VALUES
from analysis.core.vocabulary import is_missing as _missing
from analysis.methods import blocs as _blocs
from analysis.profiles.profile import CountryProfile, acting_as
from analysis.profiles.text import (
    _clean_title,
    _date_words,
    _join,
    _label,
    _on_date,
    _rc_label,
    _text,
    _times,
    _urls,
    is_url,
    markdown_text,
)


class _Citations:
    """Numbered references in order of first use; one number per distinct source cell."""

    def __init__(self):
        self.sources: list[str] = []

    def cite(self, source) -> str:
        text = _text(source)
        if not text:
            return "[no source]"
        if text not in self.sources:
            self.sources.append(text)
        return f"[{self.sources.index(text) + 1}]"


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _flag(value) -> bool:
    """A boolean cell as a bool: True for True (numpy's included), False for False or missing."""
    return not _missing(value) and bool(value)


def _cite_range(marks: list[str]) -> str:
    """Citation marks of one statement grouped: "[3] [4] [5] [9]" -> "[3–5, 9]"."""
    numbers = sorted({int(m.strip("[]")) for m in marks if re.fullmatch(r"\[\d+\]", m)})
    runs, start = [], None
    for k, n in enumerate(numbers):
        start = n if start is None else start
        if k + 1 == len(numbers) or numbers[k + 1] != n + 1:
            runs.append(f"{start}" if start == n else f"{start}–{n}")
            start = None
    other = [m for m in marks if not re.fullmatch(r"\[\d+\]", m)]
    return " ".join(([f"[{', '.join(runs)}]"] if runs else []) + sorted(set(other)))


def _identity_paragraph(p: CountryProfile, refs: _Citations) -> str:
    i = p.identity
    kind = {"member_state": "a UN member state", "observer_state": "a UN observer state",
            "historical_state": "a historical state", "territory": "a territory",
            "organisation": "an organisation"}.get(_text(i.get("type")), "an actor")
    where = _join([_text(i.get("subregion")), _text(i.get("region"))], "in") if i.get("subregion") else _text(i.get("region"))
    where = f"{_text(i.get('subregion'))} ({_text(i.get('region'))})" if i.get("subregion") and i.get("region") else where
    official = _text(i.get("official_name"))
    name = p.name + (f" ({official}, {p.iso3})" if official and official != p.name else f" ({p.iso3})")
    s = f"{name} is {kind}" + (f" in {where}" if where else "")
    if i.get("un_member_year"):
        s += f", a member of the United Nations since {i['un_member_year']}"
    s += f" {refs.cite(i.get('source'))}."
    preds = i.get("predecessors") or []
    if preds:
        parts = [_label(d["name"], f"{d['iso3']}, {(d['start'] or '?')[:4]}–{(d['end'] or '?')[:4]}") for d in preds]
        s += (f" In the UN vote record it carries forward the seat of {_join(parts)}; votes and ideal points "
              f"below include theirs, marked with the code that cast them.")
    return s + _successor_sentence(p)


def _successor_sentence(p: CountryProfile) -> str:
    """For a state that ended: when, which roll calls are listed, and whose profile to read next."""
    i = p.identity
    if not _text(i.get("end")):
        return ""
    since = f"{_date_words(i['start'])}–" if _text(i.get("start")) else "until "
    s = (f" It ceased to exist on {_date_words(i['end'])}; this profile lists only the roll calls of its lifetime "
         f"({since}{_date_words(i['end'])}).")
    heirs = [f"{d['name']} ({d['iso3']})" for d in i.get("successor_states") or []]
    seat = i.get("continued_by")
    if seat:
        s += (f" {seat['name']} ({seat['iso3']}) carries its UN seat forward: the profile of {seat['iso3']} "
              f"holds the later record, this state's votes included")
        others = [h for h in heirs if not h.endswith(f"({seat['iso3']})")]
        s += f" (other successor states: {_join(others)})." if others else "."
    elif heirs:
        s += f" For what came after, see the profile of its successor{'s' if len(heirs) > 1 else ''} {_join(heirs)}."
    return s


_POSITION_VERBS = {"strategy": "adopted the", "law": "enacted the", "institution": "set up the"}


def _positions_paragraph(p: CountryProfile, refs: _Citations, kinds: tuple[str, ...]) -> list[str]:
    rows = p.positions[p.positions["kind"].isin(kinds)]
    if rows.empty:
        return []
    rows = rows.assign(_d=rows["date"].fillna("")).sort_values(["_d", "position_id"])
    out = []
    for r in rows.itertuples(index=False):
        when = _on_date(r.date)
        if r.kind in _POSITION_VERBS:
            lead = f"{_capital(when)}, {p.name}" if when else p.name
            head = f"{lead} {_POSITION_VERBS[r.kind]} “{r.title}” {refs.cite(r.source)}."
        else:  # statements, position papers, negotiation: the title says what it is
            head = f"{_capital(when) + ': ' if when else ''}“{r.title}” {refs.cite(r.source)}."
        out.append(f"{head} {_sentence(_text(r.summary))}".strip())
    return out


def _treaty_sentence(p: CountryProfile, r, refs: _Citations) -> str:
    name = "the " + _label(r.short_name, r.instrument)
    caveat = ""
    if (not _missing(r.verified) and not bool(r.verified)) or _text(r.confidence) == "low":
        caveat = " The record is unverified" + (f" (confidence: {r.confidence})" if _text(r.confidence) else "") + "."
    cite = refs.cite(r.source)
    if r.status == "party":
        if r.undated:
            as_of = f" as of {_date_words(r.status_as_of)}" if _text(r.status_as_of) else ""
            return (f"{p.name} is listed as a Party to {name}{as_of}; the sources give no date of signature "
                    f"or ratification {cite}.{caveat}")
        how = "acceded to" if _flag(r.accession) else ("ratified" if r.party_basis == "ratified" else "became a Party to")
        forerunner = acting_as(p.identity, r.signed)
        signed = (f"signed {name} {_on_date(r.signed)}" + (f" (as {forerunner['name']})" if forerunner else "") + " and "
                  if _text(r.signed) else "")
        verb = f"{signed}{how} {'it' if signed else name} {_on_date(r.party_since)}"
        if r.party_basis == "in_force":
            verb = f"{signed}became a Party to {'it' if signed else name} by {_date_words(r.party_since)} (entry into force; the deposit date is not in the sources)"
        force = f", in force for {p.name} from {_date_words(r.in_force)}" if _text(r.in_force) and r.party_basis != "in_force" else ""
        if force and _flag(getattr(r, "in_force_computed", False)):
            force += " (computed from the deposit by the treaty's three-month rule; no source prints this date)"
        return f"{p.name} {verb}{force} {cite}.{caveat}"
    if r.status == "signed":
        if r.undated:
            as_of = f" (status as of {_date_words(r.status_as_of)})" if _text(r.status_as_of) else ""
            return f"{p.name} is reported to have signed {name}, date not in the sources{as_of} {cite}.{caveat}"
        return f"{p.name} signed {name} {_on_date(r.signed)} and had not ratified it by {_date_words(p.as_of)} {cite}.{caveat}"
    return f"{p.name} is recorded without signature of {name} {cite}.{caveat}"


def _treaties_paragraph(p: CountryProfile, refs: _Citations) -> list[str]:
    t = p.treaties
    rows = t[t["has_row"]]
    out = [_treaty_sentence(p, r, refs) for r in rows.itertuples(index=False)]
    none = t[~t["has_row"]]["instrument"].tolist()
    if none:
        when = (f"; it ceased to exist on {_date_words(p.identity['end'])}" if _text(p.identity.get("end"))
                else f" as of {_date_words(p.as_of)}")
        out.append(f"No signature or ratification is recorded for {p.name} under the other instruments in the data "
                   f"({', '.join(none)}){when}.")
    return out


def _state_names(codes: list[str], names: Mapping[str, str]) -> list[str]:
    return [names.get(c, c) for c in codes]


def _votes_paragraph(p: CountryProfile, refs: _Citations, names: Mapping[str, str] | None = None,
                     sponsors: Mapping[str, list[str]] | None = None) -> list[str]:
    v = p.votes
    names = names or {}
    rec = v[v["vote"].isin(VOTE_VALUES)]
    out = []
    if rec.empty and v.empty and _text(p.identity.get("end")):
        out.append(f"{p.name} has no recorded vote on the cyber roll calls in the data: none was held while it "
                   f"existed (until {_date_words(p.identity['end'])}).")
    elif rec.empty:
        out.append(f"{p.name} has no recorded vote on the cyber roll calls in the data.")
    else:
        counts = rec["vote"].value_counts()
        n = {k: int(counts.get(k, 0)) for k in VOTE_VALUES}
        done = [f"voted yes {_times(n['yes'])}" if n["yes"] else "",
                (f"no {_times(n['no'])}" if n["yes"] else f"voted no {_times(n['no'])}") if n["no"] else "",
                f"abstained {_times(n['abstain'])}" if n["abstain"] else "",
                f"was absent {_times(n['absent'])}" if n["absent"] else ""]
        never = [f"voted {k}" for k in ("yes", "no") if not n[k]] + (["abstained"] if not n["abstain"] else [])
        years = f"{rec['year'].min()}–{rec['year'].max()}"
        out.append(f"On the {len(rec)} recorded UN General Assembly votes on cyber texts ({years}) in the data, "
                   f"{p.name} {_join(done)}" + (f"; it never {_join(never, 'or')}." if never else "."))
    for r in rec[rec["cybercrime"]].itertuples(index=False):
        who = p.name if r.cast_as in (None, p.iso3) else f"{p.name} (as {r.cast_as})"
        spons = (sponsors or {}).get(r.rollcall_id, [])
        sp = ""
        if spons:
            shown = _state_names(spons[:2], names)
            rest = len(spons) - len(shown)
            sp = f", tabled by {_join(shown + ([f'{rest} other states'] if rest else []))}"
        tally = f"adopted {r.tally}" + (" (official tally)" if r.tally_basis == "official" else " (yes-no-abstain counted from the country votes)") if r.tally else ""
        verb = {"yes": "voted yes", "no": "voted no", "abstain": "abstained", "absent": "was absent"}[r.vote]
        s = (f"On resolution {_rc_label(r.symbol)} (“{_clean_title(r.title)}”, {_date_words(r.date)}; {tally}{sp}), "
             f"{who} {verb} {refs.cite(r.source)}")
        if isinstance(r.bloc, str) and isinstance(r.bloc_vote, str):
            how = (f"all {r.bloc_voters} voting members voted {r.bloc_vote}" if r.bloc_share == r.bloc_voters
                   else f"{r.bloc_share} of its {r.bloc_voters} voting members voted {r.bloc_vote}")
            s += f"; in its voting bloc, the {r.bloc}, {how}"
        if not pd.isna(r.ideal_point):
            s += (f", and its ideal point that year was {r.ideal_point:+.2f} (rank {r.ideal_rank} of "
                  f"{r.ideal_n_states}, 1 = closest to the United States)")
        out.append(s + ".")
    others = rec[~rec["cybercrime"]]
    if len(others):
        groups = []
        for vote in VOTE_VALUES:
            rows = others[others["vote"] == vote]
            if rows.empty:
                continue
            texts = [f"{_rc_label(r.symbol)}{'' if r.cast_as in (None, p.iso3) else ' (as ' + r.cast_as + ')'}"
                     for r in rows.itertuples(index=False)]
            marks = [refs.cite(r.source) for r in rows.itertuples(index=False)]
            groups.append(f"{vote} on {_join(texts)} {_cite_range(marks)}")
        out.append(f"Its votes on the other ICT-security texts: {'; '.join(groups)}.")
    wv = v[v["vote"] == "without vote"]
    if len(wv):
        items = [f"{_rc_label(r.symbol)}{' (' + _date_words(r.date) + ')' if _text(r.date) else ''} {refs.cite(r.source)}"
                 for r in wv.itertuples(index=False)]
        out.append(f"Adopted without a vote, so with no country-level record: {'; '.join(items)}.")
    both = p.ideal_points.dropna(subset=["ideal_point", "bsv_ideal_point"])
    if len(both):
        r = both.iloc[-1]
        first = both.iloc[0]
        out.append(
            f"Over all roll calls of {int(r['year'])}, the latest year both estimates cover, its ideal point was "
            f"{r['ideal_point']:+.2f} standard deviations from the mean of {int(r['n_states'])} states (rank "
            f"{int(r['rank'])}, 1 = closest to the United States; estimated here from the vote record); the "
            f"Bailey-Strezhnev-Voeten reference puts it at {r['bsv_ideal_point']:+.2f} on its own scale "
            f"({r['bsv_z']:+.2f} standardised) {refs.cite(r['bsv_source'])}. The two series correlate at "
            f"{both['ideal_point'].corr(both['bsv_z']):.2f} over {len(both)} years ({int(first['year'])}–{int(r['year'])}).")
    return out


def _cooperation_paragraph(p: CountryProfile, refs: _Citations) -> list[str]:
    c = p.cooperation
    if c.empty:
        return [f"The cooperation tables hold no tie for {p.name}."]
    out = []
    bil = c[c["partner_type"] != "group"]
    for kind, label in list(KIND_LABELS.items()) + [(k, k.replace("_", " ")) for k in sorted(set(bil["kind"]) - set(KIND_LABELS))]:
        rows = bil[bil["kind"] == kind]
        if rows.empty:
            continue
        items = []
        for r in rows.itertuples(index=False):
            when = _date_words(r.date) or (str(r.year) if not _missing(r.year) else "undated")
            items.append(f"{_text(r.partner_name, r.partner)} ({when}) {refs.cite(r.source)}")
        out.append(f"{_capital(label)} with {_join(items)}")
    lines = [f"{text}." for text in out]
    grp = c[c["partner_type"] == "group"]
    if len(grp):
        items = [f"“{r.title}” ({_date_words(r.date) or _text(r.year, 'undated')}; {r.members} members) {refs.cite(r.source)}"
                 for r in grp.itertuples(index=False)]
        lines.append(f"Group ties: {'; '.join(items)}.")
    return lines


def _memberships_paragraph(p: CountryProfile, refs: _Citations) -> str:
    m = p.memberships
    if m.empty:
        return f"The membership table lists no organisation for {p.name}."
    items = []
    for r in m.itertuples(index=False):
        dates = _join([f"since {_date_words(r.joined)}" if _text(r.joined) else "",
                       f"until {_date_words(r.left)}" if _text(r.left) else ""], "and")
        items.append(f"{r.org_name}{' (' + dates + ')' if dates else ''} {refs.cite(r.source)}")
    current = m["left"].isna().all()
    return f"{p.name} {'is' if current else 'is or was'} a member of {_join(items)}."


def _sponsor_lists(data, profile: CountryProfile) -> dict[str, list[str]]:
    """Roll call -> state sponsors (role 'sponsor'), best-known first (blocs.PREFERRED_NAMES)."""
    if not hasattr(data, "sponsorships"):
        return {}
    s = data.sponsorships
    s = s[s["rollcall_id"].isin(profile.votes["rollcall_id"]) & (s["sponsor_type"] == "state") & (s["role"] == "sponsor")]
    rank = {c: i for i, c in enumerate(_blocs.PREFERRED_NAMES)}
    return {r: sorted(g["sponsor"], key=lambda c: (rank.get(c, len(rank)), c)) for r, g in s.groupby("rollcall_id")}


SECTIONS = (
    ("identity", "Identity"),
    ("strategies", "Strategies, laws and institutions"),
    ("statements", "Statements and position papers"),
    ("treaties", "Treaties"),
    ("votes", "Votes at the UN General Assembly"),
    ("cooperation", "Cooperation"),
    ("memberships", "Memberships"),
)


def _paragraphs(profile: CountryProfile, refs: _Citations, names=None, sponsors=None) -> list[tuple[str, list[str]]]:
    """(section title, its statements) for every section with something to say."""
    texts = {
        "identity": _identity_paragraph(profile, refs),
        "strategies": _positions_paragraph(profile, refs, ("strategy", "law", "institution")),
        "statements": _positions_paragraph(profile, refs, ("statement", "position_paper", "negotiation")),
        "treaties": _treaties_paragraph(profile, refs),
        "votes": _votes_paragraph(profile, refs, names, sponsors),
        "cooperation": _cooperation_paragraph(profile, refs),
        "memberships": _memberships_paragraph(profile, refs),
    }
    listed = {key: ([text] if isinstance(text, str) else list(text)) for key, text in texts.items()}
    return [(title, [t for t in listed[key] if t]) for key, title in SECTIONS if any(listed[key])]


#: Columns cited, never shown in the text: kept as they are, then linked or escaped in the list of sources.
_SOURCE_COLUMNS = ("source", "bsv_source", "instrument_source")


def _escaped(value, key: str = ""):
    return markdown_text(value) if isinstance(value, str) and key not in _SOURCE_COLUMNS else value


def _markdown_profile(profile: CountryProfile) -> CountryProfile:
    """A copy of `profile` whose text from the data is escaped for markdown (:func:`markdown_text`),
    so that a title, a name or a summary is shown as written, never read as markup."""
    def frame(f: pd.DataFrame) -> pd.DataFrame:
        out = f.copy()
        for col in out.columns:
            if out[col].dtype == object and col not in _SOURCE_COLUMNS:
                out[col] = out[col].map(_escaped)
        return out
    identity = {k: _escaped(v, k) for k, v in profile.identity.items()}
    identity["predecessors"] = [{k: _escaped(v, k) for k, v in d.items()} for d in identity.get("predecessors") or []]
    return dataclasses.replace(profile, name=markdown_text(profile.name), identity=identity,
                               **{name: frame(table) for name, table in profile.sections().items()})


def profile_text(profile: CountryProfile, data=None, markdown: bool = False) -> str:
    """The profile as prose: one paragraph per section (Markdown: a heading and short bullets per
    section), numbered citations (consecutive ones grouped, "[3–5]"), then the sources.

    `data` (optional, the same tables) adds registry names of sponsors ("tabled by Russia, China
    and 25 other states"); without it the sponsor clause is left out. `markdown=True` gives bold
    section leads and clickable source links; the words are the same, and every text from the data
    is escaped (:func:`~analysis.profiles.text.markdown_text`): only http(s) sources become links.
    """
    names = dict(zip(data.countries["iso3"], data.countries["name"], strict=True)) if data is not None else None
    sponsors = _sponsor_lists(data, profile) if data is not None else None
    refs = _Citations()
    if markdown:
        names = {k: markdown_text(v) for k, v in names.items()} if names is not None else None
        paras = _paragraphs(_markdown_profile(profile), refs, names, sponsors)
        lines = []
        for title, statements in paras:
            lines.append(f"### {title}\n")
            lines += [f"- {text}" for text in statements] if len(statements) > 1 else [statements[0]]
            lines.append("")
        lines.append("### Sources\n")
        for k, src in enumerate(refs.sources, 1):
            parts = [f"<{u}>" if is_url(u) else markdown_text(u) for u in _urls(src)]
            lines.append(f"{k}. " + " · ".join(parts))
        return "\n".join(lines) + "\n"
    paras = _paragraphs(profile, refs, names, sponsors)
    lines = []
    lines.append(f"{profile.name} ({profile.iso3})\n")
    lines += [f"{title}. {' '.join(statements)}\n" for title, statements in paras]
    lines.append("Sources")
    lines += [f"[{k}] {src}" for k, src in enumerate(refs.sources, 1)]
    return "\n".join(lines) + "\n"


class Prose:
    """A text that Jupyter shows as Markdown, and whose plain-text form (what nbval compares) is the
    plain prose."""

    def __init__(self, plain: str, markdown: str):
        self.plain, self.markdown = plain, markdown

    def __repr__(self) -> str:
        return self.plain

    def _repr_markdown_(self) -> str:
        return self.markdown


def profile_prose(profile: CountryProfile, data=None) -> Prose:
    """:func:`profile_text` in both forms, for display in a notebook."""
    return Prose(profile_text(profile, data), profile_text(profile, data, markdown=True))
