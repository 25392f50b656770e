"""Composite-indicator toolkit (COINr-complete, vectorised): framework, pipeline steps,
weighting, uncertainty and sensitivity analysis, gap-to-target contributions and presets.

Typical use::

    framework = Framework.from_meta(imeta)            # COINr iMeta columns
    pipeline = Pipeline([Denominate(), Impute("mean"), Treat(),
                         Normalise("minmax"), Aggregate("arithmetic")]).fit(idata, framework)
    pipeline.results(); pipeline.long_scores(); pipeline.tree()
    gap_contributions(pipeline, "unit", target=60)
    UncertaintyAnalysis(pipeline, [WeightNoise(noise=0.25), ...], n=500).fit(idata, framework)
"""

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.denominate import Denominate
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.framework_file import load_framework_file
from jiazhou.index.gap import gap_contributions, scenario
from jiazhou.index.impute import Impute
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.presets import load_preset
from jiazhou.index.screen import Screen
from jiazhou.index.sensitivity import Choice, UncertaintyAnalysis, WeightNoise
from jiazhou.index.treat import Treat

__all__ = [
    "Aggregate",
    "Choice",
    "Denominate",
    "Framework",
    "Impute",
    "IndexInputError",
    "Normalise",
    "Pipeline",
    "Screen",
    "Treat",
    "UncertaintyAnalysis",
    "WeightNoise",
    "gap_contributions",
    "load_framework_file",
    "load_preset",
    "scenario",
]
