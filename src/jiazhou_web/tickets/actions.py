"""Every step of a 诉求 is one action: ``@transaction.atomic``, the permission checked, the
state changed by a conditional update (:func:`jiazhou_web.core.audit.transition`: of two
concurrent 签收 one wins, the other gets a clear message) and exactly one audit row.

Messages are Chinese first, then English. ``at`` defaults to now (tests and the demo pass it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.tickets import (
    Candidate,
    TransitionError,
    check_step,
    find_repeat,
    response_due,
    return_is_late,
)
from jiazhou.tickets.files import classify
from jiazhou_web.core import audit, virus_scan
from jiazhou_web.core.access import require
from jiazhou_web.core.numbering import next_number
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.stored_files import discard_on_failure, stage
from jiazhou_web.tickets import catalogue, clocks
from jiazhou_web.tickets.choices import (
    Channel,
    ExtensionState,
    Outcome,
    TicketEvent,
    TicketState,
)
from jiazhou_web.tickets.models import (
    Attachment,
    CatalogueNode,
    Dispatch,
    ExtensionRequest,
    PauseInterval,
    Ticket,
)

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024  # 10 MiB, as supervision attachments
DEDUPE_SECONDS = 60  # the same text from the same firm within a minute is one ticket
TITLE_MAX = 100
TEXT_MAX = 4000


def _now(at: dt.datetime | None) -> dt.datetime:
    return at if at is not None else timezone.now()


def _move(ticket: Ticket, step: str) -> str:
    try:
        return check_step(ticket.state, step).target.value
    except TransitionError as exc:
        raise ValidationError(str(exc)) from None


def _locked(ticket: Ticket) -> Ticket:
    """Re-read ``ticket`` under a row lock (side records: pauses, extensions)."""
    fresh: Ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if fresh.state != ticket.state:
        raise audit.StaleStateError(audit.stale_message(ticket, "state"))
    return fresh


def _sync_due(ticket: Ticket, at: dt.datetime) -> None:
    """Store the running handling clock's due instant as the engine computes it from the rows
    now (the 超期 list compares it with one index range). Called by every action that changes
    the clock, after the change and under the row lock its conditional UPDATE (or
    ``select_for_update``) took; no audit row of its own (the action's row covers it)."""
    due = clocks.handling_due_for(ticket, at)
    Ticket.objects.filter(pk=ticket.pk).update(
        handling_due_at=due
    )  # the in-memory copy may be stale
    ticket.handling_due_at = due
    from jiazhou_web.tickets.overdue import settle

    settle(ticket, at)  # a 督办 whose clock this action stopped is resolved with it


def _text(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        raise ValidationError("「标题」不能为空 / the title is required")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            f"「标题」最多 {TITLE_MAX} 字 / the title is at most {TITLE_MAX} characters"
        )
    if len(text) < 5:
        raise ValidationError(
            "「诉求内容」至少 5 个字 / describe the request in at least 5 characters"
        )
    if len(text) > TEXT_MAX:
        raise ValidationError(f"「诉求内容」最多 {TEXT_MAX} 字 / at most {TEXT_MAX} characters")
    return title, text


def _create(
    *,
    actor: Any,
    channel: str,
    title: str,
    text: str,
    region: Any,
    enterprise: Any,
    caller_name: str,
    caller_phone: str,
    at: dt.datetime,
    attachment_name: str = "",
) -> Ticket:
    digest = hashlib.sha256(
        f"{enterprise.pk if enterprise else caller_phone}|{title}|{text}".encode()
    ).hexdigest()
    same = (
        Ticket.objects.filter(
            dedupe_key=digest, received_at__gte=at - dt.timedelta(seconds=DEDUPE_SECONDS)
        )
        .order_by("received_at")
        .first()
    )
    if same is not None:
        return same  # type: ignore[no-any-return]  # a double submission: the first ticket stands, nothing new is written
    local = timezone.localtime(at)
    number = f"SQ{local.year}{next_number('tickets', local.year):06d}"
    version = catalogue.ensure_current(actor)
    leaf = catalogue.suggest_leaf(version, f"{title} {text}")
    ticket = Ticket.objects.create(
        number=number,
        channel=channel,
        enterprise=enterprise,
        caller_name=caller_name,
        caller_phone=caller_phone,
        title=title,
        text=text,
        region=region,
        leaf=leaf,
        tier=leaf.tier if leaf else "",
        received_at=at,
        raised_by=audit.acting_user(actor),
        dedupe_key=digest,
    )
    audit.record(
        TicketEvent.RAISED,
        actor=actor,
        target=ticket,
        after={
            "state": ticket.state,
            "channel": channel,
            "leaf": leaf.code if leaf else "",
            **({"附件": attachment_name} if attachment_name else {}),
        },
    )
    return ticket


def check_attachment(upload: Any) -> str:
    """The attachment's kind by content; ``ValidationError`` naming the file and the rule."""
    name = str(getattr(upload, "name", "") or "附件")[:200]
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            f"附件「{name}」大小 {upload.size:,} 字节，超过上限 {ATTACHMENT_MAX_BYTES:,} 字节 / "
            f"the attachment is over the {ATTACHMENT_MAX_BYTES} byte limit"
        )
    upload.seek(0)
    head = upload.read(16)
    names = None
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
    upload.seek(0)
    try:
        return classify(head, names)
    except ValueError as exc:
        raise ValidationError(f"附件「{name}」：{exc}") from None


