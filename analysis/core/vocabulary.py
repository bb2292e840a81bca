"""The project's vocabulary, defined once: vote values and their order, the "not recorded" label,
resolution symbols and roll-call ids, tie kinds, treaty statuses, and what counts as missing.

Colours for these values live in :mod:`analysis.plots.style`, keyed by the values defined here.
"""
from __future__ import annotations

import re

import pandas as pd

# --------------------------------------------------------------------------- votes

#: The values of ``votes.vote``, in the order of the data package's enum.
VOTE_VALUES = ("yes", "no", "abstain", "absent")
#: A vote cast (an absence is not a vote: it is never agreement or disagreement).
CAST_VOTES = ("yes", "no", "abstain")
#: The label for a country with no row at all in a roll call (before 2019 Voeten's record drops
#: absences, so "not recorded" then usually means absent or not yet a member).
NOT_RECORDED = "not recorded"
#: The order in which vote values are listed in tables and legends.
VOTE_ORDER = ("yes", "abstain", "no", "absent", NOT_RECORDED)
#: How roll calls were decided (``rollcalls.modality``).
MODALITIES = ("recorded", "without_vote", "unknown")

# --------------------------------------------------------------------------- symbols and ids

_RES_PREFIX = "A/RES/"
_RES_SYMBOL = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/(\d+)(?: (.+))?$")


def short_symbol(symbol) -> str:
    """``"A/RES/73/187"`` -> ``"73/187"``; any other symbol (``"A/75/L.55"``) unchanged."""
    s = str(symbol)
    return s[len(_RES_PREFIX):] if s.startswith(_RES_PREFIX) else s


def rollcall_id_of_symbol(symbol: str) -> str:
    """Project id of a resolution adopted in the DGACM records: ``'A/RES/75/240'`` -> ``'X75-240'``,
    ``'A/RES/75/254 A-C'`` -> ``'X75-254_A-C'``, ``'A/RES/ES-11/1'`` -> ``'XES-11-1'``.

    (Voeten's roll calls keep their own ids, ``'V'`` + rcid.) Raises ``ValueError`` on a symbol
    that is not an ``A/RES/`` resolution symbol.
    """
    m = _RES_SYMBOL.match(str(symbol).strip())
    if not m:
        raise ValueError(f"not a resolution symbol: {symbol!r}")
    session, number, part = m.groups()
    return f"X{session}-{number}" + (f"_{part.replace(' ', '')}" if part else "")


# --------------------------------------------------------------------------- ties and treaties

#: Kinds of cooperation tie (``cooperation.kind``), in the order they are listed everywhere
#: (prose, tables, legends), with how each reads in prose (a plural noun phrase).
TIE_KIND_LABELS = {
    "mlat": "mutual legal assistance treaties",
    "agreement": "agreements",
    "mou": "memoranda of understanding",
    "dialogue": "dialogues",
    "assistance": "assistance ties",
    "joint_statement": "joint statements",
    "other": "other contacts",
}
TIE_KINDS = tuple(TIE_KIND_LABELS)
#: Short human names of the group ties of ``cooperation_groups.csv`` (group_id -> label), for
#: figures and tables; :func:`group_label` falls back to the id with spaces.
GROUP_LABELS = {
    "asean-treaty-on-mutual-legal-assistance-in-criminal-matters": "ASEAN MLAT",
    "counter-ransomware-initiative-2021": "CRI 2021",
    "counter-ransomware-initiative-2023": "CRI 2023",
    "joint-statement-on-advancing-responsible-state-behavior-in-cyberspace-2019": "Joint statement 2019",
    "like-minded-joint-statement-unga-third-committee-russia-led": "Like-minded statement (RUS-led)",
    "quintet-of-attorneys-general-2019": "Quintet 2019",
    "rok-japan-china-cyber-policy-consultation-2014": "KOR-JPN-CHN 2014",
    "rok-us-japan-cyber-consultation-group-2023": "KOR-USA-JPN 2023",
    "unga-74-cybercrime-resolution-co-sponsors-47-2019": "74/247 co-sponsors",
}


def group_label(group_id) -> str:
    """Short human name of a group tie ("CRI 2021"), else its id with spaces for hyphens."""
    return GROUP_LABELS.get(str(group_id), str(group_id).replace("-", " "))
#: Names of the instruments followed in the figures (instrument id -> label).
INSTRUMENT_LABELS = {"ETS185": "Budapest Convention (ETS 185)", "ETS189": "First Protocol (ETS 189)",
                     "CETS224": "Second Protocol (CETS 224)", "UNCC2024": "UN Convention against Cybercrime"}
#: Status of an actor under an instrument at a date, in ascending order (``analysis.methods.treaties.status_at``).
TREATY_STATUSES = ("not signed", "signed", "party")


# --------------------------------------------------------------------------- missing values

def is_missing(value) -> bool:
    """True for None, NaN, NA, NaT and blank strings (scalars only)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
