"""Demo assessments: last year's county round opened from the approved monitoring values, and
illustrative national averages for the 高新区 self-assessment (模拟数据, marked 示例)."""

from __future__ import annotations

from django.utils import timezone

from jiazhou_web.accounts.choices import Role
from jiazhou_web.assessments import actions
from jiazhou_web.core.seeding import DemoContext

# 模拟数据: illustrative national averages, NOT from the 火炬 yearbook (replace before use).
AVERAGES = {"1.1": "60", "1.3": "4.5", "1.8": "300", "2.6": "80", "5.1": "40", "5.5": "8"}


def load(ctx: DemoContext) -> None:
    admin = ctx.personas[Role.CITY_ADMIN]
    year = timezone.localdate().year - 1
    round_ = actions.open_round(year, actor=admin)
    for code, value in AVERAGES.items():
        actions.set_benchmark(
            code, value, str(year - 1), "模拟数据（示例值，待录入火炬统计年鉴）",
            actor=admin, synthetic=True,
        )  # fmt: skip
    ctx.say(f"assessments: {round_} opened, {len(AVERAGES)} illustrative national averages")
