"""What the index page and its Excel export show, read from the stored runs.

The page and the workbook are built from the same :class:`IndexReport`, with the same rounding
(:data:`DECIMALS`), so the exported numbers are the numbers on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jiazhou.index import plots
from jiazhou.index.correlation import correlation_matrix
from jiazhou_web.core.spreadsheets import Sheet
from jiazhou_web.indices.choices import SobolOutput
from jiazhou_web.indices.models import (
    GapContribution,
    IndexDefinition,
    IndexRun,
    IndexScore,
    RankBand,
    SobolIndex,
    UncertaintyResult,
)
from jiazhou_web.regions.models import Region

DECIMALS = 2


def synthetic_label() -> str:
    """The synthetic-data mark on the page and its charts, in the reader's language."""
    return pgettext("badge", "Synthetic data")


def chart_texts(definition: Any) -> dict[str, str]:
    """The words the charts draw (series, axes, reference lines), in the reader's language."""
    texts = {
        "index": _("Index"),
        "path": _("Target path (time-elapsed progress)"),
        "points": _("percentage points"),
        "gain": _("Gain if the indicator alone reaches its standard (points)"),
        "rank": pgettext("indices", "Rank"),
        "band": _("5%–95% band and median"),
        "nominal": _("Rank as computed"),
        "first_order": _("First-order index S"),
        "total": _("Total-effect index ST"),
        "target": "",
        "reported": "",
    }
    if definition.target_value is not None:
        texts["target"] = _("Target %(value)s%% (%(year)s)") % {
            "value": f"{float(definition.target_value):g}",
            "year": definition.target_year,
        }
    if definition.reported_value is not None:
        texts["reported"] = _("Published %(value)s%%") % {
            "value": f"{float(definition.reported_value):g}"
        }
    return texts


def rounded(value: float | None, digits: int = DECIMALS) -> float | None:
    return None if value is None else round(value, digits)


@dataclass
class RegionRow:
    region: Region
    score: float | None
    rank: int | None
    blocks: list[tuple[float | None, int | None]]


@dataclass
class TreeNode:
    code: str
    name: str
    level: int
    weight: float | None
    effective_weight: float | None
    standard: float | None
    unit: str
    score: float | None
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class IndexReport:
    definition: IndexDefinition
    year: int | None
    years: list[int]
    run: IndexRun | None
    rows: list[RegionRow] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)
    tree: TreeNode | None = None
    gap_region: Region | None = None
    gap_regions: list[Region] = field(default_factory=list)
    contributions: list[GapContribution] = field(default_factory=list)
    analysis: UncertaintyResult | None = None
    bands: list[RankBand] = field(default_factory=list)
    sobol: list[SobolIndex] = field(default_factory=list)
    trend: list[tuple[int, float | None, bool]] = field(default_factory=list)
    missing: list[tuple[Region, list[str]]] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        return bool(self.run and self.run.synthetic)

    @property
    def focus_row(self) -> RegionRow | None:
        focus = self.definition.focus_region_id
        return next((r for r in self.rows if r.region.pk == focus), None)

    @property
    def needed(self) -> int:
        """How many indicators (in gain order) must reach their standard for the target: the
        position of the first row whose cumulative index reaches it (0 if none does)."""
        return next((c.order for c in self.contributions if c.reaches_target), 0)

    @property
    def gap_to_target(self) -> float | None:
        row = self.focus_row
        if row is None or row.score is None or self.definition.target_value is None:
            return None
        return rounded(float(self.definition.target_value) - row.score)


def latest_runs(definition: IndexDefinition, user: Any) -> dict[int, IndexRun]:
    """The latest run of every year (a recompute with changed inputs supersedes the older one)."""
    runs: dict[int, IndexRun] = {}
    for run in IndexRun.objects.for_user(user).filter(definition=definition):
        runs.setdefault(run.year, run)  # ordered newest first within a year
    return dict(sorted(runs.items()))


def _tree(run: IndexRun, scores: dict[str, float | None]) -> TreeNode | None:
    nodes = {
        n["code"]: TreeNode(
            code=n["code"],
            name=n["name"],
            level=n["level"],
            weight=n["weight"],
            effective_weight=n["effective_weight"],
            standard=n["standard"],
            unit=n["unit"],
            score=rounded(scores.get(n["code"])),
        )
        for n in run.tree
    }
    root = None
    for n in run.tree:
        if n["parent"]:
            nodes[n["parent"]].children.append(nodes[n["code"]])
        else:
            root = nodes[n["code"]]
    return root


