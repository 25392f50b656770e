"""Status-matrix rows of 人才 (read by core/tests/test_status_matrix.py): one person employed by
the world firm (五通桥区), with a card."""

from __future__ import annotations

import datetime as dt
from typing import Any

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
talent:index                    200 200 200 403 200 403 403 302
talent:index?export             200 200 200 403 200 403 403 302
talent:detail                   200 404 200 403 200 403 403 302
talent:reveal*                  200 404 403 404 403 403 404 302
talent:card_issue*              302 404 403 404 403 403 404 302
talent:service_add*             302 404 403 404 403 403 404 302
talent:card_revoke*             302 404 403 404 403 403 404 302
"""


def urls(w: Any) -> dict[str, str]:
    from jiazhou_web.talent import actions

    admin, firm = w.users["city_admin"], w.objects["firm"]
    programme = actions.create_programme(
        actor=admin, code="T", name="测试计划", issuer="市委人才办"
    )
    talent = actions.add_talent(
        programme,
        actor=admin,
        year=2021,
        name="测试人",
        id_number="11010519491231002X",
        category="leading",
        degree="doctor",
        employer=firm,
        employer_name=firm.name,
        region=firm.region,
    )
    card = actions.issue_card(talent, actor=admin, card_class="A", issued_on=dt.date(2024, 5, 1))
    return {
        "talent:index": "/talent/",
        "talent:detail": f"/talent/{talent.pk}/",
        "talent:reveal": f"/talent/{talent.pk}/identity/",
        "talent:card_issue": f"/talent/{talent.pk}/cards/",
        "talent:service_add": f"/talent/{talent.pk}/cards/{card.pk}/services/",
        "talent:card_revoke": f"/talent/{talent.pk}/cards/{card.pk}/revoke/",
    }
