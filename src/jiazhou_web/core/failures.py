"""When the database or the disk fails: a Chinese-first page that says nothing was saved and
what to do, an HTTP status that says what kind of failure it was, and a log line with the
request ID (请求编号) so the administrator can find it.

``FailureMiddleware`` turns such errors raised by views into that page; ``error_views`` does the
same for errors raised anywhere else in the request (session save, middleware).
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

from jiazhou_web.core.request_ids import request_id_of

logger = logging.getLogger("jiazhou.failures")

READ_ONLY_SQLSTATE = "25006"  # PostgreSQL: read_only_sql_transaction
_STORAGE_ERRNOS = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.EIO,
    errno.EFBIG,
}


class StorageUnavailable(OSError):
    """A file could not be written (full disk, permissions, read-only mount); nothing was
    stored. Raised by :mod:`jiazhou_web.core.stored_files` with the original error as cause."""


@dataclass(frozen=True)
class Failure:
    """What kind of failure: the page's title, what happened, and the HTTP status."""

    code: str
    status: int
    title: str
    what: str


DATABASE_UNAVAILABLE = Failure(
    "database_unavailable",
    503,
    "数据库暂时不可用 / The database is unavailable",
    "数据库连接中断或正在重启。 / The database connection was lost or the database is restarting.",
)
DATABASE_READ_ONLY = Failure(
    "database_read_only",
    503,
    "数据库当前只读（维护中） / The database is read-only (maintenance)",
    "数据库当前只允许查询，不能保存。 / The database accepts reads only at the moment.",
)
DATABASE_FAILED = Failure(
    "database_failed",
    500,
    "保存失败 / Saving failed",
    "数据库拒绝了这次保存。 / The database refused this write.",
)
STORAGE_FULL = Failure(
    "storage_full",
    507,
    "文件存储空间已满 / File storage is full",
    "服务器磁盘空间不足，文件未能写入。 / The server's disk is full; the file was not written.",
)
STORAGE_UNWRITABLE = Failure(
    "storage_unwritable",
    503,
    "文件存储不可写 / File storage is not writable",
    "服务器的文件目录不可写，文件未能写入。 / The server's file folder is not writable; "
    "the file was not written.",
)


def _is_read_only(exc: BaseException) -> bool:
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == READ_ONLY_SQLSTATE:
        return True
    text = str(exc).lower()
    return "readonly database" in text or "read-only transaction" in text


def _storage_errno(exc: BaseException) -> int | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno is not None:
            return seen.errno
        seen = seen.__cause__
    return None


def classify(exc: BaseException) -> Failure | None:
    """The kind of failure ``exc`` is, or ``None`` if it is neither database nor storage."""
    if isinstance(exc, DatabaseError):
        if _is_read_only(exc):
            return DATABASE_READ_ONLY
        if isinstance(exc, OperationalError | InterfaceError):
            return DATABASE_UNAVAILABLE
        return DATABASE_FAILED
    if isinstance(exc, OSError):
        code = _storage_errno(exc)
        if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return STORAGE_FULL
        if isinstance(exc, StorageUnavailable) or code in _STORAGE_ERRNOS:
            return STORAGE_UNWRITABLE
    return None


def failure_message(failure: Failure, request_id: str) -> str:
    """One line for forms and messages: what happened, nothing saved, what to do."""
    return (
        f"{failure.title.split(' / ')[0]}：本次操作未保存任何数据，请稍后重试；"
        f"如多次失败请联系系统管理员（请求编号 {request_id}）。 / "
        f"{failure.title.split(' / ')[-1]}: nothing was saved; please retry later, and contact "
        f"the administrator if it keeps failing (request ID {request_id})."
    )


def log_failure(failure: Failure, request: HttpRequest | None, exc: BaseException) -> None:
    logger.error(
        "%s: %s %s [request %s]: %s",
        failure.code,
        getattr(request, "method", "-"),
        getattr(request, "path", "-"),
        request_id_of(request),
        exc,
        exc_info=exc,
    )


def failure_response(request: HttpRequest | None, failure: Failure) -> HttpResponse:
    """The failure page. Rendered without the request's context processors: they query the
    database, which may be what failed."""
    request_id = request_id_of(request)
    html = loader.get_template("errors/failure.html").render(
        {"failure": failure, "request_id": request_id, "path": getattr(request, "path", "")}
    )
    response = HttpResponse(html, status=failure.status)
    if failure.status == 503:
        response.headers["Retry-After"] = "60"
    return response


class FailureMiddleware:
    """Database and storage errors raised by a view become the failure page (never a bare 500)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        failure = classify(exc)
        if failure is None:
            return None
        log_failure(failure, request, exc)
        return failure_response(request, failure)
