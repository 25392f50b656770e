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
from jiazhou_web.scoring.choices import (
    AffiliationKind,
    CriterionStatus,
    ScoringEvent,
    UnitStatus,
)
from jiazhou_web.scoring.conflicts import conflicts_for, has_conflict, still_binding
from jiazhou_web.scoring.models import (
    CriterionResult,
    ExpertReview,
    ReviewAssignment,
    ReviewerAffiliation,
    ScoringRun,
    UnitResult,
)


def review_queue(user: Any) -> QuerySet[UnitResult]:
    """Current results awaiting expert review within ``user``'s scope, each annotated with
    ``withdrawn`` (the reviewer declared a link with the firm that conflicts now: 回避)."""
    manual = CriterionResult.objects.filter(
        unit=OuterRef("pk"), status=CriterionStatus.MANUAL_REVIEW
    )
    linked = ReviewerAffiliation.objects.filter(
        still_binding(timezone.localdate().year),
        reviewer_id=getattr(user, "pk", None),
        enterprise=OuterRef("enterprise_id"),
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
    return has_conflict(user, unit.enterprise_id, timezone.localdate().year)


def manual_criteria(unit: UnitResult) -> list[CriterionResult]:
    return list(unit.criteria.filter(status=CriterionStatus.MANUAL_REVIEW).order_by("id"))


@transaction.atomic
def declare_affiliation(
    reviewer: Any,
    enterprise: Any,
    relation: str = "",
    *,
    actor: Any,
    kind: str = AffiliationKind.OTHER,
    until_year: int | None = None,
) -> ReviewerAffiliation:
    """The reviewer declares a link with a firm: employer, past employer (with the last year
    worked), shareholding, a relative's firm or another link. From then on the reviewer is
    回避 for that firm while the link conflicts (a past employer: within the look-back)."""
    access.require(actor, "scoring.declare_affiliation")
    if getattr(actor, "pk", None) != getattr(reviewer, "pk", None) and not actor.is_superuser:
        raise PermissionDenied("只能申报本人的关联 / you declare your own affiliations only")
    if kind not in AffiliationKind.values:
        raise ValidationError(f"未知的关联类型：{kind} / unknown kind of link")
    relation = relation.strip()
    if kind == AffiliationKind.OTHER and not relation:
        raise ValidationError("请说明与企业的关系 / state the relation to the firm")
    this_year = timezone.localdate().year
    if kind == AffiliationKind.PAST_EMPLOYER:
        if until_year is None:
            raise ValidationError("曾任职单位须填写离职年份 / give the last year worked there")
        if until_year > this_year:
            raise ValidationError(
                f"离职年份不能晚于{this_year}年 / the last year cannot be in the future"
            )
    else:
        until_year = None
    row = audit.create_unique(
        ReviewerAffiliation,
        "已申报过该企业的同类关联 / this link is already declared",
        reviewer=reviewer,
        enterprise=enterprise,
        kind=kind,
        until_year=until_year,
        relation=relation[:100],
        declared_at=timezone.now(),
    )
    audit.record(
        ScoringEvent.AFFILIATION_DECLARED,
        actor=actor,
        target=row,
        after={
            "enterprise": enterprise.name,
            "kind": row.get_kind_display(),
            "until_year": until_year,
            "relation": row.relation,
        },
    )
    return row


@transaction.atomic
def withdraw_affiliation(row: ReviewerAffiliation, *, actor: Any) -> None:
    """The reviewer removes a declaration of their own (declared by mistake, or ended)."""
    access.require(actor, "scoring.declare_affiliation")
    if row.reviewer_id != getattr(actor, "pk", None) and not actor.is_superuser:
        raise PermissionDenied("只能撤回本人的申报 / you withdraw your own declarations only")
    audit.record(
        ScoringEvent.AFFILIATION_WITHDRAWN,
        actor=actor,
        target=row,
        before={
            "enterprise": row.enterprise.name,
            "kind": row.get_kind_display(),
            "until_year": row.until_year,
            "relation": row.relation,
        },
    )
    row.delete()


def reviewers() -> QuerySet[Any]:
    """Every user holding an active 评审专家 role, by name."""
    from django.contrib.auth import get_user_model

    from jiazhou_web.accounts.choices import Role
    from jiazhou_web.accounts.models import RoleAssignment

    active = RoleAssignment.objects.active().filter(role=Role.REVIEWER, user=OuterRef("pk"))
    users: QuerySet[Any] = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Exists(active))
        .order_by("display_name", "username")
    )
    return users


def assignment_options(unit: UnitResult) -> list[dict[str, Any]]:
    """Every reviewer for one result: assigned already, free to assign, or excluded with the
    reasons of the conflict (two queries whatever the number of reviewers)."""
    conflicts = conflicts_for(unit.enterprise_id, timezone.localdate().year)
    assigned = set(unit.assignments.values_list("reviewer_id", flat=True))
    return [
        {
            "reviewer": user,
            "assigned": user.pk in assigned,
            "reasons": conflicts.get(user.pk, []),
        }
        for user in reviewers()
    ]


@transaction.atomic
def assign_reviewer(unit: UnitResult, reviewer: Any, *, actor: Any) -> ReviewAssignment:
    """The city assigns a reviewer to a result awaiting expert review — never one with a
    conflict of interest for the firm (the reasons are the refusal's message)."""
    access.require(actor, "scoring.assign_reviewer", unit)
    if not reviewers().filter(pk=reviewer.pk).exists():
        raise ValidationError("只能指派评审专家 / only reviewers can be assigned")
    if unit.status != UnitStatus.REVIEW or not unit.current:
        raise ValidationError("该结果不在待评审状态 / this result is not awaiting review")
    found = conflicts_for(unit.enterprise_id, timezone.localdate().year).get(reviewer.pk)
    if found:
        raise ValidationError(
            f"{str(reviewer)}须回避：{'；'.join(found)} / "
            "this reviewer has a conflict of interest with the firm"
        )
    row = audit.create_unique(
        ReviewAssignment,
        "该专家已被指派评审此企业 / already assigned",
        unit=unit,
        reviewer=reviewer,
        assigned_by=actor,
        assigned_at=timezone.now(),
    )
    audit.record(
        ScoringEvent.REVIEWER_ASSIGNED,
        actor=actor,
        target=row,
        after={
            "enterprise": unit.enterprise.name,
            "reviewer": str(reviewer),
        },
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
