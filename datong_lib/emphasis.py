"""Where a report puts its weight: sector keyword density, share of the text, term shift.

Every function here decides sector membership by the one rule in
:mod:`datong_lib.sectors`.
"""

from __future__ import annotations

import pandas as pd

from .sectors import _rows_of, in_sections, keyword_pattern, load_sectors, membership
from .text import _sentences

__all__ = ["keyword_emphasis", "sector_emphasis", "sector_text_share", "sector_overview", "term_shift"]


def keyword_emphasis(report, sector_keywords, sections=()) -> pd.DataFrame:
    """Return how often each keyword occurs per 1,000 characters, in sections and overall.

    Occurrences are non-overlapping, longest keyword first (算力之城 counts once, for
    算力之城, not also for 算力). Characters are those of the report's sentences.

    Parameters
    ----------
    report : Report
    sector_keywords : list of str, or a sector slug
        A slug (``'computing'``) takes its keywords and sections from
        ``data/sectors.yaml``.
    sections : list of str
        Section titles (or their beginnings) that belong to the sector; without
        any, the ``in_sections`` columns are NaN.

    Returns
    -------
    DataFrame
        ``keyword``, ``count``, ``per_1000`` (whole report), ``count_in_sections``,
        ``per_1000_in_sections`` and ``emphasis`` (ratio of the two densities; above
        1 means the sector's own sections stress the term more than the report).

    Examples
    --------
    >>> from datong_lib import load_report
    >>> k = keyword_emphasis(load_report(), ["消费", "投资"], ["统筹提振消费和扩大投资"])
    >>> bool((k.emphasis > 1).all())
    True
    """
    if isinstance(sector_keywords, str):
        row = load_sectors().set_index("slug").loc[check_sector(sector_keywords)]
        sector_keywords, sections = list(row["keywords"]), sections or list(row["sections"])
    if not [k for k in sector_keywords if k]:
        raise ValueError("no keywords given; pass a list such as ['算力', '数据标注']")
    sents = _sentences(report)
    pat = keyword_pattern(sector_keywords)
    own = in_sections(sents["section"], sections)
    found = [(m.group(), bool(o)) for t, o in zip(sents["text"], own) for m in pat.finditer(t)]
    hits = pd.DataFrame(found, columns=["keyword", "own"])
    total, own_chars = sents["text"].str.len().sum(), sents.loc[own, "text"].str.len().sum()
    out = pd.DataFrame({"keyword": list(dict.fromkeys(sector_keywords))})
    out["count"] = out.keyword.map(hits.keyword.value_counts()).fillna(0).astype("int64")
    own_counts = hits.loc[hits["own"].astype(bool), "keyword"].value_counts()
    out["per_1000"] = 1000 * out["count"] / total
    out["count_in_sections"] = out.keyword.map(own_counts).fillna(0).astype("int64")
    out["per_1000_in_sections"] = (1000 * out["count_in_sections"] / own_chars
                                   if own_chars else float("nan"))
    out["emphasis"] = out["per_1000_in_sections"] / out["per_1000"].where(out["count"] > 0)
    return out.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def sector_emphasis(report, sectors=None) -> pd.DataFrame:
    """Return each sector's keyword density in its own sections and in the whole report.

    Parameters
    ----------
    report : Report
    sectors : DataFrame, optional
        Columns ``slug``, ``name_zh``, ``keywords``, ``sections``; default
        :func:`datong_lib.sectors.load_sectors`.

    Returns
    -------
    DataFrame
        ``slug``, ``name_zh``, ``count``, ``per_1000``, ``count_in_sections``,
        ``per_1000_in_sections``, ``emphasis`` (NaN for a sector with no sections).

    Examples
    --------
    >>> from datong_lib import load_report
    >>> e = sector_emphasis(load_report()).set_index("slug")
    >>> bool(e.loc["macro", "emphasis"] > 1)
    True
    """
    rows = []
    for s in _rows_of(sectors):
        k = keyword_emphasis(report, list(s["keywords"]), list(s.get("sections", ())))
        own = k["count_in_sections"].sum()
        dens = k["per_1000"].sum()
        in_sec = k["per_1000_in_sections"].sum() if s.get("sections") else float("nan")
        rows.append({"slug": str(s["slug"]), "name_zh": s.get("name_zh", s["slug"]),
                     "count": int(k["count"].sum()), "per_1000": dens,
                     "count_in_sections": int(own), "per_1000_in_sections": in_sec,
                     "emphasis": in_sec / dens if dens else float("nan")})
    return pd.DataFrame(rows)


