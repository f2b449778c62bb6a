"""Errors the library raises; each message names the problem and the fix."""


class DatongError(Exception):
    """Base class for every error datong_lib raises on purpose."""


class ReportError(DatongError, ValueError):
    """A report file is missing, unreadable or holds no recognisable text."""


class IndicatorError(DatongError, ValueError):
    """A row of the curated indicator table fails its provenance check."""


class ParameterError(DatongError, ValueError):
    """A parameter file or notebook parameter is malformed or out of range."""
