"""专家评审: the reviewer's queue of results awaiting expert judgement and the action that
records the judgement and completes the firm's result.

* the queue: current results in ``review`` with at least one ``manual_review`` criterion, in
  the reviewer's scope; a firm the reviewer has declared a link with (ReviewerAffiliation) is
  shown as 回避 and cannot be opened for judgement;
* :func:`record_expert_review`: one transaction — the result row is locked and updated only
  if it is still ``review`` (a second expert gets a clear message), the criteria take the
  expert's points/decisions, the unit's totals and status are recomputed by the engine's rules
  (:func:`jiazhou.schemes.review.settle`), one audit row is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from jiazhou.schemes import load_scheme
from jiazhou.schemes.review import Criterion, ReviewError, settle
from jiazhou_web.core import access, audit
from jiazhou_web.scoring.choices import CriterionStatus, ScoringEvent, UnitStatus
from jiazhou_web.scoring.models import (
    CriterionResult,
    ExpertReview,
    ReviewerAffiliation,
    ScoringRun,
    UnitResult,
)


def review_queue(user: Any) -> QuerySet[UnitResult]:
    """Current results awaiting expert review within ``user``'s scope, each annotated with
    ``withdrawn`` (the reviewer declared a link with the firm: 回避)."""
    manual = CriterionResult.objects.filter(
        unit=OuterRef("pk"), status=CriterionStatus.MANUAL_REVIEW
    )
    linked = ReviewerAffiliation.objects.filter(
        reviewer_id=getattr(user, "pk", None), enterprise=OuterRef("enterprise_id")
    )
    rows: QuerySet[UnitResult] = (
        UnitResult.objects.for_user(user)
        .filter(current=True, status=UnitStatus.REVIEW)
        .filter(Exists(manual))
        .annotate(withdrawn=Exists(linked))
        .select_related("enterprise", "run")
        .order_by("run__scheme_code", "enterprise__name", "id")
    )
    return rows


def must_withdraw(user: Any, unit: UnitResult) -> bool:
    return ReviewerAffiliation.objects.filter(
        reviewer=user, enterprise_id=unit.enterprise_id
    ).exists()


def manual_criteria(unit: UnitResult) -> list[CriterionResult]:
    return list(unit.criteria.filter(status=CriterionStatus.MANUAL_REVIEW).order_by("id"))


@transaction.atomic
def declare_affiliation(reviewer: Any, enterprise: Any, relation: str, *, actor: Any) -> Any:
    """The reviewer declares a link with a firm (from then on 回避 for that firm)."""
    relation = relation.strip()
    if not relation:
        raise ValidationError("请说明与企业的关系 / state the relation to the firm")
    row = audit.create_unique(
        ReviewerAffiliation,
        "已申报与该企业的关联 / this link is already declared",
        reviewer=reviewer,
        enterprise=enterprise,
        relation=relation[:100],
        declared_at=timezone.now(),
    )
    audit.record(
        ScoringEvent.AFFILIATION_DECLARED,
        actor=actor,
        target=row,
        after={"enterprise": enterprise.name, "relation": row.relation},
    )
    return row


@transaction.atomic
def record_expert_review(
    unit: UnitResult,
    decisions: Mapping[str, float | bool],
    *,
    actor: Any,
    comment: str = "",
) -> ExpertReview:
    """Record the expert's judgement of every ``manual_review`` criterion of ``unit`` and
    complete the result (status, totals). Nothing is written unless all of it is valid."""
    access.require(actor, "scoring.expert_review", unit)
    if must_withdraw(actor, unit):
        raise PermissionDenied(
            "您已申报与该企业存在关联，须回避本企业的评审 / "
            "you declared a link with this firm and must withdraw from its review"
        )
    locked = UnitResult.objects.select_for_update().get(pk=unit.pk)
    if locked.status != UnitStatus.REVIEW:
        raise audit.StaleStateError(
            f"该企业的结果已是「{locked.get_status_display()}」，无需再评审（可能已由其他专家完成）/ "
            "this result is no longer awaiting review (another expert may have completed it)"
        )
    rows = {c.criterion: c for c in locked.criteria.all()}
    waiting = {cid for cid, c in rows.items() if c.status == CriterionStatus.MANUAL_REVIEW}
    missing = sorted(waiting - set(decisions))
    if missing:
        raise ValidationError(
            f"以下评审项尚未评定：{'、'.join(missing)} / not yet judged: {', '.join(missing)}"
        )
    scheme = load_scheme(locked.run.scheme_code)
    if scheme.version != locked.run.scheme_version:
        raise ValidationError(
            f"评分方案已更新（{locked.run.scheme_version} → {scheme.version}），请先重新评分 / "
            "the scheme changed since this run; score again first"
        )
    stored = {
        cid: Criterion(c.kind, c.status, c.points_min, c.points_max) for cid, c in rows.items()
    }
    try:
        settled = settle(scheme, stored, decisions)
    except ReviewError as exc:
        raise ValidationError(str(exc)) from None
    for cid in waiting:
        after = settled.criteria[cid]
        CriterionResult.objects.filter(pk=rows[cid].pk).update(
            status=after.status, points_min=after.points_min, points_max=after.points_max
        )
    before = locked.status
    audit.transition(
        locked,
        ScoringEvent.EXPERT_REVIEWED,
        actor=actor,
        field="status",
        to=settled.status,
        changes={
            "total": settled.total,
            "total_min": settled.total_min,
            "total_max": settled.total_max,
            "n_unmet": settled.n_unmet,
            "n_unknown": settled.n_unknown,
            "n_review": settled.n_review,
        },
        after={"total": settled.total, "decisions": dict(decisions)},
        extra={"enterprise": locked.enterprise.name},
    )
    if settled.status == UnitStatus.PASS:  # the run's count of qualifying firms follows
        ScoringRun.objects.filter(pk=locked.run_id).update(pass_count=F("pass_count") + 1)
    return ExpertReview.objects.create(
        unit=locked,
        reviewer=actor,
        decisions=dict(decisions),
        status_before=before,
        status_after=settled.status,
        comment=comment,
        recorded_at=timezone.now(),
    )
