"""Who may do what in assessments (verbs ``assessments.*`` in core.access.policy)."""

from __future__ import annotations

from typing import Any

from jiazhou_web.core.access import can


def may_view(user: Any) -> bool:
    return can(user, "assessments.view")


def may_run(user: Any) -> bool:
    return can(user, "assessments.run")


def may_report(user: Any, report: Any) -> bool:
    """A county (zone) officer self-reports for its own region only."""
    return can(user, "assessments.report", report)


def may_expert(user: Any) -> bool:
    return can(user, "assessments.expert")
