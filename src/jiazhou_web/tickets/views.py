"""Pages of 企业诉求: the officers' list, desk entry, unit workbench, 三率 board, 红黑榜 and
派单目录; the firm's own tickets, raise form and 回访; one detail page with the timeline.
Every step posts to :func:`step`, which calls the action; refusals come back as messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from jiazhou.tickets.states import STATE_ZH, Step, available_steps
from jiazhou_web.accounts.models import Department
from jiazhou_web.core import audit
from jiazhou_web.core.access import can, get_visible_or_404, require
from jiazhou_web.core.access.rules import units_q
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.params import int_param
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.spreadsheets import Sheet, write_workbook, xlsx_response
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.regions.models import Region
from jiazhou_web.tickets import actions, boards, catalogue, clocks, list_rows
from jiazhou_web.tickets.choices import (
    Channel,
    ExtensionState,
    NodeLevel,
    Outcome,
    Satisfaction,
    TicketState,
)
from jiazhou_web.tickets.models import (
    Attachment,
    CatalogueNode,
    Dispatch,
    ExtensionRequest,
    PauseInterval,
    Ticket,
    TicketSupervision,
)
from jiazhou_web.tickets.visibility import may_open_tickets, visible_tickets

PAGE = 50
# 湖州's three tiers (§4.5 [S]): 板块办 → 协商办 → 联席会议
ESCALATION = (
    pgettext_lazy("escalation", "Handled locally"),
    pgettext_lazy("escalation", "Consultation"),
    pgettext_lazy("escalation", "Joint meeting"),
)
#: what a step's button and confirmation read (jiazhou.tickets.states.STEP_ZH is Chinese only)
STEP_LABELS: dict[Step, StrOrPromise] = {
    Step.DISPATCH: pgettext_lazy("ticket step", "Dispatch"),
    Step.SIGN: pgettext_lazy("ticket step", "Sign for"),
    Step.RETURN: pgettext_lazy("ticket step", "Return"),
    Step.CONTACT: _("Contact the requester"),
    Step.PAUSE: pgettext_lazy("ticket step", "Pause for supplements"),
    Step.RESUME: _("Supplements complete"),
    Step.EXTEND: pgettext_lazy("ticket", "Extension requested"),
    Step.REPLY: pgettext_lazy("ticket step", "Answer"),
    Step.CALLBACK: _("Callback and rating"),
    Step.REOPEN: pgettext_lazy("ticket step", "Reopen"),
}
OPEN = [s for s in TicketState.values if s != TicketState.CLOSED]


def _shown(qs: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """What a row of a list shows besides the ticket (its clock is ``_annotate_clocks``'s)."""
    return qs.select_related("enterprise", "unit", "leaf", "region")


def _with_related(qs: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """A ticket with its whole dispatch history (the detail page)."""
    return _shown(qs).prefetch_related(
        Prefetch(
            "dispatches",
            queryset=Dispatch.objects.prefetch_related("pauses", "extensions").order_by(
                "dispatched_at", "id"
            ),
        )
    )


Running = tuple[Dispatch, list[PauseInterval], list[ExtensionRequest]]


def _latest_dispatches(rows: list[Ticket]) -> dict[int, Running]:
    """The latest dispatch, with its pauses and extensions, of each row whose clock runs (open,
    not returned): three queries whatever the rows, and no earlier dispatches or closed
    tickets' dispatches built (a list page built them all: 19 of its 80 ms)."""
    running = [t.pk for t in rows if t.state not in (TicketState.RETURNED, TicketState.CLOSED)]
    if not running:
        return {}
    latest = Subquery(
        Dispatch.objects.filter(ticket=OuterRef("pk"))
        .order_by("-dispatched_at", "-id")
        .values("pk")[:1]
    )
    ids = Ticket.objects.filter(pk__in=running).annotate(latest=latest).values("latest")
    dispatches = list(Dispatch.objects.filter(pk__in=ids))
    pauses: dict[int, list[PauseInterval]] = {d.pk: [] for d in dispatches}
    extensions: dict[int, list[ExtensionRequest]] = {d.pk: [] for d in dispatches}
    for p in PauseInterval.objects.filter(dispatch__in=dispatches):  # in Meta order
        pauses[p.dispatch_id].append(p)
    for e in ExtensionRequest.objects.filter(dispatch__in=dispatches):
        extensions[e.dispatch_id].append(e)
    return {d.ticket_id: (d, pauses[d.pk], extensions[d.pk]) for d in dispatches}


def _annotate_clocks(rows: list[Ticket]) -> None:
    """Each open, dispatched ticket gets ``clock`` (computed, not stored) for the page."""
    now = timezone.now()
    cal = clocks.calendar()
    versions: dict[int, Any] = {}
    latest = _latest_dispatches(rows)
    for t in rows:
        t.clock = None  # type: ignore[attr-defined]
        if t.pk not in latest:
            continue
        d, pauses, extensions = latest[t.pk]
        tier = clocks.DEFAULT_TIER
        if t.leaf is not None:
            version = versions.get(t.leaf.version_id)
            if version is None:
                version = versions[t.leaf.version_id] = t.leaf.version
            tier = catalogue.tier_of(version, t.tier)
        t.clock = clocks.clock_for(  # type: ignore[attr-defined]
            t, d, now, cal=cal, tier=tier, pauses=pauses, extensions=extensions
        )


def _filtered(
    request: HttpRequest, qs: QuerySet[Ticket]
) -> tuple[QuerySet[Ticket], dict[str, Any]]:
    f: dict[str, Any] = {
        "state": request.GET.get("state", ""),
        "channel": request.GET.get("channel", ""),
        "category": request.GET.get("category", ""),
        "unit": int_param(request.GET.get("unit")),
        "q": request.GET.get("q", "").strip()[:50],
    }
    if f["state"] in TicketState.values:
        qs = qs.filter(state=f["state"])
    elif f["state"] == "open":
        qs = qs.filter(state__in=OPEN)
    elif f["state"] == "overdue":
        qs = qs.overdue(timezone.now())  # type: ignore[attr-defined]  # stored due instant, indexed
    if f["channel"] in Channel.values:
        qs = qs.filter(channel=f["channel"])
    if f["category"]:
        qs = qs.filter(leaf__code__startswith=f["category"][:10])
    if f["unit"] is not None:
        qs = qs.filter(unit_id=f["unit"])
    if f["q"]:
        qs = qs.filter(
            Q(title__icontains=f["q"])
            | Q(number__icontains=f["q"])
            | Q(enterprise__name__icontains=f["q"])
        )
    return qs, f


def _export(rows: QuerySet[Ticket], filename: str) -> HttpResponse:
    header = [
        gettext("Ticket number"),
        pgettext("ticket", "Channel"),
        pgettext("ticket", "Status"),
        gettext("Enterprise"),
        pgettext("ticket", "Title"),
        gettext("Dispatch catalogue item"),
        pgettext("ticket", "Lead unit"),
        pgettext("ticket", "Received"),
        gettext("Replied at"),
        pgettext("ticket", "Outcome"),
        gettext("Satisfaction"),
    ]
    body = [
        [
            t.number,
            t.get_channel_display(),
            t.get_state_display(),
            t.enterprise.name if t.enterprise else t.caller_name,
            t.title,
            t.leaf.path if t.leaf else "",
            t.unit.name if t.unit else "",
            timezone.localtime(t.received_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(t.replied_at).strftime("%Y-%m-%d %H:%M") if t.replied_at else "",
            t.get_outcome_display() if t.outcome else "",
            t.get_satisfaction_display() if t.satisfaction else "",
        ]
        for t in rows.select_related("enterprise", "unit", "leaf")[:20000]
    ]
    sheet = Sheet(gettext("Enterprise requests"), header, body)
    return xlsx_response(write_workbook([sheet]), filename)


class _CountedPaginator(Paginator[Any]):
    """A paginator told its (exact) count when the page already knows it."""

    def __init__(self, object_list: Any, per_page: int, count: int | None) -> None:
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count  # the cached property, not a second COUNT(*)


#: up to this many matching tickets, the page's ids are read in order without LIMIT (see below)
SMALL_RESULT = 2000


def _page_rows(qs: QuerySet[Ticket], number: int, count: int | None) -> tuple[Any, list[Ticket]]:
    """One page of ``qs`` newest first, its rows with what the list shows (a fixed number of
    queries). The total is exact: from the state counts when the filter is by state alone,
    else one ``COUNT(*)``. The page's ids are read first (ticket columns
    only) and its rows then by primary key with what they show: joining every match to its
    firm, region and unit before the sort cost more than the sort (2,050 matches: 13 ms).
    With few matches among many tickets (a zone's tickets, a unit's overdue ones),
    ``ORDER BY received_at DESC LIMIT 50`` makes PostgreSQL walk the ordering index through
    the whole table looking for 50 rows that are not there; reading the ids of all (at most
    ``SMALL_RESULT``) matches in order lets it pick the matches first."""
    ordered = qs.order_by("-received_at", "-id").values_list("pk", flat=True)
    page = _CountedPaginator(ordered, PAGE, count).get_page(number)
    start, end = page.start_index() - 1, page.end_index()
    if not page.paginator.count:
        ids = []
    elif page.paginator.count <= SMALL_RESULT:
        ids = list(ordered)[start:end]
    else:
        ids = list(ordered[start:end])
    by_id = _shown(Ticket.objects.filter(pk__in=ids)).in_bulk() if ids else {}
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return page, page.object_list


def index(request: HttpRequest) -> HttpResponse:
    """The officers' list within their scope: filters, counts by state, export."""
    require(request.user, "tickets.view")
    scoped = visible_tickets(request.user)
    qs, f = _filtered(request, scoped)
    if request.GET.get("export") == "xlsx":
        return _export(qs, "tickets.xlsx")
    # COUNT(*), not COUNT(id): PostgreSQL then counts from the (state, …) index alone
    counts = dict(scoped.values_list("state").annotate(n=Count("*")).order_by())
    by_state_only = not any(f[k] for k in ("channel", "category", "unit", "q"))
    known: int | None = None
    if by_state_only and not f["state"]:
        known = sum(counts.values())
    elif by_state_only and f["state"] in TicketState.values:
        known = counts.get(f["state"], 0)
    elif by_state_only and f["state"] == "open":
        known = sum(n for s, n in counts.items() if s in OPEN)
    page, rows = _page_rows(qs, int_param(request.GET.get("page")) or 1, known)
    _annotate_clocks(rows)
    # the labels once per page: get_FOO_display() rebuilds (and translates) the choices per call
    states = {v: str(label) for v, label in TicketState.choices}
    channels = {v: str(label) for v, label in Channel.choices}
    for t in rows:
        t.state_label = states.get(t.state, t.state)  # type: ignore[attr-defined]
        t.channel_label = channels.get(t.channel, t.channel)  # type: ignore[attr-defined]
    return render(
        request,
        "tickets/index.html",
        {
            "title": pgettext("page title", "Enterprise requests"),
            "rows": rows,
            "row_html": [list_rows.row_html(t) for t in rows],
            "page": page,
            "filters": f,
            "state_counts": [(v, label, counts.get(v, 0)) for v, label in TicketState.choices],
            "total": sum(counts.values()),
            "states": TicketState.choices,
            "channels": Channel.choices,
            # the filters' choices as (value, name) pairs: no model rows built for a <select>
            "categories": CatalogueNode.objects.filter(
                version__active=True, level=NodeLevel.CATEGORY
            ).values_list("code", "name"),
            "units": Department.objects.filter(pk__in=scoped.values("unit_id"))
            .order_by("code")
            .values_list("pk", "name"),
        },
    )


def workbench(request: HttpRequest) -> HttpResponse:
    """The unit's open tickets: to sign, in hand, overdue (clock per row)."""
    require(request.user, "tickets.handle")
    units = Department.objects.filter(units_q(request.user))
    qs = _shown(Ticket.objects.filter(unit__in=units, state__in=OPEN)).order_by(
        "dispatched_at", "id"
    )
    rows = list(qs[:200])
    _annotate_clocks(rows)
    return render(
        request,
        "tickets/workbench.html",
        {
            "title": gettext("Handling unit workbench"),
            "to_sign": [t for t in rows if t.state == TicketState.DISPATCHED],
            "in_hand": [t for t in rows if t.state != TicketState.DISPATCHED],
            "overdue": Ticket.objects.filter(unit__in=units).overdue(timezone.now()).count(),
            "supervisions": list(
                TicketSupervision.objects.filter(unit__in=units, resolved_at__isnull=True)
                .select_related("ticket")
                .order_by("respond_by", "id")[:200]
            ),
            "units": list(units),
        },
    )


def record(request: HttpRequest) -> HttpResponse:
    """Desk entry: 12345 转办, 企业直通车, 办不成事 window, visits."""
    require(request.user, "tickets.record")
    firms = Enterprise.objects.for_user(request.user).order_by("name")
    scope = user_scope(request.user)
    regions = (
        Region.objects.all() if scope.city else Region.objects.filter(code__in=scope.region_codes)
    ).order_by("code")
    if request.method == "POST":
        firm_id = int_param(request.POST.get("enterprise"))
        firm = firms.filter(pk=firm_id).first() if firm_id else None
        region = regions.filter(code=request.POST.get("region", "")).first()
        if firm is not None and region is None:
            region = firm.zone or firm.region
        try:
            ticket = actions.record_ticket(
                channel=request.POST.get("channel", ""),
                title=request.POST.get("title", ""),
                text=request.POST.get("text", ""),
                region=region,
                enterprise=firm,
                caller_name=request.POST.get("caller_name", ""),
                caller_phone=request.POST.get("caller_phone", ""),
                actor=request.user,
            )
            messages.success(request, gettext("Received: %(number)s") % {"number": ticket.number})
            return redirect("tickets:detail", pk=ticket.pk)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    return render(
        request,
        "tickets/record.html",
        {
            "title": gettext("Record a request"),
            "channels": [c for c in Channel.choices if c[0] != Channel.WORKSPACE],
            "firms": firms[:500],
            "regions": regions,
            "form": request.POST,
        },
    )


def _firm_ids(request: HttpRequest) -> frozenset[int]:
    require(request.user, "tickets.raise")
    return user_scope(request.user).enterprise_ids


def mine(request: HttpRequest) -> HttpResponse:
    """The firm's own tickets (企业工作台 · 我的诉求)."""
    ids = _firm_ids(request)
    rows = list(
        visible_tickets(request.user)
        .filter(enterprise_id__in=ids)
        .select_related("unit", "leaf")
        .order_by("-received_at")[:200]
    )
    return render(
        request,
        "tickets/mine.html",
        {
            "title": gettext("My requests"),
            "rows": rows,
            "waiting": [t for t in rows if t.state == TicketState.REPLIED],
        },
    )


def raise_view(request: HttpRequest) -> HttpResponse:
    ids = _firm_ids(request)
    firms = list(Enterprise.objects.filter(pk__in=ids).order_by("name"))
    if not firms:
        raise PermissionDenied
    if request.method == "POST":
        firm = next(
            (f for f in firms if f.pk == int_param(request.POST.get("enterprise"))), firms[0]
        )
        try:
            ticket = actions.raise_ticket(
                firm,
                title=request.POST.get("title", ""),
                text=request.POST.get("text", ""),
                caller_phone=request.POST.get("caller_phone", "")[:20],
                attachment=request.FILES.get("attachment"),
                actor=request.user,
            )
            messages.success(
                request,
                gettext("Request submitted: %(number)s. We will dispatch it for handling soon.")
                % {"number": ticket.number},
            )
            return redirect("tickets:detail", pk=ticket.pk)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    return render(
        request,
        "tickets/raise.html",
        {"title": gettext("Raise a request"), "firms": firms, "form": request.POST},
    )


def _visible(request: HttpRequest, pk: int) -> Ticket:
    if not may_open_tickets(request.user):
        raise PermissionDenied
    return get_visible_or_404(_with_related(visible_tickets(request.user)), request.user, pk=pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _visible(request, pk)
    _annotate_clocks([ticket])
    dispatches = list(ticket.dispatches.all())
    extensions = [e for d in dispatches for e in d.extensions.all()]
    events = (
        AuditLog.objects.for_object(ticket).select_related("actor").order_by("event_time", "id")
    )
    user = request.user
    steps = {s.value for s in available_steps(ticket.state)}
    officer = can(user, "tickets.view")
    ctx = {
        "title": f"{ticket.number} {ticket.title}",
        "t": ticket,
        "state_zh": STATE_ZH,
        "dispatches": dispatches,
        "extensions": extensions,
        "events": [(e, audit.event_label(e.event_type)) for e in events] if officer else [],
        "may_dispatch": "dispatch" in steps and can(user, "tickets.dispatch", ticket),
        "may_reopen": "reopen" in steps and can(user, "tickets.dispatch", ticket),
        "may_decide": can(user, "tickets.dispatch", ticket),
        "handle_steps": [
            (s, STEP_LABELS[s])
            for s in available_steps(ticket.state)
            if s.value in {"sign", "return", "contact", "pause", "resume", "extend", "reply"}
        ]
        if can(user, "tickets.handle", ticket)
        else [],
        "may_rate": "callback" in steps and can(user, "tickets.rate", ticket),
        "officer": officer,
        "supervisions": list(ticket.supervisions.select_related("unit").order_by("issued_at", "id"))
        if officer
        else [],
        "escalation": ESCALATION[min(ticket.escalation_level, len(ESCALATION) - 1)],
        "outcomes": Outcome.choices,
        "levels": Satisfaction.choices,
        "pending": ExtensionState.REQUESTED,
    }
    if ctx["may_dispatch"]:
        version = catalogue.ensure_current()
        ctx["leaves"] = version.nodes.filter(level=NodeLevel.ITEM).order_by("code")
        ctx["suggested_unit"] = catalogue.responsible_unit(
            ticket.leaf, ticket.region, ticket.enterprise
        )
    if ctx["may_dispatch"] or ctx["handle_steps"]:
        ctx["all_units"] = Department.objects.order_by("code")
    return render(request, "tickets/detail.html", ctx)


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A ticket's attachment, only to users whose scope reaches the ticket (else 404)."""
    item = Attachment.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    _visible(request, item.ticket_id)
    if not item.file or not item.file.storage.exists(str(item.file.name)):
        raise Http404  # a file missing from storage is a 404 page, not a server error
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


def _department(raw: Any) -> Department | None:
    pk = int_param(raw)
    return Department.objects.filter(pk=pk).first() if pk else None


@require_POST
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    ticket = _visible(request, pk)
    p, user = request.POST, request.user
    handlers: dict[str, Callable[[], object]] = {
        "dispatch": lambda: actions.dispatch(
            ticket,
            unit=_department(p.get("unit")),
            leaf=CatalogueNode.objects.filter(pk=int_param(p.get("leaf")) or 0).first()
            or ticket.leaf,
            partners=Department.objects.filter(
                pk__in=[int_param(x) or 0 for x in p.getlist("partners")]
            ),
            note=p.get("note", "")[:300],
            actor=user,
        ),
        "sign": lambda: actions.sign(ticket, actor=user),
        "return": lambda: actions.return_ticket(
            ticket,
            reason=p.get("reason", ""),
            proposed_unit=_department(p.get("proposed_unit")),
            actor=user,
        ),
        "contact": lambda: actions.contact(ticket, note=p.get("note", ""), actor=user),
        "pause": lambda: actions.pause(ticket, reason=p.get("reason", ""), actor=user),
        "resume": lambda: actions.resume(ticket, actor=user),
        "extend": lambda: actions.request_extension(
            ticket,
            working_days=int_param(p.get("days"), hi=100) or 0,
            reason=p.get("reason", ""),
            actor=user,
        ),
        "reply": lambda: actions.reply(ticket, text=p.get("text", ""), actor=user),
        "callback": lambda: actions.callback(
            ticket,
            outcome=p.get("outcome", ""),
            satisfaction=int_param(p.get("satisfaction"), hi=9) or 0,
            note=p.get("note", ""),
            actor=user,
        ),
        "reopen": lambda: actions.reopen(ticket, reason=p.get("reason", ""), actor=user),
    }
    handler = handlers.get(step)
    if handler is None:
        raise Http404
    try:
        handler()
        messages.success(request, gettext("Done: %(step)s") % {"step": STEP_LABELS[Step(step)]})
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("tickets:detail", pk=ticket.pk)


@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "tickets.dispatch")
    ext = (
        ExtensionRequest.objects.select_related("ticket")
        .filter(pk=pk, ticket__in=Ticket.objects.for_user(request.user))
        .first()
    )
    if ext is None:
        raise Http404
    try:
        actions.decide_extension(
            ext, approve=request.POST.get("decision") == "approve", actor=request.user
        )
        messages.success(request, gettext("The extension request has been decided"))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("tickets:detail", pk=ext.ticket_id)


def rates(request: HttpRequest) -> HttpResponse:
    """三率 per unit for a month (within the user's scope), with export."""
    require(request.user, "tickets.view")
    first = boards.parse_month(request.GET.get("month"))
    rows = boards.unit_rates(Ticket.objects.for_user(request.user), first)
    if request.GET.get("export") == "xlsx":
        header = [
            pgettext("ticket", "Unit"),
            gettext("Due a response"),
            gettext("Responded in time"),
            gettext("Response rate %"),
            gettext("Callbacks"),
            pgettext("ticket rates", "Resolved"),
            gettext("Repeat requests"),
            gettext("Resolution rate %"),
            pgettext("ticket rates", "Rated"),
            pgettext("ticket rates", "Satisfied"),
            gettext("Satisfaction rate %"),
            pgettext("ticket rates", "Score"),
        ]
        body = [
            [
                r.unit.name,
                r.rates.response_due,
                r.rates.responded_in_time,
                _f(r.rates.response_rate),
                r.rates.callbacks,
                r.rates.resolved,
                r.rates.repeats_against,
                _f(r.rates.resolution_rate),
                r.rates.rated,
                r.rates.satisfied,
                _f(r.rates.satisfaction_rate),
                _f(r.rates.score),
            ]
            for r in rows
        ]
        return xlsx_response(
            write_workbook(
                [
                    Sheet(
                        pgettext("ticket rates", "Three rates"),
                        header,
                        body,
                        notes=[gettext("Weights: response 30%, resolution 35%, satisfaction 35%")],
                    )
                ]
            ),
            f"rates-{first:%Y-%m}.xlsx",
        )
    return render(
        request,
        "tickets/rates.html",
        {
            "title": gettext("Three rates"),
            "rows": rows,
            "month": first,
            "analysis": boards.analysis(Ticket.objects.for_user(request.user), first),
        },
    )


REPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def report(request: HttpRequest) -> HttpResponse:
    """月度诉求分析报告 (GB/T 9704 公文) as ``?format=docx`` or ``pdf``, cut to the reader's scope
    like the 三率 and 红黑榜 pages it is downloaded from."""
    require(request.user, "tickets.view")
    from jiazhou_web.tickets.report import compose

    fmt = request.GET.get("format", "")
    first = boards.parse_month(request.GET.get("month"))
    if not fmt:  # the bare address leads to the page the downloads are offered on
        return redirect(f"{reverse('tickets:rates')}?month={first:%Y-%m}")
    if fmt not in REPORT_TYPES:
        raise Http404("导出格式应为 Word（docx）或 PDF（pdf） / format must be docx or pdf")
    if first > timezone.localdate():
        raise Http404(f"{first:%Y-%m} 尚未开始，无法出具报告 / that month has not started yet")
    document = compose(request.user, first)
    content = document.to_docx() if fmt == "docx" else document.to_pdf()
    response = HttpResponse(content, content_type=REPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="tickets-report-{first:%Y-%m}.{fmt}"'
    return response


def _f(value: Any) -> Any:
    return None if value is None else round(float(value), 1)


#: the peer groups' names on the page (boards.PEER_GROUPS stays Chinese for the 公文 report)
PEER_GROUP_LABELS: dict[str, StrOrPromise] = {
    "区县": _("Counties and districts"),
    "市级部门": _("City departments"),
    "园区": pgettext_lazy("peer group", "Parks"),
}


def ranking(request: HttpRequest) -> HttpResponse:
    require(request.user, "tickets.view")
    first = boards.parse_month(request.GET.get("month"))
    groups = [
        (PEER_GROUP_LABELS.get(label, label), rows)
        for label, rows in boards.boards(Ticket.objects.for_user(request.user), first)
    ]
    return render(
        request,
        "tickets/ranking.html",
        {"title": gettext("Red and black lists"), "groups": groups, "month": first},
    )


SUPERVISION_FILTERS = {
    "open": _("Under supervision"),
    "resolved": pgettext_lazy("supervision", "Lifted"),
    "all": pgettext_lazy("ticket", "All"),
}


def supervision_list(request: HttpRequest) -> HttpResponse:
    """超期督办: every 督办 entry of the tickets in the user's scope (the centre's list)."""
    require(request.user, "tickets.view")
    status = request.GET.get("status", "open")
    if status not in SUPERVISION_FILTERS:
        status = "open"
    qs = TicketSupervision.objects.filter(ticket__in=Ticket.objects.for_user(request.user))
    counts = {
        "open": qs.filter(resolved_at__isnull=True).count(),
        "resolved": qs.filter(resolved_at__isnull=False).count(),
    }
    counts["all"] = counts["open"] + counts["resolved"]
    if status == "open":
        qs = qs.filter(resolved_at__isnull=True)
    elif status == "resolved":
        qs = qs.filter(resolved_at__isnull=False)
    page = Paginator(
        qs.select_related("ticket__enterprise", "unit").order_by("-issued_at", "-id"), PAGE
    ).get_page(int_param(request.GET.get("page")) or 1)
    return render(
        request,
        "tickets/supervision.html",
        {
            "title": gettext("Overdue supervision"),
            "page": page,
            "rows": list(page.object_list),
            "status": status,
            "filters": [(k, label, counts[k]) for k, label in SUPERVISION_FILTERS.items()],
        },
    )


def catalogue_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "tickets.view")
    version = catalogue.ensure_current()
    nodes = list(version.nodes.order_by("code"))
    units = {
        d.code: d.name for d in Department.objects.filter(code__in=[n.unit_code for n in nodes])
    }
    for n in nodes:
        n.unit_name = (  # type: ignore[attr-defined]
            gettext("Local unit (the county or park the enterprise is in)")
            if n.unit_code == catalogue.LOCAL
            else units.get(n.unit_code, n.unit_code)
        )
        tier = version.tiers.get(n.tier)
        n.tier_name = tier["name"] if tier else ""  # type: ignore[attr-defined]
    return render(
        request,
        "tickets/catalogue.html",
        {
            "title": gettext("Dispatch catalogue · %(title)s") % {"title": version.title},
            "version": version,
            "nodes": nodes,
        },
    )
