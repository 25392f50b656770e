"""Every write of 人才, and the one audited read (the full ID number)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.identity import problems as id_problems
from jiazhou_web.core import audit
from jiazhou_web.core.access import require
from jiazhou_web.core.numbering import next_number
from jiazhou_web.talent.choices import CardClass, CardState, Category, Degree, Service, TalentEvent
from jiazhou_web.talent.models import Card, Programme, ServiceUse, Talent

#: 英才卡 validity by class in years [U] (local configuration; 长兴's model sets classes, not terms)
CARD_YEARS = {CardClass.A: 5, CardClass.B: 5, CardClass.C: 3, CardClass.D: 3}
#: 购房补贴 caps by degree, 元 — 「嘉」十条: 本科/硕士/博士 ≤ 2/5/10万 [S]
HOUSING_CAP_YUAN = {
    Degree.BACHELOR: Decimal(20_000),
    Degree.MASTER: Decimal(50_000),
    Degree.DOCTOR: Decimal(100_000),
}


@transaction.atomic
def create_programme(
    *, actor: Any, code: str, name: str, issuer: str, basis: str = ""
) -> Programme:
    require(actor, "talent.manage")
    programme = audit.create_unique(
        Programme,
        f"人才计划 {code} 已存在 / exists",
        code=code,
        name=name,
        issuer=issuer,
        basis=basis,
    )
    audit.record(TalentEvent.PROGRAMME_CREATED, actor=actor, target=programme, after={"code": code})
    return programme


@transaction.atomic
def add_talent(
    programme: Programme,
    *,
    actor: Any,
    year: int,
    name: str,
    id_number: str,
    category: str,
    degree: str,
    employer_name: str,
    region: Any,
    employer: Any = None,
    field: str = "",
    synthetic: bool = False,
) -> Talent:
    """A person selected by ``programme`` in ``year`` (the ID number checked, stored upper-case)."""
    require(actor, "talent.manage")
    number = id_number.strip().upper()
    found = id_problems(number)
    if found:
        raise ValidationError([f"「身份证号」{p}" for p in found])
    if category not in Category.values or degree not in Degree.values:
        raise ValidationError("「类别」或「学历学位」无效 / unknown category or degree")
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError("「入选年度」须在2000年至今年之间 / year out of range")
    talent = audit.create_unique(
        Talent,
        f"{name} 已入选 {programme.name}（{year}年） / already selected",
        programme=programme,
        year=year,
        name=name.strip(),
        id_number=number,
        category=category,
        degree=degree,
        employer=employer,
        employer_name=employer_name,
        region=region,
        field=field,
        synthetic=synthetic,
    )
    audit.record(
        TalentEvent.TALENT_ADDED,
        actor=actor,
        target=talent,
        after={"name": talent.name, "id_number": talent.masked_id, "year": year},
    )
    return talent


@transaction.atomic
def reveal_identity(talent: Talent, *, actor: Any) -> str:
    """The full ID number, for the programme officer only; every look is an audit row."""
    require(actor, "talent.view_identity", talent)
    audit.record(
        TalentEvent.IDENTITY_VIEWED,
        actor=actor,
        target=talent,
        after={"id_number": talent.masked_id},
    )
    return talent.id_number


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def issue_card(
    talent: Talent, *, actor: Any, card_class: str, issued_on: dt.date | None = None
) -> Card:
    """One valid card per person: validity by class (CARD_YEARS), ending the day before."""
    require(actor, "talent.manage", talent)
    if card_class not in CardClass.values:
        raise ValidationError("「卡类」无效 / unknown card class")
    day = issued_on or timezone.localdate()
    until = _add_years(day, CARD_YEARS[CardClass(card_class)]) - dt.timedelta(days=1)
    number = f"JZYC{day.year}{next_number('talent.card', day.year):05d}"
    card = audit.create_unique(
        Card,
        f"{talent.name} 已持有有效英才卡 / already holds a valid card",
        talent=talent,
        number=number,
        card_class=card_class,
        issued_on=day,
        valid_until=until,
    )
    audit.record(
        TalentEvent.CARD_ISSUED,
        actor=actor,
        target=talent,
        after={"card": number, "class": card_class, "valid_until": until.isoformat()},
    )
    return card


@transaction.atomic
def revoke_card(card: Card, *, actor: Any, reason: str) -> Card:
    require(actor, "talent.manage", card.talent)
    if not reason.strip():
        raise ValidationError("请写明注销理由 / give the reason")
    audit.transition(
        card,
        TalentEvent.CARD_REVOKED,
        actor=actor,
        field="state",
        to=CardState.REVOKED,
        after={"reason": reason},
    )
    return card


@transaction.atomic
def record_service(
    card: Card,
    *,
    actor: Any,
    service: str,
    used_on: dt.date,
    provider: str,
    amount_yuan: Any = None,
) -> ServiceUse:
    """A service used with a valid card on a day within its validity; 购房补贴 capped by degree."""
    require(actor, "talent.manage", card.talent)
    if service not in Service.values:
        raise ValidationError("「服务事项」无效 / unknown service")
    if card.state != CardState.VALID or not card.issued_on <= used_on <= card.valid_until:
        raise ValidationError(
            f"英才卡在 {used_on:%Y-%m-%d} 无效（有效期 {card.issued_on:%Y-%m-%d} 至 "
            f"{card.valid_until:%Y-%m-%d}，状态：{card.get_state_display()}） / card not valid that day"
        )
    amount = None
    if amount_yuan not in (None, ""):
        try:
            amount = Decimal(str(amount_yuan))
        except (InvalidOperation, ValueError):
            raise ValidationError("「金额」不是有效金额 / not an amount") from None
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
            raise ValidationError("「金额」须为非负且小于100亿元 / out of range")
    if service == Service.HOUSING:
        Talent.objects.select_for_update().filter(pk=card.talent_id).first()  # serialise the cap
        cap = HOUSING_CAP_YUAN.get(Degree(card.talent.degree))
        if cap is None or amount is None:
            raise ValidationError(
                "购房补贴仅限本科及以上，并须填写金额 / degree and amount required"
            )
        used = sum(
            (s.amount_yuan or Decimal(0))
            for s in ServiceUse.objects.filter(card__talent=card.talent, service=Service.HOUSING)
        )
        if used + amount > cap:
            raise ValidationError(
                f"购房补贴累计不得超过 {cap:,.0f} 元（{card.talent.get_degree_display()}），"
                f"已发放 {used:,.0f} 元 / above the cap"
            )
    use = ServiceUse.objects.create(
        card=card, used_on=used_on, service=service, provider=provider, amount_yuan=amount
    )
    audit.record(
        TalentEvent.SERVICE_USED,
        actor=actor,
        target=card.talent,
        after={"service": service, "used_on": used_on.isoformat(), "amount": str(amount or "")},
    )
    return use
