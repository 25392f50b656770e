"""Policies and their clauses (惠企事项) as data: read from versioned TOML files.

A *policy* (文号, issuer, dates, status) holds *clauses*; a clause is one 惠企事项 of
docs/specs/next-capabilities.md §1.6: class, delivery track, eligibility and trigger as scheme
gates (evaluated by :mod:`jiazhou.schemes`, the engine of the qualification schemes), an amount
formula, rounding, caps, stacking, over-budget rule, funding split, evidence, reviewers, 公示
days, deadline in working days and validity.

Amounts are exact: money is held in 分 (integer) inside the engine and as ``Decimal`` 元 at
its edges. Rates are read as decimal strings or numbers and kept as exact fractions.
A clause whose amount Leshan has not published is written ``amount = "null"`` (TOML has no null
value) and is loaded with ``amount is None``: it is listed, matched and explained, but never
priced.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from jiazhou.schemes import Scheme, SchemeError, parse_scheme

CLASSES = ("奖补", "减免", "权益", "资质")  # 川办函〔2024〕17号
DELIVERY = ("免申即享", "即申即享", "快申快享", "特定程序")
AMOUNT_KINDS = ("fixed", "rate", "bands", "progressive")
ROUNDING = {
    "fen": 1,
    "yuan": 100,
    "hundred": 10_000,
    "thousand": 100_000,
    "ten_thousand": 1_000_000,
}
STACKING = ("exclusive", "additive", "top_up")
OVER_BUDGET = ("rank", "prorata", "none")
TAGS = ("V", "S", "U", "L")
STATUSES = ("draft", "in_force", "expired")

_POLICY_KEYS = {
    "code",
    "title_zh",
    "title_en",
    "document",
    "issuer",
    "version",
    "issued",
    "effective_from",
    "effective_to",
    "status",
    "tag",
    "cite",
    "notes",
    "firm_year_cap",
    "clauses",
}
_CLAUSE_KEYS = {
    "code",
    "ref",
    "title_zh",
    "title_en",
    "class",
    "delivery",
    "tag",
    "cite",
    "notes",
    "amount",
    "cap",
    "year_cap",
    "priority",
    "stacking",
    "stacking_group",
    "over_budget_rule",
    "budget",
    "r_city",
    "evidence",
    "data_sources",
    "reviewers",
    "publicity_days",
    "deadline_wd",
    "valid_from",
    "valid_to",
    "application_day",
    "params",
    "fields",
    "gates",
}
_AMOUNT_KEYS = {"kind", "value", "rate", "base", "bands", "rounding", "tag", "cite", "higher_level"}


class PolicyError(ValueError):
    """A policy file that cannot be read; the message names the file, the key and the rule."""


def money_fen(value: Any, where: str) -> int:
    """元 (number or decimal string, at most two decimals) → integer 分; anything else refused."""
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise PolicyError(
            f"{where}：金额应为数字 / amount must be a number, got {value!r}"
        ) from None
    if not d.is_finite() or d < 0:
        raise PolicyError(
            f"{where}：金额须为非负有限数 / amount must be finite and >= 0: {value!r}"
        )
    fen = d * 100
    if fen != fen.to_integral_value():
        raise PolicyError(f"{where}：金额最多两位小数 / at most two decimals: {value!r}")
    return int(fen)


def fen_to_yuan(fen: int) -> Decimal:
    """Integer 分 → ``Decimal`` 元 with two places."""
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def rate_of(value: Any, where: str) -> Fraction:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise PolicyError(f"{where}：比例应为数字 / rate must be a number, got {value!r}") from None
    if not d.is_finite() or d < 0 or d > 1:
        raise PolicyError(f"{where}：比例须在 0 到 1 之间 / rate must be within [0, 1]: {value!r}")
    return Fraction(d)


@dataclass(frozen=True)
class Band:
    """``(lo, hi]`` in 分 (``hi`` None = open); ``rate`` for progressive, ``amount`` for steps."""

    lo: int
    hi: int | None
    rate: Fraction = Fraction(0)
    amount: int = 0


@dataclass(frozen=True)
class Amount:
    """How much a firm gets: ``fixed`` (value), ``rate`` × base, ``bands`` (step table on the
    base: the band the base falls in gives a fixed amount) or ``progressive`` (Σ rate × the
    part of the base inside each band, spec §1.5(a)). ``base`` names a clause field (元)."""

    kind: str
    value: int = 0
    rate: Fraction = Fraction(0)
    base: str | None = None
    bands: tuple[Band, ...] = ()
    rounding: str = "fen"
    tag: str = "U"
    cite: str = ""
    higher_level: str | None = None  # top_up: a field with the higher-level award for the event


@dataclass(frozen=True)
class Clause:
    code: str
    ref: str
    title_zh: str
    klass: str
    delivery: str
    tag: str
    cite: str
    amount: Amount | None
    scheme: Scheme
    policy_code: str
    policy_version: str
    title_en: str = ""
    notes: str = ""
    cap: int | None = None
    year_cap: int | None = None  # per firm per year over several 笔 of the same clause
    priority: int = 100
    stacking: str = "additive"
    stacking_group: str = ""
    over_budget_rule: str = "none"
    budget: int | None = None
    r_city: Fraction | None = None
    evidence: tuple[str, ...] = ()
    data_sources: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    publicity_days: int = 7
    deadline_wd: int = 60
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def priced(self) -> bool:
        return self.amount is not None

    @property
    def key(self) -> str:
        """Policy code, clause code and version: what an application is evaluated under."""
        return f"{self.policy_code}/{self.code}@{self.policy_version}"

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass(frozen=True)
class Policy:
    code: str
    title_zh: str
    document: str
    issuer: str
    version: str
    effective_from: dt.date
    status: str
    tag: str
    clauses: tuple[Clause, ...]
    title_en: str = ""
    issued: dt.date | None = None
    effective_to: dt.date | None = None
    cite: str = ""
    notes: str = ""
    firm_year_cap: int | None = None
    source: str = ""

    def clause(self, code: str) -> Clause:
        for c in self.clauses:
            if c.code == code:
                return c
        raise PolicyError(f"政策 {self.code} 无条款 {code} / no clause {code!r} in {self.code}")


# --- reading -------------------------------------------------------------------------------------


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise PolicyError(f"条件中不支持的值 / unsupported value in a condition: {v!r}")


def _scheme_text(policy: Mapping[str, Any], c: Mapping[str, Any], where: str) -> str:
    """The clause's eligibility as a scheme file (the same reader and engine as qualifications)."""
    lines = [
        f"code = {_toml_value(policy['code'] + '.' + c['code'])}",
        f"title_zh = {_toml_value(c['title_zh'])}",
        f"title_en = {_toml_value(c.get('title_en', c['code']))}",
        f"document = {_toml_value(policy['document'])}",
        f"version = {_toml_value(str(policy['version']))}",
        f"effective_from = {_toml_value(c.get('valid_from', policy['effective_from']))}",
        'boundary_rule = "favourable"',
    ]
    if "valid_to" in c or "effective_to" in policy:
        lines.append(f"effective_to = {_toml_value(c.get('valid_to', policy.get('effective_to')))}")
    if "application_day" in c:
        lines.append(f"application_day = {_toml_value(c['application_day'])}")
    lines.append("[params]")
    for k, v in c.get("params", {}).items():
        lines.append(f"{k} = {_toml_value(v)}")
    for table in ("fields", "gates"):
        for row in c.get(table, []):
            if not isinstance(row, dict):
                raise PolicyError(f"{where}.{table}：应为表 / expected tables")
            lines.append(f"[[{table}]]")
            lines.extend(f"{k} = {_toml_value(v)}" for k, v in row.items())
    return "\n".join(lines) + "\n"


