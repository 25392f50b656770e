"""manage.py compute_index: cron entry point, a no-op when nothing changed."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from jiazhou_web.indices.models import IndexRun

pytestmark = pytest.mark.django_db


def test_the_command_computes_then_reports_unchanged(definition: Any) -> None:
    out = io.StringIO()
    call_command("compute_index", "--year", "2025", "--no-uncertainty", stdout=out)
    call_command("compute_index", "--all-years", "--no-uncertainty", stdout=out)
    assert "leshan_sti 2025: computed" in out.getvalue()
    assert "leshan_sti 2025: unchanged" in out.getvalue()
    assert IndexRun.objects.count() == 1
