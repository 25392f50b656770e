"""Scheme-file checks of ``schemes.model.parse_scheme`` (the format of schemes/library/*.toml):

- ``winsor`` (trimming before min–max scaling) belongs to method ``minmax`` only; on any other
  method it is refused rather than silently ignored; its quantiles satisfy 0 ≤ lower < upper ≤ 1.
- ``goalposts`` needs both its posts, ``low`` and ``high``; ``cap`` and ``benchmark`` are for
  ``mean_ratio`` only.
- a scheme is in force from ``effective_from`` to ``effective_to``, both days included; its
  ``application_day`` is a calendar day (29 February too).
- groups form a tree: a chain of nested groups as deep as there are groups is fine, a parent
  cycle is refused.
"""

from __future__ import annotations

import datetime as dt

import pytest
from scheme_texts import HEAD, ITEM

from jiazhou.schemes import SchemeError, load_scheme, parse_scheme
from jiazhou.schemes.model import Scheme

BANDS = "bands = [ { ge = 100, points = 40 }, { points = 0 } ]"


def _item(group: str, method: str, extra: str) -> str:
    """The shared ``ITEM`` with ``group = "<group>"`` written before its ``extra`` keys."""
    item: str = ITEM.format(method=method, extra=f'group = "{group}"\n{extra}')
    return item


def _group(gid: str, parent: str | None) -> str:
    line = f'parent = "{parent}"\n' if parent else ""
    return f'\n[[groups]]\nid = "{gid}"\nlabel_zh = "组"\nlabel_en = "group"\n{line}'


def test_winsor_only_on_minmax() -> None:
    groups = _group("G", None)
    ok = parse_scheme(
        HEAD + _item(group="G", method="minmax", extra="winsor = [0.05, 0.95]") + groups,
        "ok.toml",
    )
    assert ok.items[0].winsor == (0.05, 0.95)
    for method in ("bands", "mean_ratio"):
        extra = "winsor = [0.05, 0.95]\n" + (BANDS if method == "bands" else "")
        bad = HEAD + _item(group="G", method=method, extra=extra) + groups
        with pytest.raises(SchemeError, match=r"items\[0\]\.winsor: .*only for method minmax"):
            parse_scheme(bad, "bad.toml")


def test_nested_groups_and_cycles() -> None:
    item = _item(group="G3", method="bands", extra=BANDS)
    chain = _group("G1", None) + _group("G2", "G1") + _group("G3", "G2")
    s = parse_scheme(HEAD + item + chain, "chain.toml")
    assert [(g.id, g.parent) for g in s.groups] == [("G1", None), ("G2", "G1"), ("G3", "G2")]
    cycle = _group("G1", "G3") + _group("G2", "G1") + _group("G3", "G2")
    with pytest.raises(SchemeError, match=r"groups\[0\]\.parent: .*cycle"):
        parse_scheme(HEAD + item + cycle, "cycle.toml")


def test_goalposts_need_both_posts() -> None:
    """Method ``goalposts`` scales between a low and a high post: a file giving only one of them
    is refused (either one missing)."""
    groups = _group("G", None)
    for posts in ("low = 0", "high = 100"):
        bad = HEAD + _item(group="G", method="goalposts", extra=posts) + groups
        with pytest.raises(SchemeError, match=r"items\[0\]: .*goalposts needs low and high"):
            parse_scheme(bad, "bad.toml")


def test_winsor_quantiles_within_zero_and_one() -> None:
    """``winsor = [lower, upper]`` are quantiles: 0 ≤ lower < upper ≤ 1, both ends allowed."""
    groups = _group("G", None)

    def parse(bounds: str) -> Scheme:
        text = _item(group="G", method="minmax", extra=f"winsor = {bounds}")
        return parse_scheme(HEAD + text + groups, "w.toml")

    assert parse("[0.0, 1.0]").items[0].winsor == (0.0, 1.0)
    for bounds in ("[-0.05, 0.95]", "[0.05, 1.05]", "[0.5, 0.5]"):
        with pytest.raises(SchemeError, match=r"items\[0\]\.winsor: .*0 <= lower < upper <= 1"):
            parse(bounds)


def test_cap_and_benchmark_belong_to_mean_ratio() -> None:
    """``cap`` and ``benchmark`` qualify method ``mean_ratio`` (value / cohort mean); either one
    on another method is refused."""
    groups = _group("G", None)
    for extra in ("cap = 2.0", "benchmark = 1.0"):
        bad = HEAD + _item(group="G", method="minmax", extra=extra) + groups
        with pytest.raises(SchemeError, match=r"items\[0\]: .*cap and benchmark are for method"):
            parse_scheme(bad, "bad.toml")


def test_in_force_from_first_to_last_day() -> None:
    """srdi-sme-2022 (工信部企业〔2022〕63号 附件2) is in force 2022-06-01 – 2026-03-31, both
    days included."""
    s = load_scheme("srdi-sme-2022")
    inside = (dt.date(2022, 6, 1), dt.date(2024, 1, 1), dt.date(2026, 3, 31))
    outside = (dt.date(2022, 5, 31), dt.date(2026, 4, 1))
    assert all(s.in_force(d) for d in inside)
    assert not any(s.in_force(d) for d in outside)


def test_application_day_is_a_calendar_day() -> None:
    """``application_day = "MM-DD"``, any day of a calendar year; 29 February is one (a leap
    year's filing day)."""
    text = HEAD.replace('version = "1"', 'version = "1"\napplication_day = "{day}"')
    assert parse_scheme(text.format(day="02-29"), "d.toml").application_day == (2, 29)
    assert parse_scheme(text.format(day="12-31"), "d.toml").application_day == (12, 31)
    for day in ("02-30", "13-01", "6-30"):
        with pytest.raises(SchemeError, match="application_day: .*expected MM-DD"):
            parse_scheme(text.format(day=day), "d.toml")


@pytest.mark.parametrize("direction", ["0", "2", "-0.5", "0.0"])
def test_an_item_direction_other_than_one_or_minus_one_is_refused(direction: str) -> None:
    """An item's polarity is 1 or −1 (as the index framework has it): 0 meant something
    different to each normalisation (min–max gave every firm 0.5, percentile rank 0, a benchmark
    ratio read it as 1), so it is refused with the file, line and key."""
    groups = _group("G", None)
    with pytest.raises(SchemeError, match=r"bad\.toml:\d+: items\[0\]\.direction: 应为 1 或 -1"):
        parse_scheme(
            HEAD + _item(group="G", method="minmax", extra=f"direction = {direction}") + groups,
            "bad.toml",
        )
    for fine in ("1", "-1", "1.0", "-1.0"):
        scheme = parse_scheme(
            HEAD + _item(group="G", method="minmax", extra=f"direction = {fine}") + groups,
            "ok.toml",
        )
        assert scheme.items[0].direction == float(fine)
