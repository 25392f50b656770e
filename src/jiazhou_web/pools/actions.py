"""Writes on pools and 一企一策 plans; each action writes one audit row."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jiazhou_web.core import audit
from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.pools.choices import MembershipStatus, PoolEvent
from jiazhou_web.pools.models import EnterprisePlan, PlanAction, PoolMembership, ServiceLogEntry
from jiazhou_web.scoring.choices import UnitStatus
from jiazhou_web.scoring.models import UnitResult

# Scoring outcomes that put a firm in the candidate pool: it qualifies, or qualifies subject to
# the expert-judged items (engine status ``review``, criteria.md §0.3).
CANDIDATE_STATES = (UnitStatus.PASS, UnitStatus.REVIEW)


@dataclass(frozen=True)
class Standing:
    """What the facts say a firm's membership of one programme should be now."""

    status: str
    certificate: Certificate | None = None
    result_id: int | None = None
    reason: str = ""

    def same_as(self, m: PoolMembership) -> bool:
        cert_id = self.certificate.pk if self.certificate else None
        return m.status == self.status and m.certificate_id == cert_id


def _standings(
    enterprises: QuerySet[Enterprise], today: dt.date
) -> dict[tuple[int, str], Standing]:
    """(enterprise id, programme) → standing, from certificates first, then current results.

    Order of precedence: a valid certificate (qualified) > a revoked latest certificate (revoked)
    > a current scoring result that qualifies (candidate) > an expired latest certificate.
    """
    found: dict[tuple[int, str], Standing] = {}
    certs = Certificate.objects.filter(enterprise__in=enterprises, valid_from__lte=today).order_by(
        "enterprise_id", "programme", "valid_from", "id"
    )
    latest: dict[tuple[int, str], Certificate] = {}
    for cert in certs:
        key = (cert.enterprise_id, cert.programme)
        valid = cert.revoked_on is None and (cert.valid_to is None or cert.valid_to >= today)
        if valid:
            found[key] = Standing(MembershipStatus.QUALIFIED, cert, reason=cert.number)
        latest[key] = cert
    results = UnitResult.objects.filter(
        enterprise__in=enterprises, current=True, status__in=CANDIDATE_STATES
    ).values_list("enterprise_id", "programme", "id", "run__scheme_code", "eval_year")
    candidates = {
        (e, p): Standing(MembershipStatus.CANDIDATE, result_id=r, reason=f"{code} · {year}")
        for e, p, r, code, year in results
    }
    for key, cert in latest.items():
        if key in found:
            continue
        if cert.revoked_on is not None:
            found[key] = Standing(MembershipStatus.REVOKED, cert, reason=cert.number)
        elif key not in candidates:
            found[key] = Standing(MembershipStatus.EXPIRED, cert, reason=cert.number)
    for key, standing in candidates.items():
        found.setdefault(key, standing)
    return found


@transaction.atomic
def sync_pools(
    enterprises: QuerySet[Enterprise] | None = None, *, actor: Any, today: dt.date | None = None
) -> Counter[str]:
    """Bring pool memberships in line with certificates and the current scoring results.

    A changed standing closes the open membership (``ended_on`` = today) and opens a new one;
    an unchanged one is left alone, so running it twice changes nothing the second time.
    Returns counts of ``opened:<status>`` and ``closed`` transitions.
    """
    day = today or timezone.localdate()
    firms = enterprises if enterprises is not None else Enterprise.objects.all()
    wanted = _standings(firms, day)
    open_rows = {
        (m.enterprise_id, m.programme): m
        for m in PoolMembership.objects.filter(enterprise__in=firms, ended_on__isnull=True)
    }
    counts: Counter[str] = Counter()
    to_close: list[PoolMembership] = []
    to_open: list[PoolMembership] = []
    to_relink: list[PoolMembership] = []
    for key, current in open_rows.items():
        standing = wanted.get(key)
        if standing is None or not standing.same_as(current):
            current.ended_on = day
            to_close.append(current)
            counts["closed"] += 1
        elif standing.result_id != current.result_id:
            current.result_id = standing.result_id
            to_relink.append(current)
    for (enterprise_id, programme), standing in wanted.items():
        current = open_rows.get((enterprise_id, programme))
        if current is not None and standing.same_as(current):
            continue
        cert = standing.certificate
        to_open.append(
            PoolMembership(
                enterprise_id=enterprise_id,
                programme=programme,
                status=standing.status,
                started_on=day,
                certificate=cert,
                certificate_number=cert.number if cert else "",
                valid_from=cert.valid_from if cert else None,
                valid_to=cert.valid_to if cert else None,
                result_id=standing.result_id,
                reason=standing.reason[:200],
            )
        )
        counts[f"opened:{standing.status}"] += 1
    PoolMembership.objects.bulk_update(to_close, ["ended_on"], batch_size=2000)
    PoolMembership.objects.bulk_update(to_relink, ["result"], batch_size=2000)
    PoolMembership.objects.bulk_create(to_open, batch_size=2000)
    audit.record(
        PoolEvent.POOLS_SYNCED,
        actor=actor,
        after={"date": day, **dict(sorted(counts.items()))},
        extra={"enterprises": firms.count()},
    )
    return counts


