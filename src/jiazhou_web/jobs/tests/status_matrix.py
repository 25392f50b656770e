"""Status matrix rows of the 后台任务 pages (issue 21): everyone with a role lists their own jobs;
the city administrator sees every job but downloads only their own exports; a job of another
person is a 404 (its id is not revealed); a user without any role has no jobs page (403)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from jiazhou_web.core.tests.world import World
from jiazhou_web.jobs import actions
from jiazhou_web.jobs.choices import JobKind

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
jobs:list               200 200 200 200 200 200 403 302
jobs:detail             200 200 404 404 404 404 403 302
jobs:download           404 200 404 404 404 404 403 302
"""


def urls(w: World) -> dict[str, str]:
    job = actions.submit(JobKind.EXPORT, "导出「企业档案」", actor=w.users["zone_officer"])
    actions.start(job.pk)
    relative = Path("jobs") / f"matrix-{job.pk}.xlsx"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"PK")
    actions.finish(job.pk, result_path=str(relative), result_name="enterprises.xlsx")
    return {
        "jobs:list": "/jobs/",
        "jobs:detail": f"/jobs/{job.pk}/",
        "jobs:download": f"/jobs/{job.pk}/download/",
    }
