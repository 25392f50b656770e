"""Target progress within a user's scope: database rows in, ``jiazhou.targets`` evaluations out.

The web layer only converts rows (``as_engine_row``) and groups results; attainment, 序时进度,
gap, projection and the status light with its rule text all come from the engine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou.targets.batch import evaluate_targets
from jiazhou.targets.evaluation import TargetEvaluation
from jiazhou.targets.periods import parse_period
from jiazhou.targets.records import Observation as EngineObservation
from jiazhou.targets.records import Target as EngineTarget
from jiazhou.targets.records import observation_from_row, target_from_row
from jiazhou_web.core.request_cache import memo
from jiazhou_web.monitoring.choices import PeriodBasis
from jiazhou_web.monitoring.models import Observation, Target

LIGHTS = ("red", "yellow", "green", "grey")
LIGHT_LABELS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "grey": "灰灯"}  # Chinese files
#: the lights on the pages, in the reader's language
LIGHT_NAMES = {"red": _("Red"), "yellow": _("Yellow"), "green": _("Green"), "grey": _("Grey")}
LIGHT_COLOURS = {"red": "#d9363e", "yellow": "#e6b800", "green": "#2e9d4a", "grey": "#a0a7b0"}


def show_synthetic(request: HttpRequest) -> bool:
    """模拟数据 shown? Off everywhere with JIAZHOU_SHOW_SYNTHETIC=0; per page with ?synthetic=0."""
    if not settings.JIAZHOU_SHOW_SYNTHETIC:
        return False
    return request.GET.get("synthetic", "1") != "0"


@dataclass(frozen=True)
class TargetStatus:
    """One target with its engine evaluation and whether 模拟数据 went into it."""

    target: Target
    evaluation: TargetEvaluation
    synthetic: bool

    @property
    def light(self) -> str:
        return self.evaluation.light

    @property
    def light_label(self) -> str:
        return str(LIGHT_NAMES[self.evaluation.light])

    @property
    def basis_label(self) -> str:
        """观测期依据 of the value used, when it is not simply stated."""
        basis = self.evaluation.current_basis
        return "" if basis in (None, "stated") else str(PeriodBasis(basis).label)

    @property
    def lagging(self) -> bool:
        return self.evaluation.light in ("red", "yellow")


def approved_observations(user: Any, *, synthetic: bool) -> QuerySet[Observation]:
    """What feeds dashboards for ``user``: in scope, approved or published, 模拟数据 optional."""
    return (
        Observation.objects.for_user(user)
        .approved()
        .shown(synthetic=synthetic)
        .select_related("indicator", "region", "submission__region")
    )


def scoped_targets(user: Any, *, synthetic: bool) -> QuerySet[Target]:
    targets = Target.objects.for_user(user).select_related(
        "indicator", "region", "parent_region", "share_of", "indicator__responsible_department"
    )
    return targets if synthetic else targets.filter(synthetic=False)


@dataclass(frozen=True)
class EngineInput:
    """Approved observations as the target engine reads them, and which are 模拟数据."""

    observations: list[EngineObservation]
    synthetic_ids: frozenset[str]
    sources: frozenset[str] = frozenset()  # the source files the values came from


def engine_input(observations: Iterable[Observation]) -> EngineInput:
    parsed, synthetic_ids, sources = [], set(), set()
    for o in observations:
        row = o.as_engine_row()
        parsed.append(observation_from_row(row))
        if o.synthetic:
            synthetic_ids.add(row["obs_id"])
        if o.source_file:
            sources.add(o.source_file)
    return EngineInput(parsed, frozenset(synthetic_ids), frozenset(sources))


@lru_cache(maxsize=100_000)
def _parsed(values: tuple[Any, ...]) -> EngineObservation:
    """The engine's observation for one row of :attr:`Observation.ENGINE_FIELDS` values.
    A pure function of the whole row, so a row read again (the same values) is parsed once
    per process; an edited or new row has other values and is parsed afresh."""
    return observation_from_row(
        Observation.engine_row(dict(zip(Observation.ENGINE_FIELDS, values, strict=True)))
    )


def approved_engine_input(user: Any, *, synthetic: bool) -> EngineInput:
    """:func:`approved_observations` as engine rows, read once per request as plain values:
    the home page and the dashboards evaluate every target in scope, and building ≈ 1,400
    observation models with their related rows was most of their time."""

    def read() -> EngineInput:
        rows = approved_observations(user, synthetic=synthetic).values_list(
            *Observation.ENGINE_FIELDS, "synthetic", "source_file"
        )
        observations, synthetic_ids, sources = [], set(), set()
        for *values, is_synthetic, source_file in rows:
            observation = _parsed(tuple(values))
            observations.append(observation)
            if is_synthetic:
                synthetic_ids.add(observation.obs_id)
            if source_file:
                sources.add(source_file)
        return EngineInput(observations, frozenset(synthetic_ids), frozenset(sources))

    return memo(("monitoring.approved_engine", getattr(user, "pk", None), synthetic), read)


def evaluate(
    targets: Iterable[Target], observations: Sequence[Observation] | EngineInput, at: date
) -> list[TargetStatus]:
    """Evaluate every target on ``at`` against ``observations`` (the engine filters them)."""
    data = observations if isinstance(observations, EngineInput) else engine_input(observations)
    targets = list(targets)
    evaluations = evaluate_targets(
        [target_from_row(t.as_engine_row()) for t in targets], data.observations, at
    )
    return [
        TargetStatus(
            target,
            evaluation,
            target.synthetic or any(i in data.synthetic_ids for i in evaluation.observation_ids),
        )
        for target, evaluation in zip(targets, evaluations, strict=True)
    ]


def statuses_for(
    user: Any, *, synthetic: bool, at: date | None = None, **filters: Any
) -> list[TargetStatus]:
    """Every target in ``user``'s scope, evaluated on ``at`` (default today)."""
    day = at or timezone.localdate()
    data = approved_engine_input(user, synthetic=synthetic)
    return evaluate(scoped_targets(user, synthetic=synthetic).filter(**filters), data, day)


