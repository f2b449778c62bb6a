"""Analyses computed once per kernel for the same indicator table.

A briefing asks for the targets against results two or three times on one table (the
chart, the targets table, the derived measures). :func:`frame_memo` keeps the last few
results with a copy of the table each came from; a later call on an equal table (same
columns, dtypes, index and values) gets a fresh copy of that result, so a caller may
change what it gets, or change the table, without affecting another call.
"""

from __future__ import annotations

import inspect
from functools import wraps

import pandas as pd

_KEEP = 8  # tables remembered per function


def frame_memo(func):
    """Memoise ``func(indicators, **keywords)`` on the table's contents and the keywords."""
    memo: list = []  # (copy of the table, keywords, result), most recent last
    defaults = {n: p.default for n, p in inspect.signature(func).parameters.items()
                if p.kind is p.KEYWORD_ONLY}

    @wraps(func)
    def wrapper(indicators=None, **kw):
        if not isinstance(indicators, pd.DataFrame):
            return func(indicators, **kw)
        key = tuple(sorted({**defaults, **kw}.items()))  # tol_pp=0.5 given or by default
        for table, k, result in reversed(memo):
            if k == key and table.shape == indicators.shape and table.equals(indicators):
                return result.copy()
        result = func(indicators, **kw)
        memo.append((indicators.copy(), key, result.copy()))
        del memo[:-_KEEP]
        return result

    wrapper.cache_clear = memo.clear
    return wrapper
