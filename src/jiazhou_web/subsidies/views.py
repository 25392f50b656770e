"""政策兑现 pages: library, clause rules, 'why not eligible', budget simulation, 免申即享 offers,
快申快享 applications through 受理/审核/公示/批准, payment batches and the firm's own pages.

Lists run a fixed number of queries whatever the number of rows (select_related + paging).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from jiazhou.policies import fen_to_yuan, list_policies
from jiazhou.policies import simulate as run_simulation
from jiazhou_web.core.access import can, for_user, get_visible_or_404, require
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.spreadsheets import Sheet, write_workbook, xlsx_response
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.facts import build_facts
from jiazhou_web.subsidies import actions
from jiazhou_web.subsidies.access import reference_or_404, visible_applications
from jiazhou_web.subsidies.choices import OPEN_STATES, AppState, LineState, Track
from jiazhou_web.subsidies.indicators import paid_by_policy
from jiazhou_web.subsidies.models import (
    Application,
    ClauseVersion,
    Objection,
    PaymentBatch,
    PolicyDoc,
)

PAGE = 50


def _fail(request: HttpRequest, exc: Exception) -> None:
    for m in getattr(exc, "messages", [str(exc)]):
        messages.error(request, m)


def _year(request: HttpRequest) -> int:
    try:
        y = int(request.POST.get("year") or request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        y = timezone.localdate().year
    return min(max(y, 2000), 2100)


def _firm(request: HttpRequest) -> Enterprise | None:
    ids = sorted(user_scope(request.user).enterprise_ids)
    return Enterprise.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "vouchers.view")
    apps = visible_applications(request.user)
    counts = dict(apps.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    paid = apps.filter(state=AppState.PAID).aggregate(s=Sum("paid_amount"))["s"] or Decimal(0)
    return render(
        request,
        "subsidies/index.html",
        {
            "title": gettext("Policy awards and innovation vouchers"),
            "policies": PolicyDoc.objects.count(),
            "clauses": ClauseVersion.objects.count(),
            "states": [(AppState(s).label, n) for s, n in sorted(counts.items())],
            "by_policy": [(y, title, amount) for (y, title), amount in paid_by_policy().items()]
            if can(request.user, "subsidies.publicise") or can(request.user, "subsidies.pay")
            else [],
            "paid": paid,
            "may_view": can(request.user, "subsidies.view"),
            "is_firm": bool(user_scope(request.user).enterprise_ids),
        },
    )


def policy_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.view")
    docs = PolicyDoc.objects.annotate(
        n_clauses=Count("clauses", distinct=True),
        n_priced=Count("clauses", filter=Q(clauses__priced=True), distinct=True),
    ).order_by("code", "-version")
    return render(
        request,
        "subsidies/policy_list.html",
        {"title": pgettext("subsidy index", "Policy library"), "docs": docs},
    )


@require_POST
def policy_sync(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.publicise")
    try:
        n = actions.sync_library(actor=request.user)
        messages.success(request, f"已同步 {n} 项政策 / {n} policies synced")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:policy_list")


def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.view")
    doc = reference_or_404(PolicyDoc, pk)
    return render(
        request,
        "subsidies/policy_detail.html",
        {
            "title": doc.title_zh,
            "doc": doc,
            "clauses": [
                (c, DELIVERY.get(c.delivery, c.delivery)) for c in doc.clauses.order_by("code")
            ],
        },
    )


def clause_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.view")
    cv = reference_or_404(ClauseVersion.objects.select_related("policy"), pk)
    rule = None
    try:
        rule = actions.clause_rule(cv)
    except ValidationError as exc:
        _fail(request, exc)
    apps = visible_applications(request.user).filter(clause=cv)
    return render(
        request,
        "subsidies/clause_detail.html",
        {
            "title": cv.title_zh,
            "cv": cv,
            "delivery": DELIVERY.get(cv.delivery, cv.delivery),
            "gates": rule.scheme.gates if rule else (),
            "rule": rule,
            "n_apps": apps.count(),
            "year": timezone.localdate().year,
            "may_offer": can(request.user, "subsidies.offer") and cv.delivery == "免申即享",
            "may_apply": can(request.user, "subsidies.apply") and cv.delivery != "免申即享",
        },
    )


@require_POST
def clause_offers(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.offer")
    cv = reference_or_404(ClauseVersion, pk)
    try:
        n = actions.make_offers(cv, _year(request), actor=request.user)
        messages.success(request, f"已向 {n} 家企业推送免申即享 / {n} offers made")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:clause_detail", pk=cv.pk)


@require_POST
def offers_expire(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.offer")
    n = actions.expire_offers(actor=request.user)
    messages.success(request, f"{n} 项免申即享逾期未确认 / {n} offers lapsed")
    return redirect("subsidies:application_list")


def clause_apply(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.apply")
    cv = reference_or_404(ClauseVersion.objects.select_related("policy"), pk)
    firm = _firm(request)
    if firm is None:
        raise PermissionDenied("未绑定企业 / no enterprise")
    if request.method == "POST":
        try:
            raw = request.POST.get("base_declared", "").strip()
            base = actions.parse_money(raw, "申报基数") if raw else None
            app = actions.apply(
                cv,
                firm,
                _year(request),
                actor=request.user,
                base_declared=base,
                bank_account=request.POST.get("bank_account", "").strip(),
                bank_name=request.POST.get("bank_name", ""),
                declaration=request.POST.get("declaration") == "on",
            )
            messages.success(request, "已提交申报 / application submitted")
            return redirect("subsidies:application_detail", pk=app.pk)
        except ValidationError as exc:
            _fail(request, exc)
    return render(
        request,
        "subsidies/apply.html",
        {
            "title": gettext("Apply: %(item)s") % {"item": cv.title_zh},
            "cv": cv,
            "firm": firm,
            "year": timezone.localdate().year,
        },
    )


def why_not(request: HttpRequest, pk: int, enterprise: int) -> HttpResponse:
    require(request.user, "subsidies.view")
    cv = reference_or_404(ClauseVersion.objects.select_related("policy"), pk)
    firm = get_visible_or_404(Enterprise, request.user, pk=enterprise)
    year = _year(request)
    rows: list[dict[str, Any]] = []
    status = str(STATUS_ZH["unknown"])
    try:
        ev, _found = actions.evaluate_firms(cv, Enterprise.objects.filter(pk=firm.pk), year)
        from jiazhou.policies.engine import explanations

        rows = explanations(ev, cv.code, [str(firm.uscc)]).get(str(firm.uscc), [])
        status = ev.long["status"][0] if ev.long.height else "unknown"
        status = str(STATUS_ZH.get(status, status))
    except ValidationError as exc:
        _fail(request, exc)
    return render(
        request,
        "subsidies/why_not.html",
        {
            "title": gettext("Condition check"),
            "cv": cv,
            "firm": firm,
            "rows": rows,
            "status": status,
            "year": year,
        },
    )


def simulate(request: HttpRequest) -> HttpResponse:
    """预算模拟: one or two policies (drafts) over the officer's enterprises, side by side."""
    require(request.user, "subsidies.simulate")
    policies = {p.code: p for p in list_policies()}
    chosen = [c for c in request.GET.getlist("policy") if c in policies][:2]
    year = _year(request)
    results = []
    if chosen:
        facts = build_facts(for_user(Enterprise.objects.all(), request.user))
        names = dict(
            for_user(Enterprise.objects.all(), request.user)
            .values_list("region__code", "region__name")
            .distinct()
        )
        for code in chosen:
            sim = run_simulation([policies[code]], facts.panel, year, facts.identity)
            results.append(
                {
                    "policy": policies[code],
                    "firms": sim.firms,
                    "total": fen_to_yuan(sim.total),
                    "by_county": [
                        (
                            names.get(
                                r["region_code"], r["region_code"] or pgettext("subsidy", "Unknown")
                            ),
                            r["firms"],
                            fen_to_yuan(r["amount"]),
                        )
                        for r in sim.by_county().iter_rows(named=True)
                    ],
                    "by_clause": [
                        {
                            **r,
                            "amount": fen_to_yuan(r["amount"] or 0),
                            "title": policies[code].clause(r["clause"]).title_zh,
                            "priced": policies[code].clause(r["clause"]).priced,
                        }
                        for r in sim.by_clause().iter_rows(named=True)
                    ],
                    "cuts": [
                        (str(STEP_LABELS.get(s, s)), n, fen_to_yuan(c))
                        for s, n, c in sim.cut_totals().iter_rows()
                    ],
                    "distribution": [(_band(label), n) for label, n in sim.distribution()],
                }
            )
    return render(
        request,
        "subsidies/simulate.html",
        {
            "title": pgettext("subsidy index", "Budget simulation"),
            "policies": sorted(policies.values(), key=lambda p: p.code),
            "chosen": chosen,
            "year": year,
            "results": results,
        },
    )


