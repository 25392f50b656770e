"""Export the ``chinesecalendar`` package's schedule to the versioned seed file.

Run ``python -m jiazhou.worktime.export_holidays [path]`` after upgrading ``chinesecalendar``
and commit the CSV; the calendar never reads the package at run time.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

from jiazhou.worktime.holiday_records import HOLIDAY_CSV_COLUMNS, HolidayRecord

__all__ = ["DEFAULT_PATH", "chinese_calendar_records", "export_holidays"]

DEFAULT_PATH = Path(__file__).with_name("data") / "holidays.csv"

# 法定节假日名称 (names as in the 国务院办公厅 notices).
_NAME_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _schedule_year(day: date, name: str) -> int:
    # A 元旦 block that starts on 31 December belongs to the next year's notice.
    if name == "New Year's Day" and day.month == 12:
        return day.year + 1
    return day.year


def chinese_calendar_records() -> list[HolidayRecord]:
    """Every holiday and make-up workday known to the installed ``chinesecalendar``."""
    import chinese_calendar
    from chinese_calendar import constants

    source = f"chinesecalendar {chinese_calendar.__version__}"
    records = [
        HolidayRecord(
            day, "holiday", name, _NAME_ZH.get(name, name), _schedule_year(day, name), source
        )
        for day, name in constants.holidays.items()
    ]
    records += [
        HolidayRecord(
            day, "workday", name, _NAME_ZH.get(name, name), _schedule_year(day, name), source
        )
        for day, name in constants.workdays.items()
    ]
    return sorted(records, key=lambda r: r.day)


def export_holidays(path: Path = DEFAULT_PATH) -> int:
    """Write the records to ``path``; returns the number of rows written."""
    records = chinese_calendar_records()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HOLIDAY_CSV_COLUMNS)
        for r in records:
            writer.writerow([r.day.isoformat(), r.kind, r.name, r.name_zh, r.year, r.source])
    return len(records)


if __name__ == "__main__":  # pragma: no cover - command-line entry
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    sys.stdout.write(f"{export_holidays(target)} rows → {target}\n")
