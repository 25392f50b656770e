"""Writing and labelling audit events (审计日志).

Actions call :func:`record` once per write, inside their transaction. Each app declares its
events as a ``TextChoices`` in its ``choices.py`` and registers it here so labels can be shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

M = TypeVar("M", bound=models.Model)
_EVENT_LABELS: dict[str, Any] = {}  # value → label, lazy: read in the language of the request
_VIA: ContextVar[str] = ContextVar("audit_via", default="")


@contextmanager
def via(channel: str) -> Iterator[None]:
    """Every audit row written inside the block names ``channel`` (``extra["via"]``): the
    open API's writes name the token that made them, whichever action writes the row."""
    reset = _VIA.set(channel)
    try:
        yield
    finally:
        _VIA.reset(reset)


def register_events(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    """Make an app's audit events known by label; usable as a class decorator."""
    for value, label in choices.choices:
        _EVENT_LABELS[value] = label
    return choices


# Audit keys whose values are codes of a choice set not found on the target model
# (``kind`` of a supervision notice recorded on its item, ``programme`` inside a certificate).
VALUE_CHOICES: dict[str, dict[str, Any]] = {}


def register_value_choices(key: str, choices: type[models.TextChoices]) -> None:
    """Show audit values under ``key`` by their labels (``red`` → 红色督办单)."""
    VALUE_CHOICES.setdefault(key, {}).update(dict(choices.choices))


def event_label(event_type: str) -> str:
    """The translated label of an event type, or the code itself if unknown."""
    return str(_EVENT_LABELS.get(event_type, event_type))


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

    channel = _VIA.get()
    if channel:
        extra = {**(extra or {}), "via": channel}
    return AuditLog.objects.create_for(
        event_type, actor=actor, target=target, before=before, after=after, extra=extra
    )


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of ``fields`` on ``obj``, for the before/after of an audit row."""
    return {name: getattr(obj, name) for name in fields}


def acting_user(actor: Any) -> Any:
    """The user behind ``actor``, or ``None`` for the system (and anonymous users)."""
    return actor if getattr(actor, "is_authenticated", False) else None


class ConflictError(ValidationError, ValueError):
    """A write lost a race with another request; nothing was done. The message says why.

    A ``ValidationError`` (forms and monitoring show it) and a ``ValueError``; ``str()`` is the
    message itself, never database text.
    """

    def __str__(self) -> str:
        return "；".join(self.messages)


class StaleStateError(ConflictError):
    """A state change lost a race: another request changed the row first."""


class DuplicateError(ConflictError):
    """A create lost a race: another request created the same row first."""


def create_unique(model: type[M], duplicate_message: str, **fields: Any) -> M:
    """``model.objects.create(**fields)`` in a savepoint; a unique-constraint clash (two
    concurrent creates passing the same "does it exist?" check) becomes :class:`DuplicateError`
    with ``duplicate_message`` instead of a database error."""
    try:
        with transaction.atomic():
            return model._default_manager.create(**fields)
    except IntegrityError:
        raise DuplicateError(duplicate_message) from None


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
    """Move ``obj``'s state ``field`` to ``to`` (setting ``changes`` with it: stamps, comments)
    and record ``event_type`` with the state before and after (plus ``after``).

    The write is one conditional ``UPDATE … WHERE pk = … AND field = <state the caller
    checked>``: of two concurrent requests making the same (or a conflicting) change, the
    second updates no row and gets :class:`StaleStateError` with a clear message; the audit
    log never records a transition that did not happen. Call inside the action's transaction.
    """
    changes = changes or {}
    model = type(obj)
    current = getattr(obj, field)
    values: dict[str, Any] = {field: to, **changes}
    if any(f.name == "updated" for f in model._meta.concrete_fields):
        values["updated"] = timezone.now()
    done = model._base_manager.filter(pk=obj.pk, **{field: current}).update(**values)
    if not done:
        raise StaleStateError(stale_message(obj, field))
    for name, value in values.items():
        setattr(obj, name, value)
    return record(
        event_type,
        actor=actor,
        target=obj,
        before={field: current},
        after={field: to, **(after or {})},
        extra=extra,
    )


def claim(obj: models.Model, values: dict[str, Any], *, unchanged: Sequence[str]) -> None:
    """Write ``values`` only if the ``unchanged`` fields still hold what the caller read.

    For state changes that are not a plain :func:`transition` (several fields, a level, a
    percentage): raises :class:`StaleStateError` when another request changed them first.
    """
    model = type(obj)
    values = dict(values)
    if any(f.name == "updated" for f in model._meta.concrete_fields):
        values.setdefault("updated", timezone.now())
    read = {name: getattr(obj, name) for name in unchanged}
    if not model._base_manager.filter(pk=obj.pk, **read).update(**values):
        raise StaleStateError(stale_message(obj, unchanged[0]))
    for name, value in values.items():
        setattr(obj, name, value)


def stale_message(obj: models.Model, field: str) -> str:
    """ "Someone else changed this first", naming the state the row is in now (zh / en)."""
    now = type(obj)._base_manager.filter(pk=obj.pk).values_list(field, flat=True).first()
    choices = dict(getattr(obj._meta.get_field(field), "choices", None) or [])
    label = str(choices.get(now, now)) if now is not None else "已删除"
    return (
        f"操作未执行：该记录刚刚已被他人处理（当前状态：{label}），请刷新页面后查看 / "
        f"nothing was done: someone else changed this record first (now: {now}); reload the page"
    )
