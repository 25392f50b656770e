"""Pages of the 科技服务大市场. Lists run a fixed number of queries whatever the rows."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from jiazhou.techmarket import broker_reward_fuqing, quality
from jiazhou_web.core.access import can, for_user, get_visible_or_404, require
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.spreadsheets import Sheet, write_workbook, xlsx_response
from jiazhou_web.core.views import ImportView
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.market import actions
from jiazhou_web.market.certificate import certificate_pdf
from jiazhou_web.market.choices import (
    CatalogueState,
    ContractState,
    ContractType,
    HolderKind,
    IPType,
    ListingState,
    TechField,
)
from jiazhou_web.market.forms import (
    AchievementForm,
    ApplyForm,
    ContractForm,
    DemandForm,
    ListingForm,
    PaymentForm,
    StepForm,
)
from jiazhou_web.market.imports import AbsorbedImporter
from jiazhou_web.market.indicator import CITY, output_total
from jiazhou_web.market.matching import matches_for, reasons
from jiazhou_web.market.models import (
    AbsorbedContract,
    Achievement,
    Application,
    Broker,
    Demand,
    Listing,
    TechContract,
)
from jiazhou_web.market.rules import (
    broker_of,
    contracts_for,
    published_catalogue,
    registry_of,
    visible_listings,
)


def _fail(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def _own_firm(user: Any) -> Enterprise | None:
    ids = sorted(user_scope(user).enterprise_ids)
    return Enterprise.objects.filter(pk__in=ids).select_related("region").first() if ids else None


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.view")
    year = timezone.localdate().year
    achievements = for_user(Achievement.objects.all(), request.user)
    demands = for_user(Demand.objects.all(), request.user)
    listings = for_user(Listing.objects.all(), request.user)
    return render(
        request,
        "market/index.html",
        {
            "title": pgettext("market", "Technology market"),
            "n_achievements": achievements.filter(state=CatalogueState.PUBLISHED).count(),
            "n_demands": demands.filter(state=CatalogueState.PUBLISHED).count(),
            "n_listings": listings.filter(state=ListingState.LISTED).count(),
            "latest": achievements.filter(state=CatalogueState.PUBLISHED)[:5],
            "latest_demands": demands.filter(state=CatalogueState.PUBLISHED).select_related(
                "enterprise"
            )[:5],
            "output": output_total(year) if can(request.user, "market.stats") else None,
            "year": year,
            "pending": (
                Achievement.objects.filter(state=CatalogueState.SUBMITTED).count()
                + Demand.objects.filter(state=CatalogueState.SUBMITTED).count()
                if can(request.user, "market.review")
                else 0
            ),
        },
    )


# -- catalogues ---------------------------------------------------------------------------
def achievement_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.view")
    rows = published_catalogue(Achievement, request.user)
    field = request.GET.get("field", "")
    if field in TechField.values:
        rows = rows.filter(field=field)
    return render(
        request,
        "market/achievement_list.html",
        {
            "title": gettext("Achievement library"),
            "rows": rows[:200],
            "fields": TechField.choices,
            "field": field,
        },
    )


def achievement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.view")
    a = get_visible_or_404(Achievement, request.user, pk=pk)
    return render(request, "market/achievement_detail.html", {"title": a.title, "a": a})


def _catalogue_new(request: HttpRequest, form_class: Any, kind: str) -> HttpResponse:
    require(request.user, "market.publish")
    firm = _own_firm(request.user)
    if firm is None:
        raise Http404("未关联企业 / no enterprise")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry: Achievement | Demand
        try:
            if kind == "achievement":
                entry = actions.submit_achievement(
                    actor=request.user, holder=firm, **form.cleaned_data
                )
            else:
                entry = actions.submit_demand(
                    actor=request.user, enterprise=firm, **form.cleaned_data
                )
        except (ValidationError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, gettext("Submitted; it is published once reviewed"))
            return redirect(f"market:{kind}_detail", entry.pk)
    title = (
        gettext("Publish an achievement")
        if kind == "achievement"
        else gettext("Publish a technology demand")
    )
    return render(request, "market/form.html", {"title": title, "form": form, "firm": firm})


def achievement_new(request: HttpRequest) -> HttpResponse:
    return _catalogue_new(request, AchievementForm, "achievement")


def demand_new(request: HttpRequest) -> HttpResponse:
    return _catalogue_new(request, DemandForm, "demand")


def demand_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.view")
    rows = published_catalogue(Demand, request.user).select_related("enterprise")
    return render(
        request,
        "market/demand_list.html",
        {"title": gettext("Technology demand library"), "rows": rows[:200]},
    )


def demand_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A need, its matches with reasons, and (for officers) the 揭榜挂帅 step."""
    require(request.user, "market.view")
    d = get_visible_or_404(Demand.objects.select_related("enterprise__region"), request.user, pk=pk)
    found = matches_for(d) if d.state == CatalogueState.PUBLISHED else []
    matches = [(a, m, reasons(m, a, d)) for a, m in found]
    listing = Listing.objects.filter(demand=d).first()
    return render(
        request,
        "market/demand_detail.html",
        {
            "title": d.title,
            "d": d,
            "matches": matches,
            "listing": listing,
            "listing_form": ListingForm() if can(request.user, "market.review") else None,
        },
    )


