"""Putting jobs on the django-q2 queue and running them there.

Task functions are plain functions taking ids (``<app>/tasks.py``); :func:`run` wraps the work
of one job: start it exactly once, report progress, finish it, or fail it with a message that
says whether the queue will try again. A ``ValidationError`` (bad input: a scheme that does not
exist, a cohort without firms) fails the job for good — retrying would fail the same way.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from jiazhou_web.jobs import actions
from jiazhou_web.jobs.models import Job

logger = logging.getLogger("jiazhou.jobs")

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class Outcome:
    """What a finished job leaves: a message, and a file (under MEDIA_ROOT) or a page."""

    message: str = ""
    result_path: str = ""
    result_name: str = ""
    result_url: str = ""


def _sync() -> bool:
    return bool(settings.Q_CLUSTER.get("sync", False))


def starter(job: Job) -> Any:
    """The active user who started ``job``; a job started by no one (or by a user since
    deactivated) has no one to act for and fails for good."""
    from django.contrib.auth import get_user_model

    user = (
        get_user_model()._default_manager.filter(pk=job.started_by_id, is_active=True).first()
        if job.started_by_id is not None
        else None
    )
    if user is None:
        raise ValidationError(
            "发起人账号不存在或已停用 / the starter's account is gone or inactive"
        )
    return user


def enqueue(job: Job, func: str) -> Job:
    """Put ``func(job.pk)`` on the queue (with the ORM broker: a row of this database).

    Called after the job row is committed. Under ``sync`` (the tests) the task runs here and
    now; a failure is then already written on the job, so it is not raised into the page.
    """
    from django_q.tasks import async_task

    try:
        task_id = async_task(func, job.pk, task_name=f"job-{job.pk}", group=job.kind)
    except Exception:  # only under sync: the job row records the failure
        if not _sync():
            raise
        logger.exception("job %s failed in sync mode", job.pk)
        task_id = ""
    if task_id:
        actions.set_task_id(job.pk, str(task_id))
    job.refresh_from_db()
    return job


def run(job_id: int, work: Callable[[Job, Progress], Outcome]) -> None:
    """Run ``work`` for the job ``job_id`` once: nothing if it is already running or done."""
    if not actions.start(job_id):
        logger.info("job %s not started: already running, done or gone", job_id)
        return
    job = Job.objects.get(pk=job_id)

    def progress(percent: int, message: str = "") -> None:
        actions.set_progress(job_id, percent, message)

    try:
        outcome = work(job, progress)
    except ValidationError as exc:
        actions.fail(job_id, "；".join(exc.messages), will_retry=False)
        return
    except Exception as exc:
        attempts = Job.objects.filter(pk=job_id).values_list("attempts", flat=True).first() or 1
        limit = actions.q_setting("max_attempts", 0)
        will_retry = not _sync() and (limit == 0 or attempts < limit)
        logger.exception("job %s failed (attempt %s)", job_id, attempts)
        actions.fail(
            job_id,
            f"运行出错（第 {attempts} 次）：{type(exc).__name__} / "
            f"failed on attempt {attempts}: {type(exc).__name__}",
            will_retry=will_retry,
        )
        if will_retry:
            raise  # not acknowledged: the queue delivers the task again after `retry` seconds
        return
    actions.finish(
        job_id,
        message=outcome.message,
        result_path=outcome.result_path,
        result_name=outcome.result_name,
        result_url=outcome.result_url,
    )


def tracked(kind: str, label: str, work: Callable[[Job, Progress], Outcome]) -> Job:
    """A scheduled run (no person started it) recorded as a job, run here in the worker."""
    job = actions.submit(kind, label, actor=None)
    run(job.pk, work)
    job.refresh_from_db()
    return job


def run_command(kind: str, label: str, name: str, *args: str) -> int:
    """A scheduled management command recorded as a job: its output becomes the message.
    Returns the job's id."""
    from django.core.management import call_command

    def work(job: Job, progress: Progress) -> Outcome:
        out = io.StringIO()
        call_command(name, *args, stdout=out, stderr=out)
        return Outcome(message=out.getvalue().strip()[-1000:])

    return tracked(kind, label, work).pk
