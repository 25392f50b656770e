"""Every write of 科技项目: one transaction, one audit row, state changes conditional on the
state the caller saw (core.audit.transition), who may do it asked of core.access."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.projects import (
    Applicant,
    DrawError,
    Tie,
    aggregate_scores,
    can_move,
    draw_experts,
    load_rules,
    rank_aggregates,
)
from jiazhou.projects import (
    Expert as EngineExpert,
)
from jiazhou.projects.acceptance import AcceptanceRules
from jiazhou.projects.conflicts import ConflictRules
from jiazhou_web.core import audit
from jiazhou_web.core.access import can, require
from jiazhou_web.core.magnitude import check_fits
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.numbering import next_number
from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.projects.choices import STATE_LABELS, CallState, ProjectEvent, State
from jiazhou_web.projects.models import (
    Application,
    Assignment,
    Call,
    Exclusion,
    Expert,
    ExternalProject,
    Milestone,
)

RULES = load_rules()
ACCEPTANCE = AcceptanceRules.from_table(RULES["acceptance"])
CONFLICTS = ConflictRules.from_table(RULES["conflicts"])
PUBLICITY_WORKING_DAYS = 5  # [U] 公示 of 立项 results: 5 working days (local configuration)

#: target state → the verb that moves an application there (the firm submits and applies for
#: acceptance; the bureau does the rest).
MOVE_VERB: dict[str, str] = {
    State.SUBMITTED: "projects.apply",
    State.ACCEPTANCE_APPLIED: "projects.apply",
}


def _today() -> dt.date:
    return timezone.localdate()


def _money(value: Any, field: str, model: type[Any] = Application) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"「{field}」不是有效金额：{value} / not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(f"「{field}」须为非负金额 / must be a non-negative amount")
    return amount


def _fits(model: type[Any], field_name: str, value: Decimal, label: str) -> None:
    problem = check_fits(value, model, field_name)
    if problem:
        raise ValidationError(f"「{label}」{problem[0]} / {problem[1]}")


@transaction.atomic
def create_call(
    *,
    actor: Any,
    code: str,
    title: str,
    year: int,
    field: str,
    budget_yuan: Any,
    max_per_project_yuan: Any,
    opens: dt.date,
    closes: dt.date,
    eligible_programmes: list[str] | None = None,
    experts_per_application: int = 5,
) -> Call:
    require(actor, "projects.manage")
    budget = _money(budget_yuan, "财政预算")
    cap = _money(max_per_project_yuan, "单项最高支持")
    _fits(Call, "budget_yuan", budget, "财政预算")
    _fits(Call, "max_per_project_yuan", cap, "单项最高支持")
    if closes < opens:
        raise ValidationError("申报截止日不能早于开始日 / the call closes before it opens")
    if cap > budget:
        raise ValidationError(
            "单项最高支持不能超过财政预算 / the per-project cap exceeds the budget"
        )
    if not 1 <= experts_per_application <= 15:
        raise ValidationError("每项评审专家数须在 1–15 之间 / 1-15 experts per application")
    call = audit.create_unique(
        Call,
        f"指南编号 {code} 已存在 / call {code} already exists",
        code=code,
        title=title,
        year=year,
        field=field,
        budget_yuan=budget,
        max_per_project_yuan=cap,
        opens=opens,
        closes=closes,
        eligible_programmes=list(eligible_programmes or []),
        experts_per_application=experts_per_application,
    )
    audit.record(ProjectEvent.CALL_CREATED, actor=actor, target=call, after={"code": code})
    return call


@transaction.atomic
def set_call_state(call: Call, to: str, *, actor: Any) -> Call:
    require(actor, "projects.manage")
    allowed: dict[str, str] = {CallState.DRAFT: CallState.OPEN, CallState.OPEN: CallState.CLOSED}
    if allowed.get(call.state) != to:
        raise ValidationError("指南状态不能这样变更 / the call cannot move to that state")
    audit.transition(call, ProjectEvent.CALL_STATE, actor=actor, field="state", to=to)
    return call


def eligibility_problems(call: Call, enterprise: Enterprise, today: dt.date) -> list[str]:
    """Why ``enterprise`` may not apply to ``call`` today (empty: it may)."""
    problems = []
    if call.state != CallState.OPEN or not call.opens <= today <= call.closes:
        problems.append(
            f"该指南不在申报期内（{call.opens:%Y-%m-%d} 至 {call.closes:%Y-%m-%d}） / "
            "the call is not open"
        )
    if call.eligible_programmes:
        held = set(
            Certificate.objects.filter(
                enterprise=enterprise, programme__in=call.eligible_programmes
            )
            .valid_on(today)
            .values_list("programme", flat=True)
        )
        if not held:
            from jiazhou_web.enterprises.choices import Programme

            names = "、".join(str(Programme(p).label) for p in call.eligible_programmes)
            problems.append(f"申报单位须持有有效资质之一：{names} / a qualification is required")
    return problems


@transaction.atomic
def create_application(
    call: Call,
    enterprise: Enterprise,
    *,
    actor: Any,
    title: str,
    requested_yuan: Any,
    summary: str = "",
    co_applicants: list[str] | None = None,
    team: list[str] | None = None,
    shareholders: list[str] | None = None,
) -> Application:
    require(actor, "projects.apply", enterprise)
    amount = _money(requested_yuan, "申请财政资金")
    if amount <= 0:
        raise ValidationError("「申请财政资金」须大于 0 / the amount must be positive")
    if amount > call.max_per_project_yuan:
        raise ValidationError(
            f"申请资金超过指南单项最高支持（{call.max_per_project_yuan:,.0f} 元） / "
            "above the call's cap"
        )
    problems = eligibility_problems(call, enterprise, _today())
    if problems:
        raise ValidationError(problems)
    year = _today().year
    number = f"{call.code}-{next_number('projects.application', year):04d}"
    application = audit.create_unique(
        Application,
        f"「{title}」已申报该指南 / this project was already filed",
        call=call,
        number=number,
        enterprise=enterprise,
        title=title.strip(),
        summary=summary,
        requested_yuan=amount,
        co_applicants=list(co_applicants or []),
        team=list(team or []),
        shareholders=list(shareholders or []),
    )
    audit.record(
        ProjectEvent.APPLICATION_CREATED, actor=actor, target=application, after={"number": number}
    )
    return application


def may_move(user: Any, application: Application, to: str) -> bool:
    """Whether ``user`` may move ``application`` to state ``to`` now (pages and actions)."""
    if not can_move(application.state, to):
        return False
    return can(user, MOVE_VERB.get(to, "projects.manage"), application)


def _move(
    application: Application,
    to: str,
    *,
    actor: Any,
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> Application:
    verb = MOVE_VERB.get(to, "projects.manage")
    if not can(actor, verb, application):
        raise PermissionDenied("无权执行该操作 / not permitted")
    if not can_move(application.state, to):
        raise ValidationError(
            f"项目当前为「{STATE_LABELS[application.state]}」，不能变为「{STATE_LABELS[to]}」 / "
            f"cannot move from {application.state} to {to}"
        )
    values = dict(changes or {})
    if note:
        values["state_note"] = note
    audit.transition(
        application,
        ProjectEvent.APPLICATION_MOVED,
        actor=actor,
        field="state",
        to=to,
        changes=values,
        after={"note": note} if note else None,
    )
    return application


@transaction.atomic
def submit(application: Application, *, actor: Any) -> Application:
    problems = eligibility_problems(application.call, application.enterprise, _today())
    if problems:
        raise ValidationError(problems)
    return _move(
        application, State.SUBMITTED, actor=actor, changes={"submitted_at": timezone.now()}
    )


@transaction.atomic
def form_check(
    application: Application, outcome: str, *, actor: Any, note: str = ""
) -> Application:
    """形式审查: ``pass`` / ``return`` (补正, a reason required) / ``reject`` (a reason required)."""
    target = {"pass": State.FORM_CHECKED, "return": State.RETURNED, "reject": State.REJECTED}
    if outcome not in target:
        raise ValidationError("审查结论无效 / unknown outcome")
    if outcome != "pass" and not note.strip():
        raise ValidationError("退回补正或不予受理须写明理由 / give the reason")
    return _move(application, target[outcome], actor=actor, note=note.strip())


def _engine_expert(e: Expert) -> EngineExpert:
    def ties(rows: list[Any]) -> tuple[Tie, ...]:
        out = []
        for row in rows:
            if isinstance(row, dict):
                out.append(Tie(str(row["party"]), row.get("since"), row.get("until")))
            else:
                out.append(Tie(str(row)))
        return tuple(out)

    return EngineExpert(
        key=e.code,
        name=e.name,
        fields=frozenset(e.fields),
        affiliations=ties(e.affiliations),
        collaborators=ties(e.collaborators),
        relatives=frozenset(e.relatives),
        holdings=ties(e.holdings),
        declared=frozenset(e.declared),
        active=e.active,
    )


def applicant_of(application: Application) -> Applicant:
    firm = application.enterprise
    return Applicant(
        unit=firm.uscc or firm.name,
        co_units=frozenset(application.co_applicants),
        team=frozenset(application.team),
        shareholders=frozenset(application.shareholders),
    )


@transaction.atomic
def draw(application: Application, *, actor: Any, seed: int | None = None) -> list[Assignment]:
    """Draw the call's number of experts of its field, 回避 applied; start the expert review."""
    require(actor, "projects.manage", application)
    call = application.call
    seed = secrets.randbits(48) if seed is None else seed
    pool = [_engine_expert(e) for e in Expert.objects.all()]
    try:
        result = draw_experts(
            pool,
            applicant_of(application),
            field=call.field,
            n=call.experts_per_application,
            rules=CONFLICTS,
            year=_today().year,
            seed=seed,
        )
    except DrawError as exc:
        raise ValidationError(str(exc)) from None
    _move(application, State.EXPERT_REVIEW, actor=actor)
    by_code = {e.code: e for e in Expert.objects.filter(code__in=[x.key for x in result.chosen])}
    assignments = [
        Assignment.objects.create(application=application, expert=by_code[x.key], seed=seed)
        for x in result.chosen
    ]
    excluded = {
        e.code: e for e in Expert.objects.filter(code__in=[x.key for x, _ in result.excluded])
    }
    for expert, found in result.excluded:
        Exclusion.objects.create(
            application=application,
            expert=excluded[expert.key],
            reasons=[c.reason for c in found],
        )
    audit.record(
        ProjectEvent.EXPERTS_DRAWN,
        actor=actor,
        target=application,
        after={"experts": [x.key for x in result.chosen], "seed": seed},
        extra={"excluded": {x.key: [c.rule for c in cs] for x, cs in result.excluded}},
    )
    return assignments