def _attach(ticket: Ticket, upload: Any, kind: str, at: dt.datetime) -> Attachment:
    item = Attachment(
        ticket=ticket,
        name=str(upload.name)[:200],
        kind=kind,
        size=upload.size,
        uploaded_at=at,
    )
    stage(item, "file", upload)  # written now under a pending name, moved into place on commit
    item.save()
    return item


def raise_ticket(
    enterprise: Any,
    *,
    title: str,
    text: str,
    actor: Any,
    caller_name: str = "",
    caller_phone: str = "",
    attachment: Any = None,
    at: dt.datetime | None = None,
) -> Ticket:
    """A firm raises a 诉求 from its workspace (only for its own enterprise). An attachment is
    checked by content and size, then screened by the virus-scan hook (``core.virus_scan``)
    before the ticket's transaction opens, so a refusal's audit row stands on its own."""
    _may_raise(actor, enterprise)
    if attachment:
        check_attachment(attachment)
        attachment.seek(0)
        virus_scan.screen(
            attachment.read(),
            name=str(attachment.name)[:200],
            where="企业诉求附件",
            actor=actor,
            target=enterprise,
        )
        attachment.seek(0)
    return _raise_ticket(
        enterprise,
        title=title,
        text=text,
        actor=actor,
        caller_name=caller_name,
        caller_phone=caller_phone,
        attachment=attachment,
        at=at,
    )


def _may_raise(actor: Any, enterprise: Any) -> None:
    require(actor, "tickets.raise")
    if enterprise is None or enterprise.pk not in user_scope(actor).enterprise_ids:
        raise PermissionDenied("只能以本企业名义提出诉求 / only for your own enterprise")


@discard_on_failure
@transaction.atomic
def _raise_ticket(
    enterprise: Any,
    *,
    title: str,
    text: str,
    actor: Any,
    caller_name: str,
    caller_phone: str,
    attachment: Any,
    at: dt.datetime | None,
) -> Ticket:
    _may_raise(actor, enterprise)
    from jiazhou_web.enterprises.models import Enterprise

    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()  # one at a time
    title, text = _text(title, text)
    kind = check_attachment(attachment) if attachment else ""
    ticket = _create(
        actor=actor,
        channel=Channel.WORKSPACE,
        title=title,
        text=text,
        region=enterprise.zone or enterprise.region,
        enterprise=enterprise,
        caller_name=caller_name or getattr(actor, "display_name", "") or actor.get_username(),
        caller_phone=caller_phone,
        at=_now(at),
        attachment_name=str(attachment.name)[:200] if kind else "",
    )
    if kind and not ticket.attachments.exists():  # a double submission keeps the first file
        _attach(ticket, attachment, kind, ticket.received_at)
    return ticket


