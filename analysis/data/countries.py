"""Country identity: the registry of actors and the mapping of source names to it by date.

The registry (``data/countries.csv``) has one row per actor keyed by ``iso3``: the UN member
states and observer states (ISO 3166-1 alpha-3), the historical states of the vote record (ISO
3166-3 codes such as SUN, YUG, SCG, CSK, DDR, YMD, or project codes YAR and ZAN where ISO has
none), non-member territories, and organisations that act like parties (EUU, ASEAN, INTERPOL).

A name in a source maps to an actor by name *and* date (:func:`resolve`): every actor whose
name, official name, alias or codes match is a candidate, and the date keeps the one whose
``[start, end)`` window contains it. "Yugoslavia" in a 1980 vote is YUG, in 2001 SCG, in 2019
SRB; "Russia" in 1980 is the USSR (SUN), not RUS. A name with no candidate, or with more than
one at that date, raises :class:`~analysis.core.errors.UnmappedCountryError`; nothing is guessed.

Ordinary names are matched with country_converter (its regular expressions) and pycountry
(ISO names and their Dutch, French, Spanish and German translations), not a hand-written table.
"""
from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from analysis.core.errors import DataError, DataErrors, UnmappedCountryError

#: Columns of ``data/countries.csv`` in order.
REGISTRY_COLUMNS = [
    "iso3", "name", "official_name", "type", "code_type", "iso2", "m49", "region", "subregion",
    "un_member_year", "start", "end", "successors", "lineage", "aliases", "source", "note",
]

#: Actor types.
ACTOR_TYPES = ("member_state", "observer_state", "historical_state", "territory", "organisation")

_TRANSLATION_LANGUAGES = ("nl", "fr", "es", "de")


def normalise_name(name: str) -> str:
    """Case-fold, strip accents, unify quotes/spaces and drop a leading 'the' (for matching)."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"^the ", "", text)


# --------------------------------------------------------------------------------------------
# Building the registry
# --------------------------------------------------------------------------------------------

def _m49_region(continent: str) -> str:
    """country_converter's continent names -> UN M49 region names (only 'America' differs)."""
    return {"America": "Americas"}.get(continent, continent)


def registry_from_country_converter() -> pd.DataFrame:
    """Current states, observers and territories from country_converter's table.

    UN members are the rows with a ``UNmember`` year; the Holy See and the State of Palestine
    are the UN's two observer states; every other non-obsolete row is typed ``territory``.
    Region is the M49 region (country_converter ``continent``), subregion the M49 subregion
    (``UNregion``), ``m49`` the M49 numeric code (``UNcode``).
    """
    import country_converter as coco

    data = coco.CountryConverter().data
    data = data[data["obsolete"].isna() & data["ISO3"].notna()].copy()
    observers = {"VAT", "PSE"}
    member = data["UNmember"].notna()
    out = pd.DataFrame({
        "iso3": data["ISO3"].astype(str),
        "name": data["name_short"].astype(str),
        "official_name": data["name_official"].astype(str),
        "type": ["member_state" if m else ("observer_state" if c in observers else "territory")
                 for m, c in zip(member, data["ISO3"], strict=True)],
        "code_type": "iso3166-1",
        "iso2": data["ISO2"].astype(str),
        "m49": pd.to_numeric(data["UNcode"], errors="coerce").astype("Int64"),
        "region": data["continent"].map(_m49_region),
        "subregion": data["UNregion"],
        "un_member_year": pd.to_numeric(data["UNmember"], errors="coerce").astype("Int64"),
        "source": "country_converter " + coco.__version__ + " (country_data.tsv)",
    })
    return out.reset_index(drop=True)


def _dates_from_events(events: pd.DataFrame, historical: set[str]) -> tuple[dict, dict, dict]:
    """Start and end date per code from the curated events, and the source URLs used.

    start = earliest of ``state_start``, ``un_admission`` and the date another code was
    ``continued_by`` this one. end (historical states only) = ``state_end``, else the
    ``continued_by`` date, else ``un_membership_end``. Dates of other events (renaming, observer
    status, ``succeeded_by``) are kept in the events file but do not bound the window.
    """
    start: dict[str, str] = {}
    end_by_kind: dict[str, dict] = {}
    sources: dict[str, set] = {}
    for row in events.itertuples(index=False):
        date = row.date if isinstance(row.date, str) else ""
        if not date:
            continue
        if row.event in ("un_admission", "state_start"):
            start[row.code] = min(start.get(row.code, date), date)
            sources.setdefault(row.code, set()).add(row.source_url)
        if row.event == "continued_by" and isinstance(row.related_code, str):
            start[row.related_code] = min(start.get(row.related_code, date), date)
            sources.setdefault(row.related_code, set()).add(row.source_url)
        if row.code in historical and row.event in ("state_end", "continued_by", "un_membership_end"):
            end_by_kind.setdefault(row.code, {})[row.event] = date
            sources.setdefault(row.code, set()).add(row.source_url)
    end = {}
    for code, kinds in end_by_kind.items():
        for kind in ("state_end", "continued_by", "un_membership_end"):
            if kind in kinds:
                end[code] = kinds[kind]
                break
    return start, end, sources


