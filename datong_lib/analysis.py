"""Notebook-level analyses: highlights, sector tasks, sector overview, indicator views.

These are the pieces the briefing notebooks show, kept here so that the notebooks stay
thin and every analysis is tested like the rest of the library.
"""

from __future__ import annotations

import re

import pandas as pd

from . import config

__all__ = [
    "report_indicators",
    "highlights",
    "task_paragraphs",
    "sector_tasks",
    "sector_overview",
    "results_and_targets",
    "display_indicators",
    "display_derived",
    "targets_frame",
]

_TASK_HEADING = re.compile(r"工作任务|重点工作|工作安排|主要任务")


def _is_bundled_default(report) -> bool:
    src = getattr(report, "source", None)
    return src is not None and src.resolve() == config.DEFAULT_REPORT.resolve()


_ZH = "零一二三四五六七八九"


def _zh_number(n: int) -> str:
    """Return 1-99 in Chinese numerals (第一, 十五连丰); larger numbers as digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _ZH[tens]) + "十" if tens else "") + (_ZH[ones] if ones else "")


def _lead(texts: pd.Series) -> pd.Series:
    # The opening sentence summarises a task paragraph; when it is long, its first clause does.
    first = texts.str.extract(r"^([^。！？；]{2,30})[。！？；]", expand=False)
    clause = texts.str.extract(r"^([^，。！？；]{2,30})[，。！？；]", expand=False)
    return first.fillna(clause).fillna("")


def _sectors():
    from .sectors import load_sectors

    return load_sectors()


def _sector_pattern(keywords) -> re.Pattern:
    words = sorted({k for k in keywords if k}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!x)x")


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
        from .indicators import load_indicators

        df = load_indicators(sector, report=report).copy()
        df["source"] = "curated"
        return df
    from .extractor import extract

    figs = extract(report)
    secs = _sectors()
    patterns = [(row.slug, _sector_pattern(row.keywords)) for row in secs.itertuples()]

    def assign(subject: str, sentence: str) -> str:
        for text in (subject, sentence):
            for slug, pat in patterns:
                if pat.search(text or ""):
                    return slug
        return "macro"

    out = pd.DataFrame(
        {
            "id": [f"fig_{i}" for i in range(len(figs))],
            "sector": pd.Categorical(
                [assign(s, t) for s, t in zip(figs["subject"], figs["sentence"])],
                categories=list(secs["slug"]),
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
    from .compare import headline_indicators

    heads = headline_indicators(report)
    out = out.assign(concept=out["id"])  # unmatched figures pair with nothing
    if heads.empty:
        return out
    keys = {(t, s, int(y)): row for row in heads.itertuples() for t, s, y in [(row.text, row.sentence, row.year)]}
    for i, (t, q, y) in enumerate(zip(out["text"] if "text" in out else out["name_zh"], out["source_quote"], out["year"])):
        row = keys.get((t, q, int(y)))
        if row is None:
            continue
        out.loc[i, "headline"] = True
        out.loc[i, "concept"] = f"{row.canonical}_{row.metric}"
        # The report's own words where they are a plain name (国内生产总值, not 地区生产总值).
        base = row.subject if 2 <= len(row.subject) <= 10 and row.subject.endswith(row.name_zh[-2:]) else row.name_zh
        out.loc[i, "name_zh"] = f"{base}{_METRIC_SUFFIX.get(row.metric, '')}"
        out.loc[i, "sector"] = "macro"
    return out


def display_indicators(ind: pd.DataFrame) -> pd.DataFrame:
    """Return *ind* with a formatted ``shown`` value (``1718.7万人次``, ``5.5%左右``)."""
    from .plotting import format_value

    shown = []
    for row in ind.itertuples():
        if pd.isna(row.value):
            shown.append(getattr(row, "target_text", "") or "（无数值）")
            continue
        if row.metric == "rank":
            scope = row.scope if isinstance(row.scope, str) else ""
            shown.append(f"{scope}第{_zh_number(int(row.value))}")
            continue
        if row.metric == "streak" and row.unit in ("连丰", "连增", "连涨"):
            shown.append(f"{_zh_number(int(row.value))}{row.unit}")
            continue
        text = format_value(row.value, row.unit or "", row.qualifier or "", signed=False,
                            decimals=0 if float(row.value).is_integer() else None)
        if not pd.isna(getattr(row, "value_high", float("nan"))):
            text = f"{row.value:g}—{format_value(row.value_high, row.unit or '')}"
        shown.append(text)
    out = ind.copy()
    out["shown"] = shown
    out["kind_zh"] = out["kind"].map({"actual": "实际", "target": "目标", "plan": "规划", "estimate": "预计"}).astype(str)
    return out


def highlights(report) -> pd.DataFrame:
    """Return the lettered highlights (A–H) of a review section with their figures.

    Columns: ``number``, ``title``, ``text``, ``figures`` (the figures as written,
    joined by ``、``), ``n_figures``.

    >>> h = highlights(__import__("datong_lib").load_report())
    >>> h["number"].tolist() == list("ABCDEFGH")
    True
    >>> "1718.7万人次" in h.set_index("number").loc["D", "figures"]
    True
    """
    from .extractor import extract

    secs = report.sections
    lettered = secs[secs["number"].str.fullmatch(r"[A-Z]")]
    figs = extract(report)
    rows = []
    for sec in lettered.itertuples():
        paras = report.paragraphs[report.paragraphs["section_id"] == sec.section_id]
        text = "".join(paras["text"])
        spans = paras[["start", "end"]].to_numpy()
        inside = figs[[any(a <= s < b for a, b in spans) for s in figs["start"]]]
        rows.append(
            {
                "number": sec.number,
                "title": sec.title,
                "text": text,
                "figures": "、".join(inside["text"]),
                "n_figures": len(inside),
            }
        )
    return pd.DataFrame(rows, columns=["number", "title", "text", "figures", "n_figures"])


def task_paragraphs(report) -> pd.DataFrame:
    """Return the paragraphs of the report-year task sections with their group and lead.

    ``group`` is the task heading (for Datong, the seven 统筹 headings); ``lead`` is
    the paragraph's opening phrase, which in these reports summarises it
    (``多措并举激发消费潜力``).
    """
    secs = report.sections
    roots = secs[secs["title"].str.contains(_TASK_HEADING)]
    root_paths = tuple(roots["path"])
    paras = report.paragraphs
    if not root_paths:
        return pd.DataFrame(columns=["group", "lead", "text", "section", "start", "end"])
    paras = paras[paras["section"].map(lambda s: s.startswith(root_paths)) & (paras["kind"] != "front")]
    sep = " > "
    group = paras["section"].map(lambda s: s.split(sep)[-1] if sep in s else s)
    lead = _lead(paras["text"])
    return pd.DataFrame(
        {"group": group, "lead": lead, "text": paras["text"], "section": paras["section"],
         "start": paras["start"], "end": paras["end"]}
    ).reset_index(drop=True)


def sector_tasks(report, sector: str) -> pd.DataFrame:
    """Return the task paragraphs that concern *sector*, with the keywords that matched.

    A paragraph belongs to the sector when its group is one of the sector's
    sections (``sections`` in ``data/sectors.yaml``) or its text contains one of the
    sector's keywords. Columns: ``group``, ``lead``, ``keywords``, ``text``, ``start``.

    >>> import datong_lib as dl
    >>> t = sector_tasks(dl.load_report(), "energy")
    >>> "强化特色优势产业引领力" in t["lead"].tolist()
    True
    """
    from .sectors import check_sector

    slug = check_sector(sector)
    row = _sectors().set_index("slug").loc[slug]
    pat = _sector_pattern(row["keywords"])
    own = tuple(row["sections"] or ())
    tasks = task_paragraphs(report)
    if own:
        # A sector with a part of its own (政府自身建设) takes that part's paragraphs too.
        paras = report.paragraphs
        extra = paras[paras["section"].map(lambda p: any(t in p for t in own)) & ~paras["start"].isin(tasks["start"])]
        if len(extra):
            tasks = pd.concat([tasks, pd.DataFrame({
                "group": extra["section"].str.split(" > ").str[-1],
                "lead": _lead(extra["text"]),
                "text": extra["text"], "section": extra["section"],
                "start": extra["start"], "end": extra["end"]})], ignore_index=True)
    found = tasks["text"].map(lambda t: "、".join(dict.fromkeys(pat.findall(t))))
    in_own = tasks["section"].map(lambda p: any(t in p for t in own))
    keep = (found != "") | in_own
    out = tasks[keep].assign(keywords=found[keep])
    return out[["group", "lead", "keywords", "text", "start"]].reset_index(drop=True)


def sector_overview(report, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return each sector's share of the report text and its number of indicators.

    Columns: ``slug``, ``name_zh``, ``name_en``, ``share`` (of characters, see
    :func:`datong_lib.text.sector_text_share`), ``n_indicators``.
    """
    from .text import sector_text_share

    share = sector_text_share(report)
    share = share[share["slug"] != "unassigned"]
    ind = report_indicators(report) if indicators is None else indicators
    counts = ind["sector"].astype(str).value_counts()
    secs = _sectors()[["slug", "name_en"]].astype({"slug": str})
    out = share[["slug", "name_zh", "share"]].astype({"slug": str}).merge(secs, on="slug", how="left")
    out["n_indicators"] = out["slug"].map(counts).fillna(0).astype(int)
    return out[["slug", "name_zh", "name_en", "share", "n_indicators"]]


