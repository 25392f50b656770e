"""Audit rows read as Chinese: field names, choice labels, periods, regions, times; no hashes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from jiazhou_web.core.audit_display import readable_changes, readable_extra
from jiazhou_web.core.citations import readable_cite, tag_label, without_project_notes

pytestmark = pytest.mark.django_db


def test_stage_period_region_and_none_read_as_chinese(regions: dict[str, Any]) -> None:
    from jiazhou_web.monitoring.models import Submission
    from jiazhou_web.supervision.models import TaskItem as Item

    with translation.override("zh-hans"):
        stage = readable_changes(Item, [("stage", "draft", "assigned")])
        period = readable_changes(Submission, [("period", None, "asof:2020-12")])
        region = readable_changes(None, [("region", None, "LS-HTZ")])
        kind = readable_changes(Item, [("kind", None, "red")])
        hidden = readable_changes(None, [("data_hash", None, "abc"), ("year", None, 2025)])
    assert stage[0][0] == "办理环节" and "draft" not in stage[0][1] + stage[0][2]
    assert period == [("填报期", "—", "2020年12月末")]
    assert region == [("地区", "—", "乐山高新区")]
    assert kind[0][2] == "红牌督办单"
    assert hidden == [("年份", "—", "2025")]


def test_times_are_shanghai_and_extra_keys_are_named() -> None:
    moment = dt.datetime(2026, 12, 4, 16, 30, tzinfo=dt.UTC)
    with translation.override("zh-hans"):
        [(_label, _before, after)] = readable_changes(None, [("submitted_at", None, moment)])
        extra = readable_extra(None, {"reason": "材料不全", "request": 17})
    assert after == "2026-12-05 00:30"
    assert extra == "理由：材料不全"


def test_citations_read_as_officials_write_them() -> None:
    cite = "32号 第十一条(二); 195号; criteria.md §1.1 H2 (declared on the Y-1 panel row)"
    assert readable_cite(cite) == (
        "「《高新技术企业认定管理办法》第十一条（二）」、「《高新技术企业认定管理工作指引》」"
    )
    assert readable_cite("criteria.md §4.4 [V]") == ""
    assert tag_label("V") == "已核实"
    assert without_project_notes("名词解释；认定口径（criteria.md §4.4）") == "名词解释；认定口径"


def test_event_labels_follow_the_language_of_the_request() -> None:
    from django.utils import translation

    from jiazhou_web.core.audit import event_label

    with translation.override("zh-hans"):
        assert event_label("workspace.declaration_submitted") == "企业提交年报申报"
    with translation.override("en"):
        assert event_label("workspace.declaration_submitted") == (
            "Enterprise submitted an annual declaration"
        )


def test_dates_and_yes_no_follow_the_english_switch() -> None:
    """Issue 14: a change's dates and booleans read English on the English switch (the audit
    page's 变更 column), Chinese otherwise."""
    changes = [("valid_until", None, "2029-04-30"), ("done", False, True)]
    with translation.override("zh-hans"):
        assert [(b, a) for _k, b, a in readable_changes(None, changes)] == [
            ("—", "2029年4月30日"),
            ("否", "是"),
        ]
    with translation.override("en"):
        assert [(b, a) for _k, b, a in readable_changes(None, changes)] == [
            ("—", "2029-04-30"),
            ("no", "yes"),
        ]
