"""Every write of the enterprise workspace: one transaction, audited (design: core.audit).

Each action writes one audit row of its own. Accepting a declaration or a correction also
writes the figures through ``enterprises.actions.set_annual_figures``, which audits the figure
changes on the enterprise (as ``evaluations.actions.decide_objection`` does): the workspace row
says who decided what, the enterprise row what changed in the 一企一档.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.validation.table import row_rules
from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.models import RoleAssignment, User
from jiazhou_web.core import audit, virus_scan
from jiazhou_web.core.access import can, require
from jiazhou_web.core.choices import ScopeKind
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.stored_files import discard_on_failure, stage
from jiazhou_web.enterprises.actions import set_annual_figures
from jiazhou_web.enterprises.choices import FigureSource
from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure
from jiazhou_web.workspace import uploads
from jiazhou_web.workspace.choices import CorrectionState, DeclarationState, WorkspaceEvent
from jiazhou_web.workspace.firm import review_region
from jiazhou_web.workspace.forms import DECLARED_CODES, declarable_years, from_text, to_text
from jiazhou_web.workspace.models import CorrectionRequest, Declaration, FirmDocument, FirmMember


class WorkspaceError(ValidationError):
    """A refused workspace action; the message is Chinese first, then English."""

    def __str__(self) -> str:
        return "；".join(self.messages)


def _fail(zh: str, en: str) -> WorkspaceError:
    return WorkspaceError(f"{zh} / {en}")


def _require_own_firm(actor: Any, verb: str, firm: Enterprise) -> None:
    """The firm user acts only for a firm of their own scope (another firm: refused)."""
    require(actor, verb)
    if firm.pk not in user_scope(actor).enterprise_ids:
        raise PermissionDenied("只能办理本企业的事项 / only for your own enterprise")


# -- 年报申报 ------------------------------------------------------------------------------


@transaction.atomic
def submit_declaration(
    firm: Enterprise, fiscal_year: int, values: Mapping[str, str], *, actor: Any
) -> Declaration:
    """The firm submits one fiscal year's figures (checked by ``forms.DeclarationForm``) to its
    county, or to the zone when it sits in one. One open declaration per firm and year."""
    _require_own_firm(actor, "workspace.declare", firm)
    if fiscal_year not in declarable_years():
        raise _fail(
            f"{fiscal_year}年度不在可申报年度内（{'、'.join(map(str, declarable_years()))}）",
            f"fiscal year {fiscal_year} cannot be declared now",
        )
    unknown = sorted(set(values) - set(DECLARED_CODES))
    if unknown:
        raise _fail(f"未知申报字段：{'、'.join(unknown)}", f"unknown fields: {unknown}")
    if not values:
        raise _fail("请至少填写一项数据", "declare at least one value")
    parsed = {code: from_text(code, text) for code, text in values.items()}
    broken = row_rules(parsed)  # the import layer's cross-field rules, also behind the form
    if broken:
        raise _fail("；".join(zh for _, zh, _ in broken), "; ".join(en for _, _, en in broken))
    declaration = audit.create_unique(
        Declaration,
        f"操作未执行：{fiscal_year}年度已有一份待审核的申报，请等待审核结果 / "
        f"a declaration for {fiscal_year} is already waiting for review",
        enterprise=firm,
        fiscal_year=fiscal_year,
        values=dict(values),
        review_region=review_region(firm),
        submitted_by=audit.acting_user(actor),
        submitted_at=timezone.now(),
    )
    audit.record(
        WorkspaceEvent.DECLARATION_SUBMITTED,
        actor=actor,
        target=declaration,
        after={"fiscal_year": fiscal_year, **{f"{fiscal_year}.{c}": v for c, v in values.items()}},
        extra={"review_region": declaration.review_region.code},
    )
    return declaration


def _lock_for_review(declaration: Declaration, actor: Any) -> Declaration:
    require(actor, "workspace.review_declaration", declaration)
    locked: Declaration = (
        Declaration.objects.select_for_update().select_related("enterprise").get(pk=declaration.pk)
    )
    if locked.state != DeclarationState.SUBMITTED:
        raise _fail(
            f"操作未执行：该申报当前状态为「{locked.get_state_display()}」，不能再审核，请刷新页面",
            f"nothing was done: the declaration is already {locked.state}",
        )
    return locked


@transaction.atomic
def return_declaration(declaration: Declaration, *, reason: str, actor: Any) -> Declaration:
    """退回: the officer sends the declaration back with a reason; nothing enters the record."""
    if not reason.strip():
        raise _fail("请填写退回理由", "a reason is required")
    locked = _lock_for_review(declaration, actor)
    audit.transition(
        locked,
        WorkspaceEvent.DECLARATION_RETURNED,
        actor=actor,
        field="state",
        to=DeclarationState.RETURNED,
        changes={
            "return_reason": reason.strip(),
            "decided_by": audit.acting_user(actor),
            "decided_at": timezone.now(),
        },
        after={"reason": reason.strip()},
    )
    return locked


@transaction.atomic
def accept_declaration(declaration: Declaration, *, actor: Any) -> Declaration:
    """采纳: the declared values become the record's values, source 企业申报, as of today."""
    locked = _lock_for_review(declaration, actor)
    values = {code: from_text(code, text) for code, text in locked.values.items()}
    changed = set_annual_figures(
        locked.enterprise,
        locked.fiscal_year,
        values,
        source=FigureSource.DECLARATION,
        as_of=timezone.localdate(),
        actor=actor,
    )
    audit.transition(
        locked,
        WorkspaceEvent.DECLARATION_ACCEPTED,
        actor=actor,
        field="state",
        to=DeclarationState.ACCEPTED,
        changes={"decided_by": audit.acting_user(actor), "decided_at": timezone.now()},
        after={"count": len(changed)},  # figures the record changed
    )
    return locked


