"""Writing and labelling audit events (审计日志).

Actions call :func:`record` once per write, inside their transaction. Each app declares its
events as a ``TextChoices`` in its ``choices.py`` and registers it here so labels can be shown.
"""

from __future__ import annotations

from typing import Any

from django.db import models

_EVENT_LABELS: dict[str, str] = {}


def register_events(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    """Make an app's audit events known by label; usable as a class decorator."""
    for value, label in choices.choices:
        _EVENT_LABELS[value] = str(label)
    return choices


# Audit keys whose values are codes of a choice set not found on the target model
# (``kind`` of a supervision notice recorded on its item, ``programme`` inside a certificate).
VALUE_CHOICES: dict[str, dict[str, Any]] = {}


def register_value_choices(key: str, choices: type[models.TextChoices]) -> None:
    """Show audit values under ``key`` by their labels (``red`` → 红色督办单)."""
    VALUE_CHOICES.setdefault(key, {}).update(dict(choices.choices))


def event_label(event_type: str) -> str:
    """The translated label of an event type, or the code itself if unknown."""
    return _EVENT_LABELS.get(event_type, event_type)


def record(
    event_type: str,
    *,
    actor: Any,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> Any:
    """Write one audit row. ``actor`` is a user or ``None`` for the system."""
    from jiazhou_web.core.models import AuditLog

    return AuditLog.objects.create_for(
        event_type, actor=actor, target=target, before=before, after=after, extra=extra
    )


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of ``fields`` on ``obj``, for the before/after of an audit row."""
    return {name: getattr(obj, name) for name in fields}


def acting_user(actor: Any) -> Any:
    """The user behind ``actor``, or ``None`` for the system (and anonymous users)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def transition(
    obj: models.Model,
    event_type: str,
    *,
    actor: Any,
    field: str,
    to: str,
    changes: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> Any:
    """Move ``obj``'s state ``field`` to ``to`` (setting ``changes`` with it: stamps, comments),
    save those fields and ``updated``, and record ``event_type`` with the state before and after
    (plus ``after``). For actions whose write is one state change (交办, 签收, 审核通过 ...)."""
    changes = changes or {}
    before = {field: getattr(obj, field)}
    setattr(obj, field, to)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=[field, *changes, "updated"])
    return record(
        event_type,
        actor=actor,
        target=obj,
        before=before,
        after={field: getattr(obj, field), **(after or {})},
        extra=extra,
    )
