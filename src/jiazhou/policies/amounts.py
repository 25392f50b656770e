"""Amount formulas in exact integer 分 (spec next-capabilities §1.5), vectorised in Polars.

Every formula is a Polars expression over a column of bases in 元, so the same code prices one
firm (:func:`amount_for`, for an application) and a population (:mod:`jiazhou.policies.engine`,
for simulation and 免申即享 lists). Money never passes through a float after the base is read:
the base is rounded to 分 once, then every step is integer arithmetic with exact fractions.

Order of steps for one clause (each documented in ADR 0016):
1. formula: ``fixed`` | ``rate`` × base | ``bands`` (the band ``(lo, hi]`` holding the base
   gives its amount) | ``progressive`` (Σ rate_k × part of the base inside ``(lo_k, hi_k]``,
   summed exactly, floored to 分 once);
2. ``top_up`` (差额补足): minus the higher-level award for the same event, never below 0;
3. rounding down (舍去) to the clause's unit (``thousand`` = 千元, §1.5(a));
4. the clause cap.
"""

from __future__ import annotations

import math
from decimal import Decimal

import polars as pl

from jiazhou.policies.model import ROUNDING, Amount, Clause, fen_to_yuan


def fen_of(column: str) -> pl.Expr:
    """A column of 元 (float) → Int64 分, rounded to the nearest 分 (null stays null)."""
    return (pl.col(column).cast(pl.Float64) * 100).round(0).cast(pl.Int64)


def formula_expr(amount: Amount, base: pl.Expr | None) -> pl.Expr:
    """The raw formula in 分 (before top-up, rounding and cap)."""
    if amount.kind == "fixed":
        return pl.lit(amount.value, dtype=pl.Int64)
    assert base is not None
    if amount.kind == "rate":
        r = amount.rate
        return (base * r.numerator) // r.denominator
    if amount.kind == "bands":
        out = pl.lit(0, dtype=pl.Int64)
        for b in reversed(amount.bands):
            inside = base > b.lo if b.hi is None else (base > b.lo) & (base <= b.hi)
            out = pl.when(inside).then(pl.lit(b.amount, dtype=pl.Int64)).otherwise(out)
        return pl.when(base.is_null()).then(None).otherwise(out)
    # progressive: one common denominator so the sum is exact, floored to 分 once
    den = math.lcm(*(b.rate.denominator for b in amount.bands))
    total = pl.lit(0, dtype=pl.Int64)
    for b in amount.bands:
        upper = base if b.hi is None else pl.when(base > b.hi).then(b.hi).otherwise(base)
        part = (upper - b.lo).clip(lower_bound=0)
        total = total + part * (b.rate.numerator * (den // b.rate.denominator))
    return total // den


def clause_expr(clause: Clause, base: str | None = None, higher: str | None = None) -> pl.Expr:
    """The clause's amount in 分 from columns of 元: ``base`` and ``higher`` name the columns
    (default: the amount's own field names). Null where the base is unknown; a clause without
    a published amount (``amount = "null"``) is null for every firm."""
    a = clause.amount
    if a is None:
        return pl.lit(None, dtype=pl.Int64)
    base_col = base or a.base
    x = formula_expr(a, fen_of(base_col) if base_col else None)
    if base_col:  # an unknown base is an unknown amount (never a cap or a band by default)
        x = pl.when(pl.col(base_col).is_null()).then(None).otherwise(x)
    if clause.stacking == "top_up" and (higher or a.higher_level):
        x = (x - fen_of(higher or a.higher_level or "")).clip(lower_bound=0)
    unit = ROUNDING[a.rounding]
    if unit > 1:
        x = (x // unit) * unit
    if clause.cap is not None:
        x = pl.when(x > clause.cap).then(pl.lit(clause.cap, dtype=pl.Int64)).otherwise(x)
    return x.cast(pl.Int64)


def amount_for(
    clause: Clause, base: Decimal | float | int | None = None, higher: Decimal | None = None
) -> Decimal | None:
    """One firm's amount in 元 (``Decimal``), by the same expression as the population run."""
    frame = pl.DataFrame(
        {
            "b": [None if base is None else float(Decimal(str(base)))],
            "h": [None if higher is None else float(higher)],
        },
        schema={"b": pl.Float64, "h": pl.Float64},
    )
    fen = frame.select(clause_expr(clause, "b", "h" if higher is not None else None)).item()
    return None if fen is None else fen_to_yuan(int(fen))


def year_capped(clause: Clause, amounts: list[Decimal]) -> list[Decimal]:
    """Several 笔 of one clause in a year, each already capped per 笔, then the yearly cap
    filled in order (spec §1.5(b): IP evaluation fees ≤3万/笔 and ≤10万/年)."""
    if clause.year_cap is None:
        return list(amounts)
    left = fen_to_yuan(clause.year_cap)
    out = []
    for a in amounts:
        take = min(a, left)
        out.append(take)
        left -= take
    return out


def interest_borne(loan: Decimal, lpr: Decimal, days: int) -> Decimal:
    """Interest actually borne: loan × one-year LPR at signing × days / 365, to 分 (rounded
    half-up, §1.5(b))."""
    from decimal import ROUND_HALF_UP

    return (Decimal(loan) * Decimal(lpr) * days / 365).quantize(Decimal("0.01"), ROUND_HALF_UP)
