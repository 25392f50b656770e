"""Scheduled task of 三张清单 supervision (manage.py schedule_jobs): the daily run."""

from __future__ import annotations

from jiazhou_web.jobs.choices import JobKind
from jiazhou_web.jobs.queue import run_command


def daily_supervision() -> int:
    """每日督办: lights, 督办单, reminders and escalation (manage.py run_supervision)."""
    return run_command(JobKind.SUPERVISION, "每日督办运行", "run_supervision")
