"""The Leshan demo: each app contributes a ``demo.py`` with ``load(ctx)``.

``seed_demo`` calls them in ``INSTALLED_APPS`` order inside one transaction, so a failure
leaves the database as it was. Demo loaders use the real actions, so demo data is valid by
construction; synthetic records are flagged and labelled 模拟数据.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password

DEMO_SEED = 20210706  # the day the 2021 decision was adopted; any fixed number would do
DEMO_PASSWORD = "Jiazhou@2026"  # noqa: S105 - published demo credential, printed by seed_demo


@functools.cache
def demo_password_hash() -> str:
    """``DEMO_PASSWORD`` hashed once for every persona (the hash is the slow part of a user)."""
    return make_password(DEMO_PASSWORD)


@dataclass
class DemoContext:
    """What demo loaders share: a fixed seed, the personas and a way to report progress."""

    seed: int = DEMO_SEED
    personas: dict[str, Any] = field(default_factory=dict)
    say: Callable[[str], None] = print
    size: int = 2000


def loaders() -> list[tuple[str, Callable[[DemoContext], None]]]:
    """(app label, load function) for every app that has a ``demo`` module."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jiazhou_web."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        found.append((config.label, module.load))
    return found
