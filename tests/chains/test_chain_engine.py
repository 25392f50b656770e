"""Chain engine hand cases: docs/specs/next-capabilities.md §5.4 (status rule, our proposal [U])
and §5.5 (cases 1–3), with every boundary pinned."""

from __future__ import annotations

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
from jiazhou.chains.data_files import ChainDataError, load_chain

TODAY = dt.date(2026, 12, 4)


def chain(code: str):  # type: ignore[no-untyped-def]
    return next(c for c in load_chains() if c.code == code)


def test_the_two_seed_chains_are_in_the_repository_with_their_segments() -> None:
    v = chain("vanadium-battery")
    top = [s.name for s in v.segments if not s.parent]
    assert top == ["钒资源开发", "关键材料", "电堆制造", "系统集成", "终端应用"]
    assert "四川伟力得能源股份有限公司" in v.chain_masters
    pv = chain("crystalline-pv")
    assert [s.name for s in pv.segments][:4] == ["高纯晶硅", "拉棒/切方", "切片", "电池片"]
    assert "五通桥区" in pv.host_areas


def test_a_chain_file_with_a_bad_industry_code_is_refused_naming_segment_and_rule(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'code="x"\nname="x"\nversion="1"\n[[segments]]\ncode="s1"\nname="甲"\n'
        'position="upstream"\nindustry_codes=["38"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ChainDataError, match="s1.*四位小类"):
        load_chain(bad)


# §5.5 case 1: 电池片 with 0 local firms → missing; the 钜能 project under construction keeps it
# missing for output indicators but sets the pipeline flag.
def test_case1_no_firm_is_missing_and_a_project_under_construction_only_sets_pipeline() -> None:
    empty = segment_status(SegmentFacts(), today=TODAY)
    assert empty.status is SegmentStatus.MISSING and not empty.pipeline
    with_project = segment_status(SegmentFacts(n_pipeline_projects=1), today=TODAY)
    assert with_project.status is SegmentStatus.MISSING
    assert with_project.pipeline
    assert "在建项目 1 个" in with_project.rule


# §5.5 case 2: GB/T 4754 3825 + keyword 切片 → proposed for 切片 (not attached: confirmation needed).
def test_case2_code_3825_and_keyword_slicing_propose_the_wafer_segment() -> None:
    found = propose_segments(chain("crystalline-pv"), "C3825", "主营光伏硅片切片加工")
    assert [p.segment_code for p in found] == ["pv-wafer"]
    assert "切片" in found[0].keywords


def test_a_code_outside_the_chain_proposes_nothing_even_with_a_keyword() -> None:
    assert propose_segments(chain("crystalline-pv"), "C2710", "切片") == []


def test_code_only_match_proposes_every_segment_of_that_code() -> None:
    found = propose_segments(chain("crystalline-pv"), "C3825", "新能源")
    assert [p.segment_code for p in found] == ["pv-wafer", "pv-cell", "pv-module"]
    assert all(not p.keywords for p in found)


def test_a_two_digit_firm_code_is_in_the_chain_by_prefix() -> None:
    found = propose_segments(chain("vanadium-battery"), "C38", "全钒液流电堆")
    assert {p.segment_code for p in found} == {"v-stack"}


# §5.5 case 3 and the 80% boundary.
def test_case3_one_firm_with_all_revenue_is_thin() -> None:
    r = segment_status(SegmentFacts(revenues=(D(1000),), n_platforms=3), today=TODAY)
    assert r.status is SegmentStatus.THIN and r.top_share == 1


@pytest.mark.parametrize(
    ("revenues", "status"),
    [
        ((D(80), D(20)), SegmentStatus.OK),  # exactly 80%: not > 80% → not thin
        ((D("80.01"), D("19.99")), SegmentStatus.THIN),  # 80.01% → thin
        ((D(50), None), SegmentStatus.THIN),  # the only known revenue is 100%
        ((None, None), SegmentStatus.OK),  # no revenue known: the share rule cannot fire
    ],
)
def test_top_share_boundary(revenues: tuple[D | None, ...], status: SegmentStatus) -> None:
    facts = SegmentFacts(revenues=revenues, n_platforms=1)
    assert segment_status(facts, today=TODAY).status is status


def test_weak_tech_three_year_window_boundary() -> None:
    two = (D(50), D(50))
    on_the_day = SegmentFacts(revenues=two, tech_source_dates=(dt.date(2023, 12, 4),))
    a_day_before = SegmentFacts(revenues=two, tech_source_dates=(dt.date(2023, 12, 3),))
    assert segment_status(on_the_day, today=TODAY).status is SegmentStatus.OK
    weak = segment_status(a_day_before, today=TODAY)
    assert weak.status is SegmentStatus.WEAK_TECH and "2023-12-04" in weak.rule
    assert segment_status(SegmentFacts(revenues=two, n_platforms=1), today=TODAY).status == "ok"


def test_leap_day_window() -> None:
    facts = SegmentFacts(revenues=(D(1), D(1)), tech_source_dates=(dt.date(2025, 2, 28),))
    assert segment_status(facts, today=dt.date(2028, 2, 29)).status is SegmentStatus.OK


def test_prospects_ranked_by_the_documented_score() -> None:
    seg = next(s for s in chain("crystalline-pv").segments if s.code == "pv-cell")
    a = Prospect("a", "甲电池", "C3825", "", D(1000), D(50), 10, D(0))
    b = Prospect("b", "乙电池", "C3825", "", D(500), D(0), 0, D(1000))
    c = Prospect("c", "丙光伏", "C2929", "异质结电池片", D(100), D(100), 5, D(3000))
    off = Prospect("d", "丁食品", "C1431", "面包", D(9999), D(10), 0, D(10))
    ranked = rank_prospects(seg, [b, c, a, off])
    # a: 40·1 + 25·1 + 20·1 + 15·1 = 100; b: 40·0.5 + 0 + 0 + 15·0.5 = 27.5;
    # c: 40·0.1 + 25·1 (capped at 50%) + 20·0.5 + 15·0 (beyond 2000 km) = 39
    assert [(r.prospect.key, r.score) for r in ranked] == [
        ("a", D("100.00")),
        ("c", D("39.00")),
        ("b", D("27.50")),
    ]
    assert "关键词" in ranked[1].reason
