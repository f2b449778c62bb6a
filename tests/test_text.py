"""Text analysis on the bundled 2025 Datong report."""

import subprocess
import sys

import pandas as pd
import pytest

from datong_lib import emphasis, load_report, text


@pytest.fixture(scope="module")
def report():
    return load_report()


def test_user_dictionary_keeps_the_reports_terms_whole():
    words = text.tokenize("统筹建设“一谷三园”，深入实施“融入京津冀、打造桥头堡”重大战略，"
                          "以国家级数据标注基地建设为牵引，推动数据服务业发展，做强低空经济")
    for term in ["一谷三园", "京津冀", "桥头堡", "数据标注", "数据服务业", "低空经济"]:
        assert term in words
    assert "“" not in words and "，" not in words


def test_stopwords_and_policy_verbs():
    words = text.tokenize("持续深化国资国企改革，加快构建高标准市场体系", drop_stopwords=True,
                          policy_verbs=False)
    assert not {"持续", "深化", "加快", "构建", "体系"} & set(words)
    assert {"国资国企", "改革"} <= set(words)
    kept = text.tokenize("持续深化改革", drop_stopwords=True)
    assert "持续" in kept


def test_term_frequencies_schema_and_leading_terms(report):
    tf = text.term_frequencies(report)
    assert list(tf.columns) == ["term", "count", "share"]
    assert len(tf) == 30 and tf["count"].dtype == "int64" and not tf.isna().any().any()
    assert tf["count"].is_monotonic_decreasing
    assert "算力" in set(tf.term)
    assert {"京津冀", "就业", "产业"} <= set(tf.term)
    assert not {"推进", "加快", "持续", "的", "亿元"} & set(tf.term)
    with_verbs = text.term_frequencies(report, top=None, policy_verbs=True)
    assert with_verbs.set_index("term").at["发展", "count"] > 20


def test_nested_mentions_count_toward_the_shorter_term(report):
    nested = text.term_frequencies(report, top=None).set_index("term")["count"]
    flat = text.term_frequencies(report, top=None, nested=False).set_index("term")["count"]
    # 算力之城 twice and 智能算力 once are mentions of 算力 as well.
    assert nested["算力"] == flat.get("算力", 0) + 3
    assert nested["算力之城"] == flat["算力之城"] == 2


def test_term_frequencies_by_section(report):
    tf = text.term_frequencies(report, top=5, by="top_section")
    assert list(tf.columns) == ["top_section", "term", "count", "share"]
    assert isinstance(tf["top_section"].dtype, pd.CategoricalDtype)
    assert tf.groupby("top_section", observed=True).size().max() <= 5
    gov = tf[tf.top_section == "全面加强政府自身建设"]
    assert gov.term.iloc[0] == "政治"
    with pytest.raises(ValueError, match="top_section"):
        text.term_frequencies(report, by="chapter")


def test_term_frequencies_of_plain_text():
    tf = text.term_frequencies("算力之城算力之城，能源之城。", top=None)
    assert tf.set_index("term").loc["算力之城", "count"] == 2


def test_quoted_phrases(report):
    q = text.quoted_phrases(report)
    assert list(q.columns) == ["phrase", "count", "first_sentence", "section", "start"]
    phrases = q.set_index("phrase")
    for slogan in ["四大赛道", "跨入第一方阵", "一谷三园", "算力之城", "融入京津冀、打造桥头堡",
                   "蓝天", "舌尖上的安全"]:
        assert slogan in phrases.index
    assert phrases.at["十四五", "count"] == 2 and phrases.at["十五连丰", "count"] == 2
    assert "四大赛道" in phrases.at["四大赛道", "first_sentence"]
    assert report.text[phrases.at["一谷三园", "start"]:].startswith("“一谷三园”")
    assert phrases.at["一谷三园", "section"].startswith("2025年政府工作任务 > 统筹科技创新")


def test_tongchou_pairs(report):
    p = text.tongchou_pairs(report)
    assert list(zip(p.a, p.b)) == [
        ("提振消费", "扩大投资"), ("科技创新", "产业升级"), ("深层次改革", "高水平开放"),
        ("新型城镇化", "乡村全面振兴"), ("生态保护", "绿色发展"), ("保障公平", "改善民生"),
        ("风险防范", "安全治理"),
    ]
    assert p.goal.iloc[0] == "全力推动经济增长取得新突破"
    assert p.goal.str.startswith("全力").all()


