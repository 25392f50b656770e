"""Industry chains (产业链图谱): chain data, segment status, enterprise matching, 招商 ranking.

Pure Python (no Django). Chains live as versioned TOML in ``data/``; the web app loads them and
keeps audited edits. Rules follow docs/specs/next-capabilities.md §5; every threshold here is
**our proposal [U]** (§5.4) and is named as a module constant so the page can cite it.
"""

from jiazhou.chains.data_files import ChainSpec, SegmentSpec, chain_files, load_chain, load_chains
from jiazhou.chains.matching import Proposal, propose_segments
from jiazhou.chains.prospects import Prospect, RankedProspect, rank_prospects
from jiazhou.chains.status import (
    STALE_AFTER_DAYS,
    TECH_WINDOW_YEARS,
    THIN_TOP_SHARE,
    SegmentFacts,
    SegmentStatus,
    StatusResult,
    age_days,
    segment_status,
)

__all__ = [
    "STALE_AFTER_DAYS",
    "TECH_WINDOW_YEARS",
    "THIN_TOP_SHARE",
    "ChainSpec",
    "Proposal",
    "Prospect",
    "RankedProspect",
    "SegmentFacts",
    "SegmentSpec",
    "SegmentStatus",
    "StatusResult",
    "age_days",
    "chain_files",
    "load_chain",
    "load_chains",
    "propose_segments",
    "rank_prospects",
    "segment_status",
]
