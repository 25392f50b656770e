"""Pools: dashboard, near-eligible lists, memberships and the 一企一策 page with what-if."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_POST

from jiazhou.schemes import list_schemes
from jiazhou.schemes.model import Scheme
from jiazhou.schemes.shortlist import NearRule, rule_for, score_is_near, score_shortfalls
from jiazhou_web.accounts.models import User
from jiazhou_web.core import access, audit
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.params import year_param
from jiazhou_web.core.views import ObjectDetailView, ObjectListView
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.evaluations.cultivation import flags_for
from jiazhou_web.pools import actions, dashboard
from jiazhou_web.pools.assessment import cheapest_path, stored_cards
from jiazhou_web.pools.choices import MembershipStatus
from jiazhou_web.pools.filtersets import MembershipFilterSet, NearEligibleFilterSet
from jiazhou_web.pools.forms import OfficerForm, PlanActionForm, ServiceLogForm, WhatIfForm
from jiazhou_web.pools.models import EnterprisePlan, PlanAction, PoolMembership
from jiazhou_web.pools.tables import ExpiringTable, MembershipTable, NearEligibleTable
from jiazhou_web.pools.whatif import current_values, editable_fields, what_if
from jiazhou_web.scoring.choices import UnitStatus
from jiazhou_web.scoring.facts import build_facts, default_eval_year
from jiazhou_web.scoring.models import CriterionResult, UnitResult
from jiazhou_web.scoring.programmes import programme_of
from jiazhou_web.tickets.firm_tickets import open_tickets

NEAR_STATES = (UnitStatus.FAIL, UnitStatus.UNKNOWN)
# criteria.md §8.8 candidate ranking (the engine's ``ScoreResult.near_eligible`` order).
# criteria.md §8.8: blocking conditions first. A firm that fails on its score alone (best case
# below the pass mark, or no recognition route left) has one blocking condition, not none.
NEAR_ORDER = (
    "blocking",
    "n_unmet",
    "n_unknown",
    "gap_score",
    F("total_min").desc(nulls_last=True),
    "id",
)


def _programme(request: HttpRequest) -> str:
    value = request.GET.get("programme") or Programme.HNTE
    return value if value in Programme.values else Programme.HNTE


def near_eligible_results(
    user: Any, programme: str, shortlist: bool = False
) -> QuerySet[UnitResult]:
    """Current results of ``programme`` that fail, for firms in scope that do not hold it.

    ``shortlist``: only the firms near the line by the programme's rule
    (:mod:`jiazhou.schemes.shortlist`, overridable in ``settings.NEAR_ELIGIBLE``).
    """
    holds = PoolMembership.objects.filter(
        enterprise=OuterRef("enterprise"),
        programme=programme,
        status=MembershipStatus.QUALIFIED,
        ended_on__isnull=True,
    )
    score_only_failure = Case(
        When(status=UnitStatus.FAIL, n_unmet=0, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    results: QuerySet[UnitResult] = (
        UnitResult.objects.for_user(user)
        .filter(programme=programme, current=True, status__in=NEAR_STATES)
        .exclude(Exists(holds))
        .annotate(blocking=F("n_unmet") + score_only_failure)
    )
    return shortlisted(results, programme) if shortlist else results


def near_rule(programme: str) -> NearRule:
    """The programme's near-eligible rule with the site's overrides."""
    return rule_for(programme, getattr(settings, "NEAR_ELIGIBLE", None))


def shortlisted(results: QuerySet[UnitResult], programme: str) -> QuerySet[UnitResult]:
    """``results`` (annotated with ``blocking``) narrowed to the programme's shortlist.

    The same rule as :func:`jiazhou.schemes.shortlist.is_near`, as SQL: few blocking
    conditions, each unmet required gate within its share of the requirement, few unknowns,
    and (in Python, two more queries) a score-only failure within the margin of points.
    """
    rule = near_rule(programme)
    schemes = [s for s in list_schemes() if _programme_of(s.code) == programme]
    optional = {g.id for s in schemes for g in s.gates if not g.required}
    far_gate = (
        CriterionResult.objects.filter(unit=OuterRef("pk"), kind="gate", status="unmet")
        .exclude(criterion__in=optional)
        # no measurable gap (a flag, or unmet for another reason than its value): not near
        .filter(Q(rel_gap__isnull=True) | Q(rel_gap__lte=0) | Q(rel_gap__gt=rule.max_rel_gap))
    )
    narrowed = results.filter(  # type: ignore[misc]  # "blocking" is annotated above
        blocking__lte=rule.max_blocking, n_unknown__lte=rule.max_unknown
    ).exclude(Exists(far_gate))
    return narrowed.exclude(pk__in=_too_far_on_score(narrowed, schemes, rule))


def _too_far_on_score(
    results: QuerySet[UnitResult], schemes: list[Scheme], rule: NearRule
) -> list[int]:
    """Score-only failures that need more than ``rule.score_margin`` points (two queries)."""
    by_code = {s.code: s for s in schemes}
    failing = list(
        results.filter(status=UnitStatus.FAIL, n_unmet=0).values_list(
            "pk", "run__scheme_code", "total_max"
        )
    )
    if not failing:
        return []
    points: dict[int, dict[str, float]] = {}
    for unit_id, criterion, best in CriterionResult.objects.filter(
        unit_id__in=[row[0] for row in failing], kind="item"
    ).values_list("unit_id", "criterion", "points_max"):
        points.setdefault(unit_id, {})[criterion] = best or 0.0
    far = []
    for pk, code, total_max in failing:
        scheme = by_code.get(code)
        if scheme is None:
            continue
        if not score_is_near(rule, score_shortfalls(scheme, points.get(pk, {}), total_max)):
            far.append(pk)
    return far


def _programme_of(code: str) -> str:
    try:
        return programme_of(code)
    except ValueError:
        return ""


class NearEligibleView(ObjectListView):
    """Firms that fail a programme, those lacking least first, with what they lack."""

    queryset = UnitResult.objects.all()
    filterset_class = NearEligibleFilterSet
    table_class = NearEligibleTable
    title = pgettext_lazy("pools", "Near-eligible enterprises")
    export_name = "near-eligible"
    synthetic_note = True
    actions_template = "pools/includes/near_rule.html"

    def extra_context(self) -> dict[str, Any]:
        """The shortlist rule in words, and whether the whole failing list is shown."""
        programme = _programme(self.request)
        return {
            "near_rule": (
                near_rule(programme).describe_en()
                if (translation.get_language() or "").startswith("en")
                else near_rule(programme).describe_zh()
            ),
            "near_all": self.request.GET.get("all") == "1",
        }

    def get_queryset(self) -> QuerySet[Any]:
        programme = _programme(self.request)
        shortlist = self.request.GET.get("all") != "1"
        return (
            near_eligible_results(self.request.user, programme, shortlist=shortlist)
            .select_related(
                "run",
                "enterprise",
                "enterprise__region",
                "enterprise__zone",
                "enterprise__industry",
            )
            .prefetch_related(
                Prefetch(
                    "criteria",
                    queryset=CriterionResult.objects.filter(
                        status__in=["unmet", "unknown"], kind="gate"
                    ).order_by("id"),
                    to_attr="unmet_or_unknown",
                )
            )
            .annotate(position=Window(RowNumber(), order_by=list(NEAR_ORDER)))
            .order_by(*NEAR_ORDER)
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        if "programme" not in request.GET:
            query = request.GET.copy()
            query["programme"] = Programme.HNTE
            request.GET = query  # type: ignore[assignment]
        return super().get(request)


class MembershipListView(ObjectListView):
    queryset = PoolMembership.objects.select_related("enterprise", "enterprise__region")
    filterset_class = MembershipFilterSet
    table_class = MembershipTable
    title = pgettext_lazy("pools", "Pool members")
    export_name = "pool-members"
    synthetic_note = True

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("programme", "status", "enterprise__name", "-id")


def pool_dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    counts = dashboard.counts_by_programme(user)
    by_region = dashboard.counts_by_region(user)
    funnel = dashboard.funnel(user)
    programmes = [p for p in Programme.values if counts[p]]
    expiring = dashboard.expiring(user)
    chart = {
        "regions": [str(r.region) for r in by_region],
        "series": [
            {
                "name": str(Programme(p).label),
                "data": [r.cells.get(p, (0, 0))[0] for r in by_region],
            }
            for p in programmes
        ],
        "funnel": [{"name": label, "value": n} for label, n in funnel],
    }
    summary = [
        {
            "programme": p,
            "label": Programme(p).label,
            "qualified": counts[p].get(MembershipStatus.QUALIFIED, 0),
            "candidate": counts[p].get(MembershipStatus.CANDIDATE, 0),
            "expired": counts[p].get(MembershipStatus.EXPIRED, 0),
            "revoked": counts[p].get(MembershipStatus.REVOKED, 0),
        }
        for p in Programme.values
    ]
    return render(
        request,
        "pools/dashboard.html",
        {
            "title": gettext("Pool dashboard"),
            "summary": summary,
            "region_table": [
                (r.region, [r.cells.get(p, (0, 0)) for p in programmes]) for r in by_region
            ],
            "programme_headers": [Programme(p).label for p in programmes],
            "targets": dashboard.targets(user),
            "expiring": ExpiringTable(expiring[:100]),
            "expiring_by_programme": [
                (Programme(p).label, n)
                for p, n in expiring.values_list("programme")
                .annotate(n=Count("id"))
                .order_by("programme")
            ],
            "chart": chart,
            "may_sync": access.can(user, "pools.manage_plans"),
            "today": timezone.localdate(),
        },
    )


@require_POST
def sync(request: HttpRequest) -> HttpResponse:
    """Refresh memberships of the firms in the user's scope from certificates and results."""
    access.require(request.user, "pools.manage_plans")
    counts = actions.sync_pools(Enterprise.objects.for_user(request.user), actor=request.user)
    changed = sum(v for k, v in counts.items() if k.startswith("opened:"))
    messages.success(
        request, gettext("Pools synchronised: %(n)s memberships changed.") % {"n": changed}
    )
    return redirect("pools:dashboard")


