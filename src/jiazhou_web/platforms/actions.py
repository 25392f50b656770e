"""Every write of 创新平台: one transaction, one audit row; who may do it asked of core.access."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou_web.core import audit
from jiazhou_web.core.access import require
from jiazhou_web.core.magnitude import check_fits
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.platforms.choices import Evaluation, Kind, Level, PlatformEvent, Status
from jiazhou_web.platforms.models import AnnualReport, Platform


@transaction.atomic
def register(*, actor: Any, region: Any, **fields: Any) -> Platform:
    """登记 a recognised platform (in the officer's region; the city anywhere)."""
    require(actor, "platforms.manage")
    if fields.get("kind") not in Kind.values:
        raise ValidationError("「类别」无效 / unknown kind")
    if fields.get("level") not in Level.values:
        raise ValidationError("「级别」无效 / unknown level")
    day = fields.get("recognised_on")
    if not isinstance(day, dt.date) or day > timezone.localdate():
        raise ValidationError("「认定日期」须为今天或以前的日期 / recognised on a past day")
    scope = user_scope(actor)
    if not scope.city and region.code not in scope.region_codes:
        raise ValidationError("只能登记本辖区的平台 / outside your region")
    platform = audit.create_unique(
        Platform,
        f"已有同名{Level(fields['level']).label}平台「{fields.get('name')}」 / already registered",
        region=region,
        **fields,
    )
    audit.record(
        PlatformEvent.REGISTERED,
        actor=actor,
        target=platform,
        after={"name": platform.name, "level": platform.level, "kind": platform.kind},
    )
    return platform


@transaction.atomic
def record_evaluation(
    platform: Platform, *, actor: Any, evaluated_on: dt.date, result: str
) -> Platform:
    """评估: a 不合格 result revokes the recognition (the platform leaves the counts)."""
    require(actor, "platforms.manage", platform)
    if result not in Evaluation.values:
        raise ValidationError("「评估结果」无效 / unknown result")
    if evaluated_on > timezone.localdate() or evaluated_on < platform.recognised_on:
        raise ValidationError("评估日期须在认定日期之后、今天之前 / date out of range")
    values: dict[str, Any] = {"evaluated_on": evaluated_on, "evaluation": result}
    if result == Evaluation.FAIL:
        values["status"] = Status.REVOKED
    before = {"evaluation": platform.evaluation, "status": platform.status}
    audit.claim(platform, values, unchanged=["evaluated_on", "status"])
    audit.record(
        PlatformEvent.REVOKED if result == Evaluation.FAIL else PlatformEvent.EVALUATED,
        actor=actor,
        target=platform,
        before=before,
        after={"evaluation": result, "status": platform.status},
    )
    return platform


def _amount(value: Any, label: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"「{label}」不是有效金额 / not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(f"「{label}」须为非负金额 / must not be negative")
    problem = check_fits(amount, AnnualReport, "rd_spending_yuan")
    if problem:
        raise ValidationError(f"「{label}」{problem[0]} / {problem[1]}")
    return amount


@transaction.atomic
def file_report(
    platform: Platform,
    *,
    actor: Any,
    year: int,
    rd_spending_yuan: Any,
    staff: int,
    projects: int = 0,
    patents: int = 0,
) -> AnnualReport:
    """年报 of a past year, by the host firm or an officer; once per year."""
    require(actor, "platforms.report", platform)
    if not platform.recognised_on.year <= year < timezone.localdate().year:
        raise ValidationError(
            f"年报年度须在认定年（{platform.recognised_on.year}）与上年之间 / year out of range"
        )
    if min(staff, projects, patents) < 0:
        raise ValidationError("人数和项数不能为负 / counts must not be negative")
    report = audit.create_unique(
        AnnualReport,
        f"{platform.name} {year}年年报已报送 / already filed",
        platform=platform,
        year=year,
        rd_spending_yuan=_amount(rd_spending_yuan, "研发投入"),
        staff=staff,
        projects=projects,
        patents=patents,
    )
    audit.record(PlatformEvent.REPORTED, actor=actor, target=platform, after={"year": year})
    return report


@transaction.atomic
def link_item(platform: Platform, item: Any, *, actor: Any) -> None:
    """Point a 三张清单 item (the platform-creation list) at the platform record."""
    require(actor, "platforms.manage", platform)
    if platform.items.filter(pk=item.pk).exists():
        raise ValidationError("已关联该督办事项 / already linked")
    platform.items.add(item)
    audit.record(PlatformEvent.LINKED, actor=actor, target=platform, after={"item": item.code})
