"""Status-matrix rows of 科技项目 (read by core/tests/test_status_matrix.py): an open call, the
world firm's application under expert review with the world reviewer drawn for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
projects:index                  200 200 200 200 200 200 403 302
projects:call_create            200 403 403 403 403 403 403 302
projects:call_create*           200 403 403 403 403 403 403 302
projects:call_detail            200 200 200 200 200 200 403 302
projects:call_state*            302 403 403 403 403 403 403 302
projects:call_rank*             302 403 403 403 403 403 403 302
projects:application_create     403 403 403 403 200 403 403 302
projects:application_create*    403 403 403 403 200 403 403 302
projects:application_detail     200 404 200 404 200 200 404 302
projects:application_step*      302 404 403 404 403 403 404 302
projects:milestone_add*         302 404 403 404 403 403 404 302
projects:milestone_done*        404 404 403 404 404 403 404 302
projects:item_link*             302 404 403 404 403 403 404 302
projects:review_queue           403 403 403 403 403 200 403 302
projects:assignment_score*      403 403 403 403 403 302 403 302
projects:expert_list            200 403 403 403 403 403 403 302
projects:external_list          200 200 200 200 200 200 403 302
projects:enterprise_projects    200 404 200 404 200 200 403 302
"""


def urls(w: Any) -> dict[str, str]:
    from jiazhou_web.projects import actions
    from jiazhou_web.projects.models import Expert

    admin, firm_user = w.users["city_admin"], w.users["enterprise_user"]
    today = timezone.localdate()
    call = actions.create_call(
        actor=admin,
        code="MATRIX-01",
        title="矩阵测试指南",
        year=today.year,
        field="新材料",
        budget_yuan="1000000",
        max_per_project_yuan="100000",
        opens=today - dt.timedelta(days=1),
        closes=today + dt.timedelta(days=1),
        experts_per_application=1,
    )
    actions.set_call_state(call, "open", actor=admin)
    Expert.objects.create(
        code="M1", name="矩阵专家", unit_name="某大学", fields=["新材料"], user=w.users["reviewer"]
    )
    app = actions.create_application(
        call, w.objects["firm"], actor=firm_user, title="矩阵项目", requested_yuan="1000"
    )
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=admin)
    (assignment,) = actions.draw(app, actor=admin, seed=1)
    return {
        "projects:index": "/projects/",
        "projects:call_create": "/projects/calls/new/",
        "projects:call_detail": f"/projects/calls/{call.pk}/",
        "projects:call_state": f"/projects/calls/{call.pk}/state/",
        "projects:call_rank": f"/projects/calls/{call.pk}/rank/",
        "projects:application_create": f"/projects/calls/{call.pk}/apply/",
        "projects:application_detail": f"/projects/applications/{app.pk}/",
        "projects:application_step": f"/projects/applications/{app.pk}/form_pass/",
        "projects:milestone_add": f"/projects/applications/{app.pk}/milestones/add",
        "projects:milestone_done": f"/projects/applications/{app.pk}/milestones/999999/done",
        "projects:item_link": f"/projects/applications/{app.pk}/items/",
        "projects:review_queue": "/projects/review/",
        "projects:assignment_score": f"/projects/review/{assignment.pk}/",
        "projects:expert_list": "/projects/experts/",
        "projects:external_list": "/projects/national-provincial/",
        "projects:enterprise_projects": f"/projects/enterprise/{w.objects['firm'].pk}/",
    }
