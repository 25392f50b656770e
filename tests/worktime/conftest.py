from __future__ import annotations

import pytest

from jiazhou.worktime import WorkingCalendar


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    return WorkingCalendar.packaged()
