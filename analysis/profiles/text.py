"""Small text helpers for the profile prose: dates in words, lists joined, labels cleaned."""
from __future__ import annotations

import re

from analysis.core.vocabulary import is_missing as _missing
from analysis.core.vocabulary import short_symbol

#: Position kinds in the order the prose treats them.
POSITION_KINDS = ("strategy", "law", "institution", "statement", "position_paper", "negotiation")


UNDOCS = "https://undocs.org/en/"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


# Small helpers


def _text(value, default: str = "") -> str:
    return default if _missing(value) else str(value)


def _date_words(value) -> str:
    """'2018-07-27' -> '27 July 2018'; '2019-07' -> 'July 2019'; '2011' -> '2011'; '' -> ''."""
    text = _text(value)
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return text
    return text


def _on_date(value) -> str:
    """'on 27 July 2018' / 'in July 2019' / 'in 2011' / '' (no date)."""
    text = _text(value)
    if not text:
        return ""
    return ("on " if text.count("-") == 2 else "in ") + _date_words(text)


def _join(items: list[str], conj: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _times(n: int) -> str:
    return {0: "no times", 1: "once", 2: "twice"}.get(int(n), f"{int(n)} times")


def _clean_title(title: str) -> str:
    """Drop the catalogue suffix ' : resolution / adopted by the General Assembly'."""
    return re.sub(r"\s*:\s*resolution\s*/\s*adopted by the General Assembly\s*$", "", _text(title))


def _label(name: str, details: str) -> str:
    """'Yugoslavia (SFRY)' + 'YUG, 1945' -> 'Yugoslavia (SFRY; YUG, 1945)'."""
    return f"{name[:-1]}; {details})" if name.endswith(")") else f"{name} ({details})"


def _rc_label(symbol: str) -> str:
    """'A/RES/74/247' -> '74/247' (other symbols unchanged)."""
    return short_symbol(_text(symbol))


def instrument_short_name(title: str) -> str:
    """A short name from an instrument's title: the part before ';' without parentheses, except
    a parenthesised nickname ending in 'Convention' (e.g. 'Budapest Convention')."""
    head = _text(title).split(";")[0]
    nick = [p for p in re.findall(r"\(([^()]*)\)", head) if re.fullmatch(r"[\w'\- ]+ Convention", p.strip())]
    base = re.sub(r"\s*\([^()]*\)", "", head).strip()
    return f"{base} ({nick[0].strip()})" if nick else base


def _urls(source: str) -> list[str]:
    """Split a source cell (' | ' or ' ; ' separated) into its parts."""
    return [p.strip() for p in re.split(r"\s+[|;]\s+", _text(source)) if p.strip()]


#: A part of a source cell that may become a link: http(s), nothing that could end an attribute or
#: an autolink (no space, quote, angle bracket or backtick).
_LINKABLE = re.compile(r"https?://[^\s<>\"'`]+")
#: What markdown would read as markup in text: backslash, backtick, emphasis, link brackets, angle
#: brackets, an entity, and an underscore that is not inside a word.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>]|&(?=#?\w+;)|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def is_url(text: str) -> bool:
    """True for an http(s) URL that is safe to make a link of (see :data:`_LINKABLE`)."""
    return bool(_LINKABLE.fullmatch(_text(text)))


def markdown_text(value) -> str:
    """Text from data as markdown that shows it verbatim: markup characters backslash-escaped,
    ``<``, ``>`` (and ``&`` before an entity) as entities, line breaks as spaces. Text without
    such characters is unchanged."""
    def escape(match: re.Match) -> str:
        char = match.group()
        return {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(char, "\\" + char)
    return _MARKDOWN_SPECIAL.sub(escape, re.sub(r"[\r\n]+", " ", _text(value)))


# Country codes
