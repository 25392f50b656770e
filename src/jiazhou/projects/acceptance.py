"""Acceptance (验收) rules: desk or on-site, financial audit, deadlines, 整改, termination.

Amounts are the project's government funding in 元. 「30日」 in the source texts are calendar
days (the texts say 工作日 where they mean working days); months are calendar months, the day
clamped to the month's end (31 Aug + 6 months = 28/29 Feb).
"""

from __future__ import annotations

import calendar
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).with_name("rules.toml")


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative: back), clamped to the month end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class AcceptanceRules:
    onsite_from_yuan: Decimal
    financial_audit_from_yuan: Decimal
    materials_within_days: int
    decision_within_days: int
    notice_days_before: int
    rectification_months: int
    extension_request_months_before: int
    max_extension_months: int
    terminate_after_overdue_months: int

    @classmethod
    def from_table(cls, t: dict[str, Any]) -> AcceptanceRules:
        return cls(
            onsite_from_yuan=Decimal(str(t["onsite_from_yuan"])),
            financial_audit_from_yuan=Decimal(str(t["financial_audit_from_yuan"])),
            materials_within_days=int(t["materials_within_days"]),
            decision_within_days=int(t["decision_within_days"]),
            notice_days_before=int(t["notice_days_before"]),
            rectification_months=int(t["rectification_months"]),
            extension_request_months_before=int(t["extension_request_months_before"]),
            max_extension_months=int(t["max_extension_months"]),
            terminate_after_overdue_months=int(t["terminate_after_overdue_months"]),
        )

    def mode(self, funding_yuan: Decimal) -> str:
        """``"onsite"`` from the threshold up (≥), else ``"desk"``."""
        return "onsite" if funding_yuan >= self.onsite_from_yuan else "desk"

    def needs_financial_audit(self, funding_yuan: Decimal) -> bool:
        return funding_yuan >= self.financial_audit_from_yuan

    def materials_due(self, contract_end: date) -> date:
        """The last day to hand in acceptance materials."""
        return contract_end + timedelta(days=self.materials_within_days)

    def decision_due(self, materials_received: date) -> date:
        return materials_received + timedelta(days=self.decision_within_days)

    def notice_by(self, acceptance_day: date) -> date:
        """The last day to notify the project unit of the acceptance meeting."""
        return acceptance_day - timedelta(days=self.notice_days_before)

    def rectification_due(self, decided: date) -> date:
        return add_months(decided, self.rectification_months)

    def extension_request_by(self, contract_end: date) -> date:
        """An extension must be asked for on or before this day."""
        return add_months(contract_end, -self.extension_request_months_before)

    def check_extension(self, contract_end: date, asked_on: date, new_end: date) -> list[str]:
        """Why an extension request is refused (empty: it may go to the bureau)."""
        problems = []
        if asked_on > self.extension_request_by(contract_end):
            problems.append(
                f"延期申请须在任务书到期前{self.extension_request_months_before}个月提出"
                f"（最迟 {self.extension_request_by(contract_end):%Y-%m-%d}） / too late to ask"
            )
        if new_end <= contract_end:
            problems.append("延期后的截止日须晚于原截止日 / the new end must be later")
        elif new_end > add_months(contract_end, self.max_extension_months):
            problems.append(
                f"延期不得超过{self.max_extension_months}个月 / at most "
                f"{self.max_extension_months} months"
            )
        return problems

    def terminate_from(self, contract_end: date) -> date:
        """From this day an unaccepted project counts as more than the allowed time overdue."""
        return add_months(contract_end, self.terminate_after_overdue_months) + timedelta(days=1)


def load_rules(path: Path = RULES_FILE) -> dict[str, Any]:
    """The rules file as tables: ``review``, ``conflicts``, ``acceptance``."""
    with path.open("rb") as fh:
        return tomllib.load(fh)
