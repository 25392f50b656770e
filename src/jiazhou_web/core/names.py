"""Chinese names for the codes the platform stores: regions, indicators, schemes, audit fields.

Pages and exports never show a code where a person expects a name (``hnte-2016`` →
高新技术企业认定（2016版）, ``LS-HTZ`` → 乐山高新区, ``hitech_enterprises`` → 高新技术企业数).
Lookups of reference tables are cached per process and dropped when a row is saved.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.utils.hashable import make_hashable
from django.utils.translation import get_language, gettext

from jiazhou import humanize


@functools.cache
def region_names() -> dict[str, str]:
    """Region.code → name (GB/T 2260 codes and LS-HTZ)."""
    region = apps.get_model("regions", "Region")
    return dict(region.objects.values_list("code", "name"))


@functools.cache
def indicator_names() -> dict[str, str]:
    """Indicator.code → Chinese name."""
    indicator = apps.get_model("monitoring", "Indicator")
    return dict(indicator.objects.values_list("code", "name"))


@functools.cache
def department_names() -> dict[str, str]:
    department = apps.get_model("accounts", "Department")
    return dict(department.objects.values_list("code", "name"))


@functools.cache
def source_titles() -> dict[str, str]:
    """Seed file name → the document's title (文号 included where it has one)."""
    document = apps.get_model("monitoring", "SourceDocument")
    return {
        file: f"{title}（{number}）" if number else title
        for file, title, number in document.objects.values_list(
            "file_name", "title", "document_number"
        )
    }


def source_title(file_name: str | None) -> str:
    if not file_name:
        return "—"
    return source_titles().get(file_name, file_name)


def _clear(**_: Any) -> None:
    source_titles.cache_clear()
    region_names.cache_clear()
    indicator_names.cache_clear()
    department_names.cache_clear()


def connect_cache_signals() -> None:
    """Drop the caches when a region, indicator, department or source document changes (called
    from ready())."""
    labels = (
        "regions.Region",
        "monitoring.Indicator",
        "accounts.Department",
        "monitoring.SourceDocument",
    )
    for label in labels:
        model = apps.get_model(label)
        post_save.connect(_clear, sender=model, dispatch_uid=f"names-{label}-save")
        post_delete.connect(_clear, sender=model, dispatch_uid=f"names-{label}-delete")


def is_english() -> bool:
    """Whether the reader switched to English (the one place pages, tables and reports ask)."""
    return (get_language() or "").startswith("en")


def unit_label(unit: str | None) -> str:
    """A catalogue unit standing alone (a column, an axis): 家; ``firms`` on the English switch."""
    unit = unit or ""
    return humanize.unit_en(unit).strip() if is_english() else unit


def date_label(day: Any) -> str:
    """2026年10月4日 (a moment's day in Asia/Shanghai); ``2026-10-04`` on the English switch."""
    if day is not None and is_english():
        return humanize.local_datetime(day)[:10] if hasattr(day, "hour") else f"{day:%Y-%m-%d}"
    return humanize.date_zh(day)


def period_label(notation: str | None) -> str:
    """An observation period for people: 2026年9月末; ``end of 2026-09`` on the English switch."""
    if is_english() and notation:
        return humanize.period_en(str(notation))
    return humanize.period_zh(notation)


def region_name(code: str | None) -> str:
    if not code:
        return "—"
    return region_names().get(str(code), str(code))


def indicator_name(code: str | None) -> str:
    if not code:
        return "—"
    return indicator_names().get(str(code), str(code))


_VERSION_YEAR = re.compile(r"(\d{4})")


def scheme_label(code: str) -> str:
    """``hnte-2016`` → 高新技术企业认定（2016版） (“… (2016 edition)” on the English switch; the
    scheme's title is its file's ``title_zh``); unknown codes come back unchanged."""
    title, year = _scheme_title_year(code)
    if year is None:
        return title
    return gettext("%(title)s (%(year)s edition)") % {"title": title, "year": year}


@functools.cache
def _scheme_title_year(code: str) -> tuple[str, str | None]:
    from jiazhou.schemes import list_schemes

    for scheme in list_schemes():
        if scheme.code == code:
            year = _VERSION_YEAR.search(code) or _VERSION_YEAR.search(str(scheme.version))
            title = str(getattr(scheme, "title_zh", "") or code)
            if year is None or year.group(1) in title:
                return title, None
            return title, year.group(1)
    return code, None


@functools.cache
def choice_table(meta: Any, field: str, language: str) -> dict[Any, str]:
    """A choices field's value → label in ``language`` (keys as Django's ``make_hashable``)."""
    return {make_hashable(key): str(label) for key, label in meta.get_field(field).flatchoices}


def choice_label(obj: Any, field: str) -> str:
    """``obj.get_<field>_display()`` for lists of many rows: the field's labels are translated
    once per language, not once per row (Django hashes every lazy label on each call)."""
    value = getattr(obj, field)
    labels = choice_table(obj._meta, field, get_language() or "")
    return labels.get(make_hashable(value), str(value) if value is not None else "")