def sector_text_share(report, sectors=None) -> pd.DataFrame:
    """Return the share of the report's characters that each sector takes.

    The rule: a sentence belongs to a sector when it contains one of the sector's
    keywords or lies in one of its sections. A sentence that belongs to several
    sectors has its characters split equally between them, so no character counts
    twice; sentences that belong to none are reported as ``unassigned``. Shares are
    of the characters of all sentences (headings excluded) and sum to 1.

    Returns
    -------
    DataFrame
        ``slug`` (categorical, taxonomy order then ``unassigned``), ``name_zh``,
        ``n_sentences`` (sentences touching the sector), ``chars`` (float) and
        ``share``.

    Examples
    --------
    >>> from datong_lib import load_report
    >>> s = sector_text_share(load_report())
    >>> round(float(s.share.sum()), 6)
    1.0
    >>> bool(s.set_index("slug").loc["macro", "share"] > 0.05)
    True
    """
    sents = _sentences(report)
    rows = _rows_of(sectors)
    member = membership(sents["text"], sents["section"], rows)
    n = member.sum(axis=1)
    length = sents["text"].str.len()
    chars = member.mul(length / n.where(n > 0), axis=0).sum()
    slugs = [str(s["slug"]) for s in rows]
    out = pd.DataFrame({
        "slug": slugs + ["unassigned"],
        "name_zh": [s.get("name_zh", s["slug"]) for s in rows] + ["未归类"],
        "n_sentences": [int(member[c].sum()) for c in slugs] + [int((n == 0).sum())],
        "chars": [float(chars[c]) for c in slugs] + [float(length[n == 0].sum())],
    })
    out["share"] = out["chars"] / float(length.sum())
    out["slug"] = pd.Categorical(out["slug"], categories=slugs + ["unassigned"])
    return out


def sector_overview(report, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return each sector's share of the report text and its number of indicators.

    Columns: ``slug``, ``name_zh``, ``name_en``, ``share`` (of characters, see
    :func:`datong_lib.text.sector_text_share`), ``n_indicators``.
    """
    from .indicators.table import report_indicators

    share = sector_text_share(report)
    share = share[share["slug"] != "unassigned"]
    ind = report_indicators(report) if indicators is None else indicators
    counts = ind["sector"].astype(str).value_counts()
    secs = load_sectors()[["slug", "name_en"]].astype({"slug": str})
    out = share[["slug", "name_zh", "share"]].astype({"slug": str}).merge(secs, on="slug", how="left")
    out["n_indicators"] = out["slug"].map(counts).fillna(0).astype(int)
    return out[["slug", "name_zh", "name_en", "share", "n_indicators"]]


def term_shift(reports, top: int = 20) -> pd.DataFrame:
    """Return how often the leading terms occur per 1,000 characters in each report.

    Parameters
    ----------
    reports : list or str
        Reports in reading order; ``shift`` compares the last with the first.
    top : int, default 20
        Terms taken from each report's most frequent; the union is compared.

    Returns
    -------
    DataFrame
        Long form: ``term``, ``report`` (label), ``report_year``, ``count``,
        ``per_1000`` (mentions per 1,000 characters) and ``shift`` (last minus
        first report's rate, the same on each row of a term), largest shifts first.

    Examples
    --------
    >>> ts = term_shift("national_2016.txt,national_2022.txt", top=10)
    >>> list(ts.columns)
    ['term', 'report', 'report_year', 'count', 'per_1000', 'shift']
    >>> int(ts.groupby("term").size().max())
    2
    """
    from .compare import as_reports
    from .text import term_frequencies

    reps = as_reports(reports)
    counts, order = {}, []
    for rep in reps:
        label = rep.label
        tf = term_frequencies(rep, top=None)
        counts[label] = (tf.set_index("term")["count"], len(rep.text), int(rep.metadata.get("report_year") or 0))
        order.append(label)
    terms = list(dict.fromkeys(t for lab in order for t in counts[lab][0].head(top).index))
    rows = [{"term": t, "report": lab, "report_year": counts[lab][2], "count": int(counts[lab][0].get(t, 0)),
             "per_1000": 1000 * float(counts[lab][0].get(t, 0)) / counts[lab][1]} for t in terms for lab in order]
    df = pd.DataFrame(rows, columns=["term", "report", "report_year", "count", "per_1000"])
    wide = df.pivot(index="term", columns="report", values="per_1000")
    df["shift"] = df["term"].map(wide[order[-1]] - wide[order[0]]).astype("float64")
    df["report"] = pd.Categorical(df["report"], categories=order)
    key = df["shift"].abs().rename("k")
    return df.assign(k=key).sort_values(["k", "term", "report"], ascending=[False, True, True],
                                         kind="stable").drop(columns="k").reset_index(drop=True)
