"""Imports made cheaper for the build's processes (imported before nbformat), and
nbformat's validator compiled once.

jsonschema, which nbformat imports to validate notebooks, checks the ``iri`` string
format with ``rfc3987_syntax`` when that is installed, and importing it compiles a
grammar: about 1.4 s in every process that loads nbformat. Notebook schemas use no
``iri`` format, so the build's processes import jsonschema without that checker; the
module itself stays importable for any later ``import``.
"""

from __future__ import annotations

import sys


def skip_iri_grammar() -> None:
    """Import nbformat, and with it jsonschema, without the ``iri`` format checker (a no-op
    once jsonschema is loaded)."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # import fails; jsonschema skips the checker
    try:
        import nbformat  # noqa: F401 - imports jsonschema
    except ImportError:
        pass
    finally:
        if "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None:
            del sys.modules["rfc3987_syntax"]


skip_iri_grammar()


def compile_validator() -> None:
    """Compile nbformat's notebook validator now: fastjsonschema writes and compiles Python
    for the schema on first use, about 0.1 s in each process that validates (the
    forkserver calls this, so that no worker does)."""
    import nbformat

    nbformat.validate(nbformat.v4.new_notebook())
