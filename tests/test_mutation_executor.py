"""The fork executor of mutation/run.py and its coverage-guided test selection, on a throwaway
module and its tests written to tmp_path (ADR 0023)."""

from __future__ import annotations

import ast
import gc
import importlib.util
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent.parent / "mutation"

MODULE = '''\
"""A throwaway module under mutation."""

from functools import lru_cache

LIMIT = 10


def double(x):
    return x * 2


def unreached(x):
    return x - 1


@lru_cache(maxsize=None)
def table(n):
    if n > 5:
        return n + 1000
    return n + 100


def triple(x):
    return x * 3


def scoped(x):
    return x + 7
'''

TESTS = """\
import pytest

from mutexec_probe.calc import double, scoped, table, triple

TRIPLES = [triple(1)]


@pytest.fixture(scope="module")
def seven():
    return scoped(0)


def test_double():
    assert double(3) == 6


def test_table_first():
    assert table(1) > 0


def test_table_again():
    assert table(1) == 101


def test_table_big():
    assert table(9) == 1009


@pytest.mark.parametrize("value", TRIPLES)
def test_triple(value):
    assert value == 3


def test_uses_seven(seven):
    assert seven >= 0


def test_checks_seven(seven):
    assert seven == 7


@pytest.mark.parametrize("word", ["暂停", "a::b", "x[y]"])
def test_words(word):
    assert len(word) > 0


def test_limit():
    assert True
"""

OTHER = """\
from mutexec_probe.calc import double


def test_double_again():
    assert double(0) == 0
"""

T = "tests/test_mutexec_probe.py"
T2 = "tests/test_mutexec_other.py"


def _line(text: str) -> int:
    return next(n for n, line in enumerate(MODULE.splitlines(), 1) if line.strip() == text)


