"""Strict environment helpers: every setting read from the environment goes through these.

A value that cannot be parsed fails loudly with ``ImproperlyConfigured`` instead of falling back.
``env_secret`` also reads ``NAME_FILE`` (a path), for secrets mounted as files.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """A string setting."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean setting: 1/true/yes/on or 0/false/no/off."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"环境变量 {name} 应为布尔值 / {name} must be a boolean, got {raw!r}"
    )


def env_int(name: str, default: int) -> int:
    """An integer setting."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"环境变量 {name} 应为整数 / {name} must be an integer, got {raw!r}"
        ) from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list setting."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE``; empty if neither is set."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"无法读取 {name}_FILE / cannot read {name}_FILE={path!r}: {exc}"
            ) from None
    return os.environ.get(name, "")
