"""企业工作台 pages: the firm's home and its own record (一企一档 with sources).

Every page finds the firm from the user's enterprise scope (``firm.current_firm``): workspace
URLs carry no firm id, so a firm user can never name another firm's page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jiazhou_web.core.contributions import todos_for, workspace_sections
from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.models import EnterpriseFigure
from jiazhou_web.workspace import display
from jiazhou_web.workspace.firm import current_firm
from jiazhou_web.workspace.forms import FORM_SECTIONS

#: identity facts shown on 我的档案 (field, label)
IDENTITY_ROWS: tuple[tuple[str, str], ...] = (
    ("uscc", "统一社会信用代码"),
    ("registration_date", "成立日期"),
    ("region", "所在区县"),
    ("zone", "所在功能区"),
    ("industry", "国民经济行业"),
    ("tech_field", "技术领域"),
    ("size_class", "企业规模"),
)


def index(request: HttpRequest) -> HttpResponse:
    """工作台首页: the firm's sections and what waits for this user (我的待办)."""
    firm = current_firm(request)
    context = {
        "title": "企业工作台",
        "firm": firm,
        "sections": workspace_sections(request.user),
        "todos": todos_for(request.user),
    }
    return render(request, "workspace/index.html", context)


def _identity(firm: Any) -> list[dict[str, Any]]:
    rows = []
    for name, label in IDENTITY_ROWS:
        value = getattr(firm, name)
        display_method = getattr(firm, f"get_{name}_display", None)
        if display_method is not None and value:
            value = display_method()
        elif name in ("region", "zone") and value is not None:
            value = value.name
        elif name == "registration_date" and value is not None:
            from jiazhou import humanize

            value = humanize.date_zh(value)
        rows.append({"label": label, "value": value or "—"})
    return rows


def record(request: HttpRequest) -> HttpResponse:
    """我的档案: every annual value the platform holds, with its source and as-of date."""
    firm = current_firm(request)
    figures = list(
        EnterpriseFigure.objects.filter(enterprise=firm).order_by("-fiscal_year", "field")
    )
    years = sorted({f.fiscal_year for f in figures}, reverse=True)
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    specs = annual_field_map()
    held = {f.field: f for f in figures if f.fiscal_year == year}
    groups = []
    for section, codes in FORM_SECTIONS:
        rows = []
        for code in codes:
            figure = held.pop(code, None)
            rows.append(_figure_row(specs[code], figure))
        groups.append({"label": section, "rows": rows})
    others = [_figure_row(specs[code], f) for code, f in held.items() if code in specs]
    if others:
        groups.append({"label": "其他数据", "rows": others})
    context = {
        "title": "我的档案",
        "firm": firm,
        "identity": _identity(firm),
        "identity_as_of": timezone.localtime(firm.updated).date(),
        "years": years,
        "year": year,
        "groups": groups,
    }
    return render(request, "workspace/record.html", context)


def _figure_row(spec: Any, figure: EnterpriseFigure | None) -> dict[str, Any]:
    if figure is None:
        return {"spec": spec, "text": "未填报", "source": "", "as_of": None, "correctable": False}
    return {
        "spec": spec,
        "text": display.figure_text(spec, figure.value, figure.text_value),
        "source": display.source_label(figure.source),
        "as_of": figure.as_of,
        # the firm's own declared values are changed by a new declaration, not a correction
        "correctable": figure.source != "declaration",
    }
