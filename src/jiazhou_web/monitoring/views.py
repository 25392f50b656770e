"""Pages of indicator monitoring: catalogue, reporting, dashboard, comparison, 大屏, report.

Every queryset goes through ``.for_user``; every write calls an action; every number on a
dashboard comes from ``jiazhou.targets`` via :mod:`jiazhou_web.monitoring.progress`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jiazhou.humanize import period_zh
from jiazhou.targets.conventions import CONVENTIONS_ZH
from jiazhou.targets.periods import parse_period
from jiazhou_web.core import access, names
from jiazhou_web.core.locality import locality
from jiazhou_web.core.request_cache import memo
from jiazhou_web.core.views import ImportView, ObjectDetailView, ObjectListView
from jiazhou_web.monitoring import actions, charts, status_rows
from jiazhou_web.monitoring.explanations import explanation_links
from jiazhou_web.monitoring.filtersets import IndicatorFilterSet, SubmissionFilterSet
from jiazhou_web.monitoring.forms import (
    ExplanationForm,
    ObservationForm,
    ReturnForm,
    SubmissionForm,
)
from jiazhou_web.monitoring.imports import ObservationImporter
from jiazhou_web.monitoring.models import Indicator, Observation, SourceDocument, Submission
from jiazhou_web.monitoring.progress import (
    EngineInput,
    TargetStatus,
    approved_engine_input,
    approved_observations,
    data_as_of,
    light_counts,
    scoped_targets,
    show_synthetic,
    statuses_for,
    summary_by,
)
from jiazhou_web.monitoring.reporting import reportable_indicators, reporting_units
from jiazhou_web.monitoring.reports import (
    light_word,
    notes_heading,
    progress_docx,
    progress_pdf,
    red_heading,
    report_context,
    summary_header,
    yellow_heading,
)
from jiazhou_web.monitoring.tables import IndicatorTable, SubmissionTable
from jiazhou_web.regions.models import Region

LIGHT_ORDER = {"red": 0, "yellow": 1, "green": 2, "grey": 3}
COMPARE_DEFAULT = "hitech_enterprises"


def _evaluation_day(request: HttpRequest) -> dt.date:
    """评价日: ``?at=YYYY-MM-DD`` or today."""
    try:
        return dt.date.fromisoformat(request.GET.get("at", ""))
    except ValueError:
        return timezone.localdate()


def _sorted(statuses: list[TargetStatus]) -> list[TargetStatus]:
    """Red first, then yellow, green, grey; within a light by indicator and target."""
    return sorted(
        statuses, key=lambda s: (LIGHT_ORDER[s.light], s.target.indicator.code, s.target.code)
    )


def _rows(statuses: list[TargetStatus]) -> list[dict[str, Any]]:
    """Dashboard rows, red first, each lagging one with the links that explain it."""
    rows = []
    for status in _sorted(statuses):
        row = {
            "status": status,
            "ev": status.evaluation,
            "links": explanation_links(status.target.indicator) if status.lagging else [],
        }
        row["html"] = status_rows.row_html(row)
        rows.append(row)
    return rows


GROUP_LABELS = {
    "red": _("Red · overdue or projected to miss"),
    "yellow": _("Yellow · behind time-elapsed progress"),
    "green": _("Green · done or on track"),
    "grey": _("Grey · no target value or no data"),
}


def _groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The detail rows grouped by light (red first); red and yellow open, the rest folded."""
    groups: list[dict[str, Any]] = []
    for row in rows:
        light = row["status"].light
        if not groups or groups[-1]["light"] != light:
            groups.append({"light": light, "label": GROUP_LABELS.get(light, light), "rows": []})
        groups[-1]["rows"].append(row)
    for group in groups:
        group["open"] = group["light"] in ("red", "yellow")
    return groups


def _common(request: HttpRequest) -> dict[str, Any]:
    synthetic = show_synthetic(request)
    query = request.GET.copy()
    query["synthetic"] = "1" if not synthetic else "0"
    return {"synthetic": synthetic, "toggle_query": query.urlencode()}


