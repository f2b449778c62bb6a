"""What the build does to start faster changes nothing it produces."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_nbformat_loads_without_the_iri_grammar_and_still_validates():
    res = _run(
        "import json, sys\n"
        "import datong_lib.publish.lean as lean\n"
        "grammar = 'rfc3987_syntax.syntax_helpers' in sys.modules\n"
        "import nbformat\n"
        "nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('x = 1')]))\n"
        "bad = nbformat.v4.new_notebook()\n"
        "bad.cells.append({'cell_type': 'code'})\n"
        "try:\n"
        "    nbformat.validate(bad)\n"
        "    caught = False\n"
        "except nbformat.ValidationError:\n"
        "    caught = True\n"
        "lean.compile_validator()\n"
        "print(json.dumps({'grammar': grammar, 'caught': caught,"
        " 'blocked': 'rfc3987_syntax' in sys.modules and sys.modules['rfc3987_syntax'] is None}))\n")
    assert res == {"grammar": False, "caught": True, "blocked": False}  # a later import works as usual


def test_the_lock_and_the_package_load_no_asyncio_filelock_or_metadata(tmp_path):
    assert _run(
        "import json, sys\n"
        "from datong_lib.publish.lock import BuildLock\n"
        f"with BuildLock({str(tmp_path / 'r')!r}):\n"
        "    pass\n"
        "import datong_lib\n"
        "print(json.dumps(sorted(m for m in ('asyncio', 'filelock', 'importlib.metadata') if m in sys.modules)))\n"
    ) == []
