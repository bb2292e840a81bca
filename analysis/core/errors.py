"""Error types that say which file, row and column is wrong."""
from __future__ import annotations


class DataError(ValueError):
    """A problem in an input or tidy table, located by file, row and column.

    ``row`` is the 1-based line number in the file counting the header as line 1 (so the
    first data row is row 2), or None when the problem is not tied to one row.
    """

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None):
        self.file, self.row, self.column, self.message = str(file), row, column, message
        where = self.file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


class DataErrors(ValueError):
    """Several :class:`DataError` found in one pass (validation reports all of them)."""

    def __init__(self, errors: list[DataError]):
        self.errors = list(errors)
        shown = "\n".join(f"  - {e}" for e in self.errors[:50])
        more = f"\n  ... and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} problem(s):\n{shown}{more}")


class UnmappedCountryError(DataError):
    """A country name or code that the registry cannot map to exactly one actor at that date."""
