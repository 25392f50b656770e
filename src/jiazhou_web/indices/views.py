"""The index page (scores, ranks, gap to target, sensitivity), its export and the recompute."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from jiazhou_web.core.access import can
from jiazhou_web.core.params import year_param
from jiazhou_web.core.spreadsheets import write_workbook, xlsx_response
from jiazhou_web.indices import actions
from jiazhou_web.indices.models import IndexDefinition
from jiazhou_web.indices.report import build_report, chart_data, report_sheets


def _year(raw: str | None) -> int | None:
    return year_param(raw)


def _definition(request: HttpRequest) -> IndexDefinition | None:
    definitions = IndexDefinition.objects.for_user(request.user).select_related("focus_region")
    code = request.GET.get("index") or request.POST.get("index")
    return definitions.filter(code=code).first() if code else definitions.first()


class IndexView(UserPassesTestMixin, View):
    """Every government role sees all regions (a comparison product: ``index.view``)."""

    def test_func(self) -> bool:
        return can(self.request.user, "index.view")

    def get(self, request: HttpRequest) -> HttpResponse:
        definition = _definition(request)
        if definition is None:
            return render(request, "indices/index.html", {"title": _("Innovation index")})
        report = build_report(
            definition, _year(request.GET.get("year")), request.user, request.GET.get("region", "")
        )
        if request.GET.get("export") == "xlsx" and report.run is not None:
            name = f"{definition.code}-{report.year}.xlsx"
            return xlsx_response(write_workbook(report_sheets(report)), name)
        context: dict[str, Any] = {
            "title": definition.title,
            "definition": definition,
            "report": report,
            "charts": chart_data(report),
            "may_recompute": can(request.user, "index.recompute"),
        }
        return render(request, "indices/index.html", context)


class RecomputeView(UserPassesTestMixin, View):
    """POST: recompute the shown year (the run, then its uncertainty analysis)."""

    def test_func(self) -> bool:
        return can(self.request.user, "index.recompute")

    def post(self, request: HttpRequest) -> HttpResponse:
        definition = get_object_or_404(
            IndexDefinition.objects.for_user(request.user), code=request.POST.get("index", "")
        )
        year = _year(request.POST.get("year"))
        url = reverse("indices:index")
        if year is None:
            messages.error(request, _("Choose a year to recompute."))
            return HttpResponseRedirect(url)
        try:
            outcome, _analysis = actions.recompute(definition, year, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            if outcome.created:
                messages.success(
                    request, _("The index for %(year)s was recomputed.") % {"year": year}
                )
            else:
                messages.info(
                    request,
                    _("The inputs for %(year)s are unchanged; the stored results stand.")
                    % {"year": year},
                )
        return HttpResponseRedirect(f"{url}?index={definition.code}&year={year}")
