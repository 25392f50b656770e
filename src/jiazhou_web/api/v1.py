"""The open API, version 1 (``/api/v1/``): read endpoints scoped as the pages are, one bulk
write through the Excel import's validation and actions, the OpenAPI document and its docs page.

Every request bears a token (``Authorization: Bearer jz_…``) and acts as the token's one role
assignment: the section's ``view`` verb is asked with ``core.access.can`` (403 without it), and
rows are cut by ``for_user`` — the same queryset and the same scope as the list pages. An
object outside the scope is 404, never 403, so ids are not revealed. Lists are paginated with
a fixed largest page (``API_MAX_PAGE_SIZE``) and read with a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Router, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.params.functions import Header, Query
from ninja.security import HttpBearer

from jiazhou_web.api import idempotency, rate_limits, tokens
from jiazhou_web.api.schemas import (
    CertificateOut,
    EnterpriseOut,
    ErrorOut,
    FigureOut,
    FiguresIn,
    FiguresOut,
    IndicatorOut,
    ObservationOut,
    PageOut,
    PoolMembershipOut,
    ScoringResultOut,
    SupervisionItemOut,
)
from jiazhou_web.core import audit
from jiazhou_web.core.access import can, for_user
from jiazhou_web.core.names import choice_label

MAX_PAGE = 100_000  # beyond any real list; keeps OFFSET within every database's integer range
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 400: ErrorOut, 409: ErrorOut, 503: ErrorOut}


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the caller, or a 401 (429 over the rate limit)."""

    openapi_description = "个人或系统接口令牌（在「接口令牌」页面或用 manage.py api_token 创建）"

    def authenticate(self, request: HttpRequest, token: str) -> tokens.Caller:
        caller = tokens.authenticate(token)
        wait = rate_limits.retry_after(caller.token)
        if wait is not None:
            raise RateLimited(wait)
        return caller


api = NinjaAPI(
    title="嘉州开放接口 / Jiazhou open API",
    version="1",
    description=(
        "乐山科技创新治理平台的开放接口。每个请求携带接口令牌（Authorization: Bearer …），"
        "以令牌所绑定的一个角色的权限与数据范围执行。/ The platform's open API: each request "
        "acts with its token's one role and that role's data scope."
    ),
    urls_namespace="api-v1",
    auth=TokenAuth(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _error(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(tokens.TokenRejected)
def _token_rejected(request: HttpRequest, exc: tokens.TokenRejected) -> HttpResponse:
    response = _error(request, 401, str(exc))
    response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(AuthenticationError)
def _no_token(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(
        request,
        401,
        "缺少接口令牌：请在请求头中提供 Authorization: Bearer <令牌> / "
        "missing token: send Authorization: Bearer <token>",
    )
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = _error(
        request,
        429,
        f"请求过于频繁：每个令牌每 {settings.API_RATE_WINDOW_SECONDS} 秒最多 "
        f"{settings.API_RATE_LIMIT} 次，请 {exc.retry_after} 秒后再试 / too many requests: "
        f"retry after {exc.retry_after} s",
    )
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()))
        errors.append({"row": None, "messages": [f"「{where}」：{error.get('msg', '')}"]})
    return _error(request, 422, "请求参数无效 / invalid request", errors=errors)


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "无权执行此操作 / not permitted")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "对象不存在或不在您的数据范围内 / not found")


# ninja's own refusals, said in Chinese first
NINJA_MESSAGES = {"Cannot parse request body": "请求体不是有效的 JSON"}


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    zh = next((v for k, v in NINJA_MESSAGES.items() if message.startswith(k)), "")
    return _error(request, exc.status_code, f"{zh} / {message}" if zh else message)


def caller_of(request: HttpRequest) -> tokens.Caller:
    caller: tokens.Caller = request.auth  # type: ignore[attr-defined]
    return caller


def channel_of(token: Any) -> str:
    """How an audit row names the token a write came through (``core.audit.via``)."""
    return f"开放接口 · 令牌「{token.name}」（{token.prefix}）"


