"""Import of the 招商 target list (firms outside the city) from Excel: all rows or none, each
error next to its row (core.imports)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jiazhou_web.chains import actions
from jiazhou_web.core.imports import ImportColumn, Importer, decimal, integer, text


class ProspectImporter(Importer):
    title = "招商目标企业名录"
    columns = (
        ImportColumn("name", "企业名称", text(200)),
        ImportColumn("location", "所在地", text(100), required=False, note="如：江苏无锡"),
        ImportColumn(
            "industry_code",
            "行业代码",
            text(5, pattern=r"[A-T](\d{2,4})?", what="国民经济行业分类代码，如 C3825"),
        ),
        ImportColumn(
            "business_text",
            "经营范围/主营产品",
            text(2000),
            required=False,
            note="用于关键词匹配，如：异质结电池片",
        ),  # fmt: skip
        ImportColumn("revenue_wan", "营业收入（万元）", decimal(), required=False),
        ImportColumn(
            "growth_pct", "营收增速（%）", decimal(min_value=Decimal(-100)), required=False
        ),
        ImportColumn("patents", "有效专利数", integer(), required=False),
        ImportColumn("distance_km", "距乐山（公里）", decimal(), required=False),
        ImportColumn("source", "来源", text(200), note="如：省投促局 2026 名录"),
    )
    notes = ("同名企业再次导入时更新其数据。",)

    def unique_key(self, data: dict[str, Any]) -> Any:
        return data.get("name")

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        sources = sorted({str(r["source"]) for r in rows})
        return actions.add_prospects(rows, source="；".join(sources)[:200], actor=actor)