# -- 数据更正 ------------------------------------------------------------------------------


def held_figure(firm: Enterprise, fiscal_year: int, code: str) -> EnterpriseFigure | None:
    return EnterpriseFigure.objects.filter(
        enterprise=firm, fiscal_year=fiscal_year, field=code
    ).first()


@transaction.atomic
def request_correction(
    firm: Enterprise,
    *,
    fiscal_year: int,
    field: str,
    proposed: Any,
    reason: str,
    actor: Any,
) -> CorrectionRequest:
    """The firm asks to correct a value held from another source (税务, 导入, 统计 …).

    ``proposed`` is the parsed value (money in 元). Its own declared values are changed by a
    new declaration instead.
    """
    _require_own_firm(actor, "workspace.declare", firm)
    spec = annual_field_map().get(field)
    if spec is None:
        raise _fail(f"未知字段「{field}」", f"unknown field {field!r}")
    if not reason.strip():
        raise _fail("请填写更正理由及依据", "a reason is required")
    figure = held_figure(firm, fiscal_year, field)
    if figure is None:
        raise _fail(
            f"平台未持有本企业{fiscal_year}年度「{spec.name_zh}」的数据，无需更正，可在年报申报中填报",
            f"no {fiscal_year} value of {field} is held: declare it instead",
        )
    if figure.source == FigureSource.DECLARATION:
        raise _fail(
            f"「{spec.name_zh}」是本企业申报的数据，请通过新的年报申报修改",
            f"{field} was declared by the firm: submit a new declaration",
        )
    held = figure.text_value or ("" if figure.value is None else to_text(figure.value))
    request = audit.create_unique(
        CorrectionRequest,
        f"操作未执行：{fiscal_year}年度「{spec.name_zh}」已有待裁定的更正申请 / "
        f"a correction of {field} for {fiscal_year} is already open",
        enterprise=firm,
        fiscal_year=fiscal_year,
        field=field,
        held_value=held,
        held_source=figure.source,
        proposed_value=to_text(proposed),
        reason=reason.strip(),
        review_region=review_region(firm),
        requested_by=audit.acting_user(actor),
    )
    audit.record(
        WorkspaceEvent.CORRECTION_REQUESTED,
        actor=actor,
        target=request,
        before={f"{fiscal_year}.{field}": held, "held_source": figure.source},
        after={f"{fiscal_year}.{field}": request.proposed_value},
        extra={"reason": request.reason},
    )
    return request


