"""``min_share`` is COINr's ``dat_thresh`` (issue 23): a share from 0 to 1 of a node's children
that must be present for it to have a score. 0 still needs one child; 1 needs all of them; a
value outside 0–1 (or NaN) is refused with the bilingual message — by every mean, by the
many-runs products and by the step — before any shortcut.

Unit u1 = (1, 2, –, 4) has 3 of 4 children (0.75), u2 = (–, –, –, –) none, u3 = (2, 2, 2, 2) all.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index import aggregate as ag
from jiazhou.index.aggregate import Aggregate
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework

NAN = np.nan
X = np.array([[1.0, 2.0, NAN, 4.0], [NAN, NAN, NAN, NAN], [2.0, 2.0, 2.0, 2.0]])
MEANS: list[Callable[..., ag.FloatArray]] = [
    ag.weighted_arithmetic,
    ag.geometric_mean,
    ag.harmonic_mean,
    ag.generalised_mean,
    ag.weighted_median,
    ag.copeland,
]


@pytest.mark.parametrize("f", MEANS)
def test_the_share_of_children_a_score_needs(f: Callable[..., ag.FloatArray]) -> None:
    for share, has_score in ((0.0, [True, False, True]), (0.75, [True, False, True]),
                             (0.76, [False, False, True]), (1.0, [False, False, True])):  # fmt: skip
        out = f(X, min_share=share)
        assert list(~np.isnan(out)) == has_score, (f.__name__, share)
    assert list(~np.isnan(f(X))) == [True, False, True]  # the default is 0: one child is enough


@pytest.mark.parametrize("f", [*MEANS, ag.weighted_arithmetic_runs, ag.geometric_mean_runs])
@pytest.mark.parametrize("share", [-0.1, 1.5, NAN])
def test_a_share_outside_zero_to_one_is_refused(
    f: Callable[..., ag.FloatArray], share: float
) -> None:
    args = (X, np.ones((2, 4))) if f.__name__.endswith("_runs") else (X,)
    with pytest.raises(IndexInputError, match="最低数据占比 min_share 应在 0 到 1 之间"):
        f(*args, min_share=share)


def test_the_step_refuses_it_even_where_the_one_product_shortcut_applies(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    fw = Framework.from_meta(small_meta())
    data = Dataset.from_frame(
        pl.DataFrame({"uCode": ["u1", "u2"], "pop": [1.0, 1.0], "a": [1.0, 2.0], "b": [3.0, 4.0]}),
        fw,
    )
    tree = ag.Tree.from_framework(fw)
    weights = np.ones((3, len(tree.codes)))
    root = [tree.codes.index("I")]
    for share in (-0.5, {2: 0.5, 3: 2.0}):
        with pytest.raises(IndexInputError, match="min_share must be a share from 0 to 1"):
            ag.aggregate_tree(data.values, tree, weights, {2: "arithmetic", 3: "arithmetic"},
                              min_share=share, nodes=root)  # fmt: skip
        with pytest.raises(IndexInputError, match="min_share"):
            Aggregate(min_share=share).fit_transform(data, fw)
