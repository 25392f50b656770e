"""BM25 over 成果 texts, structured filters and an explanation per match.

Scoring (documented rule numbers, tag [U] = our proposal, see docs/adr/0017-matching.md):

* text: BM25 (bm25s, Lucene variant, k1 = 1.5, b = 0.75) of the demand's terms over the
  supply's title + abstract + keywords; the top ``candidates`` (default 200) go on [U];
* hard filters [U]: TRL below the demand's minimum, asking price (lower end) above the demand's
  budget, and — when the demand asks for them — another field or a region outside the wanted
  prefix remove a candidate;
* bonuses [U]: + 10 % of the best text score for the same technical field, + 5 % for the same
  city (region code's first 4 digits), so a field/region tie-break never beats a clearly better
  text match;
* the explanation lists shared terms (most informative first), field relation, region distance
  (同县区 / 同市 / 省内 / 省外) and the budget margin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from jiazhou import humanize
from jiazhou.matching.tokenize import tokenize

FIELD_BONUS = 0.10  # [U] share of the best text score added for the same field
REGION_BONUS = 0.05  # [U] share of the best text score added for the same city
QUERY_CHUNK = 500  # 需求 scored per sparse product (bounds memory)


@dataclass(frozen=True)
class Supply:
    """One 成果: ``price_low``/``price_high`` in 万元 (None = 面议), ``trl`` 1–9."""

    id: str
    text: str
    field: str = ""
    region: str = ""  # 6-digit 行政区划代码 of the holder
    trl: int | None = None
    price_low: Decimal | None = None
    price_high: Decimal | None = None


@dataclass(frozen=True)
class Demand:
    """One 需求: ``budget`` in 万元 (None = 不限); filters apply only when set."""

    id: str
    text: str
    field: str = ""
    region: str = ""
    budget: Decimal | None = None
    min_trl: int | None = None
    same_field_only: bool = False
    region_prefix: str = ""  # e.g. "51" (四川) or "5111" (乐山) to keep only nearby holders


@dataclass(frozen=True)
class Match:
    supply_id: str
    score: float
    text_score: float
    shared_terms: tuple[str, ...]
    same_field: bool
    distance: str
    budget_margin: Decimal | None = None  # budget − asking price (lower end), 万元
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _city(code: str) -> int:
    """The city part (first four digits) of a region code as a number; -1 if there is none."""
    return int(code[:4]) if len(code) >= 4 and code[:4].isdigit() else -1


def region_distance(a: str, b: str) -> str:
    """同县区 / 同市 / 省内 / 省外 / 未知 from two 6-digit region codes."""
    if not a or not b:
        return "未知"
    if a == b:
        return "同县区"
    if a[:4] == b[:4]:
        return "同市"
    if a[:2] == b[:2]:
        return "省内"
    return "省外"


class MatchIndex:
    """An index over supplies; ``match`` / ``match_many`` rank them for demands."""

    def __init__(self, supplies: Sequence[Supply], tokens: list[list[str]], retriever: object):
        self.supplies = list(supplies)
        self._tokens = tokens
        self._retriever = retriever
        self._matrix: object | None = None
        # structured attributes as arrays: filters and bonuses run on all candidates at once
        self._field_ids: dict[str, int] = {}
        self._field = np.array(
            [self._field_ids.setdefault(s.field, len(self._field_ids)) for s in self.supplies],
            dtype=np.int32,
        )
        self._trl = np.array([-1 if s.trl is None else s.trl for s in self.supplies], np.int16)
        self._price = np.array(
            [np.nan if s.price_low is None else float(s.price_low) for s in self.supplies]
        )
        self._region = np.array([s.region for s in self.supplies], dtype=str)
        self._city = np.array([_city(s.region) for s in self.supplies], dtype=np.int32)

    def _df(self, term: str) -> int:
        """Documents holding ``term`` (the length of its row in bm25s's score matrix)."""
        sc = self._retriever.scores  # type: ignore[attr-defined]
        tid = self._retriever.vocab_dict.get(term)  # type: ignore[attr-defined]
        return 0 if tid is None else int(sc["indptr"][tid + 1] - sc["indptr"][tid])

    @classmethod
    def build(
        cls, supplies: Iterable[Supply], *, tokens: list[list[str]] | None = None
    ) -> MatchIndex:
        import bm25s

        supplies = list(supplies)
        if tokens is None:
            tokens = [tokenize(s.text) for s in supplies]
        retriever = bm25s.BM25(k1=1.5, b=0.75)
        # bm25s wants a non-empty corpus of non-empty documents
        safe = [t if t else ["\u2205"] for t in tokens] or [["\u2205"]]
        retriever.index(safe, show_progress=False)
        return cls(supplies, tokens, retriever)

    def __len__(self) -> int:
        return len(self.supplies)

    def _term_matrix(self) -> object:
        """bm25s's token-major score matrix (vocabulary × 成果) as scipy CSR, built once."""
        if self._matrix is None:
            from scipy.sparse import csr_matrix

            sc = self._retriever.scores  # type: ignore[attr-defined]
            vocab_size = len(sc["indptr"]) - 1
            self._matrix = csr_matrix(
                (sc["data"], sc["indices"], sc["indptr"]), shape=(vocab_size, sc["num_docs"])
            )
        return self._matrix

    def _retrieve(self, queries: list[list[str]], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Top ``k`` (position, BM25 score) per query, best first.

        The BM25 weights are bm25s's (Lucene variant); the sum over a query's distinct terms is
        done for many queries at once as one sparse product (queries × vocabulary) ·
        (vocabulary × 成果), which is what makes 10,000 需求 × 100,000 成果 fit in seconds.
        """
        from scipy.sparse import csr_matrix

        vocab = self._retriever.vocab_dict  # type: ignore[attr-defined]
        matrix = self._term_matrix()
        out: list[tuple[np.ndarray, np.ndarray]] = []
        for lo in range(0, len(queries), QUERY_CHUNK):
            chunk = queries[lo : lo + QUERY_CHUNK]
            rows: list[int] = []
            cols: list[int] = []
            for r, q in enumerate(chunk):
                ids = {vocab[t] for t in q if t in vocab}
                rows.extend([r] * len(ids))
                cols.extend(ids)
            qm = csr_matrix(
                (np.ones(len(rows), dtype=np.float32), (rows, cols)),
                shape=(len(chunk), matrix.shape[0]),  # type: ignore[attr-defined]
            )
            scores = (qm @ matrix).tocsr()
            for r in range(len(chunk)):
                start, end = scores.indptr[r], scores.indptr[r + 1]
                data = scores.data[start:end]
                cols_r = scores.indices[start:end]
                if len(data) > k:  # every hit as good as the k-th best, ties included
                    cut = np.partition(-data, k - 1)[k - 1]
                    top = np.flatnonzero(-data <= cut)
                    data, cols_r = data[top], cols_r[top]
                order = np.lexsort((cols_r, -data))[:k]  # ties: the earlier 成果 first
                out.append((cols_r[order], data[order]))
        return out

    def match(self, demand: Demand, k: int = 20, candidates: int = 200) -> list[Match]:
        return self.match_many([demand], k=k, candidates=candidates)[0]

    def match_many(
        self,
        demands: Sequence[Demand],
        k: int = 20,
        candidates: int = 200,
        *,
        tokens: list[list[str]] | None = None,
    ) -> list[list[Match]]:
        if not self.supplies or not demands:
            return [[] for _ in demands]
        if tokens is None:
            tokens = [tokenize(d.text) for d in demands]
        hits = self._retrieve(tokens, max(k, candidates))
        return [
            self._rank(demand, tokens[row], *hits[row], k) for row, demand in enumerate(demands)
        ]

    def _rank(
        self,
        demand: Demand,
        qtokens: list[str],
        ids: np.ndarray,
        scores: np.ndarray,
        k: int,
    ) -> list[Match]:
        if not len(scores):
            return []
        best = float(scores[0])
        keep = scores > 0
        if demand.min_trl is not None:
            trl = self._trl[ids]
            keep &= (trl < 0) | (trl >= demand.min_trl)
        if demand.budget is not None:
            price = self._price[ids]
            keep &= np.isnan(price) | (price <= float(demand.budget))
        fid = self._field_ids.get(demand.field, -1) if demand.field else -1
        same = self._field[ids] == fid
        if demand.same_field_only and demand.field:
            keep &= same
        if demand.region_prefix:
            keep &= np.char.startswith(self._region[ids], demand.region_prefix)
        city = _city(demand.region)
        near = self._city[ids] == city if city >= 0 else np.zeros(len(ids), dtype=bool)
        total = scores + FIELD_BONUS * best * same + REGION_BONUS * best * near
        cand = np.flatnonzero(keep)
        order = cand[np.lexsort((ids[cand], -total[cand]))][:k]  # ties: earlier 成果 first
        ranked = [
            (
                -float(total[i]),
                int(ids[i]),
                float(scores[i]),
                bool(same[i]),
                region_distance(demand.region, self.supplies[int(ids[i])].region),
            )
            for i in order
        ]
        qset = frozenset(qtokens)
        out: list[Match] = []
        for neg_score, pos, text_score, same_field, distance in ranked:
            supply = self.supplies[pos]  # explanations only for the k shown
            shared = sorted(qset & set(self._tokens[pos]), key=lambda t: (self._df(t), t))
            margin = (
                demand.budget - supply.price_low
                if demand.budget is not None and supply.price_low is not None
                else None
            )
            out.append(
                Match(
                    supply_id=supply.id,
                    score=round(-neg_score, 4),
                    text_score=round(text_score, 4),
                    shared_terms=tuple(shared[:8]),
                    same_field=same_field,
                    distance=distance,
                    budget_margin=margin,
                    reasons=_reasons(shared, same_field, demand, supply, distance, margin),
                )
            )
        return out


def _reasons(
    shared: list[str],
    same_field: bool,
    demand: Demand,
    supply: Supply,
    distance: str,
    margin: Decimal | None,
) -> tuple[str, ...]:
    reasons = []
    if shared:
        reasons.append("共同关键词：" + "、".join(shared[:8]))
    if demand.field:
        reasons.append(
            "同一技术领域" if same_field else f"领域不同（成果：{supply.field or '未填'}）"
        )
    reasons.append(f"距离：{distance}")
    if margin is not None:
        reasons.append(
            f"预算高出报价下限{humanize.number(margin)}万元" if margin > 0 else "预算与报价下限相当"
        )
    if supply.trl is not None:
        reasons.append(f"技术成熟度{supply.trl}级")
    return tuple(reasons)
