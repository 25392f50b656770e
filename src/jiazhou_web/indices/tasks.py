"""Scheduled task of the composite index (manage.py schedule_jobs)."""

from __future__ import annotations

from jiazhou_web.jobs.choices import JobKind
from jiazhou_web.jobs.queue import run_command


def compute_index() -> int:
    """综合指数 for every year with data (manage.py compute_index --all-years): a year whose
    data did not change keeps its stored run."""
    return run_command(JobKind.INDEX, "综合指数计算", "compute_index", "--all-years")
