"""Error types that say which file, row and column is wrong, and the exit code each one means.

The command line (:mod:`analysis.cli`) turns every expected failure into one line on stderr and
an exit code, so a script can tell the cases apart:

====  =========================================================================================
0     ok
1     the data are invalid (:class:`DataError`, :class:`DataErrors`): a table, a source or a
      curation file breaks a rule; the message names file, row and column
2     usage error (:class:`UsageError`, or a bad option caught by argparse): fix the command
3     environment error (:class:`SetupError`): a missing or unwritable folder, a missing source
      file, another build holding the lock, a missing kernel
70    unexpected error (a bug): the traceback is printed (``EX_SOFTWARE`` of sysexits.h)
====  =========================================================================================
"""
from __future__ import annotations

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_SETUP, EXIT_BUG = 0, 1, 2, 3, 70

#: The exit codes as the command line documents them (``cybercrime --help`` and README).
EXIT_CODES = {
    EXIT_OK: "ok",
    EXIT_DATA: "data invalid (a table, source or curation file breaks a rule; file, row and column named)",
    EXIT_USAGE: "usage error (bad argument, unknown country code)",
    EXIT_SETUP: "environment error (missing or unwritable folder, missing source file, build already running)",
    EXIT_BUG: "unexpected error, a bug: the traceback is printed",
}


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


class UsageError(ValueError):
    """A command asked for something that cannot be: an unknown country code, a bad option value."""


class SetupError(RuntimeError):
    """The environment is not what a command needs: a missing or unwritable folder, a missing
    source file, another build holding the lock. Names the path concerned."""
