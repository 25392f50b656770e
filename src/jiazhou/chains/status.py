"""Segment status (docs/specs/next-capabilities.md §5.4, our proposal [U]).

Order of the rules (the first that holds decides, and is returned as the reason):

1. ``missing`` — no local, active, *operating* firm in the segment. Projects still under
   construction do not count as output (§5.5 case 1) but set the ``pipeline`` flag.
2. ``thin`` — exactly one firm, or the top firm holds more than 80% of the segment's revenue.
3. ``weak_tech`` — no platform (省级+) and no technology source (contract or 成果) in the last
   3 years.
4. ``ok``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

THIN_TOP_SHARE = Decimal("0.80")  # [U] §5.4: top firm > 80% of segment revenue → thin
TECH_WINDOW_YEARS = 3  # [U] §5.4: no platform and no contract in 3 years → weak_tech
STALE_AFTER_DAYS = 365  # [U] our proposal: an attachment not re-verified for a year is 陈旧


class SegmentStatus(StrEnum):
    MISSING = "missing"
    THIN = "thin"
    WEAK_TECH = "weak_tech"
    OK = "ok"


@dataclass(frozen=True)
class SegmentFacts:
    """What the segment holds today. ``revenues`` has one entry per local operating firm (元;
    ``None`` when unknown)."""

    revenues: tuple[Decimal | None, ...] = ()
    n_pipeline_projects: int = 0
    n_platforms: int = 0
    tech_source_dates: tuple[dt.date, ...] = ()
    has_chain_master: bool = False
    n_open_issues: int = 0

    @property
    def n_firms(self) -> int:
        return len(self.revenues)


@dataclass(frozen=True)
class StatusResult:
    status: SegmentStatus
    rule: str  # Chinese: which rule decided, with the numbers
    pipeline: bool
    top_share: Decimal | None


def top_share(revenues: tuple[Decimal | None, ...]) -> Decimal | None:
    known = [r for r in revenues if r is not None and r > 0]
    if not known:
        return None
    return max(known) / sum(known)


def segment_status(facts: SegmentFacts, *, today: dt.date) -> StatusResult:
    pipeline = facts.n_pipeline_projects > 0
    share = top_share(facts.revenues)
    if facts.n_firms == 0:
        extra = f"；在建项目 {facts.n_pipeline_projects} 个（不计入产出）" if pipeline else ""
        return StatusResult(SegmentStatus.MISSING, "本地在产企业 0 家" + extra, pipeline, None)
    if facts.n_firms == 1:
        return StatusResult(SegmentStatus.THIN, "本地在产企业仅 1 家", pipeline, share)
    if share is not None and share > THIN_TOP_SHARE:
        pct = (share * 100).quantize(Decimal("0.1"))
        return StatusResult(
            SegmentStatus.THIN, f"首位企业营收占环节 {pct}%（> 80%）", pipeline, share
        )
    cutoff = _years_before(today, TECH_WINDOW_YEARS)
    recent = [d for d in facts.tech_source_dates if d >= cutoff]
    if facts.n_platforms == 0 and not recent:
        return StatusResult(
            SegmentStatus.WEAK_TECH,
            f"无省级以上平台，且近 {TECH_WINDOW_YEARS} 年（{cutoff:%Y-%m-%d} 起）无技术合同/成果",
            pipeline,
            share,
        )
    return StatusResult(
        SegmentStatus.OK,
        f"本地在产企业 {facts.n_firms} 家，平台 {facts.n_platforms} 个，近三年技术来源 {len(recent)} 项",
        pipeline,
        share,
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_days(verified_at: dt.date | None, today: dt.date) -> int | None:
    """How old a verification is, in days (``None`` if never verified)."""
    return None if verified_at is None else (today - verified_at).days
