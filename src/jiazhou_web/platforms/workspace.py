"""The firm's 创新平台 in its workspace (core.contributions)."""

from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "platforms",
        _("Innovation platforms"),
        "platforms:index",
        verb="platforms.report",
        order=61,
        description=_("Innovation platforms hosted by this enterprise and their annual reports"),
        icon="buildings",
    ),
)
