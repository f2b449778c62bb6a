"""The closed vocabularies of a figure: metrics, kinds, qualifiers and directions.

One home for every list the extractor, the curated table, the displays and the
exports share, so that a qualifier means the same thing wherever it is read or
printed.
"""

from __future__ import annotations

#: What a figure measures. ``level`` an amount; ``count`` things counted with a
#: classifier (个 家 项); ``growth`` a rate of change; ``share`` a proportion or rate;
#: ``pp`` a change in percentage points; ``rank`` a place (全省第一); ``streak``
#: consecutive years (十五连丰); ``multiple`` 翻一番 or N倍; ``ratio_to_target``
#: attainment of a target in %.
METRICS = ["level", "count", "growth", "share", "pp", "rank", "streak", "multiple", "ratio_to_target"]
#: Whether a figure is a result, a goal for the report year, a goal for a later year
#: or plan period, or an estimate (预计).
KINDS = ["actual", "target", "plan", "estimate"]
QUALIFIERS = ["", "approx", "at_least", "over", "nearly", "at_most"]
DIRECTIONS = ["", "up", "down"]

#: Words before or after a figure and the qualifier code each one means.
QUALIFIER_CODES = {
    "大约": "approx", "约为": "approx", "约": "approx", "左右": "approx", "上下": "approx",
    "将近": "nearly", "接近": "nearly", "近": "nearly",
    "超过": "over", "超过了": "over", "突破": "over", "逾": "over", "超": "over", "多": "over",
    "余": "over", "高达": "over",
    "不低于": "at_least", "不少于": "at_least", "至少": "at_least", "以上": "at_least",
    "不超过": "at_most", "不高于": "at_most", "控制在": "at_most", "以内": "at_most", "以下": "at_most",
}

#: The words that license each code: a curated row's quote must contain one of them.
QUALIFIER_WORDS = {
    "approx": ("左右", "约", "上下"),
    "at_least": ("以上", "不低于", "不少于", "至少"),
    "over": ("突破", "超过", "逾", "余", "多"),
    "nearly": ("近", "接近"),
    "at_most": ("以内", "以下", "不超过", "不高于", "控制在"),
}

#: How each code is printed beside a number (5.5%左右, 超过40亿元).
QUALIFIER_DISPLAY = {"approx": "左右", "at_least": "以上", "over": "超过", "nearly": "近", "at_most": "以内"}

#: Kinds in Chinese, for tables and charts.
KIND_ZH = {"actual": "实际", "target": "目标", "plan": "规划", "estimate": "预计"}