def _own_assignment(assignment: Assignment, actor: Any) -> None:
    require(actor, "projects.review")
    if assignment.expert.user_id is None or assignment.expert.user_id != actor.pk:
        raise PermissionDenied("只能处理分配给本人的评审任务 / not your review")
    state = Application.objects.filter(pk=assignment.application_id).values_list("state", flat=True)
    if state.first() != State.EXPERT_REVIEW:
        raise ValidationError("该项目不在专家评审阶段 / the project is not under review")


@transaction.atomic
def record_score(
    assignment: Assignment, score: Any, *, actor: Any, comment: str = ""
) -> Assignment:
    """The expert's score (0–100), once; a second submission is refused."""
    _own_assignment(assignment, actor)
    if assignment.declined:
        raise ValidationError("已申明回避，不能评分 / you declared a conflict")
    if assignment.scored_at is not None:
        raise ValidationError("已提交评分，不能修改 / already scored")
    value = _money(score, "评分")
    if value > 100:
        raise ValidationError("「评分」须在 0–100 之间 / a score is 0-100")
    audit.claim(
        assignment,
        {"score": value.quantize(Decimal("0.01")), "comment": comment, "scored_at": timezone.now()},
        unchanged=["scored_at"],
    )
    audit.record(
        ProjectEvent.SCORE_RECORDED,
        actor=actor,
        target=assignment.application,
        after={"expert": assignment.expert.code, "score": str(value)},
    )
    return assignment


