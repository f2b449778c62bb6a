"""Score the indicator extractor against the hand-checked gold tables in data/gold/.

For each gold table ``data/gold/<report>.csv`` the bundled report ``<report>`` is
extracted and every gold row is paired with one extracted figure. Two kinds of gold
table exist:

* tables with ``start``/``end`` filled (Datong 2025, national 2017): a gold row is
  paired with an extracted figure whose span overlaps it, by raw text offsets;
* tables with empty ``start``/``end`` (the later gold): the row's ``sentence`` is
  located in the report text after normalisation (NFKC, whitespace and HTML tags
  removed), the figure ``text`` within that sentence, and extracted figures are
  mapped into the same normalised text. Offsets do not depend on how a loader
  treats line breaks, markup or a CSV/DOCX container.

``data/gold/coverage.yaml`` says which part of each report is checked (``until``
a heading, a list of ``passages`` given by their first and last characters, or
neither: the whole text) and which split a report belongs to: ``dev``, ``holdout2``, or
one of the excerpt splits (``data/gold/README.md``, "How each holdout was used", says
which were tuned on). Precision counts only extracted figures inside the checked part.

Reports are the bundled ones of ``data/raw`` (loaded by name), except those of the
``data/holdout*`` folders: openings of reports found on public web pages, loaded from
their file with :func:`datong_lib.load_report` so that the sidecar beside each is read.

Fields scored (recall = agreeing pairs / gold rows, precision = agreeing pairs /
extracted figures in the checked part): ``value_unit`` (value, value_high, unit),
``subject`` (gold alternatives are separated by ``|``; compared after NFKC, without
whitespace and with traditional characters as simplified), ``year``, ``kind``,
``qualifier``, ``metric``, ``period`` (n/a while the extractor has no such column),
``row`` (subject, year, kind, qualifier, value and unit together). The older
``full`` score (value, unit, metric, qualifier, year, kind) is kept for the two
offset-based tables.

Usage::

    python scripts/score_extractor.py [--split dev|holdout2|…|holdout11] [--report NAME] [--min 0.98] [--quiet]
    python scripts/score_extractor.py --check-gold [--split …] [--report NAME]

A report the loader cannot read yet is skipped with a one-line message. The exit
status is 1 when a Datong score falls below ``--min``.

``--check-gold`` runs no extractor and prints no score: it loads each report and its
gold table and lists the rows whose sentence or figure text cannot be located in
the report text (and passages or coverage headings that cannot be found, and rows
outside every passage). A row it lists is a gold error, to be fixed by comparing
the row with the report text. The exit status is 1 when a problem is found.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "data" / "gold"
# Reports that are not bundled in data/raw: loaded from their file here (sidecar beside it).
REPORT_DIRS = tuple(sorted((p for p in (ROOT / "data").glob("holdout*") if p.is_dir()),
                           key=lambda p: int(p.name.removeprefix("holdout"))))
MAIN = "datong_2025_report"
KEY = ["value", "value_high", "unit"]
FULL = KEY + ["metric", "qualifier", "year", "kind"]
FIELDS = {
    "value_unit": KEY,
    "subject": ["subject"],
    "year": ["year"],
    "kind": ["kind"],
    "qualifier": ["qualifier"],
    "metric": ["metric"],
    "period": ["period"],
    "row": ["subject", "year", "kind", "qualifier"] + KEY,
}
_TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")


# -- normalised text ----------------------------------------------------------------


def normalise(text: str) -> tuple[str, list[int]]:
    """Return ``text`` in NFKC with whitespace and HTML tags removed, and a position map.

    The map has ``len(text) + 1`` entries: ``pos[i]`` is the index in the normalised
    string of the first character produced from ``text[i:]``, so the original span
    ``[a, b)`` becomes ``[pos[a], pos[b])``.
    """
    drop = bytearray(len(text))
    for m in _TAG.finditer(text):
        drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    out: list[str] = []
    pos: list[int] = []
    n = 0
    for i, ch in enumerate(text):
        pos.append(n)
        if drop[i]:
            continue
        piece = "".join(c for c in unicodedata.normalize("NFKC", ch) if not c.isspace())
        out.append(piece)
        n += len(piece)
    pos.append(n)
    return "".join(out), pos


def norm(text) -> str:
    return normalise(str(text))[0]


# -- field comparison ---------------------------------------------------------------


def _missing(v) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _year(v):
    if _missing(v) or str(v).strip() == "":
        return None
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return None


def _number(v):
    if _missing(v) or str(v).strip() == "":
        return float("nan")
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def _text(v) -> str:
    return "" if _missing(v) else str(v)


def same_field(col: str, g, x):
    """Return True/False when gold value ``g`` and extracted value ``x`` agree, None when not scorable."""
    if col in ("value", "value_high"):
        a, b = _number(g), _number(x)
        return (math.isnan(a) and math.isnan(b)) or (not math.isnan(a) and not math.isnan(b) and abs(a - b) < 1e-6)
    if col == "year":
        return _year(g) == _year(x)
    if col == "subject":
        got = _subject_key(_text(x))
        return any(_subject_key(alt) == got for alt in _text(g).split("|"))
    if col == "period" and x is _ABSENT:
        return None
    if col == "unit":
        return norm(_text(g)) == norm(_text(x))
    return _text(g).strip() == _text(x).strip()


_ABSENT = object()


def _subject_key(s: str) -> str:
    """A subject as compared: NFKC, no whitespace, traditional characters as simplified.

    Nothing else is forgiven: a missing or extra word, a quote mark or a scope word
    (全市, 全国) is a different wording; the gold lists equally right wordings with ``|``.
    """
    from datong_lib.figures.numerals import MATCH_TABLE

    return norm(s).translate(MATCH_TABLE)


def _get(row, col):
    return row[col] if col in row.index else _ABSENT


def agree(g, x, cols) -> bool | None:
    results = [same_field(c, _get(g, c), _get(x, c)) for c in cols]
    if any(r is None for r in results):
        return None
    return all(results)


# kept for callers of the older module
def _agree(g, x, cols) -> bool:
    return bool(agree(g, x, cols))


# -- gold and coverage --------------------------------------------------------------


def coverage() -> dict:
    cov_file = GOLD_DIR / "coverage.yaml"
    if not cov_file.exists():
        return {}
    return yaml.safe_load(cov_file.read_text(encoding="utf-8")) or {}


def load_gold(name: str) -> tuple[pd.DataFrame, str | None]:
    """Return a gold table and the heading where its checked part ends (None: whole report or passages)."""
    gold = pd.read_csv(GOLD_DIR / f"{name}.csv", encoding="utf-8", keep_default_na=False, dtype=str)
    gold["value"] = gold["value"].astype(float)
    gold["value_high"] = pd.to_numeric(gold["value_high"].replace("", float("nan")))
    for col in ("start", "end"):
        gold[col] = pd.to_numeric(gold[col].replace("", float("nan")))
    if "period" not in gold.columns:
        gold["period"] = ""
    return gold, (coverage().get(name) or {}).get("until")


def uses_offsets(gold: pd.DataFrame) -> bool:
    return len(gold) > 0 and gold["start"].notna().all()


def passage_spans(ntext: str, passages) -> list[tuple[int, int]]:
    """Return the normalised spans of the checked passages; raise when one is not in the text."""
    spans = []
    for p in passages or []:
        a = ntext.find(norm(p["from"]))
        b = ntext.find(norm(p["to"]), max(a, 0))
        if a < 0 or b < 0:
            raise LookupError(f"passage {p['from']!r} … {p['to']!r} not found in the report text")
        spans.append((a, b + len(norm(p["to"]))))
    return spans


def locate_gold(ntext: str, gold: pd.DataFrame) -> list[tuple[int, int] | None]:
    """Return the normalised span of each gold figure (None when its sentence or text is not found).

    Rows are in text order: a sentence is searched from the previous row's sentence
    on, and a figure from the end of the previous figure in the same sentence.
    """
    spans: list[tuple[int, int] | None] = []
    sent_from, last_sent, fig_from = 0, None, 0
    for _, g in gold.iterrows():
        s = norm(g["sentence"])
        k = ntext.find(s, sent_from) if s else -1
        if k < 0 and s:
            k = ntext.find(s)
        if k < 0:
            spans.append(None)
            continue
        if k != last_sent:
            last_sent, fig_from = k, 0
        t = norm(g["text"])
        j = s.find(t, fig_from)
        if j < 0:
            j = s.find(t)
        if j < 0:
            spans.append(None)
            continue
        spans.append((k + j, k + j + len(t)))
        sent_from, fig_from = k, j + len(t)
    return spans


def pair(gold_spans, got_spans, gold, got) -> list[tuple[int, int | None]]:
    """Pair each gold row with an unused overlapping extracted figure, preferring one with the same value and unit."""
    used: set[int] = set()
    pairs = []
    for gi, gs in zip(gold.index, gold_spans):
        best = None
        if gs is not None:
            for xi, xs in zip(got.index, got_spans):
                if xi in used or not (xs[0] < gs[1] and xs[1] > gs[0]):
                    continue
                if best is None or _agree(gold.loc[gi], got.loc[xi], KEY):
                    best = xi
                    if _agree(gold.loc[gi], got.loc[xi], KEY):
                        break
        if best is not None:
            used.add(best)
        pairs.append((gi, best))
    return pairs


# -- scoring ------------------------------------------------------------------------


def score_frames(gold: pd.DataFrame, got: pd.DataFrame, text: str, *, until: str | None = None,
                 passages=None) -> dict:
    """Score an extracted frame against a gold table for one report text."""
    got = got.reset_index(drop=True)
    if uses_offsets(gold):
        limit = len(text)
        if until:
            k = text.find(until)
            if k < 0:
                raise LookupError(f"coverage heading {until!r} not found")
            limit = k
        got = got[got["start"] < limit].reset_index(drop=True)
        gold_spans = [(int(s), int(e)) for s, e in zip(gold["start"], gold["end"])]
        got_spans = [(int(s), int(e)) for s, e in zip(got["start"], got["end"])]
        where = [f"{int(s)}" for s in gold["start"]]
    else:
        ntext, pos = normalise(text)
        spans = passage_spans(ntext, passages)
        nspans = [(pos[int(s)], pos[int(e)]) for s, e in zip(got["start"], got["end"])]
        keep = [i for i, (a, _) in enumerate(nspans) if not spans or any(p <= a < q for p, q in spans)]
        got = got.iloc[keep].reset_index(drop=True)
        got_spans = [nspans[i] for i in keep]
        gold_spans = locate_gold(ntext, gold)
        where = ["?" if s is None else str(s[0]) for s in gold_spans]
    pairs = pair(gold_spans, got_spans, gold, got)
    out = {"gold": len(gold), "extracted": len(got), "matched": sum(1 for _, xi in pairs if xi is not None),
           "unlocated": sum(1 for s in gold_spans if s is None), "hits": {}}
    for label, cols in {**FIELDS, "full": FULL}.items():
        res = [agree(gold.loc[gi], got.loc[xi], cols) for gi, xi in pairs if xi is not None]
        absent = "period" in cols and "period" not in got.columns
        out["hits"][label] = None if absent or any(r is None for r in res) else sum(1 for r in res if r)
    for label in ("value_unit", "full", "row"):
        h = out["hits"][label] or 0
        out[f"{label}_precision"] = h / len(got) if len(got) else 1.0
        out[f"{label}_recall"] = h / len(gold) if len(gold) else 1.0
    out["misses"] = [
        (gold.loc[gi, "text"], where[n],
         "not found" if xi is None else _diff(gold.loc[gi], got.loc[xi]))
        for n, (gi, xi) in enumerate(pairs) if xi is None or not _agree(gold.loc[gi], got.loc[xi], FIELDS["row"])
    ]
    matched = {xi for _, xi in pairs if xi is not None}
    out["false_positives"] = [(got.loc[i, "text"], int(got.loc[i, "start"]), str(got.loc[i, "sentence"])[:40])
                              for i in got.index if i not in matched]
    return out


def report_source(name: str):
    """Return the file of report ``name`` in one of ``REPORT_DIRS``, else ``name`` (a bundled report)."""
    for folder in REPORT_DIRS:
        hits = sorted(p for p in folder.glob(f"{name}.*") if p.stem == name and p.suffix not in (".yaml", ".yml"))
        if hits:
            return hits[0]
    return name


def load(name: str):
    """Load report ``name`` with its sidecar (a bundled name, or a file of ``REPORT_DIRS``)."""
    from datong_lib import load_report

    return load_report(report_source(name))


def check_gold(name: str) -> list[str]:
    """Return the problems of gold table ``name`` against its report text; no extraction.

    Problems: a coverage heading or passage not found, a row whose sentence or figure
    text is not located (passage tables), a row whose offsets do not hold its text
    (offset tables), a row located outside every passage.
    """
    report = load(name)
    gold, until = load_gold(name)
    cov = coverage().get(name) or {}
    text = report.text
    problems = []
    if until and text.find(until) < 0:
        problems.append(f"coverage heading {until!r} not found")
    if uses_offsets(gold):
        for _, g in gold.iterrows():
            got = text[int(g["start"]):int(g["end"])]
            if norm(got) != norm(g["text"]):
                problems.append(f"row {g['text']!r} at {int(g['start'])}: the text there is {got!r}")
        return problems
    ntext, _ = normalise(text)
    try:
        spans = passage_spans(ntext, cov.get("passages"))
    except LookupError as exc:
        problems.append(str(exc))
        spans = []
    for (_, g), s in zip(gold.iterrows(), locate_gold(ntext, gold)):
        if s is None:
            where = "sentence" if ntext.find(norm(g["sentence"])) < 0 else "figure text in its sentence"
            problems.append(f"row {g['text']!r}: {where} not found ({str(g['sentence'])[:40]}…)")
        elif spans and not any(a <= s[0] < b for a, b in spans):
            problems.append(f"row {g['text']!r}: outside every passage")
    return problems


def score(name: str) -> dict:
    """Extract report ``name`` and score it against ``data/gold/<name>.csv``."""
    from datong_lib.figures.extractor import extract

    report = load(name)
    gold, until = load_gold(name)
    cov = coverage().get(name) or {}
    out = score_frames(gold, extract(report), report.text, until=until, passages=cov.get("passages"))
    out.update(report=name, split=cov.get("split", ""))
    return out


def _diff(g, x) -> str:
    cols = ["subject", "year", "kind", "qualifier", "metric", "period"] + KEY
    bad = [c for c in cols if agree(g, x, [c]) is False]
    return ", ".join(f"{c}: gold {_text(g[c])!r} got {_text(_get(x, c)) if _get(x, c) is not _ABSENT else '-'!r}"
                     for c in bad)


# -- report -------------------------------------------------------------------------


def _cell(h, n_gold, n_got) -> str:
    if h is None:
        return "n/a"
    r = h / n_gold if n_gold else 1.0
    p = h / n_got if n_got else 1.0
    return f"{r:.2f}/{p:.2f}"


def print_table(results: list[dict]) -> None:
    """Print one line per report and one per split: recall/precision of each field."""
    labels = list(FIELDS)
    head = f"{'report':<26} {'split':<8} {'gold':>5} {'got':>5} {'match':>5}  " + " ".join(f"{x:>11}" for x in labels)
    print("recall/precision per field")
    print(head)

    def line(name, split, rows):
        g = sum(r["gold"] for r in rows)
        x = sum(r["extracted"] for r in rows)
        m = sum(r["matched"] for r in rows)
        cells = []
        for lab in labels:
            hs = [r["hits"][lab] for r in rows]
            h = None if any(v is None for v in hs) else sum(hs)
            cells.append(f"{_cell(h, g, x):>11}")
        print(f"{name:<26} {split:<8} {g:>5} {x:>5} {m:>5}  " + " ".join(cells))

    for r in results:
        line(r["report"], r["split"], [r])
    for split in sorted({r["split"] for r in results}):
        line(f"[{split or 'no split'}]", split, [r for r in results if r["split"] == split])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min", type=float, default=0.98, help="lowest acceptable Datong score (default 0.98)")
    ap.add_argument("--report", action="append", help="score only this gold table (repeatable)")
    ap.add_argument("--split", help="score only the reports of this split (dev, holdout2 … as in coverage.yaml)")
    ap.add_argument("--quiet", action="store_true", help="print the scores only")
    ap.add_argument("--check-gold", action="store_true",
                    help="run no extractor: list gold rows that cannot be located in their report, print no score")
    args = ap.parse_args(argv)
    cov = coverage()
    names = args.report or sorted(p.stem for p in GOLD_DIR.glob("*.csv"))
    if args.split:
        known = sorted({(c or {}).get("split") for c in cov.values()} - {None})
        if args.split not in known:
            ap.error(f"unknown split {args.split!r}; coverage.yaml has {', '.join(known)}")
        names = [n for n in names if (cov.get(n) or {}).get("split") == args.split]
    if args.check_gold:
        return _check(names)
    status = 0
    results = []
    for name in names:
        try:
            s = score(name)
        except Exception as exc:  # a report the loader cannot read yet, or a stale passage
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            print(f"skip {name}: cannot score ({type(exc).__name__}: {msg[:120]})")
            continue
        results.append(s)
        if not args.quiet:
            print(f"{name} ({s['split'] or 'no split'}): {s['gold']} gold, {s['extracted']} extracted, "
                  f"{s['unlocated']} gold rows not located")
            for text, where, why in s["misses"]:
                print(f"  miss  {where:>6} {text}: {why}")
            for text, start, sent in s["false_positives"]:
                print(f"  extra {start:>6} {text}  ({sent}…)")
        legacy = ("value_unit_precision", "value_unit_recall", "full_precision", "full_recall")
        if name == MAIN and min(s[k] for k in legacy) < args.min:
            print(f"{name}: below --min {args.min}", file=sys.stderr)
            status = 1
    if results:
        print_table(results)
    return status


def _check(names) -> int:
    """Print the location problems of each gold table (``--check-gold``); 1 when there is one."""
    status = 0
    for name in names:
        try:
            problems = check_gold(name)
        except Exception as exc:  # a report the loader cannot read yet
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            print(f"skip {name}: cannot check ({type(exc).__name__}: {msg[:120]})")
            continue
        rows = len(load_gold(name)[0])
        print(f"{name}: {rows} gold rows, {len(problems)} problem(s)")
        for p in problems:
            print(f"  {p}")
        status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