# --- 一企一策 -------------------------------------------------------------------------------------


def _officers(user: Any) -> QuerySet[User]:
    """Users who may be named 服务专员: officers holding a plan-editing role today."""
    return access.holders("pools.manage_plans")


def _eval_year(enterprise: Enterprise, cards: list[Any]) -> int:
    years = [c.result.eval_year for c in cards if c.result is not None]
    if years:
        return int(max(years))
    facts = build_facts(Enterprise.objects.filter(pk=enterprise.pk))
    return default_eval_year(facts, timezone.localdate())


class EnterprisePlanView(ObjectDetailView):
    queryset = Enterprise.objects.select_related("region", "zone", "industry")
    template_name = "pools/enterprise_plan.html"

    def get_context(self, obj: Any) -> dict[str, Any]:
        enterprise: Enterprise = obj
        cards = stored_cards(enterprise)
        plan = (
            EnterprisePlan.objects.filter(enterprise=enterprise).select_related("officer").first()
        )
        eval_year = _eval_year(enterprise, cards)
        codes = editable_fields(eval_year)
        facts = build_facts(Enterprise.objects.filter(pk=enterprise.pk))
        current = current_values(facts, str(enterprise.uscc), eval_year - 1, codes)
        today = timezone.localdate()
        certificates = [
            (c, (c.valid_to - today).days if c.valid_to else None)
            for c in enterprise.certificates.order_by("-valid_from")
        ]
        return {
            "title": enterprise.name,
            "enterprise": enterprise,
            "cards": cards,
            "scored_cards": [c for c in cards if c.result is not None or c.membership is not None],
            "path": cheapest_path(cards),
            "plan": plan,
            "plan_actions": plan.actions.all() if plan else [],
            "service_log": plan.service_log.select_related("created_by") if plan else [],
            "timeline": AuditLog.objects.for_object(plan)[:100] if plan else [],
            "memberships": PoolMembership.objects.filter(enterprise=enterprise).order_by(
                "programme", "-started_on", "-id"
            ),
            "certificates": certificates,
            "may_edit": access.can(self.request.user, "pools.manage_plans"),
            "officer_form": OfficerForm(
                officers=_officers(self.request.user),
                initial={
                    "officer": plan.officer_id if plan else None,
                    "goal": plan.goal if plan else "",
                },
            ),
            "action_form": PlanActionForm(),
            "service_form": ServiceLogForm(),
            "whatif_form": WhatIfForm(codes=codes, current=current),
            "eval_year": eval_year,
            "today": today,
            # 培育库联动 (issue 18): A 类 / top-积分 flags and 帮扶 targets from published evaluations
            "evaluation_flags": flags_for([enterprise.pk]).get(enterprise.pk, []),
            # 企业诉求 (issue 15): the firm's open tickets, to readers of tickets, in their scope
            "firm_tickets": open_tickets(self.request.user, enterprise),
        }


