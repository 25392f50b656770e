"""模拟数据: the synthetic population is valid, labelled, deterministic and calibrated."""

from __future__ import annotations

import polars as pl
import pytest

from jiazhou.fields import annual_codes, field_map, optional_codes
from jiazhou.schemes import score_many
from jiazhou.synthetic import generate_panel, generate_population, split_identity
from jiazhou.uscc import validate_uscc

LESHAN = {
    "511102",
    "511111",
    "511112",
    "511113",
    "511123",
    "511124",
    "511126",
    "511129",
    "511132",
    "511133",
    "511181",
}


@pytest.fixture(scope="module")
def population() -> pl.DataFrame:
    return generate_population(2000, years=range(2019, 2026))


def test_codes_names_regions_and_labels(population: pl.DataFrame) -> None:
    ident, annual = split_identity(population)
    assert ident.height == ident["uscc"].n_unique() == 2000
    assert all(validate_uscc(c) is None for c in ident["uscc"])  # GB 32100 check characters
    assert ident["name"].n_unique() == 2000
    assert ident["name"].str.ends_with("（模拟）").all()
    assert set(ident["region_code"]) == LESHAN
    assert population["synthetic"].all()
    zone_regions = ident.filter(pl.col("in_zone"))["region_code"].value_counts()
    top = zone_regions.sort("count", descending=True)["region_code"].head(2).to_list()
    assert set(top) == {"511102", "511112"}  # the 高新区 overlays 市中区 and 五通桥区 mostly
    # optional catalogue fields (R&D categories, declared measure) are left to real data
    assert set(annual.columns) - {"uscc", "fiscal_year"} == set(annual_codes()) - optional_codes()


def test_every_catalogue_field_is_generated(population: pl.DataFrame) -> None:
    assert set(field_map()) - optional_codes() <= set(population.columns)


def test_deterministic_and_independent_of_the_years_asked(population: pl.DataFrame) -> None:
    again = generate_population(2000, years=(2024, 2025))
    mine = population.filter(pl.col("fiscal_year") >= 2024).sort("uscc", "fiscal_year")
    assert again.sort("uscc", "fiscal_year").equals(mine)
    other = generate_population(50, seed=1)
    assert set(other["uscc"]).isdisjoint(population["uscc"])


def test_rows_start_at_the_founding_year(population: pl.DataFrame) -> None:
    first = population.group_by("uscc").agg(
        pl.col("fiscal_year").min(), pl.col("registration_date").first()
    )
    assert (first["fiscal_year"] >= first["registration_date"].dt.year()).all()


def test_generate_panel_exact_rows() -> None:
    panel = generate_panel(12_345, seed=5)
    assert panel.height == 12_345
    assert panel["synthetic"].all()


def _passes(population: pl.DataFrame, year: int) -> dict[str, pl.DataFrame]:
    hnte, tsme = score_many(population, ["hnte-2016", "tech-sme-2017"], year=year)
    return {
        # HNTE: every computable condition holds and the pass mark is reachable (module doc).
        "hnte": hnte.summary.filter(pl.col("status").is_in(["pass", "review"])),
        "tsme": tsme.summary.filter(pl.col("status") == "pass"),
    }


@pytest.mark.parametrize(
    ("year", "scope", "target"),
    [
        (2023, "city", {"hnte": 131, "tsme": 300}),  # design.md §7: 2023 city-wide
        (2025, "zone", {"hnte": 49, "tsme": 119}),  # design.md §7: 2025 inside the 高新区
    ],
)
def test_calibrated_to_the_public_counts(
    population: pl.DataFrame, year: int, scope: str, target: dict[str, int]
) -> None:
    for key, frame in _passes(population, year).items():
        n = frame.height if scope == "city" else frame.filter(pl.col("in_zone")).height
        assert abs(n - target[key]) <= 0.10 * target[key], (year, scope, key, n)
