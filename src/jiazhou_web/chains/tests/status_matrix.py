"""Expected statuses of the chain pages (see core/tests/test_status_matrix.py for the layout)."""

from __future__ import annotations

from jiazhou_web.core.tests.world import World

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
chains:index                200 200 200 200 403 200 403 302
chains:detail               200 200 200 200 403 200 403 302
chains:segment              200 200 200 200 403 200 403 302
chains:chain_list           200 200 200 200 403 200 403 302
chains:chain_list?export    200 200 200 200 403 200 403 302
chains:recruit_detail       200 200 200 200 403 200 403 302
chains:load*                302 302 403 403 403 403 403 302
chains:chain_edit*          302 302 403 403 403 403 403 302
chains:propose*             302 302 403 403 403 403 403 302
chains:segment_edit*        302 302 403 403 403 403 403 302
chains:attach*              302 302 403 403 403 403 403 302
chains:decide*              302 302 403 403 403 403 403 302
chains:verify*              302 302 403 403 403 403 403 302
chains:recruit_create*      302 302 403 403 403 403 403 302
chains:need_create*         302 302 403 403 403 403 403 302
"""


def urls(w: World) -> dict[str, str]:
    from jiazhou_web.chains import actions
    from jiazhou_web.chains.models import Segment

    admin = w.users["city_admin"]
    actions.load_chain_data("crystalline-pv", actor=admin)
    cell = Segment.objects.get(chain__code="crystalline-pv", code="pv-cell")
    platform = actions.attach(
        cell, kind="platform", label="光伏省级重点实验室", level="provincial",
        source="省科技厅名单", verified_at="2026-11-01", actor=admin,
    )  # fmt: skip
    recruit = actions.create_recruit_list(cell, actor=admin)
    base = "/chains/crystalline-pv"
    return {
        "chains:index": "/chains/",
        "chains:detail": f"{base}/",
        "chains:segment": f"{base}/pv-cell/",
        "chains:chain_list": f"{base}/lists/firms/",
        "chains:recruit_detail": f"/chains/recruit/{recruit.pk}/",
        "chains:load": "/chains/load/crystalline-pv/",
        "chains:chain_edit": f"{base}/edit/",
        "chains:propose": f"{base}/propose/",
        "chains:segment_edit": f"{base}/pv-cell/edit/",
        "chains:attach": f"{base}/pv-cell/attach/",
        "chains:decide": f"/chains/attachments/{platform.pk}/decide/",
        "chains:verify": f"/chains/attachments/{platform.pk}/verify/",
        "chains:recruit_create": f"{base}/pv-cell/recruit/",
        "chains:need_create": f"{base}/pv-cell/need/",
    }
