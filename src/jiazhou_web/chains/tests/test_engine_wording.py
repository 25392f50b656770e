"""Every sentence the chain and assessment engines write is said in English on the switch and
exactly as the engine wrote it in Chinese (issue 14): ``chains.wording`` and
``assessments.wording`` read the engines' Chinese back, so an engine sentence they do not know
would silently stay Chinese — these tests fail instead.

The chain rules come from ``jiazhou.chains.status.segment_status`` itself, one case per rule;
the assessment notes are every sentence assigned to ``note`` in the engine's source (both
branches of a conditional), with a number where the engine puts one."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import translation

from jiazhou.assessments import county, zone
from jiazhou.chains.status import SegmentFacts, segment_status
from jiazhou_web.assessments.wording import note_label
from jiazhou_web.chains.wording import rule_label

CJK = re.compile(r"[\u4e00-\u9fff]")
TODAY = dt.date(2026, 12, 4)
FACTS = (
    SegmentFacts(),  # no firm
    SegmentFacts(n_pipeline_projects=2),  # no firm, projects under construction
    SegmentFacts(revenues=(Decimal(5),)),  # one firm
    SegmentFacts(revenues=(Decimal(90), Decimal(10))),  # the leading firm has 90 %
    SegmentFacts(revenues=(Decimal(50), Decimal(50))),  # no platform, no technology source
    SegmentFacts(
        revenues=(Decimal(50), Decimal(50)),
        n_platforms=1,
        tech_source_dates=(dt.date(2025, 3, 1),),
    ),
)


@pytest.mark.parametrize("facts", FACTS)
def test_each_chain_rule_is_said_in_both_languages(facts: SegmentFacts) -> None:
    rule = segment_status(facts, today=TODAY).rule
    with translation.override("en"):
        english = rule_label(rule)
    with translation.override("zh-hans"):
        chinese = rule_label(rule)
    assert not CJK.search(english), (rule, english)
    assert chinese == rule


def _sentences(module: object) -> Iterator[str]:
    """The sentences assigned to ``note`` in the module's source, numbers filled in."""
    for node in ast.walk(ast.parse(inspect.getsource(module))):  # type: ignore[arg-type]
        if not isinstance(node, ast.Assign):
            continue
        targets = [t for t in node.targets if isinstance(t, ast.Name | ast.Tuple)]
        names = {
            n.id
            for t in targets
            for n in ([t] if isinstance(t, ast.Name) else t.elts)
            if isinstance(n, ast.Name)
        }
        if "note" not in names:
            continue
        value = node.value.elts[-1] if isinstance(node.value, ast.Tuple) else node.value
        yield from _render(value)


def _render(value: ast.expr) -> Iterator[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        yield value.value
    elif isinstance(value, ast.JoinedStr):
        parts: list[list[str]] = []
        for part in value.values:
            if isinstance(part, ast.Constant):
                parts.append([str(part.value)])
            elif isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.IfExp):
                parts.append([*_render(part.value.body), *_render(part.value.orelse)])
            else:
                parts.append(["2.5"])
        yield from ("".join(p) for p in itertools.product(*parts))


@pytest.mark.parametrize(
    "note", sorted({*_sentences(county), *_sentences(zone)}), ids=lambda n: n[:12]
)
def test_each_assessment_note_is_said_in_both_languages(note: str) -> None:
    with translation.override("en"):
        english = note_label(note)
    with translation.override("zh-hans"):
        chinese = note_label(note)
    assert not CJK.search(english), (note, english)
    assert chinese == note
