"""Reason codes: 不予登记 (火炬中心 FAQ 2021 [S], newer rule text arts. 36–39 [S]) and 撤销
(上海 沪科技市〔2025〕31号 [V partial]) — spec §3.2."""

from __future__ import annotations

REFUSAL_REASONS: dict[str, str] = {
    "invalid": "合同无效或尚未生效",
    "not_technology": "不属于技术合同",
    "unclear_terms": "当事人、标的或价款/报酬不明确",
    "approval_missing": "依法应当审批而未审批",
    "title_mismatch": "合同名称与权利义务不一致且未更正",
    "restrictive_clauses": "含有非法垄断技术或妨碍技术进步的条款",
    "proofs_missing": "证明材料缺失或不符合要求",
    "seals_mismatch": "签章不全或与当事人名称不符",
    "mixed_unclear": "混合合同中技术部分的交易额不明确",
}

REVOCATION_GROUNDS: dict[str, str] = {
    "false_contract": "虚假合同",
    "fraud": "以欺诈、贿赂或侵权等手段取得登记证明",
    "voided_not_cancelled": "合同已被确认无效但未申请注销",
    "duplicate": "重复登记",
}