def build_report(
    definition: IndexDefinition, year: int | None, user: Any, gap_region: str = ""
) -> IndexReport:
    """Everything the page shows for ``year`` (default: the latest computed year)."""
    runs = latest_runs(definition, user)
    years = list(runs)
    if year not in runs:
        year = years[-1] if years else None
    report = IndexReport(definition, year, years, runs.get(year) if year else None)
    focus = definition.focus_region
    focus_scores_by_run = _focus_scores(list(runs.values()), focus)
    report.trend = [
        (y, rounded(focus_scores_by_run.get(r.pk)), r.synthetic) for y, r in sorted(runs.items())
    ]
    run = report.run
    if run is None:
        return report
    root = next(n["code"] for n in run.tree if not n["parent"])
    top_level = max(n["level"] for n in run.tree)
    report.blocks = [(n["code"], n["name"]) for n in run.tree if n["level"] == top_level - 1]
    scores = list(
        IndexScore.objects.for_user(user)
        .filter(run=run, level__gte=top_level - 1)
        .select_related("region")
    )
    by_region: dict[int, dict[str, IndexScore]] = {}
    regions: dict[int, Region] = {}
    for s in scores:
        by_region.setdefault(s.region_id, {})[s.node] = s
        regions[s.region_id] = s.region
    for region_id, nodes in by_region.items():
        index = nodes.get(root)
        report.rows.append(
            RegionRow(
                region=regions[region_id],
                score=rounded(index.score) if index else None,
                rank=index.rank if index else None,
                blocks=[
                    (rounded(nodes[c].score), nodes[c].rank) if c in nodes else (None, None)
                    for c, _name in report.blocks
                ],
            )
        )
    report.rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.region.code))
    focus_scores = {
        s.node: s.score for s in IndexScore.objects.for_user(user).filter(run=run, region=focus)
    }
    report.tree = _tree(run, focus_scores)
    report.gap_regions = sorted(regions.values(), key=lambda r: (r.pk != focus.pk, r.code))
    chosen = next((r for r in report.gap_regions if r.code == gap_region), None)
    report.gap_region = chosen or next(iter(report.gap_regions), None)
    report.contributions = list(
        GapContribution.objects.for_user(user)
        .filter(run=run, region=report.gap_region)
        .order_by("order")
    )
    report.analysis = UncertaintyResult.objects.for_user(user).filter(run=run).first()
    if report.analysis is not None:
        report.bands = list(
            RankBand.objects.for_user(user)
            .filter(analysis=report.analysis)
            .select_related("region")
            .order_by("nominal_rank", "region__code")
        )
        report.sobol = list(
            SobolIndex.objects.for_user(user)
            .filter(analysis=report.analysis, output=SobolOutput.SUMMARY)
            .order_by("factor")
        )
    names = {r.code: r for r in Region.objects.filter(code__in=list(run.missing))}
    report.missing = [(names[c], gaps) for c, gaps in sorted(run.missing.items()) if c in names]
    return report


def _root(run: IndexRun) -> str:
    return str(next(n["code"] for n in run.tree if not n["parent"]))


def _focus_scores(runs: list[IndexRun], focus: Region) -> dict[int, float | None]:
    """The focus region's index score of each run, in one query (the trend read one per year)."""
    roots = {run.pk: _root(run) for run in runs}
    rows = IndexScore.objects.filter(
        run__in=list(roots), region=focus, node__in=set(roots.values())
    ).values_list("run_id", "node", "score")
    return {run_id: score for run_id, node, score in rows if roots.get(run_id) == node}


def coinr_charts(report: IndexReport) -> dict[str, Any]:
    """COINr's plot family for the shown run, as ECharts options keyed by element id: the
    framework sunburst, the index split into its first-level contributions, the correlation
    heatmap of the first-level indices and the first-order sensitivity shares."""
    run = report.run
    if run is None or not report.rows:
        return {}
    tree = pl.DataFrame(
        [
            {"iCode": n["code"], "iName": n["name"], "Parent": n["parent"] or None,
             "EffectiveWeight": n["effective_weight"]}
            for n in run.tree
        ],
        schema={"iCode": pl.String, "iName": pl.String, "Parent": pl.String,
                "EffectiveWeight": pl.Float64},
    )  # fmt: skip
    weight = {n["code"]: float(n["weight"] or 0.0) for n in run.tree}
    blocks = [code for code, _name in report.blocks]
    total = sum(weight[c] for c in blocks) or 1.0
    regions = [r.region.name for r in report.rows]
    stacks = {
        name: [(r.blocks[k][0] or 0.0) * weight[code] / total for r in report.rows]
        for k, (code, name) in enumerate(report.blocks)
    }
    options: dict[str, Any] = {
        "chart-framework": plots.framework_sunburst(tree, _("Indicator framework")),
        "chart-stacked": plots.bar(
            regions, [r.score for r in report.rows], _("Index by first-level block"), stacks
        ),
    }
    values = np.array(
        [[np.nan if s is None else s for s, _rank in r.blocks] for r in report.rows], dtype=float
    )
    if len(report.rows) > 2 and values.size:
        r_matrix, _p = correlation_matrix(values)
        names = [name for _code, name in report.blocks]
        options["chart-corr"] = plots.correlation_heatmap(
            names, r_matrix, _("Correlations of the first-level indices")
        )
    if report.sobol:
        options["chart-sobol-pie"] = plots.sensitivity(
            [s.factor for s in report.sobol],
            # an estimate that does not exist stays out of the pie rather than reading as 0
            [s.first_order for s in report.sobol],
            [s.total for s in report.sobol],
            kind="pie",
            title=_("First-order shares"),
        )
    return options


