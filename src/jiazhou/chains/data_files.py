"""Reading the chain TOML files (``data/*.toml``) into plain dataclasses, validated."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
POSITIONS = ("upstream", "midstream", "downstream")


@dataclass(frozen=True)
class SegmentSpec:
    code: str
    name: str
    position: str
    parent: str = ""
    industry_codes: tuple[str, ...] = ()
    product_keywords: tuple[str, ...] = ()
    tech_keywords: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class ChainSpec:
    code: str
    name: str
    version: str
    chain_leader: str = ""
    lead_department: str = ""
    host_areas: tuple[str, ...] = ()
    chain_masters: tuple[str, ...] = ()
    source: str = ""
    segments: tuple[SegmentSpec, ...] = field(default_factory=tuple)


class ChainDataError(ValueError):
    """A chain file breaks a rule; the message names the file, the segment and the rule."""


def chain_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.toml"))


def load_chain(path: Path) -> ChainSpec:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    segments = []
    seen: set[str] = set()
    for n, s in enumerate(raw.get("segments", []), start=1):
        code = str(s.get("code", ""))
        where = f"{path.name} 第{n}个环节 {code or '(无编码)'}"
        if not code or code in seen:
            raise ChainDataError(f"{where}：环节编码为空或重复 / segment code empty or duplicated")
        if s.get("position") not in POSITIONS:
            raise ChainDataError(
                f"{where}：位置须为上游/中游/下游 / position must be one of {POSITIONS}"
            )
        parent = str(s.get("parent", ""))
        if parent and parent not in seen:
            raise ChainDataError(
                f"{where}：上级环节 {parent} 须在前面定义 / parent must come first"
            )
        for c in s.get("industry_codes", []):
            if not (str(c).isdigit() and len(str(c)) == 4):
                raise ChainDataError(
                    f"{where}：行业代码 {c} 须为 GB/T 4754 四位小类 / industry code must be 4 digits"
                )
        seen.add(code)
        segments.append(
            SegmentSpec(
                code=code,
                name=str(s["name"]),
                position=str(s["position"]),
                parent=parent,
                industry_codes=tuple(str(c) for c in s.get("industry_codes", [])),
                product_keywords=tuple(s.get("product_keywords", [])),
                tech_keywords=tuple(s.get("tech_keywords", [])),
                note=str(s.get("note", "")),
            )
        )
    return ChainSpec(
        code=str(raw["code"]),
        name=str(raw["name"]),
        version=str(raw["version"]),
        chain_leader=str(raw.get("chain_leader", "")),
        lead_department=str(raw.get("lead_department", "")),
        host_areas=tuple(raw.get("host_areas", [])),
        chain_masters=tuple(raw.get("chain_masters", [])),
        source=str(raw.get("source", "")),
        segments=tuple(segments),
    )


def load_chains() -> list[ChainSpec]:
    return [load_chain(p) for p in chain_files()]
