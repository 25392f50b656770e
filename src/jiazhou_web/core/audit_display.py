"""Audit rows as a person reads them: field names in Chinese, codes as names, None as —.

``stage: draft → assigned`` becomes ``阶段：草稿 → 已交办``; ``period: None → asof:2020-12``
becomes ``填报期：— → 2020年12月末``. Keys that only machines need (hashes, row ids) are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.translation import pgettext_lazy

from jiazhou import humanize
from jiazhou_web.core import names
from jiazhou_web.core.audit import VALUE_CHOICES

# Keys written by actions that are not model fields (or are named differently).
KEY_LABELS: dict[str, Any] = {
    "period": pgettext_lazy("audit field", "Period"),
    "region": pgettext_lazy("audit field", "Region"),
    "year": pgettext_lazy("audit field", "Year"),
    "rows": pgettext_lazy("audit field", "Rows"),
    "warnings": pgettext_lazy("audit field", "Warnings"),
    "indicators": pgettext_lazy("audit field", "Indicators"),
    "values": pgettext_lazy("audit field", "Values"),
    "explanation": pgettext_lazy("audit field", "Explanation"),
    "comment": pgettext_lazy("audit field", "Comment"),
    "status": pgettext_lazy("audit field", "Status"),
    "stage": pgettext_lazy("audit field", "Stage"),
    "kind": pgettext_lazy("audit field", "Kind"),
    "level": pgettext_lazy("audit field", "Level"),
    "notice": pgettext_lazy("audit field", "Notice number"),
    "respond_by": pgettext_lazy("audit field", "Respond by"),
    "reason": pgettext_lazy("audit field", "Reason"),
    "note": pgettext_lazy("audit field", "Note"),
    "statement": pgettext_lazy("audit field", "Statement"),
    "answer": pgettext_lazy("audit field", "Answer"),
    "deadline": pgettext_lazy("audit field", "Deadline"),
    "proposed_deadline": pgettext_lazy("audit field", "Proposed deadline"),
    "percent_done": pgettext_lazy("audit field", "Percent done"),
    "lead_unit": pgettext_lazy("audit field", "Lead unit"),
    "department": pgettext_lazy("audit field", "Responsible department"),
    "demo": pgettext_lazy("audit field", "Demo configuration"),
    "title": pgettext_lazy("audit field", "Title"),
    "number": pgettext_lazy("audit field", "Number"),
    "what": pgettext_lazy("audit field", "Reminder"),
    "due": pgettext_lazy("audit field", "Due"),
    "recipients": pgettext_lazy("audit field", "Recipients"),
    "count": pgettext_lazy("audit field", "Count"),
    "notices_closed": pgettext_lazy("audit field", "Notices closed"),
    "superseded": pgettext_lazy("audit field", "Superseded"),
    "regions": pgettext_lazy("audit field", "Regions"),
    "missing": pgettext_lazy("audit field", "Missing values"),
    "synthetic": pgettext_lazy("audit field", "Synthetic"),
    "observations": pgettext_lazy("audit field", "Observations"),
    "n": pgettext_lazy("audit field", "Runs"),
    "seed": pgettext_lazy("audit field", "Random seed"),
    "factors": pgettext_lazy("audit field", "Uncertain choices"),
    "run": pgettext_lazy("audit field", "Run"),
    "scheme": pgettext_lazy("audit field", "Scheme"),
    "schemes": pgettext_lazy("audit field", "Schemes"),
    "programme": pgettext_lazy("audit field", "Programme"),
    "eval_year": pgettext_lazy("audit field", "Evaluation year"),
    "enterprises": pgettext_lazy("audit field", "Enterprises"),
    "passed": pgettext_lazy("audit field", "Passed"),
    "list": pgettext_lazy("audit field", "Task list"),
    "docx": pgettext_lazy("audit field", "Document"),
    "name": pgettext_lazy("audit field", "Name"),
    "code": pgettext_lazy("audit field", "Code"),
    "day": pgettext_lazy("audit field", "Day"),
    "name_zh": pgettext_lazy("audit field", "Name"),
    "valid_from": pgettext_lazy("audit field", "Valid from"),
    "valid_to": pgettext_lazy("audit field", "Valid until"),
    "milestones": pgettext_lazy("audit field", "Milestones"),
    "certificates": pgettext_lazy("audit field", "Certificates"),
    "action": pgettext_lazy("audit field", "Action"),
    "content": pgettext_lazy("audit field", "Content"),
    "date": pgettext_lazy("audit field", "Date"),
    "needs": pgettext_lazy("audit field", "Needs raised"),
    "due_on": pgettext_lazy("audit field", "Due on"),
    "officer": pgettext_lazy("audit field", "Service officer"),
    "goal": pgettext_lazy("audit field", "Cultivation goal"),
    # 科技项目 · 创新平台 · 人才 (issue 20)
    "experts": pgettext_lazy("audit field", "Experts drawn"),
    "expert": pgettext_lazy("audit field", "Expert"),
    "replacement": pgettext_lazy("audit field", "Replacement expert"),
    "ranks": pgettext_lazy("audit field", "Ranks"),
    "asked_on": pgettext_lazy("audit field", "Asked on"),
    "service": pgettext_lazy("audit field", "Service"),
    "used_on": pgettext_lazy("audit field", "Used on"),
    "card": pgettext_lazy("audit field", "Card number"),
    "class": pgettext_lazy("audit field", "Card class"),
    "excluded": pgettext_lazy("audit field", "Excluded experts"),
    "result": pgettext_lazy("audit field", "Result"),
    "amount": pgettext_lazy("audit field", "Amount"),
    "valid_until": pgettext_lazy("audit field", "Valid until"),
}

# Machine-only keys: hashes, ids and file paths are kept in the row but not shown.
HIDDEN_KEYS = frozenset(
    {"data_hash", "framework_version", "focus_index", "request", "docx", "uscc_hash", "hash"}
)

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^(asof:\d{4}(-\d{2}){0,2}|\d{4}(-\d{2})?\.\.\d{4}(-\d{2})?|unstated)$")


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


@functools.cache
def _catalogue_names() -> dict[str, str]:
    from jiazhou.fields import load_fields

    return {f.code: f.name_zh for f in load_fields()}


_YEAR_FIELD = re.compile(r"^(\d{4})\.(\w+)$")


def key_label(model: type[models.Model] | None, key: str) -> str:
    """The Chinese label of one key: the model field's name, else the shared table, else key.

    ``2024.operating_revenue`` (an annual figure) reads ``2024年 营业收入``. Remembered per
    model, key and language: an audit export of 10,000 rows asks for the same few labels
    tens of thousands of times, each a lazy translation.
    """
    return _key_label(model, key, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _key_label(model: type[models.Model] | None, key: str, language: str | None) -> str:
    if m := _YEAR_FIELD.match(key):
        name = _catalogue_names().get(m.group(2), m.group(2))
        return f"{m.group(1)} {name}" if _english(language) else f"{m.group(1)}年 {name}"
    field = _field(model, key)
    named = field is not None and str(field.verbose_name) != key.replace("_", " ")
    if field is not None and named and key not in ("period", "region"):
        return str(field.verbose_name)
    return str(KEY_LABELS.get(key, field.verbose_name if field is not None else key))


def _english(language: str | None) -> bool:
    return (language or "").startswith("en")


def _date(day: dt.date, language: str | None) -> str:
    """2026年10月4日; ``2026-10-04`` on the English switch."""
    return f"{day:%Y-%m-%d}" if _english(language) else humanize.date_zh(day)


def _scalar(value: Any, key: str, choices: dict[str, str], language: str | None = None) -> str:
    if value is None or value == "" or value == {} or value == []:
        return humanize.BLANK
    if isinstance(value, bool):
        if _english(language):
            return "yes" if value else "no"
        return "是" if value else "否"
    if isinstance(value, int) and "year" in key:
        return str(value)
    if isinstance(value, (int, float)):
        return humanize.number(value)
    if isinstance(value, dt.datetime):
        return humanize.local_datetime(value)
    if isinstance(value, dt.date):
        return _date(value, language)
    text = str(value)
    if text in choices:
        return choices[text]
    if text in VALUE_CHOICES.get(key, {}):
        return str(VALUE_CHOICES[key][text])
    if key in ("region", "regions") or key.endswith("region"):
        return names.region_name(text)
    if key in ("indicator", "indicators"):
        return names.indicator_name(text)
    if key in ("scheme", "schemes"):
        return names.scheme_label(text)
    if _PERIOD.match(text) or (key == "period" and re.match(r"^\d{4}", text)):
        return humanize.period_zh(text)
    if _ISO_DATETIME.match(text):
        try:
            return humanize.local_datetime(dt.datetime.fromisoformat(text))
        except ValueError:
            return text
    if _ISO_DATE.match(text):
        return _date(dt.date.fromisoformat(text), language)
    return text


@functools.lru_cache(maxsize=4096)
def _choices(model: type[models.Model] | None, key: str, language: str | None) -> dict[str, str]:
    """The labels of a field's codes, in ``language`` (read only: shared between calls)."""
    field = _field(model, key)
    return {str(k): str(v) for k, v in (field.choices or [])} if field is not None else {}


