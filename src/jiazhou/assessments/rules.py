"""Scoring rules of assessments (docs/specs/next-capabilities.md §6; cases in §6.3).

* :func:`benchmark_points` — 武进 rule [V] 「达到平均值得基本分，每增减5%加减0.5分」: ``base`` points at
  the mean; every full 5% above (below) the mean adds (takes) 0.5 points. Partial steps do not
  count (truncated toward zero — our reading [U]); the result is kept within
  ``[0, base + bonus_cap]``. A lower-better indicator at 0 or below (no 能耗, no 投诉) beats the
  mean by more than any number of 5% steps: it scores the top, ``base + bonus_cap`` [U], and
  cannot be scored without a ``bonus_cap`` (:class:`RuleError`).
* :func:`target_points` — 「完成目标值得满分，按比例计分，单项加分≤4分」 [V]: ``full × actual / target``,
  within ``[0, full + bonus_cap]``.
* :func:`weighted_share_points` — 106号 赋权 read as a share of the block [U]: the sub-indicator
  is worth ``block_weight × w / Σw`` points; its normalised score (clipped to [0, 1]) takes that
  share.
* :func:`class_points` — 「统一指标、分类赋权」: a sub-score on the indicator's nominal scale is
  re-weighted by the class's weight: ``weight × sub_score / nominal``.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

STEP = Decimal("0.05")  # [V] 每增减5%
STEP_POINTS = Decimal("0.5")  # [V] 加减0.5分
ZERO = Decimal(0)
ONE = Decimal(1)


class RuleError(ValueError):
    """An input the rule cannot score (zero mean, zero target); the message says which."""


def benchmark_steps(value: Decimal, mean: Decimal, *, lower_better: bool = False) -> int:
    """Whole 5% steps above (+) or below (−) the mean; a lower-better value at or below 0 has
    no finite number of steps (:class:`RuleError`; :func:`benchmark_points` scores it the top)."""
    if mean <= 0:
        raise RuleError("均值为 0 或负数，无法按均值计分 / the mean must be positive")
    if lower_better and value <= 0:
        raise RuleError(
            "低者为优的指标值为 0 或负数，优于均值的步数无上限 / "
            "a lower-better value at or below 0 is better than the mean by unbounded steps"
        )
    ratio = mean / value if lower_better else value / mean
    steps = ((ratio - ONE) / STEP).to_integral_value(rounding=ROUND_DOWN)
    return int(steps)


def benchmark_points(
    value: Decimal,
    mean: Decimal,
    *,
    base: Decimal,
    bonus_cap: Decimal | None = None,
    lower_better: bool = False,
) -> Decimal:
    if lower_better and value <= 0 < mean:
        if bonus_cap is None:
            raise RuleError(
                "低者为优的指标值为 0 或负数，须设加分上限才能计分 / "
                "a lower-better value at or below 0 scores the top, which needs a bonus cap"
            )
        return base + bonus_cap
    points = base + STEP_POINTS * benchmark_steps(value, mean, lower_better=lower_better)
    top = base + bonus_cap if bonus_cap is not None else None
    if top is not None and points > top:
        points = top
    return max(points, ZERO)


def target_points(
    actual: Decimal, target: Decimal, *, full: Decimal, bonus_cap: Decimal
) -> Decimal:
    if target <= 0:
        raise RuleError("目标值须为正数 / the target must be positive")
    points = full * actual / target
    return max(min(points, full + bonus_cap), ZERO)


def weighted_share_points(
    block_weight: Decimal, weights: dict[str, Decimal], key: str, normalised: Decimal
) -> Decimal:
    total = sum(weights.values(), ZERO)
    if total <= 0:
        raise RuleError("赋权之和须为正数 / the 赋权 must add up to more than zero")
    clipped = min(max(normalised, ZERO), ONE)
    return block_weight * weights[key] / total * clipped


def class_points(sub_score: Decimal, nominal: Decimal, weight: Decimal) -> Decimal:
    if nominal <= 0:
        raise RuleError("指标标准分须为正数 / the nominal points must be positive")
    return weight * sub_score / nominal
