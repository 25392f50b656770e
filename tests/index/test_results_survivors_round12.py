"""Result-table survivors, round 12 (issue 23; COINr's ``get_str_weak``, ``rank_df(use_group)``
and ``compare_coins`` as documented in ``index.results``).

Framework: seven higher-is-better indicators i1…i7 (i1–i4 under P1, i5–i7 under P2, both under
I); eight units. On every indicator u2…u8 hold 70, 60, …, 10; u1 holds 75 − 10 (j − 1) on ij,
so u1 ranks j on ij (1 … 7) and is never the worst (u8, rank 8, is).

- ``get_str_weak`` defaults: ``topN = 5``, ``bottomN = 5``; both tables list best rank first.
- Group ranks rank each unit among its own group only; ``min_discard`` compares with the worst
  rank of the unit's own group.
- ``compare_coins`` at a level compares that level's first code.
- The direction is applied by default only to the Raw data set.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline
from jiazhou.index.results import compare, group_ranks, strengths_weaknesses

CODES = [f"i{j}" for j in range(1, 8)]
UNITS = [f"u{k}" for k in range(1, 9)]
GROUPS = ["x", "x", "x", "y", "y", "z", "z", "z"]


def _meta() -> pl.DataFrame:
    rows: list[dict[str, object]] = [
        {"Level": 1, "iCode": c, "Parent": "P1" if j < 4 else "P2", "Direction": 1,
         "Weight": 1.0, "Type": "Indicator"}
        for j, c in enumerate(CODES)
    ]  # fmt: skip
    rows += [
        {"Level": 2, "iCode": "P1", "Parent": "I", "Direction": 1, "Weight": 1.0,
         "Type": "Aggregate"},
        {"Level": 2, "iCode": "P2", "Parent": "I", "Direction": 1, "Weight": 1.0,
         "Type": "Aggregate"},
        {"Level": 3, "iCode": "I", "Parent": None, "Direction": 1, "Weight": 1.0,
         "Type": "Aggregate"},
        {"Level": None, "iCode": "grp", "Parent": None, "Direction": None, "Weight": None,
         "Type": "Group"},
    ]  # fmt: skip
    return pl.DataFrame(rows, infer_schema_length=None)


def _data() -> pl.DataFrame:
    others = [70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 10.0]
    cols = {c: [75.0 - 10.0 * j, *others] for j, c in enumerate(CODES)}
    return pl.DataFrame({"uCode": UNITS, "grp": GROUPS} | cols)


@pytest.fixture
def built() -> Pipeline:
    return Pipeline([Normalise("minmax"), Aggregate()]).fit(_data(), Framework.from_meta(_meta()))


def test_default_tables_hold_five_each_best_rank_first(built: Pipeline) -> None:
    strong, weak = strengths_weaknesses(built, "u1")
    assert strong["Code"].to_list() == ["i1", "i2", "i3", "i4", "i5"]
    assert strong["Rank"].to_list() == [1, 2, 3, 4, 5]
    assert weak["Code"].to_list() == ["i3", "i4", "i5", "i6", "i7"]
    assert weak["Rank"].to_list() == [3, 4, 5, 6, 7]


def test_bottom_table_of_three_keeps_rank_order(built: Pipeline) -> None:
    strong, weak = strengths_weaknesses(built, "u1", top_n=2, bottom_n=3)
    assert strong["Rank"].to_list() == [1, 2]
    assert weak["Code"].to_list() == ["i5", "i6", "i7"]
    assert weak["Rank"].to_list() == [5, 6, 7]


def test_group_ranks_with_three_groups(built: Pipeline) -> None:
    # i1 = 75, 70, 60 | 50, 40 | 30, 20, 10 → x: 1, 2, 3; y: 1, 2; z: 1, 2, 3.
    r = group_ranks(built, "grp", level=1).sort("uCode")
    assert r["i1"].to_list() == [1, 2, 3, 1, 2, 1, 2, 3]


def test_min_discard_looks_at_the_units_own_group_only(built: Pipeline) -> None:
    # Group y = u4 (40 on every indicator) and u5 (30): u5 ranks 2 of 2 everywhere — the worst
    # of its group, so nothing is reported, though x and z have a rank 3. u4 ranks 1 everywhere.
    strong, weak = strengths_weaknesses(built, "u5", use_group="grp")
    assert strong.height == weak.height == 0
    strong, _ = strengths_weaknesses(built, "u4", use_group="grp", top_n=7)
    assert strong["Code"].to_list() == CODES
    assert strong["Rank"].to_list() == [1] * 7
    # u2 (70) in x: 2nd on i1 (u1 75), 1st elsewhere (u1 65, 55, …) — never x's worst; the
    # rank-1 ties keep framework order after the single rank 2 moves to the end
    strong, _ = strengths_weaknesses(built, "u2", use_group="grp", top_n=7)
    assert strong["Code"].to_list() == [*CODES[1:], "i1"]
    assert strong["Rank"].to_list() == [1] * 6 + [2]


def test_compare_at_a_level_uses_its_first_code(built: Pipeline) -> None:
    # P1 (i1–i4) vs P2 (i5–i7) differ only for u1: its scores on P1 and P2 differ.
    scores = built.scores()
    out = compare(built, built, level=2, by="scores").sort("uCode")
    np.testing.assert_allclose(out["first"].to_numpy(), scores.sort("uCode")["P1"].to_numpy())
    assert out["first"][0] != pytest.approx(scores.sort("uCode")["P2"][0])


def test_the_direction_is_not_applied_to_a_treated_data_set(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # b (lower is better) = 1, 0.25, 2 on the "Treated" set: unadjusted, u3's 2 ranks first.
    from jiazhou.index.treat import Treat

    d = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "pop": [1.0] * 3, "grp": ["x"] * 3,
         "a": [1.0, 4.0, 8.0], "b": [1.0, 0.25, 2.0]}
    )  # fmt: skip
    p = Pipeline([Treat(), Normalise("minmax"), Aggregate()]).fit(
        d, Framework.from_meta(small_meta())
    )
    np.testing.assert_allclose(p.datasets_["Treated"].column("b"), [1.0, 0.25, 2.0])
    strong, _ = strengths_weaknesses(p, "u3", dset="Treated")
    assert (strong["Code"].to_list(), strong["Rank"].to_list()) == (["a", "b"], [1, 1])