#: the budget-cut steps as the officer reads them (the engine's STEP_ZH is Chinese only; the
#: Chinese translations are its words)
STEP_LABELS: dict[str, StrOrPromise] = {
    "exclusive": _("One award per group (the best kept)"),
    "policy_cap": _("Per-policy cap per enterprise per year"),
    "firm_year_cap": _("Cap on all awards per enterprise per year"),
    "prorata": _("Budget short: cut pro rata"),
    "rank": _("Budget short: cut off by rank"),
    "over_budget": _("Over budget (no cut rule set; to decide)"),
}
#: a clause's delivery (stored in Chinese, as the policy library writes it) as the reader reads it
DELIVERY: dict[str, StrOrPromise] = {"免申即享": Track.OFFER.label, "快申快享": Track.APPLY.label}
_BAND = re.compile(r"(\d+)(?:–(\d+))?万元(以上)?")


def _band(label: str) -> str:
    """The engine's amount band (「1–5万元」, 「50万元以上」) in the reader's language."""
    m = _BAND.fullmatch(label)
    if m is None or not (translation.get_language() or "").startswith("en"):
        return label
    low = f"{int(m[1]) * 10}k" if int(m[1]) else "0"
    if m[3] or m[2] is None:
        return f"over {low} yuan"
    return f"{low}–{int(m[2]) * 10}k yuan"


