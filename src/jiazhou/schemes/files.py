"""Enterprise data files in and result files out (CSV, XLSX, Parquet), typed by the field catalogue.

Input: one row per enterprise and fiscal year (``uscc``, ``fiscal_year`` and the codes of
``jiazhou/fields.toml`` or their Chinese labels; identity fields may repeat on every row), read
and checked by :mod:`jiazhou.validation` (every problem named by row and column).

Output: an XLSX workbook with a summary sheet (one row per unit and scheme), one sheet per scheme
(every gate and item: status, value, requirement, gap, points) and a criteria sheet (labels and
citations); CSV or Parquet output writes the summary and a sibling ``*.details.*`` long table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from jiazhou import export_writer
from jiazhou.fields import load_fields
from jiazhou.schemes.engine import APPLICATION, SUMMARY, ScoreResult
from jiazhou.schemes.sqlgen import CRITERION_STATES
from jiazhou.validation import InvalidInput, Problem, validate_file


def read_table(
    path: str | Path, *, money_unit: str = "元", today: dt.date | None = None
) -> pl.DataFrame:
    """Read and validate a CSV, XLSX or Parquet enterprise table (:mod:`jiazhou.validation`).

    Raises :class:`~jiazhou.validation.InvalidInput` naming every problem when there is any
    error; warnings are kept on the returned frame's ``read_table.warnings`` attribute-free
    companion :func:`read_table_checked`.
    """
    return read_table_checked(path, money_unit=money_unit, today=today)[0]


def read_table_checked(
    path: str | Path, *, money_unit: str = "元", today: dt.date | None = None
) -> tuple[pl.DataFrame, list[Problem]]:
    """The typed frame and the warnings, or :class:`InvalidInput` with every problem."""
    checked = validate_file(path, money_unit=money_unit, today=today)
    if checked.frame is None or checked.errors:
        raise InvalidInput(checked.problems)
    return checked.frame, checked.warnings


def summary_table(results: Sequence[ScoreResult]) -> pl.DataFrame:
    """Summaries of several schemes stacked: one row per unit and scheme."""
    parts = [
        r.wide.select(*r.keys, *SUMMARY, *APPLICATION).with_columns(
            pl.lit(r.scheme_code).alias("scheme"),
            pl.lit(r.scheme_version).alias("scheme_version"),
            pl.col("status").cast(pl.String),
            pl.lit(r.data_hash).alias("data_hash"),
        )
        for r in results
    ]
    return pl.concat(parts, how="diagonal_relaxed") if parts else pl.DataFrame()


def _scheme_sheet(result: ScoreResult) -> pl.DataFrame:
    """The wide explanation of one scheme with statuses as text, summary columns first."""
    w = result.wide
    crit = [c for c in w.columns if "__" in c]
    fields = [f.name for f in result.scheme.fields]
    names = pl.lit(pl.Series(CRITERION_STATES))
    return w.select(*result.keys, *SUMMARY, *fields, *crit).with_columns(
        pl.col("status").cast(pl.String),
        *(names.gather(pl.col(c)).alias(c) for c in crit if c.endswith("__status")),
    )


def warnings_table(results: Sequence[ScoreResult]) -> pl.DataFrame:
    """Every result warning (validity dates, assumed application dates): scheme, message."""
    rows = [(r.scheme_code, w) for r in results for w in r.warnings()]
    return pl.DataFrame(rows, schema={"scheme": pl.String, "warning": pl.String}, orient="row")


def write_results(results: Sequence[ScoreResult], path: str | Path) -> list[Path]:
    """Write results to ``path`` (XLSX, CSV or Parquet); returns the files written.

    XLSX and CSV go through :mod:`jiazhou.export_writer` (formula neutralisation: a firm named
    ``=1+2`` stays text). XLSX holds the summary, one sheet per scheme, the criteria and a
    ``warnings`` sheet; CSV writes the summary, ``*.details.csv`` and, when there are any,
    ``*.warnings.csv`` (UTF-8 with BOM so that Excel on Chinese Windows reads it).
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".parquet"):
        raise ValueError(f"{p}: 不支持的输出类型 / unsupported output type {suffix}")
    summary = summary_table(results)
    warnings = warnings_table(results)
    if suffix == ".xlsx":
        criteria = pl.concat(
            [r.criteria().with_columns(pl.lit(r.scheme_code).alias("scheme")) for r in results],
            how="diagonal_relaxed",
        )
        sheets = [export_writer.Sheet.from_frame("summary", summary)]
        sheets += [export_writer.Sheet.from_frame(r.scheme_code, _scheme_sheet(r)) for r in results]
        sheets.append(export_writer.Sheet.from_frame("criteria", criteria))
        sheets.append(export_writer.Sheet.from_frame("warnings", warnings))
        export_writer.write_xlsx(sheets, p)
        return [p]
    details = pl.concat(
        [
            r.details().with_columns(
                pl.lit(r.scheme_code).alias("scheme"), pl.col("status").cast(pl.String)
            )
            for r in results
        ],
        how="diagonal_relaxed",
    )
    side = p.with_name(f"{p.stem}.details{p.suffix}")
    written = [p, side]
    if suffix == ".csv":
        for frame, target in ((summary, p), (details, side)):
            _csv(frame, target)
        if warnings.height:
            notes = p.with_name(f"{p.stem}.warnings{p.suffix}")
            _csv(warnings, notes)
            written.append(notes)
    else:
        summary.write_parquet(p)
        details.write_parquet(side)
    return written


