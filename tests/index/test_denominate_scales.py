"""Denomination's scale factors and denominators (issue 23), as COINr's ``Denominate``: each
indicator's factor is ``scale_factors[code]``, else its iMeta ``Scale``, else ``scale``; only a
zero or missing denominator gives a missing value — a negative one still divides.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.denominate import Denominate
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework


def _data(fw: Framework) -> Dataset:
    frame = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3", "u4"], "grp": ["x"] * 4, "pop": [2.0, -4.0, 0.0, None],
         "a": [1.0, 2.0, 3.0, 4.0], "b": [8.0, 8.0, 8.0, 8.0]}
    )  # fmt: skip
    return Dataset.from_frame(frame, fw)


def test_the_imeta_scale_column_is_each_indicators_factor(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # a / pop · 1000 (iMeta Scale): 1/2, 2/−4 → 500, −500; pop 0 and missing → missing
    fw = Framework.from_meta(small_meta(a__Scale=1000.0))
    out = Denominate(scale=7.0).fit_transform(_data(fw), fw)
    np.testing.assert_allclose(out.column("a"), [500.0, -500.0, np.nan, np.nan])
    np.testing.assert_allclose(out.column("b"), [8.0] * 4)  # b has no denominator
    # an explicit factor wins over iMeta
    step = Denominate(scale_factors={"a": 10.0}).fit(_data(fw), fw)
    assert step.scales_ == {"a": 10.0}


def test_without_imeta_scale_the_steps_scale_applies(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    fw = Framework.from_meta(small_meta())
    out = Denominate({"a": "pop", "b": "pop"}, scale=3.0).fit_transform(_data(fw), fw)
    np.testing.assert_allclose(out.column("a"), [1.5, -1.5, np.nan, np.nan])
    np.testing.assert_allclose(out.column("b"), [12.0, -6.0, np.nan, np.nan])


def test_unknown_indicators_and_columns_are_refused(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    fw = Framework.from_meta(small_meta())
    with pytest.raises(IndexInputError, match="分母设置中的指标「c」不存在"):
        Denominate({"c": "pop"}).fit(_data(fw), fw)
    with pytest.raises(IndexInputError, match="指标「a」的分母列「gdp」不在数据中"):
        Denominate({"a": "gdp"}).fit(_data(fw), fw)
