"""Errors the library raises, each message naming the problem and the fix, and the exit codes.

Exit codes of the ``datong`` command (``datong build`` in particular): 0 every selected
briefing is up to date; 1 at least one briefing failed (its last good HTML is kept);
2 a parameter file, the report file it names or the command line is invalid (nothing
ran for it); 3 another build holds the lock on the reports folder; 130 interrupted.
"""

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class DatongError(Exception):
    """Base class for every error datong_lib raises on purpose."""


class ReportError(DatongError, ValueError):
    """A report file is missing, unreadable or holds no recognisable text."""


class IndicatorError(DatongError, ValueError):
    """A row of the curated indicator table fails its provenance check."""


class ParameterError(DatongError, ValueError):
    """A parameter file or notebook parameter is malformed or out of range."""
