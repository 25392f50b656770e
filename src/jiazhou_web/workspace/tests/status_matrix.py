"""The workspace's rows of the status matrix (core/tests/test_status_matrix.py).

Workspace pages take no firm id: the enterprise user reaches its own firm (五通桥区), every
other persona holds no firm (403). The firm's declaration and correction go to 五通桥区, so its
county officer reviews them and the zone officer gets 404 (outside the zone's scope). POST rows
with an empty form are refused by validation after the permission checks (303 with a message).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from jiazhou_web.core.tests.world import World

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
workspace:index                 403 403 403 403 200 403 403 302
workspace:record                403 403 403 403 200 403 403 302
workspace:declarations          403 403 403 403 200 403 403 302
workspace:declaration_detail    403 404 200 403 200 403 403 302
workspace:declaration_return*   403 404 303 403 403 403 403 302
workspace:correction_create     403 403 403 403 200 403 403 302
workspace:correction_decide*    403 404 303 403 403 403 403 302
workspace:review_list           403 200 200 403 403 403 403 302
workspace:qualifications        403 403 403 403 200 403 403 302
workspace:documents             403 403 403 403 200 403 403 302
workspace:document_download     200 404 200 403 200 403 403 302
workspace:accounts              403 403 403 403 200 403 403 302
workspace:declaration_accept*   403 404 303 403 403 403 403 302
workspace:colleague_remove*     403 403 403 403 303 403 403 302
"""


def urls(w: World) -> dict[str, str]:
    from jiazhou_web.enterprises.actions import set_annual_figures
    from jiazhou_web.workspace import actions

    firm, user = w.objects["firm"], w.users["enterprise_user"]
    year = timezone.localdate().year - 1
    actions.appoint_admin(firm, user, actor=None)
    declaration = actions.submit_declaration(firm, year, {"employees_total": "40"}, actor=user)
    set_annual_figures(
        firm,
        year,
        {"operating_revenue": Decimal(5_000_000)},
        source="tax",
        as_of=dt.date(year + 1, 3, 31),
        actor=None,
    )
    correction = actions.request_correction(
        firm,
        fiscal_year=year,
        field="operating_revenue",
        proposed=Decimal(5_200_000),
        reason="税务口径未含其他业务收入",
        actor=user,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):  # stored files land on commit
        document = actions.upload_document(
            firm,
            kind="licence",
            title="营业执照",
            upload=SimpleUploadedFile("执照.pdf", BytesIO(b"%PDF-1.4 licence").read()),
            actor=user,
        )
    colleague = actions.invite_colleague(
        firm, username="firm_colleague", display_name="同事", password="Colleague-2026!", actor=user
    )
    return {
        "workspace:index": "/workspace/",
        "workspace:record": "/workspace/record/",
        "workspace:declarations": "/workspace/declarations/",
        "workspace:declaration_detail": f"/workspace/declarations/{declaration.pk}/",
        "workspace:declaration_return": f"/workspace/declarations/{declaration.pk}/return/",
        "workspace:declaration_accept": f"/workspace/declarations/{declaration.pk}/accept/",
        "workspace:correction_create": (
            f"/workspace/corrections/new/?year={year}&field=operating_revenue"
        ),
        "workspace:correction_decide": f"/workspace/corrections/{correction.pk}/decide/",
        "workspace:review_list": "/workspace/review/",
        "workspace:qualifications": "/workspace/qualifications/",
        "workspace:documents": "/workspace/documents/",
        "workspace:document_download": f"/workspace/documents/{document.pk}/",
        "workspace:accounts": "/workspace/accounts/",
        "workspace:colleague_remove": f"/workspace/accounts/{colleague.user_id}/remove/",
    }
