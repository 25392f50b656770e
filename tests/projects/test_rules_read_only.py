"""The acceptance rules are configuration read once (rules.toml, next-capabilities.md §7.1):
one ``AcceptanceRules`` serves every project, so a caller must not be able to change, say, the
on-site threshold (宜昌: ≥ 30万) for everyone after it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from jiazhou.projects import load_rules
from jiazhou.projects.acceptance import AcceptanceRules


def test_acceptance_rules_cannot_be_changed() -> None:
    rules = AcceptanceRules.from_table(load_rules()["acceptance"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.onsite_from_yuan = D(0)  # type: ignore[misc]
    assert rules.mode(D("299999.99")) == "desk"
