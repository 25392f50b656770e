"""Data sets are read-only records compared by identity (issue 23).

A pipeline keeps every intermediate data set (``datasets_``) and the uncertainty analysis shares
them between runs (its prefix cache), so a data set must not change once made: a step returns a
new one (``with_values``). Two data sets are the same only if they are the same object — their
values are arrays, which have no single truth value, so comparing contents is left to
``np.array_equal`` and a comparison of data sets never fails.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework


def test_a_data_set_cannot_be_changed_in_place(small: Framework, small_data: pl.DataFrame) -> None:
    data = Dataset.from_frame(small_data, small)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.values = np.zeros((4, 2))  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.units = ("x",)  # type: ignore[misc]
    new = data.with_values(data.values * 2)
    assert new is not data and new.units == data.units
    np.testing.assert_array_equal(data.column("a"), [1.0, 4.0, np.nan, 8.0])  # unchanged


def test_data_sets_are_equal_only_to_themselves(small: Framework, small_data: pl.DataFrame) -> None:
    data = Dataset.from_frame(small_data, small)
    twin = Dataset.from_frame(small_data, small)
    assert data == data
    assert data != twin  # same contents, another data set
    assert len({data, twin, data}) == 2  # usable as keys
