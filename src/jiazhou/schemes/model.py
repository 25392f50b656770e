"""Scheme files (TOML) → validated, immutable :class:`Scheme` objects.

A scheme file declares identity (code, title, 文号, version, effective dates), ``params``
(configurable thresholds, written ``$name`` inside expressions), ``fields`` (derived SQL
expressions), ``gates`` (hard conditions), ``routes`` (direct-qualification conditions, 直通),
``items`` (scored indicators), ``groups`` (the tree items add up in) and ``outcome``. The format
is documented in ``library/README.md``. Every error names the file, the line and the key path.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from jiazhou.schemes import overlay
from jiazhou.schemes.evaluation import (
    Evaluation,
    StageRule,
    evaluation_fields,
    parse_evaluation,
    parse_stages,
)

IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
TAGS = frozenset(("V", "S", "U", "L"))  # criteria.md §0.1 + L = local choice
OPS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}
METHODS = frozenset(
    (
        "bands",
        "manual",
        "formula",
        "minmax",
        "percentile",
        "goalposts",
        "standard_value",
        "mean_ratio",
        "events",
    )
)
POPULATION_METHODS = frozenset(
    ("minmax", "percentile", "goalposts", "standard_value", "mean_ratio")
)
MISSING_RULES = frozenset(("zero", "cohort_mean"))


_DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d*|\.\d+)(?![\w.])")
_QUOTED = re.compile(r"('(?:[^']|'')*')")


def float_literals(expr: str) -> str:
    """Write decimal literals with an exponent (``0.05`` → ``0.05e0``) outside quoted strings.

    Polars and DuckDB read ``0.05`` as DECIMAL but ``0.05e0`` as DOUBLE; scheme arithmetic is
    done in DOUBLE on both engines so that their results agree to the last bit.
    """
    parts = _QUOTED.split(expr)
    return "".join(p if p.startswith("'") else _DECIMAL.sub(r"\1e0", p) for p in parts)


class SchemeError(ValueError):
    """A scheme file that cannot be used: names the file, line, key path and reason."""


@dataclass(frozen=True)
class Band:
    """One row of a band table: a condition (SQL, or ``op`` against ``at``) and its points.

    ``points`` is an interval ``(lo, hi)``; ``lo < hi`` means experts pick the value inside.
    ``ambiguous`` marks a boundary the text puts in two adjacent bands (criteria.md §0.3).
    """

    points: tuple[float, float]
    when: str | None = None
    op: str | None = None
    at: float | None = None
    ambiguous: bool = False
    label: str = ""


@dataclass(frozen=True)
class DerivedField:
    """A derived value: ``name = expr`` over unit columns and earlier fields."""

    name: str
    expr: str
    label_zh: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class Gate:
    """A hard condition (or, in ``routes``, a direct-qualification condition).

    ``when`` is boolean SQL (NULL → ``unknown``); ``review`` means a computed pass still needs
    expert confirmation (``manual_review``). ``direction`` ``min``/``max`` says whether ``value``
    must reach or stay under ``requirement``: without ``when`` that comparison (on values rounded
    to 10 decimals) is the condition; it also sets the default gap and the relative gap of
    criteria.md §8.8. A gate with neither ``when`` nor ``direction`` is always manual.
    """

    id: str
    label_zh: str
    label_en: str
    cite: str
    tag: str
    when: str | None = None
    value: str | None = None
    requirement: str | None = None
    direction: str | None = None
    gap: str | None = None
    gap_unit: str = ""
    applies: str | None = None
    required: bool = True
    review: bool = False
    message_zh: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class Item:
    """A scored indicator with at most ``max`` points (times ``weight``)."""

    id: str
    label_zh: str
    label_en: str
    cite: str
    tag: str
    max: float
    method: str
    group: str | None = None
    value: str | None = None
    bands: tuple[Band, ...] = ()
    points: str | None = None
    range: tuple[float, float] | None = None
    input: str | None = None
    review_when: str | None = None
    applies: str | None = None
    weight: str = "1.0"
    direction: float = 1.0
    low: float | None = None
    high: float | None = None
    standard: float | None = None
    cap: float | None = None
    benchmark: float | None = None
    winsor: tuple[float, float] | None = None
    missing: str = "zero"
    per_event: float | None = None

    @property
    def top(self) -> float:
        """The most points the item can give (``max``, times ``cap`` for a capped ratio)."""
        return self.max * self.cap if self.method == "mean_ratio" and self.cap else self.max


@dataclass(frozen=True)
class Group:
    """A node of the item tree: children combine by ``sum`` or ``max``, capped at ``max``."""

    id: str
    label_zh: str
    label_en: str
    max: float | None = None
    combine: str = "sum"
    parent: str | None = None
    floor: float | None = None


@dataclass(frozen=True)
class ClassRule:
    """An outcome class: by score threshold (``min``) or by cumulative rank share (``share``)."""

    name: str
    min: float | None = None
    share: float | None = None
    ties: str = "up"
    quota: str = "at_most"


@dataclass(frozen=True)
class Outcome:
    """Pass rule, classes and ranks."""

    scored: bool = True
    pass_mark: float | None = None
    pass_op: str = ">="  # noqa: S105 (a comparison operator, not a password)
    min_points: Mapping[str, float] = field(default_factory=dict)
    classes: tuple[ClassRule, ...] = ()
    rank: bool = True
    cite: str = ""


@dataclass(frozen=True)
class Scheme:
    """One official document version, ready to score."""

    code: str
    title_zh: str
    title_en: str
    document: str
    version: str
    effective_from: dt.date
    effective_to: dt.date | None
    boundary_rule: str
    notes: str
    params: Mapping[str, float | str]
    fields: tuple[DerivedField, ...]
    gates: tuple[Gate, ...]
    routes: tuple[Gate, ...]
    items: tuple[Item, ...]
    groups: tuple[Group, ...]
    outcome: Outcome
    source: str = ""
    stages: tuple[StageRule, ...] = ()
    evaluation: Evaluation | None = None
    application_day: tuple[int, int] = (6, 30)

    def validity_zh(self) -> str:
        """The validity period in words: ``2022年6月1日至2026年3月31日`` (or ``起``)."""
        start = (
            f"{self.effective_from.year}年{self.effective_from.month}月{self.effective_from.day}日"
        )
        if self.effective_to is None:
            return f"{start}起"
        end = self.effective_to
        return f"{start}至{end.year}年{end.month}月{end.day}日"

    def in_force(self, on: dt.date) -> bool:
        """Whether the document applies to an application made on ``on``."""
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def expressions(self) -> list[str]:
        """Every SQL expression in the scheme (to find the input columns it reads)."""
        out = [f.expr for f in self.fields]
        for g in (*self.gates, *self.routes):
            out += [x for x in (g.when, g.value, g.requirement, g.gap, g.applies) if x]
        for i in self.items:
            out += [x for x in (i.value, i.points, i.review_when, i.applies, i.weight) if x]
            out += [b.when for b in i.bands if b.when]
        return out


# --- parsing -------------------------------------------------------------------------------------


class _Reader:
    """Reads one TOML document, turning every problem into a located :class:`SchemeError`."""

    def __init__(self, path: str, text: str, params: Mapping[str, float | str] | None) -> None:
        self.path = path
        self.lines = text.splitlines()
        try:
            self.doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            line = m.group(1) if m else "?"
            raise SchemeError(
                f"{path}:{line}: 方案文件不是有效的 TOML / not valid TOML: {exc}"
            ) from exc
        try:
            self.doc = overlay.resolve(self.doc, path)
        except (ValueError, tomllib.TOMLDecodeError) as exc:
            raise SchemeError(str(exc)) from exc
        self.params = {**self.doc.get("params", {}), **(params or {})}

    def line_of(self, key: str) -> int:
        """Line of ``section[n].x`` (the n-th ``[[section]]`` header) or of a top-level key."""
        m = re.match(r"^(\w+)(?:\[(\d+)\])?", key)
        if not m:
            return 0
        name, idx = m.group(1), m.group(2)
        if idx is not None:
            seen = -1
            for no, line in enumerate(self.lines, 1):
                if line.strip() == f"[[{name}]]":
                    seen += 1
                    if seen == int(idx):
                        return no
        for no, line in enumerate(self.lines, 1):
            if re.match(rf"^\s*(\[{name}\]|{name}\s*=)", line):
                return no
        return 0

    def fail(self, key: str, reason: str) -> SchemeError:
        return SchemeError(f"{self.path}:{self.line_of(key)}: {key}: {reason}")

    def table(self, raw: Any, key: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(key, "应为表 / expected a table")
        unknown = set(raw) - allowed
        if unknown:
            raise self.fail(key, f"未知的键 / unknown keys: {sorted(unknown)}")
        missing = required - set(raw)
        if missing:
            raise self.fail(key, f"缺少必填键 / missing keys: {sorted(missing)}")
        return raw

    def sql(self, raw: Any, key: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(key, "应为非空 SQL 表达式 / expected a non-empty SQL expression")

        def substitute(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.params:
                raise self.fail(key, f"未定义的参数 / undefined parameter ${name}")
            value = self.params[name]
            return f"'{value}'" if isinstance(value, str) else repr(float(value))

        expr = float_literals(PARAM.sub(substitute, raw))
        try:
            pl.sql_expr(expr)
        except Exception as exc:  # polars raises several error types for bad SQL
            raise self.fail(
                key, f"SQL 表达式无法解析 / SQL does not parse: {expr!r} ({exc})"
            ) from exc
        return expr

    def ident(self, raw: Any, key: str) -> str:
        if not isinstance(raw, str) or not IDENT.match(raw):
            raise self.fail(key, f"标识符无效 / bad identifier {raw!r} (letters, digits, _)")
        return raw

    def number(self, raw: Any, key: str) -> float:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise self.fail(key, f"应为数字 / expected a number, got {raw!r}")
        return float(raw)

    def tag(self, raw: Any, key: str) -> str:
        if raw not in TAGS:
            raise self.fail(key, f"可信度标记应为 V/S/U/L / tag must be one of V, S, U, L: {raw!r}")
        return str(raw)

    def interval(self, raw: Any, key: str) -> tuple[float, float]:
        if isinstance(raw, list):
            if len(raw) != 2:
                raise self.fail(key, "区间应为 [最小, 最大] / interval must be [min, max]")
            lo, hi = self.number(raw[0], key), self.number(raw[1], key)
        else:
            lo = hi = self.number(raw, key)
        if lo > hi:
            raise self.fail(key, f"区间下限大于上限 / interval {lo} > {hi}")
        return lo, hi


_LABELS = {"label_zh", "label_en", "cite", "tag"}
_GATE_KEYS = _LABELS | {
    "id",
    "when",
    "value",
    "requirement",
    "direction",
    "gap",
    "gap_unit",
    "applies",
    "required",
    "review",
    "message_zh",
    "message_en",
}
_ITEM_KEYS = _LABELS | {
    "id",
    "group",
    "max",
    "method",
    "value",
    "bands",
    "points",
    "range",
    "input",
    "review_when",
    "applies",
    "weight",
    "weight_by",
    "direction",
    "low",
    "high",
    "standard",
    "cap",
    "benchmark",
    "winsor",
    "missing",
    "per_event",
}


def _gate(r: _Reader, raw: Any, key: str) -> Gate:
    t = r.table(raw, key, _GATE_KEYS, {"id", "label_zh", "label_en", "cite", "tag"})
    direction = t.get("direction")
    if direction not in (None, "min", "max"):
        raise r.fail(f"{key}.direction", "应为 min 或 max / must be min or max")
    if direction and not (t.get("value") and t.get("requirement")):
        raise r.fail(
            key, "direction 需要 value 与 requirement / direction needs value and requirement"
        )
    opt = {
        k: r.sql(t[k], f"{key}.{k}")
        for k in ("when", "value", "requirement", "gap", "applies")
        if k in t
    }
    return Gate(
        id=r.ident(t["id"], f"{key}.id"),
        label_zh=t["label_zh"],
        label_en=t["label_en"],
        cite=t["cite"],
        tag=r.tag(t["tag"], f"{key}.tag"),
        direction=direction,
        gap_unit=t.get("gap_unit", ""),
        required=bool(t.get("required", True)),
        review=bool(t.get("review", False)),
        message_zh=t.get("message_zh", ""),
        message_en=t.get("message_en", ""),
        **opt,
    )


def _band(r: _Reader, raw: Any, key: str) -> Band:
    t = r.table(
        raw, key, {"points", "when", "ge", "gt", "le", "lt", "ambiguous", "label"}, {"points"}
    )
    ops = [k for k in OPS if k in t]
    if len(ops) + ("when" in t) > 1:
        raise r.fail(
            key, "一个分档只能有一个条件 / one condition per band (when, ge, gt, le or lt)"
        )
    when = r.sql(t["when"], f"{key}.when") if "when" in t else None
    op = ops[0] if ops else None
    at = r.number(t[op], f"{key}.{op}") if op else None
    if t.get("ambiguous") and op not in ("ge", "le"):
        raise r.fail(key, "ambiguous 仅用于 ge/le 分档 / ambiguous applies to ge or le bands")
    return Band(
        points=r.interval(t["points"], f"{key}.points"),
        when=when,
        op=op,
        at=at,
        ambiguous=bool(t.get("ambiguous", False)),
        label=t.get("label", ""),
    )


def _weight(r: _Reader, t: dict[str, Any], key: str) -> str:
    """An item's weight, a number or a ``CASE`` on a column; never below zero: points counted
    against a unit are an ``events`` item with a negative ``per_event`` (its interval stays one
    number), while an unknown item of negative weight would turn its points interval
    ``[0, max] × weight`` upside down."""

    def weight(raw: Any, at: str) -> float:
        w = r.number(raw, at)
        if w < 0:
            raise r.fail(
                at,
                f"权重不能为负（扣分请用 events 项的负 per_event）/ a weight cannot be negative "
                f"(points taken off are an events item with a negative per_event): {w:g}",
            )
        return w

    if "weight_by" not in t:
        return repr(weight(t.get("weight", 1.0), f"{key}.weight"))
    wb = r.table(
        t["weight_by"], f"{key}.weight_by", {"column", "values", "default"}, {"column", "values"}
    )
    col = r.ident(wb["column"], f"{key}.weight_by.column")
    cases = " ".join(
        f"WHEN {col} = '{v}' THEN {weight(w, f'{key}.weight_by.values')!r}"
        for v, w in wb["values"].items()
    )
    default = weight(wb.get("default", 1.0), f"{key}.weight_by.default")
    return r.sql(f"CASE {cases} ELSE {default!r} END", f"{key}.weight_by")


def _item(r: _Reader, raw: Any, key: str) -> Item:
    t = r.table(
        raw, key, _ITEM_KEYS, {"id", "label_zh", "label_en", "cite", "tag", "max", "method"}
    )
    method = t["method"]
    if method not in METHODS:
        raise r.fail(
            f"{key}.method", f"未知方法 / unknown method {method!r}; use {sorted(METHODS)}"
        )
    need = {
        "bands": {"value", "bands"},
        "manual": {"range"},
        "formula": {"value", "points"},
        "events": {"value", "per_event"},
    }
    missing = need.get(method, {"value"}) - set(t)
    if missing:
        raise r.fail(key, f"方法 {method} 缺少键 / method {method} needs keys {sorted(missing)}")
    bands = tuple(_band(r, b, f"{key}.bands[{n}]") for n, b in enumerate(t.get("bands", [])))
    if method == "bands" and bands and (bands[-1].when or bands[-1].op):
        raise r.fail(
            f"{key}.bands",
            "最后一档应无条件（其他情形）/ the last band must be the "
            "unconditional 'otherwise' band",
        )
    mx = r.number(t["max"], f"{key}.max")
    if mx < 0:  # "at most max points": points taken off are an events item's negative per_event
        raise r.fail(f"{key}.max", f"满分不能为负 / max cannot be negative: {mx:g}")
    for n, b in enumerate(bands):
        if b.points[1] > mx:
            raise r.fail(f"{key}.bands[{n}].points", f"超过满分 / exceeds max {mx}")
    if method == "goalposts" and ("low" not in t or "high" not in t):
        raise r.fail(key, "goalposts 需要 low 与 high / goalposts needs low and high")
    if method == "standard_value" and "standard" not in t:
        raise r.fail(key, "standard_value 需要 standard / standard_value needs standard")
    if "winsor" in t and method != "minmax":
        raise r.fail(f"{key}.winsor", "仅用于 minmax / only for method minmax")
    if ("cap" in t or "benchmark" in t) and method != "mean_ratio":
        raise r.fail(
            key, "cap 与 benchmark 仅用于 mean_ratio / cap and benchmark are for method mean_ratio"
        )
    if t.get("missing", "zero") not in MISSING_RULES:
        raise r.fail(f"{key}.missing", f"应为 / must be one of {sorted(MISSING_RULES)}")
    winsor = r.interval(t["winsor"], f"{key}.winsor") if "winsor" in t else None
    if winsor is not None and not 0 <= winsor[0] < winsor[1] <= 1:
        raise r.fail(f"{key}.winsor", "应为 0 ≤ 下分位 < 上分位 ≤ 1 / need 0 <= lower < upper <= 1")
    opt_sql = {
        k: r.sql(t[k], f"{key}.{k}")
        for k in ("value", "points", "review_when", "applies")
        if k in t
    }
    return Item(
        id=r.ident(t["id"], f"{key}.id"),
        label_zh=t["label_zh"],
        label_en=t["label_en"],
        cite=t["cite"],
        tag=r.tag(t["tag"], f"{key}.tag"),
        max=mx,
        method=method,
        group=t.get("group"),
        bands=bands,
        range=r.interval(t["range"], f"{key}.range") if "range" in t else None,
        input=r.ident(t["input"], f"{key}.input") if "input" in t else None,
        weight=_weight(r, t, key),
        direction=_direction(r, t.get("direction", 1), f"{key}.direction"),
        low=r.number(t["low"], f"{key}.low") if "low" in t else None,
        high=r.number(t["high"], f"{key}.high") if "high" in t else None,
        standard=r.number(t["standard"], f"{key}.standard") if "standard" in t else None,
        cap=r.number(t["cap"], f"{key}.cap") if "cap" in t else None,
        benchmark=r.number(t["benchmark"], f"{key}.benchmark") if "benchmark" in t else None,
        winsor=winsor,
        missing=t.get("missing", "zero"),
        per_event=r.number(t["per_event"], f"{key}.per_event") if "per_event" in t else None,
        **opt_sql,
    )


def _direction(r: _Reader, raw: Any, key: str) -> float:
    """An item's polarity: 1 (higher is better) or −1 (lower is better). Any other number was
    read by each normalisation its own way (0: every firm 0.5 by min–max, 0 by percentile
    rank, as 1 by a benchmark ratio), so it is refused as the index framework refuses it."""
    value = r.number(raw, key)
    if value not in (1.0, -1.0):
        raise r.fail(key, f"应为 1 或 -1 / must be 1 or -1, got {raw!r}")
    return value


def _outcome(r: _Reader, raw: Any, evaluation: bool = False) -> Outcome:
    t = r.table(
        raw,
        "outcome",
        {"scored", "pass_mark", "pass_op", "min_points", "classes", "rank", "cite"},
        set(),
    )
    scored = bool(t.get("scored", True))
    if scored and "pass_mark" not in t and not evaluation:
        raise r.fail("outcome", "计分方案需要 pass_mark / a scored scheme needs pass_mark")
    if t.get("pass_op", ">=") not in (">=", ">"):
        raise r.fail("outcome.pass_op", "应为 '>=' 或 '>' / must be '>=' or '>'")
    classes = []
    for n, c in enumerate(t.get("classes", [])):
        ct = r.table(
            c, f"outcome.classes[{n}]", {"name", "min", "share", "ties", "quota"}, {"name"}
        )
        if ct.get("ties", "up") not in ("up", "down"):
            raise r.fail(f"outcome.classes[{n}].ties", "应为 up 或 down / must be up or down")
        if ct.get("quota", "at_most") not in ("at_most", "at_least"):
            raise r.fail(
                f"outcome.classes[{n}].quota",
                "应为 at_most 或 at_least / must be at_most or at_least",
            )
        classes.append(
            ClassRule(
                ties=ct.get("ties", "up"),
                quota=ct.get("quota", "at_most"),
                name=ct["name"],
                min=r.number(ct["min"], f"outcome.classes[{n}].min") if "min" in ct else None,
                share=r.number(ct["share"], f"outcome.classes[{n}].share")
                if "share" in ct
                else None,
            )
        )
    return Outcome(
        scored=scored,
        pass_mark=r.number(t["pass_mark"], "outcome.pass_mark") if "pass_mark" in t else None,
        pass_op=t.get("pass_op", ">="),
        min_points={
            k: r.number(v, f"outcome.min_points.{k}") for k, v in t.get("min_points", {}).items()
        },
        classes=tuple(classes),
        rank=bool(t.get("rank", True)),
        cite=t.get("cite", ""),
    )


_TOP_KEYS = {
    "code",
    "title_zh",
    "title_en",
    "document",
    "version",
    "effective_from",
    "effective_to",
    "boundary_rule",
    "notes",
    "params",
    "fields",
    "gates",
    "routes",
    "items",
    "groups",
    "outcome",
    "stages",
    "evaluation",
    "base",
    "application_day",
}
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


def _application_day(r: _Reader, raw: Any) -> tuple[int, int]:
    """``application_day = "06-30"``: the usual filing day used when data give no date."""
    m = _MONTH_DAY.match(raw) if isinstance(raw, str) else None
    try:
        if m is None:
            raise ValueError(raw)
        dt.date(2024, int(m.group(1)), int(m.group(2)))  # a leap year accepts 02-29
    except ValueError as exc:
        raise r.fail("application_day", f"应为 MM-DD / expected MM-DD, got {raw!r}") from exc
    return int(m.group(1)), int(m.group(2))


def parse_scheme(
    text: str, path: str = "<string>", params: Mapping[str, float | str] | None = None
) -> Scheme:
    """Parse and validate scheme TOML; ``params`` override the file's ``[params]``."""
    r = _Reader(path, text, params)
    d = r.table(
        r.doc,
        "scheme",
        _TOP_KEYS,
        {"code", "title_zh", "title_en", "document", "version", "effective_from"},
    )
    for k in ("effective_from", "effective_to"):
        if k in d and not isinstance(d[k], dt.date):
            raise r.fail(k, "应为 TOML 日期 / expected a TOML date (YYYY-MM-DD)")
    rule = d.get("boundary_rule", "favourable")
    if rule not in ("favourable", "unfavourable"):
        raise r.fail(
            "boundary_rule", "应为 favourable 或 unfavourable / favourable or unfavourable"
        )
    stages = parse_stages(r, d["stages"]) if "stages" in d else ()
    evaluation = parse_evaluation(r, d["evaluation"]) if "evaluation" in d else None
    fields = [DerivedField(*f) for f in evaluation_fields(stages, evaluation)]
    for n, f in enumerate(d.get("fields", [])):
        ft = r.table(f, f"fields[{n}]", {"name", "expr", "label_zh", "label_en"}, {"name", "expr"})
        fields.append(
            DerivedField(
                r.ident(ft["name"], f"fields[{n}].name"),
                r.sql(ft["expr"], f"fields[{n}].expr"),
                ft.get("label_zh", ""),
                ft.get("label_en", ""),
            )
        )
    gates = tuple(_gate(r, g, f"gates[{n}]") for n, g in enumerate(d.get("gates", [])))
    routes = tuple(_gate(r, g, f"routes[{n}]") for n, g in enumerate(d.get("routes", [])))
    items = tuple(_item(r, i, f"items[{n}]") for n, i in enumerate(d.get("items", [])))
    groups = []
    for n, g in enumerate(d.get("groups", [])):
        key = f"groups[{n}]"
        gt = r.table(
            g,
            key,
            {"id", "label_zh", "label_en", "max", "combine", "parent", "floor"},
            {"id", "label_zh", "label_en"},
        )
        if gt.get("combine", "sum") not in ("sum", "max"):
            raise r.fail(f"{key}.combine", "应为 sum 或 max / must be sum or max")
        groups.append(
            Group(
                r.ident(gt["id"], f"{key}.id"),
                gt["label_zh"],
                gt["label_en"],
                r.number(gt["max"], f"{key}.max") if "max" in gt else None,
                gt.get("combine", "sum"),
                gt.get("parent"),
                r.number(gt["floor"], f"{key}.floor") if "floor" in gt else None,
            )
        )
    outcome = _outcome(r, d.get("outcome", {"scored": False}), evaluation is not None)
    scheme = Scheme(
        code=d["code"],
        title_zh=d["title_zh"],
        title_en=d["title_en"],
        document=d["document"],
        version=str(d["version"]),
        effective_from=d["effective_from"],
        effective_to=d.get("effective_to"),
        boundary_rule=rule,
        notes=d.get("notes", ""),
        params=r.params,
        fields=tuple(fields),
        gates=gates,
        routes=routes,
        items=items,
        groups=tuple(groups),
        outcome=outcome,
        source=path,
        stages=stages,
        evaluation=evaluation,
        application_day=_application_day(r, d.get("application_day", "06-30")),
    )
    _check_references(r, scheme)
    return scheme


