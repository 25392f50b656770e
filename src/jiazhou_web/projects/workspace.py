"""The firm's 科技项目 in its workspace (core.contributions)."""

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "projects",
        "科技项目",
        "projects:index",
        verb="projects.apply",
        order=60,
        description="项目指南、申报、补正、任务书节点和验收",
        icon="kanban",
    ),
)