# -- catalogue ----------------------------------------------------------------------------------


class IndicatorListView(ObjectListView):
    queryset = Indicator.objects.select_related("responsible_department")
    filterset_class = IndicatorFilterSet
    table_class = IndicatorTable
    title = _("Indicator catalogue")
    export_name = "indicators"


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """口径, unit, department, targets per region with their lights, every value and its source."""
    indicator = get_object_or_404(
        Indicator.objects.for_user(request.user).select_related("responsible_department"),
        code=code,
    )
    context = _common(request)
    synthetic = context["synthetic"]
    at = _evaluation_day(request)
    observations = list(
        approved_observations(request.user, synthetic=synthetic).filter(indicator=indicator)
    )
    statuses = statuses_for(request.user, synthetic=synthetic, at=at, indicator=indicator)
    pending = (
        Observation.objects.for_user(request.user)
        .filter(indicator=indicator, submission__isnull=False)
        .exclude(submission__status="approved")
        .select_related("region", "submission")
        .order_by("region__code", "period")
    )
    context.update(
        {
            "title": indicator.name,
            "indicator": indicator,
            "at": at,
            "rows": _rows(statuses),
            "observations": sorted(observations, key=lambda o: (o.region.code, o.period)),
            "pending": pending,
            "links": explanation_links(indicator),
            "multiples": charts.small_multiples(
                region_panels(observations, statuses, at), at, rank=indicator.kind == "rank"
            ),
            "conventions": CONVENTIONS_ZH,
        }
    )
    return render(request, "monitoring/indicator_detail.html", context)


def governing_status(statuses: list[TargetStatus], at: dt.date) -> TargetStatus | None:
    """The target a region's panel is judged by: the nearest one not yet past its year, else
    the latest one."""
    if not statuses:
        return None
    upcoming = [s for s in statuses if s.target.target_year >= at.year]
    if upcoming:
        return min(upcoming, key=lambda s: (s.target.target_year, s.target.pk))
    return max(statuses, key=lambda s: (s.target.target_year, s.target.pk))


def region_panels(
    observations: list[Observation], statuses: list[TargetStatus], at: dt.date
) -> list[charts.Panel]:
    """One small chart per region with a value or a target: the city first, then by code."""
    regions: dict[str, Region] = {}
    points: dict[str, list[dict[str, Any]]] = {}
    synthetic: dict[str, bool] = {}
    for obs in observations:
        regions[obs.region.code] = obs.region
        point = charts.model_point(obs)
        if point is not None:
            points.setdefault(obs.region.code, []).append(point)
        synthetic[obs.region.code] = synthetic.get(obs.region.code, False) or obs.synthetic
    by_region: dict[str, list[TargetStatus]] = {}
    for status in statuses:
        regions[status.target.region.code] = status.target.region
        by_region.setdefault(status.target.region.code, []).append(status)
    order = sorted(regions.values(), key=lambda r: (r.kind != "city", r.code))
    panels = []
    for region in order:
        governing = governing_status(by_region.get(region.code, []), at)
        panels.append(
            charts.Panel(
                label=region.name,
                points=points.get(region.code, []),
                status=governing,
                own_scale=region.kind == "city",  # the whole city: not on its districts' scale
                synthetic=synthetic.get(region.code, False)
                or bool(governing and governing.synthetic),
            )
        )
    return panels


# -- dashboard, comparison, big screen ----------------------------------------------------------

LAGGING_PANELS = 12


