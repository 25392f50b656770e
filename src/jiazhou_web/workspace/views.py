"""企业工作台 pages: the firm's home and its own record (一企一档 with sources).

Every page finds the firm from the user's enterprise scope (``firm.current_firm``): workspace
URLs carry no firm id, so a firm user can never name another firm's page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from jiazhou.validation.cells import CellError
from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.models import RoleAssignment
from jiazhou_web.core.access import can, get_visible_or_404, require
from jiazhou_web.core.contributions import todos_for, workspace_sections
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.templatetags.zh import date_zh
from jiazhou_web.enterprises.figures import annual_field_map, stored
from jiazhou_web.enterprises.imports import figure_parser
from jiazhou_web.enterprises.models import EnterpriseFigure
from jiazhou_web.pools.assessment import stored_cards
from jiazhou_web.workspace import actions, display, reminders, uploads
from jiazhou_web.workspace.choices import CorrectionState, DeclarationState
from jiazhou_web.workspace.firm import current_firm
from jiazhou_web.workspace.forms import (
    FORM_SECTIONS,
    WAN,
    CorrectionForm,
    DecisionForm,
    DeclarationForm,
    DocumentForm,
    InviteForm,
    ReturnForm,
    from_text,
)
from jiazhou_web.workspace.models import CorrectionRequest, Declaration, FirmDocument, FirmMember

#: identity facts shown on 我的档案 (field, label)
IDENTITY_ROWS: tuple[tuple[str, StrOrPromise], ...] = (
    ("uscc", _("Unified social credit code")),
    ("registration_date", _("Date established")),
    ("region", pgettext_lazy("workspace", "District/county")),
    ("zone", pgettext_lazy("workspace", "Functional zone")),
    ("industry", _("Industry (national classification)")),
    ("tech_field", _("Technology field")),
    ("size_class", _("Enterprise size")),
)


def index(request: HttpRequest) -> HttpResponse:
    """工作台首页: the firm's sections and what waits for this user (我的待办)."""
    firm = current_firm(request)
    context = {
        "title": gettext("Enterprise workspace"),
        "firm": firm,
        "sections": workspace_sections(request.user),
        "todos": todos_for(request.user),
    }
    return render(request, "workspace/index.html", context)


def _identity(firm: Any) -> list[dict[str, Any]]:
    rows = []
    for name, label in IDENTITY_ROWS:
        value = getattr(firm, name)
        display_method = getattr(firm, f"get_{name}_display", None)
        if display_method is not None and value:
            value = display_method()
        elif name in ("region", "zone") and value is not None:
            value = value.name
        elif name == "registration_date" and value is not None:
            value = date_zh(value)
        rows.append({"label": label, "value": value or "—"})
    return rows


def record(request: HttpRequest) -> HttpResponse:
    """我的档案: every annual value the platform holds, with its source and as-of date."""
    firm = current_firm(request)
    figures = list(
        EnterpriseFigure.objects.filter(enterprise=firm).order_by("-fiscal_year", "field")
    )
    years = sorted({f.fiscal_year for f in figures}, reverse=True)
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    specs = annual_field_map()
    held = {f.field: f for f in figures if f.fiscal_year == year}
    groups = []
    for section, codes in FORM_SECTIONS:
        rows = []
        for code in codes:
            figure = held.pop(code, None)
            rows.append(_figure_row(specs[code], figure))
        groups.append({"label": section, "rows": rows})
    others = [_figure_row(specs[code], f) for code, f in held.items() if code in specs]
    if others:
        groups.append({"label": gettext("Other data"), "rows": others})
    context = {
        "title": gettext("My record"),
        "firm": firm,
        "identity": _identity(firm),
        "identity_as_of": timezone.localtime(firm.updated).date(),
        "years": years,
        "year": year,
        "groups": groups,
        "ip_assets": firm.ip_assets.order_by("kind", "number"),
        "incidents": firm.incidents.all(),
        "correction_url": reverse("workspace:correction_create")
        if can(request.user, "workspace.declare")
        else "",
    }
    return render(request, "workspace/record.html", context)


def _figure_row(spec: Any, figure: EnterpriseFigure | None) -> dict[str, Any]:
    if figure is None:
        return {
            "spec": spec,
            "text": gettext("Not declared"),
            "source": "",
            "as_of": None,
            "correctable": False,
        }
    return {
        "spec": spec,
        "text": display.figure_text(spec, figure.value, figure.text_value),
        "source": display.source_label(figure.source),
        "as_of": figure.as_of,
        # the firm's own declared values are changed by a new declaration, not a correction
        "correctable": figure.source != "declaration",
    }


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


