"""The error raised for bad index inputs: Chinese first, English second, naming the culprit."""

from __future__ import annotations


class IndexInputError(ValueError):
    """Bad framework, metadata or data, with a bilingual message naming the row or code."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh}；{en}")
        self.zh = zh
        self.en = en