@transaction.atomic
def record_ticket(
    *,
    channel: str,
    title: str,
    text: str,
    region: Any,
    actor: Any,
    enterprise: Any = None,
    caller_name: str = "",
    caller_phone: str = "",
    at: dt.datetime | None = None,
) -> Ticket:
    """An officer records a 诉求 from 12345, 直通车, the 办不成事 window or a visit."""
    require(actor, "tickets.record")
    if channel not in Channel.values or channel == Channel.WORKSPACE:
        raise ValidationError(f"「渠道」无效：{channel} / unknown channel")
    if region is None:
        raise ValidationError("「属地」不能为空 / the region is required")
    if enterprise is None and not (caller_name.strip() and caller_phone.strip()):
        raise ValidationError(
            "未选择企业时须填写「诉求人」和「联系电话」 / without an enterprise, name and phone are required"
        )
    title, text = _text(title, text)
    return _create(
        actor=actor,
        channel=channel,
        title=title,
        text=text,
        region=region,
        enterprise=enterprise,
        caller_name=caller_name.strip(),
        caller_phone=caller_phone.strip(),
        at=_now(at),
    )


def _repeat_of(ticket: Ticket, leaf: CatalogueNode, at: dt.datetime) -> Ticket | None:
    firm = ticket.enterprise
    uscc = firm.uscc if firm is not None and firm.uscc else ""
    window = at - dt.timedelta(days=31)
    earlier = Ticket.objects.filter(
        leaf__code=leaf.code, state=TicketState.CLOSED, closed_at__gte=window
    ).exclude(pk=ticket.pk)
    if uscc:
        earlier = earlier.filter(enterprise=ticket.enterprise)
    elif ticket.caller_phone:
        earlier = earlier.filter(caller_phone=ticket.caller_phone)
    else:
        return None
    rows = {t.pk: t for t in earlier.select_related("enterprise")}
    found = find_repeat(
        uscc=uscc,
        caller=ticket.caller_phone,
        leaf=leaf.code,
        text=f"{ticket.title} {ticket.text}",
        at=at,
        earlier=[
            Candidate(
                t.pk,
                t.enterprise.uscc if t.enterprise_id and t.enterprise.uscc else "",
                t.caller_phone,
                t.leaf.code if t.leaf_id else "",
                f"{t.title} {t.text}",
                t.closed_at,
            )
            for t in rows.values()
        ],
    )
    return rows.get(found.key) if found is not None else None


