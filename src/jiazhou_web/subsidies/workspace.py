"""The firm's pages in the enterprise workspace (企业工作台)."""

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "subsidy-matches",
        "政策匹配",
        "subsidies:my_matches",
        "subsidies.apply",
        order=20,
        description="可享受的政策、待确认的免申即享与差距",
        icon="award",
    ),
    WorkspaceSection(
        "subsidy-applications",
        "我的申报",
        "subsidies:my_applications",
        "subsidies.apply",
        order=21,
        description="申报进度、工作日时限与窗口消息",
        icon="file-earmark-check",
    ),
    WorkspaceSection(
        "vouchers",
        "我的创新券",
        "subsidies:my_vouchers",
        "vouchers.use",
        order=22,
        description="创新券余额、下单与兑付",
        icon="ticket-perforated",
    ),
)
