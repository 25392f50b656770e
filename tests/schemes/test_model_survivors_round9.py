"""Scheme-file rules of ``schemes.model`` pinned after mutation round 9 (issue 23):

- a band has at most one condition: ``when`` together with ``ge``/``gt``/``le``/``lt`` is refused
  like two comparisons are.
- ``cap`` and ``benchmark`` are refused on every method but ``mean_ratio``, including methods
  whose names sort before it (``bands``, ``formula``).
- an item's ``top`` is ``max`` times ``cap`` only for a capped ``mean_ratio``; an uncapped one
  tops out at ``max``.
- an SQL key must be a non-empty string: blank text and non-strings get the same refusal.
- an overlay whose ``base`` file is missing is a :class:`SchemeError` (not a bare ValueError).
- defaults: an :class:`Outcome` is scored, a :class:`Gate` needs no expert review, an outcome
  read without being told of an ``[evaluation]`` needs ``pass_mark``, and a key that names no
  line of the file is reported at line 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scheme_texts import HEAD, ITEM

from jiazhou.schemes import SchemeError, parse_scheme
from jiazhou.schemes.model import Gate, Outcome, _outcome, _Reader

GATE = """
[[gates]]
id = "G1"
label_zh = "门槛"
label_en = "Gate"
cite = "test"
tag = "L"
when = {when}
"""


def _refusal(text: str, path: str = "s.toml") -> str:
    with pytest.raises(SchemeError) as exc:
        parse_scheme(text, path)
    return str(exc.value)


def test_a_band_with_when_and_a_comparison_is_refused() -> None:
    """``when`` plus ``ge`` is two conditions for one band: refused, as ``ge`` plus ``le`` is."""
    for cond in ('when = "employees_total_y1 > 1", ge = 100', "ge = 100, le = 200"):
        bands = f"bands = [ {{ {cond}, points = 40 }}, {{ points = 0 }} ]"
        text = HEAD + ITEM.format(method="bands", extra=bands)
        assert _refusal(text) == (
            "s.toml:11: items[0].bands[0]: 一个分档只能有一个条件 / "
            "one condition per band (when, ge, gt, le or lt)"
        )


@pytest.mark.parametrize(
    ("method", "extra"),
    [
        ("bands", "bands = [ { ge = 100, points = 40 }, { points = 0 } ]"),
        ("formula", 'points = "40"'),
        ("goalposts", "low = 0\nhigh = 100"),
    ],
)
@pytest.mark.parametrize("key", ["cap = 2.0", "benchmark = 1.0"])
def test_cap_and_benchmark_refused_on_methods_sorting_before_mean_ratio(
    method: str, extra: str, key: str
) -> None:
    text = HEAD + ITEM.format(method=method, extra=f"{extra}\n{key}")
    assert _refusal(text) == (
        "s.toml:11: items[0]: cap 与 benchmark 仅用于 mean_ratio / "
        "cap and benchmark are for method mean_ratio"
    )


def test_top_of_an_uncapped_mean_ratio_is_max() -> None:
    uncapped = parse_scheme(HEAD + ITEM.format(method="mean_ratio", extra=""), "s.toml")
    assert uncapped.items[0].cap is None
    assert uncapped.items[0].top == 40.0
    capped = parse_scheme(HEAD + ITEM.format(method="mean_ratio", extra="cap = 1.5"), "s.toml")
    assert capped.items[0].top == 60.0


@pytest.mark.parametrize("when", ['"   "', '""', "5"])
def test_sql_keys_must_be_non_empty_strings(when: str) -> None:
    assert _refusal(HEAD + GATE.format(when=when)) == (
        "s.toml:11: gates[0].when: 应为非空 SQL 表达式 / expected a non-empty SQL expression"
    )


def test_a_missing_base_is_a_scheme_error(tmp_path: Path) -> None:
    path = str(tmp_path / "local.toml")
    with pytest.raises(SchemeError) as exc:
        parse_scheme('base = "absent"\n' + HEAD, path)
    assert type(exc.value) is SchemeError
    assert str(exc.value) == f"{path}: 基础方案不存在 / base scheme not found: absent.toml"


def test_an_outcome_is_scored_by_default() -> None:
    assert Outcome().scored is True


def test_a_gate_needs_no_review_by_default() -> None:
    gate = Gate(id="G1", label_zh="门槛", label_en="Gate", cite="test", tag="L")
    assert gate.review is False
    parsed = parse_scheme(HEAD + GATE.format(when='"employees_total_y1 > 1"'), "s.toml")
    assert parsed.gates[0].review is False


def test_outcome_without_evaluation_flag_needs_pass_mark() -> None:
    """Read on its own (no ``[evaluation]`` declared), a scored outcome must give ``pass_mark``."""
    r = _Reader("s.toml", "[outcome]\nscored = true\n", None)
    with pytest.raises(SchemeError) as exc:
        _outcome(r, r.doc["outcome"])
    assert str(exc.value) == (
        "s.toml:1: outcome: 计分方案需要 pass_mark / a scored scheme needs pass_mark"
    )


@pytest.mark.parametrize("key", ["", "[x]", ".pass_mark", "absent"])
def test_a_key_naming_no_line_is_reported_at_line_zero(key: str) -> None:
    r = _Reader("s.toml", HEAD, None)
    assert r.line_of(key) == 0
    assert str(r.fail(key, "reason")) == f"s.toml:0: {key}: reason"
