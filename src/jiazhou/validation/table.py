"""A whole enterprise table checked at once: every failure collected, none half-accepted.

:func:`validate_rows` takes a header and raw rows (from :mod:`jiazhou.validation.reading` or an
upload), maps the headers to catalogue codes, parses every cell (:mod:`.cells`) and then checks
rows against each other: head-counts within employees, R&D within revenue, one row per firm
and fiscal year, and money that looks like 万元 in an 元 file (a warning). The result is a typed
Polars frame only when there is no error at all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import polars as pl

from jiazhou.fields import FieldSpec, field_map
from jiazhou.uscc import validate_uscc
from jiazhou.validation import cells, headers
from jiazhou.validation.cells import CellError

Severity = Literal["error", "warning"]
MONEY_UNITS = {"元": Decimal(1), "万元": cells.WAN}
FIRST_DATA_ROW = 2  # spreadsheet row of the first data row (the header is row 1)
# (smaller, larger, condition on the larger): a row where smaller > larger is an error.
NOT_ABOVE: tuple[tuple[str, str], ...] = (
    ("tech_staff", "employees_total"),
    ("rd_staff", "employees_total"),
    ("rd_expense_hnte", "sales_revenue_hnte"),
    ("rd_expense_audited", "operating_revenue"),
    ("rd_expense_deduction_basis", "operating_revenue"),
    ("rd_domestic_hnte", "rd_expense_hnte"),
    ("main_business_revenue", "operating_revenue"),
    ("hitech_product_income", "total_income"),
    ("ip_class1_self_count", "ip_class1_count"),
    ("ip_class1_high_value_count", "ip_class1_count"),
    ("ip_class2_unused_hnte_count", "ip_class2_count"),
)
# R&D may exceed a revenue of zero (a firm before its first sale scores on costs, 115号).
ZERO_ALLOWED = frozenset({"sales_revenue_hnte", "operating_revenue", "total_income"})
WAN_SUSPECT_STAFF = 50  # a firm this large with every amount below 1万元 wrote 万元
DTYPES = {"bool": pl.Boolean, "date": pl.Date, "code": pl.String, "text": pl.String}


@dataclass(frozen=True)
class Problem:
    """One failure: where (file, spreadsheet row, column code and label) and which rule."""

    severity: Severity
    source: str
    zh: str
    en: str
    row: int | None = None
    column: str | None = None
    column_label: str = ""  # when the column is not a catalogue field

    @property
    def label(self) -> str | None:
        if self.column_label:
            return self.column_label
        return headers.label(self.column) if self.column else None

    def message(self) -> str:
        """``文件 第3行「营业收入」(operating_revenue)：… / file row 3, column …: …``."""
        zh = [self.source]
        en = [self.source]
        if self.row is not None:
            zh.append(f"第{self.row}行")
            en.append(f"row {self.row}")
        if self.column:
            zh.append(f"「{self.label}」({self.column})")
            en.append(f"column {self.column}")
        kind = "错误" if self.severity == "error" else "提示"
        return f"{kind}：{' '.join(zh)}：{self.zh} / {self.severity}: {', '.join(en)}: {self.en}"


@dataclass
class Validation:
    """The outcome: the typed frame (only without errors) and every problem found."""

    frame: pl.DataFrame | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and not self.errors


class InvalidInput(ValueError):
    """Raised with every problem of a file that has errors (``problems``)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(
            f"{len(errors)} 处错误，未评价任何数据 / {len(errors)} error(s), nothing was scored\n"
            + "\n".join(p.message() for p in errors)
        )


def _today() -> dt.date:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()  # Asia/Shanghai


