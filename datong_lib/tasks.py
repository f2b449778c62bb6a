"""The report's own structure read as a briefing: task paragraphs, a sector's tasks, highlights."""

from __future__ import annotations

import pandas as pd

from .report.model import SECTION_SEP
from .report.structure import TASK_TITLE
from .sectors import check_sector, in_sections, keyword_pattern, load_sectors

__all__ = ["task_paragraphs", "sector_tasks", "highlights"]


def _lead(texts: pd.Series) -> pd.Series:
    # The opening sentence summarises a task paragraph; when it is long, its first clause does.
    first = texts.str.extract(r"^([^。！？；]{2,30})[。！？；]", expand=False)
    clause = texts.str.extract(r"^([^，。！？；]{2,30})[，。！？；]", expand=False)
    return first.fillna(clause).fillna("")



def task_paragraphs(report) -> pd.DataFrame:
    """Return the paragraphs of the report-year task sections with their group and lead.

    ``group`` is the task heading (for Datong, the seven 统筹 headings); ``lead`` is
    the paragraph's opening phrase, which in these reports summarises it
    (``多措并举激发消费潜力``).
    """
    secs = report.sections
    roots = secs[secs["title"].str.contains(TASK_TITLE)]
    root_paths = tuple(roots["path"])
    paras = report.paragraphs
    if not root_paths:
        return pd.DataFrame(columns=["group", "lead", "text", "section", "start", "end"])
    paras = paras[paras["section"].map(lambda s: s.startswith(root_paths)) & (paras["kind"] != "front")]
    group = paras["section"].str.split(SECTION_SEP).str[-1]
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
    slug = check_sector(sector)
    row = load_sectors().set_index("slug").loc[slug]
    pat = keyword_pattern(row["keywords"])
    own = tuple(row["sections"] or ())
    tasks = task_paragraphs(report)
    if own:
        # A sector with a part of its own (政府自身建设) takes that part's paragraphs too.
        paras = report.paragraphs
        extra = paras[in_sections(paras["section"], own) & ~paras["start"].isin(tasks["start"])]
        if len(extra):
            tasks = pd.concat([tasks, pd.DataFrame({
                "group": extra["section"].str.split(SECTION_SEP).str[-1],
                "lead": _lead(extra["text"]),
                "text": extra["text"], "section": extra["section"],
                "start": extra["start"], "end": extra["end"]})], ignore_index=True)
    found = tasks["text"].map(lambda t: "、".join(dict.fromkeys(pat.findall(t))))
    in_own = in_sections(tasks["section"], own)
    keep = (found != "") | in_own
    out = tasks[keep].assign(keywords=found[keep])
    return out[["group", "lead", "keywords", "text", "start"]].reset_index(drop=True)



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
    from .figures import extract

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
