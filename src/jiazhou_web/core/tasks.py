"""Background task of the generic list pages: a big Excel export (≥ EXPORT_JOB_MIN_ROWS rows)
written by the same code as the synchronous one (``ObjectListView.write_export``, which calls
:mod:`jiazhou.export_writer` through ``core.spreadsheets``), with progress."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import translation
from django.utils.module_loading import import_string

from jiazhou_web.jobs.models import Job
from jiazhou_web.jobs.queue import Outcome, Progress, run, starter

EXPORT_DIR = "jobs"


class TaskRequest:
    """What a list view reads of its request, rebuilt in the worker from the job's parameters:
    the user who started the export (so the rows are cut to *their* scope), the filters and
    the language of the page they exported from."""

    htmx = False
    method = "GET"

    def __init__(self, user: Any, query: str, language: str, path: str) -> None:
        self.user = user
        self.GET = QueryDict(query)
        self.session: dict[str, Any] = {}
        self.LANGUAGE_CODE = language
        self.path = path
        self.META: dict[str, Any] = {}


def export_list(job_id: int) -> None:
    """The task of a list export job (``Job.params``: view, query, columns, language, path)."""
    run(job_id, _export)


def _export(job: Job, progress: Progress) -> Outcome:
    params = job.params
    user = starter(job)
    view_class = import_string(params["view"])
    language = params.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        view = view_class()
        view.request = TaskRequest(user, params.get("query", ""), language, params.get("path", ""))
        view.args, view.kwargs = (), params.get("kwargs", {})
        if hasattr(view, "test_func") and not view.test_func():  # permission lost since
            raise ValidationError(
                "发起人已无权导出此列表 / the starter may no longer export this list"
            )
        _, rows = view.filtered()
        total = rows.count()
        content = view.write_export(rows, params.get("columns", []), progress=progress)
        name = f"{view.export_name}.xlsx"
    relative = Path(EXPORT_DIR) / f"{job.pk}-{uuid.uuid4().hex}.xlsx"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return Outcome(
        message=f"已导出 {total} 行 / {total} rows exported",
        result_path=str(relative),
        result_name=name,
    )