@transaction.atomic
def declare_conflict(assignment: Assignment, *, actor: Any, reason: str) -> Assignment | None:
    """The expert declines for a conflict; a replacement is drawn (None if the pool is empty)."""
    _own_assignment(assignment, actor)
    if not reason.strip():
        raise ValidationError("请写明回避理由 / give the reason")
    audit.claim(
        assignment, {"declined": True, "comment": reason}, unchanged=["declined", "scored_at"]
    )
    application = assignment.application
    Exclusion.objects.create(
        application=application, expert=assignment.expert, reasons=[f"本人申明回避：{reason}"]
    )
    drawn = frozenset(application.assignments.values_list("expert__code", flat=True))
    try:
        result = draw_experts(
            [_engine_expert(e) for e in Expert.objects.all()],
            applicant_of(application),
            field=application.call.field,
            n=1,
            rules=CONFLICTS,
            year=_today().year,
            seed=assignment.seed + len(drawn),
            already=drawn,
        )
    except DrawError:
        replacement = None
    else:
        expert = Expert.objects.get(code=result.chosen[0].key)
        replacement = Assignment.objects.create(
            application=application, expert=expert, seed=result.seed
        )
    audit.record(
        ProjectEvent.CONFLICT_DECLARED,
        actor=actor,
        target=application,
        after={
            "expert": assignment.expert.code,
            "replacement": replacement.expert.code if replacement else None,
        },
    )
    return replacement


