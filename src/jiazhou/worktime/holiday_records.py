"""Holiday records: the State Council's annual schedule (放假安排) as plain data.

A record says that one date is a ``holiday`` (放假, including weekend days inside a holiday
block and 调休 weekdays off) or a ``workday`` (调休上班, a make-up working weekend). The working
calendar is built from records, so the web layer can load the same shape from its editable
holiday table; the packaged CSV (``data/holidays.csv``) is the seed, written by
:mod:`jiazhou.worktime.export_holidays`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

__all__ = [
    "HOLIDAY_CSV_COLUMNS",
    "DayKind",
    "HolidayRecord",
    "packaged_holiday_records",
    "parse_holiday_csv_text",
    "read_holiday_csv",
]

DayKind = Literal["holiday", "workday"]

HOLIDAY_CSV_COLUMNS = ("date", "kind", "name", "name_zh", "year", "source")


@dataclass(frozen=True, slots=True)
class HolidayRecord:
    """One dated exception to the Monday–Friday rule.

    ``year`` is the schedule year the record belongs to (the year of the 国务院办公厅通知),
    which may differ from ``day.year``: 2025's 元旦 schedule can start on 2024-12-31.
    """

    day: date
    kind: DayKind
    name: str = ""
    name_zh: str = ""
    year: int = 0
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("holiday", "workday"):
            raise ValueError(
                f"节假日记录 {self.day}: kind 须为 holiday 或 workday，而非 {self.kind!r} / "
                f"holiday record {self.day}: kind must be 'holiday' or 'workday', "
                f"not {self.kind!r}"
            )
        if self.year == 0:
            object.__setattr__(self, "year", self.day.year)


def _parse_rows(rows: Iterable[dict[str, str]], origin: str) -> Iterator[HolidayRecord]:
    for line, row in enumerate(rows, start=2):
        try:
            day = date.fromisoformat(row["date"])
            kind = row["kind"]
            year = int(row["year"]) if row.get("year") else day.year
        except (KeyError, ValueError) as exc:
            raise ValueError(
                f"节假日文件 {origin} 第 {line} 行无法解析：{exc} / "
                f"holiday file {origin} line {line} cannot be parsed: {exc}"
            ) from exc
        if kind not in ("holiday", "workday"):
            raise ValueError(
                f"节假日文件 {origin} 第 {line} 行：kind 须为 holiday 或 workday，而非 {kind!r} / "
                f"holiday file {origin} line {line}: kind must be 'holiday' or 'workday', "
                f"not {kind!r}"
            )
        yield HolidayRecord(
            day=day,
            kind="holiday" if kind == "holiday" else "workday",
            name=row.get("name", ""),
            name_zh=row.get("name_zh", ""),
            year=year,
            source=row.get("source", ""),
        )


def read_holiday_csv(path: Path | str) -> list[HolidayRecord]:
    """Read a holiday CSV with the columns of :data:`HOLIDAY_CSV_COLUMNS`."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(_parse_rows(csv.DictReader(fh), str(path)))


def parse_holiday_csv_text(text: str, origin: str = "CSV") -> list[HolidayRecord]:
    """Holiday records from CSV text with the columns of :data:`HOLIDAY_CSV_COLUMNS`."""
    return list(_parse_rows(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))), origin))


def packaged_holiday_records() -> list[HolidayRecord]:
    """The seed schedule shipped with the package (``jiazhou/worktime/data/holidays.csv``)."""
    ref = resources.files("jiazhou.worktime").joinpath("data/holidays.csv")
    text = ref.read_text(encoding="utf-8")
    origin = "jiazhou/worktime/data/holidays.csv"
    return list(_parse_rows(csv.DictReader(io.StringIO(text)), origin))