def _csv(frame: pl.DataFrame, target: Path) -> None:
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        export_writer.write_csv(frame.columns, frame.iter_rows(), out)


TEMPLATE_NOTES = (
    "每行一个企业一个会计年度；企业属性列可在每行重复。列名可用字段代码或中文名称（如「营业收入」）。",
    "One row per enterprise and fiscal year; identity columns may repeat. Headers: field codes "
    "or the Chinese labels.",
    "金额单位：元（可写 30,000,000、3000万、1.2亿；整表按万元填写时用 --money-unit 万元）；"
    "比例：小数或百分数（5% 填 0.05 或 5%）。",
    "Money in yuan (30,000,000, 3000万 and 1.2亿 are read; a whole file in 万元: --money-unit 万元); "
    "ratios as decimals or percentages.",
    "是否类填 是/否（或 有/无）；日期填 YYYY-MM-DD；会计年度填 2025 或 2025年。",
    "Yes/no columns: 是/否 or 有/无; dates YYYY-MM-DD; fiscal year 2025 or 2025年.",
    "申请日期（application_date）：本次申请（评价）的日期，填在上一会计年度（Y-1）那一行；不填按方案"
    "常规申报日（各方案 application_day，现均为评价年度 6月30日）计算，结果中注明“按默认日期”。",
    "application_date: the date of this application, on the row of fiscal year Y-1; blank → the "
    "scheme's usual filing day (application_day, 30 June of the evaluation year), stated in the "
    "results.",
    "重大事故等事件按发生日期判断（高企：申请前365天；科小：上一年及当年）：用 --incidents 事件表"
    "（统一社会信用代码、发生日期、事件类型），或填年度列 major_incident。",
    "Incidents are judged by date: give them with --incidents (uscc, date, kind) or the yearly "
    "major_incident column.",
    "评价年度 Y 使用 Y-1、Y-2、Y-3 会计年度数据 / evaluation year Y reads fiscal years Y-1..Y-4.",
)


def write_template(path: str | Path) -> Path:
    """An XLSX template: a ``data`` sheet with every column and a ``fields`` sheet documenting them."""
    p = Path(path)
    specs = load_fields()
    period = {"identity": "企业属性 / per enterprise", "annual": "会计年度 / per fiscal year"}
    columns = [("uscc", "统一社会信用代码"), ("fiscal_year", "会计年度")]
    columns += [(f.code, f.name_zh) for f in specs if f.code != "uscc"]
    rows = [("fiscal_year", "会计年度", "Fiscal year", "year", period["annual"], "0.3", "")]
    rows += [
        (
            f.code,
            f.name_zh,
            f.name_en,
            f.unit,
            period[f.scope],
            f.section,
            "选填 / optional" if f.optional else "",
        )
        for f in specs
    ]
    export_writer.write_xlsx(
        [
            export_writer.Sheet(
                "data",
                [code for code, _ in columns],
                [],
                comments=dict(columns),
                widths={j: max(12, len(code) + 2) for j, (code, _) in enumerate(columns)},
            ),
            export_writer.Sheet(
                "fields",
                ["code", "名称", "name", "单位 / unit", "期间 / period", "criteria.md", "选填"],
                rows,
                widths={0: 28, 1: 48, 2: 48},
            ),
            export_writer.Sheet("说明", ["说明 / notes"], [(line,) for line in TEMPLATE_NOTES]),
        ],
        p,
    )
    return p
