"""Words and slogans in a report's text.

Tokens come from jieba with a user dictionary of the report's own terms
(``data/userdict.txt``: 算力之城, 京津冀, 四大赛道, 一谷三园…), so a slogan stays one
token. ``data/stopwords.txt`` lists function words, units and generic report words;
``data/policy_verbs.txt`` the verbs every work report uses (推进, 加快, 持续…), dropped
from frequencies by default so the report's topics rise to the top.

jieba is set up once, on first use, as a private tokenizer with its logger silenced,
so a notebook shows no "Building prefix dict" message and other users of jieba's
global dictionary are unaffected.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import warnings
from functools import lru_cache

import pandas as pd

from . import config

__all__ = ["tokenize", "term_frequencies", "quoted_phrases", "tongchou_pairs"]

USERDICT = config.DATA_DIR / "userdict.txt"
STOPWORDS = config.DATA_DIR / "stopwords.txt"
POLICY_VERBS = config.DATA_DIR / "policy_verbs.txt"

_LOCK = threading.Lock()
_TOKENIZER = None
# A countable term has a Han character and no digit; units and numbers are not topics.
_TERM = re.compile(r"^(?=.*[\u3400-\u9fff])[^\d０-９]+$")
_QUOTE = re.compile(r"“([^“”\n]{1,40})”|\"([^\"\n]{1,40})\"|「([^「」\n]{1,40})」")
_TONGCHOU = re.compile(r"^统筹(?P<a>[^和，,]+)和(?P<b>[^，,]+)(?:[，,](?P<goal>.+))?$")


def _tokenizer():
    """Return the shared jieba tokenizer, building it (once) on first use."""
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            with warnings.catch_warnings():
                # jieba 0.42 has old regex escapes, and reads its dictionary through
                # pkg_resources when it can (0.25–0.5 s to import); without it jieba
                # opens the files beside its module, which is all it needs.
                warnings.simplefilter("ignore")
                blocked = "pkg_resources" not in sys.modules
                if blocked:
                    sys.modules["pkg_resources"] = None
                try:
                    import jieba
                finally:
                    if blocked:
                        del sys.modules["pkg_resources"]
            jieba.setLogLevel(logging.ERROR)
            logging.getLogger("jieba").setLevel(logging.ERROR)
            tk = jieba.Tokenizer()
            _initialize(tk, jieba.DEFAULT_DICT)
            for line in USERDICT.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if parts and not parts[0].startswith("#"):
                    freq = int(parts[1]) if len(parts) > 1 else None
                    tk.add_word(parts[0], freq, parts[2] if len(parts) > 2 else None)
            _TOKENIZER = tk
    return _TOKENIZER


def _initialize(tk, default_dict) -> None:
    """Load jieba's prefix dictionary, reading its cache file in one piece.

    jieba's own ``initialize`` unmarshals the cache from the open file, which reads it a
    few bytes at a time: 1.4 s for the default dictionary, against 0.2 s from the bytes in
    memory. Whatever this cannot read (no cache yet, a damaged one, another dictionary)
    is left to ``initialize``, which also builds the dictionary and writes the cache.
    """
    import marshal
    import os
    import tempfile

    if tk.dictionary == default_dict and not tk.cache_file:
        try:
            with open(os.path.join(tk.tmp_dir or tempfile.gettempdir(), "jieba.cache"), "rb") as fh:
                freq, total = marshal.loads(fh.read())
            if isinstance(freq, dict) and freq and total:
                tk.FREQ, tk.total, tk.initialized = freq, total, True
                return
        except (OSError, ValueError, EOFError, TypeError):
            pass
    tk.initialize()


@lru_cache(maxsize=None)
def _wordlist(path) -> frozenset:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def tokenize(text: str, drop_stopwords: bool = False,
             policy_verbs: bool = True) -> list[str]:
    """Return the words of ``text``, without spaces and punctuation.

    Parameters
    ----------
    text : str
    drop_stopwords : bool, default False
        Also drop ``data/stopwords.txt`` and every token without a Han character
        or with a digit (numbers, units such as ``5%``).
    policy_verbs : bool, default True
        With ``drop_stopwords``, False also drops ``data/policy_verbs.txt``.

    Examples
    --------
    >>> tokenize("努力建设能源之城、算力之城、文化之城")
    ['努力', '建设', '能源之城', '算力之城', '文化之城']
    >>> tokenize("持续深耕“四大赛道”", drop_stopwords=True, policy_verbs=False)
    ['深耕', '四大赛道']
    """
    words = [w.strip() for w in _tokenizer().cut(text)]
    words = [w for w in words if w and re.search(r"\w", w)]
    if not drop_stopwords:
        return words
    stop = _wordlist(STOPWORDS) | (frozenset() if policy_verbs else _wordlist(POLICY_VERBS))
    return [w for w in words if w not in stop and _TERM.match(w) and len(w) > 1]


def _sentences(report) -> pd.DataFrame:
    if isinstance(report, str):
        return pd.DataFrame({"text": [report], "section": [""], "top_section": [""]})
    return report.sentences


def _units(report) -> pd.DataFrame:
    """Return the sentences and the section headings, each with its section path."""
    sents = _sentences(report)[["text", "section", "top_section"]]
    if isinstance(report, str):
        return sents
    heads = report.sections[["title", "path"]].rename(columns={"title": "text",
                                                               "path": "section"})
    heads["top_section"] = heads["section"].str.split(" > ").str[0]
    return pd.concat([heads, sents], ignore_index=True)


@lru_cache(maxsize=1)
def _dictionary_parts() -> dict:
    """Map each user-dictionary compound to the shorter dictionary terms inside it."""
    words = [w for w in (line.split()[0] for line in
             USERDICT.read_text(encoding="utf-8").splitlines() if line.strip())
             if not w.startswith("#")]
    return {w: tuple(p for p in words if p != w and p in w) for w in words}


def term_frequencies(report, top: int | None = 30, by: str | None = None,
                     policy_verbs: bool = False, nested: bool = True) -> pd.DataFrame:
    """Return the most frequent terms, overall or per section.

    Sentences and section headings are counted. Stop words, numbers and
    one-character tokens are left out; so are generic policy verbs unless
    ``policy_verbs=True``.

    Parameters
    ----------
    report : Report or str
    top : int or None, default 30
        Terms kept (per group with ``by``); None keeps all.
    by : {None, 'top_section', 'section'}
        Count within each section instead of over the whole report.
    policy_verbs : bool, default False
        Keep 推进, 加快, 持续… in the counts.
    nested : bool, default True
        Count a user-dictionary compound also as a mention of the dictionary terms
        inside it: 算力之城 and 智能算力 are mentions of 算力 too. The compound keeps
        its own row; ``share`` is of tokens, so nested mentions can make the shares
        of a group add up to slightly more than 1.

    Returns
    -------
    DataFrame
        ``term``, ``count`` (int) and ``share`` (of counted tokens in the group),
        most frequent first, preceded by the ``by`` column when given.

    Examples
    --------
    >>> from datong_lib import load_report
    >>> tf = term_frequencies(load_report(), top=10)
    >>> list(tf.columns)
    ['term', 'count', 'share']
    >>> "算力" in set(term_frequencies(load_report()).term)
    True
    """
    if by not in (None, "top_section", "section"):
        raise ValueError(f"by={by!r}; choose None, 'top_section' or 'section'")
    sents = _units(report)
    parts = _dictionary_parts() if nested else {}
    rows, n_tokens = [], {}
    for s in sents.itertuples():
        group = getattr(s, by) if by else ""
        for w in tokenize(s.text, drop_stopwords=True, policy_verbs=policy_verbs):
            n_tokens[group] = n_tokens.get(group, 0) + 1
            rows += [(group, w)] + [(group, p) for p in parts.get(w, ())]
    df = pd.DataFrame(rows, columns=["group", "term"])
    out = (df.groupby(["group", "term"], sort=False).size().rename("count").reset_index())
    out["share"] = out["count"] / out["group"].map(n_tokens)
    # Ties keep the order of first appearance, so results are stable across runs.
    out = out.sort_values(["group", "count"], ascending=[True, False], kind="stable")
    if top is not None:
        out = out.groupby("group", sort=False).head(top)
    out = out.astype({"count": "int64", "share": "float64"}).reset_index(drop=True)
    if by is None:
        return out.drop(columns="group")
    order = list(dict.fromkeys(sents[by]))
    out = out.rename(columns={"group": by})
    out[by] = pd.Categorical(out[by], categories=order)
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def quoted_phrases(report) -> pd.DataFrame:
    """Return every quoted phrase (“…”, "…", 「…」) with its count and first sentence.

    Returns
    -------
    DataFrame
        ``phrase``, ``count`` (int), ``first_sentence``, ``section`` and ``start``
        (offset of the first occurrence in ``report.text``), in order of first use.

    Examples
    --------
    >>> from datong_lib import load_report
    >>> q = quoted_phrases(load_report())
    >>> int(q.set_index("phrase").loc["四大赛道", "count"])
    1
    >>> q.phrase.iloc[0]
    '十四五'
    """
    sents = _sentences(report)
    text = report if isinstance(report, str) else report.text
    rows = {}
    for m in _QUOTE.finditer(text):
        phrase = next(g for g in m.groups() if g is not None).strip()
        if phrase in rows:
            rows[phrase]["count"] += 1
            continue
        hit = sents
        if "start" in sents:
            hit = sents[(sents.start <= m.start()) & (sents.end >= m.end())]
        first = hit.iloc[0] if len(hit) else None
        rows[phrase] = {
            "phrase": phrase, "count": 1,
            "first_sentence": first["text"] if first is not None else "",
            "section": first["section"] if first is not None else "",
            "start": m.start(),
        }
    cols = ["phrase", "count", "first_sentence", "section", "start"]
    return pd.DataFrame(list(rows.values()), columns=cols).astype(
        {"count": "int64", "start": "int64"})


def tongchou_pairs(report) -> pd.DataFrame:
    """Return the 统筹A和B pairs that title the sections of the year's tasks.

    Each task section of a 2025 work report is titled
    ``统筹<A>和<B>，<goal>``; the pairs show which two aims the government balances.

    Returns
    -------
    DataFrame
        ``section_id``, ``a``, ``b``, ``goal`` (the clause after the comma) and
        ``title``, in report order.

    Examples
    --------
    >>> from datong_lib import load_report
    >>> p = tongchou_pairs(load_report())
    >>> list(zip(p.a, p.b))[0]
    ('提振消费', '扩大投资')
    >>> len(p)
    7
    """
    rows = []
    for s in report.sections.itertuples():
        m = _TONGCHOU.match(s.title.strip())
        if m:
            rows.append({"section_id": s.section_id, "a": m["a"], "b": m["b"],
                         "goal": m["goal"] or "", "title": s.title})
    return pd.DataFrame(rows, columns=["section_id", "a", "b", "goal", "title"])
