"""The near-eligible shortlist: the firms a year of help could carry over a programme's line.

A failing (or not yet decidable) firm is *near* a programme when, by default:

- it has at most ``max_blocking`` blocking conditions (unmet required gates; a failure on the
  score alone counts as one, criteria.md §8.8);
- each unmet gate has a relative gap (criteria.md §8.8: ``gap / requirement``) above 0 and at
  most ``max_rel_gap`` — a condition without a measurable gap (a listing, an incident, a
  residency, or a gate unmet for another reason than its shown value) is not something a year
  of help closes, so it keeps the firm off the list;
- at most ``max_unknown`` required data items are missing (a firm we know nothing about is a
  data task, not a cultivation candidate);
- when it fails on the score alone, its best reachable score is within ``score_margin`` points of
  the pass mark.

The rest stay reachable behind a filter ("all failing firms"). Thresholds are per programme and
overridable (web: ``settings.NEAR_ELIGIBLE``); the defaults are local choices (tag L) to be
confirmed by the bureau.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from jiazhou.schemes.model import Scheme


@dataclass(frozen=True)
class NearRule:
    """How near is near, for one programme."""

    max_blocking: int = 2
    max_rel_gap: float = 0.25
    max_unknown: int = 0
    score_margin: float = 10.0

    def describe_zh(self) -> str:
        """The rule in one Chinese sentence (shown above the list)."""
        return (
            f"未满足的硬性条件不超过 {self.max_blocking} 项，且每项差距不超过要求的 "
            f"{self.max_rel_gap:.0%}；缺失数据不超过 {self.max_unknown} 项；"
            f"仅因评分未过线的，最高可得分距分数线不超过 {self.score_margin:g} 分"
        )

    def describe_en(self) -> str:
        """The same rule in English (the English switch)."""
        return (
            f"at most {self.max_blocking} mandatory conditions unmet, each short of its "
            f"requirement by at most {self.max_rel_gap:.0%}; at most {self.max_unknown} values "
            f"missing; a firm failing on the score alone is at most {self.score_margin:g} points "
            "below the pass mark at its best"
        )


# Programme code (jiazhou_web Programme values) → its rule. L: local defaults.
PROGRAMME_RULES: dict[str, NearRule] = {
    "hnte": NearRule(max_blocking=2, max_rel_gap=0.25, score_margin=10.0),
    "tech_sme": NearRule(max_blocking=2, max_rel_gap=0.25, score_margin=10.0),
    "innovative_sme": NearRule(max_blocking=2, max_rel_gap=0.25, score_margin=10.0),
    "srdi_sme": NearRule(max_blocking=2, max_rel_gap=0.25, score_margin=10.0),
    "little_giant": NearRule(max_blocking=2, max_rel_gap=0.25, score_margin=10.0),
    "gazelle": NearRule(max_blocking=1, max_rel_gap=0.25),
    "unicorn": NearRule(max_blocking=1, max_rel_gap=0.25),
}


def rule_for(programme: str, overrides: Mapping[str, Mapping[str, Any]] | None = None) -> NearRule:
    """The programme's rule with ``overrides[programme]`` (field → value) applied."""
    rule = PROGRAMME_RULES.get(programme, NearRule())
    changes = dict((overrides or {}).get(programme, {}))
    unknown = set(changes) - set(NearRule.__dataclass_fields__)
    if unknown:
        raise ValueError(f"未知的近达标参数 / unknown near-eligible settings: {sorted(unknown)}")
    return replace(rule, **changes)


def is_near(
    rule: NearRule,
    *,
    n_unmet: int,
    n_unknown: int,
    failed: bool,
    unmet_rel_gaps: Iterable[float | None],
    shortfalls: Iterable[tuple[str, float, float]] = (),
) -> bool:
    """Whether one failing result is on the shortlist (the rule the web list filters by).

    ``shortfalls``: for a failure on the score alone, :func:`score_shortfalls`.
    """
    score_only = failed and n_unmet == 0
    if n_unmet + int(score_only) > rule.max_blocking or n_unknown > rule.max_unknown:
        return False
    if any(g is None or g <= 0 or g > rule.max_rel_gap for g in unmet_rel_gaps):
        return False
    return not score_only or score_is_near(rule, shortfalls)


def score_shortfalls(
    scheme: Scheme, item_max: Mapping[str, float], total_max: float | None
) -> list[tuple[str, float, float]]:
    """``(node, required, short)`` of each score condition a failure misses at best: the pass mark
    against the best total, and each ``min_points`` node (item or group minimum such as 63号
    创新能力 ≥ 20) against its best (``item_max``: each item's best points)."""
    o = scheme.outcome
    best: dict[str, float] = {i.id: float(item_max.get(i.id, 0.0)) for i in scheme.items}
    groups = {g.id: g for g in scheme.groups}

    def node(nid: str) -> float:
        if nid in best:
            return best[nid]
        g = groups[nid]
        kids = [i.id for i in scheme.items if i.group == nid]
        kids += [c.id for c in scheme.groups if c.parent == nid]
        values = [node(k) for k in kids]
        total = (max(values) if values else 0.0) if g.combine == "max" else sum(values)
        return min(total, g.max) if g.max is not None else total

    out = [(nid, need, need - node(nid)) for nid, need in o.min_points.items() if node(nid) < need]
    if o.pass_mark is not None:
        top = total_max if total_max is not None else 0.0
        short = o.pass_mark - top
        if o.pass_op == ">":  # noqa: S105 (an operator, not a password)
            short += 1  # integer scores (195号): > 70 means at least 71
        if short > 0:
            out.append(("total", o.pass_mark, short))
    return out


def score_is_near(rule: NearRule, shortfalls: Iterable[tuple[str, float, float]]) -> bool:
    """A failure on the score alone is near when each shortfall is within ``max_rel_gap`` of
    its requirement and the points missing (the largest shortfall: a point counts towards the
    total and its group at once) are within ``score_margin``."""
    shorts = list(shortfalls)
    if not shorts:
        return True
    if any(short / need > rule.max_rel_gap for _, need, short in shorts if need > 0):
        return False
    return max(short for _, _, short in shorts) <= rule.score_margin


def shortfall_text(scheme: Scheme, shortfalls: Iterable[tuple[str, float, float]]) -> str:
    """「创新能力 还差 5 分（不低于 20 分）；总分 还差 3 分（分数线 60 分）」."""
    names = {g.id: g.label_zh for g in scheme.groups} | {i.id: i.label_zh for i in scheme.items}
    strict = scheme.outcome.pass_op == ">"  # noqa: S105 (an operator, not a password)
    return "；".join(
        f"总分还差 {short:g} 分（须{'高于' if strict else '不低于'} {need:g} 分）"
        if nid == "total"
        else f"{names.get(nid, nid)}得分还差 {short:g} 分（不低于 {need:g} 分）"
        for nid, need, short in shortfalls
    )
