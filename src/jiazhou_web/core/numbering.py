"""Document and item numbers from a database sequence per series and year.

``count() + 1`` gives two concurrent requests the same number. Here the number is taken by one
``UPDATE … SET last = last + 1`` on the series' row: the row lock it takes is held until the
calling transaction ends, so a concurrent request waits and then reads the incremented value
(PostgreSQL READ COMMITTED re-checks the row; SQLite serialises writers). A number is never
reused, even if its transaction rolls back after another took the next one; a rollback of the
only user gives the number back.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F

from jiazhou_web.core.models import DocumentSequence

__all__ = ["next_number"]


def next_number(series: str, year: int, *, existing: Callable[[], int] | None = None) -> int:
    """The next number of ``series`` in ``year`` (1, 2, …).

    ``existing`` counts numbers issued before the sequence existed; it is called once, when the
    series' row for that year is created, so numbering continues where the old data stops.
    """
    with transaction.atomic():
        rows = DocumentSequence.objects.filter(series=series, year=year)
        if not rows.update(last=F("last") + 1):
            start = existing() if existing is not None else 0
            try:
                with transaction.atomic():
                    DocumentSequence.objects.create(series=series, year=year, last=start + 1)
            except IntegrityError:  # created concurrently: take the next one after it
                rows.update(last=F("last") + 1)
        return int(rows.values_list("last", flat=True).get())
