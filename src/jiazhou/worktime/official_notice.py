"""Reading the State Council's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

:func:`parse_notice` turns the pasted text into holiday records: every numbered item
("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。") gives the days off
(放假, a range or one day, possibly across the turn of the year: "2018年12月30日至2019年1月1日";
without the years, "12月30日至1月1日" in the 2019 notice is the same 元旦)
and the make-up working days (上班). :func:`schedule_changes` lists how one schedule differs from
another (the official notice against the provisional proposal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from jiazhou.worktime.holiday_records import DayKind, HolidayRecord
from jiazhou.worktime.provisional import statutory_days

__all__ = ["NoticeError", "ScheduleChange", "parse_notice", "schedule_changes"]

_ENGLISH = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-autumn Festival",
    "国庆节": "National Day",
}
_TITLE = re.compile(r"关于\s*(\d{4})\s*年部分节假日安排")
_NUMBER = re.compile(r"国办发明电\s*〔\s*\d{4}\s*〕\s*\d+\s*号")
_ITEM = re.compile(r"^[一二三四五六七八九十]+、\s*([^：:]+)[：:]\s*(.+)$")
_DAY = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:[（(][^）)]*[）)])?"
_OFF = re.compile(_DAY + r"(?:\s*至\s*" + _DAY + r")?\s*放假")
_WORK_SENTENCE = re.compile(r"([^。；;]*?)上班")
_IN_LIEU_SENTENCE = re.compile(r"([^。；;]*?)补休")  # 2017: "1月1日放假，1月2日（星期一）补休"
# A combined item's days are National Day's but for the mid-autumn day itself (when it is not
# one of National Day's own three days: 中秋 2020 fell on 1 October).
_NATIONAL_DAY = "国庆节"
_WORK_DAY = re.compile(_DAY)


class NoticeError(ValueError):
    """The text cannot be read as a holiday notice; the message names the line (中文 / English)."""


@dataclass(frozen=True)
class ScheduleChange:
    """One day whose status differs between two schedules (``None``: an ordinary day)."""

    day: date
    before: DayKind | None
    after: DayKind | None
    name_zh: str


def _date(year: int, parts: tuple[str | None, str | None, str], month: int | None) -> date:
    y, m, d = parts
    return date(int(y) if y else year, int(m) if m else (month or 0), int(d))


def _names(label: str) -> list[str]:
    names = [n.strip() for n in re.split(r"[、，,和及]", label) if n.strip()]
    unknown = [n for n in names if n not in _ENGLISH]
    if unknown or not names:
        raise NoticeError(
            f"无法识别的节日名称「{label}」 / unknown holiday name {label!r} "
            f"(expected one of {'、'.join(_ENGLISH)})"
        )
    return names


def parse_notice(text: str, year: int | None = None) -> list[HolidayRecord]:
    """Holiday records of the notice's year, read from its text.

    ``year`` is taken from the title ("关于2026年部分节假日安排的通知") when not given; every record
    carries the notice's number (国办发明电〔…〕…号) as its source when the text has it.
    """
    title = _TITLE.search(text)
    if year is None:
        if title is None:
            raise NoticeError(
                "未找到通知标题中的年份（关于YYYY年部分节假日安排的通知），请填写年份 / "
                "the notice's year was not found in its title; give the year"
            )
        year = int(title.group(1))
    elif title is not None and int(title.group(1)) != year:
        raise NoticeError(
            f"通知标题年份 {title.group(1)} 与所选年份 {year} 不一致 / "
            f"the notice is for {title.group(1)}, not {year}"
        )
    number = _NUMBER.search(text)
    source = (
        re.sub(r"\s+", "", number.group(0)) if number else f"国务院办公厅{year}年节假日安排通知"
    )
    law = statutory_days(year)  # 中秋 is 农历八月十五 and 国庆 1–3 October in every year read
    off: dict[date, str] = {}
    work: dict[date, str] = {}
    seen = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().replace("\u3000", "")
        match = _ITEM.match(line)
        if match is None:
            continue
        seen += 1
        names = _names(match.group(1))
        body = match.group(2)
        off_match = _OFF.search(body)
        if off_match is None:
            raise NoticeError(
                f"第 {lineno} 行「{names[0]}」未找到放假日期 / line {lineno} ({names[0]}): "
                "no days off found"
            )
        try:
            g = off_match.groups()
            first = _date(year, (g[0], g[1], g[2]), None)
            last = _date(year, (g[3], g[4], g[5]), first.month) if g[5] else first
            # an end with its month written before the start: across the turn of the year
            # ("1月3日至1日", the month left out, is a range backwards and has no days)
            if g[4] and not g[3] and last < first:
                if g[0]:  # "2019年12月31日至1月1日": the end is the next such day
                    last = last.replace(year=last.year + 1)
                else:  # "12月30日至1月1日": the notice's own 元旦, from December before it
                    first = first.replace(year=first.year - 1)
            days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
            after_off = body[off_match.end() :]
            for sentence in _IN_LIEU_SENTENCE.findall(after_off):  # days off in lieu (补休)
                for m in _WORK_DAY.finditer(sentence):
                    days.append(_date(first.year, (m.group(1), m.group(2), m.group(3)), last.month))
            made_up: list[date] = []
            for sentence in _WORK_SENTENCE.findall(after_off):
                for m in _WORK_DAY.finditer(sentence):
                    month = made_up[-1].month if made_up else last.month
                    # without its year, a make-up day is in the year the days off start in
                    made_up.append(_date(first.year, (m.group(1), m.group(2), m.group(3)), month))
        except ValueError as exc:
            raise NoticeError(
                f"第 {lineno} 行日期无效：{exc} / line {lineno}: invalid date: {exc}"
            ) from exc
        if not 1 <= len(days) <= 15:
            raise NoticeError(
                f"第 {lineno} 行放假天数 {len(days)} 不合理 / line {lineno}: {len(days)} days off"
            )
        main = _NATIONAL_DAY if _NATIONAL_DAY in names else names[0]
        for d in days:
            own = "中秋节" in names and d == law["中秋节"][0] and d not in law[_NATIONAL_DAY]
            off[d] = "中秋节" if own else main
        for d in made_up:
            work[d] = main
    if not seen:
        raise NoticeError(
            "未找到编号的放假安排（如“一、元旦：……”） / no numbered holiday items found"
        )
    clash = sorted(set(off) & set(work))
    if clash:
        raise NoticeError(
            f"{clash[0]} 同时被记为放假和上班 / {clash[0]} is both a day off and a working day"
        )
    rows = [HolidayRecord(d, "holiday", _ENGLISH[n], n, year, source) for d, n in off.items()]
    rows += [HolidayRecord(d, "workday", _ENGLISH[n], n, year, source) for d, n in work.items()]
    return sorted(rows, key=lambda r: r.day)


def schedule_changes(
    before: list[HolidayRecord], after: list[HolidayRecord]
) -> list[ScheduleChange]:
    """Days whose status differs from ``before`` to ``after``, in date order."""
    old = {r.day: r for r in before}
    new = {r.day: r for r in after}
    changes = []
    for day in sorted(set(old) | set(new)):
        a, b = old.get(day), new.get(day)
        if (a.kind if a else None) != (b.kind if b else None):
            either = b if b is not None else a
            name = either.name_zh if either is not None else ""
            changes.append(ScheduleChange(day, a.kind if a else None, b.kind if b else None, name))
    return changes
