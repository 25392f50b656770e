"""The 「距…还差」 phrase of one unmet condition reads as a sentence with its unit (issue 14).

Metadata as the scheme files write it (src/jiazhou/schemes/library): the subject is the
condition's name without its threshold, the gap keeps its unit, an upper limit is 超出, never 还需.
"""

from __future__ import annotations

from jiazhou_web.pools.gaps import amount, lacking

GAZELLE_G3 = {"label_zh": "研发投入强度不低于2.5%", "direction": "min", "gap_unit": "yuan"}
GAZELLE_G2 = {
    "label_zh": "高成长：满足收入路径或人员路径之一",
    "message_zh": "收入与人员增长均未达到瞪羚标准",
    "direction": "min",
}
UNICORN_U1 = {"label_zh": "成立10年以内", "direction": "max", "gap_unit": "years"}
UNICORN_U4 = {"label_zh": "企业估值不低于10亿美元", "direction": "min", "gap_unit": "yuan"}
HNTE_H4 = {
    "label_zh": "科技人员占当年职工总数比例不低于10%",
    "message_zh": "科技人员占比不足10%",
    "direction": "min",
    "gap_unit": "persons to hire",
}
SRDI_X7 = {
    "label_zh": "专精特新发展评价得分不低于60分",
    "message_zh": "专精特新发展评价得分不足60分",
    "direction": "min",
    "gap_unit": "points",
}


def test_label_without_message_loses_its_threshold() -> None:
    # 瞪羚 G3: intensity 1.7 % against 2.5 % → 0.8 points, about ¥32.53万 of R&D missing.
    phrase = lacking(GAZELLE_G3, {"value": 0.017, "requirement": 0.025, "gap": 325_300.0})
    assert phrase == "研发投入强度 0.8 个百分点（约 32.53万元）"


def test_a_sentence_without_a_subject_is_kept_whole_and_without_a_number() -> None:
    # 瞪羚 G2 is either route: the revenue CAGR's distance alone would mislead.
    phrase = lacking(GAZELLE_G2, {"value": -0.042, "requirement": 0.2, "gap": None})
    assert phrase == "收入与人员增长均未达到瞪羚标准"


def test_an_age_limit_is_exceeded_not_awaited() -> None:
    # 独角兽 U1: founded 25 years ago against at most 10 → 15 years over; time cannot fix it.
    assert lacking(UNICORN_U1, {"value": 25, "requirement": 10, "gap": 15}) == (
        "成立10年以内（已超出 15 年）"
    )
    assert amount(2, "years", direction="max") == "已超出 2 年"
    assert amount(2, "years") == "还需 2 年"


def test_valuation_subject_does_not_repeat_the_dollar_threshold() -> None:
    # 71亿元 (10亿美元 × 7.1) required, 0.62亿元 held → ¥704,786.93万 missing, in 元 as stored.
    phrase = lacking(UNICORN_U4, {"value": 62e6, "requirement": 7.1e9, "gap": 7_047_869_300.0})
    assert phrase == "企业估值：还差 704,786.93万元"


def test_a_negative_sentence_takes_its_gap_in_brackets() -> None:
    # 高企 H2 (《认定办法》第十一条（二）): no valid IP → at least one item is needed.
    meta = {
        "label_zh": "拥有对主要产品（服务）发挥核心支持作用的知识产权所有权",
        "message_zh": "无有效知识产权，不能认定",
        "direction": "min",
        "gap_unit": "items",
    }
    assert lacking(meta, {"value": 0, "requirement": 1, "gap": 1}) == (
        "无有效知识产权，不能认定（需新增 1 项）"
    )


def test_points_and_persons_keep_their_units() -> None:
    assert lacking(SRDI_X7, {"value": 57, "requirement": 60, "gap": 3}) == (
        "专精特新发展评价得分：还差 3 分"
    )
    phrase = lacking(HNTE_H4, {"value": 0.09, "requirement": 0.1, "gap": 1.4})
    assert phrase == "科技人员占比 1.0 个百分点（需新增 2 人）"
