"""The demo loader: synthetic firms through the bulk action, synthetic certificates matching the
generator's flags, seed-named real firms with citations and no figures, the enterprise persona."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from jiazhou.synthetic import generate_population
from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises import demo
from jiazhou_web.enterprises.choices import EnterpriseEvent, Programme
from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.models import Certificate, Enterprise, EnterpriseFigure

pytestmark = pytest.mark.django_db
SIZE = 60


@pytest.fixture
def loaded(db: Any) -> DemoContext:
    ctx = DemoContext(size=SIZE, say=lambda _: None)
    demo.load(ctx)
    return ctx


def test_synthetic_firms_are_stored_with_every_generated_figure(loaded: DemoContext) -> None:
    synthetic = Enterprise.objects.filter(synthetic=True)
    assert synthetic.count() == SIZE
    assert all(name.endswith("（模拟）") for name in synthetic.values_list("name", flat=True))
    panel = generate_population(n_firms=SIZE, years=demo.YEARS, seed=loaded.seed)
    annual = [c for c in panel.columns if c in annual_field_map()]
    expected = sum(panel.select(pl.col(annual).is_not_null().sum()).row(0))
    figures = EnterpriseFigure.objects.filter(enterprise__synthetic=True)
    assert figures.count() == expected
    assert set(figures.values_list("source", flat=True)) == {"synthetic"}
    imported = AuditLog.objects.filter(event_type=EnterpriseEvent.IMPORTED).count()
    assert imported == SIZE


def test_certificates_follow_the_generators_flags(loaded: DemoContext) -> None:
    panel = generate_population(n_firms=SIZE, years=demo.YEARS, seed=loaded.seed)
    latest = panel.filter(pl.col("fiscal_year") == panel["fiscal_year"].max())
    for programme, flag in (
        (Programme.HNTE, "hnte_certified"),
        (Programme.TECH_SME, "tech_sme_registered"),
    ):
        flagged = set(latest.filter(pl.col(flag))["uscc"].to_list())
        holders = set(
            Certificate.objects.valid_on()
            .filter(programme=programme)
            .values_list("enterprise__uscc", flat=True)
        )
        assert holders == flagged
    assert not Certificate.objects.filter(synthetic=False).exists()


def test_real_firms_carry_only_stated_facts_with_their_citation(loaded: DemoContext) -> None:
    real = Enterprise.objects.filter(synthetic=False)
    assert real.count() == 20
    assert not EnterpriseFigure.objects.filter(enterprise__synthetic=False).exists()
    assert set(real.values_list("uscc", flat=True)) == {None}
    yongxiang = real.get(name="四川永祥股份有限公司")
    assert yongxiang.region.code == "511112"
    assert "seeds/003_505faebe72d87312.txt" in yongxiang.source_note
    weilide = real.get(name="四川伟力得能源股份有限公司")
    assert weilide.zone is not None and "链主企业" in weilide.source_note


def test_enterprise_persona_sees_its_own_zone_firm_only(loaded: DemoContext) -> None:
    user = loaded.personas[Role.ENTERPRISE_USER]
    assert user.username == "demo_enterprise"
    visible = Enterprise.objects.for_user(user)
    assert visible.count() == 1
    firm = visible.get()
    assert firm.synthetic and firm.zone is not None
