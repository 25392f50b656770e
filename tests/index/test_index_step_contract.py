"""Every step obeys the same contract (scikit-learn conventions, design.md §3 rule 4).

Adding a step is one line in ``STEPS``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.dataset import Dataset
from jiazhou.index.denominate import Denominate
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute
from jiazhou.index.normalise import Normalise
from jiazhou.index.screen import Screen
from jiazhou.index.step import Step
from jiazhou.index.treat import Treat

# (factory, what the step does with missing values: "keeps", "fills" or "drops_units")
STEPS: list[tuple[Callable[[], Step], str]] = [
    (lambda: Denominate(scale=2.0), "keeps"),
    (lambda: Screen(dat_thresh=0.5), "drops_units"),
    (lambda: Impute("mean"), "fills"),
    (lambda: Impute("group_median", group="GDP_group"), "fills"),
    (lambda: Impute("row_mean"), "fills"),
    (lambda: Impute("em"), "fills"),
    (lambda: Impute("regression"), "fills"),
    (lambda: Treat(winmax=3, f2="boxcox", boxcox_lambda=0.3), "keeps"),
    (lambda: Treat(f2="log_GII"), "keeps"),
    (lambda: Normalise("minmax", {"lo": 1, "hi": 100}), "keeps"),
    (lambda: Normalise("zscore", {"mean": 10, "sd": 2}), "keeps"),
    (lambda: Normalise("percentile_rank"), "keeps"),
    (lambda: Normalise("borda"), "keeps"),
    (lambda: Aggregate("geometric"), "keeps"),
    (lambda: Aggregate({2: "arithmetic", 3: "harmonic", 4: "copeland"}), "keeps"),
    (lambda: Aggregate("generalised", p=3, min_share=0.5), "keeps"),
    (lambda: Aggregate("median"), "keeps"),
]
IDS = [repr(make()) for make, _ in STEPS]


@pytest.fixture(scope="module")
def raw(asem: Framework, asem_data: pl.DataFrame) -> Dataset:
    return Dataset.from_frame(asem_data, asem)


def _input(step: Step, raw: Dataset, framework: Framework) -> Dataset:
    """Aggregation needs non-negative scores; everything else takes the raw data."""
    if isinstance(step, Aggregate):
        return Normalise("minmax", {"lo": 1, "hi": 100}).fit_transform(raw, framework)
    return raw


@pytest.mark.parametrize(("make", "nan_rule"), STEPS, ids=IDS)
def test_step_contract(
    make: Callable[[], Step], nan_rule: str, raw: Dataset, asem: Framework
) -> None:
    step = make()
    params = step.get_params()
    assert params == make().get_params()
    for name, value in params.items():
        assert f"{name}={value!r}" in repr(step)
    assert not any(k.endswith("_") for k in vars(step))  # constructor learns nothing
    data = _input(step, raw, asem)
    assert step.fit(data, asem) is step
    assert step.get_params() == params  # fit does not touch the parameters
    assert any(k.endswith("_") for k in vars(step))
    first = step.transform(data)
    second = make().fit(data, asem).transform(data)
    np.testing.assert_array_equal(first.values, second.values)  # deterministic
    missing_in = np.isnan(data.values)
    if nan_rule == "fills":
        assert missing_in.any() and not np.isnan(first.values).any()
    elif nan_rule == "keeps":
        assert np.isnan(first.values[:, : data.values.shape[1]])[missing_in].all()
    else:
        assert len(first.units) <= len(data.units)
