"""后台任务 pages: my jobs (every job for the city administrators), one job's progress (polled
by htmx while it runs), and the download of a finished export (its starter only)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from jiazhou_web.core import access
from jiazhou_web.core.spreadsheets import XLSX_TYPE
from jiazhou_web.jobs import actions
from jiazhou_web.jobs.choices import JobStatus
from jiazhou_web.jobs.models import Job

PAGE_SIZE = 50
POLL_SECONDS = 2


def job_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "jobs.view")
    every = access.can(request.user, "jobs.view_all")
    jobs = Job.objects.for_user(request.user).select_related("started_by")
    status = request.GET.get("status", "")
    if status in JobStatus.values:
        jobs = jobs.filter(status=status)
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/job_list.html",
        {
            "title": gettext("All background jobs") if every else gettext("My background jobs"),
            "page": page,
            "every": every,
            "statuses": JobStatus.choices,
            "status": status,
        },
    )


def _visible(request: HttpRequest, pk: int) -> Job:
    access.require(request.user, "jobs.view")
    jobs = Job.objects.select_related("started_by")
    job: Job = access.get_visible_or_404(jobs, request.user, pk=pk)
    return job


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible(request, pk)
    context = {
        "title": job.label,
        "job": job,
        "poll_seconds": POLL_SECONDS,
        "retention_days": settings.JOB_FILE_RETENTION_DAYS,
        "may_download": job.has_file and access.can(request.user, "jobs.download", job),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "jobs/includes/progress.html", context)
    return render(request, "jobs/job_detail.html", context)


def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The export file of a finished job: its starter only (404 for anyone else, so the job's
    existence is not revealed), from under MEDIA_ROOT/jobs only."""
    job = _visible(request, pk)
    if not job.has_file or not access.can(request.user, "jobs.download", job):
        raise Http404("文件不存在 / no such file")
    root = (Path(settings.MEDIA_ROOT) / "jobs").resolve()
    path = (Path(settings.MEDIA_ROOT) / job.result_path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404("文件已不存在 / the file is gone")
    actions.record_download(job, actor=request.user)
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=job.result_name, content_type=XLSX_TYPE
    )
