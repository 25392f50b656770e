"""Preset frameworks shipped as data files under ``presets/``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework_file import FrameworkFile, load_framework_file

__all__ = ["PRESETS", "load_preset", "preset_path"]

PRESETS = {
    "zh_sti_monitoring": "综合科技创新水平指数（全国科技进步统计监测口径）",
    "leshan_sti": "乐山市科技创新综合水平（工作口径）",
}


def preset_path(name: str) -> Path:
    """Path of a preset's TOML file."""
    if name not in PRESETS:
        raise IndexInputError(
            f"未知预设「{name}」，可选 {sorted(PRESETS)}",
            f"unknown preset '{name}', choose from {sorted(PRESETS)}",
        )
    return Path(str(resources.files("jiazhou.index") / "presets" / f"{name}.toml"))


def load_preset(name: str) -> FrameworkFile:
    """Load a preset framework (tree, pipeline, uncertainty factors, per-node status)."""
    return load_framework_file(preset_path(name))
