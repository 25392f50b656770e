"""Dated incidents (``uscc``, ``date``, ``kind``) for the incident windows of the schemes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import polars as pl

from jiazhou.schemes.panel import EVENT_SCHEMA, INCIDENT_KINDS
from jiazhou.validation import cells
from jiazhou.validation.cells import CellError
from jiazhou.validation.table import FIRST_DATA_ROW, Problem, Validation, _Checker, _today

HEADERS = {
    "uscc": "uscc",
    "统一社会信用代码": "uscc",
    "信用代码": "uscc",
    "date": "date",
    "日期": "date",
    "发生日期": "date",
    "occurred_on": "date",
    "kind": "kind",
    "类型": "kind",
    "事件类型": "kind",
    "种类": "kind",
}
LABELS = {"uscc": "统一社会信用代码", "date": "发生日期", "kind": "事件类型"}
KINDS = {
    **{k: k for k in INCIDENT_KINDS},
    **{v: k for k, v in INCIDENT_KINDS.items()},
    "重大安全": "major_safety",
    "重大质量": "major_quality",
    "环境违法": "serious_environmental",
    "严重环境违法": "serious_environmental",
    "科研失信": "research_misconduct",
    "科研严重失信": "research_misconduct",
    "网络安全": "network_data_security",
    "数据安全": "network_data_security",
}


def kind(value: Any) -> str:
    s = str(value).strip()
    if s in KINDS:
        return KINDS[s]
    shown = "、".join(INCIDENT_KINDS.values())
    raise CellError(f"「{s}」不是事件类型（可填：{shown}）", f"{s!r} is not an incident kind")


def validate_events(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    source: str = "事件",
    today: dt.date | None = None,
) -> Validation:
    """Check an incidents table; the frame (``uscc``, ``date``, ``kind``) only without errors."""
    ck = _Checker(source, "元", today or _today())
    pos = {}
    for i, h in enumerate(header):
        code = HEADERS.get(str(h or "").strip())
        if code and code not in pos:
            pos[code] = i
    problems: list[Problem] = []
    for code in ("uscc", "date", "kind"):
        if code not in pos:
            problems.append(
                Problem(
                    "error",
                    source,
                    f"缺少必需的列「{LABELS[code]}」({code})",
                    f"missing required column {code}",
                    column=code,
                    column_label=LABELS[code],
                )
            )
    if problems:
        return Validation(None, problems)
    parse = {"uscc": ck.uscc, "date": lambda v: cells.date(v, ck.today), "kind": kind}
    out: dict[str, list[Any]] = {c: [] for c in parse}
    for idx, raw in enumerate(rows):
        for code, p in pos.items():
            cell = raw[p] if p < len(raw) else None
            value = None
            if cells.is_blank(cell):
                problems.append(
                    Problem(
                        "error",
                        source,
                        "必填，不能为空",
                        "required",
                        idx + FIRST_DATA_ROW,
                        code,
                        LABELS[code],
                    )
                )
            else:
                try:
                    value = parse[code](cell)
                except CellError as exc:
                    problems.append(
                        Problem(
                            "error",
                            source,
                            exc.zh,
                            exc.en,
                            idx + FIRST_DATA_ROW,
                            code,
                            LABELS[code],
                        )
                    )
            out[code].append(value)
    if problems:
        return Validation(None, problems)
    return Validation(pl.DataFrame(out, schema=EVENT_SCHEMA))
