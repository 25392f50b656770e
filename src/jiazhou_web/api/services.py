"""Read endpoints of the later capabilities (issue 21): 企业诉求, 政策兑现 and 创新券, 技术市场,
产业链, 考核, 科技项目, 创新平台, 人才 — list (paged, filtered) and detail of each main record.

Each endpoint asks the verbs its pages ask (``core.access.can``; 403 without any of them) and
cuts rows with the *same function the pages call* — ``tickets.visibility.visible_tickets``,
``subsidies.access.visible_applications``, ``market.rules.contracts_for``,
``assessments.visibility.visible_reports``, ``projects.visibility.visible_applications``,
``chains.visibility.visible_attachments``, or the model's ``for_user`` where the page uses it
directly — so a token never reaches a row its role's pages do not show. An object outside the
scope is 404. Shapes are in ``services_schemas.py`` (one field list per record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.params.functions import Query

from jiazhou_web.api.services_schemas import Computed, FirmRef, Shape
from jiazhou_web.api.v1 import ERRORS, PageNumber, PageSize, page_of, user_of
from jiazhou_web.core.access import can, for_user


def user_with_any(request: HttpRequest, *verbs: str) -> Any:
    """The token's user when its role holds one of ``verbs`` (the section's pages ask the
    same), else 403."""
    user = user_of(request, None)
    if not any(can(user, verb) for verb in verbs):
        raise PermissionDenied(f"无权执行此操作（{' / '.join(verbs)}）/ not permitted")
    return user


def one(rows: QuerySet[Any], pk: int) -> Any:
    found = rows.filter(pk=pk).first() if 0 < pk <= 2**63 - 1 else None
    if found is None:
        raise Http404
    return found


def filtered(rows: QuerySet[Any], **lookups: Any) -> QuerySet[Any]:
    """``rows`` filtered by the lookups whose value was given (``None`` and ``""`` are not)."""
    given = {k: v for k, v in lookups.items() if v not in (None, "")}
    return rows.filter(**given) if given else rows


def in_region(rows: QuerySet[Any], code: str | None, *paths: str) -> QuerySet[Any]:
    """Rows whose region (any of ``paths``) is ``code`` or below it."""
    if not code:
        return rows
    from jiazhou_web.regions.models import Region

    codes = Region.objects.subtree_codes(code.strip())
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{path}__in": codes})
    return rows.filter(condition)


def paged(
    rows: QuerySet[Any], shape: Shape, order: tuple[str, ...], page: int, page_size: int
) -> dict[str, Any]:
    rows = rows.select_related(*shape.related).order_by(*order)
    return page_of(rows, page, page_size, shape.each)


def _name(attr: str) -> Callable[[Any], Any]:
    def read(row: Any) -> Any:
        target = row
        for part in attr.split("."):
            target = getattr(target, part)
            if target is None:
                return None
        return target

    return read


# -- shapes -------------------------------------------------------------------------------------


def _shapes() -> dict[str, Shape]:
    from jiazhou_web.assessments.models import CountyReport
    from jiazhou_web.chains.models import Attachment, Chain, Segment
    from jiazhou_web.market.models import Achievement, Demand, Listing, TechContract
    from jiazhou_web.platforms.models import Platform
    from jiazhou_web.projects.models import Application as ProjectApplication
    from jiazhou_web.projects.models import ExternalProject
    from jiazhou_web.subsidies.models import Application, VoucherOrder
    from jiazhou_web.talent.models import Talent
    from jiazhou_web.tickets.models import Ticket

    segment = Shape(
        "ChainSegmentOut",
        Segment,
        ("id", "code", "name", "parent", "position", "order", "industry_codes",
         "product_keywords", "tech_keywords", "note"),
    )  # fmt: skip
    return {
        "ticket": Shape(
            "TicketOut",
            Ticket,
            (
                "id",
                "number",
                "channel",
                "state",
                "enterprise",
                "title",
                "text",
                "region",
                "tier",
                "unit",
                "received_at",
                "dispatched_at",
                "signed_at",
                "response_due_at",
                "handling_due_at",
                "first_contact_at",
                "replied_at",
                "reply_text",
                "callback_at",
                "outcome",
                "satisfaction",
                "closed_at",
                "reopen_count",
                "escalation_level",
            ),
            (Computed("unit_name", str | None, _name("unit.name"), "主办单位"),),
        ),  # fmt: skip
        "subsidy": Shape(
            "SubsidyApplicationOut",
            Application,
            (
                "id",
                "clause",
                "enterprise",
                "year",
                "track",
                "state",
                "base_declared",
                "computed",
                "approved_amount",
                "paid_amount",
                "accepted_at",
                "publicity_start",
                "publicity_end",
                "paid_at",
                "created",
                "updated",
            ),
            (
                Computed("clause_ref", str, _name("clause.ref"), "条款"),
                Computed("clause_title", str, _name("clause.title_zh"), "事项名称"),
                Computed("delivery", str, _name("clause.delivery"), "兑现方式"),
            ),
        ),  # fmt: skip
        "voucher_order": Shape(
            "VoucherOrderOut",
            VoucherOrder,
            (
                "id",
                "voucher",
                "provider",
                "service",
                "amount",
                "state",
                "ordered_on",
                "contract_date",
                "invoice_no",
                "invoice_date",
                "pay_amount",
                "updated",
            ),
            (
                Computed("enterprise", FirmRef, lambda o: _enterprise(o.voucher.enterprise)),
                Computed("provider_name", str, _name("provider.name"), "服务机构"),
            ),
        ),  # fmt: skip
        "achievement": Shape(
            "AchievementOut",
            Achievement,
            (
                "id",
                "title",
                "abstract",
                "field",
                "trl",
                "ip_type",
                "ip_number",
                "price_low",
                "price_high",
                "transfer_mode",
                "holder",
                "holder_name",
                "holder_kind",
                "region_code",
                "state",
                "created",
                "updated",
            ),
        ),  # fmt: skip
        "demand": Shape(
            "DemandOut",
            Demand,
            (
                "id",
                "title",
                "problem",
                "field",
                "budget",
                "min_trl",
                "deadline",
                "enterprise",
                "state",
                "created",
                "updated",
            ),
        ),  # fmt: skip
        "listing": Shape(
            "ListingOut",
            Listing,
            (
                "id",
                "demand",
                "listing_class",
                "budget",
                "apply_deadline",
                "chain_segment",
                "state",
                "contract",
                "created",
                "updated",
            ),
            (
                Computed("demand_title", str, _name("demand.title"), "来源需求"),
                Computed(
                    "enterprise",
                    FirmRef,
                    lambda row: _enterprise(row.demand.enterprise),
                    "发榜企业",
                ),
            ),
        ),  # fmt: skip
        "contract": Shape(
            "TechContractOut",
            TechContract,
            (
                "id",
                "registration_no",
                "title",
                "contract_type",
                "field",
                "ip_type",
                "seller",
                "seller_kind",
                "buyer_name",
                "buyer_uscc",
                "buyer_region_code",
                "registry",
                "broker",
                "total_amount",
                "non_technical",
                "carrier_cost",
                "tech_amount",
                "signed_on",
                "disputed",
                "accepted_on",
                "due_on",
                "registered_on",
                "state",
            ),
            (Computed("registry_name", str, _name("registry.name"), "登记机构"),),
        ),  # fmt: skip
        "segment": segment,
        "chain": Shape(
            "ChainOut",
            Chain,
            (
                "id",
                "code",
                "name",
                "data_version",
                "chain_leader",
                "lead_department",
                "host_areas",
                "chain_masters",
                "source",
            ),
            (Computed("segments", list.__class_getitem__(segment.schema), _segments(segment)),),
        ),  # fmt: skip
        "attachment": Shape(
            "ChainAttachmentOut",
            Attachment,
            (
                "id",
                "segment",
                "kind",
                "state",
                "enterprise",
                "supervision_item",
                "ref_app",
                "ref_id",
                "label",
                "stage",
                "level",
                "occurred_on",
                "is_open",
                "source",
                "verified_at",
            ),
            (
                Computed("chain_code", str, _name("segment.chain.code"), "产业链编码"),
                Computed("segment_code", str, _name("segment.code"), "环节编码"),
            ),
        ),  # fmt: skip
        "county_report": Shape(
            "CountyReportOut",
            CountyReport,
            (
                "id",
                "round",
                "region",
                "class_code",
                "class_name",
                "values",
                "sources",
                "state",
                "review_comment",
                "items",
                "total",
                "rank",
                "class_rank",
                "submitted_at",
                "reviewed_at",
            ),
            (
                Computed("round_year", int, _name("round.year"), "考核年度"),
                Computed("round_state", str, _name("round.state")),
                Computed("round_state_label", str, lambda r: str(r.round.get_state_display())),
                Computed("scheme_code", str, _name("round.scheme_code")),
            ),
        ),  # fmt: skip
        "project": Shape(
            "ProjectApplicationOut",
            ProjectApplication,
            (
                "id",
                "call",
                "number",
                "enterprise",
                "title",
                "summary",
                "requested_yuan",
                "state",
                "submitted_at",
                "score",
                "rank",
                "approved_yuan",
                "publicity_ends",
                "contract_start",
                "contract_end",
                "acceptance_mode",
            ),
            (
                Computed("call_code", str, _name("call.code"), "指南代码"),
                Computed("call_title", str, _name("call.title"), "指南名称"),
            ),
        ),  # fmt: skip
        "external_project": Shape(
            "ExternalProjectOut",
            ExternalProject,
            (
                "id",
                "title",
                "unit_name",
                "enterprise",
                "region",
                "level",
                "programme",
                "funding_yuan",
                "approved_on",
                "four_batches",
                "source",
                "synthetic",
            ),
        ),  # fmt: skip
        "platform": Shape(
            "PlatformOut",
            Platform,
            (
                "id",
                "name",
                "kind",
                "level",
                "host_enterprise",
                "host_name",
                "region",
                "field",
                "chain_segment",
                "recognised_on",
                "recognised_by",
                "evaluated_on",
                "evaluation",
                "status",
                "source",
                "synthetic",
            ),
        ),  # fmt: skip
        "talent": Shape(
            "TalentOut",
            Talent,
            (
                "id",
                "programme",
                "year",
                "name",
                "category",
                "degree",
                "employer",
                "employer_name",
                "region",
                "field",
                "synthetic",
            ),
            (
                Computed("programme_code", str, _name("programme.code")),
                Computed("programme_name", str, _name("programme.name")),
                Computed("id_number_masked", str, _name("masked_id"), "身份证号（遮盖）"),
            ),
        ),  # fmt: skip
    }


def _enterprise(e: Any) -> dict[str, Any]:
    return {"id": e.pk, "uscc": e.uscc, "name": e.name}


def _segments(segment: Shape) -> Callable[[Any], Any]:
    return lambda chain: segment.each(list(chain.segments.all()))


SHAPES = _shapes()


def _page(key: str) -> dict[int, Any]:
    return {200: SHAPES[key].page, **ERRORS}


def _single(key: str) -> dict[int, Any]:
    return {200: SHAPES[key].schema, **ERRORS}


Region = Query(None, max_length=20, description="区域代码（含下级）/ region code and below")
Enterprise = Query(None, ge=1, le=2**63 - 1, description="企业 id / enterprise id")
Year = Query(None, ge=1900, le=2200, description="年度 / year")


ReceivedFrom = Query(None, description="受理日期起 / received on or after")
ReceivedTo = Query(None, description="受理日期止 / received on or before")


def _code(description: str, length: int = 40) -> Any:
    return Query(None, max_length=length, description=description)


# -- 企业诉求 -----------------------------------------------------------------------------------

tickets = Router(tags=["企业诉求 / tickets"])


def _tickets(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.tickets.visibility import visible_tickets

    return visible_tickets(user_with_any(request, "tickets.view", "tickets.raise")).select_related(
        "unit"
    )


@tickets.get("/tickets", response=_page("ticket"), summary="企业诉求")
def list_tickets(
    request: HttpRequest,
    state: str | None = _code("状态，如 dispatched / state", 12),
    channel: str | None = _code("渠道 / channel", 20),
    enterprise: int | None = Enterprise,
    region: str | None = Region,
    received_from: dt.date | None = ReceivedFrom,
    received_to: dt.date | None = ReceivedTo,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """The officers' 诉求 of their scope and the units' own; a firm's token its firm's only."""
    rows = filtered(
        _tickets(request),
        state=state,
        channel=channel,
        enterprise_id=enterprise,
        received_at__date__gte=received_from,
        received_at__date__lte=received_to,
    )
    rows = in_region(rows, region, "region__code")
    return paged(rows, SHAPES["ticket"], ("-received_at", "-id"), page, page_size)


@tickets.get("/tickets/{int:ticket_id}", response=_single("ticket"), summary="企业诉求详情")
def get_ticket(request: HttpRequest, ticket_id: int) -> Any:
    return SHAPES["ticket"].out(
        one(_tickets(request).select_related("enterprise", "region"), ticket_id)
    )


# -- 政策兑现 · 创新券 ----------------------------------------------------------------------------

subsidies = Router(tags=["政策兑现与创新券 / subsidies and vouchers"])


def _applications(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.subsidies.access import visible_applications

    user = user_with_any(request, "subsidies.view")
    return visible_applications(user).select_related("clause")


@subsidies.get(
    "/subsidy-applications", response=_page("subsidy"), summary="政策兑现申请（含免申即享）"
)
def list_subsidy_applications(
    request: HttpRequest,
    state: str | None = _code("状态 / state", 20),
    track: str | None = _code("offer（免申即享）/ apply（快申快享）", 10),
    year: int | None = Year,
    enterprise: int | None = Enterprise,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """As the 兑现申请 list: by 属地 scope, a firm its own, joint reviewers from the city review
    on (``subsidies.access.visible_applications``)."""
    rows = filtered(
        _applications(request), state=state, track=track, year=year, enterprise_id=enterprise
    )
    return paged(rows, SHAPES["subsidy"], ("-updated", "-id"), page, page_size)


@subsidies.get(
    "/subsidy-applications/{int:application_id}",
    response=_single("subsidy"),
    summary="政策兑现申请详情",
)
def get_subsidy_application(request: HttpRequest, application_id: int) -> Any:
    rows = _applications(request).select_related("enterprise")
    return SHAPES["subsidy"].out(one(rows, application_id))


def _orders(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.subsidies.access import visible_orders

    user = user_with_any(request, "vouchers.view")
    return visible_orders(user).select_related("provider", "voucher__enterprise")


@subsidies.get("/voucher-orders", response=_page("voucher_order"), summary="创新券订单与兑付")
def list_voucher_orders(
    request: HttpRequest,
    state: str | None = _code("状态 / state", 20),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """By the firm's scope; a service provider's token its own orders."""
    rows = filtered(_orders(request), state=state)
    return paged(rows, SHAPES["voucher_order"], ("-ordered_on", "-id"), page, page_size)


@subsidies.get(
    "/voucher-orders/{int:order_id}", response=_single("voucher_order"), summary="创新券订单"
)
def get_voucher_order(request: HttpRequest, order_id: int) -> Any:
    return SHAPES["voucher_order"].out(one(_orders(request), order_id))


# -- 技术市场 -----------------------------------------------------------------------------------

market = Router(tags=["技术市场 / technology market"])


def _catalogue(request: HttpRequest, model_name: str, *, listed: bool) -> QuerySet[Any]:
    from jiazhou_web.market import models
    from jiazhou_web.market.rules import published_catalogue

    user = user_with_any(request, "market.view")
    model = getattr(models, model_name)
    if listed:  # the library page: published rows
        return published_catalogue(model, user)
    return for_user(model.objects.all(), user)  # the detail page: also the holder's drafts


@market.get("/achievements", response=_page("achievement"), summary="科技成果库")
def list_achievements(
    request: HttpRequest,
    field: str | None = _code("高新技术领域 / tech field", 40),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    rows = filtered(_catalogue(request, "Achievement", listed=True), field=field)
    return paged(rows, SHAPES["achievement"], ("-created", "-id"), page, page_size)


@market.get(
    "/achievements/{int:achievement_id}", response=_single("achievement"), summary="科技成果"
)
def get_achievement(request: HttpRequest, achievement_id: int) -> Any:
    rows = _catalogue(request, "Achievement", listed=False).select_related("holder")
    return SHAPES["achievement"].out(one(rows, achievement_id))


@market.get("/demands", response=_page("demand"), summary="技术需求库")
def list_demands(
    request: HttpRequest,
    field: str | None = _code("高新技术领域 / tech field", 40),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    rows = filtered(_catalogue(request, "Demand", listed=True), field=field)
    return paged(rows, SHAPES["demand"], ("-created", "-id"), page, page_size)


@market.get("/demands/{int:demand_id}", response=_single("demand"), summary="技术需求")
def get_demand(request: HttpRequest, demand_id: int) -> Any:
    rows = _catalogue(request, "Demand", listed=False).select_related("enterprise")
    return SHAPES["demand"].out(one(rows, demand_id))


def _listings(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.market.rules import visible_listings

    user = user_with_any(request, "market.view")
    return visible_listings(user).select_related("demand__enterprise")


@market.get("/listings", response=_page("listing"), summary="揭榜挂帅榜单")
def list_listings(
    request: HttpRequest,
    state: str | None = _code("阶段 / stage", 20),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """The officers running 揭榜挂帅 (``market.review``) see every stage; others the published
    stages and their own firm's (``market.rules.visible_listings``). Budgets in 万元."""
    rows = filtered(_listings(request), state=state)
    return paged(rows, SHAPES["listing"], ("-created", "-id"), page, page_size)


