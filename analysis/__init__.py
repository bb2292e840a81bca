"""Cybercrime diplomacy toolkit: UN votes, treaties and cooperation ties as validated data.

Data flow: curated source files (``--sources``) -> :mod:`analysis.data.build` -> tidy tables in
``data/`` (described by ``data/datapackage.json``) -> :mod:`analysis.data.io` (load + validate) ->
analysis modules (:mod:`analysis.methods.blocs`, :mod:`analysis.methods.networks`, :mod:`analysis.methods.treaties`,
:mod:`analysis.profiles`) -> notebooks and figures.
"""

__version__ = "0.1.0"
