"""Proposing segments for an enterprise from its industry code and its business text
(docs/specs/next-capabilities.md §5.2: "industry code + product keyword match + manual
confirmation"). A proposal is never an attachment: an officer confirms it.

Rule (our proposal [U]):

* the firm's GB/T 4754 code *matches* a segment code when one is a prefix of the other, digits
  only (``C3825`` ~ ``3825``; ``C38`` ~ ``3825``);
* the firm is **in the chain** when its code matches any segment code of the chain;
* proposed for a segment when it is in the chain and a product or technology keyword of that
  segment occurs in its text; if no keyword of any segment occurs, it is proposed for the
  segments whose codes it matches (reason: code only).
"""

from __future__ import annotations

from dataclasses import dataclass

from jiazhou.chains.data_files import ChainSpec


@dataclass(frozen=True)
class Proposal:
    segment_code: str
    reason: str
    keywords: tuple[str, ...]
    code_match: bool


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def codes_match(firm_code: str, segment_code: str) -> bool:
    a, b = _digits(firm_code), _digits(segment_code)
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def propose_segments(chain: ChainSpec, industry_code: str, text: str) -> list[Proposal]:
    by_code = {
        s.code: any(codes_match(industry_code, c) for c in s.industry_codes) for s in chain.segments
    }
    if not any(by_code.values()):
        return []
    found = []
    for s in chain.segments:
        hits = tuple(k for k in (*s.product_keywords, *s.tech_keywords) if k and k in text)
        if hits:
            found.append(
                Proposal(
                    s.code,
                    f"行业代码 {industry_code} 属本链；关键词「{'、'.join(hits)}」",
                    hits,
                    by_code[s.code],
                )
            )
    if found:
        return found
    return [
        Proposal(s.code, f"行业代码 {industry_code} 与本环节代码相符（无关键词命中）", (), True)
        for s in chain.segments
        if by_code[s.code]
    ]
