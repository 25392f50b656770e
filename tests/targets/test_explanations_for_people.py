"""The target engine's explanations are read by officers (the dashboard's reasons column, the
大屏, the report): Chinese dates and periods, no seed-row codes, and an English twin without
Chinese in it (issue 14). Values hand-chosen; the rules they exercise are pinned elsewhere."""

from __future__ import annotations

import re
from datetime import date

import pytest

from jiazhou.targets import Observation, Target, TargetEvaluation, evaluate_target

CJK = re.compile(r"[\u4e00-\u9fff]")
AT = date(2025, 11, 22)
START = date(2021, 7, 7)


def obs(period: str, value: float, obs_id: str, basis: str = "stated") -> Observation:
    return Observation("firms", "乐山市", period, value, basis, obs_id)  # type: ignore[arg-type]


def _cases() -> list[TargetEvaluation]:
    level = Target(
        "T1", "firms", "乐山市", 2025, "level", 300, unit="家", base_date=START, base_value=100
    )
    doubling = Target(
        "T2", "firms", "乐山市", 2025, "multiple_of_base", 2.0, unit="家", base_year=2020
    )
    overdue = Target("T3", "firms", "乐山市", 2024, "level", 500, unit="亿元", base_date=START)
    rank = Target("T4", "firms", "乐山市", 2030, "rank", 50, unit="名", base_date=START)
    return [
        # behind 序时进度 on 2025-09-30
        evaluate_target(level, [obs("asof:2025-09", 150, "O-2")], AT),
        # base observed in 2020 (a seed row), met
        evaluate_target(doubling, [obs("2020", 10, "O-3"), obs("asof:2025-09", 21, "O-4")], AT),
        # the due date has passed
        evaluate_target(overdue, [obs("2024", 420.5, "O-5", "inferred")], AT),
        # a rank with a trend
        evaluate_target(
            rank, [obs("2022", 90, "O-6"), obs("2023", 88, "O-7"), obs("2024", 86, "O-8")], AT
        ),
    ]


@pytest.mark.parametrize("ev", _cases(), ids=lambda ev: ev.target.target_id)
def test_chinese_explanation_has_chinese_dates_and_no_codes(ev: TargetEvaluation) -> None:
    zh = ev.explanation_zh
    assert not re.search(r"\d{4}-\d{2}", zh), zh  # 2025年9月30日, not 2025-09-30
    assert "asof:" not in zh and "O-" not in zh and "observation" not in zh, zh


@pytest.mark.parametrize("ev", _cases(), ids=lambda ev: ev.target.target_id)
def test_english_explanation_has_no_chinese_and_no_codes(ev: TargetEvaluation) -> None:
    en = ev.explanation_en
    assert not CJK.search(en), en
    assert "asof:" not in en and "O-" not in en, en


def test_the_words_themselves() -> None:
    behind, doubled, overdue, _rank = _cases()
    assert behind.rule == "behind_schedule"
    assert "落后于 2025年9月30日 的序时进度" in behind.explanation_zh
    assert "现值 150家（2025年9月末）" in behind.explanation_zh
    assert "is behind the elapsed-time share" in behind.explanation_en
    assert "current 150 firms (end of 2025-09)" in behind.explanation_en
    assert doubled.rule == "met"
    assert "基期值 10家（2020年观测值）" in doubled.explanation_zh
    assert "base value 10 firms (observed in 2020)" in doubled.explanation_en
    assert overdue.rule == "overdue"
    assert "目标期限 2024年12月31日 已到" in overdue.explanation_zh
    assert "420.5亿元（2024年，观测期为推断）" in overdue.explanation_zh
    assert "420.5 hundred million yuan (2024, period inferred)" in overdue.explanation_en


@pytest.mark.parametrize(
    ("value", "at", "phrase"),
    [
        (4, AT, "现值 4%（2024年） 已控制在 5% 以内"),
        (6, AT, "现值 6%（2024年） 未控制在 5% 以内"),
        (6, date(2026, 2, 1), "已到，现值 6%（2024年） 未控制在 5% 以内，差距 1%"),
    ],
)
def test_a_ceiling_reads_as_kept_within_not_as_a_double_negative(
    value: float, at: date, phrase: str
) -> None:
    """≤ 5 %（控制在5%以内）: met, missed, and missed when due read 已/未 控制在 5% 以内 —
    never 「未不高于 5%」."""
    target = Target("C", "firms", "乐山市", 2025, "level", 5, unit="%", comparator="<=")
    ev = evaluate_target(target, [obs("2024", value, "A")], at)
    assert phrase in ev.explanation_zh
    assert "不高于" not in ev.explanation_zh
