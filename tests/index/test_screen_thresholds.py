"""Unit screening at its thresholds (issue 23), as COINr's ``Screen``: a unit is kept when its
share of present indicators (``byNA``) or of non-zero values among the present ones
(``byzeros``) is at least the threshold — equal is kept — or both (``byNAandzeros``); COINr's
defaults are 0.66 and 0.05.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.screen import Screen


@pytest.fixture
def fw(small_meta: Callable[..., pl.DataFrame]) -> Framework:
    return Framework.from_meta(small_meta())


@pytest.fixture
def data(fw: Framework) -> Dataset:
    # present share: 1, 1, ½, 1; non-zero share of the present: 0, ½, 1, 1
    frame = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3", "u4"], "pop": [1.0] * 4, "grp": ["x"] * 4,
         "a": [0.0, 0.0, 1.0, 1.0], "b": [0.0, 1.0, None, 2.0]}
    )  # fmt: skip
    return Dataset.from_frame(frame, fw)


def test_availability_at_the_threshold_is_kept(fw: Framework, data: Dataset) -> None:
    step = Screen(dat_thresh=0.5).fit(data, fw)
    np.testing.assert_allclose(step.availability_, [1.0, 1.0, 0.5, 1.0])
    assert step.kept_units_ == ("u1", "u2", "u3", "u4")
    assert Screen(dat_thresh=0.75).fit(data, fw).removed_units_ == ("u3",)
    assert Screen().fit(data, fw).removed_units_ == ("u3",)  # ½ < 0.66


def test_non_zero_share_at_the_threshold_is_kept(fw: Framework, data: Dataset) -> None:
    step = Screen("byzeros", nonzero_thresh=0.5).fit(data, fw)
    np.testing.assert_allclose(step.nonzero_, [0.0, 0.5, 1.0, 1.0])
    assert step.kept_units_ == ("u2", "u3", "u4")
    assert Screen("byzeros", nonzero_thresh=0.75).fit(data, fw).kept_units_ == ("u3", "u4")
    # COINr's default 0.05: only the unit whose present values are all zero goes
    assert Screen("byzeros").fit(data, fw).removed_units_ == ("u1",)


def test_both_rules_together_and_an_unknown_rule(fw: Framework, data: Dataset) -> None:
    step = Screen("byNAandzeros", dat_thresh=0.75, nonzero_thresh=0.5).fit(data, fw)
    assert step.kept_units_ == ("u2", "u4")
    assert step.transform(data).units == ("u2", "u4")
    with pytest.raises(IndexInputError, match="筛选规则「byzero」无效"):
        Screen("byzero").fit(data, fw)  # type: ignore[arg-type]