def _apps_table(qs: Any) -> Any:
    return qs.select_related("clause", "clause__policy", "enterprise", "enterprise__region")


def application_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.view")
    qs = _apps_table(visible_applications(request.user))
    state = request.GET.get("state", "")
    if state in AppState.values:
        qs = qs.filter(state=state)
    if request.GET.get("overdue"):
        from jiazhou_web.subsidies.todos import overdue_applications

        qs = qs.filter(pk__in=overdue_applications())
    qs = qs.order_by("-updated", "-id")
    if "export" in request.GET:
        require(request.user, "subsidies.view")
        title = gettext("Subsidy applications")
        sheet = Sheet(
            title=title,
            header=[
                gettext("Enterprise"),
                gettext("Unified social credit code"),
                gettext("Item"),
                pgettext("subsidies", "Year"),
                pgettext("subsidies", "Track"),
                gettext("Status"),
                gettext("Computed amount (yuan)"),
                gettext("Approved amount (yuan)"),
                gettext("Paid (yuan)"),
            ],
            rows=(
                [
                    a.enterprise.name,
                    a.enterprise.uscc,
                    a.clause.title_zh,
                    a.year,
                    a.get_track_display(),
                    a.get_state_display(),
                    a.computed,
                    a.approved_amount,
                    a.paid_amount,
                ]
                for a in qs.iterator(chunk_size=1000)
            ),
        )
        return xlsx_response(write_workbook([sheet]), f"{title}.xlsx")
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "subsidies/application_list.html",
        {
            "title": pgettext("subsidy index", "Award applications"),
            "page": page,
            "states": AppState.choices,
            "state": state,
            "may_publicise": can(request.user, "subsidies.publicise"),
            "may_pay": can(request.user, "subsidies.pay"),
            "may_offer": can(request.user, "subsidies.offer"),
        },
    )


