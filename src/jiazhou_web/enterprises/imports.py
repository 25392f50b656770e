"""Excel import of the enterprise register: one row per enterprise × fiscal year.

Identity columns, then every annual field of ``jiazhou/fields.toml`` with its unit in the header
(「营业收入（元）」). Rows of one 统一社会信用代码 must agree on identity; existing enterprises
are updated and new ones created through ``actions.import_enterprises``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from django.utils import timezone

from jiazhou.fields import FieldSpec, field_map
from jiazhou.uscc import validate_uscc
from jiazhou.validation import cells
from jiazhou.validation.headers import label, unit_in_header
from jiazhou.validation.table import row_rules, wan_suspects
from jiazhou_web.core.access import can
from jiazhou_web.core.imports import (
    FIRST_DATA_ROW,
    CellError,
    ImportColumn,
    Importer,
    ImportOutcome,
    Parser,
    boolean,
    choice,
    date,
    integer,
    text,
)
from jiazhou_web.enterprises import actions
from jiazhou_web.enterprises.choices import FigureSource, SizeClass, TechField
from jiazhou_web.enterprises.figures import SIGNED_MONEY, annual_fields, header
from jiazhou_web.enterprises.models import Enterprise, Industry
from jiazhou_web.regions.models import Region

# 《国家重点支持的高新技术领域》 first-level fields, numbered 1-8 in the annex's order.
TECH_FIELD_ZH = {
    TechField.ELECTRONIC_INFORMATION: "电子信息",
    TechField.BIO_MEDICINE: "生物与新医药",
    TechField.AEROSPACE: "航空航天",
    TechField.NEW_MATERIALS: "新材料",
    TechField.HIGH_TECH_SERVICES: "高技术服务",
    TechField.NEW_ENERGY: "新能源与节能",
    TechField.RESOURCES_ENVIRONMENT: "资源与环境",
    TechField.ADVANCED_MANUFACTURING: "先进制造与自动化",
}
SIZE_ZH = {
    SizeClass.MICRO: "微型",
    SizeClass.SMALL: "小型",
    SizeClass.MEDIUM: "中型",
    SizeClass.LARGE: "大型",
}
SOURCE_ZH = {
    FigureSource.DECLARATION: "企业申报",
    FigureSource.AUDIT: "审计报告",
    FigureSource.TAX: "税务数据",
    FigureSource.STATISTICS: "统计部门",
    FigureSource.PLATFORM: "官方平台",
}
IDENTITY_KEYS = (
    "name",
    "registration_date",
    "region_code",
    "in_zone",
    "industry_code",
    "tech_field",
    "size_class",
)


def _options(labels: dict[Any, str], numbered: bool = False) -> dict[str, str]:
    options = {str(code): str(code) for code in labels}
    options.update({label: str(code) for code, label in labels.items()})
    if numbered:
        options.update({str(i): str(code) for i, code in enumerate(labels, start=1)})
    return options


def uscc_cell() -> Parser:
    """A 统一社会信用代码 with a valid GB 32100 check character (spaces/case forgiven)."""

    def parse(value: Any) -> str:
        code = str(value).strip().replace(" ", "").upper()
        error = validate_uscc(code)
        if error:
            zh, _, en = error.partition(" / ")
            raise CellError(f"「{code}」无效：{zh}", f"{code!r} is invalid: {en}")
        return code

    return parse


def past_date() -> Parser:
    """A date not after today (a firm cannot be registered in the future)."""
    return lambda value: cells.date(value, timezone.localdate())


def figure_parser(spec: FieldSpec, unit_factor: Decimal = Decimal(1)) -> Parser:
    """The cell parser of one annual field, by its unit (``jiazhou.validation.cells``).

    Money is in 元 unless the column header states 万元 (``unit_factor``); ``3000万`` and
    ``1.2亿`` state their own unit. Head-counts, counts and levels are whole numbers.
    """
    parse = cells.parser_for(spec, unit_factor=unit_factor, today=timezone.localdate())
    if spec.unit in ("persons", "count", "level"):
        return lambda value: int(parse(value))
    if spec.unit in ("yuan", "points"):
        return lambda value: parse(value).quantize(Decimal("0.01"))
    if spec.unit == "ratio":
        return lambda value: parse(value).quantize(Decimal("0.0001"))
    if spec.unit in ("code", "text"):
        return lambda value: str(parse(value))[:60]
    return parse


def _figure_note(spec: FieldSpec) -> str:
    rule = {
        "yuan": "单位：元（不是万元）；不能为负数"
        if spec.code not in SIGNED_MONEY
        else "单位：元，可为负数（亏损）",
        "ratio": "小数，0到1之间（35%填0.35）",
        "persons": "人数，非负整数",
        "count": "个数，非负整数",
        "level": "等级，按字段名称中的编码填整数",
        "points": "分值，非负数",
        "bool": "填「是」或「否」",
        "code": "代码",
    }.get(spec.unit, "")
    return f"{spec.name_en}；{rule}；criteria.md §{spec.section}"


IDENTITY_COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("uscc", "统一社会信用代码", uscc_cell(), note="18位，GB 32100 校验"),
    ImportColumn("name", "企业名称", text(200)),
    ImportColumn(
        "registration_date", "注册成立日期", past_date(), required=False, note="YYYY-MM-DD"
    ),
    ImportColumn(
        "region_code",
        "所在区县（行政区划代码）",
        text(20),
        note="GB/T 2260 六位代码，如 511112（五通桥区）；也可填区县名称",
    ),
    ImportColumn("in_zone", "位于高新区（是/否）", boolean(), required=False, note="是/否"),
    ImportColumn(
        "industry_code",
        "国民经济行业代码（GB/T 4754-2017）",
        text(5),
        note="如 C3985 或 3985；至少到大类（如 C39）",
    ),
    ImportColumn(
        "tech_field",
        "高新技术领域",
        choice(_options(TECH_FIELD_ZH, numbered=True), "高新技术领域"),
        required=False,
        note="1-8 或名称：" + "、".join(TECH_FIELD_ZH.values()),
    ),
    ImportColumn(
        "size_class",
        "企业规模（微型/小型/中型/大型）",
        choice(_options(SIZE_ZH), "企业规模"),
        required=False,
    ),
    ImportColumn(
        "fiscal_year", "会计年度", integer(1990), note="四位年份，如 2024；每行一个企业一个年度"
    ),
    ImportColumn(
        "source",
        "数据来源",
        choice(_options(SOURCE_ZH), "数据来源"),
        required=False,
        note="、".join(SOURCE_ZH.values()) + "；不填为企业申报",
    ),
    ImportColumn("as_of", "数据截至日期", date(), required=False, note="不填为导入当天"),
)


def _figure_columns() -> tuple[ImportColumn, ...]:
    return tuple(
        ImportColumn(f.code, header(f), figure_parser(f), required=False, note=_figure_note(f))
        for f in annual_fields()
    )


class EnterpriseImporter(Importer):
    """Enterprise identity and annual figures, one row per enterprise and fiscal year."""

    title = "企业年度数据"
    key_aliases: ClassVar[dict[str, str]] = {"sme_size_class": "size_class"}
    columns: ClassVar[Sequence[ImportColumn]] = IDENTITY_COLUMNS + _figure_columns()
    notes: ClassVar[Sequence[str]] = (
        "每行填写一个企业一个会计年度；同一企业多个年度填多行，身份信息（名称、区县、行业等）须一致。",
        "金额单位为元（不是万元），比例填0到1之间的小数，人数与个数填整数，是否类填「是」或「否」。",
        "会计年度指公历1月1日至12月31日；年度数据空白表示未填报，不会清除已有数据。",
        "已存在的企业（统一社会信用代码相同）将被更新，新企业将被创建。",
        "任何一行有错误时不会写入任何数据，系统返回标注了错误的文件。",
        "行业代码依据 GB/T 4754-2017《国民经济行业分类》；行政区划代码依据 GB/T 2260。",
    )

    def dropdown_options(self) -> dict[str, Sequence[str]]:
        """Besides 是/否 and the coded choices: the counties (by code) and every industry
        class of GB/T 4754-2017 on file (大类 and below), as drop-downs of the template."""
        options = super().dropdown_options()
        options["region_code"] = list(
            Region.objects.counties().order_by("code").values_list("code", flat=True)
        )
        options["industry_code"] = list(
            Industry.objects.filter(level__gte=2).order_by("code").values_list("code", flat=True)
        )
        return options

    def __init__(self, note: str = "Excel") -> None:
        self.note = note  # where the rows came from, in each audit row (Excel, the open API)
        self.actor: Any = None
        self._regions: dict[str, Region] = {}
        self._industries: dict[str, Industry] = {}
        self._zone: Region | None = None
        self._identity: dict[str, tuple[Any, ...]] = {}
        self._existing: dict[str, Enterprise] = {}

    def run_rows(
        self,
        header: Sequence[Any],
        body: Sequence[Sequence[Any]],
        *,
        actor: Any,
        first_row: int = FIRST_DATA_ROW,
        annotate: bool = True,
    ) -> ImportOutcome:
        """Read the counties, the zone and the industry codes once, then check and store
        (a workbook's rows from ``run``, or the open API's)."""
        self.actor = actor
        for region in Region.objects.counties():
            self._regions[region.code] = region
            self._regions[region.name] = region
        self._zone = Region.objects.zones().order_by("code").first()
        for industry in Industry.objects.all():
            self._industries[industry.code] = industry
            if len(industry.code) > 1:
                self._industries.setdefault(industry.code[1:], industry)
        self._identity.clear()
        return super().run_rows(header, body, actor=actor, first_row=first_row, annotate=annotate)

    def unique_key(self, data: dict[str, Any]) -> Any:
        return (data["uscc"], data["fiscal_year"])

    def check_all(self, rows: list[dict[str, Any]]) -> dict[int, list[str]]:
        """Figures that look like 万元 in the 元 columns (jiazhou.validation.table.wan_suspects):
        an error here — the web import has no warning — fixed by heading the columns （万元）."""
        plain = [
            f.code
            for f in annual_fields()
            if f.unit == "yuan" and unit_in_header(self.headers_found.get(header(f), "")) is None
        ]
        found = wan_suspects(
            [r.get("uscc") for r in rows],
            [r.get("employees_total") for r in rows],
            [[r.get(c) for r in rows] for c in plain],
        )
        errors: dict[int, list[str]] = {}
        for uscc, idxs, staff in found:
            shown = "、".join(str(i + self.first_row) for i in idxs)
            message = (
                f"第{idxs[0] + self.first_row}行「营业收入（元）」等金额列：第{shown}行（{uscc}）职工 "
                f"{staff} 人，但所有金额都小于 1 万元，疑似按万元填写；金额单位为元，如确为万元请把列名"
                f"改为「…（万元）」 / rows {shown}: amounts look like 万元 in 元 columns"
            )
            errors.setdefault(idxs[0], []).append(message)
        return errors

    def duplicate_message(self, row_no: int, first: int) -> str:
        return (
            f"第{row_no}行「统一社会信用代码」「会计年度」：与第{first}行重复（同一企业同一会计年度"
            f"只能有一行，否则一个企业会得出两个结果） / row {row_no}, columns uscc and "
            f"fiscal_year: duplicates row {first}"
        )

    def column_parser(self, column: ImportColumn) -> Parser:
        """Money columns whose header says 万元 (「营业收入（万元）」) are read in 万元."""
        spec = field_map().get(column.key)
        found = self.headers_found.get(column.header, "")
        if spec is not None and spec.unit == "yuan" and unit_in_header(found) == "万元":
            return figure_parser(spec, cells.WAN)
        return column.parse

    def _writes_into(self, region: Any, zone: Any) -> bool:
        """Whether the importer's scope reaches a firm registered in ``region`` (or ``zone``)."""
        return can(self.actor, "enterprise.import", region) or (
            zone is not None and can(self.actor, "enterprise.import", zone)
        )

    def check_row(self, data: dict[str, Any]) -> list[str]:
        messages: list[str] = []
        region = self._regions.get(str(data["region_code"]).strip())
        if region is None:
            messages.append(
                f"「所在区县（行政区划代码）」：未知的区县代码「{data['region_code']}」 / "
                f"region_code: unknown district/county code {data['region_code']!r}"
            )
        industry = self._industries.get(str(data["industry_code"]).strip().upper())
        if industry is None or industry.level < 2:
            messages.append(
                f"「国民经济行业代码」：未知或不够细的行业代码「{data['industry_code']}」"
                "（须为 GB/T 4754-2017 大类及以下） / "
                f"industry_code: unknown or too coarse code {data['industry_code']!r}"
            )
        for code, zh, en in row_rules(data):
            messages.append(f"「{label(code)}」({code})：{zh} / {code}: {en}")
        if data["fiscal_year"] > timezone.localdate().year:
            messages.append(
                f"「会计年度」：{data['fiscal_year']} 年尚未开始 / fiscal_year: in the future"
            )
        zone = self._zone if data.get("in_zone") else None
        if region is not None and not self._writes_into(region, zone):
            messages.append(
                f"「所在区县」：{region.name}不在您的数据范围内 / "
                "region_code: outside your data scope"
            )
        existing = self._existing_enterprise(data["uscc"])
        if existing is not None and not self._writes_into(existing.region, existing.zone):
            messages.append(
                "「统一社会信用代码」：该企业已登记且不在您的数据范围内 / "
                "uscc: this enterprise exists outside your data scope"
            )
        key = tuple(data.get(k) for k in IDENTITY_KEYS)
        seen = self._identity.setdefault(data["uscc"], key)
        if seen != key:
            messages.append(
                "同一企业的身份信息（名称、区县、行业、规模等）与前面的行不一致 / "
                "identity columns differ from an earlier row of the same enterprise"
            )
        if region is not None:
            data["region"] = region
            data["zone"] = self._zone if data.get("in_zone") else None
        data["industry"] = industry
        return messages

    def _existing_enterprise(self, uscc: str) -> Enterprise | None:
        if uscc not in self._existing:
            found = Enterprise.objects.select_related("region", "zone").filter(uscc=uscc).first()
            if found is None:
                return None
            self._existing[uscc] = found
        return self._existing[uscc]

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        groups: dict[tuple[str, dt.date], dict[str, dict[str, Any]]] = defaultdict(dict)
        today = timezone.localdate()
        codes = [f.code for f in annual_fields()]
        for row in rows:
            group = groups[
                (row.get("source") or FigureSource.DECLARATION, row.get("as_of") or today)
            ]
            entry = group.setdefault(
                row["uscc"], {"identity": self._identity_of(row), "figures": {}}
            )
            entry["figures"][row["fiscal_year"]] = {
                code: row[code] for code in codes if row.get(code) is not None
            }
        for (source, as_of), entries in groups.items():
            actions.import_enterprises(
                [actions.EnterpriseRecord(e["identity"], e["figures"]) for e in entries.values()],
                source=source,
                as_of=as_of,
                actor=actor,
                note=self.note,
            )
        return len(rows)

    @staticmethod
    def _identity_of(row: dict[str, Any]) -> dict[str, Any]:
        identity: dict[str, Any] = {
            "uscc": row["uscc"],
            "name": row["name"],
            "region": row["region"],
            "zone": row["zone"],
            "industry": row["industry"],
        }
        for key in ("registration_date", "tech_field", "size_class"):
            if row.get(key) is not None:
                identity[key] = row[key]
        return identity


