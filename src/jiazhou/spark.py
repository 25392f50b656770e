"""The qualification schemes on Apache Spark SQL (and DuckDB): the generated SQL, past one machine.

The Polars engine (:mod:`jiazhou.schemes.engine`) computes every per-unit column from the SQL
expressions of :mod:`jiazhou.schemes.sqlgen`; :func:`~jiazhou.schemes.sqlgen.to_sql` nests the
same expressions into one ``SELECT``. Here that ``SELECT`` runs on Spark SQL over a Parquet file
of *units* (one row per ``uscc`` × ``eval_year``, the ``*_yk`` columns a scheme reads) — on a
local session (``local[2]``) or on a cluster, reading ``s3a://`` or ``hdfs://`` URIs as Spark
does. No second implementation of any criterion: docs/adr/0026-spark-scale-out.md.

Only *qualification* schemes run here: population-relative items (index schemes) need the whole
cohort and run in :mod:`jiazhou.index` (``to_sql`` refuses them).

Preparing units from a panel (``uscc`` × ``fiscal_year`` rows → lagged ``*_yk`` columns, the
application date, incident windows) is done by :func:`prepare` in Polars, once per run, on the
driver; a cluster run reads units that were prepared and written once (``jiazhou score --engine
spark`` on a panel does it for you when the file is local).

pyspark is the optional ``spark`` extra (``pip install -e '.[spark]'``, Java 17).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from jiazhou.schemes.engine import list_schemes, load_scheme
from jiazhou.schemes.model import POPULATION_METHODS, Scheme
from jiazhou.schemes.panel import (
    INCIDENT_FLAG_COLUMNS,
    INCIDENT_WINDOWS,
    KEY,
    at_application,
    prepare_units,
    with_optional_columns,
)
from jiazhou.schemes.sqlgen import input_columns, plan, to_sql

if TYPE_CHECKING:  # pyspark is an optional extra
    from pyspark.sql import DataFrame as SparkFrame
    from pyspark.sql import SparkSession

TOTALS = (
    "total_min",
    "total_max",
    "n_unmet",
    "n_open",
    "n_unknown",
    "n_review",
    "route_met",
    "route_possible",
    "gap_score",
    "score_ok_min",
    "score_ok_max",
    "status",
)

# Spark 4 turns ANSI mode on: x / 0 raises instead of giving NULL. The schemes are written for
# the NULL of Polars and DuckDB (NULLIF guards, COALESCE), so the session keeps the SQL standard's
# lenient arithmetic; every other setting is Spark's default.
SESSION_CONF: Mapping[str, str] = {
    "spark.sql.ansi.enabled": "false",
    "spark.ui.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "8",
}


def qualification_schemes() -> list[Scheme]:
    """The library schemes that run in plain SQL (no population-relative items)."""
    return [s for s in list_schemes() if not any(i.method in POPULATION_METHODS for i in s.items)]


def output_columns(scheme: Scheme, columns: Iterable[str]) -> list[str]:
    """The columns a run keeps: the key, derived fields, criterion columns and unit totals."""
    have = set(columns)
    p = plan(scheme, have)
    made = [name for stage in [*p.pre, *p.post] for name, _ in stage]
    fields = {f.name for f in scheme.fields}
    keep = [c for c in (*KEY, "as_of") if c in have and c not in fields]
    return keep + [c for c in made if c in fields or "__" in c or c in TOTALS]


# --- units ---------------------------------------------------------------------------------------


def prepare(
    panel: pl.DataFrame, schemes: Sequence[Scheme], year: int | None = None
) -> dict[str, pl.DataFrame]:
    """Each scheme's units from a panel (or from units already prepared), in Polars.

    The same steps as :func:`jiazhou.schemes.engine.score_many` (panel → lagged columns once,
    then each scheme's application date), without dated incident tables.
    """
    needed = set().union(*(input_columns(s) for s in schemes))
    if needed & set(INCIDENT_WINDOWS):
        needed |= set(INCIDENT_FLAG_COLUMNS)
    if "fiscal_year" in panel.columns:
        units = prepare_units(panel, year, columns=needed)
    elif year is not None and "eval_year" in panel.columns:
        units = panel.filter(pl.col("eval_year") == year)
    else:
        units = panel
    units = with_optional_columns(units, needed)
    out = {}
    for s in schemes:
        u = at_application(units, s.application_day)
        out[s.code] = u.select(*(c for c in (*KEY, "as_of") if c in u.columns), *_read(s, u))
    return out


def _read(scheme: Scheme, units: pl.DataFrame) -> list[str]:
    return sorted(input_columns(scheme) & set(units.columns))


# --- Spark ---------------------------------------------------------------------------------------


def session(master: str = "local[2]", conf: Mapping[str, str] | None = None) -> SparkSession:
    """A Spark session for scheme SQL (``master`` ``local[2]``, or a cluster's URL).

    Java must be on ``PATH`` or in ``JAVA_HOME``; the workers use this Python.
    """
    from pyspark.sql import SparkSession

    logging.getLogger("py4j").setLevel(logging.WARNING)  # no INFO lines at interpreter exit
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName("jiazhou-score")
    for key, value in {**SESSION_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def spark_score(spark: SparkSession, units: SparkFrame, scheme: Scheme) -> SparkFrame:
    """``scheme``'s per-unit columns for a Spark DataFrame of units (lazy: nothing runs yet)."""
    view = f"units_{abs(hash((scheme.code, id(units))))}"
    units.createOrReplaceTempView(view)
    columns = set(units.columns)
    result = spark.sql(to_sql(scheme, columns, table=view))
    return result.select(*output_columns(scheme, columns))


def spark_score_parquet(
    spark: SparkSession,
    sources: Mapping[str, str],
    output: str | None = None,
) -> dict[str, SparkFrame]:
    """Score each ``scheme code → units Parquet path or URI``; write ``output/<code>.parquet``.

    Returns the result frames (already written when ``output`` is given).
    """
    results = {}
    for code, source in sources.items():
        scheme = load_scheme(code)
        frame = spark_score(spark, spark.read.parquet(source), scheme)
        if output is not None:
            frame.write.mode("overwrite").parquet(f"{output.rstrip('/')}/{code}.parquet")
        results[code] = frame
    return results


def to_polars(frame: SparkFrame) -> pl.DataFrame:
    """A (small) Spark result on the driver as a Polars frame, through Arrow."""
    table = frame.toArrow()
    return pl.from_arrow(table)  # type: ignore[return-value]


# --- DuckDB (one machine, the same SQL) ----------------------------------------------------------


def duckdb_score(units: pl.DataFrame, scheme: Scheme, threads: int | None = None) -> pl.DataFrame:
    """``scheme``'s per-unit columns computed by DuckDB from the generated SQL."""
    import duckdb

    con = duckdb.connect()
    if threads is not None:
        con.execute(f"SET threads = {int(threads)}")
    con.register("units", units.to_arrow())
    columns = set(units.columns)
    sql = to_sql(scheme, columns)
    keep = ", ".join(output_columns(scheme, columns))
    out: pl.DataFrame = con.sql(f"SELECT {keep} FROM ({sql}) AS r").pl()
    con.close()
    return out


def write_units(units: Mapping[str, pl.DataFrame], directory: Path) -> dict[str, str]:
    """Each scheme's units as ``directory/<code>.units.parquet`` (what Spark reads)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for code, frame in units.items():
        path = directory / f"{code}.units.parquet"
        frame.write_parquet(path)
        paths[code] = str(path)
    return paths