@transaction.atomic
def decide_correction(
    request: CorrectionRequest, *, accept: bool, note: str, actor: Any
) -> CorrectionRequest:
    """The officer's 裁定: 予以更正 writes the value (source 企业申报), 不予更正 keeps it."""
    require(actor, "workspace.review_declaration", request)
    if not note.strip():
        raise _fail("请填写裁定意见", "a decision note is required")
    locked: CorrectionRequest = (
        CorrectionRequest.objects.select_for_update()
        .select_related("enterprise")
        .get(pk=request.pk)
    )
    if locked.state != CorrectionState.OPEN:
        raise _fail(
            f"操作未执行：该更正申请当前状态为「{locked.get_state_display()}」，不能再裁定，请刷新页面",
            f"nothing was done: the request is already {locked.state}",
        )
    if accept:
        set_annual_figures(
            locked.enterprise,
            locked.fiscal_year,
            {locked.field: from_text(locked.field, locked.proposed_value)},
            source=FigureSource.DECLARATION,
            as_of=timezone.localdate(),
            actor=actor,
        )
    audit.transition(
        locked,
        WorkspaceEvent.CORRECTION_DECIDED,
        actor=actor,
        field="state",
        to=CorrectionState.ACCEPTED if accept else CorrectionState.REJECTED,
        changes={
            "decision_note": note.strip(),
            "decided_by": audit.acting_user(actor),
            "decided_at": timezone.now(),
        },
        after={"note": note.strip()},
    )
    return locked


# -- 我的文件 ------------------------------------------------------------------------------


def upload_document(
    firm: Enterprise, *, kind: str, title: str, upload: Any, actor: Any
) -> FirmDocument:
    """Store a file of the firm after the content checks of ``workspace.uploads`` and the
    virus-scan hook (``core.virus_scan``: a refusal is audited on its own, so it screens before
    the upload's transaction opens)."""
    _require_own_firm(actor, "workspace.documents", firm)
    if not title.strip():
        raise _fail("请填写文件名称", "a title is required")
    checked = uploads.check(upload)
    virus_scan.screen(
        checked.content, name=checked.name, where="企业文件", actor=actor, target=firm
    )
    return _store_document(firm, kind=kind, title=title, upload=upload, actor=actor)


@discard_on_failure
@transaction.atomic
def _store_document(
    firm: Enterprise, *, kind: str, title: str, upload: Any, actor: Any
) -> FirmDocument:
    _require_own_firm(actor, "workspace.documents", firm)
    checked = uploads.check(upload)
    document = FirmDocument(
        enterprise=firm,
        kind=kind,
        title=title.strip(),
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=hashlib.sha256(checked.content).hexdigest(),
        uploaded_by=audit.acting_user(actor),
    )
    document.full_clean(exclude=["file"])
    stage(document, "file", upload, name=checked.name)
    document.save()
    audit.record(
        WorkspaceEvent.DOCUMENT_UPLOADED,
        actor=actor,
        target=document,
        after={"title": document.title, "kind": kind, "size": checked.size},
    )
    return document


# -- 企业账号 ------------------------------------------------------------------------------


