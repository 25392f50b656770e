"""Excel import with row-level errors (导入): all rows valid, or nothing stored.

An ``Importer`` declares its columns once; the same declaration produces the downloadable
template, parses and checks each cell, and names the row and field in every message. A file
with any invalid row stores nothing and comes back annotated, each error next to its row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from jiazhou_web.core.magnitude import MAX_INTEGER, too_large
from jiazhou_web.core.spreadsheets import (
    Sheet,
    SpreadsheetError,
    annotate_errors,
    read_rows,
    write_workbook,
)

FIRST_DATA_ROW = 2  # spreadsheet row number of the first data row (row 1 is the header)


class CellError(ValueError):
    """A cell that breaks a rule: ``zh`` and ``en`` explain which."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


Parser = Callable[[Any], Any]


def text(max_length: int = 200, pattern: str | None = None, what: str = "") -> Parser:
    """Text up to ``max_length`` characters, optionally matching ``pattern``."""

    def parse(value: Any) -> str:
        s = str(value).strip()
        if len(s) > max_length:
            raise CellError(f"长度超过 {max_length} 个字符", f"longer than {max_length} characters")
        if pattern and not re.fullmatch(pattern, s):
            raise CellError(f"格式不正确，应为{what}", f"wrong format, expected {what or pattern}")
        return s

    return parse


def integer(min_value: int | None = 0) -> Parser:
    """A whole number, at least ``min_value``."""

    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise CellError("应为整数", "must be a whole number")
        try:
            number = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            raise CellError(
                f"应为整数，而不是「{value}」", f"must be a whole number, not {value!r}"
            ) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise CellError("应为整数", "must be a whole number")
        if min_value is not None and number < min_value:
            raise CellError(f"不能小于 {min_value}", f"must be at least {min_value}")
        if abs(number) > MAX_INTEGER:
            raise CellError(
                f"数值过大：不能超过 {MAX_INTEGER:,}", f"too large: at most {MAX_INTEGER:,}"
            )
        return int(number)

    return parse


def decimal(
    min_value: Decimal | None = Decimal(0), places: int = 2, whole_digits: int = 16
) -> Parser:
    """A decimal number (money in 元, ratios as decimals), at least ``min_value``, with at most
    ``whole_digits`` digits before the point (16: a ``DecimalField(20, 4)`` column)."""

    def parse(value: Any) -> Decimal:
        if isinstance(value, bool):
            raise CellError("应为数字", "must be a number")
        raw = str(value).strip().replace(",", "")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise CellError(
                f"应为数字，而不是「{value}」", f"must be a number, not {value!r}"
            ) from None
        if not number.is_finite():
            raise CellError("应为有限数字", "must be a finite number")
        if min_value is not None and number < min_value:
            raise CellError(f"不能为负数（不能小于 {min_value}）", f"must not be below {min_value}")
        large = too_large(number, whole_digits + places, places)
        if large is not None:
            raise CellError(*large)
        return number.quantize(Decimal(1).scaleb(-places))

    return parse


def date() -> Parser:
    """A date cell or text ``YYYY-MM-DD``."""

    def parse(value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip().replace("/", "-"))
        except ValueError:
            raise CellError(
                f"日期格式应为 YYYY-MM-DD，而不是「{value}」",
                f"date must be YYYY-MM-DD, not {value!r}",
            ) from None

    return parse


def boolean() -> Parser:
    """是/否, Y/N, true/false, 1/0."""
    truthy = {"是", "y", "yes", "true", "1", "√"}
    falsy = {"否", "n", "no", "false", "0", "×"}

    def parse(value: Any) -> bool:
        s = str(value).strip().lower()
        if s in truthy:
            return True
        if s in falsy:
            return False
        raise CellError(f"应填「是」或「否」，而不是「{value}」", f"must be yes/no, not {value!r}")

    return parse


def choice(options: dict[str, Any], what: str) -> Parser:
    """One of ``options`` (keys are what users type: code or label)."""

    def parse(value: Any) -> Any:
        s = str(value).strip()
        if s in options:
            return options[s]
        raise CellError(f"不是有效的{what}「{s}」", f"unknown {what}: {s!r}")

    return parse