class _Checker:
    def __init__(self, source: str, unit: str, today: dt.date) -> None:
        if unit not in MONEY_UNITS:
            raise ValueError(f"金额单位应为 元 或 万元 / money unit must be 元 or 万元: {unit!r}")
        self.source = source
        self.factor = MONEY_UNITS[unit]
        self.unit = unit
        self.today = today
        self.problems: list[Problem] = []
        self.specs: dict[str, FieldSpec] = field_map()

    def error(self, zh: str, en: str, row: int | None = None, column: str | None = None) -> None:
        self.problems.append(Problem("error", self.source, zh, en, row, column))

    def warn(self, zh: str, en: str, row: int | None = None, column: str | None = None) -> None:
        self.problems.append(Problem("warning", self.source, zh, en, row, column))

    def columns(self, header: Sequence[str]) -> dict[int, str]:
        """Header position → code; unknown headers warned about, duplicates refused."""
        mapped: dict[int, str] = {}
        first: dict[str, int] = {}
        for pos, raw in enumerate(header):
            name = str(raw).strip()
            if not name:
                continue
            code = headers.resolve(name)
            if code is None:
                self.warn(f"未识别的列「{name}」，已忽略", f"unknown column {name!r} ignored")
                continue
            if code in first:
                self.error(
                    f"第{first[code] + 1}列与第{pos + 1}列「{name}」是同一字段，只能保留一列",
                    f"columns {first[code] + 1} and {pos + 1} ({name!r}) are the same field",
                    column=code,
                )
                continue
            first[code] = pos
            mapped[pos] = code
        for key in ("uscc", "fiscal_year"):
            if key not in first:
                self.error(
                    f"缺少必需的列「{headers.KEYS[key]}」({key})",
                    f"missing required column {key}",
                    column=key,
                )
        return mapped

    def parser(self, code: str, header: str) -> Any:
        if code == "uscc":
            return self.uscc
        if code == "fiscal_year":
            return lambda v: cells.fiscal_year(v, self.today)
        spec = self.specs[code]
        stated = headers.unit_in_header(header)
        factor = MONEY_UNITS[stated] if stated else self.factor
        return cells.parser_for(spec, unit_factor=factor, today=self.today)

    @staticmethod
    def uscc(value: Any) -> str:
        s = str(value).strip().replace(" ", "").upper()
        problem = validate_uscc(s)
        if problem:
            zh, _, en = problem.partition(" / ")
            raise CellError(f"「{s}」无效：{zh}", f"{s!r} is invalid: {en or zh}")
        return s


def validate_rows(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    source: str = "输入",
    money_unit: str = "元",
    today: dt.date | None = None,
) -> Validation:
    """Check every cell and row; the typed frame only when nothing is wrong."""
    ck = _Checker(source, money_unit, today or _today())
    head = [str(h or "").strip() for h in header]
    positions = ck.columns(head)
    if not rows:
        ck.error("只有表头，没有数据行", "the file has a header but no data rows")
    if ck.problems and any(p.severity == "error" for p in ck.problems):
        return Validation(None, ck.problems)
    parsers = {pos: ck.parser(code, head[pos]) for pos, code in positions.items()}
    values: dict[str, list[Any]] = {code: [] for code in positions.values()}
    explicit_money: dict[int, bool] = {}
    for idx, raw in enumerate(rows):
        row_no = idx + FIRST_DATA_ROW
        for pos, code in positions.items():
            cell = raw[pos] if pos < len(raw) else None
            parsed = None
            if not cells.is_blank(cell):
                try:
                    parsed = parsers[pos](cell)
                except CellError as exc:
                    ck.error(exc.zh, exc.en, row_no, code)
                money_cell = code in ck.specs and ck.specs[code].unit == "yuan"
                if money_cell and isinstance(cell, str) and any(w in cell for w in "万亿"):
                    explicit_money[idx] = True
            elif code in ("uscc", "fiscal_year"):
                ck.error("必填，不能为空", "required, must not be blank", row_no, code)
            values[code].append(parsed)
    _cross_field(ck, values, len(rows))
    _duplicates(ck, values)
    if ck.unit == "元":
        _wan_suspects(ck, values, explicit_money, head, positions)
    if any(p.severity == "error" for p in ck.problems):
        return Validation(None, ck.problems)
    return Validation(_frame(ck, values), ck.problems)


