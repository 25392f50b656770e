"""Framework and data validation (COINr's ``new_coin`` / ``check_iMeta`` / ``check_iData`` rules)."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework


def test_asem_loads_unchanged(asem: Framework, asem_data: pl.DataFrame) -> None:
    assert len(asem.indicators) == 49
    assert asem.n_levels == 4 and asem.root == "Index"
    assert asem.children["Conn"] == ("Physical", "ConEcFin", "Political", "Instit", "P2P")
    assert asem.denominators["Flights"] == "Population"
    data = Dataset.from_frame(asem_data, asem)
    assert data.values.shape == (51, 49)
    # README: 64 missing values, one of them in the Energy denominator
    assert int(pl.Series(data.values.ravel()).is_nan().sum()) == 63


def test_effective_weights_sum_to_one(asem: Framework) -> None:
    eff = asem.effective_weights()
    assert sum(eff[c] for c in asem.indicators) == pytest.approx(1.0)
    # Physical has 8 indicators, 5 pillars in Conn, 2 sub-indices: 1/2 · 1/5 · 1/8
    assert eff["LPI"] == pytest.approx(1 / 80)


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        ({"a__Direction": 2}, "Direction 必须为 1 或 -1"),
        ({"a__Parent": "nope"}, "Parent「nope」不是 iMeta 中的聚合节点"),
        ({"b__iCode": "a"}, "iCode「a」重复"),
        ({"a__Type": "Thing"}, "Type「Thing」无效"),
        ({"a__Weight": -1.0}, "Weight 必须是非负数"),
        ({"P__Parent": None}, "P：缺少 Parent"),
        ({"a__Level": 2}, "指标必须在第 1 层"),
        ({"a__Denominator": "gdp"}, "分母「gdp」未在 iMeta 中声明"),
    ],
)
def test_bad_meta_names_the_row_chinese_first(
    small_meta: Callable[..., pl.DataFrame], override: dict[str, object], fragment: str
) -> None:
    with pytest.raises(IndexInputError) as err:
        Framework.from_meta(small_meta(**override))
    message = str(err.value)
    assert fragment in message
    assert message.index(err.value.zh) < message.index(err.value.en)


def test_aggregate_without_children_is_rejected(small_meta: Callable[..., pl.DataFrame]) -> None:
    extra = pl.DataFrame(
        {"Level": [2], "iCode": ["Q"], "Parent": ["I"], "Direction": [1], "Weight": [1.0],
         "Type": ["Aggregate"], "Denominator": [None], "Standard": [None]}
    )  # fmt: skip
    with pytest.raises(IndexInputError, match="聚合节点「Q」没有子节点"):
        Framework.from_meta(pl.concat([small_meta(), extra], how="diagonal_relaxed"))


def test_data_checks(small: Framework, small_data: pl.DataFrame) -> None:
    with pytest.raises(IndexInputError, match=r"未在 iMeta 中描述.*\['extra'\]"):
        small.check_data(small_data.with_columns(pl.lit(1).alias("extra")))
    with pytest.raises(IndexInputError, match="uCode 重复"):
        small.check_data(pl.concat([small_data, small_data.head(1)]))
    with pytest.raises(IndexInputError, match=r"缺少 iMeta 中的列 \['b'\]"):
        small.check_data(small_data.drop("b"))


def test_with_values_replaces_standards(small: Framework) -> None:
    changed = small.with_values("Standard", {"a": 5.0})
    assert changed.column("Standard").tolist() == [5.0, 0.5]
    with pytest.raises(IndexInputError, match="未知代码"):
        small.with_values("Standard", {"zz": 1.0})
