"""Mutation testing of the engine modules with cosmic-ray (ADR 0023), one module at a time.

    python mutation/run.py                       # every module of modules.toml
    python mutation/run.py src/jiazhou/uscc.py   # named modules
    python mutation/run.py --changed-since main  # modules changed since the merge base
    python mutation/run.py --budget 1200         # stop (and fail) after 20 minutes

The source and tests are copied to ``var/mutation/run-<pid>/tree`` and mutated there, so the
working tree is never touched (the directory is removed afterwards unless ``--keep``). Each mutant runs the module's own tests (``modules.toml``); it is
*killed* when they fail. Mutants listed in ``equivalent.toml`` (no test can tell them apart:
each entry gives the reason) are not counted. The kill rate per module is printed; the exit
status is 1 when a module is under the goal or the budget ran out.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cosmic_ray.mutating import mutate_code
from cosmic_ray.plugins import get_operator
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "mutation"
# One directory per run (copied tree and cosmic-ray sessions), so runs never share files.
WORK = ROOT / "var" / "mutation" / f"run-{os.getpid()}"
TREE = WORK / "tree"

# The mutations the engines' rules can be judged on: comparisons (<= → <), constants (± 1),
# arithmetic within its family (+ ↔ −, × ↔ ÷), dropped or negated conditions, True ↔ False,
# zero-iteration loops, break ↔ continue. Bit and shift operators, ** / // / %, and ``is``
# comparisons as replacements give mutants that only crash or fail type checks: not run.
_NOISE = tuple(
    f"_{op}" for op in ("BitAnd", "BitOr", "BitXor", "LShift", "RShift", "Pow", "FloorDiv", "Mod")
) + ("_Is", "_IsNot")
_SKIPPED_OPERATORS = ("core/VariableReplacer", "core/VariableInserter", "core/RemoveDecorator")


@dataclass
class Tally:
    module: str
    killed: int = 0
    survived: int = 0
    equivalent: int = 0
    pending: int = 0
    unsampled: int = 0
    baseline_failed: bool = False
    survivors: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.killed + self.survived

    @property
    def rate(self) -> float | None:
        return 100.0 * self.killed / self.counted if self.counted else None


def _noise(operator: str) -> bool:
    if operator.startswith(_SKIPPED_OPERATORS):
        return True
    if operator.startswith(("core/ReplaceBinaryOperator_", "core/ReplaceComparisonOperator_")):
        target = "_" + operator.rsplit("_", 1)[1]
        return target in _NOISE
    return False


_ANNOTATION = re.compile(r"^(async\s+)?def\s|^\)\s*->|^\w+(\.\w+)?\s*:\s*[^=]*\|")


def _annotation(operator: str, text: str) -> bool:
    """``X | None`` in a signature or variable annotation: with ``from __future__ import
    annotations`` annotations are never evaluated, so mutating their ``|`` is equivalent."""
    if operator.startswith("core/ReplaceBinaryOperator_") and text.startswith("def "):
        return True  # a signature: annotations (and the bare `*` of keyword-only arguments)
    return operator.startswith("core/ReplaceBinaryOperator_BitOr_") and bool(
        _ANNOTATION.match(text)
    )


def _config() -> tuple[float, list[tuple[Path, list[str]]]]:
    """(goal, [(module file relative to ROOT, its test paths)]) from modules.toml."""
    data = tomllib.loads((HERE / "modules.toml").read_text(encoding="utf-8"))
    modules = []
    for package in data["package"]:
        path = ROOT / package["path"]
        tests = [t for t in package["tests"] if (ROOT / t).exists()]
        if not path.exists() or not tests:
            continue  # an engine that has not landed yet
        files = [path] if path.is_file() else sorted(path.glob("*.py"))
        skip = set(package.get("skip", ()))
        own = package.get("tests_for", {})
        for file in files:
            if file.name not in skip:
                modules.append((file.relative_to(ROOT), own.get(file.name, tests)))
    return float(data["goal"]), modules


def _equivalents() -> dict[str, list[dict[str, str]]]:
    data = tomllib.loads((HERE / "equivalent.toml").read_text(encoding="utf-8"))
    by_module: dict[str, list[dict[str, str]]] = {}
    for entry in data.get("equivalent", []):
        if not entry.get("reason"):
            raise SystemExit(f"equivalent.toml: entry without a reason: {entry}")
        by_module.setdefault(entry["module"], []).append(entry)
    return by_module


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def _changed(ref: str) -> set[str]:
    """Files changed since the merge base with ``ref``; on ``ref`` itself (the merge base is
    HEAD) or without ``ref``, the files of the last commit or merge (against its first
    parent)."""
    try:
        base = _git("merge-base", "HEAD", ref)
    except subprocess.CalledProcessError:
        print(f"mutation: 找不到 {ref}，改为与上一提交比较 / no {ref}: comparing with HEAD~1")
        base = _git("rev-parse", "HEAD")
    if base == _git("rev-parse", "HEAD"):
        base = _git("rev-parse", "HEAD~1")
    return set(_git("diff", "--name-only", base).split())


def _copy_tree() -> None:
    # The whole of src: engine tests read data files kept by the web apps (monitoring/data).
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", "vendor")
    TREE.mkdir(parents=True)
    shutil.copytree(ROOT / "src", TREE / "src", ignore=ignore)
    shutil.copytree(ROOT / "tests", TREE / "tests", ignore=ignore)
    # The one front-end file an engine reads: index plots inline ECharts (`make assets`).
    echarts = Path("src/jiazhou_web/static/vendor/echarts")
    if (ROOT / echarts).is_dir():
        shutil.copytree(ROOT / echarts, TREE / echarts)
    shutil.copy(ROOT / "pyproject.toml", TREE / "pyproject.toml")


def _mutated_line(source: str, mutation: Any) -> str:
    """The mutant's source line (stripped): what a ``mutated`` entry of equivalent.toml names."""
    operator = get_operator(mutation.operator_name)(**(mutation.operator_args or {}))
    code = mutate_code(source, operator, mutation.occurrence)
    return "" if code is None else code.splitlines()[mutation.start_pos[0] - 1].strip()