def lagging_panels(
    statuses: list[TargetStatus], data: EngineInput, at: dt.date
) -> tuple[list[charts.Panel], int]:
    """Small multiples of the lagging targets (red first, at most :data:`LAGGING_PANELS`):
    each target's region and indicator from the observations the page has already read."""
    lagging = [s for s in _sorted(statuses) if s.lagging]
    shown = lagging[:LAGGING_PANELS]
    # points only for the panels drawn (of ≈ 1,400 observations, a dozen series)
    wanted = {(s.target.indicator.code, s.target.region.code) for s in shown}
    points: dict[tuple[str, str], list[dict[str, Any]]] = {}
    synthetic: set[tuple[str, str]] = set()
    for obs in data.observations:
        if (obs.indicator, obs.region) not in wanted:
            continue
        is_synthetic = obs.obs_id in data.synthetic_ids
        point = charts.engine_point(obs, synthetic=is_synthetic)
        if point is not None:
            points.setdefault((obs.indicator, obs.region), []).append(point)
            if is_synthetic:
                synthetic.add((obs.indicator, obs.region))
    panels = []
    for status in shown:
        indicator, region = status.target.indicator, status.target.region
        key = (indicator.code, region.code)
        unit = f"（{indicator.unit}）" if indicator.unit else ""
        panels.append(
            charts.Panel(
                label=gettext("%(indicator)s · %(region)s %(year)s")
                % {
                    "indicator": f"{indicator.name}{unit}",
                    "region": region.name,
                    "year": status.target.target_year,
                },
                points=points.get(key, []),
                status=status,
                synthetic=key in synthetic or status.synthetic,
                url=indicator.get_absolute_url(),
                rank=indicator.kind == "rank",
            )
        )
    return panels, len(lagging)


def _scoped_regions(request: HttpRequest) -> QuerySet[Region]:
    codes = scoped_targets(request.user, synthetic=True).values_list("region__code", flat=True)
    return Region.objects.filter(code__in=set(codes)).order_by("code")


def dashboard(request: HttpRequest) -> HttpResponse:
    context = _common(request)
    at = _evaluation_day(request)
    filters: dict[str, Any] = {}
    region = request.GET.get("region", "")
    if region:
        filters["region__code"] = region
    light = request.GET.get("light", "")
    statuses = statuses_for(request.user, synthetic=context["synthetic"], at=at, **filters)
    counts = light_counts(statuses)
    # Grey targets (no value or no data yet) are listed on demand, behind their card.
    shown = [s for s in statuses if (s.light == light if light else s.light != "grey")]
    engine = approved_engine_input(request.user, synthetic=context["synthetic"])
    observations = engine.observations
    panels, lagging_total = lagging_panels(shown if light else statuses, engine, at)
    rows = _rows(shown)
    context.update(
        {
            "title": _("Target dashboard"),
            "multiples": charts.small_multiples(panels, at, shared_y=False),
            "lagging_total": lagging_total,
            "at": at,
            "counts": counts,
            "rows": rows,
            "groups": _groups(rows),
            "summary_tables": [
                (
                    _("By responsible department"),
                    summary_by(statuses, "department"),
                    "by-department",
                ),
                (
                    _("By region (the city as the whole, not ranked against its districts)"),
                    summary_by(statuses, "region"),
                    "by-region",
                ),
            ],
            "regions": _scoped_regions(request),
            "region": region,
            "selected_light": light,
            "as_of": data_as_of(observations),
            "any_synthetic": any(s.synthetic for s in statuses),
            "pie": charts.lights_pie(counts, synthetic=any(s.synthetic for s in statuses)),
            "month": at.strftime("%Y-%m"),
        }
    )
    return render(request, "monitoring/dashboard.html", context)


def _latest(observations: list[Observation]) -> Observation | None:
    dated = [(parse_period(o.period).end, o) for o in observations]
    dated = [(end, o) for end, o in dated if end is not None]
    return max(dated, key=lambda pair: (pair[0], pair[1].pk))[1] if dated else None


def indicator_observations(user: Any, indicator: Indicator, *, synthetic: bool) -> list[Any]:
    """One indicator's approved observations in scope, read once per request (the 大屏's
    region bar and its trend chart both draw them)."""
    return memo(
        ("monitoring.indicator_observations", getattr(user, "pk", None), indicator.pk, synthetic),
        lambda: list(approved_observations(user, synthetic=synthetic).filter(indicator=indicator)),
    )


