"""创新平台 pages: the registry with counts by level and kind (beside the reported indicator),
a platform's record with its annual reports and supervision lights, and the forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from jiazhou_web.core.access import can, for_user, get_visible_or_404, require
from jiazhou_web.core.flash import done, failed, form_error
from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.platforms import actions
from jiazhou_web.platforms.choices import Kind, Level, Status
from jiazhou_web.platforms.forms import EvaluationForm, PlatformForm, ReportForm
from jiazhou_web.platforms.models import Platform

PAGE_SIZE = 50
#: registry count → the indicator the bureau reports it under (monitoring catalogue)
INDICATORS = {
    "prov_plus": "innovation_service_platforms_prov_plus",
    "national": "innovation_service_platforms_national",
}


def _reported(code: str) -> Any:
    """The latest city-level value reported for ``code`` (None if never reported)."""
    from jiazhou_web.monitoring.models import Observation

    return (
        Observation.objects.filter(indicator__code=code, region__code="511100")
        .order_by("-period")
        .values("value", "period")
        .first()
    )


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "platforms.view")
    rows = for_user(Platform.objects.select_related("region", "host_enterprise"), request.user)
    active = rows.filter(status=Status.ACTIVE)
    counts = active.aggregate(
        national=Count("id", filter=Q(level=Level.NATIONAL)),
        provincial=Count("id", filter=Q(level=Level.PROVINCIAL)),
        city=Count("id", filter=Q(level=Level.CITY)),
    )
    by_kind = dict(active.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    kinds = [(label, by_kind[value]) for value, label in Kind.choices if by_kind.get(value)]
    level, kind = request.GET.get("level", ""), request.GET.get("kind", "")
    shown = rows
    if level in Level.values:
        shown = shown.filter(level=level)
    if kind in Kind.values:
        shown = shown.filter(kind=kind)
    host = request.GET.get("host", "")
    if host.isdigit():
        shown = shown.filter(host_enterprise_id=int(host))
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": gettext("Innovation platforms"),
        "counts": counts,
        "prov_plus": counts["national"] + counts["provincial"],
        "kinds": kinds,
        "page": page,
        "levels": Level.choices,
        "kind_choices": Kind.choices,
        "level": level,
        "kind": kind,
        "reported_prov_plus": _reported(INDICATORS["prov_plus"]),
        "reported_national": _reported(INDICATORS["national"]),
        "may_manage": can(request.user, "platforms.manage"),
    }
    return render(request, "platforms/index.html", context)


def create(request: HttpRequest) -> HttpResponse:
    require(request.user, "platforms.manage")
    form = PlatformForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        region = data.pop("region")
        try:
            platform = actions.register(actor=request.user, region=region, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已登记{platform.get_level_display()}「{platform.name}」")
            return redirect("platforms:detail", pk=platform.pk)
    return render(
        request,
        "platforms/form.html",
        {"title": gettext("Register an innovation platform"), "form": form},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "platforms.view")
    platform = get_visible_or_404(Platform, request.user, pk=pk)
    from jiazhou_web.supervision.lights import LightLabel, lights_for
    from jiazhou_web.supervision.working_calendar import current_calendar

    items = list(platform.items.select_related("lead_unit"))
    readings = lights_for(items, timezone.now(), current_calendar()) if items else {}
    may_manage = can(request.user, "platforms.manage", platform)
    may_report = can(request.user, "platforms.report", platform)
    context = {
        "title": platform.name,
        "platform": platform,
        "reports": platform.reports.all() if may_manage or may_report else [],
        "items": [(i, LightLabel.of(readings[i.pk])) for i in items],
        "may_manage": may_manage,
        "may_report": may_report,
        "host_visible": platform.host_enterprise_id is not None
        and for_user(
            Enterprise.objects.filter(pk=platform.host_enterprise_id), request.user
        ).exists(),
        "evaluation_form": EvaluationForm() if may_manage else None,
        "report_form": ReportForm(initial={"year": timezone.localdate().year - 1}),
        "timeline": AuditLog.objects.for_object(platform)[:30] if may_manage else [],
    }
    return render(request, "platforms/detail.html", context)


@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    platform = get_visible_or_404(Platform, request.user, pk=pk)
    if not can(request.user, "platforms.manage", platform):
        raise PermissionDenied("无权执行该操作 / not permitted")
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        return failed(request, form_error(form), reverse("platforms:detail", args=[platform.pk]))
    try:
        actions.record_evaluation(platform, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return failed(request, exc, reverse("platforms:detail", args=[platform.pk]))
    return done(
        request,
        gettext("Evaluation result recorded: %(result)s")
        % {"result": platform.get_evaluation_display()},
        reverse("platforms:detail", args=[platform.pk]),
    )


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    platform = get_visible_or_404(Platform, request.user, pk=pk)
    if not can(request.user, "platforms.report", platform):
        raise PermissionDenied("无权执行该操作 / not permitted")
    form = ReportForm(request.POST)
    if not form.is_valid():
        return failed(request, form_error(form), reverse("platforms:detail", args=[platform.pk]))
    try:
        actions.file_report(platform, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return failed(request, exc, reverse("platforms:detail", args=[platform.pk]))
    return done(
        request,
        gettext("Annual report for %(year)s filed") % {"year": form.cleaned_data["year"]},
        reverse("platforms:detail", args=[platform.pk]),
    )
