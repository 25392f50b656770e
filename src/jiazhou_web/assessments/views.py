"""Assessment pages: county rounds (list, detail with ranking and year-on-year, what-if weights,
one county's report with self-report and review) and the 高新区 106号 self-assessment with its
levers. Pages run a fixed number of queries whatever the number of counties."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext
from django.views.decorators.http import require_POST

from jiazhou.assessments import levers, load_county_scheme, load_zone_scheme, self_assess
from jiazhou_web.assessments import actions
from jiazhou_web.assessments.choices import ReportState, RoundState
from jiazhou_web.assessments.models import (
    AssessmentRound,
    CountyReport,
    EvidenceFile,
    ZoneBenchmark,
    ZoneManualScore,
)
from jiazhou_web.assessments.readings import zone_values
from jiazhou_web.assessments.visibility import visible_reports
from jiazhou_web.assessments.wording import source_label
from jiazhou_web.core.access import can, for_user, get_visible_or_404
from jiazhou_web.core.templatetags.zh import period
from jiazhou_web.monitoring.models import Indicator
from jiazhou_web.regions.models import Region
from jiazhou_web.supervision.models import TaskItem

ZONE_CODE = "LS-HTZ"


def _view_required(request: HttpRequest) -> None:
    if not can(request.user, "assessments.view"):
        raise PermissionDenied("无权查看考核评价 / not permitted: assessments.view")


def _post(request: HttpRequest, run: Callable[[], Any], done: str, back: str) -> HttpResponse:
    try:
        run()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(back)


def index(request: HttpRequest) -> HttpResponse:
    _view_required(request)
    rounds = list(AssessmentRound.objects.all()[:50])
    return render(
        request,
        "assessments/index.html",
        {
            "title": gettext("Assessments"),
            "rounds": rounds,
            "scheme": load_county_scheme(),
            "may_run": can(request.user, "assessments.run"),
            "this_year": timezone.localdate().year - 1,
        },
    )


def _reports_for(request: HttpRequest, round_: AssessmentRound) -> list[CountyReport]:
    """Everyone with the view verb sees the published ranking; before that the city and the
    reviewers see all reports, a county (the zone) its own."""
    qs = visible_reports(request.user).filter(round=round_).select_related("region")
    return list(qs.order_by("rank", "region__code"))


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _view_required(request)
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    reports = _reports_for(request, round_)
    previous = (
        AssessmentRound.objects.filter(
            scheme_code=round_.scheme_code, year__lt=round_.year, state=RoundState.PUBLISHED
        )
        .order_by("-year")
        .prefetch_related(
            Prefetch(
                "reports", queryset=CountyReport.objects.only("round", "region", "total", "rank")
            )
        )
        .first()
    )
    last = {r.region_id: r for r in previous.reports.all()} if previous else {}
    rows = []
    for r in reports:
        before = last.get(r.region_id)
        change = (
            (r.total - before.total)
            if (before and r.total is not None and before.total is not None)
            else None
        )
        rows.append({"r": r, "before": before, "change": change})
    states = {s: sum(1 for r in reports if r.state == s) for s in ReportState.values}
    return render(
        request,
        "assessments/round_detail.html",
        {
            "title": str(round_),
            "round": round_,
            "rows": rows,
            "previous": previous,
            "states": states,
            "States": RoundState,
            "all_approved": bool(reports) and states[ReportState.APPROVED] == len(reports),
            "may_run": can(request.user, "assessments.run"),
            "scored": round_.state != RoundState.COLLECTING,
        },
    )


def what_if(request: HttpRequest, pk: int) -> HttpResponse:
    """Ranking under trial weights of one class, beside the adopted ones (nothing is saved)."""
    _view_required(request)
    if not can(request.user, "assessments.run"):
        raise PermissionDenied
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    scheme = actions.scheme_of(round_)
    class_code = request.GET.get("class") or scheme.classes[0].code
    klass = next((c for c in scheme.classes if c.code == class_code), scheme.classes[0])
    reports = list(round_.reports.select_related("region"))
    adopted = actions.score_round(round_, reports)
    trial, error = None, ""
    if "try" in request.GET:
        try:
            weights = actions.parse_weights(request.GET, scheme)
        except ValidationError as exc:
            error = "；".join(exc.messages)
            if get_language().startswith("en"):  # the English halves of 「中文 / English」
                error = "; ".join(m.partition(" / ")[2] or m for m in exc.messages)
        else:
            trial_round = AssessmentRound(
                scheme_code=round_.scheme_code,
                year=round_.year,
                weights={**round_.weights, klass.code: {k: str(v) for k, v in weights.items()}},
            )
            trial = actions.score_round(trial_round, reports)
    rows = sorted(
        (
            {
                "r": r,
                "adopted": adopted[r.pk],
                "trial": trial[r.pk] if trial else None,
            }
            for r in reports
        ),
        key=lambda x: (x["trial"] or x["adopted"]).rank,
    )
    return render(
        request,
        "assessments/what_if.html",
        {
            "title": gettext("%(round)s · weights what-if") % {"round": round_},
            "round": round_,
            "scheme": scheme,
            "klass": klass,
            "rows": rows,
            "error": error,
            "trial": trial is not None,
            "values": {
                i.code: request.GET.get(i.code, klass.weights[i.code]) for i in scheme.indicators
            },
            "may_adopt": round_.state == RoundState.COLLECTING,
        },
    )


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _view_required(request)
    qs = visible_reports(request.user).select_related("round", "region")
    report = get_object_or_404(qs, pk=pk)
    scheme = actions.scheme_of(report.round)
    items = {i["code"]: i for i in report.items}
    files: dict[str, list[EvidenceFile]] = {}
    for f in report.files.all():
        files.setdefault(f.indicator_code, []).append(f)
    rows = [
        {
            "ind": ind,
            "value": report.values.get(ind.code),
            "source": report.sources.get(ind.code, ""),
            "evidence": report.evidence.get(ind.code, ""),
            "weight": scheme.class_of(report.region.code).weights[ind.code]  # type: ignore[union-attr]
            if scheme.class_of(report.region.code)
            else None,
            "item": items.get(ind.code),
            "files": files.get(ind.code, []),
        }
        for ind in scheme.indicators
    ]

    return render(
        request,
        "assessments/report_detail.html",
        {
            "title": f"{report.round} · {report.region.name}",
            "report": report,
            "rows": rows,
            "may_submit": can(request.user, "assessments.report", report)
            and report.state in (ReportState.DRAFT, ReportState.RETURNED)
            and report.round.state == RoundState.COLLECTING,
            "may_review": can(request.user, "assessments.run")
            and report.state == ReportState.SUBMITTED,
            "indicators": scheme.indicators,
        },
    )


@require_POST
def round_open(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "assessments.run"):
        raise PermissionDenied
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, "请填写考核年度（如 2025） / enter the year")
        return redirect("assessments:index")
    try:
        round_ = actions.open_round(year, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("assessments:index")
    messages.success(
        request,
        gettext("%(round)s opened; the counties can submit their self-assessments")
        % {"round": round_},
    )
    return redirect(round_.get_absolute_url())


@require_POST
def round_weights(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "assessments.run"):
        raise PermissionDenied
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    class_code = request.POST.get("class", "")
    return _post(
        request,
        lambda: actions.adopt_weights(round_, class_code, request.POST.dict(), actor=request.user),
        gettext("New class weights adopted"),
        f"{reverse('assessments:what_if', args=[pk])}?class={class_code}",
    )


@require_POST
def round_publicity(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "assessments.run"):
        raise PermissionDenied
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    try:
        days = int(request.POST.get("days", "5"))
    except ValueError:
        days = 0
    return _post(
        request,
        lambda: actions.start_publicity(round_, days, actor=request.user),
        gettext("Scored; the publicity has started"),
        round_.get_absolute_url(),
    )


@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "assessments.run"):
        raise PermissionDenied
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    return _post(
        request,
        lambda: actions.publish_round(round_, actor=request.user),
        gettext("The assessment results are published"),
        round_.get_absolute_url(),
    )


@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated or not can(request.user, "assessments.view"):
        raise PermissionDenied
    report = get_visible_or_404(
        CountyReport.objects.select_related("round", "region"), request.user, pk=pk
    )
    evidence = {
        k[len("evidence_") :]: str(v) for k, v in request.POST.items() if k.startswith("evidence_")
    }
    return _post(
        request,
        lambda: actions.submit_report(report, evidence, actor=request.user),
        gettext("Self-assessment submitted, awaiting city review"),
        report.get_absolute_url(),
    )


@require_POST
def report_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    _view_required(request)
    report = get_visible_or_404(
        CountyReport.objects.select_related("round", "region"), request.user, pk=pk
    )
    return _post(
        request,
        lambda: actions.upload_evidence(
            report,
            request.POST.get("indicator", ""),
            request.FILES.get("file"),
            actor=request.user,
        ),
        gettext("Evidence file uploaded"),
        report.get_absolute_url(),
    )


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    _view_required(request)
    qs = EvidenceFile.objects.filter(report__in=visible_reports(request.user).values("pk"))
    evidence = get_object_or_404(qs, pk=pk)
    if not evidence.file or not evidence.file.storage.exists(str(evidence.file.name)):
        raise Http404("文件不存在 / file not found")
    return FileResponse(evidence.file.open("rb"), as_attachment=True)


@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "assessments.run"):
        raise PermissionDenied
    report = get_object_or_404(CountyReport.objects.select_related("round", "region"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    return _post(
        request,
        lambda: actions.review_report(
            report, approve=approve, comment=request.POST.get("comment", ""), actor=request.user
        ),
        pgettext("assessments", "Approved") if approve else gettext("Returned"),
        report.get_absolute_url(),
    )


def zone(request: HttpRequest) -> HttpResponse:
    """The 106号 self-assessment: estimated score, blocks, levers with their indicators and
    supervision items."""
    _view_required(request)
    scheme = load_zone_scheme()
    region = get_object_or_404(Region, code=ZONE_CODE)
    subs = scheme.subs()
    codes = [s.monitoring for _, s in subs if s.monitoring]
    readings = zone_values(region, codes)
    values: dict[str, Decimal | None] = {}
    sources: dict[str, str] = {}
    for _, s in subs:
        hit = readings.get(s.monitoring) if s.monitoring else None
        values[s.code] = hit[0] if hit else None
        if hit:
            sources[s.code] = f"{period(hit[1])} · {source_label(hit[2])}"
    bench = {b.sub_code: b for b in ZoneBenchmark.objects.filter(scheme_code=scheme.code)}
    averages = {k: b.average for k, b in bench.items()}
    manual_rows = {m.item_code: m for m in ZoneManualScore.objects.filter(scheme_code=scheme.code)}
    manual = {k: m.score for k, m in manual_rows.items()}
    result = self_assess(scheme, values, averages, manual)
    top = levers(scheme, values, averages)[:8]
    items_by_code: dict[str, list[TaskItem]] = {}
    lever_codes = [lv.monitoring for lv in top if lv.monitoring]
    visible_items = (
        for_user(TaskItem.objects.all(), request.user)
        .filter(indicator_links__code__in=lever_codes)
        .prefetch_related("indicator_links")
    )
    for item in visible_items:
        for link in item.indicator_links.all():
            items_by_code.setdefault(link.code, []).append(item)
    names = {s.code: s.name for _, s in subs}
    english = get_language().startswith("en")
    indicator_labels = {
        code: (name_en if english and name_en else name)
        for code, name, name_en in Indicator.objects.filter(code__in=lever_codes).values_list(
            "code", "name", "name_en"
        )
    }
    return render(
        request,
        "assessments/zone.html",
        {
            "title": gettext("National high-tech zone evaluation: self-assessment (estimate)"),
            "scheme": scheme,
            "result": result,
            "blocks": [(b, result.block_totals[b.code]) for b in scheme.blocks],
            "items": [
                (i, names[i.code], sources.get(i.code, ""), bench.get(i.code)) for i in result.items
            ],
            "levers": [
                (
                    lv,
                    items_by_code.get(lv.monitoring, []),
                    indicator_labels.get(lv.monitoring, lv.monitoring),
                )
                for lv in top
            ],
            "manual": [(m, manual_rows.get(m.code)) for m in scheme.manual],
            "subs": subs,
            "may_expert": can(request.user, "assessments.expert"),
            "synthetic_benchmarks": any(b.synthetic for b in bench.values()),
        },
    )


@require_POST
def zone_benchmark(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "assessments.expert"):
        raise PermissionDenied
    p = request.POST
    return _post(
        request,
        lambda: actions.set_benchmark(
            p.get("sub", ""),
            p.get("average", ""),
            p.get("year", ""),
            p.get("source", ""),
            actor=request.user,
        ),
        gettext("National average entered"),
        reverse("assessments:zone"),
    )


@require_POST
def zone_manual(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "assessments.expert"):
        raise PermissionDenied
    p = request.POST
    return _post(
        request,
        lambda: actions.set_manual_score(
            p.get("item", ""), p.get("score", ""), p.get("note", ""), actor=request.user
        ),
        gettext("Expert score saved"),
        reverse("assessments:zone"),
    )
