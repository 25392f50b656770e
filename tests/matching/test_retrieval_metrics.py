"""The retrieval metrics of ``jiazhou.matching.evaluation``, computed by hand.

Module docstring: recall@k — the answer is in the top k; precision@5 — answers in the top 5 ÷ 5
(one answer per demand); MRR — mean of 1/rank, 0 when the answer is not ranked. The random
baseline reports the same metrics for a random order of all 成果.
"""

from __future__ import annotations

import dataclasses

import pytest

from jiazhou.matching import EvalPair, evaluate, load_eval_pairs, random_baseline
from jiazhou.matching.evaluation import _metrics


def test_metrics_of_four_demands_by_hand() -> None:
    """Answers ranked 1, 5, 6 and not at all: recall@1 = 1/4, recall@5 = 2/4, recall@20 = 3/4;
    precision@5 = 2 answers in the top 5 ÷ (5 × 4 demands) = 0.1; MRR = (1 + 1/5 + 1/6) ÷ 4."""
    got = _metrics([1, 5, 6, None], (1, 5, 20))
    assert got == pytest.approx(
        {
            "recall@1": 0.25,
            "recall@5": 0.5,
            "recall@20": 0.75,
            "precision@5": 0.1,
            "mrr": (1 + 1 / 5 + 1 / 6) / 4,
        }
    )


def test_a_random_order_of_one_supply_ranks_it_first() -> None:
    """With one pair there is one order: the answer is first, recall@1 = MRR = 1, and
    precision@5 = 1 ÷ 5."""
    pair = EvalPair("P1", "新材料", "多晶硅冷氢化技术：降低能耗", "多晶硅企业需要降低冷氢化能耗")
    assert random_baseline([pair]) == pytest.approx(
        {"recall@1": 1.0, "recall@5": 1.0, "recall@20": 1.0, "precision@5": 0.2, "mrr": 1.0}
    )


def test_the_baseline_reports_the_same_metrics_as_the_evaluation() -> None:
    pairs = load_eval_pairs()[:12]
    assert (
        set(random_baseline(pairs))
        == set(evaluate(pairs))
        == {
            "recall@1",
            "recall@5",
            "recall@20",
            "precision@5",
            "mrr",
        }
    )


def test_pairs_are_read_only() -> None:
    pair = load_eval_pairs()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.demand = ""  # type: ignore[misc]
