"""Object-level rules: a verb on one object may need more than the object being in scope.

Keyed by model label so this module imports no app models (no import cycles). Every rule runs
after the role table (``VERB_ROLES``) allowed the verb, and reads the user's role assignments
and scope once per request (``core.scopes.active_assignments`` / ``user_scope``).

Folded here from the apps' former ``permissions.py`` modules (issue 11): the lead unit acting
on a supervision item, a county or zone reporting for its own region, writing enterprises into
a region of one's scope, and who may file an evaluation 异议.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.access import in_region_scope, object_rule, roles_of
from jiazhou_web.core.scopes import active_assignments, user_scope

#: Roles that act for a unit through their region (the unit's county or zone bureau).
REGION_UNIT_ROLES = frozenset({Role.COUNTY_OFFICER, Role.ZONE_OFFICER})


def acts_for_unit(user: Any, department_id: int, region_id: int | None) -> bool:
    """Whether ``user`` is an officer of the unit: a department officer of it, or a county or
    zone officer whose region is the unit's region."""
    for a in active_assignments(user):
        if a.role == Role.DEPARTMENT_OFFICER and a.department_id == department_id:
            return True
        if a.role in REGION_UNIT_ROLES and region_id is not None and a.region_id == region_id:
            return True
    return False


def units_q(user: Any, path: str = "") -> Q:
    """Rows whose unit (a Department at ``path``, "" for Department itself) ``user`` acts for,
    as :func:`acts_for_unit` decides it; nothing when they act for none."""
    condition = Q(pk__in=[])
    for a in active_assignments(user):
        if a.role == Role.DEPARTMENT_OFFICER and a.department_id is not None:
            condition |= Q(**{f"{path}id" if path else "pk": a.department_id})
        elif a.role in REGION_UNIT_ROLES and a.region_id is not None:
            condition |= Q(**{f"{path}region_id": a.region_id})
    return condition


def unit_officers(department: Any) -> QuerySet[Any]:
    """The active users who act for ``department`` (recipients of 督办单 and reminders): the
    inverse of :func:`acts_for_unit`."""
    from jiazhou_web.accounts.models import RoleAssignment, User

    assignments = RoleAssignment.objects.active().filter(
        Q(role=Role.DEPARTMENT_OFFICER, department=department)
        | Q(role__in=REGION_UNIT_ROLES, region_id=department.region_id)
    )
    return User.objects.filter(is_active=True, pk__in=assignments.values("user_id")).order_by(
        "username"
    )


@object_rule("supervision.act", "supervision.TaskItem")
def _acts_for_item(user: Any, item: Any) -> bool:
    """Only the lead unit's officers act on an item (签收, 承办, 办结/延期申请, 督办答复)."""
    return acts_for_unit(user, item.lead_unit_id, item.lead_unit.region_id)


@object_rule("monitoring.report", "regions.Region")
def _reports_for_region(user: Any, region: Any) -> bool:
    """County and zone officers report for their own region only (the city reviews: its
    whole-city scope does not make it a reporter)."""
    return str(region.code) in user_scope(user).region_codes


@object_rule("monitoring.report", "monitoring.Submission")
def _reports_for_batch(user: Any, submission: Any) -> bool:
    """A batch is reported by its own reporter: the officers of its 责任单位 (a department
    batch) or of its region."""
    if submission.department_id is not None:
        return _reports_for_department(user, submission.department)
    return _reports_for_region(user, submission.region)


@object_rule("monitoring.report", "accounts.Department")
def _reports_for_department(user: Any, department: Any) -> bool:
    """A 责任单位 reports (the indicators it owns) through its own department officers."""
    return any(
        a.role == Role.DEPARTMENT_OFFICER and a.department_id == department.pk
        for a in active_assignments(user)
    )


@object_rule("enterprise.import", "regions.Region")
def _imports_into_region(user: Any, region: Any) -> bool:
    """Enterprises are written into a region (or zone) of the writer's data scope."""
    return in_region_scope(user, region.code)


@object_rule("evaluations.object", "enterprises.Enterprise")
def _objects_for_enterprise(user: Any, enterprise: Any) -> bool:
    """A firm's own user, or the county officer of its county, files its 异议."""
    scope = user_scope(user)
    if enterprise.pk in scope.enterprise_ids:
        return True
    return Role.COUNTY_OFFICER in roles_of(user) and enterprise.region.code in scope.region_codes


@object_rule("jobs.download", "jobs.Job")
def _downloads_job(user: Any, job: Any) -> bool:
    """A job's result file (an export cut to its starter's scope) is its starter's alone: not
    even the city administrator, who sees every job, downloads another person's export."""
    return job.started_by_id is not None and job.started_by_id == user.pk


@object_rule("platforms.manage", "platforms.Platform")
def _manages_platform(user: Any, platform: Any) -> bool:
    """Recognised platforms are public, but only the officers of its region (or the city)
    register, evaluate and link them."""
    return in_region_scope(user, platform.region.code)


@object_rule("platforms.report", "platforms.Platform")
def _reports_platform(user: Any, platform: Any) -> bool:
    """The 年报 of a platform: its host firm, or the officers of its region."""
    if platform.host_enterprise_id in user_scope(user).enterprise_ids:
        return True
    return in_region_scope(user, platform.region.code)


@object_rule("tickets.handle", "tickets.Ticket")
def _handles_ticket(user: Any, ticket: Any) -> bool:
    """The unit holding a 诉求 handles it (签收, 退单, 联系, 补正, 延期申请, 答复)."""
    if ticket.unit_id is None:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return acts_for_unit(user, ticket.unit_id, ticket.unit.region_id)


@object_rule("tickets.rate", "tickets.Ticket")
def _rates_ticket(user: Any, ticket: Any) -> bool:
    """The 回访: the firm's own users online, or the centre by phone — never the unit that
    handled the ticket."""
    from jiazhou_web.tickets.models import Ticket

    if ticket.enterprise_id and ticket.enterprise_id in user_scope(user).enterprise_ids:
        return True
    if Role.ENTERPRISE_USER in roles_of(user):
        return False
    superuser = getattr(user, "is_superuser", False)
    if (
        ticket.unit_id
        and not superuser
        and acts_for_unit(user, ticket.unit_id, ticket.unit.region_id)
    ):
        return False
    return Ticket.objects.for_user(user).filter(pk=ticket.pk).exists()
