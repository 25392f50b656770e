"""输出 / 吸纳 totals for a city (spec §3.5, §3.8 case 4).

* 输出(city) = Σ 成交额 of contracts whose **seller** is in the city (registered locally, since
  the seller registers where it sits);
* 吸纳(city) = Σ 成交额 of contracts whose **buyer** is in the city, whoever registered — local
  registrations plus the national system's export.
Region codes are 行政区划代码; a city is matched by its first four digits (乐山 5111).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class FlowContract:
    key: str
    seller_region: str
    buyer_region: str
    amount: Decimal  # 成交额, 万元


@dataclass(frozen=True)
class FlowTotals:
    output: Decimal
    absorbed: Decimal
    output_keys: tuple[str, ...]
    absorbed_keys: tuple[str, ...]


def _in(code: str, city: str) -> bool:
    return bool(code) and code.startswith(city)


def flows(contracts: Iterable[FlowContract], city_prefix: str) -> FlowTotals:
    """Totals for the city whose region codes start with ``city_prefix``; a contract counted in
    both (seller and buyer in the city) appears in both, as the national statistics do.

    >>> a = FlowContract("A", "511102", "510104", Decimal(100))
    >>> b = FlowContract("B", "510107", "511102", Decimal(50))
    >>> t = flows([a, b], "5111"); (t.output, t.absorbed)
    (Decimal('100'), Decimal('50'))
    """
    out = absorbed = Decimal(0)
    out_keys: list[str] = []
    abs_keys: list[str] = []
    seen: set[str] = set()
    for c in contracts:
        if c.key in seen:
            continue
        seen.add(c.key)
        if _in(c.seller_region, city_prefix):
            out += c.amount
            out_keys.append(c.key)
        if _in(c.buyer_region, city_prefix):
            absorbed += c.amount
            abs_keys.append(c.key)
    return FlowTotals(out, absorbed, tuple(out_keys), tuple(abs_keys))
