"""Observations shared by the target tests (not a test module: no ``test_`` prefix).

Test modules import it by name (``from target_observations import PLENUM, obs``): pytest's
default import mode puts this directory, which has no ``__init__.py``, on ``sys.path``.
"""

from __future__ import annotations

from datetime import date

from jiazhou.targets import Observation

PLENUM = date(2021, 7, 7)  # the resolution setting the 2025 targets


def obs(
    indicator: str, period: str, value: float, obs_id: str = "", region: str = "乐山市"
) -> Observation:
    """A ``stated`` observation of ``indicator`` in ``region`` (乐山市 unless told)."""
    return Observation(indicator, region, period, value, "stated", obs_id)
