"""Benchmark: the same million units through every qualification scheme on Polars, DuckDB, Spark.

    .venv/bin/python benchmarks/bench_engines.py [--units 1000000] [--master local[2]]

One synthetic panel (模拟数据) is prepared once into each scheme's units and written as Parquet
(not timed: every engine starts from the same files). Then each engine reads the units, scores
all qualification schemes and writes the results as Parquet, one engine after the other in this
run: Polars (the engine itself, ``score(...).wide``, which adds classes and ranks), DuckDB and
Spark SQL (``local[2]`` unless ``--master``; both run :func:`jiazhou.schemes.to_sql`). Prints
seconds and the ratio to Polars per engine, Spark's session start apart, the cores used, and
checks that every engine wrote one row per unit. Spark needs Java and ``pip install -e
'.[spark]'``; without them its line says so (docs/adr/0026-spark-scale-out.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from jiazhou import spark as js
from jiazhou.schemes import load_scheme, score, to_sql
from jiazhou.synthetic import generate_panel


def timed(label: str, fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn(*args)
    elapsed = time.perf_counter() - start
    print(f"{label:<52} {elapsed:8.2f} s", flush=True)
    return out, elapsed


def run_polars(units: dict[str, str], out: Path) -> int:
    rows = 0
    for code, path in units.items():
        wide = score(pl.read_parquet(path), load_scheme(code)).wide
        wide.write_parquet(out / f"{code}.parquet")
        rows += wide.height
    return rows


def run_duckdb(units: dict[str, str], out: Path) -> int:
    import duckdb

    con = duckdb.connect()
    rows = 0
    for code, path in units.items():
        scheme = load_scheme(code)
        columns = set(pl.read_parquet_schema(path))
        con.execute(f"CREATE OR REPLACE VIEW units AS SELECT * FROM read_parquet('{path}')")
        keep = ", ".join(js.output_columns(scheme, columns))
        target = out / f"{code}.parquet"
        con.execute(
            f"COPY (SELECT {keep} FROM ({to_sql(scheme, columns)}) AS r) "
            f"TO '{target}' (FORMAT parquet)"
        )
        rows += pl.scan_parquet(target).select(pl.len()).collect().item()
    con.close()
    return rows


def run_spark(spark: Any, units: dict[str, str], out: Path) -> int:
    results = js.spark_score_parquet(spark, units, str(out))
    return sum(spark.read.parquet(str(out / f"{c}.parquet")).count() for c in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000, help="enterprise-years")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    args = parser.parse_args()
    schemes = js.qualification_schemes()
    print(f"schemes ({len(schemes)}): {', '.join(s.code for s in schemes)}")
    print(f"cores: {os.cpu_count()}; Spark master {args.master}")
    work = Path(tempfile.mkdtemp(prefix="bench_engines_"))
    try:
        panel, _ = timed(
            f"generate {args.units:,} synthetic enterprise-years", generate_panel, args.units
        )
        prepared, _ = timed(
            "panel → each scheme's units (Polars, not compared)", js.prepare, panel, schemes
        )
        del panel
        n_units = next(iter(prepared.values())).height
        units = js.write_units(prepared, work / "units")
        del prepared
        print(f"units: {n_units:,} per scheme → {n_units * len(schemes):,} unit-scheme results")
        times: dict[str, float] = {}
        for name, run in (("polars", run_polars), ("duckdb", run_duckdb)):
            out = work / name
            out.mkdir()
            rows, times[name] = timed(
                f"{name}: read, score {len(schemes)} schemes, write", run, units, out
            )
            assert rows == n_units * len(schemes), (name, rows)
        try:
            spark, t_start = timed("spark: session start (JVM)", js.session, args.master)
        except Exception as exc:  # no pyspark or no Java: say so, keep the other figures
            print(f"spark: not run — {type(exc).__name__}: {exc}")
        else:
            out = work / "spark"
            rows, times["spark"] = timed(
                f"spark: read, score {len(schemes)} schemes, write", run_spark, spark, units, out
            )
            assert rows == n_units * len(schemes), ("spark", rows)
            spark.stop()
            print(f"(spark session start {t_start:.2f} s is not in its figure)")
        base = times["polars"]
        print(f"\n{'engine':<8} {'seconds':>9} {'× Polars':>9} {'units/s':>12}")
        for name, t in times.items():
            print(f"{name:<8} {t:9.2f} {t / base:9.2f} {n_units * len(schemes) / t:12,.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
