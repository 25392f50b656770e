"""Demo market (模拟数据): a registry with its registrar, a broker, 成果 from the labelled set
held by a few demo firms, 需求 of the demo enterprise, one open 揭榜挂帅 listing and registered
contracts of this year (so the 技术合同成交额 indicator has a value). All through the actions."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jiazhou.matching import load_eval_pairs
from jiazhou_web.accounts import actions as accounts
from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.models import Department
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.seeding import DemoContext, demo_password_hash
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.market import actions

N_HOLDERS = 4
N_ACHIEVEMENTS = 16


def _user(username: str, display: str, role: str, target: Any) -> Any:
    user = accounts.create_user(
        username=username, password_hash=demo_password_hash(), display_name=display, actor=None
    )
    accounts.assign_role(user, role, actor=None, target=target)
    return user


def load(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed)
    admin = ctx.personas[Role.CITY_ADMIN]
    today = timezone.localdate()
    firm_user = ctx.personas[Role.ENTERPRISE_USER]
    firm = Enterprise.objects.get(pk=min(user_scope(firm_user).enterprise_ids))
    registry = actions.create_registry(
        code="ls", name="乐山市技术合同登记处", region_code="511100", actor=None
    )
    unit = Department.objects.get(code="lskjj")
    registrar = _user("demo_registrar", "赵登（技术合同登记处）", Role.CONTRACT_REGISTRAR, unit)
    actions.add_registrar(registrar, registry, actor=None)
    ctx.personas[Role.CONTRACT_REGISTRAR] = registrar
    broker_user = _user("demo_broker", "周介（技术经理人）", Role.TECH_BROKER, None)
    broker = actions.register_broker(
        name="周介", certificate_no="LS-JJR-2026-001", organisation="乐山高新区技术经理人联盟",
        user=broker_user, actor=None,
    )  # fmt: skip
    ctx.personas[Role.TECH_BROKER] = broker_user

    holders = list(
        Enterprise.objects.filter(synthetic=True, region__code__startswith="5111")
        .exclude(pk=firm.pk)
        .order_by("uscc")[:N_HOLDERS]
    )
    holder_users = [
        _user(f"demo_holder_{i}", f"{h.name}联系人", Role.ENTERPRISE_USER, h)
        for i, h in enumerate(holders, start=1)
    ]
    # pairs without Latin acronyms (PBAT, RFID …): demo pages must read as Chinese
    pairs = [p for p in load_eval_pairs() if not re.search(r"[A-Za-z]", p.supply + p.demand)]
    chosen = rng.sample(pairs, N_ACHIEVEMENTS)
    for n, pair in enumerate(chosen):
        holder, user = holders[n % len(holders)], holder_users[n % len(holders)]
        title, _, abstract = pair.supply.partition("：")
        low = Decimal(rng.choice([20, 50, 80, 120, 200]))
        a = actions.submit_achievement(
            actor=user, holder=holder, title=title, abstract=abstract or title, field=pair.field,
            trl=rng.randint(4, 8), ip_type="patent", ip_number=f"2024{n:08d}.5",
            price_low=low, price_high=low * 2, transfer_mode="licence", holder_kind="firm",
            contact="联系人 0833-2000000",
        )  # fmt: skip
        actions.review_entry(a, publish=True, comment="", actor=admin)
    demands = []
    for pair in chosen[:4]:
        d = actions.submit_demand(
            actor=firm_user, enterprise=firm, title=pair.demand[:30], problem=pair.demand,
            field=pair.field, budget=Decimal(300),
        )  # fmt: skip
        actions.review_entry(d, publish=True, comment="", actor=admin)
        demands.append(d)
    listing = actions.create_listing(
        demands[0], listing_class="firm", budget=Decimal(300),
        apply_deadline=today + dt.timedelta(days=45), chain_segment="钒钛·储能", actor=admin,
    )  # fmt: skip
    actions.advance_listing(listing, actor=admin)
    actions.advance_listing(listing, actor=admin)

    year_start = dt.date(today.year, 1, 1)
    span = max((today - year_start).days, 1)
    for n in range(6):
        holder, user = holders[n % len(holders)], holder_users[n % len(holders)]
        total = Decimal(rng.choice([30, 60, 120, 250, 480, 800]))
        contract = actions.submit_contract(
            actor=user, seller=holder, registry=registry, title=f"{chosen[n].supply[:16]}技术许可",
            contract_type="licence", field=chosen[n].field, ip_type="patent",
            buyer_name=f"{rng.choice(['成都', '重庆', '眉山', '乐山'])}某科技有限公司",
            buyer_region_code=rng.choice(["510104", "500101", "511402", "511112"]),
            broker=broker if n % 2 == 0 else None, total_amount=total,
            non_technical=(total * Decimal("0.2")).quantize(Decimal(1)),
            signed_on=year_start + dt.timedelta(days=span * n // 7),
        )  # fmt: skip
        if n < 5:
            day = year_start + dt.timedelta(days=span * (n + 1) // 7)
            actions.accept_contract(contract, actor=registrar, on=day)
            actions.register_contract(contract, actor=registrar, on=day)
    ctx.say("  科技服务大市场：16项成果、4项需求、1个榜单、6份技术合同（5份已登记）")
