"""The target dashboard, the region comparison and the big screen follow the English switch
(issue 14): the light legend, the summaries' titles, the synthetic-data marks, the status
table's reasons (the target engine writes each in both languages), the charts' series and the
big screen's panels read English; so does the monthly progress report (its preview, Word and
PDF share one text); the Chinese pages are unchanged."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import time_machine

from jiazhou_web.core.locality import locality
from jiazhou_web.core.page_text import visible_text
from jiazhou_web.workspace.tests.english_pages import (
    CJK,
    chinese_left,
    data_pattern,
    dump_chinese,
    fetch_pages,
)

REPORT = "/monitoring/report/?month=2026-11"
PAGES = (
    (
        "demo_city_admin",
        ("/monitoring/", "/monitoring/regions/", "/monitoring/screen/", REPORT),
    ),
)
ENGLISH: dict[str, tuple[str, ...]] = {
    "/monitoring/": (
        "Red · overdue or projected to miss",
        "Yellow · behind time-elapsed progress",
        "By responsible department",
        "By region (the city as the whole, not ranked against its districts)",
        "Time-elapsed progress",
    ),
    "/monitoring/screen/": (
        "Leshan innovation targets monitoring screen",
        "Targets monitored",
        "Targets by light",
        "Targets needing attention (red, yellow)",
        "Data as of: ",
    ),
    REPORT: (
        "Science and technology innovation target monitoring monthly",
        "Report on the science and technology innovation targets in 2026-11",
        "Reporting period: 2026-11-01 to 2026-11-30; data as of: 2026-09-30",
        "1. Red targets (to be supervised closely)",
        "3. Notes",
        "<th>Elapsed-time share</th>",
        "Assessment: ",
    ),
}
CHINESE: dict[str, tuple[str, ...]] = {
    "/monitoring/": ("红灯 · 逾期或预计无法完成", "按责任单位汇总", ">序时进度</th>"),
    "/monitoring/screen/": (
        "乐山市科技创新目标监测大屏",
        "监测目标",
        "需关注目标（红灯、黄灯）",
        "数据截至：",
    ),
    REPORT: (
        "科技创新目标监测月报",
        "关于2026年11月科技创新目标完成情况的报告",
        "报告期：2026年11月1日至2026年11月30日；数据截至：2026年9月30日",
        "一、红灯目标（需重点督办）",
        "三、说明",
        "<th>序时进度</th>",
        "研判：",
    ),
}


def _chart_names(html: str) -> set[str]:
    """Every series name and legend entry of the page's chart options (JSON scripts)."""
    names: set[str] = set()
    for body in re.findall(
        r'<script id="[^"]*" type="application/json">(.*?)</script>', html, re.S
    ):
        for match in re.finditer(r'"(?:name|text|formatter)": "((?:[^"\\]|\\.)*)"', body):
            names.add(json.loads(f'"{match.group(1)}"'))
    return names


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_dashboard_and_the_big_screen_read_english(shared_demo: Any) -> None:
    chinese = fetch_pages(PAGES, english=False)
    dump_chinese({k: v for k, v in chinese.items() if "screen" not in k})
    english = fetch_pages(PAGES, english=True)
    for url, labels in ENGLISH.items():
        page = english[f"demo_city_admin {url}"]
        for label in labels:
            assert label in page, (url, label)
        for label in CHINESE[url]:
            assert label not in page, (url, label)
    for url, labels in CHINESE.items():
        for label in labels:
            assert label in chinese[f"demo_city_admin {url}"], (url, label)

    dashboard = english["demo_city_admin /monitoring/"]
    # the reasons column: the engine's English text (「目标期限 … 已到」 in Chinese)
    assert "The target date" in dashboard and "目标期限" not in dashboard
    assert "目标期限" in chinese["demo_city_admin /monitoring/"]
    words = _chart_names(english["demo_city_admin /monitoring/screen/"])
    words |= _chart_names(dashboard)
    ours = {"红灯", "黄灯", "绿灯", "灰灯", "暂无目标", "最新值", "目标值", "实际值", "含模拟数据"}
    assert not words & ours, words & ours
    assert not [w for w in words if CJK.search(w) and ("序时进度" in w or "预测" in w)]
    assert {"Red", "Green"} & words
    screen = english["demo_city_admin /monitoring/screen/"]
    stage = screen[screen.index('<div id="stage"') :]
    left = [p for p in visible_text(stage) if CJK.search(p)]
    # what is left on the screen is data: indicator and region names, the sources' titles
    assert not [
        p for p in left if p in ("监测目标", "目标状态分布", "数据来源：", "暂无", "模拟")
    ], left

    # The report's own words are English; what is left in Chinese is data (indicator and region
    # names, the targets' quoted sources) and the issuer's name and document number.
    report = english[f"demo_city_admin {REPORT}"]
    place = locality()
    own = frozenset({place.authority, place.number("monitoring_report", 2026, 11)})
    left = chinese_left(report, data_pattern(), own)
    assert not left, left
