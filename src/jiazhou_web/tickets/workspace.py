"""The firm's section of the enterprise workspace (企业工作台): 我的诉求."""

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        key="tickets",
        label="我的诉求",
        url_name="tickets:mine",
        verb="tickets.raise",
        order=40,
        description="提出诉求（接诉即办、企业直通车、办不成事），查看办理进度并评价",
        icon="chat-square-text",
    ),
)
