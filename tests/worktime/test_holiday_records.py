"""The seed file matches chinesecalendar and round-trips through the CSV reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jiazhou.worktime import packaged_holiday_records, read_holiday_csv
from jiazhou.worktime.export_holidays import chinese_calendar_records, export_holidays


def test_packaged_file_is_the_current_export() -> None:
    # A stale seed file (chinesecalendar upgraded, exporter not rerun) fails here.
    assert packaged_holiday_records() == chinese_calendar_records()


def test_export_then_read_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "holidays.csv"
    n = export_holidays(path)
    records = read_holiday_csv(path)
    assert len(records) == n
    assert records == chinese_calendar_records()


def test_records_carry_schedule_year_and_chinese_name() -> None:
    by_day = {r.day: r for r in packaged_holiday_records()}
    # 2023-12-31 (Sunday) is part of the 2024 元旦 block.
    eve = by_day[date(2023, 12, 31)]
    assert (eve.kind, eve.name_zh, eve.year) == ("holiday", "元旦", 2024)
    assert eve.source.startswith("chinesecalendar ")
    assert by_day[date(2024, 2, 4)].kind == "workday"
    assert by_day[date(2024, 2, 4)].name_zh == "春节"
    assert by_day[date(2025, 10, 6)].name_zh == "中秋节"


def test_bad_kind_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "date,kind,name,name_zh,year,source\n2025-01-01,holiday,x,元旦,2025,t\n"
        "2025-01-26,make-up,x,春节,2025,t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"^节假日文件 .*bad.csv 第 3 行.*kind"):
        read_holiday_csv(path)


def test_bad_date_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,kind\n2025-02-30,holiday\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第 2 行"):
        read_holiday_csv(path)
