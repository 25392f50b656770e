"""The one rank function of the code base: COINr's tie rule (``rank_df``, ``n_rank``) — ties
share the minimum rank, missing values stay missing. Vectorised along one axis of any stack.

``descending=True`` (the default) ranks scores: 1 = highest. ``descending=False`` is R's
``rank(x, ties.method = "min")``: 1 = lowest, which :func:`jiazhou.index.normalise.rank` uses.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

__all__ = ["rank", "rank_descending"]


def rank(scores: npt.ArrayLike, axis: int = -1, descending: bool = True) -> FloatArray:
    """``1 +`` the number of values strictly better along ``axis``; ``NaN`` stays ``NaN``."""
    s = np.moveaxis(np.asarray(scores, dtype=np.float64), axis, -1)
    if s.shape[-1] <= 64:  # pairwise comparison: exact and fast for small populations
        better = (
            s[..., None, :] > s[..., :, None] if descending else s[..., None, :] < s[..., :, None]
        )
        counts = np.sum(better, axis=-1).astype(np.float64)
    else:  # sort-based, O(n log n): the first sorted position of each run of equal values
        key = np.where(np.isnan(s), np.inf, -s if descending else s)
        order = np.argsort(key, axis=-1, kind="stable")
        ordered = np.take_along_axis(key, order, axis=-1)
        n = key.shape[-1]
        new_value = np.ones(ordered.shape, dtype=bool)
        new_value[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
        first = np.maximum.accumulate(np.where(new_value, np.arange(n), 0), axis=-1)
        counts = np.empty(key.shape, dtype=np.float64)
        np.put_along_axis(counts, order, first.astype(np.float64), axis=-1)
    out = np.where(np.isnan(s), np.nan, counts + 1)
    return np.moveaxis(out, -1, axis)


def rank_descending(scores: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """Scores to ranks, 1 = highest (:func:`rank` with its default order)."""
    return rank(scores, axis=axis, descending=True)
