"""Refresh 培育库 memberships from certificates and the current scoring results (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jiazhou_web.pools.actions import sync_pools


class Command(BaseCommand):
    help = "Synchronise cultivation pools (同步培育库) with certificates and scoring results."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = sync_pools(actor=None)
        if not counts:
            self.stdout.write("no change 无变化")
        for key, n in sorted(counts.items()):
            self.stdout.write(f"{key}: {n}")
