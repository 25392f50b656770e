"""Who may act on reporting batches: 区县/高新区 officers report their region's figures, a
责任单位's officers report the indicators that unit owns, the city administrator reviews.

Each reporter sees only its own indicators (:func:`reportable_indicators`):

* a 责任单位 (department batch): the indicators whose ``responsible_department`` it is — the
  action refuses any other;
* the 高新区 (zone batch): the indicators that apply to the zone (``scope`` high_tech_zone);
* a county (region batch): the indicators that apply city-wide (``scope`` city), of which the
  county reports its own share.

The period narrows the list further (:func:`period_fits`): a months-to-date (cumulative)
period lists only monthly-reported flows (no stock such as a count of firms).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.permissions import active_roles
from jiazhou_web.core.scopes import user_scope


def may_report(user: Any, region: Any) -> bool:
    """A county officer reports for its county, the zone officer for the zone."""
    roles = active_roles(user)
    if not roles & {Role.COUNTY_OFFICER, Role.ZONE_OFFICER}:
        return False
    return str(region.code) in user_scope(user).region_codes


def reporting_department_ids(user: Any) -> set[int]:
    """The 责任单位 ``user`` reports for (department officer assignments)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        user.role_assignments.active()
        .filter(role=Role.DEPARTMENT_OFFICER, department__isnull=False)
        .values_list("department_id", flat=True)
    )


def may_report_batch(user: Any, submission: Any) -> bool:
    """The batch's own reporter: its department's officers, or its region's officers."""
    if submission.department_id is not None:
        return submission.department_id in reporting_department_ids(user)
    return may_report(user, submission.region)


def may_review(user: Any) -> bool:
    """The city S&T bureau administrator submits nothing but approves or returns batches."""
    return bool(getattr(user, "is_superuser", False)) or Role.CITY_ADMIN in active_roles(user)


def reporting_regions(user: Any) -> list[Any]:
    """The regions ``user`` may open batches for (county and zone officers)."""
    from jiazhou_web.regions.models import Region

    roles = active_roles(user)
    if not roles & {Role.COUNTY_OFFICER, Role.ZONE_OFFICER}:
        return []
    assignments = user.role_assignments.active().filter(
        role__in=[Role.COUNTY_OFFICER, Role.ZONE_OFFICER]
    )
    codes = {a.region.code for a in assignments.select_related("region") if a.region}
    return list(Region.objects.filter(code__in=codes).order_by("code"))


@dataclass(frozen=True)
class ReportingUnit:
    """One 填报单位 a user may open batches for: a region, or a department."""

    key: str  # "region:<pk>" / "department:<pk>"
    label: str
    region: Any
    department: Any = None


def reporting_units(user: Any) -> list[ReportingUnit]:
    """The 填报单位 of ``user``: their county/zone, and the 责任单位 they are officers of."""
    from jiazhou_web.accounts.models import Department
    from jiazhou_web.regions.models import Region

    units = [ReportingUnit(f"region:{r.pk}", str(r), r) for r in reporting_regions(user)]
    ids = reporting_department_ids(user)
    if ids:
        city = Region.objects.filter(kind="city").order_by("code").first()
        for d in Department.objects.filter(pk__in=ids).select_related("region").order_by("code"):
            region = d.region or city
            units.append(ReportingUnit(f"department:{d.pk}", f"{d.name}（责任单位）", region, d))
    return units


def period_fits(period: str) -> Q:
    """Indicators that may be reported under ``period``: a cumulative (months-to-date) period
    takes only monthly-reported flows — not a stock: a count (of firms, platforms …) is a level
    at a month end (e.g. 规模以上工业企业数), never a sum over months; a year or a month end
    takes any indicator."""
    from jiazhou_web.monitoring.choices import Frequency, IndicatorKind

    if ".." in period:
        return Q(frequency=Frequency.MONTHLY) & ~Q(kind=IndicatorKind.COUNT)
    return Q()


def reportable_indicators(submission: Any) -> QuerySet[Any]:
    """The indicators this batch's reporter reports (see the module docstring), by catalogue
    order; status indicators are never reported as numbers."""
    from jiazhou_web.monitoring.models import Indicator

    rows = Indicator.objects.exclude(kind="status").filter(period_fits(submission.period))
    if submission.department_id is not None:
        rows = rows.filter(responsible_department_id=submission.department_id)
    elif submission.region.is_zone:
        rows = rows.filter(scope__contains="high_tech_zone")
    else:
        rows = rows.filter(Q(scope="city") | Q(scope__startswith="city;"))
    return rows.order_by("position", "code")