@transaction.atomic
def rank_call(call: Call, *, actor: Any) -> dict[str, int]:
    """Aggregate the scores of every application under review (all scores in) and rank them."""
    require(actor, "projects.manage")
    review = RULES["review"]
    pending = list(
        Application.objects.select_for_update()
        .filter(call=call, state=State.EXPERT_REVIEW)
        .order_by("pk")
    )
    if not pending:
        raise ValidationError("没有处于专家评审阶段的项目 / nothing under review")
    means: dict[str, Decimal] = {}
    for application in pending:
        scores = [
            a.score for a in application.assignments.filter(declined=False) if a.score is not None
        ]
        waiting = application.assignments.filter(declined=False, score__isnull=True).count()
        if waiting or not scores:
            raise ValidationError(
                f"项目 {application.number} 尚有 {waiting} 名专家未评分 / scores missing"
            )
        result = aggregate_scores(
            scores, trim_from=review["trim_from"], decimals=review["decimals"]
        )
        means[application.number] = result.mean
    ranks = rank_aggregates(means)
    for application in pending:
        _move(
            application,
            State.RANKED,
            actor=actor,
            changes={"score": means[application.number], "rank": ranks[application.number]},
        )
    audit.record(ProjectEvent.RANKED, actor=actor, target=call, after={"ranks": ranks})
    return ranks


@transaction.atomic
def approve(application: Application, *, actor: Any, amount_yuan: Any) -> Application:
    amount = _money(amount_yuan, "立项资金")
    if not 0 < amount <= application.requested_yuan:
        raise ValidationError("立项资金须大于 0 且不超过申请额 / 0 < amount ≤ requested")
    return _move(application, State.APPROVED, actor=actor, changes={"approved_yuan": amount})


@transaction.atomic
def not_approve(application: Application, *, actor: Any, note: str) -> Application:
    if not note.strip():
        raise ValidationError("请写明未立项理由 / give the reason")
    return _move(application, State.NOT_APPROVED, actor=actor, note=note)


