"""compute_run: engine results stored once per (year, framework version, input hash), audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiazhou_web.core.models import AuditLog
from jiazhou_web.indices import actions
from jiazhou_web.indices.choices import IndexEvent
from jiazhou_web.indices.models import GapContribution, IndexRun, IndexScore
from jiazhou_web.indices.tests.conftest import report

pytestmark = pytest.mark.django_db


def test_a_run_stores_scores_ranks_and_one_audit_row(definition: Any) -> None:
    outcome = actions.compute_run(definition, 2025, actor=None)
    assert outcome.created
    run = outcome.run
    city = IndexScore.objects.get(run=run, region__code="511100", node="leshan_sti")
    county = IndexScore.objects.get(run=run, region__code="511112", node="leshan_sti")
    assert city.rank == 1 and county.rank is not None and county.rank > 1
    assert (
        AuditLog.objects.filter(event_type=IndexEvent.RUN_COMPUTED, object_id=str(run.pk)).count()
        == 1
    )


def test_the_city_index_is_the_weighted_sum_of_capped_ratios(definition: Any) -> None:
    """index-methods.md §1.4: D = Σ w_eff · min(100, 100·x/s) over the indicators."""
    run = actions.compute_run(definition, 2025, actor=None).run
    score = IndexScore.objects.get(run=run, region__code="511100", node="leshan_sti").score
    # CITY_2025 by block: env (10/20, 0/1, 30/50), input 1.45/2.5, output (0.95/1.54, 6/10),
    # hitech (335/300→100, 6/10, 14/20, 2/4, 70/200), develop (5.2/10, 22/50, 520/1000, 88/100).
    env = (50 + 0 + 60) / 3
    inp = 100 * 1.45 / 2.5
    out = (100 * 0.95 / 1.54 + 60) / 2
    hitech = (100 + 60 + 70 + 50 + 35) / 5
    develop = (52 + 44 + 52 + 88) / 4
    expected = 0.19 * (env + inp + out + hitech) + 0.24 * develop
    assert score == pytest.approx(expected)


def test_recomputing_identical_inputs_reuses_the_stored_run(definition: Any) -> None:
    first = actions.compute_run(definition, 2025, actor=None)
    again = actions.compute_run(definition, 2025, actor=None)
    assert not again.created and again.run.pk == first.run.pk
    assert IndexRun.objects.count() == 1
    assert AuditLog.objects.filter(event_type=IndexEvent.RUN_COMPUTED).count() == 1


def test_a_newly_approved_value_makes_a_new_run(definition: Any, regions: dict[str, Any]) -> None:
    first = actions.compute_run(definition, 2025, actor=None).run
    report(regions["511102"], "2025", {"rd_intensity": 1.2})
    second = actions.compute_run(definition, 2025, actor=None)
    assert second.created and second.run.data_hash != first.data_hash
    assert IndexScore.objects.filter(run=second.run, region__code="511102").exists()


def test_gap_contributions_are_ordered_by_points_gained(definition: Any) -> None:
    run = actions.compute_run(definition, 2025, actor=None).run
    gains = list(
        GapContribution.objects.filter(run=run, region__code="511100")
        .order_by("order")
        .values_list("gain", flat=True)
    )
    assert gains == sorted(gains, reverse=True)
    incubator = GapContribution.objects.get(
        run=run, region__code="511100", indicator="new_national_tech_sme_incubators"
    )
    # 0 of 1 incubator: reaching it adds its whole effective weight 0.19/3 × 100 points.
    assert incubator.gain == pytest.approx(100 * 0.19 / 3)


def test_a_county_officer_may_not_compute(definition: Any, county_officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.compute_run(definition, 2025, actor=county_officer)


def test_a_year_without_approved_values_is_refused(definition: Any) -> None:
    with pytest.raises(ValidationError, match="2019"):
        actions.compute_run(definition, 2019, actor=None)
