"""Load the Leshan demo: regions, departments, personas, indicators, targets, a synthetic
enterprise population (模拟数据) and supervision lists — all through the real actions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from jiazhou_web.accounts.models import User
from jiazhou_web.core.seeding import DEMO_PASSWORD, DemoContext, loaders


class Command(BaseCommand):
    help = "Load the Leshan demo data (乐山演示数据)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing if users exist")
        parser.add_argument("--size", type=int, default=2000, help="synthetic enterprises")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("数据库已有数据，跳过演示数据 / database not empty, demo not loaded")
            self._print_logins()
            return
        ctx = DemoContext(say=self.stdout.write, size=options["size"])
        with transaction.atomic():
            for label, load in loaders():
                self.stdout.write(f"· {label}")
                load(ctx)
        self.stdout.write(self.style.SUCCESS("演示数据已载入 / demo data loaded"))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"演示账号 / demo logins (password 密码: {DEMO_PASSWORD}):")
        for user in User.objects.filter(username__startswith="demo_").order_by("username"):
            if not user.has_usable_password():  # extra unit officers cannot sign in: not listed
                continue
            roles = "; ".join(str(r) for r in user.role_assignments.active())
            self.stdout.write(f"  {user.username:<22} {roles}")
