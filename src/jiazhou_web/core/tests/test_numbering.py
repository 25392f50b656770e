"""Document numbers come from a sequence row per series and year, never from count() + 1."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, transaction

from jiazhou_web.core.locality import locality
from jiazhou_web.core.models import DocumentSequence
from jiazhou_web.core.numbering import next_number


@pytest.mark.django_db
def test_numbers_run_per_series_and_year() -> None:
    assert [next_number("bulletin", 2027) for _ in range(3)] == [1, 2, 3]
    assert next_number("bulletin", 2028) == 1
    assert next_number("notice", 2027) == 1
    assert DocumentSequence.objects.get(series="bulletin", year=2027).last == 3


@pytest.mark.django_db
def test_a_new_sequence_continues_after_numbers_issued_before_it() -> None:
    assert next_number("notice", 2026, existing=lambda: 7) == 8
    assert next_number("notice", 2026, existing=lambda: 99) == 9  # only read at creation


@pytest.mark.django_db
def test_a_rolled_back_number_is_given_back() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("bulletin", 2030) == 1
        raise RuntimeError
    assert next_number("bulletin", 2030) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_share_a_number() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("并发测试需要 PostgreSQL / the concurrency test needs PostgreSQL")
    taken: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            for _ in range(10):
                with transaction.atomic():
                    n = next_number("notice", 2031)
                with lock:
                    taken.append(n)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(taken) == list(range(1, 41))


def test_locality_reads_settings_and_the_regions_file(settings: Any) -> None:
    place = locality()
    assert (place.city_code, place.city_name) == ("511100", "乐山市")
    assert (place.zone_code, place.zone_name) == ("LS-HTZ", "乐山高新区")
    assert place.number("bulletin", 2027, 3) == "乐科督通〔2027〕3号"
    settings.JIAZHOU_ISSUING_AUTHORITY = "眉山市科学技术局"
    settings.JIAZHOU_DOCUMENT_PREFIXES = {"bulletin": "眉科督通"}
    other = locality()
    assert other.authority == "眉山市科学技术局"
    assert other.number("bulletin", 2027, 1) == "眉科督通〔2027〕1号"
    with pytest.raises(KeyError, match="未配置文号前缀"):
        other.prefix("notice")