@transaction.atomic
def publicise(application: Application, *, actor: Any) -> Application:
    """公示 for PUBLICITY_WORKING_DAYS working days from today."""
    from jiazhou_web.supervision.working_calendar import current_calendar

    ends = current_calendar().add_working_days(_today(), PUBLICITY_WORKING_DAYS)
    return _move(application, State.PUBLICISED, actor=actor, changes={"publicity_ends": ends})


@transaction.atomic
def contract(application: Application, *, actor: Any, start: dt.date, end: dt.date) -> Application:
    """任务书 signed after the 公示 period has ended."""
    if application.publicity_ends and _today() <= application.publicity_ends:
        raise ValidationError(
            f"公示期至 {application.publicity_ends:%Y-%m-%d}，期满后方可签订任务书 / "
            "the publicity period has not ended"
        )
    if end <= start:
        raise ValidationError("任务书截止日须晚于开始日 / the end must be after the start")
    mode = ACCEPTANCE.mode(application.approved_yuan or Decimal(0))
    return _move(
        application,
        State.CONTRACTED,
        actor=actor,
        changes={"contract_start": start, "contract_end": end, "acceptance_mode": mode},
    )


@transaction.atomic
def start(application: Application, *, actor: Any) -> Application:
    return _move(application, State.IN_PROGRESS, actor=actor)


@transaction.atomic
def add_milestone(
    application: Application, *, actor: Any, title: str, due: dt.date, budget_yuan: Any = None
) -> Milestone:
    require(actor, "projects.manage", application)
    if application.state not in (State.CONTRACTED, State.IN_PROGRESS):
        raise ValidationError("签订任务书后方可添加节点 / add milestones after the contract")
    start, end = application.contract_start, application.contract_end
    if start is not None and end is not None and not start <= due <= end:
        raise ValidationError("节点日期须在任务书期限内 / the milestone is outside the contract")
    budget = None if budget_yuan in (None, "") else _money(budget_yuan, "节点预算")
    milestone = Milestone.objects.create(
        application=application, title=title.strip(), due=due, budget_yuan=budget
    )
    audit.record(
        ProjectEvent.MILESTONE_ADDED,
        actor=actor,
        target=application,
        after={"title": milestone.title, "due": due.isoformat()},
    )
    return milestone


@transaction.atomic
def complete_milestone(milestone: Milestone, *, actor: Any, on: dt.date | None = None) -> Milestone:
    application = milestone.application
    if not (
        can(actor, "projects.apply", application) or can(actor, "projects.manage", application)
    ):
        raise PermissionDenied("无权执行该操作 / not permitted")
    if milestone.done_on is not None:
        raise ValidationError(f"该节点已于 {milestone.done_on:%Y-%m-%d} 完成 / already done")
    day = on or _today()
    audit.claim(milestone, {"done_on": day}, unchanged=["done_on"])
    audit.record(
        ProjectEvent.MILESTONE_DONE,
        actor=actor,
        target=application,
        after={"title": milestone.title, "done_on": day.isoformat()},
    )
    return milestone


@transaction.atomic
def apply_for_acceptance(application: Application, *, actor: Any) -> Application:
    return _move(
        application,
        State.ACCEPTANCE_APPLIED,
        actor=actor,
        changes={"acceptance_applied_on": _today()},
    )


@transaction.atomic
def decide_acceptance(
    application: Application, outcome: str, *, actor: Any, note: str = ""
) -> Application:
    """验收结论: ``pass`` / ``rectify`` (one 整改 chance) / ``fail``; after 整改: ``pass`` / ``fail``."""
    if application.state == State.RECTIFYING:
        target = {"pass": State.ACCEPTED_AFTER_FIX, "fail": State.NOT_ACCEPTED}
    else:
        target = {"pass": State.ACCEPTED, "rectify": State.RECTIFYING, "fail": State.NOT_ACCEPTED}
    if outcome not in target:
        raise ValidationError("验收结论无效 / unknown outcome")
    if outcome != "pass" and not note.strip():
        raise ValidationError("整改或不通过须写明理由 / give the reason")
    return _move(application, target[outcome], actor=actor, note=note)


