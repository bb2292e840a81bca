"""Build steps: raw sources and curation files -> the tidy tables of ``data/`` (``pipeline.build``)."""
