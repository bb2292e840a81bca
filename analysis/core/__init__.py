"""Core layer: paths, error types and the project's vocabulary. Imports nothing from the other layers."""
