"""The ``[[stages]]`` and ``[evaluation]`` sections of annual evaluations (``schemes.evaluation``).

criteria.md §5.3: 创新积分制 weights by development stage (初创期 / 成长期 / 稳定期), the first
matching rule names the stage and the last one is "everyone else"; §6.1: 亩均 evaluations
benchmark and grade within a cohort (规上 / 规下), and exempt firms are scored but not graded.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from jiazhou.schemes import SchemeError, parse_scheme
from jiazhou.schemes.evaluation import Evaluation, StageRule, evaluation_fields, stage_expr

HEAD = (
    'code = "t"\ntitle_zh = "t"\ntitle_en = "t"\ndocument = "t"\nversion = "1"\n'
    "effective_from = 2024-01-01\n"
)


def _stage(name: str, when: str | None = None) -> str:
    text = f'[[stages]]\nname = "{name}"\nlabel_zh = "甲"\nlabel_en = "a"\ncite = "x"\ntag = "U"\n'
    return text + (f'when = "{when}"\n' if when else "")


def test_stages_in_order_the_last_without_a_condition() -> None:
    scheme = parse_scheme(
        HEAD + _stage("startup", "age_days < 1095") + _stage("growth", "x > 1") + _stage("mature"),
        "t.toml",
    )
    assert [(s.name, s.when) for s in scheme.stages] == [
        ("startup", "age_days < 1095"),
        ("growth", "x > 1"),
        ("mature", None),
    ]
    stage = next(f for f in scheme.fields if f.name == "stage")
    assert stage.expr == (
        "CASE WHEN (age_days < 1095) THEN 'startup' WHEN (x > 1) THEN 'growth' ELSE 'mature' END"
    )
    assert stage.label_zh == "发展阶段"


def test_a_single_otherwise_stage_is_a_constant() -> None:
    scheme = parse_scheme(HEAD + _stage("all"), "t.toml")
    assert [f.expr for f in scheme.fields if f.name == "stage"] == ["'all'"]
    assert stage_expr((StageRule("a", "甲", "a", "x", "U"),)) == "'a'"


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        (_stage("a") + _stage("b"), "exactly the last stage"),  # an otherwise in the middle
        (_stage("a", "TRUE"), "exactly the last stage"),  # no otherwise at the end
        (_stage("a", "x > 1") + _stage("a"), "duplicate stage name"),
        ("stages = []\n", "non-empty array"),
        ('stages = "a"\n', "non-empty array"),
    ],
)
def test_bad_stage_lists_are_refused(stages: str, message: str) -> None:
    with pytest.raises(SchemeError, match=message):
        parse_scheme(HEAD + stages, "t.toml")


def test_evaluation_defaults_one_cohort_no_exemption() -> None:
    scheme = parse_scheme(HEAD + "[evaluation]\n", "t.toml")
    assert scheme.evaluation == Evaluation("'all'", None, "免评", "", "")
    fields = {f.name: f.expr for f in scheme.fields}
    assert fields["cohort"] == "CAST(('all') AS VARCHAR)"
    assert fields["exempt"] == "FALSE"
    assert "stage" not in fields


def test_evaluation_cohort_and_exemption_are_read() -> None:
    text = (
        HEAD + "[evaluation]\n"
        "cohort = \"CASE WHEN above_scale THEN '规上' ELSE '规下' END\"\n"
        'exempt = "exemption_category IS NOT NULL"\n'
        'exempt_class = "参评不分类"\ncite = "§6.1"\ntag = "V"\n'
    )
    ev = parse_scheme(text, "t.toml").evaluation
    assert ev == Evaluation(
        "CASE WHEN above_scale THEN '规上' ELSE '规下' END",
        "exemption_category IS NOT NULL",
        "参评不分类",
        "§6.1",
        "V",
    )
    fields = {name: expr for name, expr, _, _ in evaluation_fields((), ev)}
    assert fields["exempt"] == "COALESCE((exemption_category IS NOT NULL), FALSE)"
    assert (
        fields["cohort"] == "CAST((CASE WHEN above_scale THEN '规上' ELSE '规下' END) AS VARCHAR)"
    )


def test_no_sections_no_derived_columns() -> None:
    assert evaluation_fields((), None) == []
    assert parse_scheme(HEAD, "t.toml").evaluation is None


def test_the_sections_are_read_only() -> None:
    # a parsed scheme is shared by every scoring run (load_scheme caches it): no run may change it
    rule = StageRule("a", "甲", "a", "x", "U")
    with pytest.raises(FrozenInstanceError):
        rule.name = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        Evaluation().cohort = "x"  # type: ignore[misc]
