"""培育库联动: published evaluations feed the cultivation pools (issue 18).

* **Flags**: a firm whose latest published result of a scheme is class A (亩均) or in the top
  share of its cohort by rank (创新积分制, no classes) is flagged on the pool pages;
* **帮扶**: on publication, each graded C/D firm (exempt firms are not graded) gets an action in
  its 一企一策 plan, through the pools actions (``pools.actions.plan_for`` / ``add_plan_action``),
  due a configured number of working days later (``jiazhou.worktime`` via the holiday table).

The rule numbers live in ``data/policy.toml`` ``[cultivation]`` ([U] local configuration).
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils import timezone

from jiazhou_web.evaluations.choices import RunState
from jiazhou_web.evaluations.models import EvaluationResult, EvaluationRun
from jiazhou_web.evaluations.policy import POLICY_FILE


@dataclass(frozen=True)
class CultivationRules:
    flag_grades: tuple[str, ...]
    top_share: float
    support_grades: tuple[str, ...]
    support_due_working_days: int
    tag: str


@cache
def rules() -> CultivationRules:
    data = tomllib.loads(POLICY_FILE.read_text(encoding="utf-8"))["cultivation"]
    return CultivationRules(
        flag_grades=tuple(data["flag_grades"]),
        top_share=float(data["top_share"]),
        support_grades=tuple(data["support_grades"]),
        support_due_working_days=int(data["support_due_working_days"]),
        tag=str(data["tag"]),
    )


def top_cut(cohort_size: int | None, share: float) -> int:
    """The last rank inside the top ``share`` of a cohort (at least 1): ceil(share × n)."""
    return max(1, math.ceil(round(share * (cohort_size or 0), 9)))


def flag_of(result: EvaluationResult, graded: bool) -> str:
    """The pool flag a result earns ("" for none)."""
    r = rules()
    if result.exempt:
        return ""
    if graded:
        return f"{result.grade}类" if result.grade in r.flag_grades else ""
    if result.rank is not None and result.rank <= top_cut(result.cohort_size, r.top_share):
        return f"前{r.top_share:.0%}"
    return ""


def support_of(result: EvaluationResult, graded: bool) -> bool:
    return graded and not result.exempt and result.grade in rules().support_grades


@dataclass(frozen=True)
class Flag:
    enterprise_id: int
    run: EvaluationRun
    result: EvaluationResult
    label: str  # "A类", "前10%" (flag) or "C类" (帮扶)
    support: bool

    @property
    def text(self) -> str:
        title = f"{self.run.eval_year}年度{self.run.scheme_title}"
        return f"{title}：{self.label}" + ("（帮扶对象）" if self.support else "（优先培育）")


def latest_published(enterprise_ids: Iterable[int]) -> list[EvaluationResult]:
    """Each firm's result in the latest published run of every scheme (one query)."""
    rows = (
        EvaluationResult.objects.filter(
            enterprise_id__in=list(enterprise_ids), run__state=RunState.PUBLISHED
        )
        .select_related("run")
        .order_by("enterprise_id", "run__scheme_code", "-run__eval_year", "-run__published_at")
    )
    seen: set[tuple[int, str]] = set()
    out = []
    for r in rows:
        key = (r.enterprise_id, r.run.scheme_code)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def flags_for(enterprise_ids: Iterable[int]) -> dict[int, list[Flag]]:
    """enterprise id → its flags from the latest published evaluations."""
    out: dict[int, list[Flag]] = {}
    for r in latest_published(enterprise_ids):
        graded = r.run.graded
        label = flag_of(r, graded)
        support = support_of(r, graded)
        if support:
            label = f"{r.grade}类"
        if label:
            out.setdefault(r.enterprise_id, []).append(
                Flag(r.enterprise_id, r.run, r, label, support)
            )
    return out


def support_prefix(run: EvaluationRun) -> str:
    return f"{run.eval_year}年度{run.scheme_title}评为"


def support_title(run: EvaluationRun, grade: str) -> str:
    """The 帮扶 action's title in the firm's plan (its prefix finds it again)."""
    return f"{support_prefix(run)}{grade}类：制定亩均效益提升帮扶措施"


def add_support_actions(run: EvaluationRun, *, actor: Any, today: dt.date | None = None) -> int:
    """On publication: a 帮扶 action in the plan of each graded C/D firm (pools actions, each
    auditing itself). Called inside ``publish_run``'s transaction; returns how many."""
    from jiazhou_web.pools import actions as pools
    from jiazhou_web.supervision.working_calendar import current_calendar

    graded = run.graded
    if not graded:
        return 0
    due = current_calendar().add_working_days(
        today or timezone.localdate(), rules().support_due_working_days
    )
    results = run.results.filter(grade__in=rules().support_grades, exempt=False).select_related(
        "enterprise"
    )
    n = 0
    for result in results.order_by("enterprise__name", "id"):
        plan = pools.plan_for(result.enterprise, actor=actor)
        pools.add_plan_action(plan, title=support_title(run, result.grade), due_on=due, actor=actor)
        n += 1
    return n
