"""Dates of the firm's reminders: 高企 re-certification and the annual 科小 入库 window.

The rules live in ``data/reminders.toml`` (month-day windows that repeat every year), so a new
year needs no code change.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "reminders.toml"


@cache
def rules() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def _month_day(text: str, year: int) -> dt.date:
    month, day = (int(part) for part in text.split("-"))
    return dt.date(year, month, day)


@dataclass(frozen=True)
class Window:
    opens: dt.date
    closes: dt.date
    remind_from: dt.date

    def reminding(self, today: dt.date) -> bool:
        return self.remind_from <= today <= self.closes

    def open_on(self, today: dt.date) -> bool:
        return self.opens <= today <= self.closes


def tech_sme_window(today: dt.date) -> Window:
    """This year's 科小 入库 window, or next year's once this year's has closed."""
    rule = rules()["tech_sme_window"]
    for year in (today.year, today.year + 1):
        opens, closes = _month_day(rule["opens"], year), _month_day(rule["closes"], year)
        if today <= closes:
            return Window(opens, closes, opens - dt.timedelta(days=int(rule["lead_days"])))
    raise AssertionError("unreachable")  # pragma: no cover


def hnte_reminder_from(valid_to: dt.date) -> dt.date:
    """The day the re-certification reminder starts for a 高企 certificate ending ``valid_to``."""
    return valid_to - dt.timedelta(days=int(rules()["hnte_recertification"]["lead_days"]))
