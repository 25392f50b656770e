"""Columns of the scoring-run list and of a run's results."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou.humanize import local_datetime, percent_of_ratio
from jiazhou_web.core.names import scheme_label
from jiazhou_web.core.tables import Column, Table


class ScoringRunTable(Table):
    columns = (
        Column("created", _("Run at"), lambda r: local_datetime(r.created), link=True),
        Column("programme", pgettext_lazy("scoring", "Programme"), "get_programme_display"),
        Column("scheme_code", _("Scheme"), lambda r: scheme_label(r.scheme_code)),
        Column("scheme_version", _("Version"), default=False),
        Column("scheme_document", _("Issuing document"), default=False),
        Column("eval_year", _("Evaluation year"), numeric=True),
        Column("n_units", _("Firms scored"), numeric=True),
        Column("n_pass", _("Qualifying"), numeric=True),
        Column("n_review", _("Needs expert review"), numeric=True),
        Column("data_hash", _("Input data hash"), lambda r: r.data_hash[:12], default=False),
        Column("scope_label", _("Enterprises scored")),
        Column("created_by", _("Run by")),
        Column("seconds", _("Seconds"), numeric=True, default=False),
    )


class UnitResultTable(Table):
    columns = (
        Column("enterprise", _("Enterprise"), "enterprise.name", link=True),
        Column("region", _("District/county"), "enterprise.region.name"),
        Column("status", _("Result"), "get_status_display"),
        Column("score", _("Score"), "score_display", numeric=True),
        Column("grade", _("Class")),
        Column("rank", pgettext_lazy("scoring", "Rank"), numeric=True),
        Column("n_unmet", _("Conditions unmet"), numeric=True),
        Column("n_unknown", _("Data missing"), numeric=True),
        Column("n_review", _("For review"), numeric=True),
        Column(
            "gap_score", _("Relative gap"), lambda r: percent_of_ratio(r.gap_score), numeric=True
        ),
    )
