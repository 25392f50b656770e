"""``jiazhou score``, ``jiazhou schemes`` and ``jiazhou template``: the engine on files."""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
from tqdm import tqdm

from jiazhou.schemes.engine import list_schemes, load_scheme, score_many
from jiazhou.schemes.files import write_results, write_template
from jiazhou.schemes.model import SchemeError
from jiazhou.schemes.sqlgen import UNIT_STATES
from jiazhou.validation import InvalidInput, Problem, validate_events_file, validate_file

LARGE = 20_000  # rows from which a progress bar is shown


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        print(p.message())


def _score(args: argparse.Namespace) -> int:
    if args.engine != "polars":
        return _score_sql(args)
    try:
        schemes = [load_scheme(code) for code in args.scheme]
        checked = validate_file(args.input, money_unit=args.money_unit)
        _print_problems(checked.problems)
        if checked.frame is None or checked.errors:
            raise InvalidInput(checked.problems)
        df = checked.frame
        events = None
        if args.incidents:
            ev = validate_events_file(args.incidents)
            _print_problems(ev.problems)
            if ev.frame is None or ev.errors:
                raise InvalidInput(ev.problems)
            events = ev.frame
        steps = tqdm(total=len(schemes) + 1, unit="step", disable=None, desc="jiazhou score")
        steps.disable = df.height < LARGE or steps.disable
        results = []
        for scheme in schemes:
            steps.set_postfix_str(scheme.code)
            results.extend(score_many(df, [scheme], args.year, events=events))
            steps.update(1)
        written = write_results(results, args.output)
        steps.update(1)
        steps.close()
    except InvalidInput as exc:
        errors = len([p for p in exc.problems if p.severity == "error"])
        print(f"错误 / error: {errors} 处错误，未评价任何数据 / {errors} error(s), nothing scored")
        return 2
    except (SchemeError, ValueError, OSError) as exc:
        print(f"错误 / error: {exc}")
        return 2
    for r in results:
        counts = r.summary["status"].value_counts().sort("status").rows()
        print(
            f"{r.scheme_code} {r.scheme_version}: "
            + ", ".join(f"{status} {n}" for status, n in counts)
        )
        for warning in r.warnings():
            print(f"提示 / warning: {warning}")
    print("→ " + ", ".join(str(p) for p in written))
    return 0


def _score_sql(args: argparse.Namespace) -> int:
    """``--engine duckdb|spark``: the schemes' generated SQL on Parquet in, Parquet out.

    Writes ``OUTPUT/<code>.parquet`` per scheme (a file from DuckDB, a directory of part files
    from Spark). A local panel is prepared in Polars first; a URI (``s3a://…``) goes to Spark
    as it is and must hold prepared units (docs/adr/0026-spark-scale-out.md).
    """
    from jiazhou import spark as js  # pyspark and duckdb are optional

    remote = "://" in args.input
    if not remote and not args.input.endswith(".parquet"):
        print("错误 / error: --engine duckdb|spark 读取 Parquet / reads a .parquet file")
        return 2
    if remote and args.engine != "spark":
        print("错误 / error: 仅 Spark 读取 URI / only --engine spark reads a URI")
        return 2
    if args.incidents:
        print("错误 / error: --incidents 仅用于 --engine polars / only with --engine polars")
        return 2
    try:
        schemes = [load_scheme(code) for code in args.scheme]
        units = None if remote else js.prepare(pl.read_parquet(args.input), schemes, args.year)
        out = args.output.rstrip("/")
        if args.engine == "duckdb":
            Path(out).mkdir(parents=True, exist_ok=True)
            for s in schemes:
                assert units is not None
                result = js.duckdb_score(units[s.code], s)
                result.write_parquet(f"{out}/{s.code}.parquet")
                _print_counts(s.code, s.version, result["status"].to_list())
        else:
            spark = js.session(args.master)
            for s in schemes:
                if units is None:
                    frame = spark.read.parquet(args.input)
                    if args.year is not None:
                        frame = frame.where(f"eval_year = {int(args.year)}")
                else:
                    frame = spark.createDataFrame(units[s.code].to_arrow())
                scored = js.spark_score(spark, frame, s)
                scored.write.mode("overwrite").parquet(f"{out}/{s.code}.parquet")
                counts = spark.read.parquet(f"{out}/{s.code}.parquet").groupBy("status").count()
                _print_counts(s.code, s.version, [], dict(counts.collect()))
    except ImportError as exc:
        print(f"错误 / error: {exc} (pip install -e '.[spark]' / duckdb)")
        return 2
    except (SchemeError, ValueError, OSError) as exc:
        print(f"错误 / error: {exc}")
        return 2
    print(f"→ {out}")
    return 0


