"""The workspace's rows of the status matrix (core/tests/test_status_matrix.py).

Workspace pages take no firm id: the enterprise user reaches its own firm; every other
persona holds no firm (403). Officers' review pages answer for ZONE/COUNTY only.
"""

from __future__ import annotations

from jiazhou_web.core.tests.world import World

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
workspace:index                 403 403 403 403 200 403 403 302
workspace:record                403 403 403 403 200 403 403 302
"""


def urls(w: World) -> dict[str, str]:
    return {
        "workspace:index": "/workspace/",
        "workspace:record": "/workspace/record/",
    }
