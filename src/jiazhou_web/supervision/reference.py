"""Loading the packaged holiday schedule (国务院办公厅放假安排) into the editable table."""

from __future__ import annotations

from typing import Any

from jiazhou.worktime import packaged_holiday_records


def load_holidays(holiday_model: Any) -> int:
    """Insert the packaged schedule's days that the table lacks; returns how many were added.

    Takes the model class so the data migration can pass its historical model. Days already in
    the table (possibly edited by an administrator) are left as they are.
    """
    known = set(holiday_model.objects.values_list("day", flat=True))
    rows = [
        holiday_model(
            day=r.day, kind=r.kind, name=r.name, name_zh=r.name_zh, year=r.year, source=r.source
        )
        for r in packaged_holiday_records()
        if r.day not in known
    ]
    holiday_model.objects.bulk_create(rows)
    return len(rows)
