"""The result of evaluating one target at one date, and the wording of its status light."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from jiazhou.targets.projection import Projection
from jiazhou.targets.records import PeriodBasis, Target

__all__ = ["LaterNote", "Light", "TargetEvaluation"]

Light = Literal["green", "yellow", "red", "grey"]
LaterNote = Literal["late_met", "fell_after"]
_LATER_ZH: dict[LaterNote, str] = {"late_met": "逾期完成", "fell_after": "期后回落"}


@dataclass(frozen=True)
class TargetEvaluation:
    """Everything the dashboard shows for one target on ``at``.

    - ``threshold``: the value to reach in the indicator's unit (2 × base for 倍增; the rate
      in % for growth kinds; N for 前N名; 1 = done for ``achieve``).
    - ``current_*``: the latest observation used, with its period notation and period basis
      (``stated``/``inferred``/``uncertain``/``unstated``) so the UI can qualify it.
    - ``attainment_pct``: 完成率, current ÷ threshold (threshold ÷ current when lower is better).
    - ``progress_pct``: share of the distance from the base to the threshold covered; None
      when no base is known (the trend then judges the pace).
    - ``elapsed_pct``: 序时进度 on ``at``; ``schedule_pct``: 序时进度 on the observation's date,
      the one progress is compared with.
    - ``gap``: what is still missing, in the indicator's unit (places for ranks); 0 when met.
    - ``later_*``: the last value dated after the due date (up to ``at``), shown as
      information only: ``later_note`` is ``late_met`` (逾期完成: missed on the due date, met
      later) or ``fell_after`` (期后回落: met on the due date, below target later), else None.
    - ``rule``: a stable code of the rule that set the light; ``explanation_zh`` /
      ``explanation_en`` say it in words.
    """

    target: Target
    at: date
    light: Light
    rule: str
    explanation_zh: str
    explanation_en: str
    threshold: float | None = None
    met: bool | None = None
    current_value: float | None = None
    current_on: date | None = None
    current_period: str | None = None
    current_basis: PeriodBasis | None = None
    attainment_pct: float | None = None
    progress_pct: float | None = None
    elapsed_pct: float | None = None
    schedule_pct: float | None = None
    gap: float | None = None
    base_value: float | None = None
    base_source: str = ""
    benchmark_value: float | None = None
    projection: Projection | None = None
    observation_ids: tuple[str, ...] = ()
    bases: tuple[PeriodBasis, ...] = ()
    later_value: float | None = None
    later_on: date | None = None
    later_period: str | None = None
    later_note: LaterNote | None = None

    @property
    def later_note_zh(self) -> str:
        """「逾期完成」 / 「期后回落」, or empty."""
        return _LATER_ZH[self.later_note] if self.later_note else ""

    @property
    def explanation(self) -> str:
        """Chinese first, English second."""
        return f"{self.explanation_zh}\n{self.explanation_en}"
