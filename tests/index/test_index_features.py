"""COINr features beyond the core pipeline, each on a hand-computed case.

The small framework (conftest): indicators ``a`` (+) and ``b`` (−) under pillar ``P`` under
index ``I``; units u1…u4 in groups x, x, y, y; a = 1, 4, –, 8; b = 1, 0.25, 2, –.
Min–max 0–100 gives a = 0, 300/7, –, 100 and (on −b) b = 400/7, 100, 0, –, so
P = I = 200/7, (300/7 + 100)/2 = 500/7, 0, 100 → ranks u4 1, u2 2, u1 3, u3 4.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl
import pytest
import xlsxwriter

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline, Treat
from jiazhou.index import normalise as nm
from jiazhou.index.adjust import change_ind, remove_elements
from jiazhou.index.correlation import (
    correlation_flags,
    correlation_matrix,
    correlations,
    denominator_correlations,
)
from jiazhou.index.dataset import Dataset
from jiazhou.index.denominate import Denominate
from jiazhou.index.panel import cagr, impute_panel, prc_change, trends
from jiazhou.index.results import compare, group_ranks, strengths_weaknesses, unit_summary
from jiazhou.index.sensitivity import Choice, Continuous, UncertaintyAnalysis, WeightNoise
from jiazhou.index.statistics import indicator_stats
from jiazhou.index.treat import second_treatment, winsorise
from jiazhou.index.weights import pca_weights

I_SCORES = [200 / 7, 500 / 7, 0.0, 100.0]


@pytest.fixture
def built(small: Framework, small_data: pl.DataFrame) -> Pipeline:
    return Pipeline([Normalise("minmax"), Aggregate()]).fit(small_data, small)


def test_small_pipeline_by_hand(built: Pipeline) -> None:
    np.testing.assert_allclose(built.aggregated_.column("I"), I_SCORES)
    assert built.ranks(3)["I"].to_list() == [3, 2, 4, 1]


def test_group_ranks(built: Pipeline) -> None:
    out = group_ranks(built, "grp", level=3)
    assert dict(zip(out["uCode"], out["I"], strict=True)) == {"u1": 2, "u2": 1, "u3": 2, "u4": 1}
    assert out["grp"].to_list() == ["x", "x", "y", "y"]


def test_unit_summary(built: Pipeline) -> None:
    out = unit_summary(built, "u1", [3, 2])
    assert out["Code"].to_list() == ["I", "P"]
    np.testing.assert_allclose(out["Score"], [200 / 7, 200 / 7])
    assert out["Rank"].to_list() == [3, 3]


def test_strengths_and_weaknesses(built: Pipeline) -> None:
    # Raw data, directions applied: a ranks u4 1, u2 2, u1 3; −b ranks u2 1, u1 2, u3 3.
    # u1: a at 3 is the worst a-rank present → dropped by min_discard; b at 2 remains.
    s, w = strengths_weaknesses(built, "u1", top_n=1, bottom_n=1)
    assert s["Code"].to_list() == ["b"] and s["Rank"].to_list() == [2]
    assert w["Code"].to_list() == ["b"] and s["Level_2"].to_list() == ["P"]
    s, w = strengths_weaknesses(built, "u1", top_n=1, bottom_n=1, min_discard=False)
    assert s["Code"].to_list() == ["b"] and w["Code"].to_list() == ["a"]
    assert w["Value"].to_list() == [1.0]


def test_compare_two_versions(built: Pipeline, small: Framework, small_data: pl.DataFrame) -> None:
    # weight 0 on a: P = normalised b → u2 1, u1 2, u3 3, u4 missing (only a present)
    other = Pipeline([Normalise("minmax"), Aggregate(weights={"a": 0.0})]).fit(small_data, small)
    out = compare(built, other)
    diffs = dict(zip(out["uCode"], out["Diff"], strict=True))
    assert diffs == {"u1": -1.0, "u2": -1.0, "u3": -1.0, "u4": None}


def test_named_weight_sets(small: Framework, small_data: pl.DataFrame) -> None:
    fw = small.with_weight_set("b_only", {"a": 0.0})
    p = Pipeline([Normalise("minmax"), Aggregate(weights="b_only")]).fit(small_data, fw)
    np.testing.assert_allclose(p.aggregated_.column("I")[:3], [400 / 7, 100, 0])
    assert fw.weight_set("Original")["a"] == 1.0
    with pytest.raises(ValueError, match="没有名为"):
        Pipeline([Normalise(), Aggregate(weights="nope")]).fit(small_data, fw)


def test_remove_elements(built: Pipeline) -> None:
    out = remove_elements(built, level=1)
    summary = out.filter(pl.col("uCode").is_null())
    # without a: I = normalised b → ranks u2 1, u1 2, u3 3 (u4 missing); changes −1, −1, −1
    # without b: I = normalised a → u4 1, u2 2, u1 3 (u3 missing); changes 0, 0, 0
    assert dict(zip(summary["removed"], summary["rank_change"], strict=True)) == {
        "a": 1.0,
        "b": 0.0,
    }


def test_exclude_and_change_ind(
    small_meta: Callable[..., pl.DataFrame], small_data: pl.DataFrame
) -> None:
    meta = small_meta()
    fw = Framework.from_meta(meta, exclude=["b"])
    assert fw.indicators == ("a",)
    p = Pipeline([Normalise("minmax"), Aggregate()]).fit(small_data, fw)
    np.testing.assert_allclose(p.aggregated_.column("I")[[0, 1, 3]], [0, 300 / 7, 100])
    back = change_ind(p, small_data, meta, add=["b"])
    np.testing.assert_allclose(back.aggregated_.column("I"), I_SCORES)
    with pytest.raises(ValueError, match="不能移除全部指标"):
        change_ind(p, small_data, meta, drop=["a"])


def test_denominators_scale_factors_and_custom_function(
    small: Framework, small_data: pl.DataFrame
) -> None:
    data = Dataset.from_frame(small_data, small)
    # a / pop: 1/1, 4/2, –, 8/0 → 1, 2, –, – ; custom denominator for b and factor 10
    step = Denominate({"a": "pop", "b": "pop"}, scale_factors={"b": 10.0}).fit(data, small)
    out = step.transform(data)
    np.testing.assert_allclose(out.column("a"), [1, 2, np.nan, np.nan])
    np.testing.assert_allclose(out.column("b"), [10, 1.25, 5, np.nan])
    minus = Denominate(f_denom=lambda x, d: x - d).fit(data, small).transform(data)
    np.testing.assert_allclose(minus.column("a"), [0, 2, np.nan, np.nan])  # 8 − 0 but pop 0


def test_use_imeta_parameters(small_meta: Callable[..., pl.DataFrame]) -> None:
    meta = small_meta(
        a__minmax_lower=0.0, a__minmax_upper=10.0, b__minmax_lower=1.0, b__minmax_upper=2.0
    )
    fw = Framework.from_meta(meta)
    frame = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "pop": [1.0] * 3, "grp": ["x"] * 3,
         "a": [1.0, 2.0, 3.0], "b": [1.0, 2.0, 3.0]}
    )  # fmt: skip
    out = Normalise("minmax", use_imeta=True).fit_transform(Dataset.from_frame(frame, fw), fw)
    np.testing.assert_allclose(out.column("a"), [0, 5, 10])  # scaled onto [0, 10]
    np.testing.assert_allclose(out.column("b"), [2, 1.5, 1])  # −b scaled onto [1, 2]
    with pytest.raises(ValueError, match="b.zscore_mean"):
        bad = Framework.from_meta(small_meta(a__zscore_mean=0.0, a__zscore_sd=1.0))
        Normalise("zscore", use_imeta=True).fit(Dataset.from_frame(frame, bad), bad)


def test_scaled_and_distance_to_reference() -> None:
    # n_scaled(x, c(1, 10)) = (x − 1)/9·100
    np.testing.assert_allclose(nm.scaled([[1.0], [5.5], [10.0]], 1, 10)[:, 0], [0, 50, 100])
    # n_dist2ref with reference the 2nd unit (x_ref = 3, min 1): 1 − (3 − x)/2
    x = np.array([[1.0], [3.0], [4.0]])
    np.testing.assert_allclose(nm.distance_to_ref(x, 1)[:, 0], [0, 1, 1.5])
    np.testing.assert_allclose(nm.distance_to_ref(x, 1, cap=True)[:, 0], [0, 1, 1])


def test_force_win_and_log_ct_plus() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # passes, but force_win winsorises anyway
    # skew 0 → the top: 6 → 5; the skew is then negative → the bottom: 1 → 2 (two points)
    assert winsorise(x, winmax=2, force_win=True) == (2.0, 5.0, 2)
    assert winsorise(x, winmax=2) == (-np.inf, np.inf, 0)
    y = np.array([1.0, 9.0, 10.0])  # negative skew: −ln(max + 0.09 − x)
    out = second_treatment(y, "log_CT_plus", 1.0, 10.0, negative=True)
    np.testing.assert_allclose(out, -np.log(10.09 - y))
    assert second_treatment(y, "log_CT_plus", 1.0, 10.0)[0] == np.log(0.09)


def test_treat_with_a_custom_function(asem: Framework, asem_data: pl.DataFrame) -> None:
    data = Dataset.from_frame(asem_data, asem)
    step = Treat(winmax=0, f2=np.sqrt).fit(data, asem)  # no winsorising: straight to f2
    j = data.codes.index("Gas")
    assert step.details_.filter(pl.col("iCode") == "Gas")["treatment"][0] == "sqrt"
    np.testing.assert_allclose(step.transform(data).values[:, j], np.sqrt(data.values[:, j]))


def test_pca_without_groups(asem: Framework, asem_data: pl.DataFrame) -> None:
    data = Normalise().fit_transform(Dataset.from_frame(asem_data, asem), asem)
    kids = asem.children["Physical"]
    by_level = pca_weights(data, asem, level=1, by_groups=False)
    one_group = pca_weights(data, asem, level=1)
    assert set(by_level) == set(asem.weights)
    assert [by_level[k] for k in kids] != [one_group[k] for k in kids]
    loads = np.array([by_level[c] for c in asem.indicators])
    assert np.sum(loads**2) == pytest.approx(1.0)  # one unit vector over all 49 indicators


def test_correlations_with_p_values_by_hand(small: Framework) -> None:
    a = np.array([[1.0, 1.0], [2.0, 3.0], [3.0, 2.0], [4.0, 4.0]])
    r, p = correlation_matrix(a)
    # Pearson of (1,2,3,4) and (1,3,2,4): Sxy = 4, Sxx = Syy = 5 → r = 0.8
    assert r[0, 1] == pytest.approx(0.8) and r[0, 0] == pytest.approx(1.0)
    # t = 0.8·√(2/0.36); with 2 df the two-sided p is 1 − t/√(t² + 2) = 1 − 0.8 = 0.2
    assert p[0, 1] == pytest.approx(0.2, abs=1e-12)
    rs, _ = correlation_matrix(a, method="spearman")  # the data are already ranks
    assert rs[0, 1] == pytest.approx(0.8)
    rk, _ = correlation_matrix(a, method="kendall")  # 5 concordant, 1 discordant pair
    assert rk[0, 1] == pytest.approx(4 / 6)


def test_correlation_tables_on_asem(asem: Framework, asem_data: pl.DataFrame) -> None:
    data = Normalise().fit_transform(Dataset.from_frame(asem_data, asem), asem)
    long = correlations(data, ["Goods", "Services"], pval=0.05)
    assert long.height == 4 and long["PValue"].min() == 0.0
    flags = correlation_flags(data, asem, threshold=0.8)
    assert {"Group", "Ind1", "Ind2", "Corr"} == set(flags.columns)
    assert (flags["Corr"] > 0.8).all()
    raw = Dataset.from_frame(asem_data, asem)
    denoms = denominator_correlations(raw, asem, threshold=0.7)
    assert (denoms["Corr"].abs() > 0.7).all() and set(denoms["Denom"]) <= {
        "Area", "Energy", "GDP", "Population"
    }  # fmt: skip


def test_get_stats_counts_by_hand() -> None:
    meta = pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None], "Direction": [1, 1],
         "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    frame = pl.DataFrame({"uCode": list("abcde"), "x": [0.0, 0.0, 0.0, 5.0, None]})
    row = indicator_stats(Dataset.from_frame(frame, fw)).row(0, named=True)
    assert (row["N.Avail"], row["N.NonZero"], row["N.Unique"], row["N.Same"]) == (4, 1, 2, 3)
    assert row["Frc.Same"] == 0.75 and row["Frc.Avail"] == 0.8
    # non-zeros 1/5 < 0.5 and uniques 2/5 < 0.5 of all units → LOW
    assert (row["Flag.NonZero"], row["Flag.Unique"], row["Flag.Avail"]) == ("LOW", "LOW", "ok")


def test_cagr_and_percentage_change() -> None:
    assert cagr([100.0, np.nan, 121.0], [2020, 2021, 2022]) == pytest.approx(0.1)
    assert cagr([0.0, 0.0], [2020, 2022]) == 0.0
    assert prc_change([100.0, 120.0], [2020, 2022]) == pytest.approx(10.0)  # 20 % over 2 years
    # three points on the line y = 100 + 10(t − 2020): slope·1/(y at t0)·100 = 10 %
    assert prc_change([100.0, 110.0, 120.0], [2020, 2021, 2022]) == pytest.approx(10.0)


def test_impute_panel_and_trends(small: Framework) -> None:
    panel = pl.DataFrame(
        {"uCode": ["u1"] * 4 + ["u2"] * 4, "Time": [2020, 2021, 2022, 2023] * 2,
         "a": [1.0, None, None, 4.0, 2.0, 3.0, None, None],
         "b": [1.0, 2.0, 4.0, 8.0, 1.0, 1.0, 1.0, 1.0]}
    )  # fmt: skip
    latest, years = impute_panel(panel, columns=["a"])
    assert latest["a"].to_list() == [1.0, 1.0, 1.0, 4.0, 2.0, 3.0, 3.0, 3.0]
    assert years["a"].to_list() == [2020, 2020, 2020, 2023, 2020, 2021, 2021, 2021]
    capped, _ = impute_panel(panel, columns=["a"], max_time=1)
    assert capped["a"].to_list() == [1.0, 1.0, None, 4.0, 2.0, 3.0, 3.0, None]
    linear, _ = impute_panel(panel, columns=["a"], method="linear")
    assert linear["a"].to_list() == [1.0, 2.0, 3.0, 4.0, 2.0, 3.0, None, None]
    out = trends(panel, small, codes=["b"])
    # b doubles each year: CAGR 1 for u1, direction −1 → −1; u2 flat → 0 (−0)
    assert dict(zip(out["uCode"], out["CAGR"], strict=True)) == {"u1": -1.0, "u2": 0.0}
    last2 = trends(panel, small, codes=["b"], use_latest=2, f_trend="prc_change")
    assert last2["prc_change"].to_list() == [-100.0, 0.0]


def test_sensitivity_from_a_user_given_sample(
    small: Framework, small_data: pl.DataFrame, built: Pipeline
) -> None:
    factors = [
        Choice.of("Norm", "Normalise", "method", ["minmax", "rank"]),
        Continuous("p", "Aggregate", "p", 1.0, 3.0),
        WeightNoise(noise=0.5, levels=(1,)),
    ]
    pipe = Pipeline([Normalise("minmax"), Aggregate("generalised")])
    sample = pl.DataFrame({"Norm": [0, 0, 1], "p": [1.0, 2.0, 1.0], "Weights:a": [1.0, 1.0, 1.0]})
    ua = UncertaintyAnalysis(pipe, factors, design="monte_carlo", sample=sample)
    ua.fit(small_data, small)
    np.testing.assert_allclose(ua.scores_[0], I_SCORES)  # run 0 is the nominal build
    # run 1: quadratic mean of the normalised pair, e.g. u1 √((0² + (400/7)²)/2)
    assert ua.scores_[1, 0] == pytest.approx(np.sqrt((400 / 7) ** 2 / 2))
    # run 2: n_rank normalisation: a ranks 1, 2, –, 3; −b ranks 2, 3, 1, – → I = 1.5, 2.5, 1, 3
    np.testing.assert_allclose(ua.scores_[2], [1.5, 2.5, 1.0, 3.0])
    with pytest.raises(ValueError, match="选项序号"):
        bad = sample.with_columns(pl.lit(2).alias("Norm"))
        UncertaintyAnalysis(pipe, factors, design="monte_carlo", sample=bad).fit(small_data, small)


def test_sensitivity_over_named_weight_sets(small: Framework, small_data: pl.DataFrame) -> None:
    fw = small.with_weight_set("b_only", {"a": 0.0})
    factors = [Choice.of("Weights", "Aggregate", "weights", ["Original", "b_only"])]
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    sample = pl.DataFrame({"Weights": [0, 1]})
    ua = UncertaintyAnalysis(pipe, factors, design="monte_carlo", sample=sample).fit(small_data, fw)
    np.testing.assert_allclose(ua.scores_[1, :3], [400 / 7, 100, 0])


def test_discrete_weight_sets_are_applied_per_run(asem: Framework, asem_data: pl.DataFrame) -> None:
    # COINr's SA design: a discrete choice among noisy weight sets (levels 2 and 3, ±25 %)
    from jiazhou.index.weights import noisy_weight_sets

    sets = noisy_weight_sets(asem, {2: 0.25, 3: 0.25}, n=5, seed=3)
    assert all(s["Goods"] == 1.0 for s in sets)  # level 1 untouched
    assert all(0.75 <= s["Physical"] <= 1.25 for s in sets)
    pipe = Pipeline([Normalise("minmax", {"lo": 1, "hi": 100}), Aggregate()])
    factors = [
        Choice("Weights", "Aggregate", tuple({"weights": w} for w in sets)),
        Choice.of("Aggregation", "Aggregate", "method", ["arithmetic", "geometric"]),
    ]
    ua = UncertaintyAnalysis(pipe, factors, n=4, design="monte_carlo", seed=1)
    ua.fit(asem_data, asem)
    for run in range(4):  # the vectorised runs equal a full rebuild with that weight set
        np.testing.assert_allclose(ua.scores_[run], ua.rebuild_run(run, asem_data, asem))


def test_import_a_coinr_workbook(
    asem_meta: pl.DataFrame, asem_data: pl.DataFrame, asem: Framework, tmp_path: Path
) -> None:
    # the sheet layout of COINr's export_to_excel(coin): Meta.Ind, Meta.Unit, Data.Raw, weights
    from jiazhou.index.coinr_workbook import import_coinr_workbook

    unit_cols = [
        "uCode",
        "uName",
        "GDP_group",
        "EurAsia_group",
        "Area",
        "Energy",
        "GDP",
        "Population",
    ]
    path = tmp_path / "coin.xlsx"
    with xlsxwriter.Workbook(path) as book:
        asem_meta.write_excel(book, worksheet="Meta.Ind")
        asem_data.select(unit_cols).write_excel(book, worksheet="Meta.Unit")
        asem_data.select("uCode", *asem.indicators).write_excel(book, worksheet="Data.Raw")
        pl.DataFrame({"iCode": ["Physical"], "Level": [2], "Weight": [2.0]}).write_excel(
            book, worksheet="Meta.Weights.Double"
        )
    fw, data, _meta = import_coinr_workbook(path)
    assert fw.weight_set("Double")["Physical"] == 2.0 and fw.indicators == asem.indicators
    direct = Pipeline([Denominate(), Normalise(), Aggregate()])
    a = direct.fit(asem_data, asem).aggregated_
    b = Pipeline(direct.steps).fit(data, fw).aggregated_
    np.testing.assert_allclose(b.column("Index"), a.column("Index"))
    with pytest.raises(ValueError, match="不是 COINr 导出的工作簿"):
        bad = tmp_path / "bad.xlsx"
        pl.DataFrame({"a": [1]}).write_excel(bad)
        import_coinr_workbook(bad)


def test_user_imputation_function(small: Framework, small_data: pl.DataFrame) -> None:
    from jiazhou.index import Impute

    data = Dataset.from_frame(small_data, small)
    out = Impute(lambda x: np.where(np.isnan(x), np.nanmin(x), x)).fit_transform(data, small)
    np.testing.assert_allclose(out.column("a"), [1, 4, 1, 8])  # the column minimum
    np.testing.assert_allclose(out.column("b"), [1, 0.25, 2, 0.25])


def test_normalising_across_years() -> None:
    from jiazhou.index.panel import fit_by_time, fit_global

    meta = pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None], "Direction": [1, 1],
         "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    panel = pl.DataFrame(
        {"uCode": ["a", "b", "a", "b"], "Time": [2024, 2024, 2025, 2025], "x": [0.0, 10, 5, 20]}
    )
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    # min 0 and max 20 over both years: 2024 → 0, 50; 2025 → 25, 100
    pooled = fit_global(pipe, panel, fw)
    np.testing.assert_allclose(pooled[2024].aggregated_.column("I"), [0, 50])
    np.testing.assert_allclose(pooled[2025].aggregated_.column("I"), [25, 100])
    per_year = fit_by_time(pipe, panel, fw)  # each year on its own: 0, 100 both years
    np.testing.assert_allclose(per_year[2025].aggregated_.column("I"), [0, 100])


def test_framework_file_declares_exclude_weight_sets_thresholds_and_continuous_factors(
    tmp_path: Path, asem_dir: Path, asem_data: pl.DataFrame
) -> None:
    from jiazhou.index.framework_file import load_framework_file

    meta = (asem_dir / "input_iMeta.csv").as_posix()
    (tmp_path / "f.toml").write_text(
        f'[framework]\nmeta = "{meta}"\nexclude = ["LPI"]\n[weights.half]\nPhysical = 0.5\n'
        '[[pipeline.step]]\nstep = "Normalise"\n[[pipeline.step]]\nstep = "Aggregate"\n'
        'min_share = {2 = 0.9}\nweights = "half"\n[[sensitivity.factor]]\ntype = "continuous"\n'
        'step = "Aggregate"\nparam = "p"\nlow = 1\nhigh = 2\n',
        encoding="utf-8",
    )
    spec = load_framework_file(tmp_path / "f.toml")
    assert "LPI" not in spec.framework.indicators
    assert spec.framework.weight_set("half")["Physical"] == 0.5
    assert spec.factors == [Continuous("p", "Aggregate", "p", 1.0, 2.0)]
    p = Pipeline(spec.pipeline.steps).fit(asem_data, spec.framework)
    # ConSpeed is missing for 8 units: Physical then has 6 of 7 indicators (< 90 %) → missing
    assert int(np.isnan(p.aggregated_.column("Physical")).sum()) == 8
