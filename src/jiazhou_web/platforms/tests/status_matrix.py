"""Status-matrix rows of 创新平台 (read by core/tests/test_status_matrix.py): one platform hosted
by the world firm (五通桥区)."""

from __future__ import annotations

import datetime as dt
from typing import Any

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
platforms:index                 200 200 200 200 200 200 403 302
platforms:create                200 200 200 403 403 403 403 302
platforms:create*               200 200 200 403 403 403 403 302
platforms:detail                200 200 200 200 200 200 403 302
platforms:evaluate*             302 403 302 403 403 403 403 302
platforms:report*               302 403 302 403 302 403 403 302
"""


def urls(w: Any) -> dict[str, str]:
    from jiazhou_web.platforms import actions

    firm = w.objects["firm"]
    platform = actions.register(
        actor=w.users["city_admin"],
        region=firm.region,
        name="矩阵测试企业技术中心",
        kind="enterprise_centre",
        level="provincial",
        host_enterprise=firm,
        host_name=firm.name,
        recognised_on=dt.date(2020, 5, 1),
        source="测试",
    )
    return {
        "platforms:index": "/platforms/",
        "platforms:create": "/platforms/new/",
        "platforms:detail": f"/platforms/{platform.pk}/",
        "platforms:evaluate": f"/platforms/{platform.pk}/evaluation/",
        "platforms:report": f"/platforms/{platform.pk}/report/",
    }
