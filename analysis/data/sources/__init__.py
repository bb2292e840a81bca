"""Readers for each raw source. Each turns one source folder into tidy frames, with names still
as printed (mapping to the registry happens in :mod:`analysis.data.build`). Nothing here writes."""
