"""Framework files: metadata plus pipeline and uncertainty choices, as TOML (or a COINr iMeta CSV).

A TOML file has ``[framework]`` (``code``, ``title``, ``source``; optionally ``meta = "iMeta.csv"``
relative to the file), ``[[node]]`` rows (``code``, ``name``, ``level``, ``parent``,
``direction``, ``weight``, ``type``, ``unit``, ``denominator``, ``target``, ``standard``,
``goalpost_lower``, ``goalpost_upper``, ``status``, ``source``; ``direction`` and ``weight``
default to 1, ``type`` to Indicator at level 1 and Aggregate above), ``[[pipeline.step]]`` tables
(``step`` = class name, other keys = its parameters) and ``[[sensitivity.factor]]`` tables
(``type = "choice"`` with ``step`` + ``param`` + ``values`` or ``options``; ``type = "weights"``
with ``noise`` and optional ``levels``; ``type = "continuous"`` with ``step``, ``param``, ``low``,
``high``). ``[framework] exclude = [...]`` leaves indicators out; ``[weights.NAME]`` tables
(code = weight) declare named weight sets for ``Aggregate(weights = "NAME")``. An iMeta CSV gets the default pipeline
Denominate → Treat → Normalise (min-max 0–100) → Aggregate (arithmetic).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.denominate import Denominate
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.screen import Screen
from jiazhou.index.sensitivity import Choice, Continuous, Factor, WeightNoise
from jiazhou.index.step import Step
from jiazhou.index.treat import Treat

STEPS: dict[str, type[Step]] = {
    c.__name__: c for c in (Denominate, Screen, Impute, Treat, Normalise, Aggregate)
}
NODE_COLUMNS = {
    "code": "iCode", "name": "iName", "level": "Level", "parent": "Parent",
    "direction": "Direction", "weight": "Weight", "type": "Type", "unit": "Unit",
    "denominator": "Denominator", "target": "Target", "standard": "Standard",
    "goalpost_lower": "goalpost_lower", "goalpost_upper": "goalpost_upper",
    "status": "Status", "source": "Source",
}  # fmt: skip

__all__ = ["FrameworkFile", "load_framework_file", "read_table"]


@dataclass
class FrameworkFile:
    """What a framework file declares."""

    framework: Framework
    pipeline: Pipeline
    factors: list[Factor] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    nodes: pl.DataFrame | None = None


def read_table(path: Path) -> pl.DataFrame:
    """A CSV, XLSX or Parquet table."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise IndexInputError(f"文件不存在：{path}", f"file not found: {path}")
    if suffix == ".csv":
        return pl.read_csv(path, infer_schema_length=None)
    if suffix in (".xlsx", ".xls"):
        return pl.read_excel(path)
    if suffix == ".parquet":
        return pl.read_parquet(path)
    raise IndexInputError(f"不支持的文件类型：{path}", f"unsupported file type: {path}")


def _step(spec: Mapping[str, Any], where: str) -> Step:
    params = dict(spec)
    name = str(params.pop("step", ""))
    if name not in STEPS:
        raise IndexInputError(
            f"{where}：未知步骤「{name}」，应为 {sorted(STEPS)} 之一",
            f"{where}: unknown step '{name}', expected one of {sorted(STEPS)}",
        )
    for key in ("method", "min_share"):  # TOML keys are strings; levels are numbers
        if key in params and isinstance(params[key], Mapping):
            params[key] = {int(k): v for k, v in params[key].items()}
    try:
        return STEPS[name](**params)
    except TypeError as exc:
        raise IndexInputError(
            f"{where}：步骤参数错误（{exc}）", f"{where}: bad parameters ({exc})"
        ) from exc


def _factor(spec: Mapping[str, Any], where: str) -> Factor:
    kind = spec.get("type", "choice")
    if kind == "weights":
        levels = spec.get("levels")
        return WeightNoise(
            str(spec.get("label", "Weights")),
            float(spec.get("noise", 0.25)),
            None if levels is None else tuple(int(x) for x in levels),
        )
    if kind == "continuous" and {"step", "param", "low", "high"} <= set(spec):
        return Continuous(
            str(spec.get("label", spec["param"])),
            str(spec["step"]),
            str(spec["param"]),
            float(spec["low"]),
            float(spec["high"]),
            bool(spec.get("integer", False)),
        )
    if kind != "choice" or "step" not in spec:
        raise IndexInputError(
            f'{where}：不确定因素须为 type="choice"（含 step）、"continuous"（含 step、param、'
            'low、high）或 "weights"',
            f'{where}: a factor needs type = "choice" (with step), "continuous" (with step, '
            'param, low, high) or "weights"',
        )
    label = str(spec.get("label", spec.get("param", spec["step"])))
    if "options" in spec:
        return Choice(label, str(spec["step"]), tuple(dict(o) for o in spec["options"]))
    return Choice.of(label, str(spec["step"]), str(spec["param"]), list(spec["values"]))


def default_pipeline() -> Pipeline:
    """The pipeline used for a bare iMeta CSV."""
    return Pipeline([Denominate(), Treat(), Normalise("minmax"), Aggregate("arithmetic")])


def load_framework_file(path: Path | str) -> FrameworkFile:
    """Read a framework TOML or a COINr iMeta CSV."""
    path = Path(path)
    if path.suffix.lower() != ".toml":
        return FrameworkFile(Framework.from_meta(read_table(path)), default_pipeline())
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise IndexInputError(
            f"{path}：TOML 格式错误（{exc}）", f"{path}: bad TOML ({exc})"
        ) from exc
    info = dict(doc.get("framework", {}))
    nodes: pl.DataFrame | None = None
    if "meta" in info:
        meta = read_table(path.parent / str(info["meta"]))
    else:
        rows = doc.get("node", [])
        if not rows:
            raise IndexInputError(
                f"{path}：既无 [[node]] 也无 framework.meta", f"{path}: no [[node]] and no meta"
            )
        nodes = pl.DataFrame(
            [{NODE_COLUMNS.get(k, k): v for k, v in r.items()} for r in rows],
            infer_schema_length=None,
        )
        meta = nodes.with_columns(
            pl.col("Type").fill_null("Indicator") if "Type" in nodes.columns
            else pl.when(pl.col("Level") == 1).then(pl.lit("Indicator"))
            .otherwise(pl.lit("Aggregate")).alias("Type"),
            pl.col("Direction").fill_null(1) if "Direction" in nodes.columns
            else pl.lit(1).alias("Direction"),
            pl.col("Weight").fill_null(1.0) if "Weight" in nodes.columns
            else pl.lit(1.0).alias("Weight"),
        )  # fmt: skip
    framework = Framework.from_meta(meta, exclude=[str(c) for c in info.get("exclude", [])])
    for name, weights in dict(doc.get("weights", {})).items():
        framework = framework.with_weight_set(
            str(name), {str(k): float(v) for k, v in weights.items()}
        )
    step_specs = doc.get("pipeline", {}).get("step")
    pipeline = (
        Pipeline([_step(s, f"{path} [[pipeline.step]] #{i + 1}") for i, s in enumerate(step_specs)])
        if step_specs
        else default_pipeline()
    )
    factors = [
        _factor(s, f"{path} [[sensitivity.factor]] #{i + 1}")
        for i, s in enumerate(doc.get("sensitivity", {}).get("factor", []))
    ]
    return FrameworkFile(framework, pipeline, factors, info, nodes)
