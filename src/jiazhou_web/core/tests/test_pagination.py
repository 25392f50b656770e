"""Pagination: page numbers around the current page, first and last, gaps as …, and a total."""

from __future__ import annotations

from django.core.paginator import Paginator

from jiazhou_web.core.templatetags.jiazhou import page_numbers


def test_page_numbers_with_gaps() -> None:
    pages = Paginator(range(1000), 50)  # 20 pages
    assert page_numbers(pages.page(1)) == [1, 2, 3, None, 20]
    assert page_numbers(pages.page(10)) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_numbers(pages.page(20)) == [1, None, 18, 19, 20]
    assert page_numbers(Paginator(range(120), 50).page(2)) == [1, 2, 3]
