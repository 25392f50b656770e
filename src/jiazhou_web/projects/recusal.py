"""Why an expert was kept out of a draw, in the reader's language (issue 14).

The reasons are stored as the engine wrote them (``jiazhou.projects.conflicts``, Chinese only,
and the engine does not import Django) plus the 申明回避 an expert posts. Each has a fixed shape
per rule; the shape is recognised here and said again through gettext, the names and years it
carries kept as written. A reason of no known shape is shown as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.utils.translation import gettext

_Say = Callable[[re.Match[str]], str]

_SHAPES: tuple[tuple[re.Pattern[str], _Say], ...] = (
    (
        re.compile(r"同一单位：现任职于申报单位"),
        lambda m: gettext("Same unit: works at the applicant"),
    ),
    (
        re.compile(r"同一单位：(?P<year>\d{4})年前曾任职于申报单位"),
        lambda m: gettext("Same unit: worked at the applicant until %(year)s") % m.groupdict(),
    ),
    (
        re.compile(r"近(?P<years>\d+)年合作：与项目组成员(?P<party>.+)合作"),
        lambda m: (
            gettext("Collaboration in the last %(years)s years: with team member %(party)s")
            % m.groupdict()
        ),
    ),
    (
        re.compile(r"亲属关系：项目组成员(?P<party>.+)"),
        lambda m: gettext("Relative: team member %(party)s") % m.groupdict(),
    ),
    (
        re.compile(r"股权关系：持有申报单位股份"),
        lambda m: gettext("Equity: holds shares in the applicant"),
    ),
    (
        re.compile(r"股权关系：为申报单位股东"),
        lambda m: gettext("Equity: a shareholder of the applicant"),
    ),
    (re.compile(r"本人申明回避"), lambda m: gettext("Declared by the expert")),
    (
        re.compile(r"本人申明回避：(?P<reason>.*)", re.S),
        lambda m: gettext("Declared by the expert: %(reason)s") % m.groupdict(),
    ),
)


def say(reason: str) -> str:
    """One stored reason in the reader's language (as stored when its shape is unknown)."""
    for pattern, said in _SHAPES:
        match = pattern.fullmatch(reason)
        if match:
            return said(match)
    return reason


def say_all(reasons: Iterable[str]) -> list[str]:
    return [say(r) for r in reasons]