def user_of(request: HttpRequest, verb: str | None) -> Any:
    """The token's user (narrowed to its role), after the section's verb is checked.

    A NUL character anywhere in the request is refused first: PostgreSQL cannot store or
    compare it, so it would otherwise end as a database error."""
    values = [request.path, *(v for _, vs in request.GET.lists() for v in vs)]
    if any("\x00" in v for v in values) or b"\\u0000" in request.body:
        raise HttpError(422, "请求中含有空字符（NUL） / the request contains a NUL character")
    user = caller_of(request).user
    if verb is not None and not can(user, verb):
        raise PermissionDenied(f"无权执行此操作（{verb}）/ not permitted: {verb}")
    return user


def page_of(
    rows: QuerySet[Any],
    page: int,
    page_size: int,
    shape: Callable[[list[Any]], Iterable[dict[str, Any]]],
) -> dict[str, Any]:
    """One page of ``rows`` (two queries: the count and the page), each row shaped."""
    if not rows.ordered:
        rows = rows.order_by("-pk")
    size = min(page_size, settings.API_MAX_PAGE_SIZE)
    count = rows.count()
    chunk = list(rows[(page - 1) * size : page * size])
    return {"count": count, "page": page, "page_size": size, "results": list(shape(chunk))}


def each(function: Callable[[Any], dict[str, Any]]) -> Callable[[list[Any]], list[dict[str, Any]]]:
    return lambda chunk: [function(row) for row in chunk]


PageNumber = Query(1, ge=1, le=MAX_PAGE, description="页码 / page, from 1")
PageSize = Query(
    50,
    ge=1,
    le=settings.API_MAX_PAGE_SIZE,
    description=f"每页条数（最多 {settings.API_MAX_PAGE_SIZE}）/ rows per page "
    f"(at most {settings.API_MAX_PAGE_SIZE})",
)


# -- enterprises (一企一档) ---------------------------------------------------------------------

enterprises = Router(tags=["企业 / enterprises"])


def _region(region: Any) -> dict[str, str] | None:
    return None if region is None else {"code": region.code, "name": region.name}


def enterprise_out(e: Any) -> dict[str, Any]:
    return {
        "id": e.pk,
        "uscc": e.uscc,
        "name": e.name,
        "region": _region(e.region),
        "zone": _region(e.zone),
        "industry_code": e.industry.code,
        "industry_name": e.industry.name,
        "size_class": e.size_class,
        "tech_field": e.tech_field,
        "registration_date": e.registration_date,
        "synthetic": e.synthetic,
    }


def _enterprises(user: Any) -> QuerySet[Any]:
    from jiazhou_web.enterprises.models import Enterprise

    rows: QuerySet[Any] = Enterprise.objects.select_related("region", "zone", "industry")
    return for_user(rows, user)


