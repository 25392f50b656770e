"""``jiazhou score``, ``jiazhou schemes`` and ``jiazhou template``: the engine on files."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tqdm import tqdm

from jiazhou.schemes.engine import list_schemes, load_scheme, score_many
from jiazhou.schemes.files import write_results, write_template
from jiazhou.schemes.model import SchemeError
from jiazhou.validation import InvalidInput, Problem, validate_events_file, validate_file

LARGE = 20_000  # rows from which a progress bar is shown


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        print(p.message())


def _score(args: argparse.Namespace) -> int:
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
