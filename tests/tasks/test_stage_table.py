"""The 督办 lifecycle table (criteria.md 督办: 立项 → 交办 → 签收 → 承办 → 办结申请 → 核查 → 销号)
at the edges the mutation run (issue 23) found unpinned: an unknown step is refused with a
bilingual message, and the shared table of steps cannot be changed by a caller."""

from __future__ import annotations

import dataclasses

import pytest

from jiazhou.tasks.stages import Stage, check_step, step


def test_an_unknown_step_is_named_in_both_languages() -> None:
    with pytest.raises(KeyError, match="未知步骤 'archive' / unknown step 'archive'"):
        step("archive")
    with pytest.raises(KeyError, match="未知步骤"):
        check_step("draft", "archive")


def test_the_step_table_is_read_only() -> None:
    # every request and the web layer read the same table: a caller cannot re-route 交办
    assign = step("assign")
    with pytest.raises(dataclasses.FrozenInstanceError):
        assign.target = Stage.CLOSED  # type: ignore[misc]
    assert check_step("draft", "assign") == Stage.ASSIGNED
