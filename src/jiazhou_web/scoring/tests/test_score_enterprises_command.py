"""The cron command scores like the web and reuses the run when nothing changed."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from jiazhou_web.scoring.models import ScoringRun, UnitResult

pytestmark = pytest.mark.django_db


def test_the_command_stores_then_reuses(hnte_firm: Callable[..., Any]) -> None:
    hnte_firm(region="511112")
    hnte_firm(region="511102")
    out = io.StringIO()
    call_command("score_enterprises", "--scheme", "hnte-2016", "--year", "2025", stdout=out)
    call_command("score_enterprises", "--scheme", "hnte-2016", "--year", "2025", stdout=out)
    assert ScoringRun.objects.count() == 1 and UnitResult.objects.count() == 2
    assert "reused" in out.getvalue().splitlines()[1]


def test_the_command_can_be_limited_to_a_region(hnte_firm: Callable[..., Any]) -> None:
    hnte_firm(region="511112")
    hnte_firm(region="511102")
    call_command(
        "score_enterprises",
        "--scheme",
        "hnte-2016",
        "--year",
        "2025",
        "--region",
        "511112",
        stdout=io.StringIO(),
    )
    assert UnitResult.objects.get().enterprise.region.code == "511112"


def test_an_unknown_scheme_is_a_clear_error(db: Any) -> None:
    with pytest.raises(CommandError, match="未知方案"):
        call_command("score_enterprises", "--scheme", "nope-2099", stdout=io.StringIO())
