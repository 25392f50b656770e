"""The words ``schemes.engine`` shows with a result (issue 23, sixth mutation round).

- ``explain`` of a unit that is not in the result names the unit, and the year only when one
  was asked for: 「无此单位 / no such unit: A」, 「… A 2023」 — never 「None」.
- ``warnings`` name the application dates outside the validity, in date order, at most five of
  them (the count says how many units there are).
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.schemes.conftest import frame, unit

from jiazhou.schemes import score


def test_an_unknown_unit_is_named_without_a_year_when_none_was_asked() -> None:
    r = score(frame([unit(uscc="A")]), "hnte-2016")
    with pytest.raises(KeyError) as no_year:
        r.explain("B")
    assert no_year.value.args[0] == "无此单位 / no such unit: B"
    with pytest.raises(KeyError) as with_year:
        r.explain("A", 2023)
    assert with_year.value.args[0] == "无此单位 / no such unit: A 2023"


def test_the_validity_warning_names_the_first_five_dates() -> None:
    """srdi-sme-2022 is in force 2022-06-01 – 2026-03-31: six units applying on 1 – 6 April 2026
    are all outside; the warning counts six and lists 1 – 5 April, in date order."""
    days = [dt.date(2026, 4, d) for d in (6, 2, 4, 1, 5, 3)]
    units = [unit(uscc=f"U{n}", eval_year=2026, application_date=d) for n, d in enumerate(days)]
    (outside,) = score(frame(units), "srdi-sme-2022").warnings()
    assert (
        "6 个评价单位的申请日期（2026-04-01、2026-04-02、2026-04-03、2026-04-04、2026-04-05）"
        in (outside)
    )
    assert "2026-04-06" not in outside


def test_in_force_from_the_first_to_the_last_day() -> None:
    """srdi-sme-2022 (工信部企业〔2022〕63号 附件2) applies from 2022-06-01 to 2026-03-31, both
    days included: each unit's ``in_force`` follows its own application date."""
    days = {
        "BEFORE": dt.date(2022, 5, 31),
        "FIRST": dt.date(2022, 6, 1),
        "MIDDLE": dt.date(2024, 1, 15),
        "LAST": dt.date(2026, 3, 31),
        "AFTER": dt.date(2026, 4, 1),
    }
    units = [unit(uscc=u, eval_year=d.year, application_date=d) for u, d in days.items()]
    r = score(frame(units), "srdi-sme-2022")
    in_force = dict(r.application.select("uscc", "in_force").rows())
    assert in_force == {
        "BEFORE": False,
        "FIRST": True,
        "MIDDLE": True,
        "LAST": True,
        "AFTER": False,
    }


def test_near_eligible_puts_the_smaller_relative_gap_first() -> None:
    """criteria.md §8.8 (3): among units with as many unmet and unknown criteria, the smaller sum
    of relative gaps comes first. HNTE H4 asks for 科技人员 ≥ 10 % of employees: 9 of 100 is
    (0.10 − 0.09) / 0.10 = 0.1 short, 5 of 100 is 0.5 short."""
    far = unit(uscc="FAR", tech_staff=5.0)
    near = unit(uscc="NEAR", tech_staff=9.0)
    r = score(frame([far, near]), "hnte-2016")
    s = {row["uscc"]: row for row in r.summary.iter_rows(named=True)}
    assert s["FAR"]["n_unmet"] == s["NEAR"]["n_unmet"] == 1
    assert s["FAR"]["n_unknown"] == s["NEAR"]["n_unknown"]
    assert s["NEAR"]["gap_score"] == pytest.approx(0.1)
    assert s["FAR"]["gap_score"] == pytest.approx(0.5)
    assert r.near_eligible()["uscc"].to_list() == ["NEAR", "FAR"]


def test_near_eligible_puts_fewer_unknowns_first() -> None:
    """criteria.md §8.8 (2): with no hard criterion unmet, fewer unknown data items come first.
    Without 科技人员 HNTE H4 is unknown; without the class-I IP count A3 is unknown too."""
    more = unit(uscc="MORE", tech_staff=None, ip_class1_count=None)
    one = unit(uscc="ONE", tech_staff=None)
    r = score(frame([more, one]), "hnte-2016")
    s = {row["uscc"]: row for row in r.summary.iter_rows(named=True)}
    assert s["MORE"]["n_unmet"] == s["ONE"]["n_unmet"] == 0
    assert (s["ONE"]["n_unknown"], s["MORE"]["n_unknown"]) == (1, 2)
    assert r.near_eligible()["uscc"].to_list() == ["ONE", "MORE"]
