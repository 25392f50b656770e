"""Figures as the firm reads them: 万元 for money, 是/否, whole numbers, percentages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from jiazhou import humanize
from jiazhou.fields import FieldSpec
from jiazhou_web.enterprises.choices import FigureSource
from jiazhou_web.enterprises.figures import UNIT_LABELS, shown

SOURCE_LABELS: dict[str, StrOrPromise] = {
    FigureSource.DECLARATION: _("Enterprise declaration"),
    FigureSource.AUDIT: _("Audit report"),
    FigureSource.TAX: _("Tax"),
    FigureSource.STATISTICS: pgettext_lazy("figure source", "Statistics"),
    FigureSource.PLATFORM: _("Official platform"),
    FigureSource.SYNTHETIC: _("Demo data"),
    "import": pgettext_lazy("figure source", "Import"),
    "objection": _("Corrected on objection"),
}

# The catalogue's units as the firm reads them (enterprises.figures.UNIT_LABELS is Chinese only).
UNIT_NAMES: dict[str, StrOrPromise] = {
    "ratio": pgettext_lazy("unit", "ratio"),
    "persons": pgettext_lazy("unit", "persons"),
    "count": pgettext_lazy("unit", "items"),
    "points": pgettext_lazy("unit", "points"),
    "level": pgettext_lazy("unit", "level"),
    "mu": pgettext_lazy("unit", "mu"),
    "m2": pgettext_lazy("unit", "m²"),
    "tce": pgettext_lazy("unit", "tce"),
    "kwh": pgettext_lazy("unit", "kWh"),
    "tonnes": pgettext_lazy("unit", "tonnes"),
    "bool": pgettext_lazy("unit", "yes/no"),
    "code": pgettext_lazy("unit", "code"),
    "date": pgettext_lazy("unit", "date"),
    "text": pgettext_lazy("unit", "text"),
}


def source_label(code: str) -> str:
    return str(SOURCE_LABELS.get(code, code or "—"))


def unit_label(spec: FieldSpec) -> str:
    """The unit the firm enters and reads: 万元 for money, the catalogue's unit otherwise."""
    if spec.unit == "yuan":
        return gettext("10k yuan")
    return str(UNIT_NAMES.get(spec.unit, UNIT_LABELS.get(spec.unit, spec.unit)))


def figure_text(spec: FieldSpec, value: Decimal | None, text_value: str = "") -> str:
    """A stored figure as a person reads it (money in 万元 with separators)."""
    natural: Any = shown(spec, value, text_value)
    if natural is None or natural == "":
        return humanize.BLANK
    if spec.unit == "yuan":
        return gettext("%(amount)s (10k yuan)") % {"amount": humanize.wan_yuan(natural, unit=False)}
    if spec.unit == "bool":
        return pgettext("answer", "Yes") if natural else pgettext("answer", "No")
    if spec.unit == "ratio":
        return humanize.percent_of_ratio(natural)
    if spec.unit in ("persons", "count", "level"):
        return f"{humanize.count(natural)} {UNIT_NAMES[spec.unit]}"
    if spec.unit == "code":
        return str(natural)
    return f"{humanize.number(natural)} {UNIT_NAMES.get(spec.unit, UNIT_LABELS.get(spec.unit, ''))}".strip()


def entry_text(spec: FieldSpec, value: Decimal | None, text_value: str = "") -> str:
    """A stored figure as it is typed into the form (money in 万元, no separators)."""
    natural: Any = shown(spec, value, text_value)
    if natural is None:
        return ""
    if spec.unit == "yuan":
        return format((Decimal(natural) / Decimal(10_000)).normalize(), "f")
    if spec.unit == "bool":
        return "是" if natural else "否"
    if isinstance(natural, Decimal):
        return format(natural.normalize(), "f")
    return str(natural)
