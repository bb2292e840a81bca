"""Data layer: the schema, the country registry, one reader per raw source (``sources``), one build
step per table family (``build``), validation and loading (``io``). Imports only ``analysis.core``."""
