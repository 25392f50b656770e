"""Columns of the catalogue and reporting lists (page, column chooser and Excel export)."""

from django.utils.translation import gettext_lazy as _

from jiazhou.humanize import local_datetime
from jiazhou_web.core import names
from jiazhou_web.core.tables import Column, Table


class IndicatorTable(Table):
    columns = (
        Column("name", _("Name"), link=True),
        Column("code", _("Code"), default=False),
        Column("unit", _("Unit"), lambda i: names.unit_label(i.unit)),
        Column("kind", _("Kind"), "get_kind_display"),
        Column("direction", _("Direction"), "get_direction_display"),
        Column("frequency", _("Frequency"), "get_frequency_display"),
        Column("responsible_department", _("Responsible department")),
        Column("scope", _("Applies to"), "scope_label", default=False),
        Column("source", _("Source"), lambda i: "；".join(i.source_titles), default=False),
    )


class SubmissionTable(Table):
    columns = (
        Column("region", _("Region"), link=True),
        Column("department", _("Reporting unit"), "unit_label"),
        Column("period", _("Period"), lambda s: names.period_label(s.period), link=True),
        Column("status", _("Status"), "get_status_display"),
        Column("values", _("Values"), "value_count", numeric=True),  # annotated by the view
        Column(
            "submitted_at",
            _("Submitted at"),
            lambda s: local_datetime(s.submitted_at) if s.submitted_at else "",
        ),
        Column("reviewed_by", _("Reviewed by")),
        Column("return_comment", _("Return comment"), default=False),
        Column("synthetic", _("Synthetic")),
    )