def firm_user_ids(firm: Enterprise, on: dt.date | None = None) -> set[int]:
    """Users holding the enterprise-user role on ``firm`` today."""
    return set(
        RoleAssignment.objects.active(on)
        .filter(role=Role.ENTERPRISE_USER, enterprise=firm)
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def appoint_admin(firm: Enterprise, user: Any, *, actor: Any) -> FirmMember:
    """Make ``user`` (an enterprise user of ``firm``) its account administrator.

    Done by the city (``users.manage``), by the firm's current administrator handing over, or
    by the system (``actor=None``: the demo, the first administrator of a firm)."""
    if actor is not None and not (
        can(actor, "users.manage") or can(actor, "workspace.accounts", firm)
    ):
        raise PermissionDenied("无权指定企业账号管理员 / not permitted")
    if user.pk not in firm_user_ids(firm):
        raise _fail(f"「{user}」不是「{firm}」的企业用户", f"{user} is not a user of {firm}")
    member: FirmMember
    member, _ = FirmMember.objects.select_for_update().get_or_create(enterprise=firm, user=user)
    if member.is_admin and member.removed_at is None:
        raise _fail(f"「{user}」已是企业账号管理员", f"{user} is already the administrator")
    member.is_admin, member.removed_at = True, None
    member.save(update_fields=["is_admin", "removed_at", "updated"])
    audit.record(
        WorkspaceEvent.ADMIN_APPOINTED,
        actor=actor,
        target=member,
        after={"user": str(user), "is_admin": True},
    )
    return member


@transaction.atomic
def invite_colleague(
    firm: Enterprise, *, username: str, display_name: str, password: str, actor: Any
) -> FirmMember:
    """The firm's administrator creates a colleague's account: a user holding the
    enterprise-user role on this firm only (one audit row, on the new membership)."""
    _require_own_firm(actor, "workspace.accounts", firm)
    if not can(actor, "workspace.accounts", firm):
        raise PermissionDenied("只有企业账号管理员可以邀请同事 / only the firm's administrator")
    username = User.normalize_username(username.strip())
    if not display_name.strip():
        raise _fail("请填写同事姓名", "a name is required")
    if User.objects.filter(username__iexact=username).exists():
        raise _fail(f"登录名「{username}」已被使用，请换一个", f"username {username!r} is taken")
    user = audit.create_unique(
        User,
        f"登录名「{username}」已被使用，请换一个 / username {username!r} is taken",
        username=username,
        display_name=display_name.strip(),
        password=make_password(password),
    )
    RoleAssignment.objects.create(
        user=user, role=Role.ENTERPRISE_USER, scope_kind=ScopeKind.ENTERPRISE, enterprise=firm
    )
    member = FirmMember.objects.create(
        enterprise=firm, user=user, invited_by=audit.acting_user(actor)
    )
    audit.record(
        WorkspaceEvent.COLLEAGUE_INVITED,
        actor=actor,
        target=member,
        after={"user": user.display_name},
    )
    return member


@transaction.atomic
def remove_colleague(firm: Enterprise, user: Any, *, actor: Any) -> None:
    """The administrator removes a colleague: their role on this firm ends today (the account
    keeps any other role); an administrator cannot remove themself."""
    _require_own_firm(actor, "workspace.accounts", firm)
    if not can(actor, "workspace.accounts", firm):
        raise PermissionDenied("只有企业账号管理员可以移除同事 / only the firm's administrator")
    if user.pk == actor.pk:
        raise _fail("不能移除自己的账号", "you cannot remove yourself")
    today = timezone.localdate()
    assignments = RoleAssignment.objects.select_for_update().filter(
        pk__in=RoleAssignment.objects.active(today)
        .filter(role=Role.ENTERPRISE_USER, enterprise=firm, user=user)
        .values("pk")
    )
    ended = assignments.update(valid_to=today - dt.timedelta(days=1))
    if not ended:
        raise _fail(
            f"「{user}」不是本企业的在用账号（可能已被移除），请刷新页面",
            f"{user} is not a current user of this firm",
        )
    FirmMember.objects.filter(enterprise=firm, user=user).update(
        removed_at=timezone.now(), is_admin=False
    )
    audit.record(
        WorkspaceEvent.COLLEAGUE_REMOVED,
        actor=actor,
        target=firm,
        before={"user": str(user)},
        after={"valid_to": today - dt.timedelta(days=1)},  # the role's last day: yesterday
    )
