"""The firm's evaluation pages in the enterprise workspace (企业工作台)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        key="bank_consents",
        label=_("Innovation-points loans: bank authorisations"),
        url_name="evaluations:consents",
        verb="evaluations.consent",
        order=60,
        description=_(
            "Authorise or withdraw a partner bank's view of your published evaluation results"
        ),
        icon="bank",
    ),
    WorkspaceSection(
        key="evaluations",
        label=_("Annual evaluation results"),
        url_name="evaluations:run_list",
        verb="evaluations.view",
        order=61,
        description=_(
            "Innovation-points and per-mu results in publicity or published; object during publicity"
        ),
        icon="clipboard-data",
    ),
)
