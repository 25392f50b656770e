"""One background job a person (or a schedule) started: what, how far, and its result."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiazhou_web.jobs.choices import JobKind, JobStatus


class JobQuerySet(models.QuerySet["Job"]):
    def for_user(self, user: Any) -> JobQuerySet:
        """The user's own jobs; every job for those who ``can`` "jobs.view_all" (the city
        administrators, core.access.policy); nothing for anyone else."""
        from jiazhou_web.core.access import can

        if not can(user, "jobs.view"):
            return self.none()
        if can(user, "jobs.view_all"):
            return self.all()
        return self.filter(started_by=user)


class Job(models.Model):
    kind = models.CharField(_("Job type"), max_length=32, choices=JobKind.choices)
    label = models.CharField(_("Job"), max_length=200)
    status = models.CharField(
        _("Job status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("Progress (%)"), default=0)
    message = models.TextField(_("Message"), blank=True)
    params = models.JSONField(_("Parameters"), default=dict, blank=True)
    result_path = models.CharField(_("Result file"), max_length=300, blank=True)
    result_name = models.CharField(_("Result file name"), max_length=200, blank=True)
    result_url = models.CharField(_("Result page"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Runs"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    task_id = models.CharField(_("Queue task id"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("Time submitted"), auto_now_add=True)
    started_at = models.DateTimeField(_("Started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("Background job")
        verbose_name_plural = _("Background job")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["started_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="jobs_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def has_file(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.result_path)
