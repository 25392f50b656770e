"""County assessment (县区科技创新考核): one indicator set, weight vectors per class.

Each indicator's rule gives a *sub-score* on its nominal scale (benchmark: base = nominal at the
mean of all assessed units; target: full = nominal at the target), identical for every class;
the class weight then turns it into points (:func:`jiazhou.assessments.rules.class_points`).
A missing value scores 0 and is flagged 缺数据. The mean of a benchmark item is over all units
with a value (our reading [U]).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jiazhou.assessments.rules import RuleError, benchmark_points, class_points, target_points

DATA_DIR = Path(__file__).parent / "data"
Q = Decimal("0.01")


RULES = ("benchmark", "target")  # against the class mean, or against the class's target


@dataclass(frozen=True)
class CountyIndicator:
    code: str
    name: str
    monitoring: str
    rule: str  # "benchmark" | "target"
    nominal: Decimal
    bonus_cap: Decimal
    raised: bool = False
    lower_better: bool = False

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(
                f"指标 {self.code} 的计分规则「{self.rule}」无效，应为 benchmark 或 target / "
                f"indicator {self.code}: rule {self.rule!r} must be 'benchmark' or 'target'"
            )


@dataclass(frozen=True)
class CountyClass:
    code: str
    name: str
    regions: tuple[str, ...]
    weights: dict[str, Decimal]
    weights_before: dict[str, Decimal] = field(default_factory=dict)
    targets: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class CountyScheme:
    code: str
    name: str
    version: str
    source: str
    indicators: tuple[CountyIndicator, ...]
    classes: tuple[CountyClass, ...]

    def class_of(self, region: str) -> CountyClass | None:
        return next((c for c in self.classes if region in c.regions), None)

    def with_weights(self, class_code: str, weights: dict[str, Decimal]) -> CountyScheme:
        """The same scheme with one class's weights replaced (what-if before adoption)."""
        classes = tuple(
            CountyClass(
                c.code, c.name, c.regions, {**c.weights, **weights}, c.weights_before, c.targets
            )
            if c.code == class_code
            else c
            for c in self.classes
        )
        return CountyScheme(
            self.code, self.name, self.version, self.source, self.indicators, classes
        )


@dataclass(frozen=True)
class ItemScore:
    code: str
    value: Decimal | None
    reference: Decimal | None  # the mean (benchmark) or the target
    sub_score: Decimal
    weight: Decimal
    points: Decimal
    note: str


@dataclass(frozen=True)
class CountyResult:
    region: str
    class_code: str
    items: tuple[ItemScore, ...]
    total: Decimal
    rank: int = 0
    class_rank: int = 0


def load_county_scheme(path: Path | None = None) -> CountyScheme:
    path = path or DATA_DIR / "county-leshan-2026.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    indicators = tuple(
        CountyIndicator(
            code=i["code"],
            name=i["name"],
            monitoring=i.get("monitoring", i["code"]),
            rule=i["rule"],
            nominal=Decimal(str(i["nominal"])),
            bonus_cap=Decimal(str(i.get("bonus_cap", "0"))),
            raised=bool(i.get("raised", False)),
            lower_better=bool(i.get("lower_better", False)),
        )
        for i in raw["indicators"]
    )
    codes = {i.code for i in indicators}
    classes = []
    for c in raw["classes"]:
        weights = {k: Decimal(str(v)) for k, v in c["weights"].items()}
        if set(weights) != codes:
            raise ValueError(
                f"{path.name} 类别 {c['name']}：权重须覆盖全部指标 / weights must cover every indicator"
            )
        classes.append(
            CountyClass(
                code=c["code"],
                name=c["name"],
                regions=tuple(c["regions"]),
                weights=weights,
                weights_before={k: Decimal(str(v)) for k, v in c.get("weights_before", {}).items()},
                targets={k: Decimal(str(v)) for k, v in c.get("targets", {}).items()},
            )
        )
    return CountyScheme(
        raw["code"], raw["name"], raw["version"], raw.get("source", ""), indicators, tuple(classes)
    )


def score_counties(
    scheme: CountyScheme, values: dict[str, dict[str, Decimal | None]]
) -> list[CountyResult]:
    """Score every region in ``values`` (region → indicator code → value) that has a class."""
    means: dict[str, Decimal | None] = {}
    for ind in scheme.indicators:
        got = [x for v in values.values() if (x := v.get(ind.code)) is not None]
        means[ind.code] = sum(got, Decimal(0)) / len(got) if got else None
    results = []
    for region, row in values.items():
        klass = scheme.class_of(region)
        if klass is None:
            continue
        items = []
        for ind in scheme.indicators:
            items.append(_item(ind, klass, row.get(ind.code), means[ind.code]))
        total = sum((i.points for i in items), Decimal(0)).quantize(Q)
        results.append(CountyResult(region, klass.code, tuple(items), total))
    return rank(results)


def _item(
    ind: CountyIndicator, klass: CountyClass, value: Decimal | None, mean: Decimal | None
) -> ItemScore:
    weight = klass.weights[ind.code]
    if value is None:
        return ItemScore(ind.code, None, None, Decimal(0), weight, Decimal(0), "缺数据，计 0 分")
    try:
        if ind.rule == "benchmark":
            if mean is None:
                raise RuleError("无均值")
            sub = benchmark_points(
                value,
                mean,
                base=ind.nominal,
                bonus_cap=ind.bonus_cap,
                lower_better=ind.lower_better,
            )
            ref, note = mean, "达到平均值得基本分，每增减5%加减0.5分"
        else:
            target = klass.targets.get(ind.code)
            if target is None:
                raise RuleError("本类别未设目标值")
            sub = target_points(value, target, full=ind.nominal, bonus_cap=ind.bonus_cap)
            ref, note = target, f"完成目标值得满分，按比例计分，加分≤{ind.bonus_cap}分"
    except RuleError as exc:
        return ItemScore(ind.code, value, None, Decimal(0), weight, Decimal(0), f"无法计分：{exc}")
    points = class_points(sub, ind.nominal, weight).quantize(Q)
    return ItemScore(ind.code, value, ref, sub.quantize(Q), weight, points, note)


def rank(results: list[CountyResult]) -> list[CountyResult]:
    """Overall and in-class ranks (ties share a rank: 1, 1, 3)."""
    ordered = sorted(results, key=lambda r: (-r.total, r.region))
    out = []
    for r in ordered:
        overall = 1 + sum(1 for o in ordered if o.total > r.total)
        in_class = 1 + sum(1 for o in ordered if o.class_code == r.class_code and o.total > r.total)
        out.append(CountyResult(r.region, r.class_code, r.items, r.total, overall, in_class))
    return out
