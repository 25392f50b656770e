"""Scheme-file rules of ``schemes.model`` pinned after mutation round 12 (issue 23):

- an interval is a number or exactly ``[min, max]``; a number is an int or float, never a
  boolean or text; an identifier is letters, digits and ``_`` starting with a letter.
- ``max`` is never negative; a band's upper points may not exceed ``max`` (its lower may be
  below it); ``direction`` needs both ``value`` and ``requirement``; ``standard_value`` needs
  ``standard``; ``winsor`` is for ``minmax`` only, whatever the method's name sorts as.
- ``outcome.min_points`` names an item or group of the scheme.
- a refusal in the n-th ``[[items]]`` names the line of that n-th header.
- ``weight_by`` weighs a unit matching none of its values at 1.
- defaults: a gate is required, an outcome ranks, a band is not ambiguous.
- a parsed scheme and its parts are immutable values.
"""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest
from scheme_texts import HEAD, ITEM

from jiazhou.schemes import SchemeError, parse_scheme
from jiazhou.schemes.model import Band, Gate, Outcome

GATE = """
[[gates]]
id = "G1"
label_zh = "门槛"
label_en = "Gate"
cite = "test"
tag = "L"
{extra}
"""


def _refusal(text: str) -> str:
    with pytest.raises(SchemeError) as exc:
        parse_scheme(text, "s.toml")
    return str(exc.value)


def _manual(extra: str = "", **keys: str) -> str:
    """HEAD + one manual STAFF item (max 40) with ``extra`` lines; ``keys`` replace lines."""
    text: str = HEAD + ITEM.format(method="manual", extra=extra)
    for key, value in keys.items():
        text = "\n".join(
            f"{key} = {value}" if ln.startswith(f"{key} =") else ln for ln in text.split("\n")
        )
    return text


@pytest.mark.parametrize("interval", ["[5]", "[0, 5, 8]"])
def test_an_interval_is_exactly_two_numbers(interval: str) -> None:
    """``range = [min, max]``: one number in brackets, or three, is refused."""
    assert _refusal(_manual(f"range = {interval}")).endswith(
        "items[0].range: 区间应为 [最小, 最大] / interval must be [min, max]"
    )


@pytest.mark.parametrize("bad", ["true", '"40"'])
def test_max_must_be_a_number_not_a_boolean_or_text(bad: str) -> None:
    assert _refusal(_manual("range = [0, 40]", max=bad)).endswith(
        f"items[0].max: 应为数字 / expected a number, got {True if bad == 'true' else '40'!r}"
    )


def test_an_identifier_with_a_hyphen_is_refused() -> None:
    assert "bad identifier 'STAFF-1'" in _refusal(_manual("range = [0, 40]", id='"STAFF-1"'))


def test_max_cannot_be_negative_even_by_half_a_point() -> None:
    """ "at most max points": −0.5 is negative (points off are an events item's per_event)."""
    assert "max cannot be negative: -0.5" in _refusal(_manual("range = [0, 0]", max="-0.5"))


def test_a_band_whose_upper_points_exceed_max_is_refused() -> None:
    """Band points [30, 50] with max 40: the expert could pick 50 > 40 (its low end 30 fits)."""
    bands = "bands = [ { points = [30, 50] } ]"
    text = HEAD + ITEM.format(method="bands", extra=bands)
    assert "items[0].bands[0].points: 超过满分 / exceeds max 40.0" in _refusal(text)


def test_direction_needs_both_value_and_requirement() -> None:
    only_value = HEAD + GATE.format(extra='direction = "min"\nvalue = "employees_total_y1"')
    assert "direction needs value and requirement" in _refusal(only_value)


def test_standard_value_needs_standard() -> None:
    text = HEAD + ITEM.format(method="standard_value", extra="")
    assert "standard_value needs standard" in _refusal(text)


def test_winsor_is_refused_on_methods_sorting_after_minmax() -> None:
    for method, extra in (("percentile", ""), ("standard_value", "standard = 10")):
        text = HEAD + ITEM.format(method=method, extra=f"{extra}\nwinsor = [0.05, 0.95]")
        assert "items[0].winsor: 仅用于 minmax / only for method minmax" in _refusal(text)


def test_min_points_must_name_an_item_or_group() -> None:
    head = HEAD.replace("pass_mark = 20\n", "pass_mark = 20\nmin_points = { NOPE = 1 }\n")
    text = head + ITEM.format(method="manual", extra="range = [0, 40]")
    assert _refusal(text).endswith("未定义的指标或分组 / unknown item or group 'NOPE'")


def test_a_refusal_in_the_second_item_names_its_own_header_line() -> None:
    """HEAD is lines 1–9, the first ``[[items]]`` line 11 and its block ends on line 20: the
    second ``[[items]]`` header is line 22."""
    second = ITEM.format(method="manual", extra="range = [0, 40]").replace('"STAFF"', '"B"')
    text = _manual("range = [0, 40]") + second.replace('tag = "L"', 'tag = "X"')
    assert _refusal(text).startswith("s.toml:22: items[1].tag: ")


def test_weight_by_weighs_an_unlisted_value_at_one() -> None:
    """``weight_by`` without ``default``: a unit whose column matches no listed value counts
    in full (weight 1); the listed one at its weight."""
    extra = 'range = [0, 40]\nweight_by = { column = "region", values = { west = 0.5 } }'
    weight = parse_scheme(_manual(extra), "s.toml").items[0].weight
    frame = pl.DataFrame({"region": ["west", "east"]})
    assert frame.select(pl.sql_expr(weight).alias("w"))["w"].to_list() == [0.5, 1.0]


def test_defaults_a_gate_is_required_an_outcome_ranks_a_band_is_not_ambiguous() -> None:
    assert Gate("G", "门槛", "Gate", "test", "L").required is True
    assert Outcome().rank is True
    assert Band((0.0, 1.0)).ambiguous is False
    parsed = parse_scheme(HEAD + GATE.format(extra='when = "TRUE"'), "s.toml")
    assert parsed.outcome.rank is True and parsed.gates[0].required is True


def test_a_parsed_scheme_and_its_parts_are_immutable() -> None:
    """A scheme is loaded once and shared: none of its parts may change after validation."""
    extra = 'bands = [ { ge = 5, points = 40 }, { points = 0 } ]\ngroup = "G"'
    groups = '\n[[groups]]\nid = "G"\nlabel_zh = "组"\nlabel_en = "Group"\n'
    fields = '\n[[fields]]\nname = "f"\nexpr = "employees_total_y1"\n'
    classes = '\n[[outcome.classes]]\nname = "A"\nmin = 30\n'
    text = (
        HEAD.replace("pass_mark = 20\n", "pass_mark = 20\n" + classes)
        + GATE.format(extra='when = "TRUE"')
        + ITEM.format(method="bands", extra=extra)
        + groups
        + fields
    )
    s = parse_scheme(text, "s.toml")
    parts: list[object] = [
        s,
        s.gates[0],
        s.items[0],
        s.items[0].bands[0],
        s.groups[0],
        s.fields[-1],
    ]
    parts += [s.outcome, s.outcome.classes[0]]
    for part in parts:
        with pytest.raises(dataclasses.FrozenInstanceError):
            part.label_en = "changed"  # type: ignore[attr-defined]
