"""Columns of the enterprise register: identity, latest-year key figures (万元), certificates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.tables import Column, Table, display
from jiazhou_web.enterprises.figures import in_wan
from jiazhou_web.enterprises.models import Certificate, Enterprise, EnterpriseFigure

# Latest-year figures shown on the list: (annotation, field code).
KEY_FIGURES = {
    "fig_revenue": "operating_revenue",
    "fig_rd": "rd_expense_hnte",
    "fig_tech_staff": "tech_staff",
    "fig_employees": "employees_total",
}
MONEY_COLUMNS = frozenset({"revenue_wan", "rd_wan"})


def register_queryset() -> QuerySet[Enterprise]:
    """Enterprises with their latest fiscal year, its key figures and today's certificates."""
    figures = EnterpriseFigure.objects.filter(enterprise=OuterRef("pk"))
    latest = figures.order_by("-fiscal_year").values("fiscal_year")[:1]
    annotations: dict[str, Any] = {
        name: Subquery(
            figures.filter(fiscal_year=OuterRef("latest_year"), field=code).values("value")[:1]
        )
        for name, code in KEY_FIGURES.items()
    }
    queryset: QuerySet[Enterprise] = (
        Enterprise.objects.select_related("region", "zone", "industry")
        .annotate(latest_year=Subquery(latest))
        .annotate(**annotations)
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=Certificate.objects.valid_on().order_by("programme"),
                to_attr="current_certificates",
            )
        )
    )
    return queryset


def _certificates(enterprise: Any) -> str:
    return "、".join(
        str(c.get_programme_display()) for c in getattr(enterprise, "current_certificates", [])
    )


def _count(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


class EnterpriseTable(Table):
    columns = (
        Column("name", _("Enterprise name"), link=True),
        Column("uscc", _("Unified social credit code")),
        Column("region", _("District/county"), "region.name"),
        Column("zone", _("Functional zone"), "zone.name"),
        Column("industry", _("Industry"), lambda e: str(e.industry)),
        Column("tech_field", _("Technology field"), "get_tech_field_display"),
        Column("size_class", _("Size class"), "get_size_class_display"),
        Column("registration_date", _("Registration date"), default=False),
        Column("latest_year", _("Latest fiscal year"), numeric=True),
        Column(
            "revenue_wan",
            _("Operating revenue (10k yuan)"),
            lambda e: in_wan(e.fig_revenue),
            numeric=True,
        ),
        Column("rd_wan", _("R&D expense (10k yuan)"), lambda e: in_wan(e.fig_rd), numeric=True),
        Column(
            "tech_staff",
            _("Technical staff"),
            lambda e: _count(e.fig_tech_staff),
            numeric=True,
        ),
        Column(
            "employees",
            _("Employees"),
            lambda e: _count(e.fig_employees),
            numeric=True,
            default=False,
        ),
        Column("certificates", _("Current certificates"), _certificates),
        Column(
            "provenance",
            _("Data"),
            lambda e: str(_("Synthetic data") if e.synthetic else _("Real")),
        ),
    )

    def cells(self, obj: Any) -> list[tuple[Column, Any]]:
        """Money in 万元 always with two decimals on the page (the export keeps numbers)."""
        return [
            (c, f"{v:,.2f}" if c.name in MONEY_COLUMNS and v is not None else display(v))
            for c, v in ((c, c.value(obj)) for c in self.visible)
        ]