def _print_counts(
    code: str, version: str, statuses: list[int], counted: dict[int, int] | None = None
) -> None:
    """``code version: pass n, review n, …`` from status codes (see :data:`UNIT_STATES`)."""
    n = counted if counted is not None else Counter(statuses)
    print(
        f"{code} {version}: "
        + ", ".join(f"{s} {n[k]}" for k, s in enumerate(UNIT_STATES) if n.get(k))
    )


def _check(args: argparse.Namespace) -> int:
    """Validate a data file without scoring: every problem, then a one-line verdict."""
    checked = validate_file(args.input, money_unit=args.money_unit)
    _print_problems(checked.problems)
    if checked.frame is None or checked.errors:
        n = len(checked.errors)
        print(f"错误 / error: {n} 处错误 / {n} error(s)")
        return 2
    firms = checked.frame["uscc"].n_unique()
    print(
        f"通过 / ok: {checked.frame.height} 行，{firms} 个企业 / {checked.frame.height} rows, "
        f"{firms} enterprises"
    )
    return 0


def _schemes(args: argparse.Namespace) -> int:
    on = dt.date.fromisoformat(args.on) if args.on else None
    rows: list[tuple[Any, ...]] = [
        (
            s.code,
            s.version,
            str(s.effective_from),
            str(s.effective_to or "—"),
            s.title_zh,
            s.document,
        )
        for s in list_schemes(on)
    ]
    head = ("code", "version", "from", "to", "title", "document")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(4)]
    for r in [head, *rows]:
        print(
            "  ".join(str(v).ljust(w) for v, w in zip(r[:4], widths, strict=True))
            + f"  {r[4]}  {r[5]}"
        )
    return 0


def _template(args: argparse.Namespace) -> int:
    print(f"→ {write_template(args.output)}")
    return 0


def register(subparsers: Any) -> None:
    """Add the scoring sub-commands to the ``jiazhou`` parser."""
    p = subparsers.add_parser(
        "score",
        help="按方案评价企业 / score enterprises against schemes",
        description="Score a CSV/XLSX/Parquet enterprise panel against one or more schemes.",
    )
    p.add_argument("input", help="enterprise data: one row per uscc and fiscal_year")
    p.add_argument(
        "--scheme",
        action="append",
        required=True,
        help="scheme code from `jiazhou schemes` or a scheme file (repeatable)",
    )
    p.add_argument("-o", "--output", required=True, help="results file (.xlsx, .csv, .parquet)")
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help="evaluation (application) year Y; default: every year after the data",
    )
    p.add_argument(
        "--money-unit",
        choices=("元", "万元"),
        default="元",
        help="金额单位（无单位后缀的金额）/ unit of plain money amounts (default 元)",
    )
    p.add_argument(
        "--incidents",
        help="带日期的事件表 / dated incidents: CSV/XLSX with uscc, date, kind",
    )
    p.add_argument(
        "--engine",
        choices=("polars", "duckdb", "spark"),
        default="polars",
        help="polars (default); duckdb or spark run the generated SQL, Parquet in and out "
        "(-o is then a directory; spark also reads s3a:// URIs of prepared units)",
    )
    p.add_argument(
        "--master",
        default="local[2]",
        help="Spark master with --engine spark (default local[2]; e.g. spark://host:7077, yarn)",
    )
    p.set_defaults(handler=_score)
    c = subparsers.add_parser("check", help="检查数据文件 / validate a data file (no scoring)")
    c.add_argument("input", help="enterprise data: one row per uscc and fiscal_year")
    c.add_argument("--money-unit", choices=("元", "万元"), default="元")
    c.set_defaults(handler=_check)
    s = subparsers.add_parser("schemes", help="列出方案库 / list the scheme library")
    s.add_argument("--on", help="only schemes in force on this date (YYYY-MM-DD)")
    s.set_defaults(handler=_schemes)
    t = subparsers.add_parser("template", help="生成数据模板 / write the data template workbook")
    t.add_argument("-o", "--output", required=True, help="template file (.xlsx)")
    t.set_defaults(handler=_template)
