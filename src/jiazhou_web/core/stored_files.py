"""Files that appear only when their transaction commits (附件、通报文件).

An action calls :func:`stage` inside its transaction: the content is written at once under
``.pending/<token>/<final name>`` (so a full disk or an unwritable folder fails the action
before anything is committed, with :class:`StorageUnavailable`), the row gets the final name,
and the file is moved there by ``transaction.on_commit``. A rolled-back action leaves no file:
:func:`discard_on_failure` (a decorator outside ``transaction.atomic``) deletes what it staged,
and what a killed worker staged stays under ``.pending/``, where ``manage.py orphan_files``
finds it (and finishes the move if the row did commit).

Each file gets its own ``<token>/`` folder, so two uploads of one file name never collide and a
download keeps the name the user gave it.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import os
import uuid
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any, ParamSpec, TypeVar

from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import models, transaction

from jiazhou_web.core.failures import StorageUnavailable

logger = logging.getLogger("jiazhou.files")

PENDING_DIR = ".pending"

P = ParamSpec("P")
R = TypeVar("R")

_scope: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "staged_files", default=None
)


def pending_name(token: str, final: str) -> str:
    return f"{PENDING_DIR}/{token}/{final}"


def final_name_of(pending: str) -> str:
    """``.pending/<token>/<final>`` → ``<final>``."""
    parts = PurePosixPath(pending).parts
    if len(parts) < 3 or parts[0] != PENDING_DIR:
        raise ValueError(f"not a pending file name: {pending}")
    return str(PurePosixPath(*parts[2:]))


def stage(instance: models.Model, field_name: str, content: Any, name: str = "") -> str:
    """Write ``content`` for ``instance.<field_name>`` now under a pending name; the row gets
    the final name, the file moves there when the transaction commits. Returns the final name.

    Raises :class:`StorageUnavailable` (nothing written) when storage refuses the write."""
    field_file = getattr(instance, field_name)
    field = field_file.field
    storage: Storage = field_file.storage
    token = uuid.uuid4().hex
    original = PurePosixPath(str(name or getattr(content, "name", "") or "file")).name
    final: str = field.generate_filename(instance, f"{token}/{original}")
    pending = pending_name(token, final)
    if not isinstance(content, File):
        content = File(content, name=original)
    try:
        written = storage.save(pending, content, max_length=None)
    except OSError as exc:
        discard(storage, pending)  # a full disk leaves a partial file behind
        raise StorageUnavailable(
            exc.errno, f"文件未能写入 / the file could not be written: {exc.strerror or exc}"
        ) from exc
    staged = _scope.get()
    if staged is not None:
        staged.append((storage, written))
    setattr(instance, field_name, final)
    transaction.on_commit(lambda: publish(storage, written), robust=True)
    return final


def publish(storage: Storage, pending: str) -> str:
    """Move a pending file to its final name (after its row committed)."""
    final = final_name_of(pending)
    try:
        source, target = storage.path(pending), storage.path(final)
    except NotImplementedError:  # a storage without local paths: copy, then delete
        with storage.open(pending, "rb") as handle:
            storage.save(final, handle)
        storage.delete(pending)
        return final
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.replace(source, target)
    _remove_empty_parents(storage, pending)
    return final


def discard(storage: Storage, pending: str) -> None:
    """Delete a pending file whose transaction did not commit."""
    try:
        storage.delete(pending)
        _remove_empty_parents(storage, pending)
    except OSError as exc:  # the orphan command will find it
        logger.warning("pending file %s not removed: %s", pending, exc)


def _remove_empty_parents(storage: Storage, pending: str) -> None:
    try:
        root = os.path.realpath(storage.path(PENDING_DIR))
        folder = os.path.dirname(os.path.realpath(storage.path(pending)))
    except NotImplementedError:
        return
    while folder.startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def discard_on_failure(func: Callable[P, R]) -> Callable[P, R]:
    """Put outside ``@transaction.atomic``: if the action fails (or its commit does), the files
    it staged are deleted before the error goes on."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        outer = _scope.get()
        staged: list[tuple[Storage, str]] = []
        token = _scope.set(staged)
        try:
            result = func(*args, **kwargs)
        except BaseException:
            for storage, pending in staged:
                discard(storage, pending)
            raise
        finally:
            _scope.reset(token)
        if outer is not None:  # an enclosing action still decides: hand the files up
            outer.extend(staged)
        return result

    return wrapper
