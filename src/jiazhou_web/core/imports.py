"""Excel import with row-level errors (导入): all rows valid, or nothing stored.

An ``Importer`` declares its columns once; the same declaration produces the downloadable
template, parses and checks each cell, and names the row and field in every message. A file
with any invalid row stores nothing and comes back annotated, each error next to its row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from jiazhou.validation import cells
from jiazhou.validation.cells import CellError as CellError  # re-exported: one error type
from jiazhou.validation.headers import resolve as resolve_header
from jiazhou_web.core.failures import DATABASE_FAILED, classify, failure_message, log_failure
from jiazhou_web.core.magnitude import MAX_INTEGER
from jiazhou_web.core.request_ids import current_request_id
from jiazhou_web.core.spreadsheets import (
    Sheet,
    SpreadsheetError,
    annotate_errors,
    read_rows,
    write_workbook,
)

FIRST_DATA_ROW = 2  # spreadsheet row number of the first data row (row 1 is the header)


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
    """A whole number, at least ``min_value`` (``2025年`` and ``1,200`` are read)."""

    def parse(value: Any) -> int:
        if isinstance(value, str) and value.strip().endswith(("年", "年度")):
            number = Decimal(cells.fiscal_year(value))
        else:
            number, scale = cells.whole(value)
            if scale is not None and scale != 1:
                raise CellError(f"「{value}」：此列不是金额，不能用万/亿", f"{value!r}: not money")
        if number != number.to_integral_value():
            raise CellError("应为整数", "must be a whole number")
        if min_value is not None and number < min_value:
            raise CellError(f"不能小于 {min_value}", f"must be at least {min_value}")
        if abs(number) > MAX_INTEGER:
            raise CellError(
                f"数值过大：不能超过 {MAX_INTEGER:,}", f"too large: at most {MAX_INTEGER:,}"
            )
        return int(number)

    return parse


def decimal(min_value: Decimal | None = Decimal(0), places: int = 2) -> Parser:
    """A decimal number, at least ``min_value`` (``30,000,000``, ``3000万``, ``1.2亿`` are read)."""

    def parse(value: Any) -> Decimal:
        number, scale = cells.number(value)
        number = number * (scale or 1)
        if abs(number) > cells.LIMITS["yuan"]:
            raise CellError("数值超出合理范围", "the number is out of range")
        if min_value is not None and number < min_value:
            raise CellError(f"不能为负数（不能小于 {min_value}）", f"must not be below {min_value}")
        return number.quantize(Decimal(1).scaleb(-places))

    return parse


def date() -> Parser:
    """A date cell or text (``2025-03-01``, ``2025/3/1``, ``2025年3月1日``)."""
    return cells.date


def boolean() -> Parser:
    """是/否, 有/无, Y/N, true/false, 1/0 (the template offers 是/否 as a drop-down)."""

    def parse(value: Any) -> Any:
        return cells.boolean(value)

    parse.options = ("是", "否")  # type: ignore[attr-defined]
    return parse


def choice(options: dict[str, Any], what: str) -> Parser:
    """One of ``options`` (keys are what users type: code or label)."""

    def parse(value: Any) -> Any:
        s = str(value).strip()
        if s in options:
            return options[s]
        raise CellError(f"不是有效的{what}「{s}」", f"unknown {what}: {s!r}")

    # The template's drop-down offers the Chinese labels (the codes stay accepted).
    labels = [k for k in options if not k.isascii()]
    parse.options = tuple(labels or options)  # type: ignore[attr-defined]
    return parse


@dataclass(frozen=True)
class ImportColumn:
    """One template column: data key, header text, parser, whether it is required, a note."""

    key: str
    header: str
    parse: Parser
    required: bool = True
    note: str = ""
    options: Sequence[str] = ()  # the template's drop-down (default: the parser's options)

    @property
    def dropdown(self) -> Sequence[str]:
        return self.options or getattr(self.parse, "options", ())


@dataclass
class ImportOutcome:
    """What happened: rows stored, or every error and the annotated workbook."""

    total_rows: int = 0
    stored: int = 0
    errors: dict[int, list[str]] = field(default_factory=dict)
    annotated: bytes | None = None
    rejected: str = ""
    status: int = 422  # the HTTP status of a rejected import (503 when the database was down)

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
    # Catalogue field code → this importer's column key, where they differ.
    key_aliases: ClassVar[dict[str, str]] = {}
    notes: ClassVar[Sequence[str]] = ()
    first_row: int = FIRST_DATA_ROW  # the number of the first data row in messages

    def unique_key(self, data: dict[str, Any]) -> Any:
        """A key two rows of one file may not share (``None``: no duplicate check)."""
        return None

    def check_row(self, data: dict[str, Any]) -> list[str]:
        """Cross-field and database checks of one parsed row; messages (zh / en)."""
        return []

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        """Store all rows (called inside one transaction); returns how many were stored."""
        raise NotImplementedError

    def dropdown_options(self) -> dict[str, Sequence[str]]:
        """Drop-down values of coded columns, by column key (override to add lists read from
        the database, e.g. regions or industry codes)."""
        return {c.key: c.dropdown for c in self.columns if c.dropdown}

    def template(self) -> bytes:
        """The downloadable template: headers with drop-downs on coded columns, and a sheet
        explaining each column."""
        header = [c.header for c in self.columns]
        options = self.dropdown_options()
        dropdowns = {i: options[c.key] for i, c in enumerate(self.columns) if c.key in options}
        guide = [[c.header, c.key, "必填" if c.required else "选填", c.note] for c in self.columns]
        return write_workbook(
            [
                Sheet(
                    self.title,
                    header,
                    [],
                    comments={c.header: c.note for c in self.columns if c.note},
                    dropdowns=dropdowns,
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
        return self.run_rows(header, body, actor=actor)

    def run_rows(
        self,
        header: Sequence[Any],
        body: Sequence[Sequence[Any]],
        *,
        actor: Any,
        first_row: int = FIRST_DATA_ROW,
        annotate: bool = True,
    ) -> ImportOutcome:
        """:meth:`run` on rows already read (the open API sends them as JSON): the same
        columns, parsers, checks and save. ``first_row`` numbers the first data row in the
        messages (2 in a workbook under its header, 1 for the items of a JSON list);
        ``annotate=False`` skips the annotated workbook."""
        self.first_row = first_row
        positions = self._positions(header)
        if self.duplicate_headers:
            return ImportOutcome(
                rejected="同一字段出现多列："
                + "；".join(self.duplicate_headers)
                + "，只能保留一列 / the same field appears in several columns"
            )
        missing = [c.header for c in self.columns if c.required and c.header not in positions]
        if missing:
            return ImportOutcome(
                rejected="缺少必需的列："
                + "、".join(missing)
                + " / missing required columns: "
                + ", ".join(c.key for c in self.columns if c.header in missing)
            )
        rows = [r for r in body if any(v not in (None, "") for v in r)]
        if not rows:
            return ImportOutcome(
                rejected="只有表头，没有数据行 / the file has a header but no data rows"
            )
        outcome = ImportOutcome(total_rows=len(rows))
        parsed: list[dict[str, Any]] = []
        seen: dict[Any, int] = {}
        for idx, raw in enumerate(rows):
            row_no = idx + first_row
            data, messages = self._parse_row(raw, positions, row_no)
            if not messages:
                messages = [f"第{row_no}行：{m}" for m in self.check_row(data)]
                key = self.unique_key(data)
                if key is not None:
                    if key in seen:
                        messages.append(self.duplicate_message(row_no, seen[key]))
                    seen.setdefault(key, row_no)
            if messages:
                outcome.errors[idx] = messages
            parsed.append(data)
        for idx, messages in self.check_all(parsed).items():
            outcome.errors.setdefault(idx, []).extend(messages)
        if outcome.errors:
            if annotate:
                outcome.annotated = annotate_errors(header, rows, outcome.errors)
            return outcome
        try:
            with transaction.atomic():
                outcome.stored = self.save(parsed, actor=actor)
        except ValidationError as exc:
            outcome.rejected = (
                f"保存失败，未写入任何数据 / saving failed, nothing was stored: {exc}"
            )
        except DatabaseError as exc:
            outcome.stored = 0
            failure = classify(exc) or DATABASE_FAILED
            log_failure(failure, None, exc)
            outcome.status = failure.status
            if failure is DATABASE_FAILED:  # a refused row: the database's reason helps
                outcome.rejected = (
                    f"保存失败，未写入任何数据 / saving failed, nothing was stored: {exc}"
                )
            else:  # the database went away: what to do, not the driver's text
                outcome.rejected = (
                    "保存失败，未写入任何数据 / saving failed, nothing was stored. "
                    + failure_message(failure, current_request_id())
                )
        return outcome

    def _positions(self, header: Sequence[str]) -> dict[str, int]:
        """Column header → position: the template's header, the field code, or a label or
        synonym that ``jiazhou.validation.headers`` resolves to the column's key."""
        positions: dict[str, int] = {}
        by_key = {c.key: c.header for c in self.columns}
        self.headers_found: dict[str, str] = {}
        self.duplicate_headers: list[str] = []
        for i, h in enumerate(header):
            name = str(h).strip()
            target = name if name in by_key.values() else by_key.get(name)
            if target is None:
                code = resolve_header(name) or ""
                target = by_key.get(self.key_aliases.get(code, code))
            if target is not None and target in positions:
                self.duplicate_headers.append(f"「{self.headers_found[target]}」与「{name}」")
            elif target is not None:
                positions[target] = i
                self.headers_found[target] = name
        return positions

    def check_all(self, rows: list[dict[str, Any]]) -> dict[int, list[str]]:
        """Checks across rows (data-row index → messages, zh / en); none by default."""
        return {}

    def duplicate_message(self, row_no: int, first: int) -> str:
        """The message for a row whose ``unique_key`` an earlier row already has."""
        return f"第{row_no}行：与第{first}行重复 / row {row_no} duplicates row {first}"

    def column_parser(self, column: ImportColumn) -> Parser:
        """The parser of a column as found in the file (subclasses may read its header)."""
        return column.parse

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
                data[col.key] = self.column_parser(col)(value)
            except CellError as exc:
                messages.append(
                    f"第{row_no}行「{col.header}」：{exc.zh} / row {row_no} {col.key}: {exc.en}"
                )
        return data, messages
