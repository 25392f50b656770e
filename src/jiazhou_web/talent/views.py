"""人才 pages: the selected people (ID numbers masked; the full number only for the programme
officer, one audited look at a time), the 嘉州英才卡 with its services, and a masked export."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jiazhou_web.core.access import can, for_user, get_visible_or_404, require
from jiazhou_web.core.flash import done, failed, form_error
from jiazhou_web.core.spreadsheets import Sheet, write_workbook, xlsx_response
from jiazhou_web.talent import actions
from jiazhou_web.talent.choices import CardClass, CardState, Service
from jiazhou_web.talent.forms import CardForm, ServiceForm
from jiazhou_web.talent.models import Card, Programme, Talent

PAGE_SIZE = 50
#: the export's columns, in the reader's language (issue 14)
HEADER = (
    pgettext_lazy("talent", "Programme"),
    pgettext_lazy("talent", "Year"),
    pgettext_lazy("person", "Name"),
    _("ID number (masked)"),
    pgettext_lazy("talent", "Category"),
    pgettext_lazy("talent", "Degree"),
    _("Employer"),
    pgettext_lazy("talent", "County"),
    _("Talent card"),
)


def _rows(request: HttpRequest) -> Any:
    rows = for_user(
        Talent.objects.select_related("programme", "region").annotate(
            valid_cards=Count("cards", filter=Q(cards__state=CardState.VALID))
        ),
        request.user,
    ).order_by("programme__code", "-year", "name", "pk")
    programme = request.GET.get("programme", "")
    if programme.isdigit():
        rows = rows.filter(programme_id=int(programme))
    employer = request.GET.get("employer", "")
    if employer.isdigit():
        rows = rows.filter(employer_id=int(employer))
    return rows, programme


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "talent.view")
    rows, programme = _rows(request)
    if request.GET.get("export") == "xlsx":
        has, has_not = pgettext("talent card", "Yes"), pgettext("talent card", "No")
        body = (
            (
                t.programme.name,
                t.year,
                t.name,
                t.masked_id,
                t.get_category_display(),
                t.get_degree_display(),
                t.employer_name,
                t.region.name,
                has if t.valid_cards else has_not,
            )
            for t in rows.iterator()
        )
        note = gettext("ID numbers are masked; see the platform's pages for synthetic-data labels.")
        header = [str(h) for h in HEADER]
        sheet = Sheet(pgettext("talent", "Talent list"), header, body, notes=[note])
        return xlsx_response(write_workbook([sheet]), "talents.xlsx")
    programmes = Programme.objects.annotate(n=Count("talents")).order_by("code")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": gettext("Science and technology talent"),
        "programmes": programmes,
        "programme": programme,
        "page": page,
        "cards": Card.objects.filter(talent__in=rows.values("pk"), state=CardState.VALID).count(),
    }
    return render(request, "talent/index.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "talent.view")
    talent = get_visible_or_404(
        Talent.objects.select_related("programme", "region"), request.user, pk=pk
    )
    return _render_detail(request, talent, full_id=None)


def _render_detail(request: HttpRequest, talent: Talent, full_id: str | None) -> HttpResponse:
    may_manage = can(request.user, "talent.manage", talent)
    cards = list(talent.cards.prefetch_related("services"))
    context = {
        "title": talent.name,
        "talent": talent,
        "full_id": full_id,
        "cards": cards,
        "may_reveal": can(request.user, "talent.view_identity", talent),
        "may_manage": may_manage,
        "card_form": CardForm() if may_manage else None,
        "service_form": ServiceForm() if may_manage else None,
        "card_classes": CardClass.choices,
        "services": Service.choices,
    }
    return render(request, "talent/detail.html", context)


@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the full number once, on this response only (never stored in the session)."""
    talent = get_visible_or_404(
        Talent.objects.select_related("programme", "region"), request.user, pk=pk
    )
    if not can(request.user, "talent.view_identity", talent):
        raise PermissionDenied("仅人才计划主管人员可查看完整身份证号 / not permitted")
    full = actions.reveal_identity(talent, actor=request.user)
    response = _render_detail(request, talent, full_id=full)
    response["Cache-Control"] = "no-store"
    return response


def _managed(request: HttpRequest, pk: int) -> Talent:
    talent = get_visible_or_404(Talent, request.user, pk=pk)
    if not can(request.user, "talent.manage", talent):
        raise PermissionDenied("无权执行该操作 / not permitted")
    return talent


@require_POST
def card_issue(request: HttpRequest, pk: int) -> HttpResponse:
    talent = _managed(request, pk)
    form = CardForm(request.POST)
    if not form.is_valid():
        return failed(request, form_error(form), reverse("talent:detail", args=[talent.pk]))
    try:
        card = actions.issue_card(talent, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return failed(request, exc, reverse("talent:detail", args=[talent.pk]))
    return done(
        request,
        gettext("Talent card %(number)s issued, valid until %(year)s-%(month)s-%(day)s")
        % {
            "number": card.number,
            "year": f"{card.valid_until:%Y}",
            "month": f"{card.valid_until:%m}",
            "day": f"{card.valid_until:%d}",
        },
        reverse("talent:detail", args=[talent.pk]),
    )


@require_POST
def service_add(request: HttpRequest, pk: int, card: int) -> HttpResponse:
    talent = _managed(request, pk)
    found = talent.cards.filter(pk=card).first()
    if found is None:
        raise Http404("英才卡不存在 / no such card")
    form = ServiceForm(request.POST)
    if not form.is_valid():
        return failed(request, form_error(form), reverse("talent:detail", args=[talent.pk]))
    try:
        actions.record_service(found, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return failed(request, exc, reverse("talent:detail", args=[talent.pk]))
    return done(
        request, gettext("Talent card service recorded"), reverse("talent:detail", args=[talent.pk])
    )


@require_POST
def card_revoke(request: HttpRequest, pk: int, card: int) -> HttpResponse:
    talent = _managed(request, pk)
    found = talent.cards.filter(pk=card).first()
    if found is None:
        raise Http404("英才卡不存在 / no such card")
    try:
        actions.revoke_card(found, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return failed(request, exc, reverse("talent:detail", args=[talent.pk]))
    return done(
        request,
        gettext("Talent card %(number)s revoked") % {"number": found.number},
        reverse("talent:detail", args=[talent.pk]),
    )
