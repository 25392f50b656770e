"""Mutation testing of the engine modules with cosmic-ray (ADR 0023), one module at a time.

    python mutation/run.py                       # every module of modules.toml
    python mutation/run.py src/jiazhou/uscc.py   # named modules
    python mutation/run.py --changed-since main  # modules changed since the merge base
    python mutation/run.py --budget 1200         # stop (and fail) after 20 minutes
    python mutation/run.py --jobs 1              # one mutant at a time (default: 2)
    python mutation/run.py --no-select           # every mutant against the whole test list
    python mutation/run.py --executor cosmic-ray # `cosmic-ray exec`, one pytest per mutant
    python mutation/compare.py RUN-DIR RUN-DIR   # two --keep runs, mutant by mutant

The source and tests are copied to ``var/mutation/run-<pid>/tree`` and mutated there, so the
working tree is never touched (the directory is removed afterwards unless ``--keep``). Each
mutant runs the module's own tests (``modules.toml``); it is *killed* when they fail. Mutants
listed in ``equivalent.toml`` (no test can tell them apart: each entry gives the reason) are not
counted. The kill rate per module is printed; the exit status is 1 when a module is under the
goal or the budget ran out.

cosmic-ray makes the mutants and keeps the session (an SQLite file of mutants and results).
The default executor (``--executor fork``) runs them in this process's children instead of
``cosmic-ray exec``'s one ``python -m pytest`` per mutant: the parent imports pytest and the
third-party libraries the tests use once (never ``jiazhou`` nor the tests) and forks a child
per mutant, which writes the mutant to its own copy of the tree (``tree``, ``tree-1``, … one
per job), runs ``pytest.main`` with the same options and exits with its status (timeout:
killed, as cosmic-ray does). No ``.pyc`` is written in the trees, so a child always compiles
the mutated source (and the child checks that the tests imported the module from the
mutated file). Before a module's mutants its tests run once under coverage.py with one context
per test (``coverage_map.py``), which is also the check that they pass unmutated; a mutant then
runs only the tests that can see its line, in collection order: those that executed it, those
that reuse what it computed through a wider-scoped fixture or a functools cache, the whole
test file when the line ran while the file was collected; and the whole list when the line
runs outside any test (imports, class bodies, defaults) or in none. Measured against
``--executor cosmic-ray`` and ``--no-select`` mutant by mutant (``compare.py``): ADR 0023.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import importlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import tomllib
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import unified_diff
from pathlib import Path
from typing import Any

import cosmic_ray.commands
from cosmic_ray.mutating import mutate_code
from cosmic_ray.plugins import get_operator
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkItem, WorkResult

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "mutation"
# One directory per run (copied tree and cosmic-ray sessions), so runs never share files.
WORK = ROOT / "var" / "mutation" / f"run-{os.getpid()}"
TREE = WORK / "tree"

# The pytest options of every run of a module's tests (the mutation profile: 25 Hypothesis
# examples, no spark tests), and the time a mutant's tests may take (then it counts as killed).
PYTEST_OPTIONS = ["-x", "-q", "-p", "no:django", "-p", "no:cacheprovider", "-p", "mutation_profile"]
TIMEOUT = 120.0

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


def _session(module: Path) -> Path:
    return WORK / (module.as_posix().replace("/", "_").removesuffix(".py") + ".sqlite")


def _run_module(
    module: Path,
    tests: list[str],
    equivalents: list[dict[str, str]],
    deadline: float,
    sample: int | None = None,
) -> Tally:
    """The old executor: ``cosmic-ray exec``, one ``python -m pytest`` per mutant."""
    name = module.as_posix()
    session = _session(module)
    config = session.with_suffix(".toml")
    session.unlink(missing_ok=True)
    python = sys.executable
    command = (
        f"env PYTHONPATH={TREE / 'src'}:{HERE} {python} -m pytest {' '.join(PYTEST_OPTIONS)} "
        f"{' '.join(tests)}"
    )
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{TREE / module}"\n'
        f"timeout = {TIMEOUT}\n"
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
    return _tally(module, session, equivalent, unsampled)


def _tally(module: Path, session: Path, equivalent: int, unsampled: int) -> Tally:
    name = module.as_posix()
    tally = Tally(name, equivalent=equivalent, unsampled=unsampled)
    lines = (TREE / module).read_text(encoding="utf-8").splitlines()
    with use_db(str(session), WorkDB.Mode.open) as db:
        done = dict(db.results)
        for item in db.work_items:
            result = done.get(item.job_id)
            if result is None:
                tally.pending += 1
            elif result.worker_outcome in (
                WorkerOutcome.SKIPPED,
                WorkerOutcome.NO_TEST,
                WorkerOutcome.EXCEPTION,
            ):  # not a mutant: skipped, or one cosmic-ray could not make
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


# --- the fork executor ---------------------------------------------------------------------

# Exit statuses of a forked child that are the executor's, not pytest's.
_NO_MUTATION = 86  # cosmic-ray finds nothing to mutate at this occurrence (its NO_TEST)
_BROKEN = 87  # the child failed outside pytest: the run stops
_STALE = 88  # the tests imported the module from somewhere else than the mutated file
_UNMUTABLE = 89  # cosmic-ray's operator raised applying the mutation (its EXCEPTION outcome)
# pytest's statuses for "a node id was not found" and "no tests collected": with a selection,
# the selection is at fault (the mutant runs again with the whole list); otherwise killed, as
# with cosmic-ray (any non-zero status).
_SELECTION_FAULTS = (4, 5)
# The children load pytest's plugins already imported by the parent, which pytest can no longer
# rewrite for assertions (their own asserts): silence that warning, nothing else.
_FORK_OPTIONS = [*PYTEST_OPTIONS, "-W", "ignore::pytest.PytestAssertRewriteWarning"]

# Imported by the parent before any child forks: cheap to share, and they start no thread
# that a child would need (polars starts its thread pool on first use, numpy's OpenBLAS
# re-creates its threads after a fork). The parent never *uses* polars: a pool started before
# a fork deadlocks the child. After each module's coverage run, the third-party and standard
# modules its tests imported are added (``_learned``).
_PREIMPORT = (
    "pytest",
    "_pytest.python",
    "_pytest.assertion.rewrite",
    "hypothesis",
    "numpy",
    "polars",
    "scipy.stats",
    "scipy.optimize",
    "scipy.sparse",
    "duckdb",
    "openpyxl",
    "xlsxwriter",
    "time_machine",
)
# Never imported by the parent: ours (they are mutated), and what the options switch off.
_NOT_PREIMPORTED = ("jiazhou", "jiazhou_web", "django", "pytest_django")


def _dotted(module: Path) -> str:
    """``src/jiazhou/uscc.py`` → ``jiazhou.uscc``."""
    parts = list(module.with_suffix("").parts[1:])
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _learned(before: set[str]) -> list[str]:
    """Modules imported since ``before`` that the parent may import: the standard library and
    site-packages, not ours."""
    paths = sysconfig.get_paths()
    roots = tuple(
        {
            str(Path(paths[k]).resolve()) + os.sep
            for k in ("stdlib", "platstdlib", "purelib", "platlib")
        }
    )
    names = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if name in before or not file or name.split(".")[0] in _NOT_PREIMPORTED:
            continue
        if str(Path(file).resolve()).startswith(roots):
            names.append(name)
    return names


def _preimport(names: list[str] | tuple[str, ...]) -> None:
    for name in names:
        if name.split(".")[0] in _NOT_PREIMPORTED or name.startswith("__main__"):
            continue
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    gc.collect()
    gc.freeze()  # the children's gc (pytest collects twice at exit) skips the shared heap


def _enter_child(tree: Path, out: Path) -> None:
    """A forked child's surroundings: its own process group (a timeout kills the group), its
    tree as cwd and first on sys.path (as ``python -m pytest`` with PYTHONPATH=src:mutation
    did; subprocesses the tests start get the same PYTHONPATH), output to ``out``."""
    os.setpgid(0, 0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.chdir(tree)
    sys.path[:0] = [str(tree), str(tree / "src"), str(HERE)]
    os.environ["PYTHONPATH"] = f"{tree / 'src'}{os.pathsep}{HERE}"
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    sys.dont_write_bytecode = True


def _fork(tree: Path, out: Path, body: Callable[[], int]) -> int:
    """Run ``body`` in a forked child (see ``_enter_child``); its result is the exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = _BROKEN
        try:
            _enter_child(tree, out)
            code = body()
        except BaseException:
            traceback.print_exc()
            code = _BROKEN
        finally:
            with contextlib.suppress(BaseException):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)
    return pid


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _status(wait_status: int) -> int:
    return os.waitstatus_to_exitcode(wait_status)


