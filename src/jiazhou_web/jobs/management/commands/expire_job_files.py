"""Delete the result files of background jobs past their retention (daily, or by hand)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jiazhou_web.jobs.actions import expire_files


class Command(BaseCommand):
    help = (
        "清理超过保留期的后台任务结果文件 / delete job result files older than the retention "
        "(JOB_FILE_RETENTION_DAYS, default 30 days); the jobs and their messages stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="保留天数 / days to keep (default: setting)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.JOB_FILE_RETENTION_DAYS
        if days < 1:
            raise CommandError(f"保留天数须至少为 1：{days} / --days must be at least 1")
        ids = expire_files(timezone.now() - dt.timedelta(days=days))
        self.stdout.write(f"已清理 {len(ids)} 个文件（保留 {days} 天） / {len(ids)} files removed")