@transaction.atomic
def dispatch(
    ticket: Ticket,
    *,
    unit: Any,
    actor: Any,
    leaf: CatalogueNode | None = None,
    partners: Iterable[Any] = (),
    note: str = "",
    at: dt.datetime | None = None,
) -> Ticket:
    """派单 (or the centre's 审定 after a 退单: the ticket goes to ``unit``). The classification
    is confirmed here; the response clock and a new handling clock start now."""
    require(actor, "tickets.dispatch", ticket)
    target = _move(ticket, "dispatch")
    at = _now(at)
    leaf = leaf or ticket.leaf
    if leaf is None or leaf.level != "item":
        raise ValidationError("请选择派单目录中的「事项」 / choose a catalogue item")
    if unit is None:
        raise ValidationError("请选择「主办单位」 / choose the lead unit")
    partner_list = [p for p in partners if p.pk != unit.pk]
    repeat = ticket.repeat_of or _repeat_of(ticket, leaf, at)
    tier = catalogue.tier_of(leaf.version, leaf.tier)
    Dispatch.objects.create(
        ticket=ticket,
        unit=unit,
        dispatched_at=at,
        dispatched_by=audit.acting_user(actor),
        note=note,
    )
    due = response_due(clocks.calendar(), at, tier.response_hours)
    audit.transition(
        ticket,
        TicketEvent.DISPATCHED,
        actor=actor,
        field="state",
        to=target,
        changes={
            "unit": unit,
            "leaf": leaf,
            "tier": leaf.tier,
            "dispatched_at": at,
            "signed_at": None,
            "response_due_at": due if ticket.first_contact_at is None else ticket.response_due_at,
            "repeat_of": repeat,
            # a repeat escalates one tier above the ticket it repeats (湖州: 板块办 → 协商办 →
            # 联席会议, §4.5 [S]); at most the top tier
            "escalation_level": max(
                ticket.escalation_level, min(repeat.escalation_level + 1, 2) if repeat else 0
            ),
        },
        after={
            "unit": unit.name,
            "leaf": leaf.path,
            "partner_units": [p.name for p in partner_list],
            "repeat_of": repeat.number if repeat else "",
        },
    )
    ticket.partner_units.set(partner_list)
    _sync_due(ticket, at)
    return ticket


def _current(ticket: Ticket) -> Dispatch:
    found = ticket.current_dispatch()
    if found is None:
        raise ValidationError("工单尚未派单 / the ticket has not been dispatched")
    return found


@transaction.atomic
def sign(ticket: Ticket, *, actor: Any, at: dt.datetime | None = None) -> Ticket:
    """签收: the unit accepts the ticket (a second 签收 is refused)."""
    require(actor, "tickets.handle", ticket)
    target = _move(ticket, "sign")
    at = _now(at)
    current = _current(ticket)
    audit.transition(
        ticket, TicketEvent.SIGNED, actor=actor, field="state", to=target, changes={"signed_at": at}
    )
    Dispatch.objects.filter(pk=current.pk).update(signed_at=at)
    _sync_due(ticket, at)  # the clock runs from dispatch: unchanged unless the rows disagree
    return ticket


@transaction.atomic
def return_ticket(
    ticket: Ticket, *, reason: str, proposed_unit: Any, actor: Any, at: dt.datetime | None = None
) -> Ticket:
    """退单 with a reason and the unit proposed; the centre decides (审定) by re-dispatching."""
    require(actor, "tickets.handle", ticket)
    target = _move(ticket, "return")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("「退单理由」至少 4 个字 / give the reason (at least 4 characters)")
    if proposed_unit is None:
        raise ValidationError("退单须提出「建议承办单位」 / propose the unit that should handle it")
    if ticket.unit_id == proposed_unit.pk:
        raise ValidationError("建议承办单位不能是本单位 / propose another unit")
    at = _now(at)
    current = _current(ticket)
    tier = clocks.tier_for(ticket)
    late = return_is_late(clocks.calendar(), current.dispatched_at, at, tier.return_days)
    audit.transition(
        ticket,
        TicketEvent.RETURNED,
        actor=actor,
        field="state",
        to=target,
        after={
            "reason": reason,
            "建议承办单位": proposed_unit.name,
            "超时退单": "是" if late else "否",
        },
    )
    Dispatch.objects.filter(pk=current.pk).update(
        returned_at=at, return_reason=reason, proposed_unit=proposed_unit, return_late=late
    )
    _sync_due(ticket, at)  # 退单待审定: the unit's clock stops; re-dispatch starts a new one
    return ticket


@transaction.atomic
def contact(ticket: Ticket, *, note: str = "", actor: Any, at: dt.datetime | None = None) -> Ticket:
    """First contact with the 诉求人 (响应): the ticket is now in hand."""
    require(actor, "tickets.handle", ticket)
    target = _move(ticket, "contact")
    at = _now(at)
    audit.transition(
        ticket,
        TicketEvent.CONTACTED,
        actor=actor,
        field="state",
        to=target,
        changes={"first_contact_at": ticket.first_contact_at or at},
        after={"note": note.strip()[:300]},
    )
    _sync_due(ticket, at)
    return ticket


