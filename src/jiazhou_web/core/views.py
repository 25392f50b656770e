"""Home, generic list/detail/import views, and the audit log.

App views subclass ``ObjectListView``, ``ObjectDetailView`` and ``ImportView`` and only declare
their queryset, filterset, table, importer and template (NetBox style).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_filters import FilterSet

from jiazhou_web.core import access, audit
from jiazhou_web.core.choices import CoreEvent
from jiazhou_web.core.dashboard import cards_for
from jiazhou_web.core.filtersets import AuditLogFilterSet
from jiazhou_web.core.imports import Importer, ImportOutcome
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.request_ids import request_id_of
from jiazhou_web.core.spreadsheets import XLSX_TYPE, Sheet, write_workbook, xlsx_response
from jiazhou_web.core.tables import AuditLogTable, Table

PAGE_SIZE = 50
Progress = Callable[[int, str], None]
logger = logging.getLogger("jiazhou.imports")


def home(request: HttpRequest) -> HttpResponse:
    """工作台: 我的待办 first (what this user must do, each a link), then the headline cards."""
    from jiazhou_web.core.contributions import todos_for

    todos = todos_for(request.user) if request.user.is_authenticated else []
    return render(request, "core/home.html", {"cards": cards_for(request.user), "todos": todos})


def search_page(request: HttpRequest) -> HttpResponse:
    """全局搜索 from the top bar: firms, indicators and 督办 items the user may see."""
    from jiazhou_web.core.search import search

    query = request.GET.get("q", "")[:100]
    return render(
        request,
        "core/search.html",
        {"title": _("Search"), "query": query, "groups": search(request.user, query)},
    )


def help_page(request: HttpRequest, slug: str = "README") -> HttpResponse:
    """帮助: the user guide's contents page or one chapter."""
    from jiazhou_web.core.user_guide import chapter, chapter_slugs

    found = chapter(slug)
    if found is None:
        raise Http404(slug)
    chapters = [c for c in (chapter(s) for s in chapter_slugs()) if c is not None]
    return render(
        request,
        "core/help.html",
        {
            "title": found.title,
            "chapter": found,
            "chapters": chapters,
            "contents": slug == "README",
        },
    )


def help_image(request: HttpRequest, name: str) -> FileResponse:
    from jiazhou_web.core.user_guide import image_path

    path = image_path(name)
    if path is None:
        raise Http404(name)
    return FileResponse(path.open("rb"), content_type="image/png")


def under_construction(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/under_construction.html", {"section": request.GET.get("section", "")}
    )


class ObjectListView(View):
    """A filtered, paginated list with column choice and an Excel export of what is shown."""

    queryset: ClassVar[QuerySet[Any]]
    filterset_class: ClassVar[type[FilterSet]]
    table_class: ClassVar[type[Table]]
    title: ClassVar[Any] = ""
    export_name: ClassVar[str] = "export"
    template_name: ClassVar[str] = "core/object_list.html"
    actions_template: ClassVar[str] = ""
    synthetic_note: ClassVar[bool] = False

    def get_queryset(self) -> QuerySet[Any]:
        return self.queryset.for_user(self.request.user)  # type: ignore[attr-defined, no-any-return]

    def extra_context(self) -> dict[str, Any]:
        """More template context for a subclass's ``actions_template``."""
        return {}

    def filtered(self) -> tuple[FilterSet, QuerySet[Any]]:
        """The filter form and the filtered rows in a stable order (what the export job reads)."""
        filterset = self.filterset_class(self.request.GET or None, queryset=self.get_queryset())
        rows = filterset.qs
        # pages must neither overlap nor skip rows (PostgreSQL has no natural order)
        if not rows.ordered:
            rows = rows.order_by("-pk")
        return filterset, rows

    def write_export(
        self, rows: QuerySet[Any], selected: list[str], *, progress: Progress | None = None
    ) -> bytes:
        """The Excel file of ``rows`` — the one code path of the synchronous export and of the
        export job (core/tasks.py), written by jiazhou.export_writer."""
        table = self.table_class(rows, selected)
        header, body = table.stream()  # rows read in chunks, written in constant memory
        if progress is not None:
            body = _reporting(body, rows.count(), progress)
        notes = [str(_("Synthetic data"))] if self.synthetic_note else []
        return write_workbook([Sheet(str(self.title), header, body, notes=notes)])

    def start_export_job(self, request: HttpRequest, selected: list[str], total: int) -> Any:
        """Queue the export as a background job and show its progress page."""
        from jiazhou_web.jobs import actions as job_actions
        from jiazhou_web.jobs.choices import JobKind
        from jiazhou_web.jobs.queue import enqueue

        query = request.GET.copy()
        query.pop("export", None)
        query.pop("page", None)
        job = job_actions.submit(
            JobKind.EXPORT,
            f"导出「{self.title}」（{total} 行）",
            actor=request.user,
            params={
                "view": f"{type(self).__module__}.{type(self).__qualname__}",
                "query": query.urlencode(),
                "columns": list(selected),
                "kwargs": dict(self.kwargs),
                "language": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
                "path": request.path,
                "rows": total,
            },
        )
        enqueue(job, "jiazhou_web.core.tasks.export_list")
        return redirect(job)

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset, rows = self.filtered()
        session_key = f"columns:{self.table_class.__name__}"
        selected = request.GET.getlist("columns") or request.session.get(session_key, [])
        if request.GET.getlist("columns"):
            request.session[session_key] = selected
        if request.GET.get("export") == "xlsx":
            total = rows.count()
            if total >= settings.EXPORT_JOB_MIN_ROWS and access.can(request.user, "jobs.view"):
                return self.start_export_job(request, selected, total)  # type: ignore[no-any-return]
            return xlsx_response(self.write_export(rows, selected), f"{self.export_name}.xlsx")
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        table = self.table_class(page.object_list, selected)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "title": self.title,
            "filterset": filterset,
            "table": table,
            "page": page,
            "query": query.urlencode(),
            "actions_template": self.actions_template,
            "synthetic_note": self.synthetic_note,
            **self.extra_context(),
        }
        template = "core/includes/object_table.html" if request.htmx else self.template_name  # type: ignore[attr-defined]
        return render(request, template, context)


