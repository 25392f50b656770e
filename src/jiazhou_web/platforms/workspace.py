"""The firm's 创新平台 in its workspace (core.contributions)."""

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "platforms",
        "创新平台",
        "platforms:index",
        verb="platforms.report",
        order=61,
        description="本企业依托的创新平台及年报报送",
        icon="buildings",
    ),
)
