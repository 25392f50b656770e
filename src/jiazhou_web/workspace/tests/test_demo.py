"""The demo gives ``demo_enterprise`` a working workspace (through the real actions)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jiazhou_web.core.access import can
from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.workspace.models import CorrectionRequest, Declaration, FirmDocument, FirmMember


@pytest.mark.django_db
def test_the_demo_enterprise_has_a_declaration_in_review_and_a_colleague(
    shared_demo: Any,
) -> None:
    from jiazhou_web.accounts.models import User

    user = User.objects.get(username="demo_enterprise")
    member = FirmMember.objects.get(user=user)
    assert member.is_admin and can(user, "workspace.accounts", member.enterprise)
    states = sorted(
        Declaration.objects.filter(enterprise=member.enterprise).values_list("state", flat=True)
    )
    assert states == ["accepted", "submitted"]
    assert Declaration.objects.get(state="submitted").review_region.code == "LS-HTZ"
    assert FirmDocument.objects.filter(enterprise=member.enterprise).count() == 1
    assert CorrectionRequest.objects.filter(enterprise=member.enterprise, state="open").count() == 1
    colleague = Client()
    assert colleague.login(username="demo_enterprise_finance", password=DEMO_PASSWORD)
    assert colleague.get("/workspace/").status_code == 200
    officer = Client()
    officer.force_login(User.objects.get(username="demo_zone_officer"))
    queue = officer.get("/workspace/review/").content.decode()
    assert member.enterprise.name in queue
