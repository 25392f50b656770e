"""专家评审 (issue 14 "Fit the role"): the reviewer's queue of results in ``review``, the form
that records the expert points (with 回避), and the completed result.

Hand-computed cases on 高新技术企业认定 (hnte-2016): the 创新能力评价 total must exceed 70
(《高新技术企业认定管理办法》第十一条（七）, 195号 "70分以上（不含70分）"); groups A 知识产权 ≤ 30,
B 成果转化 ≤ 30, C 研发组织管理 ≤ 20, D 成长性 ≤ 20 (195号 创新能力评价; criteria.md §1.5).
The test firm (conftest HNTE_READY) scores A3 [7, 8], A4 [1, 6], B1 [7, 12], D1 [9, 10],
D2 [9, 10]; A1, A2 [0, 8]; C1, C2 [0, 6]; C3, C4 [0, 4]; A5 0; gates H2, H3 under review.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from jiazhou.schemes import load_scheme
from jiazhou.schemes.review import Criterion, settle
from jiazhou_web.core.audit import StaleStateError
from jiazhou_web.core.models import AuditLog
from jiazhou_web.scoring.review import declare_affiliation, record_expert_review, review_queue

pytestmark = pytest.mark.django_db

# 71 points: A 6+6+8+5+0 = 25, B 10, C 5+5+3+3 = 16, D 10+10 = 20.
PASSING: dict[str, float | bool] = {
    "H2": True,
    "H3": True,
    "A1": 6,
    "A2": 6,
    "A3": 8,
    "A4": 5,
    "B1": 10,
    "C1": 5,
    "C2": 5,
    "C3": 3,
    "C4": 3,
    "D1": 10,
    "D2": 10,
}


def _reviewer(name: str = "reviewer") -> Any:
    from jiazhou_web.accounts import actions

    user = actions.create_user(
        username=name, password="x-Pass-12345", display_name=name, actor=None
    )
    actions.assign_role(user, "reviewer", actor=None)
    return user


@pytest.fixture
def unit(hnte_firm: Callable[..., Any], city_admin: Any) -> Any:
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.scoring.actions import score_enterprises

    hnte_firm(name="评审测试企业")
    [outcome] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    result = outcome.run.units.get()
    assert (result.status, result.total_min, result.total_max) == ("review", 33.0, 82.0)
    return result


def _stored(unit: Any) -> dict[str, Criterion]:
    return {
        c.criterion: Criterion(c.kind, c.status, c.points_min, c.points_max)
        for c in unit.criteria.all()
    }


def test_settle_without_decisions_agrees_with_the_engine(unit: Any) -> None:
    settled = settle(load_scheme("hnte-2016"), _stored(unit), {})
    assert (settled.status, settled.total_min, settled.total_max) == ("review", 33.0, 82.0)
    assert settled.n_review == unit.n_review == 13


def test_71_points_pass_and_70_points_fail(unit: Any) -> None:
    scheme = load_scheme("hnte-2016")
    passed = settle(scheme, _stored(unit), PASSING)
    assert (passed.status, passed.total) == ("pass", 71.0)
    exactly_70 = settle(scheme, _stored(unit), {**PASSING, "C4": 2})
    assert (exactly_70.status, exactly_70.total) == ("fail", 70.0)  # "不含70分"
    # A required gate judged unmet fails the firm whatever the points (第十一条(二)).
    assert settle(scheme, _stored(unit), {**PASSING, "H2": False}).status == "fail"


def test_the_reviewer_completes_the_result_with_one_audit_row(unit: Any) -> None:
    reviewer = _reviewer()
    assert [u.pk for u in review_queue(reviewer)] == [unit.pk]
    before = AuditLog.objects.count()
    review = record_expert_review(unit, PASSING, actor=reviewer, comment="材料齐全")
    unit.refresh_from_db()
    assert (unit.status, unit.total, unit.total_min, unit.total_max) == ("pass", 71.0, 71.0, 71.0)
    assert (unit.n_review, review.status_before, review.status_after) == (0, "review", "pass")
    a1 = unit.criteria.get(criterion="A1")
    assert (a1.status, a1.points_min, a1.points_max) == ("met", 6.0, 6.0)
    assert unit.criteria.filter(status="manual_review").count() == 0
    assert type(unit.run).objects.get(pk=unit.run_id).pass_count == 1
    assert AuditLog.objects.count() == before + 1
    assert list(review_queue(reviewer)) == []
    # A second expert finds the result completed: refused, nothing written.
    with pytest.raises(StaleStateError, match="无需再评审"):
        record_expert_review(unit, PASSING, actor=_reviewer("second"))


def test_points_outside_the_interval_or_missing_items_change_nothing(unit: Any) -> None:
    reviewer = _reviewer()
    with pytest.raises(ValidationError, match="A3: 分值须在 7–8 之间"):
        record_expert_review(unit, {**PASSING, "A3": 6}, actor=reviewer)
    with pytest.raises(ValidationError, match="尚未评定：C4"):
        record_expert_review(unit, {k: v for k, v in PASSING.items() if k != "C4"}, actor=reviewer)
    unit.refresh_from_db()
    assert unit.status == "review" and unit.criteria.filter(status="manual_review").count() == 13


def test_a_linked_reviewer_withdraws(unit: Any) -> None:
    reviewer = _reviewer()
    declare_affiliation(reviewer, unit.enterprise, "曾任该企业技术顾问", actor=reviewer)
    [row] = review_queue(reviewer)
    assert row.withdrawn  # type: ignore[attr-defined]
    from jiazhou_web.core.contributions import todos_for

    assert "待专家评审的评分结果" not in {t.label for t in todos_for(reviewer)}
    assert {t.label: t.count for t in todos_for(_reviewer("other"))}["待专家评审的评分结果"] == 1
    with pytest.raises(PermissionDenied, match="回避"):
        record_expert_review(unit, PASSING, actor=reviewer)
    client = Client()
    client.force_login(reviewer)
    page = client.get("/scoring/review/").content.decode()
    assert 'data-testid="withdrawn"' in page and f"/scoring/review/{unit.pk}/" not in page
    assert client.post(f"/scoring/review/{unit.pk}/", {}).status_code == 403


def test_the_form_records_the_points_and_says_what_happened(unit: Any, city_admin: Any) -> None:
    client = Client()
    client.force_login(_reviewer())
    form = client.get(f"/scoring/review/{unit.pk}/").content.decode()
    assert "A1 技术的先进程度" in form and "分值区间 7–8 分" in form
    data = {f"c_{k}": ("met" if v is True else v) for k, v in PASSING.items()}
    bad = client.post(f"/scoring/review/{unit.pk}/", {**data, "c_A3": "9"})
    assert bad.status_code == 400 and "不得高于 8 分" in bad.content.decode()
    response = client.post(f"/scoring/review/{unit.pk}/", data, follow=True)
    page = response.content.decode()
    assert "已记录对「评审测试企业」的专家评审：结果为「" in page and "总分 71 分" in page
    unit.refresh_from_db()
    assert unit.status == "pass"
    # Officers do not judge: the city sees the queue to assign reviewers, not the form.
    client.force_login(city_admin)
    assert client.get("/scoring/review/").status_code == 200  # (now empty: completed)
    assert client.get(f"/scoring/review/{unit.pk}/").status_code == 403