def _clock(app: Application) -> dict[str, Any] | None:
    """The 兑现时限 clock from 受理 (paused by 补正), in working days."""
    if app.accepted_at is None:
        return None
    from jiazhou.policies.clock import clock_report, redemption_clock
    from jiazhou_web.supervision.working_calendar import current_calendar

    pauses = [
        (dt.datetime.fromisoformat(s), dt.datetime.fromisoformat(e) if e else None)
        for s, e in app.pauses
    ]
    done = app.paid_at
    try:
        rep = clock_report(
            redemption_clock(app.accepted_at, app.clause.deadline_wd, pauses, done),
            current_calendar(),
            timezone.now(),
        )
    except ValueError:
        return None
    return {
        "state": CLOCK_LABELS.get(rep.state, rep.state_zh),
        "due": timezone.localtime(rep.due_at),
        "overdue": rep.state in ("overdue", "completed_late"),
    }


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.view")
    app = _visible_app(request, pk)
    u = request.user
    own = app.enterprise_id in user_scope(u).enterprise_ids
    return render(
        request,
        "subsidies/application_detail.html",
        {
            "title": gettext("Subsidy application · %(firm)s") % {"firm": app.enterprise.name},
            "app": app,
            "opinions": app.opinions.select_related("actor"),
            "objections": app.objections.all(),
            "clock": _clock(app),
            "own": own,
            "may_desk": can(u, "subsidies.accept") and not own,
            "may_county": can(u, "subsidies.review_county", app),
            "may_city": can(u, "subsidies.review_city"),
            "may_joint": can(u, "subsidies.review_joint"),
            "may_publicise": can(u, "subsidies.publicise"),
            "today": timezone.localdate(),
        },
    )


def _visible_app(request: HttpRequest, pk: int) -> Application:
    from django.http import Http404

    try:
        app: Application = _apps_table(visible_applications(request.user)).get(pk=pk)
        return app
    except Application.DoesNotExist:
        raise Http404("兑现申请不存在 / not found") from None


@require_POST
def application_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require(request.user, "subsidies.view")
    app = _visible_app(request, pk)
    p, u = request.POST, request.user
    try:
        if action == "confirm":
            actions.confirm_offer(
                app,
                actor=u,
                bank_account=p.get("bank_account", "").strip(),
                bank_name=p.get("bank_name", ""),
                declaration=p.get("declaration") == "on",
            )
        elif action == "decline":
            actions.decline_offer(app, actor=u)
        elif action == "return":
            actions.return_for_correction(app, actor=u, message=p.get("message", ""))
        elif action == "resubmit":
            raw = p.get("base_declared", "").strip()
            actions.resubmit(
                app, actor=u, base_declared=actions.parse_money(raw, "申报基数") if raw else None
            )
        elif action == "accept":
            actions.accept(app, actor=u)
        elif action == "reject":
            actions.reject(app, actor=u, message=p.get("message", ""))
        elif action in ("county", "city", "joint"):
            actions.review(
                app,
                action,
                actor=u,
                approve=p.get("decision") == "approve",
                comment=p.get("comment", ""),
            )
        elif action == "objection":
            actions.file_objection(app, actor=u, text=p.get("text", ""), name=p.get("name", ""))
        elif action == "approve":
            raw = p.get("amount", "").strip()
            actions.approve(
                app, actor=u, amount=actions.parse_money(raw, "核定金额") if raw else None
            )
        elif action == "clawback":
            actions.claw_back(
                app,
                actor=u,
                amount=actions.parse_money(p.get("amount", ""), "追回金额"),
                reason=p.get("reason", ""),
            )
        else:
            raise ValidationError("未知操作 / unknown action")
        messages.success(request, gettext("Done"))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:application_detail", pk=app.pk)


