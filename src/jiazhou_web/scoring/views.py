"""Scoring runs on the web: list, start (on every firm in the user's scope), detail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_POST

from jiazhou_web.accounts.models import RoleAssignment
from jiazhou_web.core import access
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.views import PAGE_SIZE, ObjectListView
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.choices import UnitStatus
from jiazhou_web.scoring.filtersets import ScoringRunFilterSet, UnitResultFilterSet
from jiazhou_web.scoring.forms import RunForm
from jiazhou_web.scoring.models import ScoringRun, UnitResult
from jiazhou_web.scoring.programmes import validity_notes
from jiazhou_web.scoring.tables import ScoringRunTable, UnitResultTable


def _visible_units(user: Any) -> QuerySet[UnitResult]:
    return UnitResult.objects.for_user(user)


class RunListView(ObjectListView):
    """Runs that scored at least one firm in the user's scope, with in-scope counts."""

    queryset = ScoringRun.objects.select_related("created_by")
    filterset_class = ScoringRunFilterSet
    table_class = ScoringRunTable
    title = pgettext_lazy("scoring", "Scoring runs")
    export_name = "scoring-runs"
    actions_template = "scoring/includes/run_button.html"

    def get_queryset(self) -> QuerySet[Any]:
        user = self.request.user
        if user_scope(user).city:
            units = Q()
            runs = self.queryset
        else:
            visible = _visible_units(user).values("id")
            units = Q(units__id__in=visible)
            runs = self.queryset.filter(pk__in=_visible_units(user).values("run"))
        annotated: QuerySet[Any] = runs.annotate(
            n_units=Count("units", filter=units),
            n_pass=Count("units", filter=units & Q(units__status="pass")),
            n_review=Count("units", filter=units & Q(units__status="review")),
        ).order_by("-created", "-id")
        return annotated


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's identity (scheme, version, hash) and its results within the user's scope."""
    visible = _visible_units(request.user)
    run = get_object_or_404(ScoringRun.objects.filter(pk__in=visible.values("run")), pk=pk)
    results = visible.filter(run=run).select_related("enterprise", "enterprise__region")
    filterset = UnitResultFilterSet(request.GET or None, queryset=results)
    rows = filterset.qs.order_by("n_unmet", "n_unknown", "gap_score", "-total_min", "id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    by_status = [
        (UnitStatus(status).label, n)
        for status, n in results.values_list("status").annotate(n=Count("id")).order_by("status")
    ]
    warning, application = validity_notes(run.scheme_code, run.eval_year)
    return render(
        request,
        "scoring/run_detail.html",
        {
            "title": str(run),
            "run": run,
            "validity_warning": warning,
            "application_date": application,
            "filterset": filterset,
            "table": UnitResultTable(page.object_list),
            "page": page,
            "query": query.urlencode(),
            "by_status": by_status,
        },
    )


@require_POST
def run_create(request: HttpRequest) -> HttpResponse:
    """Score every firm in the user's scope against the chosen schemes."""
    access.require(request.user, "scoring.run")
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose at least one scheme and a valid year."))
        return redirect("scoring:run_list")
    firms = Enterprise.objects.for_user(request.user)
    assignments = RoleAssignment.objects.filter(user=request.user).active()  # type: ignore[misc]
    label = ", ".join(str(r) for r in assignments.select_related("region", "department"))
    outcomes = score_enterprises(
        firms,
        form.cleaned_data["schemes"],
        form.cleaned_data["eval_year"],
        actor=request.user,
        scope_label=label[:200] or gettext("City-wide"),
    )
    for o in outcomes:
        if o.created:
            messages.success(
                request,
                gettext("Stored %(run)s: %(n)s enterprises.")
                % {"run": o.run, "n": o.run.unit_count},
            )
        else:
            messages.info(
                request,
                gettext("Same scheme version and data as %(run)s: the stored run is reused.")
                % {"run": o.run},
            )
    return redirect("scoring:run_list")


def run_form(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "scoring.run")
    return render(
        request, "scoring/run_form.html", {"title": gettext("New scoring run"), "form": RunForm()}
    )


def review_queue_page(request: HttpRequest) -> HttpResponse:
    """专家评审队列: results awaiting expert judgement (回避 rows shown, not openable); the city
    sees the same queue with the reviewers assigned and a link to assign one."""
    from django.db.models import Exists, OuterRef

    from jiazhou_web.core import access
    from jiazhou_web.scoring.models import ReviewAssignment
    from jiazhou_web.scoring.review import review_queue

    assigning = access.can(request.user, "scoring.assign_reviewer")
    if not assigning:
        access.require(request.user, "scoring.expert_review")
    rows = review_queue(request.user).annotate(
        assigned_count=Count("assignments", distinct=True),
        assigned_to_me=Exists(
            ReviewAssignment.objects.filter(unit=OuterRef("pk"), reviewer_id=request.user.pk)
        ),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "scoring/review_queue.html",
        {
            "title": gettext("Expert review"),
            "page": page,
            "rows": page.object_list,
            "assigning": assigning,
        },
    )


