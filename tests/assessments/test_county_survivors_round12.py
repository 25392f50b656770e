"""County assessment (县区科技创新考核) edges the round-12 mutation run left open (issue 23).

Rules (``jiazhou.assessments.county`` docstring; docs/specs/next-capabilities.md §6.2):

* 「统一指标、分类赋权」: one indicator set, one weight vector per class covering every indicator;
  a what-if replaces the weights of the one class named;
* 武进 rule [V] 「达到平均值得基本分，每增减5%加减0.5分」 (benchmark items; higher is better unless
  the scheme says ``lower_better``); target rule 「完成目标值得满分，按比例计分」;
* points = weight × sub-score / nominal; a missing value scores 0 and is flagged 缺数据;
* every region with a class is scored; a region without a class is left out.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from pathlib import Path

import pytest

from jiazhou.assessments import load_county_scheme, score_counties

URBAN = "511102"  # 城市主城区: rd_intensity weight 20, tech_smes weight 15 and target 60
KEY = "511112"  # 重点开发区县

_HEAD = """
code = "t"
name = "测试"
version = "1"

[[indicators]]
code = "rd"
name = "研发投入强度"
rule = "benchmark"
nominal = "10"
bonus_cap = "4"

[[indicators]]
code = "tsme"
name = "科技型中小企业数"
rule = "target"
nominal = "10"
bonus_cap = "4"

[[classes]]
code = "a"
name = "甲类"
regions = ["A", "B"]
targets = { tsme = 10 }
"""


def _scheme_file(tmp_path: Path, weights: str) -> Path:
    path = tmp_path / "county.toml"
    path.write_text(_HEAD + f"weights = {{ {weights} }}\n", encoding="utf-8")
    return path


def test_weights_with_an_indicator_the_scheme_lacks_are_refused(tmp_path: Path) -> None:
    """分类赋权: a weight vector must cover exactly the indicator set — an extra key is refused."""
    path = _scheme_file(tmp_path, "rd = 50, tsme = 40, other = 10")
    with pytest.raises(ValueError, match="权重须覆盖全部指标"):
        load_county_scheme(path)


def test_weights_missing_an_indicator_are_refused(tmp_path: Path) -> None:
    """分类赋权: a weight vector that leaves out an indicator (tsme) is refused."""
    with pytest.raises(ValueError, match="权重须覆盖全部指标"):
        load_county_scheme(_scheme_file(tmp_path, "rd = 100"))


@pytest.mark.parametrize("rule", ["Benchmark", "average", ""])
def test_an_indicator_with_an_unknown_rule_is_refused(tmp_path: Path, rule: str) -> None:
    """An item scores by the 武进 benchmark rule or by its target, nothing else: a misspelt rule
    is refused with the item and the rule named, not scored as a target item without one."""
    path = _scheme_file(tmp_path, "rd = 50, tsme = 50")
    path.write_text(path.read_text("utf-8").replace('rule = "benchmark"', f'rule = "{rule}"'))
    message = f"指标 rd 的计分规则「{rule}」无效，应为 benchmark 或 target / indicator rd: rule"
    with pytest.raises(ValueError, match=f"^{message}"):
        load_county_scheme(path)


def test_a_loaded_benchmark_item_is_higher_better_unless_the_scheme_says_so(
    tmp_path: Path,
) -> None:
    """武进 rule on a file without ``lower_better``: mean of 2.2 and 1.8 is 2.0; A at 110% →
    +2 steps → 10 + 1 = 11, B at 90% → −2 steps → 9. Class weight 50 of nominal 10: 55 / 45."""
    scheme = load_county_scheme(_scheme_file(tmp_path, "rd = 50, tsme = 50"))
    assert [i.lower_better for i in scheme.indicators] == [False, False]
    results = {
        r.region: r for r in score_counties(scheme, {"A": {"rd": D("2.2")}, "B": {"rd": D("1.8")}})
    }
    assert (results["A"].items[0].sub_score, results["A"].items[0].points) == (
        D("11.00"),
        D("55.00"),
    )
    assert (results["B"].items[0].sub_score, results["B"].items[0].points) == (
        D("9.00"),
        D("45.00"),
    )


def test_the_leshan_benchmark_items_are_all_higher_better() -> None:
    """Default Leshan scheme: R&D intensity 2.2 vs 1.8 (mean 2.0) → 主城区 sub-score 11,
    points 20 × 11 / 10 = 22 (a higher R&D intensity is better)."""
    scheme = load_county_scheme()
    assert not any(i.lower_better for i in scheme.indicators)
    results = {
        r.region: r
        for r in score_counties(
            scheme, {URBAN: {"rd_intensity": D("2.2")}, KEY: {"rd_intensity": D("1.8")}}
        )
    }
    rd = next(i for i in results[URBAN].items if i.code == "rd_intensity")
    assert (rd.sub_score, rd.points) == (D("11.00"), D("22.00"))


def test_a_what_if_on_a_lower_coded_class_leaves_the_others_alone() -> None:
    """What-if (``with_weights``): only the named class (农产品主产区) gets the new weight; 主城区,
    重点开发区县, 生态区 and 高新区 keep theirs."""
    scheme = load_county_scheme()
    changed = scheme.with_weights("agricultural", {"rd_intensity": D(40)})
    for before, after in zip(scheme.classes, changed.classes, strict=True):
        if before.code == "agricultural":
            assert after.weights == {**before.weights, "rd_intensity": D(40)}
        else:
            assert after.weights == before.weights, before.code


def test_a_region_without_a_class_does_not_stop_the_others_being_scored() -> None:
    """Every region with a class is scored: an unclassified one listed first is skipped, 主城区
    still gets tech_smes 30 of target 60 → sub-score 5, points 15 × 5 / 10 = 7.5."""
    scheme = load_county_scheme()
    values: dict[str, dict[str, D | None]] = {
        "NO-CLASS": {"tech_smes": D(30)},
        URBAN: {"tech_smes": D(30)},
    }
    (result,) = score_counties(scheme, values)
    assert result.region == URBAN
    item = next(i for i in result.items if i.code == "tech_smes")
    assert (item.sub_score, item.points) == (D("5.00"), D("7.50"))
    assert result.total == D("7.50")


def test_a_missing_value_has_a_zero_sub_score_and_no_reference() -> None:
    """A missing value scores 0 (sub-score and points) and is flagged 缺数据, whatever the rule."""
    scheme = load_county_scheme()
    (result,) = score_counties(scheme, {URBAN: {"tech_smes": None}})
    for item in result.items:
        assert (item.value, item.reference, item.sub_score, item.points) == (None, None, D(0), D(0))
        assert "缺数据" in item.note
    assert result.total == D(0)


def test_classes_items_and_results_are_read_only() -> None:
    """A published scheme and result cannot be altered after the fact."""
    scheme = load_county_scheme()
    (result,) = score_counties(scheme, {URBAN: {"tech_smes": D(30)}})
    with pytest.raises(dataclasses.FrozenInstanceError):
        scheme.classes[0].name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.items[0].points = D(100)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.rank = 0  # type: ignore[misc]
