"""The flat framework shared by the index tests (not a test module: no ``test_`` prefix).

Test modules import it by name (``from flat_frameworks import flat_framework``): pytest's default
import mode puts this directory, which has no ``__init__.py``, on ``sys.path``.
"""

from __future__ import annotations

import polars as pl

from jiazhou.index.framework import Framework


def flat_framework(codes: list[str]) -> Framework:
    """``codes`` as indicators (level 1, in that order) under the one aggregate ``I`` (level 2);
    every direction is 1 and every weight 1.0."""
    n = len(codes)
    meta = pl.DataFrame(
        {"Level": [1] * n + [2], "iCode": [*codes, "I"], "Parent": ["I"] * n + [None],
         "Direction": [1] * (n + 1), "Weight": [1.0] * (n + 1),
         "Type": ["Indicator"] * n + ["Aggregate"]}
    )  # fmt: skip
    return Framework.from_meta(meta)
