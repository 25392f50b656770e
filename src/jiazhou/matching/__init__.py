"""Matching 成果 (supply) to 需求 (demand) for the 科技服务大市场 (issue 17).

Pure engine: Chinese tokenisation by jieba (with a Leshan-industry user dictionary), BM25
retrieval by ``bm25s``, structured filters (field, region, budget vs price, TRL) and an
explanation of every match. No Django here (import-linter contract).

>>> idx = MatchIndex.build([Supply("s1", "全钒液流电池电解液制备", field="新能源与高效节能")])
>>> [m.supply_id for m in idx.match(Demand("d1", "钒电池电解液成本高，寻求制备新工艺"))]
['s1']
"""

from jiazhou.matching.engine import (
    Demand,
    Match,
    MatchIndex,
    Supply,
    region_distance,
)
from jiazhou.matching.evaluation import EvalPair, evaluate, load_eval_pairs, random_baseline
from jiazhou.matching.tokenize import tokenize

__all__ = [
    "Demand",
    "EvalPair",
    "Match",
    "MatchIndex",
    "Supply",
    "evaluate",
    "load_eval_pairs",
    "random_baseline",
    "region_distance",
    "tokenize",
]
