"""System API tokens (系统令牌) for the systems around the platform (统计局, 税务, 大数据中心).

    manage.py api_token create --user svc_tax --role county_officer --name 税务数据交换 --days 365
    manage.py api_token list [--user svc_tax]
    manage.py api_token revoke jz_0123456789

``create`` binds the token to one of the user's role assignments in force today (``--role``,
or ``--assignment <id>`` when the user holds that role more than once) and prints the secret
once. Creating and revoking go through ``api.actions`` (one audit row each, actor: the system).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jiazhou_web.accounts.models import RoleAssignment, User
from jiazhou_web.api import actions
from jiazhou_web.api.choices import TokenKind
from jiazhou_web.api.models import ApiToken


class Command(BaseCommand):
    help = "创建、列出、撤销系统接口令牌 / create, list and revoke system API tokens"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        create = sub.add_parser("create", help="创建系统令牌 / create a system token")
        create.add_argument("--user", required=True, help="账号用户名 / username")
        create.add_argument("--name", required=True, help="令牌名称 / token name")
        create.add_argument("--role", help="角色代码，如 county_officer / role code")
        create.add_argument("--assignment", type=int, help="角色分配编号 / assignment id")
        create.add_argument("--days", type=int, default=365, help="有效天数 / days valid")
        listing = sub.add_parser("list", help="列出令牌 / list tokens")
        listing.add_argument("--user", help="只列此账号的 / only this user's")
        revoke = sub.add_parser("revoke", help="撤销令牌 / revoke a token")
        revoke.add_argument("prefix", help="令牌前缀，如 jz_0123456789 / the token's prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['what']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"账号「{options['user']}」不存在 / no such user")
        held = RoleAssignment.objects.active().filter(user=user)
        if options["assignment"] is not None:
            held = held.filter(pk=options["assignment"])
        if options["role"]:
            held = held.filter(role=options["role"])
        found = list(held.order_by("pk")[:2])
        if not found:
            raise CommandError(
                "该账号没有今天有效的此角色，请先在「用户与角色」中分配 / "
                "the user holds no such role in force today"
            )
        if len(found) > 1:
            raise CommandError(
                "该账号有多个符合的角色分配，请用 --assignment 指定编号："
                + "、".join(f"{a.pk}（{a}）" for a in held)
                + " / several assignments match: choose one with --assignment"
            )
        try:
            issued = actions.create_token(
                user,
                found[0],
                name=options["name"],
                days=options["days"],
                actor=None,
                kind=TokenKind.SYSTEM,
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        token = issued.token
        self.stdout.write(
            f"已创建系统令牌「{token.name}」，角色：{token.assignment}，"
            f"有效期至 {timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}（北京时间）。\n"
            "令牌只显示这一次，请妥善保存 / shown once, keep it safe:"
        )
        self.stdout.write(issued.secret)

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user", "assignment").order_by("pk")
        if options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        for t in tokens:
            used = f"{timezone.localtime(t.last_used_at):%Y-%m-%d %H:%M}" if t.last_used_at else "-"
            self.stdout.write(
                f"{t.prefix}\t{t.get_kind_display()}\t{t.state}\t{t.user.username}\t{t.name}\t"
                f"{timezone.localtime(t.expires_at):%Y-%m-%d %H:%M}\t{used}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(prefix=options["prefix"]).first()
        if token is None:
            raise CommandError(f"令牌「{options['prefix']}」不存在 / no such token")
        try:
            actions.revoke_token(token, actor=None)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已撤销令牌「{token}」")
