"""The token rules of ``jiazhou.matching.tokenize`` on hand-checked phrases.

Module docstring: jieba's search-mode cut with the domain dictionary, stopwords and punctuation
removed; a one-character term is kept only when it carries meaning here (钒, 硅, 锂 …), and a
longer term that contains one also yields it (全钒液流电池 also says 钒). Numbers stay terms.
"""

from __future__ import annotations

from jiazhou.matching.tokenize import tokenize


def test_a_one_character_element_alone_is_a_term() -> None:
    assert tokenize("钒") == ["钒"]
    assert tokenize("钒和锂") == ["钒", "锂"]


def test_other_single_characters_are_dropped_and_numbers_kept() -> None:
    """年产2000吨 cuts into 年产 / 2000 / 吨: 吨 says nothing alone, the capacity 2000 stays."""
    assert tokenize("年产2000吨") == ["年产", "2000"]


def test_a_two_character_term_yields_its_element() -> None:
    assert tokenize("硅片") == ["硅片", "硅"]


def test_punctuation_inside_a_text_does_not_end_it() -> None:
    """C++ is punctuation-bearing, not a term; the words after it still count."""
    assert tokenize("C++钒电池") == ["电池", "钒电池", "钒"]
    assert tokenize("钒电池--储能") == ["电池", "钒电池", "钒", "储能"]
