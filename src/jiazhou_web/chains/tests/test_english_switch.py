"""The English switch on the chain maps, the assessments and the talent pages (issue 14): the
chains, a chain's map and lists, a segment, a 招商 list, the county rounds (a round, a county's
report, the weights what-if), the 高新区 self-assessment, the talent list and a person read
English outside data values, for the city admin and for the county and zone officers where their
pages differ; the Chinese pages are unchanged. The check is the enterprise window's
(``test_english_switch``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine

from jiazhou_web.workspace.tests.english_pages import (
    chinese_left_on,
    data_pattern,
    dump_chinese,
    fetch_pages,
)

CHAIN_PAGES = (
    "/chains/",
    "/chains/crystalline-pv/",
    "/chains/vanadium-battery/",
    "/chains/crystalline-pv/pv-cell/",
    "/chains/vanadium-battery/v-system/",
    "/chains/crystalline-pv/lists/firms/",
    "/chains/crystalline-pv/lists/recruit/",
    "/chains/recruit/{recruit}/",
)
ASSESSMENT_PAGES = (
    "/assessments/",
    "/assessments/rounds/{round}/",
    "/assessments/reports/{report}/",
    "/assessments/zone/",
)
TALENT_PAGES = ("/talent/", "/talent/{talent}/")

#: (user, pages); {round} is the demo round, {report} the user's (a county's for the city)
PAGES = (
    (
        "demo_city_admin",
        (
            *CHAIN_PAGES,
            *ASSESSMENT_PAGES,
            "/assessments/rounds/{round}/what-if/",
            "/assessments/rounds/{round}/what-if/?try=1",
            *TALENT_PAGES,
        ),
    ),
    ("demo_county_officer", ("/chains/crystalline-pv/pv-cell/", *ASSESSMENT_PAGES)),
    ("demo_zone_officer", ASSESSMENT_PAGES),
)

REGION_OF = {"demo_county_officer": "511112", "demo_zone_officer": "LS-HTZ"}


def _fill(username: str) -> dict[str, object]:
    from jiazhou_web.assessments.models import AssessmentRound, CountyReport
    from jiazhou_web.chains.models import RecruitList
    from jiazhou_web.talent.models import Talent

    round_ = AssessmentRound.objects.get()
    region = REGION_OF.get(username, "511112")
    return {
        "recruit": RecruitList.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "round": round_.pk,
        "report": CountyReport.objects.get(round=round_, region__code=region).pk,
        "talent": Talent.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
    }


def _with_reference_names(data: re.Pattern[str]) -> re.Pattern[str]:
    """The data values, the names the assessment schemes' files give (the scheme, its classes
    and indicators, the 106号 blocks, sub-indicators and qualitative items, the documents
    cited: the documents' own names), and the stored titles of the supervision items the 106号
    levers link to — all shown as written."""
    from jiazhou.assessments import load_county_scheme, load_zone_scheme
    from jiazhou_web.supervision.models import TaskItem

    county, zone = load_county_scheme(), load_zone_scheme()
    names = {county.name, county.source, zone.name, zone.source}
    names.update(c.name for c in county.classes)
    names.update(i.name for i in county.indicators)
    names.update(b.name for b in zone.blocks)
    names.update(s.name for _, s in zone.subs())
    names.update(m.name for m in zone.manual)
    names.update(TaskItem.objects.values_list("title", flat=True))
    ordered = sorted((n for n in names if n), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in ordered) + "|" + data.pattern)


def _pages(english: bool) -> dict[str, str]:
    return fetch_pages(PAGES, english, _fill)


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_chain_assessment_and_talent_pages_read_english(shared_demo: Any) -> None:
    chinese = _pages(english=False)
    dump_chinese(chinese)
    data = _with_reference_names(data_pattern())
    english = _pages(english=True)
    problems = chinese_left_on(english, data)
    assert not problems, "\n".join(problems)
    admin = "demo_city_admin"
    assert "Chain leader" in english[f"{admin} /chains/"]
    assert "链长" in chinese[f"{admin} /chains/"]
    assert "Attachment records" in english[f"{admin} /chains/crystalline-pv/pv-cell/"]
    assert "挂链记录" in chinese[f"{admin} /chains/crystalline-pv/pv-cell/"]
    assert "Estimated total" in english[f"{admin} /assessments/zone/"]
    assert "估算总分" in chinese[f"{admin} /assessments/zone/"]
    assert (
        "Submit the self-assessment"
        in english["demo_county_officer /assessments/reports/{report}/"]
    )
    assert "提交自评" in chinese["demo_county_officer /assessments/reports/{report}/"]
    assert "Talent programme" in english[f"{admin} /talent/"]
    assert "人才计划" in chinese[f"{admin} /talent/"]
    assert "Jiazhou Talent Card" in english[f"{admin} /talent/{{talent}}/"]
    assert "嘉州英才卡" in chinese[f"{admin} /talent/{{talent}}/"]
