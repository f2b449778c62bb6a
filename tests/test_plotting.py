"""The plotting module: CJK font, no missing glyphs, value formatting, lazy import."""

import subprocess
import sys
import unicodedata
import warnings

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from datong_lib.present import charts as plotting, fonts as _fonts, format as fmt  # noqa: E402
from datong_lib.errors import DatongError  # noqa: E402


def _raw_text(path, decode_bytes) -> str:
    """Return the characters of one file in data/raw, whatever its format and encoding."""
    if path.suffix == ".docx":
        import re
        import zipfile

        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        return re.sub(r"<[^>]+>", "", xml)
    return decode_bytes(path.read_bytes(), str(path))[0]


def test_bundled_font_ships_with_license_and_covers_the_reports():
    fonts = _fonts._bundled_fonts()
    assert [f.name for f in fonts] == ["DatongSansCJK-Regular.ttf"]
    folder = fonts[0].parent
    assert "SIL OPEN FONT LICENSE Version 1.1" in (folder / "OFL.txt").read_text(encoding="utf-8")
    with TTFont(str(fonts[0]), lazy=True) as font:
        cmap = font.getBestCmap()
    from datong_lib import config
    from datong_lib.report.decode import decode_bytes

    for path in sorted(config.RAW_DIR.iterdir()):
        text = _raw_text(path, decode_bytes)
        # Format characters (a byte-order mark) are never drawn.
        missing = {c for c in text if not c.isspace() and ord(c) not in cmap
                   and unicodedata.category(c) != "Cf"}
        assert not missing, f"{path.name}: {sorted(missing)[:20]}"
    assert all(ord(c) in cmap for c in "算力之城臺灣發展经济％，。“”（）")


def test_use_cjk_font_registers_the_bundled_file():
    family = plotting.use_cjk_font(prefer_system=False)
    assert family == _fonts.BUNDLED_FAMILY
    assert matplotlib.rcParams["font.family"][0] == family
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    path = matplotlib.font_manager.findfont(family, fallback_to_default=False)
    assert path.endswith("DatongSansCJK-Regular.ttf")
    # Registering twice must not add the file twice.
    n = len(matplotlib.font_manager.fontManager.ttflist)
    plotting.use_cjk_font(prefer_system=False)
    assert len(matplotlib.font_manager.fontManager.ttflist) == n


def test_system_font_is_preferred_when_installed(monkeypatch):
    monkeypatch.setattr(_fonts, "_system_cjk_family", lambda: "Noto Sans CJK SC")
    assert plotting.use_cjk_font() == "Noto Sans CJK SC"
    plotting.use_cjk_font(prefer_system=False)


def test_no_cjk_font_fails_loudly(monkeypatch):
    monkeypatch.setattr(_fonts, "_system_cjk_family", lambda: None)
    monkeypatch.setattr(_fonts, "_bundled_fonts", lambda: [])
    monkeypatch.setattr(_fonts.font_manager.fontManager, "ttflist",
                        [f for f in _fonts.font_manager.fontManager.ttflist
                         if f.name != _fonts.BUNDLED_FAMILY])
    with pytest.raises(plotting.CJKFontError, match="fonts-noto-cjk") as err:
        plotting.use_cjk_font()
    assert isinstance(err.value, DatongError)


@pytest.mark.parametrize("prefer_system", [False, True])
def test_chinese_charts_render_without_missing_glyphs(tmp_path, prefer_system):
    plotting.set_theme(prefer_system=prefer_system)
    ind = pd.DataFrame({"name_zh": ["接待游客", "门票收入", "游客增长"],
                        "value": [1718.7, 6.4, 107.78], "unit": ["万人次", "亿元", "%"]})
    growth = pd.DataFrame({"name_zh": ["地区生产总值", "固定资产投资"], "result": [2.5, 0.8],
                           "target": [5.5, 6.5], "target_qualifier": ["左右", ""]})
    ranks = pd.DataFrame({"name_zh": ["空气质量", "一产增加值增长"], "rank": [1, 2],
                          "scope": ["全省", "全省"]})
    share = pd.DataFrame({"name_zh": ["能源", "算力与数字经济"], "share": [0.05, 0.03]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figs = [plotting.bar_indicators(ind, title="指标（繁體：發展）"),
                plotting.growth_vs_target(growth), plotting.rank_chart(ranks),
                plotting.share_of_text(share),
                plotting.term_bars(pd.Series({"算力": 4, "京津冀": 4}))]
        for i, fig in enumerate(figs):
            fig.savefig(tmp_path / f"{i}.png")
            fig.savefig(tmp_path / f"{i}.svg")
            plt.close(fig)
    assert len(list(tmp_path.glob("*.png"))) == 5
    plotting.set_theme(prefer_system=False)


def test_growth_vs_target_annotates_the_acceleration():
    plotting.set_theme(prefer_system=False)
    fig = plotting.growth_vs_target(pd.DataFrame(
        {"name_zh": ["地区生产总值"], "result": [2.5], "target": [5.5],
         "target_qualifier": ["左右"]}))
    texts = {t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)
    assert {"+3.0个百分点", "5.5%左右", "2.5%"} <= texts


def test_category_charts_keep_their_titles_where_matplotlib_places_them(monkeypatch):
    """Titles are fixed at y=1.0 (no per-draw placement check); the PNG is byte for byte
    the one with matplotlib's automatic placement."""
    import io

    plotting.set_theme(prefer_system=False)
    ind = pd.DataFrame({"name_zh": ["接待游客", "门票收入", "游客增长"], "value": [1718.7, 6.4, 107.78],
                        "unit": ["万人次", "亿元", "%"]})

    def png(fig):
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=60, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        return buf.getvalue()

    fig = plotting.bar_indicators(ind, title="数量指标")
    assert [ax._autotitlepos for ax in fig.axes] == [False] * 3  # matplotlib's switch for its check
    fixed = png(fig)
    monkeypatch.setattr(plotting, "_title", lambda ax, text, **kw: ax.set_title(text, **kw) if text else None)
    assert png(plotting.bar_indicators(ind, title="数量指标")) == fixed


def test_bar_indicators_rejects_missing_columns():
    with pytest.raises(KeyError, match="name_zh"):
        plotting.bar_indicators(pd.DataFrame({"value": [1.0], "unit": ["%"]}))


@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    ((1718.7, "万人次"), {}, "1718.7万人次"),
    ((107.78, "%"), {}, "107.78%"),
    ((5.5, "%", "左右"), {}, "5.5%左右"),
    ((6.4, "%", "以上"), {}, "6.4%以上"),
    ((3.0, "个百分点"), {}, "+3.0个百分点"),
    ((-0.87, "万人"), {"signed": True}, "-0.87万人"),
    ((4, "个百分点", "近"), {}, "近+4.0个百分点"),
    ((40, "亿元", "突破"), {}, "突破40亿元"),
    ((5.0, "%"), {}, "5%"),
    ((1.5, "亿吨", "以上"), {}, "1.5亿吨以上"),
    ((0.0418, "%"), {"decimals": 1}, "0.0%"),
    ((None, "%"), {}, "—"),
    ((float("nan"), "亿元"), {}, "—"),
])
def test_format_value(args, kwargs, expected):
    assert fmt.format_value(*args, **kwargs) == expected


def test_import_datong_lib_does_not_import_matplotlib():
    code = ("import sys, datong_lib as dl; dl.load_report(); import datong_lib.text; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('matplotlib', 'seaborn')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, encoding="utf-8")
    assert out.stdout.strip() == "[]"
