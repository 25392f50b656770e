"""manage.py restore ARCHIVE [--force]: back into an empty database (and MEDIA_ROOT)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jiazhou_web.operations import backups


class Command(BaseCommand):
    help = "从备份恢复数据库和上传文件（目标库须为空）/ restore a backup into an empty database"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="manage.py backup 写出的 .tar.gz")
        parser.add_argument(
            "--force", action="store_true", help="覆盖非空数据库 / replace a non-empty database"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"找不到备份文件 / no such archive: {archive}")
        try:
            manifest = backups.restore_backup(archive, force=options["force"])
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已恢复 / restored: {archive}\n  {backups.describe(manifest)}")
