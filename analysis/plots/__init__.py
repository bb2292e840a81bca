"""Figures: one style (``style``), one module per story (blocs, networks, tracks, profiles)."""
