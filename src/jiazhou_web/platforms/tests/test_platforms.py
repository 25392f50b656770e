"""创新平台 registry: registration rules, evaluation (不合格 revokes), annual reports by the host
firm, counts by level on the page, constant queries, scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jiazhou_web.conftest import _persona
from jiazhou_web.core.audit import StaleStateError
from jiazhou_web.platforms import actions

pytestmark = pytest.mark.django_db


def _register(actor: Any, region: Any, **kw: Any) -> Any:
    fields = {
        "name": "钒电池工程技术研究中心",
        "kind": "engineering_centre",
        "level": "provincial",
        "host_name": "某公司",
        "recognised_on": dt.date(2021, 6, 1),
        "source": "测试",
    }
    return actions.register(actor=actor, region=region, **{**fields, **kw})


def test_registration_rules(city_admin: Any, county_officer: Any, regions: Any) -> None:
    p = _register(county_officer, regions["511112"])
    assert p.status == "active"
    with pytest.raises(ValidationError, match="已有同名省级平台"):
        _register(city_admin, regions["511112"])
    assert _register(city_admin, regions["511112"], level="national").level == "national"
    with pytest.raises(ValidationError, match="本辖区"):
        _register(county_officer, regions["511102"], name="别区平台")
    with pytest.raises(ValidationError, match="今天或以前"):
        _register(
            city_admin,
            regions["511112"],
            name="未来",
            recognised_on=timezone.localdate() + dt.timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="类别"):
        _register(city_admin, regions["511112"], name="x", kind="nonsense")


def test_a_failed_evaluation_revokes_and_a_stale_second_one_is_refused(
    city_admin: Any, regions: Any
) -> None:
    from jiazhou_web.platforms.models import Platform

    p = _register(city_admin, regions["511112"])
    stale = Platform.objects.get(pk=p.pk)
    actions.record_evaluation(p, actor=city_admin, evaluated_on=dt.date(2024, 6, 1), result="fail")
    assert (p.status, p.evaluation) == ("revoked", "fail")
    with pytest.raises(StaleStateError):
        actions.record_evaluation(
            stale, actor=city_admin, evaluated_on=dt.date(2024, 6, 1), result="good"
        )
    with pytest.raises(ValidationError, match="认定日期之后"):
        actions.record_evaluation(
            p, actor=city_admin, evaluated_on=dt.date(2021, 5, 31), result="good"
        )


def test_the_host_firm_files_its_annual_report_once_per_past_year(
    city_admin: Any, make_enterprise: Any, regions: Any
) -> None:
    firm = make_enterprise(region="511112")
    other = make_enterprise(region="511112")
    user = _persona("host", "enterprise_user", firm)
    p = _register(city_admin, regions["511112"], host_enterprise=firm, host_name=firm.name)
    last_year = timezone.localdate().year - 1
    r = actions.file_report(
        p, actor=user, year=last_year, rd_spending_yuan="1234567.8", staff=20, patents=3
    )
    r.refresh_from_db()
    assert str(r.rd_spending_yuan) == "1234567.80"
    with pytest.raises(ValidationError, match="已报送"):
        actions.file_report(p, actor=user, year=last_year, rd_spending_yuan="1", staff=1)
    with pytest.raises(ValidationError, match="年报年度"):
        actions.file_report(p, actor=user, year=last_year + 1, rd_spending_yuan="1", staff=1)
    with pytest.raises(ValidationError, match="年报年度"):
        actions.file_report(p, actor=user, year=2020, rd_spending_yuan="1", staff=1)
    with pytest.raises(ValidationError, match="非负"):
        actions.file_report(p, actor=user, year=2021, rd_spending_yuan="-1", staff=1)
    with pytest.raises(PermissionDenied):
        actions.file_report(
            p,
            actor=_persona("other", "enterprise_user", other),
            year=2022,
            rd_spending_yuan="1",
            staff=1,
        )


def test_the_index_counts_active_platforms_by_level_in_constant_queries(
    client: Client, city_admin: Any, regions: Any
) -> None:
    client.force_login(city_admin)

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/platforms/")
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    _register(city_admin, regions["511112"], name="国1", level="national")
    small, _ = queries()
    for i in range(8):
        _register(city_admin, regions["511112"], name=f"省{i}")
    revoked = _register(city_admin, regions["511112"], name="撤")
    actions.record_evaluation(
        revoked, actor=city_admin, evaluated_on=dt.date(2024, 1, 1), result="fail"
    )
    large, body = queries()
    assert large <= small
    assert (
        '<th class="num">9</th>' in body
    )  # 省级（含）以上: 1 national + 8 provincial, revoked not counted


def test_recognised_platforms_are_public_but_managed_in_their_region(
    client: Client, city_admin: Any, county_officer: Any, regions: Any
) -> None:
    mine = _register(city_admin, regions["511112"], name="五通桥平台")
    theirs = _register(city_admin, regions["511102"], name="市中区平台")
    client.force_login(county_officer)
    assert client.get(f"/platforms/{theirs.pk}/").status_code == 200  # 认定名单 are public
    assert "市中区平台" in client.get("/platforms/").content.decode()
    with pytest.raises(PermissionDenied):
        actions.record_evaluation(
            theirs, actor=county_officer, evaluated_on=dt.date(2024, 1, 1), result="good"
        )
    actions.record_evaluation(
        mine, actor=county_officer, evaluated_on=dt.date(2024, 1, 1), result="good"
    )
    post = client.post(f"/platforms/{theirs.pk}/report/", {"year": 2024})
    assert post.status_code == 403
    actions.record_evaluation(
        theirs, actor=city_admin, evaluated_on=dt.date(2024, 1, 1), result="fail"
    )
    assert client.get(f"/platforms/{theirs.pk}/").status_code == 404  # revoked: no longer public
