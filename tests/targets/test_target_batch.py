"""Batch evaluation over the seed tables (targets.csv × observations.csv)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from jiazhou.targets import (
    EVALUATION_SCHEMA,
    Benchmark,
    Observation,
    Target,
    evaluate_frame,
    evaluate_target,
    evaluate_targets,
    evaluations_frame,
    observation_from_row,
    target_from_row,
)

# The project's copy of the Leshan extraction (targets.csv, observations.csv from the seeds).
SEED = Path(__file__).resolve().parents[2] / "src" / "jiazhou_web" / "monitoring" / "data"
AT = date(2025, 11, 22)


def _seed() -> tuple[list[Target], list[Observation]]:
    with open(SEED / "targets.csv", encoding="utf-8") as fh:
        targets = [target_from_row(r) for r in csv.DictReader(fh)]
    with open(SEED / "observations.csv", encoding="utf-8") as fh:
        observations = [observation_from_row(r) for r in csv.DictReader(fh)]
    return targets, observations


def test_batch_equals_one_by_one() -> None:
    targets, observations = _seed()
    bench = [Benchmark("rd_intensity_increase", "national_avg", "2023", 0.1)]
    batch = evaluate_targets(targets, observations, AT, bench)
    single = [evaluate_target(t, observations, AT, bench) for t in targets]
    assert batch == single


def test_seed_lights() -> None:
    targets, observations = _seed()
    by_id = {ev.target.target_id: ev for ev in evaluate_targets(targets, observations, AT)}
    assert by_id["T030"].light == "green"  # O007: 300 of 300
    assert by_id["T013"].rule == "no_base"  # doubling, no 2020 city value
    assert by_id["T017"].light == "yellow"  # O002 53.2 < 60, period unstated
    assert by_id["T052"].rule == "no_target_value"
    assert by_id["T002"].rule == "no_data"


def test_frame_has_the_schema_and_one_row_per_target() -> None:
    targets, observations = _seed()
    frame = evaluations_frame(evaluate_targets(targets, observations, AT))
    assert frame.schema == pl.Schema(EVALUATION_SCHEMA)
    assert frame.height == 54
    row = frame.filter(pl.col("target_id") == "T030").row(0, named=True)
    assert (row["light"], row["current_basis"], row["attainment_pct"]) == (
        "green",
        "inferred",
        100.0,
    )
    counts = dict(frame.group_by("light").len().iter_rows())
    assert counts["green"] == 1
    assert counts["yellow"] == 1
    assert counts["grey"] == 52


def test_frames_in_frame_out() -> None:
    targets = pl.read_csv(SEED / "targets.csv")
    observations = pl.read_csv(SEED / "observations.csv", infer_schema_length=0)
    base_dates = pl.DataFrame(
        {
            "source_file": [
                "001_0bea567681d2f74e.txt",
                "003_505faebe72d87312.txt",
                "004_2b9a3fb22eafa444.txt",
                "000_3a1588e7e0c9528e.txt",
            ],
            "base_date": [date(2022, 8, 30), date(2021, 7, 7), date(2021, 7, 7), date(2023, 1, 1)],
        }
    )
    frame = evaluate_frame(targets.join(base_dates, on="source_file", how="left"), observations, AT)
    t030 = frame.filter(pl.col("target_id") == "T030").row(0, named=True)
    # 2021-07-07 → 2025-11-22 of 2021-07-07 → 2025-12-31: 1599 / 1638 days.
    assert t030["elapsed_pct"] == pytest.approx(100 * 1599 / 1638)
    assert frame.height == 54


def test_batch_derives_shares_from_the_share_of_indicators_levels() -> None:
    # A share of the city (占全市比重) derived from a level indicator whose code sorts after the
    # share's own: zone 20 of city 80 in 2024 → 25 %; the batch must bring in both series.
    t = Target(
        "S",
        "a_share",
        "乐山高新区",
        2025,
        "share",
        30,
        unit="%",
        parent_region="乐山市",
        share_of="z_level",
        base_date=date(2021, 7, 7),
    )
    observations = [
        Observation("z_level", "乐山高新区", "2024", 20, obs_id="Z"),
        Observation("z_level", "乐山市", "2024", 80, obs_id="C"),
        Observation("a_share", "乐山高新区", "2024", 99, obs_id="own"),  # not used: derived
        # The city's 2025 level has no zone level to pair with: neither another indicator's
        # zone value (its code sorts after both) nor another county's level enters the share.
        Observation("z_level", "乐山市", "2025", 100, obs_id="C25"),
        Observation("zz_other", "乐山高新区", "2025", 10, obs_id="X1"),
        Observation("z_level", "峨边彝族自治县", "2025", 5, obs_id="X2"),
    ]
    [batch] = evaluate_targets([t], observations, AT)
    assert batch == evaluate_target(t, observations, AT)
    assert (batch.current_value, batch.observation_ids) == (25.0, ("Z/C",))


def test_batch_share_of_its_own_indicators_levels() -> None:
    # Without share_of the target's own indicator gives the levels.
    t = Target("S", "n", "乐山高新区", 2025, "share", 30, unit="%", parent_region="乐山市")
    observations = [
        Observation("n", "乐山高新区", "2024", 20),
        Observation("n", "乐山市", "2024", 80),
    ]
    [batch] = evaluate_targets([t], observations, AT)
    assert batch == evaluate_target(t, observations, AT)
    assert batch.current_value == 25.0


def test_frame_benchmarks_are_read_by_column_name() -> None:
    # T018 高于全国平均水平: 0.12 against a national average of 0.10 → green.
    targets = pl.DataFrame(
        {
            "target_id": ["T018"],
            "indicator": ["rd_intensity_increase"],
            "region": ["乐山市"],
            "target_year": [2025],
            "comparator": ["above_national_avg"],
            "value": [None],
        }
    )
    observations = pl.DataFrame(
        {
            "obs_id": ["O1"],
            "indicator": ["rd_intensity_increase"],
            "region": ["乐山市"],
            "period": ["2023"],
            "value": ["0.12"],
        }
    )
    benchmarks = pl.DataFrame(
        {
            "indicator": ["rd_intensity_increase"],
            "scope": ["national_avg"],
            "period": ["2023"],
            "value": [0.10],
        }
    )
    row = evaluate_frame(targets, observations, AT, benchmarks).row(0, named=True)
    assert (row["light"], row["benchmark_value"]) == ("green", 0.10)
    assert evaluate_frame(targets, observations, AT).row(0, named=True)["light"] == "grey"
