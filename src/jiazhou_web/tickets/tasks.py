"""Scheduled task of 企业诉求 (manage.py schedule_jobs): the hourly 超期督办 run."""

from __future__ import annotations

from jiazhou_web.jobs.choices import JobKind
from jiazhou_web.jobs.queue import run_command


def supervise_tickets() -> int:
    """诉求超期督办: one 督办 entry per overdue ticket, clock and level, exactly once
    (manage.py supervise_tickets)."""
    return run_command(JobKind.TICKETS, "诉求超期督办", "supervise_tickets")