def _amount(raw: Any, where: str, field_names: set[str]) -> Amount | None:
    if raw == "null":
        return None
    if not isinstance(raw, dict):
        raise PolicyError(f'{where}.amount：应为表或 "null" / expected a table or "null"')
    unknown = set(raw) - _AMOUNT_KEYS
    if unknown:
        raise PolicyError(f"{where}.amount：未知键 / unknown keys {sorted(unknown)}")
    kind = raw.get("kind")
    if kind not in AMOUNT_KINDS:
        raise PolicyError(f"{where}.amount.kind：应为 {AMOUNT_KINDS} / must be one of them")
    rounding = raw.get("rounding", "fen")
    if rounding not in ROUNDING:
        raise PolicyError(f"{where}.amount.rounding：应为 {sorted(ROUNDING)} / unknown rounding")
    base = raw.get("base")
    if kind != "fixed" and base not in field_names:
        raise PolicyError(
            f"{where}.amount.base：须为条款 fields 中的字段名 / must name a clause field, got {base!r}"
        )
    higher = raw.get("higher_level")
    if higher is not None and higher not in field_names:
        raise PolicyError(f"{where}.amount.higher_level：须为条款字段 / must name a clause field")
    bands: list[Band] = []
    for n, b in enumerate(raw.get("bands", [])):
        bw = f"{where}.amount.bands[{n}]"
        lo = money_fen(b["lo"], f"{bw}.lo")
        hi = money_fen(b["hi"], f"{bw}.hi") if "hi" in b else None
        if hi is not None and hi <= lo:
            raise PolicyError(f"{bw}：上限须大于下限 / hi must exceed lo")
        if bands and bands[-1].hi != lo:
            raise PolicyError(f"{bw}：分段须首尾相接 / bands must be contiguous")
        bands.append(
            Band(
                lo,
                hi,
                rate_of(b["rate"], f"{bw}.rate") if "rate" in b else Fraction(0),
                money_fen(b["amount"], f"{bw}.amount") if "amount" in b else 0,
            )
        )
    if kind in ("bands", "progressive") and not bands:
        raise PolicyError(f"{where}.amount.bands：分段表为空 / no bands")
    return Amount(
        kind=kind,
        value=money_fen(raw["value"], f"{where}.amount.value") if kind == "fixed" else 0,
        rate=rate_of(raw["rate"], f"{where}.amount.rate") if kind == "rate" else Fraction(0),
        base=base,
        bands=tuple(bands),
        rounding=rounding,
        tag=raw.get("tag", "U"),
        cite=raw.get("cite", ""),
        higher_level=higher,
    )


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise PolicyError(
            f"{where}：应为 {'/'.join(allowed)} 之一 / must be one of them: {value!r}"
        )
    return str(value)