@require_POST
def publicity_start(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.publicise")
    ids = [int(x) for x in request.POST.getlist("app") if x.isdigit()]
    apps = list(visible_applications(request.user).filter(pk__in=ids).select_related("clause"))
    try:
        n = actions.start_publicity(apps, actor=request.user)
        messages.success(request, f"{n} 项开始公示 / publicity started")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(f"{_url('subsidies:application_list')}?state=publicised")


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@require_POST
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.publicise")
    try:
        obj = Objection.objects.select_related("application").get(
            pk=pk, application__in=visible_applications(request.user)
        )
    except Objection.DoesNotExist:
        from django.http import Http404

        raise Http404("异议不存在 / not found") from None
    try:
        actions.decide_objection(
            obj,
            actor=request.user,
            upheld=request.POST.get("upheld") == "yes",
            decision=request.POST.get("decision", ""),
        )
        messages.success(request, "已复核 / decided")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:application_detail", pk=obj.application_id)


def batch_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.pay")
    batches = PaymentBatch.objects.select_related("created_by").order_by("-created", "-id")
    approved = _apps_table(
        visible_applications(request.user).filter(state=AppState.APPROVED)
    ).order_by("id")[:500]
    return render(
        request,
        "subsidies/batch_list.html",
        {
            "title": pgettext("subsidy index", "Payment batches"),
            "batches": Paginator(batches, PAGE).get_page(request.GET.get("page")),
            "approved": approved,
        },
    )


@require_POST
def batch_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.pay")
    ids = [int(x) for x in request.POST.getlist("app") if x.isdigit()]
    try:
        batch = actions.create_batch(
            list(visible_applications(request.user).filter(pk__in=ids)), actor=request.user
        )
        messages.success(request, f"已编制批次 {batch.number} / batch created")
        return redirect("subsidies:batch_detail", pk=batch.pk)
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:batch_list")


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.pay")
    batch = reference_or_404(PaymentBatch, pk)
    lines = batch.lines.select_related("application__enterprise", "application__clause").order_by(
        "id"
    )
    if "export" in request.GET:
        sheet = Sheet(
            title=gettext("Payment details"),
            header=[
                gettext("Batch number"),
                gettext("No."),
                gettext("Payee"),
                gettext("Unified social credit code"),
                pgettext("subsidies", "Bank"),
                gettext("Account number"),
                gettext("Item"),
                gettext("Amount (yuan)"),
                gettext("City share (yuan)"),
                gettext("County share (yuan)"),
                gettext("Status"),
            ],
            rows=(
                [
                    batch.number,
                    i,
                    ln.application.enterprise.name,
                    ln.application.enterprise.uscc,
                    ln.application.bank_name,
                    ln.application.bank_account,
                    ln.application.clause.title_zh,
                    ln.amount,
                    ln.city_share,
                    ln.county_share,
                    ln.get_state_display(),
                ]
                for i, ln in enumerate(lines, start=1)
            ),
            notes=[
                gettext("Total %(total)s yuan in %(count)s payments")
                % {"total": batch.total, "count": batch.line_count}
            ],
        )
        filename = pgettext("file name", "Payment batch %(number)s") % {"number": batch.number}
        return xlsx_response(write_workbook([sheet]), f"{filename}.xlsx")
    return render(
        request,
        "subsidies/batch_detail.html",
        {
            "title": gettext("Payment batch %(number)s") % {"number": batch.number},
            "batch": batch,
            "lines": lines,
            "LineState": LineState,
        },
    )


@require_POST
def batch_pay(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "subsidies.pay")
    batch = reference_or_404(PaymentBatch, pk)
    returned = [int(x) for x in request.POST.getlist("returned") if x.isdigit()]
    try:
        actions.mark_paid(
            batch,
            actor=request.user,
            finance_voucher=request.POST.get("finance_voucher", ""),
            returned=returned,
        )
        messages.success(request, "已确认拨付 / paid")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:batch_detail", pk=batch.pk)


# --- the firm's own pages (企业工作台) ---------------------------------------------------


def my_matches(request: HttpRequest) -> HttpResponse:
    """政策匹配: offers to confirm, and for every clause in force whether the firm qualifies now."""
    require(request.user, "subsidies.apply")
    firm = _firm(request)
    offers = Application.objects.none()
    rows: list[dict[str, Any]] = []
    year = timezone.localdate().year
    if firm is not None:
        offers = Application.objects.filter(
            enterprise=firm, state=AppState.NOTIFIED
        ).select_related("clause")
        clauses = list(
            ClauseVersion.objects.select_related("policy")
            .filter(policy__status="in_force")
            .order_by("policy__code", "code")
        )
        from jiazhou.policies import evaluate

        rules = []
        for cv in clauses:
            try:
                rules.append((cv, actions.clause_rule(cv)))
            except ValidationError:
                continue
        if rules:
            facts = build_facts(Enterprise.objects.filter(pk=firm.pk))
            ev = evaluate([r for _, r in rules], facts.panel, year, facts.identity)
            by = {(r["policy"], r["clause"]): r for r in ev.long.iter_rows(named=True)}
            from jiazhou.policies.engine import explanations

            for cv, rule in rules:
                r = by.get((rule.policy_code, rule.code), {"status": "unknown", "computed": None})
                gaps = [
                    x
                    for x in explanations(
                        ev, f"{rule.policy_code}/{rule.code}", [str(firm.uscc)]
                    ).get(str(firm.uscc), [])
                    if x["status"] != "met"
                ]
                rows.append(
                    {
                        "cv": cv,
                        "delivery": DELIVERY.get(cv.delivery, cv.delivery),
                        "status": r["status"],
                        "amount": None if r["computed"] is None else fen_to_yuan(r["computed"]),
                        "gaps": gaps,
                    }
                )
    return render(
        request,
        "subsidies/my_matches.html",
        {
            "title": gettext("Policy matches"),
            "firm": firm,
            "offers": offers,
            "rows": rows,
            "year": year,
            "STATUS": STATUS_ZH,
        },
    )


STATUS_ZH: dict[str, StrOrPromise] = {
    "pass": pgettext_lazy("subsidy", "Qualifies"),
    "review": _("Needs manual confirmation"),
    "unknown": _("Data incomplete"),
    "fail": _("Does not qualify yet"),
}
#: the 兑现时限 clock as the firm reads it (the SLA engine's state_zh is Chinese only)
CLOCK_LABELS: dict[str, StrOrPromise] = {
    "running": _("Clock running"),
    "paused": _("Clock paused (supplements)"),
    "overdue": pgettext_lazy("ticket clock", "Overdue"),
    "completed_on_time": _("Closed on time"),
    "completed_late": _("Closed late"),
}


def my_applications(request: HttpRequest) -> HttpResponse:
    require(request.user, "subsidies.apply")
    apps = _apps_table(
        Application.objects.for_user(request.user).filter(
            enterprise_id__in=user_scope(request.user).enterprise_ids
        )
    ).order_by("-updated", "-id")
    rows = [{"app": a, "clock": _clock(a) if a.state in OPEN_STATES else None} for a in apps[:200]]
    return render(
        request,
        "subsidies/my_applications.html",
        {"title": gettext("My applications"), "rows": rows},
    )


def settlement(request: HttpRequest) -> HttpResponse:
    """市县结算: what each county advanced and what the city owes it, by payment year (spec §1.2:
    the county pays at once, the city's share is settled the next year)."""
    require(request.user, "subsidies.pay")
    from django.db.models.functions import ExtractYear

    from jiazhou_web.subsidies.models import PaymentLine

    rows = (
        PaymentLine.objects.filter(state=LineState.PAID)
        .annotate(pay_year=ExtractYear("batch__paid_at"))
        .values("pay_year", "application__enterprise__region__name")
        .annotate(
            n=Count("pk"),
            amount=Sum("amount"),
            city=Sum("city_share"),
            county=Sum("county_share"),
            unsplit=Count("pk", filter=Q(city_share__isnull=True)),
        )
        .order_by("-pay_year", "application__enterprise__region__name")
    )
    return render(
        request,
        "subsidies/settlement.html",
        {"title": pgettext("subsidy index", "City–county settlement"), "rows": rows},
    )
