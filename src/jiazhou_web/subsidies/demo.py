"""Demo (模拟数据): the policy library, 免申即享 offers of the R&D post-subsidy, one confirmed
offer in 公示, one 快申快享 application, a voucher batch with two providers, a voucher and an order
waiting for the provider. All through the real actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from jiazhou.uscc import make_uscc
from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure
from jiazhou_web.subsidies import actions
from jiazhou_web.subsidies.choices import AppState
from jiazhou_web.subsidies.models import Application, ClauseVersion


def load(ctx: DemoContext) -> None:
    city = ctx.personas.get(Role.CITY_ADMIN)
    firm_user = ctx.personas.get(Role.ENTERPRISE_USER)
    if city is None:
        return
    actions.sync_library(actor=city)
    # the award year follows the latest fiscal year the demo firms have figures for (in early
    # 2027 the 2026 figures are not in yet, so the demo still shows the 2026 round)
    latest = EnterpriseFigure.objects.aggregate(latest=Max("fiscal_year"))["latest"]
    year = timezone.localdate().year
    award_year = min(year, latest + 1) if latest else year
    rd = ClauseVersion.objects.get(policy__code="sichuan-rd-post-subsidy-2020", code="rd-increment")
    offers = actions.make_offers(rd, award_year, actor=city)
    ctx.say(f"  免申即享：研发后补助 {offers} 家（模拟）")
    firm = None
    if firm_user is not None:
        ids = sorted(user_scope(firm_user).enterprise_ids)
        firm = Enterprise.objects.filter(pk__in=ids).first()
    if firm is not None:
        offer = Application.objects.filter(enterprise=firm, state=AppState.NOTIFIED).first()
        if offer is not None:
            actions.confirm_offer(
                offer,
                actor=firm_user,
                bank_account="6222020200112233",
                bank_name="乐山市商业银行",
                declaration=True,
            )
        interest = ClauseVersion.objects.get(
            policy__code="tianfu-kechuangdai-2020", code="interest"
        )
        actions.apply(
            interest,
            firm,
            award_year,
            actor=firm_user,
            base_declared=Decimal("172500.00"),
            bank_account="6222020200112233",
            bank_name="乐山市商业银行",
            declaration=True,
        )
    confirmed = list(
        Application.objects.filter(state=AppState.JOINT_REVIEWED).select_related("clause")
    )
    if confirmed:
        actions.start_publicity(confirmed, actor=city)
    today = timezone.localdate()
    batch = actions.create_voucher_batch(
        actor=city,
        code=f"CXQ-{year}-01",
        title=f"乐山市科技创新券（{year}年第一批，模拟）",
        budget=Decimal("2000000"),
        face_value=Decimal("100000"),
        share=Decimal("0.2"),
        per_order_cap=Decimal("100000"),
        firm_year_cap=Decimal("100000"),
        valid_from=today - dt.timedelta(days=30),
        valid_to=dt.date(year, 12, 31),
        services=["检验检测", "知识产权", "高企认定咨询", "成果评价"],
        provider_redeemed=True,
    )
    # A provider user (service_provider role + ProviderMember) is not made here: the audit page
    # of core does not yet label role-assignment rows of the new roles (see the report).
    lab = actions.register_provider(
        actor=city,
        name="乐山市检验检测服务中心（模拟）",
        uscc=make_uscc(990001),
        scopes=["检验检测", "成果评价"],
        price_list={"检验检测": "50000.00", "成果评价": "20000.00"},
        legal_rep="王检",
        phone="0833-2000001",
        address="乐山市市中区检测路1号",
    )
    actions.register_provider(
        actor=city,
        name="嘉州知识产权代理事务所（模拟）",
        uscc=make_uscc(990002),
        scopes=["知识产权", "高企认定咨询"],
        price_list={"知识产权": "8000.00", "高企认定咨询": "30000.00"},
        legal_rep="李知",
        phone="0833-2000002",
        address="乐山市高新区创新路8号",
    )
    if firm is not None:
        voucher = actions.issue_voucher(batch, firm, actor=city)
        actions.create_order(
            voucher,
            lab,
            actor=firm_user,
            service="检验检测",
            amount=Decimal("40000.00"),
            key="demo-order-1",
        )
    ctx.say("  创新券：1 个批次、2 家服务机构（模拟）")
