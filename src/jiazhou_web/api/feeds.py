"""The bulk data feeds (issue 21): systems around the platform push rows instead of a person
uploading a workbook — 税务局 R&D 加计扣除, 市场监管 registrations, indicator values.

Each feed turns its JSON rows into the rows of the matching Excel import and runs that
importer's ``run_rows`` — the same columns, cell parsers, row checks (``jiazhou.validation``),
scope checks and action — so a feed is all or nothing and its errors are the import's,
numbered by item (第1行 is the first item of ``rows``), naming the field and the rule, Chinese
first then English. A write needs the verb its import page needs; ``Idempotency-Key`` replays
the first answer; every audit row written names the token (``core.audit.via``); the rate limit
counts the call like any other.

The indicator values do not become figures directly: they fill a 填报批次 of the token's
reporting unit and (by default) submit it to the city's review — the reporting workflow of the
pages, never an approval.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.params.functions import Header

from jiazhou_web.api import idempotency
from jiazhou_web.api.schemas import CellValue, Out
from jiazhou_web.api.v1 import WRITE_ERRORS, caller_of, channel_of, user_of
from jiazhou_web.core import audit
from jiazhou_web.core.imports import Importer, ImportOutcome

router = Router(tags=["数据推送 / feeds"])

IdempotencyKey = Header(
    None,
    alias="Idempotency-Key",
    min_length=1,
    max_length=100,
    description="同一键与同一请求体重复提交时返回第一次的结果 / replays the first answer",
)


# -- request and answer shapes --------------------------------------------------------------------


class TaxRdRowIn(Schema):
    """One taxpayer × 所属年度 of the 税务局's 研发费用加计扣除 data."""

    uscc: str = Field(max_length=40, description="纳税人识别号（统一社会信用代码）")
    name: str | None = Field(None, max_length=200, description="纳税人名称")
    fiscal_year: int | str = Field(description="所属年度，如 2024")
    rd_expense: CellValue = Field(
        description="允许加计扣除的研发费用（元；「300万」等写明单位的也可）"
    )


class TaxRdIn(Schema):
    rows: list[TaxRdRowIn] = Field(min_length=1)


class RegistrationRowIn(Schema):
    """One enterprise as 市场监管 registers it (the register's identity columns)."""

    uscc: str = Field(max_length=40, description="统一社会信用代码")
    name: str = Field(max_length=200, description="企业名称")
    registration_date: str | None = Field(None, description="成立日期 YYYY-MM-DD")
    region_code: str = Field(max_length=20, description="所在区县代码或名称，如 511112")
    in_zone: bool | str | None = Field(None, description="位于高新区（是/否）")
    industry_code: str = Field(max_length=10, description="国民经济行业代码，如 C3985")
    tech_field: str | None = Field(None, max_length=40, description="高新技术领域")
    size_class: str | None = Field(None, max_length=10, description="企业规模")


class RegistrationsIn(Schema):
    rows: list[RegistrationRowIn] = Field(min_length=1)


class ObservationRowIn(Schema):
    indicator: str = Field(max_length=120, description="指标代码或名称")
    value: CellValue = Field(description="按指标单位的数值")
    unit: str | None = Field(None, max_length=20, description="留空即取指标单位")
    qualifier: str | None = Field(None, max_length=20, description="「余」表示“N余”")
    yoy_growth_pct: CellValue = Field(None, description="同比增长%")
    explanation: str | None = Field(None, max_length=2000, description="有预警时必填")


class ObservationReportIn(Schema):
    """The values of one 填报单位 for one period."""

    period: str = Field(max_length=40, description="期别，如 2025、2025-06、2025-01..2025-06")
    region: str | None = Field(
        None, max_length=20, description="填报区县/高新区代码（令牌只有一个填报单位时可省略）"
    )
    department: str | None = Field(
        None, max_length=40, description="责任单位代码（责任单位报送时）"
    )
    submit: bool = Field(True, description="写入后提交市级审核（默认）；false 只保存为草稿")
    rows: list[ObservationRowIn] = Field(min_length=1)


class FeedOut(Out):
    rows: int = Field(description="收到的行数 / rows received")
    stored: int = Field(description="写入的行数 / rows stored")


