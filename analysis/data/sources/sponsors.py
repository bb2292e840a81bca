"""The sponsor fields of the UN machine-readable resolutions, as text: split into entries, known
source errors corrected, each entry classified (a state, a group tabling "on behalf of", a UN
organ, or an editorial note). Pure text processing; mapping names to the registry is the build's job
(:mod:`analysis.data.build.sponsorships`)."""
from __future__ import annotations

import ast
import json
import re

from analysis.core.vocabulary import is_missing as _is_missing

# Group ids for "X (on behalf of the States Members of the United Nations that are members of
# <group>)". Searched in order on the lower-cased text after "on behalf of"; first match wins.
_GROUP_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"group of 77", "G77", "group"),
    (r"non-aligned", "NAM", "group"),
    (r"group of african states", "AFRICAN_GROUP", "group"),
    (r"group of latin american and caribbean states", "GRULAC", "group"),
    (r"group of asia-pacific states|asia-pacific group", "ASIA_PACIFIC_GROUP", "group"),
    (r"group of eastern european states", "EEG", "group"),
    (r"group of western european and other states", "WEOG", "group"),
    (r"european union", "EU_MS", "group"),
    (r"organi[sz]ation of islamic cooperation", "OIC", "group"),
    (r"league of arab states|arab group", "LAS", "group"),
    (r"economic community of central african states", "ECCAS", "group"),
    (r"economic community of west african states", "ECOWAS", "group"),
    (r"southern african development community", "SADC", "group"),
    (r"south-?east asian? nations.*bangkok treaty|south-?east asia nuclear-weapon-free zone", "ASEAN_SEANWFZ", "group"),
    (r"association of south-?east asian nations", "ASEAN", "group"),
    (r"caribbean community", "CARICOM", "group"),
    (r"pacific islands forum", "PIF", "group"),
    (r"alliance of small island states", "AOSIS", "group"),
    (r"least developed countries", "LDC", "group"),
    (r"landlocked developing countries", "LLDC", "group"),
    (r"commonwealth of independent states", "CIS", "group"),
    (r"nordic countries", "NORDIC", "group"),
    (r"standing advisory committee on security questions in central africa", "UNSAC", "group"),
    (r"bureau of the disarmament commission", "UNDC_BUREAU", "organ"),
    (r"working group of the whole on international cooperation in the peaceful uses of outer space",
     "COPUOS_WG", "organ"),
    (r"\bbureau\b", "COMMITTEE_BUREAU", "organ"),
)


# Entries naming a UN organ or officer rather than states (whole entry, lower case, in order).
_ORGAN_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"president of the general assembly", "PGA"),
    (r"special committee on the situation with regard to the implementation of the declaration", "C24"),
    (r"submitted by the committee on information", "COMMITTEE_ON_INFORMATION"),
    (r"report of the credentials committee", "CREDENTIALS_COMMITTEE"),
    (r"revitalization of the work of the general assembly", "GA_REVITALIZATION_WG"),
    (r"in its capacity as chair of the committee on the peaceful uses of outer space", "COPUOS_CHAIR"),
    (r"^(?:was )?submitted by the vice-chair", "COMMITTEE_VICE_CHAIR"),
    (r"^(?:was )?submitted by the rapporteur", "COMMITTEE_RAPPORTEUR"),
    (r"^(?:was )?submitted by the chair", "COMMITTEE_CHAIR"),
)


# Editorial text that is not a sponsor (footnotes, continuation lines of officers' names).
_NOTE_PATTERN = re.compile(
    r"amendment was rejected|^annex\b|^subsequently\b|on the basis of informal consultations", re.I)


# Entries kept whole by the splitter (officer sentences contain commas and "and").
_NOSPLIT_PATTERN = re.compile(
    r"submitted by|introduced in the committee|the representative of|on the basis of|"
    r"amendment was rejected|^annex\b", re.I)


# Words that continue a country name after " and " (so the split is undone).
_AND_CONTINUATIONS = re.compile(
    r"^(barbuda|herzegovina|nevis|the grenadines|principe|príncipe|tobago|northern ireland|caicos|"
    r"futuna|miquelon|mcdonald|jan mayen|china\b)", re.I)


_BEHALF = re.compile(r"\b(?:on|of) behalf of\b|\bin its capacity\b", re.I)


