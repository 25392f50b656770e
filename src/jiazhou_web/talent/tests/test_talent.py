"""人才: ID numbers checked and masked everywhere (pages, audit rows, the export), the full number
for the programme officer only and audited; 英才卡 validity and the 购房补贴 caps of 「嘉」十条
(本科/硕士/博士 ≤ 2/5/10万 [S], docs/specs/next-capabilities.md §7.2)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from jiazhou_web.conftest import _persona
from jiazhou_web.core.models import AuditLog
from jiazhou_web.talent import actions

pytestmark = pytest.mark.django_db
FULL = "11010519491231002X"
MASKED = "110105********002X"


@pytest.fixture
def talent(city_admin: Any, make_enterprise: Any) -> Any:
    firm = make_enterprise(region="511112")
    programme = actions.create_programme(
        actor=city_admin, code="JZYC", name="嘉州英才", issuer="人才办"
    )
    return actions.add_talent(
        programme,
        actor=city_admin,
        year=2021,
        name="王测试",
        id_number=FULL.lower(),
        category="leading",
        degree="master",
        employer=firm,
        employer_name=firm.name,
        region=firm.region,
    )


def test_the_id_number_is_checked_and_stored_upper_case(talent: Any, city_admin: Any) -> None:
    assert talent.id_number == FULL and talent.masked_id == MASKED
    with pytest.raises(ValidationError, match="校验位"):
        actions.add_talent(
            talent.programme,
            actor=city_admin,
            year=2021,
            name="错号",
            id_number="110105194912310021",
            category="leading",
            degree="master",
            employer_name="x",
            region=talent.region,
        )
    with pytest.raises(ValidationError, match="已入选"):
        actions.add_talent(
            talent.programme,
            actor=city_admin,
            year=2021,
            name="重复",
            id_number=FULL,
            category="leading",
            degree="master",
            employer_name="x",
            region=talent.region,
        )


def test_no_page_export_or_audit_row_shows_the_full_number(
    client: Client, talent: Any, city_admin: Any, county_officer: Any
) -> None:
    for user in (city_admin, county_officer):
        client.force_login(user)
        for url in ("/talent/", f"/talent/{talent.pk}/"):
            body = client.get(url).content.decode()
            assert MASKED in body and FULL not in body, (user, url)
        export = client.get("/talent/?export=xlsx")
        sheet = load_workbook(io.BytesIO(export.content)).active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        assert MASKED in cells and not any(FULL in c for c in cells)
    assert not any(FULL in str(a.after) + str(a.before) for a in AuditLog.objects.all())


def test_the_programme_officer_sees_it_in_full_and_each_look_is_audited(
    client: Client, talent: Any, city_admin: Any, county_officer: Any
) -> None:
    client.force_login(county_officer)
    assert client.post(f"/talent/{talent.pk}/identity/").status_code == 403
    client.force_login(city_admin)
    for _ in range(2):
        response = client.post(f"/talent/{talent.pk}/identity/")
        assert FULL in response.content.decode() and response["Cache-Control"] == "no-store"
    looks = AuditLog.objects.filter(event_type="talent.identity_viewed")
    assert looks.count() == 2 and {a.actor_id for a in looks} == {city_admin.pk}
    with pytest.raises(PermissionDenied):
        actions.reveal_identity(talent, actor=county_officer)


def test_the_employer_sees_its_own_people_only(
    client: Client, talent: Any, make_enterprise: Any
) -> None:
    client.force_login(_persona("boss", "enterprise_user", talent.employer))
    assert client.get(f"/talent/{talent.pk}/").status_code == 200
    client.force_login(_persona("other", "enterprise_user", make_enterprise(region="511112")))
    assert client.get(f"/talent/{talent.pk}/").status_code == 404


def test_card_validity_by_class_and_one_valid_card(talent: Any, city_admin: Any) -> None:
    card = actions.issue_card(
        talent, actor=city_admin, card_class="C", issued_on=dt.date(2024, 2, 29)
    )
    assert card.valid_until == dt.date(2027, 2, 27)  # 3 years from 29 Feb (→ 28 Feb) minus a day
    with pytest.raises(ValidationError, match="已持有有效英才卡"):
        actions.issue_card(talent, actor=city_admin, card_class="A")
    a = actions.issue_card  # after revoking, a new card may be issued
    actions.revoke_card(card, actor=city_admin, reason="离开乐山")
    assert a(
        talent, actor=city_admin, card_class="A", issued_on=dt.date(2025, 1, 1)
    ).valid_until == dt.date(2029, 12, 31)


def test_services_only_within_validity_and_housing_capped_by_degree(
    talent: Any, city_admin: Any
) -> None:
    card = actions.issue_card(
        talent, actor=city_admin, card_class="C", issued_on=dt.date(2024, 3, 1)
    )
    kw = {"actor": city_admin, "provider": "市人民医院"}
    actions.record_service(card, service="medical", used_on=dt.date(2024, 3, 1), **kw)
    actions.record_service(card, service="medical", used_on=dt.date(2027, 2, 28), **kw)
    with pytest.raises(ValidationError, match="无效"):
        actions.record_service(card, service="medical", used_on=dt.date(2027, 3, 1), **kw)
    with pytest.raises(ValidationError, match="无效"):
        actions.record_service(card, service="medical", used_on=dt.date(2024, 2, 29), **kw)
    # 硕士: 购房补贴 at most 50,000 元 in total
    actions.record_service(
        card, service="housing", used_on=dt.date(2024, 4, 1), amount_yuan="30000", **kw
    )
    with pytest.raises(ValidationError, match="不得超过 50,000 元"):
        actions.record_service(
            card, service="housing", used_on=dt.date(2024, 5, 1), amount_yuan="20000.01", **kw
        )
    actions.record_service(
        card, service="housing", used_on=dt.date(2024, 5, 1), amount_yuan="20000", **kw
    )
    with pytest.raises(ValidationError, match="须填写金额"):
        actions.record_service(card, service="housing", used_on=dt.date(2024, 5, 1), **kw)
