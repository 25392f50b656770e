"""Apps contribute workspace sections and to-dos by module; each is cut by ``can``."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from jiazhou_web.core import contributions
from jiazhou_web.core.contributions import Todo, WorkspaceSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    sections = (
        WorkspaceSection("b", "乙", "core:home", verb="enterprise.view", order=2),
        WorkspaceSection("a", "甲", "core:home", verb="enterprise.view", order=1),
        WorkspaceSection("x", "审计", "core:home", verb="audit.view", order=0),
    )

    def todos(user: Any) -> list[Todo]:
        return [
            Todo("later", "/a/", due="2026-12-31"),
            Todo("nothing", "/b/", count=0),
            Todo("urgent", "/c/", urgent=True),
            Todo("sooner", "/d/", due="2026-12-10"),
        ]

    modules = {
        "workspace": (SimpleNamespace(SECTIONS=sections),),
        "todos": (SimpleNamespace(todos=todos),),
    }
    monkeypatch.setattr(contributions, "_modules", lambda name: modules[name])


def test_sections_are_ordered_and_cut_by_the_verb_table(
    fake_apps: None, county_officer: Any, city_admin: Any
) -> None:
    assert [s.key for s in contributions.workspace_sections(county_officer)] == ["a", "b"]
    assert [s.key for s in contributions.workspace_sections(city_admin)] == ["x", "a", "b"]
    assert contributions.workspace_sections(None) == []


def test_todos_drop_empty_ones_and_put_urgent_then_earliest_first(
    fake_apps: None, city_admin: Any
) -> None:
    labels = [t.label for t in contributions.todos_for(city_admin)]
    assert labels == ["urgent", "sooner", "later"]


def test_the_real_apps_contribute_only_known_verbs(city_admin: Any) -> None:
    from jiazhou_web.core.access import VERBS

    contributions._modules.cache_clear()
    for module in contributions._modules("workspace"):
        assert all(s.verb in VERBS for s in module.SECTIONS)
