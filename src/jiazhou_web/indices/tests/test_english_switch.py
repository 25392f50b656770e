"""The composite index page follows the English switch (issue 14): its headings, the
synthetic-data marks and the words its charts draw (series, axes, the target and published
reference lines) read English outside data values; the Chinese page is unchanged."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import time_machine

from jiazhou_web.workspace.tests.english_pages import (
    CJK,
    chinese_left_on,
    data_pattern,
    dump_chinese,
    fetch_pages,
)

PAGES = (("demo_city_admin", ("/index/",)), ("demo_officer_lskjj", ("/index/",)))
CHARTS = re.compile(r'<script id="index-charts" type="application/json">(.*?)</script>', re.S)


def _preset_words() -> frozenset[str]:
    """The Chinese texts of the index preset files (block and indicator names, the uncertain
    choices' labels): reference data, like the schemes' titles."""
    import tomllib

    from jiazhou.index.presets import preset_path

    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str) and CJK.search(value):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name in ("leshan_sti",):
        with open(preset_path(name), "rb") as handle:
            walk(tomllib.load(handle))
    return frozenset(found)


def _texts(html: str) -> dict[str, Any]:
    match = CHARTS.search(html)
    assert match, "the chart data"
    data = json.loads(match.group(1))
    return {"label": data["label"], **data["texts"]}


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_index_page_and_its_charts_read_english(shared_demo: Any) -> None:
    chinese = fetch_pages(PAGES, english=False)
    dump_chinese(chinese)
    english = fetch_pages(PAGES, english=True)
    problems = chinese_left_on(english, data_pattern(), _preset_words())
    assert not problems, "\n".join(problems)

    words = _texts(english["demo_city_admin /index/"])
    assert not [w for w in words.values() if CJK.search(w)], words
    assert words["label"] == "Synthetic data" and words["index"] == "Index"
    assert re.fullmatch(r"Target \d+(\.\d+)?% \(20\d\d\)", words["target"]), words["target"]
    assert words["reported"].startswith("Published ")

    words = _texts(chinese["demo_city_admin /index/"])
    assert words["label"] == "模拟数据" and words["path"] == "目标路径（序时进度）"
    assert re.fullmatch(r"目标 \d+(\.\d+)?%（20\d\d）", words["target"]), words["target"]
    assert words["reported"].startswith("公开报道 ")
    assert words["gain"] == "单项达标可提升（百分点）"
    assert ">模拟数据</span>" in chinese["demo_city_admin /index/"]
