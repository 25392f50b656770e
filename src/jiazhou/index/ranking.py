"""Ranks with COINr's tie rule (``rank_df``): 1 = highest score, ties share the minimum rank,
missing scores stay missing. Vectorised along the unit axis of any stack."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

__all__ = ["rank_descending"]


def rank_descending(scores: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """``1 + number of units with a strictly higher score``; ``NaN`` for a missing score."""
    s = np.moveaxis(np.asarray(scores, dtype=np.float64), axis, -1)
    higher = np.sum(s[..., None, :] > s[..., :, None], axis=-1).astype(np.float64)
    out = np.where(np.isnan(s), np.nan, higher + 1)
    return np.moveaxis(out, -1, axis)
