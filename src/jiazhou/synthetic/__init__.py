"""模拟数据: synthetic enterprise populations, calibrated to Leshan's public counts."""

from jiazhou.synthetic.population import (
    Calibration,
    generate_panel,
    generate_population,
    split_identity,
)

__all__ = ["Calibration", "generate_panel", "generate_population", "split_identity"]