def row_rules(row: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Cross-field problems of one parsed row: ``(field code, zh, en)`` for each ``a > b`` of
    :data:`NOT_ABOVE` (head-counts within employees, R&D within revenue …)."""
    out = []
    for small, large in NOT_ABOVE:
        a, b = row.get(small), row.get(large)
        if a is None or b is None or a <= b or (b == 0 and large in ZERO_ALLOWED):
            continue
        out.append(
            (
                small,
                f"{headers.label(small)}（{_show(a, small)}）大于{headers.label(large)}"
                f"（{_show(b, large)}）",
                f"{small} ({a}) exceeds {large} ({b})",
            )
        )
    return out


def _cross_field(ck: _Checker, values: dict[str, list[Any]], n: int) -> None:
    codes = [c for pair in NOT_ABOVE for c in pair if c in values]
    if not codes:
        return
    for idx in range(n):
        for code, zh, en in row_rules({c: values[c][idx] for c in codes}):
            ck.error(zh, en, idx + FIRST_DATA_ROW, code)


def _show(value: Any, code: str) -> str:
    spec = field_map().get(code)
    if spec is not None and spec.unit == "yuan":
        return f"{value / cells.WAN:,.2f} 万元"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,f}".rstrip("0").rstrip(".")


def _duplicates(ck: _Checker, values: dict[str, list[Any]]) -> None:
    if "uscc" not in values or "fiscal_year" not in values:
        return
    seen: dict[tuple[Any, Any], int] = {}
    for idx, key in enumerate(zip(values["uscc"], values["fiscal_year"], strict=True)):
        if None in key:
            continue
        row_no = idx + FIRST_DATA_ROW
        if key in seen:
            ck.error(
                f"与第{seen[key]}行重复：同一企业（{key[0]}）同一会计年度（{key[1]}）只能有一行，"
                "否则一个企业会得出两个结果",
                f"duplicates row {seen[key]}: one row per enterprise ({key[0]}) and fiscal year "
                f"({key[1]})",
                row_no,
                "uscc",
            )
        else:
            seen[key] = row_no


def wan_suspects(
    uscc: Sequence[Any], staff: Sequence[Any], amounts: Sequence[Sequence[Any]]
) -> list[tuple[str, list[int], int]]:
    """Firms whose figures look like 万元 in an 元 table: ``(uscc, row indexes, employees)``.

    A firm with at least :data:`WAN_SUSPECT_STAFF` employees whose every amount (at least two)
    is below 10,000 元 wrote 万元. ``amounts`` holds one sequence per money column, row-aligned.
    """
    rows_of: dict[str, list[int]] = defaultdict(list)
    for idx, code in enumerate(uscc):
        if code is not None:
            rows_of[str(code)].append(idx)
    out = []
    for code, idxs in rows_of.items():
        people = [staff[i] for i in idxs if staff[i]]
        money = [abs(col[i]) for col in amounts for i in idxs if col[i]]
        large = bool(people) and max(people) >= WAN_SUSPECT_STAFF
        if large and len(money) >= 2 and max(money) < cells.WAN:
            out.append((code, idxs, int(max(people))))
    return out


def _wan_suspects(
    ck: _Checker,
    values: dict[str, list[Any]],
    explicit: dict[int, bool],
    head: list[str],
    positions: dict[int, str],
) -> None:
    """Warn about firms whose plain amounts look like 万元 (see :func:`wan_suspects`)."""
    money = [
        code
        for pos, code in positions.items()
        if code in ck.specs
        and ck.specs[code].unit == "yuan"
        and not headers.unit_in_header(head[pos])
    ]
    if not money or "uscc" not in values or "employees_total" not in values:
        return
    keys = [None if explicit.get(i) else u for i, u in enumerate(values["uscc"])]
    found = wan_suspects(keys, values["employees_total"], [values[c] for c in money])
    for uscc, idxs, staff in found:
        shown = "、".join(str(i + FIRST_DATA_ROW) for i in idxs)
        ck.warn(
            f"第{shown}行（{uscc}）：职工 {staff} 人，但所有金额都小于 1 万元，"
            "疑似按万元填写；金额单位应为元，如确为万元请使用 --money-unit 万元",
            f"rows {shown} ({uscc}): {staff} employees but every amount is below "
            "10,000 yuan — probably written in 万元; use --money-unit 万元 if so",
            idxs[0] + FIRST_DATA_ROW,
        )


def _frame(ck: _Checker, values: dict[str, list[Any]]) -> pl.DataFrame:
    cols: dict[str, pl.Series] = {}
    for code, col in values.items():
        if code == "fiscal_year":
            cols[code] = pl.Series(code, col, pl.Int32)
        elif code == "uscc":
            cols[code] = pl.Series(code, col, pl.String)
        else:
            unit = ck.specs[code].unit
            dtype = DTYPES.get(unit, pl.Float64)
            data = [float(v) if isinstance(v, Decimal) else v for v in col]
            cols[code] = pl.Series(code, data, dtype)
    return pl.DataFrame(cols)
