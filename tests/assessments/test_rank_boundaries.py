"""County ranks at their edges (issue 23): overall and in-class ranks, ties sharing a rank
(1, 1, 3) as the docstring of :func:`jiazhou.assessments.county.rank` states; a unit's in-class
rank counts only units of its own class above it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from jiazhou.assessments import load_county_scheme, score_counties
from jiazhou.assessments.county import (
    CountyClass,
    CountyIndicator,
    CountyResult,
    CountyScheme,
    rank,
)
from jiazhou.assessments.rules import RuleError, class_points


def _r(region: str, klass: str, total: str) -> CountyResult:
    return CountyResult(region, klass, (), D(total))


def test_ties_share_a_rank_overall_and_within_a_class() -> None:
    results = rank(
        [
            _r("d", "x", "8"),
            _r("b", "y", "9"),
            _r("a", "x", "10"),
            _r("c", "x", "10"),
            _r("e", "y", "8"),
        ]
    )
    got = {r.region: (r.rank, r.class_rank) for r in results}
    # overall: a, c 10 → 1, 1; b 9 → 3; d, e 8 → 4, 4
    # class x: a, c → 1, 1; d → 3; class y: b → 1; e → 2
    assert got == {"a": (1, 1), "c": (1, 1), "b": (3, 1), "d": (4, 3), "e": (4, 2)}
    # listed best first, ties by region code
    assert [r.region for r in results] == ["a", "c", "b", "d", "e"]


def test_an_unscorable_item_scores_zero_with_the_reason() -> None:
    # a target item in a class without a target cannot be scored: sub-score and points 0, and
    # the note says why; its value is kept (it was reported)
    ind = CountyIndicator("t", "目标项", "t", "target", D(10), D(4))
    scheme = CountyScheme(
        "s", "s", "1", "", (ind,), (CountyClass("k", "甲类", ("r1",), {"t": D(10)}),)
    )
    (result,) = score_counties(scheme, {"r1": {"t": D(5)}})
    (item,) = result.items
    assert (item.value, item.reference, item.sub_score, item.points) == (D(5), None, D(0), D(0))
    assert "无法计分" in item.note and "目标值" in item.note
    assert (result.total, result.rank, result.class_rank) == (D(0), 1, 1)
    assert not ind.raised  # an indicator is not raised unless the scheme says so


def test_a_scheme_and_its_results_are_read_only() -> None:
    scheme = load_county_scheme()
    with pytest.raises(dataclasses.FrozenInstanceError):
        scheme.version = "x"  # type: ignore[misc]
    indicator = scheme.indicators[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        indicator.raised = True  # type: ignore[misc]


def test_class_points_need_a_positive_nominal() -> None:
    # weight × sub_score / nominal: a nominal of 0 cannot re-weight anything (a RuleError that
    # names it, not a division error); a negative one neither
    for nominal in (D(0), D(-1)):
        with pytest.raises(RuleError, match="标准分"):
            class_points(D(5), nominal, D(10))
    assert class_points(D(5), D("0.5"), D(10)) == D(100)
