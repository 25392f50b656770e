"""我的资质: every programme with its scored status and gaps, certificates and their expiry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jiazhou_web.enterprises.actions import add_certificate, set_annual_figures
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.programmes import schemes_for

pytestmark = pytest.mark.django_db


def score(firm: Any) -> None:
    year = timezone.localdate().year
    set_annual_figures(
        firm,
        year - 1,
        {"employees_total": 40, "tech_staff": 6, "operating_revenue": Decimal(20_000_000)},
        source="tax",
        as_of=dt.date(year, 3, 31),
        actor=None,
    )
    schemes = list(schemes_for(year).values())
    score_enterprises(Enterprise.objects.filter(pk=firm.pk), schemes, year, actor=None)


def test_programmes_with_status_gaps_and_expiring_certificate(firm: Any, firm_user: Any) -> None:
    today = timezone.localdate()
    add_certificate(
        firm,
        programme="hnte",
        number="GR202451000999",
        valid_from=today - dt.timedelta(days=3 * 365 - 100),
        valid_to=today + dt.timedelta(days=100),  # within the 180-day reminder
        actor=None,
    )
    score(firm)
    client = Client()
    client.force_login(firm_user)
    page = client.get("/workspace/qualifications/").content.decode()
    assert "GR202451000999" in page
    assert "即将到期，请准备重新认定" in page
    assert "高新技术企业证书（GR202451000999）将于" in client.get("/workspace/").content.decode()
    assert "尚未评估" not in page.split("高新技术企业")[1].split("</tr>")[0]
    assert "还差" in page  # a programme the firm does not meet says what it lacks


def test_a_condition_only_programme_shows_no_score(firm: Any, firm_user: Any) -> None:
    """瞪羚 and 独角兽 check conditions and award no points: their total of 0 is not a score;
    高企 and 科小 award points, which are shown."""
    from jiazhou_web.pools.assessment import stored_cards

    score(firm)
    cards = {card.programme: card for card in stored_cards(firm)}
    assert cards["gazelle"].status and cards["gazelle"].score == ""
    assert cards["unicorn"].status and cards["unicorn"].score == ""
    assert cards["tech_sme"].score != ""