@dataclass(frozen=True)
class ImportColumn:
    """One template column: data key, header text, parser, whether it is required, a note."""

    key: str
    header: str
    parse: Parser
    required: bool = True
    note: str = ""


@dataclass
class ImportOutcome:
    """What happened: rows stored, or every error and the annotated workbook."""

    total_rows: int = 0
    stored: int = 0
    errors: dict[int, list[str]] = field(default_factory=dict)
    annotated: bytes | None = None
    rejected: str = ""

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.errors

    @property
    def failed_rows(self) -> int:
        return len(self.errors)


class Importer:
    """Base for every Excel import: subclasses set ``columns`` and implement ``save``."""

    title: ClassVar[str] = "导入"
    columns: ClassVar[Sequence[ImportColumn]] = ()
    notes: ClassVar[Sequence[str]] = ()

    def unique_key(self, data: dict[str, Any]) -> Any:
        """A key two rows of one file may not share (``None``: no duplicate check)."""
        return None

    def check_row(self, data: dict[str, Any]) -> list[str]:
        """Cross-field and database checks of one parsed row; messages (zh / en)."""
        return []

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        """Store all rows (called inside one transaction); returns how many were stored."""
        raise NotImplementedError

    def template(self) -> bytes:
        """The downloadable template: headers, and a sheet explaining each column."""
        header = [c.header for c in self.columns]
        guide = [[c.header, c.key, "必填" if c.required else "选填", c.note] for c in self.columns]
        return write_workbook(
            [
                Sheet(
                    self.title,
                    header,
                    [],
                    comments={c.header: c.note for c in self.columns if c.note},
                ),
                Sheet(
                    "填写说明", ["列名", "字段", "是否必填", "说明"], guide, notes=list(self.notes)
                ),
            ]
        )

    def run(self, upload: Any, *, actor: Any) -> ImportOutcome:
        """Parse and check every row; store all of them in one transaction or none."""
        try:
            header, body = read_rows(upload)
        except SpreadsheetError as exc:
            return ImportOutcome(rejected=str(exc))
        positions = {h: i for i, h in enumerate(header)}
        missing = [c.header for c in self.columns if c.required and c.header not in positions]
        if missing:
            return ImportOutcome(
                rejected="缺少必需的列："
                + "、".join(missing)
                + " / missing required columns: "
                + ", ".join(c.key for c in self.columns if c.header in missing)
            )
        rows = [r for r in body if any(v not in (None, "") for v in r)]
        outcome = ImportOutcome(total_rows=len(rows))
        parsed: list[dict[str, Any]] = []
        seen: dict[Any, int] = {}
        for idx, raw in enumerate(rows):
            row_no = idx + FIRST_DATA_ROW
            data, messages = self._parse_row(raw, positions, row_no)
            if not messages:
                messages = [f"第{row_no}行：{m}" for m in self.check_row(data)]
                key = self.unique_key(data)
                if key is not None:
                    if key in seen:
                        messages.append(
                            f"第{row_no}行：与第{seen[key]}行重复 / row {row_no} duplicates row {seen[key]}"
                        )
                    seen.setdefault(key, row_no)
            if messages:
                outcome.errors[idx] = messages
            parsed.append(data)
        if outcome.errors:
            outcome.annotated = annotate_errors(header, rows, outcome.errors)
            return outcome
        try:
            with transaction.atomic():
                outcome.stored = self.save(parsed, actor=actor)
        except (ValidationError, DatabaseError) as exc:
            outcome.rejected = (
                f"保存失败，未写入任何数据 / saving failed, nothing was stored: {exc}"
            )
        return outcome

    def _parse_row(
        self, raw: Sequence[Any], positions: dict[str, int], row_no: int
    ) -> tuple[dict[str, Any], list[str]]:
        data: dict[str, Any] = {}
        messages: list[str] = []
        for col in self.columns:
            pos = positions.get(col.header)
            value = raw[pos] if pos is not None and pos < len(raw) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                if col.required:
                    messages.append(
                        f"第{row_no}行「{col.header}」：必填 / row {row_no} {col.key}: required"
                    )
                data[col.key] = None
                continue
            try:
                data[col.key] = col.parse(value)
            except CellError as exc:
                messages.append(
                    f"第{row_no}行「{col.header}」：{exc.zh} / row {row_no} {col.key}: {exc.en}"
                )
        return data, messages