def compare_rows(
    request: HttpRequest, indicator: Indicator, at: dt.date, synthetic: bool
) -> list[dict[str, Any]]:
    """One row per county and the zone in scope: latest value and the nearest target's light."""
    regions = Region.objects.filter(parent__code=locality().city_code).order_by("code")
    observations = indicator_observations(request.user, indicator, synthetic=synthetic)
    statuses = statuses_for(request.user, synthetic=synthetic, at=at, indicator=indicator)
    rows = []
    for region in regions:
        own = [o for o in observations if o.region_id == region.pk]
        mine = [s for s in statuses if s.target.region_id == region.pk]
        if not own and not mine:
            continue
        upcoming = [s for s in mine if s.target.target_year >= at.year]
        status = min(upcoming or mine, key=lambda s: s.target.target_year) if mine else None
        latest = _latest(own)
        rows.append(
            {
                "region": region.name,
                "region_obj": region,
                "latest": latest,
                "value": float(latest.value) if latest else None,
                "status": status,
                "light": status.light if status else "grey",
                "threshold": status.evaluation.threshold if status else None,
                "synthetic": bool((latest and latest.synthetic) or (status and status.synthetic)),
                "links": explanation_links(indicator) if status and status.lagging else [],
            }
        )
    return rows


def region_compare(request: HttpRequest) -> HttpResponse:
    context = _common(request)
    at = _evaluation_day(request)
    indicator = get_object_or_404(Indicator, code=request.GET.get("indicator", COMPARE_DEFAULT))
    rows = compare_rows(request, indicator, at, context["synthetic"])
    context.update(
        {
            "title": _("Region comparison"),
            "indicator": indicator,
            "indicators": Indicator.objects.filter(kind__in=["count", "level", "share", "index"]),
            "rows": rows,
            "at": at,
            "chart": charts.region_bar(rows, indicator),
        }
    )
    return render(request, "monitoring/region_compare.html", context)


def big_screen(request: HttpRequest) -> HttpResponse:
    """1920×1080 大屏: dark stage scaled to the window, refreshed every five minutes."""
    context = _common(request)
    synthetic = context["synthetic"]
    at = _evaluation_day(request)
    statuses = statuses_for(request.user, synthetic=synthetic, at=at)
    counts = light_counts(statuses)
    engine = approved_engine_input(request.user, synthetic=synthetic)
    hnte = Indicator.objects.get(code=COMPARE_DEFAULT)
    rows = compare_rows(request, hnte, at, synthetic)
    zone = locality().zone_code
    trend_region = zone if any(o.region == zone for o in engine.observations) else None
    trend_obs = [
        o
        for o in indicator_observations(request.user, hnte, synthetic=synthetic)
        if trend_region is None or o.region.code == trend_region
    ]
    trend_statuses = [
        s
        for s in statuses
        if s.target.indicator_id == hnte.pk
        and (trend_region is None or s.target.region.code == trend_region)
        and s.target.target_year >= at.year
    ]
    lagging = [r for r in _rows(statuses) if r["status"].lagging][:8]
    sources = sorted(
        engine.sources | ({str(_("Synthetic data (demo)"))} if engine.synthetic_ids else set())
    )
    documents = {d.file_name: d for d in SourceDocument.objects.all()}
    context.update(
        {
            "title": _("Big screen"),
            "at": at,
            "counts": counts,
            "total": len(statuses),
            "as_of": data_as_of(engine.observations),
            "lagging": lagging,
            "sources": [documents[s].title if s in documents else s for s in sources],
            "any_synthetic": any(s.synthetic for s in statuses),
            "pie": charts.lights_pie(
                counts, synthetic=any(s.synthetic for s in statuses), dark=True
            ),
            "bar": charts.region_bar(rows, hnte, dark=True),
            "trend": charts.indicator_chart(hnte, trend_obs, trend_statuses, dark=True),
            "now": timezone.localtime(),
        }
    )
    return render(request, "monitoring/big_screen.html", context)


