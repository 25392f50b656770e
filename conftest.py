"""Every test runs at a pinned instant: no test may depend on the wall clock.

The instant is ``JIAZHOU_TEST_NOW`` (ISO 8601 with an offset, e.g. ``2027-02-10T10:00+08:00``),
by default :data:`DEFAULT_NOW`; ``make timetravel`` runs the date-sensitive tests again at several
such instants (春节 2027, the turn of 2029/2030, mid-2030). Time keeps ticking from the pinned
instant (``tick=True``), so timeouts and durations behave; a test that needs a different instant
nests its own ``time_machine.travel``. The live server of the browser tests runs in this process,
so the pages it serves see the pinned instant too.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
import time_machine

DEFAULT_NOW = "2026-12-04T10:00:00+08:00"


def pinned_now() -> dt.datetime:
    """The instant the suite runs at (``JIAZHOU_TEST_NOW`` or :data:`DEFAULT_NOW`)."""
    raw = os.environ.get("JIAZHOU_TEST_NOW", "").strip() or DEFAULT_NOW
    moment = dt.datetime.fromisoformat(raw)
    if moment.tzinfo is None:
        raise pytest.UsageError(
            f"JIAZHOU_TEST_NOW 须带时区偏移，如 +08:00：{raw!r} / "
            f"JIAZHOU_TEST_NOW needs a UTC offset such as +08:00: {raw!r}"
        )
    return moment


@pytest.fixture(scope="session")
def pinned_instant() -> dt.datetime:
    """:func:`pinned_now` for fixtures wider than a test (they run outside the pinned clock);
    a test module cannot import this file by name, another ``conftest`` may shadow it."""
    return pinned_now()


def pytest_report_header() -> str:
    return f"jiazhou: tests pinned at {pinned_now().isoformat()} (JIAZHOU_TEST_NOW)"


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[None]:
    with time_machine.travel(pinned_now(), tick=True):
        yield
