"""Package attributes resolved on first use (PEP 562).

``import datong_lib`` and the parts of a build with nothing to do must not load
pandas or matplotlib, so each package names its public objects here and imports the
module that defines one only when it is asked for.
"""

from __future__ import annotations

from importlib import import_module


def lazy_exports(package: str, exports: dict[str, str]):
    """Return ``(__getattr__, __dir__)`` for *package*, given ``name -> submodule``."""

    def __getattr__(name: str):
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(import_module(f".{module}", package), name)
        import sys

        setattr(sys.modules[package], name, value)
        return value

    def __dir__():
        import sys

        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
