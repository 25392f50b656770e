"""Choice sets and audit events of background jobs (后台任务, docs/adr/0021-background-jobs.md)."""

from django.db import models
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job", "Queued")
    RUNNING = "running", pgettext_lazy("job", "Running")
    DONE = "done", pgettext_lazy("job", "Done")
    FAILED = "failed", pgettext_lazy("job", "Failed")


class JobKind(models.TextChoices):
    EXPORT = "export", pgettext_lazy("job", "Data export")
    EVALUATION_RUN = "evaluation_run", pgettext_lazy("job", "Annual evaluation run")
    SUPERVISION = "supervision", pgettext_lazy("job", "Daily supervision run")
    SCORING = "scoring", pgettext_lazy("job", "Nightly qualification scoring")
    POOLS = "pools", pgettext_lazy("job", "Cultivation pool sync")
    INDEX = "index", pgettext_lazy("job", "Composite index calculation")
    TICKETS = "tickets", pgettext_lazy("job", "Overdue request supervision")
    FILE_RETENTION = "file_retention", pgettext_lazy("job", "Expired export file clean-up")


class JobEvent(models.TextChoices):
    QUEUED = "jobs.queued", "后台任务已提交"
    STARTED = "jobs.started", "后台任务开始运行"
    DONE = "jobs.done", "后台任务已完成"
    FAILED = "jobs.failed", "后台任务失败"
    DOWNLOADED = "jobs.downloaded", "下载后台任务结果文件"
    FILES_EXPIRED = "jobs.files_expired", "清理过期的后台任务结果文件"


register_events(JobEvent)
