"""Values as a person reads them: dates 2026年9月30日 (ISO on the English switch), counts 2,020 (issue 14).

A moment is shown on its Asia/Shanghai day: 2026-09-30 17:30 UTC is already 10月1日 in Leshan.
"""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import translation

DAY = dt.date(2026, 9, 30)
EVENING_UTC = dt.datetime(2026, 9, 30, 17, 30, tzinfo=dt.UTC)


def render(text: str, **context: object) -> str:
    return Template(text).render(Context(context))


def test_chinese_dates_and_months() -> None:
    with translation.override("zh-hans"):
        assert render("{{ d|date_zh }}", d=DAY) == "2026年9月30日"
        assert render("{{ d|month_zh }}", d=DAY) == "2026年9月"
        assert render("{{ m|date_zh }}", m=EVENING_UTC) == "2026年10月1日"
        assert render("{{ m|local_dt }}", m=EVENING_UTC) == "2026-10-01 01:30"
        assert render("{{ d|date_zh }}", d=None) == "—"


def test_english_switch_reads_iso_dates() -> None:
    with translation.override("en"):
        assert render("{{ d|date_zh }}", d=DAY) == "2026-09-30"
        assert render("{{ d|month_zh }}", d=DAY) == "2026-09"
        assert render("{{ m|date_zh }}", m=EVENING_UTC) == "2026-10-01"


def test_periods_read_iso_points_on_the_english_switch() -> None:
    cases = {
        "2023": ("2023年", "2023"),
        "asof:2023-11": ("2023年11月末", "end of 2023-11"),
        "asof:2023-11-13": ("截至2023年11月13日", "as of 2023-11-13"),
        "2021..2025": ("2021—2025年累计", "2021–2025 cumulative"),
        "2025-01..2025-08": ("2025年1—8月", "2025-01–2025-08"),
    }
    for notation, (zh, en) in cases.items():
        with translation.override("zh-hans"):
            assert render("{{ p|period }}", p=notation) == zh
        with translation.override("en"):
            assert render("{{ p|period }}", p=notation) == en


def test_money_in_wan_reads_the_dashboard_unit_on_the_english_switch() -> None:
    with translation.override("zh-hans"):
        assert render("{{ v|wan }}", v=10_862_011) == "1,086.20万元"
    with translation.override("en"):
        assert render("{{ v|wan }}", v=10_862_011) == "1,086.20 (10k yuan)"
        assert render("{{ v|wan }}", v=None) == "—"


def test_headline_counts_have_separators() -> None:
    from jiazhou_web.core.dashboard import Card

    assert Card("企业总数", 2020).shown == "2,020"
    assert Card("红灯目标", 0).shown == "0"
    assert Card("占比", "33.6%").shown == "33.6%"