@enterprises.get(
    "/enterprises", response={200: PageOut[EnterpriseOut], **ERRORS}, summary="企业列表"
)
def list_enterprises(
    request: HttpRequest,
    region: str | None = Query(
        None, max_length=20, description="区县或功能区代码（含下级）/ region code"
    ),
    uscc: str | None = Query(None, max_length=40, description="统一社会信用代码 / USCC"),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """The enterprises of the register the token's role sees (as the register page)."""
    from jiazhou_web.regions.models import Region

    rows = _enterprises(user_of(request, "enterprise.view"))
    if region:
        codes = Region.objects.subtree_codes(region.strip())
        rows = rows.filter(Q(region__code__in=codes) | Q(zone__code__in=codes))
    if uscc:
        rows = rows.filter(uscc=uscc.strip().upper())
    return page_of(rows.order_by("name", "pk"), page, page_size, each(enterprise_out))


@enterprises.get(
    "/enterprises/{int:enterprise_id}", response={200: EnterpriseOut, **ERRORS}, summary="企业"
)
def get_enterprise(request: HttpRequest, enterprise_id: int) -> Any:
    return enterprise_out(
        _visible(_enterprises(user_of(request, "enterprise.view")), enterprise_id)
    )


def _visible(rows: QuerySet[Any], pk: int) -> Any:
    found = rows.filter(pk=pk).first() if 0 < pk <= 2**63 - 1 else None
    if found is None:
        raise Http404
    return found


def figure_out(f: Any) -> dict[str, Any]:
    from jiazhou_web.enterprises.figures import UNIT_LABELS, annual_field_map

    spec = annual_field_map().get(f.field)
    return {
        "fiscal_year": f.fiscal_year,
        "field": f.field,
        "label": spec.name_zh if spec else f.field,
        "unit": UNIT_LABELS.get(spec.unit, spec.unit) if spec else "",
        "value": None if f.value is None else str(f.value.normalize()),
        "text_value": f.text_value,
        "source": f.source,
        "as_of": f.as_of,
    }


@enterprises.get(
    "/enterprises/{int:enterprise_id}/figures",
    response={200: PageOut[FigureOut], **ERRORS},
    summary="企业年度数据",
)
def list_figures(
    request: HttpRequest,
    enterprise_id: int,
    fiscal_year: int | None = Query(None, ge=1900, le=2200),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """The annual figures of one enterprise (money in 元, ratios as decimals)."""
    from jiazhou_web.enterprises.models import EnterpriseFigure

    user = user_of(request, "enterprise.view")
    enterprise = _visible(_enterprises(user), enterprise_id)
    rows = EnterpriseFigure.objects.filter(enterprise=enterprise)
    if fiscal_year is not None:
        rows = rows.filter(fiscal_year=fiscal_year)
    return page_of(rows.order_by("fiscal_year", "field"), page, page_size, each(figure_out))


def certificate_out(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "enterprise_id": c.enterprise_id,
        "enterprise_uscc": c.enterprise.uscc,
        "enterprise_name": c.enterprise.name,
        "programme": c.programme,
        "programme_label": choice_label(c, "programme"),
        "number": c.number,
        "issuer": c.issuer,
        "valid_from": c.valid_from,
        "valid_to": c.valid_to,
        "revoked_on": c.revoked_on,
        "synthetic": c.synthetic,
    }


@enterprises.get(
    "/certificates", response={200: PageOut[CertificateOut], **ERRORS}, summary="资质证书"
)
def list_certificates(
    request: HttpRequest,
    programme: str | None = Query(None, max_length=20, description="如 hnte / tech_sme"),
    enterprise: int | None = Query(None, ge=1, le=2**63 - 1, description="企业 id"),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """Certificates (高企、科小 …) of the enterprises the token's role sees."""
    from jiazhou_web.enterprises.models import Certificate

    user = user_of(request, "enterprise.view")
    rows = for_user(Certificate.objects.select_related("enterprise"), user)
    if programme:
        rows = rows.filter(programme=programme)
    if enterprise is not None:
        rows = rows.filter(enterprise_id=enterprise)
    return page_of(rows.order_by("-valid_from", "pk"), page, page_size, each(certificate_out))


# -- indicators and observations (指标监测) ----------------------------------------------------

monitoring = Router(tags=["指标监测 / monitoring"])


def indicator_out(i: Any) -> dict[str, Any]:
    return {
        "code": i.code,
        "name": i.name,
        "name_en": i.name_en,
        "unit": i.unit,
        "direction": i.direction,
        "kind": i.kind,
        "frequency": i.frequency,
        "definition": i.definition,
        "responsible_department": str(i.responsible_department)
        if i.responsible_department
        else None,
    }


def _indicators(user: Any) -> QuerySet[Any]:
    from jiazhou_web.monitoring.models import Indicator

    return for_user(Indicator.objects.select_related("responsible_department"), user)


@monitoring.get("/indicators", response={200: PageOut[IndicatorOut], **ERRORS}, summary="指标目录")
def list_indicators(request: HttpRequest, page: int = PageNumber, page_size: int = PageSize) -> Any:
    """The indicator catalogue (口径, unit, direction): reference data every role sees."""
    rows = _indicators(user_of(request, None))
    return page_of(rows.order_by("position", "code"), page, page_size, each(indicator_out))


@monitoring.get("/indicators/{code}", response={200: IndicatorOut, **ERRORS}, summary="指标")
def get_indicator(request: HttpRequest, code: str) -> Any:
    found = _indicators(user_of(request, None)).filter(code=code[:60]).first()
    if found is None:
        raise Http404
    return indicator_out(found)


def observation_out(o: Any) -> dict[str, Any]:
    return {
        "id": o.pk,
        "indicator": o.indicator.code,
        "region": _region(o.region),
        "period": o.period,
        "value": str(o.value.normalize()),
        "qualifier": o.qualifier,
        "unit": o.unit,
        "yoy_growth_pct": None if o.yoy_growth_pct is None else str(o.yoy_growth_pct),
        "source_file": o.source_file,
        "reported_on": o.reported_on,
        "synthetic": o.synthetic,
    }


@monitoring.get(
    "/observations", response={200: PageOut[ObservationOut], **ERRORS}, summary="指标数值"
)
def list_observations(
    request: HttpRequest,
    indicator: str | None = Query(None, max_length=60, description="指标代码"),
    region: str | None = Query(None, max_length=20, description="区域代码"),
    period: str | None = Query(None, max_length=40, description="期别，如 2025"),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """Approved values only (published figures and approved batches; never drafts)."""
    from jiazhou_web.monitoring.models import Observation

    user = user_of(request, "monitoring.view")
    rows = for_user(Observation.objects.approved().select_related("indicator", "region"), user)
    if indicator:
        rows = rows.filter(indicator__code=indicator)
    if region:
        rows = rows.filter(region__code=region)
    if period:
        rows = rows.filter(period=period)
    return page_of(rows.order_by("pk"), page, page_size, each(observation_out))


# -- scoring results and pools (资质测评 · 培育库) ---------------------------------------------

qualification = Router(tags=["资质测评与培育库 / scoring and pools"])


def _enterprise_ref(e: Any) -> dict[str, Any]:
    return {"id": e.pk, "uscc": e.uscc, "name": e.name}


def scoring_out(u: Any) -> dict[str, Any]:
    meta = u.run.criterion_meta()
    return {
        "id": u.pk,
        "run_id": u.run_id,
        "scheme_code": u.run.scheme_code,
        "scheme_version": u.run.scheme_version,
        "scheme_document": u.run.scheme_document,
        "enterprise": _enterprise_ref(u.enterprise),
        "programme": u.programme,
        "eval_year": u.eval_year,
        "status": u.status,
        "status_label": choice_label(u, "status"),
        "total": u.total,
        "total_min": u.total_min,
        "total_max": u.total_max,
        "grade": u.grade,
        "rank": u.rank,
        "n_unmet": u.n_unmet,
        "n_unknown": u.n_unknown,
        "n_review": u.n_review,
        "current": u.current,
        "criteria": [
            {
                "criterion": c.criterion,
                "kind": c.kind,
                "label": meta.get(c.criterion, {}).get("label_zh", c.criterion),
                "cite": meta.get(c.criterion, {}).get("cite", ""),
                "status": c.status,
                "status_label": choice_label(c, "status"),
                "value": c.value,
                "requirement": c.requirement,
                "gap": c.gap,
                "points_min": c.points_min,
                "points_max": c.points_max,
            }
            for c in u.criteria_in_order
        ],
    }


def _results(user: Any) -> QuerySet[Any]:
    from jiazhou_web.scoring.models import CriterionResult, UnitResult

    rows = UnitResult.objects.select_related("run", "enterprise").prefetch_related(
        # to_attr: a plain list, not a related manager that builds a filtered queryset per row
        Prefetch(
            "criteria",
            queryset=CriterionResult.objects.order_by("id"),
            to_attr="criteria_in_order",
        )
    )
    return for_user(rows, user)


@qualification.get(
    "/scoring-results",
    response={200: PageOut[ScoringResultOut], **ERRORS},
    summary="资质测评结果（含逐项说明）",
)
def list_scoring_results(
    request: HttpRequest,
    programme: str | None = Query(None, max_length=20),
    eval_year: int | None = Query(None, ge=1900, le=2200),
    enterprise: int | None = Query(None, ge=1, le=2**63 - 1),
    current: bool | None = Query(None, description="只看当前结果 / current results only"),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    """Each result lists every gate, route and item with its value, requirement, gap and
    points — the explanation the 一企一策 page shows."""
    rows = _results(user_of(request, "scoring.view"))
    if programme:
        rows = rows.filter(programme=programme)
    if eval_year is not None:
        rows = rows.filter(eval_year=eval_year)
    if enterprise is not None:
        rows = rows.filter(enterprise_id=enterprise)
    if current is not None:
        rows = rows.filter(current=current)
    return page_of(rows.order_by("-run_id", "pk"), page, page_size, each(scoring_out))


@qualification.get(
    "/scoring-results/{int:result_id}",
    response={200: ScoringResultOut, **ERRORS},
    summary="资质测评结果",
)
def get_scoring_result(request: HttpRequest, result_id: int) -> Any:
    return scoring_out(_visible(_results(user_of(request, "scoring.view")), result_id))


def membership_out(m: Any) -> dict[str, Any]:
    return {
        "id": m.pk,
        "enterprise": _enterprise_ref(m.enterprise),
        "programme": m.programme,
        "programme_label": choice_label(m, "programme"),
        "status": m.status,
        "status_label": choice_label(m, "status"),
        "started_on": m.started_on,
        "ended_on": m.ended_on,
        "certificate_number": m.certificate_number,
        "valid_from": m.valid_from,
        "valid_to": m.valid_to,
        "result_id": m.result_id,
        "reason": m.reason,
    }


@qualification.get(
    "/pool-memberships",
    response={200: PageOut[PoolMembershipOut], **ERRORS},
    summary="培育库成员",
)
def list_pool_memberships(
    request: HttpRequest,
    programme: str | None = Query(None, max_length=20),
    status: str | None = Query(None, max_length=10),
    current: bool | None = Query(None, description="只看未结束的 / open memberships only"),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    from jiazhou_web.pools.models import PoolMembership

    user = user_of(request, "pools.view")
    rows = for_user(PoolMembership.objects.select_related("enterprise"), user)
    if programme:
        rows = rows.filter(programme=programme)
    if status:
        rows = rows.filter(status=status)
    if current is not None:
        rows = rows.filter(ended_on__isnull=current)
    return page_of(rows.order_by("pk"), page, page_size, each(membership_out))


# -- supervision (三清单督办) --------------------------------------------------------------------

supervision = Router(tags=["三清单督办 / supervision"])


def _items(user: Any) -> QuerySet[Any]:
    from jiazhou_web.supervision.models import TaskItem

    return for_user(TaskItem.objects.select_related("task_list", "lead_unit", "region"), user)


def items_out(items: list[Any]) -> list[dict[str, Any]]:
    """Items with their lights, read at once (one milestone query, one engine call)."""
    from jiazhou_web.supervision.lights import LightLabel, lights_for
    from jiazhou_web.supervision.working_calendar import current_calendar

    readings = lights_for(items, timezone.now(), current_calendar()) if items else {}
    rows = []
    for i in items:
        r = readings[i.pk]
        rows.append(
            {
                "id": i.pk,
                "list_code": i.task_list.code,
                "list_title": i.task_list.title,
                "code": i.code,
                "title": i.title,
                "lead_unit": i.lead_unit.name,
                "region": i.region.code if i.region else None,
                "stage": i.stage,
                "stage_label": choice_label(i, "stage"),
                "start_date": i.start_date,
                "deadline": i.deadline,
                "original_deadline": i.original_deadline,
                "percent_done": i.percent_done,
                "light": {
                    "light": str(r.light.value),
                    "label": str(LightLabel.of(r)),
                    "elapsed_pct": r.elapsed_pct,
                    "percent_done": r.percent_done,
                    "working_days_left": r.working_days_left,
                    "note": r.note,
                    "provisional": r.provisional,
                },
                "synthetic": i.synthetic,
            }
        )
    return rows


@supervision.get(
    "/supervision-items",
    response={200: PageOut[SupervisionItemOut], **ERRORS},
    summary="督办事项（含状态灯）",
)
def list_supervision_items(
    request: HttpRequest,
    list_code: str | None = Query(None, max_length=40, description="清单代码"),
    stage: str | None = Query(None, max_length=24),
    page: int = PageNumber,
    page_size: int = PageSize,
) -> Any:
    rows = _items(user_of(request, "supervision.view"))
    if list_code:
        rows = rows.filter(task_list__code=list_code)
    if stage:
        rows = rows.filter(stage=stage)
    return page_of(rows.order_by("deadline", "pk"), page, page_size, items_out)


@supervision.get(
    "/supervision-items/{int:item_id}",
    response={200: SupervisionItemOut, **ERRORS},
    summary="督办事项",
)
def get_supervision_item(request: HttpRequest, item_id: int) -> Any:
    item = _visible(_items(user_of(request, "supervision.view")), item_id)
    return items_out([item])[0]


# -- the bulk write: annual figures (企业年度数据) ------------------------------------------------

writes = Router(tags=["写入 / writes"])


@writes.post(
    "/enterprise-figures",
    response={200: FiguresOut, **WRITE_ERRORS},
    summary="批量写入企业年度数据",
)
def post_figures(
    request: HttpRequest,
    payload: FiguresIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        min_length=1,
        max_length=100,
        description="同一键与同一请求体重复提交时返回第一次的结果 / replays the first answer",
    ),
) -> Any:
    """Enterprises' annual figures through the Excel import's validation and actions: every
    row valid and all stored, or nothing stored and each row's errors returned (422), in the
    import's wording. One audit row per enterprise, naming the token."""
    from jiazhou_web.api.figures import write_figures

    caller = caller_of(request)
    user = user_of(request, "enterprise.import")
    rows = [row.model_dump() for row in payload.rows]

    def write() -> idempotency.Answer:
        with audit.via(channel_of(caller.token)):
            return write_figures(rows, user=user, token=caller.token)

    if idempotency_key is None:
        status, body = write()
    else:
        status, body = idempotency.answer_once(caller.token, idempotency_key, rows, write)
    return Status(status, body)


api.add_router("", enterprises)
api.add_router("", monitoring)
api.add_router("", qualification)
api.add_router("", supervision)
api.add_router("", writes)


_mounted: list[bool] = []


def mount_later_capabilities() -> None:
    """Add the routers of ``services`` (the later capabilities' records) and ``feeds`` (the
    bulk data feeds) once. They import the helpers above, so they are added here, when the
    URLs are built, rather than at the top of this module."""
    if _mounted:
        return
    from jiazhou_web.api import feeds, services

    for router in (*services.ROUTERS, feeds.router):
        api.add_router("", router)
    _mounted.append(True)


def urlpatterns() -> tuple[list[Any], str, str]:
    """``api.urls`` with every view exempt from the login redirect: the API answers 401 in
    JSON itself, and its OpenAPI document and docs page describe no data (they are public)."""
    from django.contrib.auth.decorators import login_not_required
    from django.urls import path

    mount_later_capabilities()
    patterns, app_name, namespace = api.urls
    patterns = [*patterns, path("<path:rest>", no_such_endpoint, name="no_such_endpoint")]
    for pattern in patterns:
        if pattern.callback is not None:
            login_not_required(pattern.callback)
    return patterns, app_name, namespace


def no_such_endpoint(request: HttpRequest, rest: str) -> HttpResponse:
    """Any other path under /api/v1/ (or an id that is not a number): JSON 404, not the page."""
    from django.http import JsonResponse

    return JsonResponse(
        {"detail": "没有这个接口或对象 / no such endpoint or object", "errors": []},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