# -- 年报申报 (firm) ----------------------------------------------------------------------


def declarations(request: HttpRequest) -> HttpResponse:
    """年报申报: the form (火炬统计 企业年报 sections) and the firm's declarations so far."""
    firm = current_firm(request, "workspace.declare")
    initial: dict[str, Any] = {}
    copy_of = request.GET.get("from")
    if copy_of and request.method != "POST":
        earlier = get_visible_or_404(Declaration, request.user, pk=copy_of, enterprise=firm)
        initial = {"fiscal_year": earlier.fiscal_year} | {
            code: _entry(code, text) for code, text in earlier.values.items()
        }
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            declaration = actions.submit_declaration(
                firm,
                form.cleaned_data["fiscal_year"],
                form.cleaned_data["values"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(
                request,
                gettext("Annual declaration %(year)s submitted; awaiting review by %(region)s")
                % {"year": declaration.fiscal_year, "region": declaration.review_region.name},
            )
            return _see_other(reverse("workspace:declaration_detail", args=[declaration.pk]))
    history = Declaration.objects.filter(enterprise=firm).select_related("review_region")
    context = {
        "title": gettext("Annual declaration"),
        "firm": firm,
        "form": form,
        "history": history,
    }
    return render(request, "workspace/declarations.html", context)


def _entry(code: str, text: str) -> str:
    spec = annual_field_map()[code]
    value, text_value = stored(spec, from_text(code, text))
    return display.entry_text(spec, value, text_value)


def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One declaration: the firm's own, or one routed to the officer's region."""
    if not (
        can(request.user, "workspace.declare") or can(request.user, "workspace.review_declaration")
    ):
        raise PermissionDenied
    declaration = get_visible_or_404(
        Declaration.objects.select_related("enterprise", "review_region", "submitted_by"),
        request.user,
        pk=pk,
    )
    reviewer = can(request.user, "workspace.review_declaration", declaration)
    if not reviewer and not can(request.user, "workspace.declare"):
        raise Http404
    specs = annual_field_map()
    held = {
        f.field: f
        for f in EnterpriseFigure.objects.filter(
            enterprise=declaration.enterprise, fiscal_year=declaration.fiscal_year
        )
    }
    groups = []
    for section, codes in FORM_SECTIONS:
        rows = []
        for code in codes:
            if code not in declaration.values:
                continue
            spec = specs[code]
            value, text_value = stored(spec, from_text(code, declaration.values[code]))
            old = held.get(code)
            rows.append(
                {
                    "spec": spec,
                    "declared": display.figure_text(spec, value, text_value),
                    "held": display.figure_text(spec, old.value, old.text_value) if old else "—",
                    "held_source": display.source_label(old.source) if old else "",
                    "differs": old is None or (old.value, old.text_value) != (value, text_value),
                }
            )
        if rows:
            groups.append({"label": section, "rows": rows})
    context = {
        "title": gettext("Annual declaration %(year)s") % {"year": declaration.fiscal_year},
        "declaration": declaration,
        "firm": declaration.enterprise,
        "groups": groups,
        "may_review": reviewer and declaration.state == DeclarationState.SUBMITTED,
        "return_form": ReturnForm(),
        "firm_view": not reviewer,
    }
    template = (
        "workspace/declaration_firm.html" if not reviewer else "workspace/declaration_review.html"
    )
    return render(request, template, context)


# -- review (zone / county officers) ------------------------------------------------------


def _routed(queryset: Any, user: Any) -> Any:
    scope = user_scope(user)
    if scope.city:
        return queryset
    return queryset.filter(review_region__code__in=scope.region_codes)


def review_list(request: HttpRequest) -> HttpResponse:
    """申报审核: declarations and correction requests routed to the officer's county or zone."""
    require(request.user, "workspace.review_declaration")
    state = request.GET.get("state", "open")
    declarations_qs = _routed(Declaration.objects.all(), request.user).select_related(
        "enterprise", "review_region"
    )
    corrections_qs = _routed(CorrectionRequest.objects.all(), request.user).select_related(
        "enterprise", "review_region"
    )
    if state == "open":
        declarations_qs = declarations_qs.filter(state=DeclarationState.SUBMITTED)
        corrections_qs = corrections_qs.filter(state=CorrectionState.OPEN)
    specs = annual_field_map()
    corrections = []
    for c in corrections_qs[:200]:
        spec = specs.get(c.field)
        corrections.append({"request": c, **_correction_texts(c, spec)})
    context = {
        "title": gettext("Review of enterprise declarations"),
        "state": state,
        "declarations": declarations_qs[:200],
        "corrections": corrections,
        "decision_form": DecisionForm(),
    }
    return render(request, "workspace/review_list.html", context)


def _correction_texts(c: CorrectionRequest, spec: Any) -> dict[str, str]:
    if spec is None:
        return {"label": c.field, "held": c.held_value, "proposed": c.proposed_value}
    held_value, held_text = (
        stored(spec, from_text(c.field, c.held_value)) if c.held_value else (None, "")
    )
    new_value, new_text = stored(spec, from_text(c.field, c.proposed_value))
    return {
        "label": spec.name_zh,
        "held": display.figure_text(spec, held_value, held_text),
        "held_source": display.source_label(c.held_source),
        "proposed": display.figure_text(spec, new_value, new_text),
    }


@require_POST
def declaration_return(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "workspace.review_declaration")
    declaration = get_visible_or_404(Declaration, request.user, pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Please give a reason for returning"))
    else:
        try:
            actions.return_declaration(
                declaration, reason=form.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, gettext("Returned to the enterprise for revision"))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    return _see_other(reverse("workspace:declaration_detail", args=[pk]))


@require_POST
def declaration_accept(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "workspace.review_declaration")
    declaration = get_visible_or_404(Declaration, request.user, pk=pk)
    try:
        actions.accept_declaration(declaration, actor=request.user)
        messages.success(
            request,
            gettext(
                "Accepted: the declared values are now in the enterprise record "
                "(source: enterprise declaration)"
            ),
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return _see_other(reverse("workspace:declaration_detail", args=[pk]))


# -- 数据更正 -------------------------------------------------------------------------------


def correction_create(request: HttpRequest) -> HttpResponse:
    """The firm asks to correct one value held from another source (年度 + 字段 in the URL)."""
    firm = current_firm(request, "workspace.declare")
    specs = annual_field_map()
    code = request.POST.get("field") or request.GET.get("field", "")
    raw_year = request.POST.get("year") or request.GET.get("year", "")
    if not code and not raw_year:
        return _correction_choices(request, firm)
    try:
        year = int(raw_year)
    except ValueError:
        raise Http404("年度无效 / bad year") from None
    spec = specs.get(code)
    if spec is None:
        raise Http404("字段不存在 / unknown field")
    figure = actions.held_figure(firm, year, code)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposed = figure_parser(spec, unit_factor=WAN)(form.cleaned_data["proposed_value"])
            actions.request_correction(
                firm,
                fiscal_year=year,
                field=code,
                proposed=proposed,
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except CellError as exc:
            form.add_error("proposed_value", f"「{spec.name_zh}」：{exc.zh} / {code}: {exc.en}")
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(
                request,
                gettext("Correction request submitted: %(year)s “%(name)s”")
                % {"year": year, "name": spec.name_zh},
            )
            return _see_other(reverse("workspace:record") + f"?year={year}")
    mine = CorrectionRequest.objects.filter(enterprise=firm).order_by("-created")[:20]
    context = {
        "title": gettext("Request a data correction"),
        "firm": firm,
        "spec": spec,
        "unit": display.unit_label(spec),
        "year": year,
        "figure": figure,
        "held": display.figure_text(spec, figure.value, figure.text_value) if figure else "—",
        "held_source": display.source_label(figure.source) if figure else "",
        "form": form,
        "mine": [{"request": c, **_correction_texts(c, specs.get(c.field))} for c in mine],
    }
    return render(request, "workspace/correction.html", context)


def _correction_choices(request: HttpRequest, firm: Any) -> HttpResponse:
    """Without a value named: the values of the latest year held from other sources."""
    specs = annual_field_map()
    latest = (
        EnterpriseFigure.objects.filter(enterprise=firm)
        .exclude(source="declaration")
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    held = EnterpriseFigure.objects.filter(enterprise=firm, fiscal_year=latest or 0).exclude(
        source="declaration"
    )
    rows = [
        {
            "spec": specs[f.field],
            "text": display.figure_text(specs[f.field], f.value, f.text_value),
            "source": display.source_label(f.source),
            "as_of": f.as_of,
        }
        for f in held.order_by("field")
        if f.field in specs
    ]
    mine = CorrectionRequest.objects.filter(enterprise=firm).order_by("-created")[:20]
    context = {
        "title": gettext("Request a data correction"),
        "firm": firm,
        "year": latest,
        "rows": rows,
        "mine": [{"request": c, **_correction_texts(c, specs.get(c.field))} for c in mine],
    }
    return render(request, "workspace/correction_choices.html", context)


@require_POST
def correction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "workspace.review_declaration")
    correction = get_visible_or_404(CorrectionRequest, request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Please choose a decision and write a note"))
    else:
        try:
            actions.decide_correction(
                correction,
                accept=form.cleaned_data["accept"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
            messages.success(request, gettext("Decided"))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    return _see_other(reverse("workspace:review_list"))


# -- 我的资质 -------------------------------------------------------------------------------


def qualifications(request: HttpRequest) -> HttpResponse:
    """Every programme: status, gaps, certificate and its expiry; the reminders' dates."""
    firm = current_firm(request)
    today = timezone.localdate()
    cards = stored_cards(firm)
    rows = []
    for card in cards:
        cert = card.certificate
        expiring = None
        if cert is not None and cert.valid_to is not None and card.programme == "hnte":
            expiring = reminders.hnte_reminder_from(cert.valid_to) <= today
        rows.append(
            {
                "card": card,
                "certificate": cert,
                "valid": cert is not None
                and cert.revoked_on is None
                and cert.valid_from <= today
                and (cert.valid_to is None or cert.valid_to >= today),
                "expiring": expiring,
            }
        )
    context = {
        "title": gettext("My qualifications"),
        "firm": firm,
        "rows": rows,
        "window": reminders.tech_sme_window(today),
        "today": today,
    }
    return render(request, "workspace/qualifications.html", context)


# -- 我的文件 -------------------------------------------------------------------------------


def documents(request: HttpRequest) -> HttpResponse:
    firm = current_firm(request, "workspace.documents")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.upload_document(
                firm,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", _error_text(exc))
        else:
            messages.success(request, gettext("Uploaded “%(title)s”") % {"title": document.title})
            return _see_other(reverse("workspace:documents"))
    context = {
        "title": gettext("My files"),
        "firm": firm,
        "form": form,
        "documents": FirmDocument.objects.filter(enterprise=firm).select_related("uploaded_by"),
        "max_mb": uploads.max_bytes() // (1024 * 1024),
    }
    return render(request, "workspace/documents.html", context)


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """A firm's file, to users whose scope reaches the firm (its users, its officers)."""
    if not (can(request.user, "workspace.documents") or can(request.user, "enterprise.maintain")):
        raise PermissionDenied
    document = get_visible_or_404(FirmDocument, request.user, pk=pk)
    if not document.file or not document.file.storage.exists(str(document.file.name)):
        raise Http404("文件不存在 / file missing")
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


# -- 企业账号 -------------------------------------------------------------------------------


def accounts(request: HttpRequest) -> HttpResponse:
    """The firm's users; its administrator invites and removes colleagues."""
    firm = current_firm(request, "workspace.accounts")
    is_admin = can(request.user, "workspace.accounts", firm)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied("只有企业账号管理员可以邀请同事 / only the firm's administrator")
        if form.is_valid():
            try:
                member = actions.invite_colleague(
                    firm,
                    username=form.cleaned_data["username"],
                    display_name=form.cleaned_data["display_name"],
                    password=form.cleaned_data["password"],
                    actor=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, _error_text(exc))
            else:
                messages.success(
                    request,
                    gettext("Account opened for “%(user)s”") % {"user": member.user},
                )
                return _see_other(reverse("workspace:accounts"))
    today = timezone.localdate()
    assignments = (
        RoleAssignment.objects.active(today)
        .filter(role=Role.ENTERPRISE_USER, enterprise=firm)
        .select_related("user")
        .order_by("user__username")
    )
    members = {m.user_id: m for m in FirmMember.objects.filter(enterprise=firm)}
    rows = [
        {"user": a.user, "member": members.get(a.user_id), "me": a.user_id == request.user.pk}
        for a in assignments
    ]
    context = {
        "title": gettext("Enterprise accounts"),
        "firm": firm,
        "rows": rows,
        "is_admin": is_admin,
        "form": form,
    }
    return render(request, "workspace/accounts.html", context)


@require_POST
def colleague_remove(request: HttpRequest, user_id: int) -> HttpResponse:
    firm = current_firm(request, "workspace.accounts")
    if not can(request.user, "workspace.accounts", firm):
        raise PermissionDenied("只有企业账号管理员可以移除同事 / only the firm's administrator")
    assignment = (
        RoleAssignment.objects.active()
        .filter(role=Role.ENTERPRISE_USER, enterprise=firm, user_id=user_id)
        .select_related("user")
        .first()
    )
    if assignment is None:
        raise Http404("账号不存在 / not found")
    try:
        actions.remove_colleague(firm, assignment.user, actor=request.user)
        messages.success(
            request, gettext("Account of “%(user)s” removed") % {"user": assignment.user}
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return _see_other(reverse("workspace:accounts"))
