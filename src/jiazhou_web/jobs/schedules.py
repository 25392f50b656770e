"""The periodic work of the platform as django-q2 ``Schedule`` rows (manage.py schedule_jobs).

Times are wall-clock times in Asia/Shanghai (``TIME_ZONE``); django-q2 stores ``next_run`` in
UTC and adds one day after each run (China keeps no daylight saving time, so the hour holds).
The order of the night: scoring, then the pools that read its results, then the index; the
backup timer (deploy/jiazhou-backup.timer) runs at 02:30 between them and takes a consistent
copy whatever runs. Supervision runs at 08:00, the hour its rules are written for. The
企业诉求 督办 run is hourly (its clocks count working hours and days, and a ticket overdue at 10:05
should not wait for tomorrow); the export files past their retention are swept at 04:00.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

#: Prefix of the schedules this module owns: others (made in the admin) are left alone.
PREFIX = "jiazhou:"


@dataclass(frozen=True)
class Planned:
    name: str
    func: str
    at: dt.time  # Asia/Shanghai; for an hourly schedule only its minute counts
    label: str
    every: str = "D"  # django-q2 Schedule.DAILY ("D") or Schedule.HOURLY ("H")


PLAN: tuple[Planned, ...] = (
    Planned(
        f"{PREFIX}scoring",
        "jiazhou_web.scoring.tasks.nightly_scoring",
        dt.time(1, 0),
        "夜间资质测评",
    ),
    Planned(f"{PREFIX}pools", "jiazhou_web.pools.tasks.sync_pools", dt.time(2, 0), "培育库同步"),
    Planned(
        f"{PREFIX}index", "jiazhou_web.indices.tasks.compute_index", dt.time(3, 0), "综合指数计算"
    ),
    Planned(
        f"{PREFIX}supervision",
        "jiazhou_web.supervision.tasks.daily_supervision",
        dt.time(8, 0),
        "每日督办运行",
    ),
    Planned(
        f"{PREFIX}tickets",
        "jiazhou_web.tickets.tasks.supervise_tickets",
        dt.time(0, 20),
        "诉求超期督办（每小时）",
        every="H",
    ),
    Planned(
        f"{PREFIX}job-files",
        "jiazhou_web.jobs.tasks.expire_job_files",
        dt.time(4, 0),
        "过期导出文件清理",
    ),
)


def next_run(at: dt.time, now: dt.datetime, every: str = "D") -> dt.datetime:
    """The next moment after ``now`` whose local (TIME_ZONE) time of day is ``at`` (hourly:
    whose minute is ``at``'s), in UTC."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    if every == "H":
        candidate = local.replace(minute=at.minute, second=0, microsecond=0)
        if candidate <= local:
            candidate += dt.timedelta(hours=1)
        return candidate.astimezone(dt.UTC)
    candidate = dt.datetime.combine(local.date(), at, tzinfo=zone)
    if candidate <= local:
        candidate = dt.datetime.combine(local.date() + dt.timedelta(days=1), at, tzinfo=zone)
    return candidate.astimezone(dt.UTC)


@dataclass
class Summary:
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    removed: list[str]


def apply(now: dt.datetime) -> Summary:
    """Create or update the planned schedules; remove our schedules no longer planned.
    Running it twice changes nothing the second time."""
    from django_q.models import Schedule

    summary = Summary([], [], [], [])
    for plan in PLAN:
        wanted = {
            "func": plan.func,
            "schedule_type": plan.every,
            "repeats": -1,
            "next_run": next_run(plan.at, now, plan.every),
        }
        row = Schedule.objects.filter(name=plan.name).first()
        if row is None:
            Schedule.objects.create(name=plan.name, **wanted)
            summary.created.append(plan.name)
            continue
        changed = [k for k, v in wanted.items() if getattr(row, k) != v]
        if changed:
            for key in changed:
                setattr(row, key, wanted[key])
            row.save(update_fields=changed)
            summary.updated.append(plan.name)
        else:
            summary.unchanged.append(plan.name)
    planned = {p.name for p in PLAN}
    stale = Schedule.objects.filter(name__startswith=PREFIX).exclude(name__in=planned)
    summary.removed = sorted(stale.values_list("name", flat=True))
    stale.delete()
    return summary