def _wait(pid: int) -> int:
    return _status(os.waitpid(pid, 0)[1])


@dataclass
class _Slot:
    """One job: its copy of the tree, and the mutant running there."""

    tree: Path
    out: Path
    pid: int = 0
    item: WorkItem | None = None
    started: float = 0.0
    selected: bool = False  # running a selection (not the whole list)


@dataclass
class _Module:
    """What the children of one module need."""

    path: Path  # relative to ROOT
    tests: list[str]
    source: str
    testmap: Any = None  # coverage_map.TestMap, or None: the whole list for every mutant


class ForkExecutor:
    """Runs a session's pending mutants in forked children, ``jobs`` at a time."""

    def __init__(self, jobs: int, timeout: float = TIMEOUT, select: bool = True) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.select = select
        self.slots = [_Slot(TREE, WORK / "out-0.txt")]
        for n in range(1, self.jobs):
            tree = WORK / f"tree-{n}"
            if not tree.exists():
                shutil.copytree(TREE, tree, symlinks=True)
            self.slots.append(_Slot(tree, WORK / f"out-{n}.txt"))
        self.maps: dict[tuple[str, ...], tuple[bool, Path, Path | None]] = {}
        self.stats = {"selected": 0, "whole": 0, "reruns": 0}
        sys.dont_write_bytecode = True
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        if str(HERE) not in sys.path:
            sys.path.insert(0, str(HERE))  # coverage_map (run.py imported, not run)
        _preimport(_PREIMPORT)

    # The coverage run of a module's tests (shared by the modules with the same test list).
    def baseline(self, module: Path, tests: list[str], files: list[Path]) -> tuple[bool, Any]:
        """Run ``tests`` once under coverage of ``files``; (passed, TestMap of ``module``)."""
        key = tuple(tests)
        if key not in self.maps:
            self.maps[key] = self._record(tests, files)
        passed, data, meta = self.maps[key]
        if not passed or not self.select or meta is None:
            return passed, None
        import coverage_map

        testmap = coverage_map.TestMap(
            data, json.loads(meta.read_text(encoding="utf-8")), TREE / module
        )
        if not testmap.by_line:
            print(f"mutation: {module}: 测试未运行其任何一行 / no test ran a line of it")
        return True, testmap

    def _record(self, tests: list[str], files: list[Path]) -> tuple[bool, Path, Path | None]:
        digest = hashlib.sha1("\0".join(tests).encode()).hexdigest()[:10]  # noqa: S324
        data, meta, learned = (WORK / f"coverage-{digest}{ext}" for ext in (".db", ".json", ".txt"))
        out = WORK / f"coverage-{digest}.out"

        def body() -> int:
            import coverage_map

            before = set(sys.modules)
            code = coverage_map.record(
                [*_FORK_OPTIONS, *tests], [TREE / f for f in files], data, meta
            )
            learned.write_text("\n".join(_learned(before)), encoding="utf-8")
            return int(code)

        code = _wait(_fork(TREE, out, body))
        if code != 0:
            text = out.read_text(encoding="utf-8", errors="replace")
            print(text[-5000:])
            return False, data, meta
        _preimport(learned.read_text(encoding="utf-8").split())
        if self.select and not self._addressable(tests, meta):
            return True, data, None  # no selection: the whole list for every mutant
        return True, data, meta

    def _addressable(self, tests: list[str], meta: Path) -> bool:
        """Whether the recorded node ids, passed back to pytest, collect exactly the recorded
        tests in the same order (brackets, unicode escapes, ``::`` in parameters)."""
        import coverage_map

        items = json.loads(meta.read_text(encoding="utf-8"))["items"]
        ids = list(dict.fromkeys(coverage_map.addressable(i) for i in items))
        listing = meta.with_suffix(".collected")

        class Collected:
            def pytest_collection_finish(self, session: Any) -> None:
                listing.write_text(json.dumps([i.nodeid for i in session.items]), encoding="utf-8")

        def body() -> int:
            import pytest

            return int(pytest.main([*_FORK_OPTIONS, "--collect-only", *ids], plugins=[Collected()]))

        code = _wait(_fork(TREE, meta.with_suffix(".collect.out"), body))
        ok = code == 0 and listing.exists()
        if ok:
            ok = json.loads(listing.read_text(encoding="utf-8")) == items
        if not ok:
            print(f"mutation: 测试 id 无法回传，不做选择 / node ids do not round-trip: {tests}")
        return ok

    # The mutants.
    def run(self, module: _Module, session: Path, deadline: float) -> None:
        """Run the session's pending mutants of ``module`` until done or ``deadline``."""
        with use_db(str(session), WorkDB.Mode.open) as db:
            queue: deque[tuple[WorkItem, bool]] = deque(
                (item, True) for item in db.pending_work_items
            )
            total = len(queue)
            done = 0
            free = list(self.slots)
            busy: list[_Slot] = []
            try:
                while queue or busy:
                    while queue and free and time.monotonic() < deadline:
                        item, select = queue.popleft()
                        slot = free.pop(0)
                        self._start(slot, module, item, select)
                        busy.append(slot)
                    if not busy:
                        break  # the budget ran out: the rest stays pending
                    for slot in list(busy):
                        result = self._poll(slot, module, deadline)
                        if result is None:
                            continue
                        busy.remove(slot)
                        free.append(slot)
                        assert slot.item is not None
                        if result == "rerun":
                            self.stats["reruns"] += 1
                            queue.appendleft((slot.item, False))
                            m = slot.item.mutations[0]
                            last = slot.out.read_text(encoding="utf-8", errors="replace")
                            print(
                                f"mutation: {module.path}:{m.start_pos[0]} {m.operator_name} "
                                f"#{m.occurrence}: the selection found no test "
                                f"({last.strip().splitlines()[-1:]}), again with the whole list"
                            )
                        elif result != "deadline":
                            db.set_result(slot.item.job_id, result)
                            done += 1
                            if done % 100 == 0:
                                print(f"mutation: {module.path} {done}/{total}", flush=True)
                    time.sleep(0.002)
            finally:
                for slot in busy:
                    _kill(slot.pid)
                for slot in self.slots:
                    _restore(slot, module)

    def _start(self, slot: _Slot, module: _Module, item: WorkItem, select: bool) -> None:
        mutation = item.mutations[0]
        operator = get_operator(mutation.operator_name)(**(mutation.operator_args or {}))
        selection = None
        if select and module.testmap is not None:
            import coverage_map

            selection = module.testmap.select(mutation.start_pos[0])
        if selection is not None:
            selection = list(dict.fromkeys(coverage_map.addressable(i) for i in selection))
        slot.selected = selection is not None
        self.stats["selected" if slot.selected else "whole"] += 1
        args = [*_FORK_OPTIONS, *(selection if selection is not None else module.tests)]
        file = slot.tree / module.path
        dotted = _dotted(module.path)

        def body() -> int:
            import pytest

            try:
                mutated = mutate_code(module.source, operator, mutation.occurrence)
            except Exception:  # noqa: BLE001 - cosmic-ray's own failure, recorded as such
                traceback.print_exc()
                return _UNMUTABLE
            if mutated is None:
                return _NO_MUTATION
            for stale in (file.parent / "__pycache__").glob(f"{file.stem}.*"):
                stale.unlink()
            file.write_text(mutated, encoding="utf-8")
            if selection is not None:
                # Not valid Python (cosmic-ray's `not` before an unparenthesised `:=`): the
                # selected tests ran the module's lines, so they import it and every run of
                # the whole list fails at collection; a run of the selection would stop at
                # "no collectors" (status 4) and start over with the whole list.
                try:
                    compile(mutated, str(file), "exec")
                except SyntaxError:
                    traceback.print_exc()
                    return int(pytest.ExitCode.INTERRUPTED)  # pytest's collection error
            code = int(pytest.main(args))
            loaded = sys.modules.get(dotted)
            if loaded is not None and (
                Path(loaded.__file__ or "").resolve() != file.resolve()
                or Path(getattr(loaded, "__cached__", None) or "-").exists()
            ):
                print(f"mutation: {dotted} came from {loaded.__file__}, not {file}")
                return _STALE
            return code

        slot.item = item
        slot.started = time.monotonic()
        slot.pid = _fork(slot.tree, slot.out, body)

    def _poll(self, slot: _Slot, module: _Module, deadline: float) -> WorkResult | str | None:
        """The slot's result once its child has ended (None: still running; "rerun": again
        with the whole list; "deadline": killed by the budget, left pending)."""
        pid, wait_status = os.waitpid(slot.pid, os.WNOHANG)
        now = time.monotonic()
        if pid == 0:
            if now - slot.started > self.timeout:
                _kill(slot.pid)
                diff = _diff(slot, module)
                _restore(slot, module)
                return WorkResult(
                    worker_outcome=WorkerOutcome.NORMAL,
                    test_outcome=TestOutcome.KILLED,
                    output="timeout",
                    diff=diff,
                )
            if now > deadline:
                _kill(slot.pid)
                _restore(slot, module)
                return "deadline"
            return None
        code = _status(wait_status)
        diff = _diff(slot, module)
        _restore(slot, module)
        output = slot.out.read_text(encoding="utf-8", errors="replace")
        if code in (_BROKEN, _STALE):
            raise SystemExit(f"mutation: 执行器出错 / executor failed ({code}):\n{output[-5000:]}")
        if code == _UNMUTABLE:
            return WorkResult(worker_outcome=WorkerOutcome.EXCEPTION, output=output)
        if code == _NO_MUTATION:
            return WorkResult(worker_outcome=WorkerOutcome.NO_TEST)
        if code in _SELECTION_FAULTS and slot.selected:
            return "rerun"
        return WorkResult(
            worker_outcome=WorkerOutcome.NORMAL,
            test_outcome=TestOutcome.SURVIVED if code == 0 else TestOutcome.KILLED,
            output=output,
            diff=diff,
        )


