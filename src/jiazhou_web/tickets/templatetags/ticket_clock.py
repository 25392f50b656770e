"""``{{ t.clock|clock_badge }}``: the ticket clock badge (tickets.list_rows.clock_badge)."""

from __future__ import annotations

from django import template

from jiazhou_web.tickets.list_rows import clock_badge

register = template.Library()
register.filter("clock_badge", clock_badge)
