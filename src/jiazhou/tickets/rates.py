"""三率 (响应率 / 解决率 / 满意率), the composite score and 红黑榜 (spec §4.4).

Definitions (our proposal, matching common usage [U]):

* 响应率 = tickets first contacted within the response limit / tickets whose response was due
  in the period (response due instant in ``[start, end)``);
* 解决率 = callbacks answering "resolved" / callbacks with an answer in the period; a repeat
  ticket (§4.5) raised in the period counts once more, unresolved, against the unit of the
  ticket it repeats ("repeats count against the first unit's 解决率");
* 满意率 = (非常满意 + 满意 + 基本满意, levels 5-3 of the 好差评 scale, 国办发〔2019〕51号 [S]) /
  callbacks with a satisfaction level in the period.

Composite = Σ weight × rate with the weights of 准格尔旗: 响应 30 % / 解决 35 % / 满意 35 % [S];
rounded half-up to 0.1. A unit with no denominator for some rate has no composite (unranked).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

#: 准格尔旗 weights [S]: 响应 30 %, 解决 35 %, 满意 35 %.
WEIGHTS: Mapping[str, Decimal] = {
    "response": Decimal("0.30"),
    "resolution": Decimal("0.35"),
    "satisfaction": Decimal("0.35"),
}
SATISFIED_LEVELS = frozenset({3, 4, 5})  # 基本满意, 满意, 非常满意
_HUNDRED = Decimal(100)
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class TicketFacts:
    """What the rates need of one ticket (the web layer builds these from rows)."""

    unit: Hashable  # the unit holding (or that last held) the ticket
    response_due_at: datetime | None = None
    first_contact_at: datetime | None = None
    callback_at: datetime | None = None
    resolved: bool | None = None
    satisfaction: int | None = None  # 1..5
    received_at: datetime | None = None
    repeat_of_unit: Hashable | None = None  # the unit of the ticket this one repeats


@dataclass
class UnitRates:
    unit: Hashable
    response_due: int = 0
    responded_in_time: int = 0
    callbacks: int = 0
    resolved: int = 0
    repeats_against: int = 0
    rated: int = 0
    satisfied: int = 0
    weights: Mapping[str, Decimal] = field(default_factory=lambda: WEIGHTS)

    @staticmethod
    def _pct(num: int, den: int) -> Decimal | None:
        return None if den == 0 else Decimal(num) * _HUNDRED / Decimal(den)

    @property
    def response_rate(self) -> Decimal | None:
        return self._pct(self.responded_in_time, self.response_due)

    @property
    def resolution_rate(self) -> Decimal | None:
        return self._pct(self.resolved, self.callbacks + self.repeats_against)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return self._pct(self.satisfied, self.rated)

    @property
    def score(self) -> Decimal | None:
        return composite_score(
            self.response_rate, self.resolution_rate, self.satisfaction_rate, self.weights
        )


def composite_score(
    response: Decimal | None,
    resolution: Decimal | None,
    satisfaction: Decimal | None,
    weights: Mapping[str, Decimal] = WEIGHTS,
) -> Decimal | None:
    """Σ weight × rate (rates in %), rounded half-up to 0.1; None if a rate is missing.

    >>> composite_score(Decimal(98), Decimal(80), Decimal(90))  # §4.7 case 4
    Decimal('88.9')
    """
    total = sum(weights.values(), Decimal(0))
    if total != 1:
        raise ValueError(f"三率权重之和须为 1，收到 {total} / the weights must sum to 1")
    if response is None or resolution is None or satisfaction is None:
        return None
    value = (
        weights["response"] * response
        + weights["resolution"] * resolution
        + weights["satisfaction"] * satisfaction
    )
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def deduction_points(
    rate: Decimal | float,
    *,
    threshold: Decimal = Decimal(90),
    full: int = 25,
    per_point: int = 1,
) -> int:
    """A points rule like "一次性办结率 ≥ 90 % → 25 分, −1 per point below" [S].

    A started point counts as a point (87.5 % is 2.5 points below → −3) [U]; never below 0.

    >>> deduction_points(Decimal(87))  # §4.7 case 5
    22
    """
    shortfall = Decimal(threshold) - Decimal(str(rate))
    if shortfall <= 0:
        return full
    return max(0, full - math.ceil(shortfall) * per_point)


def _in(moment: datetime | None, start: datetime, end: datetime) -> bool:
    return moment is not None and start <= moment < end


def three_rates(
    facts: Iterable[TicketFacts],
    start: datetime,
    end: datetime,
    weights: Mapping[str, Decimal] = WEIGHTS,
) -> dict[Hashable, UnitRates]:
    """三率 per unit for the period ``[start, end)`` in one pass over ``facts``."""
    units: dict[Hashable, UnitRates] = {}

    def get(unit: Hashable) -> UnitRates:
        found = units.get(unit)
        if found is None:
            found = units[unit] = UnitRates(unit, weights=weights)
        return found

    for f in facts:
        due = f.response_due_at
        if due is not None and start <= due < end:
            r = get(f.unit)
            r.response_due += 1
            if f.first_contact_at is not None and f.first_contact_at <= due:
                r.responded_in_time += 1
        cb = f.callback_at
        if cb is not None and start <= cb < end:
            r = get(f.unit)
            if f.resolved is not None:
                r.callbacks += 1
                r.resolved += f.resolved
            if f.satisfaction is not None:
                r.rated += 1
                r.satisfied += f.satisfaction in SATISFIED_LEVELS
        if f.repeat_of_unit is not None and _in(f.received_at, start, end):
            get(f.repeat_of_unit).repeats_against += 1
    return units


def three_rates_naive(
    facts: list[TicketFacts], start: datetime, end: datetime
) -> dict[Hashable, UnitRates]:
    """The same numbers unit by unit, rescanning every ticket per unit (the benchmark's
    baseline and the tests' cross-check)."""
    out: dict[Hashable, UnitRates] = {}
    names = {f.unit for f in facts} | {f.repeat_of_unit for f in facts if f.repeat_of_unit}
    for unit in names:
        due = [
            f
            for f in facts
            if f.unit == unit and f.response_due_at and _in(f.response_due_at, start, end)
        ]
        cbs = [f for f in facts if f.unit == unit and _in(f.callback_at, start, end)]
        answered = [f for f in cbs if f.resolved is not None]
        rated = [f for f in cbs if f.satisfaction is not None]
        reps = [f for f in facts if f.repeat_of_unit == unit and _in(f.received_at, start, end)]
        r = UnitRates(
            unit,
            response_due=len(due),
            responded_in_time=len(
                [f for f in due if f.first_contact_at and f.first_contact_at <= f.response_due_at]  # type: ignore[operator]
            ),
            callbacks=len(answered),
            resolved=sum(1 for f in answered if f.resolved),
            repeats_against=len(reps),
            rated=len(rated),
            satisfied=len([f for f in rated if f.satisfaction in SATISFIED_LEVELS]),
        )
        if r.response_due or r.callbacks or r.rated or r.repeats_against:
            out[unit] = r
    return out


@dataclass(frozen=True)
class RankedUnit:
    unit: Hashable
    score: Decimal | None
    rank: int | None  # 1 = best; None = not ranked (a rate without data)
    board: str  # "red" (红榜), "black" (黑榜) or ""


def rank_peer_group(scores: Mapping[Hashable, Decimal | None], size: int = 5) -> list[RankedUnit]:
    """Rank one peer group (counties, departments or zones) by composite score [S 连云港].

    红榜 = the top ``size`` and 黑榜 = the bottom ``size`` (榆林, 连云港, 盘锦 [S]), each at
    most half the ranked units so no unit is on both [U]. Equal scores share a rank
    (competition ranking 1, 1, 3); at the board cut, ties follow the unit key order [U].
    Units without a score come last, unranked and on neither board.
    """
    ranked = sorted(
        ((u, s) for u, s in scores.items() if s is not None), key=lambda p: (-p[1], str(p[0]))
    )
    k = len(ranked)
    cut = min(size, k // 2)
    out: list[RankedUnit] = []
    rank = 0
    previous: Decimal | None = None
    for i, (unit, score) in enumerate(ranked):
        if score != previous:
            rank = i + 1
            previous = score
        board = "red" if i < cut else "black" if i >= k - cut else ""
        out.append(RankedUnit(unit, score, rank, board))
    out.extend(
        RankedUnit(u, None, None, "")
        for u in sorted((u for u, s in scores.items() if s is None), key=str)
    )
    return out
