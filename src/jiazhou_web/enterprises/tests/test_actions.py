"""Enterprise actions write the record and exactly the audit rows they promise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from jiazhou.uscc import make_uscc
from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises import actions
from jiazhou_web.enterprises.choices import EnterpriseEvent, Programme
from jiazhou_web.enterprises.models import Certificate, Enterprise, EnterpriseFigure

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2025, 5, 31)


def identity(regions: dict[str, Any], industry: Any, n: int, **extra: Any) -> dict[str, Any]:
    return {
        "uscc": make_uscc(n),
        "name": f"批量企业{n}有限公司",
        "region": regions["511112"],
        "industry": industry,
        "size_class": "small",
        **extra,
    }


def test_create_enterprise_writes_one_audit_row_with_codes(
    regions: dict[str, Any], industry: Any, city_admin: Any
) -> None:
    firm = actions.create_enterprise(actor=city_admin, **identity(regions, industry, 7))
    row = AuditLog.objects.for_object(firm).get()
    assert row.event_type == EnterpriseEvent.CREATED
    assert row.actor == city_admin
    assert row.after["region"] == "511112" and row.after["industry"] == "C39"


def test_create_enterprise_refuses_a_bad_check_character(
    regions: dict[str, Any], industry: Any
) -> None:
    data = identity(regions, industry, 7)
    data["uscc"] = data["uscc"][:-1] + ("0" if data["uscc"][-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码"):
        actions.create_enterprise(actor=None, **data)
    assert not Enterprise.objects.exists()


def test_update_enterprise_audits_before_and_after_of_changed_fields_only(
    make_enterprise: Any, regions: dict[str, Any]
) -> None:
    firm = make_enterprise(region="511112")
    old_name = firm.name
    changed = actions.update_enterprise(
        firm, actor=None, name="新名称有限公司", region=regions["511112"], size_class="medium"
    )
    assert changed == ["name", "size_class"]
    row = AuditLog.objects.for_object(firm).get(event_type=EnterpriseEvent.UPDATED)
    assert row.before == {"name": old_name, "size_class": "small"}
    assert row.after == {"name": "新名称有限公司", "size_class": "medium"}
    firm.refresh_from_db()
    assert firm.size_class == "medium"


def test_update_without_change_writes_nothing(make_enterprise: Any) -> None:
    firm = make_enterprise()
    assert actions.update_enterprise(firm, actor=None, name=firm.name) == []
    assert not AuditLog.objects.for_object(firm).exists()


def test_set_annual_figures_upserts_and_audits_changed_values(make_enterprise: Any) -> None:
    firm = make_enterprise()
    kwargs: dict[str, Any] = {"source": "declaration", "as_of": AS_OF, "actor": None}
    actions.set_annual_figures(
        firm,
        2024,
        {"operating_revenue": Decimal("1000000"), "tech_staff": 10, "hnte_certified": True},
        **kwargs,
    )
    after = actions.set_annual_figures(
        firm,
        2024,
        {"operating_revenue": Decimal("1200000"), "tech_staff": 10, "rd_institution_level": 3},
        **kwargs,
    )
    assert after == {"2024.operating_revenue": "1200000", "2024.rd_institution_level": "3"}
    rows = AuditLog.objects.for_object(firm).filter(event_type=EnterpriseEvent.FIGURES_SET)
    assert rows.count() == 2
    latest = rows.first()
    assert latest is not None
    assert latest.before == {"2024.operating_revenue": "1000000"}
    figures = {f.field: f for f in EnterpriseFigure.objects.filter(enterprise=firm)}
    assert figures["operating_revenue"].value == Decimal("1200000")
    assert figures["hnte_certified"].value == 1
    assert figures["rd_institution_level"].value == 3


def test_set_annual_figures_refuses_unknown_codes(make_enterprise: Any) -> None:
    with pytest.raises(ValueError, match="unknown annual field"):
        actions.set_annual_figures(
            make_enterprise(), 2024, {"revenue": 1}, source="tax", as_of=AS_OF, actor=None
        )


def test_bulk_import_writes_one_audit_row_per_enterprise_not_per_figure(
    regions: dict[str, Any], industry: Any
) -> None:
    records = [
        actions.EnterpriseRecord(
            identity(regions, industry, n),
            {
                year: {"operating_revenue": Decimal(n * 1000 + year), "tech_staff": n}
                for year in (2022, 2023, 2024)
            },
        )
        for n in range(1, 21)
    ]
    outcome = actions.import_enterprises(records, source="synthetic", as_of=AS_OF, actor=None)
    assert (outcome.created, outcome.updated, outcome.figures_written) == (20, 0, 120)
    assert EnterpriseFigure.objects.count() == 120
    assert AuditLog.objects.filter(event_type=EnterpriseEvent.IMPORTED).count() == 20


def test_bulk_import_updates_existing_enterprises_by_uscc(
    regions: dict[str, Any], industry: Any
) -> None:
    first = actions.EnterpriseRecord(
        identity(regions, industry, 1), {2024: {"operating_revenue": Decimal(100)}}
    )
    actions.import_enterprises([first], source="declaration", as_of=AS_OF, actor=None)
    again = actions.EnterpriseRecord(
        identity(regions, industry, 1, name="改名后有限公司"),
        {2024: {"operating_revenue": Decimal(150), "tech_staff": 3}},
    )
    outcome = actions.import_enterprises([again], source="audit", as_of=AS_OF, actor=None)
    assert (outcome.created, outcome.updated) == (0, 1)
    firm = Enterprise.objects.get()
    assert firm.name == "改名后有限公司"
    row = AuditLog.objects.for_object(firm).first()
    assert row is not None
    assert row.before == {"name": "批量企业1有限公司", "2024.operating_revenue": "100"}
    assert row.after["2024.tech_staff"] == "3"
    assert firm.figures.get(field="operating_revenue").source == "audit"


def test_certificate_is_valid_until_revoked(make_enterprise: Any) -> None:
    firm = make_enterprise()
    cert = actions.add_certificate(
        firm,
        programme=Programme.HNTE,
        number="GR202451000123",
        valid_from=dt.date(2024, 12, 1),
        valid_to=dt.date(2027, 11, 30),
        actor=None,
    )
    assert Certificate.objects.valid_on(dt.date(2025, 6, 1)).filter(pk=cert.pk).exists()
    actions.revoke_certificate(cert, on=dt.date(2025, 7, 1), reason="复核不合格", actor=None)
    assert not Certificate.objects.valid_on(dt.date(2025, 8, 1)).filter(pk=cert.pk).exists()
    events = list(AuditLog.objects.for_object(firm).values_list("event_type", flat=True))
    assert events == [EnterpriseEvent.CERTIFICATE_REVOKED, EnterpriseEvent.CERTIFICATE_ADDED]


def test_certificate_ending_before_it_starts_is_refused(make_enterprise: Any) -> None:
    with pytest.raises(ValidationError):
        actions.add_certificate(
            make_enterprise(),
            programme=Programme.TECH_SME,
            number="2025511100A0001",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2024, 12, 31),
            actor=None,
        )


def test_add_ip_asset_audits_on_the_enterprise(make_enterprise: Any) -> None:
    firm = make_enterprise()
    actions.add_ip_asset(
        firm,
        kind="invention_patent",
        ip_class="I",
        number="ZL202310000001.2",
        title="一种多晶硅还原炉",
        actor=None,
    )
    assert AuditLog.objects.for_object(firm).get().event_type == EnterpriseEvent.IP_ADDED


def test_record_incident_is_audited_and_refuses_future_dates(make_enterprise: Any) -> None:
    import time_machine

    from jiazhou_web.enterprises.models import Incident

    firm = make_enterprise()
    with time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC), tick=False):
        actions.record_incident(
            firm, occurred_on=dt.date(2026, 3, 1), kind="major_safety", source="tax", actor=None
        )
        with pytest.raises(ValidationError):
            actions.record_incident(
                firm,
                occurred_on=dt.date(2026, 12, 5),
                kind="major_safety",
                source="tax",
                actor=None,
            )
        with pytest.raises(ValidationError):
            actions.record_incident(
                firm, occurred_on=dt.date(2026, 3, 1), kind="fire", source="tax", actor=None
            )
    assert Incident.objects.filter(enterprise=firm).count() == 1
    assert AuditLog.objects.filter(event_type=EnterpriseEvent.INCIDENT_RECORDED).count() == 1
