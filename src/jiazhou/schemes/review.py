"""Settling a unit's result once an expert has judged its ``manual_review`` criteria.

The engine scores what data can decide and leaves expert-judged items as point intervals and
review gates as ``manual_review`` (criteria.md §0.3, §1.5 "estimated total"). An expert then
confirms each review gate (met / unmet) and picks the points of each item inside its interval;
:func:`settle` recomputes the unit's totals and status with the same rules as the engine's SQL
(:func:`jiazhou.schemes.sqlgen._totals`): groups combine their children by sum (or max), capped
at ``max`` and floored at ``floor``; the total is the sum of the top-level items and groups; the
status is ``fail`` when a required gate is unmet or the score cannot reach the pass mark,
``pass`` when nothing is open and the score (or a direct route) qualifies, else ``unknown``
while data are missing, else ``review``.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass

from jiazhou.schemes.model import Scheme

MET, UNMET, UNKNOWN, REVIEW, NA = "met", "unmet", "unknown", "manual_review", "not_applicable"
_OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}


@dataclass(frozen=True)
class Criterion:
    """One stored criterion of a unit: kind (gate/route/item), state and points interval."""

    kind: str
    status: str
    points_min: float | None = None
    points_max: float | None = None


@dataclass(frozen=True)
class Settled:
    status: str  # pass / review / unknown / fail
    total_min: float
    total_max: float
    n_unmet: int
    n_unknown: int
    n_review: int
    criteria: Mapping[str, Criterion]

    @property
    def total(self) -> float | None:
        return self.total_min if self.total_min == self.total_max else None


class ReviewError(ValueError):
    """A decision the expert may not make (outside the interval, not under review...)."""


def apply_decisions(
    criteria: Mapping[str, Criterion], decisions: Mapping[str, float | bool]
) -> dict[str, Criterion]:
    """The criteria after the expert's ``decisions``: a gate or route id → ``True`` (met) or
    ``False`` (unmet); an item id → points within the stored interval [min, max]."""
    out = dict(criteria)
    for cid, decision in decisions.items():
        c = criteria.get(cid)
        if c is None or c.status != REVIEW:
            raise ReviewError(f"{cid}: 该项不在专家评审范围 / not under manual review")
        if c.kind in ("gate", "route"):
            if not isinstance(decision, bool):
                raise ReviewError(f"{cid}: 须判定符合或不符合 / decide met or unmet")
            out[cid] = Criterion(c.kind, MET if decision else UNMET, c.points_min, c.points_max)
            continue
        if isinstance(decision, bool):
            raise ReviewError(f"{cid}: 须填写分值 / points required")
        low = c.points_min if c.points_min is not None else 0.0
        high = c.points_max if c.points_max is not None else low
        points = float(decision)
        if not low <= points <= high:
            raise ReviewError(
                f"{cid}: 分值须在 {low:g}–{high:g} 之间 / points must lie in [{low:g}, {high:g}]"
            )
        out[cid] = Criterion(c.kind, MET if points > 0 else UNMET, points, points)
    return out


def settle(
    scheme: Scheme, criteria: Mapping[str, Criterion], decisions: Mapping[str, float | bool]
) -> Settled:
    """Apply ``decisions`` and recompute the unit's totals and status (see the module doc)."""
    after = apply_decisions(criteria, decisions)
    points: dict[str, tuple[float, float]] = {}
    for item in scheme.items:
        c = after.get(item.id)
        if c is None or c.status == NA:
            points[item.id] = (0.0, 0.0)
        else:
            low = c.points_min or 0.0  # an interval without its upper end is [low, low]
            points[item.id] = (low, c.points_max if c.points_max is not None else low)
    parents = {g.id: g.parent for g in scheme.groups}

    def depth(gid: str) -> int:
        d, node = 0, parents[gid]
        while node is not None:
            d, node = d + 1, parents[node]
        return d

    for g in sorted(scheme.groups, key=lambda g: -depth(g.id)):
        kids = [i.id for i in scheme.items if i.group == g.id]
        kids += [c.id for c in scheme.groups if c.parent == g.id]
        ends = []
        for end in (0, 1):
            values = [points[k][end] for k in kids]
            value = (max(values) if g.combine == "max" else sum(values)) if values else 0.0
            if g.max is not None:
                value = min(g.max, value)
            if g.floor is not None:
                value = max(g.floor, value)
            ends.append(value)
        points[g.id] = (ends[0], ends[1])
    top = [i.id for i in scheme.items if i.group is None]
    top += [g.id for g in scheme.groups if g.parent is None]
    total_min = round(sum(points[k][0] for k in top), 10)
    total_max = round(sum(points[k][1] for k in top), 10)

    required = [after[g.id] for g in scheme.gates if g.required and g.id in after]
    items = [after[i.id] for i in scheme.items if i.id in after]
    routes = [after[r.id] for r in scheme.routes if r.id in after]
    n_unmet = sum(c.status == UNMET for c in required)
    req_unknown = sum(c.status == UNKNOWN for c in required)
    req_review = sum(c.status == REVIEW for c in required)
    n_open = req_unknown + req_review
    n_unknown = req_unknown + sum(c.status == UNKNOWN for c in items)
    n_review = req_review + sum(c.status == REVIEW for c in items)
    route_met = any(c.status == MET for c in routes)
    route_possible = any(c.status in (MET, UNKNOWN, REVIEW) for c in routes)

    def score_ok(total: float, end: int) -> bool:
        o = scheme.outcome
        if not o.scored:
            return True
        ok = o.pass_mark is None or _OPS[o.pass_op](total, o.pass_mark)
        return ok and all(points.get(k, (0.0, 0.0))[end] >= v for k, v in o.min_points.items())

    if n_unmet > 0 or not (score_ok(total_max, 1) or route_possible):
        status = "fail"
    elif n_open == 0 and (score_ok(total_min, 0) or route_met):
        status = "pass"
    elif n_unknown > 0:
        status = "unknown"
    else:
        status = "review"
    return Settled(status, total_min, total_max, n_unmet, n_unknown, n_review, after)
