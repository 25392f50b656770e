"""积分贷: banks see the published evaluation results of the firms that authorised them.

Consent is given and withdrawn by the enterprise's own user; a bank user reaches a firm only
while an active consent exists, and every page or export a bank user opens writes an audit row
naming the firms shown.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jiazhou_web.core import audit
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.evaluations.choices import EvaluationEvent, RunState
from jiazhou_web.evaluations.models import Bank, BankConsent, BankMember, EvaluationResult

VIEW_LABELS = {"list": "查看名单", "card": "查看得分卡", "export": "导出名单"}


def bank_of(user: Any) -> Bank | None:
    if not getattr(user, "is_authenticated", False):
        return None
    membership = getattr(user, "bank_membership", None)
    return membership.bank if membership is not None else None


def consenting_results(bank: Bank) -> QuerySet[EvaluationResult]:
    """Published results of the firms with an active consent for ``bank``."""
    firms = BankConsent.objects.filter(bank=bank, withdrawn_at__isnull=True).values("enterprise")
    return EvaluationResult.objects.filter(enterprise__in=firms, run__state=RunState.PUBLISHED)


@transaction.atomic
def add_member(bank: Bank, user: Any, *, actor: Any) -> BankMember:
    """Make ``user`` one of ``bank``'s users: the membership row that narrows the role to this
    bank's consents (audited), and the role ``bank_user`` (core.access) if the user lacks it
    (``accounts.actions.assign_role``, audited there)."""
    from jiazhou_web.accounts.actions import assign_role
    from jiazhou_web.accounts.choices import Role

    if BankMember.objects.filter(user=user).exists():
        raise ValidationError(f"{user} 已是银行用户 / already a bank user")
    member = BankMember.objects.create(bank=bank, user=user)
    audit.record(
        EvaluationEvent.BANK_MEMBER_ADDED,
        actor=actor,
        target=member,
        after={"bank": bank.name, "user": getattr(user, "display_name", "") or str(user)},
    )
    if not user.role_assignments.active().filter(role=Role.BANK_USER).exists():
        assign_role(user, Role.BANK_USER, actor=actor)
    return member


def _own_firm(actor: Any, enterprise: Enterprise) -> None:
    if enterprise.pk not in user_scope(actor).enterprise_ids:
        raise PermissionDenied


@transaction.atomic
def give_consent(enterprise: Enterprise, bank: Bank, *, actor: Any) -> BankConsent:
    """The enterprise user authorises ``bank`` (once: an active consent is not duplicated)."""
    _own_firm(actor, enterprise)
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    if BankConsent.objects.filter(
        enterprise=enterprise, bank=bank, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(f"已授权{bank.name} / consent already given")
    consent = BankConsent.objects.create(
        enterprise=enterprise, bank=bank, given_by=audit.acting_user(actor)
    )
    audit.record(
        EvaluationEvent.CONSENT_GIVEN,
        actor=actor,
        target=consent,
        after={"enterprise": enterprise.name, "bank": bank.name},
    )
    return consent


@transaction.atomic
def withdraw_consent(consent: BankConsent, *, actor: Any) -> BankConsent:
    _own_firm(actor, consent.enterprise)
    updated = BankConsent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=audit.acting_user(actor)
    )
    if not updated:
        raise ValidationError("该授权已撤回 / consent already withdrawn")
    consent.refresh_from_db()
    audit.record(
        EvaluationEvent.CONSENT_WITHDRAWN,
        actor=actor,
        target=consent,
        before={"withdrawn_at": None},
        after={"withdrawn_at": consent.withdrawn_at},
    )
    return consent


@transaction.atomic
def record_view(bank: Bank, *, actor: Any, what: str, enterprise_ids: list[int]) -> None:
    """One audit row per bank page or export: which firms the bank was shown."""
    audit.record(
        EvaluationEvent.BANK_VIEWED,
        actor=actor,
        target=bank,
        extra={"action": VIEW_LABELS.get(what, what), "enterprises": sorted(enterprise_ids)},
    )
