"""Country profiles: one state's cybercrime record, gathered from every table, as tables and prose.

``context`` computes once what every profile needs, ``profile`` assembles one state's sections,
``prose`` writes them as short paragraphs with numbered sources, ``tables`` shows a section with
its sources as links. The names below are the package's API (``from analysis import profiles``).
"""
from analysis.core.vocabulary import TIE_KIND_LABELS as KIND_LABELS
from analysis.profiles.context import ProfileContext, dataset_urls, profile_context, resolve_iso3
from analysis.profiles.profile import CountryProfile, country_profile
from analysis.profiles.prose import SECTIONS, Prose, profile_prose, profile_text
from analysis.profiles.tables import SourcedTable, sourced_table
from analysis.profiles.text import instrument_short_name

__all__ = [
    "CountryProfile", "ProfileContext", "Prose", "resolve_iso3", "dataset_urls", "profile_context",
    "country_profile", "profile_text", "profile_prose", "sourced_table", "SourcedTable", "instrument_short_name",
    "KIND_LABELS", "SECTIONS",
]
