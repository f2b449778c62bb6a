"""The curated indicator table, every row checked against the clause it came from.

``data/indicators.csv`` holds one row per indicator; a figure the report states twice
(in a review section and in a data list) is one row, and :func:`check_consistency`
checks that both statements agree. Conventions:

- ``metric``: level, growth (%), share (%), rank (1 = first; no unit, ``scope`` says
  among whom, e.g. 全省), pp (个百分点), count, streak (十五连丰 = 15), ratio_to_target.
- ``value`` is the figure as written without its magnitude (1718.7 with unit 万人次);
  ``value_high`` closes a range (1—2个). ``qualifier`` keeps 左右/以上/突破/近 as data.
- A target stated in words has an empty ``value`` and the words in ``target_text``
  (城镇居民人均可支配收入 与经济增长基本同步); :mod:`datong_lib.derived` reads it
  against the GDP target.
- ``concept`` is shared by a result and its target (gdp_growth_2024, gdp_growth_2025);
  ``related_id`` links a growth rate, share, rank or ratio to the figure it qualifies.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..errors import IndicatorError, ParameterError
from ..figures.numerals import parse_number
from ..figures.vocab import KINDS, METRICS, QUALIFIER_WORDS, QUALIFIERS
from ..report import load_report
from ..sectors import check_sector, sector_names

__all__ = ["load_indicators", "COLUMNS"]

COLUMNS = [
    "id", "concept", "sector", "name_zh", "name_en", "year", "kind", "metric", "value", "value_high",
    "unit", "qualifier", "scope", "target_text", "related_id", "headline", "source_quote", "note",
]
REQUIRED = ["id", "concept", "sector", "name_zh", "name_en", "year", "kind", "metric", "source_quote"]
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = "[零〇一二两三四五六七八九十百千]+"
_TOKEN_RE = re.compile(f"{_ARABIC}|{_CHINESE}")
_WORD_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def _figure_span(quote: str, value: float, unit: str = "", metric: str = "") -> tuple[int, int] | None:
    """Return where *value* is written in *quote*, or None when it is not there.

    A token followed by the unit (or a range dash), or for a rank preceded by 第,
    wins over one that merely has the same value (``一产`` in a rank clause).
    """
    hits = [m.span() for m in _TOKEN_RE.finditer(quote) if abs(parse_number(m.group()) - value) < 1e-9]

    def fits(span):
        a, b = span
        if metric == "rank":
            return quote[a - 1 : a] == "第"
        return (bool(unit) and quote.startswith(unit, b)) or quote[b : b + 1] in ("—", "-", "~", "至")

    return next((s for s in hits if fits(s)), hits[0] if hits else None)


def _read_rows(path: Path) -> list[dict]:
    if not path.exists():
        raise IndicatorError(f"indicator table not found: {path}; give a CSV with columns {', '.join(COLUMNS)}.")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            raise IndicatorError(f"{path} is empty; it needs a header row: {','.join(COLUMNS)}.")
        missing = [c for c in REQUIRED + ["value", "unit", "qualifier"] if c not in header]
        if missing:
            raise IndicatorError(f"{path.name} lacks column(s) {', '.join(missing)}; the header should be {','.join(COLUMNS)}.")
        rows = []
        for fields in reader:
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                raise IndicatorError(
                    f"{path.name} line {reader.line_num}: {len(fields)} fields where the header has {len(header)}; "
                    "put double quotes around a field that holds an ASCII comma, or write it with ；."
                )
            row = {c: "" for c in COLUMNS}
            row.update({k: v.strip() for k, v in zip(header, fields)})
            row["_line"] = reader.line_num
            rows.append(row)
    return rows


def _longest_prefix(quote: str, text: str) -> str:
    """Return the longest start of *quote* that *text* contains: where a bad quote goes wrong."""
    return next(quote[:n] for n in range(len(quote), -1, -1) if quote[:n] in text)


def _row_problems(row: dict, text: str, sectors: list[str], ids: dict, all_ids: set) -> list[str]:
    """Return 'problem; fix' messages for one CSV row (empty when the row is sound)."""
    out = []
    for col in REQUIRED:
        if not row[col]:
            out.append(f"{col} is empty; fill it in (required: {', '.join(REQUIRED)})")
    if out:
        return out
    rid, quote = row["id"], row["source_quote"]
    if not _ID_RE.match(rid):
        out.append(f"id {rid!r} is not snake_case ASCII; use lower-case letters, digits and _ (e.g. gdp_growth_2024)")
    if ids.get(rid, row["_line"]) != row["_line"]:
        out.append(f"id {rid!r} repeats the id on line {ids[rid]}; give each indicator its own id")
    if row["sector"] not in sectors:
        try:
            out.append(f"sector {row['sector']!r} is a name, not a slug; write {check_sector(row['sector'])!r}")
        except ParameterError as exc:
            out.append(str(exc))
    for col, allowed in (("kind", KINDS), ("metric", METRICS), ("qualifier", QUALIFIERS)):
        if row[col] not in allowed:
            out.append(f"{col} {row[col]!r} is not one of {', '.join(a or 'empty' for a in allowed)}")
    if not re.fullmatch(r"(19|20)\d\d", row["year"]):
        out.append(f"year {row['year']!r} is not a four-digit year")
    if row["headline"].lower() not in ("", "true", "false"):
        out.append(f"headline {row['headline']!r} should be true, false or empty")
    if row["related_id"] and row["related_id"] not in all_ids:
        out.append(f"related_id {row['related_id']!r} names no row; give an id from the table or leave it empty")
    if quote not in text:
        near = _longest_prefix(quote, text)
        out.append(
            f"source_quote {quote!r} does not occur in the report (it matches up to {near!r}); "
            "copy the clause exactly from report.text"
        )
        return out
    values = []
    for col in ("value", "value_high"):
        if row[col]:
            try:
                values.append((col, float(row[col])))
            except ValueError:
                out.append(f"{col} {row[col]!r} is not a number; write it in Arabic digits (十五 -> 15)")
    if not row["value"] and not row["target_text"]:
        out.append("value is empty; give the figure, or target_text for a target stated in words")
    for col, v in values:
        if _figure_span(quote, v, row["unit"], row["metric"]) is None:
            out.append(f"{col} {row[col]} is not written in source_quote {quote!r}; fix the value or quote the clause that states it")
    if row["unit"] and row["unit"] not in quote:
        out.append(f"unit {row['unit']!r} is not in source_quote {quote!r}; write the unit as the report does")
    if row["target_text"] and row["target_text"] not in quote:
        out.append(f"target_text {row['target_text']!r} is not in source_quote; quote the words that state the target")
    words = QUALIFIER_WORDS.get(row["qualifier"], ())
    if words and not any(w in quote for w in words):
        out.append(f"qualifier {row['qualifier']!r} needs one of {'/'.join(words)} in source_quote; fix the qualifier or the quote")
    return out


def _typed(rows: list[dict], report, sectors: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["year"] = df["year"].astype(int).astype("Int64")
    for col in ("value", "value_high"):
        df[col] = pd.to_numeric(df[col].replace("", np.nan), errors="raise").astype("float64")
    df["headline"] = df["headline"].str.lower().eq("true")
    df["sector"] = pd.Categorical(df["sector"], categories=sectors)
    df["kind"] = pd.Categorical(df["kind"], categories=KINDS)
    df["metric"] = pd.Categorical(df["metric"], categories=METRICS)
    df["qualifier"] = pd.Categorical(df["qualifier"], categories=QUALIFIERS)
    starts = [report.text.find(q) for q in df["source_quote"]]
    paras = report.paragraphs
    idx = np.searchsorted(paras["start"].to_numpy(), starts, side="right") - 1
    df["section"] = paras["section"].to_numpy()[idx]
    df["start"] = pd.Series(starts, dtype="int64")
    df["end"] = df["start"] + df["source_quote"].str.len()
    return df


def load_indicators(sector: str | None = None, *, path=None, report=None) -> pd.DataFrame:
    """Return the curated indicator table, each row checked against the report.

    Parameters
    ----------
    sector : str, optional
        Keep one sector (a slug, or its Chinese or English name; see
        :func:`~datong_lib.sectors.sector_names`).
    path : str or Path, optional
        An indicator CSV; default ``data/indicators.csv``.
    report : Report, optional
        The report the quotes come from; default the bundled Datong report.

    Returns
    -------
    pandas.DataFrame
        The CSV's columns: ``id``, ``concept`` (shared by a result and its target),
        ``sector``, ``name_zh``, ``name_en``, ``year`` (Int64), ``kind``
        (actual/target), ``metric``, ``value`` and ``value_high`` (floats as written,
        unit apart), ``unit`` as written, ``qualifier``, ``scope``, ``target_text``
        (a target stated in words), ``related_id``, ``headline`` (bool),
        ``source_quote``, ``note``; then ``section``, ``start``, ``end``: where the
        quote first occurs in ``report.text``. Closed sets are categoricals.

    Raises
    ------
    IndicatorError
        When a row fails a check: the quote is not in the report, the value or unit
        is not in the quote, the sector is unknown, an id repeats, a field is missing.
        The message names each bad row by line and id, the problem and the fix.

    Examples
    --------
    >>> df = load_indicators()
    >>> float(df.set_index("id").at["gdp_growth_2025", "value"])
    5.5
    >>> row = df.set_index("id").loc["tourist_visits_2024"]
    >>> float(row.value), row.unit, row.source_quote in load_report().text
    (1718.7, '万人次', True)
    >>> sorted(load_indicators("energy")["metric"].unique().astype(str))
    ['count', 'level', 'pp', 'rank', 'share']
    """
    path = Path(path) if path is not None else config.INDICATORS_CSV
    report = report if report is not None else load_report()
    sectors = sector_names()
    rows = _read_rows(path)
    ids: dict[str, int] = {}
    for r in rows:
        ids.setdefault(r["id"], r["_line"])
    problems = []
    for r in rows:
        for p in _row_problems(r, report.text, sectors, ids, set(ids)):
            problems.append(f"  {path.name} line {r['_line']} (id {r['id'] or '?'}): {p}")
    if problems:
        raise IndicatorError(f"{len(problems)} problem(s) in {path}:\n" + "\n".join(problems))
    df = _typed(rows, report, sectors)
    if sector is not None:
        df = df[df["sector"] == check_sector(sector)].reset_index(drop=True)
    return df
