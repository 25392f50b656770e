"""Matching quality and speed (issue 17).

Run: ``.venv/bin/python benchmarks/bench_matching.py`` (quality on the labelled set + speed at
10,000 成果 × 1,000 需求) or ``--full`` for the issue's scale (100,000 成果 × 10,000 需求 top-20;
targets: matching ≤ 10 s, index build ≤ 30 s, peak memory ≤ 4 GB). ``--supplies/--demands`` set
other sizes. Speed texts are synthetic: terms drawn from the labelled set's own vocabulary, so the
term statistics look like the market's; tokenisation (jieba) is timed separately on real text.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from jiazhou.matching import (
    Demand,
    MatchIndex,
    Supply,
    evaluate,
    load_eval_pairs,
    random_baseline,
    tokenize,
)

FIELDS = ["新能源与高效节能", "新材料", "核应用", "环境保护", "生物医药", "农业", "先进制造"]


def quality() -> None:
    pairs = load_eval_pairs()
    print(f"labelled pairs: {len(pairs)}")
    for label, got in (
        ("BM25 + field", evaluate(pairs)),
        ("BM25 text only", evaluate(pairs, use_field=False)),
        ("titles + field", evaluate(pairs, titles_only=True)),
        ("titles only", evaluate(pairs, titles_only=True, use_field=False)),
        ("random ranking", random_baseline(pairs)),
    ):
        cells = "  ".join(f"{k}={v:.3f}" for k, v in got.items())
        print(f"  {label:<16} {cells}")


def speed(n_supplies: int, n_demands: int) -> None:
    pairs = load_eval_pairs()
    texts = [p.supply for p in pairs] + [p.demand for p in pairs]
    tokenize("预热")  # load jieba's dictionary outside the timing
    start = time.perf_counter()
    token_lists = [tokenize(t) for t in texts]
    per_text = (time.perf_counter() - start) / len(texts)
    print(
        f"jieba tokenisation: {per_text * 1e3:.3f} ms per text "
        f"(≈ {per_text * (n_supplies + n_demands):.1f} s for all texts at this scale)"
    )
    vocab = sorted({t for toks in token_lists for t in toks})
    rng = random.Random(17)

    def doc(n: int) -> list[str]:
        return [rng.choice(vocab) for _ in range(n)]

    supplies_tokens = [doc(rng.randint(12, 30)) for _ in range(n_supplies)]
    supplies = [Supply(f"s{i}", "", field=rng.choice(FIELDS)) for i in range(n_supplies)]
    demand_tokens = [doc(rng.randint(6, 14)) for _ in range(n_demands)]
    demands = [Demand(f"d{i}", "", field=rng.choice(FIELDS)) for i in range(n_demands)]

    start = time.perf_counter()
    index = MatchIndex.build(supplies, tokens=supplies_tokens)
    build = time.perf_counter() - start
    start = time.perf_counter()
    results = index.match_many(demands, k=20, candidates=100, tokens=demand_tokens)
    match = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert all(len(r) <= 20 for r in results)
    print(
        f"{n_supplies:,} 成果 × {n_demands:,} 需求 top-20: index build {build:.2f} s, "
        f"matching {match:.2f} s ({match / n_demands * 1e3:.2f} ms per 需求), "
        f"peak memory {peak_mb:,.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--supplies", type=int, default=10_000)
    parser.add_argument("--demands", type=int, default=1_000)
    args = parser.parse_args()
    if args.full:
        args.supplies, args.demands = 100_000, 10_000
    quality()
    speed(args.supplies, args.demands)


if __name__ == "__main__":
    main()
