"""Import of the national system's export (全国技术合同管理与服务系统): the 吸纳 flow."""

from __future__ import annotations

from typing import Any

from jiazhou_web.core.imports import ImportColumn, Importer, choice, date, decimal, text
from jiazhou_web.market import actions
from jiazhou_web.market.choices import CONTRACT_TYPES_ZH

REGION = r"\d{6}"


class AbsorbedImporter(Importer):
    title = "全国系统技术合同（吸纳）"
    columns = (
        ImportColumn("contract_no", "登记编号", text(30)),
        ImportColumn("title", "合同名称", text(200)),
        ImportColumn(
            "contract_type",
            "合同类型",
            choice({label: value for value, label in CONTRACT_TYPES_ZH.items()}, "合同类型"),
            note="技术开发（委托开发）、技术转让、技术许可、技术咨询、技术服务等",
        ),
        ImportColumn("seller_name", "卖方名称", text(200)),
        ImportColumn("seller_region_code", "卖方地区代码", text(6, REGION, "6位行政区划代码")),
        ImportColumn("buyer_name", "买方名称", text(200)),
        ImportColumn("buyer_region_code", "买方地区代码", text(6, REGION, "6位行政区划代码")),
        ImportColumn("total_amount", "合同成交额（万元）", decimal(places=4)),
        ImportColumn("registered_on", "登记日期", date()),
    )
    notes = (
        "每行一份在全国系统登记的技术合同；登记编号重复的行只保留一行。",
        "买方在本市的合同计入本市吸纳额；本市登记机构已登记的合同以本地记录为准，不重复计入。",
    )

    def unique_key(self, data: dict[str, Any]) -> Any:
        return data.get("contract_no")

    def check_row(self, data: dict[str, Any]) -> list[str]:
        if data.get("total_amount") is not None and data["total_amount"] <= 0:
            return ["合同成交额须大于0 / the amount must be positive"]
        return []

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        return actions.import_absorbed(rows, actor=actor)
