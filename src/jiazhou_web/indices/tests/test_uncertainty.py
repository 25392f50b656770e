"""compute_uncertainty: rank bands per region and Sobol indices per uncertain choice."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.core.models import AuditLog
from jiazhou_web.indices import actions
from jiazhou_web.indices.choices import IndexEvent, SobolOutput
from jiazhou_web.indices.models import RankBand, SobolIndex, UncertaintyResult

pytestmark = pytest.mark.django_db


def test_bands_cover_every_ranked_region_and_sobol_every_choice(computed: Any) -> None:
    analysis = UncertaintyResult.objects.get(run=computed)
    assert analysis.replications == 256 * (2 + 2)  # Saltelli: N(d + 2), two factors
    bands = RankBand.objects.filter(analysis=analysis)
    assert {b.region.code for b in bands} == {"511100", "511112", "LS-HTZ"}
    for band in bands:
        assert band.rank_lo <= band.median_rank <= band.rank_hi
    factors = set(
        SobolIndex.objects.filter(analysis=analysis, output=SobolOutput.SUMMARY).values_list(
            "factor", flat=True
        )
    )
    assert factors == set(analysis.factors) and len(factors) == 2


def test_the_same_design_is_computed_once(computed: Any) -> None:
    again = actions.compute_uncertainty(computed, actor=None)
    assert not again.created
    assert AuditLog.objects.filter(event_type=IndexEvent.UNCERTAINTY_COMPUTED).count() == 1
