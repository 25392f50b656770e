"""年报申报: the form's field-by-field checks, routing, review, and the record afterwards.

Money is entered in 万元 and stored in 元 (×10,000); the cross-field rules are those of every
import (jiazhou.validation.table.NOT_ABOVE). Years are relative to the pinned today, so the
tests hold at any JIAZHOU_TEST_NOW.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.actions import set_annual_figures
from jiazhou_web.enterprises.models import EnterpriseFigure
from jiazhou_web.workspace import actions
from jiazhou_web.workspace.choices import DeclarationState
from jiazhou_web.workspace.forms import DeclarationForm, declarable_years

pytestmark = pytest.mark.django_db


def last_year() -> int:
    return timezone.localdate().year - 1


def form(**values: str) -> DeclarationForm:
    return DeclarationForm({"fiscal_year": str(last_year()), **values})


# -- the form -------------------------------------------------------------------------------


def test_money_is_entered_in_wan_and_kept_in_yuan() -> None:
    f = form(operating_revenue="1,234.5", net_profit="-12", employees_total="40")
    assert f.is_valid(), f.errors
    # 1,234.5 万元 = 12,345,000 元; a loss may be negative (SIGNED); head-counts are whole
    assert f.cleaned_data["values"] == {
        "operating_revenue": "12345000",
        "net_profit": "-120000",
        "employees_total": "40",
    }


def test_an_explicit_unit_wins_over_the_form_unit() -> None:
    f = form(operating_revenue="1.2亿")  # cells.money: 亿 suffix → 120,000,000 元
    assert f.is_valid(), f.errors
    assert f.cleaned_data["values"]["operating_revenue"] == "120000000"


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("employees_total", "四十", "「职工总数（年平均）」：应为整数，「四十」无法识别"),
        ("employees_total", "40.5", "应为整数：「40.5」"),
        ("operating_revenue", "-5", "不能为负数：「-5」"),
        ("ip_self_developed", "也许", "应填「是」或「否」（或有/无），而不是「也许」"),
        ("operating_revenue", "1e400", "超出合理范围"),
        ("rd_institution_level", "11", "超出合理范围"),
    ],
)
def test_each_field_is_checked_with_a_message_naming_it(field: str, raw: str, message: str) -> None:
    f = form(**{field: raw})
    assert not f.is_valid()
    text = " ".join(str(e) for e in f.errors[field])
    assert message in text
    assert f"/ {field}:" in text  # Chinese first, then English naming the field code


def test_cross_field_rules_of_the_import_layer_apply() -> None:
    # NOT_ABOVE: 科技人员数 ≤ 职工总数; 研发人员数 = 职工总数 is allowed (a <= b)
    f = form(employees_total="40", tech_staff="41", rd_staff="40")
    assert not f.is_valid()
    assert "科技人员数（年平均）（41）大于职工总数（年平均）（40）" in f.errors["tech_staff"][0]
    assert "rd_staff" not in f.errors


def test_an_empty_declaration_is_refused() -> None:
    f = form()
    assert not f.is_valid()
    assert "请至少填写一项数据" in f.non_field_errors()[0]


def test_only_the_three_years_before_this_one_may_be_declared() -> None:
    year = timezone.localdate().year
    assert declarable_years() == [year - 1, year - 2, year - 3]
    f = DeclarationForm({"fiscal_year": str(year), "employees_total": "4"})
    assert not f.is_valid() and "fiscal_year" in f.errors


# -- actions --------------------------------------------------------------------------------


def test_submission_goes_to_the_county_or_to_the_zone(
    firm: Any, firm_user: Any, zone_firm: Any, zone_user: Any
) -> None:
    d1 = actions.submit_declaration(firm, last_year(), {"employees_total": "40"}, actor=firm_user)
    d2 = actions.submit_declaration(
        zone_firm, last_year(), {"employees_total": "9"}, actor=zone_user
    )
    assert d1.review_region.code == "511112"  # 五通桥区
    assert d2.review_region.code == "LS-HTZ"  # the zone, not 市中区
    assert AuditLog.objects.filter(event_type="workspace.declaration_submitted").count() == 2


def test_one_open_declaration_per_year_and_never_for_another_firm(
    firm: Any, firm_user: Any, zone_firm: Any
) -> None:
    actions.submit_declaration(firm, last_year(), {"employees_total": "40"}, actor=firm_user)
    with pytest.raises(ValidationError, match="已有一份待审核的申报"):
        actions.submit_declaration(firm, last_year(), {"employees_total": "41"}, actor=firm_user)
    with pytest.raises(PermissionDenied):
        actions.submit_declaration(
            zone_firm, last_year(), {"employees_total": "1"}, actor=firm_user
        )


def test_accepted_values_become_the_records_values_with_source_declaration(
    firm: Any, firm_user: Any, county_officer: Any
) -> None:
    year = last_year()
    set_annual_figures(
        firm,
        year,
        {"operating_revenue": Decimal(8_000_000)},
        source="tax",
        as_of=dt.date(year + 1, 3, 31),
        actor=None,
    )
    d = actions.submit_declaration(
        firm, year, {"operating_revenue": "12345000", "employees_total": "40"}, actor=firm_user
    )
    # nothing enters the record before the review
    assert EnterpriseFigure.objects.get(enterprise=firm, field="operating_revenue").source == "tax"
    before = AuditLog.objects.count()
    actions.accept_declaration(d, actor=county_officer)
    figures = {
        f.field: f for f in EnterpriseFigure.objects.filter(enterprise=firm, fiscal_year=year)
    }
    assert figures["operating_revenue"].value == Decimal(12_345_000)
    assert figures["employees_total"].value == 40
    assert {f.source for f in figures.values()} == {"declaration"}
    assert {f.as_of for f in figures.values()} == {timezone.localdate()}
    d.refresh_from_db()
    assert d.state == DeclarationState.ACCEPTED and d.decided_by == county_officer
    events = list(AuditLog.objects.order_by("pk")[before:].values_list("event_type", flat=True))
    assert events == ["enterprise.figures_set", "workspace.declaration_accepted"]
    with pytest.raises(ValidationError, match="该申报当前状态为「已采纳」"):
        actions.accept_declaration(d, actor=county_officer)


def test_a_returned_declaration_leaves_the_record_alone(
    firm: Any, firm_user: Any, county_officer: Any
) -> None:
    d = actions.submit_declaration(firm, last_year(), {"employees_total": "40"}, actor=firm_user)
    with pytest.raises(ValidationError, match="请填写退回理由"):
        actions.return_declaration(d, reason="  ", actor=county_officer)
    actions.return_declaration(d, reason="职工人数与社保缴纳人数不符", actor=county_officer)
    d.refresh_from_db()
    assert d.state == DeclarationState.RETURNED
    assert d.return_reason == "职工人数与社保缴纳人数不符"
    assert not EnterpriseFigure.objects.filter(enterprise=firm).exists()
    # the firm may declare the year again once returned
    actions.submit_declaration(firm, last_year(), {"employees_total": "38"}, actor=firm_user)


def test_only_the_officers_of_the_routed_region_review(
    firm: Any,
    firm_user: Any,
    zone_firm: Any,
    zone_user: Any,
    zone_officer: Any,
    county_officer: Any,
    regions: Any,
) -> None:
    from jiazhou_web.workspace.tests.conftest import persona

    county_decl = actions.submit_declaration(
        firm, last_year(), {"employees_total": "4"}, actor=firm_user
    )
    zone_decl = actions.submit_declaration(
        zone_firm, last_year(), {"employees_total": "4"}, actor=zone_user
    )
    with pytest.raises(PermissionDenied):
        actions.accept_declaration(county_decl, actor=zone_officer)
    # 市中区's county officer reaches the zone firm's record, but the zone reviews it
    shizhong = persona("shizhong_officer", "county_officer", regions["511102"])
    with pytest.raises(PermissionDenied):
        actions.accept_declaration(zone_decl, actor=shizhong)
    with pytest.raises(PermissionDenied):
        actions.accept_declaration(zone_decl, actor=zone_user)  # a firm never reviews itself
    actions.accept_declaration(zone_decl, actor=zone_officer)


def test_a_stale_accept_after_a_return_writes_nothing(
    firm: Any, firm_user: Any, county_officer: Any
) -> None:
    d = actions.submit_declaration(firm, last_year(), {"employees_total": "40"}, actor=firm_user)
    stale = type(d).objects.get(pk=d.pk)  # a second officer's page, read before the return
    actions.return_declaration(d, reason="请补充社保缴纳证明", actor=county_officer)
    before = AuditLog.objects.count()
    with pytest.raises(ValidationError, match="当前状态为「已退回」，不能再审核"):
        actions.accept_declaration(stale, actor=county_officer)
    assert AuditLog.objects.count() == before
    assert not EnterpriseFigure.objects.filter(enterprise=firm).exists()


def test_the_action_repeats_the_cross_field_rules(firm: Any, firm_user: Any) -> None:
    with pytest.raises(ValidationError, match="科技人员数（年平均）（9）大于职工总数"):
        actions.submit_declaration(
            firm, last_year(), {"employees_total": "8", "tech_staff": "9"}, actor=firm_user
        )
    with pytest.raises(ValidationError, match="不在可申报年度内"):
        actions.submit_declaration(
            firm, timezone.localdate().year, {"employees_total": "8"}, actor=firm_user
        )
