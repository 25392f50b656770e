"""Conformance with COINr 1.1.14: every file of ``data/`` (COINr's own outputs on the ASEM
example, see ``data/README.md``) against the same pipelines run through the public API.

Values agree within 1e-9 (relative to the size of the value, at least absolute 1e-9: the CSVs
carry 15 significant digits), ranks exactly, PCA loadings up to the sign of each pillar's first
component, ``get_stats`` at COINr's 3 significant figures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from jiazhou.index import (
    Aggregate,
    Denominate,
    Framework,
    Impute,
    Normalise,
    Pipeline,
    Screen,
    Treat,
)
from jiazhou.index.correlation import correlation_matrix, correlations_with_parents
from jiazhou.index.dataset import Dataset
from jiazhou.index.statistics import indicator_stats
from jiazhou.index.treat import Treat as TreatStep
from jiazhou.index.weights import pca_weights

DATA = Path(__file__).parent / "data"
STEP_FILES = {  # file suffix → data set name in the pipeline
    "denominated": "Denominated",
    "imputed": "Imputed",
    "screened": "Screened",
    "treated": "Treated",
    "normalised": "Normalised",
    "aggregated_all": "Aggregated",
}
LEVEL_FILES = {
    1: "level1_Indicator",
    2: "level2_Pillar",
    3: "level3_Subindex",
    4: "level4_Index",
}


def _ref(name: str) -> pl.DataFrame:
    return pl.read_csv(DATA / f"{name}.csv", infer_schema_length=None)


@pytest.fixture(scope="module")
def exact_data(asem_data: pl.DataFrame) -> pl.DataFrame:
    """iData with COINr's exact binary TolMin values (the CSV's 15 digits lose the last bit of
    18 of them, which decides ties — README "Precision of the inputs")."""
    exact = _ref("input_exact_TolMin")
    values = dict(zip(exact["uCode"], [float.fromhex(h) for h in exact["hex"]], strict=True))
    assert values["GRC"] == 5.1000000000000005
    return asem_data.with_columns(
        pl.col("uCode").replace_strict(values, default=None, return_dtype=pl.Float64)
        .fill_null(pl.col("TolMin"))
        .alias("TolMin")
    )  # fmt: skip


@pytest.fixture(scope="module")
def runs(exact_data: pl.DataFrame, asem: Framework) -> dict[str, Pipeline]:
    v1 = Pipeline([Treat(), Normalise("minmax"), Aggregate("arithmetic")])
    v2 = Pipeline(
        [
            Denominate(),
            Impute("group_mean", group="EurAsia_group"),
            Screen("byNA", dat_thresh=0.9),
            Treat(winmax=5),
            Normalise("minmax", {"lo": 0, "hi": 100}),
            Aggregate("arithmetic"),
        ]
    )
    return {
        "v1_simple": v1.fit(exact_data, asem),
        "v2_example": v2.fit(exact_data, asem),
    }


def _assert_values(ref: pl.DataFrame, got: Dataset, columns: list[str], what: str) -> None:
    rows = [got.units.index(u) for u in ref["uCode"]]
    for code in columns:
        expected = ref[code].cast(pl.Float64).to_numpy()
        actual = got.column(code)[rows]
        np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected), f"{what} {code} NA")
        ok = ~np.isnan(expected)
        tol = 1e-9 * np.maximum(1.0, np.abs(expected[ok]))
        bad = np.abs(actual[ok] - expected[ok]) > tol
        assert not bad.any(), f"{what} {code}: {np.abs(actual[ok] - expected[ok]).max()}"


def _assert_ranks(ref: pl.DataFrame, got: pl.DataFrame, columns: list[str], what: str) -> None:
    joined = ref.select("uCode", *columns).join(got, on="uCode", suffix="_got")
    assert joined.height == ref.height
    for code in columns:
        mine = joined[f"{code}_got"].to_list()
        theirs = joined[code].cast(pl.Int64).to_list()
        assert mine == theirs, f"{what} {code}"


CASES = [(run, suffix) for run in ("v1_simple",) for suffix in ("treated", "normalised")] + [
    ("v1_simple", "aggregated_all")
] + [("v2_example", suffix) for suffix in STEP_FILES]  # fmt: skip


@pytest.mark.parametrize(("run", "suffix"), CASES)
def test_every_data_set(runs: dict[str, Pipeline], run: str, suffix: str) -> None:
    ref = _ref(f"{run}_{suffix}")
    got = runs[run].datasets_[STEP_FILES[suffix]]
    assert sorted(ref["uCode"]) == sorted(got.units)
    codes = [c for c in ref.columns if c != "uCode"]
    assert set(codes) <= set(got.codes)
    _assert_values(ref, got, codes, f"{run}_{suffix}")


@pytest.mark.parametrize("run", ["v1_simple", "v2_example"])
def test_ranks_of_every_column(runs: dict[str, Pipeline], run: str) -> None:
    ref = _ref(f"{run}_ranks_all")
    codes = [c for c in ref.columns if c != "uCode"]
    _assert_ranks(ref, runs[run].ranks().drop("uName"), codes, f"{run}_ranks_all")


@pytest.mark.parametrize("run", ["v1_simple", "v2_example"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_scores_and_ranks_per_level(runs: dict[str, Pipeline], run: str, level: int) -> None:
    ref = _ref(f"{run}_{LEVEL_FILES[level]}_scores_ranks")
    pipeline = runs[run]
    codes = [c for c in ref.columns if c != "uCode" and not c.endswith("_rank")]
    assert set(codes) == set(pipeline.framework_.levels[level])
    _assert_values(ref, pipeline.aggregated_, codes, f"{run} level {level}")
    ranks = pipeline.ranks(level).drop("uName")
    renamed = ref.rename({f"{c}_rank": f"{c}__r" for c in codes}).drop(codes)
    renamed = renamed.rename({f"{c}__r": c for c in codes})
    _assert_ranks(renamed, ranks, codes, f"{run} level {level} ranks")


@pytest.mark.parametrize("run", ["v1_simple", "v2_example"])
def test_treatment_details(runs: dict[str, Pipeline], run: str) -> None:
    ref = _ref(f"{run}_treat_details")
    step = next(s for s in runs[run].steps_ if isinstance(s, TreatStep))
    got = step.details_.join(ref, on="iCode", how="inner")
    assert got.height == ref.height == 49
    assert got["pass_before"].to_list() == got["check_SkewKurt0.Pass"].to_list()
    np.testing.assert_allclose(got["skew"], got["check_SkewKurt0.Skew"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got["kurt"], got["check_SkewKurt0.Kurt"], rtol=1e-9, atol=1e-12)
    assert got["n_winsorised"].to_list() == got["winsorise.nwin"].to_list()
    assert got["pass_winsorised"].to_list() == got["check_SkewKurt1.Pass"].to_list()
    for mine, theirs in (("skew_winsorised", "Skew"), ("kurt_winsorised", "Kurt")):
        a = got[mine].to_numpy().astype(float)
        b = got[f"check_SkewKurt1.{theirs}"].to_numpy().astype(float)
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True)


@pytest.mark.parametrize("run", ["v1_simple", "v2_example"])
def test_treated_points(runs: dict[str, Pipeline], run: str) -> None:
    ref = _ref(f"{run}_treated_points")  # one row per unit, in the treated data set's order
    pipeline = runs[run]
    step = next(s for s in pipeline.steps_ if isinstance(s, TreatStep))
    names = list(pipeline.datasets_)
    before = pipeline.datasets_[names[names.index("Treated") - 1]]
    labels = step.point_labels(before)
    order = [before.units.index(u) for u in _ref(f"{run}_treated")["uCode"]]
    for code in ref.columns:
        expected = [v or "" for v in ref[code].to_list()]
        actual = labels[order, before.codes.index(code)].tolist()
        assert actual == expected, code


def test_no_unit_screened_out(runs: dict[str, Pipeline]) -> None:
    ref = _ref("v2_example_screen_removed_units")
    screen = next(s for s in runs["v2_example"].steps_ if isinstance(s, Screen))
    assert list(screen.removed_units_) == ref["RemovedUnits"].to_list() == []


def test_effective_weights(runs: dict[str, Pipeline]) -> None:
    ref = _ref("v2_example_effective_weights")
    tree = runs["v2_example"].tree()
    got = ref.join(tree.select("iCode", "Weight", "EffectiveWeight"), on="iCode", suffix="_got")
    assert got.height == ref.height == 60
    np.testing.assert_allclose(got["Weight_got"], got["Weight"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(got["EffectiveWeight"], got["EffWeight"], rtol=1e-9, atol=1e-12)


def _rounds_to(actual: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """True where ``actual`` rounds to ``expected`` at 3 significant figures."""
    with np.errstate(divide="ignore"):
        mag = np.floor(np.log10(np.abs(expected)))
    half = np.where(expected == 0, 5e-13, 0.5 * 10.0 ** (mag - 2))
    return np.abs(actual - expected) <= half * (1 + 1e-9)


@pytest.mark.parametrize(("dset", "name"), [("Raw", "raw"), ("Normalised", "normalised")])
def test_get_stats(runs: dict[str, Pipeline], dset: str, name: str) -> None:
    ref = _ref(f"v2_example_stats_{name}")
    stats = indicator_stats(runs["v2_example"].datasets_[dset])
    got = ref.join(stats, on="iCode", suffix="_got")
    assert got.height == ref.height == 49
    for col in ref.columns[1:]:
        if col.startswith("Flag."):
            assert got[f"{col}_got"].to_list() == got[col].to_list(), col
            continue
        a = got[f"{col}_got"].cast(pl.Float64).to_numpy()
        b = got[col].cast(pl.Float64).to_numpy()
        assert _rounds_to(a, b).all(), (col, a[~_rounds_to(a, b)], b[~_rounds_to(a, b)])
    # nsignif=3 reproduces COINr's printed table exactly
    rounded = indicator_stats(runs["v2_example"].datasets_[dset], nsignif=3)
    joined = ref.join(rounded, on="iCode", suffix="_got")
    for col in ("Mean", "Std", "Skew", "Kurt", "Frc.Same"):
        np.testing.assert_allclose(joined[f"{col}_got"], joined[col], rtol=1e-12)


def test_correlation_with_parent(runs: dict[str, Pipeline], asem: Framework) -> None:
    ref = _ref("v2_example_corr_with_parent")
    got = correlations_with_parents(runs["v2_example"].aggregated_, asem)
    joined = ref.join(got, on=["Parent", "Child"])
    assert joined.height == ref.height == got.height == 59
    np.testing.assert_allclose(joined["Correlation"], joined["Pearson"], rtol=0, atol=1e-12)


def test_pearson_matrix_of_normalised_indicators(runs: dict[str, Pipeline]) -> None:
    ref = _ref("v2_example_corr_matrix_indicators_normalised")
    codes = ref["iCode"].to_list()
    assert ref.columns[1:] == codes
    r, p = correlation_matrix(runs["v2_example"].datasets_["Normalised"].take(codes))
    np.testing.assert_allclose(r, ref.drop("iCode").to_numpy(), rtol=0, atol=1e-12)
    assert np.all((p >= 0) & (p <= 1))


def test_pca_weights_up_to_sign_per_pillar(runs: dict[str, Pipeline], asem: Framework) -> None:
    ref = _ref("v2_example_pca_weights_level1")
    got = pca_weights(runs["v2_example"].datasets_["Normalised"], asem, level=1)
    expected = dict(zip(ref["iCode"], ref["Weight"], strict=True))
    assert set(got) == set(expected)
    for code in (*asem.levels[2], *asem.levels[3], *asem.levels[4]):  # other levels unchanged
        assert got[code] == expected[code] == 1
    for pillar in asem.levels[2]:
        kids = asem.children[pillar]
        a = np.array([got[k] for k in kids])
        b = np.array([expected[k] for k in kids])
        sign = np.sign(a @ b)
        np.testing.assert_allclose(sign * a, b, rtol=0, atol=1e-9, err_msg=pillar)
