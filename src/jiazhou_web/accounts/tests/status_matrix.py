"""The roles page (系统 → 用户与角色) in the expected-status matrix: city administrators only
(``users.manage``); everyone else 403 before any object is looked up, so ids are not revealed.
An empty assignment form is refused by validation (400, the page with its errors)."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts import actions
from jiazhou_web.core.seeding import DEMO_PASSWORD

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
user_list               200 403 403 403 403 403 403 302
user_create             200 403 403 403 403 403 403 302
user_create*            200 403 403 403 403 403 403 302
user_detail             200 403 403 403 403 403 403 302
user_detail@missing     404 403 403 403 403 403 403 302
role_assign*            400 403 403 403 403 403 403 302
user_unlock*            302 403 403 403 403 403 403 302
role_table              200 403 403 403 403 403 403 302
role_revoke*            302 403 403 403 403 403 403 302
"""


def urls(w: Any) -> dict[str, str]:
    subject = actions.create_user(
        username="matrix_subject", password=DEMO_PASSWORD, display_name="矩阵测试", actor=None
    )
    held = actions.assign_role(subject, "reviewer", actor=None)
    return {
        "user_list": "/accounts/users/",
        "user_create": "/accounts/users/new/",
        "user_detail": f"/accounts/users/{subject.pk}/",
        "user_detail@missing": f"/accounts/users/{10**6}/",
        "role_assign": f"/accounts/users/{subject.pk}/roles/",
        "user_unlock": f"/accounts/users/{subject.pk}/unlock/",
        "role_table": "/accounts/roles/",
        "role_revoke": f"/accounts/roles/{held.pk}/revoke/",
    }
