"""企业诉求 rows of the status matrix (core/tests/test_status_matrix.py).

The world's firm (五通桥) raises a ticket that the city dispatches to 市经信局 (the world's
department); a second one is signed, contacted and has an extension request pending. The
``step`` row posts 签收: only the unit's officer may (then it is done, 302).
"""

from __future__ import annotations

from jiazhou_web.core.tests.world import World

#                     city zone county dept firm reviewer outsider anonymous
MATRIX = """
tickets:index                 200 200 200 200 403 403 403 302
tickets:index?export          200 200 200 200 403 403 403 302
tickets:record                200 200 200 403 403 403 403 302
tickets:record*               200 200 200 403 403 403 403 302
tickets:workbench             200 200 200 200 403 403 403 302
tickets:rates                 200 200 200 200 403 403 403 302
tickets:rates?export          200 200 200 200 403 403 403 302
tickets:ranking               200 200 200 200 403 403 403 302
tickets:supervision           200 200 200 200 403 403 403 302
tickets:report                200 200 200 200 403 403 403 302
tickets:catalogue             200 200 200 200 403 403 403 302
tickets:mine                  403 403 403 403 200 403 403 302
tickets:raise                 403 403 403 403 200 403 403 302
tickets:raise*                403 403 403 403 200 403 403 302
tickets:detail                200 404 200 200 200 403 403 302
tickets:step*                 403 404 403 302 403 403 403 302
tickets:extension_decide*     302 404 302 403 403 403 403 302
tickets:attachment            200 404 200 200 200 403 403 302
"""


def urls(w: World) -> dict[str, str]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import TestCase

    from jiazhou_web.tickets import actions

    firm, unit = w.objects["firm"], w.objects["department"]
    city, dept, firm_user = (
        w.users["city_admin"],
        w.users["dept_officer"],
        w.users["enterprise_user"],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):  # stored files land on commit
        first = actions.raise_ticket(
            firm,
            title="用电增容迟迟未批复",
            text="园区用电增容申请两个月未批复",
            attachment=SimpleUploadedFile("批复申请.pdf", b"%PDF-1.4 test"),
            actor=firm_user,
        )
    actions.dispatch(first, unit=unit, actor=city)
    second = actions.raise_ticket(
        firm, title="研发后补助咨询", text="研发费用后补助何时拨付", actor=firm_user
    )
    actions.dispatch(second, unit=unit, actor=city)
    actions.sign(second, actor=dept)
    actions.contact(second, actor=dept)
    ext = actions.request_extension(second, working_days=2, reason="需会同财政局核实", actor=dept)
    return {
        "tickets:index": "/tickets/",
        "tickets:record": "/tickets/new/",
        "tickets:workbench": "/tickets/workbench/",
        "tickets:rates": "/tickets/rates/",
        "tickets:ranking": "/tickets/boards/",
        "tickets:supervision": "/tickets/supervision/",
        "tickets:report": "/tickets/report/?format=pdf",
        "tickets:catalogue": "/tickets/catalogue/",
        "tickets:mine": "/tickets/mine/",
        "tickets:raise": "/tickets/mine/new/",
        "tickets:detail": f"/tickets/{first.pk}/",
        "tickets:step": f"/tickets/{first.pk}/sign/",
        "tickets:extension_decide": f"/tickets/extensions/{ext.pk}/decide/",
        "tickets:attachment": f"/tickets/attachments/{first.attachments.get().pk}/",
    }
