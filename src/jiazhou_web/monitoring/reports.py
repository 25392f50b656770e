"""月度进展报告: the monthly progress report's content, written as a 公文 (Word and PDF).

The layout (GB/T 9704-like 红头, 文号, red rule, fonts, 落款) is ``core.official_documents``';
this module only drafts the text: an introduction, the red and yellow targets, and notes.

The report follows the reader's language like every page (the English switch writes it in
English, the same layout); its words are English msgids with the Chinese in the monitoring
catalogue, so the Chinese report reads as before.

A report is dated truthfully: it is signed on the day it is generated, evaluates the targets at
the end of its period or on the generation day if that comes first, and states each of the three
dates under its own label (报告期, 数据截至, 生成日期), so a report drawn on 12-04 for December
is never signed 12-31, and data that stop at 10-31 say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, pgettext

from jiazhou.humanize import number, percent, unit_en
from jiazhou_web.core import names
from jiazhou_web.core.locality import locality
from jiazhou_web.core.official_documents import (
    Block,
    Heading,
    OfficialDocument,
    Table,
    Text,
)
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.monitoring.progress import LIGHT_LABELS, LIGHT_NAMES, TargetStatus, light_counts


@dataclass(frozen=True)
class LaggingItem:
    heading: str
    lines: list[str]
    code: str = ""  # the target library's code (not printed: the heading names the target year)


@dataclass
class ReportData:
    issuer: str
    masthead: str
    number: str
    title: str
    month: str
    signed_on: dt.date
    intro: list[str]
    period: tuple[dt.date, dt.date] | None = None
    data_cutoff: dt.date | None = None
    evaluated_on: dt.date | None = None
    summary: list[list[str]] = field(default_factory=list)
    red: list[LaggingItem] = field(default_factory=list)
    yellow: list[LaggingItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def lagging(self) -> list[LaggingItem]:
        return self.red + self.yellow


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{number(value)}{unit_en(unit) if names.is_english() else unit}"


def light_word(light: str) -> str:
    """红灯; ``Red`` on the English switch."""
    return str(LIGHT_NAMES[light]) if names.is_english() else LIGHT_LABELS[light]


def _item(status: TargetStatus) -> LaggingItem:
    target, ev = status.target, status.evaluation
    indicator = target.indicator
    department = indicator.responsible_department
    unit = target.unit or indicator.unit
    goal = _num(ev.threshold, unit) if ev.threshold is not None else ""
    source = target.source_quote or target.notes or gettext("see the target library")
    current = _num(ev.current_value, unit)
    if ev.current_period:
        current += pgettext("report", " (%(period)s)") % {
            "period": names.period_label(ev.current_period)
        }
    unit_name = str(department) if department else pgettext("report", "not assigned")
    if department and indicator.department_is_demo:
        unit_name += pgettext("report", " (demo configuration)")
    lines = [
        gettext("Target: %(comparator)s %(goal)s (%(year)s, %(source)s)")
        % {
            "comparator": target.comparator_text or target.comparator,
            "goal": goal,
            "year": target.target_year,
            "source": source,
        },
        gettext(
            "Current: %(current)s; attainment %(attainment)s; elapsed-time share %(schedule)s; gap %(gap)s"
        )
        % {
            "current": current,
            "attainment": _num(ev.attainment_pct, "%"),
            "schedule": _num(ev.schedule_pct, "%"),
            "gap": _num(ev.gap, unit),
        },
        gettext("Assessment: %(text)s")
        % {"text": ev.explanation_en if names.is_english() else ev.explanation_zh},
        gettext("Responsible unit: %(unit)s") % {"unit": unit_name},
    ]
    if status.synthetic:
        lines.append(gettext("Note: this item contains synthetic data, for demonstration only."))
    heading = gettext("%(indicator)s (%(region)s, %(year)s target)") % {
        "indicator": indicator.name,
        "region": target.region,
        "year": target.target_year,
    }
    return LaggingItem(heading, lines, target.code)


# Shares of the 版心 (156 mm, 36.8 characters at 小四 with 1 character of padding per cell):
# 「100.0%」 and 「12.75%」 need 4 characters, 「2025年 1,000家」 7, 「五通桥区」 5, 「Yellow」 4; the
# indicator's name takes what is left and wraps.
SUMMARY_WIDTHS = [0.24, 0.14, 0.19, 0.11, 0.11, 0.11, 0.10]
LIGHT_ORDER = {"red": 0, "yellow": 1, "green": 2, "grey": 3}


def summary_header() -> list[str]:
    """The summary table's header in the reader's language."""
    return [
        pgettext("report", "Indicator"),
        pgettext("report", "Region"),
        pgettext("report", "Target"),
        pgettext("report", "Actual"),
        pgettext("report", "Attainment"),
        pgettext("report", "Elapsed-time share"),
        pgettext("report", "Light"),
    ]


def summary_row(status: TargetStatus) -> list[str]:
    """One line of the report's summary table: indicator, region, target, actual, 序时进度, light."""
    target, ev = status.target, status.evaluation
    unit = target.unit or target.indicator.unit
    goal = _num(ev.threshold, unit) if ev.threshold is not None else "—"
    return [
        target.indicator.name,
        str(target.region),
        pgettext("report", "%(year)s %(goal)s") % {"year": target.target_year, "goal": goal},
        _num(ev.current_value, unit),
        percent(ev.attainment_pct, 1),
        percent(ev.schedule_pct, 1),
        light_word(status.light),
    ]


