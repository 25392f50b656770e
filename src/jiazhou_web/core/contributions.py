"""What apps contribute to shared pages, found by module name (as ``demo.py`` is).

* ``<app>/workspace.py`` with ``SECTIONS``: the enterprise workspace's entries (企业工作台, issue
  15) — the policy, market, evaluation and ticket apps add their firm-facing pages there;
* ``<app>/todos.py`` with ``todos(user) -> list[Todo]``: the 我的待办 on the 工作台 (issue 14);
* ``<app>/calendar_dates.py`` with ``recompute(at) -> int``: instants an app stores after
  computing them on the working calendar (企业诉求's running due instants), computed again
  when the holiday table changes (:func:`calendar_changed`, called by the holiday actions).

A contribution is shown only to users who ``can`` its verb (core.access), so the menu, the
workspace and the to-do list ask the same question as the actions behind them.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class WorkspaceSection:
    """One entry of the enterprise workspace: a page of the firm's own (no URL arguments)."""

    key: str
    label: str | Promise
    url_name: str
    verb: str
    order: int = 100
    description: str | Promise = ""
    icon: str = "circle"

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Todo:
    """One thing waiting for the user: what, how many, where to do it, and by when."""

    label: str
    url: str
    count: int = 1
    due: Any = None  # a date, when there is one
    urgent: bool = False


@functools.cache
def _modules(name: str) -> tuple[ModuleType, ...]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jiazhou_web."):
            continue
        module_name = f"{config.name}.{name}"
        try:
            found.append(importlib.import_module(module_name))
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
    return tuple(found)


def workspace_sections(user: Any) -> list[WorkspaceSection]:
    """The workspace entries ``user`` may open, in order."""
    from jiazhou_web.core.access import can

    sections = [s for module in _modules("workspace") for s in getattr(module, "SECTIONS", ())]
    return sorted((s for s in sections if can(user, s.verb)), key=lambda s: (s.order, str(s.label)))


def todos_for(user: Any) -> list[Todo]:
    """Everything waiting for ``user``, urgent first, then by due date."""
    found: list[Todo] = []
    for module in _modules("todos"):
        provider: Callable[[Any], list[Todo]] = module.todos
        found.extend(t for t in provider(user) if t.count > 0)
    return sorted(found, key=lambda t: (not t.urgent, t.due is None, str(t.due or "")))


def calendar_changed(at: Any) -> dict[str, int]:
    """The holiday table changed: every app recomputes what it stored from the working calendar
    (inside the caller's transaction). Returns how many stored values each app rewrote."""
    return {module.__name__: module.recompute(at) for module in _modules("calendar_dates")}
