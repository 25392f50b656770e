"""The 填报单位 a user reports for and the indicators each reports. Who may report is answered by
core.access (verb ``monitoring.report`` and its object rules): 区县/高新区 officers for their
region, a 责任单位's officers for the indicators that unit owns; the city reviews.

Each reporter sees only its own indicators (:func:`reportable_indicators`):

* a 责任单位 (department batch): the indicators whose ``responsible_department`` it is — the
  action refuses any other;
* the 高新区 (zone batch): the indicators that apply to the zone (``scope`` high_tech_zone);
* a county (region batch): the indicators that apply city-wide (``scope`` city), of which the
  county reports its own share.

The period narrows the list further (:func:`period_fits`): a months-to-date (cumulative)
period lists only monthly-reported indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.scopes import active_assignments


def reporting_department_ids(user: Any) -> set[int]:
    """The 责任单位 ``user`` reports for (department officer assignments)."""
    return {
        a.department_id
        for a in active_assignments(user)
        if a.role == Role.DEPARTMENT_OFFICER and a.department_id is not None
    }


def reporting_regions(user: Any) -> list[Any]:
    """The regions ``user`` may open batches for (county and zone officers)."""
    from jiazhou_web.regions.models import Region

    codes = {
        a.region.code
        for a in active_assignments(user)
        if a.role in (Role.COUNTY_OFFICER, Role.ZONE_OFFICER) and a.region is not None
    }
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
    takes only monthly-reported indicators; a year or a month-end takes any."""
    from jiazhou_web.monitoring.choices import Frequency

    if ".." in period:
        return Q(frequency=Frequency.MONTHLY)
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
