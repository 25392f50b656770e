"""Every write of 政策兑现 and 创新券: one transaction, one audit row, state changes conditional
(``audit.transition``: of two concurrent approvals one wins, the other gets a clear message).

Messages are Chinese first, then English, and name the field and the rule.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from jiazhou.policies import (
    Clause,
    allocate,
    amount_for,
    evaluate,
    fen_to_yuan,
    list_policies,
    load_policy,
)
from jiazhou.policies.clock import publicity_end
from jiazhou.policies.engine import explanations
from jiazhou.policies.vouchers import (
    FLAG_ZH,
    REFUSAL_ZH,
    Order,
    Party,
    ProviderFacts,
    VoucherRule,
    date_refusal,
    fraud_flags,
    pay,
)
from jiazhou_web.core import audit
from jiazhou_web.core.access import can, for_user, require
from jiazhou_web.core.numbering import next_number
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.facts import build_facts
from jiazhou_web.subsidies.choices import (
    REVIEW_STAGES,
    AppState,
    BatchState,
    LineState,
    ObjectionState,
    OrderState,
    ProviderState,
    SubsidyEvent,
    Track,
    VoucherState,
)
from jiazhou_web.subsidies.models import (
    Application,
    ClauseVersion,
    Clawback,
    Objection,
    Opinion,
    PaymentBatch,
    PaymentLine,
    PolicyDoc,
    Provider,
    Voucher,
    VoucherBatch,
    VoucherOrder,
)
from jiazhou_web.supervision.working_calendar import current_calendar

CENT = Decimal("0.01")
ACCOUNT = re.compile(r"^\d{8,30}$")


def _now() -> dt.datetime:
    return timezone.now()


def _today() -> dt.date:
    return timezone.localdate()


def parse_money(raw: Any, field: str) -> Decimal:
    """A form amount in 元: a number ≥ 0 with at most two decimals, else a message naming it."""
    try:
        d = Decimal(str(raw).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"「{field}」须为数字 / {field}: not a number") from None
    if not d.is_finite() or d < 0:
        raise ValidationError(f"「{field}」须为非负数 / {field}: must be >= 0")
    if d != d.quantize(CENT):
        raise ValidationError(f"「{field}」最多两位小数（分）/ {field}: at most two decimals")
    if d >= Decimal("1e12"):
        raise ValidationError(f"「{field}」超出合理范围 / {field}: out of range")
    return d.quantize(CENT)


# --- policy library --------------------------------------------------------------------------


def _amount_zh(clause: Clause) -> str:
    a = clause.amount
    if a is None:
        return "金额未公布（条款金额为空），只核验条件、不测算金额"
    labels = {f.name: f.label_zh or "申报基数" for f in clause.scheme.fields}

    def wan(fen: int) -> str:
        return f"{fen_to_yuan(fen) / 10000:,.2f}万元"

    def edge(b: Any) -> str:
        return f"({wan(b.lo)}, {wan(b.hi) if b.hi else '∞'}]"

    if a.kind == "fixed":
        text = f"定额 {wan(a.value)}"
    elif a.kind == "rate":
        text = f"{float(a.rate) * 100:g}% × {labels.get(a.base or '', '申报基数')}"
    elif a.kind == "bands":
        text = "分档定额：" + "；".join(f"{edge(b)} → {wan(b.amount)}" for b in a.bands)
    else:
        text = "分段超额累退：" + "；".join(
            f"{edge(b)} × {float(b.rate) * 100:g}%" for b in a.bands
        )
    if a.rounding == "thousand":
        text += "，舍去至千元"
    if clause.cap is not None:
        text += f"，封顶{wan(clause.cap)}"
    return text


@transaction.atomic
def sync_library(*, actor: Any) -> int:
    """Copy the library files into the database. A clause version already used by applications
    is never changed: a changed file with the same version is refused (bump ``version``)."""
    changed = 0
    for policy in list_policies():
        digest = hashlib.sha256(repr(policy).encode()).hexdigest()
        doc, created = PolicyDoc.objects.get_or_create(
            code=policy.code,
            version=policy.version,
            defaults={
                "title_zh": policy.title_zh,
                "document": policy.document,
                "issuer": policy.issuer,
                "status": policy.status,
                "tag": policy.tag,
                "effective_from": policy.effective_from,
                "effective_to": policy.effective_to,
                "notes": policy.notes,
                "source_hash": digest,
            },
        )
        if not created and doc.source_hash == digest:
            continue
        if not created and Application.objects.filter(clause__policy=doc).exists():
            raise ValidationError(
                f"政策 {policy.code} 版本 {policy.version} 已有申请，修改条款须提升版本号 / "
                "the policy has applications: change its version to edit clauses"
            )
        changed += 1
        PolicyDoc.objects.filter(pk=doc.pk).update(
            title_zh=policy.title_zh, status=policy.status, notes=policy.notes, source_hash=digest
        )
        for c in policy.clauses:
            ClauseVersion.objects.update_or_create(
                key=c.key,
                defaults={
                    "policy": doc,
                    "code": c.code,
                    "ref": c.ref,
                    "title_zh": c.title_zh,
                    "klass": c.klass,
                    "delivery": c.delivery,
                    "tag": c.tag,
                    "cite": c.cite[:400],
                    "priced": c.priced,
                    "amount_zh": _amount_zh(c)[:400],
                    "budget": None if c.budget is None else fen_to_yuan(c.budget),
                    "publicity_days": c.publicity_days,
                    "deadline_wd": c.deadline_wd,
                    "evidence": list(c.evidence),
                    "reviewers": list(c.reviewers),
                },
            )
    if changed:
        audit.record(SubsidyEvent.LIBRARY_SYNCED, actor=actor, after={"count": changed})
    return changed


def clause_rule(cv: ClauseVersion) -> Clause:
    """The engine clause an application was evaluated under (same policy version)."""
    policy = load_policy(cv.policy.code)
    if policy.version != cv.policy.version:
        raise ValidationError(
            f"条款版本 {cv.key} 已不在政策库中（当前版本 {policy.version}）/ clause version retired"
        )
    return policy.clause(cv.code)


def evaluate_firms(cv: ClauseVersion, enterprises: QuerySet[Enterprise], year: int) -> Any:
    facts = build_facts(enterprises)
    return evaluate([clause_rule(cv)], facts.panel, year, identity=facts.identity), facts


def _firm_of(actor: Any, enterprise: Enterprise) -> None:
    if enterprise.pk not in user_scope(actor).enterprise_ids:
        raise PermissionDenied("只能为本企业办理 / only for your own enterprise")


# --- 免申即享 ------------------------------------------------------------------------------


@transaction.atomic
def make_offers(cv: ClauseVersion, year: int, *, actor: Any) -> int:
    """Find the firms (in the officer's scope) with every condition met and push them an offer.

    Firms with an ``unknown`` stay off the list until their data arrive; firms already holding
    an application for the clause and year are skipped (idempotent: run it twice, one list).
    """
    require(actor, "subsidies.offer")
    if cv.delivery != "免申即享":
        raise ValidationError("该事项不是免申即享 / not a no-application clause")
    if not cv.priced:
        raise ValidationError(
            "该事项金额未公布，不能生成兑现名单（只可核验条件）/ amount unknown: no offers"
        )
    clause = clause_rule(cv)
    ev, facts = evaluate_firms(cv, for_user(Enterprise.objects.all(), actor), year)
    cands = ev.candidates()
    awards, _cuts = allocate(cands, ev.clauses)
    awards = awards.filter(pl.col("amount") > 0)
    ids = dict(facts.identity.select("uscc", "enterprise_id").iter_rows())
    taken = set(
        Application.objects.filter(clause=cv, year=year).values_list("enterprise__uscc", flat=True)
    )
    usccs = [u for u in awards["uscc"].to_list() if u not in taken]
    why = explanations(ev, clause.code, usccs)
    amounts = dict(awards.select("uscc", "amount").iter_rows())
    rows = [
        Application(
            clause=cv,
            enterprise_id=ids[u],
            year=year,
            track=Track.OFFER,
            state=AppState.NOTIFIED,
            computed=fen_to_yuan(amounts[u]),
            explanation={"criteria": why.get(u, []), "clause": cv.key},
        )
        for u in usccs
    ]
    Application.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    audit.record(
        SubsidyEvent.OFFERS_MADE,
        actor=actor,
        target=cv,
        after={"year": year, "count": len(rows)},
    )
    return len(rows)


def _check_account(account: str, bank: str) -> None:
    if not ACCOUNT.match(account or ""):
        raise ValidationError("「收款账号」须为8至30位数字 / bank account: 8 to 30 digits")
    if not (bank or "").strip():
        raise ValidationError("「开户行」不能为空 / bank name is required")


@transaction.atomic
def confirm_offer(
    app: Application, *, actor: Any, bank_account: str, bank_name: str, declaration: bool
) -> Application:
    require(actor, "subsidies.apply")
    _firm_of(actor, app.enterprise)
    _check_account(bank_account, bank_name)
    if not declaration:
        raise ValidationError("须勾选承诺声明 / the declaration must be accepted")
    if app.state != AppState.NOTIFIED:
        raise audit.StaleStateError(audit.stale_message(app, "state"))
    audit.transition(
        app,
        SubsidyEvent.OFFER_CONFIRMED,
        actor=actor,
        field="state",
        to=AppState.JOINT_REVIEWED,  # 免申即享 goes straight to 公示 (§1.2)
        changes={
            "bank_account": bank_account,
            "bank_name": bank_name.strip(),
            "declaration": True,
            "accepted_at": _now(),
        },
    )
    return app


@transaction.atomic
def decline_offer(app: Application, *, actor: Any) -> Application:
    require(actor, "subsidies.apply")
    _firm_of(actor, app.enterprise)
    audit.transition(
        app, SubsidyEvent.OFFER_DECLINED, actor=actor, field="state", to=AppState.DECLINED
    )
    return app


@transaction.atomic
def expire_offers(*, actor: Any) -> int:
    """Offers in the officer's scope not confirmed within ``OFFER_REPLY_WD`` working days lapse
    (spec §1.2 ``no_reply``); one audit row for the sweep."""
    from jiazhou_web.subsidies.choices import OFFER_REPLY_WD

    require(actor, "subsidies.offer")
    cal = current_calendar()
    today = _today()
    expired = []
    rows = Application.objects.for_user(actor).filter(state=AppState.NOTIFIED)
    for app in rows.select_for_update().only("pk", "created", "state"):
        made = timezone.localdate(app.created)
        if cal.working_days_between(made, today) > OFFER_REPLY_WD:
            expired.append(app.pk)
    n = Application.objects.filter(pk__in=expired, state=AppState.NOTIFIED).update(
        state=AppState.EXPIRED, updated=_now()
    )
    if n:
        audit.record(SubsidyEvent.OFFERS_EXPIRED, actor=actor, after={"count": n})
    return n


# --- 快申快享 ------------------------------------------------------------------------------


@transaction.atomic
def apply(
    cv: ClauseVersion,
    enterprise: Enterprise,
    year: int,
    *,
    actor: Any,
    base_declared: Decimal | None,
    bank_account: str,
    bank_name: str,
    declaration: bool,
) -> Application:
    """The firm applies, pre-filled from its record; a second submission for the same clause
    and year is refused (unique firm × clause × year)."""
    require(actor, "subsidies.apply")
    _firm_of(actor, enterprise)
    if cv.delivery == "免申即享":
        raise ValidationError(
            "免申即享事项无需申报，请在「政策匹配」中确认 / confirm the offer instead"
        )
    _check_account(bank_account, bank_name)
    if not declaration:
        raise ValidationError("须勾选承诺声明 / the declaration must be accepted")
    clause = clause_rule(cv)
    ev, _facts = evaluate_firms(cv, Enterprise.objects.filter(pk=enterprise.pk), year)
    row: dict[str, Any] = (
        ev.long.row(0, named=True) if ev.long.height else {"status": "unknown", "computed": None}
    )
    if row["status"] == "fail":
        raise ValidationError("企业不满足本事项条件，见「为何不符合」/ conditions not met")
    computed = (
        amount_for(clause, base_declared)
        if base_declared is not None
        else (None if row["computed"] is None else fen_to_yuan(row["computed"]))
    )
    app = audit.create_unique(
        Application,
        "本企业本年度已申报该事项，请勿重复提交 / already applied for this clause and year",
        clause=cv,
        enterprise=enterprise,
        year=year,
        track=Track.APPLY,
        state=AppState.SUBMITTED,
        base_declared=base_declared,
        computed=computed,
        bank_account=bank_account,
        bank_name=bank_name.strip(),
        declaration=True,
        explanation={
            "criteria": explanations(ev, clause.code, [str(enterprise.uscc)]).get(
                str(enterprise.uscc), []
            ),
            "clause": cv.key,
        },
    )
    audit.record(SubsidyEvent.APPLIED, actor=actor, target=app, after={"computed": str(computed)})
    return app


def _desk(actor: Any, app: Application) -> None:
    require(actor, "subsidies.accept")
    if not Application.objects.for_user(actor).filter(pk=app.pk).exists():
        raise PermissionDenied("非本属地受理范围 / not your desk's territory")


@transaction.atomic
def return_for_correction(app: Application, *, actor: Any, message: str) -> Application:
    _desk(actor, app)
    if not message.strip():
        raise ValidationError("「补正意见」不能为空 / say what must be corrected")
    if app.state not in (AppState.SUBMITTED, AppState.ACCEPTED):
        raise audit.StaleStateError(audit.stale_message(app, "state"))
    pauses = list(app.pauses)
    if app.accepted_at is not None:
        pauses.append([_now().isoformat(), None])
    audit.transition(
        app,
        SubsidyEvent.RETURNED,
        actor=actor,
        field="state",
        to=AppState.RETURNED,
        changes={"message": message.strip(), "pauses": pauses},
    )
    Opinion.objects.create(
        application=app,
        stage=f"return-{len(pauses)}-{app.opinions.count()}",
        decision="补正",
        comment=message.strip(),
        actor=audit.acting_user(actor),
    )
    return app


@transaction.atomic
def resubmit(app: Application, *, actor: Any, base_declared: Decimal | None = None) -> Application:
    require(actor, "subsidies.apply")
    _firm_of(actor, app.enterprise)
    pauses = [list(p) for p in app.pauses]
    if pauses and pauses[-1][1] is None:
        pauses[-1][1] = _now().isoformat()
    changes: dict[str, Any] = {"pauses": pauses}
    if base_declared is not None:
        changes["base_declared"] = base_declared
        changes["computed"] = amount_for(clause_rule(app.clause), base_declared)
    audit.transition(
        app,
        SubsidyEvent.RESUBMITTED,
        actor=actor,
        field="state",
        to=AppState.SUBMITTED if app.accepted_at is None else AppState.ACCEPTED,
        changes=changes,
    )
    return app


@transaction.atomic
def accept(app: Application, *, actor: Any) -> Application:
    _desk(actor, app)
    if app.state != AppState.SUBMITTED:
        _stale(app)
    audit.transition(
        app,
        SubsidyEvent.ACCEPTED,
        actor=actor,
        field="state",
        to=AppState.ACCEPTED,
        changes={"accepted_at": app.accepted_at or _now()},
    )
    return app


def _stale(app: Application) -> None:
    raise audit.StaleStateError(audit.stale_message(app, "state"))


@transaction.atomic
def reject(app: Application, *, actor: Any, message: str) -> Application:
    _desk(actor, app)
    if not message.strip():
        raise ValidationError("「不予受理理由」不能为空 / give the reason")
    if app.state != AppState.SUBMITTED:
        _stale(app)
    audit.transition(
        app,
        SubsidyEvent.REJECTED,
        actor=actor,
        field="state",
        to=AppState.REJECTED,
        changes={"message": message.strip()},
    )
    return app


def _department_name(actor: Any) -> str:
    for a in actor.role_assignments.active().select_related("department"):
        if a.department is not None:
            return str(a.department.name)
    return ""


@transaction.atomic
def review(app: Application, stage: str, *, actor: Any, approve: bool, comment: str) -> Application:
    """County (zone/county officer of the 属地), city (city admin) or joint (a department)
    opinion; a negative opinion returns the application to the firm for 补正."""
    if stage not in REVIEW_STAGES:
        raise ValidationError("未知审核环节 / unknown review stage")
    before, after, label = REVIEW_STAGES[stage]
    if not can(actor, f"subsidies.review_{stage}"):
        raise PermissionDenied(f"无权进行{label} / not your review stage")
    if stage == "county" and not Application.objects.for_user(actor).filter(pk=app.pk).exists():
        raise PermissionDenied("非本属地 / not your territory")
    if app.state != before:
        _stale(app)
    if not approve and not comment.strip():
        raise ValidationError("「审核意见」不能为空 / say why")
    department = _department_name(actor) if stage == "joint" else ""
    audit.transition(
        app,
        SubsidyEvent.REVIEWED,
        actor=actor,
        field="state",
        to=after if approve else AppState.RETURNED,
        changes={}
        if approve
        else {"message": comment.strip(), "pauses": [*app.pauses, [_now().isoformat(), None]]},
        after={"stage": label, "comment": "同意" if approve else "退回补正"},
    )
    Opinion.objects.create(
        application=app,
        stage=stage if approve else f"{stage}-{app.opinions.count()}",
        department=department,
        decision="同意" if approve else "退回补正",
        comment=comment.strip(),
        actor=audit.acting_user(actor),
    )
    return app


# --- 公示, objections, approval -----------------------------------------------------------


@transaction.atomic
def start_publicity(
    apps: Sequence[Application], *, actor: Any, start: dt.date | None = None
) -> int:
    require(actor, "subsidies.publicise")
    start = start or _today()
    cal = current_calendar()
    n = 0
    for app in apps:
        if app.state != AppState.JOINT_REVIEWED:
            continue
        end = publicity_end(cal, start, app.clause.publicity_days)
        audit.claim(
            app,
            {"state": AppState.PUBLICISED, "publicity_start": start, "publicity_end": end},
            unchanged=["state"],
        )
        n += 1
    if not n:
        raise ValidationError("没有待公示的申请 / nothing awaiting publicity")
    audit.record(
        SubsidyEvent.PUBLICITY_STARTED,
        actor=actor,
        after={"count": n, "note": f"{start.year}年{start.month}月{start.day}日起公示"},
    )
    return n


@transaction.atomic
def file_objection(app: Application, *, actor: Any, text: str, name: str) -> Objection:
    require(actor, "subsidies.view")
    if not text.strip() or not name.strip():
        raise ValidationError("异议须实名并写明事实与证据 / objections need a real name and facts")
    if app.state != AppState.PUBLICISED:
        raise ValidationError("仅在公示期内可提出异议 / only during publicity")
    if app.publicity_end and _today() > app.publicity_end:
        raise ValidationError("公示期已结束 / the publicity period has ended")
    audit.transition(
        app, SubsidyEvent.OBJECTION_FILED, actor=actor, field="state", to=AppState.OBJECTED
    )
    return Objection.objects.create(application=app, text=text.strip(), filer_name=name.strip())


@transaction.atomic
def decide_objection(objection: Objection, *, actor: Any, upheld: bool, decision: str) -> Objection:
    require(actor, "subsidies.publicise")
    if not decision.strip():
        raise ValidationError("「复核意见」不能为空 / give the decision")
    done = Objection.objects.filter(pk=objection.pk, state=ObjectionState.FILED).update(
        state=ObjectionState.UPHELD if upheld else ObjectionState.DISMISSED,
        decision=decision.strip(),
    )
    if not done:
        raise audit.StaleStateError("该异议已复核 / objection already decided")
    app = objection.application
    audit.transition(
        app,
        SubsidyEvent.OBJECTION_DECIDED,
        actor=actor,
        field="state",
        to=AppState.REJECTED if upheld else AppState.PUBLICISED,
        after={"comment": "异议成立" if upheld else "异议不成立"},
    )
    objection.refresh_from_db()
    return objection


@transaction.atomic
def approve(app: Application, *, actor: Any, amount: Decimal | None = None) -> Application:
    """After 公示 without an open objection: the approved amount (the computed one unless set)."""
    require(actor, "subsidies.publicise")
    if app.state != AppState.PUBLICISED:
        _stale(app)
    if app.publicity_end and _today() <= app.publicity_end:
        raise ValidationError(
            f"公示期至{app.publicity_end:%Y年%-m月%-d日}，期满后方可批准 / publicity still running"
        )
    value = amount if amount is not None else app.computed
    if value is None or value <= 0:
        raise ValidationError(
            "「核定金额」须大于0（金额未公布的事项须人工核定）/ set the approved amount"
        )
    audit.transition(
        app,
        SubsidyEvent.APPROVED,
        actor=actor,
        field="state",
        to=AppState.APPROVED,
        changes={"approved_amount": value},
    )
    return app


# --- payment batches ----------------------------------------------------------------------


@transaction.atomic
def create_batch(apps: Iterable[Application], *, actor: Any) -> PaymentBatch:
    """Approved applications → one batch with a line each; total = Σ lines (checked)."""
    require(actor, "subsidies.pay")
    ids = [a.pk for a in apps]
    locked = list(
        Application.objects.select_for_update()
        .filter(pk__in=ids, state=AppState.APPROVED)
        .select_related("clause")
    )
    if not locked:
        raise ValidationError("没有可列入批次的已批准申请 / no approved applications selected")
    year = _today().year
    batch = PaymentBatch.objects.create(
        number=f"BT{year}-{next_number('subsidy-batch', year):04d}",
        state=BatchState.DRAFT,
        created_by=audit.acting_user(actor),
    )
    lines = []
    for app in locked:
        amount = app.approved_amount or Decimal(0)
        rule = clause_rule(app.clause)
        city = None
        if rule is not None and rule.r_city is not None:
            city = (amount * rule.r_city.numerator / rule.r_city.denominator).quantize(
                CENT, "ROUND_FLOOR"
            )
        lines.append(
            PaymentLine(
                batch=batch,
                application=app,
                amount=amount,
                city_share=city,
                county_share=None if city is None else amount - city,
                state=LineState.PENDING,
            )
        )
    PaymentLine.objects.bulk_create(lines)
    Application.objects.filter(pk__in=[a.pk for a in locked]).update(
        state=AppState.IN_BATCH, updated=_now()
    )
    total = sum((ln.amount for ln in lines), Decimal(0))
    PaymentBatch.objects.filter(pk=batch.pk).update(total=total, line_count=len(lines))
    batch.refresh_from_db()
    check_batch(batch)
    audit.record(
        SubsidyEvent.BATCH_CREATED,
        actor=actor,
        target=batch,
        after={"line_count": len(lines), "total": str(total)},
    )
    return batch


def check_batch(batch: PaymentBatch) -> None:
    """The invariant: a batch's total equals the sum of its lines (raises if ever broken)."""
    agg = batch.lines.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if agg != batch.total or batch.lines.count() != batch.line_count:
        raise ValidationError(
            f"批次 {batch.number} 合计与明细不符 / batch total differs from its lines"
        )


@transaction.atomic
def mark_paid(
    batch: PaymentBatch, *, actor: Any, finance_voucher: str, returned: Sequence[int] = ()
) -> PaymentBatch:
    """财政 pays the batch once: a second (or concurrent) confirmation is refused."""
    require(actor, "subsidies.pay")
    if not finance_voucher.strip():
        raise ValidationError("「财政凭证号」不能为空 / finance voucher number required")
    if batch.state != BatchState.DRAFT:
        _stale_batch(batch)
    check_batch(batch)
    now = _now()
    audit.transition(
        batch,
        SubsidyEvent.BATCH_PAID,
        actor=actor,
        field="state",
        to=BatchState.PAID,
        changes={"finance_voucher": finance_voucher.strip(), "paid_at": now},
        after={"total": str(batch.total)},
    )
    back = set(returned)
    for line in batch.lines.select_related("application"):
        if line.pk in back:
            PaymentLine.objects.filter(pk=line.pk).update(
                state=LineState.RETURNED, note="账户异常退回"
            )
            Application.objects.filter(pk=line.application_id).update(
                state=AppState.APPROVED, updated=now
            )
        else:
            PaymentLine.objects.filter(pk=line.pk).update(state=LineState.PAID)
            Application.objects.filter(pk=line.application_id).update(
                state=AppState.PAID, paid_amount=line.amount, paid_at=now, updated=now
            )
    return batch


def _stale_batch(batch: PaymentBatch) -> None:
    raise audit.StaleStateError(audit.stale_message(batch, "state"))


@transaction.atomic
def claw_back(app: Application, *, actor: Any, amount: Decimal, reason: str) -> Clawback:
    require(actor, "subsidies.publicise")
    if not reason.strip():
        raise ValidationError("「追回原因」不能为空 / give the reason (e.g. 高企资格撤销)")
    if app.state != AppState.PAID:
        _stale(app)
    if amount <= 0 or amount > (app.paid_amount or Decimal(0)):
        raise ValidationError(
            "「追回金额」须大于0且不超过已拨付金额 / amount must be within what was paid"
        )
    audit.transition(
        app,
        SubsidyEvent.CLAWED_BACK,
        actor=actor,
        field="state",
        to=AppState.CLAWED_BACK,
        after={"reason": reason.strip(), "note": f"追回 {amount} 元"},
    )
    return Clawback.objects.create(
        application=app, amount=amount, reason=reason.strip(), created_by=audit.acting_user(actor)
    )


# --- 科技创新券 -------------------------------------------------------------------------------


@transaction.atomic
def create_voucher_batch(*, actor: Any, **fields: Any) -> VoucherBatch:
    require(actor, "vouchers.manage")
    if fields["valid_to"] < fields["valid_from"]:
        raise ValidationError("「有效期止」不能早于「有效期起」/ validity ends before it starts")
    if not (Decimal(0) < fields["share"] <= 1):
        raise ValidationError("「券付比例」须在0到1之间 / share must be within (0, 1]")
    batch = audit.create_unique(VoucherBatch, "批次号已存在 / batch code exists", **fields)
    audit.record(SubsidyEvent.VOUCHER_BATCH_CREATED, actor=actor, target=batch)
    return batch


@transaction.atomic
def register_provider(*, actor: Any, **fields: Any) -> Provider:
    require(actor, "vouchers.manage")
    provider = audit.create_unique(
        Provider,
        "该统一社会信用代码已备案 / provider already registered",
        state=ProviderState.REGISTERED,
        registered_from=fields.pop("registered_from", None) or _today(),
        **fields,
    )
    audit.record(SubsidyEvent.PROVIDER_REGISTERED, actor=actor, target=provider)
    return provider


@transaction.atomic
def suspend_provider(provider: Provider, *, actor: Any) -> Provider:
    require(actor, "vouchers.manage")
    audit.transition(
        provider,
        SubsidyEvent.PROVIDER_SUSPENDED,
        actor=actor,
        field="state",
        to=ProviderState.SUSPENDED,
        changes={"registered_to": _today()},
    )
    return provider


@transaction.atomic
def issue_voucher(batch: VoucherBatch, enterprise: Enterprise, *, actor: Any) -> Voucher:
    require(actor, "vouchers.manage")
    VoucherBatch.objects.select_for_update().filter(pk=batch.pk).first()
    issued = batch.vouchers.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if issued + batch.face_value > batch.budget:
        raise ValidationError(
            f"批次预算不足（已发 {issued} 元，预算 {batch.budget} 元）/ batch budget exhausted"
        )
    today = _today()
    if today > batch.valid_to:
        raise ValidationError("批次已过有效期 / batch expired")
    voucher = audit.create_unique(
        Voucher,
        "该企业已领取本批次创新券 / voucher already issued to this firm",
        batch=batch,
        enterprise=enterprise,
        amount=batch.face_value,
        balance=batch.face_value,
        state=VoucherState.ISSUED,
        issued_on=max(today, batch.valid_from),
        expires_on=batch.valid_to,
    )
    audit.record(
        SubsidyEvent.VOUCHER_ISSUED,
        actor=actor,
        target=voucher,
        after={"amount": str(batch.face_value)},
    )
    return voucher


@transaction.atomic
def create_order(
    voucher: Voucher, provider: Provider, *, actor: Any, service: str, amount: Decimal, key: str
) -> VoucherOrder:
    require(actor, "vouchers.use")
    _firm_of(actor, voucher.enterprise)
    if provider.state != ProviderState.REGISTERED:
        raise ValidationError("该机构未备案或已暂停 / provider not registered")
    if service not in voucher.batch.services:
        raise ValidationError(
            f"「服务」须为本批次可用服务之一（{'、'.join(voucher.batch.services)}）/ service not eligible"
        )
    if amount <= 0:
        raise ValidationError("「合同金额」须大于0 / amount must be > 0")
    if _today() > voucher.expires_on:
        raise ValidationError("创新券已过期 / voucher expired")
    order = audit.create_unique(
        VoucherOrder,
        "该订单已提交，请勿重复提交 / order already submitted",
        voucher=voucher,
        provider=provider,
        service=service,
        amount=amount,
        state=OrderState.DRAFT,
        ordered_on=_today(),
        idempotency_key=key[:64],
    )
    audit.record(
        SubsidyEvent.ORDER_CREATED, actor=actor, target=order, after={"amount": str(amount)}
    )
    return order


def provider_of(user: Any) -> Provider | None:
    m = (
        getattr(user, "provider_membership", None)
        if getattr(user, "is_authenticated", False)
        else None
    )
    return m.provider if m is not None else None


def _own_order(actor: Any, order: VoucherOrder) -> None:
    require(actor, "vouchers.provide")
    p = provider_of(actor)
    if p is None or p.pk != order.provider_id:
        raise PermissionDenied("非本机构订单 / not your order")


@transaction.atomic
def confirm_order(order: VoucherOrder, *, actor: Any) -> VoucherOrder:
    _own_order(actor, order)
    if order.state != OrderState.DRAFT:
        _stale_order(order)
    audit.transition(
        order, SubsidyEvent.ORDER_CONFIRMED, actor=actor, field="state", to=OrderState.CONFIRMED
    )
    return order


def _stale_order(order: VoucherOrder) -> None:
    raise audit.StaleStateError(audit.stale_message(order, "state"))


def _party(legal_rep: str, shareholders: Any, phone: str, address: str) -> Party:
    return Party(
        legal_rep=legal_rep or "",
        shareholders=tuple(shareholders or ()),
        phone=phone or "",
        address=address or "",
    )


def _rule(batch: VoucherBatch) -> VoucherRule:
    return VoucherRule(
        share=batch.share, per_order_cap=batch.per_order_cap, firm_year_cap=batch.firm_year_cap
    )


@transaction.atomic
def submit_redemption(
    order: VoucherOrder,
    *,
    actor: Any,
    contract_date: dt.date,
    invoice_no: str,
    invoice_date: dt.date,
    deliverable: bytes,
) -> VoucherOrder:
    """The provider submits contract, invoice and deliverable; an out-of-date voucher refuses
    it (a rule), the §2.4 checks only flag it for the reviewer."""
    _own_order(actor, order)
    if order.state != OrderState.CONFIRMED:
        _stale_order(order)
    if not invoice_no.strip() or not deliverable:
        raise ValidationError(
            "须填写发票号并上传成果文件 / invoice number and deliverable required"
        )
    v = order.voucher
    refusal = date_refusal(v.issued_on, v.expires_on, contract_date, invoice_date)
    if refusal:
        raise ValidationError(f"{REFUSAL_ZH[refusal]}，不能兑付 / {refusal}")
    digest = hashlib.sha256(deliverable).hexdigest()
    batch = v.batch
    year_start = dt.date(invoice_date.year, 1, 1)
    used = VoucherOrder.objects.filter(
        voucher__enterprise=v.enterprise,
        state__in=(OrderState.APPROVED, OrderState.PAID),
        ordered_on__gte=year_start,
    ).aggregate(s=Sum("pay_amount"))["s"] or Decimal(0)
    amount = pay(_rule(batch), order.amount, used, v.balance)
    others = [
        Order(
            firm=str(o.voucher.enterprise_id),
            provider=str(o.provider_id),
            service=o.service,
            amount=o.amount,
            ordered_on=o.ordered_on,
            deliverable_hash=o.deliverable_hash,
            key=str(o.pk),
        )
        for o in VoucherOrder.objects.filter(provider=order.provider)
        .exclude(pk=order.pk)
        .select_related("voucher")
    ] + [
        Order(
            firm=str(o.voucher.enterprise_id),
            provider=str(o.provider_id),
            service=o.service,
            amount=o.amount,
            ordered_on=o.ordered_on,
            deliverable_hash=o.deliverable_hash,
            key=str(o.pk),
        )
        for o in VoucherOrder.objects.filter(deliverable_hash=digest)
        .exclude(provider=order.provider)
        .exclude(pk=order.pk)
        .select_related("voucher")
    ]
    e = v.enterprise
    p = order.provider
    firm_party = _party(
        getattr(e, "legal_rep", ""), [], getattr(e, "contact_phone", ""), getattr(e, "address", "")
    )
    flags = fraud_flags(
        Order(
            firm=str(e.pk),
            provider=str(p.pk),
            service=order.service,
            amount=order.amount,
            ordered_on=order.ordered_on,
            service_date=invoice_date,
            deliverable_hash=digest,
            key=str(order.pk),
        ),
        _rule(batch),
        firm_party,
        _party(p.legal_rep, p.shareholders, p.phone, p.address),
        ProviderFacts(
            registered=p.state == ProviderState.REGISTERED,
            scopes=frozenset(p.scopes),
            registered_from=p.registered_from,
            registered_to=p.registered_to,
            price_list={k: Decimal(str(x)) for k, x in p.price_list.items()},
        ),
        others,
    )
    audit.transition(
        order,
        SubsidyEvent.REDEMPTION_SUBMITTED,
        actor=actor,
        field="state",
        to=OrderState.REDEMPTION,
        changes={
            "contract_date": contract_date,
            "invoice_no": invoice_no.strip(),
            "invoice_date": invoice_date,
            "deliverable_hash": digest,
            "pay_amount": amount,
            "flags": [{"code": f.code, "evidence": f.evidence_zh} for f in flags],
        },
        after={
            "pay_amount": str(amount),
            "note": "；".join(FLAG_ZH[f.code] for f in flags) or "无风险提示",
        },
    )
    return order


@transaction.atomic
def decide_redemption(
    order: VoucherOrder, *, actor: Any, approve: bool, comment: str
) -> VoucherOrder:
    """The reviewer decides (flags are evidence, never an automatic rejection)."""
    require(actor, "vouchers.manage")
    if order.state != OrderState.REDEMPTION:
        _stale_order(order)
    if not comment.strip() and (not approve or order.flags):
        raise ValidationError(
            "「审核意见」不能为空（有风险提示或不予兑付时须写明）/ comment required"
        )
    if approve:
        v = Voucher.objects.select_for_update().get(pk=order.voucher_id)
        amount = min(order.pay_amount or Decimal(0), v.balance)
        balance = v.balance - amount
        Voucher.objects.filter(pk=v.pk).update(
            balance=balance, state=VoucherState.USED if balance == 0 else VoucherState.PARTLY_USED
        )
    audit.transition(
        order,
        SubsidyEvent.REDEMPTION_DECIDED,
        actor=actor,
        field="state",
        to=OrderState.APPROVED if approve else OrderState.REJECTED,
        changes={"decision": comment.strip()},
        after={"comment": "同意兑付" if approve else "不予兑付"},
    )
    return order


@transaction.atomic
def add_provider_member(provider: Provider, user: Any, *, actor: Any) -> Any:
    """Attach a ``service_provider`` user to its provider (the user then reaches its orders)."""
    from jiazhou_web.subsidies.models import ProviderMember

    require(actor, "vouchers.manage")
    member = audit.create_unique(
        ProviderMember,
        "该用户已属于一家服务机构 / user already belongs to a provider",
        provider=provider,
        user=user,
    )
    audit.record(
        SubsidyEvent.PROVIDER_REGISTERED,
        actor=actor,
        target=provider,
        after={"note": f"添加机构用户 {user}"},
    )
    return member