@transaction.atomic
def midterm_check(application: Application, *, actor: Any) -> Application:
    """中期检查 starts (the project stays under contract)."""
    return _move(application, State.MIDTERM_CHECK, actor=actor)


@transaction.atomic
def midterm_result(application: Application, outcome: str, *, actor: Any, note: str) -> Application:
    """中期检查 result: ``continue`` (back to 实施中) or ``terminate`` (a reason required)."""
    if not note.strip():
        raise ValidationError("请写明检查意见 / give the finding")
    target = {"continue": State.IN_PROGRESS, "terminate": State.TERMINATED}
    if outcome not in target:
        raise ValidationError("检查结论无效 / unknown outcome")
    return _move(application, target[outcome], actor=actor, note=note)


@transaction.atomic
def extend(
    application: Application, *, actor: Any, asked_on: dt.date, new_end: dt.date
) -> Application:
    """A 延期 granted by the bureau: asked ≥ 3 months before expiry, at most 12 months, once."""
    require(actor, "projects.manage", application)
    if application.state not in (State.IN_PROGRESS, State.MIDTERM_CHECK):
        raise ValidationError("仅实施中的项目可延期 / only projects in progress")
    end = application.contract_end
    if end is None:
        raise ValidationError("项目尚未签订任务书 / no contract yet")
    if AuditLog.objects.for_object(application).filter(event_type=ProjectEvent.EXTENDED).exists():
        raise ValidationError("项目已延期过一次，不能再次延期 / extended once already")
    problems = ACCEPTANCE.check_extension(end, asked_on, new_end)
    if problems:
        raise ValidationError(problems)
    audit.claim(application, {"contract_end": new_end}, unchanged=["contract_end"])
    audit.record(
        ProjectEvent.EXTENDED,
        actor=actor,
        target=application,
        before={"contract_end": end.isoformat()},
        after={"contract_end": new_end.isoformat(), "asked_on": asked_on.isoformat()},
    )
    return application


@transaction.atomic
def evaluate_performance(application: Application, *, actor: Any, note: str) -> Application:
    """绩效评价 after acceptance."""
    if not note.strip():
        raise ValidationError("请填写绩效评价结论 / give the evaluation")
    return _move(application, State.EVALUATED, actor=actor, note=note)


@transaction.atomic
def archive(application: Application, *, actor: Any) -> Application:
    return _move(application, State.ARCHIVED, actor=actor)


def overdue_acceptance(today: dt.date) -> Any:
    """Projects whose acceptance materials are overdue (30日 after the 任务书 end, 攀科发〔2021〕22号)."""
    last_end = today - dt.timedelta(days=ACCEPTANCE.materials_within_days + 1)
    return Application.objects.filter(
        state__in=[State.IN_PROGRESS, State.MIDTERM_CHECK], contract_end__lte=last_end
    )


@transaction.atomic
def link_item(application: Application, item: Any, *, actor: Any) -> None:
    """Point a 三张清单 item (the key-project list) at the project record."""
    require(actor, "projects.manage", application)
    if application.items.filter(pk=item.pk).exists():
        raise ValidationError("已关联该督办事项 / already linked")
    application.items.add(item)
    audit.record(
        ProjectEvent.ITEM_LINKED, actor=actor, target=application, after={"item": item.code}
    )


@transaction.atomic
def record_external(*, actor: Any, **fields: Any) -> ExternalProject:
    """A national or provincial project of a local unit (for the city's 国省项目 figures)."""
    require(actor, "projects.manage")
    funding = _money(fields.get("funding_yuan"), "财政支持")
    _fits(ExternalProject, "funding_yuan", funding, "财政支持")
    project = ExternalProject.objects.create(**{**fields, "funding_yuan": funding})
    audit.record(
        ProjectEvent.EXTERNAL_RECORDED, actor=actor, target=project, after=project.as_dict()
    )
    return project