class ObjectDetailView(View):
    """One object from the user's scope (404 outside it) with its audit timeline."""

    queryset: ClassVar[QuerySet[Any]]
    template_name: ClassVar[str]

    def get_object(self, pk: Any) -> Model:
        obj: Model = get_object_or_404(self.queryset.for_user(self.request.user), pk=pk)  # type: ignore[attr-defined]
        return obj

    def get_context(self, obj: Model) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        obj = self.get_object(pk)
        context = {"object": obj, "timeline": AuditLog.objects.for_object(obj)[:100]}
        context.update(self.get_context(obj))
        return render(request, self.template_name, context)


class ImportView(UserPassesTestMixin, View):
    """Upload an Excel file; everything is stored or nothing, with errors written per row."""

    importer_class: ClassVar[type[Importer]]
    title: ClassVar[Any] = ""
    template_name: ClassVar[str] = "core/import.html"
    template_filename: ClassVar[str] = "template.xlsx"

    def test_func(self) -> bool:
        return self.may_import(self.request.user)

    def may_import(self, user: Any) -> bool:
        return bool(user.is_authenticated)

    def get_importer(self) -> Importer:
        """The importer for this request (override to pass the user, a period, a list ...)."""
        return self.importer_class()

    def get(self, request: HttpRequest) -> HttpResponse:
        importer = self.get_importer()
        if request.GET.get("template"):
            return xlsx_response(importer.template(), self.template_filename)
        return render(request, self.template_name, {"title": self.title, "importer": importer})

    def post(self, request: HttpRequest) -> HttpResponse:
        importer = self.get_importer()
        upload = request.FILES.get("file")
        if upload is None:
            outcome_error = "请选择要上传的文件 / please choose a file to upload"
            return render(
                request,
                self.template_name,
                {"title": self.title, "importer": importer, "rejected": outcome_error},
                status=400,
            )
        outcome = importer.run(upload, actor=request.user)
        context: dict[str, Any] = {"title": self.title, "importer": importer, "outcome": outcome}
        if outcome.annotated:
            context["error_token"] = _store_error_file(request, outcome.annotated)
        if not outcome.ok:
            _record_rejection(request, importer, outcome)
        return render(
            request, self.template_name, context, status=200 if outcome.ok else outcome.status
        )


def _reporting(body: Iterator[list[Any]], total: int, progress: Progress) -> Iterator[list[Any]]:
    """``body`` unchanged, telling ``progress`` how far it got every 2 % (at least 500 rows)."""
    step = max(500, total // 50)
    for n, row in enumerate(body, start=1):
        yield row
        if n % step == 0 and total:
            progress(min(99, n * 100 // total), f"已写入 {n} / {total} 行 / {n} of {total} rows")


def _record_rejection(request: HttpRequest, importer: Importer, outcome: ImportOutcome) -> None:
    """Audit a rejected import without hiding the rejection: the import may have failed because
    the database connection died, so a dead connection is replaced once, and if the audit row
    still cannot be written the page shows the rejection anyway (the log keeps the request ID)."""
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                audit.record(
                    CoreEvent.IMPORT_REJECTED,
                    actor=request.user,
                    extra={
                        "importer": type(importer).__name__,
                        "rows": outcome.total_rows,
                        "failed_rows": outcome.failed_rows,
                        "rejected": outcome.rejected,
                    },
                )
            return
        except DatabaseError as exc:
            if attempt == 1 and not connection.in_atomic_block:
                connection.close()  # the retry opens a fresh connection
                continue
            logger.error(
                "import rejection not audited [request %s]: %s", request_id_of(request), exc
            )


def _error_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "import-errors"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _store_error_file(request: HttpRequest, content: bytes) -> str:
    """Keep the annotated workbook for download; ``""`` if storage refuses it (the errors are
    listed on the page anyway)."""
    token = uuid.uuid4().hex
    try:
        (_error_dir() / f"{token}.xlsx").write_bytes(content)
    except OSError as exc:
        logger.error(
            "annotated import file not stored [request %s]: %s", request_id_of(request), exc
        )
        return ""
    tokens = request.session.get("import_error_tokens", [])
    request.session["import_error_tokens"] = [*tokens[-19:], token]
    return token


def import_errors(request: HttpRequest, token: str) -> FileResponse:
    """The annotated workbook of a rejected import, only for the user who uploaded it."""
    if token not in request.session.get("import_error_tokens", []):
        raise Http404
    path = _error_dir() / f"{token}.xlsx"
    if not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"), as_attachment=True, filename="导入错误说明.xlsx", content_type=XLSX_TYPE
    )


class AuditLogListView(UserPassesTestMixin, ObjectListView):
    """The whole audit log: those who ``can`` "audit.view" (city administrators)."""

    queryset = AuditLog.objects.select_related("actor")
    filterset_class = AuditLogFilterSet
    table_class = AuditLogTable
    title = _("Audit log")
    export_name = "audit-log"

    def test_func(self) -> bool:
        return access.can(self.request.user, "audit.view")

    def get_queryset(self) -> QuerySet[Any]:
        return self.queryset
