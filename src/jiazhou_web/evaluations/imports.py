"""The evaluations' inputs as the tax bureau and the power company deliver them (issue 18).

* **税务局「纳税人税款入库明细」**: one row per taxpayer × 征收项目 × 税款所属期, amounts in 元
  (the 金税 export); the rows of one firm and calendar year are summed into 实缴增值税,
  实缴企业所得税, 实缴其他税费 and 退税 of that fiscal year.
* **供电公司「用电客户电量明细」**: one row per 户号 (meter account) × 电费年月, kWh; a firm's
  accounts and months are summed into its 用电量 of the year.

Both read through ``core.imports`` (same cell parsers, row/field messages, all-or-nothing,
annotated file back) and store through ``enterprises.actions.import_enterprises`` (one audit
row per firm). A file replaces the fiscal year's totals it covers: it must hold the whole year.
Only firms already in the register and within the user's scope are accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from django.utils import timezone

from jiazhou.validation import cells
from jiazhou_web.core.access import in_region_scope
from jiazhou_web.core.imports import (
    FIRST_DATA_ROW,
    CellError,
    ImportColumn,
    Importer,
    ImportOutcome,
    Parser,
    choice,
    date,
    decimal,
    integer,
    text,
)
from jiazhou_web.enterprises import actions as enterprise_actions
from jiazhou_web.enterprises.choices import FigureSource
from jiazhou_web.enterprises.imports import uscc_cell
from jiazhou_web.enterprises.models import Enterprise

# 征收项目 (as the 金税 system names them) → the annual field it adds to.
TAX_ITEMS: dict[str, str] = {
    "增值税": "tax_vat",
    "企业所得税": "tax_cit",
    "城市维护建设税": "tax_other",
    "房产税": "tax_other",
    "城镇土地使用税": "tax_other",
    "印花税": "tax_other",
    "土地增值税": "tax_other",
    "资源税": "tax_other",
    "环境保护税": "tax_other",
    "消费税": "tax_other",
    "车船税": "tax_other",
    "耕地占用税": "tax_other",
    "契税": "tax_other",
    "增值税留抵退税": "tax_refunds",
    "出口退税": "tax_refunds",
    "即征即退": "tax_refunds",
}
TAX_FIELDS = ("tax_vat", "tax_cit", "tax_other", "tax_refunds")
_MONTH = re.compile(r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))\s*$")


def year_month() -> Parser:
    """电费年月: ``2024-03``, ``2024/3``, ``202403``, ``2024年3月`` or a date cell → (year, month);
    not after the current month."""

    def parse(value: Any) -> tuple[int, int]:
        if isinstance(value, dt.date):
            year, month = value.year, value.month
        else:
            m = _MONTH.match(str(value))
            if m is None:
                raise CellError(
                    f"「{value}」不是有效年月（应为 YYYY-MM，如 2024-03）",
                    f"{value!r} is not a year-month (YYYY-MM)",
                )
            year, month = int(m.group(1)), int(m.group(2) or m.group(3))
        if not 1 <= month <= 12 or year < 1990:
            raise CellError(f"「{value}」不是有效年月", f"{value!r} is not a valid year-month")
        today = timezone.localdate()
        if (year, month) > (today.year, today.month):
            raise CellError(f"「{value}」尚未到来", f"{value!r} is in the future")
        return year, month

    return parse


def kwh() -> Parser:
    """A non-negative electricity quantity in kWh (``1,200,000`` is read), in range."""
    return lambda value: cells.quantity(value, "kwh", "electricity_kwh")


class _FiguresImporter(Importer):
    """Firm-year totals summed from detail rows, for firms already in the register."""

    source: ClassVar[str] = FigureSource.TAX
    note: ClassVar[str] = ""

    def __init__(self) -> None:
        self.actor: Any = None
        self._firms: dict[str, Enterprise | None] = {}

    def run_rows(
        self,
        header: Sequence[Any],
        body: Sequence[Sequence[Any]],
        *,
        actor: Any,
        first_row: int = FIRST_DATA_ROW,
        annotate: bool = True,
    ) -> ImportOutcome:
        """A workbook's rows (``run``) or the open API's feed: the scope checks ask ``actor``."""
        self.actor = actor
        self._firms.clear()
        return super().run_rows(header, body, actor=actor, first_row=first_row, annotate=annotate)

    def _firm(self, uscc: str) -> Enterprise | None:
        if uscc not in self._firms:
            self._firms[uscc] = (
                Enterprise.objects.select_related("region", "zone").filter(uscc=uscc).first()
            )
        return self._firms[uscc]

    def check_firm(self, data: dict[str, Any], header: str) -> list[str]:
        firm = self._firm(data["uscc"])
        if firm is None:
            return [
                f"「{header}」：{data['uscc']} 不在企业库中，请先登记企业 / "
                f"uscc: {data['uscc']} is not in the enterprise register"
            ]
        if not in_region_scope(self.actor, firm.region.code, firm.zone.code if firm.zone else None):
            return [f"「{header}」：{firm.name}不在您的数据范围内 / uscc: outside your data scope"]
        return []

    def totals(self, rows: list[dict[str, Any]]) -> dict[str, dict[int, dict[str, Decimal]]]:
        raise NotImplementedError

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        records = [
            enterprise_actions.EnterpriseRecord({"uscc": uscc}, figures)
            for uscc, figures in sorted(self.totals(rows).items())
        ]
        enterprise_actions.import_enterprises(
            records, source=self.source, as_of=timezone.localdate(), actor=actor, note=self.note
        )
        return len(rows)


class TaxBureauImporter(_FiguresImporter):
    """税务局「纳税人税款入库明细」: taxpayer × 征收项目 × 税款所属期, 元."""

    title = "税务局税款入库明细"
    source = FigureSource.TAX
    note = "税务局税款入库明细"
    columns: ClassVar[Sequence[ImportColumn]] = (
        ImportColumn("uscc", "纳税人识别号", uscc_cell(), note="统一社会信用代码，18位"),
        ImportColumn("name", "纳税人名称", text(200), required=False),
        ImportColumn("period_start", "税款所属期起", date(), note="YYYY-MM-DD"),
        ImportColumn("period_end", "税款所属期止", date(), note="YYYY-MM-DD；须与起始日同一年"),
        ImportColumn(
            "item",
            "征收项目",
            choice({k: k for k in TAX_ITEMS}, "征收项目"),
            note="、".join(TAX_ITEMS),
        ),
        ImportColumn(
            "amount",
            "实缴金额（元）",
            decimal(),
            note="单位：元；退税项目也填正数（记入「退税」）",
        ),
    )
    notes = (
        "按金税系统「纳税人税款入库明细」导出的格式填写：每行一个纳税人、一个征收项目、一个税款所属期。",
        "同一企业同一年度各行相加：增值税→实缴增值税，企业所得税→实缴企业所得税，"
        "城建税、房产税、土地使用税等→实缴其他税费，留抵退税、出口退税、即征即退→退税。",
        "导入后，文件涉及的企业该年度四项税收数据以文件合计为准（未出现的项目记为0），请导入全年数据。",
        "纳税人须已在企业库中登记且在您的数据范围内；任何一行有错误时不写入任何数据。",
    )

    def unique_key(self, data: dict[str, Any]) -> Any:
        return (data["uscc"], data["period_start"], data["period_end"], data["item"])

    def check_row(self, data: dict[str, Any]) -> list[str]:
        messages = self.check_firm(data, "纳税人识别号")
        start, end = data["period_start"], data["period_end"]
        if start > end:
            messages.append(
                "「税款所属期起」晚于「税款所属期止」 / period_start is after period_end"
            )
        elif start.year != end.year:
            messages.append(
                f"「税款所属期」跨年度（{start.year}–{end.year}），请按年度分行 / "
                "the tax period spans two years"
            )
        if end > timezone.localdate():
            messages.append("「税款所属期止」尚未到来 / period_end is in the future")
        return messages

    def duplicate_message(self, row_no: int, first: int) -> str:
        return (
            f"第{row_no}行：与第{first}行的纳税人、征收项目和税款所属期相同（会重复计税） / "
            f"row {row_no} duplicates row {first}"
        )

    def totals(self, rows: list[dict[str, Any]]) -> dict[str, dict[int, dict[str, Decimal]]]:
        out: dict[str, dict[int, dict[str, Decimal]]] = defaultdict(dict)
        for r in rows:
            year = out[r["uscc"]].setdefault(
                r["period_end"].year, {f: Decimal(0) for f in TAX_FIELDS}
            )
            year[TAX_ITEMS[r["item"]]] += r["amount"]
        return out


class PowerCompanyImporter(_FiguresImporter):
    """供电公司「用电客户电量明细」: 户号 × 电费年月, kWh."""

    title = "供电公司用电量明细"
    source = FigureSource.PLATFORM
    note = "供电公司用电量明细"
    columns: ClassVar[Sequence[ImportColumn]] = (
        ImportColumn("account", "户号", text(20, r"\d{6,20}", "6–20位数字"), note="用电户号"),
        ImportColumn("account_name", "户名", text(200), required=False),
        ImportColumn("uscc", "统一社会信用代码", uscc_cell(), note="用电户所属企业，18位"),
        ImportColumn("month", "电费年月", year_month(), note="YYYY-MM，如 2024-03"),
        ImportColumn("kwh", "结算电量（千瓦时）", kwh(), note="单位：千瓦时（kWh）"),
    )
    notes = (
        "按供电公司「用电客户电量明细」导出的格式填写：每行一个户号、一个电费年月。",
        "同一企业的多个户号、各月电量相加，记为该企业该年度「用电量」；请导入全年12个月的数据。",
        "同一户号只能属于一个企业；同一户号同一年月只能有一行。",
        "企业须已在企业库中登记且在您的数据范围内；任何一行有错误时不写入任何数据。",
    )

    def unique_key(self, data: dict[str, Any]) -> Any:
        return (data["account"], data["month"])

    def duplicate_message(self, row_no: int, first: int) -> str:
        return (
            f"第{row_no}行：户号和电费年月与第{first}行相同（会重复计电量） / "
            f"row {row_no} duplicates row {first}"
        )

    def check_row(self, data: dict[str, Any]) -> list[str]:
        return self.check_firm(data, "统一社会信用代码")

    def check_all(self, rows: list[dict[str, Any]]) -> dict[int, list[str]]:
        """A 户号 belongs to one firm: a meter listed under two USCCs is an error."""
        owner: dict[str, tuple[str, int]] = {}
        errors: dict[int, list[str]] = {}
        for idx, r in enumerate(rows):
            if r.get("account") is None or r.get("uscc") is None:
                continue
            first = owner.setdefault(r["account"], (r["uscc"], idx))
            if first[0] != r["uscc"]:
                errors.setdefault(idx, []).append(
                    f"第{idx + FIRST_DATA_ROW}行「户号」：{r['account']} 在第"
                    f"{first[1] + FIRST_DATA_ROW}行属于 {first[0]}，"
                    f"此行却是 {r['uscc']} / account {r['account']} belongs to two enterprises"
                )
        return errors

    def totals(self, rows: list[dict[str, Any]]) -> dict[str, dict[int, dict[str, Decimal]]]:
        out: dict[str, dict[int, dict[str, Decimal]]] = defaultdict(dict)
        for r in rows:
            year = out[r["uscc"]].setdefault(r["month"][0], {"electricity_kwh": Decimal(0)})
            year["electricity_kwh"] += r["kwh"]
        return out


class RdDeductionImporter(_FiguresImporter):
    """税务局「研发费用加计扣除」: taxpayer × 所属年度, the R&D expense the bureau allowed for
    the super-deduction (元) — the annual figure 研发费用（加计扣除口径）."""

    title = "税务局研发费用加计扣除明细"
    source = FigureSource.TAX
    note = "税务局研发费用加计扣除明细"
    columns: ClassVar[Sequence[ImportColumn]] = (
        ImportColumn("uscc", "纳税人识别号", uscc_cell(), note="统一社会信用代码，18位"),
        ImportColumn("name", "纳税人名称", text(200), required=False),
        ImportColumn("fiscal_year", "所属年度", integer(1990), note="四位年份，如 2024"),
        ImportColumn(
            "rd_expense",
            "允许加计扣除的研发费用（元）",
            decimal(),
            note="单位：元；税务部门核定的加计扣除口径研发费用",
        ),
    )
    notes = (
        "每行一个纳税人、一个所属年度：税务部门核定的允许加计扣除的研发费用。",
        "导入后，该企业该年度「研发费用（加计扣除口径）」以此为准。",
        "纳税人须已在企业库中登记且在您的数据范围内；任何一行有错误时不写入任何数据。",
    )

    def unique_key(self, data: dict[str, Any]) -> Any:
        return (data["uscc"], data["fiscal_year"])

    def duplicate_message(self, row_no: int, first: int) -> str:
        return (
            f"第{row_no}行「纳税人识别号」「所属年度」：与第{first}行相同（同一纳税人同一年度只能有"
            f"一行） / row {row_no}, columns uscc and fiscal_year: duplicates row {first}"
        )

    def check_row(self, data: dict[str, Any]) -> list[str]:
        messages = self.check_firm(data, "纳税人识别号")
        if data["fiscal_year"] >= timezone.localdate().year:
            messages.append(
                f"「所属年度」：{data['fiscal_year']} 年度尚未结束，不能汇算加计扣除 / "
                "fiscal_year: the year has not ended"
            )
        return messages

    def totals(self, rows: list[dict[str, Any]]) -> dict[str, dict[int, dict[str, Decimal]]]:
        out: dict[str, dict[int, dict[str, Decimal]]] = defaultdict(dict)
        for r in rows:
            out[r["uscc"]][r["fiscal_year"]] = {"rd_expense_deduction_basis": r["rd_expense"]}
        return out


IMPORTERS: dict[str, type[_FiguresImporter]] = {
    "tax": TaxBureauImporter,
    "power": PowerCompanyImporter,
}
