"""Scheduled task of the cultivation pools (manage.py schedule_jobs)."""

from __future__ import annotations

from jiazhou_web.jobs.choices import JobKind
from jiazhou_web.jobs.queue import run_command


def sync_pools() -> int:
    """同步培育库 with certificates and the night's scoring results (manage.py sync_pools)."""
    return run_command(JobKind.POOLS, "培育库同步", "sync_pools")
