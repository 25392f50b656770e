"""The ticket list rows and clock badge written in Python (``tickets.list_rows``) are the HTML
the templates wrote before (kept here as the reference), in both languages."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Engine
from django.utils.translation import override

from jiazhou_web.tickets.list_rows import clock_badge, row_html

ENGINE = Engine(
    libraries={"i18n": "django.templatetags.i18n", "zh": "jiazhou_web.core.templatetags.zh"}
)
# tickets/_clock.html and the row of tickets/index.html before the rows were written in Python
CLOCK_TEMPLATE = ENGINE.from_string(  # less the file's final newline
    '{% load i18n zh %}{% if t.clock %}{% with r=t.clock.report %}<span class="badge {% if r.state == \'overdue\' or r.state == \'completed_late\' %}text-bg-danger{% elif r.state == \'paused\' %}text-bg-secondary{% elif r.elapsed_pct >= 80 %}text-bg-warning{% else %}text-bg-success{% endif %}" data-testid="clock">{% if r.state == \'running\' %}{% translate "Clock running" %}{% elif r.state == \'paused\' %}{% translate "Clock paused (supplements)" %}{% elif r.state == \'overdue\' %}{% translate "Overdue" context "ticket clock" %}{% elif r.state == \'completed_on_time\' %}{% translate "Closed on time" %}{% elif r.state == \'completed_late\' %}{% translate "Closed late" %}{% else %}{{ r.state_zh }}{% endif %}</span> <small class="text-muted">{% translate "due " %}{{ r.due_at|local_dt }}</small>{% endwith %}{% else %}<span class="text-muted">—</span>{% endif %}'
)
ROW_TEMPLATE = ENGINE.from_string(  # the loop body less its newline (index.html keeps it)
    "{% load i18n zh %}"
    '<tr><td><a href="{% url \'tickets:detail\' t.pk %}">{{ t.number }}</a>{% if t.repeat_of_id %} <span class="badge text-bg-warning">{% translate "Repeat" context "ticket badge" %}</span>{% endif %}</td><td>{{ t.title }}</td><td>{% if t.enterprise %}{{ t.enterprise.name }}{% else %}{{ t.caller_name }}{% endif %}</td><td>{{ t.channel_label }}</td><td>{{ t.leaf.name|default:"—" }}</td><td>{{ t.unit.name|default:"—" }}</td><td>{{ t.state_label }}</td><td>{% include clock %}</td><td>{{ t.received_at|local_dt }}</td></tr>'
)

UTC = dt.UTC


def _clock(state: str, pct: float) -> Any:
    report = SimpleNamespace(
        state=state,
        state_zh="状态<中文>",
        elapsed_pct=pct,
        due_at=dt.datetime(2026, 12, 31, 16, 5, tzinfo=UTC),
    )
    return SimpleNamespace(report=report)


CLOCKS = [
    None,
    _clock("running", 10.0),
    _clock("running", 79.99),
    _clock("running", 80.0),
    _clock("paused", 95.0),
    _clock("overdue", 120.0),
    _clock("completed_on_time", 50.0),
    _clock("completed_late", 101.0),
    _clock("unknown", 0.0),
]


def _ticket(**over: Any) -> Any:
    values: dict[str, Any] = {
        "pk": 7,
        "number": "SQ2026<0007>",
        "repeat_of_id": None,
        "title": '标题 & "引号" <b>',
        "enterprise": SimpleNamespace(name="乐山<某>公司"),
        "caller_name": "张三",
        "channel_label": "企业直通车",
        "leaf": SimpleNamespace(name="用地 & 规划"),
        "unit": SimpleNamespace(name="市经信局"),
        "state_label": "办理中",
        "clock": _clock("running", 30.0),
        "received_at": dt.datetime(2026, 12, 3, 1, 30, tzinfo=UTC),
    }
    values.update(over)
    return SimpleNamespace(**values)


TICKETS = [
    _ticket(),
    _ticket(repeat_of_id=3, enterprise=None, caller_name="李四 <电话>", clock=None),
    _ticket(leaf=None, unit=None, clock=_clock("overdue", 130.0)),
    _ticket(leaf=SimpleNamespace(name=""), unit=SimpleNamespace(name=""), caller_name=""),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("clock", CLOCKS)
def test_the_clock_badge_is_what_the_template_wrote(clock: Any, language: str) -> None:
    t = SimpleNamespace(clock=clock)
    with override(language):
        assert clock_badge(clock) == CLOCK_TEMPLATE.render(Context({"t": t}))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("ticket", TICKETS, ids=["firm", "caller-repeat", "no-leaf", "blank"])
def test_a_list_row_is_what_the_template_wrote(ticket: Any, language: str) -> None:
    with override(language):
        expected = ROW_TEMPLATE.render(Context({"t": ticket, "clock": CLOCK_TEMPLATE}))
        assert row_html(ticket) == expected
