"""Enterprise register (一企一档): list, detail and Excel import pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.access import can
from jiazhou_web.core.views import ImportView, ObjectDetailView, ObjectListView
from jiazhou_web.enterprises.figures import UNIT_LABELS, annual_fields, shown
from jiazhou_web.enterprises.filtersets import EnterpriseFilterSet
from jiazhou_web.enterprises.imports import EnterpriseImporter
from jiazhou_web.enterprises.links import links_for
from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.enterprises.tables import EnterpriseTable, register_queryset

EXPIRY_WARNING_DAYS = 90


# The detail page shows money in 万元 and ratios in % (the stored unit is 元 / decimal).
SHOWN_UNITS = {**UNIT_LABELS, "yuan": "万元", "ratio": "%"}


class EnterpriseListView(ObjectListView):
    queryset = Enterprise.objects.all()
    filterset_class = EnterpriseFilterSet
    table_class = EnterpriseTable
    title = _("Enterprise register")
    export_name = "enterprises"
    synthetic_note = True
    actions_template = "enterprises/includes/list_actions.html"

    def get_queryset(self) -> QuerySet[Any]:
        return register_queryset().for_user(self.request.user)  # type: ignore[attr-defined, no-any-return]


def figure_matrix(enterprise: Enterprise) -> tuple[list[int], list[dict[str, Any]]]:
    """Fiscal years across, catalogue fields down; each cell with its source and as-of date."""
    figures = list(enterprise.figures.all())
    years = sorted({f.fiscal_year for f in figures})
    by_key = {(f.field, f.fiscal_year): f for f in figures}
    rows = []
    for spec in annual_fields():
        cells = []
        for year in years:
            figure = by_key.get((spec.code, year))
            cells.append(
                {
                    "value": shown(spec, figure.value, figure.text_value) if figure else None,
                    "figure": figure,
                }
            )
        if any(c["figure"] for c in cells):
            rows.append(
                {"spec": spec, "unit": SHOWN_UNITS.get(spec.unit, spec.unit), "cells": cells}
            )
    return years, rows


def certificate_status(certificate: Certificate, today: dt.date) -> str:
    """valid, expiring (within 90 days), expired, revoked or pending (not yet valid)."""
    if certificate.revoked_on is not None and certificate.revoked_on <= today:
        return "revoked"
    if certificate.valid_from > today:
        return "pending"
    if certificate.valid_to is not None and certificate.valid_to < today:
        return "expired"
    if (
        certificate.valid_to is not None
        and (certificate.valid_to - today).days <= EXPIRY_WARNING_DAYS
    ):
        return "expiring"
    return "valid"


class EnterpriseDetailView(ObjectDetailView):
    queryset = Enterprise.objects.select_related("region", "zone", "industry__parent")
    template_name = "enterprises/enterprise_detail.html"

    def get_context(self, obj: Model) -> dict[str, Any]:
        assert isinstance(obj, Enterprise)
        today = timezone.localdate()
        years, rows = figure_matrix(obj)
        certificates = [
            (c, certificate_status(c, today))
            for c in obj.certificates.order_by("-valid_from", "programme")
        ]
        return {
            "title": obj.name,
            "years": years,
            "figure_rows": rows,
            "certificates": certificates,
            "ip_assets": obj.ip_assets.order_by("kind", "number"),
            "related_links": links_for(obj, self.request.user),
        }


class EnterpriseImportView(ImportView):
    importer_class = EnterpriseImporter
    title = _("Import enterprises")
    template_filename = "enterprise-import-template.xlsx"

    def may_import(self, user: Any) -> bool:
        return can(user, "enterprise.import")
