"""Expected statuses of the assessment pages (layout: core/tests/test_status_matrix.py).

The report is 五通桥区's (the world's county officer): the zone officer gets 404 (outside its
scope), the city reviews it, the reviewer reads it."""

from __future__ import annotations

from jiazhou_web.core.tests.world import World

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
assessments:index               200 200 200 200 403 200 403 302
assessments:round_detail        200 200 200 200 403 200 403 302
assessments:what_if             200 403 403 403 403 403 403 302
assessments:report_detail       200 404 200 404 403 200 403 302
assessments:zone                200 200 200 200 403 200 403 302
assessments:round_open*         302 403 403 403 403 403 403 302
assessments:round_weights*      302 403 403 403 403 403 403 302
assessments:round_publicity*    302 403 403 403 403 403 403 302
assessments:round_publish*      302 403 403 403 403 403 403 302
assessments:report_submit*      403 404 302 404 403 403 403 302
assessments:report_review*      302 403 403 403 403 403 403 302
assessments:zone_benchmark*     302 403 403 403 403 302 403 302
assessments:zone_manual*        302 403 403 403 403 302 403 302
"""


def urls(w: World) -> dict[str, str]:
    from jiazhou_web.assessments import actions
    from jiazhou_web.assessments.models import CountyReport

    round_ = actions.open_round(2025, actor=w.users["city_admin"])
    report = CountyReport.objects.get(round=round_, region__code="511112")
    r = f"/assessments/rounds/{round_.pk}"
    return {
        "assessments:index": "/assessments/",
        "assessments:round_detail": f"{r}/",
        "assessments:what_if": f"{r}/what-if/",
        "assessments:report_detail": f"/assessments/reports/{report.pk}/",
        "assessments:zone": "/assessments/zone/",
        "assessments:round_open": "/assessments/rounds/open/",
        "assessments:round_weights": f"{r}/weights/",
        "assessments:round_publicity": f"{r}/publicity/",
        "assessments:round_publish": f"{r}/publish/",
        "assessments:report_submit": f"/assessments/reports/{report.pk}/submit/",
        "assessments:report_review": f"/assessments/reports/{report.pk}/review/",
        "assessments:zone_benchmark": "/assessments/zone/benchmark/",
        "assessments:zone_manual": "/assessments/zone/manual/",
    }