def review_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.review")
    return render(
        request,
        "market/review_queue.html",
        {
            "title": gettext("Review of achievements and demands"),
            "achievements": Achievement.objects.filter(state=CatalogueState.SUBMITTED)[:100],
            "demands": Demand.objects.filter(state=CatalogueState.SUBMITTED).select_related(
                "enterprise"
            )[:100],
        },
    )


@require_POST
def entry_review(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    require(request.user, "market.review")
    entry: Achievement | Demand
    if kind == "achievement":
        entry = get_visible_or_404(Achievement, request.user, pk=pk)
    elif kind == "demand":
        entry = get_visible_or_404(Demand, request.user, pk=pk)
    else:
        raise Http404
    try:
        actions.review_entry(
            entry,
            publish=request.POST.get("decision") == "publish",
            comment=request.POST.get("comment", ""),
            actor=request.user,
        )
        messages.success(request, gettext("Review done"))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("market:review_queue")


# -- 揭榜挂帅 ------------------------------------------------------------------------------
def listing_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.view")
    rows = visible_listings(request.user).select_related("demand__enterprise")
    return render(
        request,
        "market/listing_list.html",
        {
            "title": gettext("Open challenges"),
            "rows": rows.annotate(n_apps=Count("applications"))[:200],
        },
    )


def _listing(request: HttpRequest, pk: int) -> Listing:
    qs: QuerySet[Listing] = Listing.objects.select_related("demand__enterprise", "contract")
    if can(request.user, "market.review"):
        listing: Listing = get_object_or_404(qs, pk=pk)
        return listing
    return get_visible_or_404(qs, request.user, pk=pk)


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.view")
    listing = _listing(request, pk)
    apps = listing.applications.select_related("solver")
    if not can(request.user, "market.review"):
        mine = user_scope(request.user).enterprise_ids
        if listing.demand.enterprise_id not in mine:
            apps = apps.filter(solver__in=mine)
    firm = _own_firm(request.user)
    return render(
        request,
        "market/listing_detail.html",
        {
            "title": gettext("Listing: %(title)s") % {"title": listing.demand.title},
            "listing": listing,
            "apps": apps,
            "can_apply": (
                listing.state == ListingState.LISTED
                and firm is not None
                and firm.pk != listing.demand.enterprise_id
                and can(request.user, "market.publish")
            ),
            "apply_form": ApplyForm(),
        },
    )


@require_POST
def listing_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.review")
    demand = get_visible_or_404(Demand, request.user, pk=pk)
    form = ListingForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(str(e) for e in errors))
        return redirect("market:demand_detail", demand.pk)
    try:
        listing = actions.create_listing(demand, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("market:demand_detail", demand.pk)
    return redirect("market:listing_detail", listing.pk)


@require_POST
def listing_advance(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.review")
    listing = _listing(request, pk)
    try:
        actions.advance_listing(listing, actor=request.user)
        messages.success(
            request,
            gettext("The listing moved on to “%(stage)s”") % {"stage": listing.get_state_display()},
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("market:listing_detail", listing.pk)


@require_POST
def listing_apply(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.publish")
    listing = get_visible_or_404(Listing, request.user, pk=pk)
    firm = _own_firm(request.user)
    if firm is None:
        raise Http404
    try:
        app = actions.apply_to_listing(
            listing, firm, request.POST.get("plan", ""), actor=request.user
        )
        if app.ineligible_reason:
            messages.error(
                request,
                gettext("Not eligible: %(reason)s") % {"reason": app.ineligible_reason},
            )
        else:
            messages.success(request, gettext("Application submitted"))
    except (ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("market:listing_detail", listing.pk)


@require_POST
def application_award(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.review")
    app = get_object_or_404(Application.objects.select_related("listing"), pk=pk)
    try:
        actions.award(app, actor=request.user)
        messages.success(request, gettext("Awarded to %(solver)s") % {"solver": app.solver})
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("market:listing_detail", app.listing_id)


# -- 技术合同 ------------------------------------------------------------------------------
def _contracts(request: HttpRequest) -> QuerySet[TechContract]:
    return contracts_for(request.user).select_related("seller", "registry", "broker")


def contract_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.contract.view")
    rows = _contracts(request)
    state = request.GET.get("state", "")
    if state in ContractState.values:
        rows = rows.filter(state=state)
    if "export" in request.GET:
        header = [
            gettext("Registration number"),
            gettext("Contract title"),
            pgettext("contract", "Type"),
            pgettext("market", "Field"),
            gettext("Seller"),
            pgettext("market", "Buyer"),
            gettext("Turnover (10k yuan)"),
            gettext("Technology turnover (10k yuan)"),
            gettext("Status"),
            gettext("Registered on"),
        ]
        body = [
            [
                c.registration_no,
                c.title,
                c.get_contract_type_display(),
                c.get_field_display(),
                c.seller.name,
                c.buyer_name,
                c.total_amount,
                c.tech_amount,
                c.get_state_display(),
                c.registered_on,
            ]  # fmt: skip
            for c in rows
        ]
        name = gettext("Technology contracts")
        content = write_workbook([Sheet(name, header, body)])
        return xlsx_response(content, f"{name}.xlsx")
    return render(
        request,
        "market/contract_list.html",
        {
            "flags": _quality_flags(request) if can(request.user, "market.stats") else [],
            "broker_reward": _broker_reward(request),
            "title": gettext("Technology contract registration"),
            "rows": rows[:300],
            "states": ContractState.choices,
            "state": state,
            "can_submit": can(request.user, "market.contract.submit"),
        },
    )


def _broker_reward(request: HttpRequest) -> tuple[Decimal, Decimal] | None:
    """A broker's own view: this year's 技术交易额 of its registered deals and the reward the
    福清 pattern gives (spec §3.6)."""
    broker = broker_of(request.user)
    if broker is None:
        return None
    amount = TechContract.objects.filter(
        broker=broker,
        state=ContractState.REGISTERED,
        registered_on__year=timezone.localdate().year,
    ).aggregate(s=Sum("tech_amount"))["s"] or Decimal(0)
    return amount, broker_reward_fuqing(amount)


def _quality_flags(request: HttpRequest) -> list[Any]:
    """Duplicates, split contracts and a year-end spike among this year's contracts the user
    sees (not refused/revoked), for the registry to check (jiazhou.techmarket.quality)."""
    year = timezone.localdate().year
    rows = (
        contracts_for(request.user)
        .filter(signed_on__year=year)
        .exclude(state__in=[ContractState.REFUSED, ContractState.REVOKED, ContractState.CANCELLED])
        .values_list(
            "pk", "seller_id", "buyer_name", "title", "total_amount", "signed_on", "registered_on"
        )  # fmt: skip
    )
    items = [
        quality.QContract(str(pk), str(seller), buyer, title, amount, signed)
        for pk, seller, buyer, title, amount, signed, _reg in rows
    ]
    flags = quality.duplicates(items) + quality.splits(items)
    monthly = [Decimal(0)] * 12
    for *_x, amount, _signed, registered in rows:
        if registered is not None and registered.year == year:
            monthly[registered.month - 1] += amount
    spike = quality.year_end_spike(monthly)
    return [*flags, spike] if spike else flags


def contract_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.contract.submit")
    firm = _own_firm(request.user)
    if firm is None:
        raise Http404
    form = ContractForm(request.POST or None)
    listing_id = request.GET.get("listing") or request.POST.get("listing")
    listing = None
    if listing_id:
        listing = Listing.objects.filter(
            pk=listing_id if str(listing_id).isdigit() else 0,
            applications__solver=firm,
            state=ListingState.AWARDED,
        ).first()
    if request.method == "POST" and form.is_valid():
        try:
            contract = actions.submit_contract(
                actor=request.user, seller=firm, listing=listing, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(
                request,
                gettext("Sent to the registry; the working-day clock starts on acceptance"),
            )
            return redirect("market:contract_detail", contract.pk)
    return render(
        request,
        "market/form.html",
        {
            "title": gettext("Application for technology contract registration"),
            "form": form,
            "firm": firm,
            "listing": listing,
        },
    )


def _contract(request: HttpRequest, pk: int) -> TechContract:
    """The contract ``pk`` if the user reaches it (contracts_for: party, registry, scope)."""
    try:
        return _contracts(request).get(pk=pk)
    except (TechContract.DoesNotExist, ValueError):
        raise Http404("技术合同不存在 / not found") from None


def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.contract.view")
    contract = _contract(request, pk)
    today = timezone.localdate()
    remaining = None
    if contract.due_on and contract.state == ContractState.ACCEPTED:
        from jiazhou_web.market.calendar import calendar

        remaining = calendar().working_days_between(today, contract.due_on)
    return render(
        request,
        "market/contract_detail.html",
        {
            "title": contract.title,
            "c": contract,
            "remaining": remaining,
            "payments": contract.payments.all(),
            "may_register": can(request.user, "market.contract.register", contract),
            "step_form": StepForm(),
            "payment_form": PaymentForm()
            if contract.state == ContractState.REGISTERED
            and contract.seller_id in user_scope(request.user).enterprise_ids
            and can(request.user, "market.contract.submit")
            else None,
        },
    )


STEPS = {
    "accept": lambda c, d, u: actions.accept_contract(c, actor=u, on=d.get("on")),
    "return": lambda c, d, u: actions.return_for_supplement(c, d.get("note") or "", actor=u),
    "supplement": lambda c, d, u: actions.receive_supplement(c, actor=u, on=d.get("on")),
    "register": lambda c, d, u: actions.register_contract(c, actor=u, on=d.get("on")),
    "refuse": lambda c, d, u: actions.refuse_contract(c, d.get("reason") or "", actor=u),
    "revoke": lambda c, d, u: actions.revoke_contract(c, d.get("ground") or "", actor=u),
}


@require_POST
def contract_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    require(request.user, "market.contract.register")
    if step not in STEPS:
        raise Http404
    registry = registry_of(request.user)
    contract = get_object_or_404(
        TechContract.objects.select_related("registry"),
        pk=pk,
        **({"registry": registry} if registry is not None else {}),
    )
    form = StepForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(str(e) for e in errors))
        return redirect("market:contract_detail", contract.pk)
    try:
        STEPS[step](contract, form.cleaned_data, request.user)
        messages.success(
            request, gettext("Done: %(state)s") % {"state": contract.get_state_display()}
        )
    except (ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("market:contract_detail", contract.pk)


@require_POST
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The seller records money received (kept apart from the contract amount)."""
    require(request.user, "market.contract.submit")
    contract = _contract(request, pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(str(e) for e in errors))
        return redirect("market:contract_detail", contract.pk)
    try:
        actions.record_payment(contract, actor=request.user, **form.cleaned_data)
        messages.success(request, gettext("Payment recorded"))
    except (ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("market:contract_detail", contract.pk)


def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "market.contract.view")
    contract = _contract(request, pk)
    if contract.state != ContractState.REGISTERED:
        raise Http404("该合同尚未登记 / not registered")
    response = HttpResponse(certificate_pdf(contract), content_type="application/pdf")
    response["Content-Disposition"] = (
        f"attachment; filename=certificate-{contract.registration_no}.pdf"
    )
    return response


# -- brokers, statistics, the firm's own page ----------------------------------------------
def broker_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "market.stats")
    year = timezone.localdate().year
    brokers = Broker.objects.annotate(
        n=Count("contracts", filter=Q(contracts__state=ContractState.REGISTERED)),
        amount=Sum(
            "contracts__tech_amount",
            filter=Q(
                contracts__state=ContractState.REGISTERED, contracts__registered_on__year=year
            ),
        ),
    ).order_by("name")
    rows = [(b, broker_reward_fuqing(b.amount or Decimal(0))) for b in brokers]
    return render(
        request,
        "market/broker_list.html",
        {"title": gettext("Technology brokers"), "rows": rows, "year": year},
    )


def _group(rows: QuerySet[Any], key: str, labels: dict[str, Any]) -> list[tuple[str, int, Any]]:
    out = rows.values(key).annotate(n=Count("id"), amount=Sum("total_amount")).order_by(key)
    return [(str(labels.get(r[key], r[key] or "—")), r["n"], r["amount"]) for r in out]


#: the statistics' fixed group names (the page and the export)
STATS_LABELS: dict[str, StrOrPromise] = {
    "按合同类型": _("By contract type"),
    "按技术领域": _("By technology field"),
    "按卖方主体类型": _("By seller type"),
    "按知识产权类型": _("By type of intellectual property"),
    "按流向": _("By flow"),
    "输出（卖方在本市）": _("Outflow (seller in the city)"),
    "其中本市吸纳（买方在本市）": _("of which absorbed locally (buyer in the city)"),
    "吸纳（全国系统导入，买方在本市）": _(
        "Absorbed (imported from the national system, buyer in the city)"
    ),
}
#: sheet names for group names longer than Excel's 31 characters in English
SHEET_NAMES: dict[str, StrOrPromise] = {
    "按知识产权类型": pgettext_lazy("market stats", "By IP type")
}


def stats(request: HttpRequest) -> HttpResponse:
    """Registered contracts of the year by type, field, seller kind, IP type, flow and month."""
    require(request.user, "market.stats")
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and 2000 <= int(asked) <= 2100 else None
    year = year or timezone.localdate().year
    base = contracts_for(request.user) if registry_of(request.user) else TechContract.objects
    rows = base.filter(state=ContractState.REGISTERED, registered_on__year=year)
    tables = [
        ("按合同类型", _group(rows, "contract_type", dict(ContractType.choices))),
        ("按技术领域", _group(rows, "field", dict(TechField.choices))),
        ("按卖方主体类型", _group(rows, "seller_kind", dict(HolderKind.choices))),
        ("按知识产权类型", _group(rows, "ip_type", dict(IPType.choices))),
    ]
    flows_rows = [
        ("输出（卖方在本市）", rows.filter(seller__region__code__startswith=CITY[:4])),
        ("其中本市吸纳（买方在本市）", rows.filter(buyer_region_code__startswith=CITY[:4])),
    ]
    flow_table = [
        (label, qs.count(), qs.aggregate(s=Sum("total_amount"))["s"]) for label, qs in flows_rows
    ]
    local_numbers = TechContract.objects.exclude(registration_no="").values("registration_no")
    national = AbsorbedContract.objects.filter(
        registered_on__year=year, buyer_region_code__startswith=CITY[:4]
    ).exclude(contract_no__in=local_numbers)
    flow_table.append(
        (
            "吸纳（全国系统导入，买方在本市）",
            national.count(),
            national.aggregate(s=Sum("total_amount"))["s"],
        )
    )
    tables.append(("按流向", flow_table))
    monthly: dict[int, list[Any]] = defaultdict(lambda: [0, Decimal(0)])
    for month, amount in rows.values_list("registered_on__month", "total_amount"):
        monthly[month][0] += 1
        monthly[month][1] += amount
    running = Decimal(0)
    months = []
    for m in range(1, 13):
        n, amount = monthly.get(m, [0, Decimal(0)])
        running += amount
        months.append((f"{m}月", n, amount, running))
    # fixed labels in the reader's language, on the page and in the export (issue 14)
    sheet_names = [str(SHEET_NAMES.get(name, STATS_LABELS.get(name, name))) for name, _ in tables]
    tables = [
        (
            str(STATS_LABELS.get(name, name)),
            [(str(STATS_LABELS.get(r[0], r[0])), *r[1:]) for r in body],
        )
        for name, body in tables
    ]
    months = [
        (pgettext("market stats", "Month %(m)s") % {"m": m}, *row[1:])
        for m, row in enumerate(months, start=1)
    ]
    if "export" in request.GET:
        contracts, turnover = pgettext("market stats", "Contracts"), gettext("Turnover (10k yuan)")
        sheets = [
            Sheet(
                sheet_name,
                [pgettext("market stats", "Group"), contracts, turnover],
                [list(r) for r in body],
            )
            for sheet_name, (_name, body) in zip(sheet_names, tables, strict=True)
        ]
        header = [
            pgettext("market stats", "Month"),
            contracts,
            turnover,
            gettext("Year to date (10k yuan)"),
        ]
        sheets.append(Sheet(gettext("By month"), header, months))
        filename = f"{gettext('Technology contract statistics')}-{year}.xlsx"
        return xlsx_response(write_workbook(sheets), filename)
    month_name = gettext("Month's turnover (10k yuan)")
    total_name = gettext("Year to date (10k yuan)")
    chart = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [month_name, total_name]},
        "xAxis": {"type": "category", "data": [m[0] for m in months]},
        "yAxis": {"type": "value", "name": gettext("10k yuan")},
        "series": [
            {"name": month_name, "type": "bar", "data": [float(m[2]) for m in months]},
            {"name": total_name, "type": "line", "data": [float(m[3]) for m in months]},
        ],
    }
    return render(
        request,
        "market/stats.html",
        {
            "title": gettext("Technology contract statistics (%(year)s)") % {"year": year},
            "tables": tables,
            "months": months,
            "year": year,
            "chart": chart,
        },
    )


def mine(request: HttpRequest) -> HttpResponse:
    """The firm's own 成果, 需求, 揭榜 and contracts (企业工作台 section)."""
    require(request.user, "market.publish")
    ids = user_scope(request.user).enterprise_ids
    return render(
        request,
        "market/mine.html",
        {
            "title": gettext("My achievements, demands and contracts"),
            "achievements": Achievement.objects.filter(holder__in=ids),
            "demands": Demand.objects.filter(enterprise__in=ids),
            "contracts": TechContract.objects.filter(seller__in=ids).select_related("registry"),
            "applications": Application.objects.filter(solver__in=ids).select_related(
                "listing__demand"
            ),
        },
    )


class AbsorbedImportView(ImportView):
    importer_class = AbsorbedImporter
    title = "导入全国系统技术合同（吸纳）"
    template_filename = "national-contracts-template.xlsx"

    def may_import(self, user: Any) -> bool:
        return can(user, "market.review")
