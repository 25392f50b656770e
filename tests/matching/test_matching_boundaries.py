"""Matching rules of docs/adr/0017-matching.md at the edges the mutation run (issue 23) found.

BM25 is bm25s's Lucene variant (k1 = 1.5, b = 0.75): idf = ln(1 + (N − df + 0.5)/(df + 0.5)),
term weight = idf × tf / (tf + k1 × (1 − b + b × dl/avgdl)). Bonuses [U]: + 10 % of the best
text score for the same field, + 5 % for the same city; unknown TRL is never filtered; the top
``candidates`` (200) go on to the filters and ``k`` (20) are shown; explanations list at most 8
shared terms, the rarest first, and say whether the budget is above the asking price.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from jiazhou.matching import Demand, MatchIndex, Supply


def test_one_term_one_document_score_by_hand() -> None:
    # N = 1, df = 1: idf = ln(1 + 0.5/1.5) = ln(4/3) = 0.287682; dl = avgdl, tf = 1:
    # weight = 0.287682 × 1/(1 + 1.5) = 0.115073 → 0.1151 (4 places)
    (m,) = MatchIndex.build([Supply("a", "alpha")]).match(Demand("d", "alpha"))
    assert m.score == 0.1151 and m.text_score == 0.1151


def test_field_and_city_bonuses_are_shares_of_the_best_text_score() -> None:
    supplies = [
        Supply("f", "alpha", field="新材料", region="511112"),  # same field and same city
        Supply("n", "alpha", field="电子信息", region="510104"),  # neither
    ]
    idx = MatchIndex.build(supplies)
    ranked = idx.match(Demand("d", "alpha", field="新材料", region="511102"))
    by_id = {m.supply_id: m for m in ranked}
    # N = 2, df = 2: idf = ln(1 + 0.5/2.5) = ln 1.2 = 0.182322; × 1/2.5 = 0.072929 each
    assert by_id["f"].text_score == by_id["n"].text_score == 0.0729
    assert by_id["f"].score == 0.0839  # 0.072929 × (1 + 0.10 + 0.05) = 0.083868
    assert by_id["n"].score == 0.0729
    assert by_id["f"].same_field and not by_id["n"].same_field
    # same city only: + 5 %
    (m,) = idx.match(Demand("d", "alpha", region="511102", region_prefix="5111"))
    assert m.score == pytest.approx(m.text_score * 1.05, abs=1e-4)


def test_same_field_only_for_the_demands_own_field() -> None:
    supplies = [
        Supply("a", "alpha", field="新材料"),
        Supply("b", "alpha", field="电子信息"),
        Supply("c", "alpha", field="生物医药"),
    ]
    idx = MatchIndex.build(supplies)
    same = {m.supply_id: m.same_field for m in idx.match(Demand("d", "alpha", field="新材料"))}
    assert same == {"a": True, "b": False, "c": False}
    # a field no supply has, or no field at all: nobody is "same field", nobody gets the bonus
    for demand in (Demand("d", "alpha", field="现代农业"), Demand("d", "alpha")):
        ranked = idx.match(demand)
        assert [m.same_field for m in ranked] == [False, False, False]
        assert all(m.score == m.text_score for m in ranked)


def test_unknown_trl_is_never_filtered_out() -> None:
    idx = MatchIndex.build([Supply("u", "alpha"), Supply("low", "alpha", trl=3)])
    assert [m.supply_id for m in idx.match(Demand("d", "alpha", min_trl=4))] == ["u"]


def test_budget_reason_at_and_above_the_asking_price() -> None:
    idx = MatchIndex.build([Supply("a", "alpha", price_low=D("80"))])
    (m,) = idx.match(Demand("d", "alpha", budget=D("80")))
    assert m.budget_margin == 0 and "预算与报价下限相当" in m.reasons
    (m,) = idx.match(Demand("d", "alpha", budget=D("80.5")))
    assert "预算高出报价下限0.5万元" in m.reasons


def test_shared_terms_rarest_first_at_most_eight() -> None:
    # zeta is in one document (df 1), alpha in two (df 2): zeta is named first
    idx = MatchIndex.build([Supply("a", "alpha zeta"), Supply("b", "alpha beta")])
    assert idx.match(Demand("d", "alpha zeta"))[0].shared_terms == ("zeta", "alpha")
    words = "ant bee cat dog eel fox gnu hen ibis"
    (m,) = MatchIndex.build([Supply("w", words)]).match(Demand("d", words))
    assert len(m.shared_terms) == 8
    # the reason line names the same eight (all df 1: alphabetical), not the ninth
    assert m.reasons[0] == "共同关键词：ant、bee、cat、dog、eel、fox、gnu、hen"


def _ladder(n: int) -> list[Supply]:
    # "alpha" plus i filler words: the longer the text, the lower its BM25 score (b = 0.75),
    # so supply i ranks i-th
    return [Supply(f"s{i:03d}", "alpha" + " filler" * i) for i in range(n)]


def test_twenty_shown_by_default() -> None:
    ranked = MatchIndex.build(_ladder(25)).match(Demand("d", "alpha"))
    assert [m.supply_id for m in ranked] == [f"s{i:03d}" for i in range(20)]


def test_only_the_top_candidates_reach_the_filters() -> None:
    # 3 supplies, candidates = 1: only s000 goes on; priced out, nothing is shown
    supplies = [
        Supply(s.id, s.text, price_low=D(100) if s.id == "s000" else None) for s in _ladder(3)
    ]
    idx = MatchIndex.build(supplies)
    assert idx.match(Demand("d", "alpha", budget=D(50)), k=1, candidates=1) == []
    assert [m.supply_id for m in idx.match(Demand("d", "alpha"), k=1, candidates=1)] == ["s000"]
    # with the default 200 candidates the next best is found
    assert [m.supply_id for m in idx.match(Demand("d", "alpha", budget=D(50)), k=1)] == ["s001"]


def test_two_hundred_candidates_by_default() -> None:
    # 202 supplies ranked by length; all but s199 and s200 priced out: s199 is the 200th
    # candidate and is shown, s200 (the 201st) never reaches the filters
    supplies = [
        Supply(s.id, s.text, price_low=None if s.id in ("s199", "s200") else D(100))
        for s in _ladder(202)
    ]
    ranked = MatchIndex.build(supplies).match(Demand("d", "alpha", budget=D(50)))
    assert [m.supply_id for m in ranked] == ["s199"]


def test_supplies_are_read_only() -> None:
    # the index keeps the supplies it was built from: they cannot change under it
    supply = Supply("a", "alpha", trl=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        supply.trl = 9  # type: ignore[misc]


def test_many_demands_at_once_use_the_same_defaults() -> None:
    # match_many: 200 candidates and 20 shown by default, as match
    supplies = [
        Supply(s.id, s.text, price_low=None if s.id in ("s199", "s200") else D(100))
        for s in _ladder(202)
    ]
    idx = MatchIndex.build(supplies)
    (priced, plain) = idx.match_many([Demand("d", "alpha", budget=D(50)), Demand("e", "alpha")])
    assert [m.supply_id for m in priced] == ["s199"]
    assert len(plain) == 20
    with pytest.raises(dataclasses.FrozenInstanceError):
        Demand("d", "alpha").budget = D(1)  # type: ignore[misc]


def test_a_match_is_read_only() -> None:
    # a shown match and its explanation are a record of the ranking: they cannot be edited
    (m,) = MatchIndex.build([Supply("a", "alpha")]).match(Demand("d", "alpha"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.score = 1.0  # type: ignore[misc]


def test_trl_zero_is_below_every_minimum() -> None:
    # ADR 0017 hard filter: a TRL below the demand's minimum removes the candidate. Only an
    # unknown TRL (None) escapes the filter; 0 is a known level below 1 (the web form's
    # PositiveSmallIntegerField accepts 0, so it can reach the engine)
    idx = MatchIndex.build([Supply("zero", "alpha", trl=0), Supply("one", "alpha", trl=1)])
    assert [m.supply_id for m in idx.match(Demand("d", "alpha", min_trl=1))] == ["one"]
    assert {m.supply_id for m in idx.match(Demand("d", "alpha", min_trl=0))} == {"zero", "one"}


def test_the_city_bonus_needs_a_four_digit_city_part() -> None:
    # + 5 % for the same city, the region code's first 4 digits: a province-only code ("51")
    # or a region written as a name has no city part, so no bonus — and no error
    for region in ("51", "乐山市市中区"):
        idx = MatchIndex.build([Supply("s", "alpha", region=region)])
        (m,) = idx.match(Demand("d", "alpha", region=region))
        assert m.score == m.text_score == 0.1151, region
    # four digits are enough: "5111" (乐山) is a city
    (m,) = MatchIndex.build([Supply("s", "alpha", region="511102")]).match(
        Demand("d", "alpha", region="5111")
    )
    assert m.score == 0.1208  # 0.115073 × 1.05 = 0.120826


def test_one_candidate_out_of_two() -> None:
    # the top ``candidates`` by text score go on: with one of two, the better text (the shorter
    # document, b = 0.75) is the one shown
    idx = MatchIndex.build(_ladder(2))
    assert [m.supply_id for m in idx.match(Demand("d", "alpha"), k=1, candidates=1)] == ["s000"]
    assert [m.supply_id for m in idx.match(Demand("d", "alpha"), k=2, candidates=2)] == [
        "s000",
        "s001",
    ]


def test_the_field_reason_names_the_supplys_field_or_says_unfilled() -> None:
    # the explanation states the field relation: same field, or the supply's own field (未填
    # when it has none)
    supplies = [
        Supply("same", "alpha", field="新材料"),
        Supply("other", "alpha", field="电子信息"),
        Supply("blank", "alpha"),
    ]
    ranked = MatchIndex.build(supplies).match(Demand("d", "alpha", field="新材料"))
    reasons = {m.supply_id: m.reasons for m in ranked}
    assert "同一技术领域" in reasons["same"]
    assert "领域不同（成果：电子信息）" in reasons["other"]
    assert "领域不同（成果：未填）" in reasons["blank"]
    # a demand without a field says nothing about fields
    (m,) = MatchIndex.build([Supply("a", "alpha", field="新材料")]).match(Demand("d", "alpha"))
    assert not any("领域" in r for r in m.reasons)


def test_building_an_index_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    # engines write no console output (progress bars would fill the web server's logs)
    MatchIndex.build(_ladder(3))
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
