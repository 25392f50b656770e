"""Enterprise data files in and result files out (CSV, XLSX, Parquet), typed by the field catalogue.

Input: one row per enterprise and fiscal year (``uscc``, ``fiscal_year`` and the codes of
``jiazhou/fields.toml``; identity fields may repeat on every row). Booleans accept 是/否,
true/false, 1/0, y/n; dates accept ISO strings or spreadsheet dates.

Output: an XLSX workbook with a summary sheet (one row per unit and scheme), one sheet per scheme
(every gate and item: status, value, requirement, gap, points) and a criteria sheet (labels and
citations); CSV or Parquet output writes the summary and a sibling ``*.details.*`` long table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl
import xlsxwriter

from jiazhou.fields import FieldSpec, load_fields
from jiazhou.schemes.engine import SUMMARY, ScoreResult
from jiazhou.schemes.sqlgen import CRITERION_STATES

TRUE_WORDS = ("是", "true", "1", "y", "yes", "t", "1.0")
FALSE_WORDS = ("否", "false", "0", "n", "no", "f", "0.0")


def _coerce(col: pl.Expr, spec: FieldSpec, dtype: pl.DataType) -> pl.Expr:
    if spec.unit == "bool":
        if dtype == pl.Boolean:
            return col
        text = col.cast(pl.String).str.strip_chars().str.to_lowercase()
        return (
            pl.when(text.is_in(TRUE_WORDS))
            .then(True)
            .when(text.is_in(FALSE_WORDS))
            .then(False)
            .otherwise(None)
        )
    if spec.unit == "date":
        if dtype == pl.Date:
            return col
        if dtype == pl.Datetime:
            return col.cast(pl.Date)
        return col.cast(pl.String).str.slice(0, 10).str.to_date(strict=False)
    if spec.unit in ("code", "text"):
        if dtype.is_float():  # spreadsheets turn codes such as 511102 into 511102.0
            return col.cast(pl.Int64).cast(pl.String)
        return col.cast(pl.String)
    return col.cast(pl.Float64, strict=False)


def read_table(path: str | Path) -> pl.DataFrame:
    """Read CSV, XLSX or Parquet enterprise data and type each catalogue column."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        df = pl.read_csv(p, infer_schema_length=10_000, schema_overrides={"uscc": pl.String})
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        df = pl.read_excel(p, sheet_id=1)
    elif suffix == ".parquet":
        df = pl.read_parquet(p)
    else:
        raise ValueError(
            f"{p}: 不支持的文件类型 / unsupported file type {suffix} (CSV, XLSX, Parquet)"
        )
    specs = {f.code: f for f in load_fields()}
    exprs = [_coerce(pl.col(c), specs[c], df.schema[c]).alias(c) for c in df.columns if c in specs]
    if "fiscal_year" in df.columns:
        exprs.append(pl.col("fiscal_year").cast(pl.Int32))
    return df.with_columns(exprs)


def _sheet_name(code: str, used: set[str]) -> str:
    name = code[:31]
    n = 2
    while name in used:
        name = f"{code[:28]}~{n}"
        n += 1
    used.add(name)
    return name


def summary_table(results: Sequence[ScoreResult]) -> pl.DataFrame:
    """Summaries of several schemes stacked: one row per unit and scheme."""
    parts = [
        r.summary.with_columns(
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


def write_results(results: Sequence[ScoreResult], path: str | Path) -> list[Path]:
    """Write results to ``path`` (XLSX, CSV or Parquet); returns the files written."""
    p = Path(path)
    suffix = p.suffix.lower()
    summary = summary_table(results)
    if suffix == ".xlsx":
        with xlsxwriter.Workbook(p) as wb:
            used: set[str] = set()
            summary.write_excel(wb, worksheet=_sheet_name("summary", used), autofit=True)
            for r in results:
                _scheme_sheet(r).write_excel(wb, worksheet=_sheet_name(r.scheme_code, used))
            criteria = pl.concat(
                [r.criteria().with_columns(pl.lit(r.scheme_code).alias("scheme")) for r in results],
                how="diagonal_relaxed",
            )
            criteria.write_excel(wb, worksheet=_sheet_name("criteria", used))
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
    if suffix == ".csv":
        summary.write_csv(p)
        details.write_csv(side)
    elif suffix == ".parquet":
        summary.write_parquet(p)
        details.write_parquet(side)
    else:
        raise ValueError(f"{p}: 不支持的输出类型 / unsupported output type {suffix}")
    return [p, side]


def write_template(path: str | Path) -> Path:
    """An XLSX template: a ``data`` sheet with every column and a ``fields`` sheet documenting them."""
    p = Path(path)
    specs = load_fields()
    period = {"identity": "企业属性 / per enterprise", "annual": "会计年度 / per fiscal year"}
    with xlsxwriter.Workbook(p) as wb:
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        data = wb.add_worksheet("data")
        columns = [("uscc", "统一社会信用代码"), ("fiscal_year", "会计年度")]
        columns += [(f.code, f.name_zh) for f in specs if f.code != "uscc"]
        for j, (code, zh) in enumerate(columns):
            data.write(0, j, code, head)
            data.write_comment(0, j, zh)
            data.set_column(j, j, max(12, len(code) + 2))
        data.freeze_panes(1, 2)
        doc = wb.add_worksheet("fields")
        titles = ["code", "名称", "name", "单位 / unit", "期间 / period", "criteria.md"]
        for j, t in enumerate(titles):
            doc.write(0, j, t, head)
        rows = [("fiscal_year", "会计年度", "Fiscal year", "year", period["annual"], "0.3")]
        rows += [(f.code, f.name_zh, f.name_en, f.unit, period[f.scope], f.section) for f in specs]
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row):
                doc.write(i, j, v)
        doc.set_column(0, 0, 28)
        doc.set_column(1, 2, 48)
        doc.set_column(3, 5, 16)
        notes = wb.add_worksheet("说明")
        for i, line in enumerate(
            (
                "每行一个企业一个会计年度；企业属性列可在每行重复。金额单位：元；比例：小数（5% 填 0.05）。",
                "One row per enterprise and fiscal year; identity columns may repeat. Money in yuan; "
                "ratios as decimals (5 % → 0.05).",
                "布尔列填 是/否 / Boolean columns: 是/否 or true/false. 日期 / dates: YYYY-MM-DD.",
                "评价年度 Y 使用 Y-1、Y-2、Y-3 会计年度数据 / evaluation year Y reads fiscal years Y-1..Y-4.",
            )
        ):
            notes.write(i, 0, line)
    return p
