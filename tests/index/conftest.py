"""Shared fixtures: COINr's ASEM example (shared/data/asem) and small hand-made frameworks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from jiazhou.index.framework import Framework

ASEM = Path(__file__).resolve().parents[1] / "data" / "asem"  # COINr's ASEM example, copied


@pytest.fixture(scope="session")
def asem_dir() -> Path:
    return ASEM


@pytest.fixture(scope="session")
def asem_meta() -> pl.DataFrame:
    return pl.read_csv(ASEM / "input_iMeta.csv")


@pytest.fixture(scope="session")
def asem_data() -> pl.DataFrame:
    return pl.read_csv(ASEM / "input_iData.csv")


@pytest.fixture(scope="session")
def asem(asem_meta: pl.DataFrame) -> Framework:
    return Framework.from_meta(asem_meta)


def _small_meta(**overrides: object) -> pl.DataFrame:
    """Two indicators under one pillar under the index (a ± pair), plus a denominator."""
    rows: list[dict[str, object]] = [
        {"Level": 1, "iCode": "a", "Parent": "P", "Direction": 1, "Weight": 1.0,
         "Type": "Indicator", "Denominator": "pop", "Standard": 2.5},
        {"Level": 1, "iCode": "b", "Parent": "P", "Direction": -1, "Weight": 1.0,
         "Type": "Indicator", "Denominator": None, "Standard": 0.5},
        {"Level": 2, "iCode": "P", "Parent": "I", "Direction": 1, "Weight": 1.0,
         "Type": "Aggregate", "Denominator": None, "Standard": None},
        {"Level": 3, "iCode": "I", "Parent": None, "Direction": 1, "Weight": 1.0,
         "Type": "Aggregate", "Denominator": None, "Standard": None},
        {"Level": None, "iCode": "pop", "Parent": None, "Direction": None, "Weight": None,
         "Type": "Denominator", "Denominator": None, "Standard": None},
        {"Level": None, "iCode": "grp", "Parent": None, "Direction": None, "Weight": None,
         "Type": "Group", "Denominator": None, "Standard": None},
    ]  # fmt: skip
    for key, value in overrides.items():
        code, col = key.split("__")
        next(r for r in rows if r["iCode"] == code)[col] = value
    return pl.DataFrame(rows, infer_schema_length=None)


@pytest.fixture
def small_data() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "uCode": ["u1", "u2", "u3", "u4"],
            "grp": ["x", "x", "y", "y"],
            "pop": [1.0, 2.0, 4.0, 0.0],
            "a": [1.0, 4.0, None, 8.0],
            "b": [1.0, 0.25, 2.0, None],
        }
    )


@pytest.fixture
def small_meta() -> Callable[..., pl.DataFrame]:
    """Factory: the small iMeta with ``code__Column=value`` overrides."""
    return _small_meta


@pytest.fixture
def small(small_meta: Callable[..., pl.DataFrame]) -> Framework:
    return Framework.from_meta(small_meta())
