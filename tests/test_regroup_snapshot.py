"""Temporary: extraction, indicator tables and headline figures are the same as before the regroup."""
import sys
from pathlib import Path

import pandas as pd
import pytest

SNAP = Path(__file__).resolve().parent / "snapshot"
sys.path.insert(0, str(SNAP))
from make_snapshot import names, tables  # noqa: E402


@pytest.mark.parametrize("name", names())
def test_same_as_before_the_regroup(name):
    now = tables(name)
    for kind, df in now.items():
        before = pd.read_csv(SNAP / f"{Path(name).stem}.{kind}.csv", dtype=str, keep_default_na=False)
        after = df.astype(str).reset_index(drop=True)
        after = pd.read_csv(__import__("io").StringIO(after.to_csv(index=False)), dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(before, after, check_like=False, obj=f"{name} {kind}")