def known_sponsor_corrections() -> dict[str, list[str]]:
    """Source errors in the UNxml sponsor lists (sessions 74-80): entry -> names it stands for.

    Keys are entries after :func:`parse_sponsor_field` (upper-cased); ``[]`` drops the entry.
    Typos: GE RMANY, IR ELAND, CZECHI A, MAURITANI A, MALTAS (A/RES/77/236), NAMBIA, "FEDERATES".
    Split names: SOLOMON + ISLANDS (A/RES/78/133); PRINCIPE beside SAO TOME AND PRINCIPE
    (A/RES/74/118); NORTHERN IRELAND beside UNITED KINGDOM (A/RES/77/12); "THE OF KOREA"
    (A/RES/78/208); LAO PEOPLE'S DEMOCRATIC (A/RES/76/269). Glued names: ANGOLA BAHAMAS
    (A/RES/79/168), COMOROS CONGO (A/RES/80/248), UNITED KINGDOMAND URUGUAY, THEREPUBLIC OF KOREA,
    THEUNITED REPUBLIC OF TANZANIA.
    """
    return {
        "GE RMANY": ["GERMANY"], "IR ELAND": ["IRELAND"], "CZECHI A": ["CZECHIA"],
        "MAURITANI A": ["MAURITANIA"], "MALTAS": ["MALTA"], "NAMBIA": ["NAMIBIA"],
        "MICRONESIA (FEDERATES STATES OF)": ["MICRONESIA (FEDERATED STATES OF)"],
        "SOLOMON": ["SOLOMON ISLANDS"], "ISLANDS": [], "PRINCIPE": [], "NORTHERN IRELAND": [],
        "THE OF KOREA": ["REPUBLIC OF KOREA"],
        "LAO PEOPLE'S DEMOCRATIC": ["LAO PEOPLE'S DEMOCRATIC REPUBLIC"],
        "ANGOLA BAHAMAS": ["ANGOLA", "BAHAMAS"], "COMOROS CONGO": ["COMOROS", "CONGO"],
        "UNITED KINGDOMAND URUGUAY": ["UNITED KINGDOM", "URUGUAY"],
        "THEREPUBLIC OF KOREA": ["REPUBLIC OF KOREA"],
        "THEUNITED REPUBLIC OF TANZANIA": ["UNITED REPUBLIC OF TANZANIA"],
    }


def _clean_entry(text: str) -> str:
    """Collapse whitespace (incl. U+00A0), drop empty "( )", trailing commas/semicolons."""
    text = re.sub(r"\s+", " ", str(text).replace("\u00a0", " ")).strip()
    text = re.sub(r"\(\s*\)", "", text).strip()
    return text.rstrip(",;").strip()


def _depth_mask(text: str) -> str:
    """Same length as text; characters inside parentheses replaced by '_' (for top-level regex)."""
    depth, out = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
            out.append("_")
        elif ch == ")":
            depth = max(depth - 1, 0)
            out.append("_")
        else:
            out.append("_" if depth else ch)
    return "".join(out)


def _split_at(text: str, pattern: str) -> list[str]:
    """Split text at top-level (outside parentheses) matches of pattern."""
    mask = _depth_mask(text)
    pieces, start = [], 0
    for m in re.finditer(pattern, mask, flags=re.I):
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _split_and(text: str) -> list[str]:
    """Split "A and B" at top level, keeping names such as "Trinidad and Tobago" and the
    "on behalf of ..." tail (which may contain "and") attached to its state."""
    m = _BEHALF.search(_depth_mask(text))
    head, tail = (text[:m.start()], text[m.start():]) if m else (text, "")
    mask = _depth_mask(head)
    parts, seps, start = [], [], 0
    for m in re.finditer(r"\s+and\s+", mask, flags=re.I):
        parts.append(head[start:m.start()])
        seps.append(head[m.start():m.end()])
        start = m.end()
    parts.append(head[start:])
    merged: list[str] = [parts[0].strip()]
    for sep, part in zip(seps, parts[1:], strict=True):
        if _AND_CONTINUATIONS.match(part.strip()):  # "Trinidad and Tobago": undo the split
            merged[-1] = f"{merged[-1]}{sep}{part.strip()}"
        else:
            merged.append(part.strip())
    if tail:
        merged[-1] = f"{merged[-1]} {tail}".strip() if merged[-1] else tail
    return [p.strip().rstrip(",").strip() for p in merged if p.strip()]