def report_context(
    statuses: list[TargetStatus],
    *,
    at: dt.date,
    as_of: dt.date | None,
    user: Any,
    period: tuple[dt.date, dt.date] | None = None,
    generated_on: dt.date | None = None,
) -> ReportData:
    """The report's content for the targets in ``user``'s scope, evaluated on ``at``.

    ``period`` is the month covered, ``as_of`` the data cut-off (数据截至) and ``generated_on`` the
    day the report is drawn up and signed (default ``at``).
    """
    counts = light_counts(statuses)
    scope = user_scope(user)
    department = getattr(user, "department", None)
    place = locality()
    issuer = place.authority if scope.city or department is None else str(department)
    signed = generated_on or at
    first, last = period or (at.replace(day=1), at)
    total = len(statuses)
    no_data = pgettext("report", "no data yet")
    intro = [
        gettext(
            "Reporting period: %(first)s to %(last)s; data as of: %(cutoff)s; generated on: %(signed)s."
        )
        % {
            "first": names.date_label(first),
            "last": names.date_label(last),
            "cutoff": names.date_label(as_of) if as_of else no_data,
            "signed": names.date_label(signed),
        },
        gettext(
            "From the target library and the approved reported data, this reports how the science "
            "and technology innovation targets stood in %(month)s (targets evaluated on %(at)s)."
        )
        % {"month": _month(first), "at": names.date_label(at)},
        gettext("%(total)s targets are monitored: %(counts)s.")
        % {
            "total": total,
            "counts": pgettext("report", ", ").join(
                pgettext("report", "%(light)s %(n)s")
                % {"light": light_word(light), "n": counts[light]}
                for light in counts
            ),
        }
        + pgettext(
            "report",
            " Red: overdue and not met, or projected by the trend to miss; yellow: behind the "
            "elapsed-time share.",
        ),
        gettext(
            "Values from public reports are entered as published, with the basis of their period "
            "(stated, inferred, uncertain) and qualifiers such as “more than”."
        ),
    ]
    notes = [
        gettext(
            "Lights, attainment, elapsed-time shares, gaps and trend projections are computed by "
            "the Jiazhou platform's target engine."
        ),
    ]
    if as_of is not None and as_of < first:
        notes.append(
            gettext(
                "No new data in this reporting period: the data used stop on %(cutoff)s, before "
                "the period starts."
            )
            % {"cutoff": names.date_label(as_of)}
        )
    if any(s.synthetic for s in statuses):
        notes.append(
            gettext(
                "This report contains synthetic data (generated demo values such as the counties' "
                "yearly data); it must not be used as statistics."
            )
        )
    return ReportData(
        issuer=issuer,
        masthead=gettext("Science and technology innovation target monitoring monthly"),
        number=place.number("monitoring_report", first.year, first.month),
        title=gettext("Report on the science and technology innovation targets in %(month)s")
        % {"month": _month(first)},
        month=first.strftime("%Y-%m"),
        signed_on=signed,
        intro=intro,
        summary=[
            summary_row(s)
            for s in sorted(statuses, key=lambda s: LIGHT_ORDER.get(s.light, 9))
            if s.light != "grey"
        ],
        red=[_item(s) for s in statuses if s.light == "red"],
        yellow=[_item(s) for s in statuses if s.light == "yellow"],
        notes=notes,
        period=(first, last),
        data_cutoff=as_of,
        evaluated_on=at,
    )


def _month(day: dt.date) -> str:
    """2026年12月; ``2026-12`` on the English switch."""
    return f"{day:%Y-%m}" if names.is_english() else f"{day.year}年{day.month}月"


def red_heading() -> str:
    return gettext("1. Red targets (to be supervised closely)")


def yellow_heading() -> str:
    return gettext("2. Yellow targets (behind the elapsed-time share)")


def notes_heading() -> str:
    return pgettext("report", "3. Notes")


def item_heading(n: int, item: LaggingItem) -> str:
    """（1）… in Chinese, (1) … in English."""
    return pgettext("report item", "(%(n)s) %(heading)s") % {"n": n, "heading": item.heading}


def official_document(data: ReportData) -> OfficialDocument:
    """The report as a 公文: 一、红灯 / 二、黄灯 with one 二级标题 per target, 三、说明."""
    body: list[Block] = [Text(line) for line in data.intro]
    if data.summary:
        body.append(Table(summary_header(), data.summary, SUMMARY_WIDTHS))
    for heading, items in (
        (red_heading(), data.red),
        (yellow_heading(), data.yellow),
    ):
        body.append(Heading(heading))
        if not items:
            body.append(Text(pgettext("report", "None.")))
        for n, item in enumerate(items, start=1):
            body.append(Heading(item_heading(n, item), level=2))
            body += [Text(line) for line in item.lines]
    body.append(Heading(notes_heading()))
    body += [Text(line) for line in data.notes]
    return OfficialDocument(
        masthead=data.masthead,
        number=data.number,
        title=data.title,
        signature=data.issuer,
        signed_on=data.signed_on,
        body=body,
        english=names.is_english(),
    )


def progress_docx(data: ReportData) -> bytes:
    return official_document(data).to_docx()


def progress_pdf(data: ReportData) -> bytes:
    return official_document(data).to_pdf()
