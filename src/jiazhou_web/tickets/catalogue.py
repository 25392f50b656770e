"""The 派单目录 shipped as repository data, loaded into the database version by version.

``data/catalogue-<version>.toml`` is the one source; :func:`load_catalogue` creates that
version's nodes (idempotent: a version already loaded is left as it is) and makes it current.
Tickets keep the leaf of the version they were classified with, so a new version never
changes the history of old tickets.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from jiazhou.tickets import Tier
from jiazhou_web.core import audit
from jiazhou_web.tickets.choices import NodeLevel, TicketEvent
from jiazhou_web.tickets.models import CatalogueNode, CatalogueVersion

DATA = Path(__file__).parent / "data"
LOCAL = "@local"  # 属地: the unit of the firm's county or zone
LEVELS = (NodeLevel.CATEGORY, NodeLevel.SUBCATEGORY, NodeLevel.ITEM)


def shipped_versions() -> list[str]:
    return sorted(p.stem.removeprefix("catalogue-") for p in DATA.glob("catalogue-*.toml"))


def read_catalogue(version: str) -> dict[str, Any]:
    path = DATA / f"catalogue-{version}.toml"
    if not path.exists():
        raise ValidationError(f"派单目录版本 {version} 不存在 / no catalogue version {version}")
    with path.open("rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    tiers = data.get("tiers", {})
    for code, tier in tiers.items():
        Tier(code=code, **tier)  # refuses unknown or missing fields
    return data


@transaction.atomic
def load_catalogue(version: str, *, actor: Any = None) -> CatalogueVersion:
    """Load ``version`` (if not yet loaded) and make it the current one."""
    data = read_catalogue(version)
    found = CatalogueVersion.objects.select_for_update().filter(version=version).first()
    if found is None:
        found = audit.create_unique(
            CatalogueVersion,
            f"派单目录 {version} 已载入 / catalogue {version} already loaded",
            version=version,
            title=data["title"],
            source=data.get("source", ""),
            tiers=data.get("tiers", {}),
        )
        count = _nodes(found, data["categories"], None, 0, "", data.get("tiers", {}))
    else:
        count = found.nodes.count()
    CatalogueVersion.objects.exclude(pk=found.pk).update(active=False)
    CatalogueVersion.objects.filter(pk=found.pk).update(active=True)
    found.active = True
    audit.record(
        TicketEvent.CATALOGUE_LOADED,
        actor=actor,
        target=found,
        after={"version": version, "事项数": count},
    )
    return found


def _nodes(
    version: CatalogueVersion,
    rows: list[dict[str, Any]],
    parent: CatalogueNode | None,
    depth: int,
    prefix: str,
    tiers: dict[str, Any],
) -> int:
    count = 0
    for row in rows:
        level = LEVELS[depth]
        path = f"{prefix} › {row['name']}" if prefix else row["name"]
        tier = row.get("tier", "")
        if level == NodeLevel.ITEM and (tier not in tiers or not row.get("unit")):
            raise ValidationError(
                f"派单目录事项 {row['code']} 缺少责任单位或时限档次 / "
                f"item {row['code']} needs a unit and a known tier"
            )
        node = CatalogueNode.objects.create(
            version=version,
            parent=parent,
            level=level,
            code=row["code"],
            name=row["name"],
            path=path,
            unit_code=row.get("unit", ""),
            tier=tier,
            keywords=row.get("keywords", []),
        )
        count += 1
        if depth + 1 < len(LEVELS):
            count += _nodes(version, row.get("children", []), node, depth + 1, path, tiers)
    return count


def current_version() -> CatalogueVersion | None:
    return CatalogueVersion.objects.filter(active=True).first()


def ensure_current(actor: Any = None) -> CatalogueVersion:
    """The current version, loading the newest shipped one if none is loaded yet."""
    found = current_version()
    return found if found is not None else load_catalogue(shipped_versions()[-1], actor=actor)


def tier_of(version: CatalogueVersion, code: str) -> Tier:
    data = version.tiers.get(code) or version.tiers.get("general")
    if data is None:
        raise ValidationError(f"未知的时限档次 {code} / unknown SLA tier {code}")
    return Tier(code=code if code in version.tiers else "general", **data)


def suggest_leaf(version: CatalogueVersion, text: str) -> CatalogueNode | None:
    """A suggested 事项 for ``text``: the leaf with the most keyword hits (ties: lowest code).
    The dispatcher confirms or changes it."""
    best: tuple[int, str] | None = None
    chosen = None
    for leaf in version.nodes.filter(level=NodeLevel.ITEM).order_by("code"):
        hits = sum(1 for k in leaf.keywords if k and k in text)
        if hits and (best is None or (-hits, leaf.code) < best):
            best, chosen = (-hits, leaf.code), leaf
    return chosen


def responsible_unit(leaf: CatalogueNode | None, region: Any, enterprise: Any = None) -> Any:
    """The unit the leaf names for this firm: a department code, or 属地 (the zone committee
    for a firm in the zone, else the county's bureau)."""
    from jiazhou_web.accounts.choices import DepartmentKind
    from jiazhou_web.accounts.models import Department

    if leaf is None or not leaf.unit_code:
        return None
    if leaf.unit_code != LOCAL:
        return Department.objects.filter(code=leaf.unit_code).first()
    zone_id = getattr(enterprise, "zone_id", None)
    if zone_id:
        zone_unit = Department.objects.filter(
            region_id=zone_id, kind=DepartmentKind.ZONE_COMMITTEE
        ).first()
        if zone_unit is not None:
            return zone_unit
    return (
        Department.objects.filter(region=region)
        .exclude(kind=DepartmentKind.CITY_BUREAU)
        .order_by("code")
        .first()
    )
