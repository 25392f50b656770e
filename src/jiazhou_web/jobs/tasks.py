"""Scheduled task of the jobs themselves (manage.py schedule_jobs): the file retention sweep."""

from __future__ import annotations

from jiazhou_web.jobs.choices import JobKind
from jiazhou_web.jobs.queue import run_command


def expire_job_files() -> int:
    """过期导出文件清理: result files older than JOB_FILE_RETENTION_DAYS
    (manage.py expire_job_files)."""
    return run_command(JobKind.FILE_RETENTION, "过期导出文件清理", "expire_job_files")
