"""Scoring runs: results stored with scheme version and data hash; identical input is reused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.choices import ScoringEvent
from jiazhou_web.scoring.models import CriterionResult, ScoringRun, UnitResult

pytestmark = pytest.mark.django_db


def test_a_run_stores_a_summary_per_firm_and_every_criterion(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    ready = hnte_firm()
    short = hnte_firm(tech_staff=5)  # 5 % of 100 employees < 10 % (32号 第十一条(四))
    [outcome] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    run = outcome.run
    assert outcome.created
    assert (run.scheme_code, run.scheme_version, run.eval_year) == ("hnte-2016", "2016.1", 2025)
    assert len(run.data_hash) == 64 and run.programme == "hnte"
    assert run.unit_count == 2
    good = UnitResult.objects.get(run=run, enterprise=ready)
    bad = UnitResult.objects.get(run=run, enterprise=short)
    assert bad.status == "fail" and bad.n_unmet >= 1
    assert good.n_unmet == 0
    h4 = CriterionResult.objects.get(unit=bad, criterion="H4")
    assert h4.status == "unmet"
    assert h4.value == pytest.approx(0.05) and h4.requirement == pytest.approx(0.10)
    assert h4.gap == 6  # ceil((0.1 × 100 − 5) / 0.9) persons, criteria.md §1.3
    n_criteria = len(run.criteria)
    assert CriterionResult.objects.filter(unit=good).count() == n_criteria
    assert AuditLog.objects.filter(event_type=ScoringEvent.RUN_STORED).count() == 1


def test_scoring_identical_data_again_reuses_the_run(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    hnte_firm()
    [first] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    [again] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    assert not again.created and again.run.pk == first.run.pk
    assert ScoringRun.objects.count() == 1 and UnitResult.objects.count() == 1
    assert AuditLog.objects.filter(event_type=ScoringEvent.RUN_STORED).count() == 1


def test_changed_data_makes_a_new_run_that_becomes_current(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    firm = hnte_firm()
    [first] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    firm.figures.filter(field="tech_staff", fiscal_year=2024).update(value=3)
    [second] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    assert second.created and second.run.data_hash != first.run.data_hash
    current = UnitResult.objects.get(enterprise=firm, current=True)
    assert current.run == second.run and current.status == "fail"
    assert UnitResult.objects.filter(enterprise=firm).count() == 2  # history is kept


def test_an_earlier_year_scored_later_does_not_replace_the_current_result(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    firm = hnte_firm()
    [y2025] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2024, actor=city_admin)
    assert UnitResult.objects.get(enterprise=firm, current=True).run == y2025.run
