"""The place this deployment serves: city, high-tech zone, issuing authority, 发文字号 prefixes.

One configuration instead of literals across the code: the codes and the authority come from
settings (``JIAZHOU_CITY_CODE``, ``JIAZHOU_ZONE_CODE``, ``JIAZHOU_ISSUING_AUTHORITY``,
``JIAZHOU_DOCUMENT_PREFIXES``), the names from the regions data file
(``regions/data/regions.csv``), so a second city changes settings and data, not code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

from jiazhou_web.regions.reference import DATA_FILE

__all__ = ["Locality", "locality"]

#: Document series (发文字号) and what they number; prefixes come from settings.
SERIES = {
    "notice_blue": "蓝色提醒督办单",
    "notice": "黄牌、红牌督办单",
    "bulletin": "三张清单月度通报",
    "monitoring_report": "科技创新目标监测月报",
    "tickets_report": "企业诉求分析月报",
}


@dataclass(frozen=True)
class Locality:
    city_code: str
    city_name: str
    zone_code: str
    zone_name: str
    authority: str  # 发文机关, e.g. 乐山市科学技术局
    prefixes: dict[str, str] = field(default_factory=dict)

    def prefix(self, series: str) -> str:
        """The 发文字号 prefix (机关代字) of a document series, e.g. 乐科督通."""
        try:
            return self.prefixes[series]
        except KeyError:
            raise KeyError(
                f"未配置文号前缀：{series}（JIAZHOU_DOCUMENT_PREFIXES） / "
                f"no document-number prefix configured for {series!r}"
            ) from None

    def number(self, series: str, year: int, n: int) -> str:
        """A 发文字号: prefix〔year〕n号 (GB/T 9704: 六角括号, no leading zeros)."""
        return f"{self.prefix(series)}〔{year}〕{n}号"


def _region_names() -> dict[str, tuple[str, str]]:
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        return {row["code"]: (row["name"], row["kind"]) for row in csv.DictReader(fh)}


@lru_cache(maxsize=8)
def _build(city: str, zone: str, authority: str, prefixes: tuple[tuple[str, str], ...]) -> Locality:
    names = _region_names()
    if city not in names:
        raise ValueError(
            f"JIAZHOU_CITY_CODE={city} 不在地区数据文件中 / {city} is not in the regions file"
        )
    if zone not in names:
        raise ValueError(
            f"JIAZHOU_ZONE_CODE={zone} 不在地区数据文件中 / {zone} is not in the regions file"
        )
    return Locality(city, names[city][0], zone, names[zone][0], authority, dict(prefixes))


def locality() -> Locality:
    """The locality as configured now (settings are read on every call; results are cached)."""
    prefixes = tuple(sorted(getattr(settings, "JIAZHOU_DOCUMENT_PREFIXES", {}).items()))
    return _build(
        settings.JIAZHOU_CITY_CODE,
        settings.JIAZHOU_ZONE_CODE,
        settings.JIAZHOU_ISSUING_AUTHORITY,
        prefixes,
    )
