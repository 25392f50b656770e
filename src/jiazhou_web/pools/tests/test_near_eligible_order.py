"""criteria.md §8.8: a firm failing on its score alone is not ranked above firms that can pass."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import polars as pl

from jiazhou_web.pools.gaps import score_shortfall
from jiazhou_web.pools.tables import gaps


def test_a_firm_that_meets_every_condition_but_not_the_pass_mark_is_told_its_best_score() -> None:
    run = SimpleNamespace(criterion_meta=lambda: {})
    result: Any = SimpleNamespace(
        run=run, unmet_or_unknown=[], status="fail", n_unmet=0, total_max=70.0
    )
    assert gaps(result) == "评分最高可得 70 分，达不到通过分数线"


def test_a_firm_with_no_route_left_is_told_so() -> None:
    assert score_shortfall(None) == "无可满足的认定路径"


def test_engine_ranks_score_only_failures_after_firms_that_can_still_pass() -> None:
    from jiazhou.schemes.engine import ScoreResult

    summary = pl.DataFrame(
        {
            "uscc": ["A", "B", "C"],
            "status": ["fail", "review", "fail"],
            "n_unmet": [0, 0, 1],
            "n_unknown": [0, 0, 0],
            "gap_score": [0.0, 0.0, 0.01],
            "total_min": [60.0, 50.0, 80.0],
        }
    )
    fake: Any = SimpleNamespace(summary=summary)
    order = ScoreResult.near_eligible(fake)["uscc"].to_list()
    # B can still pass (review); A fails on its score (one blocking condition) like C, and
    # among those two A has fewer unmet gates.
    assert order == ["B", "A", "C"]