def _listed(entry: dict[str, str], text: str, source: str, mutation: Any) -> bool:
    """Whether ``entry`` lists this mutant: its line and operator (a prefix), and — when the
    entry names it — the line as the mutant writes it, for a line where the same operator also
    makes mutants a test can tell apart."""
    if entry["line"].strip() != text or not mutation.operator_name.startswith(entry["operator"]):
        return False
    return "mutated" not in entry or entry["mutated"].strip() == _mutated_line(source, mutation)


def _mark(
    db: WorkDB, module: Path, equivalents: list[dict[str, str]], sample: int | None
) -> tuple[int, int]:
    """Skip the noise operators and the allow-listed equivalents (and, with ``sample``, all
    but that many mutants drawn with a fixed seed); return (equivalent, left unsampled)."""
    source = (TREE / module).read_text(encoding="utf-8")
    lines = source.splitlines()
    skipped = WorkResult(worker_outcome=WorkerOutcome.SKIPPED)
    equivalent = 0
    kept = []
    for item in db.work_items:
        mutation = item.mutations[0]
        operator = mutation.operator_name
        text = lines[mutation.start_pos[0] - 1].strip()
        if _annotation(operator, text):
            db.set_result(item.job_id, skipped)
            equivalent += 1
        elif _noise(operator):
            db.set_result(
                item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output="noise")
            )
        elif any(_listed(e, text, source, mutation) for e in equivalents):
            db.set_result(item.job_id, skipped)
            equivalent += 1
        else:
            kept.append(item.job_id)
    unsampled = 0
    if sample is not None and len(kept) > sample:
        chosen = set(random.Random(20261204).sample(kept, sample))
        for job in kept:
            if job not in chosen:
                db.set_result(
                    job, WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output="unsampled")
                )
                unsampled += 1
    return equivalent, unsampled


