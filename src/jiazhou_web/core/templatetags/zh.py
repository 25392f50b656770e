"""Template filters that write values for people (see ``jiazhou.humanize``).

``{{ amount|wan }}`` 1,086.20万元 · ``{{ amount|yuan }}`` · ``{{ pct|pct }}`` 33.6% ·
``{{ ratio|ratio_pct }}`` · ``{{ n|count }}`` · ``{{ x|num:2 }}`` · ``{{ "asof:2026-09"|period }}``
2026年9月末 · ``{{ day|month_zh }}`` 2026年10月 · ``{{ day|date_zh }}`` · ``{{ moment|local_dt }}``
(Asia/Shanghai) · ``{{ "hnte-2016"|scheme }}`` · ``{{ "LS-HTZ"|region }}`` · ``{{ code|indicator }}``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import pgettext_lazy

from jiazhou import humanize
from jiazhou_web.core import citations, names

register = template.Library()


@register.filter
def wan(value: Any, digits: int = 2) -> str:
    """1,086.20万元; ``1,086.20 (10k yuan)`` on the English switch (the dashboard's column unit)."""
    if names.is_english():
        text = humanize.wan_yuan(value, int(digits), unit=False)
        return text if text == humanize.BLANK else f"{text} (10k yuan)"
    return humanize.wan_yuan(value, int(digits))


@register.filter
def pct(value: Any, digits: int = 1) -> str:
    return humanize.percent(value, int(digits))


@register.filter
def ratio_pct(value: Any, digits: int = 1) -> str:
    return humanize.percent_of_ratio(value, int(digits))


@register.filter
def num(value: Any, digits: Any = None) -> str:
    return humanize.number(value, None if digits in (None, "") else int(digits))


@register.filter
def scheme(value: Any) -> str:
    return names.scheme_label(str(value))


@register.filter
def region(value: Any) -> str:
    return names.region_name(value)


@register.filter
def indicator(value: Any) -> str:
    return names.indicator_name(value)


@register.filter
def source_doc(value: Any) -> str:
    """A seed file name as its document title."""
    return names.source_title(value)


@register.filter
def cite(value: Any) -> str:
    """A scheme's citation as 「《…》第十一条（二）」 (project-note references left out)."""
    return citations.readable_cite(str(value or ""))


@register.filter
def cite_tag(value: Any) -> str:
    return citations.tag_label(str(value or ""))


# Filters that are the humanize function itself (one argument, nothing to adapt).
register.filter("yuan", humanize.yuan)
register.filter("count", humanize.count)


@register.filter
def period(notation: Any) -> str:
    """2023年 / 2026年9月末 / 截至2023年11月13日 / 2021—2025年累计; on the English switch the
    ISO points the dates use: 2023 / end of 2026-09 / as of 2023-11-13 / 2021–2025 cumulative."""
    return names.period_label(notation)


@register.filter
def measure(value: Any, unit: Any) -> str:
    """A number with its catalogue unit: 14家; ``14 firms`` on the English switch."""
    text = humanize.number(value)
    if text == humanize.BLANK:
        return text
    unit = str(unit or "")
    return f"{text}{humanize.unit_en(unit)}" if names.is_english() else f"{text}{unit}"


@register.filter
def unit_name(unit: Any) -> str:
    """A catalogue unit standing alone (a column or axis): 家; ``firms`` on the English switch."""
    return names.unit_label(str(unit or ""))


@register.filter
def month_zh(day: Any) -> str:
    """2026年10月; ``2026-10`` on the English switch."""
    if day is not None and names.is_english():
        return f"{day:%Y-%m}"
    return humanize.month_zh(day)


@register.filter
def date_zh(day: Any) -> str:
    """2026年10月4日 (a moment's day in Asia/Shanghai); ``2026-10-04`` on the English switch."""
    return names.date_label(day)


register.filter("local_dt", humanize.local_datetime)


CRITERION_KINDS = {
    "gate": pgettext_lazy("criterion", "Mandatory condition"),
    "item": pgettext_lazy("criterion", "Scored item"),
    "route": pgettext_lazy("criterion", "Route"),
    "group": pgettext_lazy("criterion", "Condition group"),
}


@register.filter
def criterion_kind(value: Any) -> str:
    return str(CRITERION_KINDS.get(str(value), str(value)))


@register.filter
def plain_doc(value: Any) -> str:
    """A scheme's issuing documents without the project's research-note references."""
    return citations.without_project_notes(str(value or ""))


@register.filter
def in_language(value: Any) -> str:
    """A stored bilingual message (``中文 / English``, as findings are written) in the reader's
    language: the Chinese half, or the English half on the English switch."""
    text = str(value or "")
    zh, sep, en = text.partition(" / ")
    if not sep:
        return text
    return en if (translation.get_language() or "").startswith("en") else zh


@register.filter
def said(obj: Any, field: str) -> str:
    """An engine's text written in both languages (``explanation_zh`` / ``explanation_en``), in
    the reader's language: ``{{ evaluation|said:"explanation" }}``."""
    return str(getattr(obj, f"{field}_en" if names.is_english() else f"{field}_zh", "") or "")