# -- monthly progress report --------------------------------------------------------------------


def progress_report(request: HttpRequest) -> HttpResponse:
    """月度进展报告: HTML preview, ``?format=docx`` (Word) or ``?format=pdf``."""
    today = timezone.localdate()
    month = request.GET.get("month", today.strftime("%Y-%m"))
    try:
        year, mon = (int(x) for x in month.split("-"))
        first = dt.date(year, mon, 1)
        last = dt.date(year, mon, calendar.monthrange(year, mon)[1])
    except ValueError:
        raise Http404("报告月份应写作“年-月”，如 2026-10 / month must be YYYY-MM") from None
    if first > today:
        raise Http404(f"{month} 尚未开始，无法出具报告 / {month} has not started yet")
    at = min(last, today)  # never evaluated at a day that has not come
    synthetic = show_synthetic(request)
    statuses = statuses_for(request.user, synthetic=synthetic, at=at)
    observations = approved_engine_input(request.user, synthetic=synthetic).observations
    data = report_context(
        statuses,
        at=at,
        as_of=data_as_of(observations),
        user=request.user,
        period=(first, last),
        generated_on=today,
    )
    fmt = request.GET.get("format", "")
    if fmt in ("docx", "pdf"):
        content, mime = (
            (
                progress_docx(data),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            if fmt == "docx"
            else (progress_pdf(data), "application/pdf")
        )
        response = HttpResponse(content, content_type=mime)
        name = f"progress-report-{month}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = _common(request)
    context.update(
        {
            "title": _("Monthly progress report"),
            "report": data,
            "month": month,
            "report_summary_header": summary_header(),
            "report_headings": (red_heading(), yellow_heading(), notes_heading()),
            # The same light counts as the home cards, the dashboard and the 大屏 for that day
            # (progress.light_counts of statuses_for): marked data-figure for the agreement test.
            "counts": light_counts(statuses),
            "count_rows": [
                (light, light_word(light), n) for light, n in light_counts(statuses).items()
            ],
            "at": at,
        }
    )
    return render(request, "monitoring/progress_report.html", context)


# -- reporting (填报) ----------------------------------------------------------------------------


class SubmissionListView(ObjectListView):
    queryset = Submission.objects.select_related("region", "department", "reviewed_by")
    filterset_class = SubmissionFilterSet
    table_class = SubmissionTable
    title = _("Data reporting")
    export_name = "reporting-batches"
    template_name = "monitoring/report_list.html"
    synthetic_note = True

    def get_queryset(self) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset().annotate(value_count=Count("observations"))
        return rows if show_synthetic(self.request) else rows.filter(synthetic=False)


def report_create(request: HttpRequest) -> HttpResponse:
    units = reporting_units(request.user)
    if not units:
        raise PermissionDenied(
            "仅区县/高新区填报人员和责任单位可新建填报批次 / "
            "only county, zone and responsible-department officers report"
        )
    form = SubmissionForm(request.POST or None, units=units, initial={"unit": units[0].key})
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        try:
            submission = actions.open_submission(
                unit.region,
                form.cleaned_data["period"],
                department=unit.department,
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext(
                    "Reporting batch of %(unit)s for “%(period)s” created: enter the values or "
                    "import an Excel file, then submit it for the city's review."
                )
                % {"unit": submission.unit_label, "period": names.period_label(submission.period)},
            )
            return redirect(submission)
    return render(
        request,
        "monitoring/report_create.html",
        {"form": form, "title": _("Open a reporting batch")},
    )


class SubmissionDetailView(ObjectDetailView):
    queryset = Submission.objects.select_related(
        "region", "department", "reviewed_by", "created_by"
    )
    template_name = "monitoring/report_detail.html"

    def get_context(self, obj: Any) -> dict[str, Any]:
        user = self.request.user
        reporter = access.can(user, "monitoring.report", obj) and obj.editable
        return {
            "title": f"{obj.unit_label} · {period_zh(obj.period)}",
            "observations": obj.observations.select_related("indicator").order_by(
                "indicator__code"
            ),
            "may_edit": reporter,
            "may_review": access.can(user, "monitoring.review") and obj.status == "submitted",
            "entry_form": ObservationForm(indicators=reportable_indicators(obj))
            if reporter
            else None,
            "explain_form": ExplanationForm(),
            "return_form": ReturnForm(),
        }


def _batch(request: HttpRequest, pk: int) -> Submission:
    batch: Submission = get_object_or_404(Submission.objects.for_user(request.user), pk=pk)
    return batch


def _run(
    request: HttpRequest, submission: Submission, act: Callable[[], Any], ok: str
) -> HttpResponse:
    try:
        act()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(str(m) for m in getattr(exc, "messages", [exc])))
    else:
        messages.success(request, ok)
    return redirect(submission)