def _diff(slot: _Slot, module: _Module) -> str:
    file = slot.tree / module.path
    try:
        mutated = file.read_text(encoding="utf-8")
    except OSError:
        return ""
    return "\n".join(
        unified_diff(
            module.source.split("\n"),
            mutated.split("\n"),
            fromfile=f"a/{file}",
            tofile=f"b/{file}",
            lineterm="",
        )
    )


def _restore(slot: _Slot, module: _Module) -> None:
    file = slot.tree / module.path
    if file.read_text(encoding="utf-8") != module.source:
        file.write_text(module.source, encoding="utf-8")


def _run_module_forked(
    executor: ForkExecutor,
    module: Path,
    tests: list[str],
    group: list[Path],
    equivalents: list[dict[str, str]],
    deadline: float,
    sample: int | None = None,
) -> Tally:
    """The fork executor (see the module docstring); ``group``: the module files that share
    ``tests``, measured in the same coverage run."""
    name = module.as_posix()
    passed, testmap = executor.baseline(module, tests, group)
    if not passed:
        return Tally(name, baseline_failed=True)
    session = _session(module)
    session.unlink(missing_ok=True)
    with use_db(str(session)) as db:
        cosmic_ray.commands.init([TREE / module], db, {})
        equivalent, unsampled = _mark(db, module, equivalents, sample)
    source = (TREE / module).read_text(encoding="utf-8")
    executor.run(_Module(module, tests, source, testmap), session, deadline)
    return _tally(module, session, equivalent, unsampled)


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
    parser.add_argument(
        "--executor",
        choices=("fork", "cosmic-ray"),
        default="fork",
        help="fork: children of this process, coverage-selected tests (default); "
        "cosmic-ray: `cosmic-ray exec`, one pytest process per mutant, the whole test list",
    )
    parser.add_argument(
        "--jobs", type=int, default=2, metavar="N", help="mutants run at a time (fork executor)"
    )
    parser.add_argument(
        "--no-select",
        action="store_true",
        help="fork executor: run every mutant against the module's whole test list",
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
    executor = None
    if args.executor == "fork":
        executor = ForkExecutor(args.jobs, select=not args.no_select)
    groups: dict[tuple[str, ...], list[Path]] = {}
    for module, tests in modules:
        groups.setdefault(tuple(tests), []).append(module)
    tallies = []
    try:
        for module, tests in modules:
            started = time.monotonic()
            own = equivalents.get(module.as_posix(), [])
            if executor is None:
                tally = _run_module(module, tests, own, deadline, args.sample)
            else:
                group = groups[tuple(tests)]
                tally = _run_module_forked(
                    executor, module, tests, group, own, deadline, args.sample
                )
            tallies.append(tally)
            print(f"mutation: {module} done in {time.monotonic() - started:.0f} s", flush=True)
            if args.survivors:
                for line in tally.survivors:
                    print("survived:", line, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)
    if executor is not None:
        s = executor.stats
        print(
            f"mutation: {s['selected']} mutants ran selected tests, {s['whole']} the whole list"
            + (f", {s['reruns']} again with the whole list" if s["reruns"] else "")
        )

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
