"""Issue 12: the bad-input corpus (tests/schemes/bad_inputs/) through the web enterprise import.

No server error, nothing stored from a file with any error (no partial write), every row-level
message naming its row and column; files that parse store exactly the parsed values.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure

pytestmark = pytest.mark.django_db
URL = reverse("enterprises:enterprise_import")
CORPUS = Path(__file__).resolve().parents[4] / "tests" / "schemes" / "bad_inputs"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)


@pytest.fixture(autouse=True)
def _pinned() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _messages(response: Any) -> list[str]:
    outcome = response.context.get("outcome")
    rejected = response.context.get("rejected") or (outcome.rejected if outcome else "")
    found = [m for ms in outcome.errors.values() for m in ms] if outcome else []
    return [*found, *([rejected] if rejected else [])]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_through_the_web_import(client: Client, city_admin: Any, name: str) -> None:
    want = EXPECTED[name]
    client.force_login(city_admin)
    upload = SimpleUploadedFile(name, (CORPUS / name).read_bytes())
    response = client.post(URL, {"file": upload})
    messages = _messages(response)
    if want.get("web_outcome", want["outcome"]) == "error":
        assert response.status_code == 422, messages
        assert messages
        assert not Enterprise.objects.exists() and not EnterpriseFigure.objects.exists()
        for row, _column in want.get("problems", []):
            if row:
                assert any(f"第{row}行" in m and "「" in m for m in messages), (row, messages)
        return
    assert response.status_code == 200, messages
    for column, values in want.get("values", {}).items():
        if column == "fiscal_year":
            assert sorted(
                EnterpriseFigure.objects.values_list("fiscal_year", flat=True).distinct()
            ) == sorted(set(values))
            continue
        stored = EnterpriseFigure.objects.filter(field=column).order_by(
            "enterprise__uscc", "fiscal_year"
        )
        assert [f.value for f in stored] == [
            Decimal(str(v)).quantize(Decimal("0.0001")) for v in values
        ]
