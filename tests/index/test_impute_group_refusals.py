"""Group imputation needs its group column (issue 23): without one, or with a name the data
does not have, the step refuses with the bilingual message — not a Polars error — for both the
group mean and the group median (COINr's ``use_group`` must name a group column of the data).
"""

from __future__ import annotations

from typing import Literal

import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute


@pytest.mark.parametrize("method", ["group_mean", "group_median"])
def test_no_group_column_is_refused(
    method: Literal["group_mean", "group_median"], small: Framework, small_data: pl.DataFrame
) -> None:
    data = Dataset.from_frame(small_data, small)
    with pytest.raises(IndexInputError, match="分组插补需要数据中存在的分组列，给定「None」"):
        Impute(method, group=None).fit(data, small)


@pytest.mark.parametrize("method", ["group_mean", "group_median"])
def test_a_group_column_the_data_lacks_is_refused(
    method: Literal["group_mean", "group_median"], small: Framework, small_data: pl.DataFrame
) -> None:
    data = Dataset.from_frame(small_data, small)
    with pytest.raises(IndexInputError, match="got 'region'"):
        Impute(method, group="region").fit(data, small)
