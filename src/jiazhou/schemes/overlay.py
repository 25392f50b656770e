"""Overlay files: a local configuration on top of a national core scheme.

A scheme file with ``base = "code"`` starts from the file ``code.toml`` next to it and changes
it: identity keys and ``outcome`` / ``evaluation`` keys of the overlay win, ``params`` merge,
and the arrays (``fields``, ``gates``, ``routes``, ``groups``, ``items``, ``stages``) merge by
``id`` (``name`` for fields and stages): an entry with a known id replaces it, a new one is
appended. So 创新积分制's national core stays one file and each zone adds its local indicators
and 加分/减分 items (criteria.md §5.1: localities add indicators and adjust weights).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ARRAYS = {
    "fields": "name",
    "gates": "id",
    "routes": "id",
    "groups": "id",
    "items": "id",
    "stages": "name",
}
TABLES = ("params", "outcome", "evaluation")
MAX_DEPTH = 4


def _merge_array(base: list[Any], over: list[Any], key: str) -> list[Any]:
    out = list(base)
    where = {e.get(key): n for n, e in enumerate(out) if isinstance(e, dict)}
    for e in over:
        k = e.get(key) if isinstance(e, dict) else None
        if k is not None and k in where:
            out[where[k]] = e
        else:
            out.append(e)
    return out


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """The overlay ``over`` applied to ``base`` (both parsed TOML documents)."""
    out = {k: v for k, v in base.items() if k != "effective_to"}
    for k, v in over.items():
        if k == "base":
            continue
        if k in ARRAYS and isinstance(v, list):
            out[k] = _merge_array(base.get(k, []), v, ARRAYS[k])
        elif k in TABLES and isinstance(v, dict):
            out[k] = {**base.get(k, {}), **v}
        else:
            out[k] = v
    return out


def resolve(doc: dict[str, Any], path: str, depth: int = 0) -> dict[str, Any]:
    """``doc`` with its ``base`` chain applied (bases are read from ``path``'s directory)."""
    code = doc.get("base")
    if code is None:
        return doc
    if not isinstance(code, str) or depth >= MAX_DEPTH:
        raise ValueError(
            f"{path}: base 应为方案代码且不得循环 / base must be a scheme code, "
            f"not a cycle: {code!r}"
        )
    base_path = Path(path).parent / f"{code}.toml"
    if not base_path.exists():
        raise ValueError(f"{path}: 基础方案不存在 / base scheme not found: {base_path.name}")
    base = tomllib.loads(base_path.read_text(encoding="utf-8"))
    return merge(resolve(base, str(base_path), depth + 1), doc)
