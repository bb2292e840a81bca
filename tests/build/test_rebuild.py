"""The committed tables are exactly what the build derives from the raw sources."""
import filecmp
import os
import sys

import pytest

from analysis.core.paths import CURATION_DIR, DATA_DIR
from analysis.data.build import pipeline as build
from analysis.data.build import votes as build_votes
from analysis.data.sources import manifest

pytestmark = [pytest.mark.sources, pytest.mark.slow]


_OPENED: list[str] | None = None


def _record_opens(event, args):
    if event == "open" and _OPENED is not None and isinstance(args[0], (str, os.PathLike)):
        _OPENED.append(os.path.realpath(args[0]))


def test_rebuild_is_byte_identical_and_reads_only_the_manifest_files(sources_dir, tmp_path, monkeypatch):
    global _OPENED
    sys.addaudithook(_record_opens)          # every open() during the build, by path
    out = tmp_path / "data"
    check_inputs = build.guard.check_inputs

    def then_record(*args, **kwargs):        # what the build reads after the manifest check (which reads all)
        global _OPENED
        result = check_inputs(*args, **kwargs)
        _OPENED = []
        return result

    monkeypatch.setattr(build.guard, "check_inputs", then_record)
    try:
        build.build(sources_dir, out, progress=lambda m: None)
        opened = set(_OPENED)
    finally:
        _OPENED = None
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in DATA_DIR.iterdir() if p.name in names)
    differ = [n for n in names if not filecmp.cmp(out / n, DATA_DIR / n, shallow=False)]
    assert differ == []
    roots = {"sources": os.path.realpath(sources_dir), "curation": os.path.realpath(CURATION_DIR)}
    read = {(root, os.path.relpath(p, top)) for p in opened for root, top in roots.items()
            if p.startswith(top + os.sep)}
    assert read == set(manifest.input_files())   # the manifest covers every input file, and only those


def test_session74_sources_agree_country_by_country(sources_dir, data):
    reg = data.countries.astype(object).where(data.countries.notna(), None)
    unv_rc, unv_votes = build_votes.unvotes_tables(sources_dir / "unvotes", reg)
    x_rc, x_votes, _notes, _ = build_votes.unxml_tables(sources_dir / "unxml_ga_resolutions", reg)
    both = build_votes.session74_overlap(unv_votes, unv_rc, x_votes, x_rc)
    assert both["symbol"].nunique() == 90
    disagree = both[both["vote_unvotes"] != both["vote_unxml"]]
    assert disagree.empty, disagree.head(20).to_string()
    srb = both[(both["symbol"] == "A/RES/74/247") & (both["iso3"] == "SRB")]
    assert list(srb["vote_unvotes"]) == ["yes"] == list(srb["vote_unxml"])


def test_ict_source_lists_agree_with_dgacm(sources_dir, data):
    from analysis.data.countries import map_names
    from analysis.data.sources import ict

    votes = ict.read_ict_votes(sources_dir / "unga_ict_votes_2020_2025")
    rc = data.rollcalls[["rollcall_id", "symbol", "date"]]
    votes = votes.merge(rc, on="symbol")
    votes["iso3"] = map_names(votes, "country", "date", data.countries.astype(object).where(data.countries.notna(), None), "votes.csv")
    ours = data.votes[data.votes["rollcall_id"].isin(set(votes["rollcall_id"]))]
    ours = ours[ours["vote"] != "absent"].astype({"vote": str})
    merged = votes.merge(ours, on=["rollcall_id", "iso3"], how="outer", suffixes=("_ict", "_ours"))
    assert len(merged) == 1221 and (merged["vote_ict"] == merged["vote_ours"]).all()