class RegistrationImporter(EnterpriseImporter):
    """市场监管 registrations: an enterprise's identity only (no fiscal year, no figures), one
    row per enterprise — the same columns, parsers, scope checks and action as the register's
    import (new enterprises created, registered ones updated)."""

    title = "市场监管企业登记信息"
    columns: ClassVar[Sequence[ImportColumn]] = tuple(
        c for c in IDENTITY_COLUMNS if c.key not in ("fiscal_year", "source", "as_of")
    )
    notes: ClassVar[Sequence[str]] = (
        "每行一个企业的登记信息（统一社会信用代码、名称、成立日期、区县、行业等），不含年度数据。",
        "已存在的企业（统一社会信用代码相同）将被更新，新企业将被创建；任何一行有错误时不写入任何数据。",
    )

    def unique_key(self, data: dict[str, Any]) -> Any:
        return data["uscc"]

    def duplicate_message(self, row_no: int, first: int) -> str:
        return (
            f"第{row_no}行「统一社会信用代码」：与第{first}行重复（一个企业只能有一行） / "
            f"row {row_no}, column uscc: duplicates row {first}"
        )

    def check_all(self, rows: list[dict[str, Any]]) -> dict[int, list[str]]:
        return {}  # no amounts: nothing can look like 万元

    def check_row(self, data: dict[str, Any]) -> list[str]:
        # the register's row checks read a fiscal year; a registration has none, so the
        # current year stands in (never "in the future"); it is not stored
        data.setdefault("fiscal_year", timezone.localdate().year)
        return super().check_row(data)

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        actions.import_enterprises(
            [actions.EnterpriseRecord(self._identity_of(row), {}) for row in rows],
            source=FigureSource.PLATFORM,
            as_of=timezone.localdate(),
            actor=actor,
            note=self.note,
        )
        return len(rows)
