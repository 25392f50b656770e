"""Evaluation pages: runs (list, new with completeness check, detail with the 公示/异议 cycle),
score cards, class lists and the differentiated-policy lists. Lists run a fixed number of
queries whatever the number of rows."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from jiazhou.schemes import load_scheme
from jiazhou_web.core.access import can
from jiazhou_web.core.imports import Importer
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.spreadsheets import Sheet, write_workbook, xlsx_response
from jiazhou_web.core.views import ImportView
from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.evaluations import actions, compute, cultivation, policy, whatif
from jiazhou_web.evaluations.choices import ObjectionState, RunState
from jiazhou_web.evaluations.forms import DecisionForm, ObjectionForm, PublicityForm, RunForm
from jiazhou_web.evaluations.imports import IMPORTERS
from jiazhou_web.evaluations.models import EvaluationResult, EvaluationRun, Objection
from jiazhou_web.jobs import actions as job_actions
from jiazhou_web.jobs.choices import JobKind
from jiazhou_web.jobs.queue import enqueue
from jiazhou_web.pools.models import PlanAction, PoolMembership

PAGE_SIZE = 50
OPEN_STATES = (RunState.PUBLICITY, RunState.PUBLISHED)
INTERNAL_GRADES = ("C", "D")  # C/D lists stay internal; the A list is published


def visible_runs(user: Any) -> QuerySet[EvaluationRun]:
    """Zone and city officers see every run of their scope; others only runs in 公示 or
    published that hold one of their firms."""
    if can(user, "evaluations.run"):
        own = EvaluationRun.objects.for_user(user).values("pk")
        theirs = EvaluationResult.objects.for_user(user).values("run")
        return EvaluationRun.objects.filter(Q(pk__in=own) | Q(pk__in=theirs))
    theirs = EvaluationResult.objects.for_user(user).values("run")
    return EvaluationRun.objects.filter(pk__in=theirs, state__in=OPEN_STATES)


def visible_results(user: Any, run: EvaluationRun) -> QuerySet[EvaluationResult]:
    if (
        can(user, "evaluations.run")
        and EvaluationRun.objects.for_user(user).filter(pk=run.pk).exists()
    ):
        return run.results.all()
    return EvaluationResult.objects.for_user(user).filter(run=run)


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def run_list(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "evaluations.view"):
        raise PermissionDenied
    runs = visible_runs(request.user).select_related("created_by").order_by("-created", "-id")
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluations/run_list.html",
        {
            "title": _("Annual evaluations"),
            "page": page,
            "may_run": can(request.user, "evaluations.run"),
        },
    )


def run_form(request: HttpRequest) -> HttpResponse:
    """The new-run form; “检查数据完整性” shows which firms lack which inputs before the run."""
    if not can(request.user, "evaluations.run"):
        raise PermissionDenied
    form = RunForm(request.GET or None)
    report = None
    if request.GET and form.is_valid():
        kind, code = form.cohort_parts()
        firms = actions.cohort_firms(kind, code, request.user)
        scheme = load_scheme(form.cleaned_data["scheme"])
        facts = compute.cohort_facts(firms)
        report = compute.completeness(scheme, facts, form.cleaned_data["eval_year"])
        _attach_names(report)
    return render(
        request,
        "evaluations/run_form.html",
        {"title": _("New annual evaluation"), "form": form, "report": report},
    )


def _attach_names(report: dict[str, Any]) -> None:
    ids = {i for g in report.get("groups", []) for i in g["enterprise_ids"][:20]}
    names = dict(Enterprise.objects.filter(pk__in=ids).values_list("pk", "name"))
    for g in report.get("groups", []):
        g["names"] = [names.get(i, "") for i in g["enterprise_ids"][:20]]


@require_POST
def run_create(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "evaluations.run"):
        raise PermissionDenied
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a scheme, a year and a cohort."))
        return redirect("evaluations:run_form")
    kind, code = form.cohort_parts()
    # a stored run takes 10–15 s for 10,000 firms: a background job, its progress page next
    cohort = dict(getattr(form.fields["cohort"], "choices", [])).get(
        form.cleaned_data["cohort"], code
    )
    job = job_actions.submit(
        JobKind.EVALUATION_RUN,
        f"年度综合评价：{form.cleaned_data['scheme']} · {cohort} · {form.cleaned_data['eval_year']}",
        actor=request.user,
        params={
            "scheme": form.cleaned_data["scheme"],
            "eval_year": form.cleaned_data["eval_year"],
            "kind": kind,
            "code": code,
        },
    )
    enqueue(job, "jiazhou_web.evaluations.tasks.create_run")
    return redirect(job)


def _grade_counts(results: QuerySet[EvaluationResult]) -> list[dict[str, Any]]:
    rows = results.values("cohort", "grade").annotate(n=Count("id")).order_by("cohort", "grade")
    return [dict(r) for r in rows]


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(visible_runs(request.user), pk=pk)
    results = visible_results(request.user, run)
    cohort = request.GET.get("cohort", "")
    grade = request.GET.get("grade", "")
    rows = results.select_related("enterprise", "enterprise__region")
    if cohort:
        rows = rows.filter(cohort=cohort)
    if grade:
        rows = rows.filter(grade=grade)
    page = Paginator(rows.order_by("cohort", "rank", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    objections = list(
        run.objections.filter(enterprise__in=results.values("enterprise")).select_related(
            "enterprise", "filed_by", "decided_by"
        )
    )
    labels = annual_field_map()
    for o in objections:
        o.field_label = labels[o.field].name_zh if o.field in labels else o.field
    local = [c for c in run.item_meta() if c.get("tag") == "U"]
    context = {
        "title": str(run),
        "run": run,
        "page": page,
        "grades": _grade_counts(results),
        "objections": objections,
        "local_items": local,
        "may_run": can(request.user, "evaluations.run"),
        "publicity_form": PublicityForm(),
        "decision_form": DecisionForm(),
        "cohort": cohort,
        "grade": grade,
        "States": RunState,
        "open_state": ObjectionState.FILED,
    }
    return render(request, "evaluations/run_detail.html", context)


def _improvements(meta: list[dict[str, Any]], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Indicators with the most points still to gain (full weight − points), largest first."""
    by_id = {c["id"]: c for c in meta}
    out = []
    for it in items:
        c = by_id.get(it["id"], {})
        full = c.get("weight_max")
        if full is None or it["points"] is None or c.get("method") == "events":
            continue
        gain = max(0.0, float(full) - it["points"])
        if gain > 0:
            out.append({"label": c.get("label_zh", it["id"]), "gain": gain})
    return sorted(out, key=lambda x: -x["gain"])[:3]


