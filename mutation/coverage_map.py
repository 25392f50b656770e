"""Which tests run which lines of the modules under mutation: the test selection of run.py.

Before a module's mutants, run.py runs its tests once under coverage.py (``record``), with one
dynamic context per test (its pytest node id, for setup, call and teardown). A mutant on line
L then runs only the tests whose context executed L (``TestMap.select``), in collection order.

Coverage says which test *executed* a line; a mutant can also change what a later test sees
without that test executing the line, through state kept between tests. Those paths are
recorded too, so that the selection never leaves out a test the mutant can reach:

- code run outside any test (module imports, class bodies, decorators, defaults, and any
  import a test triggers lazily, with everything that import runs): the whole list;
- code a test file runs when it is collected (its own module-level code and parametrisation
  calling into the module): the tests of that file, and of the test files importing it;
- non-function-scoped fixtures (their value outlives the test that created it): the lines
  they run count for every test that uses the fixture;
- ``functools.lru_cache``/``cache``/``cached_property`` (a later call gets the value
  without running the lines): the lines a cache miss runs count for every test that calls
  the cached function with the same arguments (or reads the property of that object), hit
  or miss;
- a line no test executed (reached only from a subprocess a test starts, or dead): the
  whole list.

The caches and imports are only wrapped in the recording run, never in a mutant's run.
"""

from __future__ import annotations

import ast
import builtins
import functools
import importlib
import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

OUTSIDE = "(outside)"  # the context of code run outside any test
_FIXTURE = "fixture:"
_CACHE = "cache:"
_COLLECT = "collect:"


class Recorder:
    """pytest plugin of the recording run: switches the coverage context per test, and
    records the fixtures each test uses and who called each cached function."""

    def __init__(self, cov: Any) -> None:
        self.cov = cov
        self.stack = [OUTSIDE]
        self.items: list[str] = []
        self.fixturenames: dict[str, list[str]] = {}
        self.calls: dict[str, set[str]] = {}
        self.collected: dict[str, str] = {}  # test module name → its collection context
        cov.switch_context(OUTSIDE)

    @property
    def current(self) -> str:
        return self.stack[-1]

    @contextmanager
    def context(self, name: str) -> Iterator[None]:
        previous = self.stack[-1]
        self.stack.append(name)
        if name != previous:
            self.cov.switch_context(name)
        try:
            yield
        finally:
            self.stack.pop()
            if name != previous:
                self.cov.switch_context(previous)

    def note(self, key: str) -> None:
        self.calls.setdefault(key, set()).add(self.stack[-1])

    # pytest hooks
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.items = [item.nodeid for item in session.items]
        self.fixturenames = {
            item.nodeid: list(getattr(item, "fixturenames", ())) for item in session.items
        }

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(self, collector: pytest.Collector) -> Any:
        context = f"{_COLLECT}{collector.nodeid.split('::')[0]}"
        with self.context(context):
            report = yield
        if isinstance(collector, pytest.Module) and report.passed:
            name = getattr(collector.obj, "__name__", None)
            if name:
                self.collected[name] = context
        return report

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Any:
        with self.context(item.nodeid):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Any:
        with self.context(item.nodeid):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Any:
        with self.context(item.nodeid):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Any:
        if fixturedef.scope == "function":
            return (yield)
        with self.context(f"{_FIXTURE}{fixturedef.argname}@{fixturedef.baseid}"):
            return (yield)

    def meta(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "fixturenames": self.fixturenames,
            "calls": {key: sorted(contexts) for key, contexts in self.calls.items()},
        }


class _TracedProperty(functools.cached_property[Any]):
    """``functools.cached_property`` made a data descriptor (``__set__``), so that every read
    comes here, hit or miss; the value is kept where cached_property keeps it."""

    recorder: Recorder

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        key = f"{_CACHE}{self.func.__qualname__}#{id(instance)}"
        self.recorder.note(key)
        found = instance.__dict__.get(self.attrname, _TracedProperty)
        if found is not _TracedProperty:
            return found
        with self.recorder.context(key):
            return super().__get__(instance, owner)

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.attrname] = value

    def __delete__(self, instance: Any) -> None:
        del instance.__dict__[self.attrname]


