"""The pipeline: chained steps that record every intermediate data set, as a COINr "coin".

``Pipeline([Denominate(), Impute(), Treat(), Normalise(), Aggregate()]).fit(idata, framework)``
keeps ``datasets_`` (``Raw``, ``Denominated``, …, ``Aggregated``) and the fitted ``steps_``; the
result tables (scores and ranks per level, the tree with effective weights) are built from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Self

import numpy as np
import polars as pl

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.ranking import rank_descending
from jiazhou.index.step import Step

__all__ = ["Pipeline", "clone_step"]


def clone_step(step: Step, changes: Mapping[str, Any] | None = None) -> Step:
    """A new, unfitted step with the same parameters (some replaced)."""
    return type(step)(**{**step.get_params(), **(changes or {})})


class Pipeline:
    """Steps applied in order; the last must be :class:`Aggregate`."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = steps

    def __repr__(self) -> str:
        return f"Pipeline({list(self.steps)!r})"

    def fit(self, data: pl.DataFrame, framework: Framework) -> Self:
        """Run every step on ``data`` (an iData table) and keep each output."""
        if not self.steps or not isinstance(self.steps[-1], Aggregate):
            raise IndexInputError(
                "流水线的最后一步必须是聚合（Aggregate）",
                "the last pipeline step must be Aggregate",
            )
        self.framework_ = framework
        current = Dataset.from_frame(data, framework)
        self.datasets_: dict[str, Dataset] = {"Raw": current}
        self.steps_: list[Step] = []
        for step in self.steps:
            fitted = clone_step(step)
            current = fitted.fit_transform(current, framework)
            self.steps_.append(fitted)
            self.datasets_[fitted.name] = current
        return self

    def upstream(self, data: pl.DataFrame, framework: Framework) -> Dataset:
        """Only the steps before aggregation (the normalised indicator data)."""
        current = Dataset.from_frame(data, framework)
        for step in self.steps[:-1]:
            current = clone_step(step).fit_transform(current, framework)
        return current

    @property
    def aggregated_(self) -> Dataset:
        """The final data set: indicator scores and every aggregate."""
        return self.datasets_["Aggregated"]

    def scores(self, level: int | None = None) -> pl.DataFrame:
        """Scores per unit (wide), for one level or all levels."""
        agg = self.aggregated_
        fw = self.framework_
        codes = agg.codes if level is None else fw.levels[level]
        frame = agg.to_frame().select("uCode", *codes)
        return self._with_names(frame)

    def ranks(self, level: int | None = None) -> pl.DataFrame:
        """Ranks per unit (1 = best, ties share the minimum rank)."""
        agg = self.aggregated_
        codes = agg.codes if level is None else self.framework_.levels[level]
        r = rank_descending(agg.take(codes), axis=0)
        frame = pl.DataFrame(
            {"uCode": list(agg.units)} | {c: r[:, j] for j, c in enumerate(codes)}
        ).with_columns(pl.col(c).fill_nan(None).cast(pl.Int64) for c in codes)
        return self._with_names(frame)

    def results(self) -> pl.DataFrame:
        """COINr's ``get_results(tab_type = "Aggs")``: score, rank and aggregates, best first."""
        fw = self.framework_
        agg_codes = [c for lev in range(fw.n_levels, 1, -1) for c in fw.levels[lev]]
        scores = self.scores().select("uCode", *agg_codes)
        rank = self.ranks().select("uCode", pl.col(fw.root).alias("Rank"))
        out = self._with_names(scores.join(rank, on="uCode", how="left"))
        return out.select("uCode", "uName", "Rank", *agg_codes).sort("Rank", nulls_last=True)

    def long_scores(self) -> pl.DataFrame:
        """Tidy table: unit, code, level, score, rank — what the web layer stores."""
        fw = self.framework_
        level = {c: lev for lev, cs in fw.levels.items() for c in cs}
        ids = ["uCode", "uName"]
        s = self.scores().unpivot(index=ids, variable_name="iCode", value_name="score")
        r = self.ranks().unpivot(index=ids, variable_name="iCode", value_name="rank")
        return s.join(r.drop("uName"), on=["uCode", "iCode"]).with_columns(
            pl.col("iCode").replace_strict(level, return_dtype=pl.Int64).alias("level")
        )

    def tree(self) -> pl.DataFrame:
        """The indicator tree: code, name, level, parent, weight, effective weight, direction."""
        fw = self.framework_
        agg = self.steps_[-1]
        assert isinstance(agg, Aggregate)
        weights = dict(zip(agg.tree_.codes, agg.weights_.tolist(), strict=True))
        eff = fw.effective_weights(weights)
        nodes = fw.meta.filter(pl.col("Type").is_in(["Indicator", "Aggregate"]))
        return nodes.select(
            "iCode", "iName", "Level", "Parent", "Direction", "Standard", "Target", "Unit"
        ).with_columns(
            pl.col("iCode").replace_strict(weights, return_dtype=pl.Float64).alias("Weight"),
            pl.col("iCode").replace_strict(eff, return_dtype=pl.Float64).alias("EffectiveWeight"),
        )

    def _with_names(self, frame: pl.DataFrame) -> pl.DataFrame:
        aux = self.aggregated_.aux
        names = (
            aux.select("uCode", "uName")
            if "uName" in aux.columns
            else aux.select("uCode", pl.col("uCode").alias("uName"))
        )
        out = names.join(frame, on="uCode", how="right")
        return out.select("uCode", "uName", *[c for c in frame.columns if c != "uCode"])


def nominal_weights(pipeline: Pipeline) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Node weights of a fitted pipeline, in tree order."""
    agg = pipeline.steps_[-1]
    assert isinstance(agg, Aggregate)
    return agg.weights_
