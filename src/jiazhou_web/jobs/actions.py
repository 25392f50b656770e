"""Writing background jobs: submit, start, progress, finish, fail.

Every state change is one conditional ``UPDATE … WHERE status IN (…)`` so that it happens
exactly once whoever else (a second worker after a redelivery, a retry) tries it at the same
time, and one audit row per state change in the same transaction. Progress ticks are not state
changes: they are one plain ``UPDATE`` of ``progress`` while the job runs, not audited (an
export of 50,000 rows would otherwise write a hundred audit rows saying nothing).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jiazhou_web.core import audit
from jiazhou_web.jobs.choices import JobEvent, JobKind, JobStatus
from jiazhou_web.jobs.models import Job

#: The states a job may (re)start from: new, or failed and redelivered by the queue.
STARTABLE = (JobStatus.QUEUED, JobStatus.FAILED)


def q_setting(key: str, default: int) -> int:
    """An integer of the ``Q_CLUSTER`` settings (timeout, max_attempts …)."""
    value: Any = settings.Q_CLUSTER.get(key, default)
    return int(value)


def _timeout() -> int:
    return q_setting("timeout", 1800)


@transaction.atomic
def submit(kind: str, label: str, *, actor: Any, params: dict[str, Any] | None = None) -> Job:
    """A queued job (the task is put on the queue by :func:`jiazhou_web.jobs.queue.enqueue`)."""
    if kind not in JobKind.values:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        kind=kind, label=label[:200], params=params or {}, started_by=audit.acting_user(actor)
    )
    audit.record(
        JobEvent.QUEUED, actor=actor, target=job, after={"status": job.status, "kind": kind}
    )
    return job


def set_task_id(job_id: int, task_id: str) -> None:
    """Remember the django-q task of a job (shown to the administrator, for the admin)."""
    Job.objects.filter(pk=job_id, task_id="").update(task_id=task_id[:32])


@transaction.atomic
def start(job_id: int) -> bool:
    """Mark the job running (one more attempt); ``False`` when it is already running, done or
    gone, so the caller does nothing. A job stuck in 运行中 longer than the queue's timeout
    (its worker was killed) may be started again by the redelivered task."""
    now = timezone.now()
    stale = now - dt.timedelta(seconds=_timeout())
    changed = (
        Job.objects.filter(pk=job_id, status__in=STARTABLE)
        | Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, started_at__lt=stale)
    ).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        finished_at=None,
        progress=0,
        message="",
    )
    if changed != 1:
        return False
    job = Job.objects.get(pk=job_id)
    audit.record(
        JobEvent.STARTED,
        actor=None,
        target=job,
        after={"status": job.status},
        extra={"attempt": job.attempts},
    )
    return True


def set_progress(job_id: int, percent: int, message: str = "") -> None:
    """Report progress (0–100) of a running job; ignored once it is no longer running."""
    percent = max(0, min(100, int(percent)))
    fields: dict[str, Any] = {"progress": percent}
    if message:
        fields["message"] = message[:1000]
    Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(**fields)


@transaction.atomic
def finish(
    job_id: int,
    *,
    message: str = "",
    result_path: str = "",
    result_name: str = "",
    result_url: str = "",
) -> bool:
    """Mark a running job done (once); ``False`` if it was not running."""
    changed = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.DONE,
        progress=100,
        message=message[:1000],
        result_path=result_path,
        result_name=result_name[:200],
        result_url=result_url[:300],
        finished_at=timezone.now(),
    )
    if changed != 1:
        return False
    job = Job.objects.get(pk=job_id)
    audit.record(
        JobEvent.DONE,
        actor=None,
        target=job,
        before={"status": JobStatus.RUNNING},
        after={"status": job.status},
        extra={"file": result_name} if result_name else None,
    )
    return True


@transaction.atomic
def fail(job_id: int, message: str, *, will_retry: bool = False) -> bool:
    """Mark a running job failed (once) with a Chinese-first message; says whether the queue
    will try again. ``False`` if it was not running."""
    suffix = (
        "系统将自动重试 / it will be retried automatically"
        if will_retry
        else "不再自动重试，请检查后重新提交 / it will not be retried: check and submit it again"
    )
    text = f"{message}。{suffix}" if message else suffix
    changed = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, message=text[:1000], finished_at=timezone.now()
    )
    if changed != 1:
        return False
    job = Job.objects.get(pk=job_id)
    audit.record(
        JobEvent.FAILED,
        actor=None,
        target=job,
        before={"status": JobStatus.RUNNING},
        after={"status": job.status},
        extra={"attempt": job.attempts, "will_retry": will_retry},
    )
    return True


@transaction.atomic
def record_download(job: Job, *, actor: Any) -> None:
    """One audit row per download of a job's result file."""
    audit.record(JobEvent.DOWNLOADED, actor=actor, target=job, extra={"file": job.result_name})


@transaction.atomic
def expire_files(before: dt.datetime, *, actor: Any = None) -> list[int]:
    """Forget the result files of jobs finished before ``before`` (the retention period):
    each job keeps its row and message, loses its file; one audit row for the sweep.
    The files are deleted once the transaction has committed, so a rollback loses nothing."""
    expiring = (
        Job.objects.select_for_update()
        .filter(status=JobStatus.DONE, finished_at__lt=before)
        .exclude(result_path="")
    )
    rows = list(expiring.values_list("pk", "result_path"))
    if not rows:
        return []
    ids = [pk for pk, _ in rows]
    Job.objects.filter(pk__in=ids).update(result_path="")
    audit.record(
        JobEvent.FILES_EXPIRED,
        actor=actor,
        extra={"jobs": ids, "before": before.isoformat()},
    )
    root = Path(settings.MEDIA_ROOT).resolve()

    def delete() -> None:
        for _, relative in rows:
            target = (root / relative).resolve()
            if target.is_relative_to(root):  # never outside the media folder
                target.unlink(missing_ok=True)

    transaction.on_commit(delete)
    return ids
