"""The menu links to real pages (which status each persona gets is test_status_matrix.py)."""

from __future__ import annotations

import pytest

from jiazhou_web.core.menu import MENU

pytestmark = pytest.mark.django_db

BUILT = [item for section in MENU for item in section.items if item.built]


def test_menu_links_to_real_pages_for_every_section_that_is_built() -> None:
    assert len(BUILT) >= 20