def parse_sponsor_field(value) -> list[str]:
    """Split a raw ``sponsors`` / ``additional_sponsors`` value into one entry per sponsor.

    Accepts a list of strings (the UNxml form), one string, a string holding a Python/JSON list
    (a list that went through CSV), or None/NaN. Each element may itself be a prose list
    ("Albania, Austria, ... Nigeria (on behalf of ...) and Uruguay" in sessions 78-80) or carry
    glued names ("CHILE,DOMINICAN REPUBLIC", "BARBADOS. DOMINICAN REPUBLIC", "UNITED STATES AND
    VIET NAM"). Splits at top-level commas, semicolons, ". " and " and ", never inside
    parentheses, never inside compound names (Trinidad and Tobago, ... Great Britain and
    Northern Ireland) and never in a group tail ("Cuba, on behalf of ... Group of 77 and China"
    stays one entry). Officer / organ sentences ("submitted by the Vice-Chair of the Committee,
    X (Y) and ...") stay whole. Whitespace (incl. U+00A0) is collapsed; empty entries dropped.
    """
    if value is None or (not isinstance(value, (str, list, tuple)) and _is_missing(value)):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            try:
                value = json.loads(stripped)
            except ValueError:
                value = ast.literal_eval(stripped)
        else:
            value = [value]
    out: list[str] = []
    for item in value:
        if _is_missing(item):
            continue
        text = _clean_entry(item)
        if not text:
            continue
        if _NOSPLIT_PATTERN.search(text):
            out.append(text)
            continue
        pieces = _split_at(text, r"\s*[,;]\s*")
        merged: list[str] = []
        for piece in pieces:  # "CUBA, ON BEHALF OF ..." -> one entry
            if merged and re.match(r"(?:on|of) behalf of\b|in its capacity\b", piece, re.I):
                merged[-1] = f"{merged[-1]}, {piece}"
            else:
                merged.append(piece)
        for piece in merged:
            for sub in _split_at(piece, r"(?<=[A-Za-z]{3})\.\s+(?=[A-Z])"):
                out.extend(_clean_entry(p) for p in _split_and(sub))
    return [p for p in out if p]


def _state_part(entry: str) -> str:
    """The state named before "(on behalf of", ", on behalf of" or "(in its capacity"."""
    m = _BEHALF.search(_depth_mask(entry))
    if m:
        head = entry[:m.start()]
    else:
        m = re.search(r"\((?:on|of) behalf of|\(in its capacity", entry, re.I)
        head = entry[:m.start()] if m else entry
    return _lookup_name(head.rstrip(" ,("))


def _lookup_name(text: str) -> str:
    """Name handed to ``to_iso3``: whitespace collapsed, curly quotes straight, no leading 'the'."""
    text = _clean_entry(text).replace("\u2019", "'").replace("\u2018", "'").rstrip(".").strip()
    text = re.sub(r"\s*\(the\)$", "", text, flags=re.I)  # "BAHAMAS (THE)"
    return re.sub(r"^the\s+", "", text, flags=re.I)


def classify_sponsor(entry: str) -> dict:
    """What one parsed sponsor entry is: ``{"kind", "id", "name", "via"}``.

    kind ``"name"``: a state or organisation to resolve (``name`` = text for ``to_iso3``);
    ``"group"`` / ``"organ"``: ``id`` is a stable group or organ id (G77, NAM, AFRICAN_GROUP,
    OIC, ..., PGA, C24, COMMITTEE_CHAIR, ...) and ``via`` the name of the state that tabled it,
    if any; ``"note"``: editorial text, not a sponsor; ``"unknown_group"``: an "on behalf of"
    entry whose group is not recognised.
    """
    text = _clean_entry(entry)
    low = text.lower()
    for pattern, ident in _ORGAN_PATTERNS:
        if re.search(pattern, low):
            via = _state_part(text) if ident == "COPUOS_CHAIR" else None
            return {"kind": "organ", "id": ident, "name": None, "via": via}
    if _NOTE_PATTERN.search(low):
        return {"kind": "note", "id": None, "name": None, "via": None}
    rep = re.search(r"representative of (.+?),?\s*\(?\s*on behalf of", text, re.I)
    if _BEHALF.search(low) or re.search(r"\((?:on|of) behalf of", low):
        m = re.search(r"(?:on|of) behalf of(.*)$", low)
        tail = m.group(1) if m else low
        via = _lookup_name(rep.group(1)) if rep else (_state_part(text) or None)
        for pattern, ident, kind in _GROUP_PATTERNS:
            if re.search(pattern, tail):
                return {"kind": kind, "id": ident, "name": None, "via": via}
        return {"kind": "unknown_group", "id": None, "name": text, "via": via}
    return {"kind": "name", "id": None, "name": _lookup_name(text), "via": None}
