"""Table rows written in Python (``Table.row_html``) are the HTML the cell template wrote."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from jiazhou_web.core.tables import Column, Table

# The cell loop of core/includes/object_table.html before rows were written in Python.
CELL_TEMPLATE = Template(
    '{% for column, value in cells %}<td{% if column.numeric %} class="num"{% endif %}>'
    '{% if column.link and row.get_absolute_url %}<a href="{{ row.get_absolute_url }}">'
    '{{ value|default_if_none:"" }}</a>{% else %}{{ value|default_if_none:"" }}{% endif %}'
    "</td>{% endfor %}"
)


class Row:
    def __init__(self, url: Any, **values: Any) -> None:
        self.__dict__.update(values)
        if url is not None:
            self.get_absolute_url = lambda: url


class Sample(Table):
    columns = (
        Column("name", "名称", link=True),
        Column("amount", "金额", numeric=True),
        Column("count", "数量", numeric=True),
        Column("share", "占比", numeric=True),
        Column("day", "日期"),
        Column("at", "时间"),
        Column("flag", "是否"),
        Column("missing", "空"),
        Column("label", "标签"),
    )


ROWS = [
    Row(
        "/enterprises/1/?a=1&b=<2>",
        name="乐山<b>某</b>公司 & 子",
        amount=Decimal("1234567.50"),
        count=1234567,
        share=0.125,
        day=dt.date(2026, 10, 1),
        at=dt.datetime(2026, 10, 1, 1, 2, tzinfo=ZoneInfo("UTC")),
        flag=True,
        missing=None,
        label=gettext_lazy("Enterprise"),
    ),
    Row(
        None,
        name=mark_safe("<em>已转义</em>"),
        amount=Decimal("10.00"),
        count=0,
        share=None,
        day=None,
        at=None,
        flag=False,
        missing="",
        label="x",
    ),
    Row(
        "",
        name=None,
        amount=None,
        count=-5,
        share=1.0,
        day=dt.date(2026, 1, 31),
        at=None,
        flag=None,
        missing=0,
        label='quote " y',
    ),
]


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("row", ROWS, ids=["linked", "no-url", "empty-url"])
def test_a_row_is_what_the_cell_template_wrote(row: Row, language: str, autoescape: bool) -> None:
    """Plain text, safe text, numbers, dates and lazy labels, escaped or (in a context
    without autoescape) not, give the cell template's HTML character for character."""
    if not autoescape and getattr(row, "get_absolute_url", lambda: "")():
        pytest.skip("a link's address is escaped in any context (an attribute value)")
    table = Sample([row])
    with override(language):
        context = Context({"cells": table.cells(row), "row": row}, autoescape=autoescape)
        expected = CELL_TEMPLATE.render(context)
        got = table.row_html(row, Context({}, autoescape=autoescape))
    assert got == expected


def test_the_row_url_is_asked_once() -> None:
    calls: list[int] = []

    class Counted:
        name = "甲"

        def get_absolute_url(self) -> str:
            calls.append(1)
            return "/x/"

    class TwoLinks(Table):
        columns = (Column("name", "名称", link=True), Column("name", "再次", link=True))

    html = TwoLinks([]).row_html(Counted(), Context({}))
    assert html.count('<a href="/x/">甲</a>') == 2 and len(calls) == 1


def test_choice_columns_read_djangos_labels_in_the_active_language() -> None:
    """A ``get_<field>_display`` column reads the label Django would (labels are looked up
    from a per-language table instead of Django's per-row hashing), in each language."""
    from jiazhou_web.pools.choices import MembershipStatus
    from jiazhou_web.pools.models import PoolMembership

    column = Column("status", "状态", accessor="get_status_display")
    for status in MembershipStatus:
        row = PoolMembership(status=status)
        for language in ("zh-hans", "en"):
            with override(language):
                assert column.value(row) == row.get_status_display() == str(status.label)
    with override("zh-hans"):
        assert column.value(PoolMembership(status="qualified")) == "已认定"
    assert column.value(PoolMembership(status="no-such-status")) == "no-such-status"


def test_a_models_own_display_method_is_called_as_written() -> None:
    from jiazhou_web.pools.models import PoolMembership

    class Overridden(PoolMembership):
        class Meta:
            proxy = True
            app_label = "pools"

        def get_status_display(self) -> str:
            return "自定义"

    column = Column("status", "状态", accessor="get_status_display")
    assert column.value(Overridden(status="qualified")) == "自定义"
