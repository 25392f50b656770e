"""企业诉求 督办 run (cron / a systemd timer, daily or more often); safe to run again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jiazhou_web.core.job_locks import JobBusy
from jiazhou_web.tickets.overdue import run


class Command(BaseCommand):
    help = "督办 overdue 企业诉求: one entry per ticket, clock and level, exactly once (超期督办)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--at", help="run as of this local time (YYYY-MM-DD or YYYY-MM-DDTHH:MM) instead of now"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        at = timezone.now()
        if options["at"]:
            try:
                moment = dt.datetime.fromisoformat(options["at"])
            except ValueError as exc:
                raise CommandError(
                    f"时间格式应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM：{options['at']} / bad --at: {exc}"
                ) from exc
            if moment.tzinfo is None:
                moment = timezone.make_aware(moment)
            at = moment
        try:
            summary = run(at)
        except JobBusy as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"督办 issued {len(summary.issued)}, 解除 resolved {len(summary.resolved)}"
        )
        for note in summary.skipped:
            self.stderr.write(f"跳过 skipped {note}")
