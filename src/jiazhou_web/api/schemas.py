"""The shapes of the open API's answers and of its bulk write (OpenAPI components).

Money and other exact quantities are decimal strings (never binary floats); dates are ISO
8601; instants carry the +08:00 offset (Asia/Shanghai). ``*_label`` fields are the Chinese
names of coded values.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

T = TypeVar("T")

CellValue = str | int | float | bool | None


class Out(BaseModel):
    """Base of every answer the API sends: plain pydantic, validated from the dicts the
    endpoints shape. ninja's ``Schema`` would wrap each nested object in a ``DjangoGetter``
    first, which was ~40 % of a 200-result page (profile in docs/adr/0025)."""

    model_config = ConfigDict(from_attributes=True)


class RowErrorOut(Out):
    row: int | None = Field(None, description="第几条（从 1 起）/ item number, from 1")
    messages: list[str]


class ErrorOut(Out):
    """Every refusal: a Chinese-first message, and per row or per field details when any."""

    detail: str
    errors: list[RowErrorOut] = Field(default_factory=list)


class PageOut(Out, Generic[T]):
    count: int = Field(description="符合条件的总条数 / rows matching the filters")
    page: int
    page_size: int
    results: list[T]


class RegionRef(Out):
    code: str
    name: str


class EnterpriseOut(Out):
    id: int
    uscc: str
    name: str
    region: RegionRef
    zone: RegionRef | None
    industry_code: str
    industry_name: str
    size_class: str
    tech_field: str
    registration_date: dt.date | None
    synthetic: bool = Field(description="模拟数据 / synthetic demo record")


class FigureOut(Out):
    fiscal_year: int
    field: str
    label: str
    unit: str
    value: str | None
    text_value: str
    source: str
    as_of: dt.date


class CertificateOut(Out):
    id: int
    enterprise_id: int
    enterprise_uscc: str
    enterprise_name: str
    programme: str
    programme_label: str
    number: str
    issuer: str
    valid_from: dt.date
    valid_to: dt.date | None
    revoked_on: dt.date | None
    synthetic: bool


class IndicatorOut(Out):
    code: str
    name: str
    name_en: str
    unit: str
    direction: str
    kind: str
    frequency: str
    definition: str
    responsible_department: str | None


class ObservationOut(Out):
    id: int
    indicator: str
    region: RegionRef
    period: str
    value: str
    qualifier: str
    unit: str
    yoy_growth_pct: str | None
    source_file: str
    reported_on: dt.date | None
    synthetic: bool


class CriterionOut(Out):
    criterion: str
    kind: str
    label: str
    cite: str
    status: str
    status_label: str
    value: float | None
    requirement: float | None
    gap: float | None
    points_min: float | None
    points_max: float | None


class EnterpriseRef(Out):
    id: int
    uscc: str
    name: str


class ScoringResultOut(Out):
    id: int
    run_id: int
    scheme_code: str
    scheme_version: str
    scheme_document: str
    enterprise: EnterpriseRef
    programme: str
    eval_year: int
    status: str
    status_label: str
    total: float | None
    total_min: float | None
    total_max: float | None
    grade: str
    rank: int | None
    n_unmet: int
    n_unknown: int
    n_review: int
    current: bool
    criteria: list[CriterionOut] = Field(
        description="每个门槛、路径与评分项（值、要求、差距、得分、状态）/ every gate, route and item"
    )


class PoolMembershipOut(Out):
    id: int
    enterprise: EnterpriseRef
    programme: str
    programme_label: str
    status: str
    status_label: str
    started_on: dt.date
    ended_on: dt.date | None
    certificate_number: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    result_id: int | None
    reason: str


class LightOut(Out):
    light: str = Field(description="green/blue/yellow/red/done/pending/unknown")
    label: str
    elapsed_pct: float | None
    percent_done: int
    working_days_left: int | None
    note: str
    provisional: bool


class SupervisionItemOut(Out):
    id: int
    list_code: str
    list_title: str
    code: str
    title: str
    lead_unit: str
    region: str | None
    stage: str
    stage_label: str
    start_date: dt.date
    deadline: dt.date
    original_deadline: dt.date
    percent_done: int
    light: LightOut
    synthetic: bool


class FigureRowIn(Schema):
    """One enterprise × fiscal year, as one row of the Excel import (the same column keys).

    Identity fields may be left out for an enterprise already on file in the token's scope:
    they are then taken from its record. ``figures`` maps annual field codes (see
    ``jiazhou/fields.toml``, e.g. ``revenue``) to values read exactly as import cells
    (``3000万`` and ``1.2亿`` state their unit; plain numbers are 元)."""

    uscc: str = Field(max_length=40)
    fiscal_year: int | str
    source: str | None = Field(None, description="企业申报/审计报告/税务数据/统计部门/官方平台")
    as_of: str | None = Field(None, description="数据截至日期 YYYY-MM-DD")
    name: str | None = None
    registration_date: str | None = None
    region_code: str | None = None
    in_zone: bool | str | None = None
    industry_code: str | None = None
    tech_field: str | None = None
    size_class: str | None = None
    figures: dict[str, CellValue] = Field(default_factory=dict)


class FiguresIn(Schema):
    rows: list[FigureRowIn] = Field(min_length=1)


class FiguresOut(Out):
    rows: int = Field(description="收到的行数 / rows received")
    stored: int = Field(description="写入的行数 / rows stored")
