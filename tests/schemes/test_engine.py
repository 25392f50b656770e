"""The engine itself: scheme-file errors, missing columns, DuckDB equality, explanations,
population-relative items (through jiazhou.index), classes, ranks and reproducibility."""

from __future__ import annotations

import duckdb
import numpy as np
import polars as pl
import pytest
from tests.schemes.conftest import crit, frame, run, unit

from jiazhou.index import normalise
from jiazhou.schemes import (
    MissingColumnsError,
    SchemeError,
    data_hash,
    list_schemes,
    load_scheme,
    parse_scheme,
    scheme_units,
    score,
    score_many,
    to_sql,
)
from jiazhou.schemes.model import POPULATION_METHODS
from jiazhou.schemes.sqlgen import CRITERION_STATES
from jiazhou.synthetic import generate_population

MINIMAL = """
code = "toy-index"
title_zh = "测试"
title_en = "Test"
document = "none"
version = "1"
effective_from = 2024-01-01

[[items]]
id = "RD"
label_zh = "研发"
label_en = "R&D"
cite = "test"
tag = "L"
max = 60
method = "minmax"
value = "rd_expense_audited_y1"

[[items]]
id = "STAFF"
label_zh = "人员"
label_en = "Staff"
cite = "test"
tag = "L"
max = 40
method = "bands"
value = "employees_total_y1"
weight_by = { column = "lifecycle_stage", values = { startup = 0.5 }, default = 1.0 }
bands = [ { ge = 100, points = 40 }, { points = 0 } ]

[outcome]
pass_mark = 50
classes = [ { name = "A", share = 0.30 }, { name = "B", share = 0.90 }, { name = "C" } ]
"""


@pytest.fixture(scope="module")
def population() -> pl.DataFrame:
    return generate_population(400, years=range(2020, 2026), seed=7)


# --- malformed scheme files ---------------------------------------------------------------------


def test_toml_syntax_error_names_file_and_line() -> None:
    bad = MINIMAL.replace('version = "1"', 'version = "1')
    with pytest.raises(SchemeError, match=r"^bad\.toml:6: .*TOML"):
        parse_scheme(bad, "bad.toml")


def test_unknown_key_names_key_path_and_line() -> None:
    bad = MINIMAL.replace('method = "minmax"', 'method = "minmax"\nweigth = 2')
    with pytest.raises(SchemeError, match=r"bad\.toml:9: items\[0\]: .*weigth"):
        parse_scheme(bad, "bad.toml")


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        (
            ('value = "rd_expense_audited_y1"', 'value = "rd_expense_audited_y1 >>= 2"'),
            r"items\[0\]\.value: .*SQL",
        ),
        (('value = "employees_total_y1"', 'value = "$nope"'), r"undefined parameter \$nope"),
        (('id = "STAFF"', 'id = "STAFF"\ngroup = "G9"'), r"items\[1\]\.group: .*unknown group"),
        (('id = "STAFF"', 'id = "RD"'), r"items\[1\]: .*duplicate id"),
        (("{ points = 0 } ]", "{ lt = 5, points = 0 } ]"), r"items\[1\]\.bands: .*otherwise"),
        (("points = 40 }", "points = 41 }"), r"items\[1\]\.bands\[0\]\.points: .*exceeds max"),
        (('method = "minmax"', 'method = "magic"'), r"items\[0\]\.method: .*unknown method"),
        (("effective_from = 2024-01-01", 'effective_from = "2024"'), r"effective_from: .*date"),
    ],
)
def test_validation_errors_name_the_key_path(change: tuple[str, str], pattern: str) -> None:
    with pytest.raises(SchemeError, match=pattern):
        parse_scheme(MINIMAL.replace(*change), "bad.toml")


def test_every_library_scheme_cites_and_tags_every_criterion() -> None:
    for s in list_schemes():
        for c in (*s.gates, *s.routes, *s.items):
            assert c.cite and c.tag in {"V", "S", "U", "L"}, (s.code, c.id)


# --- input checks -------------------------------------------------------------------------------


def test_missing_columns_listed_with_the_schemes_that_need_them() -> None:
    df = frame([unit()]).drop("tech_staff_y1", "total_assets_y1")
    with pytest.raises(MissingColumnsError) as info:
        score_many(df, ["tech-sme-2017", "hnte-2016"])
    assert info.value.missing["tech_staff_y1"] == ["tech-sme-2017", "hnte-2016"]
    assert "total_assets_y1" in str(info.value) and "tech-sme-2017" in str(info.value)


def test_missing_values_never_crash_and_never_count_as_zero() -> None:
    empty = {k: (None if k not in ("uscc", "eval_year") else v) for k, v in unit().items()}
    r = run("hnte-2016", unit(), empty)
    s = r.summary.row(1, named=True)
    assert s["status"] == "unknown"
    assert s["total_max"] > 0 and s["total_min"] == 0.0
    assert crit(r, "H5", row=1)["status"] == "unknown"


# --- DuckDB runs the same scheme SQL ------------------------------------------------------------


