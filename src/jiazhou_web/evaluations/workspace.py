"""The firm's evaluation pages in the enterprise workspace (企业工作台)."""

from __future__ import annotations

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        key="bank_consents",
        label="积分贷：银行授权",
        url_name="evaluations:consents",
        verb="evaluations.consent",
        order=60,
        description="授权或撤回合作银行查看本企业已发布的创新积分、亩均评价结果",
        icon="bank",
    ),
    WorkspaceSection(
        key="evaluations",
        label="年度综合评价结果",
        url_name="evaluations:run_list",
        verb="evaluations.view",
        order=61,
        description="公示中和已发布的创新积分制、亩均论英雄评价结果，公示期内可提出异议",
        icon="clipboard-data",
    ),
)
