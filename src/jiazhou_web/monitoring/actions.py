"""Every write of the monitoring app; each writes exactly one audit row.

``actor=None`` is the system (data loaders); a user actor must hold the right role: county and
zone officers report for their own region, the city administrator reviews (core.access: ``monitoring.report`` / ``monitoring.review``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.humanize import period_zh
from jiazhou_web.core import audit
from jiazhou_web.core.access import can
from jiazhou_web.monitoring.choices import MonitoringEvent, PeriodBasis, SubmissionStatus
from jiazhou_web.monitoring.models import Indicator, Observation, Submission, Target
from jiazhou_web.monitoring.reporting import period_fits
from jiazhou_web.monitoring.validation import assess, check_period, previous_values


def _require(allowed: bool, zh: str, en: str) -> None:
    if not allowed:
        raise PermissionDenied(f"{zh} / {en}")


def _require_reporter(actor: Any, submission: Submission) -> None:
    if actor is not None:
        _require(
            can(actor, "monitoring.report", submission),
            f"无权为{submission.unit_label}填报",
            f"you may not report for {submission.unit_label}",
        )
    if not submission.editable:
        raise ValidationError(
            f"填报批次「{submission}」已{submission.get_status_display()}，不能修改 / "
            f"batch {submission} is {submission.status} and cannot be changed"
        )


@transaction.atomic
def set_indicator_department(
    indicator: Indicator, department: Any, *, demo: bool, actor: Any
) -> Indicator:
    before = {"department": str(indicator.responsible_department or "")}
    indicator.responsible_department = department
    indicator.department_is_demo = demo
    indicator.save(update_fields=["responsible_department", "department_is_demo", "updated"])
    audit.record(
        MonitoringEvent.INDICATOR_DEPARTMENT_SET,
        actor=actor,
        target=indicator,
        before=before,
        after={"department": str(department or ""), "demo": demo},
    )
    return indicator


@transaction.atomic
def create_target(*, actor: Any, **fields: Any) -> Target:
    """A target as its document words it (fields of :class:`Target`)."""
    return save_new_target(Target(**fields), actor=actor)


@transaction.atomic
def save_new_target(target: Target, *, actor: Any) -> Target:
    """Save a target built elsewhere (the admin's add form), with its audit row."""
    target.save()
    audit.record(
        MonitoringEvent.TARGET_CREATED,
        actor=actor,
        target=target,
        after={
            "code": target.code,
            "value": target.value,
            "comparator": target.comparator,
            "synthetic": target.synthetic,
        },
    )
    return target


@transaction.atomic
def load_published_figure(*, actor: Any, **fields: Any) -> Observation:
    """A figure stated in a published document (seed file and quote), loaded as it is."""
    observation = Observation.objects.create(**fields)
    audit.record(
        MonitoringEvent.FACT_LOADED,
        actor=actor,
        target=observation,
        after={
            "fact": observation.fact_code,
            "value": observation.value,
            "qualifier": observation.qualifier,
            "period": observation.period,
            "period_basis": observation.period_basis,
            "source_file": observation.source_file,
        },
    )
    return observation


@transaction.atomic
def open_submission(
    region: Any, period: str, *, actor: Any, synthetic: bool = False, department: Any = None
) -> Submission:
    """Open the batch of ``region`` (or of the 责任单位 ``department``, whose figures are the
    city's) for ``period``: one per region and period, one per department and period."""
    unit = department.name if department is not None else str(region)
    if actor is not None:
        allowed = can(actor, "monitoring.report", department if department is not None else region)
        _require(allowed, f"无权为{unit}填报", f"you may not report for {unit}")
    errors = check_period(period)
    if errors:
        raise ValidationError([str(e) for e in errors])
    label = period_zh(period)
    duplicate = f"{unit} {label} 的填报批次已存在 / the batch of {unit} for {period} exists"
    same = (
        Submission.objects.filter(department=department, period=period)
        if department is not None
        else Submission.objects.filter(region=region, department__isnull=True, period=period)
    )
    if same.exists():
        raise ValidationError(duplicate)
    submission = audit.create_unique(
        Submission,
        duplicate,
        region=region,
        department=department,
        period=period,
        created_by=audit.acting_user(actor),
        synthetic=synthetic,
    )
    after = {"region": region.code, "period": period}
    if department is not None:
        after["department"] = department.code
    audit.record(MonitoringEvent.SUBMISSION_CREATED, actor=actor, target=submission, after=after)
    return submission


def _check_reportable(submission: Submission, rows: list[dict[str, Any]]) -> None:
    """A 责任单位 reports only the indicators it owns; a cumulative (months-to-date) period
    takes only monthly-reported indicators. The first offending row raises; nothing is stored."""
    fits = period_fits(submission.period)
    ids = {row["indicator"].pk for row in rows}
    allowed = set(Indicator.objects.filter(fits, pk__in=ids).values_list("pk", flat=True))
    for row in rows:
        indicator: Indicator = row["indicator"]
        if indicator.pk not in allowed:
            raise ValidationError(
                f"「{indicator.name}」按年报送，不能在累计期「{period_zh(submission.period)}」填报，"
                f"请在年度填报期填报 / {indicator.code} is reported yearly, not for a "
                "months-to-date period"
            )
        if (
            submission.department_id is not None
            and indicator.responsible_department_id != submission.department_id
        ):
            raise ValidationError(
                f"「{indicator.name}」不是{submission.unit_label}负责的指标，不能由本单位填报 / "
                f"{indicator.code} is not an indicator of {submission.unit_label}"
            )


def _store_values(submission: Submission, rows: list[dict[str, Any]]) -> list[Observation]:
    """Validate and enter (or replace) values of a batch; the first error raises.

    Batched: one query for last year's values, one for the batch's values already entered,
    then one insert and one update, however many rows (the seeding loads thousands).
    """
    _check_reportable(submission, rows)
    previous = previous_values(submission.region, submission.period)
    indicator_ids = [row["indicator"].pk for row in rows]
    entered = {
        o.indicator_id: o
        for o in Observation.objects.filter(submission=submission, indicator__in=indicator_ids)
    }
    today = timezone.localdate()
    stored: list[Observation] = []
    new: dict[int, Observation] = {}
    for row in rows:
        indicator: Indicator = row["indicator"]
        unit = row.get("unit") or ""
        yoy_growth_pct = row.get("yoy_growth_pct")
        errors, warnings = assess(
            indicator, row["value"], unit, yoy_growth_pct, previous.get(indicator.pk)
        )
        if errors:
            raise ValidationError([f"{indicator.code}：{e}" for e in errors])
        fields = {
            "region": submission.region,
            "period": submission.period,
            "period_basis": PeriodBasis.STATED,
            "value": row["value"],
            "unit": unit or indicator.unit,
            "qualifier": row.get("qualifier") or "",
            "yoy_growth_pct": yoy_growth_pct,
            "reported_on": today,
            "warnings": [str(w) for w in warnings],
            "explanation": (row.get("explanation") or "").strip(),
            "synthetic": submission.synthetic,
        }
        observation = entered.get(indicator.pk) or new.get(indicator.pk)
        if observation is None:
            observation = new[indicator.pk] = Observation(
                submission=submission, indicator=indicator, **fields
            )
        else:
            for name, value in fields.items():
                setattr(observation, name, value)
        stored.append(observation)
    Observation.objects.bulk_create(new.values())
    if entered:
        now = timezone.now()  # bulk_update skips auto_now
        for observation in entered.values():
            observation.updated = now
        Observation.objects.bulk_update(entered.values(), [*fields, "updated"])
    return stored


@transaction.atomic
def record_observation(
    submission: Submission,
    indicator: Indicator,
    *,
    value: Decimal,
    actor: Any,
    unit: str = "",
    qualifier: str = "",
    yoy_growth_pct: Decimal | None = None,
    explanation: str = "",
) -> Observation:
    """Enter (or replace) one value of a batch; errors raise, warnings are stored with it."""
    _require_reporter(actor, submission)
    row = {
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "yoy_growth_pct": yoy_growth_pct,
        "explanation": explanation,
    }
    [observation] = _store_values(submission, [row])
    audit.record(
        MonitoringEvent.OBSERVATION_RECORDED,
        actor=actor,
        target=observation,
        after={
            "value": observation.value,
            "warnings": observation.warnings,
            "explanation": observation.explanation,
        },
    )
    return observation


@transaction.atomic
def import_observations(
    submission: Submission, rows: list[dict[str, Any]], *, actor: Any
) -> list[Observation]:
    """Store the parsed rows of an Excel file in one batch (one audit row for the file).

    Each row has ``indicator`` (an :class:`Indicator`), ``value`` and optionally ``unit``,
    ``qualifier``, ``yoy_growth_pct`` and ``explanation``.
    """
    _require_reporter(actor, submission)
    stored = _store_values(submission, rows)
    audit.record(
        MonitoringEvent.OBSERVATIONS_IMPORTED,
        actor=actor,
        target=submission,
        after={
            "rows": len(stored),
            "indicators": [o.indicator.code for o in stored],
            "warnings": sum(1 for o in stored if o.warnings),
        },
    )
    return stored


@transaction.atomic
def explain_observation(observation: Observation, text: str, *, actor: Any) -> Observation:
    """The written explanation a warning needs (情况说明)."""
    assert observation.submission is not None
    _require_reporter(actor, observation.submission)
    if not text.strip():
        raise ValidationError("说明不能为空 / the explanation is required")
    before = {"explanation": observation.explanation}
    observation.explanation = text.strip()
    observation.save(update_fields=["explanation", "updated"])
    audit.record(
        MonitoringEvent.OBSERVATION_EXPLAINED,
        actor=actor,
        target=observation,
        before=before,
        after={"explanation": observation.explanation},
    )
    return observation


@transaction.atomic
def delete_observation(observation: Observation, *, actor: Any) -> None:
    assert observation.submission is not None
    submission = observation.submission
    _require_reporter(actor, submission)
    before = {"indicator": observation.indicator.code, "value": observation.value}
    observation.delete()
    audit.record(MonitoringEvent.OBSERVATION_DELETED, actor=actor, target=submission, before=before)


@transaction.atomic
def submit_submission(submission: Submission, *, actor: Any) -> Submission:
    """区县/高新区 → 市: needs at least one value and an explanation for every warning."""
    _require_reporter(actor, submission)
    observations = list(submission.observations.select_related("indicator"))
    if not observations:
        raise ValidationError("批次中没有任何填报值 / the batch has no values")
    unexplained = [o.indicator.name for o in observations if o.needs_explanation]
    if unexplained:
        raise ValidationError(
            "以下指标有预警但未填写说明："
            + "、".join(unexplained)
            + f" / {len(unexplained)} value(s) with warnings need a written explanation"
        )
    audit.transition(
        submission,
        MonitoringEvent.SUBMISSION_SUBMITTED,
        actor=actor,
        field="status",
        to=SubmissionStatus.SUBMITTED,
        changes={"submitted_at": timezone.now()},
        after={"values": len(observations)},
    )
    return submission


def _require_reviewable(actor: Any, submission: Submission) -> None:
    if actor is not None:
        _require(
            can(actor, "monitoring.review"),
            "仅市级管理员可审核",
            "only the city administrator may review",
        )
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(
            f"只能审核已报送的批次（当前：{submission.get_status_display()}） / "
            f"only submitted batches can be reviewed (now {submission.status})"
        )


@transaction.atomic
def return_submission(submission: Submission, comment: str, *, actor: Any) -> Submission:
    """退回: back to the reporting region with a comment saying what to fix."""
    _require_reviewable(actor, submission)
    if not comment.strip():
        raise ValidationError("退回时必须填写意见 / a comment is required to return a batch")
    audit.transition(
        submission,
        MonitoringEvent.SUBMISSION_RETURNED,
        actor=actor,
        field="status",
        to=SubmissionStatus.RETURNED,
        changes={
            "return_comment": comment.strip(),
            "reviewed_by": audit.acting_user(actor),
            "reviewed_at": timezone.now(),
        },
        after={"comment": comment.strip()},
    )
    return submission


@transaction.atomic
def approve_submission(submission: Submission, *, actor: Any) -> Submission:
    """审核通过: from now on the batch's values feed the dashboards."""
    _require_reviewable(actor, submission)
    audit.transition(
        submission,
        MonitoringEvent.SUBMISSION_APPROVED,
        actor=actor,
        field="status",
        to=SubmissionStatus.APPROVED,
        changes={"reviewed_by": audit.acting_user(actor), "reviewed_at": timezone.now()},
    )
    return submission
