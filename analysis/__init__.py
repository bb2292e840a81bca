"""Cybercrime diplomacy toolkit: UN votes, treaties and cooperation ties as validated data.

Data flow: curated source files (``--sources``) -> :mod:`analysis.build` -> tidy tables in
``data/`` (described by ``data/datapackage.json``) -> :mod:`analysis.io` (load + validate) ->
analysis modules (:mod:`analysis.blocs`, :mod:`analysis.networks`, :mod:`analysis.treaties`,
:mod:`analysis.profiles`) -> notebooks and figures.
"""

__version__ = "0.1.0"
