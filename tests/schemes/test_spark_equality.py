"""Every qualification scheme on Apache Spark SQL (local[2]) gives the Polars engine's results.

A 10,000-firm synthetic panel, evaluation year 2025, through every library scheme that runs in
plain SQL. Statuses, counts, flags, points and values are compared exactly (NULL = NULL).

The one documented tolerance — ``*__rel_gap`` and ``gap_score`` (a sum of them), relative
2⁻⁵⁰ (4 ulp): the relative gap is ``shortfall / requirement`` and the requirement is usually a
literal. Polars divides a column by a scalar as a multiplication by the scalar's reciprocal
(``0.06420000000000001 / 0.1`` gives ``0.6420000000000001``, one rounding more); Spark (and
DuckDB, and Python) divide, which is the correctly rounded IEEE result ``0.642``. Gaps are only
shown and used to order near-misses, never compared against a threshold.

These tests need Java and the ``spark`` extra; ``make spark`` runs them (``make unit`` leaves
them out). Without pyspark they fail rather than skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from jiazhou import spark as js
from jiazhou.cli import main
from jiazhou.schemes import score
from jiazhou.schemes.model import _DECIMAL, _QUOTED, Scheme
from jiazhou.schemes.sqlgen import input_columns, to_sql
from jiazhou.synthetic import generate_population

UNITS = 10_000
YEAR = 2025
RTOL = 2.0**-50  # see the module docstring: only the relative gaps and their sum
TOLERANT = ("__rel_gap", "gap_score")
SCHEMES = js.qualification_schemes()


def _bare_decimals(sql: str) -> list[str]:
    parts = _QUOTED.split(sql)
    return [m for p in parts if not p.startswith("'") for m in _DECIMAL.findall(p)]


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.code)
def test_generated_sql_has_only_double_literals(scheme: Scheme) -> None:
    """Spark reads ``0.0`` as DECIMAL(1,1): the generator writes every number as ``0.0e0``."""
    assert _bare_decimals(to_sql(scheme, input_columns(scheme))) == []


def test_the_qualification_schemes_are_the_library_minus_index_schemes() -> None:
    codes = {s.code for s in SCHEMES}
    assert {"hnte-2016", "tech-sme-2017", "srdi-sme-2026", "little-giant-2026"} <= codes
    assert "innovation-points-2024" not in codes and len(codes) >= 10


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = js.session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def panel() -> pl.DataFrame:
    return generate_population(UNITS, years=range(2020, YEAR + 1), seed=11)


@pytest.fixture(scope="module")
def units(panel: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each scheme's prepared units as Parquet (what Spark reads)."""
    prepared = js.prepare(panel, SCHEMES, YEAR)
    assert all(u.height == UNITS for u in prepared.values())
    return js.write_units(prepared, tmp_path_factory.mktemp("units"))


def _same(a: pl.Series, b: pl.Series, column: str) -> None:
    if isinstance(a.dtype, pl.Enum):  # statuses: the Enum's physical codes are the SQL codes
        a = a.to_physical()
    assert a.null_count() == b.null_count(), column
    if a.dtype.is_float() or b.dtype.is_float():
        x, y = a.cast(pl.Float64).to_numpy(), b.cast(pl.Float64).to_numpy()
        assert np.array_equal(np.isnan(x), np.isnan(y)), column
        known = ~np.isnan(x)
        if column.endswith(TOLERANT):
            assert np.allclose(x[known], y[known], rtol=RTOL, atol=0.0), column
        else:
            assert np.array_equal(x[known], y[known]), column
    elif a.dtype.is_integer() or b.dtype.is_integer():
        assert a.cast(pl.Int64).to_list() == b.cast(pl.Int64).to_list(), column
    else:  # flags, derived text and dates
        assert a.to_list() == b.to_list(), column


@pytest.mark.spark
@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.code)
def test_spark_matches_polars(spark: Any, units: dict[str, str], scheme: Scheme) -> None:
    unit_frame = pl.read_parquet(units[scheme.code])
    ours = score(unit_frame, scheme).wide.sort("uscc")
    result = js.spark_score(spark, spark.read.parquet(units[scheme.code]), scheme)
    assert not [f for f in result.schema.fields if "Decimal" in type(f.dataType).__name__]
    theirs = js.to_polars(result).sort("uscc")
    assert theirs.height == ours.height == UNITS
    assert theirs["uscc"].to_list() == ours["uscc"].to_list()
    compared = [c for c in theirs.columns if c in ours.columns and c not in ("uscc", "as_of")]
    assert {"status", "total_min", "total_max", "n_unmet"} <= set(compared)
    assert len(compared) > 15
    for c in compared:
        _same(ours[c], theirs[c], c)
    # qualified: the unit status (pass / review / unknown / fail) — and not always the same one
    assert ours["status"].n_unique() > 1


@pytest.mark.spark
def test_cli_scores_a_parquet_panel_on_spark(panel: pl.DataFrame, tmp_path: Path) -> None:
    source = tmp_path / "panel.parquet"
    panel.filter(
        pl.col("uscc").is_in(panel["uscc"].unique().sort().head(300).to_list())
    ).write_parquet(source)
    out = tmp_path / "results"
    argv = ["score", str(source), "--scheme", "hnte-2016", "--scheme", "little-giant-2026"]
    argv += ["-o", str(out), "--year", str(YEAR)]
    assert main([*argv, "--engine", "spark"]) == 0
    assert main([*argv, "-o", str(tmp_path / "duck"), "--engine", "duckdb"]) == 0
    small = pl.read_parquet(source)
    for code in ("hnte-2016", "little-giant-2026"):
        ours = score(small, code, YEAR).wide.sort("uscc")
        written = pl.read_parquet(out / f"{code}.parquet" / "*.parquet").sort("uscc")
        duck = pl.read_parquet(tmp_path / "duck" / f"{code}.parquet").sort("uscc")
        assert written.height == duck.height == ours.height == 300
        for c in ("status", "total_min", "total_max", "n_unmet", "route_met"):
            _same(ours[c], written[c], c)
            _same(ours[c], duck[c], c)
