"""manage.py schedule_jobs: write the platform's periodic work as django-q2 schedules."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from jiazhou_web.jobs.schedules import PLAN, apply


class Command(BaseCommand):
    help = (
        "Create or update the schedules of the daily/nightly jobs (定时任务), idempotently; "
        "times in Asia/Shanghai. The qcluster runs them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            summary = apply(timezone.now())
        for plan in PLAN:
            when = f"每小时 :{plan.at:%M}" if plan.every == "H" else f"{plan.at:%H:%M}"
            self.stdout.write(f"{when} {plan.label} {plan.name} → {plan.func}")
        self.stdout.write(
            f"新建 created {len(summary.created)}, 更新 updated {len(summary.updated)}, "
            f"未变 unchanged {len(summary.unchanged)}, 删除 removed {len(summary.removed)}"
        )
