"""Expert-review settlement (``schemes.review``) rules pinned after mutation round 12 (issue 23).

Hand-computed from the rules the module doc cites (criteria.md §0.3, §1.5; the engine's SQL,
``sqlgen._totals``):

- an unmet required gate is decided: it counts in ``n_unmet`` only, never as unknown or review.
- every decision of a settlement is applied, gates and items alike, whatever their order.
- groups combine bottom-up however deep the tree, whatever order the scheme lists them in;
  a group without children scores 0 (``sqlgen``: ``ZERO``), before its cap and floor.
- totals are kept to ten decimals (``sqlgen.DIGITS``).
- a criterion and a settled result are values: they cannot be altered after the fact.
"""

from __future__ import annotations

import dataclasses

import pytest
from scheme_texts import HEAD

from jiazhou.schemes import load_scheme, parse_scheme
from jiazhou.schemes.review import MET, REVIEW, UNMET, Criterion, settle

HNTE = load_scheme("hnte-2016")
HNTE_GATES = ("H0", "H1", "H2", "H3", "H4", "H5", "H5b", "H6", "H8")
# A 8+8+8+6 = 30, B 25, C 6+6+4+4 = 20, D1 5 → 80 (groups of criteria.md §1.5, none over its cap)
POINTS_80 = {
    **dict.fromkeys(("A1", "A2", "A3"), 8.0),
    "A4": 6.0,
    "B1": 25.0,
    "C1": 6.0,
    "C2": 6.0,
    "C3": 4.0,
    "C4": 4.0,
    "D1": 5.0,
}


def _hnte(points: dict[str, float], **overrides: Criterion) -> dict[str, Criterion]:
    """Every HNTE gate met, each item fixed at ``points`` (0 when not named), then overrides."""
    out = {g: Criterion("gate", MET) for g in HNTE_GATES}
    for item in HNTE.items:
        p = points.get(item.id, 0.0)
        out[item.id] = Criterion("item", MET if p > 0 else UNMET, p, p)
    return out | overrides


def test_an_unmet_required_gate_is_neither_unknown_nor_under_review() -> None:
    """criteria.md §0.3: ``unmet`` is a decided state; only missing data count as unknown.

    H8 (no serious violation) unmet with 80 points: fail, one unmet, nothing unknown or open."""
    settled = settle(HNTE, _hnte(POINTS_80, H8=Criterion("gate", UNMET)), {})
    assert (settled.status, settled.n_unmet, settled.n_unknown, settled.n_review) == (
        "fail",
        1,
        0,
        0,
    )


def test_every_decision_applies_when_a_gate_is_decided_first() -> None:
    """The expert confirms each review gate and picks each item's points (module doc): a gate
    decided before an item does not end the settlement. H2 met and A1 8 of [0, 8]:
    A 30, B 21, C 20, D 0 → 71 > 70 → pass, nothing left under review."""
    criteria = _hnte(
        {**POINTS_80, "B1": 21.0, "D1": 0.0},
        H2=Criterion("gate", REVIEW),
        A1=Criterion("item", REVIEW, 0.0, 8.0),
    )
    settled = settle(HNTE, criteria, {"H2": True, "A1": 8})
    assert (settled.status, settled.total, settled.n_review) == ("pass", 71.0, 0)
    assert settled.criteria["A1"] == Criterion("item", MET, 8.0, 8.0)
    assert settled.criteria["H2"] == Criterion("gate", MET)


# A toy scheme (pass at 20): TOP ≤ 10 ⊃ MID ≤ 6 ⊃ LEAF (better of L1, L2), listed parent first,
# and a 扣分 group PEN floored at −30 with no penalty items defined.
_MANUAL = """
[[items]]
id = "{id}"
label_zh = "{id}"
label_en = "{id}"
cite = "test"
tag = "L"
max = {hi}
method = "manual"
range = [0, {hi}]
group = "{group}"
"""
_GROUPS = """
[[groups]]
id = "TOP"
label_zh = "顶层"
label_en = "Top"
max = 10

[[groups]]
id = "MID"
label_zh = "中层"
label_en = "Middle"
max = 6
parent = "TOP"

[[groups]]
id = "LEAF"
label_zh = "底层"
label_en = "Leaf"
combine = "max"
parent = "MID"

[[groups]]
id = "PEN"
label_zh = "扣分"
label_en = "Penalties"
floor = -30
"""
TOY = parse_scheme(
    HEAD
    + "".join(
        _MANUAL.format(id=i, hi=hi, group=g)
        for i, hi, g in (("L1", 5, "LEAF"), ("L2", 5, "LEAF"), ("M1", 3, "MID"), ("T1", 8, "TOP"))
    )
    + _GROUPS,
    "toy.toml",
)


def test_three_level_groups_combine_bottom_up_and_an_empty_group_scores_zero() -> None:
    """sqlgen._totals: the deepest group first; a group without children is 0 before its floor.

    LEAF max(4, 5) = 5; MID 5 + 3 = 8 → capped 6; TOP 6 + 8 = 14 → capped 10; PEN 0
    (not −30: the floor only limits what is taken off). Total 10 < 20 → fail."""
    points = {"L1": 4.0, "L2": 5.0, "M1": 3.0, "T1": 8.0}
    criteria = {k: Criterion("item", MET, v, v) for k, v in points.items()}
    settled = settle(TOY, criteria, {})
    assert (settled.status, settled.total_min, settled.total_max) == ("fail", 10.0, 10.0)


def test_totals_keep_ten_decimals() -> None:
    """sqlgen.DIGITS = 10: the tenth decimal is kept, anything below it is dropped."""
    kept = settle(HNTE, _hnte({"C1": 0.0000000001}), {})
    assert kept.total_min == kept.total_max == 0.0000000001
    dropped = settle(HNTE, _hnte({"C1": 0.00000000004}), {})
    assert dropped.total_min == dropped.total_max == 0.0


def test_criteria_and_settled_results_cannot_be_altered() -> None:
    """The stored criteria and the settled result are the record of the expert's decision:
    immutable values (changing one would change the record behind the audit trail)."""
    criterion = Criterion("item", REVIEW, 0.0, 8.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        criterion.status = MET  # type: ignore[misc]
    settled = settle(HNTE, _hnte(POINTS_80), {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settled.status = "fail"  # type: ignore[misc]


def test_an_item_without_an_upper_end_is_read_as_its_low_end_when_settling() -> None:
    """apply_decisions reads an interval without an upper end as [low, low] (only the low end
    may be chosen); settle must read the same stored criterion the same way. D2 stored at
    3 … (none) with 80 points elsewhere: 83 … 83, not 83 … 80 (an empty interval)."""
    settled = settle(HNTE, _hnte(POINTS_80, D2=Criterion("item", REVIEW, 3.0, None)), {})
    assert (settled.total_min, settled.total_max) == (83.0, 83.0)
