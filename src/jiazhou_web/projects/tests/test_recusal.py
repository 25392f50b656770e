"""An expert's recusal reasons in the reader's language (issue 14): every reason the engine
writes (jiazhou.projects.conflicts, Chinese only) and the 申明回避 an expert posts are said
again in English by shape; in Chinese they read as stored."""

from __future__ import annotations

import re

from django.utils.translation import override

from jiazhou.projects.conflicts import Applicant, ConflictRules, Expert, Tie, conflicts_of
from jiazhou_web.projects.recusal import say

CJK = re.compile(r"[\u4e00-\u9fff]")


def _engine_reasons() -> list[str]:
    expert = Expert(
        key="E1",
        name="Expert One",
        affiliations=(Tie("UNIT-A"), Tie("UNIT-B", since=2015, until=2023)),
        collaborators=(Tie("Li Si", until=2024),),
        relatives=frozenset({"Wang Wu"}),
        holdings=(Tie("UNIT-A"),),
        declared=frozenset({"UNIT-A"}),
    )
    applicant = Applicant(
        unit="UNIT-A",
        co_units=frozenset({"UNIT-B"}),
        team=frozenset({"Li Si", "Wang Wu"}),
        shareholders=frozenset({"Expert One"}),
    )
    found = conflicts_of(expert, applicant, ConflictRules(lookback_years=3), 2026)
    assert {c.rule for c in found} == {
        "same_unit",
        "collaboration",
        "relative",
        "equity",
        "declared",
    }
    return [c.reason for c in found] + ["本人申明回避：Owner's cousin"]


def test_every_engine_reason_reads_english_on_the_switch_and_as_stored_in_chinese() -> None:
    reasons = _engine_reasons()
    assert len(reasons) == 8  # two same-unit, collaboration, relative, two equity, two declared
    for reason in reasons:
        with override("zh-hans"):
            assert say(reason) == reason
        with override("en"):
            assert not CJK.search(say(reason)), reason
    with override("en"):
        said = [say(r) for r in reasons]
    assert "Same unit: worked at the applicant until 2023" in said
    assert "Collaboration in the last 3 years: with team member Li Si" in said
    assert "Declared by the expert: Owner's cousin" in said


def test_a_reason_of_unknown_shape_is_shown_as_stored() -> None:
    with override("en"):
        assert say("其他原因") == "其他原因"
