"""Demo: the enterprise persona runs its firm's workspace; the zone has a declaration to review.

``demo_enterprise`` becomes its firm's account administrator and has invited a finance colleague
(``demo_enterprise_finance``, the demo password); the firm's declaration of the year before last
was accepted, last year's waits for the zone's review, and a correction of a value held from
another source waits for a decision. Uses the real actions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.seeding import DEMO_PASSWORD, DemoContext
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure
from jiazhou_web.workspace import actions
from jiazhou_web.workspace.forms import to_text

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(ctx: DemoContext) -> None:
    user = ctx.personas.get(Role.ENTERPRISE_USER)
    reviewer = ctx.personas.get(Role.ZONE_OFFICER)
    if user is None or reviewer is None:
        return
    (firm_id,) = user_scope(user).enterprise_ids
    firm = Enterprise.objects.select_related("zone", "region").get(pk=firm_id)
    actions.appoint_admin(firm, user, actor=None)
    actions.invite_colleague(
        firm,
        username="demo_enterprise_finance",
        display_name="钱会计（财务）",
        password=DEMO_PASSWORD,
        actor=user,
    )
    year = timezone.localdate().year - 1
    accepted = actions.submit_declaration(
        firm, year - 1, _values(firm, year - 1, Decimal("1.00")), actor=user
    )
    if firm.zone_id and reviewer is not None:
        actions.accept_declaration(accepted, actor=reviewer)
    actions.submit_declaration(firm, year, _values(firm, year, Decimal("1.05")), actor=user)
    _correction(firm, user)
    actions.upload_document(
        firm,
        kind="licence",
        title="营业执照（副本）",
        upload=SimpleUploadedFile("营业执照.pdf", MINIMAL_PDF),
        actor=user,
    )
    ctx.say(f"  workspace: {firm.name} 的企业工作台（申报待审核、更正待裁定、同事账号）")


def _values(firm: Enterprise, year: int, growth: Decimal) -> dict[str, str]:
    """Plausible figures: last held ones grown by ``growth``, else a small firm's."""
    held = {
        f.field: f.value
        for f in EnterpriseFigure.objects.filter(enterprise=firm, fiscal_year__lte=year).order_by(
            "fiscal_year"
        )
        if f.value is not None
    }
    revenue = (held.get("operating_revenue") or Decimal(30_000_000)) * growth
    employees = int(held.get("employees_total") or 60)
    values: dict[str, Any] = {
        "employees_total": employees,
        "tech_staff": max(1, employees // 4),
        "rd_staff": max(1, employees // 5),
        "operating_revenue": revenue.quantize(Decimal(1)),
        "main_business_revenue": (revenue * Decimal("0.95")).quantize(Decimal(1)),
        "rd_expense_hnte": (revenue * Decimal("0.05")).quantize(Decimal(1)),
        "invention_patents": int(held.get("invention_patents") or 3),
        "ip_self_developed": True,
    }
    return {code: to_text(v) for code, v in values.items()}


def _correction(firm: Enterprise, user: Any) -> None:
    figure = (
        EnterpriseFigure.objects.filter(enterprise=firm, value__isnull=False, field="total_assets")
        .exclude(source="declaration")
        .order_by("-fiscal_year")
        .first()
    )
    if figure is None or figure.value is None:
        return
    actions.request_correction(
        firm,
        fiscal_year=figure.fiscal_year,
        field=figure.field,
        proposed=(figure.value * Decimal("1.08")).quantize(Decimal(1)),
        reason="平台数据为年中数，年末审计报告资产总额更高（附审计报告）",
        actor=user,
    )
