"""What every profile needs and is costly to compute, computed once: ideal points for all states,
blocs per session, the standardised BSV reference, the dataset URLs to cite; and resolving a code."""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from analysis.core.errors import UsageError
from analysis.methods import blocs as _blocs
from analysis.methods.ideal_points import ideal_points, rank_by_group
from analysis.profiles.text import _text


def resolve_iso3(countries: pd.DataFrame, code: str) -> str:
    """The registry code for `code` (case-insensitive), or :class:`~analysis.core.errors.UsageError` (a
    ValueError) naming it with close matches.

    Suggestions come from the codes (spelling distance), ISO alpha-2 codes, names and aliases, e.g.
    ``"SER"`` -> "did you mean SRB (Serbia), SEN (Senegal) ...", ``"Serbia"`` -> "SRB (Serbia)".
    """
    raw = "" if code is None else str(code).strip()
    codes = countries["iso3"].astype(str)
    if raw.upper() in set(codes):
        return raw.upper()
    names = dict(zip(codes, countries["name"].astype(str), strict=True))
    exact: list[str] = []
    partial: list[str] = []
    lowered = raw.lower()
    hits: list[str] = []
    if lowered:
        for col in ("name", "official_name", "aliases", "iso2"):
            if col not in countries:
                continue
            for iso, cell in zip(codes, countries[col], strict=True):
                values = [v.strip().lower() for v in _text(cell).split(";") if v.strip()]
                if lowered in values:
                    exact.append(iso)
                elif len(lowered) > 3 and any(lowered in v for v in values):
                    partial.append(iso)
        by_name = difflib.get_close_matches(lowered, [n.lower() for n in names.values()], n=3, cutoff=0.75)
        hits = (exact + partial + difflib.get_close_matches(raw.upper(), list(codes), n=5, cutoff=0.6)
                + [iso for iso, n in names.items() if n.lower() in by_name])
    seen: list[str] = []
    for iso in hits:
        if iso not in seen:
            seen.append(iso)
    hint = ("; did you mean " + ", ".join(f"{iso} ({names[iso]})" for iso in seen[:6]) + "?") if seen else ""
    raise UsageError(f"unknown country code {raw!r}: not an iso3 code in the countries registry{hint}")


def dataset_urls(descriptor: Mapping) -> dict[str, str]:
    """Source id -> URL (or citation) from a data package descriptor's ``sources``."""
    out = {}
    for src in descriptor.get("sources", []):
        path = _text(src.get("path"))
        out[src["id"]] = path if path.startswith("http") else _text(src.get("citation"), path)
    return out


# Shared context (computed once for any number of profiles)


@dataclass(frozen=True)
class ProfileContext:
    """What every profile needs and is costly to compute.

    ``ideal``: :func:`analysis.methods.ideal_points.ideal_points` by year for all states, plus ``rank`` (1 =
    highest) and ``n_states`` per year. ``blocs``: the named voting blocs
    (:func:`analysis.methods.blocs.cyber_blocs`). ``bsv``: the BSV reference with ``bsv_z`` (standardised
    per year). ``dataset_urls``: source id -> URL, used to cite votes.
    """

    ideal: pd.DataFrame
    blocs: _blocs.CyberBlocs
    bsv: pd.DataFrame
    dataset_urls: dict = field(default_factory=dict)


def _standardised_bsv(bsv: pd.DataFrame) -> pd.DataFrame:
    out = bsv[["iso3", "year", "ideal_point_all", "n_votes_all", "source"]].copy()
    out["year"] = out["year"].astype(int)
    grouped = out.groupby("year")["ideal_point_all"]
    out["bsv_z"] = (out["ideal_point_all"] - grouped.transform("mean")) / grouped.transform("std", ddof=0)
    out = out[~out.duplicated(["iso3", "year"], keep=False)]  # e.g. both Yemens published as YAR
    return out.rename(columns={"ideal_point_all": "bsv_ideal_point", "n_votes_all": "bsv_n_votes",
                               "source": "bsv_source"}).reset_index(drop=True)


def profile_context(data, dataset_urls: Mapping[str, str] | None = None, ideal: pd.DataFrame | None = None) -> ProfileContext:
    """Ideal points (all years), the named voting blocs and the BSV reference.

    `ideal` reuses an ideal-point table computed before (columns iso3, year, ideal_point, n_votes).
    About 10 s on the full vote record, most of it the ideal points.
    """
    if ideal is None:
        ideal = ideal_points(data.votes, data.rollcalls, by="year")
    ideal = ideal.copy()
    ideal["year"] = ideal["year"].astype(int)
    ideal["rank"] = rank_by_group(ideal, ascending=False).astype(int)   # ties by iso3
    ideal["n_states"] = ideal.groupby("year")["iso3"].transform("size").astype(int)
    return ProfileContext(ideal=ideal, blocs=_blocs.cyber_blocs(data.votes, data.rollcalls), bsv=_standardised_bsv(data.bsv_reference),
                          dataset_urls=dict(dataset_urls or {}))


# The profile
