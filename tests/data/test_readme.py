"""The README's counts are tested, never only typed: each table's row count in its Tables section, the
registry's composition, and the size of Voeten's record quoted with the benchmarks equal the data."""
from __future__ import annotations

import json
import re

from analysis.core.paths import DATA_DIR, ROOT
from analysis.data.validate import read_descriptor

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_table(heading: str) -> list[list[str]]:
    """The cells of the first markdown table after `heading` (header and rule left out)."""
    lines = README.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in lines[start + 2:end]]


def number(text: str) -> int:
    return int(text.replace(",", ""))


def test_every_table_row_count_in_the_readme_is_the_data(data):
    paths = {res["path"]: res["name"] for res in read_descriptor(DATA_DIR)["resources"]}
    outlines = json.loads((DATA_DIR / "world_outlines.geojson").read_text(encoding="utf-8"))
    counts = {name: len(getattr(data, name)) for name in vars(data)} | {"world_outlines": len(outlines["features"])}
    quoted = {}
    for first, *_, rows in readme_table("## Tables"):
        files = re.findall(r"`([^`]+)`", first)
        values = [number(v) for v in rows.split("/")]
        assert len(files) == len(values), first
        quoted.update({paths[f]: v for f, v in zip(files, values, strict=True)})
    assert quoted == {name: counts[name] for name in quoted}
    assert set(quoted) == set(paths.values()), "a table of the data package is missing from the README"


def test_the_registry_composition_in_the_readme(data):
    row = next(r for r in readme_table("## Tables") if "`countries.csv`" in r[0])
    types = data.countries["type"].value_counts()
    quoted = {label: int(n) for n, label in re.findall(r"(\d+) (UN members|observer states|historical states)", row[1])}
    assert quoted == {
        "UN members": types["member_state"], "observer states": types["observer_state"],
        "historical states": types["historical_state"]}


def test_the_benchmark_paragraph_quotes_voetens_record(data):
    m = re.search(r"agreement on ([\d,]+) votes, ([\d,]+) roll calls, (\d+)\s+sessions, (\d{4})–(\d{4})", README)
    assert m, "the benchmark paragraph no longer quotes the record it measures"
    voeten = data.rollcalls[data.rollcalls["rollcall_id"].str.startswith("V")]
    votes = data.votes[data.votes["rollcall_id"].isin(voeten["rollcall_id"])]
    assert [number(g) for g in m.groups()] == [len(votes), len(voeten), voeten["session"].nunique(),
                                               int(voeten["year"].min()), int(voeten["year"].max())]