def test_keyword_emphasis(report):
    k = emphasis.keyword_emphasis(report, ["就业", "养老", "教育"], ["统筹保障公平和改善民生"])
    assert list(k.columns) == ["keyword", "count", "per_1000", "count_in_sections",
                               "per_1000_in_sections", "emphasis"]
    row = k.set_index("keyword").loc["养老"]
    assert row["count"] == row["count_in_sections"] == 5
    assert row["emphasis"] > 3
    by_slug = emphasis.keyword_emphasis(report, "computing")
    assert by_slug.set_index("keyword").at["算力之城", "count"] == 2
    # Longest match first: 算力之城 is not also counted as 算力.
    assert by_slug.set_index("keyword").at["算力", "count"] == 0
    assert by_slug["emphasis"].isna().all()  # no sections of its own
    with pytest.raises(ValueError, match="no keywords"):
        emphasis.keyword_emphasis(report, [])


def test_sector_emphasis(report):
    e = emphasis.sector_emphasis(report).set_index("slug")
    assert e.loc["ecology", "emphasis"] > 1 and e.loc["safety", "emphasis"] > 1
    assert pd.isna(e.loc["tourism", "emphasis"]) and e.loc["tourism", "count"] > 5


def test_sector_text_share(report):
    s = emphasis.sector_text_share(report)
    assert list(s.columns) == ["slug", "name_zh", "n_sentences", "chars", "share"]
    assert list(s.slug)[-1] == "unassigned" and isinstance(s.slug.dtype, pd.CategoricalDtype)
    assert s.share.sum() == pytest.approx(1.0)
    assert s.chars.sum() == pytest.approx(report.sentences.text.str.len().sum())
    shares = s.set_index("slug").share
    assert shares["macro"] > shares["computing"] > 0
    custom = emphasis.sector_text_share(report, {"算力": ["算力"], "旅游": ["旅游", "景区"]})
    assert list(custom.slug) == ["算力", "旅游", "unassigned"]


def test_jieba_is_silent_and_lazy():
    code = ("import sys, datong_lib.text as t; assert 'jieba' not in sys.modules; "
            "t.tokenize('算力之城'); t.tokenize('京津冀'); print('ok')")
    out = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True,
                         text=True, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok" and out.stderr == ""


def test_jieba_dictionary_is_read_from_its_cache_in_one_piece(tmp_path, monkeypatch):
    """The prefix dictionary comes from jieba's cache file; no cache, or a damaged one, is
    left to jieba's own initialize (which builds the dictionary and writes the cache)."""
    import marshal

    import jieba

    from datong_lib.text import _initialize

    tk = jieba.Tokenizer()
    tk.tmp_dir = str(tmp_path)
    with open(tmp_path / "jieba.cache", "wb") as fh:
        marshal.dump(({"能源": 5, "能": 0, "能源之城": 3}, 8), fh)
    _initialize(tk, jieba.DEFAULT_DICT)
    assert tk.initialized and tk.FREQ == {"能源": 5, "能": 0, "能源之城": 3} and tk.total == 8

    calls = []
    for damaged in (b"not marshal data", marshal.dumps(([], 0))):
        (tmp_path / "jieba.cache").write_bytes(damaged)
        tk = jieba.Tokenizer()
        tk.tmp_dir = str(tmp_path)
        monkeypatch.setattr(tk, "initialize", lambda: calls.append("built"))
        _initialize(tk, jieba.DEFAULT_DICT)
        assert not tk.initialized
    assert calls == ["built", "built"]
    other = jieba.Tokenizer(str(tmp_path / "jieba.cache"))  # another dictionary: jieba's own path
    monkeypatch.setattr(other, "initialize", lambda: calls.append("other"))
    _initialize(other, jieba.DEFAULT_DICT)
    assert calls[-1] == "other"


@pytest.mark.slow
def test_jieba_dictionary_read_from_the_cache_is_jiebas_own():
    import jieba

    from datong_lib.text import _initialize

    ours, theirs = jieba.Tokenizer(), jieba.Tokenizer()
    theirs.initialize()  # writes the cache on a machine that has none
    _initialize(ours, jieba.DEFAULT_DICT)
    assert ours.total == theirs.total and ours.FREQ == theirs.FREQ
    assert ours.lcut("大同市能源革命综合改革试点") == theirs.lcut("大同市能源革命综合改革试点")
