"""Which series the batch hands a derived share (占全市比重), whatever the indicator codes.

``Target``: a ``share`` target with ``parent_region`` derives its share from level observations
of the region and of its parent, of the indicator ``share_of``. The batch groups observations by
(indicator, region) and must hand the target both level series — the codes' order is no rule.
"""

from __future__ import annotations

from datetime import date

from jiazhou.targets import Observation, Target, evaluate_target, evaluate_targets

AT = date(2025, 11, 22)


def test_a_share_of_a_level_indicator_whose_code_sorts_first() -> None:
    """高新技术企业数量占全市比重: zone 30 of city 120 enterprises in 2024 → 25 %. The level
    code (``hitech_enterprises``) sorts before the share's own (``hitech_share``)."""
    t = Target(
        "S",
        "hitech_share",
        "乐山高新区",
        2025,
        "share",
        30,
        unit="%",
        parent_region="乐山市",
        share_of="hitech_enterprises",
        base_date=date(2021, 7, 7),
    )
    observations = [
        Observation("hitech_enterprises", "乐山高新区", "2024", 30, obs_id="Z"),
        Observation("hitech_enterprises", "乐山市", "2024", 120, obs_id="C"),
    ]
    [batch] = evaluate_targets([t], observations, AT)
    assert (batch.current_value, batch.observation_ids) == (25.0, ("Z/C",))
    assert batch == evaluate_target(t, observations, AT)
