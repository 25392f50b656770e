"""回避 (issue 14): reviewers declare affiliations on /scoring/affiliations/ — employer, past
employers (within the look-back of jiazhou.projects' rules), shareholdings, relatives' firms —
and the city's assignment of reviewers to a result awaiting review excludes the conflicted
ones with the reason shown. A reviewer never sees another reviewer's declarations; the city
administrator sees all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from jiazhou_web.core.models import AuditLog
from jiazhou_web.scoring.conflicts import LOOKBACK_YEARS
from jiazhou_web.scoring.models import ReviewAssignment, ReviewerAffiliation
from jiazhou_web.scoring.review import (
    assign_reviewer,
    assignment_options,
    declare_affiliation,
    review_queue,
    withdraw_affiliation,
)

pytestmark = pytest.mark.django_db


def _year() -> int:
    """This year on the pinned clock (read inside the test: at import the clock is not pinned)."""
    return timezone.localdate().year


def _reviewer(name: str) -> Any:
    from jiazhou_web.accounts import actions

    user = actions.create_user(
        username=name, password="x-Pass-12345", display_name=f"专家{name}", actor=None
    )
    actions.assign_role(user, "reviewer", actor=None)
    return user


@pytest.fixture
def unit(hnte_firm: Callable[..., Any], city_admin: Any) -> Any:
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.scoring.actions import score_enterprises

    hnte_firm(name="回避测试企业")
    [outcome] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    return outcome.run.units.get()


def _reasons(unit: Any) -> dict[str, list[str]]:
    return {o["reviewer"].username: o["reasons"] for o in assignment_options(unit)}


def test_each_kind_of_link_excludes_with_its_reason(unit: Any) -> None:
    year = _year()
    firm = unit.enterprise
    employed, former, old, holder, relative, free = (
        _reviewer(n) for n in ("employed", "former", "old", "holder", "relative", "free")
    )
    declare_affiliation(employed, firm, actor=employed, kind="employer")
    declare_affiliation(former, firm, actor=former, kind="past_employer", until_year=year - 1)
    declare_affiliation(
        old, firm, actor=old, kind="past_employer", until_year=year - LOOKBACK_YEARS - 1
    )
    declare_affiliation(holder, firm, actor=holder, kind="shareholding")
    declare_affiliation(relative, firm, "配偶任职", actor=relative, kind="relative")
    reasons = _reasons(unit)
    assert reasons["employed"] == ["同一单位：现任职于申报单位"]
    assert reasons["former"] == [f"同一单位：{year - 1}年前曾任职于申报单位"]
    assert reasons["old"] == []  # left more than the look-back ago: no conflict
    assert reasons["holder"] == ["股权关系：持有申报单位股份"]
    assert reasons["relative"] == ["亲属关系：亲属任职或持股于该企业"]
    assert reasons["free"] == []
    # The queue's 回避 column follows the same rules.
    assert [r.withdrawn for r in review_queue(former)] == [True]  # type: ignore[attr-defined]
    assert [r.withdrawn for r in review_queue(old)] == [False]  # type: ignore[attr-defined]


def test_assigning_a_conflicted_reviewer_is_refused_with_the_reason(
    unit: Any, city_admin: Any
) -> None:
    conflicted, free = _reviewer("conflicted"), _reviewer("free")
    declare_affiliation(conflicted, unit.enterprise, actor=conflicted, kind="shareholding")
    before = AuditLog.objects.count()
    with pytest.raises(ValidationError, match="须回避：股权关系"):
        assign_reviewer(unit, conflicted, actor=city_admin)
    assert AuditLog.objects.count() == before and not ReviewAssignment.objects.exists()
    assign_reviewer(unit, free, actor=city_admin)
    assert AuditLog.objects.count() == before + 1  # one action, one audit row
    with pytest.raises(PermissionDenied):
        assign_reviewer(unit, free, actor=free)  # the city assigns, not the reviewer
    # The page lists the conflicted reviewer with the reason, without an assign button.
    client = Client()
    client.force_login(city_admin)
    html = client.get(f"/scoring/review/{unit.pk}/assign/").content.decode()
    row = html.split('data-reviewer="conflicted"')[1].split("</tr>")[0]
    assert (
        "回避" in row and "股权关系：持有申报单位股份" in row and 'data-testid="assign"' not in row
    )
    free_row = html.split('data-reviewer="free"')[1].split("</tr>")[0]
    assert "已指派" in free_row
    response = client.post(f"/scoring/review/{unit.pk}/assign/", {"reviewer": conflicted.pk})
    assert response.status_code == 302
    assert not ReviewAssignment.objects.filter(reviewer=conflicted).exists()
    queue = client.get("/scoring/review/").content.decode()
    assert f"/scoring/review/{unit.pk}/assign/" in queue


def test_a_reviewer_sees_only_own_declarations_and_the_city_sees_all(
    unit: Any, city_admin: Any, county_officer: Any
) -> None:
    alice, bob = _reviewer("alice"), _reviewer("bob")
    declare_affiliation(alice, unit.enterprise, "甲的说明", actor=alice, kind="employer")
    declare_affiliation(bob, unit.enterprise, "乙的说明", actor=bob, kind="relative")
    client = Client()
    client.force_login(alice)
    page = client.get("/scoring/affiliations/").content.decode()
    assert "甲的说明" in page and "乙的说明" not in page and "现任职单位" in page
    assert 'data-testid="affiliation-form"' in page
    client.force_login(city_admin)
    page = client.get("/scoring/affiliations/").content.decode()
    assert "甲的说明" in page and "乙的说明" in page and "专家alice" in page
    assert 'data-testid="affiliation-form"' not in page
    # A reviewer cannot withdraw another's declaration (404), nor declare for another.
    client.force_login(alice)
    theirs = ReviewerAffiliation.objects.get(reviewer=bob)
    assert client.post(f"/scoring/affiliations/{theirs.pk}/withdraw/").status_code == 404
    with pytest.raises(PermissionDenied):
        declare_affiliation(bob, unit.enterprise, actor=alice, kind="shareholding")
    # Other roles see no declarations at all.
    client.force_login(county_officer)
    assert client.get("/scoring/affiliations/").status_code == 403


def test_the_page_declares_and_withdraws_through_the_actions(unit: Any) -> None:
    year = _year()
    reviewer = _reviewer("carol")
    client = Client()
    client.force_login(reviewer)
    before = AuditLog.objects.count()
    response = client.post(
        "/scoring/affiliations/",
        {"enterprise": unit.enterprise.uscc, "kind": "past_employer", "until_year": year - 2},
    )
    assert response.status_code == 302
    row = ReviewerAffiliation.objects.get(reviewer=reviewer)
    assert (row.kind, row.until_year) == ("past_employer", year - 2)
    assert AuditLog.objects.count() == before + 1
    # A past employer without the year is refused, and says so.
    again = client.post(
        "/scoring/affiliations/", {"enterprise": unit.enterprise.name, "kind": "past_employer"}
    )
    assert again.status_code == 400 and "离职年份" in again.content.decode()
    assert (
        client.post(
            "/scoring/affiliations/", {"enterprise": "不存在的公司", "kind": "employer"}
        ).status_code
        == 400
    )
    client.post(f"/scoring/affiliations/{row.pk}/withdraw/")
    assert not ReviewerAffiliation.objects.exists()
    assert AuditLog.objects.count() == before + 2
    with pytest.raises(PermissionDenied):
        withdraw_affiliation(
            declare_affiliation(reviewer, unit.enterprise, actor=reviewer, kind="employer"),
            actor=_reviewer("dave"),
        )
