"""Uncertainty and sensitivity analysis, vectorised (COINr's ``get_sensitivity`` done as arrays).

Declare the uncertain choices — :class:`Choice` for any step parameter (treatment limit,
normalisation method, imputation method, aggregation method…) and :class:`WeightNoise` for
weights — then :class:`UncertaintyAnalysis` samples them (Monte Carlo, or the Saltelli design
``A, B, AB_i`` for Sobol indices; quasi-random Sobol points or pseudo-random) and evaluates all
runs at once:

- runs are grouped by their upstream choices, and each distinct upstream configuration
  (imputation → treatment → normalisation) is computed once, sharing common prefixes;
- within a group, the runs are stacked on a leading axis and aggregated in one call, so a
  weight or aggregation change costs only the aggregation.

Outputs are the index score and the rank of every unit in every run; first-order (Saltelli 2010)
and total-order (Jansen) indices with bootstrap bands are given for each unit's score and rank and
for COINr's summary (mean absolute rank change from the nominal ranks).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Self

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy.stats import qmc

from jiazhou.index.aggregate import Aggregate, Tree, aggregate_tree
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.pipeline import Pipeline, clone_step
from jiazhou.index.ranking import rank_descending
from jiazhou.index.step import Step
from jiazhou.index.weights import noisy_weights

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

__all__ = [
    "Choice",
    "Continuous",
    "Factor",
    "UncertaintyAnalysis",
    "WeightNoise",
    "sample_design",
    "sobol_estimates",
]

SUMMARY = "mean_abs_rank_shift"


@dataclass(frozen=True)
class Choice:
    """A discrete uncertain choice: the step named ``step`` (class name) takes the parameter
    changes of one of ``options``, each with equal probability."""

    label: str
    step: str
    options: tuple[Mapping[str, Any], ...]

    @classmethod
    def of(cls, label: str, step: str, param: str, values: Sequence[Any]) -> Choice:
        """One parameter taking one of ``values``."""
        return cls(label, step, tuple({param: v} for v in values))

    def n_dims(self, tree: Tree) -> int:
        """Uniform dimensions used by this factor (one)."""
        return 1

    def indices(self, u: FloatArray) -> IntArray:
        """Option index per run from uniforms ``(runs, 1)``."""
        k = len(self.options)
        return np.minimum((u[:, 0] * k).astype(np.intp), k - 1)


@dataclass(frozen=True)
class WeightNoise:
    """Each weight of the given levels (all levels when ``None``) varies uniformly within
    ``± noise`` of its nominal value, independently (COINr's ``get_noisy_weights``)."""

    label: str = "Weights"
    noise: float = 0.25
    levels: tuple[int, ...] | None = None
    step: str = field(default="Aggregate", init=False)

    def nodes(self, tree: Tree) -> IntArray:
        """Positions of the perturbed nodes."""
        return np.array(
            [
                i
                for i in range(len(tree.codes))
                if self.levels is None or tree.level_of[i] in self.levels
            ],
            dtype=np.intp,
        )

    def n_dims(self, tree: Tree) -> int:
        """One uniform dimension per perturbed weight."""
        return len(self.nodes(tree))

    def multipliers(self, u: FloatArray, tree: Tree) -> FloatArray:
        """``(runs, nodes)`` weight multipliers ``1 + noise · U(−1, 1)``."""
        out = np.ones((u.shape[0], len(tree.codes)))
        out[:, self.nodes(tree)] = noisy_weights(np.ones(u.shape[1]), self.noise, u)
        return out


@dataclass(frozen=True)
class Continuous:
    """A numeric step parameter drawn uniformly from ``[low, high]`` (COINr's continuous
    uniform distribution for any numeric parameter), e.g. the generalised-mean exponent ``p``
    of ``Aggregate`` or the ``skew_thresh`` of ``Treat``; ``integer`` rounds the draw."""

    label: str
    step: str
    param: str
    low: float
    high: float
    integer: bool = False

    def n_dims(self, tree: Tree) -> int:
        """Uniform dimensions used by this factor (one)."""
        return 1

    def values(self, u: FloatArray) -> FloatArray:
        """Parameter value per run from uniforms ``(runs, 1)``."""
        v = self.low + u[:, 0] * (self.high - self.low)
        return np.round(v) if self.integer else v


Factor = Choice | WeightNoise | Continuous


def _uniforms(n: int, dims: int, sampler: str, seed: int) -> FloatArray:
    if sampler == "sobol":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return np.asarray(qmc.Sobol(dims, scramble=True, seed=seed).random(n))
    return np.random.default_rng(seed).random((n, dims))


def sample_design(
    dims: Sequence[int],
    n: int,
    design: Literal["saltelli", "monte_carlo"],
    sampler: Literal["sobol", "random"] = "sobol",
    seed: int = 0,
) -> FloatArray:
    """Uniforms for all runs. ``monte_carlo``: ``n`` rows. ``saltelli``: ``n(d + 2)`` rows in the
    order ``A, B, AB_1 … AB_d`` where ``AB_i`` is ``A`` with factor ``i``'s columns from ``B``."""
    total = int(sum(dims))
    if design == "monte_carlo":
        return _uniforms(n, total, sampler, seed)
    base = _uniforms(n, 2 * total, sampler, seed)
    a, b = base[:, :total], base[:, total:]
    blocks = [a, b]
    start = 0
    for d in dims:
        ab = a.copy()
        ab[:, start : start + d] = b[:, start : start + d]
        blocks.append(ab)
        start += d
    return np.vstack(blocks)


def _nanquantile(x: FloatArray, q: float) -> FloatArray:
    """Linear-interpolated quantile along axis 0 ignoring NaN (vectorised ``nanquantile``)."""
    srt = np.sort(x, axis=0)
    k = np.sum(~np.isnan(x), axis=0)
    pos = np.clip(q * (k - 1), 0, None)
    lo = np.floor(pos).astype(np.intp)
    hi = np.minimum(lo + 1, np.maximum(k - 1, 0))
    a = np.take_along_axis(srt, lo[None], axis=0)[0]
    b = np.take_along_axis(srt, hi[None], axis=0)[0]
    with np.errstate(invalid="ignore"):
        return np.where(k > 0, a + (pos - lo) * (b - a), np.nan)


def sobol_estimates(
    y: FloatArray, n: int, d: int, n_boot: int = 0, seed: int = 0, conf: float = 0.9
) -> dict[str, FloatArray]:
    """First-order ``S_i = mean(y_B (y_ABi − y_A)) / V`` (Saltelli 2010) and total-order
    ``ST_i = mean((y_A − y_ABi)²) / (2V)`` (Jansen), ``V`` the variance of ``y_A ∪ y_B``, for
    every output column of ``y`` (shape ``(n(d + 2), outputs)``), with bootstrap bands.

    ``y_B`` is centred on the mean of ``y_A ∪ y_B`` first: the expectation is unchanged
    (``E[y_ABi − y_A] = 0``) but the variance of the estimate no longer grows with the output's
    mean, which COINr's uncentred form suffers from for scores far from zero."""
    ya, yb = y[:n], y[n : 2 * n]
    yab = y[2 * n :].reshape(d, n, -1)
    diff = yab - ya  # (d, n, outputs)

    def estimate(weights: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Estimates for row weights ``(boot, n)`` (each row sums to 1): every estimator is a
        weighted mean of per-row terms, so all bootstrap replicates are matrix products (taken
        block by block, never stacking the terms into one wide matrix)."""
        ma, mb = weights @ ya, weights @ yb
        ma2, mb2 = weights @ (ya * ya), weights @ (yb * yb)
        mean = (ma + mb) / 2
        var = ((ma2 + mb2) / 2 - mean**2)[:, None, :]
        cross = np.stack([weights @ (yb * diff[i]) for i in range(d)], axis=1)
        first = np.stack([weights @ diff[i] for i in range(d)], axis=1)
        square = np.stack([weights @ (diff[i] * diff[i]) for i in range(d)], axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            s = (cross - mean[:, None, :] * first) / var
            st = square / (2 * var)
        return s, st

    s, st = estimate(np.full((1, n), 1.0 / n))
    out = {"S": s[0], "ST": st[0]}
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        draws = rng.integers(0, n, (n_boot, n))
        counts = np.zeros((n_boot, n))
        np.add.at(counts, (np.arange(n_boot)[:, None], draws), 1.0)
        bs, bst = estimate(counts / n)
        lo, hi = (1 - conf) / 2, 1 - (1 - conf) / 2
        out |= {
            "S_lo": _nanquantile(bs, lo),
            "S_hi": _nanquantile(bs, hi),
            "ST_lo": _nanquantile(bst, lo),
            "ST_hi": _nanquantile(bst, hi),
        }
    return out


class UncertaintyAnalysis:
    """Propagate the declared uncertain ``factors`` through ``pipeline``.

    ``design="saltelli"`` runs ``n(d + 2)`` replications and supports :meth:`sobol_indices`;
    ``design="monte_carlo"`` runs ``n``. Learned: ``scores_`` and ``ranks_`` (runs × units),
    ``nominal_scores_``, ``nominal_ranks_``, ``units_``, ``runs_`` (the sampled choices).

    ``sample`` replaces the sampling by a user-given table of assumptions, one row per run: a
    :class:`Choice` column holds the option number (0-based), a :class:`Continuous` column the
    parameter value, and a :class:`WeightNoise` factor reads columns ``"<label>:<code>"`` of
    weight multipliers (1 where absent). With ``design="saltelli"`` the rows must be laid out as
    ``A, B, AB_1 … AB_d`` (``n(d + 2)`` rows) for Sobol indices.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        factors: Sequence[Factor],
        n: int = 500,
        design: Literal["saltelli", "monte_carlo"] = "saltelli",
        sampler: Literal["sobol", "random"] = "sobol",
        seed: int = 0,
        chunk: int = 2000,
        sample: pl.DataFrame | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.factors = factors
        self.n = n
        self.design = design
        self.sampler = sampler
        self.seed = seed
        self.chunk = chunk
        self.sample = sample

    def __repr__(self) -> str:
        return (
            f"UncertaintyAnalysis(factors={list(self.factors)!r}, n={self.n}, "
            f"design={self.design!r}, sampler={self.sampler!r}, seed={self.seed})"
        )

    # ---- sampling ------------------------------------------------------------------------
    def _check(self) -> None:
        names = {type(s).__name__ for s in self.pipeline.steps}
        for f in self.factors:
            if f.step not in names:
                raise IndexInputError(
                    f"不确定因素「{f.label}」指向的步骤「{f.step}」不在流水线中",
                    f"factor '{f.label}' refers to step '{f.step}', which is not in the pipeline",
                )
            if isinstance(f, Choice) and not f.options:
                raise IndexInputError(
                    f"不确定因素「{f.label}」没有可选项", f"factor '{f.label}' has no options"
                )

    def fit(self, data: pl.DataFrame, framework: Framework) -> Self:
        """Sample the factors and evaluate every run."""
        self._check()
        nominal = Pipeline(self.pipeline.steps).fit(data, framework)
        agg = nominal.steps_[-1]
        assert isinstance(agg, Aggregate)
        self.tree_ = agg.tree_
        self.root_ = self.tree_.codes.index(framework.root)
        self.units_ = nominal.aggregated_.units
        self.nominal_scores_ = nominal.aggregated_.values[:, self.root_]
        self.nominal_ranks_ = rank_descending(self.nominal_scores_)
        self.choice_index_: dict[str, IntArray] = {}
        self.continuous_: dict[str, FloatArray] = {}
        if self.sample is not None:
            n_runs = self._read_sample(self.sample)
        else:
            dims = [f.n_dims(self.tree_) for f in self.factors]
            self.uniforms_ = sample_design(dims, self.n, self.design, self.sampler, self.seed)
            n_runs = self.uniforms_.shape[0]
            offsets = np.concatenate([[0], np.cumsum(dims)]).astype(int)
            multipliers = np.ones((n_runs, len(self.tree_.codes)))
            for f, a, b in zip(self.factors, offsets[:-1], offsets[1:], strict=True):
                if isinstance(f, Choice):
                    self.choice_index_[f.label] = f.indices(self.uniforms_[:, a:b])
                elif isinstance(f, Continuous):
                    self.continuous_[f.label] = f.values(self.uniforms_[:, a:b])
                else:
                    multipliers *= f.multipliers(self.uniforms_[:, a:b], self.tree_)
            self.weight_multipliers_ = multipliers
        self.run_weights_ = self._weight_set_runs(framework, n_runs)
        self.scores_ = self._evaluate(data, framework, n_runs)
        self.ranks_ = rank_descending(self.scores_, axis=-1)
        return self

    def _is_weight_set(self, f: Factor) -> bool:
        """A choice among whole weight sets of the last step (COINr's discrete noisy weight
        sets): evaluated as per-run weight vectors, not as separate pipeline groups."""
        last = type(self.pipeline.steps[-1]).__name__
        return (
            isinstance(f, Choice)
            and f.step == last
            and all(set(o) == {"weights"} for o in f.options)
        )

    def _weight_set_runs(self, framework: Framework, n_runs: int) -> FloatArray | None:
        """Absolute weights per run for weight-set choices (NaN: the step's own weights)."""
        out: FloatArray | None = None
        for f in self.factors:
            if not self._is_weight_set(f):
                continue
            assert isinstance(f, Choice)
            vectors = []
            for option in f.options:
                w = option["weights"]
                chosen = (
                    framework.weight_set(w)
                    if isinstance(w, str)
                    else {**framework.weights, **(w or {})}
                )
                vectors.append(self.tree_.weight_vector(chosen))
            table = np.vstack(vectors)
            out = table[self.choice_index_[f.label]]
        return out

    def _read_sample(self, sample: pl.DataFrame) -> int:
        """Runs from a user-given table of assumptions (see the class docstring)."""
        n_runs = sample.height
        d = len(self.factors)
        if self.design == "saltelli" and (n_runs % (d + 2) or n_runs == 0):
            raise IndexInputError(
                f"Saltelli 设计需要 n(d+2) 行，给定 {n_runs} 行、{d} 个因素",
                f"a Saltelli sample needs n(d+2) rows; got {n_runs} rows for {d} factors",
            )
        if self.design == "saltelli":
            self.n = n_runs // (d + 2)
        multipliers = np.ones((n_runs, len(self.tree_.codes)))
        for f in self.factors:
            if isinstance(f, WeightNoise):
                for i in f.nodes(self.tree_):
                    col = f"{f.label}:{self.tree_.codes[i]}"
                    if col in sample.columns:
                        multipliers[:, i] = sample[col].cast(pl.Float64).to_numpy()
                continue
            if f.label not in sample.columns:
                raise IndexInputError(
                    f"给定的样本缺少因素列「{f.label}」", f"the sample lacks the column '{f.label}'"
                )
            values = sample[f.label].cast(pl.Float64).to_numpy()
            if np.isnan(values).any():
                row = int(np.flatnonzero(np.isnan(values))[0]) + 2
                raise IndexInputError(
                    f"样本第 {row} 行「{f.label}」为空", f"sample row {row}: '{f.label}' is empty"
                )
            if isinstance(f, Choice):
                bad = (values != np.round(values)) | (values < 0) | (values >= len(f.options))
                if bad.any():
                    row = int(np.flatnonzero(bad)[0]) + 2
                    raise IndexInputError(
                        f"样本第 {row} 行「{f.label}」应为 0–{len(f.options) - 1} 的选项序号",
                        f"sample row {row}: '{f.label}' must be an option number "
                        f"0..{len(f.options) - 1}",
                    )
                self.choice_index_[f.label] = values.astype(np.intp)
            else:
                self.continuous_[f.label] = values
        self.weight_multipliers_ = multipliers
        return n_runs

    def _changes(self, run_choices: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for f in self.factors:
            if isinstance(f, Choice):
                if f.label not in run_choices:  # a weight-set choice: applied per run
                    continue
                out.setdefault(f.step, {}).update(f.options[int(run_choices[f.label])])
            elif isinstance(f, Continuous):
                value = run_choices[f.label]
                out.setdefault(f.step, {})[f.param] = int(value) if f.integer else float(value)
        return out

    def _steps(self, changes: Mapping[str, Mapping[str, Any]]) -> list[Step]:
        return [clone_step(s, changes.get(type(s).__name__)) for s in self.pipeline.steps]

    def _evaluate(self, data: pl.DataFrame, framework: Framework, n_runs: int) -> FloatArray:
        labels = [
            f.label
            for f in self.factors
            if isinstance(f, Choice | Continuous) and not self._is_weight_set(f)
        ]
        chosen = {**self.choice_index_, **self.continuous_}
        combos = (
            np.column_stack([np.asarray(chosen[lab], dtype=np.float64) for lab in labels])
            if labels
            else np.zeros((n_runs, 0))
        )
        unique, inverse = np.unique(combos, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        scores = np.full((n_runs, len(self.units_)), np.nan)
        raw = Dataset.from_frame(data, framework)
        prefix_cache: dict[tuple[str, ...], Dataset] = {}
        for g, combo in enumerate(unique):
            runs = np.flatnonzero(inverse == g)
            changes = self._changes(dict(zip(labels, combo.tolist(), strict=True)))
            steps = self._steps(changes)
            current = raw
            key: tuple[str, ...] = ()
            for step in steps[:-1]:
                key = (*key, repr(step))
                if key not in prefix_cache:
                    prefix_cache[key] = clone_step(step).fit_transform(current, framework)
                current = prefix_cache[key]
            aggregate = steps[-1].fit(current, framework)
            assert isinstance(aggregate, Aggregate)
            x = self._aligned(current)
            # memory budget: the (runs, units, nodes) stack of one chunk stays under ~256 MB
            per_run = max(1, x.shape[0] * len(self.tree_.codes) * 8)
            chunk = max(1, min(self.chunk, (256 << 20) // per_run))
            for start in range(0, len(runs), chunk):
                part = runs[start : start + chunk]
                base = aggregate.weights_
                if self.run_weights_ is not None:
                    base = self.run_weights_[part]
                w = base * self.weight_multipliers_[part]
                out = aggregate_tree(
                    x,
                    self.tree_,
                    w,
                    aggregate.methods_,
                    aggregate.p,
                    aggregate.min_share,
                    nodes=[self.root_],
                )
                scores[part] = out[..., 0]
        return scores

    def _aligned(self, data: Dataset) -> FloatArray:
        x = np.full((len(self.units_), self.tree_.n_indicators), np.nan)
        where = {u: i for i, u in enumerate(data.units)}
        cols = data.take(self.tree_.codes[: self.tree_.n_indicators])
        for i, u in enumerate(self.units_):
            if u in where:
                x[i] = cols[where[u]]
        return x

    # ---- the straightforward baseline ----------------------------------------------------
    def rebuild_run(self, run: int, data: pl.DataFrame, framework: Framework) -> FloatArray:
        """Run ``run`` computed the slow way — a whole new pipeline — for checks and benchmarks."""
        choices = {lab: idx[run] for lab, idx in {**self.choice_index_, **self.continuous_}.items()}
        steps = self._steps(self._changes(choices))
        agg = steps[-1]
        assert isinstance(agg, Aggregate)
        base = Aggregate(**agg.get_params()).fit(
            Pipeline(steps).upstream(data, framework), framework
        )
        weights = base.weights_ * self.weight_multipliers_[run]
        steps[-1] = clone_step(agg, {"weights": dict(zip(self.tree_.codes, weights, strict=True))})
        fitted = Pipeline(steps).fit(data, framework)
        out = fitted.aggregated_
        where = {u: i for i, u in enumerate(out.units)}
        col = out.column(framework.root)
        return np.array([col[where[u]] if u in where else np.nan for u in self.units_])

    # ---- results -------------------------------------------------------------------------
    def runs(self) -> pl.DataFrame:
        """The sampled configuration of every run (choice labels; weight factors summarised)."""
        cols: dict[str, Any] = {"run": np.arange(self.scores_.shape[0])}
        for f in self.factors:
            if isinstance(f, Choice):
                cols[f.label] = [repr(dict(f.options[i])) for i in self.choice_index_[f.label]]
            elif isinstance(f, Continuous):
                cols[f.label] = self.continuous_[f.label]
        if any(isinstance(f, WeightNoise) for f in self.factors):
            cols["weight_multiplier_min"] = self.weight_multipliers_.min(axis=1)
            cols["weight_multiplier_max"] = self.weight_multipliers_.max(axis=1)
        return pl.DataFrame(cols)

    def rank_bands(self, lower: float = 0.05, upper: float = 0.95) -> pl.DataFrame:
        """Per unit: nominal rank and score, median/mean rank and the ``[lower, upper]`` band."""
        r = self.ranks_
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return pl.DataFrame(
                {
                    "uCode": list(self.units_),
                    "nominal_score": self.nominal_scores_,
                    "nominal_rank": self.nominal_ranks_,
                    "median_rank": np.nanmedian(r, axis=0),
                    "mean_rank": np.nanmean(r, axis=0),
                    "rank_lo": np.nanquantile(r, lower, axis=0),
                    "rank_hi": np.nanquantile(r, upper, axis=0),
                    "score_lo": np.nanquantile(self.scores_, lower, axis=0),
                    "score_hi": np.nanquantile(self.scores_, upper, axis=0),
                }
            ).sort("nominal_rank")

    def mean_abs_rank_shift(self) -> FloatArray:
        """COINr's SA target per run: mean over units of ``|rank − nominal rank|``."""
        shift: FloatArray = np.nanmean(np.abs(self.ranks_ - self.nominal_ranks_), axis=1)
        return shift

    def sobol_indices(self, n_boot: int = 200, conf: float = 0.9) -> pl.DataFrame:
        """Tidy table: output (``score``/``rank`` of a unit, or the summary), factor, S, ST and
        their bootstrap bands."""
        if self.design != "saltelli":
            raise IndexInputError(
                "Sobol 指数需要 saltelli 抽样设计", "Sobol indices need the saltelli design"
            )
        d = len(self.factors)
        y = np.column_stack([self.scores_, self.ranks_, self.mean_abs_rank_shift()])
        est = sobol_estimates(y, self.n, d, n_boot, self.seed, conf)
        units = list(self.units_)
        outputs = [("score", u) for u in units] + [("rank", u) for u in units] + [(SUMMARY, None)]
        rows = []
        for (i, f), (k, (kind, unit)) in itertools.product(
            enumerate(self.factors), enumerate(outputs)
        ):
            row: dict[str, Any] = {"output": kind, "uCode": unit, "factor": f.label}
            for name, arr in est.items():
                row[name] = float(arr[i, k])
            rows.append(row)
        return pl.DataFrame(rows).with_columns(pl.col(pl.Float64).fill_nan(None))