def _trace_caches(recorder: Recorder) -> None:
    """Wrap functools' caches so that a cache hit is recorded as a use of the lines the
    miss ran (see the module docstring); the caching itself is functools' own."""
    real_lru_cache = functools.lru_cache

    def wrap(fn: Callable[..., Any], maxsize: int | None, typed: bool) -> Any:
        name = f"{_CACHE}{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', fn)}"

        def entry(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
            """One cache entry (a hash collision only merges two entries' tests)."""
            try:
                return f"{name}#{hash((args, frozenset(kwargs.items())))}"
            except TypeError:  # unhashable: lru_cache raises too
                return name

        def miss(*args: Any, **kwargs: Any) -> Any:
            with recorder.context(entry(args, kwargs)):
                return fn(*args, **kwargs)

        cached = real_lru_cache(maxsize, typed)(functools.update_wrapper(miss, fn))

        def call(*args: Any, **kwargs: Any) -> Any:
            recorder.note(entry(args, kwargs))
            return cached(*args, **kwargs)

        wrapper: Any = functools.update_wrapper(call, fn)
        wrapper.cache_info = cached.cache_info
        wrapper.cache_clear = cached.cache_clear
        wrapper.cache_parameters = cached.cache_parameters
        return wrapper

    def lru_cache(maxsize: Any = 128, typed: bool = False) -> Any:
        if callable(maxsize) and isinstance(typed, bool):
            return wrap(maxsize, 128, typed)
        return lambda fn: wrap(fn, maxsize, typed)

    def cache(fn: Callable[..., Any]) -> Any:
        return wrap(fn, None, False)

    _TracedProperty.recorder = recorder
    functools.lru_cache = lru_cache
    functools.cache = cache
    functools.cached_property = _TracedProperty  # type: ignore[misc]


def _trace_imports(recorder: Recorder) -> None:
    """Run an import a test triggers (and whatever that import runs) in the outside context:
    the module's state outlives the test."""
    real_import = builtins.__import__
    real_import_module = importlib.import_module

    def loaded(name: str, package: str | None, fromlist: Any) -> bool:
        """Whether the import runs no module code; an import of a collected test module
        makes the importer depend on what that module's collection ran."""
        try:
            absolute = importlib.util.resolve_name(name, package) if name[:1] == "." else name
        except (ImportError, ValueError):
            return False
        module = sys.modules.get(absolute)
        if module is None:
            return False
        names = [absolute, *(f"{absolute}.{item}" for item in fromlist or () if item != "*")]
        for imported in names:
            if imported in recorder.collected:
                recorder.note(recorder.collected[imported])
        return all(
            item == "*" or f"{absolute}.{item}" in sys.modules or hasattr(module, item)
            for item in fromlist or ()
        )

    def traced_import(
        name: str,
        globals: Any = None,  # noqa: A002
        locals: Any = None,  # noqa: A002
        fromlist: Any = (),
        level: int = 0,
    ) -> Any:
        if recorder.current != OUTSIDE:
            package = (globals or {}).get("__package__") if level else None
            if not loaded("." * level + name if level else name, package, fromlist):
                with recorder.context(OUTSIDE):
                    return real_import(name, globals, locals, fromlist, level)
        return real_import(name, globals, locals, fromlist, level)

    def collecting(name: str) -> bool:
        """pytest importing the test file it is collecting (its packages already loaded):
        that file's code stays in the file's collection context."""
        context = recorder.current
        parents = name.split(".")[:-1]
        return (
            context.startswith(_COLLECT)
            and name.rpartition(".")[2] == Path(context.removeprefix(_COLLECT)).stem
            and all(".".join(parents[:n]) in sys.modules for n in range(1, len(parents) + 1))
        )

    def import_module(name: str, package: str | None = None) -> Any:
        if recorder.current != OUTSIDE and not loaded(name, package, ()) and not collecting(name):
            with recorder.context(OUTSIDE):
                return real_import_module(name, package)
        return real_import_module(name, package)

    builtins.__import__ = traced_import
    importlib.import_module = import_module


def record(args: list[str], files: list[Path], data_file: Path, meta_file: Path) -> int:
    """The recording run (in a forked child of run.py): ``pytest.main(args)`` under coverage
    of ``files``, contexts as above. Returns pytest's exit code."""
    import coverage

    cov = coverage.Coverage(
        data_file=str(data_file),
        include=[str(f.resolve()) for f in files],
        config_file=False,
        branch=False,
    )
    cov.start()
    recorder = Recorder(cov)
    _trace_caches(recorder)
    _trace_imports(recorder)
    try:
        code = pytest.main(args, plugins=[recorder])
    finally:
        cov.stop()
        cov.save()
    meta_file.write_text(json.dumps(recorder.meta()), encoding="utf-8")
    return int(code)


def _span(tree: ast.Module, line: int) -> tuple[tuple[int, int], bool]:
    """The lines of the statement a mutation on ``line`` belongs to (a simple statement, or
    the header of a compound one), and whether that is inside a function body (else it runs
    when the module or a class body runs)."""
    span = (line, line)
    in_function = False
    nodes: list[ast.AST] = list(tree.body)
    while nodes:
        inner = None
        for node in nodes:
            first, last = getattr(node, "lineno", 0), getattr(node, "end_lineno", 0) or 0
            if first <= line <= last:
                inner = node
                break
        if inner is None:
            break
        body = getattr(inner, "body", None)
        first, last = inner.lineno, inner.end_lineno or inner.lineno  # type: ignore[attr-defined]
        if isinstance(body, list) and body and isinstance(body[0], ast.AST):
            if line < body[0].lineno:  # type: ignore[attr-defined]
                span = (first, body[0].lineno - 1)  # type: ignore[attr-defined]
                break
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                in_function = True
            span = (line, line)
            nodes = [
                child
                for child in ast.iter_child_nodes(inner)
                if isinstance(child, ast.stmt | ast.excepthandler | ast.match_case)
            ]
        else:
            span = (first, last)
            break
    return span, in_function


class TestMap:
    """The recorded contexts of one module file; ``select(line)`` gives the pytest arguments
    for a mutant on that line (node ids, and whole test files where the line ran while the
    file was collected: the mutant may change its parametrisation), or None for the module's
    whole test list."""

    __test__ = False  # not a pytest test class

    def __init__(self, data_file: Path, meta: dict[str, Any], file: Path) -> None:
        from coverage import CoverageData

        data = CoverageData(basename=str(data_file))
        data.read()
        self.by_line = {
            line: set(contexts)
            for line, contexts in data.contexts_by_lineno(str(file.resolve())).items()
        }
        self.items: list[str] = meta["items"]
        self.order = {nodeid: n for n, nodeid in enumerate(self.items)}
        for n, nodeid in reversed(list(enumerate(self.items))):
            self.order.setdefault(nodeid.split("::")[0], n)  # a file: its first test
        self.fixturenames: dict[str, list[str]] = meta["fixturenames"]
        self.calls: dict[str, list[str]] = meta["calls"]
        self.tree = ast.parse(file.read_text(encoding="utf-8"))

    def _tests(self, context: str, seen: set[str]) -> set[str] | None:
        """The tests that can see what ``context`` ran (None: every test)."""
        if context in self.order and "::" in context:
            return {context}
        if context in seen:
            return set()
        seen.add(context)
        if context.startswith(_FIXTURE):
            name, _, base = context.removeprefix(_FIXTURE).partition("@")
            users = {
                nodeid
                for nodeid in self.items
                if name in self.fixturenames.get(nodeid, ()) and nodeid.startswith(base)
            }
            return users or None
        found: set[str] = set()
        if context.startswith(_COLLECT):
            # The test file, and whatever imported the file (its names).
            file = context.removeprefix(_COLLECT)
            if file not in self.order:
                return None  # a directory, a package's __init__, a conftest
            found = {file}
        elif not context.startswith(_CACHE) or context not in self.calls:
            return None  # outside any test, or unknown: everything
        for caller in self.calls.get(context, ()):
            tests = self._tests(caller, seen)
            if tests is None:
                return None
            found |= tests
        return found

    def select(self, line: int) -> list[str] | None:
        (first, last), in_function = _span(self.tree, line)
        if not in_function:
            return None
        contexts = set().union(*(self.by_line.get(n, ()) for n in range(first, last + 1)))
        selected: set[str] = set()
        for context in contexts:
            tests = self._tests(context, set())
            if tests is None:
                return None
            selected |= tests
        if not selected:
            return None
        files = {s for s in selected if "::" not in s}
        kept = (s for s in selected if s in files or s.split("::")[0] not in files)
        return sorted(kept, key=self.order.__getitem__)


def addressable(nodeid: str) -> str:
    """The node id to pass to pytest for a test: a parametrised id whose parameters contain
    ``::`` cannot be parsed back, so its function (all its parameters) is run instead."""
    name, bracket, params = nodeid.partition("[")
    return name if bracket and "::" in params else nodeid
