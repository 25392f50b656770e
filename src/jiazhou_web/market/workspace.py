from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "market",
        "我的成果、需求与合同",
        "market:mine",
        "market.publish",
        order=40,
        description="发布成果与需求、查看匹配、揭榜、登记技术合同并下载登记证明",
        icon="shop",
    ),
)