def _load(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """mutation/<name>.py, imported for this test only (as recheck.py imports run.py)."""
    spec = importlib.util.spec_from_file_location(f"mutation_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """mutation/run.py working in tmp_path, with the throwaway module as its tree; what its
    executor sets for the whole process is undone afterwards."""
    monkeypatch.syspath_prepend(str(HERE))  # coverage_map and mutation_profile
    monkeypatch.setattr(sys, "dont_write_bytecode", sys.dont_write_bytecode)
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    module = _load("run", monkeypatch)
    work = tmp_path / "work"
    tree = work / "tree"
    (tree / "src" / "mutexec_probe").mkdir(parents=True)
    (tree / "tests").mkdir()
    (tree / "src" / "mutexec_probe" / "__init__.py").write_text("")
    (tree / "src" / "mutexec_probe" / "calc.py").write_text(MODULE, encoding="utf-8")
    (tree / T).write_text(TESTS, encoding="utf-8")
    (tree / T2).write_text(OTHER, encoding="utf-8")
    monkeypatch.setattr(module, "WORK", work)
    monkeypatch.setattr(module, "TREE", tree)
    # No time spent importing polars and the like, which the throwaway module does not use.
    monkeypatch.setattr(module, "_PREIMPORT", ("pytest", "hypothesis"))
    yield module
    gc.unfreeze()


def test_span_and_function_bodies(monkeypatch: pytest.MonkeyPatch) -> None:
    coverage_map = _load("coverage_map", monkeypatch)
    source = textwrap.dedent(
        """\
        X = 1
        @decorate(2)
        def f(a=3,
              b=4):
            if (a and
                    b):
                return [a,
                        b]
            try:
                pass
            except (ValueError,
                    KeyError):
                return 5
        class C:
            Y = 6
            def m(self):
                return 7
        """
    )
    tree = ast.parse(source)
    assert coverage_map._span(tree, 1) == ((1, 1), False)  # module level
    assert coverage_map._span(tree, 2)[1] is False  # decorator: runs at import
    assert coverage_map._span(tree, 4) == ((3, 4), False)  # a default: runs at import
    assert coverage_map._span(tree, 6) == ((5, 6), True)  # a two-line condition
    assert coverage_map._span(tree, 8) == ((7, 8), True)  # a two-line return
    assert coverage_map._span(tree, 12) == ((11, 12), True)  # an except clause
    assert coverage_map._span(tree, 15) == ((15, 15), False)  # class body
    assert coverage_map._span(tree, 17) == ((17, 17), True)  # method body


def test_selection_and_outcomes(run: ModuleType) -> None:
    """The selection follows coverage, cache hits and wider fixtures; a mutant that changes
    behaviour is killed, one on a line no test reaches survives."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    module = Path("src/mutexec_probe/calc.py")
    executor = run.ForkExecutor(jobs=2, timeout=60)
    passed, testmap = executor.baseline(module, [T, T2], [module])
    assert passed and testmap is not None
    # The parent never imports the module under mutation nor its tests: only the children.
    assert "mutexec_probe" not in sys.modules
    assert "test_mutexec_probe" not in sys.modules

    def select(text: str) -> list[str] | None:
        selected: list[str] | None = testmap.select(_line(text))
        return selected

    assert select("return x * 2") == [f"{T}::test_double", f"{T2}::test_double_again"]
    assert select("return x - 1") is None  # no test: the whole list
    assert select("LIMIT = 10") is None  # module level
    assert select("def double(x):") is None  # a def runs at import
    # The miss ran in test_table_first; test_table_again got the cached value; the line
    # test_table_big's argument runs.
    assert select("return n + 100") == [f"{T}::test_table_first", f"{T}::test_table_again"]
    assert select("return n + 1000") == [f"{T}::test_table_big"]
    assert select("if n > 5:") == [
        f"{T}::test_table_first",
        f"{T}::test_table_again",
        f"{T}::test_table_big",
    ]
    # Run when the test file was collected: that whole file (the mutant may change its
    # parametrisation), not the other.
    assert select("return x * 3") == [T]
    # The module-scoped fixture was set up in test_uses_seven; test_checks_seven uses it.
    assert select("return x + 7") == [f"{T}::test_uses_seven", f"{T}::test_checks_seven"]
    # The parametrised ids (unicode, brackets, ``::``) round-trip into pytest.
    assert executor.maps[(T, T2)][2] is not None

    session = run.WORK / "calc.sqlite"
    wanted = {
        ("core/ReplaceBinaryOperator_Mul_Add", _line("return x * 2")): TestOutcome.KILLED,
        ("core/NumberReplacer", _line("return x - 1")): TestOutcome.SURVIVED,
        ("core/NumberReplacer", _line("return n + 100")): TestOutcome.KILLED,
        ("core/NumberReplacer", _line("return x + 7")): TestOutcome.KILLED,
        # Changes the parametrisation (test_triple[3] → [4]): the whole file runs.
        ("core/NumberReplacer", _line("return x * 3")): TestOutcome.KILLED,
    }
    with use_db(str(session)) as db:
        import cosmic_ray.commands

        cosmic_ray.commands.init([run.TREE / module], db, {})
        chosen = {}
        for item in db.work_items:
            m = item.mutations[0]
            key = (m.operator_name, m.start_pos[0])
            if key in wanted and key not in chosen:
                chosen[key] = item.job_id
            else:
                db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED))
    assert set(chosen) == set(wanted)
    source = (run.TREE / module).read_text(encoding="utf-8")
    executor.run(run._Module(module, [T, T2], source, testmap), session, time.monotonic() + 60)
    with use_db(str(session), WorkDB.Mode.open) as db:
        results = dict(db.results)
    for key, job in chosen.items():
        assert results[job].worker_outcome == WorkerOutcome.NORMAL, results[job].output
        assert results[job].test_outcome == wanted[key], (key, results[job].output)
    assert executor.stats == {"selected": 4, "whole": 1, "reruns": 0}
    # Every tree is back to the original source, and no bytecode was written to any.
    for slot in executor.slots:
        assert (slot.tree / module).read_text(encoding="utf-8") == source
        assert not list(slot.tree.rglob("*.pyc"))


def test_failing_baseline_is_reported(run: ModuleType) -> None:
    (run.TREE / T).write_text(TESTS + "\n\ndef test_broken():\n    assert False\n")
    executor = run.ForkExecutor(jobs=1)
    module = Path("src/mutexec_probe/calc.py")
    assert executor.baseline(module, [T], [module]) == (False, None)