@transaction.atomic
def pause(ticket: Ticket, *, reason: str, actor: Any, at: dt.datetime | None = None) -> Ticket:
    """补正: the clock stops until the firm supplies what is missing."""
    require(actor, "tickets.handle", ticket)
    target = _move(ticket, "pause")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("「补正事项」至少 4 个字 / name what the firm must supply")
    at = _now(at)
    current = _current(ticket)
    audit.transition(
        ticket, TicketEvent.PAUSED, actor=actor, field="state", to=target, after={"reason": reason}
    )
    PauseInterval.objects.create(
        ticket=ticket, dispatch=current, started_at=at, reason=reason[:300]
    )
    _sync_due(ticket, at)  # paused: no running due instant
    return ticket


@transaction.atomic
def resume(ticket: Ticket, *, actor: Any, at: dt.datetime | None = None) -> Ticket:
    """补正 received: the clock runs again."""
    require(actor, "tickets.handle", ticket)
    target = _move(ticket, "resume")
    at = _now(at)
    audit.transition(ticket, TicketEvent.RESUMED, actor=actor, field="state", to=target)
    PauseInterval.objects.filter(ticket=ticket, ended_at__isnull=True).update(ended_at=at)
    _sync_due(ticket, at)  # later by the working time paused
    return ticket


@transaction.atomic
def request_extension(
    ticket: Ticket, *, working_days: int, reason: str, actor: Any, at: dt.datetime | None = None
) -> ExtensionRequest:
    """延期申请: before the limit runs out, within the tier's extension ceiling."""
    require(actor, "tickets.handle", ticket)
    _move(ticket, "extend")
    ticket = _locked(ticket)
    at = _now(at)
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("「延期理由」至少 4 个字 / give the reason (at least 4 characters)")
    current = _current(ticket)
    if current.extensions.filter(state=ExtensionState.REQUESTED).exists():
        raise ValidationError("已有待审批的延期申请 / an extension request is already pending")
    tier = clocks.tier_for(ticket)
    granted = sum(e.working_days for e in current.extensions.filter(state=ExtensionState.APPROVED))
    if not 1 <= working_days <= tier.max_extension_days - granted:
        raise ValidationError(
            f"「延期工作日」须在 1–{tier.max_extension_days - granted} 之间（累计不超过 "
            f"{tier.max_extension_days} 个工作日） / extension days must be 1–"
            f"{tier.max_extension_days - granted}"
        )
    report = clocks.clock_for(ticket, current, at).report
    if report.state == "overdue":
        raise ValidationError(
            "办理时限已届满，超期后不能延期 / the time limit has run out: no extension after it"
        )
    ext = ExtensionRequest.objects.create(
        ticket=ticket,
        dispatch=current,
        requested_at=at,
        requested_by=audit.acting_user(actor),
        working_days=working_days,
        reason=reason[:300],
    )
    audit.record(
        TicketEvent.EXTENSION_REQUESTED,
        actor=actor,
        target=ticket,
        after={"延期工作日": working_days, "reason": reason[:300]},
    )
    return ext


