"""Make an enterprise user its firm's account administrator (企业账号管理员).

The first administrator of a firm is appointed by the platform operator on the city's request;
after that the firm's administrator manages its colleagues in the workspace.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jiazhou_web.accounts.models import User
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.workspace.actions import appoint_admin


class Command(BaseCommand):
    help = "指定企业账号管理员 / appoint a firm's account administrator (an enterprise user)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--uscc", default="", help="统一社会信用代码 (if the user has several firms)"
        )

    def handle(self, *args: Any, username: str, uscc: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户「{username}」不存在 / no such user")
        firms = Enterprise.objects.filter(pk__in=user_scope(user).enterprise_ids)
        if uscc:
            firms = firms.filter(uscc=uscc)
        if firms.count() != 1:
            raise CommandError(
                f"用户「{username}」关联 {firms.count()} 家企业，请用 --uscc 指定一家 / "
                "the user must name exactly one firm (use --uscc)"
            )
        firm = firms.get()
        try:
            appoint_admin(firm, user, actor=None)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已指定「{user}」为「{firm}」的企业账号管理员")
