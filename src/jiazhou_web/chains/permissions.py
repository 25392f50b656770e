"""Who may do what on chain maps: the verbs in core.access.policy (chains.*)."""

from __future__ import annotations

from typing import Any

from jiazhou_web.core.access import can


def may_view(user: Any) -> bool:
    return can(user, "chains.view")


def may_manage(user: Any) -> bool:
    return can(user, "chains.manage")
