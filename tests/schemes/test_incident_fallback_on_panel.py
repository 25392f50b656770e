"""Dated incidents and yearly flags together, on the panel path of ``schemes.engine.score``.

panel.at_application: "a firm without events falls back on its yearly flags, and without those
had none" — the events table speaks for the firms it lists. 高企 H8 (32号 第十一条（八）, 195号):
no major safety, quality or environmental incident in the 365 days before the application; a
``major_incident`` flag on the application year Y itself lies within them.

Firm A's one dated event (2020-01-01) is far outside the window: H8 met. Firm B has no dated
event but its 2025 row flags a major incident: H8 unmet — with or without A's events table, and
the same as when the units are prepared first.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from tests.schemes.conftest import ANNUAL, IDENTITY

from jiazhou.schemes import prepare_units, score
from jiazhou.schemes.sqlgen import CRITERION_STATES

Y = 2025
IDENT = ("resident_enterprise_cn", "tech_field", "sme_size_class", "tax_collection_method")


def _panel() -> pl.DataFrame:
    rows = []
    for firm in ("A", "B"):
        for fy in range(Y - 4, Y + 1):
            row = {"uscc": firm, "fiscal_year": fy, **ANNUAL}
            row["major_incident"] = firm == "B" and fy == Y
            row["registration_date"] = dt.date(2015, 1, 1)
            row |= {k: IDENTITY[k] for k in IDENT}
            rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


EVENTS = pl.DataFrame({"uscc": ["A"], "date": [dt.date(2020, 1, 1)], "kind": ["major_safety"]})


def _h8(result_wide: pl.DataFrame) -> dict[str, str]:
    rows = result_wide.select("uscc", "H8__status").rows()
    return {u: CRITERION_STATES[s] for u, s in rows}


def test_a_firm_without_dated_events_is_judged_on_its_flags() -> None:
    panel = _panel()
    expected = {"A": "met", "B": "unmet"}
    assert _h8(score(panel, "hnte-2016", year=Y).wide) == expected
    assert _h8(score(panel, "hnte-2016", year=Y, events=EVENTS).wide) == expected
    units = prepare_units(panel, Y)
    assert _h8(score(units, "hnte-2016", events=EVENTS).wide) == expected
