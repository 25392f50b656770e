"""The workspace's own sections (core.contributions.WorkspaceSection)."""

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "record",
        "我的档案",
        "workspace:record",
        "workspace.view",
        10,
        "一企一档：平台掌握的每项数据及其来源、截至日期",
        "person-vcard",
    ),
)
