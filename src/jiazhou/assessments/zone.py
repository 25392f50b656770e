"""国家高新区综合评价 self-assessment (106号) and its levers. See ``data/zone-106-2021.toml``.

Every score here is an **estimate**: the national distribution is not available to the city, so
sub-indicators are normalised against the published national average (our proposal [U]) and the
rank is estimated from an assumed normal distribution of national scores (mean, sd in the file).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from statistics import NormalDist

from jiazhou.assessments.rules import weighted_share_points

DATA_DIR = Path(__file__).parent / "data"
HALF = Decimal("0.5")
LEVER_STEP = Decimal("0.10")  # [U] one unit of effort = +10% of the national average
Q = Decimal("0.01")


@dataclass(frozen=True)
class ZoneSub:
    code: str
    name: str
    weight: Decimal
    tag: str
    monitoring: str = ""
    lower_better: bool = False


@dataclass(frozen=True)
class ManualItem:
    """A qualitative item an expert scores 0–1 (``manual_review``); outside the 赋权 sums."""

    code: str
    name: str


@dataclass(frozen=True)
class ZoneBlock:
    code: str
    name: str
    weight: Decimal
    tag: str
    subs: tuple[ZoneSub, ...]

    @property
    def weights(self) -> dict[str, Decimal]:
        return {s.code: s.weight for s in self.subs}


@dataclass(frozen=True)
class ZoneScheme:
    code: str
    name: str
    version: str
    source: str
    national_zones: int
    estimate_mean: Decimal
    estimate_sd: Decimal
    blocks: tuple[ZoneBlock, ...]
    manual: tuple[ManualItem, ...] = ()

    def subs(self) -> list[tuple[ZoneBlock, ZoneSub]]:
        return [(b, s) for b in self.blocks for s in b.subs]


@dataclass(frozen=True)
class SubScore:
    block: str
    code: str
    value: Decimal | None
    average: Decimal | None
    normalised: Decimal | None
    worth: Decimal  # points for a perfect score
    points: Decimal
    note: str


@dataclass(frozen=True)
class Lever:
    code: str
    name: str
    gain: Decimal  # points for +10% of the national average
    headroom: Decimal  # points still open
    monitoring: str
    note: str


@dataclass(frozen=True)
class ZoneResult:
    items: tuple[SubScore, ...]
    block_totals: dict[str, Decimal]
    total: Decimal
    estimated_rank: int
    manual: dict[str, Decimal | None]


def load_zone_scheme(path: Path | None = None) -> ZoneScheme:
    path = path or DATA_DIR / "zone-106-2021.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    blocks = tuple(
        ZoneBlock(
            code=b["code"],
            name=b["name"],
            weight=Decimal(b["weight"]),
            tag=b["tag"],
            subs=tuple(
                ZoneSub(
                    code=s["code"],
                    name=s["name"],
                    weight=Decimal(s["weight"]),
                    tag=s["tag"],
                    monitoring=s.get("monitoring", ""),
                    lower_better=bool(s.get("lower_better", False)),
                )
                for s in b["subs"]
            ),
        )
        for b in raw["blocks"]
    )
    return ZoneScheme(
        raw["code"],
        raw["name"],
        raw["version"],
        raw.get("source", ""),
        int(raw["national_zones"]),
        Decimal(raw["estimate_mean"]),
        Decimal(raw["estimate_sd"]),
        blocks,
        tuple(ManualItem(m["code"], m["name"]) for m in raw.get("manual", [])),
    )


def normalise(value: Decimal, average: Decimal, *, lower_better: bool = False) -> Decimal:
    """0.5 at the national average, 1 at twice it (clipped to [0, 1]) [U]."""
    if average <= 0:
        return Decimal(0)
    ratio = (average / value if value > 0 else Decimal(2)) if lower_better else value / average
    return min(max(HALF * ratio, Decimal(0)), Decimal(1))


def self_assess(
    scheme: ZoneScheme,
    values: Mapping[str, Decimal | None],
    averages: Mapping[str, Decimal | None],
    manual: Mapping[str, Decimal | None],
) -> ZoneResult:
    items = []
    raw: dict[str, Decimal] = {}
    for block, sub in scheme.subs():
        worth = weighted_share_points(block.weight, block.weights, sub.code, Decimal(1))
        value, average, norm = values.get(sub.code), averages.get(sub.code), None
        if value is None:
            note = "无监测数据，计 0 分"
        elif average is None:
            note = "未录入全国平均值，计 0 分"
        else:
            norm = normalise(value, average, lower_better=sub.lower_better)
            note = "对照全国平均值（估算）"
        points = weighted_share_points(block.weight, block.weights, sub.code, norm or Decimal(0))
        raw[block.code] = raw.get(block.code, Decimal(0)) + points
        items.append(
            SubScore(
                block.code,
                sub.code,
                value,
                average,
                norm,
                worth.quantize(Q),
                points.quantize(Q),
                note,
            )
        )
    # totals from the unrounded points (the items show two decimals)
    blocks = {b.code: raw.get(b.code, Decimal(0)).quantize(Q) for b in scheme.blocks}
    total = sum(raw.values(), Decimal(0)).quantize(Q)
    manual_scores = {m.code: manual.get(m.code) for m in scheme.manual}
    return ZoneResult(tuple(items), blocks, total, estimate_rank(scheme, total), manual_scores)


def estimate_rank(scheme: ZoneScheme, total: Decimal) -> int:
    """Rank among ``national_zones`` if national scores were Normal(mean, sd) — an estimate [U]."""
    dist = NormalDist(float(scheme.estimate_mean), float(scheme.estimate_sd))
    above = 1.0 - dist.cdf(float(total))
    return max(1, min(scheme.national_zones, 1 + int(above * scheme.national_zones)))


def levers(
    scheme: ZoneScheme,
    values: Mapping[str, Decimal | None],
    averages: Mapping[str, Decimal | None],
) -> list[Lever]:
    """Sub-indicators ordered by points gained for one unit of effort (+10% of the national
    average), then by the points still open. Items without a national average are left out
    (their gain cannot be estimated); qualitative items have no known weight."""
    out = []
    for block, sub in scheme.subs():
        worth = weighted_share_points(block.weight, block.weights, sub.code, Decimal(1))
        value, average = values.get(sub.code), averages.get(sub.code)
        if average is None or average <= 0:
            continue
        if value is None:
            now = Decimal(0)
            after = normalise(average * LEVER_STEP, average, lower_better=sub.lower_better)
            note = "尚无监测数据：先建立统计，按全国平均值的 10% 估算"
        else:
            now = normalise(value, average, lower_better=sub.lower_better)
            step = average * LEVER_STEP
            moved = value - step if sub.lower_better else value + step
            # normalise scores a lower-better value at or below 0 as the best and a higher-better
            # one as 0: still below 0 after the step, a higher-better item gains nothing
            after = normalise(moved, average, lower_better=sub.lower_better)
            note = f"指标值{'降低' if sub.lower_better else '提高'}全国平均值的 10%"
        gain = (worth * (after - now)).quantize(Q)
        out.append(
            Lever(sub.code, sub.name, gain, (worth * (1 - now)).quantize(Q), sub.monitoring, note)
        )
    out.sort(key=lambda lv: (-lv.gain, -lv.headroom, lv.code))
    return out