def results_and_targets(ind: pd.DataFrame, *, headline_only: bool = False) -> pd.DataFrame:
    """Return the reviewed-year results and report-year targets side by side, formatted."""
    shown = display_indicators(ind)
    if headline_only and "headline" in shown:
        shown = shown[shown["headline"].astype(bool)]
    cols = ["sector", "name_zh", "year", "kind_zh", "shown", "source_quote"]
    return shown[cols].sort_values(["year", "sector"], kind="stable").reset_index(drop=True)


def display_derived(derived: pd.DataFrame) -> pd.DataFrame:
    """Return derived measures with a ``shown`` value rounded as an estimate should be.

    Estimates carry no more precision than their inputs: one decimal from 100 up,
    two below (827.2万人次, 4.73亿元, 4.40万人).

    >>> import datong_lib as dl
    >>> d = display_derived(dl.derived_measures())
    >>> d.set_index("measure").loc["base_year_value", "shown"].tolist()
    ['827.2万人次', '4.73亿元']
    """
    from .plotting import format_value

    shown = []
    for v, u, m in zip(derived["value"], derived["unit"], derived.get("metric", [""] * len(derived))):
        unit = u if isinstance(u, str) else ""
        if pd.isna(v):
            shown.append("—")
        elif unit in ("个百分点", "%") or abs(v) < 1e-9 or float(v).is_integer():
            shown.append(format_value(v, unit))
        else:
            shown.append(format_value(v, unit, decimals=1 if abs(v) >= 100 else 2))
    # A figure the report states twice gives the same estimate twice; show it once.
    return derived.assign(shown=shown).drop_duplicates(["measure", "name_zh", "shown"], ignore_index=True)


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
