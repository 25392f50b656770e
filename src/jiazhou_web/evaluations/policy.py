"""The differentiated-policy table (差别化政策) as data: class → measure → department list."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

POLICY_FILE = Path(__file__).parent / "data" / "policy.toml"
KIND_LABELS = {"electricity": "电价", "water": "水价", "land": "用地", "support": "扶持与帮扶"}


@dataclass(frozen=True)
class Measure:
    scheme_prefix: str
    grade: str
    department: str
    kind: str
    measure_zh: str
    tag: str
    amount: float | None = None
    unit: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@cache
def measures() -> tuple[Measure, ...]:
    data = tomllib.loads(POLICY_FILE.read_text(encoding="utf-8"))
    return tuple(Measure(**m) for m in data["measure"])


def measures_for(scheme_code: str) -> list[Measure]:
    return [m for m in measures() if scheme_code.startswith(m.scheme_prefix)]


def departments_for(scheme_code: str) -> dict[str, list[Measure]]:
    """Department → its measures (each department gets the list of firms it acts on)."""
    out: dict[str, list[Measure]] = {}
    for m in measures_for(scheme_code):
        out.setdefault(m.department, []).append(m)
    return out
