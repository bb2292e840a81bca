"""A profile section as a table whose ``source`` column is shown as numbered links."""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import pandas as pd

from analysis.core.vocabulary import is_missing as _missing
from analysis.profiles.text import _urls, is_url


class SourcedTable:
    """A table that Jupyter shows as HTML with every URL of its source columns as a link named by
    its site (the full URL as the link's title, so the column stays narrow), and whose plain-text
    form (what nbval compares) is the full ``to_string`` of the frame."""

    def __init__(self, frame: pd.DataFrame, link_columns: Iterable[str] = ("source",)):
        self.frame = frame.reset_index(drop=True)
        self.link_columns = [c for c in link_columns if c in self.frame.columns]

    def _cells(self) -> pd.DataFrame:
        """Every cell as display text; missing values as empty strings."""
        return self.frame.astype(object).apply(lambda col: col.map(lambda v: "" if _missing(v) else str(v)))

    def __repr__(self) -> str:
        return self._cells().to_string()

    def _repr_html_(self) -> str:
        import html

        def links(value: str) -> str:
            parts = []
            for part in _urls(value):
                if is_url(part):   # only http(s) becomes a link; anything else is escaped text
                    host = re.sub(r"^www\.", "", urlsplit(part).netloc) or part
                    parts.append(f'<a href="{html.escape(part, quote=True)}" title="{html.escape(part, quote=True)}">'
                                 f'{html.escape(host)}</a>')
                else:
                    parts.append(html.escape(part))
            return "<br>".join(parts)

        cells = self._cells()
        for col in cells.columns:
            cells[col] = cells[col].map(links if col in self.link_columns else html.escape)
        table = cells.to_html(escape=False, index=False, classes="sourced", border=0)
        style = ("<style>table.sourced td, table.sourced th { text-align: left; vertical-align: top; }"
                 " table.sourced td { max-width: 36em; }</style>")
        return style + table


def sourced_table(frame: pd.DataFrame, link_columns: Iterable[str] = ("source",)) -> SourcedTable:
    """`frame` for display with clickable sources (see :class:`SourcedTable`)."""
    return SourcedTable(frame, link_columns)
