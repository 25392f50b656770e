"""Every write of the annual evaluations: one transaction, one audit row (design: core.audit).

Run → 草稿; the zone approves (已审核); 公示 for a fixed number of working days
(``jiazhou.worktime`` via the editable holiday table); during 公示 a firm or its county files an
异议, the zone decides (an upheld objection corrects the figure and re-computes the whole run,
every changed result is kept as a ``ResultChange``); after 公示, with no objection open, publish.
State changes lock the row, so each happens exactly once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.schemes import load_scheme
from jiazhou_web.core import audit
from jiazhou_web.core.access import can
from jiazhou_web.enterprises.actions import set_annual_figures
from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.evaluations import compute, cultivation
from jiazhou_web.evaluations.choices import CohortKind, EvaluationEvent, ObjectionState, RunState
from jiazhou_web.evaluations.models import (
    EvaluationResult,
    EvaluationRun,
    Objection,
    Park,
    ParkFirm,
    ResultChange,
)
from jiazhou_web.regions.models import Region
from jiazhou_web.supervision.working_calendar import current_calendar

BATCH = 2000
MAX_PUBLICITY_DAYS = 30


def cohort_firms(kind: str, code: str, actor: Any) -> Any:
    """The firms of a cohort that ``actor`` may see."""
    firms = Enterprise.objects.for_user(actor)
    if kind == CohortKind.ZONE:
        return firms.filter(zone__code=code)
    if kind == CohortKind.PARK:
        return firms.filter(park_membership__park__code=code)
    return firms.filter(region__code__in=Region.objects.subtree_codes(code))


def _fail(zh: str, en: str) -> ValidationError:
    return ValidationError(f"{zh} / {en}")


def _store_results(run: EvaluationRun, rows: list[dict[str, Any]]) -> None:
    EvaluationResult.objects.bulk_create(
        (EvaluationResult(run=run, **row) for row in rows), batch_size=BATCH
    )


def create_run(
    scheme_code: str,
    eval_year: int,
    cohort_kind: str,
    cohort_code: str,
    *,
    actor: Any,
    progress: Callable[[int, str], None] | None = None,
) -> EvaluationRun:
    """Score every firm of the cohort and store the run as 草稿 with its completeness report.

    The scoring reads only; the run, its results and the audit row are written in one
    transaction at the end. Run as a background job (evaluations/tasks.py), ``progress`` is
    told how far it got — between the steps, outside any transaction, so the progress page
    sees it while the run is computed.
    """
    report = progress or (lambda percent, message: None)
    if not can(actor, "evaluations.run"):
        raise PermissionDenied
    known = {s.code for s in compute.evaluation_schemes()}
    if scheme_code not in known:
        raise _fail(f"未知评价方案「{scheme_code}」", f"unknown evaluation scheme {scheme_code!r}")
    park = None
    if cohort_kind == CohortKind.PARK:
        park = Park.objects.select_related("zone").filter(code=cohort_code).first()
        region = park.zone if park is not None else None
    else:
        region = Region.objects.filter(code=cohort_code).first()
    if region is None or cohort_kind not in CohortKind.values:
        raise _fail("评价范围无效", f"bad cohort {cohort_kind}:{cohort_code}")
    firms = cohort_firms(cohort_kind, cohort_code, actor)
    scheme = load_scheme(scheme_code)
    report(5, "读取企业数据 / reading the firms' figures")
    facts = compute.cohort_facts(firms)
    if facts.identity.height == 0:
        raise _fail("该范围内没有可评价的企业", "no enterprises in this cohort")
    report(40, f"计算 {facts.identity.height} 家企业得分 / scoring {facts.identity.height} firms")
    result = compute.compute(scheme, facts, eval_year)
    rows = compute.result_rows(result, facts)
    report(70, f"保存 {len(rows)} 条结果 / storing {len(rows)} results")
    with transaction.atomic():
        return _store_run(scheme, facts, rows, eval_year, cohort_kind, region, park, actor)


def _store_run(
    scheme: Any,
    facts: Any,
    rows: list[dict[str, Any]],
    eval_year: int,
    cohort_kind: str,
    region: Region,
    park: Park | None,
    actor: Any,
) -> EvaluationRun:
    run = EvaluationRun.objects.create(
        scheme_code=scheme.code,
        scheme_version=scheme.version,
        scheme_title=scheme.title_zh,
        scheme_document=scheme.document[:300],
        eval_year=eval_year,
        cohort_kind=cohort_kind,
        cohort_code=region.code,  # a park run is scoped by its zone
        cohort_label=park.name if park is not None else region.name,
        park=park,
        data_hash=facts.data_hash,
        criteria=compute.criteria_meta(scheme),
        completeness=compute.completeness(scheme, facts, eval_year),
        unit_count=len(rows),
        created_by=audit.acting_user(actor),
    )
    _store_results(run, rows)
    audit.record(
        EvaluationEvent.RUN_CREATED,
        actor=actor,
        target=run,
        after={"state": run.state, "unit_count": run.unit_count, "data_hash": run.data_hash},
        extra={"scheme": scheme.code, "version": scheme.version, "eval_year": eval_year},
    )
    return run


def _locked(run: EvaluationRun, expected: str) -> EvaluationRun:
    locked: EvaluationRun = EvaluationRun.objects.select_for_update().get(pk=run.pk)
    if locked.state != expected:
        raise _fail(
            f"当前状态为「{locked.get_state_display()}」，不能执行此操作",
            f"the run is {locked.state}, not {expected}",
        )
    return locked


@transaction.atomic
def approve_run(run: EvaluationRun, *, actor: Any) -> EvaluationRun:
    """草稿 → 已审核 (the zone approves the results)."""
    if not can(actor, "evaluations.run"):
        raise PermissionDenied
    run = _locked(run, RunState.DRAFT)
    audit.transition(
        run,
        EvaluationEvent.RUN_APPROVED,
        actor=actor,
        field="state",
        to=RunState.APPROVED,
        changes={"approved_at": timezone.now()},
    )
    return run


def publicity_window(start: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """First and last day of a 公示 of ``days`` working days starting on or after ``start``."""
    calendar = current_calendar()
    first = calendar.roll_forward(start)
    return first, calendar.add_working_days(first, days - 1)


@transaction.atomic
def start_publicity(
    run: EvaluationRun, days: int, *, actor: Any, today: dt.date | None = None
) -> EvaluationRun:
    """已审核 → 公示中 for ``days`` working days from today (the first working day from today;
    ``today`` is given only by the demo, which places a past year's cycle in the past)."""
    if not can(actor, "evaluations.run"):
        raise PermissionDenied
    if not 1 <= days <= MAX_PUBLICITY_DAYS:
        raise _fail(
            f"公示期应为 1–{MAX_PUBLICITY_DAYS} 个工作日", "publicity must be 1–30 working days"
        )
    run = _locked(run, RunState.APPROVED)
    first, last = publicity_window(today or timezone.localdate(), days)
    audit.transition(
        run,
        EvaluationEvent.PUBLICITY_STARTED,
        actor=actor,
        field="state",
        to=RunState.PUBLICITY,
        changes={"publicity_start": first, "publicity_end": last, "publicity_days": days},
        after={"publicity_start": first.isoformat(), "publicity_end": last.isoformat()},
    )
    return run


@transaction.atomic
def file_objection(
    run: EvaluationRun,
    enterprise: Enterprise,
    *,
    reason: str,
    evidence: str = "",
    field: str = "",
    fiscal_year: int | None = None,
    corrected_value: Decimal | None = None,
    actor: Any,
) -> Objection:
    """异议 during 公示, by the firm's own user or its county (with an optional data correction)."""
    if not can(actor, "evaluations.object", enterprise):
        raise PermissionDenied
    run = EvaluationRun.objects.select_for_update().get(pk=run.pk)
    today = timezone.localdate()
    if run.state != RunState.PUBLICITY or run.publicity_end is None or today > run.publicity_end:
        raise _fail("仅可在公示期内提出异议", "objections can only be filed during publicity")
    if not run.results.filter(enterprise=enterprise).exists():
        raise _fail("该企业不在本次评价中", "the enterprise is not in this evaluation")
    if not reason.strip():
        raise _fail("请填写异议理由", "a reason is required")
    if field and field not in annual_field_map():
        raise _fail(f"未知字段「{field}」", f"unknown field {field!r}")
    if field and (fiscal_year is None or corrected_value is None):
        raise _fail("更正数据须填写年度和数值", "a correction needs a fiscal year and a value")
    objection = Objection.objects.create(
        run=run,
        enterprise=enterprise,
        reason=reason.strip(),
        evidence=evidence.strip(),
        field=field,
        fiscal_year=fiscal_year if field else None,
        corrected_value=corrected_value if field else None,
        filed_by=audit.acting_user(actor),
    )
    audit.record(
        EvaluationEvent.OBJECTION_FILED,
        actor=actor,
        target=objection,
        after={"run": run.pk, "enterprise": enterprise.pk, "field": field},
    )
    return objection


def _recompute(run: EvaluationRun, objection: Objection, actor: Any) -> int:
    """Re-score the run's cohort on the current figures; returns the number of changed firms."""
    firms = Enterprise.objects.filter(pk__in=run.results.values("enterprise"))
    facts = compute.cohort_facts(firms)
    result = compute.compute(run.scheme_code, facts, run.eval_year)
    new = {r["enterprise_id"]: r for r in compute.result_rows(result, facts)}
    changed: list[ResultChange] = []
    updated: list[EvaluationResult] = []
    fields = (
        "total",
        "total_min",
        "total_max",
        "grade",
        "rank",
        "rank_stage",
        "cohort_size",
        "cohort",
        "stage",
        "exempt",
        "items",
    )
    for old in run.results.select_for_update():
        row = new.get(old.enterprise_id)
        if row is None:
            continue
        if (old.total, old.grade, old.rank) != (row["total"], row["grade"], row["rank"]):
            changed.append(
                ResultChange(
                    objection=objection,
                    enterprise_id=old.enterprise_id,
                    total_before=old.total,
                    total_after=row["total"],
                    grade_before=old.grade,
                    grade_after=row["grade"],
                    rank_before=old.rank,
                    rank_after=row["rank"],
                )
            )
        for name in fields:
            setattr(old, name, row[name])
        updated.append(old)
    EvaluationResult.objects.bulk_update(updated, fields, batch_size=BATCH)
    ResultChange.objects.bulk_create(changed)
    run.data_hash = facts.data_hash
    run.recomputed += 1
    run.save(update_fields=["data_hash", "recomputed", "updated"])
    return len(changed)


@transaction.atomic
def decide_objection(objection: Objection, *, upheld: bool, decision: str, actor: Any) -> Objection:
    """The zone's 复核: upheld → apply the correction (audited) and re-compute the run."""
    if not can(actor, "evaluations.run"):
        raise PermissionDenied
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.state != ObjectionState.FILED:
        raise _fail("该异议已复核", "the objection was already decided")
    run = EvaluationRun.objects.select_for_update().get(pk=objection.run_id)
    if run.state != RunState.PUBLICITY:
        raise _fail("评价不在公示期", "the run is not in publicity")
    if not decision.strip():
        raise _fail("请填写复核意见", "a decision note is required")
    n_changed = 0
    if upheld:
        if objection.field:
            assert objection.fiscal_year is not None
            set_annual_figures(
                objection.enterprise,
                objection.fiscal_year,
                {objection.field: objection.corrected_value},
                source="objection",
                as_of=timezone.localdate(),
                actor=actor,
            )
        n_changed = _recompute(run, objection, actor)
    audit.transition(
        objection,
        EvaluationEvent.OBJECTION_DECIDED,
        actor=actor,
        field="state",
        to=ObjectionState.UPHELD if upheld else ObjectionState.REJECTED,
        changes={
            "decision": decision.strip(),
            "decided_at": timezone.now(),
            "decided_by": audit.acting_user(actor),
        },
        after={"recomputed": upheld, "results_changed": n_changed},
    )
    return objection


@transaction.atomic
def publish_run(run: EvaluationRun, *, actor: Any, today: dt.date | None = None) -> EvaluationRun:
    """公示中 → 已发布, once the 公示 period is over and every objection is decided; graded C/D
    firms get a 帮扶 action in their 一企一策 plan (``cultivation``, through the pools actions)."""
    if not can(actor, "evaluations.run"):
        raise PermissionDenied
    run = _locked(run, RunState.PUBLICITY)
    assert run.publicity_end is not None
    day = today or timezone.localdate()
    if day <= run.publicity_end:
        raise _fail(
            f"公示期至 {run.publicity_end:%Y年%-m月%-d日} 结束后方可发布",
            "publish after the publicity period",
        )
    if run.objections.filter(state=ObjectionState.FILED).exists():
        raise _fail("尚有未复核的异议", "objections are still open")
    audit.transition(
        run,
        EvaluationEvent.RUN_PUBLISHED,
        actor=actor,
        field="state",
        to=RunState.PUBLISHED,
        changes={"published_at": timezone.now()},
    )
    cultivation.add_support_actions(run, actor=actor, today=day)  # each audited by pools
    return run


@transaction.atomic
def assign_park(enterprise: Enterprise, park: Park | None, *, actor: Any) -> None:
    """Put a firm in ``park`` (``None``: in no park); the zone's officers and the city only."""
    if not can(actor, "evaluations.run"):
        raise PermissionDenied
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    current = ParkFirm.objects.filter(enterprise=enterprise).select_related("park").first()
    before = current.park.code if current is not None else ""
    after = park.code if park is not None else ""
    if before == after:
        raise _fail("所在园区未变化", "the park is unchanged")
    if park is not None and enterprise.zone_id != park.zone_id:
        raise _fail(
            f"{enterprise.name}不在{park.name}所属的高新区内", "the firm is not in the park's zone"
        )
    if park is None:
        assert current is not None
        target = current
        ParkFirm.objects.filter(pk=current.pk).delete()
    else:
        target, _ = ParkFirm.objects.update_or_create(
            enterprise=enterprise, defaults={"park": park}
        )
    audit.record(  # target: the firm's park row; values: park names (the audit page shows them)
        EvaluationEvent.PARK_ASSIGNED,
        actor=actor,
        target=target,
        before={"park": current.park.name if current is not None else ""},
        after={"park": park.name if park is not None else ""},
    )
