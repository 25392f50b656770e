"""科技项目 pages: calls, applications through their lifecycle, the expert's review queue,
the expert pool and the national/provincial project records. Every POST calls one action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from jiazhou_web.core.access import can, for_user, get_visible_or_404, require
from jiazhou_web.core.flash import done, failed, form_error
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.params import int_param
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.projects import actions, recusal
from jiazhou_web.projects.choices import STATE_LABELS, CallState, Level, State
from jiazhou_web.projects.forms import (
    ApplicationForm,
    ApproveForm,
    CallForm,
    ContractForm,
    ExtensionForm,
    MilestoneForm,
    NoteForm,
    ScoreForm,
)
from jiazhou_web.projects.models import (
    Application,
    Assignment,
    Exclusion,
    Expert,
    ExternalProject,
)
from jiazhou_web.projects.visibility import visible_applications, visible_calls

PAGE_SIZE = 50


def _uid(user: Any) -> int:
    return int(user.pk or 0)


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "projects.view")
    calls = visible_calls(request.user).annotate(n=Count("applications", distinct=True))
    apps = visible_applications(request.user)
    by_state = dict(apps.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    states = [(STATE_LABELS[s], by_state.get(s.value, 0)) for s in State if by_state.get(s.value)]
    queue = None
    if can(request.user, "projects.review"):
        queue = Assignment.objects.filter(
            expert__user_id=_uid(request.user),
            application__state=State.EXPERT_REVIEW,
            score__isnull=True,
            declined=False,
        ).count()
    context = {
        "title": gettext("S&T projects"),
        "calls": calls,
        "states": states,
        "total": sum(by_state.values()),
        "queue": queue,
        "may_manage": can(request.user, "projects.manage"),
        "may_apply": can(request.user, "projects.apply"),
        "external": _external_summary(for_user(ExternalProject.objects.all(), request.user)),
    }
    return render(request, "projects/index.html", context)


def _external_summary(rows: QuerySet[ExternalProject]) -> list[dict[str, Any]]:
    totals = rows.values("level").annotate(n=Count("id"), amount=Sum("funding_yuan"))
    labels = dict(Level.choices)
    return [
        {"level": labels[t["level"]], "n": t["n"], "amount": t["amount"]}
        for t in sorted(totals, key=lambda t: list(labels).index(t["level"]))
    ]


def _exclusions(application: Application) -> list[Exclusion]:
    """The experts kept out of the draw, each with ``reasons_shown`` in the reader's language."""
    rows = list(application.exclusions.select_related("expert"))
    for x in rows:
        x.reasons_shown = recusal.say_all(x.reasons)  # type: ignore[attr-defined]
    return rows


def call_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "projects.manage")
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = actions.create_call(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return done(
                request,
                gettext("Created the call “%(title)s” (draft); check it, then publish it")
                % {"title": call.title},
                reverse("projects:call_detail", args=[call.pk]),
            )
    return render(
        request, "projects/form.html", {"title": gettext("New call for projects"), "form": form}
    )


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "projects.view")
    call = get_visible_or_404(visible_calls(request.user), request.user, pk=pk)
    apps = visible_applications(request.user).filter(call=call).order_by("rank", "number")
    page = Paginator(apps, PAGE_SIZE).get_page(request.GET.get("page"))
    may_manage = can(request.user, "projects.manage")
    context = {
        "title": call.title,
        "call": call,
        "page": page,
        "may_manage": may_manage,
        "may_apply": can(request.user, "projects.apply") and call.state == CallState.OPEN,
        "under_review": may_manage and apps.filter(state=State.EXPERT_REVIEW).exists(),
    }
    return render(request, "projects/call_detail.html", context)


@require_POST
def call_state(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "projects.manage")
    call = get_visible_or_404(visible_calls(request.user), request.user, pk=pk)
    to = reverse("projects:call_detail", args=[call.pk])
    try:
        actions.set_call_state(call, request.POST.get("to", ""), actor=request.user)
    except ValidationError as exc:
        return failed(request, exc, to)
    return done(request, gettext("Call now: %(state)s") % {"state": call.get_state_display()}, to)


