"""Reading targets.csv / observations.csv rows (comparator mapping of the README)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jiazhou.targets import Target, observation_from_row, target_from_row

# The project's copy of the Leshan extraction (targets.csv, observations.csv from the seeds).
SEED = Path(__file__).resolve().parents[2] / "src" / "jiazhou_web" / "monitoring" / "data"


def _row(**values: str) -> dict[str, str]:
    base = {"target_id": "T", "indicator": "x", "region": "乐山市", "target_year": "2025"}
    return base | values


@pytest.mark.parametrize(
    ("comparator", "value", "kind", "numeric", "expected_value"),
    [
        (">=", "16", "level", ">=", 16.0),  # T001
        (">", "60", "level", ">", 60.0),  # T017
        ("=", "100", "level", "=", 100.0),  # T043
        ("top_n", "80", "rank", "<=", 80.0),  # T008
        ("doubling_vs_2020", "", "multiple_of_base", ">=", 2.0),  # T011
        ("increasing", "", "increasing", ">=", None),  # T015
        ("achieve", "", "achieve", ">=", None),  # T022
        ("eliminate", "", "eliminate", ">=", None),  # T042
        ("unstated", "", "unstated", ">=", None),  # T052
    ],
)
def test_comparators_map_to_kinds(
    comparator: str, value: str, kind: str, numeric: str, expected_value: float | None
) -> None:
    t = target_from_row(_row(comparator=comparator, value=value))
    assert (t.kind, t.comparator, t.value) == (kind, numeric, expected_value)


def test_benchmark_scopes() -> None:
    assert target_from_row(_row(comparator="above_national_avg")).benchmark == "national_avg"
    leading = target_from_row(_row(comparator="leading_in_province"))  # T019
    assert (leading.kind, leading.benchmark) == ("above_benchmark", "provincial_leading")


def test_indicator_kind_refines_numeric_comparators() -> None:
    t = target_from_row(_row(comparator=">=", value="15", indicator_kind="growth_rate"))  # T007
    assert t.kind == "growth_rate"
    assert (
        target_from_row(_row(comparator=">=", value="30", indicator_kind="share")).kind == "share"
    )


def test_due_and_period_start() -> None:
    t = target_from_row(_row(comparator="doubling_vs_2020", base_year="2020"))
    assert str(t.due) == "2025-12-31"
    assert str(t.period_start) == "2020-12-31"
    t2 = target_from_row(_row(comparator=">=", value="1", base_date="2022-08-30"))
    assert str(t2.period_start) == "2022-08-30"


def test_bad_rows_name_the_target() -> None:
    with pytest.raises(ValueError, match=r"^目标 T9 的比较符 '~' 无法识别"):
        target_from_row(_row(target_id="T9", comparator="~"))
    with pytest.raises(ValueError, match=r"^目标 T9 字段 value 不是数字"):
        target_from_row(_row(target_id="T9", comparator=">=", value="16%"))


def test_observation_growth_vs_base_is_read() -> None:
    # O031: 49家, 较“十三五”末增长75%.
    o = observation_from_row(
        {
            "obs_id": "O031",
            "indicator": "hitech_enterprises",
            "region": "乐山高新区",
            "period": "asof:2025-10",
            "period_basis": "inferred",
            "value": "49",
            "other_growth_pct": "75",
            "other_growth_basis": "vs_end_of_13th_FYP(2020)",
        }
    )
    assert (o.growth_vs_base_pct, o.growth_base_year, o.period_basis) == (75.0, 2020, "inferred")
    assert str(o.on) == "2025-10-31"


def test_bad_observation_rows_name_the_observation() -> None:
    with pytest.raises(ValueError, match=r"^观测 O9 的 period_basis 'guess' 无法识别"):
        observation_from_row({"obs_id": "O9", "value": "1", "period_basis": "guess"})
    with pytest.raises(ValueError, match="无法识别的观测期"):
        observation_from_row({"obs_id": "O9", "value": "1", "period": "sometime"})
    with pytest.raises(ValueError, match=r"^观测 O9 缺少 value"):
        observation_from_row({"obs_id": "O9", "value": ""})


def test_every_seed_row_reads() -> None:
    with open(SEED / "targets.csv", encoding="utf-8") as fh:
        targets = [target_from_row(r) for r in csv.DictReader(fh)]
    with open(SEED / "observations.csv", encoding="utf-8") as fh:
        observations = [observation_from_row(r) for r in csv.DictReader(fh)]
    assert len(targets) == 54
    assert len(observations) == 46
    by_id: dict[str, Target] = {t.target_id: t for t in targets}
    assert by_id["T013"].kind == "multiple_of_base"
    assert by_id["T013"].base_year == 2020


@pytest.mark.parametrize(
    ("kind", "comparator", "message"),
    [
        (">=", ">=", "类型「>=」无效"),
        ("Level", ">=", "类型「Level」无效"),
        ("level", "≥", "比较符「≥」无效"),
    ],
)
def test_a_target_of_an_unknown_kind_or_comparator_is_refused(
    kind: str, comparator: str, message: str
) -> None:
    """A misspelt kind was evaluated as a plain level (the threshold path is the fallback), so
    a target built in code is checked as a row read from a file is: Chinese first, then English."""
    with pytest.raises(ValueError, match=message) as refused:
        Target("T1", "x", "乐山市", 2030, kind, 50, comparator=comparator)  # type: ignore[arg-type]
    assert "target T1: unknown" in str(refused.value)
