"""积分贷 pages: the enterprise's consents, and the bank's list, score cards and export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from jiazhou_web.core.access import get_visible_or_404, require
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.spreadsheets import Sheet, write_workbook, xlsx_response
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.evaluations import bank
from jiazhou_web.evaluations.models import Bank, BankConsent


def _bank(request: HttpRequest) -> Bank:
    """The bank the user works for: the role (core.access) first, then the membership row."""
    require(request.user, "evaluations.bank_view")
    found = bank.bank_of(request.user)
    if found is None:
        raise PermissionDenied
    return found


def consents(request: HttpRequest) -> HttpResponse:
    """The enterprise user's authorisations: give or withdraw, bank by bank."""
    require(request.user, "evaluations.consent")
    ids = user_scope(request.user).enterprise_ids
    if not ids:
        raise PermissionDenied
    firms = Enterprise.objects.filter(pk__in=ids).order_by("name")
    active = {
        (c.enterprise_id, c.bank_id): c
        for c in BankConsent.objects.filter(enterprise__in=firms, withdrawn_at__isnull=True)
    }
    banks = list(Bank.objects.all())
    rows = [
        {"firm": f, "bank": b, "consent": active.get((f.pk, b.pk))} for f in firms for b in banks
    ]
    return render(
        request,
        "evaluations/consents.html",
        {"title": _("Innovation-points loans: bank authorisations"), "rows": rows},
    )


@require_POST
def consent_give(request: HttpRequest, enterprise: int, bank_id: int) -> HttpResponse:
    require(request.user, "evaluations.consent")
    firm = get_visible_or_404(Enterprise, request.user, pk=enterprise)
    chosen = get_object_or_404(Bank, pk=bank_id)
    try:
        bank.give_consent(firm, chosen, actor=request.user)
        messages.success(
            request,
            _("%(bank)s may now see your published evaluation results") % {"bank": chosen.name},
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("evaluations:consents")


@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "evaluations.consent")
    consent = get_object_or_404(
        BankConsent.objects.select_related("enterprise").filter(
            enterprise__in=user_scope(request.user).enterprise_ids
        ),
        pk=pk,
    )
    try:
        bank.withdraw_consent(consent, actor=request.user)
        messages.success(request, _("Authorisation withdrawn."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("evaluations:consents")


def bank_list(request: HttpRequest) -> HttpResponse:
    """The bank's view: published results of consenting firms only (audited, with export)."""
    mine = _bank(request)
    rows = list(
        bank.consenting_results(mine)
        .select_related("enterprise", "enterprise__region", "run")
        .order_by("enterprise__name", "-run__eval_year", "run__scheme_code")
    )
    ids = sorted({r.enterprise_id for r in rows})
    if request.GET.get("export") == "xlsx":
        bank.record_view(mine, actor=request.user, what="export", enterprise_ids=ids)
        header = [
            _("Enterprise name"),
            _("Unified social credit code"),
            pgettext("evaluation", "Evaluation"),
            pgettext("evaluation", "Year"),
            pgettext("evaluation", "Total"),
            pgettext("evaluation", "Class"),
            _("Rank in group"),
        ]
        body = [
            [
                r.enterprise.name,
                r.enterprise.uscc,
                r.run.scheme_title,
                r.run.eval_year,
                None if r.total_min is None else round(r.total_min, 2),
                r.grade,
                r.rank,
            ]
            for r in rows
        ]
        sheet = Sheet(_("Score loan"), header, body, notes=[_("Synthetic data")])
        content = write_workbook([sheet])
        return xlsx_response(content, "bank-scores.xlsx")
    bank.record_view(mine, actor=request.user, what="list", enterprise_ids=ids)
    return render(
        request,
        "evaluations/bank_list.html",
        {
            "title": _("Innovation-points loans: %(bank)s") % {"bank": mine.name},
            "bank": mine,
            "rows": rows,
        },
    )


def bank_card(request: HttpRequest, pk: int) -> HttpResponse:
    mine = _bank(request)
    result = bank.consenting_results(mine).select_related("enterprise", "run").filter(pk=pk).first()
    if result is None:
        raise Http404
    bank.record_view(mine, actor=request.user, what="card", enterprise_ids=[result.enterprise_id])
    meta = {c["id"]: c for c in result.run.item_meta()}
    lines = [{**it, "meta": meta.get(it["id"], {})} for it in result.items]
    return render(
        request,
        "evaluations/bank_card.html",
        {
            "title": _("%(name)s · evaluation results") % {"name": result.enterprise.name},
            "result": result,
            "lines": lines,
        },
    )
