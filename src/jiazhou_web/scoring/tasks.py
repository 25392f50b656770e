"""Scheduled task of qualification scoring (manage.py schedule_jobs): the nightly run."""

from __future__ import annotations

from jiazhou_web.jobs.choices import JobKind
from jiazhou_web.jobs.queue import run_command


def nightly_scoring() -> int:
    """夜间资质测评 of every firm with every programme's scheme in force this year
    (manage.py score_enterprises; an unchanged data set reuses the stored run)."""
    return run_command(JobKind.SCORING, "夜间资质测评", "score_enterprises")
