"""回避: which experts may not review an application, and why (§7.1 "Expert review").

The exact clause list was not read [U]; the rules below are the ones every reviewed text names
(same unit, recent collaboration, relatives, equity ties, the expert's own declaration), each
switched on or off and bounded by a look-back in ``rules.toml``. Units are compared by their
identifier (统一社会信用代码 where there is one), people by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Tie:
    """A link of the expert's: a unit worked at, a person worked with, or a holding."""

    party: str  # unit identifier or person name
    since: int | None = None  # first year of the tie (None: unknown)
    until: int | None = None  # last year (None: ongoing)


@dataclass(frozen=True)
class Expert:
    key: str
    name: str
    fields: frozenset[str] = frozenset()
    affiliations: tuple[Tie, ...] = ()  # units
    collaborators: tuple[Tie, ...] = ()  # people (co-authors, project partners)
    relatives: frozenset[str] = frozenset()  # people
    holdings: tuple[Tie, ...] = ()  # units the expert holds shares in
    declared: frozenset[str] = frozenset()  # units or people the expert declared to avoid
    active: bool = True


@dataclass(frozen=True)
class Applicant:
    """Who an application names: the lead unit, co-applicants, the team, shareholders."""

    unit: str
    co_units: frozenset[str] = frozenset()
    team: frozenset[str] = frozenset()
    shareholders: frozenset[str] = frozenset()  # units or people holding the lead unit's shares

    @property
    def units(self) -> frozenset[str]:
        return frozenset({self.unit}) | self.co_units


@dataclass(frozen=True)
class Conflict:
    rule: str  # same_unit / collaboration / relative / equity / declared
    party: str
    reason: str  # Chinese, for the page

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class ConflictRules:
    lookback_years: int
    enabled: frozenset[str] = field(
        default_factory=lambda: frozenset(
            {"same_unit", "collaboration", "relative", "equity", "declared"}
        )
    )

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> ConflictRules:
        names = ("same_unit", "collaboration", "relative", "equity", "declared")
        return cls(
            lookback_years=int(table["lookback_years"]),
            enabled=frozenset(n for n in names if table.get(n, False)),
        )


def _recent(tie: Tie, year: int, lookback: int) -> bool:
    """Whether ``tie`` held at some time in the ``lookback`` years up to ``year`` (inclusive)."""
    return tie.until is None or tie.until >= year - lookback


def conflicts_of(
    expert: Expert, applicant: Applicant, rules: ConflictRules, year: int
) -> list[Conflict]:
    """Every reason ``expert`` must not review ``applicant``'s application in ``year``."""
    found: list[Conflict] = []
    on = rules.enabled
    people = applicant.team
    if "same_unit" in on:
        for tie in expert.affiliations:
            if tie.party in applicant.units and _recent(tie, year, rules.lookback_years):
                when = "现任职" if tie.until is None else f"{tie.until}年前曾任职"
                found.append(Conflict("same_unit", tie.party, f"同一单位：{when}于申报单位"))
    if "collaboration" in on:
        for tie in expert.collaborators:
            if tie.party in people and _recent(tie, year, rules.lookback_years):
                found.append(
                    Conflict(
                        "collaboration",
                        tie.party,
                        f"近{rules.lookback_years}年合作：与项目组成员{tie.party}合作",
                    )
                )
    if "relative" in on:
        for person in sorted(expert.relatives & people):
            found.append(Conflict("relative", person, f"亲属关系：项目组成员{person}"))
    if "equity" in on:
        for tie in expert.holdings:
            if tie.party in applicant.units and _recent(tie, year, 0):
                found.append(Conflict("equity", tie.party, "股权关系：持有申报单位股份"))
        if expert.name in applicant.shareholders:
            found.append(Conflict("equity", expert.name, "股权关系：为申报单位股东"))
    if "declared" in on:
        for party in sorted(expert.declared & (applicant.units | people)):
            found.append(Conflict("declared", party, "本人申明回避"))
    return found
