"""Rules of ``index/normalise.py`` that the tenth mutation round found unpinned, by hand: the
mirrored goalposts of a lower-is-better indicator when the lower post is not 0 (COINr's
``n_goalposts``), and the reverse-indicator rule "a value at or below 0 has reached the best
value" of the 标准值 ratio and of the 亩均 benchmark ratio for values between −1 and 0."""

from __future__ import annotations

import numpy as np

from jiazhou.index.normalise import benchmark_ratio, goalposts, standard_value_ratio


def test_lower_is_better_goalposts_measure_from_the_upper_post_over_the_span() -> None:
    """COINr's ``n_goalposts`` for ``direction = −1``: the posts are mirrored with the data, so
    the score is ``(high − x) / (high − low)``, times the scale. Posts 2 and 10 (span 8):
    x = 2 (at the lower post, the best) → 8 / 8 = 1 → 100; x = 6 → 4 / 8 → 50; x = 10 → 0;
    x = 12 is beyond the worst post → −0.25, truncated to 0; x = 0 is better than the best post
    → 1.25, truncated to 1. Without truncation those two keep −25 and 125."""
    x = np.array([[2.0], [6.0], [10.0], [12.0], [0.0]])
    out = goalposts(x, 2.0, 10.0, direction=-1)
    np.testing.assert_allclose(out[:, 0], [100.0, 50.0, 0.0, 0.0, 100.0])
    raw = goalposts(x, 2.0, 10.0, direction=-1, trunc=False)
    np.testing.assert_allclose(raw[:, 0], [100.0, 50.0, 0.0, -25.0, 125.0])


def test_a_reverse_standard_value_at_or_below_zero_scores_the_cap() -> None:
    """标准值, reverse indicator (standard 0.5): ``100 × s / x`` capped at 100, and "a reverse
    indicator with x <= 0 has reached the standard and scores cap". x = −0.5 and −0.25 lie
    between −1 and 0: both score 100 (not 100 · 0.5 / −0.5 = −100). x = 0 → 100; x = 1 →
    100 · 0.5 / 1 = 50; x = 2 → 25; x = 0.25 → 200, capped at 100; missing stays missing."""
    x = np.array([[-0.5], [-0.25], [0.0], [1.0], [2.0], [0.25], [np.nan]])
    out = standard_value_ratio(x, 0.5, direction=-1)
    np.testing.assert_allclose(out[:, 0], [100.0, 100.0, 100.0, 50.0, 25.0, 100.0, np.nan])
    lower_cap = standard_value_ratio(x, 0.5, direction=-1, cap=80.0)
    np.testing.assert_allclose(lower_cap[:, 0], [80.0, 80.0, 80.0, 50.0, 25.0, 80.0, np.nan])


def test_a_reverse_benchmark_ratio_just_below_zero_is_the_best_value() -> None:
    """亩均 benchmark ratio, reverse indicator: ``benchmark / x``, and x ≤ 0 "has reached the
    best value and scores cap" (infinity without a cap). Benchmark 2: x = −0.5 → cap 3
    (not 2 / −0.5 = −4); x = 0 → 3; x = 1 → 2; x = 4 → 0.5. Without a cap −0.5 and 0 score ∞."""
    x = np.array([[-0.5], [0.0], [1.0], [4.0]])
    capped = benchmark_ratio(x, benchmark=2.0, direction=-1, cap=3.0)
    np.testing.assert_allclose(capped[:, 0], [3.0, 3.0, 2.0, 0.5])
    uncapped = benchmark_ratio(x, benchmark=2.0, direction=-1)
    np.testing.assert_allclose(uncapped[:, 0], [np.inf, np.inf, 2.0, 0.5])
