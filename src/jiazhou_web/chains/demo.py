"""Demo chains: both repository chains, the register's firms proposed by code and keyword and
confirmed where the seeds name their segment, the 钜能 电池片 project (在建), and an
illustrative 招商 list (模拟数据: the candidate firms are invented and marked so)."""

from __future__ import annotations

from jiazhou_web.accounts.choices import Role
from jiazhou_web.chains import actions
from jiazhou_web.chains.choices import AttachmentState
from jiazhou_web.chains.models import Attachment, Segment
from jiazhou_web.core.seeding import DemoContext

SEEDS = "乐山高新区、五通桥区公开报道（需求规格说明第5.3节）"
# firms the seeds place in a segment (name fragment → segment code)
CONFIRM = {
    "伟力得": "v-stack",
    "海创尚纬": "v-system",
    "航达储能": "v-system",
    "永祥": "pv-polysilicon",
}
PROSPECTS = [
    # 模拟数据: invented candidates to show the ranking; not real firms.
    {"name": "示例光伏电池甲公司（模拟）", "industry_code": "C3825", "location": "江苏（模拟）",
     "business_text": "异质结电池片、TOPCon 电池片", "revenue_wan": "850000", "growth_pct": "35",
     "patents": 260, "distance_km": "1900"},
    {"name": "示例光伏组件乙公司（模拟）", "industry_code": "C3825", "location": "四川成都（模拟）",
     "business_text": "光伏组件、电池片", "revenue_wan": "320000", "growth_pct": "18",
     "patents": 90, "distance_km": "140"},
    {"name": "示例钒电解液丙公司（模拟）", "industry_code": "C2613", "location": "四川攀枝花（模拟）",
     "business_text": "钒电解液、五氧化二钒", "revenue_wan": "120000", "growth_pct": "42",
     "patents": 35, "distance_km": "420"},
]  # fmt: skip


def load(ctx: DemoContext) -> None:
    admin = ctx.personas[Role.CITY_ADMIN]
    chains = [
        actions.load_chain_data(code, actor=admin)
        for code in ("vanadium-battery", "crystalline-pv")
    ]
    for chain in chains:
        actions.propose_enterprises(chain, actor=admin)
    for a in Attachment.objects.filter(state=AttachmentState.PROPOSED).select_related("segment"):
        if any(name in a.label and a.segment.code == code for name, code in CONFIRM.items()):
            actions.decide_attachment(a, confirm=True, actor=admin)
    cell = Segment.objects.get(chain__code="crystalline-pv", code="pv-cell")
    actions.attach(
        cell, kind="project", label="福建钜能 10GW 异质结电池片项目", source=SEEDS,
        verified_at="2025-10-31", stage="under_construction", actor=admin,
    )  # fmt: skip
    actions.add_prospects(PROSPECTS, source="模拟数据：招商目标企业名录示例", actor=admin)
    actions.create_recruit_list(cell, actor=admin)
    ctx.say(f"chains: {len(chains)} chains, {Attachment.objects.count()} attachments")