def chart_data(report: IndexReport) -> dict[str, Any]:
    """The series of every chart on the page (JSON for ECharts)."""
    definition = report.definition
    target = None if definition.target_value is None else float(definition.target_value)
    trend_years = [y for y, _s, _syn in report.trend]
    path: list[list[float]] = []
    first = next(((y, s) for y, s, _syn in report.trend if s is not None), None)
    if (
        first
        and target is not None
        and definition.target_year
        and first[0] < definition.target_year
    ):
        path = [[first[0], first[1]], [definition.target_year, target]]
    by_rank = [r for r in report.rows if r.score is not None]
    return {
        "synthetic": report.synthetic,
        "label": synthetic_label(),
        "texts": chart_texts(definition),
        "regions": [r.region.name for r in by_rank],
        "scores": [r.score for r in by_rank],
        "blocks": [name for _c, name in report.blocks],
        "radar": [
            {"name": r.region.name, "value": [s if s is not None else 0 for s, _ in r.blocks]}
            for r in report.rows
        ],
        "trend": {
            "years": trend_years,
            "scores": [[y, s] for y, s, _syn in report.trend],
            "path": path,
            "target": target,
            "target_year": definition.target_year,
            "reported": None
            if definition.reported_value is None
            else float(definition.reported_value),
        },
        "gap": {
            "names": [c.indicator_name for c in report.contributions],
            "gains": [rounded(c.gain) for c in report.contributions],
            "cumulative": [rounded(c.cumulative) for c in report.contributions],
            "now": report.focus_row.score if report.focus_row else None,
        },
        "bands": {
            "regions": [b.region.name for b in report.bands],
            "box": [
                [b.rank_lo, b.rank_lo, b.median_rank, b.rank_hi, b.rank_hi] for b in report.bands
            ],
            "nominal": [b.nominal_rank for b in report.bands],
        },
        "options": coinr_charts(report),
        "sobol": {
            "factors": [s.factor for s in report.sobol],
            "first": [rounded(s.first_order, 3) for s in report.sobol],
            "total": [rounded(s.total, 3) for s in report.sobol],
        },
    }


def report_sheets(report: IndexReport) -> list[Sheet]:
    """Scores and ranks, gap contributions, rank bands and Sobol indices, as on the page."""
    notes = (
        [_("Synthetic data: generated for the demonstration, not statistics")]
        if report.synthetic
        else []
    )
    run = report.run
    if run is not None:
        year, version, digest = (
            _("Year"),
            _("framework version"),
            pgettext("indices", "input data hash"),
        )
        notes.append(
            f"{year} {run.year} · {version} {run.framework_version} · {digest} {run.data_hash[:12]}"
        )
    header = [_("Region"), _("Index"), pgettext("indices", "Rank")]
    for _code, name in report.blocks:
        header += [name, _("%(block)s rank") % {"block": name}]
    rows = []
    for r in report.rows:
        cells: list[Any] = [r.region.name, r.score, r.rank]
        for block_score, block_rank in r.blocks:
            cells += [block_score, block_rank]
        rows.append(cells)
    sheets = [Sheet(_("Scores and ranks"), header, rows, notes=notes)]
    region = report.gap_region.name if report.gap_region else ""
    sheets.append(
        Sheet(
            _("Gap contributions"),
            [
                _("Order"),
                _("Indicator"),
                _("Value"),
                _("Standard value"),
                _("Score"),
                _("Effective weight"),
                _("Points gained"),
                _("Index if lifted together"),
            ],
            [
                [
                    c.order,
                    c.indicator_name,
                    rounded(c.value, 4),
                    rounded(c.reference, 4),
                    rounded(c.score),
                    rounded(c.effective_weight, 4),
                    rounded(c.gain),
                    rounded(c.cumulative),
                ]
                for c in report.contributions
            ],
            notes=[*notes, _("Region") + f": {region}"],
        )
    )
    sheets.append(
        Sheet(
            _("Rank bands"),
            [
                _("Region"),
                _("Nominal rank"),
                _("Median rank"),
                _("5th percentile"),
                _("95th percentile"),
            ],
            [
                [b.region.name, b.nominal_rank, b.median_rank, b.rank_lo, b.rank_hi]
                for b in report.bands
            ],
            notes=notes,
        )
    )
    sheets.append(
        Sheet(
            _("Sobol indices"),
            [_("Uncertain choice"), _("First-order index S"), _("Total index ST")],
            [[s.factor, rounded(s.first_order, 3), rounded(s.total, 3)] for s in report.sobol],
            notes=notes,
        )
    )
    return sheets