def _clause(policy: Mapping[str, Any], raw: Any, n: int, path: str) -> Clause:
    where = f"{path}: clauses[{n}]"
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}：应为表 / expected a table")
    unknown = set(raw) - _CLAUSE_KEYS
    if unknown:
        raise PolicyError(f"{where}：未知键 / unknown keys {sorted(unknown)}")
    for key in ("code", "ref", "title_zh", "class", "delivery", "tag", "cite", "amount"):
        if key not in raw:
            raise PolicyError(f"{where}：缺少 {key} / missing {key}")
    try:
        scheme = parse_scheme(_scheme_text(policy, raw, where), f"{path}#{raw['code']}")
    except SchemeError as exc:
        raise PolicyError(f"{where}（条件 / eligibility）：{exc}") from None
    names = {f.name for f in scheme.fields}
    r_city = raw.get("r_city")
    return Clause(
        code=str(raw["code"]),
        ref=raw["ref"],
        title_zh=raw["title_zh"],
        title_en=raw.get("title_en", ""),
        klass=_choice(raw["class"], CLASSES, f"{where}.class"),
        delivery=_choice(raw["delivery"], DELIVERY, f"{where}.delivery"),
        tag=_choice(raw["tag"], TAGS, f"{where}.tag"),
        cite=raw["cite"],
        notes=raw.get("notes", ""),
        amount=_amount(raw["amount"], where, names),
        scheme=scheme,
        policy_code=policy["code"],
        policy_version=str(policy["version"]),
        cap=money_fen(raw["cap"], f"{where}.cap") if "cap" in raw else None,
        year_cap=money_fen(raw["year_cap"], f"{where}.year_cap") if "year_cap" in raw else None,
        priority=int(raw.get("priority", 100)),
        stacking=_choice(raw.get("stacking", "additive"), STACKING, f"{where}.stacking"),
        stacking_group=str(raw.get("stacking_group", "")),
        over_budget_rule=_choice(
            raw.get("over_budget_rule", "none"), OVER_BUDGET, f"{where}.over_budget_rule"
        ),
        budget=money_fen(raw["budget"], f"{where}.budget") if "budget" in raw else None,
        r_city=None if r_city in (None, "null") else rate_of(r_city, f"{where}.r_city"),
        evidence=tuple(raw.get("evidence", ())),
        data_sources=tuple(raw.get("data_sources", ())),
        reviewers=tuple(raw.get("reviewers", ())),
        publicity_days=int(raw.get("publicity_days", 7)),
        deadline_wd=int(raw.get("deadline_wd", 60)),
        valid_from=raw.get("valid_from"),
        valid_to=raw.get("valid_to"),
        raw=raw,
    )