# --- 一企一策 -------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    enterprise: Enterprise, *, actor: Any, goal: str = "", synthetic: bool = False
) -> EnterprisePlan:
    plan = EnterprisePlan.objects.create(enterprise=enterprise, goal=goal, synthetic=synthetic)
    audit.record(PoolEvent.PLAN_CREATED, actor=actor, target=plan, after={"goal": goal})
    return plan


def plan_for(enterprise: Enterprise, *, actor: Any) -> EnterprisePlan:
    """The enterprise's plan, created on first use."""
    existing = EnterprisePlan.objects.filter(enterprise=enterprise).first()
    return existing or create_plan(enterprise, actor=actor)


@transaction.atomic
def assign_officer(
    plan: EnterprisePlan, officer: Any, *, actor: Any, goal: str | None = None
) -> None:
    """Name the 服务专员 (and optionally the programme the plan aims at)."""
    fields = ["officer", "goal"] if goal is not None else ["officer"]
    before = audit.snapshot(plan, fields)
    plan.officer = officer
    if goal is not None:
        plan.goal = goal
    plan.save(update_fields=[*fields, "updated"])
    audit.record(
        PoolEvent.OFFICER_ASSIGNED,
        actor=actor,
        target=plan,
        before={k: str(v) if v is not None else "" for k, v in before.items()},
        after={k: str(getattr(plan, k) or "") for k in fields},
    )


@transaction.atomic
def add_plan_action(
    plan: EnterprisePlan,
    *,
    title: str,
    due_on: dt.date,
    actor: Any,
    programme: str = "",
    synthetic: bool = False,
) -> PlanAction:
    action = PlanAction.objects.create(
        plan=plan,
        title=title,
        due_on=due_on,
        programme=programme,
        created_by=audit.acting_user(actor),
        synthetic=synthetic,
    )
    audit.record(
        PoolEvent.ACTION_ADDED,
        actor=actor,
        target=plan,
        after={"action": title, "due_on": due_on, "programme": programme},
    )
    return action


@transaction.atomic
def complete_plan_action(action: PlanAction, *, actor: Any, on: dt.date | None = None) -> None:
    audit.claim(action, {"done_on": on or timezone.localdate()}, unchanged=("done_on",))
    audit.record(
        PoolEvent.ACTION_DONE,
        actor=actor,
        target=action.plan,
        before={"done_on": None},
        after={"action": action.title, "done_on": action.done_on},
    )


@transaction.atomic
def log_service(
    plan: EnterprisePlan,
    *,
    happened_on: dt.date,
    kind: str,
    content: str,
    actor: Any,
    needs: str = "",
    synthetic: bool = False,
) -> ServiceLogEntry:
    """Record a 一对一服务 contact and the needs the enterprise raised."""
    entry = ServiceLogEntry.objects.create(
        plan=plan,
        happened_on=happened_on,
        kind=kind,
        content=content,
        needs=needs,
        created_by=audit.acting_user(actor),
        synthetic=synthetic,
    )
    audit.record(
        PoolEvent.SERVICE_LOGGED,
        actor=actor,
        target=plan,
        after={"date": happened_on, "kind": kind, "content": content[:200], "needs": needs[:200]},
    )
    return entry