@lru_cache(maxsize=10_000)
def _engine_target(values: tuple[Any, ...]) -> EngineTarget:
    """The engine's target for one row of :attr:`Target.ENGINE_FIELDS` values (a pure function
    of the row, like :func:`_parsed`)."""
    return target_from_row(Target.engine_row(dict(zip(Target.ENGINE_FIELDS, values, strict=True))))


def evaluations_for(
    user: Any, *, synthetic: bool, at: date | None = None
) -> list[TargetEvaluation]:
    """The engine's evaluations of :func:`statuses_for` without the target models: the home
    page's cards need only the lights, and reading every target with its five related rows was
    about 40 % of the city's card."""
    day = at or timezone.localdate()
    data = approved_engine_input(user, synthetic=synthetic)
    rows = scoped_targets(user, synthetic=synthetic).values_list(*Target.ENGINE_FIELDS)
    return evaluate_targets([_engine_target(tuple(r)) for r in rows], data.observations, day)


def light_counts(statuses: Iterable[TargetStatus | TargetEvaluation]) -> dict[str, int]:
    counts = Counter(s.light for s in statuses)
    return {light: counts.get(light, 0) for light in LIGHTS}


def summary_by(statuses: Iterable[TargetStatus], dimension: str) -> list[dict[str, Any]]:
    """Counts by light per 责任单位 (``dimension="department"``) or per region (``"region"``):
    one row per group with ``label``, ``counts`` (light → n) and ``total``.

    Departments are listed by most red, then most yellow; regions keep the city first (as
    the whole, never ranked among its own districts), then the counties and the zone in
    code order — a summary, not a ranking.
    """
    groups: dict[str, Counter[str]] = {}
    order: dict[str, tuple[Any, ...]] = {}
    for s in statuses:
        if dimension == "department":
            unit = s.target.indicator.responsible_department
            label = unit.name if unit is not None else str(_("No responsible department"))
            key: tuple[Any, ...] = (unit is None, label)
        else:
            region = s.target.region
            label = str(region)
            key = (region.kind != "city", region.code)
        groups.setdefault(label, Counter())[s.light] += 1
        order[label] = key
    rows: list[dict[str, Any]] = [
        {
            "label": label,
            "counts": {light: c.get(light, 0) for light in LIGHTS},
            "total": sum(c.values()),
        }
        for label, c in groups.items()
    ]
    if dimension == "department":
        rows.sort(
            key=lambda r: (
                order[r["label"]][0],
                -r["counts"]["red"],
                -r["counts"]["yellow"],
                r["label"],
            )
        )
    else:
        rows.sort(key=lambda r: order[r["label"]])
    return rows


def data_as_of(observations: Iterable[Observation | EngineObservation]) -> date | None:
    """数据截至: the latest date any shown value describes (period end or reporting date)."""
    days = []
    for obs in observations:
        end = parse_period(obs.period).end
        if end is not None:
            days.append(min(end, obs.reported_on) if obs.reported_on else end)
    return max(days) if days else None