def parse_policy(text: str, path: str = "<string>") -> Policy:
    """Parse and check one policy file; errors name the file and key (中文 / English)."""
    try:
        d = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path}：TOML 格式错误 / invalid TOML: {exc}") from None
    unknown = set(d) - _POLICY_KEYS
    if unknown:
        raise PolicyError(f"{path}：未知键 / unknown keys {sorted(unknown)}")
    for key in ("code", "title_zh", "document", "issuer", "version", "effective_from", "status"):
        if key not in d:
            raise PolicyError(f"{path}：缺少 {key} / missing {key}")
    clauses = tuple(_clause(d, c, n, path) for n, c in enumerate(d.get("clauses", [])))
    codes = [c.code for c in clauses]
    if len(set(codes)) != len(codes):
        raise PolicyError(f"{path}：条款编号重复 / duplicate clause codes")
    return Policy(
        code=d["code"],
        title_zh=d["title_zh"],
        title_en=d.get("title_en", ""),
        document=d["document"],
        issuer=d["issuer"],
        version=str(d["version"]),
        issued=d.get("issued"),
        effective_from=d["effective_from"],
        effective_to=d.get("effective_to"),
        status=_choice(d["status"], STATUSES, f"{path}: status"),
        tag=_choice(d.get("tag", "U"), TAGS, f"{path}: tag"),
        cite=d.get("cite", ""),
        notes=d.get("notes", ""),
        firm_year_cap=money_fen(d["firm_year_cap"], f"{path}: firm_year_cap")
        if "firm_year_cap" in d
        else None,
        clauses=clauses,
        source=path,
    )


LIBRARY = Path(__file__).parent / "library"


def read_policy(path: str | Path) -> Policy:
    p = Path(path)
    return parse_policy(p.read_text(encoding="utf-8"), str(p))


def load_policy(code: str) -> Policy:
    """A policy of the library by code (the file name without ``.toml``)."""
    p = LIBRARY / f"{code}.toml"
    if not p.exists():
        known = ", ".join(x.code for x in list_policies())
        raise PolicyError(f"未知政策 / unknown policy {code!r}; known: {known}")
    return read_policy(p)


def list_policies() -> list[Policy]:
    return [read_policy(p) for p in sorted(LIBRARY.glob("*.toml"))]
