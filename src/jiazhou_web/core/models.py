"""Base model mixins and the audit log (审计日志)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import acting_user, event_label
from jiazhou_web.core.choice_display import ChoiceDisplay


class TimeStampedModel(ChoiceDisplay):
    """Creation and last-change times."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditLogQuerySet(models.QuerySet["AuditLog"]):
    def create_for(
        self,
        event_type: str,
        *,
        actor: Any,
        target: models.Model | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        extra: dict[str, Any] | None,
    ) -> AuditLog:
        """Create one row; the actor's name is kept even if the user is deleted later."""
        real_actor = acting_user(actor)
        return self.create(
            actor=real_actor,
            actor_name=str(real_actor) if real_actor else str(_("system")),
            event_type=event_type,
            content_type=ContentType.objects.get_for_model(target) if target else None,
            object_id=str(target.pk) if target is not None else "",
            object_repr=str(target)[:200] if target is not None else "",
            before=before or {},
            after=after or {},
            extra=extra or {},
        )

    def for_object(self, obj: models.Model) -> AuditLogQuerySet:
        """The timeline of one object, newest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).select_related("actor")


class AuditLog(models.Model):
    """One business event: who did what to which object, when, with before/after values."""

    event_time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150)
    event_type = models.CharField(_("event type"), max_length=64, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("object type"),
    )
    object_id = models.CharField(max_length=64, blank=True, verbose_name=_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(_("before"), default=dict, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), default=dict, encoder=DjangoJSONEncoder)
    extra = models.JSONField(_("details"), default=dict, encoder=DjangoJSONEncoder)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-event_time", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.event_time:%Y-%m-%d %H:%M} {self.actor_name} {self.event_label}"

    @property
    def event_label(self) -> str:
        return event_label(self.event_type)

    def _target_model(self) -> type[models.Model] | None:
        if not self.content_type_id:
            return None
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    def readable_changes(self) -> list[tuple[str, str, str]]:
        """(label, before, after) in Chinese, codes as names, machine-only keys left out."""
        from jiazhou_web.core.audit_display import readable_changes

        return readable_changes(self._target_model(), self.changes())

    def readable_extra(self) -> str:
        from jiazhou_web.core.audit_display import readable_extra

        return readable_extra(self._target_model(), self.extra)

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field whose value changed."""
        keys = list(dict.fromkeys([*self.before, *self.after]))
        return [
            (k, self.before.get(k), self.after.get(k))
            for k in keys
            if self.before.get(k) != self.after.get(k)
        ]


class JobLock(models.Model):
    """One row per background job (每日督办 ...): who runs it and until when the claim holds.

    Taken and released by conditional updates (:mod:`jiazhou_web.core.job_locks`), which work
    the same on SQLite and PostgreSQL; a run killed halfway blocks others only until
    ``expires_at``."""

    name = models.CharField(_("job"), max_length=80, unique=True)
    holder = models.CharField(_("held by"), max_length=120, blank=True)
    acquired_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("held until"), null=True, blank=True)

    class Meta:
        verbose_name = _("job lock")
        verbose_name_plural = _("job locks")

    def __str__(self) -> str:
        return self.name


class DocumentSequence(models.Model):
    """The last number issued in one document series and year (see ``core.numbering``)."""

    series = models.CharField(_("series"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="one_sequence_per_series_year")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"
