"""Scheme-format parts of annual cohort evaluations (企业创新积分制, 亩均论英雄).

``[[stages]]`` assign each unit a development stage by rule (criteria.md §5.3: 初创期 / 成长期 /
稳定期), read by ``weight_by = { column = "stage", … }``. ``[evaluation]`` declares the cohort
(units are benchmarked, ranked and graded within it, e.g. 规上 and 规下 separately, §6.1) and the
exempt units (evaluated and scored but not graded, §6.1). Both become derived fields (``stage``,
``cohort``, ``exempt``) ahead of the scheme's own fields, so every engine sees plain columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class Reader(Protocol):
    """The part of the scheme reader these parsers use (see ``model._Reader``)."""

    def table(
        self, raw: Any, key: str, allowed: set[str], required: set[str]
    ) -> dict[str, Any]: ...

    def sql(self, raw: Any, key: str) -> str: ...

    def ident(self, raw: Any, key: str) -> str: ...

    def tag(self, raw: Any, key: str) -> str: ...

    def fail(self, key: str, reason: str) -> Exception: ...


@dataclass(frozen=True)
class StageRule:
    """A development stage: the first rule whose ``when`` holds names the unit's stage."""

    name: str
    label_zh: str
    label_en: str
    cite: str
    tag: str
    when: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """Cohort, exemption and ranking settings of an annual evaluation."""

    cohort: str = "'all'"
    exempt: str | None = None
    exempt_class: str = "免评"
    cite: str = ""
    tag: str = ""


def parse_stages(r: Reader, raw: Any) -> tuple[StageRule, ...]:
    """``[[stages]]``: named rules in order; the last one has no ``when`` (everyone else)."""
    if not isinstance(raw, list) or not raw:
        raise r.fail("stages", "应为非空表数组 / expected a non-empty array of tables")
    out = []
    for n, s in enumerate(raw):
        key = f"stages[{n}]"
        t = r.table(
            s,
            key,
            {"name", "label_zh", "label_en", "cite", "tag", "when"},
            {"name", "label_zh", "label_en", "cite", "tag"},
        )
        when = r.sql(t["when"], f"{key}.when") if "when" in t else None
        last = n == len(raw) - 1
        if (when is None) != last:
            raise r.fail(
                key,
                "仅最后一个阶段无条件（其他情形）/ exactly the last stage has no "
                "'when' (the otherwise stage)",
            )
        out.append(
            StageRule(
                r.ident(t["name"], f"{key}.name"),
                t["label_zh"],
                t["label_en"],
                t["cite"],
                r.tag(t["tag"], f"{key}.tag"),
                when,
            )
        )
    if len({s.name for s in out}) != len(out):
        raise r.fail("stages", "阶段名称重复 / duplicate stage name")
    return tuple(out)


def parse_evaluation(r: Reader, raw: Any) -> Evaluation:
    """``[evaluation]``: ``cohort`` (SQL, default one cohort), ``exempt`` (boolean SQL)."""
    t = r.table(raw, "evaluation", {"cohort", "exempt", "exempt_class", "cite", "tag"}, set())
    return Evaluation(
        cohort=r.sql(t["cohort"], "evaluation.cohort") if "cohort" in t else "'all'",
        exempt=r.sql(t["exempt"], "evaluation.exempt") if "exempt" in t else None,
        exempt_class=str(t.get("exempt_class", "免评")),
        cite=str(t.get("cite", "")),
        tag=r.tag(t["tag"], "evaluation.tag") if "tag" in t else "",
    )


def stage_expr(stages: tuple[StageRule, ...]) -> str:
    """The ``stage`` column: ``CASE WHEN … THEN 'name' … ELSE 'last' END``."""
    whens = " ".join(f"WHEN ({s.when}) THEN '{s.name}'" for s in stages[:-1])
    return f"CASE {whens} ELSE '{stages[-1].name}' END" if whens else f"'{stages[-1].name}'"


def evaluation_fields(
    stages: tuple[StageRule, ...], ev: Evaluation | None
) -> list[tuple[str, str, str, str]]:
    """``(name, expr, label_zh, label_en)`` of the derived columns these sections add."""
    out = []
    if stages:
        out.append(("stage", stage_expr(stages), "发展阶段", "Development stage"))
    if ev is not None:
        out.append(("cohort", f"CAST(({ev.cohort}) AS VARCHAR)", "评价组别", "Cohort"))
        out.append(
            (
                "exempt",
                f"COALESCE(({ev.exempt}), FALSE)" if ev.exempt else "FALSE",
                "参评不分类",
                "Evaluated, not graded",
            )
        )
    return out
