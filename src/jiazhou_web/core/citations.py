"""Rule citations as officials write them: 「《高新技术企业认定管理办法》第十一条（二）」.

Scheme files cite by short document number and the project's research notes
(``32号 第十一条(二); criteria.md §1.1 H2 [V]``). People get the document's title with its
article in Chinese; references to the project's own notes and the engineering remarks beside them
are left out, and the confidence tag becomes 已核实 / 二手来源 / 未核实.
"""

from __future__ import annotations

import re

from jiazhou.humanize import article_citation

# Short document number (as the scheme files write it) → title and full 文号.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "32号": ("高新技术企业认定管理办法", "国科发火〔2016〕32号"),
    "195号": ("高新技术企业认定管理工作指引", "国科发火〔2016〕195号"),
    "115号": ("科技型中小企业评价办法", "国科发政〔2017〕115号"),
    "63号": ("优质中小企业梯度培育管理暂行办法", "工信部企业〔2022〕63号"),
    "工信部企业〔2022〕63号": ("优质中小企业梯度培育管理暂行办法", "工信部企业〔2022〕63号"),
    "2号": ("优质中小企业梯度培育管理办法", "工信部企业〔2026〕2号"),
    "工信部企业〔2026〕2号": ("优质中小企业梯度培育管理办法", "工信部企业〔2026〕2号"),
    "工信厅企业函〔2025〕190号": ("", "工信厅企业函〔2025〕190号"),
}

TAGS = {"V": "已核实", "S": "二手来源", "U": "未核实", "S/U": "二手来源（待核实）"}

_TAG = re.compile(r"\[([VSU](?:/[VSU])?)\]")
_ARTICLE = re.compile(
    r"第([一二三四五六七八九十百零]+)条(?:\s*[(（]([一二三四五六七八九十]+)[)）])?"
)
_DOC = re.compile(r"^(工信[^\s]*?〔\d{4}〕\d+号|\d+号)\s*(.*)$")


def _one(part: str) -> str:
    m = _DOC.match(part.strip())
    if not m or m.group(1) not in DOCUMENTS:
        return ""
    title, number = DOCUMENTS[m.group(1)]
    rest = m.group(2).strip()
    if not title:  # title not verified: the 文号 alone
        return f"「{number}」"
    art = _ARTICLE.search(rest)
    if art:
        text = article_citation(title)[:-1] + f"第{art.group(1)}条"
        if art.group(2):
            text += f"（{art.group(2)}）"
        return text + "」"
    rest = re.sub(r"[:：].*$", "", rest).strip()
    return article_citation(title)[:-1] + (rest and f"{rest}") + "」"


def readable_cite(cite: str) -> str:
    """The documents a criterion rests on, for people; empty when it cites only project notes."""
    parts = [p for p in re.split(r"[;；]", cite) if p.strip()]
    out = [text for text in (_one(p) for p in parts) if text]
    return "、".join(dict.fromkeys(out))


def tag_label(tag: str) -> str:
    """The confidence tag of a rule number (criteria.md §0.1) in Chinese."""
    found = _TAG.search(f"[{tag}]") if tag and "[" not in tag else _TAG.search(tag or "")
    return TAGS.get(found.group(1), "") if found else ""


_PROJECT_NOTE = re.compile(
    r"[（(][^（()）]*criteria\.md[^（()）]*[)）]|[;；]?\s*criteria\.md[^;；]*"
)


def without_project_notes(text: str) -> str:
    """A document line without references to the project's research notes (criteria.md)."""
    return _PROJECT_NOTE.sub("", text).strip(" ;；")