def value_text(model: type[models.Model] | None, key: str, value: Any) -> str:
    """One before/after value for people (lists joined with 、, dicts as key：value)."""
    return _value_text(model, key, value, translation.get_language())


def _value_text(
    model: type[models.Model] | None, key: str, value: Any, language: str | None
) -> str:
    choices = _choices(model, key, language)
    if isinstance(value, dict):
        if not value:
            return humanize.BLANK
        return "；".join(
            f"{_key_label(model, str(k), language)}：{_value_text(model, str(k), v, language)}"
            for k, v in value.items()
        )
    if isinstance(value, (list, tuple)):
        if not value:
            return humanize.BLANK
        return "、".join(_scalar(v, key, choices, language) for v in value)
    return _scalar(value, key, choices, language)


def readable_changes(
    model: type[models.Model] | None, changes: list[tuple[str, Any, Any]]
) -> list[tuple[str, str, str]]:
    """(label, before, after) of every change a person should see."""
    language = translation.get_language()  # once: a context-local read per call adds up
    return [
        (
            _key_label(model, key, language),
            _value_text(model, key, before, language),
            _value_text(model, key, after, language),
        )
        for key, before, after in changes
        if key not in HIDDEN_KEYS
    ]


def readable_extra(model: type[models.Model] | None, extra: dict[str, Any]) -> str:
    language = translation.get_language()
    return "；".join(
        f"{_key_label(model, k, language)}：{_value_text(model, k, v, language)}"
        for k, v in extra.items()
        if k not in HIDDEN_KEYS
    )


ChangeFormatter = Callable[[Any], list[tuple[str, str, str]]]