@require_POST
def report_record(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _batch(request, pk)
    access.require(request.user, "monitoring.report", submission)
    form = ObservationForm(request.POST, indicators=reportable_indicators(submission))
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {'；'.join(str(e) for e in errors)}")
        return redirect(submission)
    data = form.cleaned_data
    return _run(
        request,
        submission,
        lambda: actions.record_observation(
            submission,
            data["indicator"],
            value=data["value"],
            unit=data["unit"],
            qualifier=data["qualifier"] or "",
            yoy_growth_pct=data["yoy_growth_pct"],
            explanation=data["explanation"],
            actor=request.user,
        ),
        str(_("Value saved.")),
    )


def _reported_observation(request: HttpRequest, pk: int) -> tuple[Observation, Submission]:
    """A reported value within the user's scope (404 outside it), with its batch."""
    observation = get_object_or_404(
        Observation.objects.for_user(request.user).filter(submission__isnull=False), pk=pk
    )
    assert observation.submission is not None
    return observation, observation.submission


@require_POST
def observation_explain(request: HttpRequest, pk: int) -> HttpResponse:
    observation, submission = _reported_observation(request, pk)
    access.require(request.user, "monitoring.report", submission)
    return _run(
        request,
        submission,
        lambda: actions.explain_observation(
            observation, request.POST.get("explanation", ""), actor=request.user
        ),
        str(_("Explanation saved.")),
    )


@require_POST
def observation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    observation, submission = _reported_observation(request, pk)
    access.require(request.user, "monitoring.report", submission)
    return _run(
        request,
        submission,
        lambda: actions.delete_observation(observation, actor=request.user),
        str(_("Value deleted.")),
    )


@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _batch(request, pk)
    access.require(request.user, "monitoring.report", submission)
    return _run(
        request,
        submission,
        lambda: actions.submit_submission(submission, actor=request.user),
        str(_("Submitted to the city for review.")),
    )


@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _batch(request, pk)
    access.require(request.user, "monitoring.review", submission)
    return _run(
        request,
        submission,
        lambda: actions.return_submission(
            submission, request.POST.get("comment", ""), actor=request.user
        ),
        str(_("Returned with your comment.")),
    )


@require_POST
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _batch(request, pk)
    access.require(request.user, "monitoring.review", submission)
    return _run(
        request,
        submission,
        lambda: actions.approve_submission(submission, actor=request.user),
        str(_("Approved: the values now feed the dashboards.")),
    )


class ObservationImportView(ImportView):
    """Excel import into one batch: errors reject the file, warnings come back listed."""

    importer_class = ObservationImporter
    template_name = "monitoring/report_import.html"
    template_filename = "指标填报模板.xlsx"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.submission = _batch(request, kwargs.pop("pk"))
        self.title = f"{_('Import values')} · {self.submission}"  # type: ignore[misc]
        self.importer_class = ObservationImporter.bound_to(self.submission)  # type: ignore[misc]
        return super().dispatch(request, *args, **kwargs)

    def may_import(self, user: Any) -> bool:
        return access.can(user, "monitoring.report", self.submission) and self.submission.editable
