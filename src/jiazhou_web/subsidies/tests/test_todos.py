"""我的待办 of 政策兑现: each role's entries count the applications in exactly their states."""

from __future__ import annotations

from typing import Any

from jiazhou_web.subsidies.choices import AppState, Track
from jiazhou_web.subsidies.models import Application
from jiazhou_web.subsidies.tests.conftest import clause
from jiazhou_web.subsidies.todos import todos

# applications per state, chosen so that no two entries could be confused by their counts
MADE = {
    AppState.NOTIFIED: 1,
    AppState.RETURNED: 2,
    AppState.SUBMITTED: 3,
    AppState.ACCEPTED: 4,
    AppState.COUNTY_REVIEWED: 5,
    AppState.JOINT_REVIEWED: 6,
    AppState.OBJECTED: 7,
    AppState.PAID: 8,
}


def _applications(firm: Any, year: int) -> None:
    cv = clause("tianfu-kechuangdai-2020", "interest")
    states = [state for state, n in MADE.items() for _ in range(n)]
    Application.objects.bulk_create(  # one firm and clause: a year each (unique together)
        Application(clause=cv, enterprise=firm, year=year - i, track=Track.APPLY, state=state)
        for i, state in enumerate(states)
    )


def test_each_entry_counts_its_own_states(
    library: None, rd_firm: Any, firm_user: Any, county_officer: Any, city_admin: Any, year: int
) -> None:
    _applications(rd_firm, year)
    firm = {t.label: t.count for t in todos(firm_user)}
    assert firm["免申即享待确认"] == 1
    assert firm["兑现申请待补正"] == 2
    county = {t.label: t.count for t in todos(county_officer)}
    assert county["兑现申请待受理"] == 3
    assert county["兑现申请待县区审核"] == 4
    city = {t.label: t.count for t in todos(city_admin)}
    assert city["兑现申请待市级审核"] == 5
    assert city["待公示或异议复核"] == 6 + 7  # joint-reviewed and objected alike
