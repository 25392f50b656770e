"""List (default) or remove files in MEDIA_ROOT that no row points to (孤立文件).

Orphans come from a worker killed between writing a file and committing its row (files are
staged under ``.pending/`` by ``core.stored_files``), or from files written before that
existed. A pending file whose row did commit (killed after the commit, before the move) is
moved into place with ``--delete``, not removed. Files younger than ``--min-age-minutes`` are
left alone: their request may still be running. ``import-errors/`` (annotated import files,
reached through the user's session) and ``jobs/`` (export files of background jobs, named by
``jobs.Job.result_path``, a path rather than a file field) are not examined.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser
from django.db import models

from jiazhou_web.core.stored_files import PENDING_DIR, discard, final_name_of, publish

SKIPPED_DIRS = ("import-errors", "jobs")


@dataclass
class OrphanReport:
    orphans: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)  # pending files whose row committed
    missing: list[str] = field(default_factory=list)  # rows whose file is nowhere
    too_young: list[str] = field(default_factory=list)


def referenced_names() -> set[str]:
    """Every file name stored in a FileField of any model."""
    names: set[str] = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                values = model._base_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True)
                names.update(str(v) for v in values.iterator() if v)
    return names


def scan(root: Path, *, min_age: dt.timedelta, now: dt.datetime | None = None) -> OrphanReport:
    """What in ``root`` no row points to (and which rows point to nothing)."""
    now = now or dt.datetime.now(tz=dt.UTC)
    referenced = referenced_names()
    report = OrphanReport()
    on_disk: set[str] = set()
    pending_finals: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root)
        if rel_dir.parts and rel_dir.parts[0] in SKIPPED_DIRS:
            dirnames[:] = []
            continue
        for filename in filenames:
            path = Path(dirpath) / filename
            name = (rel_dir / filename).as_posix()
            age = now - dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            if rel_dir.parts and rel_dir.parts[0] == PENDING_DIR:
                final = final_name_of(name)
                pending_finals.add(final)
                if final in referenced and not (root / final).exists():
                    report.unpublished.append(name)
                    continue
            else:
                on_disk.add(name)
                if name in referenced:
                    continue
            (report.too_young if age < min_age else report.orphans).append(name)
    report.missing = sorted(referenced - on_disk - pending_finals)
    for names in (report.orphans, report.unpublished, report.too_young):
        names.sort()
    return report


class Command(BaseCommand):
    help = "列出（默认）或删除无记录引用的孤立文件 / list (default) or remove orphan files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--delete",
            action="store_true",
            help="删除孤立文件并补完已提交的待移动文件 / remove orphans, finish committed moves",
        )
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="只处理早于此分钟数的文件（默认 60）/ only files older than this (default 60)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(default_storage.path(""))
        report = scan(root, min_age=dt.timedelta(minutes=options["min_age_minutes"]))
        delete = options["delete"]
        for name in report.orphans:
            self.stdout.write(f"孤立文件 orphan: {name}")
            if delete:
                discard(default_storage, name)
        for name in report.unpublished:
            self.stdout.write(f"待移动 committed, not moved: {name} → {final_name_of(name)}")
            if delete:
                publish(default_storage, name)
        for name in report.missing:
            self.stderr.write(f"文件缺失 missing file of a record: {name}")
        for name in report.too_young:
            self.stdout.write(f"较新，暂不处理 too recent, left alone: {name}")
        verb = "已删除 removed" if delete else "可删除 removable (dry run; --delete to remove)"
        self.stdout.write(
            f"孤立文件 {len(report.orphans)} 个 {verb}；待移动 {len(report.unpublished)} 个；"
            f"缺失 {len(report.missing)} 个 / {len(report.orphans)} orphans, "
            f"{len(report.unpublished)} unmoved, {len(report.missing)} missing"
        )
