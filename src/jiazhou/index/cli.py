"""``jiazhou index run|sensitivity|presets``: composite indices on files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework_file import load_framework_file, read_table
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.presets import PRESETS, preset_path
from jiazhou.index.sensitivity import UncertaintyAnalysis
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
        analysis = UncertaintyAnalysis(
            spec.pipeline, spec.factors, n=args.n, design=design, seed=args.seed
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
    sa.add_argument("-o", "--output", required=True, help="sensitivity workbook (.xlsx)")
    sa.set_defaults(handler=_sensitivity)

    presets = sub.add_parser("presets", help="list the preset frameworks")
    presets.set_defaults(handler=_presets)
