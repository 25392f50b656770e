"""seed_demo prints only the demo accounts that can sign in with the printed password."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from jiazhou_web.accounts import actions as account_actions

pytestmark = pytest.mark.django_db


def test_the_printed_logins_are_the_accounts_that_can_sign_in() -> None:
    account_actions.create_user(
        username="demo_person", display_name="演示人员", password="Jiazhou@2026x", actor=None
    )
    account_actions.create_user(
        username="demo_unit_extra", display_name="某单位经办人", actor=None
    )  # no password: cannot sign in
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    printed = out.getvalue()
    assert "demo_person" in printed
    assert "demo_unit_extra" not in printed