@require_POST
def call_rank(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "projects.manage")
    call = get_visible_or_404(visible_calls(request.user), request.user, pk=pk)
    to = reverse("projects:call_detail", args=[call.pk])
    try:
        ranks = actions.rank_call(call, actor=request.user)
    except ValidationError as exc:
        return failed(request, exc, to)
    return done(
        request,
        gettext("Summed up the expert scores of %(n)s projects and ranked them")
        % {"n": len(ranks)},
        to,
    )


def _firm_of(request: HttpRequest) -> Enterprise:
    ids = user_scope(request.user).enterprise_ids
    firm: Enterprise | None = Enterprise.objects.filter(pk__in=ids).order_by("pk").first()
    if firm is None:
        raise PermissionDenied("本账号未关联企业 / no enterprise")
    return firm


def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "projects.apply")
    call = get_visible_or_404(visible_calls(request.user), request.user, pk=pk)
    firm = _firm_of(request)
    form = ApplicationForm(request.POST or None)
    problems = actions.eligibility_problems(call, firm, actions._today())
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.create_application(
                call, firm, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return done(
                request,
                gettext(
                    "Saved the application “%(title)s” (number %(number)s); check it, then "
                    "choose “Submit the application”"
                )
                % {"title": application.title, "number": application.number},
                reverse("projects:application_detail", args=[application.pk]),
            )
    context = {
        "title": gettext("Apply: %(call)s") % {"call": call.title},
        "form": form,
        "firm": firm,
        "problems": problems,
    }
    return render(request, "projects/form.html", context)


#: (target state, button label, form class or None, action, needs confirmation note)
Step = tuple[str, str, Any, Callable[..., Any]]


def _steps(user: Any, application: Application) -> list[dict[str, Any]]:
    """The next steps ``user`` may take on ``application``, each with its form."""
    out = []
    state = application.state
    table: list[tuple[str, str, str, Any]] = [
        (State.SUBMITTED, "submit", pgettext("project step", "Submit the application"), None),
        (State.FORM_CHECKED, "form_pass", pgettext("project step", "Pass the formal check"), None),
        (
            State.RETURNED,
            "form_return",
            pgettext("project step", "Return for supplements"),
            NoteForm,
        ),
        (State.REJECTED, "form_reject", pgettext("project step", "Do not accept"), NoteForm),
        (State.EXPERT_REVIEW, "draw", pgettext("project step", "Draw the review experts"), None),
        (State.APPROVED, "approve", pgettext("project step", "Propose for funding"), ApproveForm),
        (State.NOT_APPROVED, "not_approve", pgettext("project step", "Do not fund"), NoteForm),
        (State.PUBLICISED, "publicise", pgettext("project step", "Publicise the funding"), None),
        (
            State.CONTRACTED,
            "contract",
            pgettext("project step", "Sign the task agreement"),
            ContractForm,
        ),
        (State.IN_PROGRESS, "start", pgettext("project step", "Start the work"), None),
        (
            State.ACCEPTANCE_APPLIED,
            "apply_acceptance",
            pgettext("project step", "Apply for acceptance"),
            None,
        ),
        (State.ACCEPTED, "accept_pass", pgettext("project step", "Accept"), None),
        (
            State.ACCEPTED_AFTER_FIX,
            "accept_pass",
            pgettext("project step", "Accept after rectification"),
            None,
        ),
        (
            State.RECTIFYING,
            "accept_rectify",
            pgettext("project step", "Rectify by a deadline"),
            NoteForm,
        ),
        (
            State.NOT_ACCEPTED,
            "accept_fail",
            pgettext("project step", "Do not accept the work"),
            NoteForm,
        ),
        (
            State.MIDTERM_CHECK,
            "midterm",
            pgettext("project step", "Start the mid-term check"),
            None,
        ),
        (State.EVALUATED, "evaluate", pgettext("project step", "Performance evaluation"), NoteForm),
        (State.ARCHIVED, "archive", pgettext("project step", "Archive"), None),
    ]
    seen = set()
    for to, step, label, form in table:
        if step in seen or not actions.may_move(user, application, to):
            continue
        if step == "form_pass" and state != State.SUBMITTED:
            continue
        if step in ("accept_fail", "accept_rectify") and state not in (
            State.ACCEPTANCE_APPLIED,
            State.RECTIFYING,
        ):
            continue
        if state == State.MIDTERM_CHECK and to == State.IN_PROGRESS:
            continue
        seen.add(step)
        out.append({"step": step, "label": label, "form": form() if form else None})
    if state in (State.IN_PROGRESS, State.MIDTERM_CHECK) and can(
        user, "projects.manage", application
    ):
        out.append(
            {
                "step": "extend",
                "label": pgettext("project step", "Approve an extension"),
                "form": ExtensionForm(),
            }
        )
    if state == State.MIDTERM_CHECK and can(user, "projects.manage", application):
        out.append(
            {
                "step": "midterm_continue",
                "label": pgettext("project step", "Pass the mid-term check"),
                "form": NoteForm(),
            }
        )
        out.append(
            {
                "step": "midterm_terminate",
                "label": pgettext("project step", "Terminate the project"),
                "form": NoteForm(),
            }
        )
    return out


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(visible_applications(request.user), request.user, pk=pk)
    may_manage = can(request.user, "projects.manage", application)
    mine = None
    if can(request.user, "projects.review"):
        mine = application.assignments.filter(expert__user_id=_uid(request.user)).first()
    context = {
        "title": application.title,
        "app": application,
        "state_label": STATE_LABELS[application.state],
        "steps": _steps(request.user, application),
        "may_manage": may_manage,
        "assignments": application.assignments.select_related("expert") if may_manage else [],
        "exclusions": _exclusions(application) if may_manage else [],
        "milestones": application.milestones.all(),
        "milestone_form": MilestoneForm() if may_manage else None,
        "may_report": can(request.user, "projects.apply", application) or may_manage,
        "mine": mine,
        "score_form": ScoreForm() if mine and mine.score is None and not mine.declined else None,
        "timeline": AuditLog.objects.for_object(application)[:50] if may_manage else [],
        "items": _items_with_lights(application),
        "acceptance_due": actions.ACCEPTANCE.materials_due(application.contract_end)
        if application.contract_end
        else None,
    }
    return render(request, "projects/application_detail.html", context)


@require_POST
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    application = get_visible_or_404(visible_applications(request.user), request.user, pk=pk)
    _may_act(request.user, application)
    to = reverse("projects:application_detail", args=[application.pk])
    note = request.POST.get("note", "")
    user = request.user
    runners: dict[str, Callable[[], Any]] = {
        "submit": lambda: actions.submit(application, actor=user),
        "form_pass": lambda: actions.form_check(application, "pass", actor=user),
        "form_return": lambda: actions.form_check(application, "return", actor=user, note=note),
        "form_reject": lambda: actions.form_check(application, "reject", actor=user, note=note),
        "draw": lambda: actions.draw(application, actor=user),
        "not_approve": lambda: actions.not_approve(application, actor=user, note=note),
        "publicise": lambda: actions.publicise(application, actor=user),
        "start": lambda: actions.start(application, actor=user),
        "apply_acceptance": lambda: actions.apply_for_acceptance(application, actor=user),
        "accept_pass": lambda: actions.decide_acceptance(application, "pass", actor=user),
        "accept_rectify": lambda: actions.decide_acceptance(
            application, "rectify", actor=user, note=note
        ),
        "accept_fail": lambda: actions.decide_acceptance(
            application, "fail", actor=user, note=note
        ),
        "midterm": lambda: actions.midterm_check(application, actor=user),
        "midterm_continue": lambda: actions.midterm_result(
            application, "continue", actor=user, note=note
        ),
        "midterm_terminate": lambda: actions.midterm_result(
            application, "terminate", actor=user, note=note
        ),
        "evaluate": lambda: actions.evaluate_performance(application, actor=user, note=note),
        "archive": lambda: actions.archive(application, actor=user),
    }
    if step == "approve":
        form = ApproveForm(request.POST)
        if not form.is_valid():
            return failed(request, form_error(form), to)
        runners[step] = lambda: actions.approve(
            application, actor=user, amount_yuan=form.cleaned_data["amount_yuan"]
        )
    if step == "contract":
        cform = ContractForm(request.POST)
        if not cform.is_valid():
            return failed(request, form_error(cform), to)
        runners[step] = lambda: actions.contract(application, actor=user, **cform.cleaned_data)
    if step == "extend":
        eform = ExtensionForm(request.POST)
        if not eform.is_valid():
            return failed(request, form_error(eform), to)
        runners[step] = lambda: actions.extend(application, actor=user, **eform.cleaned_data)
    runner = runners.get(step)
    if runner is None:
        raise Http404("没有这个操作 / no such step")
    try:
        runner()
    except ValidationError as exc:
        return failed(request, exc, to)
    return done(
        request,
        gettext("Done: %(step)s; the project is now “%(state)s”")
        % {"step": _step_label(step), "state": STATE_LABELS[application.state]},
        to,
    )


def _may_act(user: Any, application: Application, *, manage_only: bool = False) -> None:
    """Refuse before reading the form: the bureau, or (unless ``manage_only``) the firm."""
    if can(user, "projects.manage", application):
        return
    if not manage_only and can(user, "projects.apply", application):
        return
    raise PermissionDenied("无权执行该操作 / not permitted")


def _step_label(step: str) -> str:
    labels = {
        "submit": pgettext("project step", "Submit the application"),
        "form_pass": pgettext("project step", "Pass the formal check"),
        "form_return": pgettext("project step", "Return for supplements"),
        "form_reject": pgettext("project step", "Do not accept"),
        "draw": pgettext("project step", "Draw the review experts"),
        "approve": pgettext("project step", "Propose for funding"),
        "not_approve": pgettext("project step", "Do not fund"),
        "publicise": pgettext("project step", "Publicise the funding"),
        "contract": pgettext("project step", "Sign the task agreement"),
        "start": pgettext("project step", "Start the work"),
        "apply_acceptance": pgettext("project step", "Apply for acceptance"),
        "accept_pass": pgettext("project step", "Accept"),
        "accept_rectify": pgettext("project step", "Rectify by a deadline"),
        "accept_fail": pgettext("project step", "Do not accept the work"),
        "midterm": pgettext("project step", "Start the mid-term check"),
        "midterm_continue": pgettext("project step", "Pass the mid-term check"),
        "midterm_terminate": pgettext("project step", "Terminate the project"),
        "evaluate": pgettext("project step", "Performance evaluation"),
        "archive": pgettext("project step", "Archive"),
        "extend": pgettext("project step", "Approve an extension"),
    }
    return labels[step]


def _items_with_lights(application: Application) -> list[tuple[Any, Any]]:
    from django.utils import timezone

    from jiazhou_web.supervision.lights import LightLabel, lights_for
    from jiazhou_web.supervision.working_calendar import current_calendar

    items = list(application.items.select_related("lead_unit"))
    if not items:
        return []
    readings = lights_for(items, timezone.now(), current_calendar())
    return [(i, LightLabel.of(readings[i.pk])) for i in items]


@require_POST
def item_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a supervision item (by its number) to the project."""
    from jiazhou_web.supervision.models import TaskItem

    application = get_visible_or_404(visible_applications(request.user), request.user, pk=pk)
    _may_act(request.user, application, manage_only=True)
    to = reverse("projects:application_detail", args=[application.pk])
    code = request.POST.get("code", "").strip()
    item = TaskItem.objects.filter(code=code).order_by("-pk").first()
    if item is None:
        return failed(
            request, ValidationError(f"未找到编号为「{code}」的督办事项 / no such item"), to
        )
    try:
        actions.link_item(application, item, actor=request.user)
    except ValidationError as exc:
        return failed(request, exc, to)
    return done(request, gettext("Linked the supervised item %(code)s") % {"code": item.code}, to)


@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(visible_applications(request.user), request.user, pk=pk)
    _may_act(request.user, application, manage_only=True)
    to = reverse("projects:application_detail", args=[application.pk])
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return failed(request, form_error(form), to)
    try:
        actions.add_milestone(application, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return failed(request, exc, to)
    return done(
        request,
        gettext("Added the milestone “%(title)s”") % {"title": form.cleaned_data["title"]},
        to,
    )


@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone: int) -> HttpResponse:
    application = get_visible_or_404(visible_applications(request.user), request.user, pk=pk)
    _may_act(request.user, application)
    to = reverse("projects:application_detail", args=[application.pk])
    node = application.milestones.filter(pk=milestone).first()
    if node is None:
        raise Http404("节点不存在 / no such milestone")
    try:
        actions.complete_milestone(node, actor=request.user)
    except ValidationError as exc:
        return failed(request, exc, to)
    return done(request, gettext("Milestone “%(title)s” marked done") % {"title": node.title}, to)


def review_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "projects.review")
    rows = (
        Assignment.objects.filter(expert__user_id=_uid(request.user))
        .select_related("application__call", "application__enterprise", "expert")
        .order_by("scored_at", "application__number")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/review_queue.html",
        {"title": gettext("My project reviews"), "page": page},
    )


@require_POST
def assignment_score(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "projects.review")
    assignment = (
        Assignment.objects.filter(pk=pk, expert__user_id=_uid(request.user))
        .select_related("application", "expert")
        .first()
    )
    if assignment is None:
        raise Http404("评审任务不存在 / not found")
    to = reverse("projects:application_detail", args=[assignment.application_id])
    try:
        if request.POST.get("decline"):
            actions.declare_conflict(
                assignment, actor=request.user, reason=request.POST.get("comment", "")
            )
            return done(
                request,
                gettext("Recusal declared; another expert has been drawn"),
                reverse("projects:review_queue"),
            )
        form = ScoreForm(request.POST)
        if not form.is_valid():
            return failed(request, form_error(form), to)
        actions.record_score(
            assignment,
            form.cleaned_data["score"],
            actor=request.user,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        return failed(request, exc, to)
    return done(
        request,
        gettext("Score submitted for “%(title)s”") % {"title": assignment.application.title},
        reverse("projects:review_queue"),
    )


def expert_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "projects.manage")
    rows = Expert.objects.annotate(n=Count("assignments")).order_by("code")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "projects/expert_list.html", {"title": gettext("Expert pool"), "page": page}
    )


def external_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "projects.view")
    rows = for_user(ExternalProject.objects.select_related("region", "enterprise"), request.user)
    level = request.GET.get("level", "")
    if level in Level.values:
        rows = rows.filter(level=level)
    since = int_param(request.GET.get("since"))
    if since:
        rows = rows.filter(approved_on__gte=dt.date(since, 1, 1))
    totals = rows.aggregate(
        n=Count("id"), amount=Sum("funding_yuan"), four=Count("id", filter=Q(four_batches=True))
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": gettext("National and provincial projects"),
        "page": page,
        "totals": totals,
        "levels": Level.choices,
        "level": level,
        "since": since or "",
        "amount": totals["amount"] or Decimal(0),
    }
    return render(request, "projects/external_list.html", context)


def enterprise_projects(request: HttpRequest, pk: int) -> HttpResponse:
    """One firm's applications and national/provincial projects (from its page)."""
    require(request.user, "projects.view")
    firm = get_visible_or_404(Enterprise, request.user, pk=pk)
    apps = visible_applications(request.user).filter(enterprise=firm).order_by("-created")
    external = for_user(ExternalProject.objects.filter(enterprise=firm), request.user)
    context = {
        "title": gettext("%(name)s · S&T projects") % {"name": firm.name},
        "firm": firm,
        "apps": apps.select_related("call"),
        "external": external.order_by("-approved_on"),
    }
    return render(request, "projects/enterprise_projects.html", context)
