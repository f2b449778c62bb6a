"""Small helpers of the extractor tests: the one row of a figure, and its time."""

from __future__ import annotations

import pandas as pd


def one(df: pd.DataFrame, text: str) -> pd.Series:
    """Return the only extracted figure written *text* (fails, listing them all, otherwise)."""
    rows = df[df["text"] == text]
    assert len(rows) == 1, (text, df["text"].tolist())
    return rows.iloc[0]


def when(df: pd.DataFrame, text: str) -> tuple:
    """Return ``(year or None, kind, period)`` of the figure written *text*."""
    r = one(df, text)
    return (None if pd.isna(r.year) else int(r.year)), r.kind, r.period
