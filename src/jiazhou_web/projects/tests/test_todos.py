"""我的待办 from 科技项目: each role sees its own next steps, counted."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.projects import actions
from jiazhou_web.projects.todos import todos

pytestmark = pytest.mark.django_db


def _counts(user: Any) -> dict[str, int]:
    return {t.label: t.count for t in todos(user)}


def test_todos_follow_the_lifecycle(
    call: Any, firm: Any, firm_user: Any, pool: list[Any], city_admin: Any
) -> None:
    app = actions.create_application(call, firm, actor=firm_user, title="待办", requested_yuan="1")
    assert _counts(firm_user)["科技项目申报未提交"] == 1
    actions.submit(app, actor=firm_user)
    assert _counts(city_admin)["科技项目待形式审查"] == 1
    actions.form_check(app, "return", actor=city_admin, note="补材料")
    assert _counts(firm_user)["科技项目退回补正"] == 1
    assert _counts(city_admin)["科技项目待形式审查"] == 0
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=city_admin)
    drawn = actions.draw(app, actor=city_admin, seed=2)
    expert_user = drawn[0].expert.user
    assert _counts(expert_user)["科技项目待评审打分"] == 1
    actions.record_score(drawn[0], "80", actor=expert_user)
    assert _counts(expert_user)["科技项目待评审打分"] == 0
    assert "科技项目待形式审查" not in _counts(firm_user)
