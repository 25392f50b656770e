"""The firm's section of the enterprise workspace (企业工作台): 我的诉求."""

from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        key="tickets",
        label=_("My requests"),
        url_name="tickets:mine",
        verb="tickets.raise",
        order=40,
        description=_(
            "Raise a request (handled on receipt, enterprise express lane, could-not-get-it-done), follow its progress and rate the answer"
        ),
        icon="chat-square-text",
    ),
)
