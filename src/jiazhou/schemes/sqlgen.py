"""A scheme as SQL: the per-unit columns every engine (Polars, DuckDB) computes the same way.

:func:`plan` turns a :class:`~jiazhou.schemes.model.Scheme` into ordered *stages* of
``(column, SQL expression)`` pairs; a stage may read the columns of earlier stages only. The
Polars engine compiles each expression with ``polars.sql_expr``; :func:`to_sql` nests the stages
into one ``SELECT`` for DuckDB (or any SQL engine with ``GREATEST``/``LEAST``/``NULLIF``).

Output columns per criterion ``X`` (criteria.md §0.3 states, §8.8 gaps):
``X__status`` (codes of :data:`CRITERION_STATES`: met, unmet, unknown, manual_review,
not_applicable), ``X__value``,
``X__requirement``, ``X__gap``, ``X__rel_gap`` (gates and routes, when declared),
``X__points_min``, ``X__points_max``, ``X__band`` and ``X__boundary`` (items).
Unit totals: ``total_min``, ``total_max``, ``n_unmet``, ``n_unknown``, ``n_review``,
``route_met``, ``gap_score`` and ``status`` (codes of :data:`UNIT_STATES`). Statuses are
small integers (the position in the state tuple) so that a million units stay cheap; the Polars
engine turns them into ``Enum`` columns with the same physical codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jiazhou.schemes.model import OPS, POPULATION_METHODS, Band, Gate, Item, Scheme, SchemeError

Stage = list[tuple[str, str]]

CRITERION_STATES = ("met", "unmet", "unknown", "manual_review", "not_applicable")
UNIT_STATES = ("pass", "review", "unknown", "fail")
MET, UNMET, UNKNOWN, REVIEW, NA = (str(i) for i in range(5))
PASS, UNIT_REVIEW, UNIT_UNKNOWN, FAIL = (str(i) for i in range(4))

_SQL_WORDS = frozenset(
    (
        "and",
        "or",
        "not",
        "is",
        "null",
        "true",
        "false",
        "case",
        "when",
        "then",
        "else",
        "end",
        "in",
        "as",
        "cast",
        "double",
        "integer",
        "bigint",
        "varchar",
        "boolean",
        "between",
        "like",
        "distinct",
        "interval",
        "date",
    )
)
_STRINGS = re.compile(r"'(?:[^']|'')*'")
_IDENTS = re.compile(r"(?<![.\w$])([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()")


def referenced_names(expr: str) -> set[str]:
    """Column names an SQL expression reads (function names and keywords excluded)."""
    bare = _STRINGS.sub("''", expr)
    return {m for m in _IDENTS.findall(bare) if m.lower() not in _SQL_WORDS}


def input_columns(scheme: Scheme) -> set[str]:
    """The unit columns a scheme reads, i.e. every referenced name that it does not derive."""
    derived = {f.name for f in scheme.fields}
    names: set[str] = set()
    for expr in scheme.expressions():
        names |= referenced_names(expr)
    return names - derived


def _dbl(expr: str) -> str:
    return f"CAST(({expr}) AS DOUBLE)"


def _flag(expr: str | None, default: str) -> str:
    return f"COALESCE(({expr}), {default})" if expr else default


def _band_condition(band: Band, value: str, rule: str) -> str:
    if band.when:
        return f"({band.when})"
    op = band.op
    if op is None:
        return "TRUE"
    if band.ambiguous and rule == "unfavourable":
        op = {"ge": "gt", "le": "lt"}[op]
    assert band.at is not None  # the model gives every ``op`` its ``at``
    return f"{value} {OPS[op]} {_num(band.at)}"


def _num(x: float) -> str:
    """A DOUBLE literal on every engine (see :func:`float_literals`).

    Polars, DuckDB and Spark SQL read ``0.5`` as DECIMAL but ``0.5e0`` as DOUBLE; a bare decimal
    literal would make a column DECIMAL on Spark (``total_min`` of a scheme without items) or
    coerce arithmetic through DECIMAL, so every generated number is written this way.
    """
    text = repr(float(x))
    return text if "e" in text else f"{text}e0"


ZERO = _num(0.0)


DIGITS = 10  # values are compared after rounding, so 0.03 computed as 0.0299…97 meets "≥ 3 %"


def _rounded(expr: str) -> str:
    return f"ROUND({_dbl(expr)}, {DIGITS})"


def _gate_values(g: Gate) -> Stage:
    """Stage 1 of a gate: its displayed value and requirement (read by the later stages)."""
    out: Stage = []
    if g.value:
        out.append((f"{g.id}__value", _dbl(g.value)))
    if g.requirement:
        out.append((f"{g.id}__requirement", _dbl(g.requirement)))
    return out


def _gate_condition(g: Gate) -> Stage:
    """Stage 2: the boolean condition ``_{id}_ok`` — ``when``, or value against requirement."""
    if g.when is not None:
        return [(f"_{g.id}_ok", f"({g.when})")]
    if g.direction and g.value and g.requirement:
        op = ">=" if g.direction == "min" else "<="
        return [
            (
                f"_{g.id}_ok",
                f"ROUND({g.id}__value, {DIGITS}) {op} ROUND({g.id}__requirement, {DIGITS})",
            )
        ]
    return []


def _gate_columns(g: Gate) -> Stage:
    """Stage 3: status, gap and relative gap from the earlier columns."""
    out: Stage = []
    na = f"NOT {_flag(g.applies, 'TRUE')}" if g.applies else "FALSE"
    ok = f"_{g.id}_ok"
    if not _gate_condition(g):
        status = REVIEW
    elif g.review:  # false → unmet (1); true or null → manual_review (3)
        status = f"COALESCE(3 - 2 * CAST(NOT {ok} AS INTEGER), {REVIEW})"
    else:  # true → met (0); false → unmet (1); null → unknown (2)
        status = f"COALESCE(CAST(NOT {ok} AS INTEGER), {UNKNOWN})"
    if g.applies:
        status = f"CASE WHEN {na} THEN {NA} ELSE {status} END"
    out.append((f"{g.id}__status", status))
    if g.direction and g.value and g.requirement:
        v, q = f"{g.id}__value", f"{g.id}__requirement"
        short = f"({q} - {v})" if g.direction == "min" else f"({v} - {q})"
        out.append((f"{g.id}__rel_gap", f"GREATEST({ZERO}, {short}) / NULLIF(ABS({q}), 0)"))
        out.append((f"{g.id}__gap", _dbl(g.gap) if g.gap else f"GREATEST({ZERO}, {short})"))
    elif g.gap:
        out.append((f"{g.id}__gap", _dbl(g.gap)))
    return out


def _item_value(i: Item, columns: set[str]) -> str:
    if i.method == "manual":
        return _dbl(i.input) if i.input and i.input in columns else "CAST(NULL AS DOUBLE)"
    assert i.value is not None
    return _rounded(i.value)


def _case(branches: Sequence[tuple[str | None, str]], default: str) -> str:
    """``CASE WHEN … END`` over the branches whose condition exists (``None`` = never true)."""
    live = [f"WHEN {c} THEN {v}" for c, v in branches if c is not None]
    return f"CASE {' '.join(live)} ELSE {default} END" if live else default


def _constant_status(c: Gate | Item, columns: set[str]) -> str | None:
    """The status code of a criterion that is the same for every unit (expert-only ones)."""
    if isinstance(c, Gate):
        return REVIEW if not c.applies and not _gate_condition(c) else None
    manual = c.method == "manual" and not (c.input and c.input in columns)
    return REVIEW if manual and not c.applies else None


def _item_points(i: Item, rule: str, columns: set[str]) -> Stage:
    """Band, points interval, status (and boundary flag) of one SQL-computable item.

    Conditions that cannot hold (no ``applies``, no ``review_when``) and unit weights are left
    out of the SQL, so that constant criteria stay constants.
    """
    v = f"{i.id}__value"
    unit_weight = i.weight == "1.0"

    def weighted(x: str) -> str:
        return x if unit_weight else f"{x} * ({i.weight})"

    na = f"NOT {_flag(i.applies, 'TRUE')}" if i.applies else None
    review = f"_{i.id}_review" if i.review_when else None
    zero = ZERO
    top = weighted(_num(i.max))
    if i.method == "manual":
        assert i.range is not None
        lo, hi = i.range
        if i.input and i.input in columns:
            clamp = f"LEAST({_num(i.max)}, GREATEST({ZERO}, {v}))"
            pmin = _case([(na, zero), (f"{v} IS NULL", weighted(_num(lo)))], weighted(clamp))
            pmax = _case([(na, zero), (f"{v} IS NULL", weighted(_num(hi)))], weighted(clamp))
            status = _case([(na, NA), (f"{v} IS NULL", REVIEW), (f"{clamp} > 0", MET)], UNMET)
        else:
            pmin = _case([(na, zero)], weighted(_num(lo)))
            pmax = _case([(na, zero)], weighted(_num(hi)))
            status = _case([(na, NA)], REVIEW)
        return [
            (f"{i.id}__points_min", pmin),
            (f"{i.id}__points_max", pmax),
            (f"{i.id}__status", status),
        ]
    if i.method == "events":
        return _event_points(i, weighted, na)
    if i.method == "formula":
        assert i.points is not None
        p = f"LEAST({_num(i.max)}, GREATEST({ZERO}, {_dbl(i.points)}))"
        unknown = f"{v} IS NULL OR ({p}) IS NULL"
        return [
            (
                f"{i.id}__points_min",
                _case([(na, zero), (unknown, zero), (review, zero)], weighted(p)),
            ),
            (
                f"{i.id}__points_max",
                _case([(na, zero), (unknown, top), (review, top)], weighted(p)),
            ),
            (
                f"{i.id}__status",
                _case([(na, NA), (unknown, UNKNOWN), (review, REVIEW), (f"{p} > 0", MET)], UNMET),
            ),
        ]
    b = f"{i.id}__band"
    out: Stage = []
    for end, k in (("min", 0), ("max", 1)):
        pts = [(f"{b} = {n}", _num(x.points[k])) for n, x in enumerate(i.bands[:-1])]
        last = _num(i.bands[-1].points[k])
        missing = zero if end == "min" else top
        head: list[tuple[str | None, str]] = [
            (na, zero),
            (f"{b} IS NULL", missing),
            (review, missing),
        ]
        if unit_weight:  # b is a band index 0 … n-1 here: the last band is the ELSE
            expr = _case([*head, *pts], last)
        else:
            expr = _case(head, f"({_case(pts, last)}) * ({i.weight})")
        out.append((f"{i.id}__points_{end}", expr))
    interval = [str(n) for n, x in enumerate(i.bands) if x.points[0] < x.points[1]]
    positive = [str(n) for n, x in enumerate(i.bands) if x.points[0] == x.points[1] > 0]
    status = _case(
        [
            (na, NA),
            (f"{b} IS NULL", UNKNOWN),
            (review, REVIEW),
            (f"{b} IN ({', '.join(interval)})" if interval else None, REVIEW),
            (f"{b} IN ({', '.join(positive)})" if positive else None, MET),
        ],
        UNMET,
    )
    out.append((f"{i.id}__status", status))
    ambiguous = [x for x in i.bands if x.ambiguous]
    if ambiguous:
        hits = " OR ".join(f"{v} = {_num(x.at)}" for x in ambiguous if x.at is not None)
        out.append((f"{i.id}__boundary", f"COALESCE(({hits}), FALSE)"))
    return out


def _event_points(i: Item, weighted: Callable[[str], str], na: str | None) -> Stage:
    """加分 / 减分 events: ``per_event`` points for each event counted by ``value`` (no value →
    no event), at most ``max`` points either way. A bonus earned is ``met``; a penalty incurred
    is ``unmet`` (shown, never blocking: items do not count towards ``n_unmet``)."""
    assert i.per_event is not None
    count = f"COALESCE({i.id}__value, {ZERO})"
    raw = f"{_num(i.per_event)} * {count}"
    p = f"LEAST({_num(i.max)}, {raw})" if i.per_event >= 0 else f"GREATEST({_num(-i.max)}, {raw})"
    hit, miss = (MET, UNMET) if i.per_event >= 0 else (UNMET, MET)
    pts = _case([(na, ZERO)], weighted(p))
    return [
        (f"{i.id}__points_min", pts),
        (f"{i.id}__points_max", pts),
        (f"{i.id}__status", _case([(na, NA), (f"{count} <> 0", hit)], miss)),
    ]


def _band_index(i: Item, rule: str) -> str:
    v = f"{i.id}__value"
    whens = " ".join(
        f"WHEN {_band_condition(x, v, rule)} THEN {n}" for n, x in enumerate(i.bands[:-1])
    )
    return f"CASE WHEN {v} IS NULL THEN NULL {whens} ELSE {len(i.bands) - 1} END"


@dataclass(frozen=True)
class Plan:
    """Stages before and after the population-relative items (computed outside SQL)."""

    pre: list[Stage]
    population: tuple[Item, ...]
    post: list[Stage]


def _sum(terms: list[str]) -> str:
    return " + ".join(terms) if terms else ZERO


def _count(statuses: list[tuple[str, str | None]], *states: str) -> list[str]:
    """Terms counting the ``(column, constant code)`` statuses that are in ``states``.

    Constant statuses add up to one literal; a list of only constants that never match, or no
    status at all, still gives an INTEGER zero (so the count's type does not depend on the
    scheme).
    """
    test = f"= {states[0]}" if len(states) == 1 else f"IN ({', '.join(states)})"
    terms = [f"CAST({c} {test} AS INTEGER)" for c, k in statuses if k is None]
    fixed = sum(1 for _, k in statuses if k in states)
    if fixed or not terms:
        terms.append(f"CAST({fixed} AS INTEGER)")
    return terms


def plan(scheme: Scheme, columns: set[str]) -> Plan:
    """The stages that compute every criterion column and the unit totals."""
    rule = scheme.boundary_rule
    gates = (*scheme.gates, *scheme.routes)
    pre: list[Stage] = [[(f.name, f.expr)] for f in scheme.fields]
    pre.append(
        [c for g in gates for c in _gate_values(g)]
        + [(f"{i.id}__value", _item_value(i, columns)) for i in scheme.items]
    )
    flags = [c for g in gates for c in _gate_condition(g)]
    flags += [(f"{i.id}__band", _band_index(i, rule)) for i in scheme.items if i.method == "bands"]
    flags += [
        (f"_{i.id}_review", _flag(i.review_when, "FALSE")) for i in scheme.items if i.review_when
    ]
    pre.append(flags)
    pre.append([c for g in gates for c in _gate_columns(g)])
    sql_items = [i for i in scheme.items if i.method not in POPULATION_METHODS]
    if sql_items:
        pre.append([c for i in sql_items for c in _item_points(i, rule, columns)])
    population = tuple(i for i in scheme.items if i.method in POPULATION_METHODS)
    return Plan(pre=pre, population=population, post=_totals(scheme, columns))


def _group_depth(scheme: Scheme, gid: str) -> int:
    parents = {g.id: g.parent for g in scheme.groups}
    depth, node = 0, parents[gid]
    while node is not None:
        depth, node = depth + 1, parents[node]
    return depth


def _totals(scheme: Scheme, columns: set[str]) -> list[Stage]:
    stages: list[Stage] = []
    for g in sorted(scheme.groups, key=lambda g: -_group_depth(scheme, g.id)):
        kids = [i.id for i in scheme.items if i.group == g.id]
        kids += [c.id for c in scheme.groups if c.parent == g.id]
        cols = []
        for end in ("min", "max"):
            terms = [f"{k}__points_{end}" for k in kids]
            if not terms:
                expr = ZERO
            elif g.combine == "max" and len(terms) > 1:
                expr = f"GREATEST({', '.join(terms)})"
            else:
                expr = _sum(terms)
            if g.max is not None:
                expr = f"LEAST({_num(g.max)}, {expr})"
            if g.floor is not None:
                expr = f"GREATEST({_num(g.floor)}, {expr})"
            cols.append((f"{g.id}__points_{end}", expr))
        stages.append(cols)
    top = [i.id for i in scheme.items if i.group is None]
    top += [g.id for g in scheme.groups if g.parent is None]

    def statuses(cs: tuple[Gate, ...] | tuple[Item, ...]) -> list[tuple[str, str | None]]:
        return [(f"{c.id}__status", _constant_status(c, columns)) for c in cs]

    required = statuses(tuple(g for g in scheme.gates if g.required))
    items = statuses(scheme.items)
    routes = statuses(scheme.routes)
    gap_terms = [
        f"(CASE WHEN {g.id}__status = {UNMET} THEN COALESCE({g.id}__rel_gap, {ZERO}) ELSE {ZERO} END)"
        for g in scheme.gates
        if g.required and g.direction
    ]
    if required:  # required gates' open states, shared by n_open, n_unknown and n_review
        stages.append(
            [
                ("_req_unknown", _sum(_count(required, UNKNOWN))),
                ("_req_review", _sum(_count(required, REVIEW))),
            ]
        )
        req_unknown, req_review = ["_req_unknown"], ["_req_review"]
    else:
        req_unknown = req_review = []
    stages.append(
        [
            ("total_min", _sum([f"{k}__points_min" for k in top])),
            ("total_max", _sum([f"{k}__points_max" for k in top])),
            ("n_unmet", _sum(_count(required, UNMET))),
            ("n_open", _sum([*req_unknown, *req_review])),
            ("n_unknown", _sum([*req_unknown, *_count(items, UNKNOWN)])),
            ("n_review", _sum([*req_review, *_count(items, REVIEW)])),
            ("route_met", f"({_sum(_count(routes, MET))}) > 0"),
            ("route_possible", f"({_sum(_count(routes, MET, UNKNOWN, REVIEW))}) > 0"),
            ("gap_score", _sum(gap_terms)),
        ]
    )
    stages.append(
        [("score_ok_min", _score_ok(scheme, "min")), ("score_ok_max", _score_ok(scheme, "max"))]
    )
    stages.append(
        [
            (
                "status",
                f"CASE WHEN n_unmet > 0 THEN {FAIL} "
                f"WHEN NOT (score_ok_max OR route_possible) THEN {FAIL} "
                f"WHEN n_open = 0 AND (score_ok_min OR route_met) THEN {PASS} "
                f"WHEN n_unknown > 0 THEN {UNIT_UNKNOWN} ELSE {UNIT_REVIEW} END",
            )
        ]
    )
    return stages


def _score_ok(scheme: Scheme, end: str) -> str:
    o = scheme.outcome
    if not o.scored:
        return "TRUE"
    terms = [f"total_{end} {o.pass_op} {_num(o.pass_mark)}"] if o.pass_mark is not None else []
    terms += [f"{k}__points_{end} >= {_num(v)}" for k, v in o.min_points.items()]
    return " AND ".join(terms) or "TRUE"


def to_sql(scheme: Scheme, columns: set[str], table: str = "units") -> str:
    """One ``SELECT`` computing the scheme's per-unit columns from ``table`` (plain SQL)."""
    p = plan(scheme, columns)
    if p.population:
        raise SchemeError(
            f"{scheme.source}: 方案 {scheme.code} 含总体相对指标，须由 jiazhou.index 计算 / "
            f"population-relative items {[i.id for i in p.population]} run in jiazhou.index, "
            "not in plain SQL"
        )
    sql = f"SELECT * FROM {table}"
    for n, stage in enumerate([*p.pre, *p.post]):
        cols = ",\n  ".join(f"{expr} AS {name}" for name, expr in stage)
        sql = f"SELECT *,\n  {cols}\nFROM ({sql}) AS s{n}"
    return sql
