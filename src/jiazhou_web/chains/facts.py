"""From attachments to segment facts and statuses (the rule itself is ``jiazhou.chains.status``).

:func:`chain_view` reads a whole chain in a fixed number of queries: segments, attachments,
the revenue of the attached firms. Firms count only when confirmed, operating and active in the
register; a project under construction counts as pipeline only (spec §5.5 case 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from jiazhou.chains import STALE_AFTER_DAYS, SegmentFacts, StatusResult, age_days, segment_status
from jiazhou_web.chains.choices import AttachmentKind, AttachmentState, PlatformLevel, Stage
from jiazhou_web.chains.models import Attachment, Chain, Segment
from jiazhou_web.enterprises.models import EnterpriseFigure

REVENUE_FIELD = "operating_revenue"
TECH_KINDS = (AttachmentKind.CONTRACT, AttachmentKind.ACHIEVEMENT)
ISSUE_KINDS = (AttachmentKind.TICKET,)


@dataclass
class SegmentView:
    segment: Segment
    result: StatusResult
    facts: SegmentFacts
    attachments: list[Attachment] = field(default_factory=list)
    proposals: list[Attachment] = field(default_factory=list)
    firms: list[tuple[Attachment, Decimal | None]] = field(default_factory=list)
    oldest_days: int | None = None
    stale: int = 0
    n_above_scale: int = 0
    revenue_share: Decimal | None = None  # of the chain's known revenue


def attachments_of(segments: list[Segment]) -> QuerySet[Attachment]:
    return (
        Attachment.objects.filter(segment__in=segments)
        .exclude(state=AttachmentState.REJECTED)
        .select_related("enterprise", "supervision_item")
    )


def latest_revenues(enterprise_ids: set[int]) -> dict[int, Decimal]:
    out: dict[int, tuple[int, Decimal]] = {}
    rows = EnterpriseFigure.objects.filter(
        enterprise_id__in=enterprise_ids, field=REVENUE_FIELD, value__isnull=False
    ).values_list("enterprise_id", "fiscal_year", "value")
    for eid, year, value in rows:
        if eid not in out or year > out[eid][0]:
            out[eid] = (year, value)
    return {k: v for k, (_, v) in out.items()}


def chain_view(chain: Chain, *, today: dt.date) -> list[SegmentView]:
    segments = list(chain.segments.all())
    by_segment: dict[int, list[Attachment]] = {s.pk: [] for s in segments}
    for a in attachments_of(segments):
        by_segment[a.segment_id].append(a)
    firm_ids = {a.enterprise_id for lst in by_segment.values() for a in lst if a.enterprise_id}
    revenues = latest_revenues(firm_ids)
    masters = set(chain.chain_masters)
    views = [_segment_view(s, by_segment[s.pk], revenues, masters, today) for s in segments]
    total = sum((r for v in views for _, r in v.firms if r), Decimal(0))
    for v in views:
        mine = sum((r for _, r in v.firms if r), Decimal(0))
        v.revenue_share = mine / total if total > 0 and v.firms else None
    return views


def _segment_view(
    segment: Segment,
    attachments: list[Attachment],
    revenues: dict[int, Decimal],
    masters: set[str],
    today: dt.date,
) -> SegmentView:
    confirmed = [a for a in attachments if a.state == AttachmentState.CONFIRMED]
    firms = [
        (a, revenues.get(a.enterprise_id) if a.enterprise_id else None)
        for a in confirmed
        if a.kind == AttachmentKind.ENTERPRISE and a.stage != Stage.UNDER_CONSTRUCTION
    ]
    pipeline = [
        a
        for a in confirmed
        if a.kind in (AttachmentKind.PROJECT, AttachmentKind.ENTERPRISE)
        and a.stage == Stage.UNDER_CONSTRUCTION
    ]
    platforms = [
        a
        for a in confirmed
        if a.kind == AttachmentKind.PLATFORM
        and a.level in (PlatformLevel.NATIONAL, PlatformLevel.PROVINCIAL)
    ]
    tech_dates = tuple(a.occurred_on for a in confirmed if a.kind in TECH_KINDS and a.occurred_on)
    facts = SegmentFacts(
        revenues=tuple(r for _, r in firms),
        n_pipeline_projects=len(pipeline),
        n_platforms=len(platforms),
        tech_source_dates=tech_dates,
        has_chain_master=any(a.label in masters for a, _ in firms),
        n_open_issues=sum(1 for a in confirmed if a.is_open),
    )
    ages = [d for a in confirmed if (d := age_days(a.verified_at, today)) is not None]
    return SegmentView(
        segment=segment,
        result=segment_status(facts, today=today),
        facts=facts,
        attachments=confirmed,
        proposals=[a for a in attachments if a.state == AttachmentState.PROPOSED],
        firms=firms,
        oldest_days=max(ages) if ages else None,
        stale=sum(1 for d in ages if d > STALE_AFTER_DAYS)
        + sum(1 for a in confirmed if a.verified_at is None),
        n_above_scale=sum(
            1 for a, _ in firms if a.enterprise is not None and a.enterprise.above_scale_industrial
        ),
    )


def spec_of(segment: Segment) -> Any:
    """The segment as the engine's ``SegmentSpec`` (for matching and 招商 ranking)."""
    from jiazhou.chains import SegmentSpec

    return SegmentSpec(
        code=segment.code,
        name=segment.name,
        position=segment.position,
        industry_codes=tuple(segment.industry_codes),
        product_keywords=tuple(segment.product_keywords),
        tech_keywords=tuple(segment.tech_keywords),
    )
