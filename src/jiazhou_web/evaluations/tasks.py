"""Background task of the annual evaluations: a stored evaluation run (10–15 s for 10,000
firms) as a job with progress, started from the run form (views.run_create)."""

from __future__ import annotations

from jiazhou_web.evaluations import actions
from jiazhou_web.jobs.models import Job
from jiazhou_web.jobs.queue import Outcome, Progress, run, starter


def create_run(job_id: int) -> None:
    """The task of an evaluation-run job (``Job.params``: scheme, eval_year, kind, code)."""
    run(job_id, _create_run)


def _create_run(job: Job, progress: Progress) -> Outcome:
    p = job.params
    actor = starter(job)
    evaluation = actions.create_run(
        p["scheme"], int(p["eval_year"]), p["kind"], p["code"], actor=actor, progress=progress
    )
    return Outcome(
        message=f"已生成草稿：{evaluation.unit_count} 家企业 / draft created: "
        f"{evaluation.unit_count} enterprises",
        result_url=evaluation.get_absolute_url(),
    )