@market.get("/listings/{int:listing_id}", response=_single("listing"), summary="揭榜挂帅榜单详情")
def get_listing(request: HttpRequest, listing_id: int) -> Any:
    return SHAPES["listing"].out(one(_listings(request), listing_id))


def _contracts(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.market.rules import contracts_for

    user = user_with_any(request, "market.contract.view")
    return contracts_for(user).select_related("registry")


@market.get("/tech-contracts", response=_page("contract"), summary="技术合同")
def list_tech_contracts(
    request: HttpRequest,
    state: str | None = _code("状态 / state", 20),
    seller: int | None = Enterprise,
    signed_year: int | None = Year,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """A seller's own, a registrar its registry's, a broker its deals, officers by the
    seller's scope (``market.rules.contracts_for``)."""
    rows = filtered(_contracts(request), state=state, seller_id=seller, signed_on__year=signed_year)
    return paged(rows, SHAPES["contract"], ("-signed_on", "-id"), page, page_size)


@market.get(
    "/tech-contracts/{int:contract_id}", response=_single("contract"), summary="技术合同详情"
)
def get_tech_contract(request: HttpRequest, contract_id: int) -> Any:
    return SHAPES["contract"].out(one(_contracts(request), contract_id))


# -- 产业链 · 考核 -------------------------------------------------------------------------------

chains = Router(tags=["产业链与考核 / chains and assessments"])


def _chains(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.chains.models import Chain, Segment

    user_with_any(request, "chains.view")
    return Chain.objects.prefetch_related(
        Prefetch("segments", queryset=Segment.objects.order_by("order", "id"))
    )


@chains.get("/chains", response=_page("chain"), summary="产业链（含环节）")
def list_chains(request: HttpRequest, page: int = PageNumber, page_size: int = PageSize) -> Any:
    """Reference data for every role with ``chains.view``: the chains and their segments."""
    return paged(_chains(request), SHAPES["chain"], ("code", "id"), page, page_size)


@chains.get("/chains/{code}", response=_single("chain"), summary="产业链")
def get_chain(request: HttpRequest, code: str) -> Any:
    found = _chains(request).filter(code=code[:40]).first()
    if found is None:
        raise Http404
    return SHAPES["chain"].out(found)


def _attachments(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.chains.visibility import visible_attachments

    user = user_with_any(request, "chains.view")
    return visible_attachments(user).select_related("segment__chain")


@chains.get("/chain-attachments", response=_page("attachment"), summary="挂链记录")
def list_chain_attachments(
    request: HttpRequest,
    chain: str | None = _code("产业链编码 / chain code"),
    segment: str | None = _code("环节编码 / segment code"),
    kind: str | None = _code("类别 / kind", 12),
    state: str | None = _code("confirmed / proposed", 10),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """Confirmed and proposed attachments; one naming an enterprise only when the token's scope
    holds it (as the chain pages name firms)."""
    rows = filtered(
        _attachments(request),
        segment__chain__code=chain,
        segment__code=segment,
        kind=kind,
        state=state,
    )
    return paged(rows, SHAPES["attachment"], ("segment_id", "kind", "label", "id"), page, page_size)


def _reports(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.assessments.visibility import visible_reports

    user = user_with_any(request, "assessments.view")
    return visible_reports(user).select_related("round")


@chains.get("/county-reports", response=_page("county_report"), summary="区县考核自评与得分")
def list_county_reports(
    request: HttpRequest,
    year: int | None = Year,
    state: str | None = _code("状态 / state", 20),
    region: str | None = Region,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """Published rounds for every viewer; before publication the city and the experts see all
    reports, a county (the zone) its own (``assessments.visibility.visible_reports``)."""
    rows = filtered(_reports(request), round__year=year, state=state)
    rows = in_region(rows, region, "region__code")
    return paged(
        rows,
        SHAPES["county_report"],
        ("-round__year", "rank", "region__code", "id"),
        page,
        page_size,
    )


@chains.get(
    "/county-reports/{int:report_id}", response=_single("county_report"), summary="区县考核报告"
)
def get_county_report(request: HttpRequest, report_id: int) -> Any:
    rows = _reports(request).select_related("region")
    return SHAPES["county_report"].out(one(rows, report_id))


# -- 科技项目 · 创新平台 · 人才 ---------------------------------------------------------------------

programmes = Router(tags=["科技项目、创新平台与人才 / projects, platforms and talent"])


def _projects(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.projects.visibility import visible_applications

    user = user_with_any(request, "projects.view", "projects.review")
    return visible_applications(user)


@programmes.get("/project-applications", response=_page("project"), summary="科技项目申报与立项")
def list_project_applications(
    request: HttpRequest,
    call: str | None = _code("指南代码 / call code"),
    state: str | None = _code("状态 / state", 20),
    enterprise: int | None = Enterprise,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """By scope; a firm its own; an expert only the applications drawn for him
    (``projects.visibility.visible_applications``)."""
    rows = filtered(_projects(request), call__code=call, state=state, enterprise_id=enterprise)
    return paged(rows, SHAPES["project"], ("-created", "-id"), page, page_size)


@programmes.get(
    "/project-applications/{int:application_id}",
    response=_single("project"),
    summary="科技项目申报详情",
)
def get_project_application(request: HttpRequest, application_id: int) -> Any:
    return SHAPES["project"].out(one(_projects(request), application_id))


def _external(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.projects.models import ExternalProject

    return for_user(ExternalProject.objects.all(), user_with_any(request, "projects.view"))


@programmes.get("/external-projects", response=_page("external_project"), summary="国家与省级项目")
def list_external_projects(
    request: HttpRequest,
    level: str | None = _code("级别 / level", 20),
    enterprise: int | None = Enterprise,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    rows = filtered(_external(request), level=level, enterprise_id=enterprise)
    return paged(rows, SHAPES["external_project"], ("-approved_on", "-id"), page, page_size)


@programmes.get(
    "/external-projects/{int:project_id}",
    response=_single("external_project"),
    summary="国家与省级项目详情",
)
def get_external_project(request: HttpRequest, project_id: int) -> Any:
    rows = _external(request).select_related("enterprise", "region")
    return SHAPES["external_project"].out(one(rows, project_id))


def _platforms(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.platforms.models import Platform

    return for_user(Platform.objects.all(), user_with_any(request, "platforms.view"))


@programmes.get("/platforms", response=_page("platform"), summary="创新平台")
def list_platforms(
    request: HttpRequest,
    kind: str | None = _code("类型 / kind", 30),
    level: str | None = _code("级别 / level", 12),
    status: str | None = _code("状态 / status", 12),
    region: str | None = Region,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    rows = filtered(_platforms(request), kind=kind, level=level, status=status)
    rows = in_region(rows, region, "region__code")
    return paged(rows, SHAPES["platform"], ("name", "id"), page, page_size)


@programmes.get(
    "/platforms/{int:platform_id}", response=_single("platform"), summary="创新平台详情"
)
def get_platform(request: HttpRequest, platform_id: int) -> Any:
    rows = _platforms(request).select_related("host_enterprise", "region")
    return SHAPES["platform"].out(one(rows, platform_id))


def _talents(request: HttpRequest) -> QuerySet[Any]:
    from jiazhou_web.talent.models import Talent

    user = user_with_any(request, "talent.view")
    return for_user(Talent.objects.select_related("programme"), user)


@programmes.get("/talents", response=_page("talent"), summary="人才（身份证号遮盖）")
def list_talents(
    request: HttpRequest,
    programme: str | None = _code("人才计划代码 / programme code"),
    year: int | None = Year,
    employer: int | None = Enterprise,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """Officers in scope, a firm its own staff; ID numbers masked (the full number is shown
    only on the page, to the programme officer, each look audited)."""
    rows = filtered(_talents(request), programme__code=programme, year=year, employer_id=employer)
    return paged(
        rows, SHAPES["talent"], ("programme__code", "-year", "name", "id"), page, page_size
    )


@programmes.get("/talents/{int:talent_id}", response=_single("talent"), summary="人才详情")
def get_talent(request: HttpRequest, talent_id: int) -> Any:
    rows = _talents(request).select_related("employer", "region")
    return SHAPES["talent"].out(one(rows, talent_id))


ROUTERS = (tickets, subsidies, market, chains, programmes)
