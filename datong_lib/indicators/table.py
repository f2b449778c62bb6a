"""The indicator table for any report, and its targets paired with last year's results.

The bundled Datong report has a curated, provenance-checked table
(:mod:`.curated`); any other report gets one from the extractor, each figure put in
a sector by the rule of :mod:`datong_lib.sectors` and matched to a canonical name
(:mod:`.names`) so that targets pair with results.
"""

from __future__ import annotations

import pandas as pd

from .. import config

__all__ = ["report_indicators", "targets_frame"]


def _is_bundled_default(report) -> bool:
    src = getattr(report, "source", None)
    return src is not None and src.resolve() == config.DEFAULT_REPORT.resolve()



def report_indicators(report, sector: str | None = None) -> pd.DataFrame:
    """Return the indicator table for *report*, in the columns of ``load_indicators``.

    The bundled Datong report uses the curated, provenance-checked table. Any other
    report uses :func:`~datong_lib.extract` with each figure assigned to the first
    sector whose keywords its subject or sentence contains (``source`` column says
    which: ``curated`` or ``extracted``).

    >>> import datong_lib as dl
    >>> report_indicators(dl.load_report(), "tourism")["source"].unique().tolist()
    ['curated']
    >>> t = report_indicators(dl.load_report("national_2016"), "macro")
    >>> bool((t["name_zh"].str.contains("国内生产总值")).any())
    True
    """
    if _is_bundled_default(report):
        from .curated import load_indicators

        df = load_indicators(sector, report=report).copy()
        df["source"] = "curated"
        return df
    from ..figures import extract
    from ..sectors import assign_sectors, load_sectors

    figs = extract(report)
    slugs = list(load_sectors()["slug"])
    out = pd.DataFrame(
        {
            "id": [f"fig_{i}" for i in range(len(figs))],
            "sector": pd.Categorical(
                assign_sectors(figs["subject"], figs["sentence"]), categories=slugs,
            ),
            "name_zh": figs["subject"].where(figs["subject"] != "", figs["text"]),
            "name_en": "",
            "year": figs["year"].astype("Int64"),
            "kind": figs["kind"],
            "metric": figs["metric"],
            "value": figs["value"],
            "value_high": figs["value_high"],
            "unit": figs["unit"],
            "qualifier": figs["qualifier"],
            "scope": figs["scope"],
            "headline": False,
            "source_quote": figs["sentence"],
            "section": figs["section"],
            "start": figs["start"],
            "end": figs["end"],
            "text": figs["text"],
            "source": "extracted",
        }
    )
    out["related_id"] = _related(out)
    out["target_text"] = ""
    out = _mark_headlines(report, out)
    if sector is not None:
        out = out[out["sector"] == sector].reset_index(drop=True)
    return out



def _related(out: pd.DataFrame) -> list[str]:
    """Link a rate to the amount it describes, as the curated table's ``related_id`` does.

    Within one sentence, a growth rate belongs to the nearest earlier level or count
    of the same subject (接待游客1718.7万人次 … 增长107.78%), and an attainment ratio
    (完成年度目标的119.75%) to the nearest earlier level.
    """
    related = [""] * len(out)
    last_level: dict = {}
    for i, (q, m, subj, rid) in enumerate(zip(out["source_quote"], out["metric"], out["name_zh"], out["id"])):
        if m in ("level", "count"):
            last_level[(q, subj)] = rid
            last_level[(q, None)] = rid
        elif m == "growth":
            related[i] = last_level.get((q, subj), "")
        elif m == "ratio_to_target":
            related[i] = last_level.get((q, None), "")
    return related



_METRIC_SUFFIX = {"growth": "增长", "share": "", "level": "", "count": "", "pp": ""}


def _mark_headlines(report, out: pd.DataFrame) -> pd.DataFrame:
    """Give extracted figures that match a canonical indicator its name and concept.

    The canonical names (data/indicator_names.yaml) turn 国内生产总值 and 地区生产总值
    into one ``concept`` such as ``gdp_growth``, so that targets pair with results
    (:func:`~datong_lib.derived.targets_vs_results`) on any report.
    """
    from .names import headline_indicators

    heads = headline_indicators(report)
    out = out.assign(concept=out["id"])  # unmatched figures pair with nothing
    if heads.empty:
        return out
    # Keyed by subject too: 全省生产总值增长5.5% and 农村居民…增长5.5% may share a sentence.
    keys = {(row.text, row.sentence, int(row.year), row.subject): row for row in heads.itertuples()}
    texts = out["text"] if "text" in out else out["name_zh"]
    for i, (t, q, y, subj) in enumerate(zip(texts, out["source_quote"], out["year"], out["name_zh"])):
        row = None if pd.isna(y) else keys.get((t, q, int(y), subj))  # a figure without a year heads nothing
        if row is None:
            continue
        out.loc[i, "headline"] = True
        out.loc[i, "concept"] = f"{row.canonical}_{row.metric}"
        # The report's own words where they are a plain name (国内生产总值, not 地区生产总值);
        # a bare tail of the canonical name (生产总值, once 全省 is dropped) reads better in full.
        plain = 2 <= len(row.subject) <= 10 and row.subject.endswith(row.name_zh[-2:])
        base = row.subject if plain and not row.name_zh.endswith(row.subject) else row.name_zh
        out.loc[i, "name_zh"] = f"{base}{_METRIC_SUFFIX.get(row.metric, '')}"
        out.loc[i, "sector"] = "macro"
    return out



def targets_frame(ind: pd.DataFrame, *, tol_pp: float = 0.5) -> pd.DataFrame:
    """Return :func:`~datong_lib.derived.targets_vs_results` with year-free column names.

    ``result_2024``/``target_2025`` become ``result``/``target`` (the years move to
    ``result_year`` and ``target_year``), so a notebook reads any report the same way;
    ``name_zh`` and ``target_qualifier`` are the names the charts expect. Indicators
    without a pairing concept give an empty frame.

    >>> import datong_lib as dl
    >>> t = targets_frame(dl.load_indicators())
    >>> g = t.set_index("concept").loc["gdp_growth"]
    >>> float(g["result"]), float(g["target"]), int(g["result_year"])
    (2.5, 5.5, 2024)
    """
    from .derived import targets_vs_results

    if "concept" not in ind or ind.empty:
        return pd.DataFrame(columns=["concept", "name_zh", "metric", "unit", "result", "target",
                                     "target_qualifier", "change", "stance"])
    tvr = targets_vs_results(ind, tol_pp=tol_pp)
    ren = {}
    for c in tvr.columns:
        for stem in ("result", "target"):
            if c.startswith(stem + "_") and c[len(stem) + 1:].isdigit():
                ren[c] = stem
                tvr[f"{stem}_year"] = int(c[len(stem) + 1:])
    tvr = tvr.rename(columns={**ren, "name": "name_zh"})
    tvr["target_qualifier"] = tvr["qualifier"]
    return tvr
