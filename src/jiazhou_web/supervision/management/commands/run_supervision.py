"""Daily supervision run (run by cron / a systemd timer); safe to run more than once a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jiazhou_web.core.job_locks import JobBusy
from jiazhou_web.supervision.daily_run import run_daily


class Command(BaseCommand):
    help = "Daily 三张清单 supervision: 督办单, reminders, escalation (每日督办)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="run as of 08:00 on this date (YYYY-MM-DD) instead of now"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        at = timezone.now()
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    f"日期格式应为 YYYY-MM-DD：{options['date']} / bad --date: {exc}"
                ) from exc
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))
        try:
            summary = run_daily(at)
        except JobBusy as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"督办单 issued {len(summary.issued)}, 升级 escalated {len(summary.escalated)}, "
            f"提醒 reminders {summary.reminders}"
        )
        for note in summary.skipped:
            self.stderr.write(f"跳过 skipped {note}")
