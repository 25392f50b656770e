"""``jiazhou index run|sensitivity|presets|stats|corr|unit|groupranks|remove|trends|compare|
import-coinr|plot``: composite indices on files (COINr's analysis functions as commands)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import polars as pl

from jiazhou.index import chart_render, plots
from jiazhou.index.adjust import remove_elements
from jiazhou.index.coinr_workbook import import_coinr_workbook
from jiazhou.index.correlation import correlation_matrix
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework_file import FrameworkFile, load_framework_file, read_table
from jiazhou.index.panel import impute_panel, trends
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.presets import PRESETS, preset_path
from jiazhou.index.results import compare, group_ranks, strengths_weaknesses, unit_summary
from jiazhou.index.sensitivity import UncertaintyAnalysis
from jiazhou.index.statistics import indicator_stats
from jiazhou.index.workbook import pipeline_tables, sensitivity_tables, write_workbook

__all__ = ["register"]


def _framework_path(value: str) -> Path:
    return (
        preset_path(value.removeprefix("preset:")) if value.startswith("preset:") else Path(value)
    )


def _run(args: argparse.Namespace) -> int:
    try:
        spec = load_framework_file(_framework_path(args.framework))
        data = read_table(Path(args.data))
        pipeline = Pipeline(spec.pipeline.steps).fit(data, spec.framework)
        write_workbook(pipeline_tables(pipeline), Path(args.output))
    except IndexInputError as exc:
        print(f"错误 error: {exc}")
        return 2
    top = pipeline.results().head(args.show)
    print(top.select("uCode", "Rank", spec.framework.root))
    print(f"已写入 written: {args.output}")
    return 0


def _sensitivity(args: argparse.Namespace) -> int:
    try:
        spec = load_framework_file(_framework_path(args.framework))
        if not spec.factors:
            raise IndexInputError(
                "框架文件未声明 [[sensitivity.factor]]",
                "the framework file declares no [[sensitivity.factor]]",
            )
        data = read_table(Path(args.data))
        design: Any = args.design
        sample = None if args.sample is None else read_table(Path(args.sample))
        analysis = UncertaintyAnalysis(
            spec.pipeline, spec.factors, n=args.n, design=design, seed=args.seed, sample=sample
        ).fit(data, spec.framework)
        write_workbook(sensitivity_tables(analysis, n_boot=args.boot), Path(args.output))
    except IndexInputError as exc:
        print(f"错误 error: {exc}")
        return 2
    print(f"{analysis.scores_.shape[0]} 次运行 runs; 已写入 written: {args.output}")
    return 0


def _presets(args: argparse.Namespace) -> int:
    for name, title in PRESETS.items():
        print(f"preset:{name}\t{title}\t{preset_path(name)}")
    return 0


def _build(args: argparse.Namespace) -> tuple[FrameworkFile, pl.DataFrame, Pipeline]:
    spec = load_framework_file(_framework_path(args.framework))
    data = read_table(Path(args.data))
    return spec, data, Pipeline(spec.pipeline.steps).fit(data, spec.framework)


def _write(
    frame: pl.DataFrame, output: str | None, sheets: dict[str, pl.DataFrame] | None = None
) -> None:
    """Print the table; with ``-o`` also write it (.csv, or .xlsx with every sheet)."""
    with pl.Config(tbl_rows=60, tbl_cols=20, fmt_str_lengths=40):
        print(frame)
    if output:
        path = Path(output)
        if path.suffix.lower() == ".xlsx":
            write_workbook(sheets or {"Table": frame}, path)
        else:
            frame.write_csv(path)
        print(f"已写入 written: {path}")


def _guarded(handler: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(handler(args))
        except IndexInputError as exc:
            print(f"错误 error: {exc}")
            return 2

    return run


def _stats(args: argparse.Namespace) -> int:
    _spec, _data, p = _build(args)
    if args.dset not in p.datasets_:
        raise IndexInputError(f"没有数据集「{args.dset}」", f"no data set '{args.dset}'")
    _write(indicator_stats(p.datasets_[args.dset], nsignif=args.signif), args.output)
    return 0


def _corr(args: argparse.Namespace) -> int:
    _spec, _data, p = _build(args)
    fw = p.framework_
    data = p.datasets_[args.dset]
    codes = [c for c in fw.levels[args.level] if c in data.codes]
    r, pv = correlation_matrix(data.take(codes), method=args.method)
    masked = pl.DataFrame({"iCode": codes} | {c: r[:, j] for j, c in enumerate(codes)})
    pvals = pl.DataFrame({"iCode": codes} | {c: pv[:, j] for j, c in enumerate(codes)})
    if args.pval > 0:
        masked = masked.with_columns(
            pl.when(pvals[c] > args.pval).then(None).otherwise(pl.col(c)).alias(c) for c in codes
        )
    _write(masked, args.output, {"Correlation": masked, "PValue": pvals})
    return 0


def _unit(args: argparse.Namespace) -> int:
    _spec, _data, p = _build(args)
    summary = unit_summary(p, args.unit)
    strong, weak = strengths_weaknesses(p, args.unit, top_n=args.top, bottom_n=args.top)
    print("强项 Strengths")
    _write(strong, None)
    print("弱项 Weaknesses")
    _write(weak, None)
    _write(summary, args.output, {"Summary": summary, "Strengths": strong, "Weaknesses": weak})
    return 0


def _groupranks(args: argparse.Namespace) -> int:
    _spec, _data, p = _build(args)
    _write(group_ranks(p, args.group, args.level), args.output)
    return 0


def _remove(args: argparse.Namespace) -> int:
    _spec, _data, p = _build(args)
    out = remove_elements(p, args.level)
    _write(out.filter(pl.col("uCode").is_null()).select("removed", "rank_change"), None)
    _write(out, args.output) if args.output else None
    return 0


def _trends(args: argparse.Namespace) -> int:
    spec = load_framework_file(_framework_path(args.framework))
    data = read_table(Path(args.data))
    if args.impute:
        data, _years = impute_panel(data, method=args.impute)
    _write(trends(data, spec.framework, f_trend=args.f, use_latest=args.latest), args.output)
    return 0


def _compare(args: argparse.Namespace) -> int:
    data = read_table(Path(args.data))
    fitted = []
    for name in (args.framework, args.other):
        spec = load_framework_file(_framework_path(name))
        fitted.append(Pipeline(spec.pipeline.steps).fit(data, spec.framework))
    _write(compare(fitted[0], fitted[1], by=args.by), args.output)
    return 0


def _plot(args: argparse.Namespace) -> int:
    spec, data, p = _build(args)
    analysis = None
    if args.kind in ("bands", "sensitivity"):
        if not spec.factors:
            raise IndexInputError(
                "框架文件未声明 [[sensitivity.factor]]",
                "the framework file declares no [[sensitivity.factor]]",
            )
        design: Any = "saltelli" if args.kind == "sensitivity" else "monte_carlo"
        analysis = UncertaintyAnalysis(spec.pipeline, spec.factors, n=args.n, design=design)
        analysis.fit(data, spec.framework)
    option = plots.pipeline_chart(
        args.kind, p, code=args.code, code2=args.code2, unit=args.unit, level=args.level,
        dset=args.dset, group=args.group, analysis=analysis,
    )  # fmt: skip
    out = Path(args.output)
    if out.suffix.lower() == ".png":
        chart_render.render_png(option, out)
    elif out.suffix.lower() in (".html", ".htm"):
        chart_render.render_html(option, out, title=args.kind)
    else:
        raise IndexInputError("输出须为 .png 或 .html", "the output must be .png or .html")
    print(f"已写入 written: {out}")
    return 0


def _import_coinr(args: argparse.Namespace) -> int:
    framework, data, meta = import_coinr_workbook(Path(args.workbook))
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta.write_csv(out / "iMeta.csv")
    data.write_csv(out / "iData.csv")
    for name, weights in framework.weight_sets.items():
        pl.DataFrame({"iCode": list(weights), "Weight": list(weights.values())}).write_csv(
            out / f"weights_{name}.csv"
        )
    print(
        f"{len(framework.indicators)} 个指标、{data.height} 个单位 indicators/units; "
        f"已写入 written: {out}/iMeta.csv, iData.csv"
    )
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("framework", help="framework .toml, COINr iMeta .csv, or preset:NAME")
    parser.add_argument("data", help="units × indicators table (COINr iData)")


def register(subparsers: Any) -> None:
    """Add ``index`` and its sub-commands to the ``jiazhou`` parser."""
    parser = subparsers.add_parser("index", help="综合指数 composite indices (COINr-complete)")
    sub = parser.add_subparsers(dest="index_command", required=True)

    run = sub.add_parser("run", help="build the index and write the results workbook")
    run.add_argument("framework", help="framework .toml, COINr iMeta .csv, or preset:NAME")
    run.add_argument("data", help="units × indicators table (COINr iData): .csv/.xlsx/.parquet")
    run.add_argument("-o", "--output", required=True, help="results workbook (.xlsx)")
    run.add_argument("--show", type=int, default=10, help="rows of the ranking to print")
    run.set_defaults(handler=_run)

    sa = sub.add_parser("sensitivity", help="uncertainty and Sobol sensitivity analysis")
    sa.add_argument("framework", help="framework .toml with [[sensitivity.factor]], or preset:NAME")
    sa.add_argument("data", help="units × indicators table (COINr iData)")
    sa.add_argument("--n", type=int, default=500, help="base sample size N (runs = N(d+2))")
    sa.add_argument("--design", choices=("saltelli", "monte_carlo"), default="saltelli")
    sa.add_argument("--boot", type=int, default=200, help="bootstrap replicates for the bands")
    sa.add_argument("--seed", type=int, default=0)
    sa.add_argument(
        "--sample",
        help="user-given sample: one row per run, a column per factor (option number or value)",
    )
    sa.add_argument("-o", "--output", required=True, help="sensitivity workbook (.xlsx)")
    sa.set_defaults(handler=_sensitivity)

    presets = sub.add_parser("presets", help="list the preset frameworks")
    presets.set_defaults(handler=_presets)

    stats = sub.add_parser("stats", help="indicator statistics and flags (COINr get_stats)")
    _common(stats)
    stats.add_argument("--dset", default="Raw", help="data set: Raw, Treated, Normalised, …")
    stats.add_argument("--signif", type=int, default=3, help="significant figures (COINr: 3)")
    stats.add_argument("-o", "--output", help="table file (.csv or .xlsx)")
    stats.set_defaults(handler=_guarded(_stats))

    corr = sub.add_parser("corr", help="correlation matrix with p-values (COINr get_corr)")
    _common(corr)
    corr.add_argument("--dset", default="Aggregated")
    corr.add_argument("--level", type=int, default=1)
    corr.add_argument("--method", choices=("pearson", "spearman", "kendall"), default="pearson")
    corr.add_argument("--pval", type=float, default=0.05, help="blank correlations with p > this")
    corr.add_argument("-o", "--output", help=".xlsx: correlations and p-values; .csv: masked")
    corr.set_defaults(handler=_guarded(_corr))

    unit = sub.add_parser("unit", help="one unit: summary, strengths and weaknesses")
    _common(unit)
    unit.add_argument("unit", help="unit code (uCode)")
    unit.add_argument("--top", type=int, default=5)
    unit.add_argument("-o", "--output")
    unit.set_defaults(handler=_guarded(_unit))

    grp = sub.add_parser("groupranks", help="ranks within unit groups")
    _common(grp)
    grp.add_argument("group", help="a Group column of iData")
    grp.add_argument("--level", type=int, default=None)
    grp.add_argument("-o", "--output")
    grp.set_defaults(handler=_guarded(_groupranks))

    rem = sub.add_parser("remove", help="effect of removing each element (COINr remove_elements)")
    _common(rem)
    rem.add_argument("--level", type=int, default=1)
    rem.add_argument("-o", "--output")
    rem.set_defaults(handler=_guarded(_remove))

    tr = sub.add_parser("trends", help="time trends of panel data (COINr get_trends)")
    _common(tr)
    tr.add_argument("--f", choices=("CAGR", "prc_change"), default="CAGR")
    tr.add_argument("--latest", type=int, default=None, help="use only the latest n points")
    tr.add_argument("--impute", choices=("latest", "linear", "linear-constant"), default=None)
    tr.add_argument("-o", "--output")
    tr.set_defaults(handler=_guarded(_trends))

    cmp_ = sub.add_parser("compare", help="compare two versions of an index (COINr compare_coins)")
    cmp_.add_argument("framework", help="first framework")
    cmp_.add_argument("other", help="second framework")
    cmp_.add_argument("data")
    cmp_.add_argument("--by", choices=("ranks", "scores"), default="ranks")
    cmp_.add_argument("-o", "--output")
    cmp_.set_defaults(handler=_guarded(_compare))

    imp = sub.add_parser("import-coinr", help="COINr export_to_excel workbook → iMeta/iData CSV")
    imp.add_argument("workbook", help="the .xlsx written by COINr's export_to_excel(coin)")
    imp.add_argument("--out-dir", required=True, help="folder for iMeta.csv, iData.csv, weights")
    imp.set_defaults(handler=_guarded(_import_coinr))

    plot = sub.add_parser("plot", help="COINr's plots as PNG or self-contained HTML (ECharts)")
    _common(plot)
    plot.add_argument("--kind", choices=plots.KINDS, default="bar")
    plot.add_argument("--code", help="indicator/aggregate code (default: the index)")
    plot.add_argument("--code2", help="second code for scatter")
    plot.add_argument("--unit", help="unit to highlight (dot)")
    plot.add_argument("--level", type=int, default=1, help="level for corr")
    plot.add_argument("--dset", default="Aggregated")
    plot.add_argument("--group", help="group column for scatter colours")
    plot.add_argument("--n", type=int, default=64, help="runs for bands/sensitivity")
    plot.add_argument("-o", "--output", required=True, help="chart file (.png or .html)")
    plot.set_defaults(handler=_guarded(_plot))
