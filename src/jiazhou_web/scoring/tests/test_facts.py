"""Facts builder: ORM rows → the engine's panel (one row per firm × fiscal year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.scoring.facts import build_facts

pytestmark = pytest.mark.django_db


def test_panel_has_one_row_per_firm_and_year_with_each_field_as_a_typed_column(
    hnte_firm: Callable[..., Any],
) -> None:
    a = hnte_firm(tech_staff=7)
    hnte_firm(zone=True)
    facts = build_facts(Enterprise.objects.all())
    assert facts.panel.height == 6
    row = facts.panel.filter((pl.col("uscc") == a.uscc) & (pl.col("fiscal_year") == 2024))
    assert row["tech_staff"].item() == 7.0
    assert row["sales_revenue_hnte"].item() == 30_000_000.0
    assert facts.panel.schema["major_incident"] == pl.Boolean
    assert row["major_incident"].item() is False


def test_identity_maps_model_fields_to_catalogue_codes(hnte_firm: Callable[..., Any]) -> None:
    firm = hnte_firm(region="511112", zone=True)
    ident = build_facts(Enterprise.objects.all()).identity.row(0, named=True)
    assert ident["uscc"] == firm.uscc
    assert ident["region_code"] == "511112"
    assert ident["in_zone"] is True
    assert ident["tech_field"] == "1"  # 电子信息 is field 1 of the 32号 annex
    assert ident["sme_size_class"] == "small"
    assert ident["registration_date"] == dt.date(2015, 1, 1)


def test_fields_without_any_figure_are_null_columns_not_missing(
    hnte_firm: Callable[..., Any],
) -> None:
    hnte_firm()
    panel = build_facts(Enterprise.objects.all()).panel
    assert "valuation" in panel.columns
    assert panel["valuation"].null_count() == panel.height


def test_title_flags_come_from_certificates_valid_at_year_end(
    hnte_firm: Callable[..., Any],
) -> None:
    firm = hnte_firm()
    Certificate.objects.create(
        enterprise=firm,
        programme="hnte",
        number="GR202351000001",
        valid_from=dt.date(2023, 11, 1),
        valid_to=dt.date(2026, 10, 31),
    )
    panel = build_facts(Enterprise.objects.all()).panel.sort("fiscal_year")
    assert panel["hnte_certified"].to_list() == [False, True, True]
    assert panel["tech_sme_registered"].to_list() == [False, False, False]


def test_the_data_hash_changes_with_a_figure_and_only_then(
    hnte_firm: Callable[..., Any],
) -> None:
    firm = hnte_firm()
    first = build_facts(Enterprise.objects.all()).data_hash
    assert build_facts(Enterprise.objects.all()).data_hash == first
    firm.figures.filter(field="tech_staff", fiscal_year=2024).update(value=8)
    assert build_facts(Enterprise.objects.all()).data_hash != first


def test_only_the_given_firms_are_read(hnte_firm: Callable[..., Any]) -> None:
    a = hnte_firm(region="511112")
    hnte_firm(region="511102")
    facts = build_facts(Enterprise.objects.filter(region__code="511112"))
    assert facts.panel["uscc"].unique().to_list() == [a.uscc]
    assert facts.identity.height == 1


def test_dated_incidents_reach_the_engine_and_judge_h8_from_the_application_date(
    hnte_firm: Callable[..., Any],
) -> None:
    """32号 第十一条(八): an incident in the application year (2025-03-01) fails H8 in 2025;
    one 457 days before the default application date 2025-06-30 does not, although it fell in
    fiscal year Y-1 (the yearly flag read before issue 12 failed it)."""
    from jiazhou.schemes import load_scheme, score
    from jiazhou_web.enterprises.models import Incident

    recent, old, clean = hnte_firm(), hnte_firm(), hnte_firm()
    Incident.objects.create(
        enterprise=recent, occurred_on=dt.date(2025, 3, 1), kind="major_safety", source="tax"
    )
    Incident.objects.create(
        enterprise=old, occurred_on=dt.date(2024, 3, 30), kind="major_quality", source="tax"
    )
    facts = build_facts(Enterprise.objects.all())
    assert facts.events.height == 2
    result = score(
        facts.panel, load_scheme("hnte-2016"), 2025, identity=facts.identity, events=facts.events
    )
    h8 = dict(zip(result.wide["uscc"], result.wide["H8__status"], strict=True))
    assert (h8[recent.uscc], h8[old.uscc], h8[clean.uscc]) == (1, 0, 0)  # unmet, met, met
    assert facts.data_hash != build_facts(Enterprise.objects.filter(pk=clean.pk)).data_hash