def score_card(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_object_or_404(
        EvaluationResult.objects.for_user(request.user).select_related(
            "run", "enterprise", "enterprise__region"
        ),
        pk=pk,
    )
    run = result.run
    if not can(request.user, "evaluations.run") and run.state not in OPEN_STATES:
        raise Http404
    meta = run.item_meta()
    by_id = {c["id"]: c for c in meta}
    lines = [{**it, **{"meta": by_id.get(it["id"], {})}} for it in result.items]
    history = (
        EvaluationResult.objects.for_user(request.user)
        .filter(enterprise=result.enterprise, run__scheme_code=run.scheme_code)
        .select_related("run")
        .order_by("run__eval_year", "run__created")
    )
    if not can(request.user, "evaluations.run"):
        history = history.filter(run__state__in=OPEN_STATES)
    context = {
        "title": _("%(name)s · score card") % {"name": result.enterprise.name},
        "result": result,
        "run": run,
        "lines": lines,
        "improvements": _improvements(meta, result.items),
        "history": history,
        "may_object": run.state == RunState.PUBLICITY
        and can(request.user, "evaluations.object", result.enterprise),
        "objection_form": ObjectionForm(),
        "owner": result.enterprise_id in user_scope(request.user).enterprise_ids,
    }
    return render(request, "evaluations/score_card.html", context)


def class_list(request: HttpRequest, pk: int, grade: str) -> HttpResponse:
    """A class list (A 类名单 public once published; C/D lists internal) by cohort and county."""
    run = get_object_or_404(visible_runs(request.user), pk=pk)
    if grade in INTERNAL_GRADES and not can(request.user, "evaluations.run"):
        raise PermissionDenied
    rows = (
        visible_results(request.user, run)
        .filter(grade=grade)
        .select_related("enterprise", "enterprise__region")
        .order_by("cohort", "rank", "id")
    )
    if request.GET.get("export") == "xlsx":
        header = [
            pgettext("evaluation", "Group"),
            pgettext("evaluation", "Rank"),
            _("Enterprise name"),
            _("Unified social credit code"),
            pgettext("evaluation", "County"),
            pgettext("evaluation", "Total"),
            pgettext("evaluation", "Class"),
        ]
        body = [
            [
                r.cohort,
                r.rank,
                r.enterprise.name,
                r.enterprise.uscc,
                r.enterprise.region.name,
                None if r.total_min is None else round(r.total_min, 2),
                r.grade,
            ]
            for r in rows
        ]
        title = _("Class %(grade)s list") % {"grade": grade}
        content = write_workbook([Sheet(title, header, body, notes=[_("Synthetic data")])])
        return xlsx_response(content, f"evaluation-{run.pk}-{grade}.xlsx")
    return render(
        request,
        "evaluations/class_list.html",
        {
            "title": _("%(run)s · class %(grade)s list") % {"run": run, "grade": grade},
            "run": run,
            "grade": grade,
            "rows": rows,
        },
    )


def policy_lists(request: HttpRequest, pk: int) -> HttpResponse:
    """The differentiated-policy table and the list each department needs (internal)."""
    run = get_object_or_404(visible_runs(request.user), pk=pk)
    if not can(request.user, "evaluations.run"):
        raise PermissionDenied
    departments = policy.departments_for(run.scheme_code)
    grades = sorted({m.grade for ms in departments.values() for m in ms})
    rows = list(
        run.results.filter(grade__in=grades)
        .select_related("enterprise", "enterprise__region")
        .order_by("grade", "cohort", "rank", "id")
    )
    lists: list[dict[str, Any]] = []
    firms_of: dict[str, list[tuple[EvaluationResult, policy.Measure]]] = {}
    for name, ms in departments.items():
        wanted = {m.grade: m for m in ms}
        firms_of[name] = [(r, wanted[r.grade]) for r in rows if r.grade in wanted]
        lists.append({"department": name, "measures": ms, "firms": firms_of[name]})
    chosen = request.GET.get("department", "")
    if chosen and request.GET.get("export") == "xlsx":
        if chosen not in firms_of:
            raise Http404
        header = [
            _("Enterprise name"),
            _("Unified social credit code"),
            pgettext("evaluation", "County"),
            pgettext("evaluation", "Class"),
            pgettext("evaluation", "Measure"),
        ]
        body: list[list[Any]] = [
            [r.enterprise.name, r.enterprise.uscc, r.enterprise.region.name, r.grade, m.measure_zh]
            for r, m in firms_of[chosen]
        ]
        sheet = Sheet(_("Differentiated-policy list"), header, body, notes=[_("Synthetic data")])
        content = write_workbook([sheet])
        return xlsx_response(content, f"evaluation-{run.pk}-policy.xlsx")
    return render(
        request,
        "evaluations/policy.html",
        {
            "title": _("%(run)s · differentiated-policy lists") % {"run": run},
            "run": run,
            "lists": lists,
            "measures": policy.measures_for(run.scheme_code),
        },
    )


def _run_for_action(request: HttpRequest, pk: int) -> EvaluationRun:
    if not can(request.user, "evaluations.run"):
        raise PermissionDenied
    run: EvaluationRun = get_object_or_404(EvaluationRun.objects.for_user(request.user), pk=pk)
    return run


@require_POST
def run_approve(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_action(request, pk)
    try:
        actions.approve_run(run, actor=request.user)
        messages.success(request, _("The evaluation results are approved."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(run)


@require_POST
def run_publicity(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_action(request, pk)
    form = PublicityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Publicity must be 1–30 working days."))
        return redirect(run)
    try:
        run = actions.start_publicity(run, form.cleaned_data["days"], actor=request.user)
        messages.success(
            request,
            _("Publicity started, until %(day)s") % {"day": f"{run.publicity_end:%Y年%-m月%-d日}"},
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(run)


@require_POST
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_action(request, pk)
    try:
        actions.publish_run(run, actor=request.user)
        messages.success(request, _("The evaluation results are published."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(run)


@require_POST
def objection_create(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_object_or_404(
        EvaluationResult.objects.for_user(request.user).select_related("run", "enterprise"), pk=pk
    )
    if not can(request.user, "evaluations.object", result.enterprise):
        raise PermissionDenied  # refused before the form is read
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reason is required."))
        return redirect(result)
    data = form.cleaned_data
    try:
        actions.file_objection(
            result.run,
            result.enterprise,
            reason=data["reason"],
            evidence=data["evidence"],
            field=data["field"].strip(),
            fiscal_year=data["fiscal_year"],
            corrected_value=data["corrected_value"],
            actor=request.user,
        )
        messages.success(request, _("Objection filed; the zone will review it."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(result)


@require_POST
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "evaluations.run"):
        raise PermissionDenied
    objection = get_object_or_404(Objection.objects.for_user(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and write a note."))
        return redirect(objection.run)
    try:
        actions.decide_objection(
            objection,
            upheld=form.cleaned_data["upheld"],
            decision=form.cleaned_data["decision"],
            actor=request.user,
        )
        messages.success(request, _("Review done."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(objection.run)


def what_if(request: HttpRequest, pk: int) -> HttpResponse:
    """What-if weights: the firms that would move class (or rank) under a new weight table."""
    if not can(request.user, "evaluations.run"):
        raise PermissionDenied
    run = get_object_or_404(EvaluationRun.objects.for_user(request.user), pk=pk)
    items = run.item_meta()
    weights: dict[str, float] = {}
    error = ""
    moves: list[dict[str, Any]] | None = None
    if request.GET.get("run"):
        for c in items:
            raw = request.GET.get(c["id"], "").strip()
            if raw:
                try:
                    weights[c["id"]] = float(raw)
                except ValueError:
                    error = f"指标「{c['label_zh']}」的权重应为数字 / weight must be a number"
        if not error:
            try:
                moves = whatif.compare(run, weights)
            except ValueError as exc:
                error = str(exc)
    rows = [{**c, "current": weights.get(c["id"], c["weight_max"])} for c in items]
    return render(
        request,
        "evaluations/what_if.html",
        {
            "title": _("%(run)s · what-if weights") % {"run": run},
            "run": run,
            "rows": rows,
            "moves": moves,
            "error": error,
        },
    )


class FiguresImportView(ImportView):
    """税务局 / 供电公司 detail files → the firms' annual tax and electricity figures."""

    kind: ClassVar[str] = "tax"
    template_name = "evaluations/import.html"

    def may_import(self, user: Any) -> bool:
        return can(user, "evaluations.import")

    def get_importer(self) -> Importer:
        return IMPORTERS[self.kind]()


def cultivation_list(request: HttpRequest, pk: int) -> HttpResponse:
    """培育库联动 of a published run: flagged firms (A 类 / top 积分) with their pool standing,
    and the C/D firms whose 一企一策 plan got a 帮扶 action (internal: zone and city)."""
    if not can(request.user, "evaluations.run"):
        raise PermissionDenied
    run = get_object_or_404(EvaluationRun.objects.for_user(request.user), pk=pk)
    graded = run.graded
    rows = list(
        run.results.select_related("enterprise", "enterprise__region").order_by(
            "cohort", "rank", "id"
        )
    )
    flagged = [r for r in rows if cultivation.flag_of(r, graded)]
    support = [r for r in rows if cultivation.support_of(r, graded)]
    ids = [r.enterprise_id for r in flagged + support]
    pools_of: dict[int, list[str]] = {}
    for m in PoolMembership.objects.filter(enterprise_id__in=ids, ended_on__isnull=True).order_by(
        "programme"
    ):
        pools_of.setdefault(m.enterprise_id, []).append(
            f"{m.get_programme_display()}·{m.get_status_display()}"
        )
    title = cultivation.support_prefix(run)
    actions_of = {
        a.plan.enterprise_id: a
        for a in PlanAction.objects.filter(
            plan__enterprise_id__in=[r.enterprise_id for r in support], title__startswith=title
        ).select_related("plan")
    }
    rules = cultivation.rules()
    return render(
        request,
        "evaluations/cultivation.html",
        {
            "title": _("%(run)s · cultivation link") % {"run": run},
            "run": run,
            "rules": rules,
            "flagged": [
                {
                    "r": r,
                    "flag": cultivation.flag_of(r, graded),
                    "pools": pools_of.get(r.enterprise_id, []),
                }
                for r in flagged
            ],
            "support": [
                {
                    "r": r,
                    "action": actions_of.get(r.enterprise_id),
                    "pools": pools_of.get(r.enterprise_id, []),
                }
                for r in support
            ],
        },
    )
