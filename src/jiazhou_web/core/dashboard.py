"""Headline cards on the home page, contributed by each app.

An app registers a function ``(user) -> list[Card]`` in its ``AppConfig.ready``; the home page
shows every card, each computed within the user's data scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from jiazhou.humanize import count


@dataclass(frozen=True)
class Card:
    label: str | Promise
    value: Any
    url: str = ""
    note: str | Promise = ""
    tone: str = "primary"
    # The headline figure's key (e.g. ``targets.red@2026-12-04``): every page showing the same
    # key shows the same value (checked by the whole-site test), and its basis in words.
    figure: str = ""
    basis: str | Promise = ""

    @property
    def shown(self) -> str:
        """The value as a person reads it: a count with separators (2,020), text as it is."""
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            return count(self.value)
        return str(self.value)


CardProvider = Callable[[Any], list[Card]]
_PROVIDERS: list[CardProvider] = []


def register_cards(provider: CardProvider) -> CardProvider:
    """Add a card provider (idempotent)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def cards_for(user: Any) -> list[Card]:
    return [card for provider in _PROVIDERS for card in provider(user)]