# Cohort evaluations (population-relative items) run in jiazhou.index, not in plain SQL.
@pytest.mark.parametrize(
    "code",
    [s.code for s in list_schemes() if not any(i.method in POPULATION_METHODS for i in s.items)],
)
def test_duckdb_matches_polars(population: pl.DataFrame, code: str) -> None:
    scheme = load_scheme(code)
    units = scheme_units(population, scheme, 2025)
    polars_result = score(units, scheme).wide
    con = duckdb.connect()
    con.register("units", units.to_arrow())
    duck = con.sql(to_sql(scheme, set(units.columns))).pl().sort("uscc")
    ours = polars_result.sort("uscc")
    compared = [c for c in ours.columns if c in duck.columns and c not in units.columns]
    assert len(compared) > 10
    for c in compared:
        a, b = ours[c], duck[c]
        if isinstance(a.dtype, pl.Enum):  # statuses: the Enum's physical codes are the SQL codes
            a = a.to_physical()
        if a.dtype.is_float() or b.dtype.is_float():
            assert np.allclose(
                a.cast(pl.Float64).to_numpy(),
                b.cast(pl.Float64).to_numpy(),
                rtol=1e-12,
                equal_nan=True,
            ), c
        else:
            assert a.cast(pl.Int64).to_list() == b.cast(pl.Int64).to_list(), c


def test_population_items_refuse_plain_sql() -> None:
    scheme = parse_scheme(MINIMAL, "toy.toml")
    with pytest.raises(SchemeError, match="jiazhou.index"):
        to_sql(scheme, {"rd_expense_audited_y1", "employees_total_y1", "lifecycle_stage"})


# --- population-relative items, weights, classes, ranks -----------------------------------------


def test_minmax_item_uses_jiazhou_index_and_quota_classes() -> None:
    rd = [0.0, 1e6, 2e6, 3e6, 4e6, None, 5e6, 6e6, 7e6, 8e6]
    rows = [
        unit(
            rd_expense_audited_y1=x,
            employees_total_y1=150.0,
            lifecycle_stage="startup" if i == 0 else "growth",
        )
        for i, x in enumerate(rd)
    ]
    for i, r in enumerate(rows):
        r["uscc"] = f"U{i}"
    result = score(frame(rows), parse_scheme(MINIMAL, "toy.toml"))
    w = result.wide.sort("uscc")
    x = np.array([np.nan if v is None else v for v in rd])
    expected = normalise.minmax(x, 0, 100) / 100 * 60
    got = w["RD__points_min"].to_numpy()
    known = ~np.isnan(x)
    assert np.allclose(got[known], expected[known])
    assert CRITERION_STATES[w.row(5, named=True)["RD__status"]] == "unknown"
    assert w.row(5, named=True)["RD__points_max"] == 60.0
    assert w["STAFF__points_min"].to_list()[:2] == [20.0, 40.0]  # startup weight 0.5
    classes = result.summary["class"].to_list()
    assert classes.count("A") == 3 and classes.count("C") == 1  # A ≤ 30 %, C = bottom 10 %
    best = result.summary.sort("rank").row(0, named=True)
    assert best["uscc"] == "U9" and best["class"] == "A"


# --- results ------------------------------------------------------------------------------------


def test_details_explain_and_near_eligible(population: pl.DataFrame) -> None:
    r = score(population, "tech-sme-2017", year=2025)
    n_criteria = len(r.scheme.gates) + len(r.scheme.routes) + len(r.scheme.items)
    assert r.details().height == r.wide.height * n_criteria
    uscc = r.wide["uscc"][0]
    e = r.explain(uscc)
    assert e["scheme_version"] == r.scheme_version and e["data_hash"] == r.data_hash
    assert [c["id"] for c in e["criteria"]][:2] == ["T1", "T2a"]
    assert {c["status"] for c in e["criteria"]} <= {
        "met",
        "unmet",
        "unknown",
        "manual_review",
        "not_applicable",
    }
    near = r.near_eligible()
    assert "pass" not in near["status"].to_list()
    keys = near.select("n_unmet", "n_unknown", "gap_score").rows()
    assert keys == sorted(keys, key=lambda k: (k[0], k[1], k[2]))
    with pytest.raises(KeyError):
        r.explain("NO-SUCH")


def test_data_hash_reproducible_and_sensitive(population: pl.DataFrame) -> None:
    """The run hash covers the unit keys and every input column the scheme reads."""
    a = score(population, "hnte-2016", year=2025)
    b = score(population.clone(), "hnte-2016", year=2025)
    assert a.data_hash == b.data_hash and len(a.data_hash) == 64
    assert a.wide.equals(b.wide)
    read = score(population.with_columns(pl.col("tech_staff") + 1), "hnte-2016", year=2025)
    assert read.data_hash != a.data_hash
    unread = score(population.with_columns(pl.col("name") + "x"), "hnte-2016", year=2025)
    assert unread.data_hash == a.data_hash
    assert data_hash(population) != data_hash(population.head(10))
