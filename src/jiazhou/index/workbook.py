"""Results workbooks: every table of a run on its own sheet (as COINr's ``export_to_excel``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl
import xlsxwriter

from jiazhou.index.adjust import remove_elements
from jiazhou.index.correlation import correlation_matrix, correlations_with_parents
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.results import group_ranks
from jiazhou.index.sensitivity import UncertaintyAnalysis
from jiazhou.index.statistics import cronbach_alpha, indicator_stats
from jiazhou.index.treat import Treat

__all__ = ["pipeline_tables", "sensitivity_tables", "write_workbook"]


def pipeline_tables(pipeline: Pipeline) -> dict[str, pl.DataFrame]:
    """Results, scores and ranks per level, the tree, every data set and statistics."""
    fw = pipeline.framework_
    tables: dict[str, pl.DataFrame] = {"Results": pipeline.results(), "Tree": pipeline.tree()}
    for lev in range(fw.n_levels, 0, -1):
        tables[f"Scores_L{lev}"] = pipeline.scores(lev)
        tables[f"Ranks_L{lev}"] = pipeline.ranks(lev)
    for name, data in pipeline.datasets_.items():
        tables[f"Data_{name}"] = data.to_frame()
    tables["Stats_Raw"] = indicator_stats(pipeline.datasets_["Raw"])
    tables["Stats_Aggregated"] = indicator_stats(pipeline.aggregated_)
    tables["Corr_Parents"] = correlations_with_parents(pipeline.aggregated_, fw)
    norm = pipeline.datasets_.get("Normalised", pipeline.aggregated_)
    codes = [c for c in fw.indicators if c in norm.codes]
    r, p = correlation_matrix(norm.take(codes))
    tables["Corr_Indicators"] = pl.DataFrame(
        {"iCode": codes} | {c: r[:, j] for j, c in enumerate(codes)}
    )
    tables["Corr_PValues"] = pl.DataFrame(
        {"iCode": codes} | {c: p[:, j] for j, c in enumerate(codes)}
    )
    for group in fw.group_columns:
        if group in pipeline.aggregated_.aux.columns:
            tables[f"GroupRanks_{group}"] = group_ranks(pipeline, group)
    if fw.n_levels > 2:
        tables["Remove_L2"] = remove_elements(pipeline, 2).filter(pl.col("uCode").is_null())
    agg = pipeline.aggregated_
    tables["Cronbach"] = pl.DataFrame(
        {
            "iCode": list(fw.children),
            "alpha": [cronbach_alpha(agg.take(kids)) for kids in fw.children.values()],
        }
    )
    for step in pipeline.steps_:
        if isinstance(step, Treat):
            tables["Treatment"] = step.details_
    return tables


def sensitivity_tables(analysis: UncertaintyAnalysis, n_boot: int = 200) -> dict[str, pl.DataFrame]:
    """Rank bands, Sobol indices (Saltelli design) and the sampled runs."""
    tables = {"RankBands": analysis.rank_bands(), "Runs": analysis.runs()}
    if analysis.design == "saltelli":
        si = analysis.sobol_indices(n_boot=n_boot)
        tables["Sensitivity_Summary"] = si.filter(pl.col("output") == "mean_abs_rank_shift")
        tables["Sensitivity_Units"] = si.filter(pl.col("output") != "mean_abs_rank_shift")
    return tables


def write_workbook(tables: Mapping[str, pl.DataFrame], path: Path) -> None:
    """One sheet per table (sheet names cut to Excel's 31 characters)."""
    with xlsxwriter.Workbook(str(path)) as workbook:
        for name, frame in tables.items():
            clean = frame.with_columns(pl.col(pl.Float64).fill_nan(None))
            clean.write_excel(workbook, worksheet=name[:31], autofit=True)
