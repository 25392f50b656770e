"""Repeat detection (重复诉求, spec §4.5 [U]).

A new ticket repeats an earlier one when the same enterprise (USCC) or the same caller raised
it, on the same catalogue leaf, with similar text, within ``window_days`` calendar days of the
earlier ticket's closure. Similarity is the Dice coefficient of character bigrams (Chinese text
has no spaces; punctuation and whitespace are dropped), threshold 0.5 [U].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW_DAYS = 30
THRESHOLD = 0.5
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def _bigrams(text: str) -> list[str]:
    clean = _NOISE.sub("", text.lower())
    if len(clean) < 2:
        return [clean] if clean else []
    return [clean[i : i + 2] for i in range(len(clean) - 1)]


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character-bigram multisets of ``a`` and ``b`` (0..1)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    pool: dict[str, int] = {}
    for g in x:
        pool[g] = pool.get(g, 0) + 1
    common = 0
    for g in y:
        if pool.get(g, 0) > 0:
            pool[g] -= 1
            common += 1
    return 2 * common / (len(x) + len(y))


@dataclass(frozen=True)
class Candidate:
    """An earlier ticket: its key, who raised it, the leaf, the text and when it closed."""

    key: object
    uscc: str
    caller: str
    leaf: str
    text: str
    closed_at: datetime | None


def find_repeat(
    *,
    uscc: str,
    caller: str,
    leaf: str,
    text: str,
    at: datetime,
    earlier: Iterable[Candidate],
    window_days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD,
) -> Candidate | None:
    """The most recently closed earlier ticket this one repeats, or None (of tickets closed at
    the same instant, the first in ``earlier``).

    Window: ``0 <= at - closed_at <= window_days`` days (day 30 counts, day 31 does not).
    """
    window = timedelta(days=window_days)
    best: Candidate | None = None
    for c in earlier:
        if c.closed_at is None or c.leaf != leaf or not leaf:
            continue
        same_party = (uscc and c.uscc == uscc) or (caller and c.caller == caller)
        if not same_party:
            continue
        if not timedelta(0) <= at - c.closed_at <= window:
            continue
        if similarity(text, c.text) < threshold:
            continue
        if best is None or (best.closed_at is not None and c.closed_at > best.closed_at):
            best = c
    return best
