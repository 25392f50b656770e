"""The target status rows written in Python (``monitoring.status_rows``) are the HTML the
template wrote before (kept here as the reference), in both languages, for every branch: no
value, a stated and a derived basis, a threshold or none, 进度 by schedule or by elapsed time,
a gap, a synthetic row, the explaining links."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Engine
from django.utils.translation import override

from jiazhou_web.monitoring.explanations import ExplanationLink
from jiazhou_web.monitoring.status_rows import row_html

ENGINE = Engine(
    dirs=[],
    app_dirs=True,
    libraries={"i18n": "django.templatetags.i18n", "zh": "jiazhou_web.core.templatetags.zh"},
    builtins=["jiazhou_web.core.templatetags.zh"],
)
# the loop body of monitoring/includes/status_table.html before the rows were written in Python
ROW_TEMPLATE = ENGINE.from_string(
    "{% load i18n %}"
    '{% with s=row.status ev=row.ev %}\n<tr data-testid="status-row" data-light="{{ s.light }}" data-target="{{ s.target.code }}">\n<td class="text-nowrap">{% include "monitoring/includes/light.html" with light=s.light label=s.light_label %}</td>\n<td style="min-width:10rem"><a href="{% url \'monitoring:indicator_detail\' s.target.indicator.code %}">{{ s.target.indicator.name }}</a>{% if s.synthetic %} <span class="jz-synthetic">{% translate "Synthetic data" context "badge" %}</span>{% endif %}</td>\n<td class="text-nowrap">{{ s.target.region }}</td>\n<td style="min-width:9rem">{{ s.target.target_year }} · {{ s.target.comparator_text|default:s.target.comparator }}{% if ev.threshold is not None %} {{ ev.threshold|measure:s.target.unit }}{% endif %}</td>\n<td class="num">{% if ev.current_value is not None %}{{ ev.current_value|num }}<div class="small text-muted">{{ ev.current_period|period }}{% if s.basis_label %} · {{ s.basis_label }}{% endif %}</div>{% else %}—{% endif %}</td>\n<td class="num">{% if ev.attainment_pct is not None %}{{ ev.attainment_pct|floatformat:1 }}%{% else %}—{% endif %}</td>\n<td class="num">{% if ev.progress_pct is not None %}{{ ev.progress_pct|floatformat:1 }}%{% else %}—{% endif %}</td>\n<td class="num">{% if ev.schedule_pct is not None %}{{ ev.schedule_pct|floatformat:1 }}%{% elif ev.elapsed_pct is not None %}{{ ev.elapsed_pct|floatformat:1 }}%{% else %}—{% endif %}</td>\n<td class="num">{% if ev.gap is not None %}{{ ev.gap|floatformat:"-2" }}{% else %}—{% endif %}</td>\n<td class="small" style="min-width:22rem">{{ ev|said:"explanation" }}</td>\n<td class="small text-nowrap">{% for link in row.links %}<a class="d-block" href="{{ link.url }}" data-testid="explain-link"><i class="bi bi-{{ link.icon }}"></i> {{ link.label }}</a>{% endfor %}</td>\n</tr>{% endwith %}'
)


def _row(light: str = "red", synthetic: bool = False, links: bool = True, **ev: Any) -> Any:
    evaluation: dict[str, Any] = {
        "threshold": Decimal("1234.5"),
        "current_value": 987654.321,
        "current_period": "2026-09",
        "attainment_pct": 79.95,
        "progress_pct": 12.0,
        "schedule_pct": None,
        "elapsed_pct": 66.666,
        "gap": -0.125,
        "explanation_zh": "按序时进度<应达>66.7%，实际 & 落后",
        "explanation_en": 'Behind "schedule" <by> 5 points',
    }
    evaluation.update(ev)
    target = SimpleNamespace(
        code="T<1>&",
        indicator=SimpleNamespace(code="hitech_enterprises", name="高新技术企业<数>"),
        region="乐山市 & 高新区",
        target_year=2026,
        comparator_text=ev.pop("comparator_text", "不低于"),
        comparator=">=",
        unit="家",
    )
    status = SimpleNamespace(
        light=light,
        light_label={"red": "红灯", "green": "绿灯"}.get(light, "灰<灯>"),
        basis_label=ev.pop("basis_label", "年度累计"),
        synthetic=synthetic,
        target=target,
    )
    explaining = [
        ExplanationLink("督办任务 & 事项", "/supervision/?indicator=a&b=<c>", "list-check"),
        ExplanationLink("后备企业", "/pools/near-eligible/?programme=hnte", "building-up"),
    ]
    return {
        "status": status,
        "ev": SimpleNamespace(**evaluation),
        "links": explaining if links else [],
    }


CASES = {
    "lagging with every figure": _row(),
    "synthetic and green without links": _row("green", synthetic=True, links=False),
    "no value at all": _row(
        "grey",
        links=False,
        threshold=None,
        current_value=None,
        attainment_pct=None,
        progress_pct=None,
        elapsed_pct=None,
        gap=None,
        explanation_zh="",
        explanation_en="",
    ),
    "progress by schedule": _row(schedule_pct=50.04, gap=3),
    "stated basis, no wording": _row(basis_label="", comparator_text=""),
    "zero values": _row(current_value=0, attainment_pct=0.0, gap=0.0, threshold=0),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_row_is_what_the_template_wrote(case: str, language: str) -> None:
    row = CASES[case]
    with override(language):
        expected = ROW_TEMPLATE.render(Context({"row": row}))
        assert row_html(row) == expected
