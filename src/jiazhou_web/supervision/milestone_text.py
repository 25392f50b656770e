"""Milestones written as text (one per line or separated by ；): ``2026-06-30 完成中试``."""

from __future__ import annotations

import datetime as dt
import re

_SPLIT = re.compile(r"[\n;；]+")


def parse_milestones(text: str) -> list[tuple[str, dt.date]]:
    """``[(title, deadline), ...]``; a ``ValueError`` (zh / en) names the bad entry."""
    found: list[tuple[str, dt.date]] = []
    for n, entry in enumerate((e.strip() for e in _SPLIT.split(text or "")), start=1):
        if not entry:
            continue
        head, _, title = entry.partition(" ")
        try:
            day = dt.date.fromisoformat(head.strip().replace("/", "-"))
        except ValueError:
            raise ValueError(
                f"第 {n} 个里程碑「{entry}」应写作「YYYY-MM-DD 名称」 / "
                f"milestone {n} {entry!r} must read 'YYYY-MM-DD title'"
            ) from None
        if not title.strip():
            raise ValueError(f"第 {n} 个里程碑缺少名称 / milestone {n} has no title")
        found.append((title.strip(), day))
    return found