def build_registry(entities: pd.DataFrame, aliases: pd.DataFrame, events: pd.DataFrame | None) -> pd.DataFrame:
    """The full registry: country_converter's states + curated entities, aliases and dates.

    ``entities``: curated historical states and organisations (``curation/registry_entities.csv``).
    ``aliases``: extra source names for existing codes (``curation/country_aliases.csv``).
    ``events``: sourced dates (``curation/historical_states.csv``): admissions, ends, successions.
    Start/end are only set from sourced events; an unknown date leaves the window open.
    """
    base = registry_from_country_converter()
    ent = entities.rename(columns={"code": "iso3"}).copy()
    clash = set(ent["iso3"]) & set(base["iso3"])
    if clash:
        raise DataError("curation/registry_entities.csv", f"codes already in country_converter: {sorted(clash)}",
                        column="code")
    ent = ent.replace("", pd.NA)
    for col in REGISTRY_COLUMNS:
        if col not in ent:
            ent[col] = pd.NA
        if col not in base:
            base[col] = pd.NA
    reg = pd.concat([base.astype(object), ent[REGISTRY_COLUMNS].astype(object)], ignore_index=True)
    for col in REGISTRY_COLUMNS:
        if col not in reg:
            reg[col] = pd.NA

    extra = aliases.groupby("iso3")["alias"].apply(lambda s: ";".join(sorted(s)))
    missing = sorted(set(extra.index) - set(reg["iso3"]))
    if missing:
        raise DataError("curation/country_aliases.csv", f"unknown codes {missing}", column="iso3")
    note_extra = aliases.groupby("iso3")["note"].apply(lambda s: " ".join(x for x in s if isinstance(x, str)))
    reg = reg.set_index("iso3")
    for code, names in extra.items():
        old = reg.at[code, "aliases"]
        reg.at[code, "aliases"] = names if pd.isna(old) else f"{old};{names}"
        if note_extra.get(code):
            old_note = reg.at[code, "note"]
            reg.at[code, "note"] = note_extra[code] if pd.isna(old_note) else f"{old_note} {note_extra[code]}"

    if events is not None and len(events):
        start, end, sources = _dates_from_events(events, set(reg.index[reg['type'] == 'historical_state']))
        unknown = sorted((set(start) | set(end)) - set(reg.index))
        if unknown:
            raise DataError("curation/historical_states.csv", f"codes not in the registry: {unknown}", column="code")
        for code, date in start.items():
            reg.at[code, "start"] = date
        for code, date in end.items():
            if pd.isna(reg.at[code, "end"]) or not reg.at[code, "end"]:
                reg.at[code, "end"] = date
        for code, urls in sources.items():
            old = reg.at[code, "source"]
            dates = "dates: " + " ; ".join(sorted(urls))
            reg.at[code, "source"] = dates if pd.isna(old) else f"{old}; {dates}"
    reg = reg.reset_index()
    reg["m49"] = reg["m49"].astype("Int64")
    reg["un_member_year"] = reg["un_member_year"].astype("Int64")
    return reg[REGISTRY_COLUMNS].sort_values("iso3", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Resolving names
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _pycountry_translations() -> dict[str, str]:
    """Normalised ISO 3166-1 names in several languages (pycountry's gettext files) -> alpha-3."""
    import pycountry

    table: dict[str, str] = {}
    for lang in _TRANSLATION_LANGUAGES:
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value:
                    table.setdefault(normalise_name(tr.gettext(value)), c.alpha_3)
    return table


@functools.lru_cache(maxsize=4096)
def _country_converter_iso3(name: str) -> str | None:
    import logging

    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    out = coco.convert(name, to="ISO3", not_found=None)
    return out if isinstance(out, str) else None


@dataclass(frozen=True)
class Resolver:
    """Maps (name or code, date) to a registry code. Build it with :func:`resolver`."""

    names: dict  # normalised name -> set of codes
    windows: dict  # code -> (start or "", end or "")
    codes: frozenset
    iso2: dict = field(default_factory=dict)
    #: A name with a single candidate may be dated up to this many days before the candidate's
    #: start: Voeten's dates for some early roll calls are approximate (Tanganyika's first votes
    #: are dated 1961-12-01, before its admission on 1961-12-14). Never used to choose between
    #: candidates.
    start_tolerance_days: int = 31

    def candidates(self, name: str) -> set[str]:
        raw = str(name).strip()
        found: set[str] = set(self.names.get(normalise_name(raw), set()))
        if raw.upper() in self.codes and (raw.isupper() or len(raw) <= 3):
            found.add(raw.upper())
        if len(raw) == 2 and raw.upper() in self.iso2:
            found.add(self.iso2[raw.upper()])
        if not found:
            code = _country_converter_iso3(raw)
            if code in self.codes:
                found.add(code)
            code = _pycountry_translations().get(normalise_name(raw))
            if code in self.codes:
                found.add(code)
        return found

    def resolve(self, name: str, date: str | None = None) -> str:
        """The one code for ``name`` at ``date`` (ISO string; None = today's actors)."""
        found = self.candidates(name)
        if date is not None and isinstance(date, str) and date:
            at = [c for c in found if self._valid(c, date[:10])]
        else:
            at = [c for c in found if not self.windows.get(c, ("", ""))[1]]
        if len(at) == 1:
            return at[0]
        if not at and len(found) == 1 and date and self._valid(next(iter(found)), date[:10], self.start_tolerance_days):
            return next(iter(found))
        if not found:
            raise UnmappedCountryError("<name>", f"no registry entry matches {name!r}")
        raise UnmappedCountryError(
            "<name>", f"{name!r} at {date} matches {sorted(at) if at else 'none'} of candidates {sorted(found)}"
        )

    def _valid(self, code: str, date: str, tolerance_days: int = 0) -> bool:
        start, end = self.windows.get(code, ("", ""))
        if start and tolerance_days:
            start = (pd.Timestamp(start) - pd.Timedelta(days=tolerance_days)).date().isoformat()
        return (not start or start <= date) and (not end or date < end)


def resolver(registry: pd.DataFrame) -> Resolver:
    """A :class:`Resolver` over the registry's names, official names, aliases and codes."""
    names: dict[str, set] = {}
    windows: dict[str, tuple] = {}
    iso2: dict[str, str] = {}
    for row in registry.itertuples(index=False):
        labels = [row.name, row.official_name]
        if isinstance(row.aliases, str):
            labels += row.aliases.split(";")
        for label in labels:
            if isinstance(label, str) and label:
                names.setdefault(normalise_name(label), set()).add(row.iso3)
        windows[row.iso3] = (row.start if isinstance(row.start, str) else "",
                             row.end if isinstance(row.end, str) else "")
        if isinstance(row.iso2, str) and len(row.iso2) == 2 and row.code_type == "iso3166-1":
            iso2[row.iso2] = row.iso3
    return Resolver(names=names, windows=windows, codes=frozenset(registry["iso3"]), iso2=iso2)


def map_names(frame: pd.DataFrame, name_col: str, date_col: str | None, registry: pd.DataFrame,
              file: str, date: str | None = None, first_row: int = 2) -> pd.Series:
    """The registry code of every row of ``frame`` (by its name and date), or a full error list.

    Each distinct (name, date) pair is resolved once. Every unmapped or ambiguous row is
    reported with ``file``, its row number (``first_row`` for the first data row) and column.
    """
    res = resolver(registry)
    dates = frame[date_col].astype("string").fillna("") if date_col else pd.Series(date or "", index=frame.index)
    keys = pd.DataFrame({"n": frame[name_col].astype("string"), "d": dates})
    cache: dict[tuple, str | Exception] = {}
    for n, d in keys.drop_duplicates().itertuples(index=False):
        try:
            cache[(n, d)] = res.resolve(n, d or None) if isinstance(n, str) and n.strip() else ValueError("empty name")
        except UnmappedCountryError as exc:
            cache[(n, d)] = exc
    out, errors = [], []
    for i, (n, d) in enumerate(keys.itertuples(index=False)):
        value = cache[(n, d)]
        if isinstance(value, Exception):
            msg = value.message if isinstance(value, UnmappedCountryError) else f"{value}"
            errors.append(UnmappedCountryError(file, msg, row=first_row + i, column=name_col))
            out.append(None)
        else:
            out.append(value)
    if errors:
        raise DataErrors(errors)
    return pd.Series(out, index=frame.index, dtype="string")


def lineage_code(registry: pd.DataFrame) -> dict[str, str]:
    """code -> the code that carries its UN seat forward (itself when it has no lineage)."""
    out = {}
    for row in registry.itertuples(index=False):
        out[row.iso3] = row.lineage if isinstance(row.lineage, str) and row.lineage else row.iso3
    return out
