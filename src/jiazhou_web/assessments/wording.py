"""The assessment engine's notes and the stored value sources in the reader's language
(issue 14).

``jiazhou.assessments`` writes its scoring notes in Chinese, and a round stores where each value
came from in Chinese; the pages read the numbers back and say the same sentence through the
catalogue (English msgids, the Chinese as written in the zh_Hans catalogue), so the Chinese pages
read exactly as before. A sentence not known here is shown as written."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext

Rules = tuple[tuple[re.Pattern[str], Callable[[], str]], ...]

_NOTES: Rules = (
    (
        re.compile(r"达到平均值得基本分，每增减5%加减0\.5分$"),
        lambda: gettext("Reaching the average earns the base score; ±0.5 points per ±5%%"),
    ),
    (
        re.compile(r"完成目标值得满分，按比例计分，加分≤(?P<cap>[\d.]+)分$"),
        lambda: gettext(
            "Meeting the target earns full marks, scored in proportion; bonus ≤ %(cap)s points"
        ),
    ),
    (re.compile(r"无监测数据，计 0 分$"), lambda: gettext("No monitoring data: 0 points")),
    (
        re.compile(r"未录入全国平均值，计 0 分$"),
        lambda: gettext("No national average entered: 0 points"),
    ),
    (
        re.compile(r"对照全国平均值（估算）$"),
        lambda: gettext("Against the national average (estimate)"),
    ),
    (
        re.compile(r"尚无监测数据：先建立统计，按全国平均值的 10% 估算$"),
        lambda: gettext(
            "No monitoring data yet: set up the statistics first; estimated at 10%% of the "
            "national average"
        ),
    ),
    (
        re.compile(r"指标值降低全国平均值的 10%$"),
        lambda: gettext("Lower the value by 10%% of the national average"),
    ),
    (
        re.compile(r"指标值提高全国平均值的 10%$"),
        lambda: gettext("Raise the value by 10%% of the national average"),
    ),
)

_SOURCES: Rules = (
    (re.compile(r"无已审核的监测数据$"), lambda: gettext("No approved monitoring data")),
    (
        re.compile(r"监测填报批次 (?P<batch>\d+)$"),
        lambda: gettext("Monitoring submission batch %(batch)s"),
    ),
    (re.compile(r"公开数据 #(?P<pk>\d+)$"), lambda: gettext("Public data #%(pk)s")),
    (re.compile(r"监测填报$"), lambda: gettext("Monitoring submission")),
)


def _say(text: str, rules: Rules) -> str:
    for pattern, message in rules:
        match = pattern.match(text)
        if match:
            return message() % match.groupdict()
    return text


def note_label(note: str) -> str:
    """A scoring note of ``jiazhou.assessments`` in the reader's language."""
    return _say(str(note or ""), _NOTES)


def source_label(source: str) -> str:
    """Where an assessment value came from (as a round stores it) in the reader's language."""
    return _say(str(source or ""), _SOURCES)
