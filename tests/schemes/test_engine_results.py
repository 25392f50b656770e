"""The result views of ``schemes.engine.ScoreResult``.

- ``explain(uscc, eval_year)`` is one unit, with every criterion's numbers: a firm evaluated in
  two years is explained for the year asked, and a year it was not evaluated in is no unit.
- ``near_eligible`` orders by criteria.md §8.8; ``warnings`` name the validity dates; a missing
  column names its fiscal year.
"""

from __future__ import annotations

import pytest
from tests.schemes.conftest import frame, unit

from jiazhou.schemes import score
from jiazhou.schemes.engine import MissingColumnsError


def test_explain_picks_the_year_asked() -> None:
    units = frame([unit(uscc="A", eval_year=2024), unit(uscc="A", eval_year=2025)])
    r = score(units, "hnte-2016")
    for year in (2024, 2025):
        assert r.explain("A", year)["unit"] == {"uscc": "A", "eval_year": year}
    with pytest.raises(KeyError):
        r.explain("A", 2023)


def test_a_unit_failing_on_its_score_ranks_after_one_still_open() -> None:
    """near_eligible (criteria.md §8.8): a unit failing with every hard criterion met fails on
    its score, which counts as one unmet criterion — it never ranks above a unit that can still
    pass, even with a higher lower-bound score."""
    expert_zero = {f"hnte_{c}_points": 0.0 for c in ("a2", "c1", "c2", "c3", "c4")}
    open_unit = unit(uscc="OPEN")  # six expert items still to be judged: review
    failed = unit(uscc="FAILED", hnte_a1_points=8.0, **expert_zero)  # judged: below 70
    r = score(frame([failed, open_unit]), "hnte-2016")
    s = {row["uscc"]: row for row in r.summary.iter_rows(named=True)}
    assert (s["OPEN"]["status"], s["FAILED"]["status"]) == ("review", "fail")
    assert s["FAILED"]["n_unmet"] == 0 and s["OPEN"]["n_unknown"] == s["FAILED"]["n_unknown"] == 0
    assert s["FAILED"]["total_min"] > s["OPEN"]["total_min"]
    assert r.near_eligible()["uscc"].to_list() == ["OPEN", "FAILED"]


def test_the_warning_names_both_ends_of_the_validity() -> None:
    """srdi-sme-2022 (工信部企业〔2022〕63号 附件2) is in force 2022-06-01 –
    2026-03-31: a unit applying on 2026-06-30 is scored for reference only, and the warning
    says until when the scheme applied."""
    r = score(frame([unit(eval_year=2026)]), "srdi-sme-2022")
    assert r.application.row(0, named=True)["in_force"] is False
    (outside, _assumed) = r.warnings()
    assert "in force 2022-06-01 – 2026-03-31" in outside
    assert "（2026-06-30）不在有效期内" in outside


def test_missing_column_names_the_fiscal_year() -> None:
    """_y0 is the application year Y itself, _yk the fiscal year Y-k (schemes/panel.py)."""
    text = str(MissingColumnsError({"operating_revenue_y0": ["s"], "operating_revenue_y2": ["s"]}))
    assert "operating_revenue_y0 (Y) (s)" in text
    assert "operating_revenue_y2 (Y-2) (s)" in text


def test_prepared_units_of_other_years_are_left_out() -> None:
    """score(units, scheme, year): already-prepared units are scored for that evaluation year
    only (engine.score: ``year`` is the evaluation year)."""
    units = frame([unit(uscc=u, eval_year=y) for u, y in (("A", 2024), ("B", 2025), ("C", 2026))])
    r = score(units, "hnte-2016", year=2025)
    assert r.summary.select("uscc", "eval_year").rows() == [("B", 2025)]


def test_near_eligible_ties_go_to_the_higher_lower_bound() -> None:
    """criteria.md §8.8: among units equal on unmet, unknown and gap, the higher lower-bound
    score comes first. Both units wait for the other expert items (review); A1 (at most 8 points)
    judged at 2 and at 6 puts LOW's lower bound 4 below HIGH's."""
    low = unit(uscc="LOW", hnte_a1_points=2.0)
    high = unit(uscc="HIGH", hnte_a1_points=6.0)
    r = score(frame([low, high]), "hnte-2016")
    s = {row["uscc"]: row for row in r.summary.iter_rows(named=True)}
    assert s["HIGH"]["total_min"] - s["LOW"]["total_min"] == 4.0
    assert r.near_eligible()["uscc"].to_list() == ["HIGH", "LOW"]


def test_explain_carries_each_criterion_s_numbers() -> None:
    """explain(): every criterion with its value, requirement, gap and points, as in the wide
    table (the detail page shows them)."""
    r = score(frame([unit(uscc="A")]), "hnte-2016")
    w = r.wide.row(0, named=True)
    by_id = {c["id"]: c for c in r.explain("A")["criteria"]}
    for cid, entry in by_id.items():
        for name in ("value", "requirement", "gap", "points_min", "points_max"):
            assert entry[name] == w.get(f"{cid}__{name}"), (cid, name)
    assert any(c["value"] is not None for c in by_id.values())
