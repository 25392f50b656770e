"""Retrieval quality on the labelled 成果–需求 pairs (``data/eval_pairs.tsv``).

Each pair is one 需求 and the one 成果 that answers it; every other 成果 of the set is a
non-answer. Metrics over all demands: recall@k (the answer is in the top k), precision@5
(answers in the top 5 ÷ 5; at most 0.2 with one answer per demand), MRR (mean 1/rank, 0 when
not ranked in the top ``depth``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from jiazhou.matching.engine import Demand, MatchIndex, Supply


@dataclass(frozen=True)
class EvalPair:
    id: str
    field: str
    supply: str
    demand: str


def load_eval_pairs() -> list[EvalPair]:
    text = resources.files("jiazhou.matching").joinpath("data/eval_pairs.tsv").read_text("utf-8")
    pairs = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pid, field, supply, demand = line.split("\t")
        pairs.append(EvalPair(pid, field, supply, demand))
    return pairs


def _metrics(ranks: Sequence[int | None], ks: Sequence[int]) -> dict[str, float]:
    n = len(ranks) or 1
    out = {f"recall@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in ks}
    out["precision@5"] = sum(1 for r in ranks if r is not None and r <= 5) / (5 * n)
    out["mrr"] = sum(1 / r for r in ranks if r is not None) / n
    return out


def evaluate(
    pairs: Sequence[EvalPair],
    *,
    use_field: bool = True,
    titles_only: bool = False,
    ks: Sequence[int] = (1, 5, 20),
    depth: int = 50,
) -> dict[str, float]:
    """Rank every 成果 for every 需求 with :class:`MatchIndex`; ``use_field`` gives the demand its
    field (the same-field bonus), as the market page does; ``titles_only`` indexes only the
    成果's title (the part before "：") — the harder case of a terse catalogue entry."""
    supplies = [
        Supply(p.id, p.supply.partition("：")[0] if titles_only else p.supply, field=p.field)
        for p in pairs
    ]
    index = MatchIndex.build(supplies)
    demands = [Demand(p.id, p.demand, field=p.field if use_field else "") for p in pairs]
    results = index.match_many(demands, k=depth)
    ranks: list[int | None] = []
    for demand, matches in zip(demands, results, strict=True):
        ids = [m.supply_id for m in matches]
        ranks.append(ids.index(demand.id) + 1 if demand.id in ids else None)
    return _metrics(ranks, ks)


def random_baseline(
    pairs: Sequence[EvalPair], *, seed: int = 17, ks: Sequence[int] = (1, 5, 20)
) -> dict[str, float]:
    """The same metrics for a random ranking of all 成果 (what a floor must beat)."""
    rng = random.Random(seed)
    ids = [p.id for p in pairs]
    ranks: list[int | None] = []
    for p in pairs:
        order = ids[:]
        rng.shuffle(order)
        ranks.append(order.index(p.id) + 1)
    return _metrics(ranks, ks)