@transaction.atomic
def decide_extension(
    ext: ExtensionRequest, *, approve: bool, actor: Any, at: dt.datetime | None = None
) -> ExtensionRequest:
    """The centre approves or denies a 延期 (once: a second decision is refused)."""
    require(actor, "tickets.dispatch", ext.ticket)
    at = _now(at)
    to = ExtensionState.APPROVED if approve else ExtensionState.DENIED
    if ext.state != ExtensionState.REQUESTED:
        raise ValidationError("该延期申请已审批 / this extension has already been decided")
    # the ticket row is locked first: its stored due instant is rewritten below
    ticket: Ticket = Ticket.objects.select_for_update().get(pk=ext.ticket_id)
    audit.claim(
        ext,
        {"state": to, "decided_at": at, "decided_by": audit.acting_user(actor)},
        unchanged=["state"],
    )
    if approve:
        _sync_due(ticket, at)  # later by the days granted (if the ticket is still running)
    audit.record(
        TicketEvent.EXTENSION_DECIDED,
        actor=actor,
        target=ext.ticket,
        before={"延期审批": ExtensionState.REQUESTED.label},
        after={"延期审批": to.label, "延期工作日": ext.working_days},
    )
    return ext


@transaction.atomic
def reply(ticket: Ticket, *, text: str, actor: Any, at: dt.datetime | None = None) -> Ticket:
    """答复: the unit's answer to the 诉求人; the handling clock stops."""
    require(actor, "tickets.handle", ticket)
    target = _move(ticket, "reply")
    text = (text or "").strip()
    if len(text) < 10:
        raise ValidationError("「答复内容」至少 10 个字 / the reply needs at least 10 characters")
    at = _now(at)
    audit.transition(
        ticket,
        TicketEvent.REPLIED,
        actor=actor,
        field="state",
        to=target,
        changes={"replied_at": at, "reply_text": text[:TEXT_MAX]},
    )
    _sync_due(ticket, at)  # the clock stopped
    return ticket


@transaction.atomic
def callback(
    ticket: Ticket,
    *,
    outcome: str,
    satisfaction: int,
    note: str = "",
    actor: Any,
    at: dt.datetime | None = None,
) -> Ticket:
    """回访: resolved / unresolved / explained and a 好差评 level 1–5; the ticket is closed."""
    require(actor, "tickets.rate", ticket)
    target = _move(ticket, "callback")
    if outcome not in Outcome.values:
        raise ValidationError("请选择「办理结果」 / choose the outcome")
    try:
        level = int(satisfaction)
    except (TypeError, ValueError):
        level = 0
    if not 1 <= level <= 5:
        raise ValidationError("「满意度」须为 1–5 级 / satisfaction must be a level 1–5")
    at = _now(at)
    audit.transition(
        ticket,
        TicketEvent.CALLBACK,
        actor=actor,
        field="state",
        to=target,
        changes={
            "callback_at": at,
            "outcome": outcome,
            "satisfaction": level,
            "callback_note": (note or "").strip()[:500],
            "closed_at": at,
        },
        after={"outcome": outcome, "satisfaction": level},
    )
    _sync_due(ticket, at)
    return ticket


@transaction.atomic
def reopen(ticket: Ticket, *, reason: str, actor: Any, at: dt.datetime | None = None) -> Ticket:
    """重办: the centre sends a closed ticket back to the same unit with a new clock."""
    require(actor, "tickets.dispatch", ticket)
    target = _move(ticket, "reopen")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("「重办理由」至少 4 个字 / give the reason (at least 4 characters)")
    at = _now(at)
    if ticket.unit is None:
        raise ValidationError("工单没有主办单位，请重新派单 / the ticket has no lead unit")
    Dispatch.objects.create(
        ticket=ticket,
        unit=ticket.unit,
        dispatched_at=at,
        dispatched_by=audit.acting_user(actor),
        note=reason[:300],
    )
    audit.transition(
        ticket,
        TicketEvent.REOPENED,
        actor=actor,
        field="state",
        to=target,
        changes={
            "dispatched_at": at,
            "signed_at": None,
            "replied_at": None,
            "closed_at": None,
            "reopen_count": ticket.reopen_count + 1,
            "escalation_level": min(ticket.escalation_level + 1, 2),
        },
        after={"reason": reason, "原办理结果": ticket.get_outcome_display()},
    )
    _sync_due(ticket, at)  # a new clock from the new dispatch
    return ticket