def review_assign_page(request: HttpRequest, pk: int) -> HttpResponse:
    """指派评审专家: every reviewer, those with a conflict of interest excluded with the reason."""
    from django.core.exceptions import ValidationError

    from jiazhou_web.scoring.review import assign_reviewer, assignment_options, reviewers

    access.require(request.user, "scoring.assign_reviewer")
    unit = access.get_visible_or_404(
        UnitResult.objects.select_related("enterprise", "run"), request.user, pk=pk
    )
    if request.method == "POST":
        chosen = request.POST.get("reviewer", "")
        reviewer = get_object_or_404(reviewers(), pk=int(chosen) if chosen.isdigit() else 0)
        name = str(reviewer)
        try:
            assign_reviewer(unit, reviewer, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(
                request,
                gettext(
                    "Reviewer %(name)s assigned to review “%(firm)s”; the reviewer will see it in "
                    "the review queue."
                )
                % {"name": name, "firm": unit.enterprise.name},
            )
        return redirect("scoring:review_assign", pk=unit.pk)
    return render(
        request,
        "scoring/review_assign.html",
        {
            "title": gettext("Assign a reviewer · %(firm)s") % {"firm": unit.enterprise.name},
            "unit": unit,
            "options": assignment_options(unit),
        },
    )


def affiliations_page(request: HttpRequest) -> HttpResponse:
    """我的关联申报 (a reviewer: own declarations, the form, withdraw) — the city sees every
    reviewer's declarations and whether each conflicts now; nobody else sees any."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from jiazhou_web.scoring.conflicts import LOOKBACK_YEARS, reasons
    from jiazhou_web.scoring.forms import AffiliationForm
    from jiazhou_web.scoring.models import ReviewerAffiliation
    from jiazhou_web.scoring.review import declare_affiliation

    user = request.user
    see_all = access.can(user, "scoring.view_affiliations")
    declaring = access.can(user, "scoring.declare_affiliation")
    if not (see_all or declaring):
        access.require(user, "scoring.declare_affiliation")
    form = AffiliationForm(request.POST or None) if declaring else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("仅评审专家可申报关联 / only reviewers declare affiliations")
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = declare_affiliation(
                    user,
                    data["enterprise"],
                    data["relation"],
                    actor=user,
                    kind=data["kind"],
                    until_year=data["until_year"],
                )
            except ValidationError as exc:
                form.add_error(None, "；".join(exc.messages))
            else:
                messages.success(
                    request,
                    gettext(
                        "Link with “%(firm)s” declared (%(kind)s); you will be recused from its "
                        "reviews."
                    )
                    % {"firm": row.enterprise.name, "kind": row.get_kind_display()},
                )
                return redirect("scoring:affiliations")
    rows = ReviewerAffiliation.objects.select_related("reviewer", "enterprise")
    if not see_all:
        rows = rows.filter(reviewer_id=user.pk)
    year = timezone.localdate().year
    listed = [
        {"row": a, "reasons": reasons([a], a.enterprise_id, year)}
        for a in rows.order_by("reviewer__username", "enterprise__name", "kind")
    ]
    return render(
        request,
        "scoring/affiliations.html",
        {
            "title": gettext("Affiliation declarations")
            if see_all
            else gettext("My affiliation declarations"),
            "form": form,
            "rows": listed,
            "see_all": see_all,
            "lookback": LOOKBACK_YEARS,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def affiliation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    from jiazhou_web.scoring.models import ReviewerAffiliation
    from jiazhou_web.scoring.review import withdraw_affiliation

    access.require(request.user, "scoring.declare_affiliation")
    row = get_object_or_404(
        ReviewerAffiliation.objects.select_related("enterprise"),
        pk=pk,
        reviewer_id=request.user.pk,
    )
    name = row.enterprise.name
    withdraw_affiliation(row, actor=request.user)
    messages.success(request, gettext("Link with “%(firm)s” withdrawn.") % {"firm": name})
    return redirect("scoring:affiliations")


def review_form_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the expert points of one result (GET: the form; POST: the action)."""
    from django.core.exceptions import ValidationError

    from jiazhou_web.core import access
    from jiazhou_web.scoring.forms import ExpertReviewForm
    from jiazhou_web.scoring.review import manual_criteria, must_withdraw, record_expert_review

    access.require(request.user, "scoring.expert_review")
    unit = access.get_visible_or_404(
        UnitResult.objects.select_related("enterprise", "run"), request.user, pk=pk
    )
    withdrawn = must_withdraw(request.user, unit)
    waiting = manual_criteria(unit) if unit.status == UnitStatus.REVIEW else []
    form = ExpertReviewForm(unit.run.criterion_meta(), waiting, request.POST or None)
    if request.method == "POST":
        if withdrawn:
            raise PermissionDenied("须回避本企业的评审 / you must withdraw from this firm's review")
        if form.is_valid():
            try:
                review = record_expert_review(
                    unit,
                    form.decisions(),
                    actor=request.user,
                    comment=form.cleaned_data.get("comment", ""),
                )
            except ValidationError as exc:
                form.add_error(None, "；".join(exc.messages))
            else:
                label = dict(UnitStatus.choices)[review.status_after]
                done = review.unit  # the locked, updated row
                total = (
                    gettext(", total %(points)s points") % {"points": f"{done.total:g}"}
                    if done.total is not None
                    else ""
                )
                messages.success(
                    request,
                    gettext("Expert review of “%(firm)s” recorded: result “%(result)s”%(total)s.")
                    % {"firm": unit.enterprise.name, "result": label, "total": total},
                )
                return redirect("scoring:review_queue")
    return render(
        request,
        "scoring/review_form.html",
        {
            "title": gettext("Expert review · %(firm)s") % {"firm": unit.enterprise.name},
            "unit": unit,
            "form": form,
            "withdrawn": withdrawn,
            "waiting": waiting,
        },
        status=400 if request.method == "POST" else 200,
    )
