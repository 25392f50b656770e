"""The firm's 科技项目 in its workspace (core.contributions)."""

from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "projects",
        _("S&T projects"),
        "projects:index",
        verb="projects.apply",
        order=60,
        description=_("Calls, applications, supplements, contract milestones and acceptance"),
        icon="kanban",
    ),
)
