"""Executing the notebooks and rendering the static HTML report."""
