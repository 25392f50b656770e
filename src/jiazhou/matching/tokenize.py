"""Chinese tokenisation for matching: jieba search-mode cut + a domain dictionary + stopwords.

The user dictionary (``data/userdict.txt``) keeps Leshan's industry terms whole (全钒液流电池,
多晶硅, 冷氢化 …) so that they are shared terms in an explanation; jieba's search mode also emits
their parts (液流, 电池) and we add the one-character element terms (钒, 硅), so a demand that says 钒电池 still meets a supply that says 全钒液流电池.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9\-]+|\d+(?:\.\d+)?[A-Za-z%]+")
_SINGLE_KEEP = frozenset("钒硅锂磷碳氢氟硼稀茶酒")  # one-character terms that carry meaning here


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("jiazhou.matching").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    path = resources.files("jiazhou.matching").joinpath("data/userdict.txt")
    with resources.as_file(path) as p:
        tokenizer.load_userdict(str(p))
    return tokenizer


def tokenize(text: str) -> list[str]:
    """Terms of ``text`` (repeats kept: BM25 counts them), stopwords and punctuation removed."""
    stop = _stopwords()
    out: list[str] = []
    for token in _jieba().cut_for_search(text or ""):  # type: ignore[attr-defined]
        token = token.strip().lower()
        if not token or token in stop:
            continue
        if len(token) == 1 and token not in _SINGLE_KEEP:
            continue
        if len(token) > 1 and not _WORD.fullmatch(token) and not token.isdigit():
            continue
        out.append(token)
        # 全钒液流电池 also says 钒: let it meet 钒电池 (a lone 钒 is not said twice)
        out.extend(ch for ch in token if ch in _SINGLE_KEEP and ch != token)
    return out
