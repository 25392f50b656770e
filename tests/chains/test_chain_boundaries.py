"""Chain rules of docs/specs/next-capabilities.md §5.2 and §5.4 at the edges the mutation run
(issue 23) looks at, every value worked by hand from the rule in the module docstrings:

* prospects: score = 40 × size + 25 × growth + 20 × IP + 15 × proximity, each part scaled within
  the list (size = revenue / max, growth = clip(%, 0, 50) / 50, IP = patents / max, proximity =
  1 − min(km, 2000) / 2000); ties: larger revenue, then name;
* codes: a firm code matches a segment code when one is a digit prefix of the other;
* status: 0 firms missing; 1 firm or a top share above 80 % thin; no platform and no technology
  source in 3 years weak_tech; otherwise ok.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest

from jiazhou.chains import (
    Prospect,
    SegmentFacts,
    SegmentStatus,
    load_chains,
    propose_segments,
    rank_prospects,
    segment_status,
)
from jiazhou.chains.data_files import SegmentSpec
from jiazhou.chains.matching import codes_match
from jiazhou.chains.status import age_days, top_share

SEG = SegmentSpec(
    "cell", "电池片", "midstream", industry_codes=("3825",), product_keywords=("电池片",)
)
TODAY = dt.date(2026, 12, 4)


def _p(key: str, rev: str | None, growth: str | None, patents: int, km: str | None) -> Prospect:
    return Prospect(
        key,
        key,
        "C3825",
        "",
        None if rev is None else D(rev),
        None if growth is None else D(growth),
        patents,
        None if km is None else D(km),
    )


def test_each_part_of_the_score_at_its_edges() -> None:
    # a: the largest revenue and patents, growth 25 % (half of the 50 % cap), 1000 km (half):
    #    40 + 25 × 0.5 + 20 + 15 × 0.5 = 80
    # b: revenue 30 (0.3), growth −10 % (clipped to 0), patents 1 of 4, exactly 2000 km (0):
    #    12 + 0 + 5 + 0 = 17
    # c: 0 km is the full 15; no revenue, no growth, no patents: 15
    ranked = rank_prospects(
        SEG,
        [
            _p("b", "30", "-10", 1, "2000"),
            _p("a", "100", "25", 4, "1000"),
            _p("c", None, None, 0, "0"),
        ],
    )
    assert [(r.prospect.key, r.score) for r in ranked] == [
        ("a", D("80.00")),
        ("b", D("17.00")),
        ("c", D("15.00")),
    ]


def test_a_list_without_revenue_or_patents_scores_those_parts_zero() -> None:
    # max revenue 0 and max patents 0: size and IP are 0 for everyone (not a division by zero)
    ranked = rank_prospects(SEG, [_p("x", "0", "50", 0, None), _p("y", None, "0", 0, None)])
    assert [(r.prospect.key, r.score) for r in ranked] == [("x", D("25.00")), ("y", D("0.00"))]


def test_ties_go_to_the_larger_revenue_then_the_name() -> None:
    # e: revenue 100 (size 1 → 40); b: revenue 50 (20) + growth 40 % (25 × 0.8 = 20) → 40 too,
    # and e's larger revenue puts it first although b sorts first by name;
    # c and d: identical, ordered by name
    ranked = rank_prospects(
        SEG,
        [
            _p("d", "10", None, 0, None),
            _p("b", "50", "40", 0, None),
            _p("c", "10", None, 0, None),
            _p("e", "100", None, 0, None),
        ],
    )
    assert [(r.prospect.key, r.score) for r in ranked] == [
        ("e", D("40.00")),
        ("b", D("40.00")),
        ("c", D("4.00")),
        ("d", D("4.00")),
    ]


def test_a_prospect_qualifies_by_code_or_keyword_only() -> None:
    outside = Prospect("z", "z", "C1431", "面包", D(1), None, 0, None)
    by_word = Prospect("k", "k", "C2929", "异质结电池片", D(1), None, 0, None)
    assert [r.prospect.key for r in rank_prospects(SEG, [outside, by_word])] == ["k"]
    assert rank_prospects(SEG, [outside]) == []


def test_code_prefixes_in_digits_only() -> None:
    assert codes_match("C3825", "3825") and codes_match("C38", "3825")
    assert codes_match("3825", "C38")
    assert not codes_match("C3826", "3825")
    assert not codes_match("C", "3825") and not codes_match("3825", "")  # no digits: no match


def test_top_share_counts_positive_known_revenues() -> None:
    # 80 of 80 + 20: 0.8; a zero or unknown revenue is not a firm's share
    assert top_share((D(80), D(20), D(0), None)) == D("0.8")
    assert top_share((D(0), None)) is None
    assert top_share(()) is None


def test_two_firms_with_a_platform_and_a_recent_contract_are_ok() -> None:
    two = (D(50), D(50))
    ok = segment_status(SegmentFacts(revenues=two, n_platforms=1), today=TODAY)
    assert ok.status is SegmentStatus.OK and not ok.pipeline and ok.top_share == D("0.5")
    # a platform alone is enough, and so is a recent contract alone
    recent = SegmentFacts(revenues=two, tech_source_dates=(dt.date(2026, 1, 1),))
    assert segment_status(recent, today=TODAY).status is SegmentStatus.OK
    # a pipeline project is flagged whatever the status
    flagged = segment_status(SegmentFacts(revenues=two, n_pipeline_projects=1), today=TODAY)
    assert flagged.status is SegmentStatus.WEAK_TECH and flagged.pipeline


def test_age_of_a_verification_in_days() -> None:
    assert age_days(dt.date(2025, 12, 4), TODAY) == 365
    assert age_days(TODAY, TODAY) == 0
    assert age_days(None, TODAY) is None


def test_an_unknown_revenue_ties_as_zero_revenue() -> None:
    # ties go to the larger revenue; an unknown revenue counts as none (0), so between an
    # unknown and a 0 revenue the name decides, and a known 0.5万 beats an unknown
    # z: revenue 100 (sets the max); u: unknown revenue, growth 0.4 % → 25 × 0.008 = 0.2;
    # y: revenue 0.5 → 40 × 0.005 = 0.2; w: revenue 0, growth 0.4 % → 0.2
    ranked = rank_prospects(
        SEG,
        [
            _p("w", "0", "0.4", 0, None),
            _p("u", None, "0.4", 0, None),
            _p("y", "0.5", None, 0, None),
            _p("z", "100", None, 0, None),
        ],
    )
    assert [(r.prospect.key, r.score) for r in ranked] == [
        ("z", D("40.00")),
        ("y", D("0.20")),
        ("u", D("0.20")),
        ("w", D("0.20")),
    ]


def test_code_only_proposals_say_the_code_matched() -> None:
    # §5.2 rule: no keyword anywhere → proposed for the segments whose codes match (reason:
    # code only); such a proposal records that the code matched
    pv = next(c for c in load_chains() if c.code == "crystalline-pv")
    found = propose_segments(pv, "C3825", "新能源")
    assert found and all(p.code_match and p.keywords == () for p in found)
    assert all("无关键词命中" in p.reason for p in found)


def test_proposals_and_prospects_are_read_only() -> None:
    # a proposal waits for an officer's confirmation: it is a record, not something to edit
    pv = next(c for c in load_chains() if c.code == "crystalline-pv")
    (proposal,) = propose_segments(pv, "C3825", "主营光伏硅片切片加工")
    with pytest.raises(dataclasses.FrozenInstanceError):
        proposal.code_match = False  # type: ignore[misc]
    prospect = _p("a", "1", None, 0, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        prospect.patents = 9  # type: ignore[misc]
    (ranked,) = rank_prospects(SEG, [prospect])
    with pytest.raises(dataclasses.FrozenInstanceError):
        ranked.score = D(100)  # type: ignore[misc]


def test_a_maximum_below_one_still_scales_to_one() -> None:
    # size and IP are shares of the list's largest: a largest revenue of 0.5万 and a largest
    # patent count of 1 each give the full part; an unknown revenue does not raise the maximum
    ranked = rank_prospects(SEG, [_p("a", "0.5", None, 1, None), _p("b", None, None, 0, None)])
    assert [(r.prospect.key, r.score) for r in ranked] == [
        ("a", D("60.00")),  # 40 × 1 + 20 × 1
        ("b", D("0.00")),
    ]


def test_thin_rules_name_their_numbers() -> None:
    # §5.4 rule 2: exactly one firm is thin whatever its revenue (even unknown), and says so;
    # a top share above 80 % is thin with the share in the reason (9 of 10 → 90.0 %)
    one = segment_status(SegmentFacts(revenues=(None,), n_platforms=1), today=TODAY)
    assert (one.status, one.rule) == (SegmentStatus.THIN, "本地在产企业仅 1 家")
    top = segment_status(SegmentFacts(revenues=(D(9), D(1)), n_platforms=1), today=TODAY)
    assert top.status is SegmentStatus.THIN and "90.0%" in top.rule


def test_three_years_before_a_leap_day_is_the_28th_of_february() -> None:
    # §5.4 rule 3 window from 2028-02-29: the cutoff is 2025-02-28, so a contract of 02-27 is
    # outside it (and the segment is weak_tech), one of 02-28 inside
    two = (D(1), D(1))
    leap = dt.date(2028, 2, 29)
    out = SegmentFacts(revenues=two, tech_source_dates=(dt.date(2025, 2, 27),))
    weak = segment_status(out, today=leap)
    assert weak.status is SegmentStatus.WEAK_TECH and "2025-02-28" in weak.rule
    inside = SegmentFacts(revenues=two, tech_source_dates=(dt.date(2025, 2, 28),))
    assert segment_status(inside, today=leap).status is SegmentStatus.OK


def test_segment_facts_and_status_are_read_only() -> None:
    facts = SegmentFacts(revenues=(D(1),))
    result = segment_status(facts, today=TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.n_platforms = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.status = SegmentStatus.OK  # type: ignore[misc]


def test_proximity_scales_on_the_2000_km_cap() -> None:
    # 1900 km: 15 × (1 − 1900 / 2000) = 15 × 0.05 = 0.75 (on a 1999 or 2001 km cap: 0.74, 0.76)
    (ranked,) = rank_prospects(SEG, [_p("a", None, None, 0, "1900")])
    assert ranked.score == D("0.75")
