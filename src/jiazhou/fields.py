"""The canonical enterprise field catalogue (criteria.md §8), read from ``fields.toml``.

The scoring schemes, the synthetic population and the web layer's annual-figures table all use
these codes. Money is in 元 (yuan), ratios are decimals.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, get_args

Unit = Literal[
    "yuan",
    "ratio",
    "persons",
    "count",
    "points",
    "level",
    "bool",
    "date",
    "code",
    "text",
    "mu",
    "m2",
    "tce",
    "kwh",
    "tonnes",
]
Scope = Literal["identity", "annual"]

UNITS: frozenset[str] = frozenset(get_args(Unit))
SCOPES: frozenset[str] = frozenset(get_args(Scope))


@dataclass(frozen=True)
class FieldSpec:
    """One canonical column: stable ``code``, labels, unit, scope and criteria.md section."""

    code: str
    name_zh: str
    name_en: str
    unit: Unit
    scope: Scope
    section: str
    optional: bool = False


@cache
def load_fields() -> tuple[FieldSpec, ...]:
    """Every canonical field, in catalogue order (identity fields first)."""
    text = resources.files("jiazhou").joinpath("fields.toml").read_text(encoding="utf-8")
    specs: list[FieldSpec] = []
    for i, raw in enumerate(tomllib.loads(text)["field"]):
        if raw["unit"] not in UNITS or raw["scope"] not in SCOPES:
            raise ValueError(
                f"字段目录第 {i + 1} 项 {raw.get('code')!r} 的单位或范围无效 / "
                f"field #{i + 1} {raw.get('code')!r}: bad unit {raw['unit']!r} "
                f"or scope {raw['scope']!r}"
            )
        specs.append(FieldSpec(**raw))
    return tuple(specs)


def field_map() -> dict[str, FieldSpec]:
    """The catalogue keyed by field code."""
    return {f.code: f for f in load_fields()}


def optional_codes() -> frozenset[str]:
    """Codes a file may leave out (schemes read them as null and say what they assumed)."""
    return frozenset(f.code for f in load_fields() if f.optional)


def annual_codes() -> tuple[str, ...]:
    """Codes of the per-fiscal-year fields."""
    return tuple(f.code for f in load_fields() if f.scope == "annual")


def identity_codes() -> tuple[str, ...]:
    """Codes of the per-enterprise fields."""
    return tuple(f.code for f in load_fields() if f.scope == "identity")