def _editable_enterprise(request: HttpRequest, pk: int) -> Enterprise:
    enterprise: Enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=pk)
    access.require(request.user, "pools.manage_plans")
    return enterprise


def _save_plan_form(
    request: HttpRequest,
    pk: int,
    form: forms.Form,
    save: Callable[[EnterprisePlan, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """A form posted on the 一企一策 page: ``save`` the plan (made on first use) or say what is
    wrong, and go back to the page."""
    enterprise = _editable_enterprise(request, pk)
    if form.is_valid():
        save(actions.plan_for(enterprise, actor=request.user), form.cleaned_data)
        messages.success(request, done)
    else:
        messages.error(
            request, gettext("Please check the form: %(e)s") % {"e": form.errors.as_text()}
        )
    return redirect("pools:enterprise_plan", pk=pk)


@require_POST
def plan_officer(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_plan_form(
        request,
        pk,
        OfficerForm(request.POST, officers=_officers(request.user)),
        lambda plan, data: actions.assign_officer(
            plan, data["officer"], actor=request.user, goal=data["goal"]
        ),
        gettext("Service officer saved."),
    )


@require_POST
def plan_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_plan_form(
        request,
        pk,
        PlanActionForm(request.POST),
        lambda plan, data: actions.add_plan_action(plan, actor=request.user, **data),
        gettext("Plan action added."),
    )


@require_POST
def plan_action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    enterprise = _editable_enterprise(request, pk)
    action = get_object_or_404(PlanAction, pk=action_pk, plan__enterprise=enterprise)
    if action.done_on is None:
        try:
            actions.complete_plan_action(action, actor=request.user)
        except audit.ConflictError as exc:
            messages.error(request, str(exc))
    return redirect("pools:enterprise_plan", pk=pk)


@require_POST
def service_log_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_plan_form(
        request,
        pk,
        ServiceLogForm(request.POST),
        lambda plan, data: actions.log_service(plan, actor=request.user, **data),
        gettext("Service log entry added."),
    )


@require_POST
def what_if_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-score the firm with changed Y-1 figures and return the result panel (nothing saved)."""
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=pk)
    eval_year = year_param(request.POST.get("eval_year")) or timezone.localdate().year
    codes = editable_fields(eval_year)
    facts = build_facts(Enterprise.objects.filter(pk=enterprise.pk))
    current = current_values(facts, str(enterprise.uscc), eval_year - 1, codes)
    form = WhatIfForm(request.POST, codes=codes, current=current)
    if not form.is_valid():
        return render(
            request,
            "pools/includes/whatif_result.html",
            {"errors": form.errors, "pairs": []},
            status=422,
        )
    changes = form.changes(current)
    stored = {c.programme: c for c in stored_cards(enterprise)}
    cards = what_if(enterprise, eval_year, changes)
    return render(
        request,
        "pools/includes/whatif_result.html",
        {
            "pairs": [(card, stored.get(card.programme)) for card in cards],
            "changes": changes,
            "eval_year": eval_year,
        },
    )