def _run_module(
    module: Path,
    tests: list[str],
    equivalents: list[dict[str, str]],
    deadline: float,
    sample: int | None = None,
) -> Tally:
    name = module.as_posix()
    stem = name.replace("/", "_").removesuffix(".py")
    session = WORK / f"{stem}.sqlite"
    config = WORK / f"{stem}.toml"
    session.unlink(missing_ok=True)
    python = sys.executable
    command = (
        f"env PYTHONPATH={TREE / 'src'}:{HERE} {python} -m pytest -x -q -p no:django "
        f"-p no:cacheprovider -p mutation_profile {' '.join(tests)}"
    )
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{TREE / module}"\n'
        "timeout = 120.0\n"
        "excluded-modules = []\n"
        f'test-command = "{command}"\n\n'
        '[cosmic-ray.distributor]\nname = "local"\n',
        encoding="utf-8",
    )
    # Baseline: the tests must pass on the unmutated copy, or every mutant would look killed.
    baseline = subprocess.run(command.split(), cwd=TREE, capture_output=True, text=True)
    if baseline.returncode != 0:
        print(baseline.stdout[-3000:], baseline.stderr[-2000:], sep="\n")
        return Tally(name, baseline_failed=True)
    cosmic = [str(Path(python).parent / "cosmic-ray")]
    subprocess.run([*cosmic, "init", str(config), str(session)], cwd=TREE, check=True)
    with use_db(str(session)) as db:
        equivalent, unsampled = _mark(db, module, equivalents, sample)
    remaining = deadline - time.monotonic()
    if remaining > 0:
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(
                [*cosmic, "exec", str(config), str(session)],
                cwd=TREE,
                timeout=remaining,
                check=True,
            )
    tally = Tally(name, equivalent=equivalent, unsampled=unsampled)
    source = (TREE / module).read_text(encoding="utf-8")
    lines = source.splitlines()
    with use_db(str(session), WorkDB.Mode.open) as db:
        done = dict(db.results)
        for item in db.work_items:
            result = done.get(item.job_id)
            if result is None:
                tally.pending += 1
            elif result.worker_outcome == WorkerOutcome.SKIPPED:
                continue
            elif result.test_outcome == TestOutcome.SURVIVED:
                tally.survived += 1
                m = item.mutations[0]
                tally.survivors.append(
                    f"{name}:{m.start_pos[0]} {m.operator_name} #{m.occurrence}: "
                    f"{lines[m.start_pos[0] - 1].strip()}"
                )
            else:
                tally.killed += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="module files (default: all engines)")
    parser.add_argument(
        "--changed-since", metavar="REF", help="only modules changed since the merge base with REF"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop after this many seconds (unfinished modules fail)",
    )
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument("--keep", action="store_true", help="keep the copied tree and sessions")
    parser.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="test N mutants per module drawn with a fixed seed (an estimate, marked as such)",
    )
    args = parser.parse_args(argv)

    goal, modules = _config()
    if args.modules:
        wanted = {Path(m).as_posix() for m in args.modules}
        modules = [(m, t) for m, t in modules if m.as_posix() in wanted]
    if args.changed_since:
        changed = _changed(args.changed_since)
        modules = [(m, t) for m, t in modules if m.as_posix() in changed]
    if not modules:
        print("mutation: no engine module to test")
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    _copy_tree()
    equivalents = _equivalents()
    deadline = time.monotonic() + (args.budget if args.budget else float("inf"))
    tallies = []
    try:
        for module, tests in modules:
            started = time.monotonic()
            tally = _run_module(
                module, tests, equivalents.get(module.as_posix(), []), deadline, args.sample
            )
            tallies.append(tally)
            print(f"mutation: {module} done in {time.monotonic() - started:.0f} s", flush=True)
            if args.survivors:
                for line in tally.survivors:
                    print("survived:", line, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)

    failed = False
    print(f"\n{'module':<44}{'killed':>8}{'survived':>10}{'equiv.':>8}{'pending':>9}{'rate':>9}")
    for t in tallies:
        rate = f"{t.rate:.1f}%" if t.rate is not None else "—"
        flag = ""
        if t.baseline_failed:
            flag, failed = "  tests fail without any mutant", True
        elif t.pending:
            flag, failed = "  unfinished", True
        elif t.rate is not None and t.rate < goal:
            flag, failed = f"  under {goal:g}%", True
        if t.unsampled:
            flag += f"  (sample: {t.counted} of {t.counted + t.unsampled})"
        print(
            f"{t.module:<44}{t.killed:>8}{t.survived:>10}{t.equivalent:>8}{t.pending:>9}"
            f"{rate:>9}{flag}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