class ObservationReportOut(FeedOut):
    submission_id: int = Field(description="填报批次 id")
    status: str
    status_label: str
    warnings: list[str] = Field(description="预警（已随值保存并说明）/ warnings, explained")


# -- the common path: a verb, the key, the token named in every audit row -------------------------


def _feed(
    request: HttpRequest,
    verb: str,
    payload: Any,
    key: str | None,
    write: Callable[[Any, str], idempotency.Answer],
) -> Any:
    caller = caller_of(request)
    user = user_of(request, verb)
    channel = channel_of(caller.token)
    body = payload.model_dump(mode="json")

    def run() -> idempotency.Answer:
        limit = settings.IMPORT_MAX_ROWS
        if len(payload.rows) > limit:
            return 422, {
                "detail": f"一次最多 {limit} 行，收到 {len(payload.rows)} 行 / at most "
                f"{limit} rows per request",
                "errors": [],
            }
        with audit.via(channel):
            return write(user, channel)

    if key is None:
        status, answer = run()
    else:
        status, answer = idempotency.answer_once(caller.token, key, body, run)
    return Status(status, answer)


def _table(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> tuple[list[str], list[list[Any]]]:
    """JSON items → the import's header (column keys) and rows (booleans as 是/否)."""
    body = []
    for row in rows:
        cells = []
        for k in keys:
            value = row.get(k)
            cells.append(("是" if value else "否") if isinstance(value, bool) else value)
        body.append(cells)
    return list(keys), body


def _answer(outcome: ImportOutcome) -> idempotency.Answer:
    """The importer's outcome as the API's answer: 200, or 422 with each row's errors."""
    if outcome.rejected:
        return outcome.status, {"detail": outcome.rejected, "errors": []}
    if outcome.errors:
        return 422, {
            "detail": (
                f"共 {outcome.total_rows} 行，其中 {outcome.failed_rows} 行有错误，未写入任何数据 / "
                f"{outcome.failed_rows} of {outcome.total_rows} rows have errors; nothing was stored"
            ),
            "errors": [
                {"row": idx + 1, "messages": messages}
                for idx, messages in sorted(outcome.errors.items())
            ],
        }
    return 200, {"rows": outcome.total_rows, "stored": outcome.stored}


def _import(
    importer: Importer, rows: list[dict[str, Any]], keys: tuple[str, ...], user: Any
) -> Any:
    header, body = _table(rows, keys)
    return importer.run_rows(header, body, actor=user, first_row=1, annotate=False)


# -- 税务 R&D 加计扣除 ----------------------------------------------------------------------------


@router.post(
    "/feeds/tax-rd-deductions",
    response={200: FeedOut, **WRITE_ERRORS},
    summary="税务局研发费用加计扣除数据推送",
)
def post_tax_rd_deductions(
    request: HttpRequest, payload: TaxRdIn, idempotency_key: str | None = IdempotencyKey
) -> Any:
    """Each row sets the firm's 研发费用（加计扣除口径） of that year (``RdDeductionImporter``:
    firms already in the register and within the token's scope; years already ended). Who may
    import the tax bureau's files on the pages (``evaluations.import``) may call it."""
    from jiazhou_web.evaluations.imports import RdDeductionImporter

    keys = ("uscc", "name", "fiscal_year", "rd_expense")

    def write(user: Any, channel: str) -> idempotency.Answer:
        rows = [r.model_dump() for r in payload.rows]
        return _answer(_import(RdDeductionImporter(), rows, keys, user))

    return _feed(request, "evaluations.import", payload, idempotency_key, write)


# -- 市场监管 registrations --------------------------------------------------------------------------


@router.post(
    "/feeds/enterprise-registrations",
    response={200: FeedOut, **WRITE_ERRORS},
    summary="市场监管企业登记信息推送",
)
def post_enterprise_registrations(
    request: HttpRequest, payload: RegistrationsIn, idempotency_key: str | None = IdempotencyKey
) -> Any:
    """New enterprises are created, registered ones updated (``RegistrationImporter``: the
    register import's identity columns and checks; only within the token's scope). Who may
    import the register on the pages (``enterprise.import``) may call it."""
    from jiazhou_web.enterprises.imports import RegistrationImporter

    keys = (
        "uscc",
        "name",
        "registration_date",
        "region_code",
        "in_zone",
        "industry_code",
        "tech_field",
        "size_class",
    )

    def write(user: Any, channel: str) -> idempotency.Answer:
        rows = [r.model_dump() for r in payload.rows]
        return _answer(_import(RegistrationImporter(note=channel), rows, keys, user))

    return _feed(request, "enterprise.import", payload, idempotency_key, write)


# -- indicator values → a 填报批次 ------------------------------------------------------------------


@router.post(
    "/feeds/observation-reports",
    response={200: ObservationReportOut, **WRITE_ERRORS},
    summary="指标数值报送（进入填报批次与市级审核）",
)
def post_observation_reports(
    request: HttpRequest,
    payload: ObservationReportIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """The values go into the reporting unit's batch of the period (opened if there is none;
    a batch already submitted or approved is refused), through the Excel import's two-grade
    validation (``ObservationImporter``), then the batch is submitted to the city's review —
    which needs every warning explained. Any error: nothing is kept, not even a new batch.
    Who may report on the pages (``monitoring.report``) may call it."""

    def write(user: Any, channel: str) -> idempotency.Answer:
        return _report(user, payload)

    return _feed(request, "monitoring.report", payload, idempotency_key, write)


def _refused(detail: str) -> idempotency.Answer:
    return 422, {"detail": detail, "errors": []}


def _report(user: Any, payload: ObservationReportIn) -> idempotency.Answer:
    from jiazhou_web.monitoring import actions
    from jiazhou_web.monitoring.imports import ObservationImporter
    from jiazhou_web.monitoring.models import Submission
    from jiazhou_web.monitoring.reporting import reporting_units

    units = reporting_units(user)
    if payload.department:
        units = [
            u for u in units if u.department is not None and u.department.code == payload.department
        ]
    elif payload.region:
        units = [u for u in units if u.department is None and u.region.code == payload.region]
    if len(units) != 1:
        return _refused(
            "「region/department」：请指明本令牌可报送的一个填报单位 / name one reporting unit "
            "of this token"
            if units
            else "「region/department」：不是本令牌可报送的填报单位 / not a reporting unit of "
            "this token"
        )
    unit = units[0]
    keys = ("indicator", "value", "unit", "qualifier", "yoy_growth_pct", "explanation")
    rows = [r.model_dump() for r in payload.rows]
    with transaction.atomic():  # a savepoint: an error below leaves not even a new batch
        same = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("region", "department")
            .filter(period=payload.period)
        )
        same = (
            same.filter(department=unit.department)
            if unit.department is not None
            else same.filter(region=unit.region, department__isnull=True)
        )
        batch = same.first()
        try:
            if batch is None:
                batch = actions.open_submission(
                    unit.region, payload.period, department=unit.department, actor=user
                )
        except ValidationError as exc:
            transaction.set_rollback(True)
            return _refused("；".join(exc.messages))
        if not batch.editable:
            refused = _refused(
                f"「period」：{batch.unit_label} {batch.period} 的填报批次已"
                f"{batch.get_status_display()}，不能再写入 / the batch of this period is no "
                "longer editable"
            )
            transaction.set_rollback(True)
            return refused
        importer = ObservationImporter.bound_to(batch)()
        status, answer = _answer(_import(importer, rows, keys, user))
        if status != 200:
            transaction.set_rollback(True)
            return status, answer
        warnings = [m for _, ms in sorted(importer.warnings.items()) for m in ms]
        if payload.submit:
            try:
                actions.submit_submission(batch, actor=user)
            except ValidationError as exc:
                transaction.set_rollback(True)
                return 422, {
                    "detail": "；".join(exc.messages) + "；未写入任何数据 / nothing was stored",
                    "errors": [
                        {"row": row_no, "messages": messages}
                        for row_no, messages in sorted(importer.warnings.items())
                    ],
                }
        batch.refresh_from_db()
        return 200, {
            **answer,
            "submission_id": batch.pk,
            "status": batch.status,
            "status_label": str(batch.get_status_display()),
            "warnings": warnings,
        }