def _check_references(r: _Reader, s: Scheme) -> None:
    """Unique ids, groups that exist, an acyclic tree, ``min_points`` naming real nodes."""
    seen: set[str] = set()
    for key, ident in [
        *((f"fields[{n}]", f.name) for n, f in enumerate(s.fields)),
        *((f"gates[{n}]", g.id) for n, g in enumerate(s.gates)),
        *((f"routes[{n}]", g.id) for n, g in enumerate(s.routes)),
        *((f"items[{n}]", i.id) for n, i in enumerate(s.items)),
        *((f"groups[{n}]", g.id) for n, g in enumerate(s.groups)),
    ]:
        if ident in seen:
            raise r.fail(key, f"重复的标识 / duplicate id {ident!r}")
        seen.add(ident)
    group_ids = {g.id for g in s.groups}
    for n, i in enumerate(s.items):
        if i.group is not None and i.group not in group_ids:
            raise r.fail(f"items[{n}].group", f"未定义的分组 / unknown group {i.group!r}")
    parents = {g.id: g.parent for g in s.groups}
    for n, g in enumerate(s.groups):
        node, depth = g.parent, 0
        while node is not None:
            if node not in parents:
                raise r.fail(f"groups[{n}].parent", f"未定义的分组 / unknown group {node!r}")
            node, depth = parents[node], depth + 1
            if depth > len(parents):
                raise r.fail(f"groups[{n}].parent", "分组存在循环 / the group tree has a cycle")
    nodes = group_ids | {i.id for i in s.items}
    for k in s.outcome.min_points:
        if k not in nodes:
            raise r.fail("outcome.min_points", f"未定义的指标或分组 / unknown item or group {k!r}")
    if s.items and not s.outcome.scored:
        raise r.fail("outcome", "有计分指标的方案须计分 / a scheme with items must be scored")


def read_scheme(path: str | Path, params: Mapping[str, float | str] | None = None) -> Scheme:
    """Read one scheme file."""
    p = Path(path)
    return parse_scheme(p.read_text(encoding="utf-8"), str(p), params)
