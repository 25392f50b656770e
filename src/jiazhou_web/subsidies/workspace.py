"""The firm's pages in the enterprise workspace (企业工作台)."""

from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "subsidy-matches",
        _("Policy matches"),
        "subsidies:my_matches",
        "subsidies.apply",
        order=20,
        description=_(
            "Policies you qualify for, no-application benefits awaiting confirmation, and gaps"
        ),
        icon="award",
    ),
    WorkspaceSection(
        "subsidy-applications",
        _("My applications"),
        "subsidies:my_applications",
        "subsidies.apply",
        order=21,
        description=_(
            "Application progress, working-day time limits and messages from the service window"
        ),
        icon="file-earmark-check",
    ),
    WorkspaceSection(
        "vouchers",
        _("My innovation vouchers"),
        "subsidies:my_vouchers",
        "vouchers.use",
        order=22,
        description=_("Voucher balance, orders and redemption"),
        icon="ticket-perforated",
    ),
)
